"""analyze_partition: the function Dask and Spark map over partitions."""

from __future__ import annotations

import pytest

from quotestance import analyze_many, analyze_partition

DOCS = [
    {"document_id": "en-1", "text": '"We will help Minsk," Putin said on Monday.'},
    {"document_id": "fr-1", "text": "Le président russe Vladimir Poutine a déclaré lundi : « Nous aiderons Minsk. »", "lang": "fr"},
    {"document_id": "en-2", "text": 'Anna Roy, the mayor, spoke first. "The roads are closed," she said. "Stay home."'},
    {"document_id": "bad", "text": 42},
    {"document_id": "en-3", "text": "No quotation here, only a plain sentence about the weather in Minsk."},
]


def expected_rows(records: list[dict]) -> list[dict]:
    return [{**q.to_dict(), "document_id": r.document_id} for r in analyze_many(records) for q in r.quotes]


def test_rows_are_the_quotes_of_analyze_many_with_their_document() -> None:
    rows = analyze_partition(DOCS)
    assert rows == expected_rows(DOCS)
    assert {row["document_id"] for row in rows} == {"en-1", "fr-1", "en-2"}
    assert all(isinstance(row["start"], int) and isinstance(row["trace"], list) for row in rows)


def test_options_are_those_of_analyze_many_and_processes_are_refused() -> None:
    rows = analyze_partition(DOCS[:1], attribution_model=False)
    assert rows and rows[0]["speaker_confidence"] is None
    with pytest.raises(TypeError, match="n_jobs"):
        analyze_partition(DOCS, n_jobs=2)


def test_a_dask_cluster_of_two_worker_processes_gives_the_same_rows() -> None:
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            bag = db.from_sequence(DOCS, npartitions=2)
            rows = bag.map_partitions(analyze_partition).compute()
    assert sorted(rows, key=_key) == sorted(expected_rows(DOCS), key=_key)


def _key(row: dict) -> tuple:
    return row["document_id"], row["start"], row["end"]
