"""quotestance: find direct quotations in news text, attribute them, label their stance.

The public API is re-exported here; everything else is an implementation
detail that may change between minor versions. Importing this package loads
no plugin and no model: the first analysis does.
"""

from __future__ import annotations

from typing import Collection, Iterable, Iterator, Literal

from .app import DEFAULT_KINDS, QuoteStance, default_app
from .attribution.ranker import AttributionModel
from .errors import (
    InputError,
    InternalError,
    ModelIntegrityError,
    ModelNotFoundError,
    NotTextError,
    QuotestanceError,
    SinkError,
    TimeBudgetExceeded,
    UnsupportedLanguageError,
)
from .batch import DEFAULT_BATCH_SIZE, Document
from .budget import DEFAULT_TIME_BUDGET
from .cues import LexiconError
from .frames import read_csv, read_jsonl, read_parquet, read_sqlite, to_frame
from .view import render
from .hookspecs import Sink, SinkFactory, hookimpl
from .lang import detect_language
from .names import SpeakerRegistry
from .nlp import PipelineLike
from .partition import analyze_partition
from .pipeline import Analysis
from .selective import ParseMode
from .spans import scan
from .stance import ModelVersionWarning, StanceModel
from .types import Diagnostic, Quote

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "AttributionModel",
    "DEFAULT_KINDS",
    "Diagnostic",
    "Document",
    "InputError",
    "InternalError",
    "LexiconError",
    "ModelIntegrityError",
    "ModelNotFoundError",
    "ModelVersionWarning",
    "NotTextError",
    "ParseMode",
    "PipelineLike",
    "Quote",
    "TimeBudgetExceeded",
    "QuoteStance",
    "QuotestanceError",
    "Sink",
    "SinkError",
    "SinkFactory",
    "SpeakerRegistry",
    "StanceModel",
    "UnsupportedLanguageError",
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_many",
    "analyze_partition",
    "detect_language",
    "hookimpl",
    "scan",
    "to_frame",
    "render",
    "read_sqlite",
    "read_jsonl",
    "read_csv",
    "read_parquet",
]


def analyze(
    text: str,
    lang: str | None = None,
    *,
    nlp: "PipelineLike | None" = None,
    include_nonspeech: bool = False,
    stance_model: "StanceModel | Literal[False] | None" = None,
    kinds: Collection[str] = DEFAULT_KINDS,
    attribution_model: "AttributionModel | Literal[False] | None" = None,
    min_speaker_confidence: float | None = None,
    parse: ParseMode = "selective",
) -> list[Quote]:
    """Find the quotations of one text, in text order, with speakers, confidence and stance.

    Every returned quote satisfies ``text[q.start:q.end] == q.text``. See
    :meth:`QuoteStance.analyze_document` for the arguments and errors.
    """
    return default_app().analyze(text, lang, nlp=nlp, include_nonspeech=include_nonspeech,
                                 stance_model=stance_model, kinds=kinds, attribution_model=attribution_model,
                                 min_speaker_confidence=min_speaker_confidence, parse=parse)


def analyze_document(
    text: str,
    lang: str | None = None,
    *,
    nlp: "PipelineLike | None" = None,
    registry: SpeakerRegistry | None = None,
    stance_model: "StanceModel | Literal[False] | None" = None,
    kinds: Collection[str] = DEFAULT_KINDS,
    attribution_model: "AttributionModel | Literal[False] | None" = None,
    min_speaker_confidence: float | None = None,
    parse: ParseMode = "selective",
) -> Analysis:
    """One text's quotations, non-speech spans and diagnostics (see :meth:`QuoteStance.analyze_document`)."""
    return default_app().analyze_document(text, lang, nlp=nlp, registry=registry, stance_model=stance_model, kinds=kinds,
                                          attribution_model=attribution_model, min_speaker_confidence=min_speaker_confidence,
                                          parse=parse)


def analyze_many(
    texts: Iterable[Document],
    *,
    sinks: Iterable[str | Sink] = (),
    resume: bool = False,
    lang: str | None = None,
    nlp: PipelineLike | None = None,
    n_jobs: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    registry: SpeakerRegistry | None = None,
    include_nonspeech: bool = False,
    kinds: Collection[str] | None = None,
    stance_model: "StanceModel | Literal[False] | None" = None,
    attribution_model: "AttributionModel | Literal[False] | None" = None,
    min_speaker_confidence: float | None = None,
    parse: ParseMode = "selective",
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Iterator[Analysis]:
    """Analyse many texts, streaming; every sink receives every document's quotes.

    ``sinks`` are ``"name[:target]"`` strings (``"jsonl:out.jsonl"``,
    ``"sqlite:quotes.db"``) or sink objects; ``resume`` skips the documents
    they already hold (see :meth:`QuoteStance.analyze_many`). See
    :func:`quotestance.batch.analyze_many` for the other arguments.
    """
    return default_app().analyze_many(
        texts, sinks=sinks, resume=resume, lang=lang, nlp=nlp, n_jobs=n_jobs, batch_size=batch_size, registry=registry,
        include_nonspeech=include_nonspeech, kinds=kinds, stance_model=stance_model,
        attribution_model=attribution_model, min_speaker_confidence=min_speaker_confidence, parse=parse,
        time_budget=time_budget,
    )
