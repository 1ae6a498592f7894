"""Numbers written in other conventions are the same numbers: the decimal middle dot ("12·4%",
The Lancet's style) and thin or no-break spaces between thousands ("23 000")."""

from __future__ import annotations

from citecheck import verify
from citecheck.claims import extract_quantities
from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import vocabulary

SOURCE = "The estimated secondary attack rate among household contacts in Guangzhou was 12·4% (95% CI 9·8-15·4)."


def absent(claim: str, source: str) -> list[str]:
    return [d.text for d in absent_details(claim, vocabulary(source), quantities=extract_quantities(claim), dates=[])]


def test_a_middle_dot_decimal_is_the_same_figure():
    v = verify("The household secondary attack rate was 12.4% in Guangzhou.", SOURCE)
    assert v.verdict == "supported", v.reason
    assert v.mismatches == []
    assert [q.value for q in extract_quantities("a rate of 12·4%")] == [12.4]


def test_a_changed_middle_dot_decimal_is_still_a_mismatch():
    v = verify("The household secondary attack rate was 13.4% in Guangzhou.", SOURCE)
    assert v.verdict == "contradicted"
    assert [(m.rule, m.expected) for m in v.mismatches] == [("number-mismatch", "12·4%")]


def test_thousands_separated_by_thin_or_no_break_spaces():
    for space in ("\u202f", "\u2009", "\u00a0"):
        assert absent("It had 23,000 inhabitants.", f"It had 23{space}000 inhabitants.") == []
    assert absent("It had 24,000 inhabitants.", "It had 23\u00a0000 inhabitants.") == ["24,000"]
    assert absent("The rate was 12.5%.", SOURCE) == ["12.5%"]


def test_a_scale_word_with_no_count_is_no_figure():
    # A name or a shout, not a number: nothing to compare and nothing to call absent.
    for text in ("The Hundred Years' War ended in 1453.", "Thousand Oaks is a city in California.",
                 "Profits reached BILLION-dollar levels.", "The Million Man March took place in Washington."):
        assert [q for q in extract_quantities(text) if not q.is_year] == [], text
    # Counted by a number word or an article, it is one.
    assert [q.value for q in extract_quantities("A billion people watched it.")] == [1e9]
    assert [q.value for q in extract_quantities("Two hundred men and a hundred horses left.")] == [200, 100]
    assert [q.value for q in extract_quantities("He bought two dozen eggs.")] == [24]


def test_a_source_states_the_numbers_it_writes_in_words_as_a_claim_reads_them():
    # The source side reads number words with the claim's own reader: a claim copying the
    # source's words is never told they are absent.
    for words in ["one hundred twenty ships", "two hundred and fifty thousand people", "three dozen eggs",
                  "some two thousand five hundred delegates", "half a million visitors"]:
        claim = f"The port saw {words} in 1956."
        assert absent(claim, f"In 1956 the port saw {words}. Nobody counted again.") == [], words
    # ... and a count the source does not give is still absent.
    assert absent("The port saw two hundred and sixty thousand people.",
                  "The port saw two hundred and fifty thousand people.") == ["two hundred and sixty thousand"]


def test_number_words_are_read_piece_by_piece_between_sentence_punctuation():
    from citecheck.claims.quantities import word_quantity_values

    text = "It cost half a million. Then two hundred and fifty thousand; three dozen eggs\nand twenty-one."
    assert word_quantity_values(text) == {500_000.0, 250_000.0, 36.0, 21.0}
    # A number in words never runs across a full stop: "five. Hundred" is five, not 500.
    assert word_quantity_values("They were five. Hundred more came later.") == {5.0}


def test_a_figure_with_a_scale_word_states_its_value_on_the_source_side_too():
    # Found by checking generated texts against themselves: the claim reads "3 hundred" as 300
    # and ".5 million" as 500,000, so the source must state them when it writes them.
    for words in ["3 hundred soldiers", "$.5 million", ".5 million people", "$.5m"]:
        assert absent(f"They counted {words} in 1956.", f"In 1956 they counted {words}.") == [], words
    assert absent("They counted $.6 million.", "They counted $.5 million.") == ["$.6 million"]
