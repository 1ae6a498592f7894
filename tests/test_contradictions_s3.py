"""Contradictions beyond figures (issue 8 item 3, session 3): a short source read whole, a
category denied against a kind of it, events of a life swapped on one date, "only" against "no
other", and a source file whose accents are decomposed. Each with the case that must stay
uncontradicted next to it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_contradictions_s2 import contradicted

import citecheck
from citecheck.evidence.contrast import SHORT_SOURCE, contrast_units, find_contrast
from citecheck.sources.extract import extract

# ---------------------------------------------------------------- a short source is read whole

def test_short_source_sentence_sharing_no_word_is_read() -> None:
    # The source's only sentence shares no content word with the claim, so no passage ranks; a
    # source of a few sentences is read whole, and a kind of the denied category contradicts it.
    source = "She is the lead singer and pianist of the folk band Quiet Harbour, which she founded in 2001."
    found = contradicted("Marta Olsen is not a musician.", source)
    assert found and found[0][1] == "not" and found[0][2] == "singer (no negation)"
    assert not contradicted("Marta Olsen is not a sculptor.", source)


def test_contrast_units_reads_a_short_source_whole_and_a_long_one_by_rank() -> None:
    assert contrast_units([2], 3) == [2, 0, 1]
    assert contrast_units([], SHORT_SOURCE) == list(range(SHORT_SOURCE))
    assert contrast_units([7, 1], SHORT_SOURCE + 10) == [7, 1]


# ---------------------------------------------------------------- a category denied

def test_denied_category_against_a_kind_of_it() -> None:
    source = "Dale Hewitt is the drummer of the Canadian band Tin Lanterns."
    assert contradicted("Dale Hewitt is not a musician.", source)
    # A kind is not stated by its category: "a musician" does not say "a drummer".
    general = "Dale Hewitt is a Canadian musician in the band Tin Lanterns."
    assert not contradicted("Dale Hewitt is not a drummer.", general)


def test_not_playing_an_instrument_against_its_player() -> None:
    source = "Dale Hewitt is the drummer of the Canadian band Tin Lanterns."
    assert contradicted("Dale Hewitt does not play drums.", source)
    assert not contradicted("Dale Hewitt does not play the violin.", source)


def test_sentence_negation_after_two_light_words() -> None:
    source = "Although he fronts the band Tin Lanterns, Dale Hewitt does not know how to play the drums."
    assert contradicted("Dale Hewitt plays the drums.", source)
    assert not contradicted("Dale Hewitt fronts the band Tin Lanterns.", source)


# ---------------------------------------------------------------- opposites

def test_plural_family_words_are_opposites_with_a_pronoun_subject() -> None:
    source = "He was survived by his second wife Marianne and three sons."
    assert contradicted("Johann Albers had only daughters.", source)
    assert not contradicted("Johann Albers had only sons.", source)


def test_another_life_event_on_the_same_date() -> None:
    source = "Lena Marsh (born 14 March 1971) is an English sprinter who won two Olympic medals."
    found = contradicted("Lena Marsh graduated on March 14th, 1971.", source)
    assert found and found[0][1] == "graduated" and found[0][2] == "born"
    assert not contradicted("Lena Marsh was born on March 14th, 1971.", source)
    # Another date: nothing to swap (the year differs, so no event of the sentence holds it).
    assert not [f for f in contradicted("Lena Marsh graduated in 1993.", source) if f[1] == "graduated"]


def test_only_known_as_agrees_with_no_other_name() -> None:
    source = "Amadou Keita (1790 - 1852), not known by any other name, was a Malian scholar and poet."
    assert not contradicted("Amadou Keita is only known as Amadou Keita.", source)
    assert contradicted("Amadou Keita is known as the Lion of Segou.", source)


def test_only_known_as_against_another_name() -> None:
    source = "Amadou Keita (1790 - 1852), known as The Lion of Segou, was a Malian scholar and poet."
    found = contradicted("Amadou Keita is only known as Amadou Keita.", source)
    assert found and found[0][2] == "The Lion of Segou"
    assert not contradicted("Amadou Keita is only known as The Lion of Segou.", source)


# ---------------------------------------------------------------- a decomposed source file

def test_a_source_file_with_decomposed_accents_is_read_composed(tmp_path: Path) -> None:
    source = "Núñez has modelled for Zara, Loewe and L'Oréal."
    (tmp_path / "page.txt").write_text(unicodedata.normalize("NFD", source), encoding="utf-8")
    (tmp_path / "references.bib").write_text("@misc{page,\n  file = {page.txt}\n}\n", encoding="utf-8")
    essay = tmp_path / "essay.md"
    essay.write_text("Penélope Núñez refused to model for L'Oréal [@page].\n", encoding="utf-8")
    report = citecheck.check([essay], offline=True)
    claim = report.documents[0].claims[0]
    assert claim.verdict == "contradicted", claim.reason
    assert claim.evidence and unicodedata.is_normalized("NFC", claim.evidence[0].text)


def test_a_plain_text_body_is_composed() -> None:
    body = unicodedata.normalize("NFD", "Núñez modelled for L'Oréal.").encode("utf-8")
    assert extract(body, "text/plain; charset=utf-8").text == "Núñez modelled for L'Oréal."


# ---------------------------------------------------------------- another agent, only one of two

def test_another_agent_after_the_same_verb_and_by() -> None:
    source = "Blue Lanterns is a song recorded by a choir of schoolchildren for the album Night Road (2011)."
    assert contradicted("Blue Lanterns was recorded by Nina Varga.", source)
    named = "Blue Lanterns is a song recorded by Hungarian singer Nina Varga for the album Night Road (2011)."
    assert contradicted("Blue Lanterns was recorded by penguins.", named)
    assert not contradicted("Blue Lanterns was recorded by Nina Varga.", named)
    # A word so general that the name may stand for it is no other agent.
    assert not contradicted("Blue Lanterns was recorded by a woman.", named)


def test_only_one_against_a_pair_joined_by_and() -> None:
    source = "Priya Menon (born 3 May 1970) is an Indian radio and television presenter."
    found = contradicted("Priya Menon only worked in television.", source)
    assert found and found[0][1] == "only"
    assert not contradicted("Priya Menon worked in television.", source)


def test_a_negation_does_not_reach_past_and() -> None:
    source = "The festival is remembered as a costly failure, raising both publicity and significant debts."
    assert contradicted("The festival raised no publicity and insignificant debts.", source)
    assert not contradicted("The festival raised no insignificant debts.", source)


def test_one_time_event_given_another_year() -> None:
    source = ("Ines Holm (born 3 April 1950) is a Danish painter who exhibits in Europe, after graduating "
              "from art school on 3 April 1971.")
    found = contradicted("Ines Holm was born on April 3rd, 1971.", source)
    assert found and found[0][1] == "1971" and found[0][2] == "1950"
    assert not contradicted("Ines Holm was born on April 3rd, 1950.", source)


def test_games_are_kinds_of_one_thing() -> None:
    source = "Tomas Reyes (born 9 June 1984) is a Chilean chess grandmaster who is currently ranked 40th."
    assert contradicted("Tomas Reyes is a poker player.", source)
    assert not contradicted("Tomas Reyes is a chess player.", source)


def test_lost_to_against_won_against() -> None:
    source = "In a rematch in February 2020, Fury won against Wilder by technical knockout in the seventh round."
    assert contradicted("In February 2020 Tyson Fury lost to Deontay Wilder in a rematch.", source)
    # The same outcome told from the other side is no contradiction.
    other_side = "In a rematch in February 2020, Wilder won against Fury by technical knockout in the seventh round."
    assert not contradicted("In February 2020 Tyson Fury lost to Deontay Wilder in a rematch.", other_side)


def test_something_other_than_is_a_negation() -> None:
    source = "Kadal (The Sea) is a 2013 Indian Tamil drama film directed by Mani Ratnam."
    assert contradicted("Kadal is something other than an Indian Tamil film.", source)
    assert not contradicted("Kadal is an Indian Tamil film.", source)
    assert not contradicted("Kadal is a film other than a documentary.", source)


# ---------------------------------------------------------------- properties

_WORDS = ["Fury", "Wilder", "Katy", "Perry", "Lena", "Marsh", "is", "was", "a", "an", "the", "not", "no", "only",
          "known", "as", "other", "than", "something", "and", "or", "by", "recorded", "produced", "born", "died",
          "graduated", "on", "in", "1971", "1950", "March", "14", "lost", "to", "beat", "won", "musician", "drummer",
          "play", "plays", "drums", "sons", "daughters", "poker", "chess", "player", "film", "television", "radio",
          "lack", "of", "insignificant", "considerable", "he", "she", "how", "know", "does", "any", "name", ","]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25), st.lists(st.sampled_from(_WORDS), max_size=25))
def test_a_sentence_never_contradicts_itself(words: list[str], other: list[str]) -> None:
    text = " ".join(words) + "."
    # Whatever the words, a claim read against its own text (alone, or with another sentence of a
    # short source) is no contradiction, and nothing raises.
    assert find_contrast(text, [text], source_words={w.lower() for w in words}) is None
    if other:
        sentence = " ".join(other) + "."
        find_contrast(text, [sentence, text], source_words={w.lower() for w in words + other})
