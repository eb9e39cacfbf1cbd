"""The public Quote record."""

from __future__ import annotations

import json

import pytest

from quotestance import Quote


def test_quote_needs_only_text_and_offsets() -> None:
    q = Quote("we will win", 9, 20)
    assert q.speaker is None and q.stance is None and q.kind == "direct" and q.trace == ()
    assert q.is_speech


def test_quote_is_frozen_and_hashable() -> None:
    q = Quote("x", 0, 1, stance_scores={"support": 1.0})
    with pytest.raises(AttributeError):
        q.text = "y"  # type: ignore[misc]
    assert hash(q) == hash(Quote("x", 0, 1, stance_scores={"oppose": 1.0}))


def test_to_dict_is_json_safe_and_complete() -> None:
    q = Quote("hi", 3, 5, speaker="Anna Verhoeven", stance_scores={"support": 0.2}, trace=("scanner", "kind:x"))
    data = q.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["trace"] == ["scanner", "kind:x"]
    assert set(data) >= {
        "text", "start", "end", "speaker", "speaker_mention", "speaker_start", "speaker_end",
        "cue", "cue_start", "cue_end", "stance", "stance_scores", "lang", "kind", "trace",
    }


@pytest.mark.parametrize("start, end", [(-1, 1), (5, 3), (0, 5)])
def test_inconsistent_offsets_are_rejected(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Quote("abc", start, end)


def test_title_is_not_speech() -> None:
    assert not Quote("Union Shield", 0, 12, kind="title").is_speech
