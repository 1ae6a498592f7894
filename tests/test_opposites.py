"""Opposite words from a general lexical source (WordNet's direct antonyms with their inflected
forms, `evidence/opposites.py`), the closed-class opposites WordNet does not hold, and where the
contradiction check lets them count. Sentences written for these tests; each contrast next to
the paraphrase or agreeing sentence that must raise nothing."""

from __future__ import annotations

import gzip
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st
from test_contradictions_s2 import contradicted

from citecheck.evidence.contrast import find_contrast
from citecheck.evidence.contrast_words import word_tokens
from citecheck.evidence.opposites import opposites, sibling_group


def test_the_shipped_list_and_its_licence() -> None:
    folder = resources.files("citecheck.evidence")
    lines = gzip.decompress(folder.joinpath("antonyms.txt.gz").read_bytes()).decode("utf-8").splitlines()
    assert len(lines) > 1000  # WordNet 3.0 has some 1,800 common direct antonym pairs
    assert all(line.split(" ", 1)[0] in {"noun", "verb", "adj", "adv"} and "\t" in line for line in lines)
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in folder.joinpath("LICENSE-wordnet.txt").read_text()


def test_inflected_and_irregular_forms_are_opposites() -> None:
    assert {"fell", "falls", "fallen"} <= opposites("rose")  # rise: WordNet's exception list
    assert {"lost", "loses"} <= opposites("won")
    assert "inaccurate" in opposites("accurate") and "accurate" in opposites("inaccurate")
    assert "wives" in opposites("husbands")
    assert "after" in opposites("before") and "barely" in opposites("highly")  # closed-class words
    assert "second" in opposites("first")
    # A comparative that is a noun in its own right is no form of the adjective.
    assert "liver" not in opposites("dead") and "founder" not in opposites("lost")


def test_sibling_kinds() -> None:
    assert "cello" in sibling_group("violin") and sibling_group("violinist") == frozenset()


def test_an_antonym_from_the_lexicon() -> None:
    source = "The admiralty judged the survey map of the northern harbour inaccurate in 1911."
    found = contradicted("The admiralty judged the survey map of the northern harbour accurate in 1911.", source)
    assert found and found[0][1] == "accurate" and found[0][2] == "inaccurate"
    # A synonym is a paraphrase, not an opposite.
    assert not contradicted("The admiralty judged the survey map of the northern harbour wrong in 1911.", source)
    assert not contradicted("The admiralty judged the survey map of the northern harbour inaccurate in 1911.",
                            source)


def test_degree_adverbs() -> None:
    source = "Brenmoor is a coastal town highly dependent on herring fishing."
    found = find_contrast("Brenmoor is a coastal town barely dependent on herring fishing.", [source])
    assert found is not None and (found.found, found.expected) == ("barely", "highly")
    assert find_contrast("Brenmoor is a coastal town heavily dependent on herring fishing.", [source]) is None


def test_only_this_against_its_opposite() -> None:
    source = "The composer Ewan Marsh had two sons with his wife Ilse."
    found = find_contrast("The composer Ewan Marsh had only daughters.", [source])
    assert found is not None and (found.found, found.expected) == ("daughters", "sons")
    assert find_contrast("The composer Ewan Marsh had only sons.", [source]) is None
    # Without "only", the claim's word and the sentence's do not stand in one place.
    assert find_contrast("The composer Ewan Marsh had daughters.", [source]) is None


def test_a_small_word_alone_does_not_align_two_opposites() -> None:
    source = "Most river ferries run in summer, and a minority of older boats run all year."
    assert find_contrast("The majority of river ferries run in summer.", [source]) is None
    found = find_contrast("The majority of river ferries run in summer.",
                          ["A minority of river ferries run in summer."])
    assert found is not None and (found.found, found.expected) == ("majority", "minority")


def test_a_word_of_a_name_is_not_an_opposite() -> None:
    # "Old" in "Old Trafford" is part of a name; "new" is no contradiction of it.
    assert find_contrast("The final was played at Old Trafford in May.",
                         ["The final was played at the new stadium near Old Trafford in May."]) is None


_WORDS = st.sampled_from(["rose", "fell", "won", "lost", "accurate", "inaccurate", "highly", "barely", "before",
                          "after", "price", "town", "club", "the", "in", "march", "first", "last", "open",
                          "closed", "sons", "daughters", "only"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=3, max_size=10))
def test_a_sentence_never_contradicts_itself(words: list[str]) -> None:
    text = " ".join(words) + "."
    assert find_contrast(text, [text], source_words=set(words)) is None


def test_yet_to_is_a_negation() -> None:
    source = "The Halden viaduct was surpassed in length by the Norrby viaduct in 1962."
    found = find_contrast("The Halden viaduct has yet to be surpassed in length.", [source])
    assert found is not None and found.kind == "negation" and found.found == "yet"
    assert find_contrast("The Halden viaduct has been surpassed in length.", [source]) is None
    # After a negation "yet to" stays as written: no double negation.
    assert [w for w, _, _ in word_tokens("has yet to open")] == ["has", "not", "to", "open"]
    assert [w for w, _, _ in word_tokens("is not yet to open")] == ["is", "not", "yet", "to", "open"]


def test_frequency_adverbs() -> None:
    source = "The quartet usually performs in the chapel of Saint Lucia."  # WordNet has often/rarely only
    found = find_contrast("The quartet seldom performs in the chapel of Saint Lucia.", [source])
    assert found is not None and (found.found, found.expected) == ("seldom", "usually")
    assert find_contrast("The quartet frequently performs in the chapel of Saint Lucia.", [source]) is None


def test_a_definite_common_noun_opening_the_sentence_speaks_of_the_subject() -> None:
    # "The abbey" stands for "Marrick Priory", as "It" would.
    source = "The abbey was barely profitable in 1500."
    found = find_contrast("Marrick Priory was highly profitable in 1500.", [source])
    assert found is not None and (found.found, found.expected) == ("highly", "barely")
    assert find_contrast("Marrick Priory was highly profitable in 1500.", ["The abbey was highly profitable in 1500."]) \
        is None
