"""claim-unsupported: the cited source is there, but no passage of it backs the claim."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.evidence.passages import passage_evidence
from citecheck.model import Claim, Finding, Source, Span
from citecheck.rules import MISMATCH_RULES, make_finding
from citecheck.verification import Verification

SpanOf = Callable[[int, int], Span | None]


def check_support(claim: Claim, verification: Verification, source: Source, path: str,
                  span_of: SpanOf | None = None) -> list[Finding]:
    """A claim-unsupported warning when ``source`` has text, ``verification.verdict`` is
    ``unsupported``, and no mismatch rule (number, date, quote, computed) already fired for the
    claim (in ``verification.mismatches`` or ``claim.mismatches``). Evidence: the best passage.

    The span is the claim's own (``claim.span``), or ``span_of(0, len(claim.text))`` when given.
    """
    if not source.available or verification.verdict != "unsupported":
        return []
    fired = [m for m in [*verification.mismatches, *claim.mismatches] if m.rule in MISMATCH_RULES]
    if fired:
        return []
    span = claim.span
    if span is None and span_of is not None:
        span = span_of(0, len(claim.text))
    best = verification.passages[0] if verification.passages else None
    if best is not None:
        message = (f"{source.id} does not back this claim: {verification.reason} "
                   f"(closest: {best.location})")
    else:
        message = f"{source.id} does not back this claim: {verification.reason}"
    return [make_finding(
        "claim-unsupported", message, path, span,
        expected=best.text if best else None, found=claim.text,
        evidence=[passage_evidence(best, source, coverage=round(verification.coverage, 4))],
        source=source.id,
    )]
