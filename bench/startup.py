"""Start-up time of `citecheck --version` and wall time of the bundled example check.

Prints a Markdown table of medians over several runs. Usage: python bench/startup.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "citecheck"


def timed(args: list[str], runs: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), max(samples)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rows = [
        ("citecheck --version", [str(EXE), "--version"], "≤ 0.15 s"),
        ("citecheck --help", [str(EXE), "--help"], ""),
        ("check examples/secret-speech.md --offline",
         [str(EXE), "check", "examples/secret-speech.md", "--bib", "references.bib", "--offline"], ""),
        ("check … --offline --format json",
         [str(EXE), "check", "examples/secret-speech.md", "--bib", "references.bib", "--offline", "--format", "json"],
         ""),
    ]
    print(f"| command | median (s) | min (s) | max (s) | target | runs={runs} |")
    print("|---|---:|---:|---:|---|---|")
    for name, args, target in rows:
        median, low, high = timed(args, runs)
        print(f"| `{name}` | {median:.3f} | {low:.3f} | {high:.3f} | {target} | |")


if __name__ == "__main__":
    main()
