"""number-mismatch / date-mismatch: figures of a claim against the best passage of its source.

A quantity is compared with the quantities of the same counted noun or unit ("1,436
delegates", "12%") in the passages that best match the claim; a date with the dates of the
passage that best matches the claim's *other* words (the same event). A mismatch is reported
only when that passage holds a figure of the same kind, no passage in the top three holds a
compatible one, the passage shares at least half of the claim's other content words, and the
claimed number appears nowhere in the source (precision first: when unsure, no finding).

The comparison is made in :mod:`citecheck.verification` (this check only reports its
mismatches). Hedges widen it; each hedge's tolerance is the run's
:class:`citecheck.claims.Tolerances` (defaults :data:`citecheck.claims.HEDGE_TOLERANCE`)
(e.g. "some"/"about" ±10 %, "nearly" -10 %..0, "over" anything above), applied by
:func:`citecheck.claims.quantity_matches`; a written number is also allowed its rounding
("2.5 million"). Dates agree when their day intervals overlap
(:func:`citecheck.claims.dates_compatible`: "1956" agrees with "25 February 1956").
"""

from __future__ import annotations

import math
from collections.abc import Callable

from citecheck.claims import DEFAULT_TOLERANCES, Tolerances
from citecheck.evidence.passages import passage_evidence
from citecheck.model import Claim, Finding, Mismatch, Source, Span
from citecheck.rules import make_finding
from citecheck.verification import Verification, verify_claim

SpanOf = Callable[[int, int], Span | None]
RULES = ("number-mismatch", "date-mismatch")


def check_numbers(claim: Claim, source: Source, path: str, span_of: SpanOf, *,
                  verification: Verification | None = None,
                  tolerances: Tolerances = DEFAULT_TOLERANCES) -> tuple[list[Finding], list[Mismatch]]:
    """Findings and Mismatches for the numbers and dates of ``claim`` that ``source`` contradicts.

    ``verification`` is :func:`citecheck.verification.verify_claim`'s result for this pair
    (computed here with ``tolerances`` when not given).
    """
    if not source.available:
        return [], []
    if verification is None:
        verification = verify_claim(claim, source, tolerances=tolerances)
    findings: list[Finding] = []
    mismatches: list[Mismatch] = []
    for mismatch in verification.mismatches:
        if mismatch.rule not in RULES:
            continue
        where = f" ({mismatch.passage.location})" if mismatch.passage else ""
        what = "quantity" if mismatch.rule == "number-mismatch" else "date"
        message = f"{what} differs from {source.id}{where}: essay: {mismatch.found}; source: {mismatch.expected}"
        note = _tolerance_note(claim, mismatch, tolerances) if what == "quantity" else ""
        if note:
            message += f" ({note})"
        findings.append(make_finding(
            mismatch.rule, message, path, span_of(mismatch.start, mismatch.end),
            expected=mismatch.expected, found=mismatch.found,
            evidence=[passage_evidence(mismatch.passage, source)], source=source.id,
        ))
        mismatches.append(mismatch)
    return findings, mismatches


def _tolerance_note(claim: Claim, mismatch: Mismatch, tolerances: Tolerances) -> str:
    """'"about" allows -10%..+10%' for a hedged figure, '' otherwise."""
    for q in claim.quantities:
        overlaps = q.start <= mismatch.start < q.end or mismatch.start <= q.start < mismatch.end
        if overlaps and q.hedge and q.hedge in tolerances:
            low, high = tolerances[q.hedge]
            hi = "any more" if math.isinf(high) else f"{high:+.0%}"
            return f'"{q.hedge}" allows {low:+.0%}..{hi}'
    return ""
