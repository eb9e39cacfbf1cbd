"""Cheap language identification with spaCy's own stop-word lists.

A news article in English or French is dominated by function words, so the
share of tokens found in each language's stop-word list separates the two
reliably at a tiny fraction of the cost of a statistical identifier. Texts
where neither list covers enough tokens are reported as undetected rather
than guessed. :func:`foreign_language` tells the texts positively written in
another language (German stop words, Cyrillic script, …) from those that
merely give too little evidence (a headline, a list of names, noise): the
first are refused, the second analysed in the default language.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["SUPPORTED_LANGUAGES", "OTHER_LANGUAGES", "detect_language", "foreign_language", "language_scores"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr")
#: Languages recognised only to be refused: their stop-word lists come with spaCy.
OTHER_LANGUAGES: tuple[str, ...] = ("de", "es", "it", "pt", "nl", "pl", "ru", "uk", "lt")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
#: Below this share of stop words the text is not taken to be in the language.
MIN_SHARE = 0.18
#: How much of the text is looked at; the opening is enough to decide.
SAMPLE_CHARS = 5000


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    # Imported lazily: these modules are small, but nothing here should cost
    # anything until a text is actually analysed.
    if lang not in SUPPORTED_LANGUAGES + OTHER_LANGUAGES:  # pragma: no cover - callers pass known codes
        raise KeyError(lang)
    stop_words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    return frozenset(w.lower() for w in stop_words)


def _words(text: str) -> list[str]:
    words = []
    for w in _WORD.findall(text[:SAMPLE_CHARS]):
        w = w.lower().replace("’", "'")
        # French elisions: "l'opposition" counts as "l'" + "opposition".
        if "'" in w:
            head, _, tail = w.partition("'")
            words.extend([head + "'", tail])
        else:
            words.append(w)
    return words


@lru_cache(maxsize=None)
def _distinctive(languages: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each language's stop words that no other of ``languages`` lists ("a", "on", "son" carry no signal)."""
    lists = {lang: _stop_words(lang) for lang in languages}
    counts: dict[str, int] = {}
    for stops in lists.values():
        for w in stops:
            counts[w] = counts.get(w, 0) + 1
    return {lang: frozenset(w for w in stops if counts[w] == 1) for lang, stops in lists.items()}


def _hits(words: list[str], languages: tuple[str, ...]) -> dict[str, int]:
    return {lang: sum(1 for w in words if w in stops) for lang, stops in _distinctive(languages).items()}


def language_scores(text: str, languages: tuple[str, ...] = SUPPORTED_LANGUAGES) -> dict[str, float]:
    """Share of words in the first characters of ``text`` that are stop words, per language.

    A word listed by more than one of ``languages`` ("a", "on", "son" for
    English and French) carries no signal and counts for none of them.
    """
    words = _words(text)
    if not words:
        return {lang: 0.0 for lang in languages}
    return {lang: hits / len(words) for lang, hits in _hits(words, languages).items()}


#: Texts shorter than this many words have too few stop words for the share
#: to be meaningful; there a clear lead of one language is enough.
SHORT_TEXT_WORDS = 40
#: Stop words needed before a text is said to be in any language at all.
MIN_HITS = 2


def detect_language(text: str) -> str | None:
    """Return ``"en"``, ``"fr"``, or ``None`` when the text is in neither."""
    words = _words(text)
    hits = _hits(words, SUPPORTED_LANGUAGES)
    ranked = sorted(hits, key=lambda lang: hits[lang], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if hits[best] < MIN_HITS:
        return None  # one stop word ("hi", "a") is no evidence
    if hits[best] / len(words) >= MIN_SHARE:
        return best
    if len(words) < SHORT_TEXT_WORDS and hits[best] / len(words) >= 3 * (hits[runner_up] / len(words)):
        return best
    return None


#: Letters needed before the script of a text says anything about its language.
MIN_SCRIPT_LETTERS = 20


def foreign_language(text: str) -> str | None:
    """The code of another language the text is positively written in, or ``None``.

    ``None`` covers English, French and every text with too little evidence
    to tell. A text written mostly in a script other than Latin gives the
    name of that script in lower case (``"cyrillic"``, ``"arabic"``) unless
    its stop words name the language.
    """
    words = _words(text)
    hits = _hits(words, SUPPORTED_LANGUAGES + OTHER_LANGUAGES)
    best = max(hits, key=lambda lang: hits[lang])
    if best in OTHER_LANGUAGES and hits[best] >= MIN_HITS and hits[best] / len(words) >= MIN_SHARE:
        return best
    scripts: dict[str, int] = {}
    for ch in text[:SAMPLE_CHARS]:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            scripts[script] = scripts.get(script, 0) + 1
    letters = sum(scripts.values())
    if letters >= MIN_SCRIPT_LETTERS:
        script, count = max(scripts.items(), key=lambda item: item[1])
        if script != "LATIN" and count * 2 > letters:
            return script.lower()
    return None
