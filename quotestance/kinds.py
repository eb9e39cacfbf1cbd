"""Tell speech from the other uses of quote marks.

Quote marks also frame linked headlines (``>> Read also: "…"``), names of
works and operations (the "Union Shield" exercises) and scare quotes.
Those must not be attributed to anybody. The decision is made from the
surrounding characters and the cue lexicon, without a language model, so it
is cheap and predictable.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .cues import CueLexicon
from .spans import QuoteSpan

__all__ = ["SpanContext", "classify", "previous_sentence", "quote_context", "sentence_bounds", "span_of_quote"]

_HEADLINE_LEAD = re.compile(
    r"^\s*(?:>>|»»|>|→|►|▶|•)\s*\S"
    r"|^\s*(?:to\s+read\s+also|read\s+also|also\s+read|see\s+also|read\s+more|related(?:\s+article)?|"
    r"more\s+on\s+this|watch|listen|à\s+lire\s+(?:aussi|également)|a\s+lire\s+(?:aussi|également)|"
    r"lire\s+(?:aussi|également)|(?:à\s+)?voir\s+(?:aussi|également)|sur\s+le\s+même\s+sujet|"
    r"lire\s+la\s+suite)\s*:",
    re.IGNORECASE,
)
_NAMING = re.compile(
    r"(?:called|named|dubbed|titled|entitled|known\s+as|so-called|nicknamed|branded|codenamed|code-named|"
    r"operation|opération|baptisée?s?|intitulée?s?|appelée?s?|surnommée?s?|nommée?s?|dénommée?s?|hashtag|"
    r"slogan|mot\s+d['’]ordre)\s*$",
    re.IGNORECASE,
)
_PERSONAL_START = re.compile(r"^(?:I|We|You|My|Our|Je|J['’]|Nous|Vous|Mon|Ma|Mes|Notre|Nos)\b")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»’)]*\s+")
#: Longest fragment still read as a scare quote when no cue is near.
SCARE_MAX_WORDS = 3
#: Longest capitalised fragment read as the name of a work or an operation.
TITLE_MAX_WORDS = 7
#: Longest quotation inside a sentence that is a ``fragment``: one or two words ("called it
#: "rigged"") are as often a term the writer borrows as speech, so they come only when asked for.
FRAGMENT_MAX_WORDS = 2


@dataclass(frozen=True)
class SpanContext:
    """Where a span sits: its paragraph and its sentence (character offsets)."""

    paragraph: tuple[int, int]
    sentence: tuple[int, int]


#: Words whose final full stop does not end a sentence (lower-case, no dot).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr mt ft no nos vs etc inc corp co ltd "
    "jan feb mar apr aug sept sep oct nov dec a.m p.m u.s u.k u.n e.u d.c m mme mlle mm me pr ste av cf vol "
    "approx dept est fig min max".split()
)


def _is_sentence_end(text: str, m: re.Match[str]) -> bool:
    """A full stop after an abbreviation or an initial ("Mr.", "J.") ends nothing."""
    if text[m.start()] != ".":
        return True
    if ")" in text[m.start() + 1 : m.end()]:
        return False  # "(D-Wis.) said": a full stop inside a parenthesis
    i = m.start()
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:i].lower()
    if not word:
        return True
    if len(word) == 1 and text[j].isupper():
        return False  # an initial
    return word not in ABBREVIATIONS


#: How far from a quotation its sentence may reach, in characters: a paragraph without full
#: stops (a flattened page, a list of reactions) must not make every window the whole paragraph.
SENTENCE_WINDOW = 600
_FINAL_INSIDE = re.compile(r"[.!?\u2026][\s\u00a0\u202f]*$")
_NEW_SENTENCE_AFTER = re.compile(r"[ \t\u00a0\u202f]+(?=[A-ZÀ-Ý\"“«„‘])")


def sentence_bounds(text: str, span: QuoteSpan, paragraph: tuple[int, int]) -> tuple[int, int]:
    """The sentence around a span, not counting sentence ends inside the quote.

    A quotation that ends its own sentence ("We will see.") and is followed
    by a capital or another quotation ends the sentence at its closing mark:
    in '"We will see." Putin said: "No."', "Putin said" introduces the next
    quotation, not this one.
    """
    p_start, p_end = paragraph
    open_at = span.open_mark if span.open_mark is not None else span.start
    close_at = span.close_mark + 1 if span.close_mark is not None else span.end
    window_start = max(p_start, open_at - SENTENCE_WINDOW)
    start = window_start if window_start == p_start else _word_start(text, window_start, open_at)
    for m in _SENTENCE_END.finditer(text, window_start, open_at):
        if _is_sentence_end(text, m):
            start = m.end()
    window_end = min(p_end, close_at + SENTENCE_WINDOW)
    end = window_end
    if span.close_mark is not None and _FINAL_INSIDE.search(text, span.start, span.end) and _NEW_SENTENCE_AFTER.match(text, close_at):
        return start, close_at
    for m in _SENTENCE_END.finditer(text, close_at, window_end):
        if _is_sentence_end(text, m):
            end = m.start() + 1
            break
    return start, max(end, close_at)


def _word_start(text: str, pos: int, limit: int) -> int:
    """The first word boundary at or after ``pos`` (not past ``limit``)."""
    while pos < limit and not text[pos - 1].isspace():
        pos += 1
    return pos


def previous_sentence(
    text: str, paragraphs: list[tuple[int, int]], ctx: SpanContext, span: QuoteSpan
) -> tuple[int, int] | None:
    """The sentence just before the one holding ``span``.

    When the quotation opens its paragraph, that is the last sentence of
    the paragraph before (a colon introduction, or the sentence that names
    the speaker); otherwise the previous sentence of the same paragraph.
    """
    p_start, _ = ctx.paragraph
    open_at = span.open_mark if span.open_mark is not None else span.start
    if text[p_start:open_at].strip():
        end = ctx.sentence[0]
        if end <= p_start:
            return None
        start = p_start
    else:
        k = bisect.bisect_left(paragraphs, (p_start, -1))
        if not k or k >= len(paragraphs) or paragraphs[k][0] != p_start:
            return None
        start, end = paragraphs[k - 1]
    start = max(start, end - SENTENCE_WINDOW)
    begin = start
    for m in _SENTENCE_END.finditer(text, start, max(start, end - 1)):
        if _is_sentence_end(text, m) and m.end() < end:
            begin = m.end()
    return (begin, end) if end > begin else None


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", s)


def _is_title_case(words: list[str]) -> bool:
    small = {"of", "the", "a", "an", "and", "for", "in", "on", "to", "de", "la", "le", "du", "des", "et", "d"}
    major = [w for w in words if w.lower() not in small]
    return bool(major) and all(w[0].isupper() or w[0].isdigit() for w in major)


def classify(text: str, span: QuoteSpan, ctx: SpanContext, lexicon: CueLexicon) -> tuple[str, str]:
    """Return ``(kind, reason)`` for a span: direct, partial, fragment, headline, title, scare or other."""
    p_start, _ = ctx.paragraph
    open_at = span.open_mark if span.open_mark is not None else span.start
    close_at = span.close_mark + 1 if span.close_mark is not None else span.end
    # Only the last SENTENCE_WINDOW characters before the mark count: every quotation of a
    # paragraph without line breaks would otherwise rescan the paragraph from its start.
    window = max(p_start, open_at - SENTENCE_WINDOW)
    line_start = text.rfind("\n", window, open_at) + 1 or window
    lead = text[line_start:open_at]
    if (line_start > window or window == p_start) and _HEADLINE_LEAD.match(lead):
        return "headline", "linked-headline lead"
    content = text[span.start : span.end]
    if not any(ch.isalpha() for ch in content):
        return "other", "no words between the marks"
    if span.open_mark is not None and text[max(0, span.open_mark - 1) : span.open_mark] == "=":
        return "other", "markup attribute value"
    if span.open_mark is None or span.incise is not None or "continues" in span.flags:
        return "direct", "paragraph quotation"
    before = lead.rstrip(" \t\u00a0\u202f")
    prev = before[-1:] if before else ""
    words = _words(content)
    sentence = text[ctx.sentence[0] : open_at] + " " + text[close_at : ctx.sentence[1]]
    has_cue = bool(lexicon.cue_pattern.search(sentence))
    if _NAMING.search(before):
        if len(words) <= TITLE_MAX_WORDS + 3:
            return "title", "introduced by a naming word"
    mid_sentence = bool(prev) and (prev.isalnum() or prev in "'’-")
    if not mid_sentence:
        return "direct", "sentence-initial quotation"
    # Mid-sentence: a fragment. Is it somebody's words?
    previous_word = _words(before)[-1:] if _words(before) else []
    after_cue = bool(previous_word) and bool(lexicon.cue_pattern.fullmatch(previous_word[0]))
    capitalised = bool(words) and (words[0][0].isupper() or words[0][0].isdigit())
    if (
        capitalised
        and not after_cue
        and len(words) <= TITLE_MAX_WORDS
        and not _PERSONAL_START.match(content)
        and not re.search(r"[!?]|[.,;:]\s", content.rstrip(".,"))
    ):
        return "title", "capitalised name inside a sentence"
    exclaimed = content.rstrip().endswith(("!", "?"))  # "chanted "Go away!"": a whole utterance, however short
    if not has_cue and len(words) <= SCARE_MAX_WORDS and not exclaimed:
        return "scare", "short fragment with no reporting cue"
    if len(words) <= FRAGMENT_MAX_WORDS and not exclaimed:
        return "fragment", "one or two words inside a sentence"
    return "partial", "fragment inside a sentence"


_MARK_CHARS = set("\"“”„«»‹›‘’\u201f")
_PAD = set(" \u00a0\u202f\u2009")


def span_of_quote(text: str, start: int, end: int, group: int = 0) -> QuoteSpan:
    """A scanner-like span for any quotation (from any extractor): its marks found next to it, if any."""
    open_at = start
    while open_at > 0 and text[open_at - 1] in _PAD:
        open_at -= 1
    open_mark = open_at - 1 if open_at > 0 and text[open_at - 1] in _MARK_CHARS else None
    close_at = end
    while close_at < len(text) and text[close_at] in _PAD:
        close_at += 1
    close_mark = close_at if close_at < len(text) and text[close_at] in _MARK_CHARS else None
    return QuoteSpan(start, end, open_mark, close_mark, group=group)


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    return p_start, len(text) if p_end < 0 else p_end


def quote_context(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around any quotation (from any extractor), quote marks and attribution included."""
    return sentence_bounds(text, span_of_quote(text, start, end), paragraph_around(text, start, end))
