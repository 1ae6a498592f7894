"""Is `citecheck check` linear on every axis? Time and peak memory at four sizes per axis.

Axes (generated with bench/corpus.py, checked offline with --jobs 1 in a fresh process each):

- essay length: one essay of 1k / 10k / 100k / 500k words citing eight works (four with texts);
- source length: one essay of 1,500 words whose four cited texts have 10k / 100k / 300k / 1M words;
- library size: one essay of 1,500 words and a .bib of 100 / 1,000 / 10,000 / 50,000 entries;
- essay count: 10 / 100 / 1,000 / 5,000 essays of 300 words.

For each axis it prints wall and CPU seconds, peak RSS, and the exponent k of CPU ≈ c·size^k
fitted by least squares on log-log after subtracting the start-up cost (a one-line essay), so
1.0 is linear. ``--quick`` uses sizes ten times smaller (a few minutes). The machine is shared:
compare the rows of one run. Usage: python bench/scaling.py [--quick] [--axis NAME ...]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus  # noqa: E402
from perf import measure  # noqa: E402

FULL = {
    "essay words": [1_000, 10_000, 100_000, 500_000],
    "source words": [10_000, 100_000, 300_000, 1_000_000],
    "library entries": [100, 1_000, 10_000, 50_000],
    "essays": [10, 100, 1_000, 5_000],
}
QUICK = {
    "essay words": [1_000, 3_000, 10_000, 50_000],
    "source words": [3_000, 10_000, 30_000, 100_000],
    "library entries": [100, 1_000, 5_000, 10_000],
    "essays": [10, 30, 100, 300],
}


def build(axis: str, size: int, directory: Path) -> Path:
    """The corpus for one point of an axis; returns the folder to check."""
    if axis == "essay words":
        write_corpus(directory, essays=1, words=size)
    elif axis == "source words":
        write_corpus(directory, essays=1, words=1500, source_words=size)
    elif axis == "library entries":
        write_corpus(directory, essays=1, words=1500, entries=size)
    else:
        write_corpus(directory, essays=size, words=300)
    return directory / "essays"


def fit(sizes: list[int], costs: list[float]) -> float:
    """Least-squares slope of log(cost) on log(size)."""
    points = [(math.log(s), math.log(max(c, 1e-3))) for s, c in zip(sizes, costs, strict=True)]
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="sizes ten times smaller")
    parser.add_argument("--axis", action="append", choices=list(FULL), help="only these axes (repeatable)")
    options = parser.parse_args()
    plan = QUICK if options.quick else FULL
    citecheck = [sys.executable, "-m", "citecheck.cli", "check", ".", "--offline", "--jobs", "1",
                 "--format", "json", "--fail-on", "never"]
    with tempfile.TemporaryDirectory(prefix="citecheck-scaling-") as tmp:
        base_dir = Path(tmp) / "base"
        (base_dir / "essays").mkdir(parents=True)
        (base_dir / "essays" / "one.md").write_text("One plain sentence.\n", encoding="utf-8")
        baseline = measure(citecheck, base_dir / "essays", runs=3)
        print(f"Start-up (a one-line essay): {baseline['wall']:.2f} s wall, {baseline['cpu']:.2f} s CPU, "
              f"{baseline['rss']:.0f} MB; subtracted before fitting\n")
        print("| axis | size | wall s | CPU s | peak RSS MB |")
        print("|---|---:|---:|---:|---:|")
        exponents = {}
        for axis, sizes in plan.items():
            if options.axis and axis not in options.axis:
                continue
            costs = []
            for size in sizes:
                folder = build(axis, size, Path(tmp) / f"{axis.replace(' ', '-')}-{size}")
                result = measure(citecheck, folder)
                costs.append(max(result["cpu"] - baseline["cpu"], 1e-3))
                print(f"| {axis} | {size:,} | {result['wall']:.2f} | {result['cpu']:.2f} | {result['rss']:.0f} |",
                      flush=True)
            exponents[axis] = fit(sizes, costs)
        print("\n| axis | fitted exponent (CPU − start-up) |")
        print("|---|---:|")
        for axis, k in exponents.items():
            print(f"| {axis} | {k:.2f} |")


if __name__ == "__main__":
    main()
