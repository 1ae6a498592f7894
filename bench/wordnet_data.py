"""What bench/build_antonyms.py and bench/build_categories.py share: find WordNet 3.0's files, build
the lines from them, and write the lines gzipped into the package with a fixed mtime, so that a
rebuild from the same WordNet gives the same bytes."""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Callable
from pathlib import Path


def write_lines(out: Path, lines: list[str]) -> None:
    """``lines`` gzipped into ``out``; mtime 0, so the same lines give the same bytes."""
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))


def build_main(description: str, needs: str, build: Callable[[Path], list[str]], out: Path, unit: str,
               argv: list[str] | None = None) -> int:
    """A build script's command line: ``--wordnet DIR`` (must hold ``needs``), build, write, say how many."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"),
                        help=f"folder holding WordNet 3.0's {needs} (Debian: wordnet-base)")
    args = parser.parse_args(argv)
    if not (args.wordnet / needs.split()[0]).exists():
        print(f"WordNet not found under {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    lines = build(args.wordnet)
    write_lines(out, lines)
    print(f"{len(lines)} {unit} written to {out}")
    return 0
