"""Categories from WordNet's noun hierarchy (`evidence/categories.py`): two category words that
name the same thing, a kind of a denied category, and what the contradiction check makes of
them. Sentences written for these tests; each contrast next to the case that must raise nothing."""

from __future__ import annotations

import gzip
from importlib import resources

from citecheck.evidence.categories import kind_of, known, same_category
from citecheck.evidence.contrast import find_contrast


def test_the_shipped_hierarchy() -> None:
    data = resources.files("citecheck.evidence").joinpath("nouns.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    lemmas = [line for line in lines if not line.startswith("=")]
    assert len(lemmas) > 10_000 and all("\t" in line for line in lines)
    assert known("lighthouse") and known("cities") and not known("qwzxv")


def test_same_category_by_synonym_or_hypernym() -> None:
    assert same_category("film", "movie")  # one synset
    assert same_category("film", "documentary") and same_category("documentary", "film")  # a kind of it
    assert same_category("poem", "sonnet")
    assert not same_category("film", "series")  # two kinds of show
    assert not same_category("dog", "singer")
    assert not same_category("film", "qwzxv")  # a word WordNet does not know is not judged


def test_kind_of_reads_the_first_sense() -> None:
    assert kind_of("drummer", "musician") and kind_of("cellist", "musician")
    assert kind_of("novelist", "writer") and kind_of("drummers", "musician")
    # "player" is first a games player; its musical sense is not its common one.
    assert not kind_of("player", "musician")
    assert not kind_of("musician", "musician") and not kind_of("musician", "drummer")


def test_a_denied_category_against_a_kind_of_it() -> None:
    source = "Ilse Brandt is the cellist of the Aurora Quartet."
    found = find_contrast("Ilse Brandt is not a musician.", [source])
    assert found is not None and found.kind == "negation" and found.expected == "cellist (no negation)"
    assert find_contrast("Ilse Brandt is not a painter.", [source]) is None
    # A name is no kind: "Haley" is in WordNet as a musician (Bill Haley), but written as a name.
    assert find_contrast("Ilse Brandt is not a musician.", ["Ilse Brandt is the manager of a tour with Haley."]) is None


def test_another_category_unless_one_names_a_kind_of_the_other() -> None:
    words = {"marrow", "lane", "is", "a", "poem", "by", "the", "welsh", "writer", "owen", "pryce"}
    assert find_contrast("Marrow Lane is a sonnet.", ["Marrow Lane is a poem by the Welsh writer Owen Pryce."],
                         source_words=words) is None
    found = find_contrast("Marrow Lane is a sonnet.", ["Marrow Lane is a British television series."],
                          source_words={"marrow", "lane", "is", "a", "british", "television", "series"})
    assert found is not None and found.kind == "category" and found.found == "sonnet"
