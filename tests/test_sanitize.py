"""Any str is accepted: empty, noisy, broken Unicode, control characters, emoji, other scripts."""

from __future__ import annotations

import pytest

from quotestance import InputError, NotTextError, QuoteStance, UnsupportedLanguageError, analyze, analyze_document
from quotestance.sanitize import model_safe


def _app(**options: object) -> QuoteStance:
    return QuoteStance(load_entrypoints=False, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u00a0\u202f"])
def test_empty_and_blank_texts_have_no_quotes(text: str) -> None:
    assert analyze(text) == []
    result = analyze_document(text)
    assert result.quotes == [] and result.language_fallback and result.lang == "en"


@pytest.mark.parametrize("noise", ['"', '" \u00ab hi "', "\u201c\u201c\u201d ok", "12:45 \u2014 3-1", "\u2018x\u2019 \u201cy\u201d"])
def test_short_noise_is_read_in_the_default_language(noise: str) -> None:
    result = analyze_document(noise)
    assert result.language_fallback and result.lang == "en"
    assert all(noise[q.start : q.end] == q.text for q in result.quotes)


def test_the_default_language_is_configurable() -> None:
    result = _app(default_lang="fr").analyze_document("\u00ab Oui \u00bb")
    assert result.lang == "fr" and result.language_fallback
    assert not _app(default_lang="fr").analyze_document("The minister said it was over.").language_fallback
    with pytest.raises(InputError, match="default_lang"):
        _app(default_lang="de")


def test_only_text_positively_in_another_language_is_refused() -> None:
    german = "Der Minister sagte am Montag, dass er nicht zur\u00fccktreten werde und die Regierung bleibt."
    with pytest.raises(UnsupportedLanguageError, match="'de'"):
        analyze(german)
    russian = "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043d\u0435 \u0443\u0439\u0434\u0451\u0442 \u0432 \u043e\u0442\u0441\u0442\u0430\u0432\u043a\u0443."
    with pytest.raises(UnsupportedLanguageError):
        analyze(russian)


@pytest.mark.parametrize("bad", [None, b'"bytes," he said', 42, ["a list"]])
def test_non_text_is_a_type_error_from_the_error_tree(bad: object) -> None:
    with pytest.raises(TypeError):
        analyze(bad)  # type: ignore[arg-type]
    with pytest.raises(NotTextError):
        analyze(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "dirt",
    ["\x00", "\x07", "\x1b[31m", "\ufeff", "\u200b", "\x85", "\ud83d", "\udc00\ud800", "\U0001F600", "\u202e"],
)
def test_odd_characters_are_analysed_with_offsets_into_the_callers_string(dirt: str) -> None:
    text = f'{dirt}"We will stay{dirt} here," said Anna Roy{dirt}. "Nobody leaves," she added.{dirt}'
    quotes = analyze(text, lang="en", stance_model=False)
    assert len(quotes) == 2
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_mention is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention


def test_a_byte_order_mark_never_ends_up_in_a_speaker_name() -> None:
    quotes = analyze('\ufeffAnna Roy spoke first. "We stay," said \ufeffAnna Roy.', lang="en", stance_model=False)
    assert quotes[0].speaker == "Anna Roy"


def test_right_to_left_and_emoji_text_keeps_its_quotes() -> None:
    text = '\U0001F1E7\U0001F1FE Ivan Petrov spoke. "\u05e9\u05dc\u05d5\u05dd \U0001F54A freedom now," said Ivan Petrov.'
    (quote,) = analyze(text, lang="en", stance_model=False)
    assert text[quote.start : quote.end] == quote.text and quote.speaker == "Ivan Petrov"


def test_the_model_safe_text_keeps_every_offset() -> None:
    text = "a\ud800b\x00c\ufeffd\n\te"
    safe = model_safe(text)
    assert len(safe) == len(text) and safe.encode("utf-8")
    assert [i for i, (x, y) in enumerate(zip(text, safe)) if x != y] == [1, 3, 5]


def test_a_size_limit_gives_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="max_chars"):
        _app(max_chars=100).analyze("x" * 101, "en")
    results = list(_app(max_chars=100).analyze_many([("long", "x" * 101), ("ok", '"Yes," he said.')], lang="en"))
    assert "max_chars" in (results[0].error or "") and results[1].quotes
    with pytest.raises(InputError, match="max_chars"):
        _app(max_chars=0)
