"""Speaker candidates of one quotation: where it stands, and every speaker proposed for it.

The generators (:mod:`.generators`, :mod:`.cue_rules`) propose mentions; each
is resolved to its referents (:mod:`.referents`); readings that report the
same speaker become one :class:`Candidate`, which remembers every generator
that proposed it and the rank the rules alone would give it. The ranker
then chooses among them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..kinds import SpanContext
from ..names import fold
from ..spans import QuoteSpan
from .cue_rules import Proposal
from .referents import Referent

__all__ = ["QuoteSite", "Candidate", "CandidateSet", "local_proposal", "referent_key"]

#: Rule ranks: own cue first, then a cue opening the next sentence, the same quotation, a transcript
#: label, the quotation before, the sentence before; the other generators come last.
RANK_NEXT_SENTENCE = 50
RANK_SAME_QUOTATION = 100
RANK_LABEL = 150
RANK_PREVIOUS_QUOTE = 200
RANK_PREVIOUS_SENTENCE = 300
RANK_EXTRA = 1000


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
    #: Every proposal that reached this speaker, with its rule rank (the reported mention is chosen among them).
    proposals: list[tuple[int, Proposal]] = field(default_factory=list)

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
        same_phrase = None if found is not None else self._same_phrase(referent, proposal)
        found = found or same_phrase
        if found is None:
            found = Candidate(referent, proposal, {rule}, rank, referent.order)
            self._by_key[key] = found
            self.items.append(found)
            if proposal is not None:
                found.proposals.append((rank, proposal))
            return
        if proposal is not None:
            found.proposals.append((rank, proposal))
        fuller = (referent, proposal) if same_phrase is not None and _contains(proposal, found.proposal) else (found.referent, found.proposal)
        found.rules.add(rule)
        found.readings += 1
        if (rank, referent.order) < (found.rule_rank, found.referent_order):
            found.referent, found.proposal, found.rule_rank, found.referent_order = referent, proposal, rank, referent.order
        if same_phrase is not None:
            # One noun phrase read to two extents ("a spokeswoman", "a spokeswoman for the Swedish
            # Foreign Ministry") is one speaker, reported by its fuller description.
            found.referent = replace(fuller[0], order=found.referent.order)
            found.proposal = fuller[1]
            self._by_key[key] = found
            self._by_key[referent_key(found.referent)] = found

    def get(self, key: tuple) -> "Candidate | None":
        """The candidate a reading's key reached, also after it was merged under a fuller description."""
        return self._by_key.get(key)

    def _same_phrase(self, referent: Referent, proposal: Proposal | None) -> "Candidate | None":
        """The candidate read from the same noun phrase, when neither reading names a known entity."""
        if referent.entity is not None or proposal is None:
            return None
        for item in self.items:
            if item.referent.entity is None and item.referent.kind == referent.kind and (
                _contains(proposal, item.proposal) or _contains(item.proposal, proposal)
            ):
                return item
        return None


def local_proposal(site: QuoteSite, candidate: Candidate, document: Proposal | None = None) -> Proposal | None:
    """The proposal to report for a chosen speaker: the best-ranked one that stands in the quotation's own sentence.

    The speaker may have been reached from afar (the quotation before, the
    sentence before) and also be the source of the quotation's own clause
    ("… to drive up the price, she said"). The mention a reader checks is
    the one in that clause. Only a mention tied to a cue or a layout counts
    there; a name merely present in the sentence does not. When the clause
    names only a ``document`` ("the letter says") whose author was found
    elsewhere, that document is the mention reported.
    """
    best = candidate.proposal
    if best is not None and _in_sentence(site, best):
        return best
    local = [(rank, p) for rank, p in candidate.proposals if p.relation not in _NOT_A_SOURCE and _in_sentence(site, p)]
    if local:
        return min(local, key=lambda item: item[0])[1]
    return document or best


#: Relations of a mention that is in the sentence without being the quotation's source.
_NOT_A_SOURCE = frozenset({"context", "clause-subject"})


def _in_sentence(site: QuoteSite, proposal: Proposal) -> bool:
    start, end = site.context.sentence
    return start <= proposal.mention.start_char and proposal.mention.end_char <= end


def _contains(a: Proposal | None, b: Proposal | None) -> bool:
    """Does mention ``a`` hold mention ``b`` and more words?"""
    if a is None or b is None:
        return False
    outer, inner = a.mention, b.mention
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start
