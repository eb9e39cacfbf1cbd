"""Speaker mentions: where the noun phrase naming a speaker starts and ends.

The parser's arcs are used where they hold (the subject of a cue before a
quotation); left-to-right part-of-speech patterns where quotations confuse
it (inverted subjects after a quote, appositions). A mention is then
classed by its head: a name, a pronoun or a descriptor ("the opponent", "a
spokeswoman for the ministry"), which decides how identity resolves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .cue_words import PERSON_LABELS, QUOTE_CHARS, is_clitic, wordlike
from .role_nouns import non_agent_type

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Mention", "NOUN_SUBJECT_DEPS", "make_mention", "np_from", "np_after", "np_before", "apposed_name", "subject_of", "QUANTITY_NOUNS"]

_NP_POS = {"PROPN", "NOUN", "PRON", "ADJ", "DET", "NUM"}
QUANTITY_NOUNS = {"thousands", "hundreds", "dozens", "millions", "scores", "tens", "milliers", "centaines", "dizaines"}
#: Arcs from a verb to a noun-phrase subject, in the English and French label sets.
NOUN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_SUBJECT_DEPS = NOUN_SUBJECT_DEPS | {"csubj", "expl:subj"}
_CLIMB_DEPS = {"advcl", "xcomp", "conj", "acl", "appos", "obl", "obl:mod", "obl:arg", "nmod", "case", "advmod", "prep", "pobj", "pcomp"}
_OF = {"of", "de", "du", "des", "d'", "d’"}


@dataclass(frozen=True)
class Mention:
    """A noun phrase that may name a speaker, as token indices into the document."""

    start: int
    end: int
    kind: str  # name | pronoun | descriptor
    text: str
    start_char: int
    end_char: int


def np_from(doc: "Doc", head: "Token") -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head``.

    A name keeps its compound/flat parts; a common noun keeps its
    determiner, adjectives and compounds, but not relative clauses.
    """
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    if head.pos_ == "PROPN":
        # A name is the run of proper nouns around its head, whatever arcs the parser drew.
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
        elif (child.i == right or child.dep_ == "nmod") and (child.lower_ in _OF or child.dep_ == "nmod") and (
            head.like_num or head.ent_type_ in {"CARDINAL", "QUANTITY"} or head.lower_ in QUANTITY_NOUNS
        ):
            right = max(right, child.right_edge.i + 1)  # "thousands of demonstrators"
    while right - 1 > left and doc[right - 1].tag_ == "POS":
        right -= 1
    return left, right


def subject_of(cue: "Token") -> "Token | None":
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


def np_after(tokens: Sequence["Token"], start: int) -> tuple[int, int] | None:
    """The first noun phrase in ``tokens[start:]`` (an inverted subject), skipping dates and prepositional objects."""
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
                tokens[j].pos_ == kind or (kind == "NOUN" and tokens[j].pos_ == "ADJ") or (kind == "PROPN" and tokens[j].like_num)
            ):
                if tokens[j].ent_type_ in PERSON_LABELS and tokens[j - 1].ent_type_ not in PERSON_LABELS:
                    break  # "sur Europe 1 Svetlana Tikhanovskaïa": the object ends where a person's name starts
                j += 1
            i = j
            continue
        if tok.text in {".", "!", "?", ";", ":"} or tok.text in QUOTE_CHARS:
            return None
        if is_clitic(tok):
            return i, i + 1
        if tok.lower_ == "-t":
            i += 1
            continue
        if tok.ent_type_ in {"DATE", "TIME"} or tok.pos_ in {"ADP", "ADV", "PUNCT", "AUX", "SCONJ", "CCONJ", "PART"} or (
            non_agent_type(tok.text, tok.doc.lang_) == "time"
        ):
            i += 1  # "a réagi jeudi Svetlana …": a day the tagger calls a noun is no subject
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
                (tokens[j].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} and wordlike(tokens[j]))
                or tokens[j].tag_ == "POS"  # "Belarus's finance ministry"
                or (tokens[j].text == "-" and not tokens[j - 1].whitespace_ and j + 1 < n)  # "vice-president"
            ):
                if j > i and tokens[j].pos_ == "DET":
                    break  # "Vilnius l'opposante": a determiner starts another phrase
                j += 1
                if j + 1 < n and tokens[j - 1].lower_ in QUANTITY_NOUNS and tokens[j].lower_ in _OF:
                    j += 1  # "hundreds of workers", "des centaines d'ouvriers": the crowd, not the number
            # "Deputy Secretary of State Stephen Biegun", "la présidente de la Commission européenne Ursula
            # von der Leyen": a title or descriptor, its complement, then the name; identity keeps the name.
            if j < n and tokens[j].lower_ in _OF and j > i:
                m = j + 1
                while m < n and m - j <= 12 and not tokens[m].is_punct and tokens[m].pos_ not in {"VERB", "AUX", "CCONJ"}:
                    m += 1
                named = [t for t in tokens[j + 1 : m] if t.ent_type_ in PERSON_LABELS]
                if named and named[-1].i == tokens[m - 1].i:
                    return i, m
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


def np_before(tokens: Sequence["Token"], end: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase that ends just before ``end`` (a subject before its cue)."""
    j = end
    while j > floor and (tokens[j - 1].pos_ in {"ADV", "AUX", "PART"} or tokens[j - 1].lower_ == "-t") and not is_clitic(tokens[j - 1]):
        j -= 1
    # "Rep. Jason Chaffetz (R-Utah) said": step over a parenthesis.
    if j > floor and tokens[j - 1].text == ")":
        k = j - 1
        while k > floor and j - k < 10 and tokens[k].text != "(":
            k -= 1
        if tokens[k].text == "(":
            return np_before(tokens, k, floor)
    if j > floor and is_clitic(tokens[j - 1]):
        return j - 1, j
    i = j
    while i > floor and wordlike(tokens[i - 1]) and (
        tokens[i - 1].pos_ in _NP_POS or tokens[i - 1].lower_ in _OF | {"for"}
    ):
        i -= 1
    while i < j and tokens[i].pos_ == "ADP":
        i += 1
    if j > i and any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in tokens[i:j]):
        return i, j
    return None


def apposed_name(tokens: Sequence["Token"], i: int) -> tuple[int, int] | None:
    """The named subject of a finite cue at ``tokens[i]`` separated from it by an apposition.

    "Olga Semionova, une infirmière de 29 ans, raconte" names the person
    before the apposition; "Son avocat, Igor Stepanenko, a déclaré" names
    the person inside it. Participles ("…, chanting") are left to the parser.
    """
    morph = str(tokens[i].morph)
    if tokens[i].tag_ in {"VBG", "VBN"} or "VerbForm=Ger" in morph or (
        "VerbForm=Part" in morph and not (i > 0 and tokens[i - 1].pos_ == "AUX")
    ):
        return None
    end = i - 1
    while end > 0 and tokens[end].pos_ in {"AUX", "ADV", "PART"}:
        end -= 1
    if end < 0 or tokens[end].text != ",":
        return None
    opening = next((k for k in range(end - 1, max(-1, end - 13), -1) if tokens[k].text == ","), None)
    if opening is None:
        return None
    inner = tokens[opening + 1 : end]
    if not inner or any(t.pos_ in {"VERB", "AUX"} for t in inner):
        return None  # a clause, not an apposition
    if all(t.pos_ == "PROPN" or (t.is_alpha and t.text[:1].isupper()) for t in inner):
        return opening + 1, end
    k = end
    while k > opening + 1 and tokens[k - 1].pos_ == "PROPN":
        k -= 1
    if k < end and k > opening + 1 and all(t.is_lower or t.pos_ in {"DET", "NOUN", "ADJ"} for t in tokens[opening + 1 : k]):
        return k, end  # "Her neighbour, pani Teresa, adds": the name closing the apposition
    named = np_before(tokens, opening, 0)
    if named and any(t.pos_ == "PROPN" for t in tokens[named[0] : named[1]]):
        return named
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
    if head.like_num or head.ent_type_ in {"CARDINAL", "QUANTITY"} or head.lower_ in QUANTITY_NOUNS:
        head = mention[-1]  # "thousands of demonstrators": the crowd, not the number
    if head.pos_ == "PROPN" or head.ent_type_ in PERSON_LABELS | {"ORG"}:
        return "name"
    if len(core) > 1 and not head.is_sent_start and all(t.is_title for t in core) and not head.ent_type_:
        return "name"  # "Marine Le Pen" tagged as common nouns: a run of capitals inside a sentence names someone
    return "descriptor"


def make_mention(doc: "Doc", start: int, end: int) -> Mention:
    """The mention over tokens ``start:end``, trimmed and completed.

    A mention never ends in a function word, an elided pronoun or a date
    ("the doctor Friday afternoon that", "le chef de l'Etat s'"); a clitic stands alone; a name the tagger cut short
    ("Emmanuel" of "Emmanuel Macron") takes its whole entity, read from the
    tokens' IOB tags because ``Doc.ents`` is rebuilt on every access.
    """
    while end - start > 1 and (
        doc[end - 1].pos_ in {"ADP", "SCONJ", "DET", "CCONJ"}
        or doc[end - 1].ent_type_ in {"DATE", "TIME"}
        or (doc[end - 1].text[-1:] in {"'", "’"} and len(doc[end - 1].text) <= 3)  # "le chef de l'Etat s'est dit"
    ):
        end -= 1
    span = doc[start:end]
    clitic = next((t for t in span if is_clitic(t)), None)
    if clitic is not None:
        span = doc[clitic.i : clitic.i + 1]
    elif doc[end - 1].ent_type_ in PERSON_LABELS:
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].text[:1].isupper():
            end += 1
        span = doc[start:end]
    return Mention(span.start, span.end, _mention_kind(span, clitic is not None), span.text, span.start_char, span.end_char)
