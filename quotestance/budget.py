"""A per-document time budget for batch runs.

Every stage of quotestance is linear in the size of its input, but a batch
that runs unattended must not trust that alone: one garbled document must
become a logged skip, not a hung worker. The budget is cooperative. The
stages call :func:`check` between quotations (a few milliseconds apart), and
:func:`limit` sets the deadline for the document at hand in a context
variable, so nothing has to be passed down and threads do not share it.
The spaCy parse is not interrupted; it is cut into bounded pieces instead
(:data:`quotestance.selective.PIECE_CHARS`).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from typing import Iterator

from .errors import TimeBudgetExceeded

__all__ = ["DEFAULT_TIME_BUDGET", "check", "limit", "check_time_budget"]

#: Seconds one document may take in a batch run by default: a 1 MB article needs well under a minute.
DEFAULT_TIME_BUDGET = 300.0

_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("quotestance_deadline", default=None)


def check_time_budget(seconds: object) -> float | None:
    """``seconds`` as a budget: a positive number, or ``None`` for no limit."""
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0:
        from .errors import InputError

        raise InputError(f"time_budget must be a positive number of seconds or None, got {seconds!r}")
    return float(seconds)


@contextlib.contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` (``None``: no limit)."""
    token = _deadline.set(None if seconds is None else (time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise :class:`TimeBudgetExceeded` when the current document has used up its budget."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise TimeBudgetExceeded(f"took longer than its time budget of {deadline[1]:g} s (time_budget=, --time-budget)")
