"""Find the reporting cue and the speaker mention of a quotation.

News writing attaches a quotation to its speaker through a reporting cue
close to the quote marks: before them ("Putin said he was “convinced”"),
after them ("…,” she wrote", "…», a ajouté l'opposante"), or as a source
phrase ("according to X", "selon X"). The parser's dependency arcs are used
where they are reliable (the subject of a cue verb before the quote) and
part-of-speech patterns where the parser stumbles (quotations themselves
confuse it, so inverted subjects after a quote are read left to right).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .cues import CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Attribution", "attribute", "attribute_from_previous"]

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj"}
_NP_POS = {"PROPN", "NOUN", "PRON", "ADJ", "DET", "NUM"}
_CLITICS = {"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles"}


def _is_clitic(tok: "Token") -> bool:
    """French subject clitic of an inversion: the "-elle" of "a-t-elle écrit"."""
    return tok.lower_ in _CLITICS


def _wordlike(tok: "Token") -> bool:
    return any(ch.isalpha() for ch in tok.text) and tok.lower_ != "-t"


def _clitic_after(tokens: Sequence["Token"], i: int) -> int | None:
    """Index of the clitic right after ``tokens[i]`` ("dit-il", "analyse-t-elle")."""
    j = i + 1
    if j < len(tokens) and tokens[j].lower_ == "-t":
        j += 1
    return j if j < len(tokens) and _is_clitic(tokens[j]) else None
_QUOTE_CHARS = {'"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e"}
#: Cue forms that are far more often nouns ("news reports", "the states"): only as tagged verbs.
_NOUN_LIKE_CUES = {"reports", "report", "states", "state", "claims", "claim", "notes", "note", "demands", "estimates", "prévenu"}
_NEVER_CUES = {"DET", "ADP", "PUNCT", "SPACE", "CCONJ", "SCONJ", "NUM", "SYM"}
_AUXILIARIES = {"a", "ont", "avait", "avaient", "aura", "auront", "est", "sont", "était"}
_MAX_POST_TOKENS = 10  # a cue further than this after the quote belongs to something else


@dataclass(frozen=True)
class Attribution:
    """The cue and the speaker mention found for one quotation."""

    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    rule: str = "none"
    mention_kind: str = "none"  # name | pronoun | descriptor | none

    @property
    def found(self) -> bool:
        return self.mention is not None


def _is_cue(tokens: Sequence["Token"], i: int, lexicon: CueLexicon) -> int:
    """Length in tokens of the cue starting at ``tokens[i]`` (0 if none)."""
    verbs = lexicon.verbs
    tok = tokens[i]
    if tok.is_punct or tok.is_space:
        return 0
    # Multi-word cues ("pointed out", "mis en garde"): try two and three tokens.
    for n in (3, 2):
        if i + n <= len(tokens):
            phrase = " ".join(t.lower_ for t in tokens[i : i + n])
            if phrase in verbs:
                return n
    # The lexicon is trusted over the tagger, which mistakes rarer verb forms
    # ("scandaient" as an adverb), except for forms that are mostly nouns.
    if tok.lower_ in verbs and (tok.pos_ == "VERB" or (tok.lower_ not in _NOUN_LIKE_CUES and tok.pos_ not in _NEVER_CUES)):
        return 1
    # French inversion marks a reporting incise whatever the verb
    # ("analyse-t-elle"); with an auxiliary the cue runs to the participle
    # ("a-t-il lancé").
    clitic = _clitic_after(tokens, i) if tok.is_alpha else None
    if clitic is None:
        return 0
    if tok.lower_ in _AUXILIARIES and clitic + 1 < len(tokens) and tokens[clitic + 1].is_alpha:
        return clitic + 2 - i
    return 1


def _source_prep(tokens: Sequence["Token"], i: int, lexicon: CueLexicon) -> int:
    for n in (4, 3, 2, 1):
        if i + n <= len(tokens):
            phrase = " ".join(t.lower_ for t in tokens[i : i + n]).replace("’", "'").replace("' ", "'")
            if phrase in lexicon.source_preps:
                return n
    return 0


def _clitic_near(tokens: Sequence["Token"], i: int, n: int) -> tuple[int, int] | None:
    """The clitic subject inside or right after a French cue, if any."""
    for j in range(i, min(len(tokens), i + n + 2)):
        if _is_clitic(tokens[j]):
            return j, j + 1
    return None


def _np_from(doc: "Doc", head: "Token") -> tuple[int, int]:
    """Token range of a speaker mention headed by ``head``.

    A name keeps its compound/flat parts; a common noun keeps its
    determiner, adjectives and compounds, but not relative clauses.
    """
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    if head.pos_ == "PROPN":
        # A name is the run of proper nouns around its head, whatever arcs
        # the parser drew between them.
        left, right = head.i, head.i + 1
        while left > 0 and doc[left - 1].pos_ == "PROPN" and not doc[left - 1].is_punct:
            left -= 1
        while right < len(doc) and doc[right].pos_ == "PROPN" and not doc[right].is_punct:
            right += 1
        while right < len(doc) and doc[right].pos_ == "ADJ" and doc[right].dep_ == "amod" and doc[right].head.i in range(left, right):
            right += 1  # "l'Union européenne", "la Commission électorale centrale"
        while right - 1 > left and doc[right - 1].tag_ == "POS":
            right -= 1
        return left, right
    left = head.i
    right = head.i + 1
    for child in reversed(list(head.lefts)):
        # Only the modifiers that run up to the head: "Devant des journalistes, Vladimir …" stays out.
        if child.right_edge.i + 1 != left:
            break
        if child.dep_ in {"det", "amod", "compound", "nmod:poss", "poss", "nummod", "flat", "flat:name"} or child.pos_ == "PROPN":
            left = child.left_edge.i
    for child in head.rights:
        if child.dep_ in {"flat", "flat:name", "compound"} or (child.pos_ == "PROPN" and child.i == right):
            right = max(right, child.right_edge.i + 1)
        elif (child.i == right or child.dep_ == "nmod") and (child.lower_ in {"of", "de", "d'", "d’"} or child.dep_ == "nmod") and (
            head.like_num or head.ent_type_ in {"CARDINAL", "QUANTITY"} or head.lower_ in _QUANTITY_NOUNS
        ):
            right = max(right, child.right_edge.i + 1)  # "thousands of demonstrators"
    # possessive "'s" of the head is not part of the speaker
    while right - 1 > left and doc[right - 1].tag_ == "POS":
        right -= 1
    return left, right


_CLIMB_DEPS = {"advcl", "xcomp", "conj", "acl", "appos", "obl", "obl:mod", "obl:arg", "nmod", "case", "advmod", "prep", "pobj", "pcomp"}


def _subject_of(cue: "Token") -> "Token | None":
    """The subject of a cue, climbing from participles and adverbials.

    "… took to the streets, shouting" and "… descendus dans les rues, au cri
    de" hang the cue on the main verb, whose subject is the speaker.
    """
    node: "Token" = cue
    for _ in range(4):
        for child in node.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if node.dep_ in _CLIMB_DEPS and node.head is not node:
            node = node.head
        else:
            return None
    return None


def _np_after(tokens: Sequence["Token"], start: int) -> tuple[int, int] | None:
    """The first noun phrase in ``tokens[start:]`` (inverted subject), skipping dates."""
    i = start
    n = len(tokens)
    while i < n and i < start + 10:
        tok = tokens[i]
        if i > start and tokens[i - 1].pos_ == "ADP" and tokens[i - 1].lower_ not in {"par", "by"} and tok.pos_ in {"DET", "PROPN", "NOUN"}:
            # "a réagi depuis Vilnius l'opposante", "a raconté à l'AFP Andreï Kovalenko":
            # the object of a preposition is no speaker; it ends where a new name or determiner starts.
            j = i + 1 if tok.pos_ == "DET" else i
            kind = "PROPN" if j < n and tokens[j].pos_ == "PROPN" else "NOUN"
            j += 1
            while j < n and tokens[j].text != "," and (
                tokens[j].pos_ == kind or (kind == "NOUN" and tokens[j].pos_ == "ADJ")
            ):
                j += 1
            i = j
            continue
        if tok.text in {".", "!", "?", ";", ":"} or tok.text in {'"', "“", "”", "«", "»"}:
            return None
        if _is_clitic(tok):
            return i, i + 1
        if tok.lower_ == "-t":
            i += 1
            continue
        if tok.ent_type_ in {"DATE", "TIME"} or tok.pos_ in {"ADP", "ADV", "PUNCT", "AUX", "SCONJ", "CCONJ", "PART"}:
            i += 1
            continue
        if tok.is_alpha and tok.text[:1].isupper() and tok.pos_ not in {"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"}:
            # A name the tagger took for a verb or an adjective ("estime Markovitch").
            j = i + 1
            while j < n and tokens[j].is_alpha and tokens[j].text[:1].isupper():
                j += 1
            return i, j
        if tok.pos_ in {"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"}:
            j = i
            while j < n and (
                (tokens[j].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} and _wordlike(tokens[j]))
                or tokens[j].tag_ == "POS"  # "Belarus's finance ministry"
                or (tokens[j].text == "-" and not tokens[j - 1].whitespace_ and j + 1 < n)  # "vice-president"
            ):
                if j > i and tokens[j].pos_ == "DET":
                    break  # "Vilnius l'opposante": a determiner starts another phrase
                j += 1
                if j + 1 < n and tokens[j - 1].lower_ in _QUANTITY_NOUNS and tokens[j].lower_ in {"of", "de", "d'", "d’"}:
                    j += 1  # "hundreds of workers", "des centaines d'ouvriers": the crowd, not the number
            # "the deputy head of the agency, Mark Olsen," → prefer the name
            k = j
            if k < n and tokens[k].pos_ == "ADP":
                while k < n and k - j < 6 and tokens[k].pos_ in {"ADP", "DET", "ADJ", "NOUN", "PROPN"}:
                    k += 1
            if k < n and tokens[k].text == ",":
                m = k + 1
                while m < n and tokens[m].pos_ == "PROPN":
                    m += 1
                closes = m == n or tokens[m].is_punct  # an apposition ends at a comma or the clause end
                if m > k + 1 and closes and not any(t.pos_ == "PROPN" for t in tokens[i:j]):
                    return k + 1, m
            if j > i and any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in tokens[i:j]):
                return i, j
            return None
        return None
    return None


def _np_before(tokens: Sequence["Token"], end: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase that ends just before ``end`` (subject before a cue)."""
    j = end
    while j > floor and (tokens[j - 1].pos_ in {"ADV", "AUX", "PART"} or tokens[j - 1].lower_ == "-t") and not _is_clitic(tokens[j - 1]):
        j -= 1
    # "Rep. Jason Chaffetz (R-Utah) said": step over a parenthesis.
    if j > floor and tokens[j - 1].text == ")":
        k = j - 1
        while k > floor and j - k < 10 and tokens[k].text != "(":
            k -= 1
        if tokens[k].text == "(":
            inner = _np_before(tokens, k, floor)
            return inner
    if j > floor and _is_clitic(tokens[j - 1]):
        return j - 1, j
    i = j
    while i > floor and _wordlike(tokens[i - 1]) and (
        tokens[i - 1].pos_ in _NP_POS or tokens[i - 1].lower_ in {"for", "of", "de", "du", "des", "d'", "d’"}
    ):
        i -= 1
    while i < j and tokens[i].pos_ == "ADP":
        i += 1
    if j > i and any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in tokens[i:j]):
        return i, j
    return None


def _mention_kind(mention: "Span", clitic: bool) -> str:
    """name, pronoun or descriptor, judged by the head of the mention.

    The head is the last word before any preposition: "a spokeswoman for
    the Swedish Foreign Ministry" is a descriptor, "Foreign Minister Jan
    Novak" a name.
    """
    if len(mention) == 1 and (mention[0].pos_ == "PRON" or clitic):
        return "pronoun"
    core: list["Token"] = []
    for tok in mention:
        if tok.pos_ == "ADP" and core:
            break
        core.append(tok)
    head = core[-1] if core else mention[-1]
    if head.like_num or head.ent_type_ in {"CARDINAL", "QUANTITY"} or head.lower_ in _QUANTITY_NOUNS:
        head = mention[-1]  # "thousands of demonstrators": the crowd, not the number
    if head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "PER", "ORG"}:
        return "name"
    return "descriptor"


def _result(doc: "Doc", np: tuple[int, int], cue: tuple[int, int] | None, rule: str) -> Attribution:
    start, end = np
    # A mention never ends in a function word or a date ("the doctor Friday afternoon that").
    while end - start > 1 and (doc[end - 1].pos_ in {"ADP", "SCONJ", "DET", "CCONJ"} or doc[end - 1].ent_type_ in {"DATE", "TIME"}):
        end -= 1
    mention = doc[start:end]
    clitic = next((t for t in mention if _is_clitic(t)), None)
    if clitic is not None:
        mention = doc[clitic.i : clitic.i + 1]
    else:
        # A name the tagger cut short ("Emmanuel" of "Emmanuel Macron"): take the whole entity.
        # Read from the tokens' IOB tags: Doc.ents is rebuilt on every access.
        end = mention.end
        if doc[end - 1].ent_type_ in {"PERSON", "PER"}:
            while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].text[:1].isupper():
                end += 1
        if end > mention.end:
            mention = doc[mention.start : end]
    kind = _mention_kind(mention, clitic is not None)
    if cue is None:
        return Attribution(mention.text, mention.start_char, mention.end_char, None, None, None, rule, kind)
    cue_span = doc[cue[0] : cue[1]]
    return Attribution(
        mention.text, mention.start_char, mention.end_char,
        cue_span.text, cue_span.start_char, cue_span.end_char, rule, kind,
    )


def attribute(
    doc: "Doc",
    window_before: "Span | None",
    window_after: "Span | None",
    lexicon: CueLexicon,
    prefer_before: bool = False,
) -> Attribution:
    """Attribute a quotation from the text just before and just after it.

    Args:
        doc: the parsed document.
        window_before: from the sentence start to the opening mark.
        window_after: from the closing mark to the sentence end.
        lexicon: cue forms of the document's language.
        prefer_before: look before the quote first (fragments inside a
            sentence hang on the cue that introduces them).
    """
    agent = _agent_after(doc, window_before, window_after, lexicon)
    if agent.found:
        return agent
    if prefer_before:
        found = _before(doc, window_before, lexicon)
        return found if found.found else _after(doc, window_after, lexicon)
    found = _after(doc, window_after, lexicon)
    return found if found.found else _before(doc, window_before, lexicon)


#: Verbs whose object is the addressee, so the noun after them is not an inverted subject.
_ADDRESSEE_VERBS = {"told", "tells", "tell", "telling", "informed", "informs", "assured", "assures", "reminded", "reminds"}
_DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
#: How far after a quotation a cue may stand when an apposition separates it from the speaker.
_MAX_APPOSITION_TOKENS = 30


def _agent_after(doc: "Doc", window_before: "Span | None", window_after: "Span | None", lexicon: CueLexicon) -> Attribution:
    """ "greeted with chants of "Go away!" by workers", "hué aux cris de « Va-t'en ! » par des ouvriers".

    Only when a cue introduces the quotation: in "concerned" by the arrests
    the agent belongs to the adjective, not to any speech.
    """
    if window_after is None or len(window_after) < 2 or window_after[0].lower_ not in {"by", "par"}:
        return Attribution()
    tail = re.sub(r"(?:\s+(?:of|de|d['’]))?[\s\W]*$", "", window_before.text if window_before is not None else "")
    if not any(m.end() == len(tail) for m in lexicon.cue_pattern.finditer(tail, max(0, len(tail) - 40))):
        return Attribution()
    toks = list(window_after)
    np = _np_after(toks, 1)
    if np and np[0] == 1:
        return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), None, "agent-after")
    return Attribution()


def _after(doc: "Doc", window_after: "Span | None", lexicon: CueLexicon) -> Attribution:
    # After the quote: "…," she said / "…", a ajouté l'opposante / "…," added the opponent /
    # "…," Vann Newkirk, a writer for The Atlantic, said / "…" ― Krystal Correa
    if window_after is None or not len(window_after):
        return Attribution()
    toks = list(window_after)
    if toks[0].text in _DASHES:
        np = _np_after(toks, 1)
        if np and any(t.pos_ == "PROPN" for t in toks[np[0] : np[1]]):
            return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), None, "dash-credit")
    limit = min(len(toks), _MAX_APPOSITION_TOKENS)
    for i in range(limit):
        if toks[i].text in {".", "!", "?", ";"} or toks[i].text in _QUOTE_CHARS:
            break
        n = _source_prep(toks, i, lexicon)
        if n and i < _MAX_POST_TOKENS:
            np = _np_after(toks, i + n)
            if np:
                return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), (toks[i].i, toks[i + n - 1].i + 1), "source-after")
        n = _is_cue(toks, i, lexicon)
        if not n:
            continue
        cue = (toks[i].i, toks[i + n - 1].i + 1)
        if i > 0 and toks[i - 1].text in {",", ")"}:
            # "…," Flynn, a top Trump surrogate, said: the speaker opens the window.
            first = _np_after(toks, 0)
            if first and first[0] <= 1 and first[1] <= i:
                return _result(doc, (toks[first[0]].i, toks[first[1] - 1].i + 1), cue, "apposition-cue-after")
        if i >= _MAX_POST_TOKENS:
            break
        clitic = _clitic_near(toks, i, n)
        if clitic:
            return _result(doc, (toks[clitic[0]].i, toks[clitic[1] - 1].i + 1), cue, "inverted-cue-after")
        before = _np_before(toks, i, 0)
        if before and not any(t.text == "," for t in toks[before[0] : i]):
            return _result(doc, (toks[before[0]].i, toks[before[1] - 1].i + 1), cue, "subject-cue-after")
        if toks[i].lower_ not in _ADDRESSEE_VERBS:
            np = _np_after(toks, i + n)
            if np:
                return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), cue, "inverted-cue-after")
        subject = _subject_of(toks[i])
        if subject is not None and toks[0].i <= subject.i <= toks[-1].i:
            return _result(doc, _np_from(doc, subject), cue, "subject-cue-after")
        break
    return Attribution()


_FOR_WORDS = {"for", "pour"}
#: Subjects that cannot be a speaker ("it underscores that …"); English only, as French "il" is "he".
_NON_PERSON_SUBJECTS = {"it", "this", "that", "which"}
_QUANTITY_NOUNS = {"thousands", "hundreds", "dozens", "millions", "scores", "tens", "milliers", "centaines", "dizaines"}


def _for_phrase(doc: "Doc", toks: Sequence["Token"]) -> Attribution:
    """ "For analyst Pierre Dumas, "…"" / "Pour l'analyste Pierre Dumas, « … »": opinion attributed by a fronted phrase."""
    start = 1 if toks and toks[0].is_punct else 0
    if len(toks) < start + 3 or toks[start].lower_ not in _FOR_WORDS:
        return Attribution()
    comma = next((k for k in range(start + 1, min(len(toks), start + 12)) if toks[k].text == ","), None)
    if comma is None or any(not t.is_punct and not t.is_space for t in toks[comma + 1 :]):
        return Attribution()  # "Pour l'anniversaire du scrutin, X a écrit : …" is no source phrase
    np = _np_after(toks, start + 1)
    if np is None or np[1] > comma or not any(t.pos_ in {"PROPN", "NOUN"} for t in toks[np[0] : np[1]]):
        return Attribution()
    # Prefer the name inside "analyst Pierre Dumas".
    names = [k for k in range(np[0], np[1]) if toks[k].pos_ == "PROPN"]
    if names:
        np = (names[0], names[-1] + 1)
    return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), (toks[start].i, toks[start].i + 1), "for-phrase")


def _apposed_name(toks: Sequence["Token"], i: int) -> tuple[int, int] | None:
    """The named subject of a finite cue at ``toks[i]`` separated from it by an apposition.

    "Olga Semionova, une infirmière de 29 ans, raconte" names the person
    before the apposition; "Son avocat, Igor Stepanenko, a déclaré" names
    the person inside it. Participles ("…, chanting") are left to the parser.
    """
    morph = str(toks[i].morph)
    if toks[i].tag_ in {"VBG", "VBN"} or "VerbForm=Ger" in morph or (
        "VerbForm=Part" in morph and not (i > 0 and toks[i - 1].pos_ == "AUX")
    ):
        return None
    end = i - 1
    while end > 0 and toks[end].pos_ in {"AUX", "ADV", "PART"}:
        end -= 1
    if end < 0 or toks[end].text != ",":
        return None
    opening = next((k for k in range(end - 1, max(-1, end - 13), -1) if toks[k].text == ","), None)
    if opening is None:
        return None
    inner = toks[opening + 1 : end]
    if not inner or any(t.pos_ in {"VERB", "AUX"} for t in inner):
        return None  # a clause, not an apposition
    if all(t.pos_ == "PROPN" or (t.is_alpha and t.text[:1].isupper()) for t in inner):
        return opening + 1, end
    named = _np_before(toks, opening, 0)
    if named and any(t.pos_ == "PROPN" for t in toks[named[0] : named[1]]):
        return named
    return None


def _before(doc: "Doc", window_before: "Span | None", lexicon: CueLexicon) -> Attribution:
    # Before the quote: Putin said he was "convinced" / X wrote on Telegram: "…" / selon X, "…"
    if window_before is None or not len(window_before):
        return Attribution()
    toks = list(window_before)
    found = _for_phrase(doc, toks)
    if found.found:
        return found
    # "Selon le diplomate, Paris plaide …": a fronted source governs the sentence.
    first = 1 if toks and toks[0].is_punct else 0
    n = _source_prep(toks, first, lexicon) if len(toks) > first else 0
    if n:
        np = _np_after(toks, first + n)
        if np:
            return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), (toks[first].i, toks[first + n - 1].i + 1), "source-before")
    for i in range(len(toks) - 1, -1, -1):
        n = _source_prep(toks, i, lexicon)
        if n:
            np = _np_after(toks, i + n)
            if np:
                return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), (toks[i].i, toks[i + n - 1].i + 1), "source-before")
        n = _is_cue(toks, i, lexicon)
        if not n:
            continue
        cue = (toks[i].i, toks[i + n - 1].i + 1)
        clitic = _clitic_near(toks, i, n)
        if clitic:
            return _result(doc, (toks[clitic[0]].i, toks[clitic[1] - 1].i + 1), cue, "inverted-cue-before")
        named = _apposed_name(toks, i)
        if named:
            return _result(doc, (toks[named[0]].i, toks[named[1] - 1].i + 1), cue, "apposition-cue-before")
        # A name right before the cue beats whatever the parser made the subject.
        adjacent = _np_before(toks, i, 0)
        if adjacent and any(t.pos_ == "PROPN" for t in toks[adjacent[0] : adjacent[1]]) and not any(
            t.text == "," for t in toks[adjacent[0] : i]
        ):
            return _result(doc, (toks[adjacent[0]].i, toks[adjacent[1] - 1].i + 1), cue, "subject-cue-before")
        head = next((t for t in toks[i : i + n] if t.pos_ in {"VERB", "NOUN"}), toks[i])
        subject = _subject_of(head)
        if subject is not None and subject.lower_ in _NON_PERSON_SUBJECTS:
            continue  # "She says it underscores that …": the speaker is further left
        if subject is not None and toks[0].i <= subject.i < toks[i].i and _wordlike(subject):
            return _result(doc, _np_from(doc, subject), cue, "subject-cue-before")
        if adjacent:
            return _result(doc, (toks[adjacent[0]].i, toks[adjacent[1] - 1].i + 1), cue, "subject-cue-before")
        np = _np_after(toks, i + n)
        if np:
            return _result(doc, (toks[np[0]].i, toks[np[1] - 1].i + 1), cue, "inverted-cue-before")
    return Attribution()


def attribute_from_previous(doc: "Doc", sentence: "Span | None", lexicon: CueLexicon) -> Attribution:
    """The speaker named in the sentence before a quotation with no cue of its own.

    "The New York Times reports:" and "Sanders identified young voters'
    exhaustion as one reason." introduce the quotation that follows; the
    cue's subject, or else the main clause's named subject, is the speaker.
    """
    if sentence is None or not len(sentence):
        return Attribution()
    found = _before(doc, sentence, lexicon)
    if found.found:
        return Attribution(found.mention, found.mention_start, found.mention_end, found.cue, found.cue_start,
                           found.cue_end, "previous-sentence", found.mention_kind)
    root = next((t for t in sentence if t.dep_ == "ROOT"), None)
    subject = _subject_of(root) if root is not None else None
    if subject is not None and subject.pos_ in {"PROPN", "PRON"} and sentence.start <= subject.i < sentence.end:
        result = _result(doc, _np_from(doc, subject), None, "previous-sentence-subject")
        if result.mention_kind in {"name", "pronoun"}:
            return result
    return Attribution()
