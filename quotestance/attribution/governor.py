"""The reporting verb that governs a quotation, read from the dependency parse.

A quotation inside a participle, an infinitive or a subordinate clause
belongs to the subject of the reporting verb above it, however far that
subject stands: in 'X mocked the complaint, saying anybody who complains
about radiators "has never lived through a real winter"', the words hang
on "saying", whose subject (climbing from the participle) is X, not
"anybody", the subject of the quoted clause itself. The cue rules read the words next to the quote marks;
this generator walks the tree from the quotation up, so it proposes the
speaker the sentence's grammar gives even when other nouns stand closer.
It also proposes that clause subject, named as such, so that the ranker
learns that a noun the quotation predicates something of is seldom who
speaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..cues import CueLexicon
from .candidates import QuoteSite
from .cue_rules import Proposal
from .cue_words import cue_length
from .mentions import NOUN_SUBJECT_DEPS, make_mention, np_from, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["governor_proposals", "MAX_CLIMB"]

#: How many arcs the walk from a quotation to its reporting verb may climb.
MAX_CLIMB = 8


def governor_proposals(doc: "Doc", site: QuoteSite, lexicon: CueLexicon) -> list[Proposal]:
    """The subject of the reporting verb above the quotation, and the subject of the quoted clause."""
    if not doc.has_annotation("DEP"):
        return []
    quoted = doc.char_span(site.span.start, site.span.end, alignment_mode="contract")
    if quoted is None or not len(quoted):
        return []
    root = _attachment(quoted)
    if root is None:
        return []
    proposals = []
    clause_subject = _outside_subject(root, quoted)
    if clause_subject is not None:
        proposals.append(_proposal(doc, clause_subject, None, "quoted-clause-subject", "clause-subject"))
    cue = _governing_cue(doc, root, quoted, lexicon)
    if cue is not None:
        subject = subject_of(cue)
        if subject is not None and not _within(subject, quoted) and subject is not clause_subject:
            proposals.insert(0, _proposal(doc, subject, (cue.i, cue.i + 1), "governing-subject", "governor"))
    return proposals


def _attachment(quoted: "Span") -> "Token | None":
    """The first token of the quotation whose head lies outside it (the quoted words' link to the sentence)."""
    for tok in quoted:
        if not _within(tok.head, quoted):
            return tok
    return None


def _governing_cue(doc: "Doc", root: "Token", quoted: "Span", lexicon: CueLexicon) -> "Token | None":
    node = root.head
    for _ in range(MAX_CLIMB):
        if not _within(node, quoted) and cue_length(doc, node.i, lexicon):
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def _outside_subject(root: "Token", quoted: "Span") -> "Token | None":
    """The subject, outside the quote marks, of a verb inside them ('anybody who complains "has never lived …"')."""
    for child in root.children:
        if child.dep_ in NOUN_SUBJECT_DEPS and not _within(child, quoted) and child.pos_ != "PRON":
            return child
    return None


def _within(tok: "Token", span: "Span") -> bool:
    return span.start <= tok.i < span.end


def _proposal(doc: "Doc", head: "Token", cue: tuple[int, int] | None, rule: str, relation: str) -> Proposal:
    start, end = np_from(doc, head)
    return Proposal(make_mention(doc, start, end), cue, rule, relation)
