"""A source's Vocabulary reads each part on first use: the parts are the same in any order of
asking, and a claim that asks for no figure or date leaves those parts unread."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.evidence.details import absent_details
from citecheck.evidence.vocabulary import Vocabulary

PARTS = ["words", "stems", "sorted_words", "acronyms", "values", "digits", "months", "names", "preceding",
         "identifiers", "percents", "initialisms", "listed"]

_PIECES = ["The", "NASA", "National", "Aeronautics", "and", "Space", "Administration", "May", "march", "12",
           "1,436", "twenty-first", "a million", "half", "COVID-19", "SARS-CoV-2", "3.2m", "10/11/2018",
           "2018-11-10", "30 percent", "the east and west wings", "St.", "Peru", "Lincoln Borglum", "F-16",
           ".", ",", "\n\n", "two-thirds", "three decades", "Faeroes", "O'Neill's"]


def _parts(vocab: Vocabulary, order: list[str]) -> dict[str, object]:
    got = {name: getattr(vocab, name) for name in order}
    got["calendar"] = (vocab.calendar.month_days, vocab.calendar.identifiers)
    return got


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.randoms(use_true_random=False))
def test_parts_are_the_same_in_any_order(pieces: list[str], rnd) -> None:
    text = " ".join(pieces)
    shuffled = list(PARTS)
    rnd.shuffle(shuffled)
    assert _parts(Vocabulary(text), PARTS) == _parts(Vocabulary(text), shuffled)


def test_parts_read_from_the_text() -> None:
    vocab = Vocabulary("NASA, the National Aeronautics and Space Administration, spent 1.4 million "
                       "dollars on 2 March 2019 (30 percent more); SARS-CoV-2 spread.")
    assert {"nasa", "national", "covid"} <= vocab.words
    assert {1.4e6, 2.0, 2019.0} <= vocab.values
    assert vocab.months == {3}
    assert "NASA" in vocab.initialisms and "NASA" in vocab.acronyms
    assert vocab.percents == {30.0}
    assert vocab.calendar.day_stated(3, 2)
    assert "covid19" in vocab.identifiers


def test_a_claim_without_figures_or_dates_reads_no_numbers_nor_days() -> None:
    vocab = Vocabulary("The Beatles were an English rock band formed in Liverpool in 1960. " * 20)
    out = absent_details("The Beatles were a band from Liverpool.", vocab, quantities=[], dates=[])
    assert out == []
    assert "words" in vocab.__dict__
    assert "values" not in vocab.__dict__ and "initialisms" not in vocab.__dict__
    assert "month_days" not in vocab.calendar.__dict__
    # Asked for, a part is read then.
    assert 1960.0 in vocab.values and "values" in vocab.__dict__


_CAPS = ["Commander", "of", "the", "Order", "British", "Empire", "National", "Aeronautics", "and", "Space",
         "Administration", "United", "Nations", "Department", "Transportation", "Bank", "Chris"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_CAPS), min_size=1, max_size=8),
       st.lists(st.sampled_from(["CBE", "C.B.E.", "NASA", "UN", "DOT", "DT", "NAB", "BE", "OBE", "USA"]), max_size=5))
def test_acronyms_skipped_by_their_letters_cover_what_every_acronym_covers(words: list[str],
                                                                           acronyms: list[str]) -> None:
    from citecheck.evidence.details import _acronym_covered
    from citecheck.evidence.vocabulary import spelled_by

    vocab = Vocabulary(" ".join(acronyms) + ".")
    run = [(w, 0, 0) for w in words]
    expected: set[int] = set()  # the loop over every acronym, as it was
    for acronym in vocab.acronyms:
        if len(acronym) >= 2 and acronym.isupper():
            for first, last in spelled_by(acronym, words, skip=len(acronym) // 2):
                expected.update(range(first, last + 1))
    assert _acronym_covered(run, vocab) == expected
