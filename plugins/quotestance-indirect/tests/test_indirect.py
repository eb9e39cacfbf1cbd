"""The indirect-speech plugin, through quotestance with the plugin installed."""

from __future__ import annotations

import quotestance
import quotestance_indirect

ALL = ("direct", "partial", "indirect")


def _indirect(text: str, lang: str) -> list[quotestance.Quote]:
    return [q for q in quotestance.analyze(text, lang, kinds=ALL, stance_model=False) if q.kind == "indirect"]


def test_plugin_is_loaded_from_its_entry_point() -> None:
    names = {row["name"]: row for row in quotestance.QuoteStance().plugin_info()}
    assert "indirect" in names and names["indirect"]["distribution"] == "quotestance-indirect"
    assert names["indirect"]["hooks"] == ["quotestance_extract"] and not names["indirect"]["builtin"]


def test_english_said_that() -> None:
    text = "Foreign Minister Jan Novak said on Monday that the talks would resume next week in Vilnius."
    (q,) = _indirect(text, "en")
    assert q.text == "the talks would resume next week in Vilnius"
    assert q.speaker == "Jan Novak" and q.cue == "said"
    assert text[q.start : q.end] == q.text


def test_french_a_estime_que() -> None:
    text = "Vladimir Poutine a estimé que la crise politique serait bientôt résolue par le dialogue."
    (q,) = _indirect(text, "fr")
    assert q.text.startswith("la crise politique serait bientôt résolue")
    assert q.speaker_mention == "Vladimir Poutine" and q.cue == "estimé"


def test_fronted_source_in_both_languages() -> None:
    (en,) = _indirect("According to the Kremlin, the new loan will be signed before the end of the month.", "en")
    assert en.speaker_mention == "the Kremlin" and en.text.startswith("the new loan will be signed")
    (fr,) = _indirect("Selon l'opposition, le scrutin du 9 août a été massivement truqué par le pouvoir.", "fr")
    assert fr.speaker_mention == "l'opposition" and fr.cue == "Selon"


def test_quoted_words_are_left_to_the_quote_mark_extractor() -> None:
    text = 'The minister said that "nothing will change in the coming weeks" and left the room.'
    quotes = quotestance.analyze(text, "en", kinds=ALL, stance_model=False)
    assert [q.kind for q in quotes] == ["partial"]


def test_indirect_quotes_only_when_asked_for() -> None:
    text = "Foreign Minister Jan Novak said on Monday that the talks would resume next week in Vilnius."
    assert quotestance.analyze(text, "en", stance_model=False) == []
    assert quotestance_indirect.__version__ == "0.1.0"


def test_fronted_source_at_the_end_of_a_sentence_is_ignored() -> None:
    result = quotestance.QuoteStance().analyze_document("According to the Kremlin,", "en", kinds=ALL, stance_model=False)
    assert result.plugin_errors == [] and result.quotes == []
