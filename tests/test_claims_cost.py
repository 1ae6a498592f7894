"""Claim extraction's shortcuts give what the patterns give (issue 12: runs of figures).

A figure's locator and hedge are looked for with a pattern over the characters before it; a
window that cannot hold one (no letter, or no hedge at its end) is now answered without the
pattern. These properties compare the shortcut with the pattern itself.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from linecount import lines_run

from citecheck.claims.lexicon import (
    _LOCATOR_BEFORE,
    _YEAR_PREP,
    _counted_noun,
    _is_year_alone,
    _is_year_at,
    _locator_before,
    _year_prep_before,
)
from citecheck.claims.quantities import _HEDGE_RE, HEDGE_TOLERANCE, _hedge_before

PIECES = [*HEDGE_TOLERANCE, *(h.upper() for h in HEDGE_TOLERANCE), "p.", "pp", "page", "§", "¶", "#", "vol.",
          "No.", " ", "  ", "\t", "\u00a0", "(", "“", "-", "—", "1", "1,234", "12-", "5,", "ſome", "ABOUT",
          "\u212aa", "words", "x", ".", ",", "\n", "İ", "é", "Vol", "notes", "fig", "_", "٣", "3–", "ſec", "Page.",
          "ｐ", "May", "1956", "xpage", "in", "Since", "mid-", "--", "year", "ſpring", "fall"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.data())
def test_the_shortcuts_answer_as_the_patterns(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    assert _locator_before(text, pos) == (_LOCATOR_BEFORE.search(text[max(0, pos - 24):pos]) is not None)
    m = _HEDGE_RE.search(text[max(0, pos - 20):pos])
    assert _hedge_before(text, pos) == (m.group(1).lower() if m else None)
    assert _counted_noun(text, pos) == _counted_noun_by_any(text, pos)
    window = text[max(0, pos - 12):pos]
    assert _year_prep_before(window) == (_YEAR_PREP.search(window) is not None)


def _counted_noun_by_any(text: str, pos: int) -> str | None:
    """The counted noun as found before the single-space shortcut (every gap scanned)."""
    from citecheck.claims import lexicon

    prev_end = pos
    for words, m in enumerate(lexicon._WORD_TOKEN.finditer(text, pos, min(len(text), pos + 80))):
        if words >= 3:
            return None
        if any(ch in text[prev_end:m.start()] for ch in ".;:!?()[],\n"):
            return None
        word = m.group(0)
        lower = word.lower()
        if lower in lexicon._STOP_AFTER or lexicon._is_number_word(lower):
            return None
        if word[0].isupper() and not word.isupper():
            return None
        if lower in lexicon._KNOWN_UNITS or (lower.rstrip("s") in lexicon._KNOWN_UNITS):
            return lower
        if lower.endswith("s") and len(lower) > 3 and not lower.endswith(lexicon._NOT_NOUN_SUFFIX):
            return lower
        prev_end = m.end()
    return None


def test_a_run_of_figures_asks_no_locator_pattern() -> None:
    """100 figures in a row, or 200 years after month names: the locator pattern is never searched
    (a window that ends in a figure or in a word that is no locator)."""
    calls = []

    class Counting:
        def search(self, window: str) -> object:
            calls.append(window)
            return _LOCATOR_BEFORE.search(window)

    from citecheck.claims import lexicon

    saved = lexicon._LOCATOR_BEFORE
    lexicon._LOCATOR_BEFORE = Counting()  # type: ignore[assignment]
    try:
        from citecheck.claims.quantities import extract_quantities

        found = extract_quantities("1,234,567 " * 100)
        with_page = extract_quantities("see page 12 and 1,234,567 " * 3)
        years = extract_quantities("May June 1956 1957 " * 100)
    finally:
        lexicon._LOCATOR_BEFORE = saved
    assert len(found) == 100
    assert [q.value for q in with_page] == [1234567.0] * 3  # "page 12" is a locator, not a figure
    assert len(years) == 200
    assert len(calls) == 3  # only the windows that end in a locator word: "see page" before 12, thrice


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "word.", "\n", "\r\n", "\r", " ", "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1f",
                                 "\x85", "\xa0", "\u2028", "\u2029", "\u3000", "\u200b", "\n\n"]), max_size=30).map("".join))
def test_paragraphs_are_syntoks(text: str) -> None:
    from syntok import segmenter

    from citecheck.claims.sentences import _paragraphs

    assert list(_paragraphs(text)) == segmenter.preprocess_with_offsets(text)


QUOTE_PIECES = ["“", "”", '"', "‘", "’", "'", "a", "Stalin", "1950", " ", "\u00a0", "\n", "(", ")", ".", ",", "—",
                "-", "/", "…", "é", "x y"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=30).map("".join))
def test_quote_marks_are_found_as_the_character_loop_found_them(text: str) -> None:
    """_pair jumps from mark to mark (re) instead of reading every character: same pairs."""
    from citecheck.claims.quotations import _pair

    doubles = _pair(text, "“", "”", '"', max_len=12)
    assert doubles == _pair_by_characters(text, "“", "”", '"', max_len=12)
    assert _pair(text, "‘", "’", "'", max_len=8, skip=doubles) == \
        _pair_by_characters(text, "‘", "’", "'", max_len=8, skip=doubles)


def _pair_by_characters(text: str, open_mark: str, close_mark: str, straight: str, *, max_len: int,
                        skip: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """claims.quotations._pair as it was: a loop over every character."""
    from citecheck.claims.quotations import _CLOSE_CONTEXT, _OPEN_CONTEXT

    out: list[tuple[int, int]] = []
    open_at: int | None = None
    skip = skip or []
    skip_i = 0
    n = len(text)
    single = open_mark == "‘"
    for i, ch in enumerate(text):
        if ch != open_mark and ch != close_mark and ch != straight:
            continue
        while skip_i < len(skip) and skip[skip_i][1] < i:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] <= i < skip[skip_i][1]:
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        can_open = (prev in _OPEN_CONTEXT or (ch == open_mark and not prev.isalnum())) and not nxt.isspace()
        can_close = (nxt in _CLOSE_CONTEXT or (ch == close_mark and not nxt.isalnum())) and not prev.isspace()
        if single:
            if prev.isalnum() and nxt.isalnum():
                continue
            if ch == open_mark:
                can_close = False
        if ch == open_mark and not single:
            can_close = False
        if ch == close_mark and ch != straight and not single:
            can_open = False
        if open_at is None:
            if can_open and ch != close_mark:
                open_at = i + 1
            continue
        if i - open_at > max_len:
            open_at = i + 1 if can_open and ch != close_mark else None
            continue
        if can_close and ch != open_mark:
            if i > open_at:
                out.append((open_at, i))
            open_at = None
        elif can_open and ch == open_mark:
            open_at = i + 1
        elif single and ch == close_mark and prev.isalnum() and nxt.isspace():
            continue
    return out


def test_dates_of_one_sentence_cost_linear_work() -> None:
    """Twice the dates in one sentence, about twice the work: each date without a year was
    compared with every one taken before it (quadratic in a page of "October 9")."""
    from citecheck.claims.dates import extract_dates, extract_month_days

    for piece, expect in (("on October 9 and ", 1), ("in May and 3 June, ", 2), ("on 19 May 1956 ", 1)):
        def work(n: int, piece: str = piece, expect: int = expect) -> None:
            text = piece * n
            dates = extract_dates(text)
            assert len(dates) + len(extract_month_days(text, dates)) == expect * n

        small, large = lines_run(lambda: work(150)), lines_run(lambda: work(600))
        assert large < 4.4 * small, piece


DATE_PIECES = ["1956", "1950s", "1950’s", "2001-09-11", " ", "-", "–", "—", "from", "between", "to", "and", "May",
               "June", "Sept.", "19", "3rd", "of", "the early", "mid", "Late", "SPRING", "ſpring", "summer of",
               "fifties", "the FIFTIES", "in", "during", "tieſ", "İ", ",", ".", "x", "\n", "(Smith 1956)", "1. "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=14).map("".join))
def test_date_forms_skipped_for_missing_text_change_nothing(text: str) -> None:
    """A date pattern is not run over a text that lacks what it needs: the same dates as all ten."""
    from citecheck.claims import dates

    found = dates.extract_dates(text)
    saved = dates._possible_forms
    dates._possible_forms = lambda text: {kind for kind, _ in dates._DATE_PATTERNS}  # type: ignore[assignment]
    try:
        assert found == dates.extract_dates(text)
    finally:
        dates._possible_forms = saved  # type: ignore[assignment]


def test_a_page_of_figures_runs_only_the_year_pattern() -> None:
    from citecheck.claims import dates

    run: list[str] = []

    class Counting:
        def __init__(self, kind: str, pattern: Any) -> None:
            self.kind, self.pattern = kind, pattern

        def finditer(self, text: str) -> Any:
            run.append(self.kind)
            return self.pattern.finditer(text)

    saved = dates._DATE_PATTERNS
    dates._DATE_PATTERNS = [(kind, Counting(kind, pattern)) for kind, pattern in saved]  # type: ignore[misc]
    try:
        assert len(dates.extract_dates("1234567890 1956 " * 2_000)) == 2_000
        assert run == ["year"]
        run.clear()
        dates.extract_dates("In the early fifties, from 1950 to 1960, on 19 May 1956 (1950s; 1950-01-02).")
        assert run == [kind for kind, _ in saved]
    finally:
        dates._DATE_PATTERNS = saved  # type: ignore[misc]


ENTITY_PIECES = ["The", "Party", "Congress", "of", "the", "de", "Kirov", "Stalin’s", "Smith's", "USSR", "UN", "A", "May",
                 "Monday", " ", ". ", ", ", "(", "“", "-", "de-Stalinization", "and", "\n", "I", "Mr", "Jean-Paul", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ENTITY_PIECES), max_size=30).map(" ".join), st.integers(1, 4))
def test_entities_up_to_a_limit_are_the_first_of_all(text: str, limit: int) -> None:
    from citecheck.claims.worthiness import _entities

    assert _entities(text, limit=limit) == _entities(text)[:limit]


YEAR_CONTEXT = st.lists(st.sampled_from([*PIECES, "people", "delegates", "in ", "by ", "since ", " ", "Smith"]), max_size=6)


@settings(max_examples=800, deadline=None)
@given(YEAR_CONTEXT.map("".join), st.integers(900, 2200), YEAR_CONTEXT.map("".join))
def test_a_year_alone_is_a_year_with_its_counted_noun(before: str, year: int, after: str) -> None:
    text = f"{before}{year}{after}"
    start, end = len(before), len(before) + len(str(year))
    assert _is_year_alone(text, start, end, float(year)) == _is_year_at(text, start, end, float(year),
                                                                         _counted_noun(text, end))


def test_claim_uncited_describes_from_the_features_extraction_made() -> None:
    # An uncited claim is scored from its features; claim-uncited then reads them from the cache
    # instead of matching every pattern again. A cited claim is scored from capped counts.
    from citecheck.checks.worthiness import check_uncited
    from citecheck.claims import extract_claims
    from citecheck.claims.worthiness import _word_features
    from citecheck.readers import parse_text

    text = ("The council approved 4,000 new homes on 3 May 1956 in Leeds. Smith wrote that it cost £2 million.\n\n"
            "The treaty was signed in 1919 by Wilson and Clemenceau.\n")
    doc = parse_text(text, "essay.md", "markdown")
    _word_features.cache_clear()
    claims = extract_claims(doc, [])
    misses = _word_features.cache_info().misses
    findings = check_uncited(doc, claims)
    assert len(findings) == 3
    assert _word_features.cache_info().misses == misses
