"""A figure or agent written out in one text and shortened in the other is the same detail, not a
contradiction: "half a million" / 500,000, "the UN" / "the United Nations"."""

from __future__ import annotations

from test_contradictions_s2 import contradicted

from citecheck.claims.quantities import extract_quantities


def test_half_a_million_is_five_hundred_thousand() -> None:
    [q] = extract_quantities("Half a million people marched through the capital on Sunday.")
    assert q.value == 500_000 and q.text.startswith("Half a million")
    [q] = extract_quantities("They sold a quarter of a million copies.")
    assert q.value == 250_000
    [q] = extract_quantities("They sold a million copies.")
    assert q.value == 1_000_000


def test_a_figure_in_words_agrees_with_its_digits() -> None:
    source = "Half a million people marched through the capital on Sunday."
    assert not contradicted("Some 500,000 people marched through the capital on Sunday.", source)
    assert contradicted("Some 900,000 people marched through the capital on Sunday.", source)


def test_an_initialism_is_the_agent_it_abbreviates() -> None:
    source = "The report was published by the United Nations in Geneva."
    assert not contradicted("The report was published by the UN in Geneva.", source)
    source = "The report was published by the UN in Geneva."
    assert not contradicted("The report was published by the United Nations in Geneva.", source)
    # Another agent's initials are still another agent.
    source = "The report was published by the International Monetary Fund in Geneva."
    assert contradicted("The report was published by the OECD in Geneva.", source)
