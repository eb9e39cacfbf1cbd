"""Quote-mark scanner: pairs quote marks in raw text, with no language model.

Real news text is messy (machine translation swaps ``“`` and ``”``, drops an
opening mark, runs a quotation over several paragraphs), so the scanner pairs
marks paragraph by paragraph with a small stack, using each mark's glyph and
what stands on either side of it ("flanking") to decide whether it opens or
closes. What it cannot pair is reported as a :class:`Diagnostic`, never
raised: one bad mark must not cost the rest of the article.

The scanner runs in linear time in the length of the text: every mark is
pushed and popped at most once, and the only look-ahead (how many marks that
could still close remain in the paragraph) is a precomputed suffix count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Literal

from .errors import InputError
from .types import Diagnostic

__all__ = ["QuoteSpan", "ScanResult", "scan", "paragraphs", "DOUBLE_MARKS", "SINGLE_MARKS"]

Direction = Literal["open", "close", "either"]

#: Marks of the first level, with the direction their glyph suggests.
DOUBLE_MARKS: dict[str, Direction] = {
    '"': "either",
    "\u201c": "open",  # “ (closes in German „…“; flanking decides)
    "\u201d": "close",  # ”
    "\u201e": "open",  # „
    "\u00ab": "open",  # «
    "\u00bb": "close",  # »
    "\u201f": "open",  # ‟
    "\u2033": "either",  # ″ used as a quote by some OCR and MT output
}
#: Marks of the second level; ``’`` is far more often an apostrophe.
SINGLE_MARKS: dict[str, Direction] = {
    "\u2018": "open",  # ‘
    "\u2019": "close",  # ’
    "\u2039": "open",  # ‹
    "\u203a": "close",  # ›
    "\u201a": "open",  # ‚
}
_ALL_MARKS = "".join(DOUBLE_MARKS) + "".join(SINGLE_MARKS)
_MARK_RE = re.compile("[" + re.escape(_ALL_MARKS) + "]")

_LEFT_BOUNDARY = set("([{<\u2014\u2013-/\u2012\u2015") | {"\u2026"}
_RIGHT_BOUNDARY = set(".,;:!?)]}>\u2014\u2013-/\u2026") | {"\u00a0", "\u202f"}
_CLOSING_PUNCT = set(".,;:!?\u2026")
_SPACE_CHARS = " \t\r\n\u00a0\u202f\u2009\u2007\u200a\u3000\ufeff"


@dataclass(frozen=True)
class QuoteSpan:
    """A stretch of text between quote marks, as the scanner paired it.

    ``start``/``end`` delimit the content without marks or surrounding
    whitespace; ``open_mark``/``close_mark`` are the offsets of the marks
    (``None`` where the mark was lost and inferred). Pieces of one quotation
    (paragraphs of a long quote, the two halves around a French incise) share
    a ``group``.
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    level: Literal["double", "single"] = "double"
    group: int = 0
    flags: frozenset[str] = field(default_factory=frozenset)
    incise: tuple[int, int] | None = None


@dataclass
class ScanResult:
    """Top-level spans in text order, nested spans, and what went unpaired."""

    spans: list[QuoteSpan]
    nested: list[QuoteSpan]
    diagnostics: list[Diagnostic]


@dataclass
class _Mark:
    pos: int
    char: str
    direction: Direction
    punct_before: bool  # a sentence-internal punctuation mark ends the text before it


def _direction(text: str, pos: int, glyph: Direction) -> Direction:
    """Decide open/close from flanking, falling back on the glyph."""
    prev = text[pos - 1] if pos > 0 else None
    nxt = text[pos + 1] if pos + 1 < len(text) else None
    left_open = prev is None or prev in _SPACE_CHARS or prev in _LEFT_BOUNDARY
    right_open = nxt is None or nxt in _SPACE_CHARS or nxt in _RIGHT_BOUNDARY
    if left_open and not right_open:
        return "open"
    if right_open and not left_open:
        return "close"
    return glyph


def _before_spaces(text: str, pos: int) -> tuple[str, int]:
    """The character before ``pos`` once up to three spaces are skipped, and how many were ("" at the start)."""
    i = pos - 1
    steps = 0
    while i >= 0 and text[i] in _SPACE_CHARS and steps < 3:
        i -= 1
        steps += 1
    return (text[i] if i >= 0 else ""), steps


def _after_sentence_end(text: str, pos: int) -> bool:
    """True when a full stop, ! ? or … and then at least one space stand just before ``pos``."""
    char, steps = _before_spaces(text, pos)
    return steps > 0 and char in _SENTENCE_FINAL


def _punct_before(text: str, pos: int) -> bool:
    """True when the text before ``pos`` (skipping spaces) ends in , . ! ? …"""
    char, _ = _before_spaces(text, pos)
    return char in _CLOSING_PUNCT


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every paragraph, as the scanner and attribution see them.

    A line break ends a paragraph, except in hard-wrapped text (most lines of
    similar width), where only blank lines do, and around a quote mark that
    stands alone on its line: scraped pages often put each mark of a
    quotation on a line of its own, with the words on the lines between, and
    those lines are one paragraph (see :func:`_join_lone_marks`).
    """
    return _join_broken_lines(text, _join_lone_marks(text, list(_line_paragraphs(text))))


def _line_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    lines = text.split("\n")
    lengths = [len(line) for line in lines if line.strip()]
    wrapped = False
    if len(lengths) >= 5:
        longest = max(lengths)
        near_width = sum(1 for n in lengths if n >= 0.75 * longest)
        wrapped = longest <= 120 and near_width >= 0.6 * len(lengths)
    separator = re.compile(r"\n[ \t\u00a0\u202f]*\n\s*" if wrapped else r"\n+")
    pos = 0
    for m in separator.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


#: How many lines of words may stand between two lone quote marks of one quotation.
MAX_LONE_MARK_LINES = 12
_SENTENCE_FINAL = set(".!?\u2026")


def _join_lone_marks(text: str, pars: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a quote mark alone on its line with the words it encloses and the clause around it.

    An opening lone mark is paired with the next lone mark that can close
    (at most :data:`MAX_LONE_MARK_LINES` lines on), and every line between
    them becomes one paragraph; without a partner, a lone mark joins the
    line it faces. The line before joins too unless it ends a sentence
    ("He said:" does not), and the line after joins when the quotation's
    words end without a full stop or it starts in lower case (", she
    added"). Each paragraph is looked at a bounded number of times, so this
    stays linear.
    """
    lone = [_lone_mark(text, p) for p in pars]
    if not any(lone):
        return pars
    out: list[tuple[int, int]] = []
    i = 0
    n = len(pars)
    while i < n:
        glyph = lone[i]
        if glyph is None:
            out.append(pars[i])
            i += 1
            continue
        first, last = i, i
        if DOUBLE_MARKS.get(glyph) != "close":
            partner = next(
                (j for j in range(i + 1, min(n, i + 2 + MAX_LONE_MARK_LINES)) if DOUBLE_MARKS.get(lone[j] or "") not in {None, "open"}),
                None,
            )
            last = partner if partner is not None else min(i + 1, n - 1)
        elif out:
            # A closing mark with no lone opener ends the line before.
            out[-1] = (out[-1][0], pars[i][1])
            i += 1
            continue
        start, end = pars[first][0], pars[last][1]
        if out and not _ends_sentence(text, out[-1]):
            start = out.pop()[0]
        if last + 1 < n and lone[last + 1] is None and _continues(text, pars[last - 1] if last > first else pars[last], pars[last + 1]):
            last += 1
            end = pars[last][1]
        out.append((start, end))
        i = last + 1
    return out


def _join_broken_lines(text: str, pars: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line to the one before when a sentence was broken between them.

    Scraped pages break lines in mid-sentence ("said the\nthree laureates");
    a line that starts in lower case after a line that ends without a full
    stop, or after a comma, carries on the sentence before it.
    """
    out: list[tuple[int, int]] = []
    for start, end in pars:
        if out and start - out[-1][1] <= 2 and "\n\n" not in text[out[-1][1] : start]:
            before = text[out[-1][0] : out[-1][1]].rstrip(_SPACE_CHARS)
            after = text[start:end].lstrip(_SPACE_CHARS)
            if before and after and _lone_mark(text, out[-1]) is None and _lone_mark(text, (start, end)) is None and (before[-1] == "," or (after[0].islower() and before[-1] not in _SENTENCE_FINAL and before[-1] not in ":;")):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _lone_mark(text: str, paragraph: tuple[int, int]) -> str | None:
    """The double quote mark a paragraph consists of, if it holds nothing else."""
    content = text[paragraph[0] : paragraph[1]].strip(_SPACE_CHARS)
    return content if len(content) == 1 and content in DOUBLE_MARKS else None


def _ends_sentence(text: str, paragraph: tuple[int, int]) -> bool:
    content = text[paragraph[0] : paragraph[1]].rstrip(_SPACE_CHARS + "\"\u201d\u00bb\u2019)")
    return not content or content[-1] in _SENTENCE_FINAL


def _continues(text: str, words: tuple[int, int], following: tuple[int, int]) -> bool:
    """Does the line after a quotation carry on its sentence (", she said")?"""
    nxt = text[following[0] : following[1]].lstrip(_SPACE_CHARS)
    return not _ends_sentence(text, words) or (bool(nxt) and (nxt[0].islower() or nxt[0] in ",;\u2014\u2013-"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE_CHARS:
        start += 1
    while end > start and text[end - 1] in _SPACE_CHARS:
        end -= 1
    return start, end


class _Scanner:
    def __init__(self, text: str, incise: re.Pattern[str] | None) -> None:
        self.text = text
        self.incise = incise
        self.nested: list[QuoteSpan] = []
        self.diagnostics: list[Diagnostic] = []
        self.group = 0

    # -- helpers -------------------------------------------------------
    def diag(self, code: str, offset: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(code, offset, message))

    def emit(
        self,
        start: int,
        end: int,
        open_mark: int | None,
        close_mark: int | None,
        level: Literal["double", "single"],
        flags: set[str],
        group: int | None = None,
    ) -> QuoteSpan | None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return None
        if group is None:
            self.group += 1
            group = self.group
        span = QuoteSpan(start, end, open_mark, close_mark, level, group, frozenset(flags))
        return span

    # -- double-level pairing -------------------------------------------
    def pair_paragraph(
        self, p_start: int, p_end: int, marks: list[_Mark], next_opens: bool, carried_group: int | None
    ) -> tuple[list[QuoteSpan], int | None]:
        """Pair first-level marks in one paragraph.

        ``next_opens`` says whether the next paragraph starts with an
        opening mark (the convention for a quotation running on);
        ``carried_group`` is the group of a quotation running on from the
        previous paragraph. Returns the spans and the group to carry on.
        """
        text = self.text
        out: list[QuoteSpan] = []
        # closers_after[i]: marks after i that could close a quotation
        closers_after = [0] * (len(marks) + 1)
        for i in range(len(marks) - 1, -1, -1):
            closers_after[i] = closers_after[i + 1] + (marks[i].direction != "open")
        stack: list[tuple[_Mark, set[str]]] = []
        seen_any = False
        carry: int | None = None

        #: The group of the quotation an opening mark carries on (see the run-on case below).
        runs_on: dict[int, int] = {}

        def group_of(opener: _Mark) -> int | None:
            if opener is first_mark and carried_group is not None:
                return carried_group
            return runs_on.get(opener.pos)

        def close(opener: _Mark, closer: _Mark, flags: set[str]) -> None:
            group = group_of(opener)
            span = self.emit(opener.pos + 1, closer.pos, opener.pos, closer.pos, "double", flags, group)
            if span is not None:
                if stack:  # still inside an outer quotation
                    self.nested.append(span)
                else:
                    out.append(span)

        first_mark = marks[0] if marks else None
        for i, mark in enumerate(marks):
            later_closers = closers_after[i + 1]
            if not stack:
                if mark.direction == "close" and not seen_any and mark.punct_before:
                    # A lost opening mark: the quotation starts the paragraph.
                    span = self.emit(p_start, mark.pos, None, mark.pos, "double", {"lost-opening"})
                    if span is not None:
                        out.append(span)
                        self.diag("lost-opening", mark.pos, "closing mark with no opening mark; quotation taken from the paragraph start")
                elif mark.direction == "close" and mark.char == '"' and text[mark.pos - 1 : mark.pos].isdigit():
                    pass  # an inch or second mark (5'10"), not a quotation
                elif mark.direction == "close":
                    self.diag("unpaired-closing", mark.pos, f"closing mark {mark.char!r} with nothing open")
                else:
                    stack.append((mark, set()))
                seen_any = True
                continue
            opener, flags = stack[-1]
            if mark.direction != "open":
                stack.pop()
                if _family_mismatch(opener.char, mark.char):
                    flags.add("mismatched")
                close(opener, mark, flags)
                continue
            # An opening-looking mark while a quotation is open. After a full
            # stop and a space it carries the quotation on: the convention of a
            # quotation running over paragraphs, whose line breaks a flattened
            # page has lost ("… in Belarus.  “Nobody …”"). Otherwise a nested
            # quotation if enough closers remain, else a closer typed the
            # wrong way round (“…“) when punctuation ends the words before it,
            # else the open quotation lost its closing mark.
            if len(stack) == 1 and _after_sentence_end(text, mark.pos):
                stack.pop()
                span = self.emit(opener.pos + 1, mark.pos, opener.pos, None, "double", flags | {"continues"}, group_of(opener))
                if span is not None:
                    out.append(span)
                    runs_on[mark.pos] = span.group
                stack.append((mark, set()))
            elif later_closers >= len(stack) + 1:
                stack.append((mark, set()))
            elif mark.punct_before:
                stack.pop()
                flags.add("mismatched")
                self.diag("mismatched-pair", mark.pos, f"{mark.char!r} read as a closing mark")
                close(opener, mark, flags)
            else:
                stack.pop()
                end = _last_sentence_end(text, opener.pos + 1, mark.pos)
                flags.add("lost-closing")
                self.diag("lost-closing", opener.pos, "opening mark never closed; quotation ended at the last sentence end")
                span = self.emit(opener.pos + 1, end, opener.pos, None, "double", flags)
                if span is not None:
                    (self.nested if stack else out).append(span)
                stack.append((mark, set()))
        # Unclosed at the end of the paragraph.
        if stack:
            opener, flags = stack[0]
            for extra, _ in stack[1:]:
                self.diag("unpaired-opening", extra.pos, f"opening mark {extra.char!r} never closed")
            group = group_of(opener)
            if next_opens:
                flags.add("continues")
            else:
                flags.add("lost-closing")
                self.diag("lost-closing", opener.pos, "opening mark never closed; quotation taken to the paragraph end")
            span = self.emit(opener.pos + 1, p_end, opener.pos, None, "double", flags, group)
            if span is not None:
                out.append(span)
                if next_opens:
                    carry = span.group
        return out, carry

    # -- single-level pairing -------------------------------------------
    def pair_singles(self, p_start: int, p_end: int) -> list[QuoteSpan]:
        """Pair ‘…’ and ‹…› marks; ’ between letters is an apostrophe."""
        text = self.text
        out: list[QuoteSpan] = []
        stack: list[int] = []
        for m in _MARK_RE.finditer(text, p_start, p_end):
            ch = m.group()
            if ch not in SINGLE_MARKS:
                continue
            pos = m.start()
            prev = text[pos - 1] if pos > 0 else ""
            nxt = text[pos + 1] if pos + 1 < len(text) else ""
            if prev.isalnum() and nxt.isalnum():
                continue  # don’t, Belarus’s
            direction = _direction(text, pos, SINGLE_MARKS[ch])
            if ch in "\u2019\u203a" or (direction == "close" and ch != "\u2018"):
                if stack and not (prev in _SPACE_CHARS):
                    opener = stack.pop()
                    span = self.emit(opener + 1, pos, opener, pos, "single", set())
                    if span is not None:
                        out.append(span)
                continue
            if direction == "open" or ch in "\u2018\u2039\u201a":
                if nxt and nxt not in _SPACE_CHARS and not (prev.isalnum()):
                    stack.append(pos)
        return out

    # -- incises ---------------------------------------------------------
    def split_incise(self, span: QuoteSpan) -> list[QuoteSpan]:
        """Split ``« …, a-t-il ajouté. … »`` into the quoted pieces."""
        if self.incise is None:
            return [span]
        pieces: list[QuoteSpan] = []
        rest = span
        while True:
            m = self.incise.search(self.text, rest.start, rest.end)
            if m is None:
                break
            before = _trim(self.text, rest.start, m.start())
            after = _trim(self.text, m.end(), rest.end)
            if before[1] <= before[0] or after[1] <= after[0]:
                break
            incise = _trim(self.text, m.start(), m.end())
            flags = rest.flags | {"incise"}
            pieces.append(QuoteSpan(before[0], before[1], rest.open_mark, None, rest.level, rest.group, flags, incise))
            rest = QuoteSpan(after[0], after[1], None, rest.close_mark, rest.level, rest.group, flags, incise)
        pieces.append(rest)
        return pieces

    # -- driver ------------------------------------------------------------
    def run(self) -> ScanResult:
        text = self.text
        pars = paragraphs(text)
        marks_by_par: list[list[_Mark]] = []
        for p_start, p_end in pars:
            marks = []
            for m in _MARK_RE.finditer(text, p_start, p_end):
                ch = m.group()
                if ch in DOUBLE_MARKS:
                    marks.append(_Mark(m.start(), ch, _direction(text, m.start(), DOUBLE_MARKS[ch]), _punct_before(text, m.start())))
            marks_by_par.append(marks)
        carried: int | None = None
        doubles: list[QuoteSpan] = []
        for idx, (p_start, p_end) in enumerate(pars):
            nxt_opens = False
            if idx + 1 < len(pars) and marks_by_par[idx + 1]:
                first = marks_by_par[idx + 1][0]
                nxt_opens = first.direction != "close" and first.pos == _trim(text, *pars[idx + 1])[0]
            spans, carried = self.pair_paragraph(p_start, p_end, marks_by_par[idx], nxt_opens, carried)
            doubles.extend(spans)
        singles: list[QuoteSpan] = []
        for p_start, p_end in pars:
            singles.extend(self.pair_singles(p_start, p_end))
        spans = _merge_levels(doubles, singles, self.nested, self.diagnostics)
        final: list[QuoteSpan] = []
        for span in spans:
            final.extend(self.split_incise(span))
        self.nested.sort(key=lambda s: s.start)
        self.diagnostics.sort(key=lambda d: d.offset)
        return ScanResult(final, self.nested, self.diagnostics)


def _family_mismatch(open_char: str, close_char: str) -> bool:
    expected = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", '"': '"', "\u201f": "\u201d"}
    allowed = expected.get(open_char)
    return allowed is not None and close_char not in allowed


def _last_sentence_end(text: str, start: int, limit: int) -> int:
    """Offset just after the last . ! ? … between start and limit, else limit.

    Only the stretch between two marks is searched, so over a whole
    paragraph this stays linear.
    """
    for i in range(limit - 1, start - 1, -1):
        if text[i] in ".!?\u2026":
            return i + 1
    return limit


def _merge_levels(
    doubles: list[QuoteSpan], singles: list[QuoteSpan], nested: list[QuoteSpan], diagnostics: list[Diagnostic]
) -> list[QuoteSpan]:
    """Keep outermost spans; spans inside another become nested ones.

    Within a level spans do not overlap, so once all are sorted by start
    (longest first) one pass against the last kept span is enough.
    """
    merged = sorted(doubles + singles, key=lambda s: (s.start, -s.end))
    out: list[QuoteSpan] = []
    for span in merged:
        if out and span.start < _outer_end(out[-1]):
            if span.end <= _outer_end(out[-1]):
                nested.append(span)
            else:
                diagnostics.append(Diagnostic("overlap", span.start, "quotation overlaps another one and was dropped"))
            continue
        out.append(span)
    return out


def _outer_end(span: QuoteSpan) -> int:
    return span.close_mark + 1 if span.close_mark is not None else span.end


def scan(text: str, incise: re.Pattern[str] | None = None) -> ScanResult:
    """Pair the quote marks of ``text``.

    Args:
        text: any string; nothing in it makes the scanner raise.
        incise: a compiled pattern matching a reporting incise inside a
            quotation (``, a-t-il ajouté.``); where it matches inside a span,
            the span is split around it. ``None`` disables splitting.

    Returns:
        A :class:`ScanResult` whose spans satisfy
        ``text[s.start:s.end]`` being the quoted words, without marks.
    """
    if not isinstance(text, str):
        raise InputError(f"scan() needs a str, got {type(text).__name__}")
    return _Scanner(text, incise).run()
