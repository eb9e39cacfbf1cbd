"""Generators of speaker proposals around a quotation, besides the cue rules.

:mod:`.cue_rules` reads the words next to the quote marks; the generators
here look further: the windows those rules read (the sentence, or the
incise inside a split quotation), a cue opening the next sentence, the
sentence before, a transcript label ("Q:", "MARSH:") before the quotation,
and the people and bodies named nearby. Each proposal names its generator,
which becomes a feature of the candidate.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..cues import CueLexicon
from .candidates import QuoteSite
from .cue_rules import Proposal, cue_proposals, next_sentence_proposals, previous_sentence_proposals
from .identity import EntityMemory
from .mentions import make_mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["own_proposals", "following_proposals", "previous_proposals", "label_proposal", "nearby_entity_proposals", "window"]

#: How many entities named near a quotation become candidates.
MAX_NEARBY = 6
#: Punctuation that ends a quotation's own sentence inside its marks ("Why?" Ilya Marsh asked.).
_FINAL_MARKS = {".", "!", "?", "\u2026"}
#: A transcript label: up to seven capitalised words ("Q", "MARSH", "BELARUSIAN OPPOSITION LEADER …") before ":" or a dash.
#: A speaker label in capitals opening the quoted words ("WALLACE:", "MR. PENCE:"): a transcript in quote marks.
_INSIDE_LABEL = re.compile(r"\s*((?:[A-ZÀ-Ý][A-ZÀ-Ý'’.-]*\s+){0,3}[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+)\s*:\s")
_LABEL = re.compile(r"(?:^|[\s\-\u2014\u2013>])((?:[A-ZÀ-Ý][\w'’.-]*\s+){0,6}[A-ZÀ-Ý][\w'’.-]*)\s*[:\u2014\u2013-]\s*$")


def window(doc: "Doc", start: int, end: int) -> "Span | None":
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="contract")


def own_proposals(doc: "Doc", site: QuoteSite, lexicon: CueLexicon) -> list[Proposal]:
    """What the cue rules propose from the words around the span (or around its incise)."""
    span = site.span
    if span.incise is not None and span.close_mark is None:
        after = window(doc, span.incise[0], span.incise[1])
    else:
        after = window(doc, site.close_at, site.context.sentence[1])
    if span.incise is not None and span.open_mark is None:
        before = window(doc, span.incise[0], span.incise[1])
    else:
        before = window(doc, site.context.sentence[0], site.open_at)
    return list(cue_proposals(doc, before, after, lexicon, prefer_before=site.kind == "partial"))


def previous_proposals(doc: "Doc", bounds: tuple[int, int] | None, lexicon: CueLexicon) -> list[Proposal]:
    return list(previous_sentence_proposals(doc, window(doc, *bounds) if bounds else None, lexicon))


def following_proposals(doc: "Doc", text: str, site: QuoteSite, lexicon: CueLexicon) -> list[Proposal]:
    """Proposals from a cue that opens the sentence right after the quotation, in its paragraph."""
    start = site.context.sentence[1]
    if text[site.close_at : start].strip(" \t\u00a0\u202f.!?\u2026\"”»") or start >= site.context.paragraph[1]:
        return []
    end = min(site.context.paragraph[1], start + 200)
    for k in range(start + 1, end):
        if text[k] in ".!?" and (k + 1 == end or text[k + 1].isspace()):
            end = k + 1
            break
    own_end = text[site.span.start : site.span.end].rstrip(" \t\u00a0\u202f")[-1:]
    return list(next_sentence_proposals(doc, window(doc, start, end), lexicon, subject_first=own_end in _FINAL_MARKS))


def label_proposal(doc: "Doc", text: str, site: QuoteSite) -> Proposal | None:
    """An interview or transcript label: just before the opening mark ("Q:", "TIKHANOVSKAYA:", "Marie Dupont —"),
    or opening the quoted words of a transcript printed in quote marks ("“WALLACE: Do you accept …”")."""
    line_start = text.rfind("\n", 0, site.open_at) + 1
    lead = text[max(line_start, site.open_at - 120) : site.open_at]
    m = _LABEL.search(lead)
    if m is not None:
        start = site.open_at - len(lead) + m.start(1)
        rule = "label"
    else:
        m = _INSIDE_LABEL.match(text, site.span.start, min(site.span.end, site.span.start + 80))
        if m is None:
            return None
        start, rule = m.start(1), "label-inside"
    end = start + len(m.group(1))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return Proposal(make_mention(doc, span.start, span.end), None, rule, "label")


def nearby_entity_proposals(doc: "Doc", site: QuoteSite, memory: EntityMemory, start: int) -> list[Proposal]:
    """Every person or body named from ``start`` (the sentence before) to the end of the quotation's sentence, nearest first.

    Names inside quotations are somebody's words, not sources, and are left out; each
    entity is proposed once, at its nearest mention, and only the :data:`MAX_NEARBY` nearest.
    """
    nearest: dict[int, tuple[int, int, int]] = {}  # entity -> (distance, first token, last token)
    for offset, entity, (first, last) in memory.mentions_between(start, site.context.sentence[1]):
        if site.span.start <= offset < site.span.end or memory.inside_quote(offset):
            continue
        distance = min(abs(offset - site.open_at), abs(offset - site.close_at))
        if id(entity) not in nearest or distance < nearest[id(entity)][0]:
            nearest[id(entity)] = (distance, first, last)
    ranked = sorted(nearest.values())[:MAX_NEARBY]
    return [Proposal(make_mention(doc, first, last), None, "nearby-entity", "context") for _, first, last in ranked]
