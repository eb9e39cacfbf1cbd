"""The built-in extraction of one parsed document: scan, kinds, attribution, speakers.

Each stage is a module of its own; this one wires them together and turns
their results into :class:`~quotestance.types.Quote` records whose offsets
point into the document's text. It runs as the built-in extractor plugin
(``quotestance.plugins.quote_marks``); :mod:`quotestance.app` calls the
extractors, merges their quotes and adds stance.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .attribution import Attribution, attribute, attribute_from_previous
from .cues import CueLexicon, load_lexicon
from .kinds import SpanContext, classify, previous_sentence, sentence_bounds
from .names import SpeakerRegistry
from .spans import QuoteSpan, paragraphs as split_paragraphs, scan
from .speakers import EntityMemory, resolve_speaker
from .types import SPEECH_KINDS, Diagnostic, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Analysis", "CoreResult", "RunContext", "RUN_CONTEXT_KEY", "extract_quotes"]

#: Speaker rules whose result names a person, and so has a canonical form.
_PERSON_SPEAKER_RULES = frozenset({"name", "surname-join", "pronoun", "descriptor"})
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
    are then empty); ``plugin_errors`` names extractors that failed on it.
    """

    text: str
    lang: str
    quotes: list[Quote] = field(default_factory=list)
    nonspeech: list[Quote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document_id: str | None = None
    error: str | None = None
    plugin_errors: list[str] = field(default_factory=list)

    def in_text_order(self, include_nonspeech: bool = False) -> list[Quote]:
        """The speech quotes, with the non-speech spans too when asked, in text order."""
        if not include_nonspeech:
            return list(self.quotes)
        return sorted(self.quotes + self.nonspeech, key=lambda q: (q.start, q.end))


@dataclass
class RunContext:
    """What extractors share during one document: the lexicon, the registry, and diagnostics."""

    lexicon: CueLexicon
    registry: SpeakerRegistry
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @classmethod
    def default(cls, lang: str) -> "RunContext":
        return cls(load_lexicon(lang), SpeakerRegistry())


@dataclass(frozen=True)
class CoreResult:
    quotes: list[Quote]
    diagnostics: list[Diagnostic]


def _char_window(doc: "Doc", start: int, end: int):
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="contract")


def _attribute_span(
    doc: "Doc", span: QuoteSpan, ctx: SpanContext, lexicon: CueLexicon, prefer_before: bool
) -> Attribution:
    """Attribution from the words around one span (or around its incise)."""
    open_at = span.open_mark if span.open_mark is not None else span.start
    close_at = span.close_mark + 1 if span.close_mark is not None else span.end
    if span.incise is not None and span.close_mark is None:
        after = _char_window(doc, span.incise[0], span.incise[1])
    else:
        after = _char_window(doc, close_at, ctx.sentence[1])
    if span.incise is not None and span.open_mark is None:
        before = _char_window(doc, span.incise[0], span.incise[1])
    else:
        before = _char_window(doc, ctx.sentence[0], open_at)
    return attribute(doc, before, after, lexicon, prefer_before=prefer_before)


Found = tuple[Attribution, "str | None", str, str]  # attribution, speaker, rule, speaker rule


def _fill_unattributed(
    spans: list[QuoteSpan],
    contexts: list[SpanContext],
    found: dict[int, Found],
    kinds: list[tuple[str, str]],
    text: str,
    from_previous_sentence: Callable[[int], "Found | None"],
) -> None:
    """Give quotations with no cue of their own the speaker they continue.

    In order of reliability: the other pieces of the same quotation
    (paragraphs of a long quote, halves around an incise); for a full
    quotation, the previous quotation of its paragraph or, when it opens a
    paragraph right after one, the last quotation before it; and finally
    the speaker named in the sentence before it.
    """
    by_group: dict[int, int] = {}
    for i in sorted(found):
        if found[i][0].found:
            by_group.setdefault(spans[i].group, i)
    previous: int | None = None
    for i in sorted(found):
        if not found[i][0].found:
            donor = by_group.get(spans[i].group)
            rule = "same-quotation"
            if donor is None and previous is not None and found[previous][0].found and kinds[i][0] == "direct":
                prev_par, par = contexts[previous].paragraph, contexts[i].paragraph
                opens_paragraph = spans[i].open_mark is None or not text[par[0] : spans[i].open_mark].strip()
                if prev_par == par:
                    donor, rule = previous, "same-paragraph"
                elif opens_paragraph and 0 <= par[0] - prev_par[1] <= 4:
                    donor, rule = previous, "previous-paragraph"
            if donor is not None:
                donor_found, donor_speaker, _r, _s = found[donor]
                found[i] = (donor_found, donor_speaker, f"continuation:{rule}", f"continuation:{rule}")
            elif kinds[i][0] == "direct":
                guess = from_previous_sentence(i)
                if guess is not None:
                    found[i] = guess
                    by_group.setdefault(spans[i].group, i)
        previous = i


def extract_quotes(doc: "Doc", lang: str, lexicon: CueLexicon, registry: SpeakerRegistry) -> CoreResult:
    """Quotations between quote marks in a parsed document, attributed, speech and non-speech alike."""
    text = doc.text
    scanned = scan(text, lexicon.incise_pattern)
    paragraphs = split_paragraphs(text)
    starts = [p[0] for p in paragraphs]

    contexts: list[SpanContext] = []
    kinds: list[tuple[str, str]] = []
    for span in scanned.spans:
        k = max(0, bisect.bisect_right(starts, span.open_mark if span.open_mark is not None else span.start) - 1)
        paragraph = paragraphs[k] if paragraphs else (0, len(text))
        ctx = SpanContext(paragraph, sentence_bounds(text, span, paragraph))
        contexts.append(ctx)
        kinds.append(classify(text, span, ctx, lexicon))

    found_by_span: dict[int, Found] = {}
    memory = EntityMemory(doc, lang, quoted=[(s.start, s.end) for s in scanned.spans])

    def resolved(found: Attribution, span: QuoteSpan) -> Found:
        speaker, speaker_rule = resolve_speaker(memory, found, span.start)
        if speaker is not None and speaker_rule in _PERSON_SPEAKER_RULES:
            speaker = registry.canonical(speaker, lang)
        elif speaker is not None and speaker_rule == "organisation":
            speaker = registry.aliases.lookup(speaker) or speaker
        return found, speaker, found.rule, speaker_rule

    def from_previous_sentence(i: int) -> Found | None:
        bounds = previous_sentence(text, paragraphs, contexts[i], scanned.spans[i])
        found = attribute_from_previous(doc, _char_window(doc, *bounds) if bounds else None, lexicon)
        return resolved(found, scanned.spans[i]) if found.found else None

    for i, span in enumerate(scanned.spans):
        kind, _ = kinds[i]
        if kind in SPEECH_KINDS:
            found = _attribute_span(doc, span, contexts[i], lexicon, prefer_before=(kind == "partial"))
            found_by_span[i] = resolved(found, span)
    _fill_unattributed(scanned.spans, contexts, found_by_span, kinds, text, from_previous_sentence)

    quotes: list[Quote] = []
    for i, span in enumerate(scanned.spans):
        kind, reason = kinds[i]
        trace = ["scanner" + (":" + ",".join(sorted(span.flags)) if span.flags else ""), f"kind:{reason}"]
        if i not in found_by_span:
            quotes.append(Quote(text[span.start : span.end], span.start, span.end, lang=lang, kind=kind, trace=tuple(trace)))
            continue
        found, speaker, rule, speaker_rule = found_by_span[i]
        trace.append(f"attribution:{rule}")
        if speaker_rule not in {"none", rule}:
            trace.append(f"speaker:{speaker_rule}")
        quotes.append(
            Quote(
                text[span.start : span.end], span.start, span.end,
                speaker=speaker,
                speaker_mention=found.mention, speaker_start=found.mention_start, speaker_end=found.mention_end,
                cue=found.cue, cue_start=found.cue_start, cue_end=found.cue_end,
                lang=lang, kind=kind, trace=tuple(trace),
            )
        )
    return CoreResult(quotes, list(scanned.diagnostics))
