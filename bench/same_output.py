"""Are the reports of this checkout byte-identical to another checkout's? (a guard for refactors)

Runs `citecheck check` with this checkout's ``src`` and with ``--before``'s ``src`` on the same
inputs: tests/fixtures/essay-repo, the bundled example, a generated library with findings of its
own (bib-syntax, reference-unused, an ESC in an essay), and N generated essays (bench/corpus.py);
in every format, with -v / -q, with several --output files at once, and --write-baseline. Stdout,
stderr, exit code and every written file are compared; the table says which differ. Usage:

    git archive BASE src | tar -x -C /tmp/before
    python bench/same_output.py --before /tmp/before/src [--after OTHER/src] [--essays 30]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus  # noqa: E402

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "markdown")
OUTPUTS = ("json", "sarif", "junit", "github", "concise", "markdown", "text")

LIBRARY_CASE = {
    "a.bib": "@book{used, author={Ann Used}, title={Used}, year={2001}}\n"
             "@book{unused, author={Bob Unused}, title={Never cited}, year={1999}}\n"
             "@article{bad, author={C Bad}, title={Bad}, year={2000}, doi={10.bad}}\n"
             "@book{broken, author={D, title={x}\n",
    "b.md": "Ann Used said this in 2001 (Used 2001). A second claim of 45 percent (Nobody 1990).\n",
    "c.md": "Escape \x1b[31m red and a tab\there (Used 2001). Another 12 people came in 1999.\n",
    "z/d.md": "Nothing cited, but 1,200 soldiers died in 1812.\n",
}


# The progress status line (every 10 s off a terminal) depends on the machine's speed.
PROGRESS = re.compile(r"^citecheck: \d+/\d+ essays checked, .* elapsed\n", re.MULTILINE)


def run(src: Path, args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "citecheck.cli", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return done.returncode, done.stdout, PROGRESS.sub("", done.stderr)


def cases(essays: Path) -> list[tuple[str, Path, list[str]]]:
    fixture = ROOT / "tests" / "fixtures" / "essay-repo"
    example = ROOT / "examples"
    library = essays.parent.parent / "library-case"
    out: list[tuple[str, Path, list[str]]] = []
    for name, cwd, paths in (("essay-repo", fixture, ["."]), ("example", example, ["secret-speech.md"]),
                             ("library", library, ["b.md", "c.md", "z"]), ("essays", essays, ["."])):
        for fmt in FORMATS:
            for flags in ([], ["-v"], ["-q"]):
                out.append((name, cwd, [*paths, "--offline", "--jobs", "1", "--format", fmt, *flags]))
        outputs = [f"--output={fmt}:{{out}}/report.{fmt}" for fmt in OUTPUTS]
        out.append((name, cwd, [*paths, "--offline", "--jobs", "1", *outputs]))
        out.append((name, cwd, [*paths, "--offline", "--jobs", "2", "--format", "concise"]))
        out.append((name, cwd, [*paths, "--offline", "--jobs", "1", "--write-baseline", "{out}/baseline.json"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, type=Path, help="the other checkout's src directory")
    parser.add_argument("--after", type=Path, default=ROOT / "src", help="this checkout's src (default)")
    parser.add_argument("--essays", type=int, default=30)
    options = parser.parse_args()
    after = options.after
    differ = 0
    with tempfile.TemporaryDirectory(prefix="citecheck-same-") as tmp:
        base = Path(tmp)
        write_corpus(base / "corpus", essays=options.essays)
        library = base / "library-case"
        for name, text in LIBRARY_CASE.items():
            (library / name).parent.mkdir(parents=True, exist_ok=True)
            (library / name).write_text(text, encoding="utf-8")
        print("| input | arguments | same |")
        print("|---|---|---|")
        for name, cwd, args in cases(base / "corpus" / "essays"):
            results = []
            for label, src in (("before", options.before), ("after", after)):
                out = base / "out" / label
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
                code, stdout, stderr = run(src, [a.replace("{out}", str(out)) for a in args], cwd)
                files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
                results.append((code, stdout, stderr.replace(str(out), "{out}"), files))
            same = results[0] == results[1]
            if not same:
                differ += 1
                parts = [k for k, a, b in zip(("exit", "stdout", "stderr", "files"), *results) if a != b]
                print(f"| {name} | `{' '.join(args)}` | **no** ({', '.join(parts)}) |", flush=True)
            else:
                print(f"| {name} | `{' '.join(args)}` | yes |", flush=True)
    print(f"\n{differ} run(s) differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
