"""The speaker ranker: a trained model scores candidates, a calibrator says how sure to be.

The artifact is a plain dict of two scikit-learn estimators, trained by
:mod:`quotestance.attribution.training` on articles we wrote:

- ``ranker``: a ``Pipeline`` (``DictVectorizer`` + classifier) giving each
  candidate the probability that it is the speaker;
- ``calibrator``: a logistic regression from the scores of a quotation's
  candidates (best score, margin over the runner-up, how many there were)
  to the probability that the chosen speaker is right, fitted on
  out-of-fold predictions so that ``speaker_confidence`` means what it says.

It loads only when its sha256 matches its card (:mod:`quotestance.artifacts`).
Without a model, :class:`RuleChooser` takes the rules' own reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Sequence

from ..artifacts import bundled_path, load_bundled, load_verified
from ..errors import InputError, ModelIntegrityError
from .features import FEATURES_VERSION

__all__ = [
    "Chooser", "AttributionModel", "RuleChooser", "default_attribution_model", "default_attribution_model_path",
    "calibration_row", "check_min_confidence", "CARD_KIND",
]

#: The ``kind`` a ranker's card records, so that no other pickle is taken for one (or one for a stance model).
CARD_KIND = "attribution-ranker"


def check_min_confidence(value: object, with_ranker: bool = True) -> float | None:
    """A confidence floor from a caller, checked: a number from 0 to 1, and only where a ranker gives confidences.

    Raises:
        InputError: not a number from 0 to 1, or a floor with the rules alone.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise InputError(f"min_speaker_confidence must be a number from 0 to 1, got {value!r}")
    if not with_ranker:
        raise InputError("min_speaker_confidence needs the ranker: the attribution rules alone give no confidence")
    return float(value)


class Chooser(Protocol):
    """Picks one candidate of a quotation from their feature dicts."""

    def choose(self, rows: Sequence[dict[str, float]], rules_choice: int | None) -> tuple[int | None, float | None]: ...


def calibration_row(scores: Sequence[float]) -> list[float]:
    """What the calibrator sees of one quotation's candidate scores."""
    ordered = sorted(scores, reverse=True)
    top = min(max(ordered[0], 1e-6), 1 - 1e-6)
    second = ordered[1] if len(ordered) > 1 else 0.0
    return [math.log(top / (1 - top)), top - second, math.log(len(ordered))]


@dataclass
class AttributionModel:
    """A verified ranker with its calibrator and card."""

    ranker: Any
    calibrator: Any
    card: dict[str, Any]
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path, *, trusted: bool = False) -> "AttributionModel":
        """Load ``path`` (.joblib) after checking it against its card and the pinned hashes.

        A ranker quotestance did not ship (one you trained) loads only with
        ``trusted=True``, and with a :class:`~quotestance.artifacts.ModelTrustWarning`.

        Raises:
            ModelIntegrityError: no card, a hash mismatch, not an attribution model, one
                trained on other features, or not shipped and not ``trusted``.
            InputError: the artifact does not exist.
        """
        from sklearn.base import BaseEstimator

        bundle, card, path = load_verified(path, "attribution model", kinds=(CARD_KIND,), trusted=trusted)
        if not isinstance(bundle, dict) or not all(isinstance(bundle.get(k), BaseEstimator) for k in ("ranker", "calibrator")):
            raise ModelIntegrityError(f"{Path(path).name}: not an attribution model (expected a ranker and a calibrator)")
        version = bundle.get("features_version")
        if version != FEATURES_VERSION:
            raise ModelIntegrityError(
                f"{Path(path).name} was trained on features version {version}, this quotestance computes version "
                f"{FEATURES_VERSION}; retrain it with `quotestance train-attribution`"
            )
        return cls(bundle["ranker"], bundle["calibrator"], card, path)

    def __post_init__(self) -> None:
        self._fast = _FastPath.of(self.ranker, self.calibrator)

    def scores(self, rows: Sequence[dict[str, float]]) -> list[float]:
        if not rows:
            return []
        if self._fast is not None and self._fast.numeric(rows):
            return self._fast.positive(self._fast.matrix(rows))
        proba = self.ranker.predict_proba(list(rows))
        positive = list(self.ranker.classes_).index(1)
        return [float(p[positive]) for p in proba]

    def confidence(self, scores: Sequence[float]) -> float:
        row = calibration_row(scores)
        if self._fast is not None and self._fast.logistic is not None:
            weights, intercept = self._fast.logistic
            return round(1.0 / (1.0 + math.exp(-(intercept + sum(w * x for w, x in zip(weights, row))))), 4)
        proba = self.calibrator.predict_proba([row])[0]
        return round(float(proba[list(self.calibrator.classes_).index(1)]), 4)


    def choose(self, rows: Sequence[dict[str, float]], rules_choice: int | None) -> tuple[int | None, float | None]:
        if not rows:
            return None, None
        scores = self.scores(rows)
        best = max(range(len(scores)), key=lambda i: scores[i])
        return best, self.confidence(scores)


@dataclass
class _FastPath:
    """The same predictions without scikit-learn's per-call checks, which cost more than the model on a few rows.

    A ranker is asked about one quotation's few candidates at a time, a
    thousand times an article set. With the usual artifact (a dense
    ``DictVectorizer`` before the classifier, a binary logistic calibrator)
    the rows are laid out by the vectorizer's own vocabulary and the
    calibrator's formula is applied directly; a binary gradient-boosting
    classifier sums its trees with scikit-learn's own tree walker
    (:class:`_BoostedTrees`); anything else takes the estimators' own methods.
    """

    columns: dict[str, int]
    classifier: Any
    logistic: tuple[list[float], float] | None
    positive_column: int
    trees: "_BoostedTrees | None" = None

    @classmethod
    def of(cls, ranker: Any, calibrator: Any) -> "_FastPath | None":
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        if not (isinstance(ranker, Pipeline) and len(ranker.steps) == 2):
            return None
        vectorizer, classifier = ranker.steps[0][1], ranker.steps[1][1]
        if type(vectorizer) is not DictVectorizer or vectorizer.sparse:
            return None
        logistic = None
        if type(calibrator) is LogisticRegression and list(calibrator.classes_) == [0, 1]:
            logistic = ([float(w) for w in calibrator.coef_[0]], float(calibrator.intercept_[0]))
        positive = list(classifier.classes_).index(1)
        fast = cls(dict(vectorizer.vocabulary_), classifier, logistic, positive)
        fast.trees = _BoostedTrees.of(classifier, len(fast.columns), positive)
        return fast

    @staticmethod
    def numeric(rows: Sequence[dict[str, float]]) -> bool:
        """Only numbers: a string value would be one-hot encoded by the vectorizer, a case left to it."""
        return all(type(v) in (float, int, bool) for row in rows for v in row.values())

    def matrix(self, rows: Sequence[dict[str, float]]) -> Any:
        import numpy

        out = numpy.zeros((len(rows), len(self.columns)))
        for i, row in enumerate(rows):
            for name, value in row.items():
                j = self.columns.get(name)
                if j is not None:  # a feature the vectorizer never saw is ignored, as transform() does
                    out[i, j] = value
        return out

    def positive(self, matrix: Any) -> list[float]:
        """Each row's probability of being the speaker."""
        if self.trees is not None:
            return self.trees.positive(matrix)
        return [float(p) for p in self.classifier.predict_proba(matrix)[:, self.positive_column]]


@dataclass
class _BoostedTrees:
    """A binary gradient-boosting classifier's probability: its trees summed by scikit-learn's walker, then the sigmoid.

    ``predict_proba`` checks its input and builds the raw score through three
    layers of calls; on four rows that is three quarters of its time. The
    walker (``predict_stages``) is scikit-learn's, not public API, so this is
    built only when it imports and gives ``predict_proba``'s answers on probe
    rows; otherwise the classifier answers for itself.
    """

    walk: Any
    estimators: Any
    learning_rate: float
    start: float

    @classmethod
    def of(cls, classifier: Any, width: int, positive: int) -> "_BoostedTrees | None":
        import numpy
        from sklearn.ensemble import GradientBoostingClassifier

        if type(classifier) is not GradientBoostingClassifier or len(classifier.classes_) != 2 or positive != 1:
            return None
        try:
            from sklearn.ensemble._gradient_boosting import predict_stages

            probe = numpy.random.default_rng(0).normal(0, 2, size=(16, width))
            expected = classifier.predict_proba(probe)[:, 1]
            trees = cls(predict_stages, classifier.estimators_, float(classifier.learning_rate), 0.0)
            raw = numpy.log(expected[0] / (1 - expected[0]))
            trees.start = float(raw - trees._sum(probe[:1])[0])
            same = numpy.allclose(trees.positive(probe), expected, rtol=0, atol=1e-9)
        except Exception:  # noqa: BLE001 - a scikit-learn without the walker, or with another: its own methods
            return None
        return trees if same else None

    def _sum(self, matrix: Any) -> Any:
        import numpy

        out = numpy.zeros((len(matrix), 1))
        self.walk(self.estimators, numpy.ascontiguousarray(matrix, dtype=numpy.float32), self.learning_rate, out)
        return out[:, 0]

    def positive(self, matrix: Any) -> list[float]:
        import numpy

        return [float(p) for p in 1.0 / (1.0 + numpy.exp(-(self._sum(matrix) + self.start)))]

class RuleChooser:
    """The rules alone: their own reading, with no confidence."""

    def choose(self, rows: Sequence[dict[str, float]], rules_choice: int | None) -> tuple[int | None, float | None]:
        return rules_choice, None


def default_attribution_model_path() -> Path | None:
    """The newest bundled ranker (``quotestance/models/attribution-*.joblib``), if any."""
    return bundled_path("attribution")


def default_attribution_model() -> AttributionModel | None:
    """The bundled ranker, loaded once per process (``None`` when none is bundled)."""
    return load_bundled("attribution", AttributionModel.load)
