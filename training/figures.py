"""Reliability diagrams for the model cards (stance and speaker ranker).

Shared by ``train.py`` and ``train_attribution.py``; needs the ``train``
extra (matplotlib).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence


def reliability_plot(
    path: Path,
    series: Sequence[tuple[str, Sequence[dict[str, Any]], str]],
    *,
    xlabel: str,
    ylabel: str,
    title: str,
    legend_size: int = 8,
    annotate_counts: bool = False,
) -> None:
    """Plot each ``(label, bins, marker)`` series (bins with ``confidence``, ``accuracy``, ``count``) against the diagonal."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    for label, bins, marker in series:
        filled = [b for b in bins if b["count"]]
        ax.plot([b["confidence"] for b in filled], [b["accuracy"] for b in filled], marker=marker, label=label)
        if annotate_counts:
            for b in filled:
                ax.annotate(str(b["count"]), (b["confidence"], b["accuracy"]), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=legend_size)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
