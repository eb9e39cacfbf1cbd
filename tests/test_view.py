"""The HTML view of one article: structure, escaping, accessibility, self-containment, the render command."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import quotestance
from quotestance import Quote
from quotestance.cli import main
from quotestance.view import render

TEXT = 'Talks ended.\n\n"We stay <b>here</b>," said Anna Roy.\n\n"Nobody leaves," she added. Ivan Petrov said it was "over".'


class Marks(HTMLParser):
    """The marks of a page: their attributes and text, and every URL the page would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict] = []
        self.fetches: list[str] = []
        self._depth = 0
        self._in_details = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "mark":
            self.marks.append({**attributes, "text": ""})
            self._depth += 1
        elif tag == "span" and attributes.get("class") == "details" and self._depth:
            self._in_details += 1
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            if value and not value.startswith(("#", "data:")):
                self.fetches.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._depth -= 1
        elif tag == "span" and self._in_details:
            self._in_details -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._in_details:
            self.marks[-1]["text"] += data


def _parsed(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def test_every_quote_is_marked_with_its_speaker_stance_and_details() -> None:
    quotes = quotestance.analyze(TEXT, lang="en")
    page = render(TEXT, quotes)
    parsed = _parsed(page)
    assert [m["text"] for m in parsed.marks] == [q.text for q in quotes]
    assert [m["data-speaker"] for m in parsed.marks] == [q.speaker or "" for q in quotes]
    assert all(m["tabindex"] == "0" and m["aria-describedby"].endswith("-details") for m in parsed.marks)
    assert all(m["data-stance"] in {"support", "oppose", "neutral"} for m in parsed.marks)
    assert "speaker confidence" in page and 'class="legend"' in page and 'lang="en"' in page
    assert '<meta name="viewport"' in page


def test_the_page_is_self_contained_and_escapes_the_article() -> None:
    page = render(TEXT + "\n<script>alert(1)</script>\x1b[31m", lang="en")
    assert "<script>" not in page and "&lt;script&gt;" in page and "\x1b" not in page
    assert "&lt;b&gt;here&lt;/b&gt;" in page
    assert _parsed(page).fetches == []


def test_quotes_given_are_shown_as_given_and_line_breaks_kept() -> None:
    quote = Quote("Nobody leaves,", TEXT.index("Nobody"), TEXT.index("Nobody") + 14, speaker="X", stance="support",
                  stance_scores={"support": 0.81})
    page = render(TEXT, [quote], title="One quote")
    (mark,) = _parsed(page).marks
    assert mark["text"] == "Nobody leaves," and "X · support 81 %" in page and "<title>One quote</title>" in page
    assert "Talks ended.\n\n" in page


def test_render_takes_only_text() -> None:
    with pytest.raises(TypeError):
        render(b"bytes")  # type: ignore[arg-type]


def test_the_render_command(tmp_path: Path, examples_dir: Path) -> None:
    out = tmp_path / "page.html"
    assert main(["render", str(examples_dir / "en_sochi_meeting.txt"), "-o", str(out)]) == 0
    assert len(_parsed(out.read_text(encoding="utf-8")).marks) == len(
        quotestance.analyze((examples_dir / "en_sochi_meeting.txt").read_text(encoding="utf-8")))
    assert main(["render", str(examples_dir)]) == 2  # one article only
