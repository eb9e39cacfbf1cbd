"""Attribution patterns: one written case per way news text names a speaker.

Each case goes through the whole analysis with the bundled ranker, which
must take the speaker the pattern names; the trace names the cue rule that
proposed it.
"""

from __future__ import annotations

import pytest

from quotestance import analyze

#: Every kind of quotation between marks: some patterns quote a single word.
ALL_MARKED = ("direct", "partial", "fragment")

# (id, lang, text, quote prefix, speaker, mention, cue, rule)
PATTERNS = [
    ("subject-cue-before", "en", 'Anna Verhoeven said: "We expect more arrests."', "We expect",
     "Anna Verhoeven", "Anna Verhoeven", "said", "subject-cue-before"),
    ("subject-cue-after", "en", '"We expect more arrests," Anna Verhoeven said.', "We expect",
     "Anna Verhoeven", "Anna Verhoeven", "said", "subject-cue-after"),
    ("inverted-cue", "en", 'Maria Kovalenko spoke in Vilnius.\n\n"The talks failed," added the opponent, who lives in exile.',
     "The talks", "Maria Kovalenko", "the opponent", "added", "inverted-cue-after"),
    ("inverted-cue-apposition", "en",
     '"Supplies will run short," warned on Friday the deputy head of the agency, Mark Olsen, while announcing new measures.',
     "Supplies", "Mark Olsen", "Mark Olsen", "warned", "inverted-cue-after"),
    ("long-apposition", "en",
     'Maria Kovalenko, the candidate who claims victory and whose supporters have filled the streets for weeks, said: "We will not go away."',
     "We will not", "Maria Kovalenko", "Maria Kovalenko", "said", "subject-cue-before"),
    ("apposition-after-quote", "en", '"Nothing has changed," Vann Holt, a writer for a weekly magazine, said on Twitter.',
     "Nothing", "Vann Holt", "Vann Holt", "said", "apposition-cue-after"),
    ("according-to", "en", 'According to Pierre Dumas, "the regime is running out of money."', "the regime",
     "Pierre Dumas", "Pierre Dumas", "According to", "source-before"),
    ("selon", "fr", "\u00ab Le r\u00e9gime manque d'argent \u00bb, selon Pierre Dumas.", "Le r\u00e9gime",
     "Pierre Dumas", "Pierre Dumas", "selon", "source-after"),
    ("for-x", "en", 'For analyst Pierre Dumas, "the regime is running out of money."', "the regime",
     "Pierre Dumas", "Pierre Dumas", "For", "for-phrase"),
    ("pour-x", "fr", "Pour l'analyste Pierre Dumas, \u00ab le r\u00e9gime manque d'argent \u00bb.", "le r\u00e9gime",
     "Pierre Dumas", "Pierre Dumas", "Pour", "for-phrase"),
    ("colon", "en", 'Tikhanovskaya wrote on Telegram: "Do not give up."', "Do not",
     "Svetlana Tikhanovskaya", "Tikhanovskaya", "wrote", "subject-cue-before"),
    ("french-incise", "fr", "Le ministre Paul Arnaud est arriv\u00e9.\n\n\u00ab Rien ne change \u00bb, a-t-il ajout\u00e9.", "Rien",
     "Paul Arnaud", "-il", "a-t-il ajout\u00e9", "inverted-cue-after"),
    ("dit-elle", "fr", "Marie Caron a parl\u00e9 lundi.\n\n\u00ab Nous attendrons \u00bb, dit-elle.", "Nous",
     "Marie Caron", "-elle", "dit", "inverted-cue-after"),
    ("previous-sentence", "en", "Economist Anna Verhoeven was blunt about the outlook.\n\n\"The reserves will not last the winter.\"",
     "The reserves", "Anna Verhoeven", "Economist Anna Verhoeven", None, "previous-sentence-subject"),
    ("partial-in-reported-speech", "en", 'Putin said he was "convinced" that Lukashenko would prevail.', "convinced",
     "Vladimir Putin", "Putin", "said", "subject-cue-before"),
    ("organisation", "en", '"We are monitoring the situation," the Kremlin said.', "We are",
     "Kremlin", "the Kremlin", "said", "subject-cue-after"),
    ("spokeswoman-for", "en", '"We are monitoring the situation," a spokeswoman for the Swedish Foreign Ministry said.', "We are",
     "spokeswoman for the Swedish Foreign Ministry", "a spokeswoman for the Swedish Foreign Ministry", "said", "subject-cue-after"),
    ("anonymous-official", "en", '"We are monitoring the situation," a senior State Department official said.', "We are",
     "senior State Department official", "a senior State Department official", "said", "subject-cue-after"),
    ("nearest-name-is-not-the-speaker", "en",
     'Foreign Minister Jan Novak met Vladimir Putin in Sochi on Monday. Novak thanked his host "warmly" for the invitation.',
     "warmly", "Jan Novak", "Novak", "thanked", "subject-cue-before"),
    ("dash-credit", "en", '"We deserve better than this." \u2015 Lucia Ferreira', "We deserve",
     "Lucia Ferreira", "Lucia Ferreira", None, "dash-credit"),
    ("apposition-before-cue", "fr", "Olga Semionova, une infirmi\u00e8re de 29 ans, raconte : \u00ab Ils frappaient tout le monde. \u00bb",
     "Ils frappaient", "Olga Semionova", "Olga Semionova", "raconte", "apposition-cue-before"),
    ("apposed-name", "fr", "Son avocat, Igor Stepanenko, a d\u00e9clar\u00e9 : \u00ab Nous ferons appel. \u00bb",
     "Nous ferons", "Igor Stepanenko", "Igor Stepanenko", "d\u00e9clar\u00e9", "apposition-cue-before"),
    ("name-beats-fronted-phrase", "fr", "Devant des journalistes, Vladimir Make\u00ef a d\u00e9clar\u00e9 : \u00ab Nous r\u00e9pondrons. \u00bb",
     "Nous r\u00e9pondrons", "Vladimir Makei", "Vladimir Make\u00ef", "d\u00e9clar\u00e9", "subject-cue-before"),
    ("preposition-object-skipped", "fr",
     "Svetlana Tikhanovska\u00efa vit en exil.\n\n\u00ab C'est une vengeance \u00bb, a r\u00e9agi depuis Vilnius l'opposante.",
     "C'est", "Svetlana Tikhanovskaya", "l'opposante", "r\u00e9agi", "inverted-cue-after"),
    ("organisation-alias", "fr", "\u00ab Le scrutin est valide \u00bb, a affirm\u00e9 la Commission \u00e9lectorale centrale.",
     "Le scrutin", "Central Election Commission", "la Commission \u00e9lectorale centrale", "affirm\u00e9", "inverted-cue-after"),
    ("agent-after-chant", "en", 'He was greeted with chants of "Go away!" by hundreds of workers at the plant.', "Go away",
     "workers", "hundreds of workers", None, "agent-after"),
    ("next-sentence-subject", "en", 'Rosa Albers took the floor.\n\n"Why is nobody answering our letters?" Ilya Marsh demanded.',
     "Why is nobody", "Ilya Marsh", "Ilya Marsh", "demanded", "next-sentence"),
    ("dash-glued-to-mark", "en", '"We deserve better than this."\u2015\u00a0Lucia Ferreira\n"So do we." \u2015 Tom Baker',
     "We deserve", "Lucia Ferreira", "Lucia Ferreira", None, "dash-credit"),
    ("participle-cue", "en", 'Thousands of demonstrators marched through Minsk, shouting "go away" at the police.', "go away",
     "demonstrators", "Thousands of demonstrators", "shouting", "subject-cue-before"),
]


@pytest.mark.parametrize(
    "lang, text, prefix, speaker, mention, cue, rule", [p[1:] for p in PATTERNS], ids=[p[0] for p in PATTERNS]
)
def test_pattern(lang: str, text: str, prefix: str, speaker: str, mention: str, cue: str | None, rule: str) -> None:
    quote = next(q for q in analyze(text, lang, kinds=ALL_MARKED) if q.text.startswith(prefix))
    assert quote.speaker == speaker
    assert quote.speaker_mention == mention
    assert text[quote.speaker_start : quote.speaker_end] == mention
    assert quote.cue == cue
    assert f"attribution:{rule}" in quote.trace


def test_a_quotation_that_closes_its_sentence_keeps_the_next_cue_only_when_it_attributes() -> None:
    text = (
        'Rosa Albers spoke first. "We will wait." Ilya Marsh said: "We will not."\n\n'
        '"Is that all?" Later that day, the minister left the building.'
    )
    quotes = analyze(text, "en", attribution_model=False)
    assert [q.speaker for q in quotes] == ["Rosa Albers", "Ilya Marsh", "Ilya Marsh"]
    assert "attribution:next-sentence" not in quotes[2].trace


def test_a_quotation_inside_a_participle_belongs_to_the_governing_subject() -> None:
    text = (
        "The mayor complained about the heating. Councillor Vera Lind mocked the complaint, "
        'saying anybody who complains about radiators "has never lived through a real winter."'
    )
    (quote,) = analyze(text, "en")
    assert quote.speaker == "Vera Lind"


def test_split_quote_continues_the_speaker() -> None:
    text = 'Lena Marquardt spoke first. "We are ready," she said. "We have always been ready."'
    quotes = analyze(text, "en")
    assert [q.speaker for q in quotes] == ["Lena Marquardt", "Lena Marquardt"]
    assert "attribution:continuation:same-paragraph" in quotes[1].trace


def test_unattributed_paragraph_continues_the_previous_speaker() -> None:
    text = (
        '"The first thing is security," said Olga Brandt, the mayor.\n\n'
        '"The second thing is money. Without it nothing moves."\n\n'
        "The council meets again on Friday."
    )
    quotes = analyze(text, "en")
    assert [q.speaker for q in quotes] == ["Olga Brandt", "Olga Brandt"]
    assert "attribution:continuation:previous-paragraph" in quotes[1].trace


def test_multi_paragraph_quote_shares_one_speaker() -> None:
    text = '\u201cFirst we talk.\n\n\u201cThen we decide,\u201d said Ivan Petrov.'
    quotes = analyze(text, "en")
    assert [q.speaker for q in quotes] == ["Ivan Petrov", "Ivan Petrov"]


def test_quote_with_no_speaker_anywhere_stays_unattributed() -> None:
    quotes = analyze('The banner read "freedom for all political prisoners now" in red letters.', "en")
    assert all(q.speaker is None for q in quotes)


def test_anonymous_source_keeps_its_description() -> None:
    text = (
        "Maria Kovalenko spoke first. In Brussels, a senior EU diplomat said the bloc was \u201cdeeply concerned\u201d.\n\n"
        "\u201cThere will be consequences,\u201d the diplomat said on condition of anonymity."
    )
    quotes = analyze(text, "en", attribution_model=False, kinds=ALL_MARKED)  # the identity rule, not the ranker's choice
    assert [q.speaker for q in quotes] == ["senior EU diplomat", "senior EU diplomat"]
    assert "speaker:descriptor-anonymous" in quotes[1].trace


def test_french_incise_with_addressee_and_apposed_name() -> None:
    text = (
        "\u00ab On nous a toujours menti, a racont\u00e9 \u00e0 l'AFP Andre\u00ef Kovalenko, soudeur. "
        "Le socle s'est fissur\u00e9. \u00bb"
    )
    quotes = analyze(text, "fr")
    assert quotes[0].text == "On nous a toujours menti"
    assert {q.speaker for q in quotes} == {"Andre\u00ef Kovalenko"}


def test_an_agent_after_a_quote_is_a_speaker_only_after_a_cue() -> None:
    text = 'Stephen Biegun said on Tuesday that Washington was "deeply concerned" by the arrests.'
    (quote,) = analyze(text, "en", kinds=ALL_MARKED)
    assert quote.speaker == "Stephen Biegun" and "attribution:agent-after" not in quote.trace
