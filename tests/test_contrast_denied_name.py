"""A claim that denies a name, or names the country a place lies in, is not contradicted by the
source's other name (session 7; found by the accuracy helper's own paraphrases, no bench item)."""

from __future__ import annotations

import pytest

from citecheck.verification import verify


def _verdict(claim: str, source: str) -> str:
    return verify(claim, source + "\n", source_id="s").verdict


@pytest.mark.parametrize(("claim", "source"), [
    ("Acme Corp is not located in France.", "Acme Corp is a firm based in Germany."),
    ("The film was not released by Warner Bros.", "The film was released by Universal Pictures."),
    ("Acme Corp is located in the United Kingdom.", "Acme Corp is a firm based in Scotland."),
    ("Edinburgh Castle is in the United Kingdom.", "Edinburgh Castle is a fortress in Scotland."),
])
def test_a_denied_name_or_the_country_of_a_place_is_no_contradiction(claim: str, source: str) -> None:
    assert _verdict(claim, source) != "contradicted"


@pytest.mark.parametrize(("claim", "source"), [
    ("Acme Corp is located in France.", "Acme Corp is a firm based in Germany."),
    ("The film was released by Warner Bros.", "The film was released by Universal Pictures."),
    ("Acme Corp is located in Spain.", "Acme Corp is a firm based in Scotland."),
])
def test_the_same_names_asserted_are_still_contradicted(claim: str, source: str) -> None:
    assert _verdict(claim, source) == "contradicted"
