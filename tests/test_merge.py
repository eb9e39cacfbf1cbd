"""Merging the quotes of several extractors."""

from __future__ import annotations

from quotestance import Quote
from quotestance.merge import merge_quotes

TEXT = "He said that we will win and that nothing will stop us."


def q(fragment: str, **fields: object) -> Quote:
    start = TEXT.index(fragment)
    return Quote(fragment, start, start + len(fragment), **fields)  # type: ignore[arg-type]


def test_overlapping_spans_become_one_with_the_most_specific_kind() -> None:
    merged = merge_quotes([q("that we will win and that nothing will stop us", kind="indirect"), q("we will win", kind="partial")])
    assert [(m.text, m.kind) for m in merged] == [("we will win", "partial")]


def test_the_most_complete_attribution_is_kept() -> None:
    merged = merge_quotes([
        q("we will win", kind="direct"),
        q("we will win and", kind="indirect", speaker="Anna Roy", speaker_start=0, speaker_end=2, cue="said"),
    ])
    assert len(merged) == 1 and merged[0].kind == "direct" and merged[0].speaker == "Anna Roy" and merged[0].cue == "said"


def test_disjoint_or_slightly_overlapping_spans_stay_apart() -> None:
    merged = merge_quotes([q("nothing will stop us"), q("we will win")])
    assert [m.text for m in merged] == ["we will win", "nothing will stop us"]


def test_reported_speech_inside_a_quotation_does_not_lend_its_speaker() -> None:
    merged = merge_quotes([
        q("that we will win and that nothing will stop us", kind="direct", speaker="Anna Roy"),
        q("that we will win and that nothing", kind="indirect", speaker="Ben Ode", speaker_start=0, speaker_end=2, cue="said"),
    ])
    assert len(merged) == 1 and merged[0].speaker == "Anna Roy" and merged[0].cue is None


def test_two_fragments_in_one_span_of_reported_speech_both_stand() -> None:
    merged = merge_quotes([
        q("that we will win and that nothing will stop us", kind="indirect", speaker="Anna Roy", cue="said"),
        q("we will win", kind="partial"),
        q("nothing will stop us", kind="partial"),
    ])
    assert [(m.text, m.kind) for m in merged] == [("we will win", "partial"), ("nothing will stop us", "partial")]
    assert [m.speaker for m in merged] == ["Anna Roy", "Anna Roy"]  # both take the attribution of the span
