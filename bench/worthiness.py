"""Check-worthiness scoring against ClaimBuster (../shared/benchmarks/claimbuster/train.json).

Each item is a sentence from a US presidential debate labelled check-worthy (1) or not (0).
For a grid of thresholds t this prints precision, recall, F1 and F0.5 of ``worthiness(text) >= t``
at finding check-worthy sentences.  The threshold is chosen on the sentences with an even
``sentence_id`` (the tuning half) by F0.5, which weighs precision twice as much as recall: a
claim-uncited warning on a non-factual sentence annoys users more than a missed one.  The
sentences with an odd id are held out and their scores at the chosen threshold are printed too.

Usage: python bench/worthiness.py [PATH_TO_TRAIN_JSON]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from citecheck.claims import WORTHINESS_THRESHOLD, worthiness

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "benchmarks" / "claimbuster" / "train.json"
GRID = [round(0.05 * i, 2) for i in range(2, 20)]


def scores(items: list[dict], threshold: float) -> tuple[float, float, float, float, int]:
    tp = fp = fn = 0
    for item in items:
        predicted = item["score"] >= threshold
        actual = item["label"] == 1
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return precision, recall, f1, f05, tp + fp


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"skipped: {path} is absent (the benchmark data lives in ../shared)")
        return 0
    items = json.loads(path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    for item in items:
        item["score"] = worthiness(item["text"])
    elapsed = time.perf_counter() - started
    tune = [i for i in items if i["sentence_id"] % 2 == 0]
    held = [i for i in items if i["sentence_id"] % 2 == 1]
    base = sum(i["label"] == 1 for i in items) / len(items)

    print(f"ClaimBuster train.json: {len(items)} sentences, {base:.1%} check-worthy; "
          f"scored in {elapsed:.2f} s ({1000 * elapsed / len(items):.2f} ms/sentence)\n")
    print("| threshold | precision | recall | F1 | F0.5 | flagged | (tuning half, even ids) |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    best = max(GRID, key=lambda t: (scores(tune, t)[3], t))
    for t in GRID:
        p, r, f1, f05, flagged = scores(tune, t)
        mark = "← chosen (best F0.5)" if t == best else ("← current" if t == WORTHINESS_THRESHOLD else "")
        print(f"| {t:.2f} | {p:.3f} | {r:.3f} | {f1:.3f} | {f05:.3f} | {flagged} | {mark} |")
    p, r, f1, f05, flagged = scores(held, best)
    print(f"\nHeld-out half (odd ids, {len(held)} sentences) at t = {best:.2f}: "
          f"precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}, F0.5 {f05:.3f} ({flagged} flagged)")
    p, r, f1, f05, flagged = scores(items, WORTHINESS_THRESHOLD)
    print(f"All {len(items)} at WORTHINESS_THRESHOLD = {WORTHINESS_THRESHOLD:.2f}: "
          f"precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}, F0.5 {f05:.3f}")
    if abs(best - WORTHINESS_THRESHOLD) > 1e-9:
        print(f"\nnote: the chosen threshold {best:.2f} differs from WORTHINESS_THRESHOLD "
              f"{WORTHINESS_THRESHOLD:.2f} in citecheck/claims.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
