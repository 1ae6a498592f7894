"""Verification's shortcuts give what the full work gives (issue 12: CPU per claim).

BM25's per-posting parts are worked out once per source for a term a claim has once, and the
yearless-date check compiles its pattern only for windows that hold the month's letters and the
day's digits at all. These
tests compare the shortcuts with the work they replace, and count what is no longer done.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.evidence.figures import _yearless_regex
from citecheck.evidence.passages import _Index, _index
from citecheck.evidence.ranking import _bm25, _new_query
from citecheck.model import Source
from citecheck.verification import verify

WORDS = ["harbour", "harbours", "council", "met", "met", "the", "of", "1,200", "1200", "Smith", "report",
         "reported", "budget", "budgets", "a", "railway", "railway"]


def _bm25_by_postings(idx: _Index, claim: str) -> dict[int, float]:
    """evidence.ranking._bm25 as it was: every posting's part worked out for every claim."""
    query = _new_query(idx, claim)
    k1 = 1.2
    k1_plus_1 = k1 + 1
    norms = idx.bm25_norms()
    scores: dict[int, float] = {}
    get = scores.get
    for term, qtf in query.terms.items():
        plist = idx.postings.get(term)
        if not plist:
            continue
        w = query.weights[term] * (1 + math.log(qtf))
        for code in plist:
            uid, tf = code >> 8, code & 255
            scores[uid] = get(uid, 0.0) + w * tf * k1_plus_1 / (tf + norms[uid])
    return scores


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=12), st.lists(sentences, min_size=1, max_size=4))
def test_bm25_parts_kept_per_source_give_the_same_scores(source: list[str], claims: list[str]) -> None:
    idx = _index(Source(id="s", text="\n\n".join(" ".join(source[i:i + 3]) for i in range(0, len(source), 3)),
                        status="file"))
    for claim in claims:  # several claims: the kept parts are read again
        kept = _bm25(idx, _new_query(idx, claim))
        again = _bm25_by_postings(idx, claim)
        assert list(kept.items()) == list(again.items())  # same units, same order, same floats


def test_a_month_no_window_holds_compiles_no_pattern() -> None:
    source = "He was born in Paris. He studied law in Lyon and later taught there.\n\nHe died in Rome."
    _yearless_regex.cache_clear()
    verify("He was born in Paris on 7 May 1956.", source)
    assert _yearless_regex.cache_info().currsize == 0
    # The month without the day's digits: no pattern either.
    verify("He was born in Paris on 7 May 1956.", source.replace("in Paris.", "in Paris in May."))
    assert _yearless_regex.cache_info().currsize == 0
    # The same claim against a source that has the month in the window: the pattern is compiled
    # and finds the date stated without its year.
    result = verify("He was born in Paris on 7 May 1956.", source.replace("in Paris.", "in Paris on May 7."))
    assert _yearless_regex.cache_info().currsize == 1
    assert not any(m.rule == "date-mismatch" for m in result.mismatches)
