"""Selective parsing: the statistical pipeline only where attribution needs it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from quotestance import InputError, analyze, analyze_document
from quotestance.cues import load_lexicon
from quotestance.nlp import pipeline_for
from quotestance.selective import LEAD_PARAGRAPHS, parse_documents, regions

INCISE = load_lexicon("en").incise_pattern
FILLER = "The river froze early that year and the ferries stopped running in November."
ARTICLE = "\n\n".join(
    ["Olga Brandt, the mayor of Lida, met the regional governor Piotr Lenz on Monday."]
    + [FILLER] * 6
    + ['"We have no money for the roads," the mayor said.', '"Not this year," Brandt added.', FILLER, '"Nor do we," Lenz replied.']
    + [FILLER] * 3
)


def test_only_the_lead_and_the_paragraphs_around_quotations_are_parsed() -> None:
    pieces = regions(ARTICLE, INCISE)
    assert "".join(ARTICLE[s:e] for s, e, _ in pieces) == ARTICLE
    parsed = "".join(ARTICLE[s:e] for s, e, parse in pieces if parse)
    assert "Olga Brandt" in parsed and "We have no money" in parsed and "Nor do we" in parsed
    assert parsed.count(FILLER) < ARTICLE.count(FILLER)
    assert sum(parse for _, _, parse in pieces) < len(pieces)


def test_the_joined_document_covers_the_text_with_sentences_everywhere() -> None:
    (doc,) = parse_documents(pipeline_for("en"), [ARTICLE], INCISE)
    assert doc.text == ARTICLE
    assert len(list(doc.sents)) >= ARTICLE.count("\n\n") + 1
    tagged = {t.sent.text.strip() for t in doc if t.pos_}
    assert any(s.startswith("Olga Brandt") for s in tagged) and FILLER in {s.strip() for s in map(str, doc.sents)}


def test_selective_and_full_parses_attribute_alike() -> None:
    selective = analyze(ARTICLE, "en")
    full = analyze(ARTICLE, "en", parse="full")
    assert [(q.start, q.speaker) for q in selective] == [(q.start, q.speaker) for q in full]
    assert [q.speaker for q in selective][1:] == ["Olga Brandt", "Piotr Lenz"]


def test_an_unknown_parse_mode_is_refused() -> None:
    with pytest.raises(InputError, match="parse must be"):
        analyze_document(ARTICLE, "en", parse="partial")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([FILLER, '"Yes," she said.', "", "« Non », dit-il.", "\u201cWell", "Anna Roy:"]), max_size=14))
def test_regions_tile_any_text(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    pieces = regions(text, INCISE)
    assert "".join(text[s:e] for s, e, _ in pieces) == text
    assert all(s < e for s, e, _ in pieces)
    assert all(a[2] != b[2] for a, b in zip(pieces, pieces[1:]))
    if text.strip():
        assert pieces[0][2]  # the lead is always parsed
    assert LEAD_PARAGRAPHS >= 1


def test_reported_speech_asks_for_the_whole_text() -> None:
    from quotestance.selective import effective_mode

    assert effective_mode("selective", ("direct", "partial")) == "selective"
    assert effective_mode("selective", ("direct", "indirect")) == "full"
    assert effective_mode("full", ("direct",)) == "full"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([FILLER, '"Yes," she said.', "", "Anna Roy: \u201cWell.\u201d", "\u00ab Non \u00bb, dit-il.", " \u00a0"]),
                min_size=4, max_size=12))
def test_the_joined_document_is_the_text_with_every_token_in_a_sentence(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    (doc,) = parse_documents(pipeline_for("en"), [text], INCISE)
    assert doc.text == text
    assert sum(len(sent) for sent in doc.sents) == len(doc)


def test_pieces_that_do_not_join_fall_back_to_a_full_parse(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import quotestance.selective as selective

    monkeypatch.setattr(selective, "_joined", lambda nlp, pieces, text: None)
    with caplog.at_level("WARNING", logger="quotestance"):
        (doc,) = parse_documents(pipeline_for("en"), [ARTICLE], INCISE)
    assert doc.text == ARTICLE and all(t.pos_ for t in doc if not t.is_space)
    assert "parsing all of it" in caplog.text
