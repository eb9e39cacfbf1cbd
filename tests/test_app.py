"""The plugin platform: registration, extension hooks, merging and isolation."""

from __future__ import annotations

import logging
from typing import Sequence

import pytest

import quotestance
from quotestance import Quote, QuoteStance, SinkError, hookimpl
from quotestance.stance import default_model

TEXT = 'Maria Kovalenko spoke on Monday. "We will never give up," she said. The banner read [[free them all]].'


class BracketExtractor:
    """Finds [[…]] as direct quotations with no speaker."""

    @hookimpl
    def quotestance_extract(self, doc, lang):
        start = doc.text.find("[[")
        end = doc.text.find("]]")
        return [Quote(doc.text[start + 2 : end], start + 2, end, kind="direct", trace=("brackets",))] if start >= 0 else None


class BrokenExtractor:
    @hookimpl
    def quotestance_extract(self, doc, lang):
        raise RuntimeError("extractor bug")


class MemorySink:
    def __init__(self, target: str = "") -> None:
        self.target = target
        self.written: list[tuple[str, list[Quote]]] = []
        self.closed = False

    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        self.written.append((document_id, list(quotes)))

    def close(self) -> None:
        self.closed = True


class BrokenSink(MemorySink):
    def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
        raise OSError("disk full")


class SinkPlugin:
    opened: list[MemorySink] = []
    factory: type[MemorySink] = MemorySink

    @hookimpl
    def quotestance_sinks(self):
        def memory(target: str) -> MemorySink:
            sink = self.factory(target)
            SinkPlugin.opened.append(sink)
            return sink

        return {"memory": memory, "broken": BrokenSink}


def app(*plugins: object, **options: object) -> QuoteStance:
    return QuoteStance(load_entrypoints=False, plugins=plugins, **options)  # type: ignore[arg-type]


def test_plugin_extractor_adds_quotes_next_to_the_builtin_one() -> None:
    texts = [q.text for q in app(BracketExtractor()).analyze(TEXT, "en", stance_model=False)]
    assert texts == ["We will never give up,", "free them all"]


def test_failing_extractor_is_reported_and_the_others_still_run(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="quotestance"):
        result = app(BrokenExtractor(), BracketExtractor()).analyze_document(TEXT, "en", stance_model=False)
    assert [q.text for q in result.quotes] == ["We will never give up,", "free them all"]
    assert len(result.plugin_errors) == 1 and "extractor bug" in result.plugin_errors[0]
    assert "BrokenExtractor" in result.plugin_errors[0] or "extractor plugin" in caplog.text


def test_invalid_quotes_from_a_plugin_are_ignored() -> None:
    class Liar:
        @hookimpl
        def quotestance_extract(self, doc, lang):
            return [Quote("not there", 0, 9)]

    result = app(Liar()).analyze_document(TEXT, "en", stance_model=False)
    assert [q.text for q in result.quotes] == ["We will never give up,"]
    assert "not a Quote of this text" in result.plugin_errors[0]


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"speaker": 12345}, "speaker must be str"),
        ({"start": 10.0}, "offsets must be int"),
        ({"start": 5, "end": 5, "text": ""}, "empty"),
        ({"start": 90, "end": 200, "text": TEXT[90:200]}, "outside the text"),
        ({"speaker_start": 0, "speaker_end": 999}, "speaker_start/speaker_end"),
        ({"speaker_confidence": 7}, "speaker_confidence"),
        ({"stance_scores": {"support": "high"}}, "stance_scores"),
        ({"trace": ["a list"]}, "trace"),
        ({"kind": None}, "kind must be str"),
    ],
)
def test_every_field_of_a_plugin_quote_is_checked(fields: dict, reason: str) -> None:
    import dataclasses

    class Sloppy:
        @hookimpl
        def quotestance_extract(self, doc, lang):
            good = Quote(doc.text[0:5], 0, 5, trace=("sloppy",))
            bad = object.__new__(Quote)  # as a careless plugin might build it, past the constructor's checks
            for name, value in {**dataclasses.asdict(good), "trace": good.trace, **fields}.items():
                object.__setattr__(bad, name, value)
            return [bad]

    other = MemorySink()
    results = list(app(Sloppy()).analyze_many([TEXT, TEXT], sinks=[other], stance_model=False))
    assert all(r.error is None and [q.text for q in r.quotes] == ["We will never give up,"] for r in results)
    assert reason in results[0].plugin_errors[0] and "Sloppy" in results[0].plugin_errors[0]
    assert len(other.written) == 2


def test_overlapping_spans_merge_keeping_the_best_attribution() -> None:
    class Attributor:
        @hookimpl
        def quotestance_extract(self, doc, lang):
            start = doc.text.index("We will never")
            end = start + len("We will never give up,")
            return [Quote(doc.text[start:end], start, end, speaker="Someone Else", kind="indirect")]

    quotes = app(Attributor()).analyze(TEXT, "en", stance_model=False, kinds=("direct", "partial", "indirect"))
    assert len(quotes) == 1
    assert quotes[0].kind == "direct" and quotes[0].speaker == "Maria Kovalenko"


def test_every_sink_receives_every_quote_even_when_one_fails(caplog: pytest.LogCaptureFixture) -> None:
    SinkPlugin.opened.clear()
    texts = [("d1", TEXT), ("d2", '"Never," said Anna Roy.')]
    with caplog.at_level(logging.ERROR, logger="quotestance"):
        results = list(app(SinkPlugin()).analyze_many(texts, sinks=["broken:x", "memory:y"], stance_model=False))
    (memory,) = SinkPlugin.opened
    assert memory.target == "y" and memory.closed
    assert [doc for doc, _ in memory.written] == ["d1", "d2"]
    assert [q.text for _, qs in memory.written for q in qs] == [q.text for r in results for q in r.quotes]
    assert "sink broken (" in caplog.text and "disk full" in caplog.text


def test_sink_objects_can_be_passed_directly_and_stay_open() -> None:
    sink = MemorySink()
    list(app().analyze_many([TEXT], sinks=[sink], stance_model=False))
    assert sink.written and not sink.closed


def test_unknown_sink_names_the_available_ones() -> None:
    with pytest.raises(SinkError, match="available: csv, jsonl, sqlite, table"):
        app().open_sink("nosuch:target")


def test_builtin_plugins_can_be_blocked() -> None:
    blocked = app(block=["quotestance.plugins.quote_marks"])
    assert blocked.analyze(TEXT, "en", stance_model=False) == []
    assert "quotestance.plugins.quote_marks" not in {row["name"] for row in blocked.plugin_info()}


def test_autoload_can_be_switched_off_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD", "1")
    names = {row["name"] for row in QuoteStance().plugin_info()}
    assert names == {"quotestance.plugins.quote_marks", "quotestance.plugins.sinks"}


def test_block_list_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTESTANCE_BLOCK_PLUGINS", "quotestance.plugins.sinks")
    assert "csv" not in QuoteStance(load_entrypoints=False).sink_factories()


def test_cue_lexicon_hook_adds_reporting_verbs() -> None:
    class Cues:
        @hookimpl
        def quotestance_cue_lexicon(self, lang):
            return [("harrumphed", "verb")] if lang == "en" else None

    text = 'Olga Brandt left early. "This is absurd," harrumphed the mayor Olga Brandt.'
    plain = app().analyze(text, "en", stance_model=False)
    extended = app(Cues()).analyze(text, "en", stance_model=False)
    assert plain[0].cue is None
    assert extended[0].cue == "harrumphed" and extended[0].speaker == "Olga Brandt"


def test_alias_hook_sets_canonical_names() -> None:
    class Aliases:
        @hookimpl
        def quotestance_speaker_aliases(self):
            return [("Sviatlana Ivanova", "Svetlana Ivanova")]

    quotes = app(Aliases()).analyze('"We stay," said Sviatlana Ivanova.', "en", stance_model=False)
    assert quotes[0].speaker == "Svetlana Ivanova"


def test_affiliation_hook_sets_the_role_feature() -> None:
    class Roles:
        @hookimpl
        def quotestance_speaker_affiliations(self):
            return [("Olga Brandt", "opposition")]

    quotes = app(Roles()).analyze('"We stay," said Olga Brandt.', "en")
    assert "role:opposition" in quotes[0].trace


def test_stance_model_hook_first_result_wins() -> None:
    calls = []

    class Provider:
        @hookimpl
        def quotestance_stance_model(self):
            calls.append("provider")
            return default_model()

    quotes = app(Provider()).analyze('"We stay," said Olga Brandt.', "en")
    assert calls == ["provider"] and quotes[0].stance in {"support", "oppose", "neutral"}


def test_module_level_api_uses_one_default_instance() -> None:
    from quotestance.app import default_app

    assert default_app() is default_app()
    assert quotestance.analyze('"Yes," said Anna Roy.', "en")[0].text == "Yes,"


def test_extractor_returning_a_non_list_is_reported() -> None:
    class Sloppy:
        @hookimpl
        def quotestance_extract(self, doc, lang):
            return Quote(doc.text[:5], 0, 5)

    result = app(Sloppy()).analyze_document(TEXT, "en", stance_model=False)
    assert [q.text for q in result.quotes] == ["We will never give up,"]
    assert "not a list of Quote" in result.plugin_errors[0]


def test_lone_surrogates_are_analysed_with_offsets_into_the_callers_string() -> None:
    broken = '"We stay," said Anna Roy.\udcff "And \ud800 we wait," she added.'
    quotes = app().analyze(broken, "en", stance_model=False)
    assert [q.text for q in quotes] == ["We stay,", "And \ud800 we wait,"]
    assert all(broken[q.start : q.end] == q.text for q in quotes)
    assert quotes[0].speaker == "Anna Roy"
    results = list(app().analyze_many([("a", TEXT), ("b", broken), ("c", TEXT)], stance_model=False))
    assert [r.document_id for r in results] == ["a", "b", "c"]
    assert not any(r.error for r in results) and results[1].text == broken


def test_a_broken_pipe_stops_that_sink_only_and_every_document_says_so() -> None:
    class Gone(MemorySink):
        def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
            raise BrokenPipeError

    kept = MemorySink()
    results = list(app().analyze_many([TEXT, TEXT], sinks=[Gone(), kept], stance_model=False))
    assert [doc for doc, _ in kept.written] == ["0", "1"]
    assert all("broken pipe" in r.sink_errors[0] for r in results)


def test_sink_failures_are_reported_on_the_results_and_a_failed_close_raises() -> None:
    class Full(MemorySink):
        def write(self, document_id: str, quotes: Sequence[Quote]) -> None:
            raise OSError(28, "No space left on device")

    class Unclosable(MemorySink):
        def close(self) -> None:
            raise OSError(28, "No space left on device")

    (result,) = app().analyze_many([TEXT], sinks=[Full()], stance_model=False)
    assert "No space left" in result.sink_errors[0]
    SinkPlugin.opened.clear()
    plugin = SinkPlugin()
    plugin.factory = Unclosable  # type: ignore[attr-defined]
    with pytest.raises(SinkError, match="failed to close"):
        list(app(plugin).analyze_many([TEXT], sinks=["memory:a"], stance_model=False))


@pytest.mark.parametrize("sinks, message", [("jsonl:-", "not one string"), ([object()], "write")])
def test_misused_sinks_are_clear_errors(sinks: object, message: str) -> None:
    with pytest.raises(quotestance.QuotestanceError, match=message):
        app().analyze_many([TEXT], sinks=sinks)  # type: ignore[arg-type]


def test_no_sink_is_opened_when_a_later_one_is_unknown() -> None:
    SinkPlugin.opened.clear()
    with pytest.raises(SinkError):
        app(SinkPlugin()).analyze_many([TEXT], sinks=["memory:a", "nosuch:b"])  # before the first document
    assert SinkPlugin.opened == []


def test_direct_plugins_cannot_go_to_worker_processes() -> None:
    with pytest.raises(ValueError, match="entry points"):
        list(app(BracketExtractor()).analyze_many([TEXT, TEXT], n_jobs=2))


@pytest.mark.parametrize("value, loads", [("1", False), ("yes", False), ("0", True), ("false", True)])
def test_autoload_switch_reads_its_value(monkeypatch: pytest.MonkeyPatch, value: str, loads: bool) -> None:
    monkeypatch.setenv("QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD", value)
    assert QuoteStance().config["load_entrypoints"] is loads


def test_kinds_may_be_a_single_string() -> None:
    quotes = app(BracketExtractor()).analyze(TEXT, "en", stance_model=False, kinds="direct")
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert app().analyze(TEXT, "en", stance_model=False, kinds="indirect") == []


def test_a_plugin_row_with_an_unknown_role_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    class BadRoles:
        @hookimpl
        def quotestance_speaker_affiliations(self):
            return [("Olga Brandt", "wizard"), ("Anna Roy", "opposition")]

    with caplog.at_level(logging.ERROR, logger="quotestance"):
        quotes = app(BadRoles()).analyze('"We stay," said Anna Roy.', "en")
    assert "role:opposition" in quotes[0].trace
    assert "wizard" in caplog.text


def test_a_bug_inside_the_library_reaches_the_caller_as_a_project_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotestance import InternalError
    from quotestance import app as app_module

    original = app_module.merge_quotes

    def broken(found: list[Quote]) -> list[Quote]:
        if any("stay" in q.text for q in found):
            raise ZeroDivisionError("a bug")
        return original(found)

    monkeypatch.setattr(app_module, "merge_quotes", broken)  # outside the plugins, which are isolated anyway
    with pytest.raises(InternalError, match="ZeroDivisionError: a bug") as info:
        app().analyze('"We stay," said Anna Roy.', "en")
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    results = list(app().analyze_many(['"We stay," said Anna Roy.', '"We go," said Ivan Petrov.'], lang="en"))
    assert "internal error" in (results[0].error or "") and results[1].error is None and results[1].quotes


@pytest.mark.parametrize(
    "options, error, message",
    [
        ({"stance_model": "x"}, TypeError, "stance_model must be a StanceModel"),
        ({"kinds": 5}, quotestance.InputError, "kinds must be speech kinds"),
        ({"kinds": "bogus"}, quotestance.InputError, "unknown kind"),
    ],
)
def test_misused_options_are_clear_errors_before_any_text_is_read(options: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        app().analyze(TEXT, "en", **options)
    with pytest.raises(error, match=message):
        app().analyze_many([TEXT], **options)
    with pytest.raises(quotestance.InputError, match="n_jobs"):
        app().analyze_many([TEXT], n_jobs="two")


def test_kinds_may_be_any_iterable_and_texts_must_not_be_one_string() -> None:
    assert len(app().analyze(TEXT, "en", kinds=(k for k in ["direct", "partial"]), stance_model=False)) == 1
    with pytest.raises(quotestance.InputError, match="kinds is empty"):
        app().analyze(TEXT, "en", kinds=[])
    with pytest.raises(quotestance.InputError, match="not one string"):
        app().analyze_many(TEXT)


class SentenceAsIndirect:
    """Reports the whole first sentence as indirect speech, and records the kinds it was asked for."""

    def __init__(self) -> None:
        self.asked: list[frozenset[str] | None] = []

    @hookimpl
    def quotestance_extract(self, doc, lang):
        from quotestance.pipeline import RUN_CONTEXT_KEY

        self.asked.append(doc.user_data[RUN_CONTEXT_KEY].kinds)
        first = next(iter(doc.sents))
        return [Quote(first.text, first.start_char, first.end_char, kind="indirect", trace=("sentence",))]


def test_extractors_see_the_kinds_asked_for() -> None:
    text = "A club statement said the board thanked the coach for his \u2018hard work and real commitment\u2019 this season."
    plugin = SentenceAsIndirect()
    found = app(plugin).analyze_document(text, "en", stance_model=False)
    assert plugin.asked == [frozenset({"direct", "partial"})]
    assert [q.text for q in found.quotes] == ["hard work and real commitment"]
    app(plugin).analyze_document(text, "en", stance_model=False, kinds=("direct", "partial", "indirect"))
    assert plugin.asked[-1] == frozenset({"direct", "partial", "indirect"})
