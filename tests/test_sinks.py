"""Built-in sinks: JSONL, CSV and SQLite (idempotent, transactional, resumable) and the table."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from quotestance import Quote, QuoteStance, SinkError
from quotestance.plugins.sinks import SqliteSink

QUOTES = [
    Quote("we stay", 10, 17, speaker="Anna Roy", speaker_confidence=0.91, stance="oppose", stance_scores={"support": 0.1, "oppose": 0.8, "neutral": 0.1}, lang="en"),
    Quote("never", 30, 35, lang="en", kind="partial"),
]


def _rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        rows = db.execute('SELECT document_id, start, "end", text, speaker, stance, stance_scores, kind FROM quotes ORDER BY start').fetchall()
    return [row[:6] + ((json.loads(row[6]) or {}).get("oppose") if row[6] else None,) + row[7:] for row in rows]


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
        (sink,), _ = app.open_sinks([spec])
        sink.write("doc-1", QUOTES)
        sink.close()
    rows = [json.loads(line) for line in (tmp_path / "a" / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["we stay", "never"] and rows[0]["stance_scores"]["oppose"] == 0.8
    table = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert table[0]["document_id"] == "doc-1" and json.loads(table[0]["stance_scores"])["oppose"] == 0.8


def test_speaker_confidence_reaches_every_sink(tmp_path: Path) -> None:
    app = QuoteStance(load_entrypoints=False)
    for spec in (f"jsonl:{tmp_path / 'q.jsonl'}", f"csv:{tmp_path / 'q.csv'}", f"sqlite:{tmp_path / 'q.db'}"):
        (sink,), _ = app.open_sinks([spec])
        sink.write("doc-1", QUOTES)
        sink.close()
    jsonl = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    table = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    with sqlite3.connect(tmp_path / "q.db") as db:
        stored = db.execute("SELECT speaker_confidence FROM quotes ORDER BY start").fetchall()
    assert [r["speaker_confidence"] for r in jsonl] == [0.91, None]
    assert [r["speaker_confidence"] for r in table] == ["0.91", ""]
    assert stored == [(0.91,), (None,)]


def test_sqlite_table_of_an_older_version_gains_the_missing_fields_and_keeps_its_scores(tmp_path: Path) -> None:
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
        assert conn.execute("SELECT score_oppose, cue_start, trace FROM quotes ORDER BY start").fetchall()[0] == (0.8, None, "[]")


def _open(spec: str, resume: bool = False):
    (sink,), _ = QuoteStance(load_entrypoints=False).open_sinks([spec], resume=resume)
    return sink


def _jsonl_of(folder: Path, *documents: str) -> Path:
    """A JSONL sink's file holding ``QUOTES`` for each of ``documents``, written by a run that ended well."""
    out = folder / "q.jsonl"
    sink = _open(f"jsonl:{out}")
    for doc in documents:
        sink.write(doc, QUOTES)
    sink.close()
    return out


def test_jsonl_resume_cuts_a_torn_line_and_the_last_document(tmp_path: Path) -> None:
    out = _jsonl_of(tmp_path, "a", "b", "c")
    complete = out.read_bytes()
    out.write_bytes(complete + b'{"document_id": "d", "sta')  # killed in the middle of a row
    resumed = _open(f"jsonl:{out}", resume=True)
    assert resumed.documents() == {"a", "b"}  # "c" may have been cut short too: it is written again
    resumed.write("c", QUOTES)
    resumed.write("d", QUOTES)
    resumed.close()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["document_id"] for r in rows] == ["a", "a", "b", "b", "c", "c", "d", "d"]


def test_jsonl_without_resume_starts_afresh_and_refuses_foreign_files_on_resume(tmp_path: Path) -> None:
    out = tmp_path / "q.jsonl"
    out.write_text('{"document_id": "old"}\n', encoding="utf-8")
    _open(f"jsonl:{out}").close()
    assert out.read_text(encoding="utf-8") == ""
    out.write_text("not json\n", encoding="utf-8")
    with pytest.raises(SinkError, match="not a quotestance JSONL row"):
        _open(f"jsonl:{out}", resume=True)
    assert out.read_text(encoding="utf-8") == "not json\n"


def test_csv_resume_keeps_whole_documents_and_one_header(tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    sink = _open(f"csv:{out}")
    for doc in ("a", "=b"):
        sink.write(doc, QUOTES)
    sink.close()
    out.write_bytes(out.read_bytes() + b'=c,10,17,"we st')
    resumed = _open(f"csv:{out}", resume=True)
    assert resumed.documents() == {"a"}
    resumed.write("=b", QUOTES)
    resumed.close()
    table = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["document_id"] for r in table] == ["a", "a", "'=b", "'=b"]


def test_csv_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    sink = _open(f"csv:{out}")
    sink.write("doc", [Quote("=HYPERLINK(\"http://x\")", 0, 22, speaker="+Anna", cue="@said"), Quote("-1 is fine", 30, 40)])
    sink.close()
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["text"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'-1 is fine"]
    assert rows[0]["speaker"] == "'+Anna" and rows[0]["cue"] == "'@said" and rows[0]["start"] == "0"


def test_the_table_prints_no_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    sink = _open("table:-")
    sink.write("doc\x1b]0;pwned\x07", [Quote("we \x1b[2Jstay\u202e", 0, 12, speaker="Anna\x1b[31m Roy")])
    sink.close()
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "stay" in out


def test_sqlite_runs_in_wal_mode_and_lists_documents_without_quotes(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    sink = _open(f"sqlite:{db}", resume=True)
    sink.write("with", QUOTES)
    sink.write("without", [])
    sink.close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = _open(f"sqlite:{db}", resume=True)
    assert again.documents() == {"with", "without"}
    again.close()


def test_a_document_written_again_replaces_its_rows_in_a_resumed_file(tmp_path: Path) -> None:
    out = _jsonl_of(tmp_path, "a", "b", "c")
    again = _open(f"jsonl:{out}", resume=True)
    assert again.documents() == {"a", "b"}  # "c" was last: not counted whole, but its rows stay until it is redone
    again.write("a", QUOTES[:1])  # another sink lacked "a": it is redone and replaces its rows
    again.close()
    ids = [json.loads(line)["document_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["a", "b", "b", "c", "c"]


def test_csv_round_trips_apostrophes_long_cells_and_a_row_torn_inside_a_character(tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    long_text = "x" * 140_001
    sink = _open(f"csv:{out}")
    sink.write("'=a", [Quote("'+1 to that", 0, 11)])
    sink.write("b", [Quote(long_text, 0, len(long_text))])
    sink.write("c", [Quote("très", 0, 4)])
    sink.close()
    data = out.read_bytes()
    out.write_bytes(data[: data.rindex("è".encode()) + 1])  # torn inside "è"
    resumed = _open(f"csv:{out}", resume=True)
    assert resumed.documents() == {"'=a"}  # "b" is now the last whole document
    resumed.close()
    pandas = pytest.importorskip("pandas")
    frame = quotestance_frames().read_csv(out)
    assert list(frame["document_id"]) == ["'=a", "b"] and frame["text"].iloc[0] == "'+1 to that"
    assert len(frame["text"].iloc[1]) == 140_001 and isinstance(frame, pandas.DataFrame)


def quotestance_frames():
    import quotestance.frames

    return quotestance.frames


def test_a_database_with_a_documents_table_of_its_own_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "own.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE documents (id INTEGER, body TEXT)")
    with pytest.raises(SinkError, match="documents table of its own"):
        _open(f"sqlite:{db}", resume=True)


def test_quotes_with_lone_surrogates_are_stored_everywhere(tmp_path: Path) -> None:
    quote = Quote("keep \ud83d open", 0, 11, speaker="Anna \udc00Roy")
    for spec in (f"jsonl:{tmp_path / 'q.jsonl'}", f"csv:{tmp_path / 'q.csv'}", f"sqlite:{tmp_path / 'q.db'}"):
        sink = _open(spec)
        sink.write("doc", [quote])
        sink.close()
    assert json.loads((tmp_path / "q.jsonl").read_text(encoding="utf-8"))["text"] == "keep \ufffd open"


def test_resuming_refuses_a_sink_that_would_be_replaced(tmp_path: Path) -> None:
    with pytest.raises(SinkError, match="cannot resume"):
        _open(f"table:{tmp_path / 'table.txt'}", resume=True)
