"""Assign the held-out test split of the stance corpus, by speaker.

usage: python training/assign_split.py [training/data]

Every example of a held-out speaker goes to ``test``, so test scores measure
how the model does on speakers it never saw. A speaker is held out when the
hash of its canonical name falls in the lowest fifth, which is stable: adding
examples never moves existing speakers between splits. Exact duplicate
quotes are dropped (the first occurrence is kept). Files are rewritten in
place, keeping their line order.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from quotestance.training import speaker_group

TEST_SHARE = 0.2


def is_test(speaker: str) -> bool:
    digest = hashlib.sha256(speaker_group(speaker).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < TEST_SHARE


def main(folder: Path) -> None:
    seen: set[str] = set()
    counts = {"train": 0, "test": 0, "dropped": 0}
    for path in sorted(folder.glob("*.jsonl")):
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["quote"] in seen:
                counts["dropped"] += 1
                continue
            seen.add(row["quote"])
            row["split"] = "test" if is_test(row["speaker"]) else "train"
            counts[row["split"]] += 1
            rows.append(row)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(counts)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "data"))
