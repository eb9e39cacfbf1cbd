"""Who issued a document that the article cites without its author: "the letter says", « le communiqué précise ».

A statement, letter, ad or report is no speaker: its author is. When the
phrase itself gives the author ("a statement from the Kremlin") the
referents read it there. Otherwise the article has almost always brought
the document in earlier, with its author as the subject of the verb that
issued it ("a group of parents sent a letter", "Sanders is releasing a new
ad") or of the speech verb it completes ("the ministry said in a
statement"). This module finds that earlier mention of the same noun and
the author it gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..names import fold
from .mentions import Mention, make_mention, np_from

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Reads an author inside a noun phrase (a possessor, a "from" complement).
AuthorFinder = Callable[["Token"], "Mention | None"]

__all__ = ["earlier_issuer"]

#: How far back, in tokens, the document's first mention may stand.
LOOKBACK_TOKENS = 1500
_OBJECTS = {"dobj", "obj"}
_ACTIVE_SUBJECTS = {"nsubj"}
_OBLIQUE = {"pobj", "obl", "obl:mod", "nmod"}


def earlier_issuer(doc: "Doc", head: "Token", author_of: AuthorFinder, inside_quote: Callable[[int], bool]) -> Mention | None:
    """The author the article gave, earlier, to the document that ``head`` names again.

    ``inside_quote`` tells words between quote marks, which are nobody's attribution.
    """
    noun = _singular(head.text)
    for i in range(head.i - 1, max(-1, head.i - LOOKBACK_TOKENS), -1):
        earlier = doc[i]
        if earlier.pos_ != "NOUN" or _singular(earlier.text) != noun or inside_quote(earlier.idx):
            continue
        found = author_of(earlier) or _issuing_subject(doc, earlier)
        if found is not None:
            return found
    return None


def _singular(word: str) -> str:
    """The noun's form to compare ("Statements", "statement"): the default pipelines carry no lemmatiser."""
    folded = fold(word)
    return folded[:-1] if len(folded) > 3 and folded.endswith(("s", "x")) else folded


def _issuing_subject(doc: "Doc", noun: "Token") -> Mention | None:
    """The subject of the verb that issued ``noun`` ("X sent a letter") or that it completes ("X said in a statement")."""
    verb = None
    if noun.dep_ in _OBJECTS and noun.head.pos_ in {"VERB", "AUX"}:
        verb = noun.head
    elif noun.dep_ in _OBLIQUE:
        up = noun.head
        if up.dep_ == "prep":  # English: the preposition stands between the verb and its object
            up = up.head
        if up.pos_ in {"VERB", "AUX"}:
            verb = up
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in _ACTIVE_SUBJECTS), None)
    if subject is None and verb.dep_ in {"conj", "xcomp"}:
        subject = next((c for c in verb.head.children if c.dep_ in _ACTIVE_SUBJECTS), None)
    if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    return make_mention(doc, *np_from(doc, subject))

