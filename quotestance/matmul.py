"""The matrix products of quotestance's own pipelines, by numpy's BLAS on one thread.

thinc's CPU ops multiply with BLIS. On the AVX-512 cores this project is
measured on, the OpenBLAS that numpy ships does the products of the small
pipelines' layers (a few thousand rows by a few hundred columns) about 1.5
times as fast, still on one thread, which takes a sixth off the embedding
layers of a parse (``benchmarks/bench_speed.py``). The annotations are those
BLIS gives: the products differ only in the last bits of a float, and the tags,
parses and entities of the benchmark texts are identical
(``tests/test_matmul.py`` checks the example texts).

One thread, because a single process of quotestance is a single core's work,
as spaCy's own BLIS product is: parallelism is ``n_jobs``. The limit holds only
for the length of each product (a few microseconds), through threadpoolctl,
which scikit-learn already depends on. Only pipelines that quotestance loads
by name or path get these ops; a ``Language`` a caller passes is left as it is.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["one_thread_numpy_ops", "use_numpy_products"]


@functools.cache
def one_thread_numpy_ops() -> Any:
    """The process's one instance of the ops (made on first use, as thinc and numpy load lazily)."""
    return _make_ops()


def _make_ops() -> Any:
    from thinc.api import NumpyOps
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController()

    class OneThreadNumpyOps(NumpyOps):  # type: ignore[misc, valid-type]
        """NumpyOps whose ``gemm`` is numpy's ``dot`` with the BLAS held to one thread."""

        def __init__(self) -> None:
            super().__init__(use_blis=False)

        def gemm(self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            with controller.limit(limits=1, user_api="blas"):
                return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)

        def __reduce__(self) -> tuple[Any, tuple[()]]:
            return one_thread_numpy_ops, ()  # a pickled pipeline finds the ops of the process it lands in

    return OneThreadNumpyOps()


def use_numpy_products(nlp: "Language") -> None:
    """Give every thinc layer of ``nlp`` that runs on thinc's CPU ops the one-thread numpy ops."""
    from thinc.api import NumpyOps

    ops = one_thread_numpy_ops()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
