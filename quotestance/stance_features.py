"""Features of a quotation for the stance model, shared by training and prediction.

The model sees what a careful reader sees: the quoted words, the sentence
that frames them (with the quote itself masked, so the frame adds the
reporting verb and its surroundings rather than repeating the quote), the
cue, the speaker's role and the language. Building these in one place keeps
training and prediction from drifting apart.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

__all__ = ["FIELDS", "UNKNOWN_ROLE", "SPEAKER_ROLES", "example", "field", "field_column", "build_pipeline"]

FIELDS = ("quote", "frame", "cue", "speaker_role", "lang")
UNKNOWN_ROLE = "unknown"
SPEAKER_ROLES = (
    "government", "russian_government", "opposition", "foreign_government", "international_body",
    "analyst", "media", "citizen", "civil_society", "other", UNKNOWN_ROLE,
)
_MASK = " QQQ "


def example(quote: str, context: str | None, cue: str | None, speaker_role: str | None, lang: str | None) -> dict[str, str]:
    """One model input: the quote, its masked frame, cue, role and language."""
    context = context or ""
    frame = context.replace(quote, _MASK) if quote and quote in context else context
    return {
        "quote": quote or "",
        "frame": frame,
        "cue": (cue or "").lower(),
        "speaker_role": speaker_role if speaker_role in SPEAKER_ROLES else UNKNOWN_ROLE,
        "lang": lang or "",
    }


def field(rows: Iterable[Mapping[str, Any]], name: str) -> list[str]:
    """Column ``name`` of a list of example dicts (a text field for a vectoriser)."""
    return [str(r.get(name, "")) for r in rows]


def field_column(rows: Iterable[Mapping[str, Any]], name: str) -> list[list[str]]:
    """Column ``name`` as a one-column 2-D list (for a one-hot encoder)."""
    return [[str(r.get(name, ""))] for r in rows]


def build_pipeline(use_role: bool = True, C: float = 4.0, random_state: int = 0):
    """The stance model: word and character TF-IDF, one-hot cue/role/language, logistic regression.

    Multinomial logistic regression gives probabilities that are already
    close to calibrated on this kind of sparse text data; ``class_weight``
    keeps the three labels on equal footing if a corpus is unbalanced.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

    def text(name: str) -> FunctionTransformer:
        return FunctionTransformer(field, kw_args={"name": name})

    def column(name: str) -> FunctionTransformer:
        return FunctionTransformer(field_column, kw_args={"name": name})

    parts = [
        ("quote_words", make_pipeline(text("quote"), TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1))),
        ("quote_chars", make_pipeline(text("quote"), TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))),
        ("frame_words", make_pipeline(text("frame"), TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1))),
        ("cue", make_pipeline(column("cue"), OneHotEncoder(handle_unknown="ignore"))),
        ("lang", make_pipeline(column("lang"), OneHotEncoder(handle_unknown="ignore"))),
    ]
    if use_role:
        parts.append(("role", make_pipeline(column("speaker_role"), OneHotEncoder(handle_unknown="ignore"))))
    return Pipeline(
        [
            ("features", FeatureUnion(parts)),
            ("classifier", LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=random_state)),
        ]
    )
