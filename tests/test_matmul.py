"""Numpy's one-thread matrix products give the annotations that thinc's BLIS products give."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from hypothesis import given, settings, strategies as st
from thinc.api import NumpyOps

from quotestance.matmul import one_thread_numpy_ops, use_numpy_products
from quotestance.nlp import DEFAULT_MODELS, load_pipeline, pipeline_for

ROOT = Path(__file__).resolve().parent.parent
ATTRS = ["TAG", "POS", "MORPH", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]


def _layers(nlp: spacy.language.Language) -> list:
    return [node for _, pipe in nlp.pipeline if hasattr(getattr(pipe, "model", None), "walk") for node in pipe.model.walk()]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pipelines_quotestance_loads_annotate_as_blis_does(lang: str) -> None:
    nlp = pipeline_for(lang)
    layers = _layers(nlp)
    assert layers and all(node.ops is one_thread_numpy_ops() for node in layers)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob(f"{lang}_*.txt"))]
    assert texts
    ours = [doc.to_array(ATTRS) for doc in nlp.pipe(texts)]
    blis = NumpyOps()
    try:
        for node in layers:
            node.ops = blis
        theirs = [doc.to_array(ATTRS) for doc in nlp.pipe(texts)]
    finally:
        use_numpy_products(nlp)
    assert all(node.ops is one_thread_numpy_ops() for node in layers)
    assert all(a.shape == b.shape and (a == b).all() for a, b in zip(ours, theirs))


def test_a_pipeline_the_caller_passes_keeps_its_ops() -> None:
    nlp = spacy.load(next(n for n in DEFAULT_MODELS["en"] if spacy.util.is_package(n)))
    assert load_pipeline(nlp) is nlp
    assert all(type(node.ops) is NumpyOps for node in _layers(nlp))


def test_layers_on_other_ops_are_left_alone() -> None:
    class OtherOps(NumpyOps):
        pass

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    other = OtherOps()
    for node in _layers(nlp)[:3]:
        node.ops = other
    use_numpy_products(nlp)
    assert [node.ops is other for node in _layers(nlp)][:3] == [True, True, True]
    assert all(node.ops is one_thread_numpy_ops() for node in _layers(nlp)[3:])


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(1, 40), st.booleans(), st.booleans(), st.booleans())
def test_gemm_is_the_matrix_product(n: int, k: int, m: int, trans1: bool, trans2: bool, into: bool) -> None:
    rng = numpy.random.default_rng(n * 10_000 + k * 100 + m)
    x = rng.normal(size=(k, n) if trans1 else (n, k)).astype("float32")
    y = rng.normal(size=(m, k) if trans2 else (k, m)).astype("float32")
    out = numpy.empty((n, m), dtype="float32") if into else None
    got = one_thread_numpy_ops().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (n, m) and (out is None or got is out)
    assert numpy.allclose(got, expected, rtol=1e-5, atol=1e-4)


def test_the_ops_survive_pickling() -> None:
    import pickle

    assert pickle.loads(pickle.dumps(one_thread_numpy_ops())) is one_thread_numpy_ops()
