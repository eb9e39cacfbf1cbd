"""Any Python string in, offsets into that same string out.

Text scraped from the web carries lone surrogates (half of an emoji cut by
a byte-level truncation), control characters and byte-order marks. spaCy
cannot encode a lone surrogate, and a byte-order mark glued to a name
becomes part of the speaker. Each such character is replaced by one
character the models read as harmless, so the cleaned text has exactly the
length of the caller's and every offset computed on it points at the same
place in the original; :func:`restored` then copies the caller's characters
back into the quote texts. For the same reason a run of more than
:data:`LONGEST_WORD` characters without a space (thousands of quote marks
in a row, an inlined image) gets a space every so often: spaCy's tokenizer
takes time quadratic in the length of one such "word".
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import Analysis
    from .types import Quote

__all__ = ["model_safe", "restored", "for_display", "storable", "REPLACEMENT"]

#: What a lone surrogate becomes for the models (one code point, like the surrogate).
REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 and C1 control characters other than tab and line breaks, the byte-order mark and
#: the other zero-width formatting characters that glue onto words: read as a space.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b\u2060]")


#: What a terminal must not receive from a scraped text: control characters (escape
#: sequences start with one) and the bidirectional overrides that reorder a line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u200b\u2060]")


def storable(text: str) -> str:
    """``text`` that UTF-8 can encode: every lone surrogate becomes U+FFFD, one character for one."""
    return _SURROGATE.sub(REPLACEMENT, text)


def for_display(text: str, keep_lines: bool = False) -> str:
    """``text`` safe to print on a terminal or a page: every control character becomes a space.

    ``keep_lines`` keeps line breaks and tabs (an article's layout).
    """
    safe = storable(text)
    if keep_lines:
        return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in "\n\t" else " ", safe.replace("\r\n", "\n").replace("\r", "\n"))
    return _UNPRINTABLE.sub(" ", safe)


#: Longest run of characters without a space that reaches the tokenizer whole (real words and URLs are far shorter).
LONGEST_WORD = 400
_LONG_RUN = re.compile(r"\S{%d}" % LONGEST_WORD)


def model_safe(text: str) -> str:
    """``text`` with every character the models must not see replaced, one for one."""
    safe = _INVISIBLE.sub(" ", storable(text))
    return _LONG_RUN.sub(lambda m: m.group()[:-1] + " ", safe) if len(safe) >= LONGEST_WORD else safe


def _quote_in(original: str, quote: "Quote") -> "Quote":
    def piece(start: int | None, end: int | None, value: str | None) -> str | None:
        return original[start:end] if value is not None and start is not None and end is not None else value

    return dataclasses.replace(
        quote,
        text=original[quote.start : quote.end],
        speaker_mention=piece(quote.speaker_start, quote.speaker_end, quote.speaker_mention),
        cue=piece(quote.cue_start, quote.cue_end, quote.cue),
    )


def restored(result: "Analysis", original: str) -> "Analysis":
    """An analysis of ``model_safe(original)`` made to speak of ``original`` again."""
    if result.text == original:
        return result
    return dataclasses.replace(
        result,
        text=original,
        quotes=[_quote_in(original, q) for q in result.quotes],
        nonspeech=[_quote_in(original, q) for q in result.nonspeech],
    )
