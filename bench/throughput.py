"""Throughput and memory of `citecheck check` on many essays, offline.

Makes N copies of the bundled example (each with its own stand-in sources and library) in a
temporary directory and checks them in one run, in a fresh process per size so peak memory is
that run's own. Prints a Markdown table. Usage: python bench/throughput.py [N ...]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import citecheck
from citecheck.config import Config
root = Path(sys.argv[1])
start = time.perf_counter()
report = citecheck.check([root], config=Config(), offline=True, cache_dir=root / ".cache")
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_mb": peak, "documents": len(report.documents),
                  "claims": sum(len(d.claims) for d in report.documents),
                  "findings": len(report.findings()),
                  "errors": sum(1 for d in report.documents if d.error)}))
"""


def make_corpus(directory: Path, count: int) -> int:
    """``count`` essays, each in its own folder with references.bib and sources; returns bytes of essays."""
    essay = (ROOT / "examples" / "secret-speech.md").read_text(encoding="utf-8")
    bib = (ROOT / "references.bib").read_text(encoding="utf-8").replace("examples/sources/", "sources/")
    total = 0
    for i in range(count):
        folder = directory / f"post{i:04d}"
        shutil.copytree(ROOT / "examples" / "sources", folder / "sources",
                        ignore=shutil.ignore_patterns("README.md"))
        (folder / "references.bib").write_text(bib, encoding="utf-8")
        text = essay.replace("bibliography: ../references.bib", "bibliography: references.bib")
        (folder / "post.md").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1, 20, 100]
    print("| essays | essay KB | wall s | essays/s | KB/s | claims | findings | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            size = make_corpus(root, count)
            out = subprocess.run([sys.executable, "-c", CHILD, str(root)], capture_output=True, text=True,
                                 check=True, cwd=root)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            assert row["documents"] == count and row["errors"] == 0, row
            kb = size / 1024
            print(f"| {count} | {kb:.0f} | {row['wall']:.2f} | {count / row['wall']:.1f} | {kb / row['wall']:.1f} "
                  f"| {row['claims']} | {row['findings']} | {row['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
