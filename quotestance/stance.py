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
from .stance_features import example, field

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

    def __post_init__(self) -> None:
        self._fast = _FastPath.of(self.pipeline)

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
        proba = self._fast.predict_proba(rows) if self._fast is not None else self.pipeline.predict_proba(rows)
        labels = self.labels
        out = []
        for row in proba:
            scores = {label: round(float(p), 4) for label, p in zip(labels, row)}
            out.append((max(scores, key=lambda k: scores[k]), scores))
        return out


@dataclass
class _FastPath:
    """The pipeline's own features and classifier, without the machinery around them.

    An article's few quotations go through the pipeline at a time, tens of
    thousands of times a day, and for a handful of rows scikit-learn's
    wrappers (the feature union, function transformers, one-hot encoders of
    one column) cost more than the vectorisers and the classifier. With the
    layout :func:`~quotestance.stance_features.build_pipeline` makes, each
    text field goes straight to its vectoriser, each one-column encoding is a
    dictionary look-up, and the classifier is the pipeline's own. Any other
    pipeline (one a user trained another way) takes the pipeline's methods,
    and so does this one if its answer on a probe differs from theirs.
    """

    #: Per part, in the union's order: the field it reads and its TF-IDF vectoriser or its category index.
    parts: list[tuple[str, Any]]
    classifier: Any

    @classmethod
    def of(cls, pipeline: Any) -> "_FastPath | None":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

        from .stance_features import field_column

        if not (type(pipeline) is Pipeline and len(pipeline.steps) == 2 and type(pipeline.steps[0][1]) is FeatureUnion):
            return None
        union, classifier = pipeline.steps[0][1], pipeline.steps[1][1]
        if union.transformer_weights is not None:
            return None
        parts: list[tuple[str, Any]] = []
        for _, part in union.transformer_list:
            if not (type(part) is Pipeline and len(part.steps) == 2):
                return None
            select, encode = part.steps[0][1], part.steps[1][1]
            if type(select) is not FunctionTransformer or set(select.kw_args or {}) != {"name"}:
                return None
            name = select.kw_args["name"]
            if select.func is field and type(encode) is TfidfVectorizer:
                parts.append((name, encode))
            elif (select.func is field_column and type(encode) is OneHotEncoder and len(encode.categories_) == 1
                  and encode.drop is None and encode.handle_unknown == "ignore"):
                parts.append((name, {str(c): i for i, c in enumerate(encode.categories_[0])}))
            else:
                return None
        fast = cls(parts, classifier)
        probe = [example("a probe quotation", "She said: a probe quotation.", "said", "opposition", "en")]
        try:
            import numpy

            same = numpy.allclose(fast.predict_proba(probe), pipeline.predict_proba(probe), rtol=0, atol=1e-9)
        except Exception:  # noqa: BLE001 - any doubt and the pipeline answers for itself
            return None
        return fast if same else None

    def predict_proba(self, rows: Sequence[dict[str, str]]) -> Any:
        import numpy
        from scipy import sparse

        blocks = []
        for name, encode in self.parts:
            values = field(rows, name)  # the text the pipeline's function transformer gives
            if not isinstance(encode, dict):
                blocks.append(encode.transform(values))
                continue
            hits = [(i, encode[v]) for i, v in enumerate(values) if v in encode]  # an unknown value: a zero row
            data = numpy.ones(len(hits))
            rows_at, columns = [h[0] for h in hits], [h[1] for h in hits]
            blocks.append(sparse.csr_matrix((data, (rows_at, columns)), shape=(len(values), len(encode))))
        return self.classifier.predict_proba(sparse.hstack(blocks).tocsr())


def _is_classifier(obj: object) -> bool:
    from sklearn.base import BaseEstimator

    return isinstance(obj, BaseEstimator) and callable(getattr(obj, "predict_proba", None)) and hasattr(obj, "classes_")


def default_model_path() -> Path | None:
    """The newest bundled model (``quotestance/models/stance-*.joblib``), if any."""
    return bundled_path("stance")


def default_model() -> StanceModel | None:
    """The bundled model, loaded once per process (``None`` when none is bundled)."""
    return load_bundled("stance", StanceModel.load)
