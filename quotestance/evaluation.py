"""Score quotestance against gold quotations, by the project's evaluation protocol.

Gold rows (JSONL) give ``doc``, ``start``, ``end``, ``speaker``, ``aliases``,
``stance`` (``a|b`` for several defensible labels) and ``status``:
``required`` quotes must be found, ``optional`` ones neither reward nor
punish, ``negative`` ones (not speech) punish only when given a speaker.
PolNeAR-style rows also carry ``speaker_start``/``speaker_end``, and then the
speaker is judged at the mention level.

A prediction matches a gold quote when it covers at least half of it and
at least a quarter of the prediction is that quote (or 60 % of the
prediction is gold, for one span covering several gold paragraphs).
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .names import fold
from .errors import InputError

__all__ = ["Prediction", "evaluate", "format_scores", "match_gold", "read_gold", "speaker_matches", "name_matches", "strip_marks", "expected_calibration_error", "reliability_bins"]

_EDGE = set("\"'“”„«»‹›‘’ \n\t\u00a0")
_NOT_NAMES = {"the", "a", "an", "mr", "ms", "mrs"}
_GOLD_FIELDS = ("doc", "start", "end", "speaker", "status")


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    speaker: str | None
    stance: str | None
    mention: tuple[int | None, int | None]
    confidence: float | None = None




def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the quote marks and spaces at its ends, as the protocol compares spans."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def speaker_matches(pred: Prediction, gold: dict[str, Any]) -> bool:
    """Is the predicted speaker the gold one (by name, alias or mention offsets)?"""
    if gold["speaker"] is None:
        return pred.speaker is None
    if "speaker_start" in gold:
        m0, m1 = pred.mention
        if m0 is not None and m1 is not None and _overlap(m0, m1, gold["speaker_start"], gold["speaker_end"]) > 0:
            return True
        words = [w for w in re.findall(r"[A-Z][\w’'-]+", gold["speaker"]) if w.lower() not in _NOT_NAMES]
        return bool(pred.speaker and words and fold(words[-1]) in fold(pred.speaker))
    return name_matches(pred.speaker, gold)


def name_matches(speaker: str | None, gold: dict[str, Any]) -> bool:
    """Does ``speaker`` contain the gold speaker's name or one of its aliases, as whole words?"""
    if not speaker or gold["speaker"] is None:
        return False
    said = fold(speaker)
    return any(
        re.search(r"(?<![a-z])" + re.escape(fold(name)) + r"(?![a-z])", said)
        for name in [gold["speaker"], *gold.get("aliases", [])]
    )


def read_gold(gold_path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Gold rows by document, validated.

    Raises:
        InputError: no such file, a line that is not JSON, or a row without a required field.
    """
    gold_path = Path(gold_path)
    if not gold_path.is_file():
        raise InputError(f"{gold_path}: no such gold file")
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{gold_path}:{number}: not JSON ({exc.msg})") from exc
            missing = [k for k in _GOLD_FIELDS if not isinstance(row, dict) or k not in row]
            if missing:
                raise InputError(f"{gold_path}:{number}: gold row lacks {', '.join(missing)}")
            by_doc[row["doc"]].append(row)
    return by_doc


def match_gold(spans: Sequence[tuple[int, int]], golds: Sequence[dict[str, Any]]) -> list[int | None]:
    """For each gold row, the index of the predicted span that matches it (or ``None``), by the protocol's rule."""
    gold_share = [sum(_overlap(s, e, g["start"], g["end"]) for g in golds) / (e - s) for s, e in spans]
    out: list[int | None] = []
    for g in golds:
        best, match = 0, None
        for i, (s, e) in enumerate(spans):
            shared = _overlap(s, e, g["start"], g["end"])
            if shared / (g["end"] - g["start"]) < 0.5:
                continue
            if (shared / (e - s) >= 0.25 or gold_share[i] >= 0.6) and shared > best:
                best, match = shared, i
        out.append(match)
    return out


def _get(q: Any, key: str) -> Any:
    return q.get(key) if isinstance(q, dict) else getattr(q, key, None)


def evaluate(
    gold_path: str | Path,
    text_dir: str | Path,
    system: Callable[[str], Iterable[Any]] | None = None,
) -> dict[str, Any]:
    """Run ``system`` (``quotestance.analyze`` by default) on every ``*.txt`` of ``text_dir`` and score it."""
    if system is None:
        from . import analyze

        system = analyze
    gold_path, text_dir = Path(gold_path), Path(text_dir)
    if not text_dir.is_dir():
        raise InputError(f"{text_dir}: no such folder")
    by_doc = read_gold(gold_path)
    tp = fp = fn = right_speaker = negatives_hit = 0
    stance_pairs: list[tuple[str, str]] = []
    confidences: list[tuple[float, bool]] = []
    started = time.perf_counter()
    chars = 0
    for path in sorted(text_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        preds = []
        for q in system(text):
            s, e = strip_marks(text, int(_get(q, "start")), int(_get(q, "end")))
            if e > s:
                preds.append(Prediction(s, e, _get(q, "speaker"), _get(q, "stance"),
                                        (_get(q, "speaker_start"), _get(q, "speaker_end")), _get(q, "speaker_confidence")))
        golds = by_doc.get(path.name, [])
        matches = match_gold([(p.start, p.end) for p in preds], golds)
        used = {m for m in matches if m is not None}
        for g, match in zip(golds, matches):
            pred = preds[match] if match is not None else None
            if g["status"] == "required":
                if pred is None:
                    fn += 1
                    continue
                tp += 1
                right = speaker_matches(pred, g)
                right_speaker += right
                if pred.speaker and isinstance(pred.confidence, (int, float)):
                    confidences.append((float(pred.confidence), right))
                if g.get("stance"):
                    allowed = g["stance"].split("|")
                    said = (pred.stance or "").lower()
                    stance_pairs.append((said if said in allowed else allowed[0], said))
            elif g["status"] == "negative" and pred is not None and pred.speaker:
                negatives_hit += 1
        fp += sum(1 for i in range(len(preds)) if i not in used)
    fp += negatives_hit
    scores = _summary(tp, fp, fn, right_speaker, negatives_hit, stance_pairs, time.perf_counter() - started, chars)
    ece = expected_calibration_error(confidences)
    scores["speaker_ECE"] = None if ece is None else round(ece, 3)
    scores["confidence_n"] = len(confidences)
    return scores


def reliability_bins(pairs: Sequence[tuple[float, bool]], n_bins: int = 10) -> list[dict[str, float]]:
    """Equal-width bins of (confidence, right) pairs: mean confidence, share right and count per bin."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for c, ok in pairs:
        bins[min(int(c * n_bins), n_bins - 1)].append((c, ok))
    return [
        {"bin": k, "confidence": round(sum(c for c, _ in b) / len(b), 4), "accuracy": round(sum(ok for _, ok in b) / len(b), 4), "count": len(b)}
        for k, b in sorted(bins.items())
    ]


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], n_bins: int = 10) -> float | None:
    """The scorer's ECE: |mean confidence - share right| per equal-width bin, weighted by the bin's size."""
    if not pairs:
        return None
    return sum(abs(b["confidence"] - b["accuracy"]) * b["count"] for b in reliability_bins(pairs, n_bins)) / len(pairs)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _summary(
    tp: int, fp: int, fn: int, right: int, negatives: int, pairs: Sequence[tuple[str, str]], seconds: float, chars: int
) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    e2e_p = right / (tp + fp) if tp + fp else 0.0
    e2e_r = right / (tp + fn) if tp + fn else 0.0
    f1s = []
    for label in sorted({g for g, _ in pairs}):
        hit = sum(1 for g, p in pairs if g == label and p == label)
        said = sum(1 for _, p in pairs if p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        f1s.append(_f1(hit / said if said else 0.0, hit / gold if gold else 0.0))
    return {
        "extract_P": round(precision, 3),
        "extract_R": round(recall, 3),
        "extract_F1": round(_f1(precision, recall), 3),
        "attribution_acc": round(right / tp, 3) if tp else 0.0,
        "e2e_F1": round(_f1(e2e_p, e2e_r), 3),
        "stance_macroF1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
        "stance_acc": round(sum(g == p for g, p in pairs) / len(pairs), 3) if pairs else 0.0,
        "negatives_attributed": negatives,
        "required": tp + fn,
        "seconds": round(seconds, 2),
        "chars": chars,
    }


def format_scores(scores: dict[str, Any]) -> str:
    """One line of ``key=value`` pairs, the scorer's usual output."""
    return "  ".join(f"{k}={v}" for k, v in scores.items())
