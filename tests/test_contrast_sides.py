"""A relation told from the other side, an exception and a place inside a country are no
contradictions (evidence.contrast): sentences of our own, each with a twin that still contradicts."""

from __future__ import annotations

from citecheck import verify


def contradicted(claim: str, source: str) -> bool:
    return verify(claim, source).verdict == "contradicted"


def test_the_parties_swapped_round_an_opposite_tell_the_same_relation() -> None:
    assert not contradicted("The team lost the final to Leeds.", "Leeds won the final, beating the team 2-1.")
    assert not contradicted("The bridge is longer than the tunnel.", "The tunnel is shorter than the bridge.")
    # The same parties in the same places: the outcome is reversed.
    assert contradicted("Leeds lost the final to the team.", "Leeds won the final, beating the team 2-1.")
    assert contradicted("The bridge is shorter than the tunnel.", "The bridge is longer than the tunnel.")


def test_an_opposite_that_holds_for_everything_except_the_claims_thing_agrees() -> None:
    assert not contradicted("The museum is closed on Mondays.", "The museum is open every day except Monday.")
    assert not contradicted("The museum is closed on Mondays.", "The museum is open on all days other than Monday.")
    assert contradicted("The museum is closed on Mondays.", "The museum is open on Mondays.")


def test_a_country_is_not_contradicted_by_a_place_or_person_that_may_lie_in_it() -> None:
    assert not contradicted("The film was made by a German director.",
                            "The film was made by the Munich-based director Hans Weber.")
    assert not contradicted("The prize was won by an Irish writer.",
                            "The prize was won by the Dublin-born writer Anne Enright.")
    # Another country is still another country.
    assert contradicted("The film was made by a German director.",
                        "The film was made by the French director Hans Weber.")


def test_only_x_agrees_with_a_negation_of_a_thing_the_claim_never_names() -> None:
    assert not contradicted("The school admits only girls.", "The school is a girls-only school; boys are not admitted.")
    assert not contradicted("The band only played in small clubs.",
                            "The band never played in stadiums, only in small clubs.")
    # The negation of the claim's own thing still contradicts it.
    assert contradicted("The school admits only girls.", "Girls are not admitted to the school.")
    assert contradicted("The band only played in small clubs.", "The band never played in small clubs.")


def test_a_denied_name_agrees_with_another_name_in_its_slot() -> None:
    assert not contradicted("He was not born in London.", "He was born in Paris and moved to London in 1960.")
    assert not contradicted("She does not live in Paris.", "She lives in Lyon, two hours from Paris.")
    assert not contradicted("The album was not released in 1990.",
                            "The album was released in 1991, a year after the 1990 sessions.")
    # The sentence fills the slot with the claim's own name: the negation is contradicted.
    assert contradicted("He was not born in London.", "He was born in London in 1960.")
    assert contradicted("She does not live in Paris.", "She lives in Paris with her husband.")


def test_a_denied_figure_is_not_contradicted_by_another_figure() -> None:
    claim = "The album was not released in 1990."
    assert verify(claim, "The album was released in 1991, a year after the 1990 sessions.").mismatches == []
    assert contradicted("The album was released in 1990.", "The album was released in 1991, a year after the 1990 sessions.")
    # A negation that bounds the figure does not deny it.
    assert contradicted("The club had no more than 50 members.", "The club had 80 members in 1990.")


def test_a_sentence_that_denies_with_a_word_agrees_with_a_negated_claim() -> None:
    assert not contradicted("The song is not on the album.", "The song was omitted from the album.")
    assert not contradicted("The concert did not take place.", "The concert in the park was cancelled.")
    assert contradicted("The song is not on the album.", "The song is on the album.")
    # "The nearest X is … away": there is none here.
    assert not contradicted("The village has no railway station.",
                            "The nearest railway station is 5 km away in the next town.")
    assert contradicted("The village has no railway station.", "The village has a railway station on the main line.")
