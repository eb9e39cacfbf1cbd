"""One output schema: every sink writes the same fields, and every output reads back to the same DataFrame."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pandas = pytest.importorskip("pandas")

import quotestance  # noqa: E402
from quotestance import Quote, to_frame  # noqa: E402
from quotestance.plugins.sinks import CSV_FIELDS  # noqa: E402

DOCUMENTS = [
    ("a", '"We will stay," said Anna Roy. "Nobody leaves," she added.'),
    ("b", '\u00ab Nous restons \u00bb, a d\u00e9clar\u00e9 Marc Dupont.'),
    ("c", "No quotation here."),
    ("=d", '"Fine," said Ivan Petrov, "@all of us".'),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, Path]:
    folder = tmp_path_factory.mktemp("schema")
    sinks = [f"jsonl:{folder / 'q.jsonl'}", f"csv:{folder / 'q.csv'}", f"sqlite:{folder / 'q.db'}"]
    try:
        import quotestance_parquet  # noqa: F401

        sinks.append(f"parquet:{folder / 'q.parquet'}")
    except ImportError:
        pass
    results = list(quotestance.analyze_many(DOCUMENTS, sinks=sinks))
    return results, folder


def test_to_frame_has_one_row_per_quote_in_the_schema(outputs: tuple[list, Path]) -> None:
    results, _ = outputs
    frame = to_frame(results)
    assert list(frame.columns) == list(CSV_FIELDS)
    assert len(frame) == sum(len(r.quotes) for r in results) >= 4
    assert set(frame["document_id"]) == {"a", "b", "=d"}
    assert isinstance(frame["stance_scores"].iloc[0], dict) and isinstance(frame["trace"].iloc[0], list)
    quotes = [q for r in results for q in r.quotes]
    assert len(to_frame(quotes)) == len(quotes) and to_frame(quotes)["document_id"].isna().all()
    with pytest.raises(TypeError):
        to_frame(["not a quote"])  # type: ignore[list-item]


@pytest.mark.parametrize("reader, name", [("read_jsonl", "q.jsonl"), ("read_csv", "q.csv"), ("read_sqlite", "q.db"), ("read_parquet", "q.parquet")])
def test_every_sink_reads_back_to_the_same_frame(outputs: tuple[list, Path], reader: str, name: str) -> None:
    results, folder = outputs
    if not (folder / name).exists():
        pytest.skip(f"{name}: its sink plugin is not installed")
    back = getattr(quotestance, reader)(folder / name)
    pandas.testing.assert_frame_equal(back, to_frame(results), check_exact=False, rtol=1e-6)


def test_a_custom_models_labels_survive_every_sink(tmp_path: Path) -> None:
    quote = Quote("we stay", 1, 8, speaker="Anna Roy", stance="pro", stance_scores={"pro": 0.7, "con": 0.2, "none": 0.1},
                  trace=("custom",), lang="en")

    class Fixed:
        @quotestance.hookimpl
        def quotestance_extract(self, doc, lang):
            return [quote] if doc.text[1:8] == "we stay" else []

    app = quotestance.QuoteStance(load_entrypoints=False, plugins=[Fixed()], block=["quotestance.plugins.quote_marks"])
    sinks = [f"jsonl:{tmp_path / 'q.jsonl'}", f"csv:{tmp_path / 'q.csv'}", f"sqlite:{tmp_path / 'q.db'}"]
    list(app.analyze_many([("x", '"we stay" he said')], sinks=sinks, stance_model=False, lang="en"))
    for reader, name in [("read_jsonl", "q.jsonl"), ("read_csv", "q.csv"), ("read_sqlite", "q.db")]:
        frame = getattr(quotestance, reader)(tmp_path / name)
        assert frame["stance_scores"].iloc[0] == {"pro": 0.7, "con": 0.2, "none": 0.1}, reader
        assert frame["stance"].iloc[0] == "pro"


def test_jsonl_keys_are_the_schema(outputs: tuple[list, Path]) -> None:
    _, folder = outputs
    first = json.loads((folder / "q.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == list(CSV_FIELDS)
