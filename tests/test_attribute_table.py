"""The attribute table gives exactly the annotations of the attribute ruler it replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings, strategies as st
from spacy.tokens import Doc

from quotestance.attribute_table import AttributeTable, speed_up
from quotestance.nlp import pipeline_for

ROOT = Path(__file__).resolve().parent.parent
ATTRS = ["POS", "MORPH", "LEMMA", "TAG", "DEP"]

WORDS = ["the", "The", "is", "'s", "gon", "na", "not", "that", "it", "I", "said", "y'", "all", "nuthin'", " "]
TAGS = ["DT", "VBZ", "VB", "RB", "IN", "PRP", "VBD", "NN", "_SP", ""]
DEPS = ["det", "aux", "nsubj", "dobj", "ROOT", "expl", ""]

#: A ruler with every kind of rule the table handles, and the kinds it leaves to a Matcher.
RULES = [
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET", "MORPH": "PronType=Art"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["DT", ""]}, "DEP": {"IN": ["aux", "expl"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": "i", "DEP": "nsubj"}]], "attrs": {"MORPH": "Case=Nom|Person=1"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"ORTH": "The"}], [{"TEXT": "that"}]], "attrs": {"TAG": "XX"}},
    {"patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not"]}}]], "attrs": {"POS": "PART", "MORPH": "Polarity=Neg"}},
]


def _two_ways(words: list[str], tags: list[str], deps: list[str]) -> tuple[Doc, Doc]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    table = AttributeTable(nlp.vocab).take_rules(ruler)
    heads = [0] * len(words)
    docs = []
    for _ in range(2):
        doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps if any(deps) else None,
                  heads=heads if any(deps) else None)
        docs.append(doc)
    return ruler(docs[0]), table(docs[1])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), max_size=12))
def test_the_table_annotates_as_the_ruler_does(tokens):
    words = [w for w, _, _ in tokens]
    tags = [t for _, t, _ in tokens]
    deps = [d or "dep" for _, _, d in tokens] if any(d for _, _, d in tokens) else [""] * len(tokens)
    by_ruler, by_table = _two_ways(words, tags, deps)
    assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in by_table] == \
        [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in by_ruler]


def test_later_rules_win_and_multi_token_rules_reach_their_token():
    by_ruler, by_table = _two_ways(["It", "is", "gon", "na", "rain"], ["PRP", "VBZ", "VBG", "TO", "VB"],
                                   ["nsubj", "aux", "ROOT", "aux", "xcomp"])
    assert by_table[1].pos_ == "AUX" and by_table[1].lemma_ == "be"  # the third rule overrides the second
    assert (by_table[2].lemma_, by_table[3].lemma_) == ("go", "to")
    assert [t.pos_ for t in by_table] == [t.pos_ for t in by_ruler]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundled_models_annotate_as_before(lang):
    """Our own texts through the shipped pipeline, once with the table and once with spaCy's ruler."""
    fast = pipeline_for(lang)
    assert "attribute_ruler" in fast.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeTable)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob(f"{lang}_*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / f"benchmarks/belarus_{lang}/text").glob("*.txt"))][:6]
    assert texts
    before = fast.get_pipe("attribute_ruler")
    with fast.select_pipes(disable=["attribute_ruler"]):
        parsed = list(fast.pipe(texts))
    ruler = spacy.load(_model_name(fast), exclude=["lemmatizer"]).get_pipe("attribute_ruler")
    for doc in parsed:
        copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
        assert (before(doc).to_array(ATTRS) == ruler(copy).to_array(ATTRS)).all()


def _model_name(nlp) -> str:
    return f"{nlp.meta['lang']}_{nlp.meta['name']}"


def test_speed_up_leaves_other_components_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(RULES)
    speed_up(nlp)
    assert nlp.pipe_names == ["sentencizer", "attribute_ruler"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert nlp.get_pipe("sentencizer").__class__.__name__ == "Sentencizer"
