"""A Parquet sink for quotestance: columnar output for analytics tools."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

import quotestance

__version__ = "0.1.0"

#: Rows held in memory before a row group is written.
ROW_GROUP = 10_000


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("document_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
        ("speaker", pa.string()), ("speaker_mention", pa.string()), ("speaker_start", pa.int64()),
        ("speaker_end", pa.int64()), ("speaker_confidence", pa.float64()), ("cue", pa.string()), ("stance", pa.string()),
        ("score_support", pa.float64()), ("score_oppose", pa.float64()), ("score_neutral", pa.float64()),
        ("lang", pa.string()), ("kind", pa.string()),
    ])


class ParquetSink:
    """One Parquet file; rows buffered and flushed in row groups.

    A Parquet file is readable only once its footer is written, at close.
    The rows therefore go to ``<target>.partial``, which replaces the
    target when the run closes the sink: a run that dies leaves the previous
    file as it was, never a file nobody can read.
    """

    def __init__(self, target: str = "") -> None:
        import pyarrow.parquet as pq

        self.path = Path(target or "quotes.parquet")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.schema = _schema()
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, document_id: str, quotes: Sequence[quotestance.Quote]) -> None:
        for q in quotes:
            scores = q.stance_scores or {}
            self.rows.append({
                "document_id": document_id, "start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
                "speaker_mention": q.speaker_mention, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
                "speaker_confidence": q.speaker_confidence, "cue": q.cue, "stance": q.stance, "score_support": scores.get("support"),
                "score_oppose": scores.get("oppose"), "score_neutral": scores.get("neutral"), "lang": q.lang,
                "kind": q.kind,
            })
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        os.replace(self.partial, self.path)


@quotestance.hookimpl
def quotestance_sinks() -> dict[str, quotestance.SinkFactory]:
    return {"parquet": ParquetSink}
