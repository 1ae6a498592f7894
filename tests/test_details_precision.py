"""Absent details that a source states in another form are not absent (precision of
claim-partly-supported): a name shortened to its family name or head, a demonym for its place."""

from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import vocabulary


def absent(claim: str, source: str) -> list[str]:
    return [d.text for d in absent_details(claim, vocabulary(source), quantities=[], dates=[])]


def test_given_name_before_a_family_name_the_source_uses() -> None:
    source = "Her government's policies, which Thatcher defended, came to be known as Thatcherism."
    assert absent("Policies implemented by Margaret Thatcher came to be known as Thatcherism.", source) == []


def test_another_given_name_before_that_family_name_is_still_absent() -> None:
    source = "The sculptor Gutzon Borglum designed it, helped by his son, Lincoln Borglum."
    assert absent("It was designed by the sculptor Tom Borglum.", source) == ["Tom"]


def test_qualifier_before_a_place_is_still_absent() -> None:
    source = "The club was founded in Cardiff by local players."
    assert absent("The club was founded in North Cardiff by local players.", source) == ["North"]
    assert absent("The club was founded in New Cardiff by local players.", source) == ["New"]


def test_head_absent_keeps_the_whole_name() -> None:
    source = "The museum was opened by Mary Smith."
    assert absent("The museum was opened by Mary Beard.", source) == ["Beard"]


def test_demonym_and_its_place() -> None:
    assert absent("She was a chemist who worked in Britain.", "She was a British chemist.") == []
    assert absent("The French chemist moved in 1990.", "He moved to France in 1990.") == []
    assert absent("He moved to France in 1990.", "The French chemist moved in 1990.") == []
    assert absent("The Norwegian explorer sailed north.", "The explorer from Norway sailed north.") == []
    assert absent("The American senator spoke.", "The U.S. senator spoke.") == []


def test_other_nationalities_stay_absent() -> None:
    assert absent("The Canadian chemist moved in 1990.", "The American chemist moved in 1990.") == ["Canadian"]
    assert absent("The Spanish chemist moved in 1990.", "He moved to France in 1990.") == ["Spanish"]


def test_identifier_written_together_or_apart() -> None:
    source = "Models of COVID19 deaths rest on little data."
    assert absent("Models of COVID-19 deaths rest on little data.", source) == []
    assert absent("The F-16 flew.", "The F16 flew.") == []
    # Another number in the same identifier is absent.
    assert absent("The F-35 flew.", "The F-16 flew.") == ["35"]


def test_a_figure_in_words_with_its_scale_is_stated() -> None:
    from citecheck.claims import extract_quantities

    def absent_q(claim: str, source: str) -> list[str]:
        return [d.text for d in absent_details(claim, vocabulary(source), quantities=extract_quantities(claim),
                                               dates=[])]

    source = "The reform freed some twenty-three million people; five thousand more were freed later."
    assert absent_q("The reform freed 23 million people.", source) == []
    assert absent_q("Another 5,000 were freed later.", source) == []
    assert absent_q("The reform freed 24 million people.", source) == ["24 million"]


def test_a_decimal_without_its_leading_zero_is_stated() -> None:
    from citecheck.claims import extract_quantities

    for text in (".0", "a rate of .5 per cent", "grew by .25"):
        assert [d.text for d in absent_details(text, vocabulary(text), quantities=extract_quantities(text),
                                               dates=[])] == []
