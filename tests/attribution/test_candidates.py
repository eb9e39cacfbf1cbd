"""Candidates: readings that report one speaker are one candidate."""

from __future__ import annotations

import pytest

from quotestance import analyze


@pytest.mark.parametrize("ranker", [False, None], ids=["rules", "ranker"])
def test_one_noun_phrase_read_to_two_extents_is_one_speaker(ranker: object) -> None:
    text = '"The border stays closed," a spokeswoman for the Latvian Interior Ministry said on Tuesday.'
    (quote,) = analyze(text, "en", stance_model=False, attribution_model=ranker)  # type: ignore[arg-type]
    assert quote.speaker == "spokeswoman for the Latvian Interior Ministry"


def test_the_rules_reading_is_found_after_a_fuller_reading_joined_it() -> None:
    from quotestance.attribution.candidates import CandidateSet, referent_key
    from quotestance.attribution.cue_rules import Proposal
    from quotestance.attribution.mentions import Mention
    from quotestance.attribution.referents import Referent

    short = Referent("spokeswoman", "anonymous", "descriptor-as-is")
    full = Referent("spokeswoman for the ministry", "anonymous", "descriptor-as-is")
    found = CandidateSet()
    found.add(short, Proposal(Mention(3, 5, "descriptor", "a spokeswoman", 10, 23), None, "subject-cue-after", "subject"), "subject-cue-after", 0)
    found.add(full, Proposal(Mention(3, 9, "descriptor", "a spokeswoman for the ministry", 10, 40), None, "governing-subject", "subject"), "governing-subject", 5)
    (candidate,) = found.items
    assert candidate.referent.name == "spokeswoman for the ministry"
    assert found.get(referent_key(short)) is candidate and found.get(referent_key(full)) is candidate
    assert candidate.rules == {"subject-cue-after", "governing-subject"}


def test_the_mention_reported_is_the_source_of_the_quotations_own_clause() -> None:
    # The speaker is reached from the quotation before, and named again by "she" in this one's clause.
    text = (
        '"This cannot go on," Senator Ilse Marrow said. '
        '"You cut the night shifts to the bone" to please the board, she said, pointing at the chart.'
    )
    quotes = analyze(text, "en", stance_model=False)
    second = next(q for q in quotes if q.text.startswith("You cut"))
    assert second.speaker == "Ilse Marrow"
    assert second.speaker_mention == "she"
    assert text[second.speaker_start : second.speaker_end] == "she"


def test_a_name_merely_present_in_the_clause_is_not_reported_as_the_source() -> None:
    text = 'Tomas Reyes spoke to the council. He said Mayor Dana Holt had "ignored every warning we gave her."'
    (quote,) = analyze(text, "en", stance_model=False)
    assert quote.speaker_mention == "He"
