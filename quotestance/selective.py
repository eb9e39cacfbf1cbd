"""Parse only what attribution needs.

Most paragraphs of a news article hold no quotation, and the statistical
pipeline (tagger, parser, entity recogniser) is most of the cost of an
analysis. The scanner is cheap and runs first; the full pipeline then runs
on the paragraphs that hold a quotation, the paragraph before each (where
colon introductions, the sentence naming the speaker and the antecedents
of "she said" stand) and the article's lead (where the people and bodies it
quotes are introduced with their roles). The other paragraphs are only
tokenised and split into sentences, with a flat parse of their own (the
entity memory still finds the people named there by a given name, from
capitalisation alone), so that every offset, sentence and paragraph of the
document is where a full parse puts it; all the pieces are joined into one
:class:`~spacy.tokens.Doc` over the whole text.

The selection is a trade of a little attribution context for time; its
effect on attribution is measured on the shared and authored sets (see the
closing note of the speed issue), and ``parse="full"`` turns it off. It
applies only when the quotations asked for are those between quote marks:
with ``indirect`` (reported speech, from a plugin) the whole text is parsed.
The joined document carries the standard token annotations (tags, parts of
speech, morphology, lemmas, dependencies, entities); a custom pipeline whose
components set other attributes for their own use needs ``parse="full"``.
"""

from __future__ import annotations

import bisect
import logging
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Literal, Sequence

from .spans import paragraphs as split_paragraphs, scan

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "ParseMode", "PARSE_MODES", "MARKED_KINDS", "LEAD_PARAGRAPHS",
    "check_parse_mode", "effective_mode", "regions", "parse_documents",
]

log = logging.getLogger("quotestance")

ParseMode = Literal["selective", "full"]
PARSE_MODES: tuple[str, ...] = ("selective", "full")
#: Paragraphs at the top of an article always parsed: the lead introduces the people it will quote.
LEAD_PARAGRAPHS = 3
#: Longest piece of text given to spaCy at once, in characters. Longer texts (a whole site
#: flattened into one "article") are cut at a paragraph, sentence or word boundary and joined
#: again, so that memory stays bounded, time stays linear and spaCy's ``max_length`` never
#: applies. Real articles are far shorter and are parsed whole.
PIECE_CHARS = 100_000
#: Characters of text parsed in one ``Language.pipe`` batch at most.
BATCH_CHARS = 200_000


def check_parse_mode(mode: object) -> None:
    """Refuse an unknown parse mode before any document is read."""
    if mode not in PARSE_MODES:
        from .errors import InputError

        raise InputError(f"parse must be one of {', '.join(map(repr, PARSE_MODES))}, got {mode!r}")


#: The kinds that the quote-mark scanner finds: only they are sure to be found in the paragraphs it selects.
MARKED_KINDS = frozenset({"direct", "partial", "fragment"})


def effective_mode(mode: ParseMode, kinds: Iterable[str]) -> ParseMode:
    """``"full"`` when other kinds are asked for: reported speech without quote marks stands in any paragraph."""
    wanted = {kinds} if isinstance(kinds, str) else set(kinds)
    return mode if wanted <= MARKED_KINDS else "full"


def regions(text: str, incise: re.Pattern[str] | None) -> list[tuple[int, int, bool]]:
    """The text cut into consecutive ``(start, end, parse)`` pieces that cover it exactly."""
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return [(0, len(text), True)] if text else []
    starts = [p[0] for p in paragraphs]
    wanted = [False] * len(paragraphs)
    for k in range(min(LEAD_PARAGRAPHS, len(paragraphs))):
        wanted[k] = True
    for span in scan(text, incise).spans:
        opening = span.open_mark if span.open_mark is not None else span.start
        k = max(0, bisect.bisect_right(starts, opening) - 1)
        last = max(0, bisect.bisect_right(starts, max(opening, span.end - 1)) - 1)
        for j in range(k, last + 1):
            wanted[j] = True
        if k > 0:
            wanted[k - 1] = True  # where the speaker is introduced, or the antecedent of "she said" stands
    pieces: list[tuple[int, int, bool]] = []
    for k, parse in enumerate(wanted):
        start = 0 if k == 0 else paragraphs[k][0]
        end = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else len(text)
        if pieces and pieces[-1][2] == parse:
            pieces[-1] = (pieces[-1][0], end, parse)
        else:
            pieces.append((start, end, parse))
    return pieces


def parse_documents(
    nlp: "Language", texts: Sequence[str], incise: re.Pattern[str] | None, mode: ParseMode = "selective"
) -> Iterator["Doc"]:
    """Parse ``texts`` with ``nlp`` in ``pipe`` batches, fully or selectively, in order."""
    cuts = [_bounded(text, regions(text, incise) if mode == "selective" else [(0, len(text), True)]) for text in texts]
    parsed = _piped(nlp, (text[s:e] for text, pieces in zip(texts, cuts) for s, e, parse in pieces if parse))
    for text, pieces in zip(texts, cuts):
        if not pieces:
            yield nlp.make_doc(text)
            continue
        if len(pieces) == 1 and pieces[0][2]:
            yield next(parsed)
            continue
        joined = _joined(nlp, [_annotated(next(parsed)) if parse else _flat(nlp, text[s:e]) for s, e, parse in pieces], text)
        if joined is None:
            if len(text) > nlp.max_length:
                from .errors import InputError

                raise InputError(f"a {len(text):,}-character text could not be parsed in pieces")
            log.warning("selective parse could not join the pieces of a %d-character text; parsing all of it", len(text))
            joined = nlp(text)
        yield joined


def _bounded(text: str, pieces: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """``pieces`` with every piece longer than ``PIECE_CHARS`` cut where a break does least harm."""
    out = []
    for start, end, parse in pieces:
        while end - start > PIECE_CHARS:
            cut = _break_before(text, start, start + PIECE_CHARS)
            out.append((start, cut, parse))
            start = cut
        out.append((start, end, parse))
    return out


_SENTENCE_BREAK = re.compile(r"[.!?…][\s ]+")


def _break_before(text: str, start: int, limit: int) -> int:
    """The last paragraph end, else sentence end, else space in the second half of ``text[start:limit]``."""
    floor = start + (limit - start) // 2
    line = text.rfind("\n", floor, limit)
    if line >= 0:
        return line + 1
    sentence = None
    for sentence in _SENTENCE_BREAK.finditer(text, floor, limit):
        pass
    if sentence is not None:
        return sentence.end()
    space = max(text.rfind(" ", floor, limit), text.rfind("\t", floor, limit))
    return space + 1 if space >= 0 else limit


def _piped(nlp: "Language", texts: Iterable[str]) -> Iterator["Doc"]:
    """``nlp.pipe`` over ``texts`` in batches of at most 64 texts and about ``BATCH_CHARS`` characters."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= BATCH_CHARS or len(batch) >= 64:
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


#: The token annotations carried from the parsed pieces into the joined document
#: (HEAD as offsets, as ``Doc.to_array`` gives it, so that pieces concatenate).
_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")
_Piece = tuple[list[str], list[bool], Any]


def _annotated(doc: "Doc") -> _Piece:
    return [t.text for t in doc], [bool(t.whitespace_) for t in doc], doc.to_array(list(_ATTRS))


def _flat(nlp: "Language", text: str) -> _Piece:
    """Tokens and sentences without a model: each sentence a flat tree under its first token, no entity."""
    import numpy

    tokens = nlp.make_doc(text)
    _sentencizer()(tokens)
    strings = nlp.vocab.strings
    root_id, dep_id = strings.add("ROOT"), strings.add("dep")
    array = numpy.zeros((len(tokens), len(_ATTRS)), dtype="uint64")
    dep, head, iob = _ATTRS.index("DEP"), _ATTRS.index("HEAD"), _ATTRS.index("ENT_IOB")
    root = 0
    previous_breaks = True
    for tok in tokens:
        if tok.is_sent_start or previous_breaks:
            root = tok.i
            array[tok.i, dep] = root_id
        else:
            array[tok.i, dep] = dep_id
            array[tok.i, head] = (root - tok.i) % (1 << 64)  # a negative offset, as uint64 like Doc.to_array
        previous_breaks = "\n" in tok.text or "\n" in tok.whitespace_
        array[tok.i, iob] = 2  # outside any entity
    return [t.text for t in tokens], [bool(t.whitespace_) for t in tokens], array


def _joined(nlp: "Language", pieces: list[_Piece], text: str) -> "Doc | None":
    """One Doc over the whole text, or None if the pieces do not give back the text exactly (never seen; checked)."""
    import numpy
    from spacy.tokens import Doc

    words = [w for piece in pieces for w in piece[0]]
    spaces = [sp for piece in pieces for sp in piece[1]]
    try:
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        doc.from_array(list(_ATTRS), numpy.concatenate([piece[2] for piece in pieces]))  # type: ignore[arg-type]
    except ValueError:
        return None
    return doc if doc.text == text else None


_SENTENCIZER = None


def _sentencizer() -> Any:
    global _SENTENCIZER
    if _SENTENCIZER is None:
        from spacy.pipeline import Sentencizer

        _SENTENCIZER = Sentencizer()
    return _SENTENCIZER
