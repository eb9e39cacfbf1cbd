"""Verified model files: a joblib pickle is loaded only when it is one we shipped, or trusted.

A joblib file is a pickle, and unpickling runs code. So before a byte is
unpickled: the file's sha256 must match its card (``<name>.json`` next to
``<name>.joblib``), the card must say it is the kind of model asked for,
and the hash must be one that quotestance pins in its code
(:mod:`quotestance.pins`) unless the caller vouches for the file with
``trusted=True`` (``--trust-model``), which also warns. Anything else raises
:class:`ModelIntegrityError`. A model trained with another scikit-learn
version still loads, with a warning, because predictions may then differ
slightly. The stance model and the attribution ranker both load through
here, and check the type of what they unpickled before using it.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import warnings
from importlib import resources
from pathlib import Path
from typing import Any, Callable, TypeVar

from .errors import InputError, ModelIntegrityError
from .pins import BUNDLED_SHA256

__all__ = ["ModelVersionWarning", "ModelTrustWarning", "load_verified", "sha256_of", "bundled_path", "load_bundled"]

T = TypeVar("T")


class ModelVersionWarning(UserWarning):
    """The artifact was trained with another scikit-learn version than the one installed."""


class ModelTrustWarning(UserWarning):
    """A model file that quotestance did not ship is unpickled because the caller trusts it."""


def sha256_of(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def load_verified(
    path: str | Path, what: str = "model", *, kinds: tuple[str | None, ...] = (None,), trusted: bool = False
) -> tuple[Any, dict[str, Any], Path]:
    """Unpickle ``path`` (.joblib) after checking it against ``path.with_suffix('.json')`` and the pins.

    ``kinds`` are the card ``kind`` values accepted (``None``: a card without
    one). Returns the object, the card and the path.

    Raises:
        ModelIntegrityError: no card, a card without a hash or of another kind,
            a hash mismatch, or a file quotestance did not ship without ``trusted``.
        InputError: the artifact does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no {what} at {path}")
    card_path = path.with_suffix(".json")
    if not card_path.is_file():
        raise ModelIntegrityError(f"{path.name}: no model card {card_path.name} next to it; refusing to unpickle")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
        expected = card["artifact"]["sha256"]
        if not isinstance(expected, str):
            raise TypeError("artifact.sha256 is not a string")
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelIntegrityError(f"{card_path.name}: unreadable model card ({exc})") from exc
    if card.get("kind") not in kinds:
        article = "an" if what[:1] in "aeiou" else "a"
        raise ModelIntegrityError(f"{path.name}: its card's kind is {card.get('kind')!r}, so it is not {article} {what}; "
                                  "refusing to unpickle it")
    # Hash and unpickle the same bytes, so the file cannot change in between.
    payload = path.read_bytes()
    actual = sha256_of(payload)
    if actual != expected:
        raise ModelIntegrityError(
            f"{path.name}: sha256 {actual} does not match the card's {expected}; "
            "the file was altered or belongs to another card. Refusing to unpickle."
        )
    if actual not in BUNDLED_SHA256.values():
        if not trusted:
            raise ModelIntegrityError(
                f"{path.name} is not a model quotestance ships, and loading a model runs the code it holds; "
                "pass trusted=True (--trust-model on the command line) if you trained it or trust its source"
            )
        warnings.warn(f"loading {path} runs the code it holds: it is trusted on your word (trusted=True)",
                      ModelTrustWarning, stacklevel=3)
    _check_versions(card, path)
    import joblib

    with warnings.catch_warnings():
        # scikit-learn's own InconsistentVersionWarning repeats ours, once per estimator.
        warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
        obj = joblib.load(io.BytesIO(payload))
    return obj, card, path


def _check_versions(card: dict[str, Any], path: Path) -> None:
    import sklearn

    trained = (card.get("created_with") or {}).get("scikit-learn")
    if trained and trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        warnings.warn(
            f"{path.name} was trained with scikit-learn {trained}, this is {sklearn.__version__}; "
            "predictions may differ. Retrain it to silence this.",
            ModelVersionWarning,
            stacklevel=4,
        )


def _version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in version.replace("-", ".").split("."))


def bundled_path(prefix: str) -> Path | None:
    """The newest bundled artifact ``quotestance/models/<prefix>-<version>.joblib``, if any."""
    folder = resources.files("quotestance") / "models"
    if not folder.is_dir():
        return None
    found = sorted(
        (Path(str(p)) for p in folder.iterdir() if p.name.startswith(f"{prefix}-") and p.name.endswith(".joblib")),
        key=lambda p: _version_key(p.stem.removeprefix(f"{prefix}-")),
    )
    return found[-1] if found else None


_bundled: dict[str, Any] = {}
_lock = threading.Lock()


def load_bundled(prefix: str, load: Callable[[Path], T]) -> T | None:
    """The newest bundled ``prefix`` artifact, loaded once per process with ``load`` (``None`` when none is bundled)."""
    with _lock:
        if prefix not in _bundled:
            path = bundled_path(prefix)
            _bundled[prefix] = load(path) if path else None
        return _bundled[prefix]
