"""analyze_many: ids, order, errors, corpus-wide identities, parallel workers."""

from __future__ import annotations

import logging

import pytest

from quotestance import InputError, SpeakerRegistry, analyze_many

FR = "Le président russe Vladimir Poutine a déclaré lundi à la presse : « Nous aiderons Minsk. »"
EN = '"We will help Minsk," Putin said on Monday.'
DE = "Der Minister sagte: \u201eWir bleiben.\u201c"


def test_results_come_in_input_order_with_ids() -> None:
    results = list(analyze_many([("fr-1", FR), ("en-1", EN)]))
    assert [r.document_id for r in results] == ["fr-1", "en-1"]
    assert [r.lang for r in results] == ["fr", "en"]
    assert list(analyze_many([EN]))[0].document_id == "0"


def test_records_carry_their_id_and_language() -> None:
    short_fr = "« Nous restons » , a dit Anna."  # too short to detect: the record's language decides
    results = list(analyze_many([{"text": EN, "document_id": 7}, {"text": short_fr, "lang": "fr"}, {"text": EN}]))
    assert [r.document_id for r in results] == ["7", "1", "2"]
    assert [r.lang for r in results] == ["en", "fr", "en"]


def test_a_record_without_text_is_reported() -> None:
    (result,) = analyze_many([{"document_id": "x"}])
    assert result.document_id == "x" and result.error and "str" in result.error


def test_batched_parsing_gives_what_one_document_at_a_time_gives() -> None:
    docs = [(f"d{i}", EN if i % 3 else FR) for i in range(7)]
    one_by_one = [[q.to_dict() for q in r.quotes] for r in analyze_many(docs, batch_size=1)]
    batched = [[q.to_dict() for q in r.quotes] for r in analyze_many(docs, batch_size=5)]
    assert batched == one_by_one


def test_one_speaker_one_name_across_languages() -> None:
    results = list(analyze_many([("fr", FR), ("en", EN)]))
    assert {q.speaker for r in results for q in r.quotes} == {"Vladimir Putin"}


def test_bad_documents_are_reported_not_dropped(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="quotestance"):
        results = list(analyze_many([("de", DE), ("num", 42), ("en", EN)]))  # type: ignore[list-item]
    assert [r.document_id for r in results] == ["de", "num", "en"]
    assert results[0].error and "no pipeline" in results[0].error
    assert results[1].error and "str" in results[1].error
    assert results[2].error is None and results[2].quotes
    assert "de: skipped" in caplog.text


def test_a_shared_registry_keeps_names_stable_across_calls() -> None:
    registry = SpeakerRegistry()
    list(analyze_many([("a", 'Maria Kovalenko spoke to the press on Monday. "We stay," Kovalenko said.')], registry=registry))
    later = list(analyze_many([("b", '"We stay in the city," Kovalenko said.')], registry=registry))
    assert later[0].quotes[0].speaker == "Maria Kovalenko"


def test_parallel_workers_give_the_same_result() -> None:
    docs = [(f"d{i}", EN if i % 2 else FR) for i in range(6)]
    serial = [(r.document_id, [q.to_dict() for q in r.quotes]) for r in analyze_many(docs)]
    parallel = [(r.document_id, [q.to_dict() for q in r.quotes]) for r in analyze_many(docs, n_jobs=2, batch_size=2)]
    assert parallel == serial


def test_invalid_batch_size_is_refused() -> None:
    with pytest.raises(ValueError):
        list(analyze_many([EN], batch_size=0))


def test_non_string_in_single_analysis_is_still_an_input_error() -> None:
    from quotestance import analyze

    with pytest.raises(InputError):
        analyze(42)  # type: ignore[arg-type]


def test_n_jobs_none_follows_a_joblib_parallel_config() -> None:
    from joblib import parallel_config

    from quotestance import QuoteStance

    class Marker:
        pass

    app = QuoteStance(plugins=[Marker()])
    docs = [("a", EN), ("b", FR)]
    assert [r.document_id for r in app.analyze_many(docs)] == ["a", "b"]  # one process: plugins objects are fine
    with parallel_config(n_jobs=2):
        with pytest.raises(ValueError, match="n_jobs > 1"):  # the context asked for workers
            list(app.analyze_many(docs))


def test_a_text_the_parser_refuses_costs_only_itself() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 60
    texts = ['"We stay," said Anna Roy.', '"A text far too long for this pipeline," said Ivan Petrov, ' * 3]
    results = list(analyze_many(texts, nlp=nlp, lang="en", stance_model=False, parse="full"))
    assert results[0].error is None and results[0].quotes
    assert results[1].error and "internal error" in results[1].error
