"""Built-in sinks: a readable table, JSON Lines, CSV and SQLite.

Targets are paths; ``-`` or an empty target means standard output for the
text formats. The SQLite sink keeps one row per quotation, keyed by
(document_id, start, end), and replaces a document's rows in one
transaction, so running the same documents again leaves the same table;
it records every document it has stored, quotes or none, in a
``documents`` table. The JSONL and CSV files are written one document at a
time through :class:`~quotestance.plugins.durable.DurableFile` (locked,
flushed per document, repaired on resume). Every sink but the table can
resume: opened with ``resume=True``, its ``documents()`` says which
documents it already holds.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any, Sequence

from ..errors import SinkError
from ..hookspecs import SinkFactory, hookimpl
from ..sanitize import for_display, storable
from ..types import Quote
from .durable import DurableFile, Parse

__all__ = ["CSV_FIELDS", "JSON_FIELDS", "quote_row", "sqlite_row", "TableSink", "JsonlSink", "CsvSink", "SqliteSink"]

#: The one output schema: the fields of ``Quote.to_dict()`` and ``document_id``, in the column order
#: of every sink (JSONL keys, CSV columns, SQLite and Parquet columns).
CSV_FIELDS: tuple[str, ...] = (
    "document_id", "start", "end", "text", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end", "stance", "stance_scores", "lang", "kind", "trace", "speaker_confidence",
)


def quote_row(document_id: str, quote: Quote) -> dict[str, Any]:
    """A flat, JSON-safe row for one quote of one document.

    Every string can be stored as UTF-8: a lone surrogate (which ``analyze()``
    accepts and keeps in ``Quote.text``) becomes U+FFFD, one character for one.
    """
    row: dict[str, Any] = {"document_id": document_id}
    row.update(quote.to_dict())
    return {key: _storable(row.get(key)) for key in CSV_FIELDS}


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value



#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _stdout(target: str) -> bool:
    return target in {"", "-"}


class _TextSink:
    """A sink writing text to standard output ("" or "-") or to a :class:`DurableFile`.

    Each document's text goes out in one write and is flushed at once, so a
    run that dies loses at most the document it was writing.
    """

    #: How to read the file's rows back, to resume and to replace a document (None: this format cannot).
    parse: "Parse | None" = None

    def __init__(self, target: str = "", *, resume: bool = False) -> None:
        self.file = None if _stdout(target) else DurableFile(target, resume=resume, parse=type(self).parse)

    def documents(self) -> set[str] | None:
        """The documents the file holds whole (after repair), for ``--resume``; ``None`` on standard output, which holds nothing."""
        return set(self.file.stored) if self.file is not None else None

    def begin(self) -> None:
        """Called once every sink of the run has opened: only then is an existing file emptied."""
        if self.file is not None:
            self.file.begin()

    def emit(self, data: str, document_id: str | None = None) -> None:
        if self.file is not None:
            self.file.write(data, document_id)
        elif data:
            sys.stdout.write(data)
            sys.stdout.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        else:
            sys.stdout.flush()


class TableSink(_TextSink):
    """Human-readable columns per document: speaker, stance (``-`` when unknown), quote.

    Text from the articles is printed without its control characters, so a
    scraped page cannot send escape sequences to the terminal.
    """

    def __init__(self, target: str = "", width: int | None = None) -> None:
        super().__init__(target)
        self.width = width or max(60, shutil.get_terminal_size((120, 24)).columns)

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        speaker_w, stance_w = 26, 8
        quote_w = max(20, self.width - speaker_w - stance_w - 4)
        lines = [f"== {for_display(document_id)} ({len(quotes)} quote{'s' if len(quotes) != 1 else ''})"]
        if quotes:
            lines.append(f"{'SPEAKER':<{speaker_w}}  {'STANCE':<{stance_w}}  QUOTE")
            for q in quotes:
                text = _clip(" ".join(for_display(q.text).split()), quote_w)
                speaker = _clip(for_display(q.speaker or "?"), speaker_w)
                lines.append(f"{speaker:<{speaker_w}}  {q.stance or '-':<{stance_w}}  {text}")
            lines.append("")
        self.emit("\n".join(lines) + "\n")


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def _parse_jsonl(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    lines = data[: data.rfind(b"\n") + 1].splitlines(keepends=True)  # a torn last line is left out
    rows = []
    for number, line in enumerate(lines, 1):
        try:
            rows.append((str(json.loads(line)["document_id"]), line))
        except (ValueError, KeyError, TypeError):
            raise SinkError(f"line {number} is not a quotestance JSONL row; refusing to resume into this file") from None
    return b"", rows


class JsonlSink(_TextSink):
    """One JSON object per quotation and line."""

    parse = staticmethod(_parse_jsonl)

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        self.emit("".join(json.dumps(quote_row(document_id, q), ensure_ascii=False) + "\n" for q in quotes), document_id)


def _protected(value: Any) -> Any:
    """A cell a spreadsheet will not run: text that starts like a formula (or with the apostrophe that guards one) gets a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS + ("'",)) else value


def unprotected(cell: str) -> str:
    """The value a :func:`_protected` cell holds."""
    return cell[1:] if cell.startswith("'") else cell


def _csv_text(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


#: Longest CSV cell read back (the csv module's default, 128 KiB, is shorter than some quotations).
CSV_FIELD_LIMIT = 1 << 30


def read_csv_rows(text: str) -> list[list[str]]:
    """The rows of CSV text, cells of any length."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    return list(csv.reader(io.StringIO(text, newline="")))


def _parse_csv(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    # Up to the last line end: a row torn inside a character is left out before decoding.
    whole = data[: data.rfind(b"\n") + 1]
    try:
        rows = read_csv_rows(whole.decode("utf-8"))
    except (UnicodeDecodeError, csv.Error):
        raise SinkError("not a quotestance CSV file; refusing to resume into it") from None
    if not rows:
        if data.strip():
            raise SinkError("not a quotestance CSV file; refusing to resume into it")
        return b"", []
    if rows[0] != list(CSV_FIELDS):
        raise SinkError("its header is not quotestance's; refusing to resume into this file")
    body = rows[1:]
    if body and len(body[-1]) != len(CSV_FIELDS):
        body = body[:-1]  # a row torn inside a cell that spans lines
    header = _csv_text([rows[0]]).encode("utf-8")
    parsed = [(unprotected(row[0]), _csv_text([row]).encode("utf-8")) for row in body]
    if not whole.startswith(header + b"".join(row for _, row in parsed)):
        raise SinkError("its rows were not written by quotestance; refusing to resume into this file")
    return header, parsed


class CsvSink(_TextSink):
    """CSV with a header row; stance scores as JSON, the trace joined by ``;``, formulas defused."""

    parse = staticmethod(_parse_csv)

    def begin(self) -> None:
        super().begin()
        if self.file is None or self.file.empty:
            self.emit(_csv_text([list(CSV_FIELDS)]))

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        rows = []
        for q in quotes:
            row = quote_row(document_id, q)
            row["stance_scores"] = json.dumps(row["stance_scores"]) if row["stance_scores"] is not None else ""
            row["trace"] = ";".join(row["trace"])
            rows.append([_protected("" if row[f] is None else row[f]) for f in CSV_FIELDS])
        self.emit(_csv_text(rows) if rows else "", document_id)


#: SQLite type of every field; ``stance_scores`` and ``trace`` are JSON text (see :data:`JSON_FIELDS`).
SQLITE_TYPES: dict[str, str] = {
    "document_id": "TEXT NOT NULL", "start": "INTEGER NOT NULL", "end": "INTEGER NOT NULL", "text": "TEXT NOT NULL",
    "speaker": "TEXT", "speaker_mention": "TEXT", "speaker_start": "INTEGER", "speaker_end": "INTEGER",
    "cue": "TEXT", "cue_start": "INTEGER", "cue_end": "INTEGER", "stance": "TEXT", "stance_scores": "TEXT",
    "lang": "TEXT", "kind": "TEXT NOT NULL", "trace": "TEXT", "speaker_confidence": "REAL",
}
#: Fields stored as JSON text where a format has no nested values (SQLite; CSV writes the trace joined by ``;``).
JSON_FIELDS = ("stance_scores", "trace")
SQLITE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS quotes (\n"
    + "".join(f'    "{name}" {SQLITE_TYPES[name]},\n' for name in CSV_FIELDS)
    + '    created_at TEXT NOT NULL,\n    PRIMARY KEY (document_id, start, "end")\n)'
)
_COLUMNS = ", ".join(f'"{name}"' for name in CSV_FIELDS)
_UPSERT = (
    f"INSERT INTO quotes ({_COLUMNS}, created_at) VALUES ({', '.join('?' * (len(CSV_FIELDS) + 1))}) "
    'ON CONFLICT (document_id, start, "end") DO UPDATE SET '
    + ", ".join(f'"{name}" = excluded."{name}"' for name in CSV_FIELDS if name not in {"document_id", "start", "end"})
)


def sqlite_row(document_id: str, quote: Quote) -> list[Any]:
    """The values of one quote in :data:`CSV_FIELDS` order, nested fields as JSON text."""
    row = quote_row(document_id, quote)
    for name in JSON_FIELDS:
        row[name] = json.dumps(row[name], ensure_ascii=False) if row[name] is not None else None
    return [row[name] for name in CSV_FIELDS]


SQLITE_DOCUMENTS = """
CREATE TABLE IF NOT EXISTS documents (
    document_id TEXT    PRIMARY KEY,
    quotes      INTEGER NOT NULL,
    stored_at   TEXT    NOT NULL
)
"""
#: Seconds a writer waits for another one to finish its transaction (concurrent runs take turns).
SQLITE_TIMEOUT = 60.0


class SqliteSink:
    """A ``quotes`` table, one row per quotation, and a ``documents`` table, written one document per transaction.

    The database runs in WAL mode: readers never block the run, and a run
    killed at any moment leaves every committed document intact. Runs that
    write to one database concurrently take turns, one transaction at a time.
    """

    def __init__(self, target: str = "quotes.sqlite", *, resume: bool = False) -> None:
        path = target or "quotes.sqlite"
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=SQLITE_TIMEOUT)
        try:
            self.connection.execute("PRAGMA journal_mode=WAL")
            with self.connection:
                self.connection.execute(SQLITE_SCHEMA)
                self.connection.execute(SQLITE_DOCUMENTS)
                kept = {row[1] for row in self.connection.execute("PRAGMA table_info(documents)")}
                if not {"document_id", "quotes", "stored_at"} <= kept:
                    raise SinkError(f"{path} has a documents table of its own; choose another database")
                columns = {row[1] for row in self.connection.execute("PRAGMA table_info(quotes)")}
                for name in CSV_FIELDS:  # a table written by an older version gains the fields it lacks
                    if name not in columns:
                        self.connection.execute(f'ALTER TABLE quotes ADD COLUMN "{name}" {SQLITE_TYPES[name].replace(" NOT NULL", "")}')
                #: An older table's fixed score columns, still filled for the readers that use them.
                self.legacy_scores = [c for c in ("score_support", "score_oppose", "score_neutral") if c in columns]
        except (sqlite3.Error, SinkError):
            self.connection.close()  # not a database, read-only, or not ours: leave nothing open
            raise

    def documents(self) -> set[str]:
        """Every document stored so far (with or without quotes)."""
        return {row[0] for row in self.connection.execute("SELECT document_id FROM documents")}

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        rows = [sqlite_row(document_id, q) + [now] for q in quotes]
        keys = {(q.start, q.end) for q in quotes}
        with self.connection:  # one transaction: the document's rows change all at once or not at all
            existing = self.connection.execute(
                'SELECT start, "end" FROM quotes WHERE document_id = ?', (document_id,)
            ).fetchall()
            stale = [(document_id, s, e) for s, e in existing if (s, e) not in keys]
            self.connection.executemany('DELETE FROM quotes WHERE document_id = ? AND start = ? AND "end" = ?', stale)
            self.connection.executemany(_UPSERT, rows)
            for column in self.legacy_scores:
                label = column.removeprefix("score_")
                self.connection.executemany(
                    f'UPDATE quotes SET {column} = ? WHERE document_id = ? AND start = ? AND "end" = ?',
                    [((q.stance_scores or {}).get(label), document_id, q.start, q.end) for q in quotes],
                )
            self.connection.execute(
                "INSERT INTO documents (document_id, quotes, stored_at) VALUES (?, ?, ?) "
                "ON CONFLICT (document_id) DO UPDATE SET quotes = excluded.quotes, stored_at = excluded.stored_at",
                (document_id, len(quotes), now),
            )

    def close(self) -> None:
        self.connection.close()


@hookimpl(trylast=True)
def quotestance_sinks() -> dict[str, SinkFactory]:
    return {"table": TableSink, "jsonl": JsonlSink, "csv": CsvSink, "sqlite": SqliteSink}
