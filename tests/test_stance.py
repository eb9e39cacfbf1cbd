"""The bundled stance model: integrity checks, card, predictions through analyze()."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from quotestance import QuotestanceError, analyze
from quotestance.stance import ModelIntegrityError, ModelVersionWarning, StanceModel, default_model, default_model_path
from quotestance.stance_features import SPEAKER_ROLES, example


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    source = default_model_path()
    assert source is not None, "a stance model must be bundled"
    target = tmp_path / source.name
    shutil.copy(source, target)
    shutil.copy(source.with_suffix(".json"), target.with_suffix(".json"))
    return target


def test_bundled_model_and_card_are_complete() -> None:
    model = default_model()
    assert model is not None
    assert model.labels == ["neutral", "oppose", "support"]
    card = model.card
    assert card["labels"] == model.labels
    assert {"scikit-learn", "spacy", "python", "quotestance"} <= set(card["created_with"])
    assert len(card["artifact"]["sha256"]) == 64 and len(card["data"]["sha256"]) == 64
    cv = card["cross_validation"]["with_role"]
    assert 0 < cv["macro_f1"]["mean"] <= 1 and cv["macro_f1"]["std"] >= 0
    assert set(cv["by_language"]) == {"en", "fr"}
    assert card["cross_validation"]["without_role"]["macro_f1"]["mean"] > 0
    assert set(card["test"]["by_language"]) == {"en", "fr"}
    assert len(card["test"]["confusion_matrix"]) == 3
    assert card["data"]["by_language"]["fr"] >= 500 and card["data"]["examples"] >= 1500
    folder = default_model_path().parent  # type: ignore[union-attr]
    human = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    for figure in ("reliability", "confusion"):
        name = f"{default_model_path().stem}-{figure}.png"  # type: ignore[union-attr]
        assert name in human and (folder / name).is_file()


def test_tampered_artifact_is_refused(model_copy: Path) -> None:
    with open(model_copy, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelIntegrityError, match="does not match") as info:
        StanceModel.load(model_copy)
    assert isinstance(info.value, QuotestanceError)


def test_artifact_without_card_is_refused(model_copy: Path) -> None:
    model_copy.with_suffix(".json").unlink()
    with pytest.raises(ModelIntegrityError, match="no model card"):
        StanceModel.load(model_copy)


def test_card_with_another_hash_is_refused(model_copy: Path) -> None:
    card_path = model_copy.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["artifact"]["sha256"] = "0" * 64
    card_path.write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelIntegrityError):
        StanceModel.load(model_copy)


def test_missing_artifact_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(QuotestanceError, match="no stance model"):
        StanceModel.load(tmp_path / "none.joblib")


def test_other_scikit_learn_version_warns_but_loads(model_copy: Path) -> None:
    card_path = model_copy.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["created_with"]["scikit-learn"] = "0.24.2"
    card_path.write_text(json.dumps(card), encoding="utf-8")
    with pytest.warns(ModelVersionWarning, match="0.24.2"):
        model = StanceModel.load(model_copy)
    assert model.labels == ["neutral", "oppose", "support"]


def test_analyze_fills_stance_and_probabilities() -> None:
    text = (
        'Opposition leader Vera Lund said on Sunday: "The election was stolen and every political prisoner '
        'must be released at once."\n\n'
        '"Our police restored order and the result of the vote is final," said Belarusian government '
        "spokesman Igor Vert.\n"
    )
    quotes = analyze(text, "en")
    assert [q.stance for q in quotes] == ["oppose", "support"]
    for q in quotes:
        assert q.stance_scores is not None and set(q.stance_scores) == {"neutral", "oppose", "support"}
        assert abs(sum(q.stance_scores.values()) - 1) < 1e-3
        assert q.stance == max(q.stance_scores, key=q.stance_scores.get)
    assert any(step.startswith("role:") for step in quotes[0].trace)


def test_stance_can_be_switched_off() -> None:
    quotes = analyze('"We will win," Vera Lund said.', "en", stance_model=False)
    assert quotes and all(q.stance is None and q.stance_scores is None for q in quotes)


_texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_texts, _texts, st.sampled_from(["said", "a déclaré", "", "never-seen"]),
                          st.sampled_from(list(SPEAKER_ROLES) + ["not-a-role", ""]), st.sampled_from(["en", "fr", "xx", ""])),
                min_size=1, max_size=6))
def test_the_fast_path_predicts_as_the_pipeline_does(rows: list[tuple[str, str, str, str, str]]) -> None:
    """Straight to the vectorisers and the classifier: the pipeline's own probabilities, unknown values included."""
    model = default_model()
    assert model is not None and model._fast is not None  # the bundled model takes the fast path
    examples = [example(*row) for row in rows]
    assert model._fast.predict_proba(examples) == pytest.approx(model.pipeline.predict_proba(examples), abs=1e-12)


def test_a_pipeline_of_another_layout_predicts_through_its_own_methods() -> None:
    from sklearn.dummy import DummyClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.pipeline import make_pipeline

    rows = [example("we will win", "", "said", "opposition", "en"), example("order is restored", "", "said", "government", "en")]
    pipeline = make_pipeline(DictVectorizer(), DummyClassifier(strategy="prior")).fit(rows, ["oppose", "support"])
    model = StanceModel(pipeline, {}, Path("user.joblib"))
    assert model._fast is None
    assert [label for label, _ in model.predict(["we will win"], [None], ["said"], ["opposition"], ["en"])] == ["oppose"]
