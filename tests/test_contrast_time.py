"""A state the claim says holds now against a source that says it ended (`contrast._ended`).
Sentences written for these tests, each next to the cases that must raise nothing."""

from __future__ import annotations

from citecheck.evidence.contrast import find_contrast


def test_a_state_said_to_hold_now_that_ended() -> None:
    found = find_contrast("The Tarn Mill is still owned by the Hardy family.",
                          ["The Tarn Mill was owned by the Hardy family until 1931."])
    assert found is not None and (found.found, found.expected) == ("still", "until 1931")
    found = find_contrast("The Vell Islands are currently part of the Duchy of Arnholt.",
                          ["Between 1402 and 1799, the Vell Islands were part of the Duchy of Arnholt."])
    assert found is not None and (found.found, found.expected) == ("currently", "1402 and 1799")
    found = find_contrast("The Vell Islands are now part of the Duchy of Arnholt.",
                          ["From 1402 to 1799 the Vell Islands were part of the Duchy of Arnholt."])
    assert found is not None and found.expected == "1402 to 1799"


def test_no_contradiction_without_a_closed_period() -> None:
    claim = "The Tarn Mill is still owned by the Hardy family."
    assert find_contrast(claim, ["The Tarn Mill was bought by the Hardy family in 1931."]) is None
    # Two years joined by "and" without "between" are two events, not a period.
    assert find_contrast("The band is still signed to Rough Trade.",
                         ["The band was signed to Rough Trade in 2001 and 2004."]) is None
    # The source says it still holds.
    assert find_contrast(claim, ["The Tarn Mill was built in 1820 and is still owned by the Hardy family."]) is None
    # The claim says nothing about now.
    assert find_contrast("The Tarn Mill was owned by the Hardy family.",
                         ["The Tarn Mill was owned by the Hardy family until 1931."]) is None
