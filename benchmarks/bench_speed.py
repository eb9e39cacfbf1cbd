"""Speed of quotestance against the peer and against the parser itself.

usage: python benchmarks/bench_speed.py [--rounds N] [--memory] [TEXT_DIR ...]

Systems, on the same English texts (``examples/en_*.txt`` and, when present,
``../shared/data/polnear/dev/text``), each timed in a fresh process so that
its peak memory is its own; the processes of all systems are interleaved,
round after round, so that a slow spell of the machine hits them alike:

- ``quotestance``: ``analyze_many`` in one process (selective parsing, the default);
- ``quotestance-full``: the same with ``parse="full"``;
- ``textacy``: a full ``nlp.pipe`` parse with the same model plus textacy's
  ``direct_quotations`` (needs the ``eval`` extra; skipped without it);
- ``spacy``: a plain ``nlp.pipe`` parse with the same model, every component loaded;
- ``quotestance-2jobs``: ``analyze_many(n_jobs=2)``, both workers started and their models
  loaded before the clock.

Reports documents and tokens per second (median over rounds), the ratios
and peak RSS. ``--memory`` instead streams 1,000 and then 10,000 documents
through ``analyze_many`` in one process and prints the peak RSS at both
points. Loading models is never timed.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ("quotestance", "quotestance-full", "textacy", "spacy", "quotestance-2jobs")
MODEL = "en_core_web_sm"


def english_texts(dirs: list[Path]) -> list[str]:
    import quotestance

    texts = []
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            if quotestance.detect_language(text) == "en":
                texts.append(text)
    return texts


def default_dirs() -> list[Path]:
    shared = ROOT.parent / "shared/data/polnear/dev/text"
    return [ROOT / "examples"] + ([shared] if shared.is_dir() else [])


def _model_name() -> str:
    from quotestance.nlp import DEFAULT_MODELS

    import importlib.util

    return next((m for m in DEFAULT_MODELS["en"] if importlib.util.find_spec(m)), MODEL)


def run_one(system: str, dirs: list[Path]) -> dict:
    """Time one system once, in this process; load everything first."""
    texts = english_texts(dirs)
    import spacy

    import quotestance
    from quotestance.batch import DEFAULT_BATCH_SIZE

    name = _model_name()
    if system.startswith("quotestance"):
        options = {"lang": "en"}
        if system == "quotestance-full":
            options["parse"] = "full"
        if system == "quotestance-2jobs":
            options["n_jobs"] = 2
        # Models loaded and, with two jobs, every worker started and its models loaded: with only one
        # batch to warm up on, one worker would load its models on the clock.
        warm_up = texts[: 4 * DEFAULT_BATCH_SIZE] if system == "quotestance-2jobs" else texts[:4]
        list(quotestance.analyze_many(warm_up, **options))
        started = time.perf_counter()
        quotes = sum(len(r.quotes) for r in quotestance.analyze_many(texts, **options))
    elif system == "textacy":
        try:
            from textacy.extract.triples import direct_quotations
        except ImportError:
            return {"system": system, "skipped": "textacy is not installed (pip install -e '.[eval]')"}
        nlp = spacy.load(name)
        list(nlp.pipe(texts[:4]))
        started = time.perf_counter()
        quotes = 0
        for doc in nlp.pipe(texts):
            try:
                quotes += len(list(direct_quotations(doc)))
            except ValueError:
                pass
    else:
        nlp = spacy.load(name)
        list(nlp.pipe(texts[:4]))
        started = time.perf_counter()
        quotes = sum(0 for _ in nlp.pipe(texts))
    seconds = time.perf_counter() - started
    if system == "quotestance-2jobs":
        from joblib.externals.loky import get_reusable_executor

        get_reusable_executor().shutdown(wait=True)  # ended workers count in RUSAGE_CHILDREN
    tokenizer = spacy.blank("en").tokenizer
    tokens = sum(len(tokenizer(t)) for t in texts)
    return {"system": system, "seconds": seconds, "docs": len(texts), "tokens": tokens, "quotes": quotes,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def compare(dirs: list[Path], rounds: int) -> None:
    runs: dict[str, list[dict]] = {s: [] for s in SYSTEMS}
    for r in range(rounds):
        order = SYSTEMS[r % len(SYSTEMS):] + SYSTEMS[: r % len(SYSTEMS)]
        for system in order:
            out = subprocess.run([sys.executable, __file__, "--one", system, *map(str, dirs)],
                                 capture_output=True, text=True, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            runs[system].append(result)
            print(f"round {r + 1}: {system:<18} {result.get('seconds', float('nan')):7.2f} s", file=sys.stderr)
    rows = {}
    for system, results in runs.items():
        if results and "skipped" in results[0]:
            print(f"{system}: skipped ({results[0]['skipped']})")
            continue
        seconds = statistics.median(r["seconds"] for r in results)
        first = results[0]
        rows[system] = {"seconds": seconds, "docs_s": first["docs"] / seconds, "tokens_s": first["tokens"] / seconds,
                        "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
                        "worker_rss_mb": max(r["worker_rss_mb"] for r in results), "quotes": first["quotes"]}
    first = next(iter(runs.values()))[0]
    print(f"{first['docs']} English documents, {first['tokens']:,} tokens; {rounds} rounds; model {_model_name()}; "
          f"{platform.machine()}, {platform.python_version()}, {date.today().isoformat()}")
    print("| system | s (median) | docs/s | tokens/s | vs textacy | vs plain spaCy | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|")
    for system, row in rows.items():
        vs_textacy = rows["textacy"]["seconds"] / row["seconds"] if "textacy" in rows else float("nan")
        vs_spacy = rows["spacy"]["seconds"] / row["seconds"]
        print(f"| {system} | {row['seconds']:.2f} | {row['docs_s']:.2f} | {row['tokens_s']:,.0f} | "
              f"{vs_textacy:.2f}x | {vs_spacy:.2f}x | {_rss(row)} |")
    if "quotestance" in rows and "quotestance-2jobs" in rows:
        print(f"2 jobs vs 1: {rows['quotestance']['seconds'] / rows['quotestance-2jobs']['seconds']:.2f}x")


def _rss(row: dict) -> str:
    main = f"{row['peak_rss_mb']:.0f}"
    return f"{main} + workers of {row['worker_rss_mb']:.0f} each" if row["worker_rss_mb"] > 1 else main


def memory(dirs: list[Path], counts: tuple[int, ...] = (1000, 10000)) -> None:
    import itertools

    import quotestance

    texts = english_texts(dirs)
    stream = ((f"doc-{i}", text) for i, text in enumerate(itertools.cycle(texts)))
    seen = 0
    started = time.perf_counter()
    for result in quotestance.analyze_many(itertools.islice(stream, counts[-1]), lang="en"):
        seen += 1
        if seen in counts:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{seen} documents streamed: peak RSS {peak:.0f} MB ({time.perf_counter() - started:.0f} s)", flush=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="peak RSS over 1,000 and 10,000 streamed documents")
    parser.add_argument("--one", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    dirs = args.dirs or default_dirs()
    if args.one:
        print(json.dumps(run_one(args.one, dirs)))
    elif args.memory:
        memory(dirs)
    else:
        compare(dirs, args.rounds)


if __name__ == "__main__":
    main(sys.argv[1:])
