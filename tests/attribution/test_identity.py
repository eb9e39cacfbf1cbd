"""Speaker identity inside a document: appositions, titles, pronouns, descriptors, surnames.

These are the readings the identity rules give a mention, so the walk runs
with the rules alone (``attribution_model=False``): the ranker may prefer
another candidate, and is measured by the benchmarks, not here.
"""

from __future__ import annotations

from quotestance import analyze


def speakers(text: str, lang: str = "en") -> list[str | None]:
    return [q.speaker for q in analyze(text, lang, stance_model=False, attribution_model=False)]


def test_apposition_after_a_name_describes_the_person() -> None:
    text = (
        "Economist Anna Verhoeven, a lecturer in Leiden, expects a recession. Pierre Dumas disagrees.\n\n"
        '"The outlook is grim," the lecturer said.'
    )
    assert speakers(text) == ["Anna Verhoeven"]


def test_apposition_before_a_name_describes_the_person() -> None:
    text = (
        "The candidate who claims victory, Maria Kovalenko, met Pierre Dumas on Monday.\n\n"
        '"We will win," the candidate said.'
    )
    assert speakers(text) == ["Maria Kovalenko"]


def test_title_noun_before_a_name_describes_the_person() -> None:
    text = 'Analyst Pierre Dumas and Maria Kovalenko spoke on Monday. "Nothing is settled," the analyst said.'
    assert speakers(text) == ["Pierre Dumas"]


def test_pronoun_takes_the_last_person_of_matching_gender() -> None:
    text = 'Maria Kovalenko met Pierre Dumas on Monday.\n\n"We need help," she said.'
    assert speakers(text) == ["Maria Kovalenko"]
    text = 'Maria Kovalenko met Pierre Dumas on Monday.\n\n"We need help," he said.'
    assert speakers(text) == ["Pierre Dumas"]


def test_names_inside_quotations_do_not_capture_pronouns() -> None:
    text = 'Svetlana Tikhanovskaya spoke in Vilnius. "I want to remind Vladimir Putin of his promises," she said.'
    assert speakers(text) == ["Svetlana Tikhanovskaya"]


def test_french_descriptor_gender_chooses_the_person() -> None:
    text = (
        "Svetlana Tikhanovska\u00efa a rencontr\u00e9 Emmanuel Macron \u00e0 Vilnius.\n\n"
        "\u00ab Nous ne c\u00e9derons pas \u00bb, a ajout\u00e9 l'opposante."
    )
    assert speakers(text, "fr") == ["Svetlana Tikhanovskaya"]


def test_descriptor_without_a_described_person_takes_the_last_speaker() -> None:
    text = (
        '"We will not stop," said Maria Kovalenko after meeting Jan Novak.\n\n'
        '"Our demands are simple," added the opponent.'
    )
    assert speakers(text) == ["Maria Kovalenko", "Maria Kovalenko"]


def test_surname_joins_the_full_name() -> None:
    text = 'Maria Kovalenko arrived late. "We are ready," Kovalenko said.'
    quote = analyze(text, "en", attribution_model=False)[0]
    assert (quote.speaker, quote.speaker_mention) == ("Maria Kovalenko", "Kovalenko")
    assert "speaker:surname-join" in quote.trace


def test_indefinite_descriptors_stay_anonymous() -> None:
    text = 'Maria Kovalenko spoke first. "It is over," an official said.'
    assert speakers(text) == ["official"]


def test_groups_get_one_name_across_languages() -> None:
    en = 'Thousands of protesters marched, chanting "go away, dictator" at the police.'
    fr = "Des milliers de manifestants ont d\u00e9fil\u00e9, scandant \u00ab d\u00e9gage, le dictateur \u00bb devant la police."
    assert speakers(en) == ["demonstrators"]
    assert speakers(fr, "fr") == ["demonstrators"]


def test_role_is_read_at_the_head_of_the_phrase() -> None:
    from quotestance.attribution.role_nouns import load_roles

    en, fr = load_roles("en"), load_roles("fr")
    assert en.find(["spokeswoman", "for", "the", "interior", "ministry"]).key == "spokesperson"  # type: ignore[union-attr]
    assert en.find(["deputy", "foreign", "minister"]).key == "minister"  # type: ignore[union-attr]
    assert fr.find(["porte-parole", "du", "Kremlin"]).key == "spokesperson"  # type: ignore[union-attr]
    assert fr.find(["chef", "de", "l'état"]).key == "president"  # type: ignore[union-attr]
    assert en.find(["opposition", "leader"]).key == en.find(["opponent"]).key  # type: ignore[union-attr]


def test_a_pronoun_continues_a_person_brought_in_without_a_name() -> None:
    text = 'An elderly neighbour stopped at the gate. "They took him at night," she said.'
    assert speakers(text) == ["elderly neighbour"]
    text = "Une voisine s'est arr\u00eat\u00e9e devant la grille. \u00ab Ils l'ont emmen\u00e9 la nuit \u00bb, a-t-elle dit."
    assert speakers(text, "fr") == ["voisine"]


def test_a_named_woman_is_preferred_to_an_unnamed_one_by_the_rules() -> None:
    text = 'Maria Kovalenko left the hall. A young woman waved at the gate. "We will be back," she said.'
    assert speakers(text) == ["Maria Kovalenko"]


def test_the_article_s_pronouns_give_a_name_its_gender() -> None:
    # Neither given name is in the table: only "She" and "He" after each name tell who "she" is.
    text = (
        "Inu Vasko founded the strike fund. She still runs it. Ardo Kelmet, the treasurer, counts the money. "
        'He keeps the books at home.\n\n"Nobody will be left alone," she said.'
    )
    (speaker,) = speakers(text)
    assert speaker is not None and "Vasko" in speaker


def test_a_name_the_recogniser_labels_otherwise_still_names_the_person() -> None:
    import spacy
    from spacy.tokens import Doc

    from quotestance.attribution.identity import EntityMemory

    words = ["Karwan", ",", "a", "mechanic", ",", "waited", ".", "Later", "Karwan", "spoke", "."]
    doc = Doc(
        spacy.blank("en").vocab, words=words,
        pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PUNCT", "ADV", "PROPN", "VERB", "PUNCT"],
        heads=[5, 0, 3, 0, 0, 5, 5, 9, 9, 9, 9],
        deps=["nsubj", "punct", "det", "appos", "punct", "ROOT", "punct", "advmod", "nsubj", "ROOT", "punct"],
        ents=["B-GPE", "O", "O", "O", "O", "O", "O", "O", "B-PERSON", "O", "O"],
    )
    memory = EntityMemory(doc, "en")
    (karwan,) = [p for p in memory.people if p.name == "Karwan"]
    assert karwan.mentions == [0, doc[8].idx]  # the first, labelled a place, counts too


def test_a_name_cut_at_a_particle_is_carried_to_the_family_name() -> None:
    from quotestance.attribution.identity import looks_like_name

    assert not looks_like_name("Ursula von der") and not looks_like_name("de la République")
    assert looks_like_name("Ursula von der Leyen") and looks_like_name("Marine Le Pen")


def test_a_role_of_a_named_body_describes_a_person() -> None:
    text = (
        "Le président de la République, Emmanuel Macron, a reçu Maria Kovalenko. "
        "\u00ab Nous serons à vos côtés \u00bb, a promis le président de la République."
    )
    assert speakers(text, "fr") == ["Emmanuel Macron"]
    text = 'Alena Zhuk, the head of the miners\u2019 union, spoke first. "We will strike," the head of the union said.'
    assert speakers(text) == ["Alena Zhuk"]


def test_one_word_with_a_person_s_apposition_is_a_person() -> None:
    text = "Rebwar, le frère de son mari, voyage avec elle. « On nous a promis l'Allemagne en trois jours », raconte-t-il."
    assert speakers(text, "fr") == ["Rebwar"]


def test_a_name_with_a_particle_that_the_recogniser_missed_is_one_person() -> None:
    text = (
        "Marine Tondelier a parlé la première. Marine Le Pen, réélue dès le premier tour, se veut combative. "
        "\u00ab La marée monte, elle n'est pas montée assez haut cette fois-ci \u00bb, a-t-elle lancé."
    )
    assert speakers(text, "fr") == ["Marine Le Pen"]


def test_one_word_with_an_age_after_it_is_a_person() -> None:
    text = 'Dilan, 27 years old, has waited at the border for a week. "We were promised Germany in three days," she said.'
    assert speakers(text) == ["Dilan"]
