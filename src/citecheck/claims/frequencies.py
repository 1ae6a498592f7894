"""wordfreq's large English list held compactly (issue 12: a run's memory).

``wordfreq.get_frequency_dict("en", "large")`` is a dict of 321,180 str keys: about 28 MB of a
process, held for the whole run by wordfreq's own cache. :class:`FrequencyTable` holds the same
words as one UTF-8 ``bytes`` object in sorted order, their ends in an ``array``, and each
word's frequency band (wordfreq's centibels) in another: about 5 MB. A look-up is a binary
search (~20 steps), made rarely since :func:`citecheck.claims.lexicon.word_information` caches
its answers; it returns exactly the float wordfreq's dict holds (``cB_to_freq`` of the band).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, islice, repeat
from operator import eq

__all__ = ["FrequencyTable", "english_table"]


class FrequencyTable:
    """Word → frequency, as ``dict.get`` answers it, from wordfreq's bands of words."""

    def __init__(self, bands: Sequence[Sequence[str]], to_freq: Callable[[int], float]) -> None:
        """``bands[i]`` holds the words of frequency ``to_freq(-i)`` (wordfreq's cBpack layout;
        a word in two bands has the later one's frequency, as in wordfreq's dict)."""
        flat = list(chain.from_iterable(bands))
        band_of = array("H", chain.from_iterable(repeat(i, len(band)) for i, band in enumerate(bands)))
        # Sorted by code point (the order of the UTF-8 bytes searched below); stable, so a word in
        # two bands has its copies in band order, and the last one is kept (wordfreq's dict's value).
        order = sorted(range(len(flat)), key=flat.__getitem__)
        words = list(map(flat.__getitem__, order))
        if any(map(eq, words, islice(words, 1, None))):
            keep = [k for k in range(len(words)) if k + 1 == len(words) or words[k] != words[k + 1]]
            words, order = [words[k] for k in keep], [order[k] for k in keep]
        del flat
        self._blob = "".join(words).encode("utf-8")
        self._ends = array("I", accumulate(map(len, map(str.encode, words))))
        self._bands = array("H", map(band_of.__getitem__, order))
        self._freqs = [to_freq(-i) for i in range(len(bands))]

    def __len__(self) -> int:
        return len(self._ends)

    def nbytes(self) -> int:
        """The bytes its buffers hold (the words, their ends and bands)."""
        return len(self._blob) + self._ends.itemsize * len(self._ends) + self._bands.itemsize * len(self._bands)

    def get(self, word: str, default: float = 0.0) -> float:
        """The frequency of ``word``, or ``default`` when the list does not hold it."""
        key = word.encode("utf-8", "surrogatepass")
        blob, ends = self._blob, self._ends
        lo, hi = 0, len(ends)
        while lo < hi:
            mid = (lo + hi) >> 1
            if blob[ends[mid - 1] if mid else 0:ends[mid]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(ends) and blob[ends[lo - 1] if lo else 0:ends[lo]] == key:
            return self._freqs[self._bands[lo]]
        return default


def english_table() -> FrequencyTable:
    """wordfreq's large English list (read from its package data, not kept in its cache)."""
    import wordfreq

    bands = wordfreq.get_frequency_list.__wrapped__("en", wordlist="large")
    return FrequencyTable(bands, wordfreq.cB_to_freq)
