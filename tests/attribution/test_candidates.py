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
