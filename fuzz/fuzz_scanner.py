"""Coverage-guided fuzzing of the quote-mark scanner with atheris (``make fuzz``).

    python fuzz/fuzz_scanner.py -atheris_runs=200000 [corpus_dir]

The scanner must accept any string: it never raises, every span it returns
lies inside the text in order, pieces of one quotation are consecutive, and
every diagnostic points into the text. Inputs are bytes turned into text
by atheris (any code point, lone surrogates included); half of them are
built around the quote marks, so that pairing is what gets explored.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from quotestance.cues import load_lexicon
    from quotestance.spans import DOUBLE_MARKS, SINGLE_MARKS, scan

INCISES = [load_lexicon("en").incise_pattern, load_lexicon("fr").incise_pattern, None]
ALPHABET = list(DOUBLE_MARKS) + list(SINGLE_MARKS) + list(" \n\r\t\u00a0.,:;!?-\u2014") + ["a-t-il dit", "said", "Ab", "x"]


def _text(data: bytes) -> tuple[str, object]:
    provider = atheris.FuzzedDataProvider(data)
    incise = INCISES[provider.ConsumeIntInRange(0, len(INCISES) - 1)]
    if provider.ConsumeBool():
        return provider.ConsumeUnicode(len(data)), incise
    pieces = [ALPHABET[provider.ConsumeIntInRange(0, len(ALPHABET) - 1)] for _ in range(provider.ConsumeIntInRange(0, 400))]
    return "".join(pieces), incise


def test_one_input(data: bytes) -> None:
    text, incise = _text(data)
    result = scan(text, incise)  # type: ignore[arg-type]
    previous = 0
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(text), (span, len(text))
        assert span.start >= previous, "spans out of order or overlapping"
        previous = span.end
        for mark in (span.open_mark, span.close_mark):
            assert mark is None or 0 <= mark < len(text)
    for span in result.nested:
        assert 0 <= span.start < span.end <= len(text)
    for diagnostic in result.diagnostics:
        assert 0 <= diagnostic.offset <= len(text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
