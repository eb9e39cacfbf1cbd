"""Speech or not: headlines, names, scare quotes, markup, exclamations."""

from __future__ import annotations

import pytest

from quotestance import analyze


def kinds(text: str, lang: str = "en") -> dict[str, str]:
    return {q.text: q.kind for q in analyze(text, lang, include_nonspeech=True, stance_model=False, kinds=("direct", "partial", "fragment"))}


@pytest.mark.parametrize(
    "text, quoted, kind",
    [
        ('>> Read also: "Minsk braces for another weekend of protests"', "Minsk braces for another weekend of protests", "headline"),
        ("\u00c0 lire aussi : \u00ab Minsk se pr\u00e9pare \u00bb", "Minsk se pr\u00e9pare", "headline"),
        ('Troops joined the so-called "peaceful walk" near the border.', "peaceful walk", "title"),
        ('Paratroopers joined the "Union Shield" drills on Monday.', "Union Shield", "title"),
        ('Prices rose again, bringing little "stability" to the market.', "stability", "scare"),
        ('Workers answered with "Go away!" all morning long.', "Go away!", "partial"),
        ('<tweet author="someone">text</tweet> was posted.', "someone", "other"),
        ('The count reached "2020" by noon.', "2020", "other"),
        ('She said he was "absolutely determined" to go.', "absolutely determined", "fragment"),
        ('She said he was "absolutely determined to go".', "absolutely determined to go", "partial"),
        ('The crowd chanted "Go away!" at the police.', "Go away!", "partial"),
        ('"We will not give up," she said.', "We will not give up,", "direct"),
    ],
)
def test_kind_of_each_use_of_quote_marks(text: str, quoted: str, kind: str) -> None:
    lang = "fr" if "\u00e0 lire" in text.lower() else "en"
    assert kinds(text, lang)[quoted] == kind


def test_non_speech_is_never_attributed() -> None:
    text = 'Putin said the "Union Shield" drills would go ahead. >> Read also: "Putin arrives in Minsk"'
    nonspeech = [q for q in analyze(text, "en", include_nonspeech=True) if not q.is_speech]
    assert nonspeech and all(q.speaker is None and q.stance is None for q in nonspeech)
