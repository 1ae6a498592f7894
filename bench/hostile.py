"""CPU seconds per 100 KB hostile essay, each checked as its own `citecheck check` process.

The essays are bench/perf.py's fifteen (repeated digits, "(Smith", "\\cite{", "[1] ", ...), plus
`citecheck --version` and a one-line essay for start-up. Each row is the least user + system CPU of
RUNS runs (the machine is shared: the least is the run with the least interference) and the peak
RSS of that run. Python's bytecode is cached (in a temporary PYTHONPYCACHEPREFIX, even when
PYTHONDONTWRITEBYTECODE is set), as it is for an installed package: compiling citecheck's own
modules from source costs about 0.2 s of CPU per process (``--no-bytecode`` measures that). With ``--before OTHER/src`` both checkouts run, interleaved, and two more columns
say whether the JSON and the text reports are byte-identical between them. Usage:

    git archive BASE src | tar -x -C /tmp/before
    python bench/hostile.py [--before /tmp/before/src] [--runs 3] [--only numeric.md]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from perf import HOSTILE, MEASURE
from same_output import PROGRESS

TINY = "tiny.md (one line)"
VERSION = "`citecheck --version`"


def write_essays(folder: Path) -> list[str]:
    """The hostile essays (as bench/perf.py writes them) and a one-line essay; their names."""
    for name, text in HOSTILE.items():
        (folder / name).write_text((text * (100_000 // len(text) + 1))[:100_000] + "\n", encoding="utf-8")
    (folder / "tiny.md").write_text("In 1956, 1,200 workers joined the strike (Smith 1900).\n", encoding="utf-8")
    return list(HOSTILE)


ENV = {**os.environ, "NO_COLOR": "1"}


def _env(src: Path) -> dict[str, str]:
    return {**ENV, "PYTHONPATH": str(src)}


def measure(src: Path, args: list[str], cwd: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), sys.executable, "-m", "citecheck.cli", *args],
                         capture_output=True, text=True, env=_env(src), check=True)
    return json.loads(out.stdout)


def digest(src: Path, args: list[str], cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "citecheck.cli", *args], capture_output=True, env=_env(src),
                          cwd=cwd, check=False)
    stderr = PROGRESS.sub("", done.stderr.decode("utf-8", "replace")).encode()
    return hashlib.sha256(done.stdout + stderr + bytes([done.returncode])).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="another checkout's src directory, run side by side")
    parser.add_argument("--after", type=Path, default=ROOT / "src", help="this checkout's src (default)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", help="one essay name (repeatable)")
    parser.add_argument("--no-bytecode", action="store_true", help="compile from source in every process")
    options = parser.parse_args()
    checkouts = {"after": options.after.resolve()}
    if options.before:
        checkouts = {"before": options.before.resolve(), **checkouts}
    with tempfile.TemporaryDirectory(prefix="citecheck-hostile-") as tmp:
        folder = Path(tmp)
        if not options.no_bytecode:
            ENV.pop("PYTHONDONTWRITEBYTECODE", None)
            ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        names = write_essays(folder)
        cache = ["--cache-dir", str(folder / "cache")]
        rows: list[tuple[str, list[str] | None]] = [(VERSION, ["--version"]), (TINY, ["tiny.md"])]
        rows += [(name, [name]) for name in names]
        if options.only:
            rows = [row for row in rows if row[1] and row[1][0] in options.only]
        header = "| input |" + "".join(f" {label} CPU s | {label} MB |" for label in checkouts)
        if options.before:
            header += " JSON same | text same |"
        print(header)
        print("|---|" + "---:|---:|" * len(checkouts) + ("---|---|" if options.before else ""))
        for src in checkouts.values():  # fills the bytecode cache
            digest(src, ["check", "tiny.md", "--offline", "--format", "json", *cache], folder)
        for label, args in rows:
            check = args if args == ["--version"] else ["check", *args, "--offline", "--jobs", "1", *cache]
            best: dict[str, dict[str, float]] = {}
            for _ in range(options.runs):
                for name, src in checkouts.items():
                    result = measure(src, check, folder)
                    if name not in best or result["cpu"] < best[name]["cpu"]:
                        best[name] = result
            line = f"| {label} |" + "".join(f" {best[n]['cpu']:.2f} | {best[n]['rss']:.0f} |" for n in checkouts)
            if options.before and args != ["--version"]:
                same = []
                for extra in (["--format", "json"], []):
                    hashes = {digest(src, [*check, *extra], folder) for src in checkouts.values()}
                    same.append("yes" if len(hashes) == 1 else "**no**")
                line += f" {same[0]} | {same[1]} |"
            elif options.before:
                line += " | |"
            print(line, flush=True)


if __name__ == "__main__":
    main()
