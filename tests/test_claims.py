"""claims.py: sentences, quantities, dates, quotations, worthiness and citation scope."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.claims import (
    HEDGE_TOLERANCE,
    MIN_CHECKABLE_QUOTE_WORDS,
    STRICT_HEDGES,
    claim_features,
    dates_compatible,
    extract_claims,
    extract_dates,
    extract_quantities,
    extract_quotations,
    quantity_matches,
    split_sentences,
    worthiness,
)
from citecheck.model import Block, Citation, DateMention, Document, Footnote, Link, Quantity

# --------------------------------------------------------------------------------- sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_split_keeps_abbreviations_inside_sentences() -> None:
    text = "According to this U.S. govt. source, Eisenhower agreed. Dr. Smith disagreed."
    assert sentences(text) == [
        "According to this U.S. govt. source, Eisenhower agreed.",
        "Dr. Smith disagreed.",
    ]


def test_split_does_not_break_page_locators() -> None:
    text = "See p. 418 for the count. The range is in pp. 418–20 of vol. 2 here. Next."
    assert sentences(text) == [
        "See p. 418 for the count.",
        "The range is in pp. 418–20 of vol. 2 here.",
        "Next.",
    ]


def test_split_attaches_a_trailing_parenthetical_citation() -> None:
    text = "Stalin died in 1953. (Freeze, 418) Khrushchev rose."
    assert sentences(text) == ["Stalin died in 1953. (Freeze, 418)", "Khrushchev rose."]


def test_split_after_a_latex_citation_before_the_full_stop() -> None:
    # issue 8: `\citep[p.~3]{key}.` did not end the sentence, so the next merged with it
    text = ("The council moved its offices to Leeds in 1902 \\citep[p.~3]{ellison}. "
            "The town had 20,000 people in 1890 \\citep{hall}.")
    assert sentences(text) == ["The council moved its offices to Leeds in 1902 \\citep[p.~3]{ellison}.",
                               "The town had 20,000 people in 1890 \\citep{hall}."]
    text = "It moved \\citep[see][p.~3]{ellison}. In 1902 the town grew."
    assert sentences(text) == ["It moved \\citep[see][p.~3]{ellison}.", "In 1902 the town grew."]


def test_split_after_a_pandoc_citation_before_the_full_stop() -> None:
    text = "He cited it [@key, p. 3]. 1890 was the year of the move."
    assert sentences(text) == ["He cited it [@key, p. 3].", "1890 was the year of the move."]
    text = "It moved (Ellison, p. 3). 1890 was the year."
    assert sentences(text) == ["It moved (Ellison, p. 3).", "1890 was the year."]


def test_split_keeps_initials_honorifics_and_name_abbreviations() -> None:
    # issue 8: "J. R. Hartley", "Warner Bros. Pictures" split sentences
    for text in ["The novel by J. R. Hartley was a hoax.", "Directed by Steven S. DeKnight, it ran for years.",
                 "It was made by Warner Bros. Pictures in 1999.", "He joined Warner Bros. Records in 1970.",
                 "He met Rev. Martin and Capt. Cook there.", "As W.E.B. Du Bois wrote, it was so.",
                 "The unit served under Lt. Col. Kimio Hisamatsu in 1960."]:
        assert sentences(text) == [text]
    # ... but such an abbreviation still ends a sentence before a word that opens one
    assert sentences("It was made by Metro-Goldwyn-Mayer Inc. The film flopped.") == [
        "It was made by Metro-Goldwyn-Mayer Inc.", "The film flopped."]
    assert sentences("It was bought by Acme Co. It closed in May.") == ["It was bought by Acme Co.", "It closed in May."]
    assert sentences("He took vitamin D. The doctor approved.") == ["He took vitamin D.", "The doctor approved."]


def test_split_offsets_are_exact_and_stripped() -> None:
    text = "  First one...  Second?\n\nThird sentence here.  "
    spans = split_sentences(text)
    for a, b in spans:
        assert text[a:b] == text[a:b].strip()
    assert [text[a:b] for a, b in spans][-1] == "Third sentence here."
    assert split_sentences("   \n ") == []


def test_split_keeps_a_semicolon_sentence_whole() -> None:
    text = "These tragedies were bound to catch up with Stalin; Khrushchev merely hastened it. Then."
    assert sentences(text)[0].endswith("hastened it.")


def test_split_many_paragraphs_is_the_paragraphs_split_one_by_one() -> None:
    paragraphs = [
        f"Paragraph {i} says p. {i} is cited; it goes on. Stalin died in 1953. (Freeze, {i}) It ended."
        for i in range(300)
    ]
    text = "\n\n".join(paragraphs)
    expected: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        expected += [(pos + a, pos + b) for a, b in split_sentences(para)]
        pos += len(para) + 2
    assert split_sentences(text) == expected
    assert len(expected) == 3 * 300


def test_split_gives_syntok_each_paragraph_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """syntok's own ``analyze`` pads every paragraph with ``offset`` spaces: quadratic on big texts."""
    from syntok.tokenizer import Tokenizer

    seen: list[tuple[int, int]] = []
    original = Tokenizer.tokenize

    def spy(self, text: str, base_offset: int = 0):
        seen.append((len(text), base_offset))
        return original(self, text, base_offset)

    monkeypatch.setattr(Tokenizer, "tokenize", spy)
    text = "\n\n".join(f"Sentence {i} here. And another one." for i in range(200))
    assert len(split_sentences(text)) == 400
    assert all(offset == 0 for _, offset in seen)
    assert sum(n for n, _ in seen) <= len(text)


def test_split_joins_a_long_run_of_semicolon_clauses() -> None:
    text = "; ".join(f"clause {i} of the list" for i in range(2000)) + ". Next one."
    assert sentences(text) == [text[: -len(" Next one.")], "Next one."]


def test_split_locator_check_on_a_long_sentence_sees_only_whole_words() -> None:
    long_start = "word " * 50
    assert len(sentences(long_start + "see ch. Two for more. Next.")) == 2  # "ch." joins
    assert len(sentences(long_start + "see Xch. Two for more.")) == 2  # "Xch." does not


# --------------------------------------------------------------------------------- quantities


def one(text: str) -> Quantity:
    found = [q for q in extract_quantities(text) if not q.is_year]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "hedge", "span"),
    [
        ("spelled out by some 26,000 words in the speech", 26000, "words", "some", "26,000"),
        ("some 26,000 angry words", 26000, "words", "some", "26,000"),
        ("about 1.5 million people", 1.5e6, "people", "about", "1.5 million"),
        ("a rise of 38% in turnout", 38, "%", None, "38%"),
        ("fell by 12 per cent last year", 12, "%", None, "12 per cent"),
        ("it cost $4.2 billion overall", 4.2e9, "$", None, "$4.2 billion"),
        ("twenty-six thousand words", 26000, "words", None, "twenty-six thousand"),
        ("a dozen delegates walked out", 12, "delegates", None, "a dozen"),
        ("three delegates spoke", 3, "delegates", None, "three"),
        ("two hundred and five men", 205, "men", None, "two hundred and five"),
        ("nearly 1,436 delegates", 1436, "delegates", "nearly", "1,436"),
        ("almost 40 hours", 40, "hours", "almost", "40"),
        ("over 300 pages", 300, "pages", "over", "300"),
        ("more than 20 hours", 20, "hours", "more than", "20"),
        ("at least 5 km away", 5, "km", "at least", "5"),
        ("fewer than 10 votes", 10, "votes", "fewer than", "10"),
        ("less than 3 hours", 3, "hours", "less than", "3"),
        ("under 50 members", 50, "members", "under", "50"),
        ("roughly 70 seats", 70, "seats", "roughly", "70"),
        ("approximately 90 minutes", 90, "minutes", "approximately", "90"),
        ("up to 30 minutes", 30, "minutes", "up to", "30"),
        ("close to 400 people", 400, "people", "close to", "400"),
        ("an estimated 20 million deaths", 2e7, "deaths", "an estimated", "20 million"),
        ("around 7 days", 7, "days", "around", "7"),
    ],
)
def test_quantity_forms(text: str, value: float, unit: str | None, hedge: str | None, span: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.hedge == hedge
    assert q.text == span
    assert text[q.start:q.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "When the 20th Party Congress convened",
        "the twentieth congress",
        "A new era urged a retreat (Freeze, 418).",
        "as argued in (Freeze 2009, 418) and elsewhere",
        "see p. 418 and pp. 12-14",
        "chapter 3, vol. 2, fig. 7",
        "the attacks of 9/11",
        "at 10:30 in the morning",
        "no one knew what one of them meant",
        "the 1950s and the 1950’s",
        "section 2.3.1 says",
    ],
)
def test_not_quantities(text: str) -> None:
    assert [q for q in extract_quantities(text) if not q.is_year] == []


def test_numbered_list_markers_are_skipped() -> None:
    text = "1. First point with 40 hours\n2) Second point"
    assert [(q.value, q.unit) for q in extract_quantities(text)] == [(40, "hours")]


def test_years_are_marked_and_also_dates() -> None:
    text = "In 1956 there were 1,436 delegates and 2000 people."
    qs = extract_quantities(text)
    assert [(q.value, q.is_year) for q in qs] == [(1956, True), (1436, False), (2000, False)]
    assert [d.year for d in extract_dates(text)] == [1956]


def test_date_parts_are_not_counts() -> None:
    qs = extract_quantities("Kirov was shot on 1 December 1934.")
    assert [(q.text, q.is_year) for q in qs] == [("1934", True)]


def test_numeric_range_and_negative() -> None:
    qs = extract_quantities("35-50 new bureaucracies at -5 degrees")
    assert [q.value for q in qs] == [35, 50, -5]
    assert qs[2].text == "-5"


def test_hedge_table_is_documented_and_consistent() -> None:
    from citecheck import claims

    for hedge, (low, high) in HEDGE_TOLERANCE.items():
        assert low <= 0 <= high
        assert hedge in (claims.__doc__ or "")
    assert STRICT_HEDGES <= set(HEDGE_TOLERANCE)


@pytest.mark.parametrize(
    ("claim", "source", "ok"),
    [
        ("1,436 delegates", 1436, True),
        ("1,436 delegates", 1536, False),
        ("26,000 words", 25600, False),  # a plain integer is exact
        ("some 26,000 words", 25600, True),
        ("some 26,000 words", 2000, False),
        ("some 26,000 words", 28500, True),
        ("some 26,000 words", 28700, False),
        ("1.5 million people", 1_523_000, True),  # rounding implied by a scale word
        ("1.5 million people", 1_580_000, False),
        ("38% of voters", 37.6, True),
        ("38% of voters", 36.9, False),
        ("nearly 40 hours", 38, True),
        ("nearly 40 hours", 40, True),
        ("nearly 40 hours", 41, False),
        ("nearly 40 hours", 30, False),
        ("over 300 pages", 301, True),
        ("over 300 pages", 300, False),
        ("more than 20 hours", 10, False),
        ("at least 5 km", 5, True),
        ("at least 5 km", 4.9, False),
        ("fewer than 10 votes", 9, True),
        ("fewer than 10 votes", 10, False),
        ("up to 30 minutes", 30, True),
        ("up to 30 minutes", 31, False),
        ("twenty-six thousand words", 26_400, True),
        ("three delegates", 3, True),
        ("three delegates", 4, False),
    ],
)
def test_quantity_matches(claim: str, source: float, ok: bool) -> None:
    assert quantity_matches(one(claim), source) is ok


def test_quantity_matches_infinite_bound_is_open() -> None:
    q = one("more than 20 hours")
    assert quantity_matches(q, 1e12)
    assert not math.isinf(q.value)


# --------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "span", "year", "year_end", "month", "day", "precision"),
    [
        ("on 25 February 1956 he spoke", "25 February 1956", 1956, None, 2, 25, "day"),
        ("on February 25, 1956 he spoke", "February 25, 1956", 1956, None, 2, 25, "day"),
        ("on December 24 1979 troops", "December 24 1979", 1979, None, 12, 24, "day"),
        ("Kirov was shot on 1 December 1934.", "1 December 1934", 1934, None, 12, 1, "day"),
        ("on 1st of December 1934", "1st of December 1934", 1934, None, 12, 1, "day"),
        ("on 1956-02-25 exactly", "1956-02-25", 1956, None, 2, 25, "day"),
        ("convened in February of 1956, the", "February of 1956", 1956, None, 2, None, "month"),
        ("in February 1956 the", "February 1956", 1956, None, 2, None, "month"),
        ("in Sept. 1939 war began", "Sept. 1939", 1939, None, 9, None, "month"),
        ("murdered in 1934 in Leningrad", "1934", 1934, None, None, None, "year"),
        ("the hysteria of the 1950’s should", "1950’s", 1950, 1959, None, None, "decade"),
        ("during the 1950's", "1950's", 1950, 1959, None, None, "decade"),
        ("in the 1950s", "1950s", 1950, 1959, None, None, "decade"),
        ("by late 1941 the", "late 1941", 1941, None, None, None, "part-of-year"),
        ("in early 1942", "early 1942", 1942, None, None, None, "part-of-year"),
        ("by mid-1943", "mid-1943", 1943, None, None, None, "part-of-year"),
        ("the summer of 1941", "the summer of 1941", 1941, None, None, None, "part-of-year"),
        ("the purges of 1936–38 killed", "1936–38", 1936, 1938, None, None, "range"),
        ("the purges of 1936-1938 killed", "1936-1938", 1936, 1938, None, None, "range"),
        ("from 1936 to 1938 the", "from 1936 to 1938", 1936, 1938, None, None, "range"),
        ("between 1936 and 1938 the", "between 1936 and 1938", 1936, 1938, None, None, "range"),
    ],
)
def test_date_forms(text: str, span: str, year: int, year_end: int | None, month: int | None,
                    day: int | None, precision: str) -> None:
    found = extract_dates(text)
    assert len(found) == 1, found
    d = found[0]
    assert (d.text, d.year, d.year_end, d.month, d.day, d.precision) == (span, year, year_end, month, day, precision)
    assert text[d.start:d.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "there were 1,436 delegates",
        "(Freeze, 418)",
        "see p. 1956",
        "the 20th Party Congress",
        "a total of 2000 people",  # a count, not a year
    ],
)
def test_not_dates(text: str) -> None:
    assert extract_dates(text) == []


def test_year_after_a_preposition_wins_over_a_following_noun() -> None:
    assert [d.text for d in extract_dates("by 1945 troops had gone")] == ["1945"]
    assert [(q.is_year, q.unit) for q in extract_quantities("by 1945 troops had gone")] == [(True, None)]


def test_impossible_day_and_verb_may() -> None:
    # the impossible day is dropped, the month stands
    assert [(d.text, d.precision) for d in extract_dates("31 February 1956 is no date")] == [
        ("February 1956", "month")
    ]
    # "may" as a verb is no month; the year stands alone
    assert [(d.text, d.precision) for d in extract_dates("he may 1956 be")] == [("1956", "year")]


def dm(text: str) -> DateMention:
    found = extract_dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("claim", "source", "ok"),
    [
        ("in 1956", "25 February 1956", True),
        ("in 1956", "25 February 1957", False),
        ("February 1956", "25 February 1956", True),
        ("February 1956", "25 March 1956", False),
        ("25 February 1956", "February 25, 1956", True),
        ("25 February 1956", "26 February 1956", False),
        ("25 February 1956", "in 1956", True),
        ("the 1950s", "in 1956", True),
        ("the 1950s", "in 1961", False),
        ("1936–38", "1937-1940", True),
        ("1936–38", "1939-1940", False),
        ("1936–38", "in 1938", True),
        ("late 1941", "1 December 1941", True),
        ("late 1941", "1 March 1941", False),
        ("1 December 1934", "1 December 1943", False),
    ],
)
def test_dates_compatible(claim: str, source: str, ok: bool) -> None:
    assert dates_compatible(dm(claim), dm(source)) is ok
    assert dates_compatible(dm(source), dm(claim)) is ok


# --------------------------------------------------------------------------------- quotations


def quotes(text: str) -> list[str]:
    found = extract_quotations(text)
    for q in found:
        assert text[q.start:q.end] == q.text
    return [q.text for q in found]


def test_curly_double_quote_with_ellipsis_and_sic() -> None:
    text = "He called it “a total triumph … of the will [sic]” in public."
    assert quotes(text) == ["a total triumph … of the will [sic]"]


def test_straight_double_quote_with_bracketed_insertion() -> None:
    text = 'Lenin wrote that "[Stalin] has unlimited authority..." in 1922.'
    assert quotes(text) == ["[Stalin] has unlimited authority..."]


def test_curly_single_quotes_and_apostrophes() -> None:
    text = "Stalin’s legacy in the 1950’s was ‘the cult of the individual’, not Lenin’s."
    assert quotes(text) == ["the cult of the individual"]


def test_apostrophes_alone_open_nothing() -> None:
    assert quotes("Khrushchev’s speech, the 1950’s, the delegates’ votes and Stalin's image") == []
    assert quotes("don't, it's and Stalin's") == []


def test_single_quotes_inside_double_quotes_are_part_of_it() -> None:
    text = "He said “they called it ‘the secret speech’ at once” then left."
    assert quotes(text) == ["they called it ‘the secret speech’ at once"]


def test_scare_quotes_are_kept_and_unclosed_quotes_dropped() -> None:
    assert quotes("the so-called “thaw” began") == ["thaw"]
    assert quotes("an “unclosed quotation runs on") == []


def test_min_checkable_quote_words_matches_the_quote_checker() -> None:
    assert MIN_CHECKABLE_QUOTE_WORDS == 3
    features = claim_features("He called it “a grave error” and left; the “thaw” began.")
    assert [q.text for q in features.quotations] == ["a grave error"]


def test_several_quotations() -> None:
    text = '"First one," he said, "and second one."'
    assert quotes(text) == ["First one,", "and second one."]


# --------------------------------------------------------------------------------- worthiness


def test_worthiness_orders_factual_over_opinion() -> None:
    factual = worthiness("Kirov was shot on 1 December 1934.")
    opinion = worthiness("These tragedies were bound to catch up with Stalin sooner or later.")
    assert 0.0 <= opinion < factual <= 1.0
    assert factual >= 0.5 > opinion


def test_worthiness_features_raise_the_score() -> None:
    base = worthiness("The meeting was long.")
    assert worthiness("The meeting lasted 40 hours.") > base
    assert worthiness("The meeting was long in February 1956.") > base
    assert worthiness("I think we should maybe try harder?") < base


# --------------------------------------------------------------------------------- claims and scope


def make_doc(text: str, blocks: list[tuple[str, int, int]] | None = None, **kw) -> Document:
    if blocks is None:
        blocks = []
        pos = 0
        for part in text.split("\n\n"):
            blocks.append(("paragraph", pos, pos + len(part)))
            pos += len(part) + 2
    return Document("essay.md", "text", source=text, text=text, offsets=list(range(len(text) + 1)),
                    blocks=[Block(k, a, b) for k, a, b in blocks], **kw)


def cite(text: str, marker: str, style: str = "mla", nth: int = 0) -> Citation:
    start = -1
    for _ in range(nth + 1):
        start = text.index(marker, start + 1)
    return Citation(style, marker, start, start + len(marker))


def test_claims_ids_text_spans_and_masked_locator() -> None:
    text = "A new era, spelled out by some 26,000 words, began (Freeze, 418). It ended."
    citations = [cite(text, "(Freeze, 418)")]
    claims = extract_claims(make_doc(text), citations)
    assert [c.id for c in claims] == ["c1", "c2"]
    first = claims[0]
    assert first.text == "A new era, spelled out by some 26,000 words, began (Freeze, 418)."
    assert first.span is not None and (first.span.start, first.span.line, first.span.column) == (0, 1, 1)
    assert [(q.value, q.unit, q.hedge) for q in first.quantities] == [(26000, "words", "some")]
    q = first.quantities[0]
    assert first.text[q.start:q.end] == "26,000"
    assert first.citations == [0]
    assert claims[1].citations == []  # the citation is not in the last sentence


def test_page_locator_citation_is_not_a_number() -> None:
    text = "The count is disputed (Freeze 2009, p. 418)."
    marker = "Freeze 2009, p. 418"
    claims = extract_claims(make_doc(text), [cite(text, marker, "author-date")])
    assert claims[0].quantities == [] and claims[0].dates == []


def test_last_sentence_citation_covers_uncited_earlier_sentences_that_continue_it() -> None:
    # "Stalin died" shares nothing with the congress sentence, and the sentence after it has its
    # own source: the paragraph's last citation does not cover it (issue 8, item 6).
    text = "Stalin died in 1953. Khrushchev rose (Smith, 2). The congress met in 1956 (Freeze, 418)."
    citations = [cite(text, "(Smith, 2)"), cite(text, "(Freeze, 418)")]
    claims = extract_claims(make_doc(text), citations)
    assert [c.citations for c in claims] == [[], [0], [1]]
    # the same content word, or a sentence that points back ("It", "The speech"), continues it
    text = ("The congress opened in February 1956. Khrushchev spoke on its last day. "
            "It was closed to the press. The congress heard 26,000 words (Freeze, 418).")
    claims = extract_claims(make_doc(text), [cite(text, "(Freeze, 418)")])
    assert [c.citations for c in claims] == [[0], [0], [0], [0]]


def test_a_short_fragment_goes_with_the_cited_sentence_after_it() -> None:
    # syntok cuts "Shout! Factory"; the fragment is no claim of its own
    text = "In 2017, Shout! Factory released a Blu-ray edition (Ellison 12)."
    claims = extract_claims(make_doc(text), [cite(text, "(Ellison 12)")])
    assert [c.citations for c in claims] == [[0]] * len(claims)


def test_last_sentence_citation_does_not_cover_the_authors_own_remarks() -> None:
    text = ("I find this remarkable. Was it planned? In my view the delegates knew. "
            "We should read it again. The congress heard the speech in 1956 (Freeze, 418).")
    claims = extract_claims(make_doc(text), [cite(text, "(Freeze, 418)")])
    assert [c.citations for c in claims] == [[], [], [], [], [0]]


def test_last_sentence_citation_skips_an_unrelated_fact() -> None:
    # a fact on another subject before the cited one: not covered, so claim-uncited can see it
    text = "The harbour silted up in 1890. Rates rose by 50% in 1956 (Ellison 12)."
    claims = extract_claims(make_doc(text), [cite(text, "(Ellison 12)")])
    assert [c.citations for c in claims] == [[], [0]]


def test_paragraph_without_citation_in_last_sentence() -> None:
    text = "Stalin died in 1953 (Freeze, 418). Khrushchev rose in 1955. It was sudden."
    claims = extract_claims(make_doc(text), [cite(text, "(Freeze, 418)")])
    assert [c.citations for c in claims] == [[0], [], []]


def test_scope_stays_inside_its_paragraph() -> None:
    text = "Stalin died in 1953.\n\nKhrushchev rose in 1955 (Freeze, 418)."
    claims = extract_claims(make_doc(text), [cite(text, "(Freeze, 418)")])
    assert [c.citations for c in claims] == [[], [0]]


def test_link_citation_covers_by_anchor() -> None:
    text = "Unfortunately it leaked. According to this source, Eisenhower agreed. It was 1956."
    anchor = "this source"
    c = cite(text, anchor, "link")
    c.url = "https://example.org"
    doc = make_doc(text, links=[Link("https://example.org", anchor, c.start, c.end)])
    claims = extract_claims(doc, [c])
    assert [x.citations for x in claims] == [[], [0], []]
    assert "this source" in claims[1].text


def test_footnote_citation_covers_where_its_marker_stands() -> None:
    body = "Stalin died in 1953. Khrushchev rose in 1955. It was sudden."
    note = "Freeze, Russia, 418."
    text = body + "\n\n" + note
    marker_at = body.index(" Khrushchev")  # the marker stood right after "1953."
    start = len(body) + 2
    doc = make_doc(text, blocks=[("paragraph", 0, len(body)), ("footnote", start, start + len(note))],
                   footnotes=[Footnote("1", start, start + len(note), refs=[(marker_at, marker_at + 4)],
                                       ref_positions=[marker_at])])
    citation = Citation("footnote", "Freeze, Russia, 418", start, start + len(note) - 1, footnote="1")
    claims = extract_claims(doc, [citation])
    assert [c.text for c in claims] == ["Stalin died in 1953.", "Khrushchev rose in 1955.", "It was sudden."]
    assert [c.citations for c in claims] == [[0], [], []]


def test_headings_footnotes_and_references_are_not_claims() -> None:
    text = "History in 1956\n\nThe congress met in 1956.\n\nFreeze, G. Russia. 2009."
    doc = make_doc(text, blocks=[("heading", 0, 15), ("paragraph", 17, 42), ("references", 44, len(text))])
    claims = extract_claims(doc, [])
    assert [c.text for c in claims] == ["The congress met in 1956."]
    assert claims[0].start == 17 and claims[0].dates[0].year == 1956


def test_list_items_and_quotes_are_claims() -> None:
    text = "Item with 40 hours.\nA quoted line from 1956."
    doc = make_doc(text, blocks=[("list_item", 0, 19), ("quote", 20, len(text))])
    assert [c.text for c in extract_claims(doc, [])] == ["Item with 40 hours.", "A quoted line from 1956."]


# --------------------------------------------------------------------------------- robustness


EXTRACTORS = [extract_quantities, extract_dates, extract_quotations]

_ALPHABET = st.sampled_from(list("abcXYZ 0123456789.,;:!?-–—'\"“”‘’()[]$%/\n") + [
    " 1956", " February", " some", " million", " p. ", " (Freeze, 418)", "twenty-six ", " a dozen",
    "’s", " the 1950s", "…", "[sic]", " 1936–38", " late", " over ", " per cent",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_extractors_never_crash_and_stay_in_bounds(text: str) -> None:
    for a, b in split_sentences(text):
        assert 0 <= a < b <= len(text)
    for extract in EXTRACTORS:
        for item in extract(text):
            assert 0 <= item.start <= item.end <= len(text)
            assert text[item.start:item.end] == item.text
    assert 0.0 <= worthiness(text) <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_extractors_survive_arbitrary_unicode(text: str) -> None:
    split_sentences(text)
    for extract in EXTRACTORS:
        for item in extract(text):
            assert 0 <= item.start <= item.end <= len(text)
    worthiness(text)


def test_five_hundred_numbers_in_one_sentence() -> None:
    text = "The counts were " + ", ".join(f"{i * 7 + 3} votes" for i in range(500)) + "."
    found = extract_quantities(text)
    assert 480 <= len(found) <= 500
    assert worthiness(text) > 0.5
    doc = make_doc(text)
    assert len(extract_claims(doc, [])) == 1
