"""A corpus report on one HTML page: who is quoted, leaning which way, document by document.

:func:`build_report` takes the analyses of a corpus and gives a
self-contained page: counts, a speakers x stance table (canonical names,
quotations per stance, mean stance probabilities, mean speaker confidence),
plots of the most-quoted speakers, of stance document by document and of
quotations per document (matplotlib, embedded as PNG with a text
alternative), every quotation in a table linked to its place in its
article, and every article marked as :func:`quotestance.view.render`
marks it. pandas and matplotlib are optional dependencies
(``pip install 'quotestance[report]'``).
"""

from __future__ import annotations

import base64
import io
from typing import Any, Sequence

from .errors import InputError
from .frames import to_frame
from .pipeline import Analysis
from .view import STANCE_STYLES, article_html, escaped, legend, numbered, page, percent, quote_table

__all__ = ["build_report", "speaker_table", "TOP_SPEAKERS"]

#: Speakers shown in the plot of the most quoted.
TOP_SPEAKERS = 15
_UNKNOWN_COLOUR = "#8a6d00"


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise InputError("the report draws its plots with matplotlib: pip install 'quotestance[report]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _labels(frame: Any) -> list[str]:
    """The stance labels of the corpus, the bundled model's in their usual order first."""
    seen = [s for s in frame["stance"].dropna().unique()]
    return [s for s in STANCE_STYLES if s in seen] + sorted(s for s in seen if s not in STANCE_STYLES)


def _colour(label: str) -> str:
    return STANCE_STYLES[label][1] if label in STANCE_STYLES else _UNKNOWN_COLOUR


def speaker_table(frame: Any) -> Any:
    """Per speaker: quotations in all and per stance, mean probability of each stance, mean speaker confidence."""
    labels = _labels(frame)
    frame = frame.assign(speaker=frame["speaker"].fillna("(unknown)"))
    counts = frame.pivot_table(index="speaker", columns="stance", values="start", aggfunc="count", fill_value=0)
    table = counts.reindex(columns=labels, fill_value=0)
    table.insert(0, "quotations", frame.groupby("speaker").size())
    for label in labels:
        probabilities = frame["stance_scores"].map(lambda s, label=label: (s or {}).get(label))
        table[f"mean p({label})"] = probabilities.groupby(frame["speaker"]).mean()
    table["mean speaker confidence"] = frame.groupby("speaker")["speaker_confidence"].mean()
    return table.sort_values(["quotations"], ascending=False, kind="stable")


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    _matplotlib().close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _stacked_bars(rows: Any, labels: list[str], title: str, horizontal: bool) -> str:
    plt = _matplotlib()
    height = max(2.5, 0.35 * len(rows) + 1) if horizontal else 3.2
    figure, axes = plt.subplots(figsize=(7, height))
    base = [0.0] * len(rows)
    names = [str(i) for i in rows.index]
    for label in labels:
        values = list(rows[label]) if label in rows else [0.0] * len(rows)
        if horizontal:
            axes.barh(names, values, left=base, color=_colour(label), label=label)
        else:
            axes.bar(names, values, bottom=base, color=_colour(label), label=label)
        base = [b + v for b, v in zip(base, values)]
    if horizontal:
        axes.invert_yaxis()
    else:
        axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    axes.set_title(title)
    axes.legend(loc="best", fontsize=8)
    return _png(figure)


def _plots(frame: Any, documents: list[str], labels: list[str]) -> list[tuple[str, str, str]]:
    """(title, text alternative, PNG in base64) of each plot."""
    if frame.empty:
        return []
    plots = []
    top = speaker_table(frame).head(TOP_SPEAKERS)
    plots.append((
        "Most quoted speakers, by stance",
        "Bar chart: " + "; ".join(f"{name} {int(row['quotations'])} quotations" for name, row in top.iterrows()),
        _stacked_bars(top, labels, "Quotations of the most quoted speakers", horizontal=True),
    ))
    per_document = frame.pivot_table(index="document_id", columns="stance", values="start", aggfunc="count", fill_value=0)
    per_document = per_document.reindex(index=documents, fill_value=0)
    shares = per_document.div(per_document.sum(axis=1).where(lambda n: n > 0, 1), axis=0)
    plots.append((
        "Stance over the documents",
        "Stacked bars, one per document in input order, of the share of each stance among its quotations.",
        _stacked_bars(shares, labels, "Share of each stance, document by document", horizontal=False),
    ))
    totals = per_document.sum(axis=1)
    plt = _matplotlib()
    figure, axes = plt.subplots(figsize=(7, 3))
    axes.bar([str(d) for d in totals.index], list(totals), color="#595959")
    axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    axes.set_title("Quotations per document")
    plots.append(("Quotations per document", "Bar chart: " + "; ".join(f"{d} {int(n)}" for d, n in totals.items()), _png(figure)))
    return plots


def _table_html(table: Any) -> str:
    head = "".join(f"<th>{escaped(c)}</th>" for c in ["speaker", *table.columns])
    rows = []
    for name, row in table.iterrows():
        cells = []
        for column, value in row.items():
            if str(column).startswith("mean"):
                cells.append(f'<td class="num">{percent(None if value != value else float(value))}</td>')
            else:
                cells.append(f'<td class="num">{int(value)}</td>')
        rows.append(f"<tr><th scope=\"row\">{escaped(name)}</th>{''.join(cells)}</tr>")
    return f"<div class=\"scroll\"><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def build_report(results: Sequence[Analysis], title: str = "quotestance report") -> str:
    """The report page for ``results`` (analyses with ``document_id``; those with ``error`` are left out)."""
    analysed = [r for r in results if not r.error]
    documents = [r.document_id or str(i) for i, r in enumerate(analysed)]
    frame = to_frame(analysed)
    labels = _labels(frame)
    speakers = frame["speaker"].nunique()
    parts = [
        f"<header><h1>{escaped(title)}</h1><p class=\"muted\">{len(analysed)} documents, {len(frame)} quotations, "
        f"{speakers} named speakers.</p></header><main>",
        '<nav><a href="#speakers">Speakers</a> · <a href="#plots">Plots</a> · <a href="#quotations">Quotations</a> · '
        '<a href="#articles">Articles</a> · <a href="#legend">Legend</a></nav>',
        '<h2 id="speakers">Speakers by stance</h2>',
        _table_html(speaker_table(frame)) if not frame.empty else "<p>No quotation was found.</p>",
        '<h2 id="plots">Plots</h2><div class="plots">',
    ]
    for heading, alternative, png in _plots(frame, documents, labels):
        parts.append(f"<figure><img src=\"data:image/png;base64,{png}\" alt=\"{escaped(alternative)}\"><figcaption>{escaped(heading)}</figcaption></figure>")
    rows = [(row, documents[d]) for d, result in enumerate(analysed) for row in numbered(result.quotes, f"d{d}q")]
    parts.append('</div><h2 id="quotations">Every quotation</h2>')
    parts.append(quote_table([row for row, _ in rows], documents=[document for _, document in rows]))
    parts.append('<h2 id="articles">Articles</h2>')
    for d, result in enumerate(analysed):
        parts.append(f'<section id="d{d}"><h3>{escaped(documents[d])}</h3>{article_html(result.text, result.quotes, f"d{d}q")}</section>')
    parts.append(legend() + "</main>")
    return page(title, "".join(parts))
