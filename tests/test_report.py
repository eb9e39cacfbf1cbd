"""The corpus report: its tables, plots and links, and the report command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import quotestance
from quotestance import Quote
from quotestance.cli import main

from test_view import _parsed


def test_the_report_has_its_tables_plots_and_links(tmp_path: Path, examples_dir: Path) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    out = tmp_path / "report.html"
    assert main(["report", str(examples_dir), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    parsed = _parsed(page)
    assert parsed.fetches == []
    assert page.count('<img src="data:image/png;base64,') == 3 and page.count("alt=\"") >= 3
    assert 'id="speakers"' in page and "Svetlana Tikhanovskaya" in page
    ids = {m["id"] for m in parsed.marks}
    links = set(re.findall(r'href="#(d\d+q\d+)"', page))
    assert links and links <= ids  # every quotation in the table links to its mark in its article
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    assert len(parsed.marks) == sum(len(r.quotes) for r in quotestance.analyze_many(texts))


def test_the_speaker_table_counts_each_stance() -> None:
    pandas = pytest.importorskip("pandas")
    from quotestance.report import speaker_table

    frame = quotestance.to_frame([
        Quote("a", 0, 1, speaker="A", stance="oppose", stance_scores={"oppose": 0.8, "support": 0.2}, speaker_confidence=0.9),
        Quote("b", 2, 3, speaker="A", stance="support", stance_scores={"oppose": 0.4, "support": 0.6}, speaker_confidence=0.7),
        Quote("c", 4, 5, speaker=None, stance="oppose", stance_scores={"oppose": 1.0, "support": 0.0}),
    ])
    table = speaker_table(frame)
    assert list(table.index) == ["A", "(unknown)"]
    assert table.loc["A", "quotations"] == 2 and table.loc["A", "oppose"] == 1 and table.loc["A", "support"] == 1
    assert table.loc["A", "mean p(oppose)"] == pytest.approx(0.6)
    assert table.loc["A", "mean speaker confidence"] == pytest.approx(0.8)
    assert isinstance(table, pandas.DataFrame)
