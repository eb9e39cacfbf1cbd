"""The stance model: verified loading and prediction.

A model is loaded only when its sha256 matches the one its card recorded at
training time (see :mod:`quotestance.artifacts`); anything else raises
:class:`ModelIntegrityError` before a byte is unpickled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .artifacts import ModelVersionWarning, bundled_path, load_bundled, load_verified
from .errors import ModelIntegrityError
from .stance_features import example

__all__ = [
    "ModelIntegrityError",
    "ModelVersionWarning",
    "StanceModel",
    "default_model_path",
    "default_model",
]


@dataclass
class StanceModel:
    """A verified stance classifier and its model card."""

    pipeline: Any
    card: dict[str, Any]
    path: Path

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    @classmethod
    def load(cls, path: str | Path, *, trusted: bool = False) -> "StanceModel":
        """Load ``path`` (.joblib) after checking it against ``path.with_suffix('.json')`` and the pinned hashes.

        A model quotestance did not ship (one you trained) loads only with
        ``trusted=True``, and with a :class:`~quotestance.artifacts.ModelTrustWarning`.

        Raises:
            ModelIntegrityError: no card, a card without a hash, a hash mismatch,
                not a stance model (a speaker ranker, say), or not shipped and not ``trusted``.
            InputError: the artifact does not exist.
        """
        pipeline, card, path = load_verified(path, "stance model", trusted=trusted)
        if not _is_classifier(pipeline) or not isinstance(card.get("labels", []), list):
            raise ModelIntegrityError(f"{path.name}: not a stance model (expected a scikit-learn classifier)")
        return cls(pipeline, card, path)

    def predict(
        self,
        quotes: Sequence[str],
        contexts: Sequence[str | None],
        cues: Sequence[str | None],
        roles: Sequence[str | None],
        langs: Sequence[str | None],
    ) -> list[tuple[str, dict[str, float]]]:
        """Label and class probabilities for each quotation."""
        if not quotes:
            return []
        rows = [example(q, c, cue, r, lang) for q, c, cue, r, lang in zip(quotes, contexts, cues, roles, langs)]
        proba = self.pipeline.predict_proba(rows)
        labels = self.labels
        out = []
        for row in proba:
            scores = {label: round(float(p), 4) for label, p in zip(labels, row)}
            out.append((max(scores, key=lambda k: scores[k]), scores))
        return out


def _is_classifier(obj: object) -> bool:
    from sklearn.base import BaseEstimator

    return isinstance(obj, BaseEstimator) and callable(getattr(obj, "predict_proba", None)) and hasattr(obj, "classes_")


def default_model_path() -> Path | None:
    """The newest bundled model (``quotestance/models/stance-*.joblib``), if any."""
    return bundled_path("stance")


def default_model() -> StanceModel | None:
    """The bundled model, loaded once per process (``None`` when none is bundled)."""
    return load_bundled("stance", StanceModel.load)
