"""The bundled speaker ranker: verified loading, confidences, the confidence floor, the rules alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import joblib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotestance import AttributionModel, InputError, ModelIntegrityError, Quote, QuoteStance, StanceModel, analyze, analyze_many, hookimpl
from quotestance.attribution.ranker import default_attribution_model, default_attribution_model_path

TEXT = (
    "Maria Kovalenko met Pierre Dumas in Vilnius on Monday.\n\n"
    "\u201cWe will never give up,\u201d Kovalenko told reporters. \u201cNever.\u201d\n\n"
    "\u201cThe talks have failed,\u201d he said."
)


def test_the_bundled_model_is_verified_and_carries_its_card() -> None:
    model = default_attribution_model()
    assert model is not None and model.path == default_attribution_model_path()
    card = model.card
    assert card["kind"] == "attribution-ranker" and len(card["artifact"]["sha256"]) == 64
    assert {"en", "fr"} <= set(card["cross_validation"]) and "calibration" in card["cross_validation"]
    assert {"heldout_en", "heldout_fr"} <= set(card["test"]["end_to_end"])


def test_every_attributed_quote_has_a_confidence_between_0_and_1() -> None:
    quotes = analyze(TEXT, "en", stance_model=False)
    assert [q.speaker for q in quotes] == ["Maria Kovalenko", "Maria Kovalenko", "Pierre Dumas"]
    assert all(0.0 <= q.speaker_confidence <= 1.0 for q in quotes)  # type: ignore[operator]
    assert all("speaker_confidence" in q.to_dict() for q in quotes)


def test_the_rules_alone_give_no_confidence() -> None:
    quotes = analyze(TEXT, "en", stance_model=False, attribution_model=False)
    assert [q.speaker for q in quotes] == ["Maria Kovalenko", "Maria Kovalenko", "Pierre Dumas"]
    assert all(q.speaker_confidence is None for q in quotes)


def test_a_confidence_floor_empties_doubtful_attributions_and_keeps_the_rest() -> None:
    everything = analyze(TEXT, "en", stance_model=False)
    floor = sorted(q.speaker_confidence for q in everything)[1]  # type: ignore[type-var]
    kept = analyze(TEXT, "en", stance_model=False, min_speaker_confidence=floor)
    assert any(q.speaker is None for q in kept)
    for before, after in zip(everything, kept):
        assert after.speaker_confidence == before.speaker_confidence
        if before.speaker_confidence >= floor:  # type: ignore[operator]
            assert (after.speaker, after.speaker_mention, after.cue) == (before.speaker, before.speaker_mention, before.cue)
        else:
            assert (after.speaker, after.speaker_mention, after.speaker_start, after.cue) == (None, None, None, None)
            assert "speaker:below-min-confidence" in after.trace


@pytest.mark.parametrize("bad", [-0.1, 1.5, "high", True])
def test_a_confidence_floor_outside_0_1_is_refused(bad: object) -> None:
    with pytest.raises(InputError, match="min_speaker_confidence"):
        analyze(TEXT, "en", stance_model=False, min_speaker_confidence=bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="min_speaker_confidence"):
        analyze_many([TEXT], min_speaker_confidence=bad)  # type: ignore[arg-type]  # refused before any work


def test_a_confidence_floor_with_the_rules_alone_is_refused() -> None:
    with pytest.raises(InputError, match="needs the ranker"):
        analyze(TEXT, "en", stance_model=False, attribution_model=False, min_speaker_confidence=0.5)


def test_a_wrong_model_object_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="AttributionModel"):
        analyze(TEXT, "en", stance_model=False, attribution_model="model.joblib")  # type: ignore[arg-type]


def _copy_model(tmp_path: Path) -> Path:
    source = default_attribution_model_path()
    assert source is not None
    target = tmp_path / source.name
    shutil.copy(source, target)
    shutil.copy(source.with_suffix(".json"), target.with_suffix(".json"))
    return target


def test_an_altered_model_file_is_refused_before_unpickling(tmp_path: Path) -> None:
    path = _copy_model(tmp_path)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        AttributionModel.load(path)


def test_a_pickle_that_is_not_a_ranker_is_refused_even_with_a_matching_card(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "not-a-ranker.joblib"
    joblib.dump({"ranker": "a string", "calibrator": None}, path)
    card = {"kind": "attribution-ranker", "artifact": {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}}
    path.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match="not an attribution model"):
        AttributionModel.load(path, trusted=True)
    del card["kind"]  # a card of another kind is refused before anything is unpickled
    path.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match="card.s kind is None, so it is not an attribution model"):
        AttributionModel.load(path, trusted=True)


def test_a_ranker_is_not_taken_for_a_stance_model() -> None:
    path = default_attribution_model_path()
    assert path is not None
    with pytest.raises(ModelIntegrityError, match="not a stance model"):
        StanceModel.load(path)


def test_a_ranker_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    import hashlib

    model = default_attribution_model()
    assert model is not None
    path = tmp_path / "old.joblib"
    joblib.dump({"ranker": model.ranker, "calibrator": model.calibrator, "features_version": 0}, path)
    card = {"kind": "attribution-ranker", "artifact": {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}}
    path.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match="features version 0"):
        AttributionModel.load(path, trusted=True)


def test_plugin_quotes_without_a_speaker_get_the_same_candidates_and_ranker() -> None:
    class Brackets:
        @hookimpl
        def quotestance_extract(self, doc, lang):
            start = doc.text.index("[") + 1
            end = doc.text.index("]")
            return [Quote(doc.text[start:end], start, end, kind="partial")]

    text = "Pierre Dumas spoke in Vilnius. He called the vote [a farce from start to finish] on Monday."
    app = QuoteStance(load_entrypoints=False, plugins=[Brackets()])
    (quote,) = app.analyze(text, "en", stance_model=False)
    assert quote.speaker == "Pierre Dumas" and quote.speaker_confidence is not None
    assert any(t.startswith("attribution:") for t in quote.trace)


sentences = st.lists(
    st.sampled_from([
        "Anna Roy met Pierre Dumas.", '"We agree," she said.', '"It is over," an official said.',
        '"Nothing changes," Dumas told reporters.', "The Kremlin issued a statement.", '"No comment."',
        "\u00ab Nous restons \u00bb, a-t-il ajout\u00e9.", '"Never," the ministry said.',
    ]),
    min_size=1, max_size=8,
)


@settings(max_examples=25, deadline=None)
@given(sentences, st.floats(min_value=0.0, max_value=1.0))
def test_confidences_are_probabilities_and_the_floor_holds(parts: list[str], floor: float) -> None:
    text = " ".join(parts)
    for q in analyze(text, "en", stance_model=False, min_speaker_confidence=floor):
        if q.speaker_confidence is not None:
            assert 0.0 <= q.speaker_confidence <= 1.0
            if q.speaker is not None:
                assert q.speaker_confidence >= floor
        else:
            assert q.speaker is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(sorted(default_attribution_model().ranker[0].vocabulary_)[:40] + ["never-seen"]),
                                st.floats(-5, 5, allow_nan=False), max_size=8), min_size=1, max_size=6))
def test_the_fast_path_scores_as_the_estimators_do(rows: list[dict[str, float]]) -> None:
    """Scores and confidence without scikit-learn's per-call checks equal the estimators' own methods."""
    model = default_attribution_model()
    assert model is not None and model._fast is not None and model._fast.trees is not None  # the bundled artifact takes the fast path
    slow = AttributionModel(model.ranker, model.calibrator, model.card)
    slow._fast = None
    assert model.scores(rows) == pytest.approx(slow.scores(rows), abs=1e-12)
    assert model.confidence(model.scores(rows)) == pytest.approx(slow.confidence(slow.scores(rows)), abs=1e-4)
