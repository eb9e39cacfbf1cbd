"""The spaCy pipeline component ``quotestance``.

Registered through the ``spacy_factories`` entry point, so that
``nlp.add_pipe("quotestance")`` works after ``pip install quotestance``
without importing quotestance first. This module only declares the factory:
importing it is cheap and cannot fail; the analysis code is imported when
the first document is processed.

Results go to ``doc._.quotes`` (the name is configurable) as a list of
plain dicts (``Quote.to_dict()``, ``speaker_confidence`` included), which
survive ``nlp.pipe(n_process=2)`` and ``DocBin`` serialisation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["QuoteStanceComponent", "make_quotestance", "DEFAULT_CONFIG"]

DEFAULT_CONFIG: dict[str, Any] = {
    "extension": "quotes",
    "include_nonspeech": False,
    "stance": True,
    "kinds": ["direct", "partial"],
    "min_speaker_confidence": None,
}
_CONFIG_FILE = "cfg.json"


class QuoteStanceComponent:
    """Find, attribute and label the quotations of each document; store them on ``doc._``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "quotestance",
        *,
        extension: str = "quotes",
        include_nonspeech: bool = False,
        stance: bool = True,
        kinds: Iterable[str] = ("direct", "partial"),
        min_speaker_confidence: float | None = None,
    ) -> None:
        from .attribution.ranker import check_min_confidence

        self.name = name
        self.lang: str = nlp.lang or "xx"
        min_speaker_confidence = check_min_confidence(min_speaker_confidence)  # a bad setting fails at add_pipe
        self.cfg: dict[str, Any] = {"extension": extension, "include_nonspeech": include_nonspeech, "stance": stance,
                                    "kinds": list(kinds), "min_speaker_confidence": min_speaker_confidence}
        _ensure_extension(extension)

    def __call__(self, doc: Doc) -> Doc:
        from .app import default_app

        from .errors import internal_errors

        with internal_errors("the quotestance component"):
            result = default_app().analyze_doc(
                doc, self.lang, stance_model=None if self.cfg["stance"] else False, kinds=tuple(self.cfg["kinds"]),
                min_speaker_confidence=self.cfg.get("min_speaker_confidence"),
            )
        quotes = result.in_text_order(self.cfg["include_nonspeech"])
        doc._.set(self.cfg["extension"], [q.to_dict() for q in quotes])
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _CONFIG_FILE).write_text(json.dumps(self.cfg, indent=2), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "QuoteStanceComponent":
        config_path = Path(path) / _CONFIG_FILE
        if config_path.is_file():
            self.cfg.update(json.loads(config_path.read_text(encoding="utf-8")))
            _ensure_extension(self.cfg["extension"])
        return self


def _ensure_extension(name: str) -> None:
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


@Language.factory("quotestance", default_config=DEFAULT_CONFIG)
def make_quotestance(
    nlp: Language, name: str, extension: str, include_nonspeech: bool, stance: bool, kinds: list[str],
    min_speaker_confidence: float | None,
) -> QuoteStanceComponent:
    """Factory behind ``nlp.add_pipe("quotestance", config={...})``."""
    return QuoteStanceComponent(nlp, name, extension=extension, include_nonspeech=include_nonspeech, stance=stance, kinds=kinds,
                                min_speaker_confidence=min_speaker_confidence)
