"""Batches in worker processes, where a worker that dies costs only its own documents.

joblib's process pool breaks as a whole when one worker dies (killed by the
out-of-memory killer, a crash in native code): every batch in flight is
lost and the run stops. Here the batches in flight at that moment are run
again, one document at a time in a single fresh worker, so the document that
killed its worker is found and comes back with ``error`` set, the others
come back analysed, and the run goes on in a new pool. Order is kept.
"""

from __future__ import annotations

import collections
import logging
from concurrent.futures import BrokenExecutor
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .pipeline import Analysis

if TYPE_CHECKING:
    from .batch import _Item

__all__ = ["in_workers", "WORKER_DIED"]

log = logging.getLogger("quotestance")

#: The ``error`` of a document whose worker process died while analysing it.
WORKER_DIED = "the worker process analysing this document died (out of memory, or a crash in native code)"

Run = Callable[[list["_Item"], dict[str, Any], dict[str, Any]], list[Analysis]]


def in_workers(
    batches: Iterable[list["_Item"]], run: Run, config: dict[str, Any], options: dict[str, Any], n_jobs: int | None
) -> Iterator[list[Analysis]]:
    """``run(batch, config, options)`` for every batch in ``n_jobs`` worker processes, results in order."""
    from joblib import Parallel, delayed

    source = iter(batches)
    pending: collections.deque[list[_Item]] = collections.deque()

    def tasks() -> Iterator[Any]:
        for batch in source:
            pending.append(batch)
            yield delayed(run)(batch, dict(config), dict(options))

    while True:
        try:
            for result in Parallel(n_jobs=n_jobs, return_as="generator")(tasks()):
                pending.popleft()
                yield result
            return
        except BrokenExecutor as exc:
            lost = list(pending)
            pending.clear()
            log.error("a worker process died (%s); the %d document(s) in flight are analysed again one at a time",
                      type(exc).__name__, sum(len(b) for b in lost))
            solo = _Solo(run, config, options)
            try:
                for batch in lost:
                    yield [solo.analyse(item) for item in batch]
            finally:
                solo.close()


class _Solo:
    """One worker process of its own (not joblib's pool), replaced whenever it dies."""

    def __init__(self, run: Run, config: dict[str, Any], options: dict[str, Any]) -> None:
        self.run, self.config, self.options = run, config, options
        self.executor: Any = None

    def analyse(self, item: "_Item") -> Analysis:
        """The document's analysis, or an error if its worker dies on it."""
        from joblib.externals.loky import ProcessPoolExecutor

        if self.executor is None:
            self.executor = ProcessPoolExecutor(max_workers=1)
        try:
            (result,) = self.executor.submit(self.run, [item], dict(self.config), dict(self.options)).result()
            return result
        except BrokenExecutor:
            self.close()
            document_id, text, lang = item
            log.error("%s: %s", document_id, WORKER_DIED)
            return Analysis(text if isinstance(text, str) else "", lang or "", document_id=document_id, error=WORKER_DIED)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None
