"""Training a speaker ranker on annotated articles: the library function and `quotestance train-attribution`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotestance import AttributionModel, InputError, analyze
from quotestance.attribution.training import collect_examples, train_attribution
from quotestance.cli import main

SMALL = Path(__file__).resolve().parent.parent / "fixtures" / "attribution_small"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("ranker") / "small.joblib"
    card = train_attribution([SMALL], out, test=[SMALL], n_folds=3, log=lambda _m: None)
    return out, card


def test_every_annotated_quote_becomes_a_labelled_group_of_candidates() -> None:
    examples = collect_examples([SMALL])
    gold_rows = [json.loads(line) for line in (SMALL / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(examples) == len(gold_rows)
    assert {e.lang for e in examples} == {"en", "fr"}
    for e in examples:
        assert len(e.rows) == len(e.labels) == len(e.names) and set(e.labels) <= {0, 1}
    assert sum(e.reachable for e in examples) >= len(examples) - 2  # short articles: the speaker is a candidate


def test_training_writes_a_verified_model_and_its_card(trained: tuple[Path, dict]) -> None:
    out, card = trained
    model = AttributionModel.load(out, trusted=True)
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8")) == card == model.card
    cv = card["cross_validation"]
    assert cv["folds"] == 3 and 0.0 <= cv["all"]["ranker_mean"] <= 1.0 and 0.0 <= cv["calibration"]["ece"] <= 1.0
    assert card["data"]["articles"] == {"en": 4, "fr": 4} and len(card["data"]["sha256"]) == 64
    assert set(card["test"]["end_to_end"]) == {"attribution_small"}


def test_a_trained_model_is_used_through_the_public_api(trained: tuple[Path, dict]) -> None:
    model = AttributionModel.load(trained[0], trusted=True)
    text = (SMALL / "text" / "01_council.txt").read_text(encoding="utf-8")
    quotes = analyze(text, "en", stance_model=False, attribution_model=model)
    assert quotes and all(q.speaker_confidence is not None for q in quotes if q.speaker)


def test_too_few_articles_to_cross_validate_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least 10 articles"):
        train_attribution([SMALL], tmp_path / "m.joblib", n_folds=10, log=lambda _m: None)


def test_the_model_file_must_be_a_joblib_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.joblib"):
        train_attribution([SMALL], tmp_path / "m.pkl", log=lambda _m: None)


def test_cli_trains_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.joblib"
    assert main(["train-attribution", str(SMALL), "-o", str(out), "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    assert "cross-validation (3 folds by article)" in printed and out.is_file() and out.with_suffix(".json").is_file()
    assert main(["evaluate", str(SMALL / "gold.jsonl"), str(SMALL / "text"), "--attribution-model", str(out), "--trust-model"]) == 0
    assert "speaker_ECE=" in capsys.readouterr().out


def test_cli_rejects_a_folder_without_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train-attribution", str(tmp_path), "-o", str(tmp_path / "m.joblib")]) == 1
    assert "no gold.jsonl" in capsys.readouterr().err


def test_bad_folds_and_missing_test_folders_fail_before_any_training(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.joblib"
    with pytest.raises(SystemExit):
        main(["train-attribution", str(SMALL), "-o", str(out), "--folds", "1"])
    assert "at least 2 folds" in capsys.readouterr().err
    assert main(["train-attribution", str(SMALL), "-o", str(out), "--test", str(tmp_path / "typo")]) == 1
    assert "no such folder" in capsys.readouterr().err and not out.exists()
