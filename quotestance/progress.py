"""Progress of a long command-line run, and the line that sums it up.

A run over an archive takes hours; the bar (documents, quotes, documents per
second, time left) is drawn by tqdm on stderr only when stderr is a
terminal, so logs and pipelines stay clean. The summary line is printed
whatever stderr is.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["RunProgress"]


class RunProgress:
    """Counts documents, quotes and skips, and shows them while the run goes on."""

    def __init__(self, total: int | None, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.documents = 0
        self.quotes = 0
        self.skipped = 0
        self._started = time.perf_counter()
        show = enabled if enabled is not None else _is_terminal(self.stream)
        self._bar = None
        if show:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True, leave=False)

    def document(self, quotes: int) -> None:
        """One document analysed, with this many quotes."""
        self.documents += 1
        self.quotes += quotes
        self._advance()

    def skip(self) -> None:
        """One document skipped (its reason is logged where it happened)."""
        self.skipped += 1
        self._advance()

    def _advance(self) -> None:
        if self._bar is not None:
            self._bar.set_postfix(quotes=self.quotes, skipped=self.skipped, refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar and print the summary line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        seconds = time.perf_counter() - self._started
        rate = self.documents / seconds if seconds > 0 else 0.0
        print(
            f"quotestance: {self.documents} document{_s(self.documents)} analysed, {self.quotes} quote{_s(self.quotes)}, "
            f"{self.skipped} skipped, in {seconds:.1f} s ({rate:.1f} docs/s)",
            file=self.stream,
        )


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
