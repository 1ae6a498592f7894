"""Contradictions beyond figures (issue 8 item 3, session 2): negations, opposites, dates that
differ in one part, another person in the same role or doing the same thing, another category.
Each through the pair API (``citecheck.verify``), which the CLI runs too; each with the case that
must stay uncontradicted next to it."""

from __future__ import annotations

from citecheck.claims import extract_dates
from citecheck.verification import verify


def contradicted(claim: str, source: str) -> list[tuple[str, str, str]]:
    v = verify(claim, source)
    out = [(m.rule, m.found, m.expected) for m in v.mismatches
           if m.rule in ("claim-contradicted", "date-mismatch", "number-mismatch")]
    assert (v.verdict == "contradicted") == bool(out), (v.verdict, v.mismatches)
    return out


# ---------------------------------------------------------------- negation

def test_negated_claim_against_the_plain_statement() -> None:
    source = "Genever is a spirit which derives its predominant flavour from juniper berries."
    assert contradicted("Genever does not derive its main flavour from juniper berries.", source)
    assert not contradicted("Genever does not derive its main flavour from cranberries.", source)
    # "not currently" against the past is no contradiction; against the present it is.
    source = "Between 1035 and 1814, the Faeroes were part of the Hereditary Kingdom of Norway."
    assert not contradicted("The Faroe Islands are not currently part of the Hereditary Kingdom of Norway.", source)
    present = "Since 1035, the Faeroes are part of the Hereditary Kingdom of Norway."
    assert contradicted("The Faroe Islands are not part of the Hereditary Kingdom of Norway.", present)


def test_sentence_negation_after_a_light_verb() -> None:
    source = ("Singh was a charismatic socialist revolutionary whose acts of violence did not make him "
              "a folk hero of the independence movement.")
    assert contradicted("Singh was a folk hero of the independence movement.", source)
    only = ("Singh was not only a revolutionary but a folk hero of the independence movement.")
    assert not contradicted("Singh was a folk hero of the independence movement.", only)


def test_pronoun_subject_counts_as_the_claims_subject() -> None:
    source = "She has appeared on the cover of fashion magazines such as Vogue and Elle."
    assert contradicted("Ashley Graham was never on a magazine cover.", source)
    assert not contradicted("Ashley Graham was on a magazine cover.", source)


def test_declined_to_is_a_refusal() -> None:
    source = "Cruz has modelled for Mango and Ralph Lauren, but declined to model for Chanel."
    assert contradicted("Cruz agreed to model for Chanel.", source) or \
        contradicted("Cruz modelled for Chanel.", source)


# ---------------------------------------------------------------- opposites

def test_opposite_verbs_aligned_by_a_shared_year() -> None:
    source = "The Harbour Cafe is a seafood restaurant in Leith, Scotland, opened in 2004."
    assert contradicted("The Harbour Cafe closed in 2004.", source)
    assert not contradicted("The Harbour Cafe opened in 2004.", source)


def test_different_ordinals_in_the_same_slot() -> None:
    source = "Kissing Song is a song recorded by the singer Kay Parry for her second studio album."
    assert contradicted("Kissing Song is part of Kay Parry's first studio album.", source)
    assert not contradicted("Kissing Song is part of Kay Parry's second studio album.", source)


# ---------------------------------------------------------------- dates

def test_same_day_and_month_with_another_year() -> None:
    source = "Christopher Kyle (April 8, 1974 - February 2, 2014) was a Navy sniper."
    assert ("date-mismatch", "February 2, 2013", "February 2, 2014") in contradicted(
        "On February 2, 2013, Chris Kyle died.", source)
    assert not contradicted("On February 2, 2014, Chris Kyle died.", source)


def test_year_in_the_claims_slot() -> None:
    source = "Private Lives is a 1930 comedy of manners in three acts by Noel Coward."
    assert contradicted("Private Lives is a 1940 comedy in three acts by Noel Coward.", source)
    assert not contradicted("Private Lives is a 1930 comedy in three acts by Noel Coward.", source)


def test_month_without_year_against_the_events_date() -> None:
    source = "Danielle Cormack (born 26 December 1970) is a stage and screen actress from New Zealand."
    assert contradicted("Danielle Cormack was born in May.", source)
    assert not contradicted("Danielle Cormack was born in December.", source)


def test_decade_in_words() -> None:
    assert [d.year for d in extract_dates("He was born in the fifties.")] == [1950]
    assert extract_dates("Temperatures were in the forties all week.") == []
    source = "Carlos Santana (born July 20, 1947) is a Mexican and American musician."
    assert contradicted("Carlos Santana was born in the fifties.", source)
    assert not contradicted("Carlos Santana was born in the forties.", source)


# ---------------------------------------------------------------- another name in the same place

def test_same_role_another_name() -> None:
    source = ("Sculptor Gutzon Borglum created the sculpture's design and oversaw the project's execution "
              "with the help of his son.")
    found = contradicted("Mount Rushmore's sculpture was created by sculptor Tom Brady.", source)
    assert any(f[1] == "Tom Brady" and f[2] == "Gutzon Borglum" for f in found), found
    assert not contradicted("Mount Rushmore's sculpture was created by sculptor Gutzon Borglum.", source)


def test_another_agent_of_the_same_verb() -> None:
    source = ("Soul Food is a 1997 American comedy-drama film produced by Kenneth Edmonds, Tracey Edmonds "
              "and Robert Teitel and released by Fox 2000 Pictures.")
    found = contradicted("Peter Jackson produced Soul Food.", source)
    assert found and "Robert Teitel" in found[0][2] and "released" not in found[0][2], found
    assert not contradicted("Robert Teitel produced Soul Food.", source)


def test_absent_name_of_several_words_is_one_slot() -> None:
    source = "Ibsen was present at the world premiere, which took place in 1891 at the Residenztheater in Munich."
    found = contradicted("The world premiere took place at the Battle of Hastings.", source)
    assert any(f[1] == "Battle of Hastings" for f in found), found


# ---------------------------------------------------------------- another category

def test_another_category_for_the_same_subject() -> None:
    source = "Seo Ju-hyun, known professionally as Seohyun, is a South Korean singer and actress."
    assert contradicted("Seohyun is a dog.", source)
    assert not contradicted("Seohyun is a singer.", source)
    # A word inside a longer one, a word for the same category, a general word: no contradiction.
    assert not contradicted("Kenneth Lonergan is a writer.",
                            "Kenneth Lonergan is an American playwright, screenwriter, and director.")
    assert not contradicted("The Mod Squad is an American movie.", "The Mod Squad is an American film.")
    assert not contradicted("Basildon is a place.", "Basildon is the largest town in the county of Essex.")
    # The sentence's copula must be its own, about the claim's subject.
    assert not contradicted("Lady Amelia is the younger sister of Edward.",
                            "Her parents are George Windsor and Sylvana Tomaselli, who is a historian.")
    # A general or proper noun in the source may name the claim's category.
    assert not contradicted("Basildon is a song.", "Basildon is the latest hit of the band.")


def test_nationality_and_a_particular_kind_of_a_general_noun() -> None:
    source = "Michael Vick (born June 26, 1980) is a former American football quarterback."
    assert contradicted("Michael Vick is only Armenian.", source)
    assert not contradicted("Michael Vick is an American.", source)
    poker = "Colin Kaepernick (born November 3, 1987) is an American poker player."
    assert contradicted("Colin Kaepernick is a football player.", poker)
    assert not contradicted("Colin Kaepernick is a poker player.", poker)
    # Adjectives joined by "and", a place after "within": the noun is the sentence's.
    santana = "Carlos Santana (born July 20, 1947) is a Mexican and American musician who became famous."
    assert contradicted("Carlos Santana is a US president.", santana)
    bahamas = "The Bahamas, known officially as the Commonwealth, is an archipelagic state within the Lucayan Archipelago."
    assert contradicted("The Bahamas is a city.", bahamas)


def test_title_whose_last_word_differs() -> None:
    source = ("Kissing Song is a song recorded by the singer Kay Parry for her second studio album, "
              "One of the Girls (2008).")
    found = contradicted("The album One of the Boys contains Kissing Song.", source)
    assert any(f[1] == "Boys" and f[2] == "Girls" for f in found), found
    # The same words before another person's title are no contradiction.
    cousins = ("She is a cousin of Prince William. Her grandfather's brother is Edward, Duke of Kent, "
               "and her father is the Earl of St Andrews.")
    assert not [f for f in contradicted("She is a cousin of Prince William and Prince Harry, Duke of Sussex.",
                                        cousins) if f[1] == "Sussex"]


def test_a_refusal_reported_as_the_sources_words() -> None:
    source = "Cruz has modelled for Mango and Ralph Lauren, but declined to model for Chanel."
    found = contradicted("Penelope Cruz modelled for Chanel.", source)
    assert found and found[0][2].startswith("declined"), found


def test_another_kind_of_the_same_thing() -> None:
    source = ("The Champions League is an annual continental competition organized for the top football clubs "
              "in North America, Central America and the Caribbean.")
    found = contradicted("The Champions League is organized for the basketball clubs of Central America.", source)
    assert found and found[0][1:] == ("basketball", "football"), found
    assert not contradicted("The Champions League is organized for the football clubs of Central America.", source)
    # Negated, the other kind agrees: "not a rock album" / "a blues album".
    album = "Meteora is the second studio album by the blues guitarist and singer Buddy Guy."
    assert not contradicted("Meteora is not a rock album.", album)
    # A title written with a capital is still a category: "a US President" is no musician.
    president = "Carlos Santana (born July 20, 1947) is a US President who became famous in the late 1960s."
    assert contradicted("Carlos Santana is a musician.", president)


def test_a_beginning_against_the_start_of_the_period() -> None:
    source = "The film was shot in India, London and Switzerland, from January 1994 to August 1995."
    # The claim's title is not in the sentence: the passage holds too few of its other words for
    # the event rule; "began" points at the start of the sentence's period.
    found = contradicted("Mera Dil Tera Ghar began filming in September 1994.", source)
    assert ("date-mismatch", "September 1994", "January 1994") in found, found
    assert not [f for f in contradicted("Mera Dil Tera Ghar began filming in January 1994.", source)
                if f[0] == "date-mismatch"]
