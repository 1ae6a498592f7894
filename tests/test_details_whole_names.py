"""A name of three or more capitalised words side by side is judged as a whole
(evidence.details._unjoined): every word of it in the source is not enough when the source never
writes two of them side by side. Sentences of our own, each with a twin whose source states it."""

from __future__ import annotations

from citecheck import verify
from citecheck.claims import extract_dates, extract_quantities
from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import vocabulary

SOURCE = ("Swift took home five awards, including Artist of the Year. Her other wins included Favorite "
          "Female Country Artist. The album sold well in every country.")


def absent(claim: str, source: str) -> list[str]:
    dates = extract_dates(claim)
    quantities = extract_quantities(claim, dates=dates)
    return [d.text for d in absent_details(claim, vocabulary(source), quantities=quantities, dates=dates)]


def test_a_name_whose_words_the_source_uses_only_for_other_names_is_absent() -> None:
    claim = "That year she won five awards, including Artist of the Year and Favorite Country Album."
    assert absent(claim, SOURCE) == ["Favorite Country Album"]
    result = verify(claim, SOURCE)
    assert result.verdict == "partially_supported"
    assert [m.found for m in result.mismatches if m.rule == "claim-partly-supported"] == ["Favorite Country Album"]


def test_a_name_the_source_writes_whole_in_any_case_or_in_part_is_stated() -> None:
    assert absent("She won the Favorite Female Country Artist award.", SOURCE) == []
    # In lower case: "the first world war" states "First World War".
    assert absent("The debate was about how the First World War is taught.",
                  "Gove attacked historians of the first world war and how it is taught in a debate.") == []
    # Two of its words side by side: the source shortens the name ("Barack Obama" for "President
    # Barack Obama").
    assert absent("The bill was signed by President Barack Obama.",
                  "The bill was signed by Barack Obama, who was President at the time.") == []
    # Two capitalised words are judged word by word, as before.
    assert absent("She won the Country Album award.", SOURCE) == []


ALBUM = '"I Kissed a Girl" is a song recorded by Katy Perry for her second studio album, One of the Boys (2008).'


def test_a_name_whose_opening_words_start_another_name_of_the_source_is_another_name() -> None:
    # "Girls" is in the source ("Girl"), but "One of the Girls" is not: the source's "One of the"
    # names "One of the Boys".
    assert absent("The album One of the Girls contains I Kissed a Girl.", ALBUM) == ["Girls"]
    result = verify("The album One of the Girls contains I Kissed a Girl.", ALBUM)
    assert result.verdict == "contradicted"
    assert [(m.found, m.expected) for m in result.mismatches if m.rule == "claim-contradicted"] == [("Girls", "Boys")]


def test_a_name_the_source_writes_whole_or_joined_by_a_hyphen_is_not_another_name() -> None:
    assert absent("The album One of the Boys contains I Kissed a Girl.", ALBUM) == []
    assert absent("He studied at the University of California.",
                  "He studied at the University of California, Berkeley, and at the University of Texas.") == []
    # "Comic-Con" is one word: "San Diego Comic Book Convention" is no other ending of it.
    assert absent("Richard Alf was one of the founders of San Diego Comic-Con.",
                  "It was founded as the San Diego Comic Book Convention in 1970 by Richard Alf and others.") == []
    # A spelling of the same last word is no other name ("Faroe" / "Faeroe").
    assert absent("He sailed to the Isle of Faroes.", "He sailed to the Isle of Faeroes in 1900; the Faroes are far.") == []
