"""Ranking: BM25 over a source's units, then a re-ranking of the best passages for one claim,
and the coverage measures verification reads."""

from __future__ import annotations

import math
from array import array
from bisect import insort
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from operator import add, itemgetter
from typing import Any

from citecheck.evidence.passages import _Index, _index
from citecheck.evidence.terms import (
    _TOKEN_RE,
    _figures,
    _names,
    _term,
    _terms,
    _token_names,
    strip_citation_markers,
)
from citecheck.model import Passage, Source

__all__ = ["rank_passages", "rank_sentences"]

# Passages re-ranked after BM25, and windows whose sentences (centre and neighbours) are scored
# on their own for what is shown (rank_sentences: about 3 x SHOWN_DEPTH sentences per claim).
# 15 and 5 (were 30 and 10) give bench/essays.py's verdicts, findings and marked tokens unchanged
# on both halves of WiCE dev, FEVER-Symmetric and Check-COVID (the passage shown first holds a
# gold sentence for one more held-out WiCE claim), at about 17 % less verification CPU.
RERANK_DEPTH = 15
SHOWN_DEPTH = 5

NEIGHBOUR_WEIGHT = 0.5  # share of a neighbour's BM25 added to the centre's


@dataclass
class _Query:
    text: str
    terms: Counter[str]
    weights: dict[str, float]  # idf per distinct term
    figures: set[str]
    names: set[str]
    lower: str
    term_list: list[str]  # the claim's terms in order (_terms)
    # Worked out once per query and read by _rank, rank_sentences and the coverage measures:
    # each unit's BM25 score, and each ranked unit's idf-weighted coverage of the claim's terms.
    unit_scores: dict[int, float] | None = field(default=None, repr=False, compare=False)
    centre_coverage: dict[int, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def total_weight(self) -> float:
        total = self.__dict__.get("_total")
        if total is None:
            total = self.__dict__["_total"] = sum(self.weights.values())
        return total


def _make_query(idx: _Index, claim_text: str) -> _Query:
    """The claim's query against ``idx``; the last few are kept, since one claim asks for it
    several times in a row (_rank, rank_sentences, _weighted_union_coverage, with the claim
    less its dates ranked in between by evidence.figures). Read-only for callers."""
    for entry in _LAST_QUERIES:
        if entry[0] is idx and entry[1] == claim_text:
            return entry[2]
    query = _new_query(idx, claim_text)
    _LAST_QUERIES.insert(0, (idx, claim_text, query))
    del _LAST_QUERIES[_QUERIES_KEPT:]
    return query


# Holding the index keeps it alive while its queries are kept, so identity is safe.
_LAST_QUERIES: list[tuple[_Index, str, _Query]] = []
_QUERIES_KEPT = 3


def _new_query(idx: _Index, claim_text: str) -> _Query:
    tokens = _TOKEN_RE.findall(claim_text)  # once, for the terms, names and lower-cased text
    term_list = [t for t in map(_term, tokens) if t]  # _terms(claim_text)
    terms = Counter(term_list)
    return _Query(
        text=claim_text,
        terms=terms,
        term_list=term_list,
        weights={t: idx.idf(t) for t in terms},
        figures=_figures(claim_text),
        names=_token_names(tokens),
        lower=" ".join(t.lower() for t in tokens),
    )


def _bm25(idx: _Index, query: _Query) -> dict[int, float]:
    """Each unit's BM25 score for the query (units that share no term with it are left out);
    worked out once per query."""
    scores = query.unit_scores
    if scores is not None:
        return scores
    scores: dict[int, float] = {}
    get = scores.get
    for term, qtf in query.terms.items():
        if term not in idx.postings:
            continue
        if qtf == 1:
            # Most terms occur once in a claim, and then each posting's part is the same for
            # every claim: worked out once per index (the same expression, the same floats).
            uids, parts = _term_contributions(idx, term)
        else:
            uids, parts = _contributions(idx, term, query.weights[term] * (1 + math.log(qtf)))
        # scores[uid] = scores.get(uid, 0.0) + part for each posting, in C: a term's postings name
        # each unit once, so reading every old score first changes nothing; update() inserts new
        # units in posting order, as the loop did (the same floats, the same dict order).
        scores.update(zip(uids, map(add, map(get, uids, repeat(0.0)), parts)))
    query.unit_scores = scores
    return scores


def _contributions(idx: _Index, term: str, w: float) -> tuple[array, array]:
    """The units holding ``term`` and each one's BM25 part ``w * tf * (k1 + 1) / (tf + norm)``
    for a query term of weight ``w`` (k1 = 1.2)."""
    k1 = 1.2
    k1_plus_1 = k1 + 1
    norms = idx.bm25_norms()  # k1 * (1 - b + b * length / avgdl) per unit
    uids = array("q")
    parts = array("d")
    for code in idx.postings[term]:
        uid, tf = code >> 8, code & 255
        uids.append(uid)
        parts.append(w * tf * k1_plus_1 / (tf + norms[uid]))
    return uids, parts


def _term_contributions(idx: _Index, term: str) -> tuple[array, array]:
    """:func:`_contributions` of a term a claim has once (weight: its idf), memoised on the index."""
    known = idx._contributions.get(term)
    if known is None:
        known = idx._contributions[term] = _contributions(idx, term, idx.idf(term) * (1 + math.log(1)))
    return known


def _term_set(text: str) -> frozenset[str]:
    return frozenset(_terms(text))


def _lower_tokens(text: str) -> str:
    return " ".join(t.lower() for t in _TOKEN_RE.findall(text))


def _window_terms(idx: _Index, uid: int) -> frozenset[str]:
    return idx.feature("window-terms", uid, _term_set, window=True)  # type: ignore[no-any-return]


def _coverage(query: _Query, terms: set[str] | frozenset[str]) -> float:
    total = query.total_weight
    if total <= 0:
        return 0.0
    return sum([w for t, w in query.weights.items() if t in terms]) / total


@dataclass
class _Ranked:
    uid: int
    score: float
    coverage: float  # idf-weighted share of the claim's terms in the window
    plain_coverage: float  # unweighted share of the claim's distinct terms in the window


def _unit_record(idx: _Index, uid: int) -> tuple[Any, ...]:
    """What ranking reads of unit ``uid`` for every claim: its terms, its window's terms, figures
    and names (memoised on the index, in a list for a quick look-up)."""
    records = idx._records
    if records is None:
        records = idx._records = [None] * idx.n
    record = records[uid]
    if record is None:
        record = records[uid] = (idx.feature("terms", uid, _term_set), _window_terms(idx, uid),
                                 idx.feature("figures", uid, _figures, window=True),
                                 idx.feature("names", uid, _names, window=True))
    return record  # type: ignore[no-any-return]


def _rank(idx: _Index, claim_text: str, k: int) -> list[_Ranked]:
    from rapidfuzz import fuzz

    query = _make_query(idx, claim_text)
    if not query.terms or idx.n == 0:
        return []
    unit_scores = _bm25(idx, query)
    if not unit_scores:
        return []
    n = idx.n
    window_scores: dict[int, float] = {}
    get = window_scores.get
    half = NEIGHBOUR_WEIGHT
    last = n - 1
    for uid, s in unit_scores.items():
        window_scores[uid] = get(uid, 0.0) + s
        # the neighbours, before then after (the dict's order breaks ties in the sort below)
        part = half * s
        if uid:
            window_scores[uid - 1] = get(uid - 1, 0.0) + part
        if uid < last:
            window_scores[uid + 1] = get(uid + 1, 0.0) + part
    # sorted(reverse=True) is stable, as nlargest is: the same windows in the same order, cheaper.
    top = sorted(window_scores.items(), key=_SECOND, reverse=True)[:max(RERANK_DEPTH, k)]
    best_bm25 = top[0][1] or 1.0
    # Everything but the fuzzy score first; the fuzzy score (the costly part) only for windows that
    # can still reach the best k: its share is at most 0.15 / total weight, so a window whose score
    # with fz = 1 is below the k-th exact score cannot enter (the same k windows, the same scores).
    total = query.total_weight
    weights = list(query.weights.items())
    keys = query.terms.keys()
    n_terms = len(query.terms)
    figures, names = query.figures, query.names
    n_figures, n_names = len(figures), len(names)
    records = idx._records
    centre_coverage = query.centre_coverage
    partial = []
    for uid, bm in top:
        # A unit's terms, tokens, figures and names are the same for every claim: memoised on the index.
        record = records[uid] if records is not None else None
        if record is None:
            record = _unit_record(idx, uid)
            records = idx._records
        centre_terms, window_terms, window_figures, window_names = record
        # _coverage, inline: the idf-weighted share of the claim's terms in the centre and window
        if total <= 0:
            cov_c = cov_w = 0.0
        else:
            cov_c = sum([w for t, w in weights if t in centre_terms]) / total
            cov_w = sum([w for t, w in weights if t in window_terms]) / total
        centre_coverage[uid] = cov_c
        plain = len(keys & window_terms) / n_terms
        # The weighted parts in the order the score adds them: centre coverage, window coverage,
        # relative BM25, [fuzzy score], figures, names (weights 0.35, 0.15, 0.2, 0.15, 0.1, 0.1).
        head = 0.35 * cov_c + 0.15 * cov_w + 0.2 * (bm / best_bm25)
        tail = []
        if n_figures:
            tail.append(0.1 * (len(figures & window_figures) / n_figures))
        if n_names:
            tail.append(0.1 * (len(names & window_names) / n_names))
        partial.append((_score(head, 1.0, tail), uid, head, tail, cov_w, plain))
    partial.sort(key=_bound_order)
    ranked: list[_Ranked] = []
    order: list[tuple[float, int]] = []  # (-score, uid) of ranked, ascending: best first
    lower = query.lower
    for bound, uid, head, tail, cov_w, plain in partial:
        if len(order) >= k and -order[k - 1][0] > bound:
            break
        centre_lower = idx.feature("lower", uid, _lower_tokens)
        token_set = fuzz.token_set_ratio(lower, centre_lower)
        # partial_ratio (the costlier half) only when the window can still enter with it at 100
        if len(order) >= k and -order[k - 1][0] > _score(head, (token_set + 100) / 200, tail):
            continue
        fz = (token_set + fuzz.partial_ratio(lower, centre_lower)) / 200
        score = _score(head, fz, tail)
        ranked.append(_Ranked(uid, score, cov_w, plain))
        insort(order, (-score, uid))
    ranked.sort(key=_rank_order)
    return ranked[:k]


def _bound_order(p: tuple[Any, ...]) -> tuple[float, int]:
    return -p[0], p[1]


def _rank_order(r: _Ranked) -> tuple[float, int]:
    return -r.score, r.uid


def _sentence_terms(text: str) -> tuple[Counter[str], set[tuple[str, str]]]:
    """A sentence's term counts and adjacent term pairs, from one pass over its tokens."""
    terms = _terms(text)
    return Counter(terms), _bigrams(terms)


_SECOND = itemgetter(1)  # a window's score in (uid, score), without a Python call per window


# The total weight of a window's parts, by the number of optional parts (figures, names) present,
# summed in the same order as the parts.
_TOTAL_WEIGHT = (0.35 + 0.15 + 0.2 + 0.15, 0.35 + 0.15 + 0.2 + 0.15 + 0.1, 0.35 + 0.15 + 0.2 + 0.15 + 0.1 + 0.1)


def _score(head: float, fz: float, tail: list[float]) -> float:
    """A window's score in [0, 1] from its weighted parts (added left to right as the weights are);
    never lower for a higher ``fz`` (so ``fz = 1`` bounds it)."""
    score = head + 0.15 * fz
    for part in tail:
        score += part
    return max(0.0, min(1.0, score / _TOTAL_WEIGHT[len(tail)]))


def _unit_bm25(idx: _Index, query: _Query, uid: int) -> float:
    k1, b = 1.2, 0.75
    counts = idx.feature("sentence-terms", uid, _sentence_terms)[0]
    norm = k1 * (1 - b + b * idx.lengths[uid] / idx.avgdl)
    score = 0.0
    for term, qtf in query.terms.items():
        tf = min(counts.get(term, 0), 255)
        if tf:
            score += query.weights[term] * (1 + math.log(qtf)) * tf * (k1 + 1) / (tf + norm)
    return score


def _bigrams(terms: tuple[str, ...] | list[str]) -> set[tuple[str, str]]:
    return set(pairwise(terms))


# Weights of a sentence's own evidence (rank_sentences), chosen on the tuning halves of WiCE dev
# and its non-supported-tokens dev (bench/essays.py): the idf-weighted share of the claim's terms
# in the sentence, its BM25 relative to the best candidate, the claim's adjacent term pairs it
# repeats ("born and raised", "first store"), the claim's figures and capitalised names in it, and
# the score of the window it is the centre of (0 for a neighbour that is not ranked itself).
SENTENCE_WEIGHTS = {"coverage": 0.35, "bm25": 0.2, "bigrams": 0.2, "figures": 0.1, "names": 0.1, "window": 0.3}


def _sentence_record(idx: _Index, uid: int) -> tuple[Any, ...]:
    """What rank_sentences reads of unit ``uid`` for every claim: its terms, adjacent term pairs,
    figures and names (memoised on the index, in a list for a quick look-up)."""
    records = idx._sentence_records
    if records is None:
        records = idx._sentence_records = [None] * idx.n
    record = records[uid]
    if record is None:
        record = records[uid] = (idx.feature("terms", uid, _term_set),
                                 idx.feature("sentence-terms", uid, _sentence_terms)[1],
                                 idx.feature("sentence-figures", uid, _figures),
                                 idx.feature("sentence-names", uid, _names))
    return record  # type: ignore[no-any-return]


def rank_sentences(idx: _Index, claim_text: str, ranked: list[_Ranked], depth: int = SHOWN_DEPTH) -> list[_Ranked]:
    """The sentences of the ``depth`` best windows of ``ranked`` (centres and their neighbours),
    re-scored by their own match with the claim, best first.

    The window ranking (:func:`_rank`) reads a sentence with its neighbours, so a sentence next
    to the one that backs the claim can outrank it; what is shown is the sentence itself
    (evidence.shown), so it is ranked on its own words, with its window's score as one part.
    Per-sentence terms are memoised on the index: the work is about 3 x ``depth`` sentences per
    claim, done once.
    """
    if not ranked:
        return []
    query = _make_query(idx, claim_text)
    window_score = {r.uid: r.score for r in ranked[:depth]}
    candidates: list[int] = []
    seen: set[int] = set()
    for r in ranked[:depth]:
        for uid in (r.uid - 1, r.uid, r.uid + 1):
            if 0 <= uid < idx.n and uid not in seen:
                seen.add(uid)
                candidates.append(uid)
    # A unit's BM25 is the one _rank summed for its window (_unit_bm25, the same sum).
    unit_scores = _bm25(idx, query)
    bm25 = {uid: unit_scores.get(uid, 0.0) for uid in candidates}
    best_bm25 = max(bm25.values()) or 1.0
    claim_bigrams = query.__dict__.get("_bigrams")
    if claim_bigrams is None:
        claim_bigrams = query.__dict__["_bigrams"] = _bigrams(query.term_list)
    centre_coverage = query.centre_coverage
    w = SENTENCE_WEIGHTS
    w_coverage, w_bm25, w_window = w["coverage"], w["bm25"], w["window"]
    w_bigrams, w_figures, w_names = w["bigrams"], w["figures"], w["names"]
    figures, names, n_terms = query.figures, query.names, len(query.terms)
    keys = query.terms.keys()
    # The weights of the parts present (the same for every sentence of this claim), summed in order.
    weights = [w_coverage, w_bm25, w_window]
    if claim_bigrams:
        weights.append(w_bigrams)
    if figures:
        weights.append(w_figures)
    if names:
        weights.append(w_names)
    total = sum(weights)
    out = []
    for uid in candidates:
        terms, unit_bigrams, unit_figures, unit_names = _sentence_record(idx, uid)
        coverage = centre_coverage.get(uid)
        if coverage is None:
            coverage = centre_coverage[uid] = _coverage(query, terms)
        parts = [w_coverage * coverage, w_bm25 * (bm25[uid] / best_bm25), w_window * window_score.get(uid, 0.0)]
        if claim_bigrams:
            parts.append(w_bigrams * (len(claim_bigrams & unit_bigrams) / len(claim_bigrams)))
        if figures:
            parts.append(w_figures * (len(figures & unit_figures) / len(figures)))
        if names:
            parts.append(w_names * (len(names & unit_names) / len(names)))
        score = sum(parts) / total
        plain = len(keys & terms) / n_terms if n_terms else 0.0
        out.append(_Ranked(uid, max(0.0, min(1.0, score)), coverage, plain))
    out.sort(key=lambda r: (-r.score, r.uid))
    return out


def rank_passages(claim_text: str, source: Source, k: int = 3) -> list[Passage]:
    """The ``k`` passages of ``source`` that best match ``claim_text``, best first (scores in [0, 1]).

    Citation markers in the claim are ignored. An empty source or a claim with no content words
    yields ``[]``.
    """
    if not source.available:
        return []
    idx = _index(source)
    return [idx.passage(r.uid, r.score) for r in _rank(idx, strip_citation_markers(claim_text), k)]


def _plain_coverage(idx: _Index, claim_text: str, uid: int) -> float:
    terms = set(_terms(claim_text))
    if not terms:
        return 0.0
    return len(terms & _window_terms(idx, uid)) / len(terms)


def _union_coverage(idx: _Index, claim_text: str, uids: list[int]) -> float:
    """Share of the claim's distinct content terms found in the union of the passages' windows."""
    terms = set(_terms(claim_text))
    if not terms:
        return 0.0
    found: set[str] = set()
    for uid in uids:
        found |= _window_terms(idx, uid)
    return len(terms & found) / len(terms)


def _weighted_union_coverage(idx: _Index, claim_text: str, uids: list[int]) -> float:
    """Share of the claim's content terms, weighted by idf over the source's units, found in the
    union of the passages' windows (a rare word the passages lack counts more than a common one)."""
    query = _make_query(idx, claim_text)
    found: set[str] = set()
    for uid in uids:
        found |= _window_terms(idx, uid)
    return _coverage(query, found)
