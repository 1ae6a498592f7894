"""Passages, ranking and the pair-level verify() of citecheck.evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import evidence
from citecheck.evidence import (
    figures,
    match_quotation,
    passages,
    rank_passages,
    ranking,
    split_passages,
    terms,
    verify,
)
from citecheck.model import Source

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"
HARBOUR = (FIXTURES / "harbour-council.txt").read_text(encoding="utf-8")
SHARED = Path(__file__).resolve().parents[2] / "shared"
KHRUSHCHEV = SHARED / "corpus" / "sources" / "khrushchev-1956-abridged.txt"
needs_shared = pytest.mark.skipif(not KHRUSHCHEV.exists(), reason="../shared corpus not present")


def harbour(**kwargs: object) -> Source:
    return Source(id="harbour", text=HARBOUR, status="file", **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def khrushchev() -> Source:
    return Source(id="khrushchev1956", url="https://example.org/speech", status="live",
                  text=KHRUSHCHEV.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- passages


def test_split_passages_locations_and_windows() -> None:
    passages = split_passages(harbour())
    assert passages[0].location == "¶ 1"
    assert passages[-1].location == "¶ 5"
    # a passage is a sentence with its neighbours: the second one spans the first three sentences
    assert passages[1].start == passages[0].start
    assert "upper room" in passages[1].text and "1,436 delegates" in passages[1].text
    assert all(p.deep_link is None for p in passages)  # a local file has no web address


def test_split_passages_pages() -> None:
    text = "First page sentence one. First page sentence two.\n\nSecond page sentence."
    source = Source(id="book", text=text, pages=[(0, 11), (text.index("Second"), 12)])
    assert [p.location for p in split_passages(source)] == ["p. 11", "p. 11", "p. 12"]


def test_deep_link_fragment_is_percent_encoded() -> None:
    passages = rank_passages("When was the lighthouse electrified?", harbour(url="https://example.org/h#top"))
    link = passages[0].deep_link
    assert link is not None and link.startswith("https://example.org/h#:~:text=")
    assert "#top" not in link
    assert "The%20lighthouse%20was%20electrified%20in%201931." in link
    long = evidence.deep_link("https://e.org/x", "one-two three four five six seven eight nine ten")
    assert long == "https://e.org/x#:~:text=one%2Dtwo%20three%20four%20five,seven%20eight%20nine%20ten"


def test_rank_passages_finds_the_paragraph() -> None:
    best = rank_passages("The storm wrecked the northern breakwater (Smith, 12).", harbour())[0]
    assert best.location == "¶ 4"
    assert 0.0 <= best.score <= 1.0


def test_rank_passages_empty() -> None:
    assert rank_passages("anything", Source(id="x", text="")) == []
    assert rank_passages("the of and", harbour()) == []


@needs_shared
def test_rank_passages_khrushchev(khrushchev: Source) -> None:
    best = rank_passages("Stalin knew the country and agriculture only from films", khrushchev, k=3)
    assert "only from films" in khrushchev.text[best[0].start:best[0].end]
    paragraphs = khrushchev.text.split("\n\n")
    expected = next(i for i, p in enumerate(paragraphs, 1) if "only from films" in p)
    assert best[0].location == f"¶ {expected}"


# ---------------------------------------------------------------- verify: numbers and dates


def test_verify_number_agrees() -> None:
    result = verify("The council counted 1,436 delegates at its first session.", HARBOUR)
    assert result.verdict == "supported"
    assert result.mismatches == []
    assert "1,436 delegates" in result.passages[0].text


def test_verify_number_disagrees() -> None:
    claim = "The council counted 1,536 delegates at its first session."
    result = verify(claim, HARBOUR)
    assert result.verdict == "contradicted"
    [m] = [m for m in result.mismatches if m.rule == "number-mismatch"]
    assert claim[m.start:m.end] == "1,536"
    assert m.expected == "1,436 delegates" and m.found == "1,536 delegates"


def test_verify_hedged_number_within_tolerance() -> None:
    result = verify("By 1925 the ferry carried about 50,000 passengers a year.", HARBOUR)
    assert not [m for m in result.mismatches if m.rule == "number-mismatch"]
    assert result.verdict == "supported"


def test_verify_hedged_number_beyond_tolerance() -> None:
    result = verify("By 1925 the ferry carried about 60,000 passengers a year.", HARBOUR)
    assert [m.rule for m in result.mismatches] == ["number-mismatch"]


def test_verify_date_agrees_and_less_precise_date_agrees() -> None:
    assert verify("The Harbour Council first met on 3 March 1921.", HARBOUR).mismatches == []
    assert verify("The Harbour Council first met in 1921.", HARBOUR).mismatches == []


def test_verify_date_disagrees() -> None:
    claim = "The Harbour Council first met on 3 March 1912 in the old customs house."
    result = verify(claim, HARBOUR)
    [m] = result.mismatches
    assert m.rule == "date-mismatch" and claim[m.start:m.end] == "3 March 1912"
    assert m.expected == "3 March 1921"
    assert result.verdict == "contradicted"


def test_verify_unrelated_figure_is_not_a_mismatch() -> None:
    # the passage about the ferry has no date of the same event: say nothing rather than guess
    result = verify("The ferry also sailed to the islands in 1950.", HARBOUR)
    assert not [m for m in result.mismatches if m.rule in ("date-mismatch", "number-mismatch")]


FIGHT = ("By Robert Sargent on February 22, 2011\n\n"
         "Two of the top female fighters will collide in a five-round title fight at Jackson's MMA "
         "Series 4 on April 9th in Albuquerque, New Mexico.\n\n"
         "Kaitlin Young will face veteran Julie Kedzie in the main event.")


def test_verify_yearless_date_in_the_source_is_not_a_mismatch() -> None:
    # "April 9th" (the year left to the dateline) backs "April 9, 2011"; the dateline's
    # "February 22, 2011" is not the same event
    claim = "Young faced Kedzie in a five-round title fight at Jackson's MMA Series 4 on April 9, 2011 in Albuquerque."
    result = verify(claim, FIGHT)
    assert result.verdict != "contradicted"
    assert not [m for m in result.mismatches if m.kind == "date"]


def test_verify_yearless_month_marks_only_the_missing_year() -> None:
    source = ("In August, a young singer accused Daniels of having drugged and raped him in 2010.\n\n"
              "A second accusation followed in October, when a student sued him over an alleged sexual assault.")
    claim = "A second student accused Daniels of sexual assault in October 2018."
    result = verify(claim, source)
    assert not [m for m in result.mismatches if m.rule == "date-mismatch"]
    assert [claim[m.start:m.end] for m in result.mismatches if m.kind == "date"] == ["2018"]
    assert result.mismatches[0].rule == "claim-partly-supported"


def test_verify_yearless_check_needs_the_same_day_and_no_year() -> None:
    source = "The newspaper printed the full text of the speech on June 4, 1956, a Monday."
    result = verify("The newspaper printed the full text of the speech on June 4, 1965.", source)
    assert [m.rule for m in result.mismatches] == ["date-mismatch"]
    assert figures._yearless_regex(6, 4).search("on June 4 in Washington")
    assert not figures._yearless_regex(6, 4).search("on June 14 in Washington")
    assert not figures._yearless_regex(6, 4).search("on June 4, 1956")
    assert not figures._yearless_regex(5, None).search("it may rain")  # the verb is not the month


def test_verify_name_missing_from_the_source_is_not_supported() -> None:
    source = ("The harbour council approved the new northern breakwater in a narrow vote.\n\n"
              "Work on the breakwater began the following spring.")
    ok = verify("The harbour council approved the new northern breakwater in a narrow vote.", source)
    assert ok.verdict == "supported"
    claim = "The harbour council approved the new northern breakwater designed by Abernethy in a narrow vote."
    result = verify(claim, source)
    assert result.verdict == "partially_supported"
    assert "'Abernethy'" in result.reason
    # the sentence's first word and initials are not names
    assert terms._claim_names("Finishing the wall, J. Abernethy left") == {"abernethy": "Abernethy"}


def test_verify_supported_needs_the_rare_words() -> None:
    # idf-weighted coverage: the claim's rare word ("dredged") missing weighs more than a common one
    paragraphs = ["The harbour was busy in the summer."] * 8 + ["The harbour was dredged in the spring."]
    source = "\n\n".join(paragraphs)
    idx = passages._index(Source(id="h", text=source))
    uid = next(i for i, (s, e) in enumerate(idx.units) if "dredged" in source[s:e])
    busy = next(i for i, (s, e) in enumerate(idx.units) if "busy" in source[s:e])
    claim = "The harbour was dredged in the summer."
    assert ranking._weighted_union_coverage(idx, claim, [uid]) > ranking._weighted_union_coverage(idx, claim, [busy])


def test_verify_citation_markers_are_ignored() -> None:
    for claim in ("The lighthouse was electrified in 1931 (Ellery, 44).",
                  "The lighthouse was electrified in 1931 [@ellery1950, p. 44].",
                  "The lighthouse was electrified in 1931 \\cite[p.~44]{ellery1950}."):
        result = verify(claim, HARBOUR)
        assert result.verdict == "supported", claim
        assert result.mismatches == [], claim


def test_verify_unsupported_claim() -> None:
    result = verify("The CIA funded a secret submarine base under the cathedral.", HARBOUR)
    assert result.verdict == "unsupported"
    assert result.reason


def test_verify_empty_source_is_unverifiable() -> None:
    result = verify("The council met in 1921.", "")
    assert result.verdict == "unverifiable" and result.reason
    blank = verify("x", Source(id="book", text="  \n", reason="print book, no file"))
    assert blank.verdict == "unverifiable" and "print book" in blank.reason


def test_verify_large_source_and_many_numbers() -> None:
    # about 5 MB of text and a claim with 500 numbers: must finish (speed is measured in bench/)
    filler = "The guild kept its ledgers in the tower and counted its boats each spring. "
    paragraphs = [f"{filler * 3}In year {1000 + i % 900} the guild counted {i} boats." for i in range(20000)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 5_000_000
    source = Source(id="big", text=text)
    claim = "The guild counted " + ", ".join(str(n * 7) for n in range(500)) + " boats."
    result = verify(claim, source)
    assert result.verdict in ("supported", "partially_supported", "unsupported", "contradicted")
    assert rank_passages("the guild counted 19999 boats", source)[0].text.count("19999") == 1


# ---------------------------------------------------------------- quotations


def test_quote_exact_with_normalisation() -> None:
    quote = "A harbour that cannot pay for its own lamps will not keep its ships for long"
    assert match_quotation(quote, harbour()).status == "exact"
    curly = "a harbour that cannot pay for its own lamps … for long"
    assert match_quotation(curly, harbour()).status == "exact"
    bracket = "[the] harbour that cannot pay for its own lamps [sic] will not keep its ships"
    assert match_quotation(bracket, harbour()).status == "exact"


def test_quote_short_is_skipped() -> None:
    assert match_quotation("own lamps", harbour()).status == "skipped"


@needs_shared
def test_quote_khrushchev_exact(khrushchev: Source) -> None:
    q = "He knew the country and agriculture only from films."
    m = match_quotation(q, khrushchev)
    assert m.status == "exact" and m.passage is not None
    assert m.passage.deep_link and m.passage.deep_link.startswith("https://example.org/speech#:~:text=")


@needs_shared
def test_quote_khrushchev_ellipsis(khrushchev: Source) -> None:
    q = "Comrade Stalin accumulated in his hands immeasurable power ... with the required care"
    assert match_quotation(q, khrushchev).status == "exact"
    out_of_order = "with the required care ... Comrade Stalin accumulated in his hands immeasurable power"
    assert match_quotation(out_of_order, khrushchev).status != "exact"


@needs_shared
def test_quote_khrushchev_one_word_changed(khrushchev: Source) -> None:
    m = match_quotation("Comrade Stalin accumulated in his hands unlimited power", khrushchev)
    assert m.status == "altered" and not m.figures_changed
    assert "[-immeasurable-]" in m.diff and "{+unlimited+}" in m.diff


@needs_shared
def test_quote_khrushchev_year_changed(khrushchev: Source) -> None:
    m = match_quotation("The last time he visited a village was in January 1929", khrushchev)
    assert m.status == "altered" and m.figures_changed
    assert "[-1928-]" in m.diff and "{+1929+}" in m.diff


@needs_shared
def test_quote_khrushchev_not_found(khrushchev: Source) -> None:
    m = match_quotation("the party must always obey the general secretary without question", khrushchev)
    assert m.status == "absent"


@needs_shared
def test_verify_khrushchev_date(khrushchev: Source) -> None:
    good = verify("Stalin last visited a village in January 1928, when he went to Siberia.", khrushchev)
    assert good.mismatches == [] and good.verdict == "supported"
    bad = verify("Stalin last visited a village in January 1932, when he went to Siberia.", khrushchev)
    assert [m.rule for m in bad.mismatches] == ["date-mismatch"]
    assert bad.mismatches[0].expected == "January 1928"


def test_quoted_titles_are_not_checked_as_quotations() -> None:
    from citecheck.evidence import looks_like_title, match_quotation
    from citecheck.model import Source

    source = Source(id="s", text="The album was a tribute to the band, released in 2008 by Kerrang.")
    assert looks_like_title("Maiden Heaven: A Tribute to Iron Maiden")
    assert match_quotation("Maiden Heaven: A Tribute to Iron Maiden", source).status == "skipped"
    assert not looks_like_title("the album was a tribute to nobody at all")
    assert match_quotation("the album was a tribute to nobody at all", source).status in ("altered", "absent")
