"""The analysis of one document: language, scan, kinds, parse, attribution.

Each stage is a module of its own; this one only wires them together and
turns their results into :class:`~quotestance.types.Quote` records whose
offsets point into the caller's exact string.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Literal

from .attribution import Attribution, attribute, attribute_from_previous
from .cues import CueLexicon, load_lexicon
from .errors import InputError, UnsupportedLanguageError
from .kinds import SpanContext, classify, previous_sentence, sentence_bounds
from .lang import SUPPORTED_LANGUAGES, detect_language
from .nlp import PipelineLike, load_pipeline, pipeline_for
from .spans import QuoteSpan, _paragraphs, scan
from .names import SpeakerRegistry
from .speaker_roles import speaker_role
from .speakers import EntityMemory, resolve_speaker
from .stance import StanceModel, default_model
from .types import SPEECH_KINDS, Diagnostic, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Analysis", "analyze", "analyze_document"]

#: Speaker rules whose result names a person, and so has a canonical form.
_PERSON_SPEAKER_RULES = frozenset({"name", "surname-join", "pronoun", "descriptor"})


@dataclass(frozen=True)
class Analysis:
    """Everything known about one document after analysis.

    ``quotes`` holds speech (direct and partial quotations); ``nonspeech``
    holds quote marks used for headlines, titles and scare quotes;
    ``diagnostics`` lists the marks the scanner could not pair. In batch
    runs, ``document_id`` names the document and ``error`` says why a
    document could not be analysed (its lists are then empty).
    """

    text: str
    lang: str
    quotes: list[Quote] = field(default_factory=list)
    nonspeech: list[Quote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document_id: str | None = None
    error: str | None = None


def _resolve_language(text: str, lang: str | None, nlp: PipelineLike | None) -> str:
    if lang is not None:
        if not isinstance(lang, str):
            raise InputError(f"lang must be a language code such as 'en' or 'fr', got {lang!r}")
        lang = lang.lower()
        if lang not in SUPPORTED_LANGUAGES and nlp is None:
            raise UnsupportedLanguageError(lang, SUPPORTED_LANGUAGES)
        return lang
    detected = detect_language(text)
    if detected is not None:
        return detected
    if nlp is not None:
        return getattr(load_pipeline(nlp), "lang", None) or "xx"
    raise UnsupportedLanguageError(None, SUPPORTED_LANGUAGES)


def _char_window(doc: "Doc", start: int, end: int):
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="contract")


def _attribute_span(
    doc: "Doc", text: str, span: QuoteSpan, ctx: SpanContext, lexicon: CueLexicon, prefer_before: bool
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


def analyze_document(
    text: str,
    lang: str | None = None,
    *,
    nlp: PipelineLike | None = None,
    lexicon: CueLexicon | None = None,
    registry: SpeakerRegistry | None = None,
    stance_model: "StanceModel | Literal[False] | None" = None,
) -> Analysis:
    """Analyse one text and return every quotation with its diagnostics.

    Args:
        text: the article, as a ``str``; offsets in the result point into it.
        lang: ``"en"`` or ``"fr"``; detected from the text when ``None``.
        nlp: a spaCy pipeline (name, path or ``Language``) to use instead of
            the language's default; this also allows other languages.
        lexicon: cue lexicon to use instead of the bundled one.
        registry: the corpus-wide speaker identities to report names under;
            a fresh one (with the bundled aliases) when ``None``.
        stance_model: the stance classifier; the bundled one when ``None``,
            none at all with ``False``.

    Raises:
        InputError: ``text`` is not a string or is too long for the pipeline.
        UnsupportedLanguageError: the language is not English or French and
            no ``nlp`` was given.
        ModelNotFoundError: the pipeline is not installed.
    """
    if not isinstance(text, str):
        raise InputError(f"analyze() needs the text as str, got {type(text).__name__}")
    lang = _resolve_language(text, lang, nlp)
    lexicon = lexicon or load_lexicon(lang)
    scanned = scan(text, lexicon.incise_pattern)
    paragraphs = list(_paragraphs(text))
    starts = [p[0] for p in paragraphs]

    contexts: list[SpanContext] = []
    kinds: list[tuple[str, str]] = []
    for span in scanned.spans:
        k = max(0, bisect.bisect_right(starts, span.open_mark if span.open_mark is not None else span.start) - 1)
        paragraph = paragraphs[k] if paragraphs else (0, len(text))
        ctx = SpanContext(paragraph, sentence_bounds(text, span, paragraph))
        contexts.append(ctx)
        kinds.append(classify(text, span, ctx, lexicon))

    quotes: list[Quote] = []
    nonspeech: list[Quote] = []
    speech_idx = [i for i, (kind, _) in enumerate(kinds) if kind in SPEECH_KINDS]
    doc = None
    if speech_idx:
        pipeline = load_pipeline(nlp, lang) if nlp is not None else pipeline_for(lang)
        if len(text) > pipeline.max_length:
            raise InputError(
                f"text has {len(text):,} characters, more than the pipeline's max_length "
                f"({pipeline.max_length:,}); split it into articles first"
            )
        doc = pipeline(text)
    found_by_span: dict[int, Found] = {}
    registry = registry if registry is not None else SpeakerRegistry()
    if doc is not None:
        quoted = [(s.start, s.end) for s in scanned.spans]
        memory = EntityMemory(doc, lang, quoted=quoted)

        def resolved(found: Attribution, span: QuoteSpan) -> Found:
            speaker, speaker_rule = resolve_speaker(memory, found, span.start)
            if speaker is not None and speaker_rule in _PERSON_SPEAKER_RULES:
                speaker = registry.canonical(speaker, lang)
            return found, speaker, found.rule, speaker_rule

        def from_previous_sentence(i: int) -> Found | None:
            bounds = previous_sentence(text, paragraphs, contexts[i], scanned.spans[i])
            found = attribute_from_previous(doc, _char_window(doc, *bounds) if bounds else None, lexicon)
            return resolved(found, scanned.spans[i]) if found.found else None

        for i, span in enumerate(scanned.spans):
            kind, _ = kinds[i]
            if kind in SPEECH_KINDS:
                found = _attribute_span(doc, text, span, contexts[i], lexicon, prefer_before=(kind == "partial"))
                found_by_span[i] = resolved(found, span)
        _fill_unattributed(scanned.spans, contexts, found_by_span, kinds, text, from_previous_sentence)

    speech_order: list[int] = []
    for i, span in enumerate(scanned.spans):
        kind, reason = kinds[i]
        trace = ["scanner" + (":" + ",".join(sorted(span.flags)) if span.flags else ""), f"kind:{reason}"]
        if i not in found_by_span:
            nonspeech.append(Quote(text[span.start : span.end], span.start, span.end, lang=lang, kind=kind, trace=tuple(trace)))
            continue
        found, speaker, rule, speaker_rule = found_by_span[i]
        speech_order.append(i)
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
    if quotes and stance_model is not False:
        model = stance_model if stance_model is not None else default_model()
        if model is not None:
            quotes = _with_stance(quotes, model, text, [contexts[i] for i in speech_order])
    return Analysis(text, lang, quotes, nonspeech, list(scanned.diagnostics))


def _with_stance(quotes: list[Quote], model: StanceModel, text: str, contexts: list[SpanContext]) -> list[Quote]:
    """Label each quotation, judged in its sentence (partial quotes need their frame)."""
    sentences = [text[c.sentence[0] : c.sentence[1]] for c in contexts]
    roles = [speaker_role(q.speaker, q.speaker_mention) for q in quotes]
    predictions = model.predict(
        [q.text for q in quotes], sentences, [q.cue for q in quotes], roles, [q.lang for q in quotes]
    )
    return [
        dataclasses.replace(q, stance=label, stance_scores=scores, trace=q.trace + (f"role:{role}",))
        for q, (label, scores), role in zip(quotes, predictions, roles)
    ]


def analyze(
    text: str,
    lang: str | None = None,
    *,
    nlp: PipelineLike | None = None,
    include_nonspeech: bool = False,
    stance_model: "StanceModel | Literal[False] | None" = None,
) -> list[Quote]:
    """Find the quotations of one text, in text order.

    Returns speech only (kinds ``direct`` and ``partial``) unless
    ``include_nonspeech`` is true, in which case linked headlines, titles and
    scare quotes come too, unattributed. See :func:`analyze_document` for
    the arguments and errors.
    """
    result = analyze_document(text, lang, nlp=nlp, stance_model=stance_model)
    if not include_nonspeech:
        return result.quotes
    return sorted(result.quotes + result.nonspeech, key=lambda q: (q.start, q.end))
