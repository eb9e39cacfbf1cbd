"""Language detection from stop-word shares."""

from __future__ import annotations

import pytest

from quotestance import detect_language
from quotestance.lang import language_scores


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The president said on Monday that the election had been fair and that he would not resign.", "en"),
        ("Le président a déclaré lundi que l'élection avait été honnête et qu'il ne démissionnerait pas.", "fr"),
        ("Der Präsident sagte am Montag, dass die Wahl fair gewesen sei.", None),
        ("Президент заявил в понедельник, что выборы были честными.", None),
        ("", None),
        ("12 345 678", None),
    ],
)
def test_detects_english_french_or_nothing(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_scores_are_shares_between_zero_and_one() -> None:
    scores = language_scores("« Nous ne céderons pas », a-t-il dit, and he left the room.")
    assert set(scores) == {"en", "fr"}
    assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_french_elisions_count_as_french() -> None:
    assert detect_language("L'opposante s'est exilée. D'après elle, l'accord n'a aucune valeur.") == "fr"
