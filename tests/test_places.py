"""Countries by name or demonym (evidence/places.py), and "another country in the claim's place"
(issue 8 item 3: a different country is a contradiction), with the cases that must stay
uncontradicted beside them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_contradictions_s2 import contradicted

from citecheck.evidence.contrast import find_contrast
from citecheck.evidence.places import countries_in, country_named

INSTITUTE = "The Bellweather Institute is a Danish research centre for marine biology, founded by fishermen."


def test_country_names_aliases_and_demonyms() -> None:
    assert [country_named(w) for w in ("Norway", "Norwegian", "Chinese", "Canadian", "Australian", "Thai",
                                       "the United States", "American", "Britain")] == [
        "Norway", "Norway", "China", "Canada", "Australia", "Thailand", "United States", "United States",
        "United Kingdom"]
    # Not countries: a word shorter than the name (Roman / Romania), a US state or a given name that
    # is also a country, a territory of another country, a continent, a city.
    assert [country_named(w) for w in ("Roman", "Georgia", "Jordan", "Greenland", "Puerto Rico", "European",
                                       "Aarhus")] == [None] * 7
    assert countries_in("A Danish centre, not in New Zealand or the Netherlands.") == [
        ("New Zealand", "New Zealand"), ("Netherlands", "Netherlands"), ("Danish", "Denmark")]


def test_another_country_in_the_claims_place_is_a_contradiction() -> None:
    found = contradicted("The Bellweather Institute for marine biology is in Norway.", INSTITUTE)
    assert found == [("claim-contradicted", "Norway", "Danish")]
    found = contradicted("The Bellweather Institute for marine biology moved to Sweden in 2004.",
                         "In 2004 the Bellweather Institute for marine biology moved to Finland, where it stays.")
    assert found and found[0][1:] == ("Sweden", "Finland")


def test_the_same_country_or_a_place_that_is_no_country_is_not_a_contradiction() -> None:
    assert not contradicted("The Bellweather Institute for marine biology is in Denmark.", INSTITUTE)
    # A city, a continent or a territory of the sentence's country: no country against country.
    assert not contradicted("The Bellweather Institute for marine biology is in Copenhagen.", INSTITUTE)
    assert not contradicted("The Bellweather Institute for marine biology is in Europe.", INSTITUTE)
    assert not contradicted("The Bellweather Institute for marine biology is in Greenland.", INSTITUTE)
    # The sentence's other country is one the claim names too.
    assert not contradicted("The Bellweather Institute for marine biology in Denmark works with Norway.",
                            INSTITUTE)


_WORDS = ["Norway", "Norwegian", "Denmark", "Danish", "China", "Chinese", "the", "United", "States", "Kingdom",
          "American", "British", "Greenland", "Roman", "Romania", "institute", "is", "in", "a", "not", "moved",
          "to", "lives", "research", "centre", "university", "of", "and", ","]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=20))
def test_a_sentence_naming_countries_never_contradicts_itself(words: list[str]) -> None:
    text = " ".join(words) + "."
    # Every capitalised word taken as a name the source never states: still no country swap,
    # since the sentence's countries are all the claim's own.
    names = [(m.start(), m.end()) for m in re.finditer(r"\b[A-Z]\w+", text)]
    assert find_contrast(text, [text], names, source_words={w.lower() for w in words}) is None
