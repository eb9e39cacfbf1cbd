"""Time grows linearly with the input on adversarial texts; a budget and a size limit bound the rest.

These tests compare the time of one input with that of an input four (or
ten) times larger: linear code gives a ratio near 4 (10), quadratic code 16
(100). The bounds (10 and 20) leave room for noise and for the memory
effects of large inputs; they are not speed targets, which live in
``benchmarks/``.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Callable

import pytest

from quotestance import QuoteStance, TimeBudgetExceeded, analyze, analyze_document, analyze_many, scan
from quotestance import selective
from quotestance.cues import load_lexicon

INCISE = load_lexicon("en").incise_pattern


def _seconds(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _growth(make: Callable[[int], str], analyse: Callable[[str], object], small: int, factor: int) -> float:
    small_text, large_text = make(small), make(small * factor)
    analyse(small_text)  # warm caches and models
    return _seconds(lambda: analyse(large_text)) / max(_seconds(lambda: analyse(small_text)), 1e-4)


def _stray_marks(n: int) -> str:
    return '" ' * n


def _nested(n: int) -> str:
    return "\u201c" * n + "word " + "\u201d" * n


def _quotes_without_sentence_ends(n: int) -> str:
    return " ".join(f'"quote number {i} here" said Bob Smith and' for i in range(n))


def _no_punctuation(n: int) -> str:
    return " ".join(f"word{i % 97} and" for i in range(n))


def _article(examples_dir: Path, size: int) -> str:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("en_*.txt")))
    return (base * (size // len(base) + 1))[:size]


@pytest.mark.parametrize(
    "make, small",
    [(_stray_marks, 25_000), (_nested, 25_000), (_quotes_without_sentence_ends, 5_000), (_no_punctuation, 50_000)],
    ids=["100k-stray-marks", "100k-deep-nesting", "quotes-without-sentence-ends", "no-punctuation"],
)
def test_the_scanner_is_linear_on_adversarial_text(make: Callable[[int], str], small: int) -> None:
    assert _growth(make, lambda text: scan(text, INCISE), small, 4) < 10


def test_the_scanner_reads_a_10_mb_article_in_linear_time(examples_dir: Path) -> None:
    one, ten = _article(examples_dir, 1_000_000), _article(examples_dir, 10_000_000)
    ratio = _seconds(lambda: scan(ten, INCISE)) / _seconds(lambda: scan(one, INCISE))
    assert ratio < 20
    assert len(scan(ten, INCISE).spans) >= 9 * len(scan(one, INCISE).spans)


@pytest.mark.parametrize(
    "make, small",
    [(_stray_marks, 2_000), (_nested, 1_000), (_quotes_without_sentence_ends, 100), (_no_punctuation, 1_500)],
    ids=["stray-marks", "1000-deep-nesting", "quotes-without-sentence-ends", "no-punctuation"],
)
def test_the_whole_analysis_is_linear_on_adversarial_text(make: Callable[[int], str], small: int) -> None:
    assert _growth(make, lambda text: analyze(text, lang="en", stance_model=False), small, 4) < 10


def test_an_article_cut_into_bounded_pieces_keeps_its_quotes(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _article(examples_dir, 60_000) + " " + _no_punctuation(2_000)  # and one long paragraph without breaks
    whole = analyze_document(text, lang="en", stance_model=False)
    monkeypatch.setattr(selective, "PIECE_CHARS", 3_000)
    monkeypatch.setattr(selective, "BATCH_CHARS", 5_000)
    for parse in ("selective", "full"):
        pieces = analyze_document(text, lang="en", stance_model=False, parse=parse)  # type: ignore[arg-type]
        assert all(text[q.start : q.end] == q.text for q in pieces.quotes)
        found = {(q.start, q.end) for q in pieces.quotes}
        assert len(found & {(q.start, q.end) for q in whole.quotes}) >= 0.97 * len(whole.quotes)


def test_a_text_longer_than_spacys_max_length_is_analysed(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _article(examples_dir, 12_000)
    app = QuoteStance(load_entrypoints=False)
    pipeline = app.prepare(text, "en").pipeline
    monkeypatch.setattr(pipeline, "max_length", 5_000)
    monkeypatch.setattr(selective, "PIECE_CHARS", 4_000)
    quotes = app.analyze(text, "en", stance_model=False, parse="full")
    assert quotes and all(text[q.start : q.end] == q.text for q in quotes)


def test_a_document_over_its_time_budget_is_a_logged_skip(caplog: pytest.LogCaptureFixture) -> None:
    texts = [("slow", _quotes_without_sentence_ends(50)), ("fine", '"We stay," said Anna Roy.')]
    results = list(analyze_many(texts, lang="en", stance_model=False, time_budget=1e-9))
    assert [r.document_id for r in results] == ["slow", "fine"]
    assert all("time budget" in (r.error or "") for r in results)
    assert "skipped" in caplog.text
    (ok,) = [r for r in analyze_many(texts[1:], lang="en", stance_model=False, time_budget=60)]
    assert ok.quotes and ok.error is None
    assert issubclass(TimeBudgetExceeded, Exception)


@pytest.mark.parametrize("bad", [0, -1, "fast", True])
def test_a_time_budget_must_be_positive(bad: object) -> None:
    from quotestance import InputError

    with pytest.raises(InputError, match="time_budget"):
        analyze_many(["x"], time_budget=bad)  # type: ignore[arg-type]
