"""The Parquet sink, from Python and from the command line."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

import quotestance
from quotestance.cli import main

TEXTS = [
    ("a", '"We will not leave," said Maria Kovalenko on Monday.'),
    ("b", 'Le ministre Paul Arnaud a déclaré : « Rien ne change. »'),
]


def test_every_quote_becomes_a_row(tmp_path: Path) -> None:
    target = tmp_path / "out" / "quotes.parquet"
    results = list(quotestance.analyze_many(TEXTS, sinks=[f"parquet:{target}"]))
    table = pq.read_table(target).to_pylist()
    assert len(table) == sum(len(r.quotes) for r in results) == 2
    assert [row["document_id"] for row in table] == ["a", "b"]
    assert table[0]["speaker"] == "Maria Kovalenko" and table[0]["stance"] in {"support", "oppose", "neutral"}
    assert table[1]["lang"] == "fr" and table[1]["text"] == "Rien ne change."


def test_cli_sink(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0][1], encoding="utf-8")
    target = tmp_path / "cli.parquet"
    assert main(["analyze", str(tmp_path / "a.txt"), "--sink", f"parquet:{target}"]) == 0
    assert pq.read_table(target).num_rows == 1


def test_listed_as_a_plugin() -> None:
    rows = {row["name"]: row for row in quotestance.QuoteStance().plugin_info()}
    assert rows["parquet"]["hooks"] == ["quotestance_sinks"] and rows["parquet"]["version"] == "0.1.0"


def test_a_run_that_dies_leaves_the_previous_file_readable(tmp_path: Path) -> None:
    target = tmp_path / "quotes.parquet"
    list(quotestance.analyze_many(TEXTS, sinks=[f"parquet:{target}"]))
    app = quotestance.QuoteStance()
    dying = app.open_sink(f"parquet:{target}")
    dying.write("c", quotestance.analyze(TEXTS[0][1]))  # and the process dies here, before close()
    assert [row["document_id"] for row in pq.read_table(target).to_pylist()] == ["a", "b"]
    dying.close()
    assert [row["document_id"] for row in pq.read_table(target).to_pylist()] == ["c"]
