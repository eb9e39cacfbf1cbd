"""An article with its quotations marked: who said each, leaning which way, how sure the model is.

:func:`render` returns one self-contained HTML page (no script, no font, no
request to anything): the article as written, every quotation highlighted
in its stance's colour and followed by a badge with the speaker and the
stance probability, and, when the quotation is hovered or focused (every
mark is reachable with the keyboard), its cue, the mention the speaker was
found from, ``speaker_confidence`` and the trace. A legend and a table of
the quotations close the page. The palette is Okabe and Ito's, which stays
distinct for the common forms of colour blindness, and every stance has
its own underline style and its name in the badge, so colour is never the
only cue. :func:`article_html` gives the marked article alone, which the
corpus report (:mod:`quotestance.report`) embeds.
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from .sanitize import for_display
from .types import Quote

__all__ = ["render", "article_html", "numbered", "page", "legend", "quote_table", "escaped", "percent", "STANCE_STYLES", "CSS"]

#: Stance -> (background, border and underline colour, underline style); Okabe-Ito hues, light tints for text contrast.
STANCE_STYLES: dict[str, tuple[str, str, str]] = {
    "support": ("#d4e6f4", "#0072b2", "solid"),
    "oppose": ("#f9dcc8", "#b34700", "double"),
    "neutral": ("#e8e8e8", "#595959", "dotted"),
}
_UNKNOWN = ("#fff6cc", "#8a6d00", "dashed")

CSS = """
:root { color-scheme: light; }
body { font: 1.05rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff;
       margin: 0 auto; padding: 1rem; max-width: 46rem; }
h1 { font-size: 1.35rem; line-height: 1.3; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; }
mark.quote { color: inherit; padding: 0 .1em; border-radius: .2em; text-decoration-thickness: 2px;
             text-decoration-line: underline; text-underline-offset: .2em; position: relative; }
mark.quote:focus { outline: 3px solid #000; outline-offset: 2px; }
.badge { display: inline-block; font-size: .78rem; line-height: 1.3; border: 1px solid; border-radius: .8em;
         padding: 0 .5em; margin: 0 .2em; white-space: nowrap; background: #fff; vertical-align: baseline; }
.details { display: none; position: absolute; left: 0; top: 100%; z-index: 2; width: min(22rem, 85vw);
           white-space: normal; font-size: .85rem; line-height: 1.4; background: #fff; color: #1a1a1a;
           border: 1px solid #595959; border-radius: .3em; padding: .4em .6em; box-shadow: 0 2px 6px rgba(0,0,0,.25); }
mark.quote:hover .details, mark.quote:focus .details, mark.quote:focus-within .details { display: block; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding: 0; list-style: none; font-size: .9rem; }
.legend .swatch { display: inline-block; width: 1.4em; height: 1em; vertical-align: middle; margin-right: .3em;
                  border-bottom: 3px solid; border-radius: .2em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ccc; padding: .3em .4em; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #4d4d4d; }
.plots img { max-width: 100%; height: auto; }
@media (max-width: 30rem) { body { padding: .6rem; font-size: 1rem; } .badge { white-space: normal; } }
"""


def _style(stance: str | None) -> tuple[str, str, str]:
    return STANCE_STYLES.get(stance or "", _UNKNOWN)


def escaped(value: object, keep_lines: bool = False) -> str:
    """Text safe inside HTML: markup escaped and control characters gone (a scraped page may carry both)."""
    return html.escape(for_display(str(value), keep_lines), quote=True)


#: Characters that close a quotation: its speaker badge goes after them.
_CLOSERS = set("\"\u201d\u00bb\u2019'\u203a\u201c\u00a0\u202f")


def percent(value: float | None) -> str:
    """A probability as people read it ("81 %"), or a dash when there is none."""
    return "–" if value is None else f"{round(100 * value)} %"


def _badge(q: Quote) -> str:
    speaker = q.speaker or "unknown speaker"
    stance = q.stance or "no stance"
    probability = (q.stance_scores or {}).get(q.stance or "")
    shown = f"{stance} {percent(probability)}" if probability is not None else stance
    border = _style(q.stance)[1]
    return f'<span class="badge" style="border-color:{border}" aria-hidden="true">{escaped(speaker)} · {escaped(shown)}</span>'


def _details(q: Quote, ident: str) -> str:
    rows = [
        ("speaker", q.speaker or "unknown"),
        ("speaker confidence", percent(q.speaker_confidence)),
        ("found from", f"“{q.speaker_mention}”" if q.speaker_mention else "–"),
        ("cue", q.cue or "–"),
        ("stance", ", ".join(f"{label} {percent(p)}" for label, p in sorted((q.stance_scores or {}).items(), key=lambda i: -i[1])) or "–"),
        ("kind", q.kind),
        ("trace", " › ".join(q.trace) or "–"),
    ]
    body = "<br>".join(f"<b>{escaped(name)}</b>: {escaped(value)}" for name, value in rows)
    return f'<span class="details" role="tooltip" id="{ident}-details">{body}</span>'


def _mark(text: str, q: Quote, ident: str) -> str:
    background, border, underline = _style(q.stance)
    label = f"quotation by {q.speaker or 'an unknown speaker'}, stance {q.stance or 'unknown'}"
    return (
        f'<mark class="quote" id="{ident}" tabindex="0" data-speaker="{escaped(q.speaker or "")}" data-stance="{escaped(q.stance or "")}" '
        f'aria-label="{escaped(label)}" aria-describedby="{ident}-details" '
        f'style="background:{background};text-decoration-color:{border};text-decoration-style:{underline}">'
        f"{escaped(text[q.start:q.end], keep_lines=True)}{_details(q, ident)}</mark>"
    )


def numbered(quotes: Sequence[Quote], prefix: str = "q") -> list[tuple[str, Quote]]:
    """The quotations in text order with the id of their mark (``{prefix}{n}``), by which tables link to them."""
    return [(f"{prefix}{n}", q) for n, q in enumerate(sorted(quotes, key=lambda q: (q.start, -q.end)), 1)]


def article_html(text: str, quotes: Sequence[Quote], prefix: str = "q") -> str:
    """The article, escaped, with every quotation marked under its :func:`numbered` id."""
    out: list[str] = []
    position = 0
    for ident, q in numbered(quotes, prefix):
        if q.start < position or not 0 <= q.start < q.end <= len(text):
            continue  # nested in, or overlapping, a quotation already marked
        after = q.end
        while after < len(text) and after - q.end < 3 and text[after] in _CLOSERS:
            after += 1
        out.append(escaped(text[position : q.start], keep_lines=True))
        out.append(_mark(text, q, ident))
        out.append(escaped(text[q.end : after], keep_lines=True) + _badge(q))
        position = after
    out.append(escaped(text[position:], keep_lines=True))
    return f'<div class="article">{"".join(out)}</div>'


def legend() -> str:
    items = [
        f'<li><span class="swatch" style="background:{bg};border-bottom-style:{line};border-color:{fg}"></span>{escaped(name)}</li>'
        for name, (bg, fg, line) in [*STANCE_STYLES.items(), ("no stance", _UNKNOWN)]
    ]
    return (
        '<h2 id="legend">Legend</h2><ul class="legend">' + "".join(items) + "</ul>"
        '<p class="muted">Each quotation is followed by its speaker and the probability of its stance toward the '
        "Lukashenko government. Hover over a quotation, or move to it with the Tab key, for the cue, the mention the "
        "speaker was found from, how sure the attribution is (speaker confidence) and the rules that found it.</p>"
    )


def quote_table(rows: Sequence[tuple[str, Quote]], documents: Sequence[str] | None = None) -> str:
    """A table of :func:`numbered` quotations, each linked to its mark; ``documents`` adds a column naming each one's article."""
    cells = []
    for i, (ident, q) in enumerate(rows):
        probability = (q.stance_scores or {}).get(q.stance or "")
        document = f"<td>{escaped(documents[i])}</td>" if documents is not None else ""
        cells.append(
            f'<tr><td class="num"><a href="#{ident}">{i + 1}</a></td>{document}<td>{escaped(q.speaker or "unknown")}</td>'
            f'<td>{escaped(q.stance or "–")} {percent(probability) if probability is not None else ""}</td>'
            f'<td class="num">{percent(q.speaker_confidence)}</td><td>{escaped(q.text)}</td></tr>'
        )
    document_head = "<th>document</th>" if documents is not None else ""
    return (
        f'<div class="scroll"><table><thead><tr><th>#</th>{document_head}<th>speaker</th><th>stance</th>'
        f"<th>speaker confidence</th><th>quotation</th></tr></thead><tbody>{''.join(cells)}</tbody></table></div>"
    )


def page(title: str, body: str, lang: str = "en") -> str:
    """A whole HTML page around ``body``, with the styles inline."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escaped(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escaped(title)}</title><style>{CSS}</style></head><body>{body}</body></html>\n"
    )


def render(text: str, quotes: Sequence[Quote] | None = None, *, title: str | None = None, **options: Any) -> str:
    """The article as a self-contained HTML page with its quotations marked.

    Args:
        text: the article; ``quotes`` must index it (``Quote.start``/``end``).
        quotes: the quotations to show; analysed with :func:`quotestance.analyze`
            (and ``options``, such as ``lang=``) when ``None``.
        title: the page title; the first line of the article by default.
    """
    if not isinstance(text, str):
        raise TypeError(f"render() needs the text as str, got {type(text).__name__}")
    lang = options.get("lang")
    if quotes is None:
        from .app import default_app

        analysis = default_app().analyze_document(text, **options)
        quotes, lang = analysis.quotes, analysis.lang
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = title or first_line[:120] or "quotestance"
    count = f"{len(quotes)} quotation{'s' if len(quotes) != 1 else ''}"
    body = (
        f"<header><h1>{escaped(title)}</h1><p class=\"muted\">{count}, marked by quotestance.</p></header>"
        f"<main><article>{article_html(text, quotes)}</article>{legend()}"
        f"<h2>Quotations</h2>{quote_table(numbered(quotes))}</main>"
    )
    return page(title, body, lang or "en")
