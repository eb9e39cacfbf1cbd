"""analyze(): quotations, kinds, first-pass speakers, invariants and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from quotestance import InputError, UnsupportedLanguageError, analyze, analyze_document

ENGLISH = (
    "Sanctions on Minsk\n\n"
    "Stephen Biegun said on Tuesday that Washington was \u201cdeeply concerned\u201d by the arrests.\n\n"
    "\u201cThe people of Belarus deserve a free and fair election,\u201d Biegun told reporters in Vilnius.\n\n"
    "\u201cWe are watching closely,\u201d he added. \u201cAnd we are not alone.\u201d\n\n"
    ">> Read also: \u201cMinsk braces for a new week of protests\u201d\n\n"
    "Troops will take part in the \u201cUnion Shield\u201d exercises next month.\n"
)

FRENCH = (
    "Le sommet de Sotchi\n\n"
    "\u00ab\u00a0Nous ne reculerons pas, a d\u00e9clar\u00e9 Thibault Bret. La France reste mobilis\u00e9e.\u00a0\u00bb\n\n"
    "Vladimir Poutine a assur\u00e9 que Moscou resterait un \u00ab\u00a0alli\u00e9 fiable\u00a0\u00bb de Minsk.\n\n"
    ">> \u00c0 lire aussi : \u00ab\u00a0Minsk se pr\u00e9pare \u00e0 une nouvelle semaine de manifestations\u00a0\u00bb\n"
)


def test_every_quote_satisfies_the_offset_invariant(examples_dir: Path) -> None:
    files = sorted(examples_dir.glob("*.txt"))
    assert files, "examples/ must hold example articles"
    for path in files:
        text = path.read_text(encoding="utf-8")
        quotes = analyze(text, include_nonspeech=True)
        assert quotes, path.name
        for q in quotes:
            assert text[q.start : q.end] == q.text
            if q.speaker_start is not None:
                assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
            if q.cue_start is not None:
                assert text[q.cue_start : q.cue_end] == q.cue


#: The kinds of quotation between marks, one- and two-word fragments included.
MARKED = ("direct", "partial", "fragment")


def test_english_quotes_and_named_speakers() -> None:
    quotes = analyze(ENGLISH, kinds=MARKED)
    by_text = {q.text: q for q in quotes}
    assert by_text["deeply concerned"].kind == "fragment"
    assert by_text["deeply concerned"].speaker == "Stephen Biegun"
    assert by_text["deeply concerned"].cue == "said"
    direct = by_text["The people of Belarus deserve a free and fair election,"]
    # The surname joins the full name given earlier; the mention stays as written.
    assert (direct.kind, direct.speaker, direct.cue) == ("direct", "Stephen Biegun", "told")
    assert direct.speaker_mention == "Biegun"
    assert by_text["We are watching closely,"].speaker_mention == "he"
    assert by_text["We are watching closely,"].speaker == "Stephen Biegun"
    assert by_text["And we are not alone."].speaker == "Stephen Biegun"
    assert all(q.lang == "en" for q in quotes)


def test_headlines_and_names_are_recognised_and_not_attributed() -> None:
    speech = {q.text for q in analyze(ENGLISH)}
    assert "Minsk braces for a new week of protests" not in speech
    assert "Union Shield" not in speech
    everything = {q.text: q for q in analyze(ENGLISH, include_nonspeech=True)}
    assert everything["Minsk braces for a new week of protests"].kind == "headline"
    assert everything["Union Shield"].kind == "title"
    assert everything["Union Shield"].speaker is None


def test_one_and_two_word_fragments_come_only_when_asked_for() -> None:
    assert "deeply concerned" not in {q.text for q in analyze(ENGLISH)}
    assert [q.text for q in analyze(FRENCH)] == ["Nous ne reculerons pas", "La France reste mobilis\u00e9e."]
    assert "deeply concerned" not in {q.text for q in analyze(ENGLISH, include_nonspeech=True)}  # speech, not a scare quote


def test_french_incise_and_partial_quote() -> None:
    quotes = analyze(FRENCH, kinds=MARKED)
    texts = [q.text for q in quotes]
    assert texts == ["Nous ne reculerons pas", "La France reste mobilis\u00e9e.", "alli\u00e9 fiable"]
    assert quotes[0].speaker == quotes[1].speaker == "Thibault Bret"
    assert quotes[2].speaker_mention == "Vladimir Poutine"
    assert quotes[2].speaker == "Vladimir Putin"  # one canonical name across languages
    assert quotes[2].kind == "fragment"
    assert all(q.lang == "fr" for q in quotes)


def test_language_can_be_given() -> None:
    assert analyze_document(FRENCH, lang="fr").lang == "fr"
    assert analyze_document(FRENCH, lang="FR").lang == "fr"


def test_other_languages_need_a_pipeline() -> None:
    german = "Der Minister sagte am Montag: \u201eWir werden nicht zur\u00fccktreten.\u201c Dann ging er."
    with pytest.raises(UnsupportedLanguageError):
        analyze(german)
    with pytest.raises(UnsupportedLanguageError, match="'de'"):
        analyze(german, lang="de")
    quotes = analyze(german, lang="de", nlp=spacy.blank("de"))
    assert [q.text for q in quotes] == ["Wir werden nicht zur\u00fccktreten."]


def test_text_without_quotes_gives_nothing_and_needs_no_parse() -> None:
    result = analyze_document("The talks ended on Monday without any agreement being reached.")
    assert result.quotes == [] and result.nonspeech == []


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["a list"]])
def test_non_text_input_is_an_input_error(bad: object) -> None:
    with pytest.raises(InputError):
        analyze(bad)  # type: ignore[arg-type]


def test_diagnostics_report_the_marks_that_were_repaired() -> None:
    text = "We will never accept this,\u201d he explained.\n\n\u201cNo deal is valid, \u201cadded the opponent."
    result = analyze_document(text, lang="en")
    assert [q.text for q in result.quotes] == ["We will never accept this,", "No deal is valid,"]
    assert {d.code for d in result.diagnostics} == {"lost-opening", "mismatched-pair"}


PIECES = ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u2018", "\u2019", " ", "\n", "\n\n", ", ", ". ", ": ", " said ",
          " a d\u00e9clar\u00e9 ", "-t-il ", " selon ", "According to ", "the ", "Putin", " he ", " elle ", "\u2014", "(", ")",
          " told ", "Maria Kovalenko", " l'opposante ", "We will win", ">> Read also:", ", a-t-elle ajout\u00e9.", "Pour ",
          "\u00a0", "!"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["en", "fr"]))
def test_any_mix_of_marks_and_cues_analyses_cleanly(pieces: list[str], lang: str) -> None:
    text = "".join(pieces)
    result = analyze_document(text, lang, stance_model=False, kinds=("direct", "partial", "indirect"))
    assert result.plugin_errors == []
    for q in result.quotes + result.nonspeech:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
        if q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
