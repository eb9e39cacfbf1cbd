"""Reporting-cue lexicons (said, a déclaré, according to, selon …).

The lexicons are data files (``lexicons/cues_<lang>.tsv``) so that linguists
can extend them without touching code, and plugins can add entries at run
time. From one lexicon we derive the regular expressions the pure-Python
stages need: "is there a reporting cue in this sentence?" and "is this a
reporting incise inside a quotation?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable

from .errors import QuotestanceError

__all__ = ["CUE_TYPES", "CueLexicon", "LexiconError", "load_lexicon"]

CUE_TYPES = ("verb", "inverted", "source_prep", "noun")


class LexiconError(QuotestanceError, ValueError):
    """A lexicon file or entry is malformed."""


def _alternation(forms: Iterable[str]) -> str:
    """A regular expression matching any of ``forms``, built as a trie.

    Thousands of French incise forms share prefixes ("a-t-il ajouté",
    "a-t-il affirmé" …); a trie-shaped pattern lets the regex engine test
    each prefix once instead of trying every alternative in turn. Spaces in
    a form match any run of whitespace.
    """
    trie: dict[str, dict] = {}
    for form in forms:
        if not form:
            continue
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie) if trie else ""


def _trie_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        atom = r"\s+" if ch == " " else re.escape(ch)
        branches.append(atom + _trie_pattern(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Longest match first: try to go on before stopping here.
        body = "(?:" + body + ")?"
    return body


_PRONOUNS = {"en": "he|she|they|it|we", "fr": "il|elle|ils|elles|on"}
_DETERMINERS = {
    "en": r"the|a|an|[A-Z]",
    "fr": r"le|la|l['’]|les|un|une|son|sa|ses|leur|M\.|Mme|[A-ZÉÈ]",
}


@dataclass(frozen=True)
class CueLexicon:
    """Reporting cues of one language, grouped by how they attach to a speaker."""

    lang: str
    entries: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def forms(self, *types: str) -> frozenset[str]:
        wanted = set(types) or set(CUE_TYPES)
        return frozenset(form for form, kind in self.entries if kind in wanted)

    @cached_property
    def verbs(self) -> frozenset[str]:
        return self.forms("verb")

    @cached_property
    def source_preps(self) -> frozenset[str]:
        return self.forms("source_prep")

    @cached_property
    def source_prep_prefixes(self) -> frozenset[str]:
        """Every beginning of a source phrase: a token that starts none of them starts no source phrase."""
        return frozenset(form[:k] for form in self.source_preps for k in range(1, len(form) + 1))

    @cached_property
    def verb_phrase_starts(self) -> frozenset[str]:
        """The first words of the reporting verbs of several words ("pointed out", "mis en garde")."""
        return frozenset(form.split(" ", 1)[0] for form in self.verbs if " " in form)

    def extended(self, entries: Iterable[tuple[str, str]]) -> "CueLexicon":
        """A copy with more ``(form, type)`` entries, validated."""
        extra = frozenset(_validate(form, kind, "<plugin>") for form, kind in entries)
        return CueLexicon(self.lang, self.entries | extra)

    @cached_property
    def cue_pattern(self) -> re.Pattern[str]:
        """Any cue as whole words, case-insensitive."""
        body = _alternation(self.forms())
        return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.IGNORECASE) if body else re.compile(r"(?!)")

    @cached_property
    def incise_pattern(self) -> re.Pattern[str]:
        """A reporting incise inside a quotation: ``, a-t-il ajouté.`` or ``, he said,``.

        French inserts these inside the guillemets; an English text does it
        only with a pronoun and a bare verb, which is what we accept there.
        """
        stop = r"[^.;:!?«»\"“”\n]{0,60}?"
        verbs = _alternation(self.verbs)
        pronouns = _PRONOUNS.get(self.lang, "")
        alternatives = []
        inverted = _alternation(self.forms("inverted"))
        if inverted:
            alternatives.append(r"(?:" + inverted + r")" + stop)
        if verbs and self.lang == "fr":
            alternatives.append(
                # "…, a raconté à l'AFP Andreï Kovalenko, …": the addressee may come before the subject.
                r"(?:a\s+|ont\s+)?(?:" + verbs + r")(?:\s+(?:à|au|aux)\s+\S+)?\s+(?:" + _DETERMINERS["fr"] + r")" + stop
            )
        if verbs and pronouns and self.lang != "fr":
            alternatives.append(r"(?:" + pronouns + r")\s+(?:" + verbs + r")")
        if not alternatives:
            return re.compile(r"(?!)")
        # An apposed name may close the incise: ", a insisté le chef de la diplomatie, Josep Borrell,"
        name = r"(?-i:\s*[A-ZÉÈ][\w'’.-]+(?:\s+[A-ZÉÈ][\w'’.-]+){0,3}\s*[,.](?=\s))?"
        return re.compile(r",\s*(?:" + "|".join(alternatives) + r")(?:[,.])(?=\s)" + name, re.IGNORECASE)


def _validate(form: str, kind: str, where: str) -> tuple[str, str]:
    form = " ".join(form.strip().lower().split())
    if not form:
        raise LexiconError(f"{where}: empty cue form")
    if kind not in CUE_TYPES:
        raise LexiconError(f"{where}: unknown cue type {kind!r} (expected one of {', '.join(CUE_TYPES)})")
    return form, kind


def parse_lexicon(text: str, source: str = "<string>") -> frozenset[tuple[str, str]]:
    """Parse the TSV format: ``form<TAB>type`` per line, ``#`` comments."""
    entries = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise LexiconError(f"{source}:{number}: expected 'form<TAB>type', got {line!r}")
        entries.add(_validate(parts[0], parts[1].strip(), f"{source}:{number}"))
    return frozenset(entries)


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> CueLexicon:
    """The bundled lexicon of ``lang`` (empty for a language without one)."""
    name = f"cues_{lang}.tsv"
    resource = resources.files("quotestance") / "lexicons" / name
    if not resource.is_file():
        return CueLexicon(lang)
    return CueLexicon(lang, parse_lexicon(resource.read_text(encoding="utf-8"), name))
