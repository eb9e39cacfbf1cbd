"""Word tables of speaker identity: role nouns, non-agents and positional anaphors.

They are data (``lexicons/roles.tsv``, ``non_agents.tsv``, ``anaphors.tsv``)
so that a linguist can extend a language without touching code. A role noun
says what a descriptor can refer to ("the opponent" a person of the
opposition family, "la compagnie" an organisation); a non-agent stands where
a speaker stands but speaks for nobody ("the statement", "Wednesday"); an
anaphor ("the former", "ce dernier") points to one of the last people named.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..names import fold

__all__ = ["HEAD_CUT", "Role", "RoleLexicon", "age_words", "load_roles", "non_agent_type", "anaphor", "interview_turn", "pronoun_type", "ROLE_KINDS"]

ROLE_KINDS = ("person", "organisation", "group")
#: Prepositions that end the head of a role phrase ("spokeswoman | for the ministry", "porte-parole | du Kremlin").
HEAD_CUT = frozenset({"for", "of", "at", "in", "from", "de", "du", "des", "d'", "d’", "a", "au", "aux", "aupres"})


@dataclass(frozen=True)
class Role:
    form: str
    gender: str  # m, f or x
    kind: str  # person, organisation or group
    canonical: str | None = None
    family: str = ""  # roles that name the same function ("opponent", "opposition leader", "l'opposante")

    @property
    def key(self) -> str:
        return self.family or self.form


@dataclass(frozen=True)
class RoleLexicon:
    """Role nouns ("opponent", "l'opposante", "police", "la compagnie") of one language.

    Looked up without accents, so "chef de l'Etat" finds "chef de l'État".
    """

    roles: dict[str, Role]  # keyed by the folded form: lower case, no accents, straight apostrophe
    head_initial: bool = False  # French puts the head noun first ("porte-parole du Kremlin")
    lang: str = ""

    def get(self, word: str) -> Role | None:
        """The role one word names ("opposante", "Ministry"), if any."""
        return self.roles.get(fold(word).replace("’", "'"))

    def find(self, words: list[str], head_first: bool = True) -> Role | None:
        """The role a noun phrase names, found at its head.

        English heads come last, before any prepositional phrase ("deputy
        foreign minister" → foreign minister; "spokeswoman for the ministry"
        → spokeswoman); French heads come first ("porte-parole du Kremlin" →
        porte-parole, "chef de l'État" as a whole). ``head_first=False``
        looks only at tails, for the words just before a name.
        """
        lowered = [fold(w).replace("’", "'") for w in words]
        if self.head_initial and head_first:
            for i in range(len(lowered), 0, -1):
                role = self.roles.get(" ".join(lowered[:i]))
                if role:
                    return role
        cut = next((k for k, w in enumerate(lowered) if k and w in HEAD_CUT), len(lowered))
        for span in (lowered[:cut], lowered):
            for i in range(len(span)):
                role = self.roles.get(" ".join(span[i:]))
                if role:
                    return role
        return None


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("quotestance") / "lexicons" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def load_roles(lang: str) -> RoleLexicon:
    """The bundled role nouns of ``lang``."""
    roles: dict[str, Role] = {}
    for parts in _rows("roles.tsv"):
        if len(parts) >= 4 and parts[1] == lang:
            canonical = parts[4] if len(parts) > 4 and parts[4] not in {"", "-"} else None
            family = parts[5] if len(parts) > 5 else ""
            form = fold(parts[0]).replace("’", "'")
            roles[form] = Role(form, parts[2], parts[3], canonical, family)
    return RoleLexicon(roles, head_initial=lang == "fr", lang=lang)


@lru_cache(maxsize=None)
def _non_agents(lang: str) -> dict[str, str]:
    from ..cues import load_lexicon

    table = {fold(form): "communication" for form in load_lexicon(lang).forms("noun")}
    table.update({fold(p[0]): p[2] for p in _rows("non_agents.tsv") if len(p) >= 3 and p[1] == lang})
    return table


def non_agent_type(head: str, lang: str) -> str | None:
    """``communication``, ``event`` or ``time`` when the noun ``head`` names no speaker, else ``None``."""
    return _non_agents(lang).get(fold(head))


@lru_cache(maxsize=None)
def _anaphors(lang: str) -> dict[str, tuple[int, str]]:
    return {fold(p[0]): (int(p[2]), p[3]) for p in _rows("anaphors.tsv") if len(p) >= 4 and p[1] == lang}


def anaphor(mention: str, lang: str) -> tuple[int, str] | None:
    """``(position, gender)`` when the mention is "the former", "ce dernier" …: 1 is the last person named, 0 a relative pronoun."""
    return _anaphors(lang).get(fold(" ".join(mention.replace("’", "'").split())))


@lru_cache(maxsize=None)
def _interview_labels(lang: str) -> dict[str, str]:
    return {fold(p[0]): p[2] for p in _rows("interview_labels.tsv") if len(p) >= 3 and p[1] == lang}


def interview_turn(label: str, lang: str) -> str | None:
    """``question`` or ``answer`` when a transcript line is labelled "Q:", "Réponse :" … rather than with a name."""
    return _interview_labels(lang).get(fold(label.strip().rstrip(".")))


@lru_cache(maxsize=None)
def age_words(lang: str) -> frozenset[str]:
    """Words that make a number after a name an age ("27 ans", "31 years old"), from ``lexicons/age_words.tsv``."""
    return frozenset(fold(p[0]) for p in _rows("age_words.tsv") if len(p) >= 2 and p[1] == lang)


_INVERTED_TAIL = re.compile(r"^-(?:t-)?")


@lru_cache(maxsize=None)
def _pronouns(lang: str) -> dict[str, str]:
    return {fold(p[0]).replace("’", "'"): p[2] for p in _rows("pronouns.tsv") if len(p) >= 3 and p[1] == lang}


def pronoun_type(word: str, lang: str) -> str | None:
    """``m``, ``f``, ``first`` or ``plural`` for a pronoun that can stand for a speaker, else ``None``.

    The tail of an inverted French verb counts as its pronoun: "-elle", "-t-il".
    """
    return _pronouns(lang).get(_INVERTED_TAIL.sub("", fold(word)).replace("’", "'"))
