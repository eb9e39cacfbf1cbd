"""Writers for analysis results: a readable table, JSON Lines and CSV.

The same row shape feeds every machine format, so a JSONL file and a CSV
file of one run hold the same fields in the same order.
"""

from __future__ import annotations

import csv
import json
import shutil
from typing import IO, Any, Iterable

from .types import Quote

__all__ = ["FORMATS", "CSV_FIELDS", "quote_row", "TableWriter", "JsonlWriter", "CsvWriter", "make_writer"]

#: Column order of CSV output (and key order of JSONL rows).
CSV_FIELDS: tuple[str, ...] = (
    "document_id", "start", "end", "text", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end", "stance", "stance_scores", "lang", "kind", "trace",
)
FORMATS: tuple[str, ...] = ("table", "jsonl", "csv")


def quote_row(document_id: str, quote: Quote) -> dict[str, Any]:
    """A flat, JSON-safe row for one quote of one document."""
    row: dict[str, Any] = {"document_id": document_id}
    row.update(quote.to_dict())
    return {key: row.get(key) for key in CSV_FIELDS}


class TableWriter:
    """Human-readable columns: speaker, stance (``-`` when unknown), quote."""

    def __init__(self, stream: IO[str], width: int | None = None) -> None:
        self.stream = stream
        self.width = width or max(60, shutil.get_terminal_size((120, 24)).columns)

    def write(self, document_id: str, quotes: Iterable[Quote]) -> None:
        quotes = list(quotes)
        speaker_w, stance_w = 26, 8
        quote_w = max(20, self.width - speaker_w - stance_w - 4)
        print(f"== {document_id} ({len(quotes)} quote{'s' if len(quotes) != 1 else ''})", file=self.stream)
        if not quotes:
            return
        print(f"{'SPEAKER':<{speaker_w}}  {'STANCE':<{stance_w}}  QUOTE", file=self.stream)
        for q in quotes:
            speaker = _clip(q.speaker or "?", speaker_w)
            stance = q.stance or "-"
            text = _clip(" ".join(q.text.split()), quote_w)
            print(f"{speaker:<{speaker_w}}  {stance:<{stance_w}}  {text}", file=self.stream)
        print(file=self.stream)

    def close(self) -> None:
        self.stream.flush()


class JsonlWriter:
    """One JSON object per quote and line."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, document_id: str, quotes: Iterable[Quote]) -> None:
        for q in quotes:
            self.stream.write(json.dumps(quote_row(document_id, q), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.stream.flush()


class CsvWriter:
    """RFC 4180 CSV with a header row; nested values are JSON-encoded."""

    def __init__(self, stream: IO[str]) -> None:
        self.writer = csv.DictWriter(stream, fieldnames=list(CSV_FIELDS))
        self.writer.writeheader()
        self.stream = stream

    def write(self, document_id: str, quotes: Iterable[Quote]) -> None:
        for q in quotes:
            row = quote_row(document_id, q)
            row["stance_scores"] = json.dumps(row["stance_scores"]) if row["stance_scores"] is not None else ""
            row["trace"] = ";".join(row["trace"])
            self.writer.writerow(row)

    def close(self) -> None:
        self.stream.flush()


def make_writer(name: str, stream: IO[str]) -> TableWriter | JsonlWriter | CsvWriter:
    """The writer for a format name (one of :data:`FORMATS`)."""
    if name == "table":
        return TableWriter(stream)
    if name == "jsonl":
        return JsonlWriter(stream)
    if name == "csv":
        return CsvWriter(stream)
    raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"
