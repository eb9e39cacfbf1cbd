"""Training a stance model on labelled JSONL, through the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotestance import InputError
from quotestance.stance import StanceModel
from quotestance.training import load_examples, train

SMALL = Path(__file__).parent / "fixtures" / "stance_small.jsonl"


def test_train_writes_an_artifact_and_a_card_that_load(tmp_path: Path) -> None:
    report = train([SMALL], tmp_path / "toy.joblib", version="9.9", target="a toy target")
    assert report.artifact.is_file() and report.card_path == tmp_path / "toy.json"
    card = json.loads(report.card_path.read_text(encoding="utf-8"))
    assert card["version"] == "9.9" and card["target"] == "a toy target"
    assert card["data"]["train"] + card["data"]["test"] == card["data"]["examples"] == 27
    assert card["cross_validation"]["folds"] == 5
    assert set(card["test"]["by_language"]) == {"en", "fr"}
    model = StanceModel.load(report.artifact, trusted=True)
    (label, scores), = model.predict(["Release every political prisoner now"], [None], ["said"], ["civil_society"], ["en"])
    assert label in {"support", "oppose", "neutral"} and abs(sum(scores.values()) - 1) < 1e-3


def test_training_without_test_rows_skips_the_test_scores(tmp_path: Path) -> None:
    data = tmp_path / "train_only.jsonl"
    rows = [json.loads(line) for line in SMALL.read_text(encoding="utf-8").splitlines()]
    data.write_text("".join(json.dumps({**r, "split": "train"}) + "\n" for r in rows), encoding="utf-8")
    report = train([data], tmp_path / "m.joblib", cross_validate=False)
    assert "test" not in report.card and "cross_validation" not in report.card


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "not JSON"),
        ('{"quote": "x"}', "missing or non-text field"),
        (json.dumps(dict(quote="x", context="x", speaker="s", speaker_role="other", cue="said", lang="en", label="neutral", split="dev")), "split must be"),
    ],
)
def test_bad_rows_are_reported_with_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(SMALL.read_text(encoding="utf-8").splitlines()[0] + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"bad.jsonl:2: {message}"):
        load_examples([data])


def test_missing_data_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        train([tmp_path / "nowhere.jsonl"], tmp_path / "m.joblib")


def test_json_that_is_not_an_object_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "list.jsonl"
    data.write_text('["quote", "context"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="list.jsonl:1: expected a JSON object"):
        load_examples([data])


def test_too_little_data_for_cross_validation_says_what_to_do(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in SMALL.read_text(encoding="utf-8").splitlines()][:8]
    data = tmp_path / "tiny.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(InputError, match="--no-cv"):
        train([data], tmp_path / "m.joblib")
