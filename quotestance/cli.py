"""Command line: ``quotestance analyze|train|train-attribution|evaluate|plugins``.

``analyze PATH... [--lang en|fr] [--format table|jsonl|csv] [--sink NAME[:TARGET]]... [--min-confidence P] [--jobs N]``

``analyze`` draws a progress bar on stderr when stderr is a terminal and
ends with a summary line (documents, quotes, skipped, documents per second).
``train DATA... -o MODEL``, ``train-attribution DATA... -o MODEL``, ``evaluate GOLD.jsonl TEXT_DIR``, ``plugins``.

Exit codes: 0 when every document was analysed and written, 1 when some
documents were skipped or a sink failed (each with a logged reason), 2 for a
usage error such as a path that does not exist or an unknown sink.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from . import __version__
from .app import DEFAULT_KINDS, QuoteStance, SinkError
from .errors import InputError, QuotestanceError
from .progress import RunProgress
from .selective import PARSE_MODES
from .types import SPEECH_KINDS

__all__ = ["main", "iter_inputs"]

log = logging.getLogger("quotestance")

#: File name suffixes read when a folder is given.
TEXT_SUFFIXES = (".txt", ".text")
FORMATS = ("table", "jsonl", "csv")


class UsageError(Exception):
    """A command-line mistake: reported in one line with exit code 2."""


def iter_inputs(paths: Sequence[str]) -> list[tuple[str, Path | None]]:
    """Expand CLI paths into (document id, path) pairs; ``-`` means stdin.

    Every path is checked before any is read, so a typo fails at once
    instead of after an hour of work.
    """
    expanded: list[tuple[str, Path | None]] = []
    for raw in paths:
        if raw == "-":
            expanded.append(("-", None))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                log.warning("%s: folder holds no %s files", raw, "/".join(TEXT_SUFFIXES))
            expanded.extend((str(p), p) for p in files)
        elif path.is_file():
            expanded.append((str(path), path))
        elif path.exists():
            raise UsageError(f"{raw}: not a regular file or folder")
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return expanded


def _read(path: Path | None) -> str:
    try:
        if path is None:
            return sys.stdin.buffer.read().decode("utf-8")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise QuotestanceError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise QuotestanceError(exc.strerror or str(exc)) from exc


def _load(kind: str, path: str | None):
    """A stance model or speaker ranker given on the command line; a missing file is a usage error."""
    if path is None:
        return None
    if kind == "stance":
        from .stance import StanceModel as model_class
    else:
        from .attribution.ranker import AttributionModel as model_class  # type: ignore[assignment]
    try:
        return model_class.load(path)
    except InputError as exc:
        raise UsageError(str(exc)) from exc


def _stance_model(path: str | None):
    return _load("stance", path)


def _attribution_model(path: str | None, rules_only: bool = False):
    return False if rules_only else _load("attribution", path)


def _checked_number(value: str, convert: "type[int] | type[float]", ok: "Callable[[float], bool]", problem: str) -> Any:
    """``value`` as a number that ``ok`` accepts, or an argparse error naming the value and the ``problem``."""
    try:
        number = convert(value)
    except ValueError:
        number = None
    if number is None or not ok(number):
        raise argparse.ArgumentTypeError(f"{value!r}{problem}")
    return number


def _folds(value: str) -> int:
    return _checked_number(value, int, lambda n: n >= 2, ": cross-validation needs at least 2 folds")


def _confidence(value: str) -> float:
    return _checked_number(value, float, lambda n: 0.0 <= n <= 1.0, " is not a probability from 0 to 1")


def _jobs(value: str) -> int:
    return _checked_number(value, int, lambda n: n >= 1 or n == -1, ": give a number of processes from 1 up, or -1 for every core")


def _documents(inputs: list[tuple[str, Path | None]], progress: RunProgress) -> Iterator[tuple[str, str]]:
    for doc_id, path in inputs:
        try:
            yield doc_id, _read(path)
        except QuotestanceError as exc:
            progress.skip()
            log.error("%s: skipped: %s", doc_id, exc)


def _cmd_analyze(args: argparse.Namespace) -> int:
    app = QuoteStance()
    model = _stance_model(args.model)
    if args.rules_only and args.min_confidence is not None:
        raise UsageError("--min-confidence needs the ranker: the rules alone (--rules-only) give no confidence")
    ranker = _attribution_model(args.attribution_model, args.rules_only)
    inputs = iter_inputs(args.paths)
    specs = list(args.sink or [])
    if args.format is not None or not specs:
        specs.insert(0, f"{args.format or 'table'}:-")
    sinks = []
    try:
        for spec in specs:
            sinks.append(app.open_sink(spec))
    except SinkError as exc:
        for sink in sinks:  # the ones already opened
            app.close_sink(sink)
        raise UsageError(str(exc)) from exc
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip()) if args.kinds else DEFAULT_KINDS
    unknown = sorted(set(kinds) - SPEECH_KINDS)
    if unknown:
        raise UsageError(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(sorted(SPEECH_KINDS))}")
    progress = RunProgress(total=len(inputs))
    sink_failures = 0
    try:
        for result in app.analyze_many(_documents(inputs, progress), lang=args.lang, include_nonspeech=args.all,
                                       kinds=kinds, stance_model=model, attribution_model=ranker,
                                       min_speaker_confidence=args.min_confidence, n_jobs=args.jobs,
                                       parse=args.parse):
            if result.error:
                progress.skip()
                continue
            sink_failures += len(app.deliver(sinks, result.document_id or "", result.quotes))
            progress.document(len(result.quotes))
    finally:
        for sink in sinks:
            app.close_sink(sink)
        progress.close()
    if progress.skipped:
        log.error("%d document%s skipped", progress.skipped, "s" if progress.skipped != 1 else "")
    if sink_failures:
        log.error("%d sink write%s failed", sink_failures, "s" if sink_failures != 1 else "")
    return 1 if progress.skipped or sink_failures else 0


def _cmd_train(args: argparse.Namespace) -> int:
    from .training import train

    report = train(args.data, args.output, version=args.version, target=args.target, seed=args.seed,
                   cross_validate=not args.no_cv)
    card = report.card
    if "cross_validation" in card:
        cv = card["cross_validation"]["with_role"]["macro_f1"]
        print(f"cross-validation macro-F1 {cv['mean']:.3f} ± {cv['std']:.3f} ({card['cross_validation']['folds']} folds)")
    if "test" in card:
        langs = " ".join(f"{k}={v['macro_f1']:.3f}" for k, v in card["test"]["by_language"].items())
        print(f"held-out test macro-F1 {card['test']['macro_f1']:.3f} ({langs}), n={card['test']['n']}")
    print(f"wrote {report.artifact} and {report.card_path}")
    return 0


def _cmd_train_attribution(args: argparse.Namespace) -> int:
    from .attribution.training import train_attribution

    card = train_attribution(args.data, args.output, test=args.test or (), n_folds=args.folds,
                             log=lambda message: print(message, file=sys.stderr))
    cv = card["cross_validation"]
    print(f"cross-validation ({cv['folds']} folds by article): speaker right {cv['all']['ranker_mean']:.3f} "
          f"± {cv['all']['ranker_sd']:.3f}, rules alone {cv['all']['rules_mean']:.3f}; "
          f"confidence ECE {cv['calibration']['ece']:.3f}")
    for name, scores in card.get("test", {}).get("end_to_end", {}).items():
        print(f"test {name}: attribution {scores['attribution_acc']:.3f}, end-to-end F1 {scores['e2e_F1']:.3f}, "
              f"speaker_ECE {scores['speaker_ECE']}")
    print(f"wrote {args.output} and {Path(args.output).with_suffix('.json')}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_scores

    app = QuoteStance()
    model = _stance_model(args.model)
    ranker = _attribution_model(args.attribution_model, args.rules_only)
    scores = evaluate(args.gold, args.text_dir,
                      lambda text: app.analyze(text, stance_model=model, attribution_model=ranker, parse=args.parse))
    print(json.dumps(scores) if args.json else format_scores(scores))
    return 0


def _cmd_plugins(args: argparse.Namespace) -> int:
    rows = QuoteStance().plugin_info()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no plugins registered")
        return 0
    width = max(len(r["name"]) for r in rows)
    print(f"{'PLUGIN':<{width}}  {'VERSION':<9}  {'KIND':<8}  HOOKS")
    for r in rows:
        kind = "built-in" if r["builtin"] else "plugin"
        print(f"{r['name']:<{width}}  {r['version'] or '-':<9}  {kind:<8}  {', '.join(r['hooks'])}")
    return 0


def _parse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--parse", choices=PARSE_MODES, default="selective",
                        help="run spaCy only on the paragraphs attribution needs (selective, the default) or on everything")


def _attribution_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--attribution-model", metavar="MODEL",
                       help="speaker ranker (.joblib with its .json card) instead of the bundled one")
    group.add_argument("--rules-only", action="store_true", help="attribute speakers with the rules alone, no ranker")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotestance",
        description="Find direct quotations in English and French news text, with speakers and stance.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and diagnostics")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("analyze", help="find quotations in files, folders or stdin")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a text file, a folder of .txt files, or - for stdin")
    p.add_argument("--lang", choices=["en", "fr"], help="language of every input (default: detect per document)")
    p.add_argument("--format", choices=FORMATS, help="what to print on stdout (default: table, or nothing with --sink)")
    p.add_argument("--sink", action="append", metavar="NAME[:TARGET]",
                   help="also send results to a sink, e.g. jsonl:out.jsonl, csv:out.csv, sqlite:quotes.db (repeatable)")
    p.add_argument("--kinds", metavar="K1,K2", help="speech kinds to report (default: direct,partial; plugins add indirect)")
    p.add_argument("--all", action="store_true", help="also list headlines, titles and scare quotes")
    p.add_argument("--model", metavar="MODEL", help="stance model (.joblib with its .json card) instead of the bundled one")
    _attribution_options(p)
    p.add_argument("--min-confidence", type=_confidence, metavar="P",
                   help="leave the speaker empty where speaker_confidence is below P (0-1)")
    _parse_option(p)
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="worker processes (default 1; -1 for every core)")
    p.set_defaults(func=_cmd_analyze)

    t = sub.add_parser("train", help="train a stance model on labelled JSONL")
    t.add_argument("data", nargs="+", metavar="DATA", help="JSONL files or folders of them (see training/GUIDELINES.md)")
    t.add_argument("-o", "--output", required=True, metavar="MODEL", help="where to write MODEL.joblib (card: MODEL.json)")
    t.add_argument("--version", default="custom", help="version recorded in the model card")
    t.add_argument("--target", default="the Lukashenko government", help="what the stance is toward, for the card")
    t.add_argument("--seed", type=int, default=0, help="seed of the folds and the role dropout")
    t.add_argument("--no-cv", action="store_true", help="skip cross-validation and the role ablation")
    t.set_defaults(func=_cmd_train)

    a = sub.add_parser("train-attribution", help="train a speaker ranker on annotated articles (gold.jsonl + text/)")
    a.add_argument("data", nargs="+", metavar="DATA",
                   help="folders holding gold.jsonl and text/*.txt, or folders of such folders (see training/attribution/BRIEF.md)")
    a.add_argument("-o", "--output", required=True, metavar="MODEL", help="where to write MODEL.joblib (card: MODEL.json)")
    a.add_argument("--test", nargs="*", metavar="DIR", help="held-out folders to score the trained model on")
    a.add_argument("--folds", type=_folds, default=5, help="cross-validation folds, grouped by article (default 5)")
    a.set_defaults(func=_cmd_train_attribution)

    e = sub.add_parser("evaluate", help="score quotation finding, speakers and stance against gold JSONL")
    e.add_argument("gold", metavar="GOLD.jsonl")
    e.add_argument("text_dir", metavar="TEXT_DIR")
    e.add_argument("--model", metavar="MODEL", help="stance model instead of the bundled one")
    _attribution_options(e)
    _parse_option(e)
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.set_defaults(func=_cmd_evaluate)

    g = sub.add_parser("plugins", help="list the plugins in use: name, version, hooks, built-in or not")
    g.add_argument("--json", action="store_true", help="print the list as JSON")
    g.set_defaults(func=_cmd_plugins)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A handler of our own on our logger, not basicConfig: a host that embeds
    # the CLI keeps its own logging set-up, and messages still reach stderr.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("quotestance: %(levelname)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO if args.verbose else logging.WARNING)
    log.propagate = False
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"quotestance: error: {exc}", file=sys.stderr)
        return 2
    except QuotestanceError as exc:
        print(f"quotestance: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `quotestance analyze … | head`
        return 0
    finally:
        log.removeHandler(handler)
        log.propagate = True


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
