"""quotestance: find direct quotations in news text, attribute them, label their stance.

The public API is re-exported here; everything else is an implementation
detail that may change between minor versions. Importing this package loads
no plugin and no model: the first analysis does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator, Literal

from .app import DEFAULT_KINDS, QuoteStance, default_app
from .errors import (
    InputError,
    ModelIntegrityError,
    ModelNotFoundError,
    QuotestanceError,
    SinkError,
    UnsupportedLanguageError,
)
from .hookspecs import Sink, SinkFactory, hookimpl
from .lang import detect_language
from .names import SpeakerRegistry
from .pipeline import Analysis
from .spans import scan
from .stance import ModelVersionWarning, StanceModel
from .types import Diagnostic, Quote

if TYPE_CHECKING:
    from .batch import Document
    from .nlp import PipelineLike

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "DEFAULT_KINDS",
    "Diagnostic",
    "InputError",
    "ModelIntegrityError",
    "ModelNotFoundError",
    "ModelVersionWarning",
    "Quote",
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
    "detect_language",
    "hookimpl",
    "scan",
]


def analyze(
    text: str,
    lang: str | None = None,
    *,
    nlp: "PipelineLike | None" = None,
    include_nonspeech: bool = False,
    stance_model: "StanceModel | Literal[False] | None" = None,
    kinds: Collection[str] = DEFAULT_KINDS,
) -> list[Quote]:
    """Find the quotations of one text, in text order, with speakers and stance.

    Every returned quote satisfies ``text[q.start:q.end] == q.text``. See
    :meth:`QuoteStance.analyze_document` for the arguments and errors.
    """
    return default_app().analyze(text, lang, nlp=nlp, include_nonspeech=include_nonspeech,
                                 stance_model=stance_model, kinds=kinds)


def analyze_document(
    text: str,
    lang: str | None = None,
    *,
    nlp: "PipelineLike | None" = None,
    registry: SpeakerRegistry | None = None,
    stance_model: "StanceModel | Literal[False] | None" = None,
    kinds: Collection[str] = DEFAULT_KINDS,
) -> Analysis:
    """One text's quotations, non-speech spans and diagnostics (see :meth:`QuoteStance.analyze_document`)."""
    return default_app().analyze_document(text, lang, nlp=nlp, registry=registry, stance_model=stance_model, kinds=kinds)


def analyze_many(texts: "Iterable[Document]", *, sinks: Iterable[Any] = (), **options: Any) -> Iterator[Analysis]:
    """Analyse many texts, streaming; every sink receives every document's quotes.

    ``sinks`` are ``"name[:target]"`` strings (``"jsonl:out.jsonl"``,
    ``"sqlite:quotes.db"``) or sink objects. See
    :func:`quotestance.batch.analyze_many` for the options.
    """
    return default_app().analyze_many(texts, sinks=list(sinks), **options)
