"""The stance model: verified loading and prediction.

A joblib file is a pickle, and unpickling runs code. So a model is loaded
only when its sha256 matches the one written in its model card
(``<name>.json`` next to ``<name>.joblib``) at training time; anything else
raises :class:`ModelIntegrityError` before a byte is unpickled. A model
trained with another scikit-learn version still loads, with a warning,
because predictions may then differ slightly.
"""

from __future__ import annotations

import json
import threading
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError, ModelIntegrityError
from .stance_features import example

__all__ = [
    "ModelIntegrityError",
    "ModelVersionWarning",
    "StanceModel",
    "default_model_path",
    "default_model",
]


class ModelVersionWarning(UserWarning):
    """The artifact was trained with another scikit-learn version than the one installed."""


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
    def load(cls, path: str | Path) -> "StanceModel":
        """Load ``path`` (.joblib) after checking it against ``path.with_suffix('.json')``.

        Raises:
            ModelIntegrityError: no card, a card without a hash, or a hash mismatch.
            InputError: the artifact does not exist.
        """
        import hashlib
        import io

        path = Path(path)
        if not path.is_file():
            raise InputError(f"no stance model at {path}")
        card_path = path.with_suffix(".json")
        if not card_path.is_file():
            raise ModelIntegrityError(f"{path.name}: no model card {card_path.name} next to it; refusing to unpickle")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
            expected = card["artifact"]["sha256"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelIntegrityError(f"{card_path.name}: unreadable model card ({exc})") from exc
        # Hash and unpickle the same bytes, so the file cannot change in between.
        payload = path.read_bytes()
        actual = hashlib.sha256(payload).hexdigest()
        if actual != expected:
            raise ModelIntegrityError(
                f"{path.name}: sha256 {actual} does not match the card's {expected}; "
                "the file was altered or belongs to another card. Refusing to unpickle."
            )
        _check_versions(card, path)
        import joblib

        with warnings.catch_warnings():
            # scikit-learn's own InconsistentVersionWarning repeats ours, once per estimator.
            warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
            pipeline = joblib.load(io.BytesIO(payload))
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


def _check_versions(card: dict[str, Any], path: Path) -> None:
    import sklearn

    trained = (card.get("created_with") or {}).get("scikit-learn")
    if trained and trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        warnings.warn(
            f"{path.name} was trained with scikit-learn {trained}, this is {sklearn.__version__}; "
            "predictions may differ. Retrain with `quotestance train` to silence this.",
            ModelVersionWarning,
            stacklevel=3,
        )


def default_model_path() -> Path | None:
    """The newest bundled model (``quotestance/models/stance-*.joblib``), if any."""
    folder = resources.files("quotestance") / "models"
    candidates = sorted(
        (Path(str(p)) for p in folder.iterdir() if p.name.startswith("stance-") and p.name.endswith(".joblib")),
        key=lambda p: _version_key(p.stem.removeprefix("stance-")),
    ) if folder.is_dir() else []
    return candidates[-1] if candidates else None


def _version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in version.replace("-", ".").split("."))


_default: dict[str, StanceModel | None] = {}
_lock = threading.Lock()


def default_model() -> StanceModel | None:
    """The bundled model, loaded once per process (``None`` when none is bundled)."""
    with _lock:
        if "model" not in _default:
            path = default_model_path()
            _default["model"] = StanceModel.load(path) if path else None
        return _default["model"]
