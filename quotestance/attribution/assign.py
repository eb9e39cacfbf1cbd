"""Speakers for the quotations of one document: candidates, features, a choice, a confidence.

:class:`SpeakerAssigner` walks the quotations in text order. For each it
gathers the candidates (:mod:`.candidates`), describes them
(:mod:`.features`) and lets the chooser pick (the trained ranker, or the
rules alone); the choice is recorded in the entity memory, so that later
pronouns, descriptors and continuations see who has spoken. The same
assigner serves the built-in extractor's spans and, afterwards, plugin
quotations that came without a speaker.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from .. import budget
from ..cues import CueLexicon
from ..kinds import SpanContext, previous_sentence, sentence_bounds
from ..names import SpeakerRegistry
from ..spans import QuoteSpan, paragraphs as split_paragraphs
from .candidates import (
    RANK_EXTRA,
    RANK_LABEL,
    RANK_NEXT_SENTENCE,
    RANK_PREVIOUS_QUOTE,
    RANK_PREVIOUS_SENTENCE,
    RANK_SAME_QUOTATION,
    Candidate,
    CandidateSet,
    QuoteSite,
    local_proposal,
    referent_key,
)
from .cue_rules import Proposal
from .features import DocumentLayout, candidate_features, with_rivals, with_rules_context
from .governor import governor_proposals
from .generators import following_proposals, label_proposal, nearby_entity_proposals, own_proposals, previous_proposals
from .identity import EntityMemory
from .mentions import Mention
from .ranker import Chooser, RuleChooser
from .referents import Referent, names_document, resolve, resolve_label

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SpeakerAssigner", "SpeakerDecision", "Observer"]

#: Referent kinds reported under a corpus-wide canonical name.
PERSON_KINDS = frozenset({"person"})
#: How many characters may separate a quotation's paragraph from the one before for it to continue it.
_CONTINUATION_GAP = 4


@dataclass(frozen=True)
class SpeakerDecision:
    """The speaker chosen for one quotation, with what supports it."""

    speaker: str | None = None
    mention: Mention | None = None
    cue: tuple[int, int, str] | None = None  # start, end, text
    confidence: float | None = None
    rule: str = "none"
    how: str = "none"
    kind: str = "none"
    chooser: str = "none"  # ranker or rules

    def trace(self) -> tuple[str, ...]:
        out = [f"attribution:{self.rule}"]
        if self.how not in {"none", self.rule}:
            out.append(f"speaker:{self.how}")
        if self.kind != "none":
            out.append(f"speaker-type:{self.kind}")
        if self.chooser != "none":
            out.append(f"chooser:{self.chooser}")
        return tuple(out)


#: Called with each quotation's site, candidates, feature rows, the rules' choice and the final choice.
Observer = Callable[[QuoteSite, list[Candidate], list[dict[str, float]], "int | None", "int | None"], None]


class SpeakerAssigner:
    """Attributes the quotations of one parsed document, one after the other."""

    def __init__(
        self,
        doc: "Doc",
        lang: str,
        lexicon: CueLexicon,
        registry: SpeakerRegistry,
        chooser: Chooser | None = None,
        quoted: Sequence[tuple[int, int]] = (),
        min_confidence: float | None = None,
        observer: Observer | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.lang = lang
        self.lexicon = lexicon
        self.registry = registry
        self.chooser: Chooser = chooser if chooser is not None else RuleChooser()
        self.min_confidence = min_confidence
        self.observer = observer
        self.text = text if text is not None else doc.text  # spaCy rebuilds Doc.text on every access
        self.paragraphs = split_paragraphs(self.text)
        self._paragraph_starts = [p[0] for p in self.paragraphs]
        self.memory = EntityMemory(doc, lang, quoted=list(quoted), text=self.text)
        sentence_starts = sorted(s.start_char for s in doc.sents) if doc.has_annotation("SENT_START") else []
        self.layout = DocumentLayout(sentence_starts, self._paragraph_starts)
        #: Decided quotations in text order, and where each opens.
        self._decided: list[tuple[QuoteSite, Candidate | None]] = []
        self._decided_at: list[int] = []
        self._by_group: dict[int, Candidate] = {}
        self._most_quoted: Candidate | None = None

    # -- sites -------------------------------------------------------------------
    def context(self, span: QuoteSpan) -> SpanContext:
        """The paragraph and sentence a span stands in (the scanner's kinds are judged in them too)."""
        opening = span.open_mark if span.open_mark is not None else span.start
        k = max(0, bisect.bisect_right(self._paragraph_starts, opening) - 1)
        paragraph = self.paragraphs[k] if self.paragraphs else (0, len(self.text))
        return SpanContext(paragraph, sentence_bounds(self.text, span, paragraph))

    def site(self, index: int, span: QuoteSpan, kind: str) -> QuoteSite:
        site = QuoteSite(index, span, kind, self.context(span))
        site.own = own_proposals(self.doc, site, self.lexicon)
        return site

    # -- the walk ------------------------------------------------------------------
    def assign(self, spans: Sequence[QuoteSpan], kinds: Sequence[str]) -> list[SpeakerDecision]:
        """Decide a speaker for each span (of a speech kind), in text order."""
        sites = []
        for i, (span, kind) in enumerate(zip(spans, kinds)):
            budget.check()
            sites.append(self.site(i, span, kind))
        self._introduce_speaking_names(sites)
        decisions: dict[int, SpeakerDecision] = {}
        pieces: dict[int, list[int]] = {}
        for i, s in enumerate(sites):
            pieces.setdefault(s.span.group, []).append(i)

        def decide(i: int) -> None:
            if i not in decisions:
                budget.check()
                # Resolved only now: earlier choices decide who "the diplomat" or "she" can be.
                decisions[i] = self._decide(sites[i], self._readings(sites[i].own, sites[i].span.start))

        for i in sorted(range(len(sites)), key=lambda k: sites[k].span.start):
            if not sites[i].own:
                # A piece of a longer quotation takes its speaker from the piece that has a cue.
                for j in pieces[sites[i].span.group]:
                    if j != i and sites[j].own:
                        decide(j)
                        break
            decide(i)
        return [decisions[i] for i in range(len(sites))]

    def _introduce_speaking_names(self, sites: Sequence[QuoteSite]) -> None:
        """A name that a reporting cue makes a speaker ("said Natalia") is a person of the article from the start.

        NER misses many such names; once known, later pronouns and surnames can find them.
        """
        for site in sites:
            for proposal in site.own:
                if proposal.mention.kind != "name":
                    continue
                for referent in resolve(self.memory, proposal.mention, site.span.start) or []:
                    if referent.kind == "person" and referent.entity is None and referent.introduce is not None:
                        self.memory.observe(self.doc[referent.introduce[0] : referent.introduce[1]])

    def _readings(self, proposals: Sequence[Proposal], position: int) -> list[list[Referent] | None]:
        return [resolve(self.memory, p.mention, position) for p in proposals]

    def candidates(
        self, site: QuoteSite, own_readings: list[list[Referent] | None], previous: "tuple[str, QuoteSite, Candidate] | None"
    ) -> tuple[list[Candidate], Candidate | None]:
        """Every candidate of a quotation, and the one the rules alone would take.

        The rules take the first reading of the first speaker mention their
        cues give; failing that, in order: a cue opening the next sentence,
        the speaker of the same quotation, a transcript label, the quotation
        this one continues, the sentence before. The other generators (names
        nearby, the most quoted speaker) only offer candidates to the ranker.
        """
        found = CandidateSet()
        choice = _RulesChoice()
        for k, (proposal, referents) in enumerate(zip(site.own, own_readings)):
            self._offer(found, choice, proposal, referents, k)
        position = site.span.start
        for k, proposal in enumerate(following_proposals(self.doc, self.text, site, self.lexicon)):
            self._offer(found, choice, proposal, resolve(self.memory, proposal.mention, position), RANK_NEXT_SENTENCE + k)
        donor = self._by_group.get(site.span.group)
        if donor is not None:
            rule = "continuation:same-quotation"
            self._offer(found, choice, _renamed(donor.proposal, rule), [donor.referent], RANK_SAME_QUOTATION)
        label = label_proposal(self.doc, self.text, site)
        if label is not None:
            self._offer(found, choice, label, resolve_label(self.memory, label.mention, position), RANK_LABEL)
        if previous is not None:
            rule, _site, prev_choice = previous
            continues = rule != "previous-quote" and site.kind == "direct"
            rank = RANK_PREVIOUS_QUOTE if rule != "previous-quote" else RANK_EXTRA
            self._offer(found, choice, _renamed(prev_choice.proposal, rule), [prev_choice.referent], rank, rules=continues)
        bounds = previous_sentence(self.text, self.paragraphs, site.context, site.span)
        for k, proposal in enumerate(previous_proposals(self.doc, bounds, self.lexicon)):
            trusted = site.kind == "direct" and (proposal.rule == "previous-sentence" or proposal.mention.kind in {"name", "pronoun"})
            readings = resolve(self.memory, proposal.mention, position, speaking=proposal.relation != "context")
            self._offer(found, choice, proposal, readings, RANK_PREVIOUS_SENTENCE + k, rules=trusted and bool(readings))
        for proposal in governor_proposals(self.doc, site, self.lexicon):
            speaking = proposal.relation == "governor"
            readings = resolve(self.memory, proposal.mention, position, speaking=speaking)
            self._offer(found, choice, proposal, readings, RANK_EXTRA, rules=False)
        nearby_from = bounds[0] if bounds else site.context.sentence[0]
        for proposal in nearby_entity_proposals(self.doc, site, self.memory, nearby_from):
            readings = resolve(self.memory, proposal.mention, position, speaking=False)
            self._offer(found, choice, proposal, readings, RANK_EXTRA + 1, rules=False)
        salient = self._most_quoted
        if salient is not None:
            self._offer(found, choice, _renamed(salient.proposal, "most-quoted"), [salient.referent], RANK_EXTRA + 2, rules=False)
        items = found.items
        chosen = found.get(choice.key) if choice.key else None
        return items, chosen

    @staticmethod
    def _offer(
        found: CandidateSet, choice: "_RulesChoice", proposal: Proposal | None, readings: Sequence[Referent] | None,
        rank: int, rules: bool = True,
    ) -> None:
        """Add a proposal's readings; the first proposal the rules reach with a speaker mention is their choice."""
        rule = proposal.rule if proposal is not None else "none"
        for referent in readings or []:
            found.add(referent, proposal, rule, rank)
        if readings is None or not rules or choice.stopped:
            return  # a non-agent ("the statement", "Wednesday") does not stop the rules
        choice.stopped = True
        first = next((r for r in readings if r.order == 0), None)
        choice.key = referent_key(first) if first is not None else None

    def _previous(self, site: QuoteSite) -> tuple[str, QuoteSite, Candidate] | None:
        """The quotation before this one that it may continue, and how it relates."""
        i = bisect.bisect_left(self._decided_at, site.open_at) - 1
        if i < 0:
            return None
        prev, choice = self._decided[i]
        if choice is None:
            return None
        if prev.context.paragraph == site.context.paragraph:
            return "continuation:same-paragraph", prev, choice
        opens_paragraph = site.span.open_mark is None or not self.text[site.context.paragraph[0] : site.span.open_mark].strip()
        if opens_paragraph and 0 <= site.context.paragraph[0] - prev.context.paragraph[1] <= _CONTINUATION_GAP:
            return "continuation:previous-paragraph", prev, choice
        return "previous-quote", prev, choice

    def _decide(self, site: QuoteSite, own_readings: list[list[Referent] | None]) -> SpeakerDecision:
        previous = self._previous(site)
        items, rules_choice = self.candidates(site, own_readings, previous)
        previous_entity = previous[2].referent.entity or previous[2].referent.name if previous else None
        rules_index = items.index(rules_choice) if rules_choice is not None else None
        rows = with_rivals(with_rules_context([
            candidate_features(site, c, items, self.layout, self.text, self.lang, previous_entity, rules_choice)
            for c in items
        ], rules_index))
        index, confidence = self.chooser.choose(rows, rules_index)
        if self.observer is not None:
            self.observer(site, items, rows, rules_index, index)
        chosen = items[index] if index is not None else None
        self._record(site, chosen)
        if chosen is None:
            return SpeakerDecision()
        chooser = "rules" if isinstance(self.chooser, RuleChooser) else "ranker"
        if self.min_confidence is not None and confidence is not None and confidence < self.min_confidence:
            # Below the caller's floor: no speaker, no mention, no cue; the confidence says why.
            return SpeakerDecision(confidence=confidence, rule=chosen.generator, how="below-min-confidence", chooser=chooser)
        referent = chosen.referent
        speaker = self._canonical(referent)
        document = next(
            (p for p, r in zip(site.own, own_readings) if r is None and names_document(self.memory, p.mention)), None
        )
        proposal = local_proposal(site, chosen, document)
        cue = None
        if proposal is not None and proposal.cue is not None:
            cue_span = self.doc[proposal.cue[0] : proposal.cue[1]]
            cue = (cue_span.start_char, cue_span.end_char, cue_span.text)
        return SpeakerDecision(
            speaker, proposal.mention if proposal is not None else None, cue, confidence,
            chosen.generator, referent.how, referent.kind, chooser,
        )

    def _record(self, site: QuoteSite, chosen: Candidate | None) -> None:
        at = bisect.bisect_right(self._decided_at, site.open_at)
        self._decided_at.insert(at, site.open_at)
        self._decided.insert(at, (site, chosen))
        if chosen is None:
            return
        self._by_group.setdefault(site.span.group, chosen)
        referent = chosen.referent
        entity = referent.entity
        if entity is None and referent.introduce is not None:
            span = self.doc[referent.introduce[0] : referent.introduce[1]]
            if referent.kind == "person":
                entity = self.memory.observe(span)
            elif referent.kind == "organisation":
                entity = self.memory.observe_organisation(span, referent.name)
            if entity is not None:  # the quotations that continue this one now see the new entity
                chosen.referent = dataclasses.replace(referent, entity=entity, introduce=None)
        self.memory.commit(entity, site.span.start)
        if referent.anonymous_role:
            self.memory.anonymous.setdefault(referent.anonymous_role, referent.name)
        best = self._most_quoted.referent.entity if self._most_quoted is not None else None
        if entity is not None and (best is None or entity.quoted > best.quoted):
            self._most_quoted = chosen

    def _canonical(self, referent: Referent) -> str:
        if referent.kind in PERSON_KINDS:
            return self.registry.canonical(referent.name, self.lang)
        if referent.kind == "organisation":
            return self.registry.aliases.lookup(referent.name) or referent.name
        return referent.name


@dataclass
class _RulesChoice:
    """The rules' reading as the generators are walked: the first speaker mention stops them."""

    stopped: bool = False
    key: tuple | None = None


def _renamed(proposal: Proposal | None, rule: str) -> Proposal | None:
    return Proposal(proposal.mention, proposal.cue, rule, "context") if proposal is not None else None
