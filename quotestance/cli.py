"""Command line: ``quotestance analyze|render|report|train|train-attribution|evaluate|plugins``.

``analyze PATH... [--lang en|fr] [--format table|jsonl|csv] [--sink NAME[:TARGET]]... [--min-confidence P] [--jobs N]``

``analyze`` draws a progress bar on stderr when stderr is a terminal and
ends with a summary line (documents, quotes, skipped, documents per second).
``render FILE [-o OUT.html]``, ``report PATH... [-o REPORT.html]``,
``train DATA... -o MODEL``, ``train-attribution DATA... -o MODEL``, ``evaluate GOLD.jsonl TEXT_DIR``, ``plugins``.

Files are read as stored, without newline translation: offsets count a
CRLF line end as two characters, as any other program reading the file
does.

Exit codes: 0 when every document was analysed and written; 1 when a
document was skipped (unreadable, over the size limit or time budget, in
another language), a folder held no text, a sink failed to write or close,
or standard output was closed early (``| head``), each with a one-line
reason naming the document; 2 for a usage error (a path that does not
exist, an unknown sink or kind), found before any sink is opened; 130 when
Ctrl-C stopped the run after the current document, with every sink closed
(``--resume`` finishes it).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from . import __version__
from .app import DEFAULT_KINDS, DEFAULT_MAX_CHARS, QuoteStance, SinkError
from .errors import InputError, QuotestanceError
from .budget import DEFAULT_TIME_BUDGET
from .progress import RunProgress
from .selective import PARSE_MODES

__all__ = ["main", "iter_inputs", "expand_inputs"]

log = logging.getLogger("quotestance")

#: File name suffixes read when a folder is given.
TEXT_SUFFIXES = (".txt", ".text")
FORMATS = ("table", "jsonl", "csv")


class UsageError(Exception):
    """A command-line mistake: reported in one line with exit code 2."""


def expand_inputs(paths: Sequence[str]) -> tuple[list[tuple[str, Path | None]], list[str]]:
    """Expand CLI paths into (document id, path) pairs (``-`` means stdin), and the folders that held no text.

    Every path is checked before any is read, so a typo fails at once
    instead of after an hour of work. A file name that is not valid UTF-8
    gets an id with its odd bytes escaped (``\\xff``), the same in every run,
    so that its rows can be stored and resumed like any other.
    """
    expanded: list[tuple[str, Path | None]] = []
    empty: list[str] = []
    for raw in paths:
        if raw == "-":
            expanded.append(("-", None))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                empty.append(raw)
            expanded.extend((_document_id(p), p) for p in files)
        elif path.is_file():
            expanded.append((_document_id(path), path))
        elif path.exists():
            raise UsageError(f"{raw}: not a regular file or folder")
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return expanded, empty


def iter_inputs(paths: Sequence[str]) -> list[tuple[str, Path | None]]:
    """The (document id, path) pairs of :func:`expand_inputs`."""
    return expand_inputs(paths)[0]


def _document_id(path: Path) -> str:
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read(path: Path | None) -> str:
    """A file's text as stored: no newline translation, so offsets count a CRLF as two characters."""
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QuotestanceError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise QuotestanceError(exc.strerror or str(exc)) from exc


def _load(kind: str, path: str | None, trusted: bool = False):
    """A stance model or speaker ranker given on the command line; a missing or refused file is a usage error."""
    if path is None:
        return None
    if kind == "stance":
        from .stance import StanceModel as model_class
    else:
        from .attribution.ranker import AttributionModel as model_class  # type: ignore[assignment]
    try:
        return model_class.load(path, trusted=trusted)
    except QuotestanceError as exc:
        raise UsageError(str(exc).replace("trusted=True", "--trust-model").replace(" (--trust-model on the command line)", "")) from exc


def _stance_model(args: argparse.Namespace):
    return _load("stance", args.model, args.trust_model)


def _attribution_model(args: argparse.Namespace):
    return False if args.rules_only else _load("attribution", args.attribution_model, args.trust_model)


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


def _seconds(value: str) -> float:
    return _checked_number(value, float, lambda n: n > 0, " is not a positive number of seconds")


def _positive(value: str) -> int:
    return _checked_number(value, int, lambda n: n >= 1, " is not a positive whole number")


def _documents(inputs: list[tuple[str, Path | None]], progress: RunProgress) -> Iterator[tuple[str, str]]:
    for doc_id, path in inputs:
        try:
            yield doc_id, _read(path)
        except QuotestanceError as exc:
            progress.skip()
            log.error("%s: skipped: %s", doc_id, exc)


class _StopRequest:
    """Ctrl-C asks the run to stop after the document at hand; a second Ctrl-C stops it at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> "_StopRequest":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        print("quotestance: stopping after the current document (Ctrl-C again to stop now)", file=sys.stderr)


def _open_sinks(app: QuoteStance, specs: list[str], resume: bool) -> list[Any]:
    """Check every spec, then open them all; nothing is opened (or emptied) when one is wrong."""
    try:
        for spec in specs:
            app.sink_factory(spec)
        return app.open_sinks(specs, resume=resume)[0]
    except SinkError as exc:
        raise UsageError(str(exc)) from exc


@dataclasses.dataclass
class _Run:
    """What one ``analyze`` command does, once every option is checked."""

    app: QuoteStance
    options: dict[str, Any]
    inputs: list[tuple[str, Path | None]]
    empty_folders: list[str]
    specs: list[str]
    failures: list[str] = dataclasses.field(default_factory=list)
    interrupted: bool = False


def _planned(args: argparse.Namespace) -> _Run:
    """Check everything the command asks for, before any sink opens: a mistake must not empty an existing file."""
    if args.rules_only and args.min_confidence is not None:
        raise UsageError("--min-confidence needs the ranker: the rules alone (--rules-only) give no confidence")
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip()) if args.kinds else DEFAULT_KINDS
    try:
        app = QuoteStance(max_chars=args.max_chars)
        app.check_options(kinds=kinds)
    except InputError as exc:
        raise UsageError(str(exc).replace("max_chars", "--max-chars")) from exc
    options = {"lang": args.lang, "include_nonspeech": args.all, "kinds": kinds, "stance_model": _stance_model(args),
               "attribution_model": _attribution_model(args), "min_speaker_confidence": args.min_confidence,
               "n_jobs": args.jobs, "parse": args.parse, "time_budget": args.time_budget}
    inputs, empty = expand_inputs(args.paths)
    specs = list(args.sink or [])
    if args.format is not None or not specs:
        specs.insert(0, f"{args.format or 'table'}:-")
    return _Run(app, options, inputs, empty, specs)


def _skip_stored(run: _Run, sinks: list[Any]) -> None:
    """Under ``--resume``, leave out the documents every resuming sink already holds."""
    stored = run.app.stored_documents(sinks)
    if stored is None:
        for sink in sinks:
            run.app.close_sink(sink)
        raise UsageError("--resume needs a --sink that can resume: jsonl:FILE, csv:FILE or sqlite:FILE")
    done = sum(1 for doc_id, _ in run.inputs if doc_id in stored)
    run.inputs = [(doc_id, path) for doc_id, path in run.inputs if doc_id not in stored]
    if done:
        print(f"quotestance: resuming: {done} document{'s' if done != 1 else ''} already stored, "
              f"{len(run.inputs)} to go", file=sys.stderr)


def _broken(sink: Any) -> bool:
    return bool(getattr(sink, "_quotestance_broken", False))


def _analyse_into(run: _Run, sinks: list[Any], progress: RunProgress) -> None:
    """Analyse and deliver document after document until the end, Ctrl-C, or no sink left to write to."""
    with _StopRequest() as stop:
        try:
            for result in run.app.analyze_many(_documents(run.inputs, progress), **run.options):
                if result.error:
                    progress.skip()
                else:
                    failed = run.app.deliver(sinks, result.document_id or "", result.quotes)
                    run.failures.extend(f"{result.document_id}: {reason}" for reason in failed)
                    progress.document(len(result.quotes))
                if stop.requested:
                    run.interrupted = True
                    break
                if all(_broken(sink) for sink in sinks):
                    break  # nobody is left to write to
        except KeyboardInterrupt:
            run.interrupted = True
        except Exception:
            if not stop.requested:
                raise
            run.interrupted = True  # workers stopped by the same Ctrl-C
        finally:
            run.failures.extend(reason for reason in (run.app.close_sink(sink) for sink in sinks) if reason)
            progress.close()


def _cmd_analyze(args: argparse.Namespace) -> int:
    run = _planned(args)
    for folder in run.empty_folders:
        log.error("%s: folder holds no %s files", folder, "/".join(TEXT_SUFFIXES))
    sinks = _open_sinks(run.app, run.specs, args.resume)
    if args.resume:
        _skip_stored(run, sinks)
    progress = RunProgress(total=len(run.inputs))
    _analyse_into(run, sinks, progress)
    broken = any(_broken(sink) for sink in sinks)
    if broken:
        _silence_stdout()
    if run.interrupted:
        print(f"quotestance: interrupted: {progress.documents} of {len(run.inputs)} documents written and the sinks "
              "closed; run the same command with --resume to finish", file=sys.stderr)
        return 130
    if progress.skipped:
        log.error("%d document%s skipped", progress.skipped, "s" if progress.skipped != 1 else "")
    if broken:
        log.error("standard output was closed before the end (broken pipe); %s",
                  "the other sinks hold every document" if not all(_broken(s) for s in sinks) else "the run stopped there")
    elif run.failures:
        log.error("%d sink write%s failed; the first: %s", len(run.failures), "s" if len(run.failures) != 1 else "",
                  run.failures[0])
    return 1 if progress.skipped or run.failures or run.empty_folders else 0


def _silence_stdout() -> None:
    """After a broken pipe, send what is left on stdout nowhere, so that exiting prints no second traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (captured)
        pass


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
    model = _stance_model(args)
    ranker = _attribution_model(args)
    scores = evaluate(args.gold, args.text_dir,
                      lambda text: app.analyze(text, stance_model=model, attribution_model=ranker, parse=args.parse))
    print(json.dumps(scores) if args.json else format_scores(scores))
    return 0


def _write_page(html_text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(html_text)
        return
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(html_text, encoding="utf-8")
    except OSError as exc:
        raise QuotestanceError(f"{output}: {exc.strerror or exc}") from exc
    print(f"wrote {output}", file=sys.stderr)


def _cmd_render(args: argparse.Namespace) -> int:
    from .view import render

    (doc_id, path), *more = iter_inputs([args.path])
    if more or path is None and args.path != "-":
        raise UsageError(f"{args.path}: render takes one article (a file, or - for stdin)")
    text = _read(path)
    _write_page(render(text, lang=args.lang, stance_model=_stance_model(args), attribution_model=_attribution_model(args),
                       title=args.title), args.output)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    run = _planned(args)
    progress = RunProgress(total=len(run.inputs))
    results = []
    for result in run.app.analyze_many(_documents(run.inputs, progress), **run.options):
        if result.error:
            progress.skip()
            continue
        results.append(result)
        progress.document(len(result.quotes))
    progress.close()
    _write_page(build_report(results, title=args.title), args.output)
    return 1 if progress.skipped or run.empty_folders else 0


def _cmd_plugins(args: argparse.Namespace) -> int:
    rows = QuoteStance().plugin_info()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no plugins registered")
        return 0
    def provided(row: dict[str, Any]) -> str:
        parts = ([f"sink {', '.join(row['sinks'])}"] if row["sinks"] else []) + (["extractor"] if row["extractor"] else [])
        return "; ".join(parts) or "-"

    width = max(len(r["name"]) for r in rows)
    pwidth = max(len("PROVIDES"), *(len(provided(r)) for r in rows))
    print(f"{'PLUGIN':<{width}}  {'VERSION':<9}  {'KIND':<8}  {'PROVIDES':<{pwidth}}  HOOKS")
    for r in rows:
        kind = "built-in" if r["builtin"] else "plugin"
        print(f"{r['name']:<{width}}  {r['version'] or '-':<9}  {kind:<8}  {provided(r):<{pwidth}}  {', '.join(r['hooks'])}")
    return 0


def _parse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--parse", choices=PARSE_MODES, default="selective",
                        help="run spaCy only on the paragraphs attribution needs (selective, the default) or on everything")


def _attribution_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trust-model", action="store_true",
                        help="load a --model or --attribution-model that quotestance does not ship (loading runs its code)")
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
    p.add_argument("--kinds", metavar="K1,K2", help="speech kinds to report (default: direct,partial; also fragment, and indirect from plugins)")
    p.add_argument("--all", action="store_true", help="also list headlines, titles and scare quotes")
    p.add_argument("--model", metavar="MODEL", help="stance model (.joblib with its .json card) instead of the bundled one")
    _attribution_options(p)
    p.add_argument("--min-confidence", type=_confidence, metavar="P",
                   help="leave the speaker empty where speaker_confidence is below P (0-1)")
    _parse_option(p)
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="worker processes (default 1; -1 for every core)")
    p.add_argument("--resume", action="store_true",
                   help="skip the documents the --sink files already hold and append the rest (after a crash or Ctrl-C)")
    p.add_argument("--time-budget", type=_seconds, default=DEFAULT_TIME_BUDGET, metavar="S",
                   help=f"skip a document that takes longer than S seconds after its parse (default {DEFAULT_TIME_BUDGET:g})")
    p.add_argument("--max-chars", type=_positive, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"skip a document longer than N characters (default {DEFAULT_MAX_CHARS:,})")
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

    r = sub.add_parser("render", help="an article as an HTML page with its quotations, speakers and stance marked")
    r.add_argument("path", metavar="FILE", help="the article (a text file, or - for stdin)")
    r.add_argument("-o", "--output", metavar="OUT.html", help="where to write the page (default: stdout)")
    r.add_argument("--lang", choices=["en", "fr"], help="language of the article (default: detect)")
    r.add_argument("--title", help="page title (default: the article's first line)")
    r.add_argument("--model", metavar="MODEL", help="stance model instead of the bundled one")
    _attribution_options(r)
    r.set_defaults(func=_cmd_render)

    o = sub.add_parser("report", help="an HTML report of a corpus: speakers by stance, plots, every article marked")
    o.add_argument("paths", nargs="+", metavar="PATH", help="text files, folders of .txt files, or - for stdin")
    o.add_argument("-o", "--output", metavar="REPORT.html", help="where to write the report (default: stdout)")
    o.add_argument("--title", default="quotestance report", help="title of the report")
    o.add_argument("--lang", choices=["en", "fr"], help="language of every input (default: detect per document)")
    o.add_argument("--model", metavar="MODEL", help="stance model instead of the bundled one")
    _attribution_options(o)
    o.set_defaults(func=_cmd_report, kinds=None, all=False, min_confidence=None, jobs=1, parse="selective",
                   time_budget=DEFAULT_TIME_BUDGET, max_chars=DEFAULT_MAX_CHARS, sink=None, format=None, resume=False)

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
    except BrokenPipeError:  # `quotestance plugins | head`: nothing is lost, but not all was printed
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        print("quotestance: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback, unless asked for
        if args.verbose:
            traceback.print_exc()
        print(f"quotestance: internal error: {type(exc).__name__}: {exc} (a bug; rerun with -v for the traceback)",
              file=sys.stderr)
        return 1
    finally:
        log.removeHandler(handler)
        log.propagate = True


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
