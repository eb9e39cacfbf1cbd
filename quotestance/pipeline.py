"""The built-in extraction of one parsed document: scan, kinds, attribution, speakers.

Each stage is a module of its own; this one wires them together and turns
their results into :class:`~quotestance.types.Quote` records whose offsets
point into the document's text. It runs as the built-in extractor plugin
(``quotestance.plugins.quote_marks``); :mod:`quotestance.app` calls the
extractors, merges their quotes and adds stance.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import budget
from .attribution.assign import Observer, SpeakerAssigner, SpeakerDecision
from .attribution.ranker import Chooser
from .cues import CueLexicon, load_lexicon
from .kinds import classify
from .names import SpeakerRegistry
from .spans import scan
from .types import SPEECH_KINDS, Diagnostic, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Analysis", "CoreResult", "RunContext", "RUN_CONTEXT_KEY", "extract_quotes"]

#: Where the run context sits in ``doc.user_data`` while extractors run.
RUN_CONTEXT_KEY = "quotestance"


@dataclass(frozen=True)
class Analysis:
    """Everything known about one document after analysis.

    ``quotes`` holds speech of the kinds asked for (direct and partial
    quotations by default); ``nonspeech`` holds quote marks used for
    headlines, titles and scare quotes; ``diagnostics`` lists the marks the
    scanner could not pair. ``document_id`` names the document in batch
    runs; ``error`` says why a document could not be analysed (its lists
    are then empty); ``plugin_errors`` names extractors that failed on it;
    ``language_fallback`` says that ``lang`` is the default language, the
    text having given too little evidence of any; ``sink_errors`` names the
    sinks that failed to store the document (in :meth:`QuoteStance.analyze_many`).
    """

    text: str
    lang: str
    quotes: list[Quote] = field(default_factory=list)
    nonspeech: list[Quote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document_id: str | None = None
    error: str | None = None
    plugin_errors: list[str] = field(default_factory=list)
    language_fallback: bool = False
    sink_errors: list[str] = field(default_factory=list)

    def in_text_order(self, include_nonspeech: bool = False) -> list[Quote]:
        """The speech quotes, with the non-speech spans too when asked, in text order."""
        if not include_nonspeech:
            return list(self.quotes)
        return sorted(self.quotes + self.nonspeech, key=lambda q: (q.start, q.end))


@dataclass
class RunContext:
    """What extractors and attribution share during one document.

    The cue lexicon, the corpus's speaker registry, the speaker chooser (the
    trained ranker, or ``None`` for the rules alone) with the confidence
    below which a speaker is left empty, the scanner's diagnostics, and the
    document's :class:`SpeakerAssigner` once attribution has started.
    """

    lexicon: CueLexicon
    registry: SpeakerRegistry
    diagnostics: list[Diagnostic] = field(default_factory=list)
    chooser: Chooser | None = None
    min_confidence: float | None = None
    assigner: SpeakerAssigner | None = None
    #: Sees every quotation's candidates and choice (training collects its examples this way).
    observer: Observer | None = None
    #: The document's text, read once: spaCy rebuilds ``Doc.text`` from the tokens on every access.
    text: str | None = None
    #: The speech kinds the caller asked for (``None``: all); an extractor may skip finding the others.
    kinds: frozenset[str] | None = None

    @classmethod
    def default(cls, lang: str) -> "RunContext":
        return cls(load_lexicon(lang), SpeakerRegistry())

    def assigner_for(self, doc: "Doc", lang: str, quoted: list[tuple[int, int]]) -> SpeakerAssigner:
        """The document's assigner, made on first use (``quoted``: spans whose names are not referents)."""
        if self.assigner is None:
            self.assigner = SpeakerAssigner(
                doc, lang, self.lexicon, self.registry, self.chooser, quoted, self.min_confidence, self.observer,
                text=self.text,
            )
        return self.assigner


@dataclass(frozen=True)
class CoreResult:
    quotes: list[Quote]
    diagnostics: list[Diagnostic]


def attributed(quote: Quote, decision: SpeakerDecision) -> Quote:
    """``quote`` with the speaker, mention, cue and confidence of ``decision``."""
    mention, cue = decision.mention, decision.cue
    return dataclasses.replace(
        quote,
        speaker=decision.speaker,
        speaker_mention=mention.text if mention else None,
        speaker_start=mention.start_char if mention else None,
        speaker_end=mention.end_char if mention else None,
        speaker_confidence=decision.confidence,
        cue=cue[2] if cue else None,
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
        trace=quote.trace + decision.trace(),
    )


def extract_quotes(doc: "Doc", lang: str, context: RunContext) -> CoreResult:
    """Quotations between quote marks in a parsed document, attributed, speech and non-speech alike."""
    text = context.text if context.text is not None else doc.text
    scanned = scan(text, context.lexicon.incise_pattern)
    assigner = context.assigner_for(doc, lang, [(s.start, s.end) for s in scanned.spans])
    kinds = []
    for span in scanned.spans:
        budget.check()
        kinds.append(classify(text, span, assigner.context(span), context.lexicon))
    speech = [i for i, (kind, _) in enumerate(kinds) if kind in SPEECH_KINDS]
    # A fragment is a partial quotation to the attribution; only the output tells them apart.
    site_kinds = ["partial" if kinds[i][0] == "fragment" else kinds[i][0] for i in speech]
    decisions = dict(zip(speech, assigner.assign([scanned.spans[i] for i in speech], site_kinds)))
    quotes: list[Quote] = []
    for i, span in enumerate(scanned.spans):
        kind, reason = kinds[i]
        trace = ("scanner" + (":" + ",".join(sorted(span.flags)) if span.flags else ""), f"kind:{reason}")
        quote = Quote(text[span.start : span.end], span.start, span.end, lang=lang, kind=kind, trace=trace)
        quotes.append(attributed(quote, decisions[i]) if i in decisions else quote)
    return CoreResult(quotes, list(scanned.diagnostics))
