"""Hostile inputs, measured: time against size on adversarial texts, and quotes kept when articles are flattened.

    .venv/bin/python benchmarks/bench_robustness.py [TEXT_DIR ...]

Part of ``make bench``. Prints one line per case: the seconds ``analyze()``
takes at growing sizes and the ratio to the smallest (linear time gives the
size ratio), then, for every article of ``examples/`` and the given
folders, the quotations found in the article as written and with every
line break turned into a space (the layout of a page whose markup was
stripped). Nothing here is a test; ``tests/test_bounded_time.py`` checks
the same growth at small sizes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import quotestance

ROOT = Path(__file__).resolve().parent.parent


def _article(size: int) -> str:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("en_*.txt")))
    return (base * (size // len(base) + 1))[:size]


CASES = {
    "stray marks": (lambda n: '" ' * n, [12_500, 25_000, 50_000, 100_000]),
    "nested marks": (lambda n: "\u201c" * n + "word " + "\u201d" * n, [1_000, 4_000, 16_000]),
    "quotes without sentence ends": (
        lambda n: " ".join(f'"quote number {i} here" said Bob Smith and' for i in range(n)), [250, 1_000, 4_000]),
    "paragraph without punctuation": (lambda n: " ".join(f"word{i % 97} and" for i in range(n)), [25_000, 100_000]),
    "article": (_article, [250_000, 1_000_000]),
}


def _time(text: str) -> tuple[float, int]:
    start = time.perf_counter()
    quotes = quotestance.analyze(text, lang="en", stance_model=False)
    return time.perf_counter() - start, len(quotes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args(argv)
    quotestance.analyze("Warm-up, he said.", lang="en")
    if not args.skip_timing:
        print("case | size (units) | characters | seconds | ratio to smallest (time / size) | quotes")
        for name, (make, sizes) in CASES.items():
            first = None
            for size in sizes:
                text = make(size)
                seconds, quotes = _time(text)
                first = first or (seconds, size)
                print(f"{name} | {size:,} | {len(text):,} | {seconds:.2f} | {seconds / first[0]:.1f} / {size / first[1]:.0f} | {quotes}",
                      flush=True)
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    folders = [ROOT / "examples"] + args.folders
    total = kept = 0
    print("\nfile | quotes as written | quotes flattened")
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8")
            written = len(quotestance.analyze(text, stance_model=False))
            flattened = len(quotestance.analyze(text.replace("\r\n", "  ").replace("\n", " "), stance_model=False))
            total, kept = total + written, kept + min(written, flattened)
            print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} | {written} | {flattened}")
    print(f"flattened articles keep {kept} of {total} quotes ({kept / max(total, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
