"""Hypothesis over the whole analyze() path on generated news-like text (the long campaign is ``make fuzz``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

from newslike import check_quotes, newslike_text  # noqa: E402

from quotestance import QuotestanceError, analyze, analyze_many  # noqa: E402

TEXTS = st.builds(newslike_text, st.randoms(use_true_random=False))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_analyze_raises_nothing_outside_the_error_tree_and_keeps_every_offset(text: str) -> None:
    try:
        quotes = analyze(text, stance_model=False)
    except (QuotestanceError, TypeError):
        return
    check_quotes(text, quotes)


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=300))
def test_any_string_at_all(text: str) -> None:
    try:
        quotes = analyze(text, lang="en", stance_model=False)
    except QuotestanceError:
        return
    check_quotes(text, quotes)


@settings(max_examples=10, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=6))
def test_a_batch_gives_one_result_per_document_whatever_they_hold(texts: list[str]) -> None:
    results = list(analyze_many(texts, stance_model=False))
    assert [r.document_id for r in results] == [str(i) for i in range(len(texts))]
    for text, result in zip(texts, results):
        assert result.text == text
        check_quotes(text, result.quotes)


def test_the_generator_reaches_the_hard_cases() -> None:
    texts = [newslike_text(random.Random(seed)) for seed in range(300)]
    joined = "".join(texts)
    assert all(piece in joined for piece in ("\ud800", "\r\n", "\u00ab", "\u201e", "a-t-il ajout\u00e9", "Q: "))
    assert sum(1 for t in texts if len(t) > 500) > 30
