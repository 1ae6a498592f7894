"""What kind of thing a noun names, from WordNet 3.0's noun hierarchy: whether two category words
can name the same thing ("a film" / "a documentary": yes; "a film" / "a television series": no)
and whether a word names a kind of a category ("the drummer" is a musician).

The data (``nouns.txt.gz`` beside this module, built by ``bench/build_categories.py``; WordNet's
notice in ``LICENSE-wordnet.txt``) hold each common noun's senses, most frequent first, and the
hypernym links above them. Read once, when a contradiction check first asks.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

__all__ = ["kind_of", "same_category"]


@cache
def _hierarchy() -> tuple[dict[str, str], dict[str, str]]:
    """(lemma → its senses, most frequent first; synset → its hypernyms), each as the file's
    space-separated numbers, split when asked (most are never asked for)."""
    data = resources.files("citecheck.evidence").joinpath("nouns.txt.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    cut = text.index("\n=")  # the lemmas come first, then the synsets ("=synset")
    lemmas = dict(line.split("\t", 1) for line in text[:cut].splitlines())
    parents = dict(line[1:].split("\t", 1) for line in text[cut + 1:].splitlines())
    return lemmas, parents


def _senses(word: str) -> tuple[str, ...]:
    """The noun senses of ``word`` or of its singular ("drummers", "series", "cities")."""
    lemmas = _hierarchy()[0]
    for form in (word, word.removesuffix("s"), word.removesuffix("es"),
                 word[:-3] + "y" if word.endswith("ies") else word):
        if form in lemmas:
            return tuple(lemmas[form].split())
    return ()


@cache
def _above(synset: str) -> frozenset[str]:
    """The synset and every synset above it."""
    parents = _hierarchy()[1]
    out = {synset}
    stack = [synset]
    while stack:
        for p in parents.get(stack.pop(), "").split():
            if p not in out:
                out.add(p)
                stack.append(p)
    return frozenset(out)


def known(word: str) -> bool:
    """Whether WordNet knows ``word`` as a common noun."""
    return bool(_senses(word))


def same_category(a: str, b: str) -> bool:
    """Whether some sense of one word is some sense of the other or stands above it ("film" /
    "documentary", "musician" / "drummer", "city" / "capital"). Words WordNet does not know are
    not judged (False)."""
    sa, sb = _senses(a), _senses(b)
    if not sa or not sb:
        return False
    if set(sa) & set(sb):
        return True
    return any(set(sa) & _above(s) for s in sb) or any(set(sb) & _above(s) for s in sa)


def kind_of(word: str, category: str) -> bool:
    """Whether the most frequent sense of ``word`` stands below a sense of ``category`` ("drummer"
    is a musician; "player", whose first sense is a games player, is not)."""
    own, theirs = _senses(word), set(_senses(category))
    if not own or not theirs or word == category:
        return False
    return bool(theirs & (_above(own[0]) - {own[0]}))
