"""Cue lexicons: parsing, extension and the patterns derived from them."""

from __future__ import annotations

import pytest

from quotestance.cues import CueLexicon, LexiconError, load_lexicon, parse_lexicon
from quotestance.errors import QuotestanceError


def test_bundled_lexicons_hold_the_core_cues() -> None:
    en, fr = load_lexicon("en"), load_lexicon("fr")
    assert {"said", "told", "wrote", "added", "warned", "stressed", "explained", "deplored", "denounced"} <= en.verbs
    assert "according to" in en.source_preps
    assert {"déclaré", "ajouté", "écrit", "dit"} <= fr.verbs
    assert {"selon", "d'après"} <= fr.source_preps
    assert "a-t-il ajouté" in fr.forms("inverted")


def test_unknown_language_gives_an_empty_lexicon() -> None:
    lexicon = load_lexicon("xx")
    assert lexicon.forms() == frozenset()
    assert lexicon.cue_pattern.search("he said so") is None


def test_parse_rejects_malformed_lines_with_their_position() -> None:
    with pytest.raises(LexiconError, match="x.tsv:2") as info:
        parse_lexicon("said\tverb\nbroken line\n", "x.tsv")
    assert isinstance(info.value, QuotestanceError)
    with pytest.raises(LexiconError, match="unknown cue type"):
        parse_lexicon("said\tadverb\n")


def test_extension_adds_cues_to_the_patterns() -> None:
    lexicon = CueLexicon("en", parse_lexicon("# comment\n\nsaid\tverb\n"))
    assert lexicon.cue_pattern.search("she harrumphed loudly") is None
    extended = lexicon.extended([("Harrumphed", "verb")])
    assert extended.cue_pattern.search("she harrumphed loudly")
    assert lexicon.cue_pattern.search("she harrumphed loudly") is None  # original untouched


def test_cue_pattern_matches_whole_words_only() -> None:
    pattern = load_lexicon("en").cue_pattern
    assert pattern.search("The minister said no")
    assert pattern.search("unsaid things") is None


def test_incise_pattern_needs_the_comma_and_the_inversion() -> None:
    fr = load_lexicon("fr").incise_pattern
    assert fr.search("Non, a-t-elle répondu. Jamais.")
    assert fr.search("Non, estime Claire Morvan. Jamais.")
    assert fr.search("Il a répondu non. Jamais.") is None
