"""Command line: ``quotestance analyze PATH... [--lang en|fr] [--format table|jsonl|csv]``.

Exit codes: 0 when every document was analysed, 1 when some documents were
skipped (each with a logged reason), 2 for a usage error such as a path that
does not exist.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Iterator, Sequence

from . import __version__
from .errors import ModelNotFoundError, QuotestanceError
from .formats import FORMATS, make_writer
from .pipeline import analyze

__all__ = ["main", "iter_inputs"]

log = logging.getLogger("quotestance")

#: File name suffixes read when a folder is given.
TEXT_SUFFIXES = (".txt", ".text")


class UsageError(Exception):
    """A command-line mistake: reported in one line with exit code 2."""


def iter_inputs(paths: Sequence[str]) -> Iterator[tuple[str, Path | None]]:
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
    yield from expanded


def _read(doc_id: str, path: Path | None) -> str:
    if path is None:
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise QuotestanceError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise QuotestanceError(exc.strerror or str(exc)) from exc


def _cmd_analyze(args: argparse.Namespace) -> int:
    writer = make_writer(args.format, sys.stdout)
    skipped = 0
    try:
        for doc_id, path in iter_inputs(args.paths):
            try:
                text = _read(doc_id, path)
                quotes = analyze(text, lang=args.lang, include_nonspeech=args.all)
            except ModelNotFoundError:
                raise  # nothing else can be analysed either
            except QuotestanceError as exc:
                skipped += 1
                log.error("%s: skipped: %s", doc_id, exc)
                continue
            writer.write(doc_id, quotes)
    finally:
        writer.close()
    if skipped:
        log.error("%d document%s skipped", skipped, "s" if skipped != 1 else "")
        return 1
    return 0


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
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--all", action="store_true", help="also list headlines, titles and scare quotes")
    p.set_defaults(func=_cmd_analyze)
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
