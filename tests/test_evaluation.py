"""The evaluation protocol, on a small written gold set with a stand-in system."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotestance import InputError
from quotestance.evaluation import evaluate

TEXT = 'Lena said "we will win" and the crowd chanted "go home" near the "Union Shield" drills.'


def _span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    rows = []
    for fragment, speaker, stance, status in [
        ("we will win", "Lena Marquardt", "oppose", "required"),
        ("go home", "demonstrators", "oppose|neutral", "required"),
        ("Union Shield", None, None, "negative"),
    ]:
        start, end = _span(fragment)
        rows.append(dict(doc="a.txt", start=start, end=end, text=fragment, speaker=speaker, aliases=["lena"] if speaker == "Lena Marquardt" else [], stance=stance, status=status))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return gold, tmp_path / "texts"


def test_perfect_system_scores_one(corpus: tuple[Path, Path]) -> None:
    def system(text: str) -> list[dict]:
        (a, b), (c, d) = _span("we will win"), _span("go home")
        return [dict(start=a - 1, end=b + 1, speaker="Lena", stance="oppose"), dict(start=c, end=d, speaker="demonstrators", stance="neutral")]

    scores = evaluate(*corpus, system=system)
    assert scores["extract_F1"] == 1.0 and scores["e2e_F1"] == 1.0 and scores["stance_macroF1"] == 1.0
    assert scores["required"] == 2


def test_wrong_speaker_attributed_negative_and_extra_span_are_counted(corpus: tuple[Path, Path]) -> None:
    def system(text: str) -> list[dict]:
        (a, b), (c, d) = _span("we will win"), _span("Union Shield")
        e, f = _span("the crowd chanted")
        return [dict(start=a, end=b, speaker="Putin", stance="support"), dict(start=c, end=d, speaker="Lena", stance=None), dict(start=e, end=f, speaker=None, stance=None)]

    scores = evaluate(*corpus, system=system)
    # 1 found of 2 required; 1 extra span + 1 attributed negative = 2 false positives
    assert scores["extract_P"] == round(1 / 3, 3) and scores["extract_R"] == 0.5
    assert scores["attribution_acc"] == 0.0 and scores["negatives_attributed"] == 1
    assert scores["stance_macroF1"] == 0.0


def test_missing_inputs_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate(tmp_path / "none.jsonl", tmp_path)


def test_gold_rows_without_required_fields_are_reported(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold.jsonl").write_text('{"start": 0, "end": 4}\n', encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1: gold row lacks doc"):
        evaluate(tmp_path / "gold.jsonl", tmp_path / "texts", system=lambda text: [])
