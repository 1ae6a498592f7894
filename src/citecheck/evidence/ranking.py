"""Ranking: BM25 over a source's units, then a re-ranking of the best passages for one claim,
and the coverage measures verification reads."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from citecheck.evidence.passages import _Index, _index
from citecheck.evidence.terms import _TOKEN_RE, _figures, _names, _terms, strip_citation_markers
from citecheck.model import Passage, Source

__all__ = ["rank_passages", "rank_sentences"]

RERANK_DEPTH = 30  # passages re-ranked after BM25
# Windows whose sentences (centre and neighbours) are scored on their own for what is shown
# (rank_sentences): about 3 x SHOWN_DEPTH sentences per claim.
SHOWN_DEPTH = 10

NEIGHBOUR_WEIGHT = 0.5  # share of a neighbour's BM25 added to the centre's


@dataclass
class _Query:
    text: str
    terms: Counter[str]
    weights: dict[str, float]  # idf per distinct term
    figures: set[str]
    names: set[str]
    lower: str

    @property
    def total_weight(self) -> float:
        total = self.__dict__.get("_total")
        if total is None:
            total = self.__dict__["_total"] = sum(self.weights.values())
        return total


def _make_query(idx: _Index, claim_text: str) -> _Query:
    """The claim's query against ``idx``; the last one is kept, since one claim asks for it three
    times in a row (_rank, rank_sentences, _weighted_union_coverage). Read-only for callers."""
    last = _LAST_QUERY[0]
    if last is not None and last[0] is idx and last[1] == claim_text:
        return last[2]
    query = _new_query(idx, claim_text)
    _LAST_QUERY[0] = (idx, claim_text, query)
    return query


_LAST_QUERY: list[tuple[_Index, str, _Query] | None] = [None]


def _new_query(idx: _Index, claim_text: str) -> _Query:
    terms = Counter(_terms(claim_text))
    return _Query(
        text=claim_text,
        terms=terms,
        weights={t: idx.idf(t) for t in terms},
        figures=_figures(claim_text),
        names=_names(claim_text),
        lower=" ".join(t.lower() for t in _TOKEN_RE.findall(claim_text)),
    )


def _bm25(idx: _Index, query: _Query) -> dict[int, float]:
    k1, b = 1.2, 0.75
    scores: dict[int, float] = {}
    for term, qtf in query.terms.items():
        plist = idx.postings.get(term)
        if not plist:
            continue
        w = query.weights[term] * (1 + math.log(qtf))
        for code in plist:
            uid, tf = code >> 8, code & 255
            dl = idx.lengths[uid]
            s = w * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / idx.avgdl))
            scores[uid] = scores.get(uid, 0.0) + s
    return scores


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


def _rank(idx: _Index, claim_text: str, k: int) -> list[_Ranked]:
    from rapidfuzz import fuzz

    query = _make_query(idx, claim_text)
    if not query.terms or idx.n == 0:
        return []
    unit_scores = _bm25(idx, query)
    if not unit_scores:
        return []
    window_scores: dict[int, float] = {}
    for uid, s in unit_scores.items():
        window_scores[uid] = window_scores.get(uid, 0.0) + s
        for nb in (uid - 1, uid + 1):
            if 0 <= nb < idx.n:
                window_scores[nb] = window_scores.get(nb, 0.0) + NEIGHBOUR_WEIGHT * s
    # sorted(reverse=True) is stable, as nlargest is: the same windows in the same order, cheaper.
    top = sorted(window_scores.items(), key=_second, reverse=True)[:max(RERANK_DEPTH, k)]
    best_bm25 = top[0][1] or 1.0
    # Everything but the fuzzy score first; the fuzzy score (the costly part) only for windows that
    # can still reach the best k: its share is at most 0.15 / total weight, so a window whose score
    # with fz = 1 is below the k-th exact score cannot enter (the same k windows, the same scores).
    partial = []
    for uid, bm in top:
        # A unit's terms, tokens, figures and names are the same for every claim: memoised on the index.
        centre_terms = idx.feature("terms", uid, _term_set)
        window_terms = _window_terms(idx, uid)
        cov_c = _coverage(query, centre_terms)
        cov_w = _coverage(query, window_terms)
        plain = len(query.terms.keys() & window_terms) / len(query.terms)
        # The weighted parts in the order the score adds them: centre coverage, window coverage,
        # relative BM25, [fuzzy score], figures, names (weights 0.35, 0.15, 0.2, 0.15, 0.1, 0.1).
        head = 0.35 * cov_c + 0.15 * cov_w + 0.2 * (bm / best_bm25)
        tail = []
        if query.figures:
            tail.append(0.1 * (len(query.figures & idx.feature("figures", uid, _figures, window=True))
                               / len(query.figures)))
        if query.names:
            tail.append(0.1 * (len(query.names & idx.feature("names", uid, _names, window=True)) / len(query.names)))
        partial.append((_score(head, 1.0, tail), uid, head, tail, cov_w, plain))
    partial.sort(key=lambda p: (-p[0], p[1]))
    ranked: list[_Ranked] = []
    for bound, uid, head, tail, cov_w, plain in partial:
        if len(ranked) >= k:
            ranked.sort(key=lambda r: (-r.score, r.uid))
            if ranked[k - 1].score > bound:
                break
        centre_lower = idx.feature("lower", uid, _lower_tokens)
        fz = (fuzz.token_set_ratio(query.lower, centre_lower) + fuzz.partial_ratio(query.lower, centre_lower)) / 200
        ranked.append(_Ranked(uid, _score(head, fz, tail), cov_w, plain))
    ranked.sort(key=lambda r: (-r.score, r.uid))
    return ranked[:k]


def _sentence_terms(text: str) -> tuple[Counter[str], set[tuple[str, str]]]:
    """A sentence's term counts and adjacent term pairs, from one pass over its tokens."""
    terms = _terms(text)
    return Counter(terms), _bigrams(terms)


def _second(item: tuple[int, float]) -> float:
    return item[1]


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
    bm25 = {uid: _unit_bm25(idx, query, uid) for uid in candidates}
    best_bm25 = max(bm25.values()) or 1.0
    claim_bigrams = _bigrams(_terms(claim_text))
    w = SENTENCE_WEIGHTS
    out = []
    for uid in candidates:
        terms = idx.feature("terms", uid, _term_set)
        coverage = _coverage(query, terms)
        parts = [(w["coverage"], coverage), (w["bm25"], bm25[uid] / best_bm25),
                 (w["window"], window_score.get(uid, 0.0))]
        if claim_bigrams:
            unit_bigrams = idx.feature("sentence-terms", uid, _sentence_terms)[1]
            parts.append((w["bigrams"], len(claim_bigrams & unit_bigrams) / len(claim_bigrams)))
        if query.figures:
            figures = idx.feature("sentence-figures", uid, _figures)
            parts.append((w["figures"], len(query.figures & figures) / len(query.figures)))
        if query.names:
            names = idx.feature("sentence-names", uid, _names)
            parts.append((w["names"], len(query.names & names) / len(query.names)))
        score = sum(a * v for a, v in parts) / sum(a for a, _ in parts)
        plain = sum(1 for t in query.terms if t in terms) / len(query.terms) if query.terms else 0.0
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
