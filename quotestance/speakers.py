"""Speaker identity inside one document: who "she", "the opponent" or "Putin" is.

Readers of news resolve a speaker mention against the people the article has
introduced so far: a pronoun takes the most recent person of matching
gender, a definite descriptor ("the analyst", "l'opposante") the person the
article described that way (or, failing that, the person it was last
quoting), and a surname the full name given earlier. :class:`EntityMemory`
keeps exactly that state: the people named in the document, in order, with
the role nouns and gender evidence attached to them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .attribution import Attribution
from .names import fold, given_initial, name_tokens, surname_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["Person", "EntityMemory", "RoleLexicon", "load_roles", "resolve_speaker"]

_PERSON_LABELS = {"PERSON", "PER"}
_MALE_TITLES = {"mr", "m", "monsieur", "sir"}
_ALL_TITLES = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "president", "prime", "minister",
               "foreign", "deputy", "secretary", "chancellor", "m", "mme", "mlle", "président", "présidente", "ministre",
               "monsieur", "madame", "senator", "governor", "chairman", "chairwoman", "premier", "retired", "former",
               "ex", "vice", "general", "mayor", "judge", "ambassador", "sir", "dame", "lord", "lady"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "mme", "madame", "mlle", "mademoiselle", "dame"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "il": "m", "elle": "f", "lui": "m"}
_PLURAL_PRONOUNS = {"they", "we", "ils", "elles", "on", "nous", "it"}
_PREPOSITIONS = {"for", "of", "at", "in", "from", "de", "du", "des", "d'", "d’", "à", "au", "aux", "auprès"}
_DEFINITE = {"the", "le", "la", "l'", "l’", "les", "this", "that", "ce", "cet", "cette", "his", "her", "its", "their", "son", "sa", "ses", "leur"}
_INDEFINITE = {"a", "an", "un", "une", "des", "one", "another", "some", "several", "two", "three", "many"}
_QUANTIFIERS = re.compile(
    r"^(?:(?:nearly|almost|about|around|some|over|more\s+than|at\s+least|près\s+de|environ|plus\s+de|quelque|"
    r"(?:des\s+)?(?:dizaines|centaines|milliers)\s+d(?:e|['’](?=\w))|thousands\s+of|hundreds\s+of|dozens\s+of|"
    r"tens\s+of\s+thousands\s+of)\s*)*"
    r"(?:[\d][\d.,\s\u00a0\u202f]*\s+)?",
    re.IGNORECASE,
)
_FEMININE_SURNAME = re.compile(r"(?:aya|aia|aja|kaia|ska|ova|eva|ina|ovna|evna|ayte|aite|iene|yte)$")
_MASCULINE_SURNAME = re.compile(r"(?:ov|ev|sky|ski|kiy|ich|vich|enko|uk|iuk)$")




@dataclass(frozen=True)
class Role:
    form: str
    gender: str  # m, f or x
    kind: str  # person or group
    canonical: str | None = None
    family: str = ""  # roles that name the same function ("opponent", "opposition leader", "l'opposante")

    @property
    def key(self) -> str:
        return self.family or self.form


@dataclass(frozen=True)
class RoleLexicon:
    """Role nouns ("opponent", "l'opposante", "police") of one language."""

    roles: dict[str, Role]
    head_initial: bool = False  # French puts the head noun first ("porte-parole du Kremlin")

    def find(self, words: list[str], head_first: bool = True) -> Role | None:
        """The role a noun phrase names, found at its head.

        English heads come last, before any prepositional phrase ("deputy
        foreign minister" → foreign minister; "spokeswoman for the ministry"
        → spokeswoman); French heads come first ("porte-parole du Kremlin" →
        porte-parole, "chef de l'État" as a whole). ``head_first=False``
        looks only at tails, for the words just before a name.
        """
        lowered = [w.lower() for w in words]
        if self.head_initial and head_first:
            for i in range(len(lowered), 0, -1):
                role = self.roles.get(" ".join(lowered[:i]))
                if role:
                    return role
        cut = next((k for k, w in enumerate(lowered) if k and w in _PREPOSITIONS), len(lowered))
        for span in (lowered[:cut], lowered):
            for i in range(len(span)):
                role = self.roles.get(" ".join(span[i:]))
                if role:
                    return role
        return None


@lru_cache(maxsize=None)
def load_roles(lang: str) -> RoleLexicon:
    """The bundled role nouns of ``lang`` (``lexicons/roles.tsv``)."""
    text = (resources.files("quotestance") / "lexicons" / "roles.tsv").read_text(encoding="utf-8")
    roles: dict[str, Role] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 4 and parts[1] == lang:
            canonical = parts[4] if len(parts) > 4 and parts[4] not in {"", "-"} else None
            family = parts[5] if len(parts) > 5 else ""
            roles[parts[0].lower()] = Role(parts[0].lower(), parts[2], parts[3], canonical, family)
    return RoleLexicon(roles, head_initial=lang == "fr")


@lru_cache(maxsize=None)
def _first_names() -> dict[str, str]:
    text = (resources.files("quotestance") / "lexicons" / "first_names.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            out[fold(name.strip())] = gender.strip()
    return out


def name_gender(name: str) -> str | None:
    """Gender suggested by a name alone: given-name list, then Slavic surname endings."""
    words = name_tokens(name)
    if not words:
        return None
    if len(words) > 1:
        gender = _first_names().get(fold(words[0]))
        if gender:
            return gender
    surname = fold(words[-1])
    if _FEMININE_SURNAME.search(surname):
        return "f"
    if _MASCULINE_SURNAME.search(surname):
        return "m"
    return None


@dataclass(eq=False)
class Person:
    """One person named in a document."""

    name: str
    surname: str
    initial: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    spoke: bool = False

    def compatible(self, gender: str | None) -> bool:
        return gender is None or self.gender is None or self.gender == gender


class EntityMemory:
    """The people of one document, with where they are mentioned and what describes them."""

    def __init__(
        self, doc: "Doc", lang: str, roles: RoleLexicon | None = None, quoted: list[tuple[int, int]] | None = None
    ) -> None:
        """``quoted`` lists quotation spans: names inside them are somebody's
        words, not the article introducing a person, and are not recorded."""
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access
        self._quoted = sorted(quoted or [])
        self._quoted_starts = [a for a, _ in self._quoted]
        self.lang = lang
        self.role_lexicon = roles or load_roles(lang)
        self.people: list[Person] = []
        #: Anonymous sources by role ("diplomat" → "senior EU diplomat"), for later definite mentions.
        self.anonymous: dict[str, str] = {}
        self._positions: list[int] = []  # sorted mention offsets
        self._owners: list[Person] = []
        for ent in doc.ents:
            if ent.label_ in _PERSON_LABELS and _looks_like_name(ent.text):
                self.observe(ent)
        for run in _propn_runs(doc):
            self.observe(run)

    # -- building ------------------------------------------------------------
    def _strip_roles(self, span: "Span") -> "Span":
        """ "Economist Anna Verhoeven" → "Anna Verhoeven": a capitalised role is no part of a name."""
        start = span.start
        while start < span.end - 1 and (
            self.role_lexicon.roles.get(span.doc[start].lower_) or fold(span.doc[start].text).rstrip(".") in _ALL_TITLES
        ):
            start += 1
        return span.doc[start : span.end]

    def observe(self, span: "Span") -> Person | None:
        """Record a name mention, with the titles and appositions around it."""
        span = self._strip_roles(span)
        text = _strip_possessive(span.text)
        if not _looks_like_name(text) or self._inside_quote(span.start_char):
            return None
        person = self._match(text)
        if person is None:
            person = Person(text, surname_key(text), given_initial(text))
            self.people.append(person)
        elif len(name_tokens(text)) > len(name_tokens(person.name)):
            person.name = text
            if not person.initial:
                person.initial = given_initial(text)
        if span.start_char not in person.mentions:
            person.mentions.append(span.start_char)
            i = bisect.bisect_left(self._positions, span.start_char)
            self._positions.insert(i, span.start_char)
            self._owners.insert(i, person)
        self._describe(person, span)
        return person

    def _inside_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def _match(self, text: str) -> Person | None:
        key = surname_key(text)
        initial = given_initial(text)
        candidates = [p for p in self.people if p.surname == key and (not initial or not p.initial or p.initial == initial)]
        if not candidates:
            # "Tikhanovskaya" after "Svetlana Tikhanovskaya": the last word joins the full name.
            return None
        return max(candidates, key=lambda p: max(p.mentions, default=-1))

    def _describe(self, person: Person, span: "Span") -> None:
        doc = self.doc
        gender = None
        # Titles and role nouns just before the name: "Mrs", "economist", "l'opposante".
        before: list[str] = []
        i = span.start - 1
        while i >= 0 and span.start - i <= 4 and not doc[i].is_punct and doc[i].pos_ not in {"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "DET", "PRON"}:
            before.insert(0, doc[i].text)
            i -= 1
        for w in before:
            folded = fold(w).rstrip(".")
            if folded in _MALE_TITLES:
                gender = "m"
            elif folded in _FEMALE_TITLES:
                gender = "f"
        roles = [self.role_lexicon.find([w for w in before if w[:1].isalpha()], head_first=False) if before else None]
        # Apposition after: "Anna Verhoeven, a lecturer in Leiden,"
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            words = []
            for tok in doc[span.end + 1 : min(len(doc), span.end + 6)]:
                if tok.is_punct or tok.pos_ in {"VERB", "AUX", "ADP", "PRON"}:
                    break
                words.append(tok.text)
            roles.append(self.role_lexicon.find(words) if words else None)
        # Apposition before: "the candidate who claims victory, Maria Kovalenko"
        if span.start > 0 and doc[span.start - 1].text == ",":
            # Only a description that opens the name's own sentence counts.
            sent_start = span.sent.start if doc.has_annotation("SENT_START") else max(0, span.start - 15)
            for j in range(max(sent_start, span.start - 15), min(span.start - 1, sent_start + 3)):
                if doc[j].lower_ in _DEFINITE or doc[j].is_sent_start:
                    k = j + 1 if doc[j].lower_ in _DEFINITE else j
                    role = self.role_lexicon.find([doc[k].text])
                    if role:
                        roles.append(role)
                        break
        for role in roles:
            if role is not None and role.kind == "person":
                person.roles.add(role.key)
                if role.gender in {"m", "f"}:
                    gender = gender or role.gender
        if gender:
            person.gender = gender
        elif person.gender is None:
            person.gender = name_gender(person.name)

    # -- resolving -------------------------------------------------------------
    def by_name(self, text: str, position: int) -> Person | None:
        person = self._match(_strip_possessive(text))
        if person is not None and position not in person.mentions:
            person.mentions.append(position)
        return person

    def recent(self, position: int, gender: str | None, role: str | None = None, strict: bool = False) -> Person | None:
        """The person mentioned last before ``position`` who fits.

        With a ``role`` ("analyst"), a person the article described that way
        wins; failing that (unless ``strict``), the last person quoted;
        failing that, the last person named.
        """
        i = bisect.bisect_left(self._positions, position)
        ordered: list[Person] = []
        for j in range(i - 1, -1, -1):
            person = self._owners[j]
            if person not in ordered and person.compatible(gender):
                ordered.append(person)
        if not ordered:
            return None
        if role is not None:
            for person in ordered:
                if role in person.roles:
                    return person
            if strict:
                return None
            # The person just introduced in this paragraph, else the last one quoted.
            paragraph_start = self.text.rfind("\n", 0, position) + 1
            last_mention = max(m for m in ordered[0].mentions if m < position) if ordered[0].mentions else -1
            if last_mention >= paragraph_start:
                return ordered[0]
            for person in ordered:
                if person.spoke:
                    return person
        return ordered[0]


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s$", "", s.strip())


def _looks_like_name(s: str) -> bool:
    """Reject the parser's stray PERSON labels ("n’", "«", "Telegram")."""
    words = name_tokens(s)
    if not words:
        return False
    letters = sum(ch.isalpha() for ch in s)
    if any(len(w) > 1 and w.isupper() for w in words):
        return False  # "PARIS —" datelines, "OSCE", "EU": not people
    return letters >= 3 and all(w[:1].isupper() for w in words if w[:1].isalpha() and fold(w) not in {"de", "van", "von", "der", "la", "le", "du", "al", "bin"})


def _propn_runs(doc: "Doc") -> list["Span"]:
    """Runs of two or more proper nouns opening with a known given name, missed by NER."""
    out = []
    i = 0
    names = _first_names()
    while i < len(doc):
        # The tagger often takes a given name for a common noun ("Vladimir" NOUN in French).
        if doc[i].text[:1].isupper() and fold(doc[i].text) in names and doc[i].ent_type_ not in {"DATE", "TIME"}:
            j = i + 1
            while j < len(doc) and doc[j].pos_ in {"PROPN", "NOUN", "ADJ", "X"} and doc[j].text[:1].isupper() and doc[j].is_alpha:
                j += 1
            if j - i >= 2:
                out.append(doc[i:j])
            i = j
        else:
            i += 1
    return out


def _is_organisation(span: "Span") -> bool:
    """A named body rather than a person: an article before it, or lower-case words inside.

    The entity label alone is not trusted: small models tag many surnames ORG.
    """
    if any(t.ent_type_ in {"PERSON", "PER"} for t in span):
        return False
    first = span[0].lower_
    return (
        first in _DEFINITE
        or first.startswith(("l'", "l’"))
        or any(t.is_alpha and t.is_lower and t.pos_ != "DET" and t.i > span.start for t in span)
    )


def _clean_descriptor(text: str, role: Role | None) -> str:
    if role is not None and role.kind == "group" and role.canonical:
        return role.canonical
    words = text.split()
    while words and words[0].lower() in _DEFINITE | _INDEFINITE:
        words = words[1:]
    cleaned = _QUANTIFIERS.sub("", " ".join(words))
    cleaned = re.sub(r"^(?:l['’]|d['’])", "", cleaned)
    return cleaned.strip() or text.strip()


def resolve_speaker(memory: EntityMemory, attribution: Attribution, quote_start: int) -> tuple[str | None, str]:
    """Return ``(speaker name, rule)`` for an attribution, updating the memory."""
    if not attribution.found or attribution.mention_start is None or attribution.mention is None:
        return None, "none"
    doc = memory.doc
    start = attribution.mention_start
    mention = attribution.mention
    if attribution.mention_kind == "pronoun":
        pronoun = re.sub(r"^-(?:t-)?", "", mention.lower())
        if pronoun in _PLURAL_PRONOUNS:
            return None, "plural-pronoun"
        if pronoun not in _PRONOUN_GENDER and pronoun not in {"i", "je", "j'", "j’"}:
            return None, "indefinite-pronoun"  # "some of them", "certains": nobody in particular
        person = memory.recent(min(start, quote_start), _PRONOUN_GENDER.get(pronoun))
        if person is None:
            return None, "pronoun-unresolved"
        person.spoke = True
        return person.name, "pronoun"
    span = doc.char_span(start, attribution.mention_end or start, alignment_mode="expand")
    if attribution.mention_kind == "name" and span is not None and _is_organisation(span):
        # "la Commission électorale centrale", "the Kremlin": the body as named, made canonical by the alias table.
        return _clean_descriptor(mention, None), "organisation"
    if attribution.mention_kind == "name" and span is not None:
        propn = [t for t in span if t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha and t.i > span.start)]
        name_span = doc[propn[0].i : propn[-1].i + 1] if propn else span
        name_span = memory._strip_roles(name_span)
        person = memory.by_name(name_span.text, start) or memory.observe(name_span)
        if person is not None:
            person.spoke = True
            joined = len(name_tokens(person.name)) > len(name_tokens(_strip_possessive(name_span.text)))
            return person.name, "surname-join" if joined else "name"
        return _clean_descriptor(mention, None), "organisation"
    # A descriptor: "the opponent", "l'opposante", "police", "a senior official".
    words = [w for w in re.split(r"\s+", mention) if w]
    first = words[0].lower() if words else ""
    definite = first in _DEFINITE or first.startswith(("l'", "l’"))
    core = [re.sub(r"^(?:l['’]|d['’])", "", w) for w in words if w.lower() not in _DEFINITE | _INDEFINITE]
    role = memory.role_lexicon.find(core)
    if role is not None and role.kind == "person" and definite:
        gender = role.gender if role.gender in {"m", "f"} else None
        anonymous = memory.anonymous.get(role.key)
        person = memory.recent(min(start, quote_start), gender, role=role.key, strict=anonymous is not None)
        if person is None and anonymous is not None:
            return anonymous, "descriptor-anonymous"
        if person is not None:
            person.spoke = True
            return person.name, "descriptor"
    cleaned = _clean_descriptor(mention, role)
    if role is not None and role.kind == "person" and not definite:
        # "a senior EU diplomat said" … "the diplomat added": one anonymous source.
        memory.anonymous.setdefault(role.key, cleaned)
    return cleaned, "descriptor-as-is"
