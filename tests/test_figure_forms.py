"""Figures a source states in another form are stated (issue 8, item 4): a claimed range against a
value inside it, durations in decades or centuries, and the names a disease and its virus go by.
Each case beside the one that must stay absent."""

from __future__ import annotations

from citecheck import verify
from citecheck.claims import extract_dates, extract_quantities
from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import vocabulary

ATTACK_RATE = "The estimated secondary attack rate among household contacts was 12·4% (95% CI 9·8-15·4)."


def absent(claim: str, source: str) -> list[str]:
    dates = extract_dates(claim)
    return [d.text for d in absent_details(claim, vocabulary(source), dates=dates,
                                           quantities=extract_quantities(claim, dates=dates))]


def test_a_range_of_percentages_holds_a_stated_percentage():
    assert absent("A sick person may infect 10-20% of the household.", ATTACK_RATE) == []
    assert absent("A sick person may infect between 10 and 20 percent of the household.", ATTACK_RATE) == []
    # no stated percentage inside the range: its ends are judged one by one
    assert absent("A sick person may infect 13-20% of the household.", ATTACK_RATE) == ["13", "20%"]
    # a number inside the range that is not a percentage does not state it
    assert absent("A sick person may infect 10-20% of the household.", "The study lasted 14 days.") == ["10", "20%"]


def test_a_range_of_large_figures_takes_its_scale_from_the_second_end():
    source = "About 3.8 million people live there."
    assert absent("Some 3–4 million people live there.", source) == []
    assert absent("Some 5-6 million people live there.", source) == ["5", "6 million"]
    # a range of small plain figures needs both ends
    assert absent("It lies 2 to 7 km away.", "It lies 3 km away.") == ["2", "7"]


def test_decades_and_centuries_are_years():
    source = "Alice Cooper has been an American singer, songwriter, and actor for three decades."
    assert absent("Alice Cooper has been working in his field for 30 years.", source) == []
    assert absent("Alice Cooper has been working in his field for 40 years.", source) == ["40"]
    assert absent("The firm has traded for two centuries.", "The firm has traded for 200 years.") == []
    assert absent("The firm has traded for half a century.", "The firm has traded for 50 years.") == []
    assert absent("The firm has traded for 50 years.", "The firm has traded for half a century.") == []
    assert absent("The firm has traded for 60 years.", "The firm has traded for half a century.") == ["60"]


def test_a_disease_and_its_virus_are_one_referent():
    paper = "We detected viral RNA in respiratory specimens of patients infected with SARS-CoV-2."
    v = verify("Scientists found that a PCR method detects virus RNA in respiratory specimens from COVID-19 "
               "patients.", "A PCR assay was developed. " + paper)
    assert not [m for m in v.mismatches if m.rule == "claim-partly-supported"], v.mismatches
    assert absent("Half of adults are at risk if infected with SARS-CoV-2.",
                  "Half of adults are at risk of complications from COVID-19.") == []
    # another virus does not state it
    assert absent("Half of adults are at risk if infected with SARS-CoV-2.",
                  "Half of adults are at risk of complications from MERS.") == ["SARS-CoV", "2"]


def test_days_listed_before_their_month_and_a_month_between_hyphens():
    claim = "The album was released on September 5, 2019."
    for form in ("5 and 6 September 2019", "4, 5 and 6 September 2019", "5th and 6th of September 2019", "5-Sep-2019"):
        assert absent(claim, f"The album came out {form} on the label.") == [], form
    for form in ("4 and 6 September 2019", "6-Sep-2019"):
        assert absent(claim, f"The album came out {form} on the label.") == ["5"], form


def test_an_acronym_of_a_name_the_source_spells_out_is_stated():
    assert absent("He worked for NASA for ten years.",
                  "He worked for the National Aeronautics and Space Administration for ten years.") == []
    assert absent("He joined the IIHF in 1990.", "He joined the International Ice Hockey Federation in 1990.") == []
    assert absent("He joined the DOT in 1990.", "He joined the Department of Transportation in 1990.") == []
    assert absent("Several NGOs came.", "Several Non Governmental Organizations came.") == []
    # initials of only part of a name, of words that are not a name, or across punctuation do not
    # state it
    assert absent("She studied at UCLA.", "She studied at the University of California.") == ["UCLA"]
    assert absent("He joined the ABC.", "He joined the American broadcasting company.") == ["ABC"]
    assert absent("He sued SJL.", "He sued Smith, Jones Ltd.") == ["SJL"]


def test_a_name_word_written_in_full_or_abbreviated_is_stated():
    assert absent("He moved to Saint Louis.", "He moved to St. Louis.") == []
    assert absent("It was released by Warner Bros. Pictures.", "It was released by Warner Brothers Pictures.") == []
    assert absent("It was released by Warner Brothers Pictures.", "It was released by Warner Bros. Pictures.") == []
    assert absent("He moved to Saint Louis.", "He moved to Louisville.") == ["Saint"]


MEASLES = ("Measles cases and outbreaks. In 2019, the United States reported 1,282 individual cases of measles "
           "in 31 states. This was the greatest number of cases reported in the U.S. since 1992.")


def test_a_date_the_claim_states_for_something_else_is_not_the_events_other_date():
    # A student's "in 2019, the most since 1992": 1992 stands in the source's next sentence, and the
    # sentence about the cases dates them 2019, which the claim also says. That was a date-mismatch
    # ("essay: 1992; source: 2019") and a contradicted claim: 16 points off in the grade.
    result = verify("The United States reported 1,282 cases of measles in 2019, the most since 1992.", MEASLES)
    assert result.verdict == "supported" and result.mismatches == []
    # The wrong year is still wrong, against the year the source gives it, not the claim's other date.
    result = verify("The United States reported 1,282 cases of measles in 2019, the most since 1995.", MEASLES)
    assert [(m.rule, m.expected, m.found) for m in result.mismatches] == [("date-mismatch", "1992", "1995")]
    result = verify("The United States reported 1,282 cases of measles in 2018, the most since 1992.", MEASLES)
    assert ("date-mismatch", "2019", "2018") in [(m.rule, m.expected, m.found) for m in result.mismatches]
