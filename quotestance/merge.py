"""Merge the quotations of several extractors into one list.

Extractors overlap: the built-in one and a plugin may both find the same
quotation, or a plugin's reported-speech span may contain a quoted fragment.
Spans that overlap by at least half of the shorter one are one quotation:
the span of the most specific kind is kept (direct, then partial, then
indirect), with the most complete attribution any of them found, except
that a span lying inside the kept one never lends it its attribution:
reported speech inside a quotation ("… the mayor said the roads were closed …")
is part of the quoted words, and its speaker is not the quotation's. Two
quoted fragments inside one span of reported speech stay two quotations.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from .types import Quote

__all__ = ["merge_quotes"]

_KIND_RANK = {"direct": 0, "partial": 1, "fragment": 2, "indirect": 3}
_ATTRIBUTION_FIELDS = ("speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end")


def _same(a: Quote, b: Quote) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return shared > 0 and shared * 2 >= shorter


def _inside(inner: Quote, outer: Quote) -> bool:
    """Strictly shorter and within ``outer``'s extent."""
    return outer.start <= inner.start and inner.end <= outer.end and inner.end - inner.start < outer.end - outer.start


def _attribution_score(q: Quote) -> int:
    return 4 * (q.speaker is not None) + 2 * (q.speaker_start is not None) + (q.cue is not None)


def merge_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    """One quote per quotation, in text order."""
    ordered = sorted(quotes, key=lambda q: (q.start, -q.end))
    groups: list[list[Quote]] = []
    for q in ordered:
        # Overlaps can only reach back to groups whose span is still open.
        for group in reversed(groups[-8:]):
            if any(_same(q, other) for other in group):
                group.append(q)
                break
        else:
            groups.append([q])
    merged = [q for group in groups for q in _resolved(group)]
    return sorted(merged, key=lambda q: (q.start, q.end))


def _resolved(group: list[Quote]) -> list[Quote]:
    """The group's quotation, and, merged on their own, members that do not overlap it.

    A sentence of reported speech can hold two quoted fragments; the span
    joins them into one group, but only the fragment it is kept for is the
    same quotation as the span: the other stands on its own, and takes the
    span's attribution too.
    """
    span = min(group, key=lambda q: (_KIND_RANK.get(q.kind, 9), -(q.end - q.start)))
    same = [q for q in group if q is span or _same(q, span)]
    apart = [q for q in group if not (q is span or _same(q, span))]
    donors = [q for q in same if not _inside(q, span)]
    best = max(donors, key=_attribution_score)
    if best is not span and _attribution_score(best) > _attribution_score(span):
        span = dataclasses.replace(
            span, **{f: getattr(best, f) for f in _ATTRIBUTION_FIELDS}, trace=span.trace + best.trace
        )
    if not apart:
        return [span]
    lenders = [d for d in donors if d is not span and any(_same(d, q) for q in apart)]  # the span of reported speech
    return [span] + merge_quotes(apart + lenders)
