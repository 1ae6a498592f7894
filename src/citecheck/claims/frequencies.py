"""wordfreq's large English list held compactly (issue 12: a run's memory).

``wordfreq.get_frequency_dict("en", "large")`` is a dict of 321,180 str keys: about 28 MB of a
process, held for the whole run by wordfreq's own cache, and reading it makes a list of lists of
the same strings first (another ~20 MB while it is built). :class:`FrequencyTable` holds the
words as one UTF-8 ``bytes`` buffer with their ends and frequency bands (wordfreq's centibels) in
``array``\\ s, found through an open-addressing table of slots: about 9 MB, built from the
package's file one band at a time (:func:`english_table`), so no more than one band's words are
ever Python strings at once. A look-up returns exactly the float wordfreq's dict holds
(``cB_to_freq`` of the band).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from itertools import accumulate
from pathlib import Path

__all__ = ["FrequencyTable", "english_table"]


class FrequencyTable:
    """Word → frequency, as ``dict.get`` answers it, from wordfreq's bands of words."""

    def __init__(self, bands: Iterable[Iterable[str]], to_freq: Callable[[int], float],
                 capacity: int = 1 << 16) -> None:
        """Band ``i`` of ``bands`` holds the words of frequency ``to_freq(-i)`` (wordfreq's
        cBpack layout); a word in two bands has the later one's frequency, as in wordfreq's dict.
        ``capacity``: the words expected (the table grows past it)."""
        self._blob = bytearray()
        self._ends = array("I")  # the end of word k in the buffer (it starts where k - 1 ends)
        self._bands = array("H")
        self._slots = array("i", [-1]) * _table_size(capacity)
        self._freqs: list[float] = []
        for index, band in enumerate(bands):
            self._freqs.append(to_freq(-index))
            self._put_band(list(map(str.encode, band)), index)

    def _put_band(self, keys: list[bytes], band: int) -> None:
        """Add one band's words (UTF-8): the buffers in bulk, then each word's slot."""
        if 2 * (len(self._ends) + len(keys)) > len(self._slots):  # at most half full: probes stay short
            self._grow(len(self._ends) + len(keys))
        first = len(self._ends)
        self._blob += b"".join(keys)
        self._ends.extend(accumulate(map(len, keys), initial=self._ends[-1] if first else 0))
        self._ends.pop(first)  # the initial value, already there (or 0)
        self._bands.extend(array("H", [band]) * len(keys))
        slots, mask, blob, ends, bands = self._slots, len(self._slots) - 1, self._blob, self._ends, self._bands
        for k, key, code in zip(range(first, first + len(keys)), keys, map(hash, keys)):
            at = code & mask
            while (other := slots[at]) != -1:
                if blob[ends[other - 1] if other else 0:ends[other]] == key:
                    bands[other] = band  # the word again: the later band, as wordfreq's dict keeps it
                    break
                at = (at + 1) & mask
            else:
                slots[at] = k

    def _grow(self, words: int) -> None:
        held = [k for k in self._slots if k != -1]  # a word met again has no slot of its own
        self._slots = array("i", [-1]) * _table_size(words)
        slots, mask = self._slots, len(self._slots) - 1
        for k in held:
            at = hash(bytes(self._blob[self._ends[k - 1] if k else 0:self._ends[k]])) & mask
            while slots[at] != -1:
                at = (at + 1) & mask
            slots[at] = k

    def __len__(self) -> int:
        """The words it holds (a word in two bands once)."""
        return sum(1 for k in self._slots if k != -1)

    def nbytes(self) -> int:
        """The bytes its buffers hold (the words, their ends and bands, the slots)."""
        arrays = (self._ends, self._bands, self._slots)
        return len(self._blob) + sum(a.itemsize * len(a) for a in arrays)

    def get(self, word: str, default: float = 0.0) -> float:
        """The frequency of ``word``, or ``default`` when the list does not hold it."""
        key = word.encode("utf-8", "surrogatepass")
        slots, ends, blob = self._slots, self._ends, self._blob
        mask = len(slots) - 1
        at = hash(key) & mask
        while (k := slots[at]) != -1:
            if blob[ends[k - 1] if k else 0:ends[k]] == key:
                return self._freqs[self._bands[k]]
            at = (at + 1) & mask
        return default


def _table_size(words: int) -> int:
    size = 1
    while size < 2 * words:
        size <<= 1
    return size


def english_table() -> FrequencyTable:
    """wordfreq's large English list, read from the package's file one band at a time.

    wordfreq itself is not imported (its import loads langcodes, ftfy and regex: a quarter of a
    second of every process); a band's frequency is wordfreq's ``cB_to_freq``, ``10 ** (cB / 100)``.
    A file that is missing or of another layout raises ValueError."""
    import gzip

    import msgpack

    path = _large_english_file()
    if not path.is_file():
        raise ValueError(f"no wordfreq data file at {path}")
    with gzip.open(path, "rb") as handle:
        unpacker = msgpack.Unpacker(handle, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected wordfreq data header: {header!r}")
        return FrequencyTable((unpacker.unpack() for _ in range(count - 1)), _centibels_to_frequency,
                              capacity=330_000)


def _centibels_to_frequency(centibels: int) -> float:
    return 10 ** (centibels / 100)


def _large_english_file() -> Path:
    """Where wordfreq keeps its large English list (found, not imported)."""
    from importlib.util import find_spec

    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise ValueError("wordfreq is not installed")
    return Path(spec.origin).parent / "data" / "large_en.msgpack.gz"
