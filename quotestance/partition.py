"""One partition of a distributed collection in, one row per quote out.

Dask and Spark hand a function one partition at a time (an iterable of
records) in a long-lived worker process. :func:`analyze_partition` is that
function: plain records in, plain dicts out, nothing to pickle but data.
The spaCy pipelines, the stance model and the speaker ranker are loaded once
per worker process and reused by every partition it runs.
"""

from __future__ import annotations

from typing import Any, Iterable

from .app import default_app
from .batch import Document

__all__ = ["analyze_partition"]


def analyze_partition(records: Iterable[Document], **options: Any) -> list[dict[str, Any]]:
    """Analyse a partition of documents; one dict per quotation, ``Quote.to_dict()`` plus ``document_id``.

    Args:
        records: mappings with ``text`` and optional ``document_id`` and
            ``lang`` (rows of a DataFrame partition as ``to_dict("records")``,
            items of a Dask bag, rows of a Spark RDD as dicts), or the other
            documents :func:`quotestance.analyze_many` takes.
        options: keyword arguments of :func:`quotestance.analyze_many`
            (``kinds``, ``min_speaker_confidence``, ...); ``n_jobs`` stays
            one, as the engine already runs one task per core.

    Speaker names are made canonical within the partition: a partition
    holding "Poutine" and "Putin" reports one name, but two partitions are
    not compared. A document that cannot be analysed is skipped and the reason
    logged, as in :func:`quotestance.analyze_many`.
    """
    if "n_jobs" in options or "sinks" in options:
        raise TypeError("analyze_partition runs in one process and returns its rows: n_jobs and sinks are not options here")
    rows: list[dict[str, Any]] = []
    for result in default_app().analyze_many(records, **options):
        if result.error:
            continue  # logged by analyze_many
        for quote in result.quotes:
            row = quote.to_dict()
            row["document_id"] = result.document_id
            rows.append(row)
    return rows
