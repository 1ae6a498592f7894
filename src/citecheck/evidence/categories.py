"""What kind of thing a noun names, from WordNet 3.0's noun hierarchy: whether two category words
can name the same thing ("a film" / "a documentary": yes; "a film" / "a television series": no)
and whether a word names a kind of a category ("the drummer" is a musician).

The data (``nouns.txt.gz`` beside this module, built by ``bench/build_categories.py``; WordNet's
notice in ``LICENSE-wordnet.txt``) hold each common noun's senses, most frequent first, and the
hypernym links above them. Read once, when a contradiction check first asks.
"""

from __future__ import annotations

import gzip
import re
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from importlib import resources

__all__ = ["kind_of", "same_category"]


class _Nouns:
    """The data file's text with where each line starts: one string and two arrays of offsets
    instead of 70,000 small strings in two dicts (about 1.3 MB held instead of 10 MB)."""

    def __init__(self, text: str) -> None:
        self.text = text
        cut = text.index("\n=") + 1  # the lemmas come first, sorted, then the synsets ("=synset")
        self.lemmas = array("I", [0])
        self.lemmas.extend(m.end() for m in _NEWLINE.finditer(text, 0, cut - 1))
        self.synsets = array("i")
        for start in [cut, *(m.end() for m in _NEWLINE.finditer(text, cut, len(text) - 1))]:
            number = int(text[start + 1:text.index("\t", start)])
            self.synsets.extend([-1] * (number + 1 - len(self.synsets)))
            self.synsets[number] = start

    def _value(self, start: int) -> str:
        """The part of the line at ``start`` after its tab."""
        tab = self.text.index("\t", start)
        return self.text[tab + 1:self.text.index("\n", tab)]

    def senses(self, lemma: str) -> str | None:
        """The lemma's senses as the file's space-separated numbers, or None."""
        text, starts = self.text, self.lemmas
        i = bisect_left(range(len(starts)), lemma, key=lambda k: text[starts[k]:text.index("\t", starts[k])])
        if i < len(starts) and text.startswith(lemma + "\t", starts[i]):
            return self._value(starts[i])
        return None

    def parents(self, synset: str) -> str:
        """The synset's hypernyms as space-separated numbers ("" for a top synset)."""
        number = int(synset)
        start = self.synsets[number] if number < len(self.synsets) else -1
        return "" if start < 0 else self._value(start)


_NEWLINE = re.compile("\n")


@cache
def _hierarchy() -> _Nouns:
    """The noun data, read once."""
    data = resources.files("citecheck.evidence").joinpath("nouns.txt.gz").read_bytes()
    return _Nouns(gzip.decompress(data).decode("utf-8"))


@lru_cache(maxsize=8192)
def _senses(word: str) -> tuple[str, ...]:
    """The noun senses of ``word`` or of its singular ("drummers", "series", "cities")."""
    nouns = _hierarchy()
    for form in (word, word.removesuffix("s"), word.removesuffix("es"),
                 word[:-3] + "y" if word.endswith("ies") else word):
        senses = nouns.senses(form)
        if senses is not None:
            return tuple(senses.split())
    return ()


@cache
def _above(synset: str) -> frozenset[str]:
    """The synset and every synset above it."""
    nouns = _hierarchy()
    out = {synset}
    stack = [synset]
    while stack:
        for p in nouns.parents(stack.pop()).split():
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
