"""claims.frequencies: wordfreq's English list held compactly answers as wordfreq's dict does."""

from __future__ import annotations

import random

import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.claims import frequencies
from citecheck.claims.frequencies import FrequencyTable, english_table
from citecheck.claims.lexicon import _english_frequencies, word_information


def _as_dict(bands: list[list[str]]) -> dict[str, float]:
    """What wordfreq.get_frequency_dict builds from the same bands."""
    freqs: dict[str, float] = {}
    for index, band in enumerate(bands):
        for word in band:
            freqs[word] = wordfreq.cB_to_freq(-index)
    return freqs


words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(words, max_size=8), max_size=12), st.lists(words, max_size=10))
def test_table_answers_as_the_dict(bands: list[list[str]], probes: list[str]) -> None:
    table = FrequencyTable(bands, wordfreq.cB_to_freq, capacity=1)  # grown as words come
    expected = _as_dict(bands)
    assert len(table) == len(expected)
    for word in [*expected, *probes]:
        assert table.get(word, 0.0) == expected.get(word, 0.0)
        assert table.get(word, -1.0) == expected.get(word, -1.0)


def test_english_table_is_wordfreqs_list_in_a_third_of_the_memory() -> None:
    table = english_table()
    full = wordfreq.get_frequency_dict("en", wordlist="large")
    assert len(table) == len(full)
    sample = random.Random(12).sample(sorted(full), 20_000)
    for word in [*sample, "the", "rematch", "zzzzqqq", "", "café", "naïve", "日本", "\U0001f600"]:
        assert table.get(word, 0.0) == full.get(word, 0.0), word
    # 321,180 words: wordfreq's dict holds them as str objects, about 90 bytes a word (28 MB);
    # the table's buffers hold the words' UTF-8 bytes, six bytes a word and a slot table.
    assert table.nbytes() < 30 * len(table)


def test_the_table_is_read_without_importing_wordfreq() -> None:
    # wordfreq's import (langcodes, ftfy, regex) costs more than reading its file does.
    import subprocess
    import sys

    code = ("import sys; from citecheck.claims.frequencies import english_table; table = english_table(); "
            "print(table.get('the') > 0.01, 'wordfreq' in sys.modules, 'regex' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False", "False"]


def test_word_information_reads_the_table() -> None:
    assert isinstance(_english_frequencies(), FrequencyTable)
    assert 1.0 < word_information("the") < 2.0
    assert word_information("zzzzqqqxx") == 8.0


def test_a_data_file_of_another_layout_falls_back_to_wordfreqs_dict(tmp_path, monkeypatch) -> None:
    import gzip

    import msgpack

    changed = tmp_path / "large_en.msgpack.gz"
    with gzip.open(changed, "wb") as handle:  # a future layout: the header names another format
        handle.write(msgpack.packb([{"format": "cB", "version": 2}, ["the"]]))
    monkeypatch.setattr(frequencies, "_large_english_file", lambda: changed)
    _english_frequencies.cache_clear()
    try:
        table = _english_frequencies()
        assert not isinstance(table, FrequencyTable)
        assert table.get("the") == wordfreq.get_frequency_dict("en", "large")["the"]
    finally:
        _english_frequencies.cache_clear()
