"""Output files that survive a kill: locked, written one document at a time, repaired on resume.

A batch run can die at any moment (kill -9, a full disk, the machine going
down). The file sinks therefore write each document's rows with one
``write`` and flush them at once, so that whatever the run has reported is
in the file, and only the document being written at the moment of the kill
can be incomplete. On ``resume`` the file is repaired: a torn last row is
cut off, and the rows of the last document in the file are removed as well,
because nothing tells whether that document was complete; it is analysed
again. The file is locked while it is written, so two runs cannot
interleave their rows. Without ``resume`` the file is emptied, but only once
it is locked, which happens after the run has validated its options.
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

__all__ = ["DurableFile", "Repair"]

#: Given the file's bytes, the length of the prefix to keep and the documents stored in it.
Repair = Callable[[bytes], "tuple[int, set[str]]"]


class DurableFile:
    """A binary file opened for appending documents, locked against other writers."""

    def __init__(self, target: str, *, resume: bool = False, repair: Repair | None = None) -> None:
        self.path = Path(target)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle: BinaryIO = open(self.path, "a+b")  # never truncates on open
        try:
            self._lock()
            self.stored: set[str] = set()
            if resume and repair is not None:
                self.handle.seek(0)
                keep, self.stored = repair(self.handle.read())
                self.handle.truncate(keep)
            else:
                self.handle.truncate(0)
            self.handle.seek(0, os.SEEK_END)
        except BaseException:
            self.handle.close()
            raise

    def _lock(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        try:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SinkError(f"{self.path} is being written by another run (the file is locked); wait for it or choose another file") from None

    @property
    def empty(self) -> bool:
        return self.handle.tell() == 0

    def write(self, data: str) -> None:
        """Append one document's rows and hand them to the operating system at once."""
        self.handle.write(data.encode("utf-8"))
        self.handle.flush()

    def close(self) -> None:
        """Flush to disk and release the lock; an error here means rows may be lost and is raised."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
        finally:
            self.handle.close()
