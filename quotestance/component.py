"""The spaCy pipeline component ``quotestance``.

Registered through the ``spacy_factories`` entry point, so that
``nlp.add_pipe("quotestance")`` works after ``pip install quotestance``
without importing quotestance first. This module only declares the factory:
importing it is cheap and cannot fail; the analysis code is imported when
the first document is processed.

Results go two ways. ``doc.spans["quotes"]`` (the key is configurable) is a
:class:`~spacy.tokens.SpanGroup` of the quotations, with ``span._.speaker``,
``span._.speaker_confidence``, ``span._.cue``, ``span._.stance`` and
``span._.stance_scores``, and the stance as the span's label, so that
``displacy.render(doc, style="span", options={"spans_key": "quotes"})``
shows them. ``doc._.quotes`` (the ``extension`` setting) holds the same
quotations as plain dicts (``Quote.to_dict()``), which survive
``nlp.pipe(n_process=2)``. Through :class:`~spacy.tokens.DocBin`, the span
group travels with the document; ``doc._.quotes`` and the span attributes
only with ``DocBin(store_user_data=True)``.

The component needs the dependency parse and named entities (``requires``):
added to a pipeline without a parser, it warns and finds almost no speaker.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["QuoteStanceComponent", "make_quotestance", "DEFAULT_CONFIG", "SPAN_ATTRIBUTES"]

DEFAULT_CONFIG: dict[str, Any] = {
    "extension": "quotes",
    "spans_key": "quotes",
    "include_nonspeech": False,
    "stance": True,
    "stance_model": None,
    "trust_model": False,
    "kinds": ["direct", "partial"],
    "min_speaker_confidence": None,
}
#: The ``span._`` attributes of every quotation in the span group.
SPAN_ATTRIBUTES = ("speaker", "speaker_confidence", "cue", "stance", "stance_scores", "quote_kind")
_CONFIG_FILE = "cfg.json"


class QuoteStanceComponent:
    """Find, attribute and label the quotations of each document; store them in ``doc.spans`` and on ``doc._``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "quotestance",
        *,
        extension: str = "quotes",
        spans_key: str = "quotes",
        include_nonspeech: bool = False,
        stance: bool = True,
        stance_model: str | None = None,
        trust_model: bool = False,
        kinds: Iterable[str] = ("direct", "partial"),
        min_speaker_confidence: float | None = None,
    ) -> None:
        from .app import default_app
        from .attribution.ranker import check_min_confidence

        self.name = name
        self.lang: str = nlp.lang or "xx"
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        # A bad setting fails at add_pipe, as it would on the command line.
        default_app().check_options(kinds=kinds, min_speaker_confidence=min_speaker_confidence)
        min_speaker_confidence = check_min_confidence(min_speaker_confidence)
        self._model = _stance_model(stance_model, trust_model) if stance and stance_model else None
        self.cfg: dict[str, Any] = {"extension": extension, "spans_key": spans_key, "include_nonspeech": include_nonspeech,
                                    "stance": stance, "stance_model": stance_model, "trust_model": trust_model,
                                    "kinds": kinds, "min_speaker_confidence": min_speaker_confidence}
        if "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names:
            warnings.warn(
                f"the {name!r} component needs a parser and an entity recogniser (a trained pipeline such as "
                f"en_core_web_sm); {nlp.meta.get('name', 'this pipeline')} has neither, so almost no speaker will be found",
                UserWarning, stacklevel=3,
            )
        _ensure_extensions(extension)

    def __call__(self, doc: Doc) -> Doc:
        from .app import default_app
        from .errors import internal_errors

        with internal_errors("the quotestance component"):
            stance_model = False if not self.cfg["stance"] else self._model
            result = default_app().analyze_doc(
                doc, self.lang, stance_model=stance_model, kinds=tuple(self.cfg["kinds"]),
                min_speaker_confidence=self.cfg.get("min_speaker_confidence"),
            )
        quotes = result.in_text_order(self.cfg["include_nonspeech"])
        doc._.set(self.cfg["extension"], [q.to_dict() for q in quotes])
        spans = []
        for q in quotes:
            span = doc.char_span(q.start, q.end, label=q.stance or q.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.speaker, span._.speaker_confidence, span._.cue = q.speaker, q.speaker_confidence, q.cue
            span._.stance, span._.stance_scores, span._.quote_kind = q.stance, q.stance_scores, q.kind
            spans.append(span)
        doc.spans[self.cfg["spans_key"]] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _CONFIG_FILE).write_text(json.dumps(self.cfg, indent=2), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "QuoteStanceComponent":
        config_path = Path(path) / _CONFIG_FILE
        if config_path.is_file():
            self.cfg.update(json.loads(config_path.read_text(encoding="utf-8")))
            _ensure_extensions(self.cfg["extension"])
            if self.cfg.get("stance") and self.cfg.get("stance_model"):
                self._model = _stance_model(self.cfg["stance_model"], self.cfg.get("trust_model", False))
        return self


def _stance_model(path: str, trusted: bool) -> Any:
    from .stance import StanceModel

    return StanceModel.load(path, trusted=trusted)


def _ensure_extensions(name: str) -> None:
    _ensure_extension(name)
    for attribute in SPAN_ATTRIBUTES:
        if not Span.has_extension(attribute):
            Span.set_extension(attribute, default=None)


def _ensure_extension(name: str) -> None:
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


@Language.factory(
    "quotestance",
    default_config=DEFAULT_CONFIG,
    requires=["token.dep", "token.pos", "token.ent_type", "doc.sents"],
    assigns=["doc.spans", "span._.speaker", "span._.stance"],
)
def make_quotestance(
    nlp: Language, name: str, extension: str, spans_key: str, include_nonspeech: bool, stance: bool,
    stance_model: str | None, trust_model: bool, kinds: list[str], min_speaker_confidence: float | None,
) -> QuoteStanceComponent:
    """Factory behind ``nlp.add_pipe("quotestance", config={...})``."""
    return QuoteStanceComponent(nlp, name, extension=extension, spans_key=spans_key, include_nonspeech=include_nonspeech,
                                stance=stance, stance_model=stance_model, trust_model=trust_model, kinds=kinds,
                                min_speaker_confidence=min_speaker_confidence)
