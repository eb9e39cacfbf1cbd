"""Speaker candidates of one quotation, gathered from every generator and typed.

Generators propose mentions: the cue rules (:mod:`.cue_rules`), the sentence
before the quotation, an interview label ("Q:", "TIKHANOVSKAYA:") before it,
the names of its own sentence, and the speakers of the quotations it
continues. Each mention is resolved to its referents (:mod:`.referents`);
proposals that reach the same speaker become one :class:`Candidate`, which
remembers every generator that proposed it. The ranker then chooses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..cues import CueLexicon
from ..kinds import SpanContext
from ..names import fold
from ..spans import QuoteSpan
from .cue_rules import Proposal, cue_proposals, next_sentence_proposals, previous_sentence_proposals
from .identity import EntityMemory
from .mentions import make_mention
from .referents import Referent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = [
    "QuoteSite", "Candidate", "CandidateSet", "own_proposals", "following_proposals", "previous_proposals",
    "label_proposal", "nearby_entity_proposals", "referent_key", "window",
]

#: Rule ranks: own cue first, then a cue opening the next sentence, the same quotation, a transcript
#: label, the quotation before, the sentence before; the other generators come last.
RANK_NEXT_SENTENCE = 50
RANK_SAME_QUOTATION = 100
RANK_LABEL = 150
RANK_PREVIOUS_QUOTE = 200
RANK_PREVIOUS_SENTENCE = 300
RANK_EXTRA = 1000
_LABEL = re.compile(r"(?:^|[\s\-\u2014\u2013>])((?:[A-ZÀ-Ý][\w'’.-]*\s+){0,6}[A-ZÀ-Ý][\w'’.-]*|Q|A|Question|Réponse|Reponse|Answer)\s*[:\u2014\u2013-]\s*$")


@dataclass
class QuoteSite:
    """A quotation to attribute and where it stands."""

    index: int
    span: QuoteSpan
    kind: str
    context: SpanContext
    own: list[Proposal] = field(default_factory=list)

    @property
    def open_at(self) -> int:
        return self.span.open_mark if self.span.open_mark is not None else self.span.start

    @property
    def close_at(self) -> int:
        return self.span.close_mark + 1 if self.span.close_mark is not None else self.span.end


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
    return list(next_sentence_proposals(doc, window(doc, start, end), lexicon))


def label_proposal(doc: "Doc", text: str, site: QuoteSite) -> Proposal | None:
    """An interview or transcript label just before the opening mark: "Q:", "TIKHANOVSKAYA:", "Marie Dupont —"."""
    line_start = text.rfind("\n", 0, site.open_at) + 1
    lead = text[max(line_start, site.open_at - 120) : site.open_at]
    m = _LABEL.search(lead)
    if m is None:
        return None
    start = site.open_at - len(lead) + m.start(1)
    end = start + len(m.group(1))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return Proposal(make_mention(doc, span.start, span.end), None, "label", "label")


def nearby_entity_proposals(doc: "Doc", site: QuoteSite, memory: EntityMemory, start: int) -> list[Proposal]:
    """Every person or body named from ``start`` (the sentence before) to the end of the quotation's sentence, nearest first.

    Names inside quotations are somebody's words, not sources, and are left out.
    """
    out: list[tuple[int, Proposal]] = []
    for offset, _entity, (first, last) in memory.mentions_between(start, site.context.sentence[1]):
        if site.span.start <= offset < site.span.end or memory.inside_quote(offset):
            continue
        distance = min(abs(offset - site.open_at), abs(offset - site.close_at))
        out.append((distance, Proposal(make_mention(doc, first, last), None, "nearby-entity", "context")))
    return [p for _, p in sorted(out, key=lambda x: x[0])]


def referent_key(referent: Referent) -> tuple:
    """Readings that report the same speaker are one candidate ("the Kremlin" named, and "the Kremlin" as a role)."""
    return (fold(referent.entity.name if referent.entity is not None else referent.name),)


@dataclass
class Candidate:
    """One speaker a quotation may have, with every generator that proposed it.

    ``proposal`` is the best-ranked proposal reaching this speaker (its
    mention and cue are what the quote reports); ``rule_rank`` orders
    candidates the way the rules alone would (0 is their choice).
    """

    referent: Referent
    proposal: Proposal | None
    rules: set[str]
    rule_rank: int
    referent_order: int
    readings: int = 1

    @property
    def generator(self) -> str:
        return self.proposal.rule if self.proposal is not None else "none"


class CandidateSet:
    """Candidates of one quotation, merged by speaker."""

    def __init__(self) -> None:
        self.items: list[Candidate] = []
        self._by_key: dict[tuple, Candidate] = {}

    def add(self, referent: Referent, proposal: Proposal | None, rule: str, rank: int) -> None:
        key = referent_key(referent)
        found = self._by_key.get(key)
        if found is None:
            found = Candidate(referent, proposal, {rule}, rank, referent.order)
            self._by_key[key] = found
            self.items.append(found)
            return
        found.rules.add(rule)
        found.readings += 1
        if (rank, referent.order) < (found.rule_rank, found.referent_order):
            found.referent, found.proposal, found.rule_rank, found.referent_order = referent, proposal, rank, referent.order
