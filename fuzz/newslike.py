"""Random news-like text for fuzzing: quotations in every mark family, cues in English and French, noise.

The texts look enough like articles to reach deep into attribution (cues,
names, pronouns, colon introductions, interview labels, paragraphs that run
on) and are broken enough to reach the error paths (stray and swapped
marks, control characters, lone surrogates, CRLF, right-to-left text,
emoji, very long runs). The words are invented for this purpose. Everything
is drawn from ``rng`` so that a failing text can be rebuilt from its seed.
"""

from __future__ import annotations

import random

__all__ = ["newslike_text", "check_quotes"]

MARKS = [
    ('"', '"'), ("\u201c", "\u201d"), ("\u00ab\u00a0", "\u00a0\u00bb"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
    ("\u2018", "\u2019"), ("\u2039", "\u203a"), ("\u00bb", "\u00ab"), ("\u201d", "\u201c"), ("\u201c", "\u201c"),
    ("'", "'"), ("\u2033", "\u2033"), ("\u201f", "\u201d"),
]
STRAY = list("\"\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019\u2039\u203a\u2033") + ["''", "``"]
SPEAKERS = [
    "Sviatlana Tsikhanouskaya", "Vladimir Putin", "Stephen Biegun", "Thibault Bret", "Anna Roy", "Ivan Petrov",
    "the spokeswoman", "a senior official", "the ministry", "Moscow", "the Kremlin", "she", "he", "they",
    "le ministre", "la porte-parole", "l'Elysée", "elle", "il", "Mme Roy", "M. Petrov", "the former", "the latter",
    "the company", "Ryanair", "the opposition leader", "un diplomate européen", "Dr. Olga Sidorova",
]
CUES_EN = ["said", "told reporters", "added", "wrote on Telegram", "said in a statement", "insisted", "warned", "asked"]
CUES_FR = ["a déclaré", "a-t-il ajouté", "a-t-elle dit", "a estimé", "affirme", "a écrit sur Telegram", "a lancé"]
WORDS = (
    "we will not give up the vote was stolen nothing has changed since Monday talks resume in Vilnius "
    "nous ne céderons pas le scrutin était truqué rien ne change la frontière reste fermée "
    "sanctions border crossing prisoners release election night protest strike factory"
).split()
NOISE = [
    "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", " \u2014 ", " \u2013 ", ": ", " : ", "; ", "...", "\u2026", "Q: ", "A: ",
    ">> Read also: ", "\u00c0 lire aussi : ", "<p>", "</p>", "&quot;", "\u00a0", "\u202f", "\u200b", "\ufeff",
    "\x00", "\x07", "\x1b[31m", "\ud800", "\udfff", "\U0001F600", "\U0001F1E7\U0001F1FE", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627", "\u202e", "e\u0301", "\u041f\u0440\u0438\u0432\u0435\u0442", "(AFP)", "[1]", "5'10\"",
]


def _words(rng: random.Random, low: int = 1, high: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if words and rng.random() < 0.5:
        words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice(["", ".", ",", "!", "?", "\u2026", " ."])


def _sentence(rng: random.Random) -> str:
    opening, closing = rng.choice(MARKS)
    quote = opening + _words(rng) + closing
    speaker = rng.choice(SPEAKERS)
    cue = rng.choice(CUES_FR if rng.random() < 0.4 else CUES_EN)
    form = rng.randrange(9)
    if form == 0:
        return f"{quote} {cue} {speaker}."
    if form == 1:
        return f"{speaker.capitalize()} {cue}: {quote}"
    if form == 2:
        return f"{quote}, {speaker} {cue}."
    if form == 3:
        return f"{speaker.capitalize()} {cue} the plan was {opening}{_words(rng, 1, 3)}{closing} and left."
    if form == 4:
        return f"{opening}{_words(rng)}, {cue} {speaker}. {_words(rng)}{closing}"
    if form == 5:
        return f"{speaker.capitalize()}: {quote}"
    if form == 6:
        return f"{opening}{_words(rng)}"  # a quotation that runs on (or lost its closing mark)
    if form == 7:
        return _words(rng, 3, 20)
    return rng.choice(STRAY) * rng.randint(1, 5) + " " + _words(rng, 0, 3)


def newslike_text(rng: random.Random) -> str:
    """One article-like text, from a few characters to a few thousand."""
    parts = []
    for _ in range(rng.randint(0, 14)):
        roll = rng.random()
        if roll < 0.6:
            parts.append(_sentence(rng))
        elif roll < 0.9:
            parts.append(rng.choice(NOISE))
        elif roll < 0.97:
            parts.append(rng.choice(STRAY) * rng.randint(1, 40))
        else:
            opening, closing = rng.choice(MARKS)
            depth = rng.randint(1, 30)
            parts.append(opening * depth + _words(rng) + closing * rng.randint(0, depth))
        parts.append(rng.choice([" ", " ", "\n\n", "\n", ""]))
    return "".join(parts)


def check_quotes(text: str, quotes: list) -> None:
    """Raise AssertionError if any quote breaks the offset contract of ``text``."""
    previous = (-1, -1)
    for q in quotes:
        assert isinstance(q.start, int) and isinstance(q.end, int), q
        assert 0 <= q.start < q.end <= len(text), (q.start, q.end, len(text))
        assert text[q.start : q.end] == q.text, (q.text, text[q.start : q.end])
        for start, end, shown in ((q.speaker_start, q.speaker_end, q.speaker_mention), (q.cue_start, q.cue_end, q.cue)):
            if start is not None:
                assert 0 <= start <= end <= len(text) and text[start:end] == shown, (start, end, shown)
        assert q.speaker is None or isinstance(q.speaker, str)
        assert q.speaker_confidence is None or 0.0 <= q.speaker_confidence <= 1.0
        assert (q.start, q.end) >= previous, "quotes out of text order"
        previous = (q.start, q.end)
