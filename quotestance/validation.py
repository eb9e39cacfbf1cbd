"""What a plugin's quotation must be before the core trusts it.

The core reads every field of a :class:`~quotestance.types.Quote`: offsets
index the text, names are strings, scores are numbers. A plugin that
returns ``speaker=12345`` or ``start=10.0`` would fail deep inside
attribution or a sink and cost the whole batch, so each quote an extractor
returns is checked here first, and a bad one is dropped with the plugin's
name and the reason.
"""

from __future__ import annotations

import math
from typing import Any

from .types import Quote

__all__ = ["quote_problem"]

_TEXT_FIELDS = ("speaker", "speaker_mention", "cue", "stance", "lang")
_SPANS = (("speaker_start", "speaker_end", "speaker_mention"), ("cue_start", "cue_end", "cue"))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_probability(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and 0.0 <= value <= 1.0


def quote_problem(quote: Any, text: str) -> str | None:
    """Why ``quote`` is not a valid quotation of ``text``, or ``None`` when it is."""
    if not isinstance(quote, Quote):
        return f"{type(quote).__name__} is not a Quote"
    if not _is_int(quote.start) or not _is_int(quote.end):
        return f"offsets must be int, got start={quote.start!r}, end={quote.end!r}"
    if not 0 <= quote.start < quote.end <= len(text):
        return f"offsets {quote.start}:{quote.end} are empty or outside the text ({len(text)} characters)"
    if not isinstance(quote.text, str) or text[quote.start : quote.end] != quote.text:
        return f"text {quote.text!r} is not the slice {quote.start}:{quote.end} of the document"
    for name in _TEXT_FIELDS:
        value = getattr(quote, name)
        if value is not None and not isinstance(value, str):
            return f"{name} must be str or None, got {type(value).__name__}"
    if not isinstance(quote.kind, str):
        return f"kind must be str, got {type(quote.kind).__name__}"
    for start_name, end_name, text_name in _SPANS:
        start, end = getattr(quote, start_name), getattr(quote, end_name)
        if start is None and end is None:
            continue
        if not _is_int(start) or not _is_int(end) or not 0 <= start <= end <= len(text):
            return f"{start_name}/{end_name} must be int offsets inside the text, got {start!r}, {end!r}"
        shown = getattr(quote, text_name)
        if shown is not None and text[start:end] != shown:
            return f"{text_name} {shown!r} is not the slice {start}:{end} of the document"
    if not isinstance(quote.trace, tuple) or not all(isinstance(t, str) for t in quote.trace):
        return "trace must be a tuple of str"
    if quote.speaker_confidence is not None and not _is_probability(quote.speaker_confidence):
        return f"speaker_confidence must be a number from 0 to 1, got {quote.speaker_confidence!r}"
    scores = quote.stance_scores
    if scores is not None and (
        not isinstance(scores, dict) or not all(isinstance(k, str) and _is_probability(v) for k, v in scores.items())
    ):
        return "stance_scores must map labels (str) to probabilities"
    return None
