"""Where a thing is (evidence.contrast_places): the claim puts its subject in one country, the
sentence about it in another. Sentences of our own, each with a twin that must not contradict."""

from __future__ import annotations

from citecheck import verify
from citecheck.evidence.contrast_places import other_location
from citecheck.evidence.contrast_words import word_tokens


def contradicted(claim: str, source: str) -> bool:
    return verify(claim, source).verdict == "contradicted"


def test_another_country_for_the_same_subject_contradicts_even_when_the_source_names_the_claims() -> None:
    # The source names China (as a language label), so China is not absent; its place is Thailand.
    source = ("Peking University (Chinese: 北京大学) is a major research university located in Thailand "
              "and a member of the C9 League.")
    assert contradicted("Peking University is in China.", source)
    result = verify("Peking University is in China.", source)
    [contrast] = [m for m in result.mismatches if m.rule == "claim-contradicted"]
    assert (contrast.found, contrast.expected) == ("China", "Thailand")
    assert contradicted("The Acme Company is based in the United Kingdom.",
                        "The Acme Company is a maker of tools located in France.")


def test_the_same_country_a_city_or_a_second_place_does_not_contradict() -> None:
    assert not contradicted("Peking University is in China.",
                            "Peking University (Chinese: 北京大学) is a major research university located in "
                            "China and a member of the C9 League.")
    # A city is no country: it may lie in the claim's.
    assert not contradicted("Peking University is in China.",
                            "Peking University is a major research university located in Beijing.")
    # Two places: the subject may be in either (this rule; the older one for a country the
    # source never names, contrast_slots.other_country, still judges this pair).
    claim = "The Acme Company is based in Germany."
    sentence = "The Acme Company, which is headquartered in Munich, has a plant located in China."
    assert other_location(claim, word_tokens(claim), sentence, word_tokens(sentence)) is None


def test_the_rule_needs_the_subject_and_a_plain_claim() -> None:
    sentence = "The Acme Company is a maker of tools located in France."
    # Another subject: the sentence's place is not the claim's.
    assert other_location("Peking University is in China.", word_tokens("Peking University is in China."),
                          sentence, word_tokens(sentence)) is None
    # A negated claim agrees with another country.
    claim = "The Acme Company is not based in Germany."
    assert other_location(claim, word_tokens(claim), sentence, word_tokens(sentence)) is None
    claim = "The Acme Company is based in Germany."
    found = other_location(claim, word_tokens(claim), sentence, word_tokens(sentence))
    assert found is not None and (found.found, found.expected) == ("Germany", "France")
