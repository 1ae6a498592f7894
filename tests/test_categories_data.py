"""The noun data held as one string with line offsets answers exactly as the file's lines read
into dicts would (every lemma, every synset, and names the file lacks)."""

from __future__ import annotations

import gzip
from importlib import resources

from citecheck.evidence import categories


def test_every_lemma_and_synset_reads_as_the_files_lines_say() -> None:
    text = gzip.decompress(resources.files("citecheck.evidence").joinpath("nouns.txt.gz").read_bytes()).decode()
    cut = text.index("\n=")
    lemmas = dict(line.split("\t", 1) for line in text[:cut].splitlines())
    parents = dict(line[1:].split("\t", 1) for line in text[cut + 1:].splitlines())
    nouns = categories._hierarchy()
    assert len(lemmas) > 20_000 and len(parents) > 40_000
    assert all(nouns.senses(lemma) == senses for lemma, senses in lemmas.items())
    assert all(nouns.parents(synset) == above for synset, above in parents.items())
    numbers = {int(synset) for synset in parents}
    assert all(nouns.parents(str(n)) == "" for n in range(max(numbers) + 3) if n not in numbers)
    for absent in ("", "zzzz", "a-", "aa-bomb", "drummerz"):
        assert nouns.senses(absent) == lemmas.get(absent)
    assert categories.kind_of("drummer", "musician") and not categories.same_category("film", "television")
