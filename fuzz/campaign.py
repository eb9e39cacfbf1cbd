"""A fuzz campaign of the whole ``analyze()`` path: N generated texts, every failure counted and kept.

    python fuzz/campaign.py --inputs 100000 --jobs 2 [--seed 0] [--out fuzz/failures.jsonl]

Each input is a :func:`newslike.newslike_text` drawn from its own seed, so a
failure is rebuilt with ``newslike_text(random.Random(seed))``. An input
passes when ``analyze()`` returns quotes that keep the offset contract, or
raises an error of the project's tree (``QuotestanceError``) or a
``TypeError``; anything else, or a broken offset, is a failure. The summary
gives the counts, the time, and the outcomes (quotes found, errors by type).
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newslike import check_quotes, newslike_text  # noqa: E402


def _one(seed: int) -> tuple[int, str, int, str | None]:
    """(seed, outcome, quotes, failure traceback or None)."""
    import quotestance

    text = newslike_text(random.Random(seed))
    try:
        quotes = quotestance.analyze(text, stance_model=False)
        check_quotes(text, quotes)
    except (quotestance.QuotestanceError, TypeError) as exc:
        return seed, type(exc).__name__, 0, None
    except Exception:  # noqa: BLE001 - that is what a campaign looks for
        return seed, "FAILURE", 0, traceback.format_exc(limit=6)
    return seed, "ok", len(quotes), None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="seed of the first input; the others follow")
    parser.add_argument("--out", default="fuzz/failures.jsonl", help="where failing seeds and tracebacks go")
    args = parser.parse_args(argv)
    seeds = range(args.seed, args.seed + args.inputs)
    outcomes: collections.Counter[str] = collections.Counter()
    quotes = characters = 0
    failures = []
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        for done, (seed, outcome, found, failure) in enumerate(pool.imap_unordered(_one, seeds, chunksize=200), 1):
            outcomes[outcome] += 1
            quotes += found
            if failure is not None:
                failures.append({"seed": seed, "traceback": failure})
            if done % 10_000 == 0:
                print(f"{done:,} inputs, {outcomes['FAILURE']} failures, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    for seed in seeds[:2000]:
        characters += len(newslike_text(random.Random(seed)))
    elapsed = time.perf_counter() - started
    if failures:
        Path(args.out).write_text("".join(json.dumps(f) + "\n" for f in failures), encoding="utf-8")
    summary = {
        "inputs": args.inputs, "first_seed": args.seed, "jobs": args.jobs, "seconds": round(elapsed, 1),
        "inputs_per_second": round(args.inputs / elapsed, 1), "outcomes": dict(outcomes), "quotes_found": quotes,
        "mean_characters": round(characters / min(2000, args.inputs), 1), "failures": len(failures),
    }
    print(json.dumps(summary, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
