"""Evidence: the passages of one source, ranked for one claim, and what they say of its parts.

One module per responsibility: ``terms`` (tokens, stemmer, stop words, citation markers),
``passages`` (units, the per-source index, passages, deep links, a finding's evidence dict),
``ranking`` (BM25 and re-ranking, coverage), ``quotes`` (quotation alignment) and ``figures``
(numbers and dates against the best passages). The verdict is not decided here: that is
:mod:`citecheck.verification`, which reads these.

A source's text is cut into *units* (the sentences of :func:`citecheck.claims.split_sentences`,
never crossing a blank line, long ones cut at ~1,000 characters). A *passage* is a unit with its
neighbours (unit i-1, i, i+1): the centre unit is what the passage is about and what its
location and deep link point at; the neighbours give context (pronouns, "he said:").

Ranking is two-stage:

1. BM25 (k1=1.2, b=0.75) over units, with a light suffix-stripping stemmer and English stop
   words; a passage's first-stage score is its centre's BM25 plus half its neighbours'. The
   index is an inverted file built once per source (cached), so a 5 MB source costs one pass.
2. The top :data:`RERANK_DEPTH` passages are re-ranked by a weighted sum, in [0, 1], of: the
   idf-weighted share of the claim's content words found in the centre unit and in the window,
   the relative BM25 score, rapidfuzz ``token_set_ratio``/``partial_ratio`` against the centre,
   and the share of the claim's numbers and capitalised names found in the window.
3. For what is shown, the sentences of the best :data:`~citecheck.evidence.ranking.SHOWN_DEPTH`
   windows (centres and neighbours) are re-scored on their own words (``rank_sentences``:
   coverage, BM25, the claim's adjacent term pairs, figures, names, and the window's score as
   one part); verification reads the window ranking, the reader sees the sentences.

``verify`` and ``Verification`` are still importable from here (they live in
:mod:`citecheck.verification`).
"""

from __future__ import annotations

from typing import Any

from citecheck.evidence.figures import MISMATCH_MIN_COVERAGE, FigureCheck, aligned_number
from citecheck.evidence.passages import (
    MAX_UNIT_CHARS,
    deep_link,
    passage_evidence,
    split_passages,
)
from citecheck.evidence.quotes import (
    MIN_QUOTE_WORDS,
    QUOTE_ALTERED_SIMILARITY,
    QuoteMatch,
    looks_like_title,
    match_quotation,
)
from citecheck.evidence.ranking import NEIGHBOUR_WEIGHT, RERANK_DEPTH, rank_passages
from citecheck.evidence.terms import stem, strip_citation_markers

__all__ = [
    "MAX_UNIT_CHARS",
    "MIN_QUOTE_WORDS",
    "MISMATCH_MIN_COVERAGE",
    "NEIGHBOUR_WEIGHT",
    "QUOTE_ALTERED_SIMILARITY",
    "RERANK_DEPTH",
    "FigureCheck",
    "QuoteMatch",
    "Verification",
    "aligned_number",
    "deep_link",
    "looks_like_title",
    "match_quotation",
    "passage_evidence",
    "rank_passages",
    "split_passages",
    "stem",
    "strip_citation_markers",
    "verify",
]

_FROM_VERIFICATION = ("verify", "Verification", "MISMATCH_RULES", "SUPPORTED_COVERAGE", "PARTIAL_COVERAGE")


def __getattr__(name: str) -> Any:
    # Verification sits above evidence (it imports this package); importing it lazily keeps
    # `from citecheck.evidence import verify` working without an import cycle.
    if name in _FROM_VERIFICATION:
        from citecheck import verification

        return getattr(verification, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
