"""Claim extraction's shortcuts give what the patterns give (issue 12: runs of figures).

A figure's locator and hedge are looked for with a pattern over the characters before it; a
window that cannot hold one (no letter, or no hedge at its end) is now answered without the
pattern. These properties compare the shortcut with the pattern itself.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.claims.lexicon import _LOCATOR_BEFORE, _counted_noun, _locator_before
from citecheck.claims.quantities import _HEDGE_RE, HEDGE_TOLERANCE, _hedge_before

PIECES = [*HEDGE_TOLERANCE, *(h.upper() for h in HEDGE_TOLERANCE), "p.", "pp", "page", "§", "¶", "#", "vol.",
          "No.", " ", "  ", "\t", "\u00a0", "(", "“", "-", "—", "1", "1,234", "12-", "5,", "ſome", "ABOUT",
          "\u212aa", "words", "x", ".", ",", "\n", "İ", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.data())
def test_the_shortcuts_answer_as_the_patterns(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    assert _locator_before(text, pos) == (_LOCATOR_BEFORE.search(text[max(0, pos - 24):pos]) is not None)
    m = _HEDGE_RE.search(text[max(0, pos - 20):pos])
    assert _hedge_before(text, pos) == (m.group(1).lower() if m else None)
    assert _counted_noun(text, pos) == _counted_noun_by_any(text, pos)


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
    """100 figures in a row: the locator pattern is never searched (a window of digits and commas)."""
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
    finally:
        lexicon._LOCATOR_BEFORE = saved
    assert len(found) == 100
    assert [q.value for q in with_page] == [1234567.0] * 3  # "page 12" is a locator, not a figure
    assert len(calls) == 6  # only the windows with letters: "page 12" and the figure after it, thrice


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "word.", "\n", "\r\n", "\r", " ", "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1f",
                                 "\x85", "\xa0", "\u2028", "\u2029", "\u3000", "\u200b", "\n\n"]), max_size=30).map("".join))
def test_paragraphs_are_syntoks(text: str) -> None:
    from syntok import segmenter

    from citecheck.claims.sentences import _paragraphs

    assert list(_paragraphs(text)) == segmenter.preprocess_with_offsets(text)
