"""Which side a speaker speaks for: the ``speaker_role`` feature of the stance model.

The role comes from a data table of known people and telling words
("Kremlin", "opposition", "analyst", "protesters"), matched in the canonical
speaker name first and then in the mention the article used. An unknown
speaker gets ``unknown``; the model was trained with roles hidden at random,
so it then relies on the words alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from .names import fold
from .stance_features import SPEAKER_ROLES, UNKNOWN_ROLE

__all__ = ["AffiliationTable", "load_affiliations", "speaker_role"]




class AffiliationTable:
    """Phrases mapped to speaker roles, matched as whole words, longest first."""

    def __init__(self, rows: Iterable[tuple[str, str]] = ()) -> None:
        self.rows: dict[str, str] = {}
        for phrase, role in rows:
            self.add(phrase, role)

    def add(self, phrase: str, role: str) -> None:
        if role not in SPEAKER_ROLES:
            raise ValueError(f"unknown speaker role {role!r}; expected one of {', '.join(SPEAKER_ROLES)}")
        self.rows[fold(phrase.strip().replace("’", "'"))] = role
        self.__dict__.pop("_pattern", None)

    def extended(self, rows: Iterable[tuple[str, str]]) -> "AffiliationTable":
        table = AffiliationTable(self.rows.items())
        for phrase, role in rows:
            table.add(phrase, role)
        return table

    @property
    def pattern(self) -> re.Pattern[str]:
        if "_pattern" not in self.__dict__:
            phrases = sorted(self.rows, key=len, reverse=True)
            body = "|".join(re.escape(p) for p in phrases) or "(?!)"
            self.__dict__["_pattern"] = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])")
        return self.__dict__["_pattern"]

    def role_of(self, text: str | None) -> str | None:
        if not text:
            return None
        matches = self.pattern.findall(fold(text.replace("’", "'")))
        if not matches:
            return None
        return self.rows[max(matches, key=len)]


@lru_cache(maxsize=None)
def load_affiliations() -> AffiliationTable:
    """The bundled table (``lexicons/affiliations.tsv``)."""
    text = (resources.files("quotestance") / "lexicons" / "affiliations.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, _, role = line.partition("\t")
            rows.append((phrase, role.strip()))
    return AffiliationTable(rows)


def speaker_role(speaker: str | None, mention: str | None, table: AffiliationTable | None = None) -> str:
    """The role of a speaker: from its name, else from the mention, else ``unknown``."""
    table = table or load_affiliations()
    return table.role_of(speaker) or table.role_of(mention) or UNKNOWN_ROLE
