"""Words that cannot both be said of one thing in one place: the opposites and the kinds of one
thing that :func:`citecheck.evidence.contrast.find_contrast` looks for.

- **Opposites of open-class words** (rose/fell, won/lost, legal/illegal, husband/wife) are
  WordNet 3.0's direct antonyms with their inflected forms, built by ``bench/build_antonyms.py``
  into ``antonyms.txt.gz`` beside this module (WordNet's notice: ``LICENSE-wordnet.txt``).
- **Opposites of closed-class words**, which WordNet does not hold (before/after, more/less,
  always/never, highly/barely), are the short list :data:`_FUNCTION_OPPOSITES`.
- **Ordinals**: any two differ ("her first album" / "her second album").
- **Kinds of one thing** that exclude each other in the same place (two sports, two genres of
  music, two instruments, two seasons): :data:`_SIBLINGS`.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

__all__ = ["opposites", "sibling_group"]

# Opposite function words (prepositions, quantifiers, frequency adverbs), both ways.
_FUNCTION_OPPOSITES = [
    ("before", "after"), ("more", "less fewer"), ("most", "least"), ("above", "below"), ("over", "under"),
    ("always", "never"), ("inside", "outside"), ("earlier", "later"), ("first", "last"),
    # degree adverbs: a high degree against a low one ("highly residential" / "barely residential")
    ("highly greatly extremely", "barely hardly scarcely slightly"),
    # frequency adverbs: often against rarely ("often plays live" / "rarely plays live")
    ("often frequently usually commonly", "rarely seldom"),
]
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth"]
_SIBLINGS = [
    ("football basketball baseball hockey tennis golf cricket rugby volleyball handball softball lacrosse poker "
     "chess snooker darts"),
    "rock jazz blues folk metal punk reggae gospel funk disco techno pop",
    "guitar piano drums violin saxophone trumpet cello flute harp",
    "spring summer autumn winter",
]


@cache
def _table() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(word → its opposites, word → the kinds of its group), read once."""
    table: dict[str, set[str]] = {}

    def pair(one: list[str], other: list[str]) -> None:
        for x in one:
            table.setdefault(x, set()).update(other)
        for y in other:
            table.setdefault(y, set()).update(one)

    data = resources.files("citecheck.evidence").joinpath("antonyms.txt.gz").read_bytes()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        one, _, other = line.partition("\t")
        pair(one.split()[1:], other.split())
    for a, b in _FUNCTION_OPPOSITES:
        pair(a.split(), b.split())
    for x in _ORDINALS:
        table.setdefault(x, set()).update(o for o in _ORDINALS if o != x)
    groups: dict[str, frozenset[str]] = {}
    for group in _SIBLINGS:
        kinds = frozenset(group.split())
        for x in kinds:
            table.setdefault(x, set()).update(kinds - {x})
            groups[x] = kinds
    return {w: frozenset(o - {w}) for w, o in table.items()}, groups


def opposites(word: str) -> frozenset[str]:
    """The lower-cased words that say the opposite of ``word`` (any inflected form), or none."""
    return _table()[0].get(word, frozenset())


def sibling_group(word: str) -> frozenset[str]:
    """The kinds of one thing ``word`` is one of (sports, genres, instruments, seasons), or none."""
    return _table()[1].get(word, frozenset())
