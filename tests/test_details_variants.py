"""A detail is absent only when no form of it is in the source: number words with an article or a
fraction, fractions in words, compound ordinals, a figure's written precision, countries by name
or demonym, a country locating a place the source names, two-letter initialisms (evidence.details, vocabulary).
Each case has a twin whose source really lacks the detail."""

from __future__ import annotations

from citecheck.claims import extract_dates, extract_quantities
from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import vocabulary


def absent(claim: str, source: str) -> list[str]:
    dates = extract_dates(claim)
    quantities = extract_quantities(claim, dates=dates)
    return [d.text for d in absent_details(claim, vocabulary(source), quantities=quantities, dates=dates)]


def test_a_scale_word_counted_by_an_article_or_a_fraction_states_its_value() -> None:
    assert vocabulary("The charity has now planted a million trees.").has_value(1e6)
    assert vocabulary("Half a million people marched on Sunday.").has_value(5e5)
    assert vocabulary("A quarter of a billion was spent on the bridge.").has_value(2.5e8)
    assert not vocabulary("Half a million people marched on Sunday.").has_value(1e6)
    assert absent("The charity has planted 1 million trees.", "The charity has now planted a million trees.") == []
    assert absent("The charity has planted 1 million trees.", "The charity has now planted many trees.") == ["1 million"]


def test_a_compound_ordinal_in_words_states_its_number() -> None:
    source = "The club celebrated its twenty-first season in the league with a parade."
    assert vocabulary(source).has_value(21)
    assert not vocabulary(source).has_value(22)
    assert absent("The club celebrated its 21st season in the league.", source) == []
    assert absent("The club celebrated its 22nd season in the league.", source) == ["22nd"]


def test_a_fraction_in_words_states_the_percentage() -> None:
    source = "Two-thirds of the members voted for the new rules in June."
    assert vocabulary(source).has_value(2 / 3)
    assert absent("Some 67% of the members voted for the new rules.", source) == []
    assert absent("Some 67% of the members voted for the new rules.", "A third of the members voted.") == ["67%"]
    assert absent("Some 33% of the members voted for the new rules.", "A third of the members voted.") == []


def test_a_figure_with_decimals_covers_what_rounds_to_it() -> None:
    source = "The survey counted 2,463,000 visitors to the park last year."
    assert absent("The park had 2.5 million visitors last year.", source) == []
    assert absent("The park had 2.46 million visitors last year.", source) == []
    # 2.4 million stands for 2.35–2.45 million; a whole number is taken as exact.
    assert absent("The park had 2.4 million visitors last year.", source) == ["2.4 million"]
    assert absent("The park had 2,500,000 visitors last year.", source) == ["2,500,000"]


def test_a_country_is_stated_by_its_demonym_and_the_other_way_round() -> None:
    assert absent("The Peruvian dam stands near the border.", "The new dam stands in the south of Peru.") == []
    assert absent("The dam in Peru stands near the border.", "The Peruvian dam stands near the border.") == []
    assert absent("The Peruvian dam stands near the border.", "The new dam stands in the south of Chile.") == ["Peruvian"]


def test_a_country_after_a_comma_locates_a_place_the_source_names() -> None:
    assert absent("The jazz festival is held every summer in Lyon, France.",
                  "The jazz festival is held every summer in Lyon.") == []
    assert absent("The jazz festival is held in Lyon, France, and draws large crowds.",
                  "The jazz festival is held every summer in Lyon.") == []
    # The place itself unstated: both are details.
    assert absent("The jazz festival is held every summer in Lyon, France.",
                  "The jazz festival is held every summer in Tarbes.") == ["Lyon", "France"]
    # A country that locates nothing (no comma after a stated place) is still a detail.
    assert absent("The jazz festival moved from Lyon to France.", "The jazz festival is held in Lyon.") == ["France"]
    # A list of countries, or of places, is not a place and where it is.
    assert absent("The tour went to Germany, France and Spain.", "The tour went to Germany.") == ["France", "Spain"]
    assert absent("The tour went to Lyon, France and Spain.", "The tour went to Lyon.") == ["France", "Spain"]
    assert absent("The tour went to Lyon, France, Italy.", "The tour went to Lyon.") == ["France", "Italy"]


def test_a_two_letter_initialism_stands_for_the_name_it_shortens() -> None:
    assert absent("The report was published by the UN in Geneva.",
                  "The report was published by the United Nations in Geneva.") == []
    assert absent("The report was published by the UN in Geneva.",
                  "The report was published by the agency in Geneva.") == ["UN"]


def test_a_group_of_islands_or_mountains_is_named_by_its_first_word_in_the_plural() -> None:
    assert absent("The Falkland Islands lie east of Argentina.", "The Falklands lie off the coast of Argentina.") == []
    assert absent("The Rocky Mountains run through Colorado.", "The Rockies run through Colorado.") == []
    # A spelling variant of the plural ("Faeroes" for "Faroes").
    assert absent("The Faroe Islands are part of Denmark.", "Since 1814 the Faeroes are part of Denmark.") == []
    # The word alone, or another word made from it, names no group.
    assert absent("The Cayman Islands are a British territory.",
                  "The Cayman economy is run from a British territory.") == ["Islands"]
    assert absent("The Faroe Islands are part of Denmark.", "The Faroese language is spoken in Denmark.") == ["Islands"]


def test_a_count_is_stated_by_a_list_of_that_many_kinds_before_the_noun() -> None:
    source = "Visitors enter the east and west wings through the great hall."
    assert absent("The museum has two wings.", source) == []
    assert absent("The museum has three wings.", source) == ["three"]
    assert absent("The novel came out in three editions.", "The French, German, and Italian editions sold well.") == []
    assert absent("She worked mostly in two genres.", "She wrote mostly in both the horror and comedy genres.") == []
    # A determiner or pronoun in the list names no kind: "the king and his sons" counts no sons.
    assert absent("The king had two sons.", "The king and his sons rode out at dawn.") == ["two"]


def test_a_country_written_in_two_or_three_capitals_is_stated_by_its_name() -> None:
    assert absent("The band moved to the UK in 1970.", "In 1970 the band moved to Britain.") == []
    assert absent("The band moved to the UK in 1970.", "In 1970 the band moved to France.") == ["UK"]


def test_a_count_and_a_half_states_its_value() -> None:
    assert absent("The firm employs 1.5 million people.", "The firm employs one and a half million people.") == []
    assert absent("The walk takes 2.5 hours.", "The walk takes two-and-a-half hours.") == []
    assert absent("The firm employs 2.5 million people.",
                  "The firm employs one and a half million people.") == ["2.5 million"]
