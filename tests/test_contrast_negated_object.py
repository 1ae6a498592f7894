"""A sentence that negates a verb whose object the claim asserts (evidence.contrast._negated_shared):
"did not attract tourists to the town" against "the town is a tourist destination". Sentences of
our own, each with a twin that must not contradict."""

from __future__ import annotations

from citecheck import verify

CLAIM = "The town is a tourist destination because of its castle."


def contradicted(claim: str, source: str) -> bool:
    return verify(claim, source).verdict == "contradicted"


def test_a_negated_verb_whose_object_and_another_word_the_claim_asserts_contradicts() -> None:
    assert contradicted(CLAIM, "The ruined castle surprisingly did not attract tourists to the town.")


def test_a_negated_verb_that_reaches_one_word_of_the_claim_or_another_object_does_not() -> None:
    # Only "tourists" is in the negation's reach: charging them says nothing of the claim.
    assert not contradicted(CLAIM, "The castle of the town is famous, and the council did not charge tourists a fee.")
    # The negation is about investors, which the claim never names.
    assert not contradicted(CLAIM, "The castle made the town a tourist destination, though it did not attract investors.")
