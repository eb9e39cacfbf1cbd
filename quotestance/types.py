"""Public records: what analysis returns to the caller.

Records are frozen so that a host can cache, hash and share them between
threads; ``to_dict`` gives plain JSON-safe values for sinks and the CLI.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Quote", "Diagnostic", "QuoteKind", "SPEECH_KINDS"]

QuoteKind = Literal["direct", "partial", "fragment", "indirect", "headline", "title", "scare", "other"]

#: Kinds that are somebody's words; the others are quote marks used for
#: something else (a linked headline, the name of a work, a scare quote).
#: A ``fragment`` (one or two quoted words inside a sentence) is attributed
#: like a partial quotation but returned only when asked for.
SPEECH_KINDS: frozenset[str] = frozenset({"direct", "partial", "fragment", "indirect"})


@dataclass(frozen=True)
class Quote:
    """One quotation found in a text.

    Offsets are character offsets into the exact string the caller passed,
    so ``source[q.start:q.end] == q.text`` always holds. Only ``text``,
    ``start`` and ``end`` are required; everything else defaults to
    "unknown", which lets plugins build quotes with what they know.
    """

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    stance: str | None = None
    stance_scores: dict[str, float] | None = field(default=None, hash=False)
    lang: str | None = None
    kind: str = "direct"
    trace: tuple[str, ...] = ()
    #: Calibrated probability that ``speaker`` is right (last, so that positional construction keeps its meaning).
    speaker_confidence: float | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"Quote offsets must satisfy 0 <= start <= end, got {self.start}, {self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"Quote text has {len(self.text)} characters but the offsets span {self.end - self.start}"
            )

    @property
    def is_speech(self) -> bool:
        """True for somebody's words, False for titles, headlines and scare quotes."""
        return self.kind in SPEECH_KINDS

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-safe values (lists instead of tuples, copies of mappings)."""
        data = asdict(self)
        data["trace"] = list(self.trace)
        data["stance_scores"] = dict(self.stance_scores) if self.stance_scores is not None else None
        return data


@dataclass(frozen=True)
class Diagnostic:
    """Something the scanner noticed but could not settle, with its offset.

    ``code`` is a stable machine-readable name (``unpaired-opening``,
    ``unpaired-closing``, ``mismatched-pair``, ``lost-opening``,
    ``lost-closing``, ``overlap``); ``message`` is for people.
    """

    code: str
    offset: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
