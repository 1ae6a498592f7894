"""The supported/partial decision weighs each claim word by its rarity in general English
(verification.rarity_coverage, claims.lexicon.word_information): a paraphrase that drops common
words is supported, a claim adding rare words the source never uses is not."""

from __future__ import annotations

from citecheck import verify
from citecheck.claims.lexicon import RARE_WORD_INFORMATION, word_information
from citecheck.evidence.passages import _as_source, _index
from citecheck.evidence.ranking import _rank, _weighted_union_coverage
from citecheck.verification import rarity_coverage

SOURCE = """\
Tyson Fury beat Deontay Wilder in their heavyweight rematch at the MGM Grand in Las Vegas.

The referee stopped the fight in the seventh round after Wilder's corner threw in the towel.

Fury had drawn with Wilder fourteen months earlier in Los Angeles.

Tickets for the arena sold out within hours."""


def test_common_words_are_cheap_rare_words_dear():
    assert word_information("the") < word_information("played") < word_information("rematch")
    assert word_information("Played") == word_information("played")
    assert word_information("Zqxwvortle") == RARE_WORD_INFORMATION
    assert word_information("2016") == RARE_WORD_INFORMATION  # a figure tells as much as a rare word


def test_a_paraphrase_dropping_common_words_is_supported():
    # "went on", "win", "clearly", "dominated" are not in the source: common words, cheap to drop.
    claim = "Tyson Fury went on to win the heavyweight rematch against Deontay Wilder in Las Vegas, which he clearly dominated."
    idx = _index(_as_source(SOURCE, "s", None))
    # Weighted by the source's own idf, every absent word costs the most: under half is held.
    assert _weighted_union_coverage(idx, claim, [r.uid for r in _rank(idx, claim, 3)]) < 0.5
    v = verify(claim, SOURCE)
    assert v.verdict == "supported", v.reason


def test_rare_words_the_source_never_uses_keep_the_claim_partial():
    v = verify("Fury beat Wilder after weeks of hypoxic altitude training and daily cryotherapy sessions.", SOURCE)
    assert v.verdict == "partially_supported", v.reason


def test_absent_rare_word_costs_more_than_absent_common_word():
    idx = _index(_as_source(SOURCE, "s", None))
    base = "Fury beat Wilder in the heavyweight rematch"

    def coverage(claim: str) -> float:
        return rarity_coverage(idx, claim, [r.uid for r in _rank(idx, claim, 3)])

    assert coverage(base) == 1.0
    assert coverage(base + " cryotherapy") < coverage(base + " clearly") < 1.0


def test_a_short_source_still_weighs_its_own_rare_words():
    # One sentence: the claim's changed words are common in English ("boxer", "once", "lost") but
    # absent from this source, which names little else; the source-idf floor keeps it partial.
    source = "Tyson Fury beat Deontay Wilder in their heavyweight rematch in Las Vegas."
    claim = "Tyson Fury is a heavyweight boxer who once lost to Wilder."
    idx = _index(_as_source(source, "s", None))
    assert rarity_coverage(idx, claim, [r.uid for r in _rank(idx, claim, 3)]) >= 0.5
    assert verify(claim, source).verdict == "partially_supported"
