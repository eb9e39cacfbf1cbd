"""Check an authored attribution batch and fill in the gold offsets.

usage: python training/attribution/check_gold.py BATCH_DIR [--write]

A batch is ``BATCH_DIR/text/*.txt`` (one article per file, UTF-8) and
``BATCH_DIR/gold.jsonl`` (one row per span between quote marks, in text
order, see ``BRIEF.md``). Writers give each row's ``text``; this script
finds it in the article after the previous row of the same document, and
with ``--write`` rewrites ``gold.jsonl`` with exact ``start``/``end``
offsets. It reports every problem it finds and exits 1 when there is one:
rows whose text is not in the article, bad field values, and quote marks
in an article that no row accounts for.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys
import unicodedata

STATUSES = {"required", "optional", "negative"}
STANCES = {"support", "oppose", "neutral"}
OPENING = set("\"“„«‹")
CLOSING = set("\"”“»›")
PAD = set(" \u00a0\u202f\u2009\t\n")
FIELDS = ("doc", "start", "end", "text", "speaker", "aliases", "stance", "status")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def check_row(row: dict, where: str, problems: list[str]) -> None:
    if row.get("status") not in STATUSES:
        problems.append(f"{where}: status must be one of {sorted(STATUSES)}")
    speaker = row.get("speaker")
    if speaker is not None and (not isinstance(speaker, str) or not speaker.strip()):
        problems.append(f"{where}: speaker must be a non-empty string or null")
    if row.get("status") == "required" and speaker is None:
        problems.append(f"{where}: a required row needs a speaker")
    if row.get("status") == "negative" and speaker is not None:
        problems.append(f"{where}: a negative row has speaker null")
    aliases = row.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(f"{where}: aliases must be a list of strings")
    else:
        for a in aliases:
            if a != fold(a) or a != a.strip() or not a:
                problems.append(f"{where}: alias {a!r} must be lower case, accent-free, trimmed")
    stance = row.get("stance")
    if stance is not None and not all(s in STANCES for s in str(stance).split("|")):
        problems.append(f"{where}: stance {stance!r} must be support|oppose|neutral (or 'a|b'), or null")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text is empty")
    elif text != text.strip():
        problems.append(f"{where}: text must not start or end with spaces or newlines")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("batch", type=pathlib.Path)
    ap.add_argument("--write", action="store_true", help="rewrite gold.jsonl with offsets")
    args = ap.parse_args()
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((args.batch / "text").glob("*.txt"))}
    gold_path = args.batch / "gold.jsonl"
    rows = []
    problems: list[str] = []
    for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"gold.jsonl:{n}: not JSON ({exc})")
    cursor: dict[str, int] = collections.defaultdict(int)
    covered: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    out = []
    for n, row in rows:
        where = f"gold.jsonl:{n}"
        doc = row.get("doc")
        if doc not in texts:
            problems.append(f"{where}: doc {doc!r} is not a file in text/")
            continue
        check_row(row, where, problems)
        text = row.get("text") or ""
        article = texts[doc]
        start = article.find(text, cursor[doc]) if text else -1
        if start < 0:
            earlier = article.find(text)
            hint = " (it occurs earlier: rows must be in text order)" if earlier >= 0 else ""
            problems.append(f"{where}: text not found in {doc} after the previous row{hint}: {text[:60]!r}")
            continue
        end = start + len(text)
        cursor[doc] = start + 1
        covered[doc].append((start, end))
        fixed = {k: row.get(k) for k in FIELDS}
        fixed["start"], fixed["end"] = start, end
        fixed["aliases"] = row.get("aliases") or []
        out.append(fixed)
    for doc, article in texts.items():
        spans = covered.get(doc, [])
        for i, ch in enumerate(article):
            if ch not in OPENING | CLOSING:
                continue
            if ch == '"' or ch in OPENING:
                j = i + 1
                while j < len(article) and article[j] in PAD:
                    j += 1
                if any(s == j for s, _ in spans):
                    continue
            if ch == '"' or ch in CLOSING:
                j = i
                while j > 0 and article[j - 1] in PAD:
                    j -= 1
                if any(e == j for _, e in spans):
                    continue
            line = article.count("\n", 0, i) + 1
            problems.append(f"{doc}:{line}: quote mark {ch!r} at offset {i} is next to no gold row: {article[max(0, i - 30):i + 30]!r}")
    for p in problems:
        print(p, file=sys.stderr)
    n_docs = len({r["doc"] for r in out})
    by_status = collections.Counter(r["status"] for r in out)
    print(f"{len(texts)} articles, {n_docs} with rows; {len(out)} rows: {dict(by_status)}; {len(problems)} problems")
    if args.write and not problems:
        gold_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        print(f"wrote {gold_path} with offsets")
    elif args.write:
        print("not written: fix the problems first", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
