"""Quotes as pandas DataFrames: from analyses, and back from every sink's output.

One row per quotation, the columns of :data:`~quotestance.plugins.sinks.CSV_FIELDS`
(``document_id`` and the fields of ``Quote.to_dict()``) in that order,
whatever the source: ``stance_scores`` is a dict keyed by the stance model's
own labels (or ``None``), ``trace`` a list of strings, offsets nullable
integers. So a frame read back from SQLite, JSONL, CSV or Parquet equals
the one made from the analyses that were written. pandas is an optional
dependency (``pip install 'quotestance[frames]'``).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Union

from .errors import InputError
from .pipeline import Analysis
from .plugins.sinks import CSV_FIELDS, quote_row
from .types import Quote

if TYPE_CHECKING:
    import pandas

__all__ = ["to_frame", "read_sqlite", "read_jsonl", "read_csv", "read_parquet", "FRAME_COLUMNS"]

FRAME_COLUMNS: tuple[str, ...] = CSV_FIELDS
_INTEGERS = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise InputError("DataFrames need pandas: pip install 'quotestance[frames]'") from None
    return pandas


def _frame(rows: list[dict[str, Any]]) -> "pandas.DataFrame":
    pandas = _pandas()
    frame = pandas.DataFrame(rows, columns=list(FRAME_COLUMNS))
    for name in _INTEGERS:
        frame[name] = frame[name].astype("Int64")
    frame["speaker_confidence"] = frame["speaker_confidence"].astype("float64")
    for name in ("stance_scores", "trace"):
        frame[name] = frame[name].astype(object)
    text_columns = [c for c in FRAME_COLUMNS if c not in _INTEGERS + ("speaker_confidence", "stance_scores", "trace")]
    for name in text_columns:
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def to_frame(items: Iterable[Union[Quote, Analysis]]) -> "pandas.DataFrame":
    """One row per quote of ``items``: analyses (their quotes, with their ``document_id``) or quotes."""
    rows = []
    for item in items:
        if isinstance(item, Analysis):
            rows.extend(quote_row(item.document_id, q) for q in item.quotes)  # type: ignore[arg-type]
        elif isinstance(item, Quote):
            rows.append(quote_row(None, item))  # type: ignore[arg-type]
        else:
            raise TypeError(f"to_frame takes Quote and Analysis objects, not {type(item).__name__}")
    return _frame(rows)


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row with its nested fields as Python values again."""
    for name in ("stance_scores", "trace"):
        value = row.get(name)
        if isinstance(value, str):
            row[name] = json.loads(value) if value else None
    if row.get("trace") is None:
        row["trace"] = []
    return row


def read_sqlite(path: str | Path) -> "pandas.DataFrame":
    """The ``quotes`` table of a SQLite sink, in document and text order."""
    if not Path(path).is_file():
        raise InputError(f"no SQLite database at {path}")
    columns = ", ".join(f'"{name}"' for name in FRAME_COLUMNS)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(f'SELECT {columns} FROM quotes ORDER BY rowid').fetchall()
    return _frame([_decoded(dict(row)) for row in rows])


def read_jsonl(path: str | Path) -> "pandas.DataFrame":
    """The rows of a JSONL sink."""
    with open(path, encoding="utf-8") as handle:
        return _frame([_decoded(json.loads(line)) for line in handle if line.strip()])


def read_csv(path: str | Path) -> "pandas.DataFrame":
    """The rows of a CSV sink (its formula guards removed, empty cells as ``None``)."""
    from .plugins.sinks import read_csv_rows, unprotected

    try:
        with open(path, encoding="utf-8", newline="") as handle:
            table = read_csv_rows(handle.read())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a readable quotestance CSV file ({exc})") from exc
    if not table or table[0] != list(FRAME_COLUMNS):
        raise InputError(f"{path}: its header is not quotestance's")
    rows = []
    for cells in table[1:]:
        row: dict[str, Any] = {k: (unprotected(v) if v != "" else None) for k, v in zip(FRAME_COLUMNS, cells)}
        for name in _INTEGERS:
            row[name] = int(row[name]) if row[name] is not None else None
        row["speaker_confidence"] = float(row["speaker_confidence"]) if row["speaker_confidence"] is not None else None
        row["trace"] = row["trace"].split(";") if row["trace"] else []
        rows.append(_decoded(row))
    return _frame(rows)


def read_parquet(path: str | Path) -> "pandas.DataFrame":
    """The rows of a Parquet sink (the ``quotestance-parquet`` plugin)."""
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    for row in rows:
        scores = row.get("stance_scores")
        row["stance_scores"] = dict(scores) if scores is not None else None
        row["trace"] = list(row.get("trace") or [])
    return _frame(rows)
