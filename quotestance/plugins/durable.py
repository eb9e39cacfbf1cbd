"""Output files that survive a kill: locked, written one document at a time, repaired on resume.

A batch run can die at any moment (kill -9, a full disk, the machine going
down). The file sinks therefore write each document's rows with one
``write`` and flush them at once, so that whatever the run has reported is
in the file, and only the document being written at the moment of the kill
can be incomplete. On ``resume`` the file is repaired: a torn last row is
cut off, and the last document in the file is not counted as stored,
because nothing tells whether it was complete. A document written again
(that one, or one that another sink lacked) first loses its old rows, so
every document is in the file once, whatever was redone. The file is locked
while it is written, so two runs cannot interleave their rows. Without
``resume`` the file is emptied by :meth:`DurableFile.begin`, which the run
calls once every sink has opened: a sink that fails to open leaves the
other files as they were.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Callable

from ..errors import SinkError

try:  # POSIX; elsewhere files are not locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["DurableFile", "Parse"]

#: A file's bytes -> (its header, its rows as (document id, bytes) in file order), a torn last row left out.
Parse = Callable[[bytes], "tuple[bytes, list[tuple[str, bytes]]]"]


class DurableFile:
    """A binary file opened for appending documents, locked against other writers."""

    def __init__(self, target: str, *, resume: bool = False, parse: Parse | None = None) -> None:
        self.path = Path(target)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.parse = parse
        self.resume = resume
        #: Every document with rows in the file, and the last of them (perhaps cut short by a kill).
        self.held: set[str] = set()
        self.last: str | None = None
        self.handle: BinaryIO = self._open()
        try:
            if resume and parse is not None:
                self._keep(self._rows())
        except BaseException:
            self.handle.close()
            raise

    def _open(self) -> BinaryIO:
        handle = open(self.path, "a+b")  # never truncates on open
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise SinkError(f"{self.path} is being written by another run (the file is locked); "
                                "wait for it or choose another file") from None
        return handle

    def _rows(self) -> tuple[bytes, list[tuple[str, bytes]]]:
        assert self.parse is not None
        self.handle.seek(0)
        return self.parse(self.handle.read())

    def _keep(self, parsed: tuple[bytes, list[tuple[str, bytes]]]) -> None:
        """Cut the file after its last whole row and remember which documents it holds."""
        header, rows = parsed
        self.handle.truncate(len(header) + sum(len(row) for _, row in rows))
        self.held = {doc for doc, _ in rows}
        self.last = rows[-1][0] if rows else None

    @property
    def stored(self) -> set[str]:
        """The documents the file holds whole: all it holds but the last."""
        return self.held - {self.last} if self.last is not None else set(self.held)

    @property
    def empty(self) -> bool:
        self.handle.seek(0, os.SEEK_END)
        return self.handle.tell() == 0

    def begin(self) -> None:
        """Start the run: without ``resume``, empty the file (only now, once every sink has opened)."""
        if not self.resume:
            self.handle.truncate(0)

    def _forget(self, document_id: str) -> None:
        """Rewrite the file without ``document_id``'s rows, through a new file renamed over the old one."""
        header, rows = self._rows()
        partial = self.path.with_name(self.path.name + ".partial")
        with open(partial, "wb") as out:
            out.write(header + b"".join(row for doc, row in rows if doc != document_id))
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, self.path)
        self.handle.close()
        self.handle = self._open()
        self.held.discard(document_id)

    def write(self, data: str, document_id: str | None = None) -> None:
        """Append one document's rows (replacing the rows it already had) and hand them to the system at once."""
        if document_id is not None and document_id in self.held and self.parse is not None:
            self._forget(document_id)
        if data:
            self.handle.write(data.encode("utf-8"))
            self.handle.flush()

    def close(self) -> None:
        """Flush to disk and release the lock; an error here means rows may be lost and is raised."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
        finally:
            self.handle.close()
