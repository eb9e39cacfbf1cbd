"""Features that compare a candidate with its rivals."""

from __future__ import annotations

from hypothesis import given, strategies as st

from quotestance.attribution.features import with_rivals

gaps = st.lists(st.integers(0, 5).map(float), min_size=1, max_size=6)


@given(gaps)
def test_the_nearest_candidate_is_marked_and_ties_share_the_mark(values: list[float]) -> None:
    rows = [{"char_gap": v, "mentions_before": 1.0} for v in values]
    marked = with_rivals(rows)
    assert [{k: v for k, v in m.items() if not k.startswith("best:")} for m in marked] == rows  # nothing else changes
    if len(values) < 2:
        assert all("best:char_gap" not in m for m in marked)  # no rival, no comparison
        return
    nearest = [m["best:char_gap"] for m, v in zip(marked, values) if v == min(values)]
    assert set(nearest) == ({1.0} if len(nearest) == 1 else {0.5})
    assert all(m["best:char_gap"] == 0.0 for m, v in zip(marked, values) if v != min(values))
    assert all(m["best:mentions_before"] == 0.5 for m in marked)  # all equal: a tie among all


def test_the_most_mentioned_is_best_and_a_candidate_without_the_feature_is_not_compared() -> None:
    marked = with_rivals([{"mentions_before": 3.0}, {"mentions_before": 1.0}, {"no_entity": 1.0}])
    assert [m.get("best:mentions_before") for m in marked] == [1.0, 0.0, None]
