"""The entities of one document: the people and organisations it names, with what describes them.

Readers of news resolve a speaker mention against what the article has
introduced so far: a pronoun takes a recent person of matching gender, a
definite descriptor ("the analyst", "la compagnie", "le ministère") the
person or body the article described that way, a surname the full name
given earlier, "the Foreign Ministry" the "Swiss Foreign Ministry" named
before. :class:`EntityMemory` keeps that state: every entity, where it is
mentioned, its role keys and description words, its gender evidence, and
how often it has been quoted so far.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..names import NAME_PARTICLES, fold, given_names, is_title, name_key, name_tokens, same_given_name, surname_key, titles
from .cue_words import PERSON_LABELS
from .mentions import NOUN_SUBJECT_DEPS
from .role_nouns import HEAD_CUT, RoleLexicon, age_words, load_roles, non_agent_type, pronoun_type

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Entity", "EntityMemory", "name_gender", "looks_like_name", "strip_possessive", "DEFINITE", "INDEFINITE"]

_ORG_LABELS = {"ORG"}
DEFINITE = {"the", "le", "la", "l'", "l’", "les", "this", "that", "ce", "cet", "cette", "his", "her", "its", "their", "son", "sa", "ses", "leur"}
INDEFINITE = {"a", "an", "un", "une", "des", "one", "another", "some", "several", "two", "three", "many"}
_FEMININE_SURNAME = re.compile(r"(?:aya|aia|aja|kaia|ska|ova|eva|ina|ovna|evna|ayte|aite|iene|yte)$")
_MASCULINE_SURNAME = re.compile(r"(?:ov|ev|sky|ski|kiy|ich|vich|enko|uk|iuk)$")
#: A subject pronoun's arcs; French "Il est parti" is often parsed as an expletive subject.
_PRONOUN_SUBJECT_DEPS = NOUN_SUBJECT_DEPS | {"expl:subj"}
_STOP_WORDS = {"the", "a", "an", "of", "for", "in", "at", "and", "le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "et", "à", "au", "aux"}


def is_given_name(word: str) -> bool:
    return fold(word) in given_names()


def name_gender(name: str) -> str | None:
    """Gender suggested by a name alone: given-name list, then Slavic surname endings."""
    words = name_tokens(name)
    if not words:
        return None
    if len(words) > 1:
        gender = given_names().get(fold(words[0]))
        if gender:
            return gender
    surname = fold(words[-1])
    if _FEMININE_SURNAME.search(surname):
        return "f"
    if _MASCULINE_SURNAME.search(surname):
        return "m"
    return None


def content_words(words: Iterable[str]) -> set[str]:
    """Folded words that describe, without articles and prepositions ("the deputy head of the agency" → deputy, head, agency)."""
    out = set()
    for w in words:
        f = re.sub(r"^(?:l|d)['’]", "", fold(w)).strip(".,;:")
        if f and f not in _STOP_WORDS and any(ch.isalpha() for ch in f):
            out.add(f)
    return out


@dataclass(eq=False)
class Entity:
    """One person or organisation named in a document."""

    name: str
    kind: str  # person | organisation
    surname: str = ""
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    #: Character offsets of the mentions, kept sorted (see ``EntityMemory._remember``).
    mentions: list[int] = field(default_factory=list)
    quoted: int = 0
    last_quoted: int = -1

    def compatible(self, gender: str | None) -> bool:
        return gender is None or self.gender is None or self.gender == gender

    @property
    def surname_parts(self) -> set[str]:
        """The keys of a hyphenated surname's parts: "Andersen" names Berit Reiss-Andersen."""
        words = name_tokens(self.name)
        last = words[-1] if words else ""
        return {surname_key(part) for part in last.split("-") if len(part) > 2} if "-" in last else set()

    def first_mention(self) -> int:
        return self.mentions[0] if self.mentions else -1

    def last_mention(self) -> int:
        return self.mentions[-1] if self.mentions else -1


class EntityMemory:
    """The people and organisations of one document, with where they are mentioned and what describes them."""

    def __init__(
        self, doc: "Doc", lang: str, roles: RoleLexicon | None = None, quoted: list[tuple[int, int]] | None = None,
        text: str | None = None,
    ) -> None:
        """``quoted`` lists quotation spans: names inside them are somebody's
        words, not the article introducing a person, and are not recorded."""
        self.doc = doc
        self.text = text if text is not None else doc.text  # spaCy rebuilds Doc.text on every access
        self._quoted = sorted(quoted or [])
        self._quoted_starts = [a for a, _ in self._quoted]
        self.lang = lang
        self.role_lexicon = roles or load_roles(lang)
        self.entities: list[Entity] = []
        #: Anonymous sources by role ("diplomat" → "senior EU diplomat"), for later definite mentions.
        self.anonymous: dict[str, str] = {}
        self._positions: list[int] = []  # sorted mention offsets
        self._owners: list[Entity] = []
        self._tokens: dict[int, tuple[int, int]] = {}  # mention offset -> token range
        self._by_surname: dict[str, list[Entity]] = {}  # surname key (and hyphenated parts) -> people
        single: list["Span"] = []
        for ent in filter(None, map(_edges_trimmed, doc.ents)):
            if ent.label_ in PERSON_LABELS and looks_like_name(ent.text) and not any(non_agent_type(t.text, lang) for t in ent):
                if len(name_tokens(ent.text)) > 1:
                    self.observe(ent)
                else:
                    single.append(ent)
            elif ent.label_ in _ORG_LABELS and _looks_like_body(ent, self.role_lexicon):
                self.observe_organisation(ent)
        for run in _person_runs(doc, self.role_lexicon):
            self.observe(run)
        for span in _described_single_names(doc, self.role_lexicon):
            self.observe(span)
        # A one-word PERSON label is often a capitalised common word ("Turnout", "Haneda"): it counts
        # when it names someone already introduced ("Kolesnikova", "Maria") or comes with an apposition.
        counts: dict[str, int] = {}
        for ent in single:
            counts[fold(ent.text)] = counts.get(fold(ent.text), 0) + 1
        for ent in single:
            if self.match_person(ent.text) is not None or _single_name_evidence(ent, self.role_lexicon, counts[fold(ent.text)]):
                self.observe(ent)
        self._recall_names()
        self._learn_genders()

    @property
    def people(self) -> list[Entity]:
        return self.entities_of("person")

    def entities_of(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    # -- building ------------------------------------------------------------
    def strip_roles(self, span: "Span") -> "Span":
        """ "Economist Anna Verhoeven", "Deputy Secretary of State Stephen Biegun" → the name alone."""
        doc = span.doc
        people = [t.i for t in span if t.ent_type_ in PERSON_LABELS]
        if people and people[-1] == span.end - 1 and people[0] > span.start:
            return doc[people[0] : span.end]
        start = span.start
        while start < span.end - 1 and (
            self.role_lexicon.get(doc[start].text) or is_title(doc[start].text, words_of_titles=True)
        ):
            start += 1
        return doc[start : span.end]

    def _remember(self, entity: Entity, offset: int, tokens: tuple[int, int] | None = None) -> None:
        if tokens is not None:
            self._tokens.setdefault(offset, tokens)
        k = bisect.bisect_left(entity.mentions, offset)
        if k < len(entity.mentions) and entity.mentions[k] == offset:
            return
        entity.mentions.insert(k, offset)
        i = bisect.bisect_left(self._positions, offset)
        self._positions.insert(i, offset)
        self._owners.insert(i, entity)

    def observe(self, span: "Span") -> Entity | None:
        """Record a person's name mention, with the titles and appositions around it."""
        span = self.strip_roles(_through_particles(span))
        text = strip_possessive(span.text)
        if not looks_like_name(text) or self.inside_quote(span.start_char):
            return None
        before = self.doc[span.start - 1] if span.start > 0 else None
        role = self.role_lexicon.get(before.text) if before is not None and before.is_lower else None
        if role is not None and role.kind == "organisation":
            return self.observe_organisation(span)  # "the Irish carrier Ryanair", whatever NER says
        person = self.match_person(text)
        if person is None:
            person = Entity(text, "person", surname_key(text))
            self.entities.append(person)
            for key in {person.surname} | person.surname_parts:
                self._by_surname.setdefault(key, []).append(person)
        elif len(name_tokens(text)) > len(name_tokens(person.name)):
            person.name = text
        self._remember(person, span.start_char, (span.start, span.end))
        self._describe(person, span)
        return person

    def observe_organisation(self, span: "Span", name: str | None = None) -> Entity | None:
        """Record a named body ("the Irish carrier Ryanair", "le ministère bélarusse des Affaires étrangères")."""
        if self.inside_quote(span.start_char):
            return None
        name = name or clean_name(span.text)
        words = content_words(name.split())
        if not words:
            return None
        org = self.match_organisation(name)
        if org is None:
            org = Entity(name, "organisation", words=set(words))
            self.entities.append(org)
        elif len(words) > len(content_words(org.name.split())):
            org.name = name
        org.words |= words
        for w in words:
            role = self.role_lexicon.get(w)
            if role is not None and role.kind == "organisation":
                org.roles.add(role.key)
        self._remember(org, span.start_char, (span.start, span.end))
        self._describe(org, span)
        return org

    def inside_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def match_person(self, text: str, before: int | None = None) -> Entity | None:
        """The person this name names; of two of one surname ("Tsepkalo" of Valery and of Veronika),
        the one mentioned last, before ``before`` when it is given."""
        key = surname_key(text)
        candidates = [p for p in self._by_surname.get(key, ()) if same_given_name(text, p.name)]
        if not candidates and len(name_tokens(text)) == 1:
            # "Maria" after "Maria Kolesnikova": a given name alone names the one person who bears it.
            given = [p for p in self.entities if p.kind == "person" and len(name_tokens(p.name)) > 1 and name_key(name_tokens(p.name)[0]) == key]
            candidates = given if len(given) == 1 else []
        if not candidates:
            return None
        if before is None:
            return max(candidates, key=Entity.last_mention)
        return max(candidates, key=lambda p: (self.last_mention_before(p, before), -p.first_mention()))

    def match_organisation(self, name: str) -> Entity | None:
        """The body this name names: same words, or a subset of a fuller name ("Foreign Ministry" of "Swiss Foreign Ministry")."""
        words = content_words(name.split())
        if not words:
            return None
        best = None
        for org in self.entities:
            if org.kind != "organisation":
                continue
            names = content_words(org.name.split())
            if words <= names or names <= words:
                if best is None or org.last_mention() > best.last_mention():
                    best = org
        return best

    def _describe(self, entity: Entity, span: "Span") -> None:
        """Titles and role nouns just before a name, and appositions around it."""
        doc = self.doc
        gender = None
        before: list[str] = []
        i = span.start - 1
        while i >= 0 and span.start - i <= 4 and not doc[i].is_punct and doc[i].pos_ not in {"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "DET", "PRON"}:
            before.insert(0, doc[i].text)
            i -= 1
        for w in before:
            title_gender = titles().get(fold(w).rstrip("."), ("x", ""))[0]
            if title_gender in {"m", "f"}:
                gender = title_gender
        described = list(before)
        roles = [self.role_lexicon.find([w for w in before if w[:1].isalpha()], head_first=False) if before else None]
        # Apposition after: "Anna Verhoeven, a lecturer in Leiden,"
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            words = []
            for tok in doc[span.end + 1 : min(len(doc), span.end + 8)]:
                if tok.is_punct or tok.pos_ in {"VERB", "AUX", "PRON"}:
                    break
                words.append(tok.text)
            head_words: list[str] = []
            for w in words:
                if head_words and fold(w) in HEAD_CUT:
                    break
                head_words.append(w)
            roles.append(self.role_lexicon.find(head_words) if head_words else None)
            described += words
        # A descriptive phrase right before ", Name": "la commissaire européenne en charge des Transports, Mme Adina Valean"
        comma = span.start - 1
        while comma > 0 and is_title(doc[comma].text, words_of_titles=True):
            comma -= 1
        if comma > 0 and doc[comma].text == ",":
            k = comma
            while k > 0 and comma - k < 10 and not doc[k - 1].is_punct and doc[k - 1].pos_ in {"NOUN", "ADJ", "ADP", "DET", "PROPN"}:
                k -= 1
            while k < comma and doc[k].pos_ in {"ADP", "DET"}:
                k += 1  # "Selon la commissaire …": the phrase starts at its noun
            phrase = [t.text for t in doc[k:comma]]
            described += phrase
            if phrase:
                roles.append(self.role_lexicon.find(phrase))
        # Apposition before: "the candidate who claims victory, Maria Kovalenko"
        if span.start > 0 and doc[span.start - 1].text == ",":
            sent_start = span.sent.start if doc.has_annotation("SENT_START") else max(0, span.start - 15)
            for j in range(max(sent_start, span.start - 15), min(span.start - 1, sent_start + 3)):
                if doc[j].lower_ in DEFINITE or doc[j].is_sent_start:
                    k = j + 1 if doc[j].lower_ in DEFINITE else j
                    role = self.role_lexicon.find([doc[k].text])
                    if role:
                        roles.append(role)
                        described += [t.text for t in doc[k : span.start - 1]][:8]
                        break
        entity.words |= content_words(described)
        for role in roles:
            if role is not None and role.kind == entity.kind:
                entity.roles.add(role.key)
                if role.gender in {"m", "f"} and entity.kind == "person":
                    gender = gender or role.gender
        if entity.kind != "person":
            return
        if gender:
            entity.gender = gender
        elif entity.gender is None:
            entity.gender = name_gender(entity.name)

    def _recall_names(self) -> None:
        """Count as mentions the occurrences of a known person's name that the recogniser did not label a person.

        A recogniser labels one name differently from sentence to sentence
        ("Karwan" a place where he is introduced, a person later): once the
        document has a person by that name, every other capitalised
        occurrence of it, standing alone, names that person too.
        """
        taken = {i for a, b in self._tokens.values() for i in range(a, b)}
        doc = self.doc
        for tok in doc:
            if tok.i in taken or not tok.text[:1].isupper() or len(tok.text) < 3 or tok.pos_ != "PROPN":
                continue
            neighbours = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
            if any(n.text[:1].isupper() and n.pos_ == "PROPN" for n in neighbours) or self.inside_quote(tok.idx):
                continue  # part of another name, or somebody's words
            if surname_key(tok.text) in self._by_surname:
                person = self.match_person(tok.text, before=tok.idx)
                if person is not None:
                    self._remember(person, tok.idx, (tok.i, tok.i + 1))

    def _learn_genders(self) -> None:
        """Give a person whose name says no gender the one the article's pronouns give it.

        "Viktar Marozau was detained in May. He …": the first subject pronoun
        after a name that is the subject of its clause, before any other
        person is named, most often stands for that person. Every such
        pronoun is a vote; a person takes a gender only when the votes agree
        at least three to one, so one misread sentence does not decide.
        """
        doc = self.doc
        owner_at = {offset: entity for offset, entity in zip(self._positions, self._owners)}
        token_owner = {}
        for offset, (a, b) in self._tokens.items():
            for i in range(a, b):
                token_owner[i] = owner_at.get(offset)
        votes: dict[int, dict[str, int]] = {}
        for offset, (a, b) in self._tokens.items():
            person = owner_at.get(offset)
            if person is None or person.kind != "person" or person.gender is not None:
                continue
            if doc[a:b].root.dep_ not in NOUN_SUBJECT_DEPS:
                continue  # "Selon son porte-parole, Steffen Seibert, elle …": only a subject is continued by "elle"
            sentences = 0
            for tok in doc[b : min(len(doc), b + 60)]:
                if tok.is_sent_start:
                    sentences += 1
                    if sentences > 1:
                        break
                other = token_owner.get(tok.i)
                if other is not None and other is not person:
                    break
                if tok.ent_type_ in PERSON_LABELS and other is None:
                    break
                kind = pronoun_type(tok.text, self.lang)
                if kind in {"m", "f"} and not self.inside_quote(tok.idx) and (
                    tok.dep_ in _PRONOUN_SUBJECT_DEPS or tok.text.startswith("-")
                ):
                    tally = votes.setdefault(id(person), {"m": 0, "f": 0})
                    tally[kind] += 1
                    break
        for person in self.people:
            said = votes.get(id(person))
            if person.gender is None and said:
                if said["m"] >= 3 * said["f"] and said["m"]:
                    person.gender = "m"
                elif said["f"] >= 3 * said["m"] and said["f"]:
                    person.gender = "f"

    # -- looking back ----------------------------------------------------------
    def mention_person(self, text: str, position: int) -> Entity | None:
        """The person a name mention refers to, recording the mention."""
        person = self.match_person(strip_possessive(text), before=position)
        if person is not None:
            self._remember(person, position)
        return person

    def recent(self, position: int, kind: str = "person") -> list[Entity]:
        """Entities of ``kind`` mentioned before ``position``, the last mentioned first."""
        i = bisect.bisect_left(self._positions, position)
        ordered: list[Entity] = []
        seen: set[int] = set()
        for j in range(i - 1, -1, -1):
            entity = self._owners[j]
            if entity.kind == kind and id(entity) not in seen:
                seen.add(id(entity))
                ordered.append(entity)
        return ordered

    def mentions_between(self, start: int, end: int) -> list[tuple[int, Entity, tuple[int, int]]]:
        """Named mentions in ``[start, end)`` outside quotations: (offset, entity, token range), in text order."""
        lo = bisect.bisect_left(self._positions, start)
        hi = bisect.bisect_left(self._positions, end)
        return [
            (self._positions[k], self._owners[k], self._tokens[self._positions[k]])
            for k in range(lo, hi)
            if self._positions[k] in self._tokens
        ]

    def entity_at(self, offset: int) -> Entity | None:
        """The entity named by a mention starting at ``offset``, if any."""
        k = bisect.bisect_left(self._positions, offset)
        return self._owners[k] if k < len(self._positions) and self._positions[k] == offset else None

    def last_mention_before(self, entity: Entity, position: int) -> int:
        i = bisect.bisect_left(entity.mentions, position)
        return entity.mentions[i - 1] if i else -1

    def paragraph_start(self, position: int) -> int:
        return self.text.rfind("\n", 0, position) + 1

    def commit(self, entity: Entity | None, position: int) -> None:
        """Record that ``entity`` was chosen as the speaker of the quotation at ``position``."""
        if entity is not None:
            entity.quoted += 1
            entity.last_quoted = position


def strip_possessive(s: str) -> str:
    return re.sub(r"['’]s$", "", s.strip())


def clean_name(text: str) -> str:
    """A body's name as reported: without its article ("the Kremlin" → "Kremlin", "l'Elysée" → "Elysée")."""
    words = text.split()
    while words and words[0].lower() in DEFINITE | INDEFINITE:
        words = words[1:]
    cleaned = re.sub(r"^(?:l['’]|d['’])", "", " ".join(words))
    return strip_possessive(cleaned).strip() or text.strip()


def looks_like_name(s: str) -> bool:
    """Reject the parser's stray PERSON labels ("n’", "«", "Telegram")."""
    words = name_tokens(s)
    if not words:
        return False
    letters = sum(ch.isalpha() for ch in s)
    if any(len(w) > 1 and w.isupper() for w in words):
        return False  # "PARIS —" datelines, "OSCE", "EU": not people
    if fold(words[0]) in NAME_PARTICLES or fold(words[-1]) in NAME_PARTICLES:
        return False  # "de la République" of "président de la République", "Ursula von der" cut short: no name
    return letters >= 3 and all(w[:1].isupper() for w in words if w[:1].isalpha() and fold(w) not in NAME_PARTICLES)


def _through_particles(span: "Span") -> "Span":
    """A name the recogniser cut at a particle, carried on to the family name: "Ursula von der" → "Ursula von der Leyen"."""
    doc, end = span.doc, span.end
    while end < len(doc) and fold(doc[end - 1].text) in NAME_PARTICLES and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    return span if end == span.end else doc[span.start : end]


def _edges_trimmed(ent: "Span") -> "Span | None":
    """The entity without the dashes or marks the tagger took in ("― Lucia Ferreira")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start == end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    from spacy.tokens import Span

    return Span(doc, start, end, label=ent.label_)


def _looks_like_body(span: "Span", roles: RoleLexicon) -> bool:
    """An ORG label worth remembering: the small models put it on many names of people, so ask for more.

    A body has an article before it, several words, an acronym, or a word
    that names a kind of body ("Ministry", "Commission"), and does not open
    with a given name.
    """
    words = span.text.split()
    if not words or not any(ch.isalpha() for ch in span.text) or any(t.ent_type_ in PERSON_LABELS for t in span):
        return False
    if fold(words[0]) in given_names():
        return False
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return (
        before in DEFINITE
        or len(words) >= 2
        or (len(words[0]) >= 2 and words[0].isupper())
        or any(roles.get(t.text) is not None for t in span)
    )


def _person_runs(doc: "Doc", roles: RoleLexicon) -> list["Span"]:
    """Runs of two or more capitalised names that NER missed or mislabelled, when something says "person".

    Small models label many people ORG, LOC or nothing ("Nurse Tameka
    Fowler", "Franak Viačorka, her senior adviser,"). A run counts when it
    opens with a known given name, follows a person role or title, is
    followed by an apposition (", 34,", ", a nurse", ", who"), or is the
    subject of a verb; never after an article ("the National Retail
    Federation"), with a word that names a body inside, nor as the end of
    an organisation the tagger found ("Institute of Eastern Studies").
    """
    out = []
    i = 0
    names = given_names()
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not _capitalised_name(tok):
            i += 1
            continue
        j = i + 1
        while j < n and (
            _capitalised_name(doc[j])
            # a particle inside a name: "Marine Le Pen", "Ursula von der Leyen"
            or (fold(doc[j].text) in NAME_PARTICLES and j + 1 < n and (_capitalised_name(doc[j + 1]) or fold(doc[j + 1].text) in NAME_PARTICLES))
        ):
            j += 1
        while j > i + 1 and fold(doc[j - 1].text) in NAME_PARTICLES:
            j -= 1
        run = doc[i:j]
        i = j
        inner_given = next((t.i for t in run[1:-1] if fold(t.text) in names and t.ent_type_ not in {"ORG", "GPE", "LOC"}), None)
        if inner_given is not None and fold(run[0].text) not in names:
            run = doc[inner_given : run.end]  # "Facebook Anton Guerachtchenko", "Kazakhstan Kassym-Jomart Tokayev"
        if len(run) < 2 or any(t.ent_type_ in {"DATE", "TIME"} or non_agent_type(t.text, roles.lang) for t in run):
            continue
        if run[0].ent_iob_ == "I" and run[0].ent_type_ in _ORG_LABELS:
            continue  # the end of a body's name: "the Paris Institute of Eastern Studies"
        if any((role := roles.get(t.text)) is not None and role.kind != "person" for t in run):
            continue
        before = doc[run.start - 1] if run.start > 0 else None
        if before is not None and before.lower_ in DEFINITE:
            continue
        person_role = before is not None and (
            ((role := roles.get(before.text)) is not None and role.kind == "person") or is_title(before.text, words_of_titles=True)
        )
        apposition = _apposition_follows(run, roles)
        subject = run[-1].dep_ in NOUN_SUBJECT_DEPS and run[-1].head.pos_ in {"VERB", "AUX"}
        if fold(run[0].text) in names or person_role or apposition or subject:
            out.append(run)
    return out


def _single_name_evidence(span: "Span", roles: RoleLexicon, count: int) -> bool:
    """Is a one-word PERSON label a person: a given name, an apposition, or a name that acts, said twice?"""
    tok = span[0]
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.pos_ == "ADP" or before.lower_ in DEFINITE):
        return False  # "à Okrestina", "at Haneda": a place or a thing
    if tok.pos_ != "PROPN":
        return False
    acts = tok.dep_ in {"nsubj", "nsubj:pass", "nsubjpass", "appos"}
    return fold(tok.text) in given_names() or _apposition_follows(span, roles) or (acts and count >= 1) or count >= 2


def _apposition_follows(span: "Span", roles: RoleLexicon) -> bool:
    """ "Natalia, 34,", "Natalia, a shop assistant", "Natalia, qui" : a person described right after the name."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    following = doc[span.end + 1]
    nxt = doc[span.end + 2] if span.end + 2 < len(doc) else following
    return (
        following.like_num
        or following.lower_ in {"who", "qui"}
        or (following.lower_ in {"a", "an", "un", "une", "the", "la", "le", "l'", "l’"} and roles.get(nxt.text) is not None)
        or roles.get(following.text) is not None
    )


def _described_single_names(doc: "Doc", roles: RoleLexicon) -> Iterable["Span"]:
    """One capitalised word with a person's apposition after it, whatever the recogniser made of it.

    Witnesses and refugees are often named by a given name alone and
    described at once ("Shilan, 27 ans, …", "Rebwar, le frère de son mari,
    …", "Karwan, a mechanic, …"); small models label such a word a place or
    nothing. An age, or a role noun for a person, right after the comma says
    "person".
    """
    n = len(doc)
    for tok in doc:
        i = tok.i
        if (
            i + 2 >= n or doc[i + 1].text != "," or not tok.is_alpha or len(tok.text) < 3 or not tok.is_title
            or tok.ent_type_ in PERSON_LABELS or (i > 0 and _capitalised_name(doc[i - 1]))
            or roles.get(tok.text) is not None or non_agent_type(tok.text, roles.lang)
        ):
            continue
        following, nxt = doc[i + 2], doc[i + 3] if i + 3 < n else doc[i + 2]
        age = following.like_num and (nxt.text == "," or fold(nxt.text) in age_words(roles.lang))
        role = roles.get(nxt.text) if following.lower_ in INDEFINITE | DEFINITE else roles.get(following.text)
        if age or (role is not None and role.kind == "person"):
            yield doc[i : i + 1]


def _capitalised_name(tok: "Token") -> bool:
    """A word that may be part of a person's name: capitalised letters, tagged as a name or a noun.

    Untagged words (the paragraphs a selective parse only tokenises) count
    unless they are function words, so that a person introduced there by a
    given name ("… her former ally Maria Kolesnikova, who …") is still known.
    """
    return (
        (tok.pos_ in {"PROPN", "NOUN", "ADJ", "X"} or (not tok.pos_ and not tok.is_stop))
        and tok.text[:1].isupper()
        and any(ch.isalpha() for ch in tok.text)
        and all(ch.isalpha() or ch in "-'’." for ch in tok.text)
        and not tok.text.isupper()
    )
