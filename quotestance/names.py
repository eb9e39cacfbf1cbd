"""Canonical speaker names across spellings, languages and documents.

The same person is Putin in English and Poutine in French, Lukashenko,
Lukashenka or Loukachenko, Tikhanovskaya or Tikhanovskaïa. A
transliteration-aware key folds these spellings together token by token;
people are told apart by the key of their surname and their given names,
which one person's spellings share closely ("Alexander", "Alyaksandr") and
relatives do not ("Viktor" and "Eduard" Babariko, "Valery" and "Veronika"
Tsepkalo: another initial, another gender or another name). An alias table
(data, extendable by plugins) covers what no key can (Belarusian against
Russian romanisation) and fixes the canonical spelling.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Iterable

__all__ = [
    "NAME_PARTICLES",
    "fold", "is_title", "titles", "name_key", "surname_key", "given_names", "same_given_name",
    "name_tokens", "AliasTable", "load_aliases", "SpeakerRegistry", "GIVEN_NAME_SIMILARITY",
]

# Order matters: French digraphs first, then letters shared by many romanisations.
_TRANSLIT = [
    ("tch", "ch"),
    ("dj", "j"),
    ("ou", "u"),
    ("sch", "sh"),
    ("ch", "sh"),
    ("kh", "h"),
    ("ck", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ph", "f"),
]


#: Lower-case words inside a family name ("Ursula von der Leyen", "Marine Le Pen").
NAME_PARTICLES = frozenset("de du des la le van von der den di da al el bin ben".split())


def fold(s: str | None) -> str:
    """Lower case without accents: how names and phrases are compared everywhere."""
    return _fold(s or "")


@lru_cache(maxsize=1 << 16)
def _fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=None)
def titles() -> dict[str, tuple[str, str]]:
    """Titles and title words (``lexicons/titles.tsv``): folded form → (gender, ``title`` or ``title-word``)."""
    text = (resources.files("quotestance") / "lexicons" / "titles.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if line.strip() and not line.startswith("#") and len(parts) >= 3:
            key, gender, kind = fold(parts[0].strip()), parts[1].strip(), parts[2].strip()
            old_gender, old_kind = out.get(key, ("x", "title-word"))
            # "président" and "president" fold alike: the stronger reading wins.
            out[key] = (gender if gender != "x" else old_gender, "title" if "title" in {kind, old_kind} else kind)
    return out


def is_title(word: str, words_of_titles: bool = False) -> bool:
    """Is ``word`` ("Mr.", "President") a title, or with ``words_of_titles`` any word of one ("deputy", "of")?"""
    found = titles().get(fold(word).rstrip("."))
    return found is not None and (words_of_titles or found[1] == "title")


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    t = re.sub(r"[^a-z]", "", fold(token))
    for old, new in _TRANSLIT:
        t = t.replace(old, new)
    t = re.sub(r"(.)\1+", r"\1", t)  # doubled letters: Tikhanovskaia / Tikhanovskaja
    if len(t) > 4 and t.endswith("e"):
        t = t[:-1]  # Poutine / Putin, Alexandre / Alexandr
    return t


def name_tokens(name: str) -> list[str]:
    """The words of a name, without titles ("Mr.", "President")."""
    return list(_name_tokens(name))


@lru_cache(maxsize=1 << 14)
def _name_tokens(name: str) -> tuple[str, ...]:
    words = [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]
    words = [w.rstrip(".,") for w in words]
    while words and is_title(words[0]):
        words = words[1:]
    return tuple(w for w in words if w)


def name_key(name: str) -> str:
    """A spelling-independent key of a whole name: ``Alexandre Loukachenko`` → ``alexandr lukashenk``."""
    return " ".join(_token_key(w) for w in name_tokens(name) if _token_key(w))


@lru_cache(maxsize=1 << 14)
def surname_key(name: str) -> str:
    """The key of the last word of a name, which identifies a person in a text."""
    words = [w for w in name_tokens(name) if fold(w) not in NAME_PARTICLES] or name_tokens(name)
    return _token_key(words[-1]) if words else ""


#: Two given names of one surname whose keys are less alike than this (difflib's ratio) are two people
#: ("Valery" and "Veronika" Tsepkalo: 0.43); spellings of one name are more alike ("Alexander" and
#: "Alyaksandr": 0.63, "Svetlana" and "Sviatlana": 0.82). Measured on transliteration pairs of the
#: region's names; see tests/test_names.py.
GIVEN_NAME_SIMILARITY = 0.55


@lru_cache(maxsize=None)
def given_names() -> dict[str, str]:
    """Given names and their gender (``lexicons/first_names.tsv``): folded name → ``m`` or ``f``."""
    text = (resources.files("quotestance") / "lexicons" / "first_names.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            out[fold(name.strip())] = gender.strip()
    return out


@lru_cache(maxsize=1 << 14)
def same_given_name(a: str, b: str) -> bool:
    """Can two names of one surname be one person's?

    Yes unless both give a given name and the two cannot be one: another
    initial, another gender (``first_names.tsv``), or spellings too far apart
    to be one name transliterated (:data:`GIVEN_NAME_SIMILARITY`). An initial
    alone ("V. Tsepkalo") agrees with every given name it starts.
    """
    words_a, words_b = name_tokens(a), name_tokens(b)
    if len(words_a) < 2 or len(words_b) < 2:
        return True
    key_a, key_b = _token_key(words_a[0]), _token_key(words_b[0])
    if not key_a or not key_b or key_a == key_b:
        return True
    if key_a[0] != key_b[0]:
        return False
    if len(key_a) == 1 or len(key_b) == 1:
        return True
    gender_a, gender_b = given_names().get(fold(words_a[0])), given_names().get(fold(words_b[0]))
    if gender_a and gender_b and gender_a != gender_b:
        return False
    return SequenceMatcher(None, key_a, key_b).ratio() >= GIVEN_NAME_SIMILARITY


@dataclass
class AliasTable:
    """Spellings mapped to canonical names, looked up by key."""

    by_key: dict[str, str] = field(default_factory=dict)

    def add(self, spelling: str, canonical: str) -> None:
        self.by_key[name_key(spelling)] = canonical
        self.by_key.setdefault(name_key(canonical), canonical)

    def extended(self, rows: Iterable[tuple[str, str]]) -> "AliasTable":
        table = AliasTable(dict(self.by_key))
        for spelling, canonical in rows:
            table.add(spelling, canonical)
        return table

    def lookup(self, name: str) -> str | None:
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        # "Vladimir Poutine": the whole name is unknown, but its surname is listed
        # and the given name does not contradict the canonical one.
        surname = surname_key(name)
        canonical = self.by_key.get(surname)
        if canonical and same_given_name(name, canonical):
            return canonical
        return None


@lru_cache(maxsize=None)
def load_aliases() -> AliasTable:
    """The bundled alias table (``lexicons/aliases.tsv``)."""
    table = AliasTable()
    text = (resources.files("quotestance") / "lexicons" / "aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            spelling, _, canonical = line.partition("\t")
            if canonical.strip():
                table.add(spelling.strip(), canonical.strip())
    return table


class SpeakerRegistry:
    """One identity per person across a corpus.

    ``canonical(name, lang)`` returns the name every spelling of that person
    is reported under: the alias table's form when there is one, else the
    fullest spelling seen so far, English spellings first.
    """

    def __init__(self, aliases: AliasTable | None = None) -> None:
        self.aliases = aliases if aliases is not None else load_aliases()
        self._by_surname: dict[str, list[_Person]] = {}
        self._lock = threading.Lock()

    def canonical(self, name: str, lang: str | None = None) -> str:
        aliased = self.aliases.lookup(name)
        if aliased:
            name, lang = aliased, "alias"
        surname = surname_key(name)
        if not surname:
            return name
        with self._lock:
            people = self._by_surname.setdefault(surname, [])
            if len(name_tokens(name)) < 2:
                # A surname alone joins the one person of that surname seen so far.
                person = people[0] if len(people) == 1 else next((p for p in people if not p.has_given_name), None)
            else:
                people[:] = [p for p in people if p.has_given_name]  # a surname that came first, alone, is this name's
                person = next((p for p in people if same_given_name(p.identity, name)), None)
            if person is None:
                person = _Person(name, name)
                people.append(person)
            elif lang == "alias" or _fuller(name, lang, person.reported):
                person.reported = name
            return person.reported


@dataclass
class _Person:
    """One person of a surname in the registry: the first spelling seen, which others are compared with, and the name reported."""

    identity: str
    reported: str

    @property
    def has_given_name(self) -> bool:
        return len(name_tokens(self.identity)) > 1


def _fuller(name: str, lang: str | None, current: str) -> bool:
    """Is ``name`` a better canonical spelling than ``current``?"""
    if len(name_tokens(name)) != len(name_tokens(current)):
        return len(name_tokens(name)) > len(name_tokens(current))
    return lang == "en" and _is_ascii(name) and not _is_ascii(current)


def _is_ascii(s: str) -> bool:
    return all(ord(ch) < 128 for ch in s)
