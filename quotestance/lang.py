"""Cheap language identification with spaCy's own stop-word lists.

A news article in English or French is dominated by function words, so the
share of tokens found in each language's stop-word list separates the two
reliably at a tiny fraction of the cost of a statistical identifier. Texts
where neither list covers enough tokens are reported as undetected rather
than guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["SUPPORTED_LANGUAGES", "detect_language", "language_scores"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
#: Below this share of stop words the text is not taken to be in the language.
MIN_SHARE = 0.18
#: How much of the text is looked at; the opening is enough to decide.
SAMPLE_CHARS = 5000


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    # Imported lazily: these modules are small, but nothing here should cost
    # anything until a text is actually analysed.
    if lang == "en":
        from spacy.lang.en.stop_words import STOP_WORDS
    elif lang == "fr":
        from spacy.lang.fr.stop_words import STOP_WORDS
    else:  # pragma: no cover - guarded by SUPPORTED_LANGUAGES
        raise KeyError(lang)
    # Words both languages list ("a", "on", "son"...) carry no signal.
    return frozenset(w.lower() for w in STOP_WORDS)


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


def language_scores(text: str) -> dict[str, float]:
    """Share of words in the first characters of ``text`` that are stop words, per language."""
    words = _words(text)
    if not words:
        return {lang: 0.0 for lang in SUPPORTED_LANGUAGES}
    common = _stop_words("en") & _stop_words("fr")
    scores = {}
    for lang in SUPPORTED_LANGUAGES:
        stops = _stop_words(lang) - common
        scores[lang] = sum(1 for w in words if w in stops) / len(words)
    return scores


#: Texts shorter than this many words have too few stop words for the share
#: to be meaningful; there a clear lead of one language is enough.
SHORT_TEXT_WORDS = 40


def detect_language(text: str) -> str | None:
    """Return ``"en"``, ``"fr"``, or ``None`` when the text is in neither."""
    scores = language_scores(text)
    ranked = sorted(scores, key=lambda lang: scores[lang], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if scores[best] >= MIN_SHARE:
        return best
    words = len(_words(text))
    hits = round(scores[best] * words)
    if words < SHORT_TEXT_WORDS and hits >= 2 and scores[best] >= 3 * scores[runner_up]:
        return best
    return None
