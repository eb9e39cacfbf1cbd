"""A worker process that dies costs only its own documents; the stream goes on in order."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from quotestance import QuoteStance
from quotestance.workers import WORKER_DIED

TEXTS = [(f"doc{i}", f'Talks went on for day {i}. "We will keep crossing {i} open," said Anna Roy.') for i in range(120)]


def _children() -> list[int]:
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def _app() -> QuoteStance:
    return QuoteStance(load_entrypoints=False)


def test_a_killed_worker_costs_only_its_own_documents(caplog: pytest.LogCaptureFixture) -> None:
    expected = {r.document_id: [q.text for q in r.quotes] for r in _app().analyze_many(TEXTS, stance_model=False)}
    results = []
    killed = False
    for result in _app().analyze_many(TEXTS, stance_model=False, n_jobs=2, batch_size=4):
        results.append(result)
        if len(results) == 20 and not killed:
            workers = [pid for pid in _children() if "LokyProcess" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
            os.kill(workers[0], signal.SIGKILL)
            killed = True
    assert killed
    assert [r.document_id for r in results] == [doc for doc, _ in TEXTS]  # every document, in order
    failed = [r for r in results if r.error]
    assert all(r.error == WORKER_DIED for r in failed) and len(failed) <= 8
    assert "worker process died" in caplog.text
    assert all([q.text for q in r.quotes] == expected[r.document_id] for r in results if not r.error)
