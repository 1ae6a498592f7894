"""One initialism rule (evidence.vocabulary.spelled_by) for the source's initialisms, the
acronyms that cover a claim's name (evidence.details) and an agent named both ways
(evidence.contrast_slots): sentences of our own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import verify
from citecheck.claims import extract_dates, extract_quantities
from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import _initialisms, abbreviates, spelled_by, vocabulary


def absent(claim: str, source: str) -> list[str]:
    dates = extract_dates(claim)
    quantities = extract_quantities(claim, dates=dates)
    return [d.text for d in absent_details(claim, vocabulary(source), quantities=quantities, dates=dates)]


def test_a_small_word_may_give_its_letter_or_be_passed_over() -> None:
    words = ["Department", "of", "Transportation"]
    assert spelled_by("DOT", words) == [(0, 2)]
    assert spelled_by("DT", words) == [(0, 2)]
    assert spelled_by("DO", words) == []  # a stretch ends on a word that is not small
    assert spelled_by("NASA", ["National", "Aeronautics", "and", "Space", "Administration"]) == [(0, 4)]


def test_other_words_are_passed_over_only_when_allowed() -> None:
    words = ["Commander", "of", "the", "Order", "of", "the", "British", "Empire"]
    assert spelled_by("CBE", words) == []
    assert spelled_by("CBE", words, skip=1) == [(0, 7)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Royal", "Society", "of", "the", "and", "London", "National", "Office",
                                 "for", "Arts", "de", "Paris"]), min_size=1, max_size=8))
def test_every_initialism_of_a_source_is_spelled_by_its_words(words: list[str]) -> None:
    for letters in _initialisms(" ".join(words)):
        assert spelled_by(letters, words), letters


def test_an_agent_and_its_initialism_are_one_agent() -> None:
    assert abbreviates("the DOT in May", "Department of Transportation in May")
    assert abbreviates("Department of Transportation in May", "the DOT in May")
    assert abbreviates("the DOT in May", "the D.O.T. in May")
    assert abbreviates("the UN", "United Nations")
    # Not a longer name that merely starts with the same words.
    assert not abbreviates("the UN", "United Nations Children's Fund")
    assert not abbreviates("the DOT", "the city council")


def test_a_claim_naming_the_agent_by_its_initialism_is_no_contradiction() -> None:
    claim = "The bridge was approved by the DOT in May."
    assert verify(claim, "The bridge was approved by the Department of Transportation in May.").verdict != "contradicted"
    assert verify(claim, "The bridge was approved by the D.O.T. in May.").verdict != "contradicted"
    assert verify(claim, "The bridge was approved by the city council in May.").verdict == "contradicted"


def test_a_name_is_stated_by_its_initialism_with_a_small_word() -> None:
    claim = "The Department of Transportation approved the bridge."
    assert absent(claim, "The DOT approved the new bridge in May.") == []
    assert absent(claim, "The DOE approved the new bridge in May.") == ["Department", "Transportation"]
