"""Speaker proposals from the reporting cue next to a quotation.

News writing attaches a quotation to its speaker through a cue close to the
quote marks: before them ("Putin said he was “convinced”"), after them
("…,” she wrote", "…», a ajouté l'opposante"), or a source phrase
("according to X", "selon X", "for X,"). Each rule below proposes the noun
phrase it would take for the speaker, in the order the rules trust them;
the first proposal is the rules' own choice, the later ones are
alternatives the ranker may prefer. Every proposal names the rule that made
it, which becomes a feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

from ..cues import CueLexicon
from .cue_words import QUOTE_CHARS, clitic_near, cue_length, source_prep_length, wordlike
from .mentions import NOUN_SUBJECT_DEPS, Mention, apposed_name, make_mention, np_after, np_before, np_from, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Proposal", "cue_proposals", "next_sentence_proposals", "previous_sentence_proposals"]

#: A cue further than this many tokens after the quote belongs to something else.
_MAX_POST_TOKENS = 10
#: How far after a quotation a cue may stand when an apposition separates it from the speaker.
_MAX_APPOSITION_TOKENS = 30
#: How many cues before a quotation, nearest first, propose speakers.
MAX_CUES_BEFORE = 3
#: Verbs whose object is the addressee, so the noun after them is not an inverted subject.
_ADDRESSEE_VERBS = {"told", "tells", "tell", "telling", "informed", "informs", "assured", "assures", "reminded", "reminds"}
_DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
_FOR_WORDS = {"for", "pour"}
#: Subjects that cannot be a speaker ("it underscores that …"); English only, as French "il" is "he".
_NON_PERSON_SUBJECTS = {"it", "this", "that", "which"}


@dataclass(frozen=True)
class Proposal:
    """A mention some rule takes for the speaker of a quotation.

    ``relation`` says how the mention stands to the cue (``subject`` by the
    parser's arcs, ``adjacent`` right before it, ``inverted``, ``source``,
    ``apposition``, ``agent``, ``credit``, ``label``, ``context``); ``cue`` is the cue's token range, if the rule used one.
    """

    mention: Mention
    cue: tuple[int, int] | None
    rule: str
    relation: str


def _proposal(doc: "Doc", toks: Sequence["Token"], np: tuple[int, int], cue: tuple[int, int] | None, rule: str, relation: str) -> Proposal:
    return Proposal(make_mention(doc, toks[np[0]].i, toks[np[1] - 1].i + 1), cue, rule, relation)


def _doc_proposal(doc: "Doc", np: tuple[int, int], cue: tuple[int, int] | None, rule: str, relation: str) -> Proposal:
    return Proposal(make_mention(doc, np[0], np[1]), cue, rule, relation)


def cue_proposals(
    doc: "Doc", before: "Span | None", after: "Span | None", lexicon: CueLexicon, prefer_before: bool = False
) -> Iterator[Proposal]:
    """Every proposal from the words just before and just after a quotation, the rules' choice first.

    Args:
        before: from the sentence start to the opening mark.
        after: from the closing mark to the sentence end.
        prefer_before: look before the quote first (fragments inside a
            sentence hang on the cue that introduces them).
    """
    yield from _agent_after(doc, before, after, lexicon)
    if prefer_before:
        yield from _before(doc, before, lexicon)
        yield from _after(doc, after, lexicon, first_cue=True)
    else:
        yield from _after(doc, after, lexicon, first_cue=True)
        yield from _before(doc, before, lexicon)
    yield from _after(doc, after, lexicon, first_cue=False)


def _agent_after(doc: "Doc", before: "Span | None", after: "Span | None", lexicon: CueLexicon) -> Iterator[Proposal]:
    """ "greeted with chants of "Go away!" by workers", "hué aux cris de « Va-t'en ! » par des ouvriers".

    Only when a cue introduces the quotation: in "concerned" by the arrests
    the agent belongs to the adjective, not to any speech.
    """
    if after is None or len(after) < 2 or after[0].lower_ not in {"by", "par"}:
        return
    tail = re.sub(r"(?:\s+(?:of|de|d['’]))?[\s\W]*$", "", before.text if before is not None else "")
    if not any(m.end() == len(tail) for m in lexicon.cue_pattern.finditer(tail, max(0, len(tail) - 40))):
        return
    toks = list(after)
    np = np_after(toks, 1)
    if np and np[0] == 1:
        yield _proposal(doc, toks, np, None, "agent-after", "agent")


def _credit_start(doc: "Doc", toks: list["Token"]) -> int | None:
    """Where a dash credit's name starts ("…" ― X), or None without a dash.

    The tokenizer may glue the dash to the closing mark ('”―' or '”—Name'),
    leaving it outside the words after the quotation, so the token just
    before them is read as well; no-break spaces around the dash are skipped.
    """
    at = _skip_spaces(toks, 0)
    if at < len(toks) and toks[at].text in _DASHES:
        at = _skip_spaces(toks, at + 1)
    elif at < len(toks):
        i = toks[at].i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or doc[i].text[-1] not in "\u2015\u2014\u2013":
            return None
    return at if at < len(toks) else None


def _skip_spaces(toks: list["Token"], at: int) -> int:
    while at < len(toks) and toks[at].is_space:
        at += 1
    return at


def _after(doc: "Doc", after: "Span | None", lexicon: CueLexicon, first_cue: bool) -> Iterator[Proposal]:
    """After the quote: "…," she said / "…", a ajouté l'opposante / "…," X, a writer for Y, said / "…" ― X.

    ``first_cue`` yields what the first cue after the quotation proposes
    (the rules' reading); otherwise the later cues of the sentence, as
    alternatives.
    """
    if after is None or not len(after):
        return
    toks = list(after)
    credit_at = _credit_start(doc, toks)
    if first_cue and credit_at is not None:
        np = np_after(toks, credit_at)
        if np and any(t.pos_ == "PROPN" for t in toks[np[0] : np[1]]):
            yield _proposal(doc, toks, np, None, "dash-credit", "credit")
    limit = min(len(toks), _MAX_APPOSITION_TOKENS)
    cues_seen = 0
    for i in range(limit):
        if toks[i].text in {".", "!", "?", ";"} or toks[i].text in QUOTE_CHARS:
            break
        n = source_prep_length(toks, i, lexicon)
        if n and i < _MAX_POST_TOKENS and (cues_seen == 0) == first_cue:
            np = np_after(toks, i + n)
            if np:
                yield _proposal(doc, toks, np, (toks[i].i, toks[i + n - 1].i + 1), "source-after", "source")
        n = cue_length(toks, i, lexicon)
        if not n:
            continue
        cues_seen += 1
        if first_cue or cues_seen > 1:
            yield from _after_cue(doc, toks, i, n)
        if first_cue:
            return


def _after_cue(doc: "Doc", toks: Sequence["Token"], i: int, n: int) -> Iterator[Proposal]:
    """What one cue after a quotation proposes, most trusted reading first."""
    cue = (toks[i].i, toks[i + n - 1].i + 1)
    if i > 0 and toks[i - 1].text in {",", ")"}:
        # "…," Albers, a close ally of the mayor, said: the speaker opens the window.
        first = np_after(toks, 0)
        if first and first[0] <= 1 and first[1] <= i:
            yield _proposal(doc, toks, first, cue, "apposition-cue-after", "apposition")
    if i >= _MAX_POST_TOKENS:
        return
    clitic = clitic_near(toks, i, n)
    if clitic:
        yield _proposal(doc, toks, clitic, cue, "inverted-cue-after", "inverted")
    before = np_before(toks, i, 0)
    if before and not any(t.text == "," for t in toks[before[0] : i]):
        yield _proposal(doc, toks, before, cue, "subject-cue-after", "adjacent")
    if toks[i].lower_ not in _ADDRESSEE_VERBS:
        np = np_after(toks, i + n)
        if np:
            yield _proposal(doc, toks, np, cue, "inverted-cue-after", "inverted")
    subject = subject_of(toks[i])
    if subject is not None and toks[0].i <= subject.i <= toks[-1].i:
        yield _doc_proposal(doc, np_from(doc, subject), cue, "subject-cue-after", "subject")


def _for_phrase(doc: "Doc", toks: Sequence["Token"]) -> Iterator[Proposal]:
    """ "For analyst Pierre Dumas, "…"" / "Pour l'analyste Pierre Dumas, « … »": opinion attributed by a fronted phrase."""
    start = 1 if toks and toks[0].is_punct else 0
    if len(toks) < start + 3 or toks[start].lower_ not in _FOR_WORDS:
        return
    comma = next((k for k in range(start + 1, min(len(toks), start + 12)) if toks[k].text == ","), None)
    if comma is None or any(not t.is_punct and not t.is_space for t in toks[comma + 1 :]):
        return  # "Pour l'anniversaire du scrutin, X a écrit : …" is no source phrase
    np = np_after(toks, start + 1)
    if np is None or np[1] > comma or not any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in toks[np[0] : np[1]]):
        return
    names = [k for k in range(np[0], np[1]) if toks[k].pos_ == "PROPN"]
    if names:  # the name inside "analyst Pierre Dumas"
        np = (names[0], names[-1] + 1)
    yield _proposal(doc, toks, np, (toks[start].i, toks[start].i + 1), "for-phrase", "source")


def _before(doc: "Doc", before: "Span | None", lexicon: CueLexicon) -> Iterator[Proposal]:
    """Before the quote: Putin said he was "convinced" / X wrote on Telegram: "…" / selon X, "…"."""
    if before is None or not len(before):
        return
    toks = list(before)
    yield from _for_phrase(doc, toks)
    # "Selon le diplomate, Paris plaide …": a fronted source governs the sentence.
    first = 1 if toks and toks[0].is_punct else 0
    n = source_prep_length(toks, first, lexicon) if len(toks) > first else 0
    if n:
        np = np_after(toks, first + n)
        if np:
            yield _proposal(doc, toks, np, (toks[first].i, toks[first + n - 1].i + 1), "source-before", "source")
    cues = 0
    for i in range(len(toks) - 1, -1, -1):
        if cues >= MAX_CUES_BEFORE:
            break  # cues further back introduce other quotations
        n = source_prep_length(toks, i, lexicon)
        if n:
            cues += 1
            np = np_after(toks, i + n)
            if np:
                yield _proposal(doc, toks, np, (toks[i].i, toks[i + n - 1].i + 1), "source-before", "source")
        n = cue_length(toks, i, lexicon)
        if n:
            cues += 1
            yield from _before_cue(doc, toks, i, n)


def _before_cue(doc: "Doc", toks: Sequence["Token"], i: int, n: int) -> Iterator[Proposal]:
    """What one cue before a quotation proposes, most trusted reading first."""
    cue = (toks[i].i, toks[i + n - 1].i + 1)
    clitic = clitic_near(toks, i, n)
    if clitic:
        yield _proposal(doc, toks, clitic, cue, "inverted-cue-before", "inverted")
    named = apposed_name(toks, i)
    if named:
        yield _proposal(doc, toks, named, cue, "apposition-cue-before", "apposition")
    # A name right before the cue beats whatever the parser made the subject.
    adjacent = np_before(toks, i, 0)
    adjacent_name = adjacent is not None and any(t.pos_ == "PROPN" for t in toks[adjacent[0] : adjacent[1]]) and not any(
        t.text == "," for t in toks[adjacent[0] : i]
    )
    if adjacent and adjacent_name:
        yield _proposal(doc, toks, adjacent, cue, "subject-cue-before", "adjacent")
    head = next((t for t in toks[i : i + n] if t.pos_ in {"VERB", "NOUN"}), toks[i])
    subject = subject_of(head)
    if subject is not None and subject.lower_ in _NON_PERSON_SUBJECTS:
        return  # "She says it underscores that …": the speaker is further left
    if subject is not None and toks[0].i <= subject.i < toks[i].i and wordlike(subject):
        yield _doc_proposal(doc, np_from(doc, subject), cue, "subject-cue-before", "subject")
    if adjacent and not adjacent_name:
        yield _proposal(doc, toks, adjacent, cue, "subject-cue-before", "adjacent")
    np = np_after(toks, i + n)
    if np:
        yield _proposal(doc, toks, np, cue, "inverted-cue-before", "inverted")


def previous_sentence_proposals(doc: "Doc", sentence: "Span | None", lexicon: CueLexicon) -> Iterator[Proposal]:
    """The speaker named in the sentence before a quotation with no cue of its own.

    "The New York Times reports:" and "Sanders identified young voters'
    exhaustion as one reason." introduce the quotation that follows; the
    cue's subject, or else the main clause's named subject, is the speaker.
    """
    if sentence is None or not len(sentence):
        return
    for p in _before(doc, sentence, lexicon):
        yield Proposal(p.mention, p.cue, "previous-sentence", p.relation)
    root = next((t for t in sentence if t.dep_ == "ROOT"), None)
    subject = subject_of(root) if root is not None else None
    if subject is not None and subject.pos_ in {"PROPN", "PRON", "NOUN"} and sentence.start <= subject.i < sentence.end:
        yield _doc_proposal(doc, np_from(doc, subject), None, "previous-sentence-subject", "context")


def next_sentence_proposals(
    doc: "Doc", sentence: "Span | None", lexicon: CueLexicon, subject_first: bool = True
) -> Iterator[Proposal]:
    """The sentence after a quotation that only attributes it.

    Either a cue opens it (« … ». Indique la commissaire. / "…". Said the
    minister: machine translation and scraping often put a full stop between
    a quotation and its incise), or it is a subject and its reporting verb
    and nothing the verb could report besides the quotation ("Why?" Ilya
    Marsh demanded. / "…?" Rosa Albers, the head of the union, asked). The
    second form needs ``subject_first``: the caller allows it only after a
    quotation whose final punctuation is inside its marks, as the split
    came from the quotation's own "?" and not from the author's full stop.
    """
    if sentence is None or not len(sentence):
        return
    toks = [t for t in sentence if not t.is_space]
    first = next((k for k, t in enumerate(toks) if not t.is_punct), None)
    if first is None or first > 1:
        return
    if cue_length(toks, first, lexicon):
        for p in _after(doc, sentence, lexicon, first_cue=True):
            yield Proposal(p.mention, p.cue, "next-sentence", p.relation)
        return
    subject = _attributing_subject(doc, sentence, toks[first], lexicon) if subject_first else None
    if subject is not None:
        yield _doc_proposal(doc, np_from(doc, subject), (subject.head.i, subject.head.i + 1), "next-sentence", "subject")


#: Dependents by which a verb reports something of its own, so that its sentence does more than attribute.
_OWN_OBJECT_DEPS = {"obj", "dobj", "ccomp", "xcomp", "csubj"}


def _attributing_subject(doc: "Doc", sentence: "Span", first: "Token", lexicon: CueLexicon) -> "Token | None":
    """The subject of a sentence that is only "subject + reporting verb" (no quotation, no object of its own)."""
    if any(t.text in QUOTE_CHARS for t in sentence):
        return None  # it introduces a quotation of its own: "Putin said: «No.»"
    root = sentence.root
    if not cue_length(doc, root.i, lexicon) or any(c.dep_ in _OWN_OBJECT_DEPS for c in root.children):
        return None
    subject = next((c for c in root.children if c.dep_ in NOUN_SUBJECT_DEPS), None)
    if subject is None or subject.left_edge.i != first.i or subject.i > root.i:
        return None
    return subject
