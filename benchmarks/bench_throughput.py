"""Throughput of the scanner alone and of the whole analysis.

usage: python benchmarks/bench_throughput.py [TEXT_DIR ...]

Without arguments it reads examples/ and, when present, the shared
development texts. Prints characters per second for ``scan`` (pure Python)
and documents and characters per second for ``analyze`` (spaCy included)
and for ``analyze_many`` with two joblib workers; each timed after one warm-up.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import quotestance
from quotestance.cues import load_lexicon

ROOT = Path(__file__).resolve().parent.parent


def _texts(dirs: list[Path]) -> list[str]:
    texts = []
    for d in dirs:
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt")))
    return texts


def _best(fn, repeat: int = 3) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> None:
    dirs = [Path(a) for a in argv] or [ROOT / "examples"] + [
        d for d in (ROOT.parent / "shared/data/seeds", ROOT.parent / "shared/data/polnear/dev/text") if d.is_dir()
    ]
    texts = _texts(dirs)
    chars = sum(len(t) for t in texts)
    incise = {lang: load_lexicon(lang).incise_pattern for lang in ("en", "fr")}
    langs = [quotestance.detect_language(t) or "en" for t in texts]
    t_scan = _best(lambda: [quotestance.scan(t, incise[lang]) for t, lang in zip(texts, langs)])
    t_analyze = _best(lambda: [quotestance.analyze(t, lang) for t, lang in zip(texts, langs)], repeat=1)
    docs = list(enumerate(texts))
    t_many = _best(lambda: list(quotestance.analyze_many(docs, n_jobs=2, batch_size=8)), repeat=1)
    print(f"corpus: {len(texts)} documents, {chars:,} characters from {', '.join(str(d) for d in dirs)}")
    print(f"scan:    {chars / t_scan:,.0f} chars/s")
    print(f"analyze: {len(texts) / t_analyze:,.1f} docs/s, {chars / t_analyze:,.0f} chars/s")
    print(f"analyze_many(n_jobs=2): {len(texts) / t_many:,.1f} docs/s, {chars / t_many:,.0f} chars/s")


if __name__ == "__main__":
    main(sys.argv[1:])
