"""Train the bundled speaker ranker and write its card.

usage: python training/train_attribution.py [--version 0.3.1] [--data training/attribution/data]
                                            [--test benchmarks/heldout_en benchmarks/heldout_fr benchmarks/heldout2_en benchmarks/heldout2_fr]
                                            [--out quotestance/models]

Writes, in --out:
  attribution-<version>.joblib   the ranker and its calibrator
  attribution-<version>.json     card data (versions, data hash, cross-validation, test scores, calibration)
  ATTRIBUTION_CARD.md            the card for people
  attribution-<version>-reliability.png

Needs the ``train`` extra (matplotlib) for the figure:
    pip install -e '.[train]'
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable

from figures import reliability_plot
from quotestance.attribution.training import train_attribution

ROOT = Path(__file__).resolve().parent.parent


def reliability_figure(card: dict[str, Any], out: Path, stem: str) -> str:
    series = [("cross-validation (out of fold)", card["cross_validation"]["calibration"], "o")]
    if "test" in card:
        series.append(("held-out test", card["test"]["calibration"], "s"))
    name = f"{stem}-reliability.png"
    reliability_plot(
        out / name,
        [(f"{label}, ECE {calibration['ece']:.3f}", calibration["bins"], marker) for label, calibration, marker in series],
        xlabel="speaker_confidence", ylabel="share of speakers right", title="Reliability of speaker_confidence",
        legend_size=7,
    )
    return name


def _scores_table(columns: list[str], rows: list[tuple[str, Callable[[str], str]]]) -> list[str]:
    """A Markdown table: one column per language, one row per score, each cell given by its row's formatter."""
    return [
        "| | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
        *("| " + label + " | " + " | ".join(cell(k) for k in columns) + " |" for label, cell in rows),
    ]


def _bins_table(calibration: dict[str, Any]) -> list[str]:
    rows = ["| confidence bin | mean confidence | share right | quotes |", "|---|---|---|---|"]
    for b in calibration["bins"]:
        rows.append(f"| {b['bin'] / 10:.1f}–{(b['bin'] + 1) / 10:.1f} | {b['confidence']:.3f} | {b['accuracy']:.3f} | {b['count']} |")
    return rows


def attribution_card(card: dict[str, Any], reliability: str) -> str:
    cv = card["cross_validation"]
    data = card["data"]
    langs = [k for k in cv if k not in {"folds", "pooled", "calibration"}]
    lines = [
        f"# Model card: {card['name']}",
        "",
        "Chooses the speaker of each quotation among the candidates that quotestance's generators propose",
        "(cue rules, the sentence before, interview labels, names nearby, the quotations it continues), and",
        "gives `speaker_confidence`, a calibrated probability that the chosen speaker is right.",
        "",
        "## Intended use",
        "",
        "Attributing direct and partial quotations in English and French news. The features are language-neutral",
        "(generator, syntactic relation, distances, candidate type, agreement, role match, salience), so the same model",
        "serves both languages. Retrain it on your own annotated articles with `quotestance train-attribution`.",
        "",
        "## Data",
        "",
        "Articles written for the project from `training/attribution/BRIEF.md`, by writers who never saw the code:",
        f"folders {', '.join(data['folders'])}; articles {data['articles']}; annotated quotations with a speaker",
        f"{data['quotes']}; {data['candidates']} candidates. sha256 of the data: `{data['sha256']}`.",
        "No text of the shared evaluation sets (PolNeAR, the real Belarus articles) is used for training.",
        "",
        "## Model",
        "",
        f"`{card['estimator']}` over a `DictVectorizer` of the candidate features, trained to say whether a candidate",
        f"is the speaker; the best-scored candidate is chosen. `{card['calibrator']}` maps the candidates' scores",
        "(best score, margin over the runner-up, number of candidates) to the probability that the choice is right;",
        "it is fitted on out-of-fold scores. Features version " + str(card["features_version"]) + ".",
        "",
        "## Scores",
        "",
        f"Cross-validation ({cv['folds']} folds grouped by article): share of quotations whose speaker is right.",
        "",
        *_scores_table(langs, [
            ("ranker", lambda k: f"{cv[k]['ranker_mean']:.3f} ± {cv[k]['ranker_sd']:.3f}"),
            ("rules alone", lambda k: f"{cv[k]['rules_mean']:.3f}"),
            ("right speaker among the candidates", lambda k: f"{cv['pooled'][k]['candidate_recall']:.3f}"),
        ]),
        "",
    ]
    test = card.get("test")
    if test:
        tl = [k for k in test if k in langs]
        lines += [
            f"Held-out test ({', '.join(test['folders'])}): articles by other writers, never used for fitting. Their",
            "aggregate scores were watched while the generators and features were developed, and a few of their",
            "errors were read to check that a change did not break them (two such readings shaped the rule for a",
            "sentence after a quotation), so they are a held-out figure of the development, not a pristine one:",
            "",
            *_scores_table(tl, [(row, lambda k, key=key: f"{test[k][key]:.3f}") for row, key in [
                ("ranker", "ranker"), ("rules alone", "rules"), ("right speaker among the candidates", "candidate_recall"),
            ]]),
            "",
            "End to end with the evaluation protocol (`quotestance evaluate`):",
            "",
            "| test set | extraction F1 | attribution | end-to-end F1 | speaker_ECE | rules alone: attribution / e2e F1 |",
            "|---|---|---|---|---|---|",
        ]
        for name, scores in test["end_to_end"].items():
            rules = test["end_to_end_rules_alone"][name]
            lines.append(
                f"| {name} | {scores['extract_F1']:.3f} | {scores['attribution_acc']:.3f} | {scores['e2e_F1']:.3f} | "
                f"{scores['speaker_ECE']} | {rules['attribution_acc']:.3f} / {rules['e2e_F1']:.3f} |"
            )
        lines.append("")
    lines += [
        "## Calibration",
        "",
        f"Out-of-fold expected calibration error {cv['calibration']['ece']:.3f} ({cv['calibration']['n']} quotations)"
        + (f"; held-out test {test['calibration']['ece']:.3f} ({test['calibration']['n']})." if test else "."),
        "",
        f"![reliability diagram]({reliability})",
        "",
        *_bins_table(test["calibration"] if test else cv["calibration"]),
        "",
        "## Limits",
        "",
        "- A speaker the generators never propose cannot be chosen: the candidate ceiling above bounds accuracy.",
        "- The small spaCy models mislabel many foreign names; identity rules work around them, not always.",
        "- Confidence is calibrated on articles like the training ones; on very different text, check it with",
        "  `quotestance evaluate` (it prints `speaker_ECE`) before relying on `min_speaker_confidence`.",
        "",
        "## Provenance",
        "",
        f"scikit-learn {card['created_with']['scikit-learn']}, Python {card['created_with']['python']}, {card['created']}.",
        f"Artifact `{card['artifact']['file']}`, sha256 `{card['artifact']['sha256']}` (checked before every load).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.3.1")
    parser.add_argument("--data", nargs="+", default=[str(ROOT / "training" / "attribution" / "data")])
    parser.add_argument("--test", nargs="*", default=[str(ROOT / "benchmarks" / name) for name in ("heldout_en", "heldout_fr", "heldout2_en", "heldout2_fr")])
    parser.add_argument("--out", default=str(ROOT / "quotestance" / "models"))
    args = parser.parse_args()
    out = Path(args.out)
    stem = f"attribution-{args.version}"
    card = train_attribution(args.data, out / f"{stem}.joblib", test=args.test)
    figure = reliability_figure(card, out, stem)
    (out / "ATTRIBUTION_CARD.md").write_text(attribution_card(card, figure), encoding="utf-8")
    cv = card["cross_validation"]["all"]
    print(f"cv accuracy {cv['ranker_mean']:.3f} ± {cv['ranker_sd']:.3f} (rules alone {cv['rules_mean']:.3f})")
    print(f"wrote {out / (stem + '.joblib')}, its card and {out / 'ATTRIBUTION_CARD.md'}")
    print(f"pin it in quotestance/pins.py: \"{stem}.joblib\": \"{card['artifact']['sha256']}\"")


if __name__ == "__main__":
    main()
