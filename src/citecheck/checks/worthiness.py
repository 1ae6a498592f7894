"""claim-uncited: a check-worthy sentence with no citation in scope.

Scope is decided by ``claims.extract_claims`` (DESIGN.md, Decisions → Scope); this check only
reads ``Claim.citations`` and ``Claim.worthiness``.
"""

from __future__ import annotations

from citecheck.claims import WORTHINESS_THRESHOLD, claim_features
from citecheck.model import Claim, Document, Finding
from citecheck.rules import make_finding


def check_uncited(doc: Document, claims: list[Claim], threshold: float = WORTHINESS_THRESHOLD) -> list[Finding]:
    """A claim-uncited finding for each claim without citations whose worthiness reaches ``threshold``."""
    findings: list[Finding] = []
    for claim in claims:
        if claim.citations or claim.worthiness < threshold:
            continue
        if claim.masked == claim.text:  # what the claim carries was parsed from this very text
            features = claim_features(claim.text, dates=claim.dates, quantities=claim.quantities,
                                      quotations=claim.quotations)
        else:
            features = claim_features(claim.text)
        reasons = features.describe()
        what = _join(reasons) if reasons else "a specific factual statement"
        message = f"states {what} with no citation in scope"
        findings.append(make_finding(
            "claim-uncited",
            message,
            doc.path,
            claim.span if claim.span is not None else doc.span(claim.start, claim.end),
            expected="a citation in this sentence, or at the end of its paragraph",
            found="; ".join(reasons + [f"check-worthiness {claim.worthiness:.2f}"]),
        ))
    return findings


def _join(parts: list[str]) -> str:
    parts = parts[:3]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
