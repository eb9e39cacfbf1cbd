"""Speaker proposals from beyond the cue: transcript labels, before the marks and inside them."""

from __future__ import annotations

from quotestance import analyze


def speakers(text: str, lang: str = "en") -> list[str | None]:
    return [q.speaker for q in analyze(text, lang, stance_model=False, attribution_model=False)]


def test_a_label_opening_the_quoted_words_names_the_speaker() -> None:
    text = (
        "The radio host Nadia Brell put the question to Tomas Halder on Sunday.\n\n"
        '"BRELL: Will you concede if the count goes against you?"\n\n'
        '"HALDER: I will respect the result, whatever it is."\n'
    )
    assert speakers(text) == ["Nadia Brell", "Tomas Halder"]


def test_a_capitalised_word_that_is_not_a_label_proposes_nobody() -> None:
    text = 'Tomas Halder spoke after the vote. "We won: the count is clear," he said.'
    assert speakers(text) == ["Tomas Halder"]
