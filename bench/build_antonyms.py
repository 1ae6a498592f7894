"""Build the list of opposite words the contradiction check reads (rose/fell, won/lost, legal/illegal).

The pairs are WordNet 3.0's direct antonyms (the "!" pointers between two words of the noun,
verb, adjective and adverb files), not pairs seen in any benchmark. Each pair is written with
the inflected forms of both words, so the check needs no lemmatiser at run time: WordNet's own
exception lists give the irregular ones ("rose" for rise, "won" for win, "better" for good), and
regular endings (-s, -es, -ed, -ing, -er, -est) are kept when wordfreq knows the word and, for
a comparative, it is not a noun in its own right (a noun WordNet's sense-tagged corpus has seen,
and no adjective it has seen: "liver", "founder"). Only
single words that wordfreq ranks as in use (Zipf frequency at least 2) are kept.

WordNet's licence (Princeton University, "WordNet 3.0 Copyright 2006") allows use and
redistribution with its notice; the notice is shipped beside the list as LICENSE-wordnet.txt.
WordNet is needed here only (Debian: apt-get install wordnet-base; or --wordnet DIR with the
data.* and *.exc files), never at run time: the list is written into the package
(src/citecheck/evidence/antonyms.txt.gz).

Usage: python bench/build_antonyms.py [--wordnet /usr/share/wordnet]
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from wordnet_data import build_main

OUT = Path(__file__).resolve().parent.parent / "src" / "citecheck" / "evidence" / "antonyms.txt.gz"
FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
MIN_ZIPF = 2.0  # a lemma of both sides must be at least this common in English (wordfreq)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def antonym_pairs(root: Path) -> set[tuple[str, str, str]]:
    """(pos, word, opposite) for every direct antonym pointer, both ways, lower-cased lemmas."""
    words_of: dict[tuple[str, str], list[str]] = {}
    pointers: list[tuple[str, str, int, str, str, int]] = []
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (root / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence at the top of the file
            fields = line.split(" | ")[0].split()
            offset, ss_type, count = fields[0], fields[2], int(fields[3], 16)
            words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * k]).lower() for k in range(count)]
            words_of[(FILES[ss_type], offset)] = words
            k = 4 + 2 * count
            for _ in range(int(fields[k])):
                symbol, target, target_pos, source_target = fields[k + 1:k + 5]
                k += 4
                if symbol == "!":
                    source, number = bytes.fromhex(source_target)  # word numbers in each synset
                    pointers.append((FILES[ss_type], offset, source, FILES[target_pos], target, number))
    out = set()
    for pos, offset, source, target_pos, target, number in pointers:
        a = words_of[(pos, offset)][source - 1]
        b = words_of[(target_pos, target)][number - 1]
        if _WORD.fullmatch(a) and _WORD.fullmatch(b) and a != b:
            out.add((pos, a, b))
            out.add((target_pos, b, a))
    return out


def irregular_forms(root: Path) -> dict[tuple[str, str], set[str]]:
    """(pos, lemma) → its irregular inflected forms, from WordNet's exception lists."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (root / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            form, *lemmas = line.split()
            for lemma in lemmas:
                out[(pos, lemma)].add(form)
    return out


def tagged_lemmas(root: Path, pos: str) -> set[str]:
    """The lemmas of ``pos`` with at least one sense seen in WordNet's sense-tagged corpus."""
    out = set()
    for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if line.startswith("  ") or len(fields) < 4:
            continue
        k = 4 + int(fields[3])  # after the pointer symbols: sense_cnt, tagsense_cnt
        if int(fields[k + 1]) > 0:
            out.add(fields[0])
    return out


def regular_forms(pos: str, lemma: str) -> set[str]:
    """Candidate regular inflections (checked against wordfreq by the caller)."""
    sibilant = re.search(r"(?:s|x|z|ch|sh|o)$", lemma) is not None
    third = lemma[:-1] + "ies" if re.search(r"[^aeiou]y$", lemma) else lemma + ("es" if sibilant else "s")
    if pos == "noun":
        return {third}
    if pos == "verb":
        stem = lemma.removesuffix("e")
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma):
            stem = lemma + lemma[-1]  # one syllable, "stop": stopped, stopping (not "open")
        past = lemma[:-1] + "ied" if re.search(r"[^aeiou]y$", lemma) else stem + "ed"
        return {third, past, stem + "ing"}
    if pos == "adj" and len(lemma) <= 6:
        stem = lemma[:-1] + "i" if re.search(r"[^aeiou]y$", lemma) else lemma.removesuffix("e")
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma):
            stem = lemma + lemma[-1]  # "big": bigger, biggest
        return {stem + "er", stem + "est"}
    return set()


def build(root: Path) -> list[str]:
    """One line per pair of opposite lemmas: the forms of one, a tab, the forms of the other."""
    from wordfreq import zipf_frequency

    irregular = irregular_forms(root)
    nouns, adjectives = (tagged_lemmas(root, pos) for pos in ("noun", "adj"))
    common: dict[str, bool] = {}

    def in_use(word: str, floor: float) -> bool:
        if word not in common:
            common[word] = zipf_frequency(word, "en")
        return common[word] >= floor

    def forms(pos: str, lemma: str) -> list[str]:
        found = {lemma} | irregular.get((pos, lemma), set())
        regular = regular_forms(pos, lemma)
        if (pos, lemma) in irregular:  # "man": men, not mans; "rise": rose, risen, rises, rising
            regular = {f for f in regular if f.endswith(("s", "ing"))} if pos == "verb" else set()
        if pos == "adj":  # "liver", "shutter", "founder": a noun of its own, not a comparative
            regular = {f for f in regular if f not in nouns or f in adjectives}
        found |= {f for f in regular if in_use(f, 2.0)}
        return sorted(found)

    lines = set()
    for pos, a, b in antonym_pairs(root):
        if a < b and in_use(a, MIN_ZIPF) and in_use(b, MIN_ZIPF):
            lines.add(f"{pos} {' '.join(forms(pos, a))}\t{' '.join(forms(pos, b))}")
    return sorted(lines)


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__.splitlines()[0], "data.adj and the other data.* and *.exc files", build, OUT, "pairs", argv)


if __name__ == "__main__":
    sys.exit(main())
