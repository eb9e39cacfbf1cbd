"""Built-in sinks: JSONL, CSV and SQLite (idempotent, transactional)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from quotestance import Quote, QuoteStance
from quotestance.plugins.sinks import SqliteSink

QUOTES = [
    Quote("we stay", 10, 17, speaker="Anna Roy", speaker_confidence=0.91, stance="oppose", stance_scores={"support": 0.1, "oppose": 0.8, "neutral": 0.1}, lang="en"),
    Quote("never", 30, 35, lang="en", kind="partial"),
]


def _rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute('SELECT document_id, start, "end", text, speaker, stance, score_oppose, kind FROM quotes ORDER BY start').fetchall()


def test_sqlite_one_row_per_quote_and_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    for _ in range(2):  # a re-run leaves the same table
        sink = SqliteSink(str(db))
        sink.write("doc-1", QUOTES)
        sink.close()
    assert _rows(db) == [("doc-1", 10, 17, "we stay", "Anna Roy", "oppose", 0.8, "direct"), ("doc-1", 30, 35, "never", None, None, None, "partial")]
    sink = SqliteSink(str(db))
    sink.write("doc-1", QUOTES[:1])  # a quote no longer found disappears
    sink.write("doc-2", QUOTES[1:])
    sink.close()
    assert [(r[0], r[1]) for r in _rows(db)] == [("doc-1", 10), ("doc-2", 30)]


def test_sqlite_keeps_created_at_and_primary_key(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    sink = SqliteSink(str(db))
    sink.write("d", QUOTES)
    sink.close()
    with sqlite3.connect(db) as conn:
        info = conn.execute("PRAGMA table_info(quotes)").fetchall()
        created = conn.execute("SELECT created_at FROM quotes").fetchall()
    assert [c[1] for c in info if c[5]] == ["document_id", "start", "end"]
    assert all(c[0] for c in created)


def test_jsonl_and_csv_files(tmp_path: Path) -> None:
    app = QuoteStance(load_entrypoints=False)
    for spec in (f"jsonl:{tmp_path / 'a' / 'q.jsonl'}", f"csv:{tmp_path / 'q.csv'}"):
        sink = app.open_sink(spec)
        sink.write("doc-1", QUOTES)
        sink.close()
    rows = [json.loads(line) for line in (tmp_path / "a" / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["we stay", "never"] and rows[0]["stance_scores"]["oppose"] == 0.8
    table = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert table[0]["document_id"] == "doc-1" and json.loads(table[0]["stance_scores"])["oppose"] == 0.8


def test_speaker_confidence_reaches_every_sink(tmp_path: Path) -> None:
    app = QuoteStance(load_entrypoints=False)
    for spec in (f"jsonl:{tmp_path / 'q.jsonl'}", f"csv:{tmp_path / 'q.csv'}", f"sqlite:{tmp_path / 'q.db'}"):
        sink = app.open_sink(spec)
        sink.write("doc-1", QUOTES)
        sink.close()
    jsonl = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    table = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    with sqlite3.connect(tmp_path / "q.db") as db:
        stored = db.execute("SELECT speaker_confidence FROM quotes ORDER BY start").fetchall()
    assert [r["speaker_confidence"] for r in jsonl] == [0.91, None]
    assert [r["speaker_confidence"] for r in table] == ["0.91", ""]
    assert stored == [(0.91,), (None,)]


def test_sqlite_table_of_an_older_version_gains_the_confidence_column(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            'CREATE TABLE quotes (document_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, '
            "speaker TEXT, speaker_mention TEXT, cue TEXT, stance TEXT, score_support REAL, score_oppose REAL, "
            'score_neutral REAL, lang TEXT, kind TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (document_id, start, "end"))'
        )
    sink = SqliteSink(str(db))
    sink.write("doc-1", QUOTES)
    sink.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT speaker, speaker_confidence FROM quotes ORDER BY start").fetchall() == [("Anna Roy", 0.91), (None, None)]
