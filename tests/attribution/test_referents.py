"""What a speaker mention refers to: non-agents, authors, bodies, positional and relative pronouns.

Run with the rules alone: these are the identity readings the candidates
are built from (the ranker's choices are measured by the benchmarks).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotestance import analyze, analyze_many


def speakers(text: str, lang: str = "en") -> list[str | None]:
    return [q.speaker for q in analyze(text, lang, stance_model=False, attribution_model=False)]


@pytest.mark.parametrize(
    "lang, text, speaker",
    [
        ("en", '"We condemn this act," a statement from the Kremlin said.', "Kremlin"),
        ("en", '"We condemn this act," the Kremlin\'s statement read.', "Kremlin"),
        ("fr", "« Nous condamnons cet acte », indique un communiqué de l'Elysée.", "Elysée"),
    ],
    ids=["statement-from", "possessive", "communique-de"],
)
def test_a_communication_noun_passes_to_its_author(lang: str, text: str, speaker: str) -> None:
    assert speakers(text, lang) == [speaker]


def test_a_date_or_a_meeting_is_never_a_speaker() -> None:
    text = 'The Kremlin announced that the meeting would discuss "all aspects of integration" on Friday.'
    assert speakers(text) == ["Kremlin"]


def test_the_former_and_the_latter_point_back_by_position() -> None:
    text = 'Anna Roy met Pierre Dumas in Vilnius on Monday. "We agree on the goal," the former said.'
    assert speakers(text) == ["Anna Roy"]
    text = 'Anna Roy met Pierre Dumas in Vilnius on Monday. "We agree on the goal," the latter said.'
    assert speakers(text) == ["Pierre Dumas"]


def test_a_relative_pronoun_speaks_for_its_antecedent() -> None:
    text = 'The talks were led by Anna Roy, who said the plan was "a disaster for everyone".'
    assert speakers(text) == ["Anna Roy"]


def test_a_body_named_before_answers_to_its_descriptor() -> None:
    text = 'The Swiss Foreign Ministry denied the report on Monday. "There was no threat at any time," the ministry said.'
    assert speakers(text) == ["Swiss Foreign Ministry"]
    text = 'The Irish carrier Ryanair protested. "This was an act of aviation piracy," the airline said.'
    assert speakers(text) == ["Ryanair"]


def test_a_shorter_name_of_a_body_is_the_fuller_one_named_before() -> None:
    text = (
        "The Swiss Foreign Ministry said it had no knowledge of a threat.\n\n"
        '"No warning reached the Swiss authorities," the Foreign Ministry said.'
    )
    assert speakers(text) == ["Swiss Foreign Ministry"]


def test_a_descriptor_followed_by_a_name_is_that_person() -> None:
    text = "Son avocate, Volha Stepanenko, a pu confirmer mercredi : « Elle est calme et combative. »"
    assert speakers(text, "fr") == ["Volha Stepanenko"]


def test_an_age_descriptor_finds_the_person_just_introduced() -> None:
    text = 'Olga Brandt runs a bakery in Grodno. "We have nothing left to sell," said the 51-year-old.'
    assert speakers(text) == ["Olga Brandt"]


def test_a_title_never_splits_one_person_in_two() -> None:
    text = (
        "Deputy Secretary of State Stephen Biegun arrived in Vilnius. \u201cWe stand with the people,\u201d said "
        "Deputy Secretary of State Stephen Biegun. \u201cNothing has changed,\u201d Biegun added later."
    )
    assert speakers(text) == ["Stephen Biegun", "Stephen Biegun"]
    other = "\u201cWe are watching,\u201d Stephen Biegun told reporters."
    results = list(analyze_many([text, other], stance_model=False))
    assert {q.speaker for r in results for q in r.quotes} == {"Stephen Biegun"}


def test_names_a_quotation_mentions_are_not_its_speaker() -> None:
    text = '"Vladimir Putin must hear us," said an activist, Olga Brandt.'
    assert speakers(text) == ["Olga Brandt"]


def test_words_between_quote_marks_are_never_a_speaker(examples_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    texts.append('The banner read "Pierre Dumas lies" in red, and the crowd chanted "Anna Roy, resign!" all night.')
    for text in texts:
        quotes = analyze(text, stance_model=False, include_nonspeech=True)
        spans = [(q.start, q.end) for q in quotes]
        for q in quotes:
            if q.speaker_start is not None:
                assert not any(s <= q.speaker_start < e for s, e in spans), (q.text, q.speaker_mention)


def test_a_demonstrative_pronoun_speaks_for_a_person_of_its_gender() -> None:
    text = (
        "L'opposante Anna Novak était l'invitée de Paul Girard lundi. "
        "Celle qui a dû partir pour Vilnius estime que le régime « a perdu la rue »."
    )
    found = analyze(text, "fr", stance_model=False)
    assert [q.speaker for q in found] == ["Anna Novak"]  # "celle": a woman, not the host


@pytest.mark.parametrize("ranker", [False, None], ids=["rules", "ranker"])
def test_an_elided_word_is_never_a_speaker(ranker: object) -> None:
    text = "L'invité, pour sa part, a parlé d'un dialogue « sincère et ouvert », comme l’a écrit lundi le quotidien officiel après la visite."
    found = analyze(text, "fr", stance_model=False, attribution_model=ranker)  # type: ignore[arg-type]
    assert found and all(q.speaker is None or sum(ch.isalpha() for ch in q.speaker) >= 2 for q in found)


@pytest.mark.parametrize("ranker", [False, None], ids=["rules", "ranker"])
def test_a_surname_two_people_share_names_the_one_mentioned_last_before_it(ranker: object) -> None:
    text = (
        'Valery Ivashko left for Moscow on Friday. "They were about to arrest me," Ivashko said. '
        "His wife, Veronika Ivashko, stayed in Minsk.\n\n"
        '"We had no choice," Veronika Ivashko told reporters.'
    )
    found = analyze(text, "en", stance_model=False, attribution_model=ranker)  # type: ignore[arg-type]
    assert [q.speaker for q in found] == ["Valery Ivashko", "Veronika Ivashko"]


def test_an_epithet_no_one_was_given_offers_the_people_last_named() -> None:
    from quotestance.attribution.identity import EntityMemory
    from quotestance.attribution.mentions import make_mention
    from quotestance.attribution.referents import resolve
    from quotestance.nlp import pipeline_for

    text = 'Dara Whitcombe flew in with Lena Ortiz on Friday. "This vote decides the state," the tycoon told the crowd.'
    doc = pipeline_for("en")(text)
    memory = EntityMemory(doc, "en")
    start = next(t.i for t in doc if t.text == "tycoon") - 1
    readings = resolve(memory, make_mention(doc, start, start + 2), text.index('"'))
    assert readings is not None
    assert (readings[0].name, readings[0].how, readings[0].order) == ("tycoon", "descriptor-as-is", 0)
    assert {r.name for r in readings if r.how == "epithet"} == {"Dara Whitcombe", "Lena Ortiz"}


def test_a_document_named_again_speaks_for_the_author_given_when_it_was_first_named() -> None:
    text = (
        "Ilka Varga sent a letter to the health board on Monday.\n\n"
        '"Our clinics are closing one by one and nobody is listening," the letter says.'
    )
    (quote,) = analyze(text, "en", stance_model=False)
    assert quote.speaker_mention == "the letter"
    assert quote.speaker == "Ilka Varga"
    assert "speaker:author-of-name" in quote.trace


def test_a_document_without_a_known_author_is_still_the_mention_reported() -> None:
    text = (
        "The Harbour Authority met on Friday.\n\n"
        '"All ferries will run on the winter timetable from next week," the statement said.'
    )
    (quote,) = analyze(text, "en", stance_model=False)
    assert quote.speaker_mention == "the statement"
