"""The quote-mark scanner: a table of written cases and property tests."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotestance import scan
from quotestance.cues import load_lexicon
from quotestance.errors import InputError, QuotestanceError

NBSP = "\u00a0"
NNBSP = "\u202f"


def contents(text: str, incise_lang: str | None = None) -> list[str]:
    pattern = load_lexicon(incise_lang).incise_pattern if incise_lang else None
    return [text[s.start : s.end] for s in scan(text, pattern).spans]


CASES = [
    # (id, text, expected top-level contents)
    ("straight", 'He said "we will win" today.', ["we will win"]),
    ("curly", "She said “we will win” today.", ["we will win"]),
    ("german-low-high", "Er sagte „wir gewinnen“ heute.", ["wir gewinnen"]),
    ("guillemets-plain", "Il a dit «nous gagnerons» hier.", ["nous gagnerons"]),
    ("guillemets-nbsp", f"Il a dit «{NBSP}nous gagnerons{NBSP}» hier.", ["nous gagnerons"]),
    ("guillemets-narrow-nbsp", f"Il a dit «{NNBSP}nous gagnerons{NNBSP}» hier.", ["nous gagnerons"]),
    ("single-guillemets", "Er sagte ‹nein› und ging.", ["nein"]),
    ("single-curly", "The crowd chanted ‘go away’ all night.", ["go away"]),
    ("apostrophes-not-quotes", "It’s Belarus’s choice, don’t forget.", []),
    ("single-with-apostrophe-inside", "She said ‘we don’t accept it’ firmly.", ["we don’t accept it"]),
    ("mismatched-open-open", "“We refuse this deal, “added the opponent.", ["We refuse this deal,"]),
    ("mismatched-straight-curly", '"We refuse this deal, ”added the opponent.', ["We refuse this deal,"]),
    ("lost-opening", "We will never accept it,” he explains.", ["We will never accept it,"]),
    (
        "lost-closing-at-paragraph-end",
        "Nothing came of it.\n\nHe said: “We will never accept it.\n\nThe talks ended.",
        ["We will never accept it."],
    ),
    (
        "multi-paragraph",
        "“The first paragraph of the quote.\n\n“The second paragraph,” she said.",
        ["The first paragraph of the quote.", "The second paragraph,"],
    ),
    (
        "incise-english-two-pairs",
        '"The first half," she said. "The second half."',
        ["The first half,", "The second half."],
    ),
    ("nested-double", 'He said "she told me “no” twice" yesterday.', ["she told me “no” twice"]),
    ("nested-single-in-double", "He said “she told me ‘no’ twice” yesterday.", ["she told me ‘no’ twice"]),
    ("british-nested", "He said ‘she told me “no” twice’ yesterday.", ["she told me “no” twice"]),
    ("inch-mark", 'The screen is 15" wide and heavy.', []),
    ("two-quotes", 'He said "one" and then "two" again.', ["one", "two"]),
    ("empty-quotes", 'An empty "" pair and a real "word".', ["word"]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_written_cases(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_french_incise_splits_the_quotation() -> None:
    text = f"«{NNBSP}Nous ne céderons pas, a-t-il ajouté. Le peuple a choisi.{NNBSP}»"
    spans = scan(text, load_lexicon("fr").incise_pattern).spans
    assert [text[s.start : s.end] for s in spans] == ["Nous ne céderons pas", "Le peuple a choisi."]
    assert spans[0].group == spans[1].group
    assert spans[0].incise is not None and text[spans[0].incise[0] : spans[0].incise[1]].startswith(", a-t-il")


def test_french_incise_with_noun_subject() -> None:
    text = "« Rien ne change, a déclaré le ministre. Nous attendons. »"
    assert contents(text, "fr") == ["Rien ne change", "Nous attendons."]


def test_multi_paragraph_pieces_share_a_group() -> None:
    text = "“First paragraph.\n\n“Second paragraph.\n\n“Third paragraph,” he said."
    spans = scan(text).spans
    assert len(spans) == 3
    assert len({s.group for s in spans}) == 1
    assert "continues" in spans[0].flags


def test_lost_and_mismatched_marks_are_reported() -> None:
    result = scan("We will never accept it,” he explains.\n\n“We refuse this, “added the opponent.")
    codes = {d.code for d in result.diagnostics}
    assert {"lost-opening", "mismatched-pair"} <= codes


def test_unpaired_closing_mark_is_a_diagnostic_not_a_span() -> None:
    result = scan("A stray ” closing mark in the middle of nowhere")
    assert result.spans == []
    assert [d.code for d in result.diagnostics] == ["unpaired-closing"]


def test_non_string_input_is_a_project_error() -> None:
    with pytest.raises(InputError) as info:
        scan(b"bytes are not text")  # type: ignore[arg-type]
    assert isinstance(info.value, QuotestanceError)


def test_marks_alone_on_their_lines_enclose_the_words_between() -> None:
    text = "The minister said\n\u201c\nWe will not give up.\nNot now.\n\u201d\nand left.\n\nA reporter asked\n\"\nWhy?\n\"\n"
    assert contents(text) == ["We will not give up.\nNot now.", "Why?"]


def test_a_lone_mark_without_partner_joins_the_line_it_faces() -> None:
    text = "She said:\n\u00ab\nNous resterons ici.\u00bb\n\nIl a r\u00e9pondu : \u00abNon.\n\u00bb\n"
    assert contents(text) == ["Nous resterons ici.", "Non."]


# -- properties ------------------------------------------------------------

MARKS = '"“”„«»‹›‘’\'' + NBSP + NNBSP
quote_heavy_text = st.text(
    alphabet=st.one_of(st.sampled_from(list(MARKS + " \n,.!?:")), st.characters(codec="utf-8")),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(quote_heavy_text)
def test_never_raises_and_offsets_hold(text: str) -> None:
    result = scan(text, load_lexicon("fr").incise_pattern)
    last_end = -1
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(text)
        content = text[span.start : span.end]
        assert content == content.strip(" \t\r\n" + NBSP + NNBSP + "\u2009\u2007\u200a\u3000\ufeff")
        assert span.start >= last_end, "top-level spans overlap"
        last_end = span.end
    for span in result.nested:
        assert 0 <= span.start < span.end <= len(text)
    for d in result.diagnostics:
        assert 0 <= d.offset <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abc de", min_size=1, max_size=20), min_size=1, max_size=6))
def test_well_formed_quotes_are_found_exactly(phrases: list[str]) -> None:
    phrases = [p.strip() for p in phrases if p.strip()]
    text = " and ".join(f"he said “{p}”" for p in phrases)
    assert contents(text) == phrases


def _elapsed(text: str) -> float:
    started = time.perf_counter()
    scan(text, load_lexicon("fr").incise_pattern)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ['"', "“", "”", "« ", "‘", "’ ", ' x"y ', "“a, “"])
def test_scales_linearly_on_unmatched_marks(unit: str) -> None:
    # A complexity check, not a speed benchmark: 8x the input must not cost
    # anywhere near 64x (quadratic) the time. Each size is timed three times
    # and the fastest run kept, so a busy machine does not decide the result.
    small = unit * 12_500
    large = unit * 100_000
    _elapsed(small)
    t_small = min(_elapsed(small) for _ in range(3))
    t_large = min(_elapsed(large) for _ in range(3))
    assert t_large < 30 * max(t_small, 1e-3)


lines_of_words = st.lists(st.text(alphabet="abcdef ,.", min_size=1, max_size=15).map(str.strip).filter(bool), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(lines_of_words, st.sampled_from(['""', "\u201c\u201d", "\u00ab\u00bb"])), min_size=1, max_size=5))
def test_lone_marks_pair_with_their_own_words_never_across(quotes: list[tuple[list[str], str]]) -> None:
    # Scraped layout: every mark alone on its line, the words on the lines between.
    blocks = ["\n".join(["Someone said", pair[0], *words, pair[1]]) for words, pair in quotes]
    text = "\n\n".join(blocks) + "\n"
    assert contents(text) == ["\n".join(words) for words, _ in quotes]
