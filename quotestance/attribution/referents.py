"""Who a speaker mention can refer to: the typed referents of "she", "the company", "Putin".

A mention is resolved against the document's entities into a short list of
:class:`Referent` options, each typed (person, organisation, group of
people, anonymous source) and described by how it was reached, how recent
it is and whether gender and role agree. The first option is the reading
the rules take; the ranker may prefer another. Non-agents never refer to a
speaker: a communication noun passes to its author ("a statement from the
Kremlin" → the Kremlin), a date, an event or a place to nobody.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..names import name_tokens
from .identity import (
    DEFINITE,
    INDEFINITE,
    Entity,
    EntityMemory,
    clean_name,
    content_words,
    is_given_name,
    looks_like_name,
    strip_possessive,
)
from .cue_words import PERSON_LABELS
from .issuers import earlier_issuer
from .mentions import Mention, make_mention, np_from
from .role_nouns import Role, anaphor, interview_turn, non_agent_type, pronoun_type

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Referent", "names_document", "resolve", "resolve_label", "REFERENT_KINDS"]

REFERENT_KINDS = ("person", "organisation", "group", "anonymous")
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_AUTHOR_PREPS = {"from", "of", "by", "de", "du", "des", "d'", "d’"}
_QUANTIFIERS = re.compile(
    r"^(?:(?:nearly|almost|about|around|some|over|more\s+than|at\s+least|près\s+de|environ|plus\s+de|quelque|"
    r"(?:des\s+)?(?:dizaines|centaines|milliers)\s+d(?:e|['’](?=\w))|thousands\s+of|hundreds\s+of|dozens\s+of|"
    r"tens\s+of\s+thousands\s+of)\s*)*"
    r"(?:[\d][\d.,\s\u00a0\u202f]*\s+)?",
    re.IGNORECASE,
)
#: How many earlier entities a pronoun or descriptor may point to.
MAX_OPTIONS = 6
#: How many of the people last named an unexplained epithet ("the billionaire") is offered as.
MAX_EPITHETS = 3
_AGE = re.compile(r"^\d+-year-old$")


@dataclass(frozen=True)
class Referent:
    """One reading of a mention: the speaker it names and how it was reached.

    ``order`` is 0 for the reading the rules take. ``recency`` ranks the
    entity among those that fit (0 = mentioned last); ``agreement`` is 1
    when the mention's gender agrees with the entity's, -1 when it clashes,
    0 when unknown; ``role_match`` is 1 when the article described the
    entity with the descriptor's role; ``overlap`` is the share of the
    descriptor's words found in the entity's descriptions.
    """

    name: str
    kind: str
    how: str
    entity: Entity | None = None
    order: int = 0
    recency: int = 0
    agreement: int = 0
    role_match: int = 0
    overlap: float = 0.0
    #: For an indefinite source ("a senior diplomat"): the role later definite mentions ("the diplomat") recall.
    anonymous_role: str = ""
    #: Tokens naming a person or body not yet in memory, recorded there only if this reading is chosen.
    introduce: tuple[int, int] | None = None
    #: For a descriptor: 1 definite ("the official"), -1 indefinite ("an official"), 0 otherwise; the role kind it names.
    definite: int = 0
    role_kind: str = ""


def resolve(
    memory: EntityMemory, mention: Mention, position: int, depth: int = 0, speaking: bool = True
) -> list[Referent] | None:
    """The readings of ``mention`` for a quotation at character ``position``, the rules' reading first.

    ``None`` when the mention names no speaker at all (a date, a meeting, a
    place, a statement whose author it does not give): the rules then look
    further. An empty list is a speaker mention that resolves to nobody
    known ("they", "some of them"). ``speaking`` says that a cue makes the
    mention a speaker: only then does a place speak for its government
    ("Moscow said"); a place merely named nearby is nobody.
    """
    doc = memory.doc
    if memory.inside_quote(mention.start_char):
        return None  # words between quote marks (another quotation, a scare quote) are nobody's attribution
    span = doc[mention.start : mention.end]
    at = min(mention.start_char, position)
    if mention.kind == "pronoun":  # (a capitalised role noun alone, "Invitée", is read as a descriptor below)
        positional = anaphor(mention.text, memory.lang)
        if positional is not None and positional[0] == 0:
            antecedent = _antecedent(span[0]) if depth == 0 else None
            readings = resolve(memory, antecedent, position, depth + 1) if antecedent is not None else None
            return None if readings is None else [dataclasses.replace(r, how=f"relative-{r.how}") for r in readings]
        return _pronoun(memory, mention.text, at, memory.lang)
    if not any(sum(ch.isalpha() for ch in t.text) >= 2 for t in span):
        return None  # "l'" of "comme l'a rapporté", a stray initial: no word, nobody
    head = _head(span)
    kind = non_agent_type(head.text, memory.lang) if head is not None and head.pos_ != "PROPN" else None
    if kind == "communication" and depth == 0:
        author = _author(span, head) if head is not None else None
        if author is None and head is not None:  # "the letter says": the author given where it was first named
            author = earlier_issuer(doc, head, lambda noun: _author(span, noun), memory.inside_quote)
        readings = resolve(memory, author, position, depth + 1) if author is not None else None
        return None if readings is None else [dataclasses.replace(r, how=f"author-of-{r.how}") for r in readings]
    if kind is not None or (head is not None and head.ent_type_ in {"DATE", "TIME"}):
        return None  # "Wednesday", "the meeting": nobody speaks
    if mention.kind == "name" and not _only_role_words(memory, span) and not _role_of_a_named_body(memory, span):
        return _name(memory, span, mention.text, mention.start_char, speaking or depth > 0)
    readings = _descriptor(memory, mention.text, at, (mention.start, mention.end))
    apposed = _apposed_entity(memory, span)
    if apposed is not None:
        # "Son avocate, Volha Stepanenko, a déclaré": the name right after the descriptor.
        first = Referent(apposed.name, apposed.kind, "apposed-name", apposed)
        return [first] + [dataclasses.replace(r, order=r.order + 1) for r in readings if r.entity is not apposed]
    return readings


def names_document(memory: EntityMemory, mention: Mention) -> bool:
    """Is ``mention`` a statement, letter or report ("the ad says") rather than somebody?

    Such a mention is the source the text gives for a quotation even when
    its author must be looked for elsewhere.
    """
    if mention.kind == "pronoun":
        return False
    head = _head(memory.doc[mention.start : mention.end])
    return head is not None and head.pos_ != "PROPN" and non_agent_type(head.text, memory.lang) == "communication"


def _only_role_words(memory: EntityMemory, span: "Span") -> bool:
    """ "Invitée", "the President", "Prime Minister": capitalised role nouns, a descriptor rather than a name."""
    words = [t.text for t in span if t.lower_ not in DEFINITE and t.is_alpha]
    return bool(words) and memory.role_lexicon.find(words) is not None and all(
        memory.role_lexicon.get(w) is not None or w.lower() in {"prime", "foreign", "deputy", "vice", "premier"} for w in words
    )


def _role_of_a_named_body(memory: EntityMemory, span: "Span") -> bool:
    """ "le président de la République", "the head of Belaruskali": a person's role whose only names are in its complement.

    The capitalised words name the body the role belongs to, not the
    speaker: the mention is a descriptor of a person.
    """
    words = [t for t in span if t.lower_ not in DEFINITE and not t.is_punct]
    if len(words) < 3 or not words[0].is_lower:
        return False
    role = memory.role_lexicon.get(words[0].text)
    first_name = next((k for k, t in enumerate(words) if t.pos_ == "PROPN" or t.text[:1].isupper()), None)
    return (
        role is not None and role.kind == "person" and first_name is not None
        and any(t.pos_ == "ADP" for t in words[1:first_name])
    )


def _apposed_entity(memory: EntityMemory, span: "Span") -> Entity | None:
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        return memory.entity_at(doc[span.end + 1].idx)
    return None


def _head(span: "Span") -> "Token | None":
    """The syntactic head of a mention, else its last noun."""
    heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    if heads:
        return heads[0]
    nouns = [t for t in span if t.pos_ in {"NOUN", "PROPN"}]
    return nouns[-1] if nouns else None


def _antecedent(pronoun: "Token") -> Mention | None:
    """What a relative pronoun stands for: "Anna Roy, who said …" → Anna Roy."""
    clause = pronoun.head
    if clause.dep_ in {"relcl", "acl:relcl", "acl"} and clause.head.pos_ in {"PROPN", "NOUN"}:
        return make_mention(pronoun.doc, *np_from(pronoun.doc, clause.head))
    return None


def _author(span: "Span", head: "Token") -> Mention | None:
    """Who issued a statement, tweet or communiqué: its possessor, compound or "from/de" complement."""
    doc = span.doc
    for child in head.children:
        if child.dep_ in {"poss", "nmod:poss", "compound"} and child.pos_ in {"PROPN", "NOUN"} and child.i < head.i:
            return make_mention(doc, *np_from(doc, child))
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return make_mention(doc, *np_from(doc, obj))
        if child.dep_ in {"nmod", "obl"} and any(c.dep_ == "case" and c.lower_ in _AUTHOR_PREPS for c in child.children):
            return make_mention(doc, *np_from(doc, child))
    return None


def _pronoun(memory: EntityMemory, text: str, at: int, lang: str) -> list[Referent]:
    kind = pronoun_type(text, lang)
    if kind == "plural":
        # "they said" after a body: offered to the ranker, never the rules' reading.
        bodies = memory.recent(at, "organisation")[:2]
        return [Referent(e.name, "organisation", "plural-pronoun", e, order=1 + k, recency=k) for k, e in enumerate(bodies)]
    if kind is None:
        return []  # "some of them", "certains": nobody in particular
    gender = kind if kind in {"m", "f"} else None
    people = memory.recent(at, "person")
    fitting = [p for p in people if p.compatible(gender)][:MAX_OPTIONS]
    clashing = [p for p in people if not p.compatible(gender)][:1]
    out = [
        Referent(p.name, "person", "pronoun", p, order=k, recency=k, agreement=1 if gender and p.gender == gender else 0)
        for k, p in enumerate(fitting)
    ]
    out += [Referent(p.name, "person", "pronoun", p, order=len(out) + k, recency=people.index(p), agreement=-1) for k, p in enumerate(clashing)]
    unnamed = _unnamed_antecedent(memory, at, gender)
    if unnamed is not None:
        out.append(dataclasses.replace(unnamed, order=len(out)))
    return out


def _unnamed_antecedent(memory: EntityMemory, at: int, gender: str | None) -> Referent | None:
    """A person the article brought in without a name just before the pronoun: "An elderly woman came up to us; she said …".

    Witnesses, neighbours and soldiers who give no name are introduced by
    an indefinite noun phrase and then continued by "he" or "elle". The
    nearest such phrase in the pronoun's sentence or the one before, whose
    noun is a person's role of a gender that fits, is offered; the ranker
    weighs it against the named people.
    """
    doc = memory.doc
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return None
    pronoun = span[0]
    start, before = pronoun.sent.start, 0
    while start > 0 and not before:  # back to the sentence before, past a lone mark the parser split off
        sentence = doc[start - 1].sent
        start = sentence.start
        before = any(t.is_alpha and not memory.inside_quote(t.idx) for t in sentence)
    for i in range(pronoun.i - 1, start - 1, -1):
        article = doc[i]
        if article.lower_ not in INDEFINITE or article.pos_ != "DET" or memory.inside_quote(article.idx):
            continue
        # The noun within a few words of the article ("an elderly neighbour"); not through the
        # article's head, which small parsers often hang on an adjective ("une voisine âgée").
        noun, role = None, None
        for tok in doc[i + 1 : min(i + 4, pronoun.i)]:
            if tok.is_punct:
                break
            role = memory.role_lexicon.get(tok.text)
            if role is not None:
                noun = tok
                break
        if noun is None or role is None or role.kind != "person":
            continue
        if gender and role.gender in {"m", "f"} and role.gender != gender:
            continue
        end = noun.i + 1
        while end < len(doc) and doc[end].pos_ == "ADJ":
            end += 1  # "une dame âgée", "un militaire lituanien"
        return Referent(
            _clean_descriptor(doc[i:end].text, role), "anonymous", "pronoun-unnamed",
            agreement=1 if gender and role.gender == gender else 0, anonymous_role=role.key, definite=-1, role_kind=role.kind,
        )
    return None


def _is_organisation(memory: EntityMemory, span: "Span") -> bool:
    """A named body rather than a person: an article before it, lower-case words inside, or an ORG label.

    The label alone is not trusted where the name is a person's already
    introduced or opens with a given name: small models tag many surnames ORG.
    """
    if any(t.ent_type_ in PERSON_LABELS for t in span):
        return False
    first = span[0].lower_
    if first in DEFINITE or first.startswith(("l'", "l’")) or any(
        t.is_alpha and t.is_lower and t.pos_ != "DET" and t.i > span.start for t in span
    ):
        return True
    return all(t.ent_type_ == "ORG" for t in span if t.is_alpha) and not is_given_name(span[0].text) and memory.match_person(span.text) is None


def _named_as_body(memory: EntityMemory, span: "Span") -> bool:
    """ "the carrier Ryanair", "la compagnie Belavia": a name right after a noun naming a kind of body."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    role = memory.role_lexicon.get(before.text) if before is not None and before.is_lower else None
    return role is not None and role.kind == "organisation"


def _is_place(memory: EntityMemory, span: "Span") -> bool:
    """A city or a country named where a speaker would stand ("in Kyiv"), not a person the tagger took for one."""
    names = [t for t in span if t.pos_ == "PROPN"]
    return (
        bool(names)
        and all(t.ent_type_ in _PLACE_LABELS for t in names)
        and not is_given_name(names[0].text)
        and memory.match_person(span.text) is None
    )


def _name(memory: EntityMemory, span: "Span", text: str, start: int, speaking: bool = True) -> list[Referent] | None:
    """A name: a body ("the Kremlin", "la Commission électorale centrale") or a person, known or new.

    Nothing is added to the memory here: a candidate that is not chosen
    must not become a person the article introduced.
    """
    doc = memory.doc
    if _is_organisation(memory, span) or _named_as_body(memory, span):
        org = memory.match_organisation(clean_name(text))
        if org is not None:
            return [Referent(org.name, "organisation", "organisation", org)]
        return [Referent(clean_name(text), "organisation", "organisation", introduce=(span.start, span.end))]
    if _is_place(memory, span):
        # "Moscow said", "un communiqué de l'Elysée": a place that speaks is its government or its seat.
        return [Referent(clean_name(text), "organisation", "place", introduce=(span.start, span.end))] if speaking else None
    propn = [
        t for t in span
        if t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha and (t.i > span.start or t.lower_ not in DEFINITE | INDEFINITE))
    ]
    name_span = memory.strip_roles(doc[propn[0].i : propn[-1].i + 1] if propn else span)
    person = memory.mention_person(name_span.text, start)
    if person is not None:
        joined = len(name_tokens(person.name)) > len(name_tokens(strip_possessive(name_span.text)))
        return [Referent(person.name, "person", "surname-join" if joined else "name", person)]
    org = memory.match_organisation(clean_name(text))
    if org is not None:
        return [Referent(org.name, "organisation", "organisation", org)]
    name = strip_possessive(name_span.text)
    if looks_like_name(name):
        return [Referent(name, "person", "name", introduce=(name_span.start, name_span.end))]
    if sum(ch.isalpha() for ch in clean_name(text)) < 3:
        return None  # "I", "Q", "UN'": too little to name anyone
    return [Referent(clean_name(text), "organisation", "organisation", introduce=(span.start, span.end))]


def _clean_descriptor(text: str, role: Role | None) -> str:
    if role is not None and role.kind == "group" and role.canonical:
        return role.canonical
    words = text.split()
    while words and words[0].lower() in DEFINITE | INDEFINITE:
        words = words[1:]
    cleaned = _QUANTIFIERS.sub("", " ".join(words))
    cleaned = re.sub(r"^(?:l['’]|d['’])", "", cleaned)
    return cleaned.strip() or text.strip()


def _descriptor(memory: EntityMemory, text: str, at: int, span_tokens: tuple[int, int] | None = None) -> list[Referent]:
    """The readings of a descriptor, each marked with its definiteness and the kind of role it names."""
    words = [w for w in re.split(r"\s+", text) if w]
    first = words[0].lower() if words else ""
    definite = 1 if first in DEFINITE or first.startswith(("l'", "l’")) else -1 if first in INDEFINITE else 0
    core = [_AGE.sub("n-year-old", re.sub(r"^(?:l['’]|d['’])", "", w)) for w in words if w.lower() not in DEFINITE | INDEFINITE]
    role = memory.role_lexicon.find(core)
    readings = _descriptor_readings(memory, text, at, span_tokens, definite == 1, core, role)
    return [dataclasses.replace(r, definite=definite, role_kind=role.kind if role else "") for r in readings]


def _descriptor_readings(
    memory: EntityMemory, text: str, at: int, span_tokens: tuple[int, int] | None, definite: bool, core: list[str], role: Role | None
) -> list[Referent]:
    """ "the opponent", "l'opposante", "la compagnie", "the former", "police", "a senior official"."""
    positional = anaphor(text, memory.lang)
    if positional is not None:
        position, gender = positional
        people = [p for p in memory.recent(at, "person") if p.compatible(gender if gender in {"m", "f"} else None)]
        if len(people) >= position:
            ordered = [people[position - 1]] + [p for p in people[:2] if p is not people[position - 1]]
            return [Referent(p.name, "person", "former-latter", p, order=k, recency=people.index(p)) for k, p in enumerate(ordered)]
    described = content_words(core)
    cleaned = _clean_descriptor(text, role)
    as_is_kind = "group" if role is not None and role.kind == "group" else "anonymous"
    if role is not None and role.kind == "organisation":
        # "the ministry" is the ministry named before; "the interior ministry", never named, is a new body.
        options = _described(memory, "organisation", role, described, at, None, strict=True) if definite else []
        return _or_as_is(options, Referent(cleaned, "organisation", "descriptor-as-is", introduce=span_tokens))
    if role is not None and role.kind == "person" and definite:
        role_gender = role.gender if role.gender in {"m", "f"} else None
        anonymous = memory.anonymous.get(role.key)
        options = _described(memory, "person", role, described, at, role_gender, strict=anonymous is not None)
        if anonymous is not None:
            options = _or_as_is(options, Referent(anonymous, "anonymous", "descriptor-anonymous"))
        return _or_as_is(options, Referent(cleaned, "anonymous", "descriptor-as-is"))
    if role is None and definite and described:
        # "estime le soudeur": no known role, but the article may have described someone so;
        # failing that, "the billionaire" may be an epithet for someone the article named.
        options = _described_by_words(memory, described, at) or _epithet_options(memory, at)
        return _or_as_is(options, Referent(cleaned, "anonymous", "descriptor-as-is"))
    anonymous_role = role.key if role is not None and role.kind == "person" and not definite else ""
    return [Referent(cleaned, as_is_kind, "descriptor-as-is", anonymous_role=anonymous_role)]


def _epithet_options(memory: EntityMemory, at: int) -> list[Referent]:
    """The people last named, offered for a definite descriptor the article never gave anyone ("the billionaire").

    Writers vary how they name a person ("Musk … the billionaire", "Loukachenko
    … le maître de Minsk") from what every reader knows, not from what the
    article said; the ranker weighs these against the descriptor itself,
    which stays the rules' reading.
    """
    people = memory.recent(at, "person")[:MAX_EPITHETS]
    return [Referent(p.name, "person", "epithet", p, order=1 + k, recency=k) for k, p in enumerate(people)]


def _described_by_words(memory: EntityMemory, described: set[str], at: int) -> list[Referent]:
    """Earlier people and bodies whose descriptions share the descriptor's words, the best match first."""
    found = []
    for kind in ("person", "organisation"):
        for k, e in enumerate(memory.recent(at, kind)):
            overlap = len(described & e.words) / len(described)
            if overlap:
                found.append((-overlap, k, e))
    found.sort(key=lambda x: (x[0], x[1]))
    return [
        Referent(e.name, e.kind, "descriptor-words", e, order=n, recency=k, overlap=round(-neg, 3))
        for n, (neg, k, e) in enumerate(found[:MAX_OPTIONS])
    ]


def _or_as_is(options: list[Referent], fallback: Referent) -> list[Referent]:
    """``options`` with ``fallback`` added: the rules' reading when no option is, else the last resort."""
    has_choice = any(r.order == 0 for r in options)
    order = max((r.order for r in options), default=0) + 1 if has_choice else 0
    return sorted(options + [dataclasses.replace(fallback, order=order)], key=lambda r: r.order)


def _described(
    memory: EntityMemory, kind: str, role: Role, described: set[str], at: int, gender: str | None, strict: bool = False
) -> list[Referent]:
    """Earlier entities a definite descriptor may mean, the rules' reading first.

    The rules take the entity the article described with that role; else
    (unless ``strict``) the one just introduced in this paragraph, else the
    last one quoted, else the last one named.
    """
    ordered = [e for e in memory.recent(at, kind) if e.compatible(gender)]
    if not ordered:
        return []

    def referent(e: Entity, order: int) -> Referent:
        overlap = len(described & e.words) / len(described) if described else 0.0
        agreement = 1 if gender and e.gender == gender else 0
        return Referent(e.name, kind, "descriptor", e, order, ordered.index(e), agreement, int(role.key in e.roles), round(overlap, 3))

    choice: Entity | None = next((e for e in ordered if role.key in e.roles), None)
    if choice is None and not strict:
        paragraph = memory.paragraph_start(at)
        if memory.last_mention_before(ordered[0], at) >= paragraph:
            choice = ordered[0]
        else:
            choice = next((e for e in ordered if e.quoted), ordered[0])
    options = [choice] if choice is not None else []
    options += [e for e in ordered[:MAX_OPTIONS] if e is not choice]
    first = 0 if choice is not None else 1
    return [referent(e, k + first) for k, e in enumerate(options)]


def resolve_label(memory: EntityMemory, mention: Mention, position: int) -> list[Referent] | None:
    """Who a transcript label names: "Q:" the interviewer, "A:" the interviewee, "MARSH:" Ilya Marsh."""
    turn = interview_turn(mention.text, memory.lang)
    if turn is not None:
        return _interview_party(memory, turn, position)
    words = [w for w in mention.text.split() if any(ch.isalpha() for ch in w)]
    if words and all(w.isupper() for w in words):
        # "BELARUSIAN OPPOSITION LEADER SVIETLANA TSIKHANOUSKAYA": the name after the last role word.
        cut = max((k + 1 for k, w in enumerate(words) if memory.role_lexicon.get(w) is not None), default=0)
        name = " ".join(w.title() for w in words[cut:] or words[-1:])
        person = memory.match_person(name)
        if person is not None:
            return [Referent(person.name, "person", "label", person)]
        return [Referent(name, "person", "label")]
    return resolve(memory, mention, position)


def _interview_party(memory: EntityMemory, turn: str, at: int) -> list[Referent]:
    """The interviewer (a person described as a journalist) or the interviewee (the person the article names most)."""
    people = memory.entities_of("person")
    journalists = [p for p in people if "journalist" in p.roles]
    if turn == "question":
        chosen = sorted(journalists, key=lambda p: -len(p.mentions))
        fallback = Referent("interviewer", "anonymous", "interview-question")
    else:
        chosen = sorted((p for p in people if p not in journalists), key=lambda p: (-len(p.mentions), p.first_mention()))
        fallback = Referent("interviewee", "anonymous", "interview-answer")
    options = [Referent(p.name, "person", f"interview-{turn}", p, order=k, recency=k) for k, p in enumerate(chosen[:MAX_OPTIONS])]
    return _or_as_is(options, fallback)
