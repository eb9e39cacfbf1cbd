"""A Parquet sink for quotestance: columnar output for analytics tools."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

import quotestance
import quotestance.plugins.sinks

__version__ = "0.1.0"

#: Rows held in memory before a row group is written.
ROW_GROUP = 10_000


#: Arrow type of every field of the one output schema (``quotestance.plugins.sinks.CSV_FIELDS``).
def _schema() -> Any:
    import pyarrow as pa

    from quotestance.plugins.sinks import CSV_FIELDS

    types = {
        "start": pa.int64(), "end": pa.int64(), "speaker_start": pa.int64(), "speaker_end": pa.int64(),
        "cue_start": pa.int64(), "cue_end": pa.int64(), "speaker_confidence": pa.float64(),
        "stance_scores": pa.map_(pa.string(), pa.float64()), "trace": pa.list_(pa.string()),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in CSV_FIELDS])


class ParquetSink:
    """One Parquet file in quotestance's one output schema; rows buffered and flushed in row groups.

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
        self.rows.extend(quotestance.plugins.sinks.quote_row(document_id, q) for q in quotes)
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
