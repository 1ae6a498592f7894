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
