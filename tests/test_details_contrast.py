"""evidence.details (what a source never states), evidence.contrast (contradictions beyond
figures) and claims.measures (what a figure counts), unit by unit."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from citecheck import claims
from citecheck.claims.measures import counted_before, measure, shares
from citecheck.evidence.contrast import find_contrast
from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import american, vocabulary


def absent(claim: str, source: str) -> list[str]:
    dates = claims.extract_dates(claim)
    quantities = claims.extract_quantities(claim, dates=dates)
    return [d.text for d in absent_details(claim, vocabulary(source), quantities=quantities, dates=dates)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
@example("-1")  # a signed number: the source side reads it without its sign
@example("x -12,000.5 y")
@example("BILLION")  # a scale word with no count is no figure (claims.quantities)
@example("0.1A")  # a number glued to letters is not read again as its first digits ("0")
def test_a_text_states_everything_it_says(text: str) -> None:
    # Whatever the text, checked against itself nothing is absent (and nothing crashes).
    assert absent(text, text) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["The", "Royal", "Society", "of", "London", "gave", "1,200", "medals", "in",
                                 "May", "2018", ",", "Dr.", "J.", "R.", "Hartley", "(", ")", "“", "”"]),
                max_size=40))
def test_words_of_the_source_are_never_absent(words: list[str]) -> None:
    text = " ".join(words)
    assert absent(text, text + " and more.") == []


def test_names_figures_and_dates_absent_from_the_whole_source() -> None:
    source = "In 1964 Hodgkin won the Nobel Prize in Chemistry for her work on penicillin."
    found = absent("In 1964 Hodgkin won the Royal Society's gold medal, worth $3.2 billion, on 3 May 1965, "
                   "with a foreword by Mary Beard.", source)
    assert found == ["Royal Society's", "$3.2 billion", "3", "May", "1965", "Mary Beard"]


def test_variants_are_present() -> None:
    source = ("Sao Paulo's C.B.E. holder said 1,200,000 people came by Nov. 10, 2018; the Canadian-born mayor "
              "was knighted; see avclub.com and the Faeroes.")
    claim = ("São Paulo's Commander of the Order of the British Empire said 1.2 million people came on "
             "November 10, 2018, to the A.V. Club near the Faroe; the mayor was born in Canada.")
    assert absent(claim, source) == []


def test_a_converted_figure_stands_with_its_partner() -> None:
    assert absent("The wall is 355 feet (108 m) long.", "The wall is 355 feet long.") == []


def test_british_and_american_spelling() -> None:
    assert american("colour") == "color" and american("organisation") == "organization"
    assert american("programme") == "program" and american("travelled") == "traveled"


def test_contrast_kinds() -> None:
    opposite = find_contrast("The club won the cup against Arsenal at Wembley.",
                             ["The club lost the cup to Arsenal at Wembley."])
    assert opposite is not None and (opposite.kind, opposite.found, opposite.expected) == ("opposite", "won", "lost")
    negation = find_contrast("Gin does not derive its flavour from juniper berries.",
                             ["Gin derives its flavour from juniper berries."])
    assert negation is not None and negation.kind == "negation" and negation.found == "not"
    claim = "Dreamer is a 2005 Canadian sports drama film."
    entity = find_contrast(claim, ["Dreamer is a 2005 American sports drama film."],
                           [(claim.index("Canadian"), claim.index("Canadian") + len("Canadian"))])
    assert entity is not None and (entity.found, entity.expected) == ("Canadian", "American")


def test_no_contrast_for_paraphrase_or_other_topics() -> None:
    assert find_contrast("Gin takes its flavour from juniper berries.",
                         ["Gin derives its flavour from juniper berries."]) is None
    # The sentence says something else altogether: no contradiction, however negated.
    assert find_contrast("Neil Diamond is not a musician.",
                         ["Neil Diamond is an American football player."]) is None


def test_measures() -> None:
    town = claims.extract_quantities("The town had 45,000 inhabitants.")[0]
    people = claims.extract_quantities("a population of about 20,000 people")[0]
    assert measure(town)[0] == measure(people)[0] == "count:people"
    km = claims.extract_quantities("It is 2 kilometres long.")[0]
    metres = claims.extract_quantities("It is 2,000 metres long.")[0]
    assert measure(km) == measure(metres) == ("length", 2000.0)
    text = "The town had a population of about 20,000"
    assert counted_before(text, text.index("20,000")) == "population"
    assert [q.value for q in shares("half of the voters and one in four members")] == [50.0, 25.0]
