"""Evidence a person can read (issue 8, item 8): the sentence or two that back or contradict a claim."""

from __future__ import annotations

from pathlib import Path

from citecheck.claims import extract_dates, extract_quantities, extract_quotations
from citecheck.evidence.shown import JOIN, SHOWN_CLOSE_MAX_CHARS, SHOWN_MAX_CHARS
from citecheck.model import Claim, Source
from citecheck.verification import verify, verify_claim

HARBOUR = (Path(__file__).parent / "fixtures" / "evidence" / "harbour-council.txt").read_text(encoding="utf-8")
SOURCE = Source(id="harbour", text=HARBOUR, status="file")


def _sentence_with(text: str) -> str:
    [sentence] = [s for p in HARBOUR.split("\n\n") for s in p.replace(". ", ".\n").split("\n") if text in s]
    return sentence.strip()


def test_first_passage_is_the_best_sentences_not_a_window() -> None:
    result = verify("The lighthouse was electrified in 1931.", SOURCE)
    first = result.passages[0]
    assert _sentence_with("electrified in 1931") in first.text
    # at most three sentences, and short: not the ~500-character window of the whole paragraph
    assert len(first.text) <= max(SHOWN_CLOSE_MAX_CHARS, 2 * len(_sentence_with("electrified in 1931")) + 200)
    assert first.text.count(". ") + first.text.count(JOIN) <= 3
    # the passages after it are single sentences, none repeating the first passage's best one
    assert all(p.text.count(". ") == 0 for p in result.passages[1:])


def test_two_places_of_a_page_are_shown_together() -> None:
    # the claim joins the first meeting (paragraph 1) and the delegates (paragraph 2)
    result = verify("The Harbour Council first met in 1921 and counted 1,436 delegates.", SOURCE)
    first = result.passages[0].text
    assert "3 March 1921" in first and "1,436 delegates" in first


def test_a_mismatch_shows_the_sentence_holding_the_sources_figure() -> None:
    text = "By 1925 the ferry carried some 70,000 passengers a year."
    claim = Claim(id="c1", text=text, start=0, end=len(text), quantities=extract_quantities(text),
                  dates=extract_dates(text), quotations=extract_quotations(text))
    result = verify_claim(claim, SOURCE)
    [mismatch] = [m for m in result.mismatches if m.rule == "number-mismatch"]
    assert mismatch.passage is not None
    assert mismatch.passage.text == _sentence_with("48,000 passengers")
    assert HARBOUR[mismatch.passage.start:mismatch.passage.end] == mismatch.passage.text


def test_a_date_mismatch_shows_the_sentence_with_the_sources_date() -> None:
    result = verify("The lighthouse was electrified in 1913.", SOURCE)
    [mismatch] = [m for m in result.mismatches if m.rule == "date-mismatch"]
    assert mismatch.passage is not None and mismatch.passage.text == _sentence_with("electrified in 1931")


def test_an_altered_quotation_shows_the_sentence_it_is_in() -> None:
    text = 'Ellery said "a harbour that cannot pay for its own lamps will not keep its boats for long."'
    claim = Claim(id="c1", text=text, start=0, end=len(text), quotations=extract_quotations(text))
    result = verify_claim(claim, SOURCE)
    [check] = result.quotes
    assert check.rule == "quote-altered" and check.match.passage is not None
    assert check.match.passage.text == _sentence_with("cannot pay for its own lamps")


# A web page as WiCE gives it: its title line, the same title as a heading, then the text.
WIZARDS = """Wizards Recall Sheldon McClellan From Rio Grande Valley | Wizards Today

## Wizards Recall Sheldon McClellan From Rio Grande Valley

Washington Wizards President Ernie Grunfeld announced today that rookie guard Sheldon McClellan has been \
recalled from the Rio Grande Valley Vipers of the NBA Development League.

McClellan appeared in three games with the Vipers and averaged 21.3 points per game.

The Wizards play the Boston Celtics on Friday night at Capital One Arena.
"""
WIZARDS_CLAIM = "Sheldon McClellan was recalled by the Wizards from the Rio Grande Valley Vipers a week later."


def test_a_heading_that_repeats_the_title_is_not_shown_twice() -> None:
    first = verify(WIZARDS_CLAIM, Source(id="wizards", text=WIZARDS, status="file")).passages[0].text
    assert not ("| Wizards Today" in first and "## Wizards Recall" in first)
    # what the repeat would have taken goes to a sentence
    assert "recalled from the Rio Grande Valley Vipers" in first


def test_the_first_passage_starts_at_the_sentence_that_states_the_claim() -> None:
    # Ranked on its own words, the sentence saying who was recalled from where comes before the
    # title and heading that only name the topic (they score high as short windows).
    first = verify(WIZARDS_CLAIM, Source(id="wizards", text=WIZARDS, status="file")).passages[0]
    assert first.start == WIZARDS.index("Washington Wizards President")
    assert first.location == "¶ 3"


def test_sentence_features_are_computed_once_per_source() -> None:
    from citecheck.evidence.passages import _index
    from citecheck.evidence.ranking import _rank, rank_sentences

    source = Source(id="harbour-once", text=HARBOUR + "\n", status="file")
    idx = _index(source)
    claim = "The lighthouse was electrified in 1931."
    ranked = rank_sentences(idx, claim, _rank(idx, claim, 10))
    assert ranked and len({r.uid for r in ranked}) == len(ranked)
    features = len(idx._features)
    rank_sentences(idx, claim, _rank(idx, claim, 10))
    assert len(idx._features) == features  # the same claim again: nothing new computed


KELSO = """The old town of Kelso sits where the Tweed meets the Teviot, and its market square is the largest \
in the Scottish Borders.

In 1754 the bridge at Kelso was rebuilt in stone after the timber one before it had rotted beyond repair.

Kelso Abbey was founded in 1128 by monks from Tiron, and only the west end of its church still stands today.

After the great flood of 1797 the bridge at Kelso was rebuilt again, this time to a design by John Rennie.

The race course north of the town holds its first meeting of the year in the spring.

In 1998 the bridge at Kelso was rebuilt once more, its arches strengthened to carry modern lorries.
"""


def test_sentences_the_ranking_cannot_tell_apart_are_shown_together() -> None:
    source = Source(id="kelso", text=KELSO, status="file")
    rebuilt = [s.strip() for s in KELSO.split("\n\n") if "bridge at Kelso was rebuilt" in s]
    assert len(rebuilt) == 3 and sum(map(len, rebuilt)) > SHOWN_MAX_CHARS
    # Which rebuilding? The three score alike, so all three are shown, though longer than usual.
    first = verify("The bridge at Kelso was rebuilt.", source).passages[0].text
    assert all(s in first for s in rebuilt) and len(first) <= SHOWN_CLOSE_MAX_CHARS
    # A claim that names one of them: that one comes first and the others do not all come along.
    first = verify("The bridge at Kelso was rebuilt after the great flood of 1797 to a design by John Rennie.",
                   source).passages[0].text
    assert first.startswith(rebuilt[1]) and not all(s in first for s in rebuilt)


def _units(text: str) -> list[str]:
    from citecheck.evidence.passages import _index

    idx = _index(Source(id=f"units-{hash(text)}", text=text, status="file"))
    return [idx.text[s:e] for s, e in idx.units]


def test_a_bracketed_fragment_or_list_number_is_not_a_sentence_of_its_own() -> None:
    lines = ["(meta data) PUBLISHED DATETIME: 2016-06-27T19:09:17Z",
             '[artist id="2389485"]Taylor Swift[/artist] took home five awards at the ceremony.',
             "1/2nd (City of London) Battalion (Royal Fusiliers)",
             "13. TRIVIUM - Iron Maiden"]
    units = _units("\n\n".join(lines) + "\n")
    assert units == lines
    # so the line a date claim rests on is shown whole
    first = verify("The article was published on 27 June 2016.",
                   Source(id="meta", text="\n\n".join(lines) + "\n", status="file")).passages[0].text
    assert lines[0] in first


def test_sentences_and_headings_stay_apart() -> None:
    text = "He said so. (Reuters) The company closed.\n\nIt rose (see Table 2). Then it fell.\n\nEarly life\n"
    assert _units(text) == ["He said so.", "(Reuters) The company closed.", "It rose (see Table 2).",
                            "Then it fell.", "Early life"]
