"""Train the bundled stance model and write its model card.

usage: python training/train.py [--version 0.1.0] [--data training/data] [--out quotestance/models]

Writes, in --out:
  stance-<version>.joblib   the scikit-learn Pipeline
  stance-<version>.json     model card data (versions, hashes, scores)
  MODEL_CARD.md             the card for people, with the figures below
  stance-<version>-reliability.png, stance-<version>-confusion.png

Needs the ``train`` extra (matplotlib) for the figures:
    pip install -e '.[train]'
"""

from __future__ import annotations

import argparse
from pathlib import Path

from figures import reliability_plot
from quotestance.training import train

ROOT = Path(__file__).resolve().parent.parent


def _figures(card: dict, out: Path, stem: str) -> tuple[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    calibration = card["test"]["calibration"]
    reliability = f"{stem}-reliability.png"
    reliability_plot(
        out / reliability, [("stance model", calibration["bins"], "o")],
        xlabel="predicted probability of the chosen label", ylabel="share correct",
        title=f"Reliability on the test split (ECE {calibration['ece']:.3f})", annotate_counts=True,
    )

    labels = card["labels"]
    matrix = card["test"]["confusion_matrix"]
    fig, ax = plt.subplots(figsize=(4.2, 3.8))
    ax.imshow(matrix, cmap="Blues")
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=10)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title("Confusion matrix, test split", fontsize=9)
    confusion = f"{stem}-confusion.png"
    fig.tight_layout()
    fig.savefig(out / confusion, dpi=120)
    plt.close(fig)
    return reliability, confusion


def _matrix_table(labels: list[str], matrix: list[list[int]]) -> str:
    head = "| gold \\ predicted | " + " | ".join(labels) + " |\n|---|" + "---|" * len(labels) + "\n"
    return head + "".join(f"| {lab} | " + " | ".join(str(v) for v in row) + " |\n" for lab, row in zip(labels, matrix))


def model_card(card: dict, reliability: str, confusion: str) -> str:
    cv = card["cross_validation"]
    test = card["test"]
    data = card["data"]
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"Stance of a quotation toward **{card['target']}**: one of {', '.join(card['labels'])}, with a probability for each.",
        "",
        "## Intended use",
        "",
        "Labelling direct quotations found by quotestance in English and French news about Belarus since the 2020",
        "election, for monitoring and media research. The label describes what the quoted words say about the",
        "government, read in their sentence; it is not a judgement of the speaker. Not for other targets without",
        "retraining (see the README), and not for texts outside news.",
        "",
        "## Data",
        "",
        f"{data['examples']} examples written for the project ({', '.join(f'{k}: {v}' for k, v in data['by_language'].items())};"
        f" {', '.join(f'{k}: {v}' for k, v in data['by_label'].items())}), following `training/GUIDELINES.md`.",
        f"Held-out test split by speaker: {data['test']} examples whose speakers never occur in training ({data['train']} train).",
        f"Files: {', '.join(data['files'])}; sha256 of the data: `{data['sha256']}`.",
        "",
        "## Model",
        "",
        card["model"]["pipeline"] + f". The speaker role is hidden for {int(card['model']['role_dropout'] * 100)} % of",
        "training examples, so that quotations by speakers of unknown affiliation are still labelled from their words.",
        "",
        "## Scores",
        "",
        f"Cross-validation ({cv['folds']} folds, grouped by {cv['grouping']}, train split only), macro-F1:",
        "",
        "| | all | " + " | ".join(cv["with_role"]["by_language"]) + " |",
        "|---|---|" + "---|" * len(cv["with_role"]["by_language"]),
    ]
    for name in ("with_role", "without_role"):
        part = cv[name]
        cells = [f"{part['macro_f1']['mean']:.3f} ± {part['macro_f1']['std']:.3f}"] + [
            f"{v['mean']:.3f} ± {v['std']:.3f}" for v in part["by_language"].values()
        ]
        lines.append(f"| {name.replace('_', ' ')} | " + " | ".join(cells) + " |")
    hidden = cv["with_role"].get("role_unknown_macro_f1")
    if hidden:
        lines.append(f"| with role, role unknown at prediction | {hidden['mean']:.3f} ± {hidden['std']:.3f} | | |")
    lines += [
        "",
        f"Held-out test split ({test['n']} examples, unseen speakers), macro-F1:",
        "",
        "| | all | " + " | ".join(test["by_language"]) + " |",
        "|---|---|" + "---|" * len(test["by_language"]),
        f"| shipped model | {test['macro_f1']:.3f} | " + " | ".join(f"{v['macro_f1']:.3f}" for v in test["by_language"].values()) + " |",
        f"| shipped model, speaker role unknown | {test['role_unknown']['macro_f1']:.3f} | | |",
        f"| ablation: trained without the role feature | {test['without_role']['macro_f1']:.3f} | | |",
        "",
        "Confusion matrix on the test split:",
        "",
        _matrix_table(card["labels"], test["confusion_matrix"]),
        f"![confusion matrix]({confusion})",
        "",
        f"Calibration on the test split: expected calibration error {test['calibration']['ece']:.3f}.",
        "",
        f"![reliability diagram]({reliability})",
        "",
        "## Limits",
        "",
        "- The corpus is written for the project: real articles are messier and cover events it does not.",
        "- Irony, quotes under duress and reported demands follow the guideline rules, which other annotators may read differently.",
        "- The speaker role comes from a table of known people and telling words; an unknown speaker is judged on words alone.",
        "",
        "## Provenance",
        "",
        f"quotestance {card['created_with']['quotestance']}, scikit-learn {card['created_with']['scikit-learn']},"
        f" spaCy {card['created_with']['spacy']}, Python {card['created_with']['python']}.",
        f"Artifact `{card['artifact']['file']}`, sha256 `{card['artifact']['sha256']}` (checked before every load).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--data", default=str(ROOT / "training" / "data"))
    parser.add_argument("--out", default=str(ROOT / "quotestance" / "models"))
    args = parser.parse_args()
    out = Path(args.out)
    stem = f"stance-{args.version}"
    report = train([args.data], out / f"{stem}.joblib", version=args.version)
    reliability, confusion = _figures(report.card, out, stem)
    (out / "MODEL_CARD.md").write_text(model_card(report.card, reliability, confusion), encoding="utf-8")
    test = report.card["test"]
    cv = report.card["cross_validation"]["with_role"]["macro_f1"]
    print(f"cv macro-F1 {cv['mean']:.3f} ± {cv['std']:.3f}; test macro-F1 {test['macro_f1']:.3f} "
          + " ".join(f"{k}={v['macro_f1']:.3f}" for k, v in test["by_language"].items()))
    print(f"wrote {report.artifact}, {report.card_path}, {out / 'MODEL_CARD.md'}")
    print(f"pin it in quotestance/pins.py: \"{report.artifact.name}\": \"{report.card['artifact']['sha256']}\"")


if __name__ == "__main__":
    main()
