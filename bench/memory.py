"""Peak memory of `citecheck check` per output format and essay count (issue 12, item 3).

Each run is `citecheck check essays/ --offline --jobs 1 -q --format F` in a fresh process on
essays from bench/corpus.py (~1,500 words citing eight works, four with local source texts of
~3,000 words). Peak RSS is that process's own VmHWM (read from /proc/self/status as it exits),
not ``ru_maxrss`` of a child, which starts from the parent's peak. ``--jobs 1`` is the worst
case: one process both checks every essay and holds what the report keeps. ``--big`` adds one
essay of about 2 MB (no other essays). Usage:

    python bench/memory.py [--essays 100,1000] [--formats text,json,...] [--big] [--src OTHER/src]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import essay_text, source_text, write_corpus  # noqa: E402

FORMATS = ("text", "concise", "github", "jsonl", "sarif", "json", "junit", "markdown")

# Runs the CLI in this process and writes its VmHWM (kB) to the file named by argv[1] at exit.
WRAPPER = r"""
import atexit, sys
def _peak(path=sys.argv[1]):
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(path, "w").write(line.split()[1])
atexit.register(_peak)
sys.argv = ["citecheck", *sys.argv[2:]]
from citecheck.cli import main
main()
"""


def peak(args: list[str], cwd: Path, src: Path = ROOT / "src") -> tuple[float, float, int]:
    """(peak RSS MB, wall s, exit code) of ``citecheck ARGS`` run in ``cwd`` with the code in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1"}
    with tempfile.NamedTemporaryFile(prefix="citecheck-hwm-", delete=False) as handle:
        out = handle.name
    try:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", WRAPPER, out, *args], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        text = Path(out).read_text()
    finally:
        os.unlink(out)
    if done.returncode not in (0, 1):
        raise SystemExit(f"citecheck {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return int(text) / 1024, wall, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", default="100,1000", help="comma-separated essay counts")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    parser.add_argument("--big", action="store_true", help="also one essay of ~2 MB")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the citecheck code to measure")
    parser.add_argument("--together", action="store_true",
                        help="one run per essay count writing every format at once (text on stdout, the others "
                             "with --output): an upper bound for each format, at one run's cost")
    options = parser.parse_args()
    counts = [int(n) for n in options.essays.split(",") if n]
    from citecheck.cli import FORMATS as KNOWN

    formats = [f for f in options.formats.split(",") if f in KNOWN]
    print("Peak RSS (VmHWM of the checking process), `check --offline --jobs 1 -q --format F`\n")
    if options.together:
        together(counts, formats, options.src)
        return
    with tempfile.TemporaryDirectory(prefix="citecheck-memory-") as tmp:
        print("| essays | " + " | ".join(formats) + " |")
        print("|---:|" + "---:|" * len(formats))
        for count in counts:
            folder = Path(tmp) / f"c{count}"
            write_corpus(folder, essays=count)
            cells = []
            for fmt in formats:
                mb, wall, _ = peak(["check", ".", "--offline", "--jobs", "1", "-q", "--format", fmt], folder / "essays",
                                options.src)
                cells.append(f"{mb:.0f} MB ({wall:.0f} s)")
            print(f"| {count:,} | " + " | ".join(cells) + " |", flush=True)
        if options.big:
            folder = Path(tmp) / "big" / "essays"
            write_corpus(folder.parent, essays=0)
            sources = [source_text(1000 + i, 3000) for i in range(4)]
            text = essay_text(7, 330_000, 8, sources)
            (folder / "big.md").write_text(text, encoding="utf-8")
            size = len(text.encode("utf-8")) / 1e6
            cells = []
            for fmt in formats:
                mb, wall, _ = peak(["check", "big.md", "--offline", "--jobs", "1", "-q", "--format", fmt], folder, options.src)
                cells.append(f"{mb:.0f} MB ({wall:.0f} s)")
            print(f"| one {size:.1f} MB essay | " + " | ".join(cells) + " |", flush=True)


def together(counts: list[int], formats: list[str], src: Path) -> None:
    """One run per count: text on stdout and every other format through --output."""
    print("| essays | every format at once (" + ", ".join(formats) + ") |")
    print("|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="citecheck-memory-") as tmp:
        for count in counts:
            folder = Path(tmp) / f"c{count}"
            write_corpus(folder, essays=count)
            outputs = [f"--output={fmt}:{Path(tmp) / ('out.' + fmt)}" for fmt in formats if fmt != "text"]
            mb, wall, _ = peak(["check", ".", "--offline", "--jobs", "1", "-q", "--format", "text", *outputs],
                               folder / "essays", src)
            print(f"| {count:,} | {mb:.0f} MB ({wall:.0f} s) |", flush=True)


if __name__ == "__main__":
    main()
