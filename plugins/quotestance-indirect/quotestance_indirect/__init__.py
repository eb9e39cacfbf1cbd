"""Reported speech without quote marks, as a quotestance extractor plugin.

Two patterns cover most indirect speech in news: a reporting verb whose
clausal complement carries the content ("X said that …", "X a estimé que
…"), and a fronted source phrase governing the rest of the sentence
("According to X, …", "Selon X, …"). The reporting verbs and source phrases
come from quotestance's cue lexicon, plugins' additions included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import quotestance
from quotestance.cues import load_lexicon
from quotestance.pipeline import RUN_CONTEXT_KEY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__version__ = "0.1.0"

#: Complements shorter than this many words are too thin to be a claim.
MIN_WORDS = 4
_QUOTE_MARKS = set('"“”„«»')
_COMPLEMENTISERS = {"that", "que", "qu'", "qu’", "if", "whether", "si"}
_SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass"}


def _content(doc: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """Character span of a complement, trimmed of complementisers and final punctuation."""
    while start < end and (doc[start].lower_ in _COMPLEMENTISERS or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < MIN_WORDS:
        return None
    span = doc[start:end]
    if any(ch in _QUOTE_MARKS for ch in span.text):
        return None  # the quote-mark extractor owns quoted words
    return span.start_char, span.end_char


def _mention(doc: "Doc", head: "Token") -> "Span":
    """The subject as written: a name is its whole run of proper nouns, a noun keeps its determiner and modifiers."""
    if head.pos_ in {"PROPN", "NOUN"} and (head.pos_ == "PROPN" or head.ent_type_):
        left, right = head.i, head.i + 1
        while left > 0 and doc[left - 1].pos_ in {"PROPN", "NOUN"} and doc[left - 1].text[:1].isupper():
            left -= 1
        while right < len(doc) and doc[right].pos_ in {"PROPN", "NOUN"} and doc[right].text[:1].isupper():
            right += 1
        return doc[left:right]
    left = min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in {"det", "amod", "compound", "nmod:poss", "poss"}])
    return doc[left : head.i + 1]


def _speaker_name(doc: "Doc", mention: "Span") -> str:
    """A person's name inside the mention ("Foreign Minister Jan Novak" → "Jan Novak"), else the mention."""
    names = [t for t in mention if t.ent_type_ in {"PERSON", "PER"}]
    if names:  # token tags, not doc.ents, which spaCy rebuilds on every access
        return doc[names[0].i : names[-1].i + 1].text
    return mention.text


def _quote(doc: "Doc", text: str, lang: str, content: tuple[int, int], speaker: "Span | None", cue: "Span", rule: str) -> quotestance.Quote:
    start, end = content
    name = _speaker_name(doc, speaker) if speaker is not None else None
    return quotestance.Quote(
        text[start:end], start, end,
        speaker=name,
        speaker_mention=speaker.text if speaker is not None else None,
        speaker_start=speaker.start_char if speaker is not None else None,
        speaker_end=speaker.end_char if speaker is not None else None,
        cue=cue.text, cue_start=cue.start_char, cue_end=cue.end_char,
        lang=lang, kind="indirect", trace=(f"quotestance-indirect:{rule}",),
    )


def _fronted_source(doc: "Doc", text: str, sent: "Span", preps: frozenset[str], lang: str) -> quotestance.Quote | None:
    tokens = list(sent)
    for n in (4, 3, 2, 1):
        if len(tokens) <= n + 2:
            continue
        phrase = " ".join(t.lower_ for t in tokens[:n]).replace("’", "'").replace("' ", "'")
        if phrase not in preps:
            continue
        comma = next((i for i in range(n, min(len(tokens), n + 12)) if tokens[i].text == ","), None)
        if comma is None or comma == n or comma + 1 >= len(tokens):
            return None
        content = _content(doc, tokens[comma + 1].i, sent.end)
        if content is None:
            return None
        return _quote(doc, text, lang, content, doc[tokens[n].i : tokens[comma].i], doc[tokens[0].i : tokens[n - 1].i + 1], "source")
    return None


@quotestance.hookimpl
def quotestance_extract(doc: "Doc", lang: str) -> list[quotestance.Quote]:
    context = doc.user_data.get(RUN_CONTEXT_KEY)
    if context is not None and context.kinds is not None and "indirect" not in context.kinds:
        return []  # the caller did not ask for reported speech
    lexicon = context.lexicon if context is not None else load_lexicon(lang)
    verbs, preps = lexicon.verbs, lexicon.source_preps
    found: list[quotestance.Quote] = []
    text = context.text if context is not None and context.text is not None else doc.text  # read once
    for sent in doc.sents:
        fronted = _fronted_source(doc, text, sent, preps, lang)
        if fronted is not None:
            found.append(fronted)
            continue
        for token in sent:
            if token.lower_ not in verbs or token.pos_ not in {"VERB", "AUX"}:
                continue
            complement = next((c for c in token.rights if c.dep_ == "ccomp"), None)
            if complement is None:
                continue
            content = _content(doc, complement.left_edge.i, complement.right_edge.i + 1)
            if content is None:
                continue
            subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
            found.append(_quote(doc, text, lang, content, _mention(doc, subject) if subject is not None else None,
                                doc[token.i : token.i + 1], "complement"))
    return found
