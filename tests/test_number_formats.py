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
