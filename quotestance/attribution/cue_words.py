"""Reporting cues among tokens: is this word "said", "a-t-elle ajouté", "according to"?

The cue lexicon (``lexicons/cues_<lang>.tsv``) lists the forms; this module
finds them in a window of parsed tokens, where the tagger needs overruling
in both directions: rarer verb forms it calls adverbs still are cues, and
forms that are mostly nouns ("reports", "states") count only as tagged verbs.
French subject inversion ("dit-il", "a-t-elle écrit") marks a reporting
incise whatever the verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..cues import CueLexicon
from ..spans import DOUBLE_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["cue_length", "source_prep_length", "clitic_near", "is_clitic", "wordlike", "QUOTE_CHARS", "PERSON_LABELS"]

_CLITICS = {"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles"}
#: Quote marks that end a cue's window (the double marks of the scanner, and ‹ ›); ’ is mostly an apostrophe.
QUOTE_CHARS = frozenset(DOUBLE_MARKS) | {"\u2039", "\u203a"}
#: Entity labels the small English and French models give people.
PERSON_LABELS = frozenset({"PERSON", "PER"})
#: Cue forms that are far more often nouns ("news reports", "the states"): only as tagged verbs.
_NOUN_LIKE_CUES = {"reports", "report", "states", "state", "claims", "claim", "notes", "note", "demands", "estimates", "prévenu"}
_NEVER_CUES = {"DET", "ADP", "PUNCT", "SPACE", "CCONJ", "SCONJ", "NUM", "SYM"}
_AUXILIARIES = {"a", "ont", "avait", "avaient", "aura", "auront", "est", "sont", "était"}


def is_clitic(tok: "Token") -> bool:
    """French subject clitic of an inversion: the "-elle" of "a-t-elle écrit"."""
    return tok.lower_ in _CLITICS


def wordlike(tok: "Token") -> bool:
    return any(ch.isalpha() for ch in tok.text) and tok.lower_ != "-t"


def _clitic_after(tokens: "Sequence[Token] | Doc", i: int) -> int | None:
    """Index of the clitic right after ``tokens[i]`` ("dit-il", "analyse-t-elle")."""
    j = i + 1
    if j < len(tokens) and tokens[j].lower_ == "-t":
        j += 1
    return j if j < len(tokens) and is_clitic(tokens[j]) else None


def cue_length(tokens: "Sequence[Token] | Doc", i: int, lexicon: CueLexicon) -> int:
    """Length in tokens of the reporting verb starting at ``tokens[i]`` (0 if none)."""
    verbs = lexicon.verbs
    tok = tokens[i]
    if tok.is_punct or tok.is_space:
        return 0
    # Multi-word cues ("pointed out", "mis en garde"): try two and three tokens.
    for n in (3, 2) if tok.lower_ in lexicon.verb_phrase_starts else ():
        if i + n <= len(tokens):
            phrase = " ".join(t.lower_ for t in tokens[i : i + n])
            if phrase in verbs:
                return n
    if tok.lower_ in verbs and (tok.pos_ == "VERB" or (tok.lower_ not in _NOUN_LIKE_CUES and tok.pos_ not in _NEVER_CUES)):
        return 1
    clitic = _clitic_after(tokens, i) if tok.is_alpha else None
    if clitic is None:
        return 0
    # With an auxiliary the cue runs to the participle ("a-t-il lancé").
    if tok.lower_ in _AUXILIARIES and clitic + 1 < len(tokens) and tokens[clitic + 1].is_alpha:
        return clitic + 2 - i
    return 1


def source_prep_length(tokens: Sequence["Token"], i: int, lexicon: CueLexicon) -> int:
    """Length of a source phrase ("according to", "selon", "d'après") starting at ``tokens[i]``."""
    if i >= len(tokens) or tokens[i].lower_.replace("’", "'") not in lexicon.source_prep_prefixes:
        return 0  # the phrase would begin with this token's text
    for n in (4, 3, 2, 1):
        if i + n <= len(tokens):
            phrase = " ".join(t.lower_ for t in tokens[i : i + n]).replace("’", "'").replace("' ", "'")
            if phrase in lexicon.source_preps:
                return n
    return 0


def clitic_near(tokens: Sequence["Token"], i: int, n: int) -> tuple[int, int] | None:
    """The clitic subject inside or right after a French cue, if any."""
    for j in range(i, min(len(tokens), i + n + 2)):
        if is_clitic(tokens[j]):
            return j, j + 1
    return None
