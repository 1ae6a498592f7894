"""Build the noun hierarchy the contradiction check reads to tell categories apart ("a film" /
"a television series") and to find a kind of a category ("the drummer" is a musician).

The data are WordNet 3.0's nouns: each common noun's senses in WordNet's order (most frequent
first) and the hypernym links (class and instance) above them, so that two nouns are the same
category when one's sense is the other's sense or stands above it. Only single words that
wordfreq ranks as in use (Zipf frequency at least 2) are kept, and only the synsets above them.

WordNet's licence (Princeton University, "WordNet 3.0 Copyright 2006") allows use and
redistribution with its notice; the notice is shipped beside the list as LICENSE-wordnet.txt.
WordNet is needed here only (Debian: apt-get install wordnet-base; or --wordnet DIR), never at
run time: the data are written into the package (src/citecheck/evidence/nouns.txt.gz).

Usage: python bench/build_categories.py [--wordnet /usr/share/wordnet]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from wordnet_data import build_main

OUT = Path(__file__).resolve().parent.parent / "src" / "citecheck" / "evidence" / "nouns.txt.gz"
MIN_ZIPF = 2.0
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def hypernyms(root: Path) -> dict[str, list[str]]:
    """Noun synset offset → the offsets of its hypernyms (classes and instances)."""
    out = {}
    for line in (root / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        k = 4 + 2 * count
        parents = []
        for _ in range(int(fields[k])):
            symbol, target, pos = fields[k + 1:k + 4]
            k += 4
            if symbol in ("@", "@i") and pos == "n":
                parents.append(target)
        out[fields[0]] = parents
    return out


def senses(root: Path) -> dict[str, list[str]]:
    """Lemma → its noun synset offsets, most frequent sense first (index.noun's order)."""
    out = {}
    for line in (root / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        count = int(fields[2])
        out[fields[0]] = fields[-count:]
    return out


def build(root: Path) -> list[str]:
    """Lines "lemma<TAB>sense sense ..." then "=synset<TAB>parent parent ...", synsets renumbered."""
    from wordfreq import zipf_frequency

    parents = hypernyms(root)
    kept = {lemma: offsets for lemma, offsets in senses(root).items()
            if _WORD.fullmatch(lemma) and zipf_frequency(lemma, "en") >= MIN_ZIPF}
    number: dict[str, int] = {}
    stack = [o for offsets in kept.values() for o in offsets]
    while stack:
        offset = stack.pop()
        if offset not in number:
            number[offset] = len(number)
            stack.extend(parents[offset])
    lines = [f"{lemma}\t{' '.join(str(number[o]) for o in offsets)}" for lemma, offsets in sorted(kept.items())]
    lines += [f"={number[o]}\t{' '.join(str(number[p]) for p in parents[o])}"
              for o in sorted(number, key=number.__getitem__) if parents[o]]
    return lines


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__.splitlines()[0], "data.noun and index.noun", build, OUT, "lines", argv)


if __name__ == "__main__":
    sys.exit(main())
