"""Built-in sinks: a readable table, JSON Lines, CSV and SQLite.

Targets are paths; ``-`` or an empty target means standard output for the
text formats. The SQLite sink keeps one row per quotation, keyed by
(document_id, start, end), and replaces a document's rows in one
transaction, so running the same documents again leaves the same table.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import sqlite3
import sys
from pathlib import Path
import shutil
from typing import IO, Any, Sequence

from ..hookspecs import SinkFactory, hookimpl
from ..types import Quote

__all__ = ["CSV_FIELDS", "quote_row", "TableSink", "JsonlSink", "CsvSink", "SqliteSink"]

#: Column order of CSV output (and key order of JSONL rows).
CSV_FIELDS: tuple[str, ...] = (
    "document_id", "start", "end", "text", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end", "stance", "stance_scores", "lang", "kind", "trace", "speaker_confidence",
)


def quote_row(document_id: str, quote: Quote) -> dict[str, Any]:
    """A flat, JSON-safe row for one quote of one document."""
    row: dict[str, Any] = {"document_id": document_id}
    row.update(quote.to_dict())
    return {key: row.get(key) for key in CSV_FIELDS}


def _open_text(target: str) -> tuple[IO[str], bool]:
    if target in {"", "-"}:
        return sys.stdout, False
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    return open(path, "w", encoding="utf-8", newline=""), True


class _TextSink:
    """A sink writing text to a file or to standard output ("" or "-")."""

    def __init__(self, target: str = "") -> None:
        self.stream, self._owned = _open_text(target)

    def close(self) -> None:
        self.stream.flush()
        if self._owned:
            self.stream.close()


class TableSink(_TextSink):
    """Human-readable columns per document: speaker, stance (``-`` when unknown), quote."""

    def __init__(self, target: str = "", width: int | None = None) -> None:
        super().__init__(target)
        self.width = width or max(60, shutil.get_terminal_size((120, 24)).columns)

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        speaker_w, stance_w = 26, 8
        quote_w = max(20, self.width - speaker_w - stance_w - 4)
        print(f"== {document_id} ({len(quotes)} quote{'s' if len(quotes) != 1 else ''})", file=self.stream)
        if not quotes:
            return
        print(f"{'SPEAKER':<{speaker_w}}  {'STANCE':<{stance_w}}  QUOTE", file=self.stream)
        for q in quotes:
            text = _clip(" ".join(q.text.split()), quote_w)
            print(f"{_clip(q.speaker or '?', speaker_w):<{speaker_w}}  {q.stance or '-':<{stance_w}}  {text}", file=self.stream)
        print(file=self.stream)



def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


class JsonlSink(_TextSink):
    """One JSON object per quotation and line."""

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        for q in quotes:
            self.stream.write(json.dumps(quote_row(document_id, q), ensure_ascii=False) + "\n")



class CsvSink(_TextSink):
    """CSV with a header row; stance scores as JSON, the trace joined by ``;``."""

    def __init__(self, target: str = "") -> None:
        super().__init__(target)
        self.writer = csv.DictWriter(self.stream, fieldnames=list(CSV_FIELDS))
        self.writer.writeheader()

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        for q in quotes:
            row = quote_row(document_id, q)
            row["stance_scores"] = json.dumps(row["stance_scores"]) if row["stance_scores"] is not None else ""
            row["trace"] = ";".join(row["trace"])
            self.writer.writerow(row)



SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS quotes (
    document_id     TEXT    NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    text            TEXT    NOT NULL,
    speaker         TEXT,
    speaker_mention TEXT,
    cue             TEXT,
    stance          TEXT,
    score_support   REAL,
    score_oppose    REAL,
    score_neutral   REAL,
    lang            TEXT,
    kind            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    speaker_confidence REAL,
    PRIMARY KEY (document_id, start, "end")
)
"""


class SqliteSink:
    """A ``quotes`` table, one row per quotation, written one document per transaction."""

    def __init__(self, target: str = "quotes.sqlite") -> None:
        path = target or "quotes.sqlite"
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path)
        try:
            with self.connection:
                self.connection.execute(SQLITE_SCHEMA)
                columns = {row[1] for row in self.connection.execute("PRAGMA table_info(quotes)")}
                if "speaker_confidence" not in columns:  # a table written before speakers had a confidence
                    self.connection.execute("ALTER TABLE quotes ADD COLUMN speaker_confidence REAL")
        except sqlite3.Error:
            self.connection.close()  # not a database, or read-only: leave nothing open
            raise

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        rows = []
        for q in quotes:
            scores = q.stance_scores or {}
            rows.append((
                document_id, q.start, q.end, q.text, q.speaker, q.speaker_mention, q.speaker_confidence, q.cue, q.stance,
                scores.get("support"), scores.get("oppose"), scores.get("neutral"), q.lang, q.kind, now,
            ))
        keys = {(q.start, q.end) for q in quotes}
        with self.connection:  # one transaction: the document's rows change all at once or not at all
            existing = self.connection.execute(
                'SELECT start, "end" FROM quotes WHERE document_id = ?', (document_id,)
            ).fetchall()
            stale = [(document_id, s, e) for s, e in existing if (s, e) not in keys]
            self.connection.executemany('DELETE FROM quotes WHERE document_id = ? AND start = ? AND "end" = ?', stale)
            self.connection.executemany(
                """INSERT INTO quotes (document_id, start, "end", text, speaker, speaker_mention, speaker_confidence, cue,
                                      stance, score_support, score_oppose, score_neutral, lang, kind, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (document_id, start, "end") DO UPDATE SET
                     text = excluded.text, speaker = excluded.speaker, speaker_mention = excluded.speaker_mention,
                     speaker_confidence = excluded.speaker_confidence,
                     cue = excluded.cue, stance = excluded.stance, score_support = excluded.score_support,
                     score_oppose = excluded.score_oppose, score_neutral = excluded.score_neutral,
                     lang = excluded.lang, kind = excluded.kind""",
                rows,
            )

    def close(self) -> None:
        self.connection.close()


@hookimpl(trylast=True)
def quotestance_sinks() -> dict[str, SinkFactory]:
    return {"table": TableSink, "jsonl": JsonlSink, "csv": CsvSink, "sqlite": SqliteSink}
