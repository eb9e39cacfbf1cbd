"""From a speaker mention to a speaker name.

A mention can be a name ("Vladimir Putin"), a pronoun ("she", "-elle") or a
descriptor ("the opponent", "police"). Names are returned as written, with
possessives and titles stripped; pronouns take the most recent person named
before the quotation, which is how readers resolve them in news prose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .attribution import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["speaker_name"]

_PERSON_LABELS = {"PERSON", "PER"}
_ORG_LABELS = {"ORG", "NORP", "GPE"}
_LEADING_DET = re.compile(r"^(?:(?:the|a|an|le|la|les|un|une|des)\s+|l['’]\s*)", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:(?:president|prime minister|minister|mr\.?|mrs\.?|ms\.?|dr\.?|sen\.?|rep\.?|gov\.?|secretary|"
    r"spokesman|spokeswoman|spokesperson|m\.|mme|président|ministre|porte-parole)\s+)+",
    re.IGNORECASE,
)
_CLITIC = re.compile(r"^-(?:t-)?", re.IGNORECASE)


def _clean_name(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    name = _LEADING_DET.sub("", name)
    return " ".join(name.split())


def _entity_in(doc: "Doc", start: int, end: int, labels: set[str]) -> str | None:
    for ent in doc.ents:
        if ent.start_char < end and ent.end_char > start and ent.label_ in labels:
            return ent.text
    return None


def _looks_like_name(s: str) -> bool:
    """Reject the parser's stray PERSON labels ("n’", "«")."""
    letters = [ch for ch in s if ch.isalpha()]
    return len(letters) >= 2 and s[:1].isupper()


def _recent_person(doc: "Doc", before: int) -> str | None:
    best = None
    for ent in doc.ents:
        if ent.end_char > before:
            break
        if ent.label_ in _PERSON_LABELS and _looks_like_name(ent.text):
            best = ent.text
    return best


def speaker_name(doc: "Doc", attribution: Attribution, quote_start: int) -> tuple[str | None, str]:
    """Return ``(speaker, rule)`` for an attribution found in ``doc``."""
    if not attribution.found or attribution.mention_start is None or attribution.mention_end is None:
        return None, "none"
    start, end = attribution.mention_start, attribution.mention_end
    if attribution.mention_kind == "pronoun":
        pronoun = _CLITIC.sub("", attribution.mention or "").lower()
        if pronoun in {"they", "ils", "elles", "we", "on", "it"}:
            return None, "plural-pronoun"
        person = _recent_person(doc, min(start, quote_start))
        return (_clean_name(person), "pronoun-recency") if person else (None, "pronoun-unresolved")
    if attribution.mention_kind == "name":
        span = doc.char_span(start, end, alignment_mode="expand")
        propn = " ".join(t.text for t in span or [] if t.pos_ == "PROPN")
        if propn and _looks_like_name(propn):
            return _clean_name(propn), "proper-noun"
    person = _entity_in(doc, start, end, _PERSON_LABELS)
    if person and _looks_like_name(person):
        return _clean_name(person), "name-entity"
    if attribution.mention_kind == "name":
        org = _entity_in(doc, start, end, _ORG_LABELS)
        if org:
            return _clean_name(org), "organisation-entity"
        propn = " ".join(t.text for t in doc.char_span(start, end, alignment_mode="expand") or [] if t.pos_ == "PROPN")
        if propn:
            return _clean_name(propn), "proper-noun"
    return _clean_name(_TITLES.sub("", _LEADING_DET.sub("", attribution.mention or ""))) or None, "descriptor"
