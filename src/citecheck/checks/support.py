"""Support rules: what a Verification says of the claim as a whole.

- claim-unsupported: the cited source is there, but no passage of it backs the claim;
- claim-partly-supported: a passage backs part of it, but the source never states some of its
  figures, dates or names (the finding names them, the passage backing the rest is its evidence);
- claim-contradicted: the best passage says the opposite (a negation added or removed, an
  opposite word, another name in the same slot); both sides are reported.

The verdicts and matches are :mod:`citecheck.verification`'s; these only turn them into findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from citecheck.evidence.passages import passage_evidence
from citecheck.model import Claim, Finding, Mismatch, Source, Span
from citecheck.rules import MISMATCH_RULES, make_finding
from citecheck.verification import Verification

SpanOf = Callable[[int, int], Span | None]
SUPPORT_MISMATCHES = ("claim-partly-supported", "claim-contradicted")


def support_mismatches(verification: Verification) -> list[Mismatch]:
    """The Mismatches the support rules report (the details and contradictions of the claim).

    The details the source never states are listed for an ``unsupported`` claim too (rule
    claim-unsupported), so "She died on 16 November 2012" against a page without a date names
    the three parts of that date, as it would for a partly supported claim; a contradicted claim
    lists them beside what contradicts it."""
    partly = verification.verdict in ("partially_supported", "contradicted")
    unsupported = verification.verdict == "unsupported"
    out = []
    for m in verification.mismatches:
        if m.rule == "claim-contradicted" or (m.rule == "claim-partly-supported" and partly):
            out.append(m)
        elif m.rule == "claim-partly-supported" and unsupported:
            out.append(replace(m, rule="claim-unsupported"))
    return out


def check_support(claim: Claim, verification: Verification, source: Source, path: str,
                  span_of: SpanOf | None = None) -> list[Finding]:
    """claim-contradicted (error) for each contradiction of the best passage; one
    claim-partly-supported warning naming the details the source never states when the verdict
    is ``partially_supported``; a claim-unsupported warning when it is ``unsupported``. Nothing
    when another mismatch rule (number, date, quote, computed) already fired for the claim.

    The span is the claim's own (``claim.span``), or ``span_of(0, len(claim.text))`` when given;
    a contradiction's span is the claim's words that the source contradicts.
    """
    if not source.available:
        return []
    findings: list[Finding] = []
    for m in verification.mismatches:
        if m.rule != "claim-contradicted":
            continue
        where = f" ({m.passage.location})" if m.passage else ""
        findings.append(make_finding(
            "claim-contradicted",
            f"{source.id}{where} says otherwise: essay: {m.found!r}; source: {m.expected!r}",
            path, span_of(m.start, m.end) if span_of else claim.span,
            expected=m.expected, found=m.found,
            evidence=[passage_evidence(m.passage, source, kind=m.kind)], source=source.id,
        ))
    fired = [m for m in [*verification.mismatches, *claim.mismatches] if m.rule in MISMATCH_RULES]
    if fired:
        return findings
    span = claim.span
    if span is None and span_of is not None:
        span = span_of(0, len(claim.text))
    best = verification.passages[0] if verification.passages else None
    if verification.verdict == "partially_supported":
        absent = list(dict.fromkeys(m.found for m in verification.mismatches if m.rule == "claim-partly-supported"))
        if not absent:
            return findings
        where = f"; {best.location} backs the rest" if best is not None else ""
        named = ", ".join(repr(a) for a in absent)
        return [*findings, make_finding(
            "claim-partly-supported", f"{source.id} never states {named}{where}", path, span,
            found=", ".join(absent),
            evidence=[passage_evidence(best, source, coverage=round(verification.coverage, 4))],
            source=source.id,
        )]
    if verification.verdict != "unsupported":
        return findings
    if best is not None:
        message = (f"{source.id} does not back this claim: {verification.reason} "
                   f"(closest: {best.location})")
    else:
        message = f"{source.id} does not back this claim: {verification.reason}"
    absent = list(dict.fromkeys(m.found for m in verification.mismatches if m.rule == "claim-partly-supported"))
    if absent:
        message += "; it never states " + ", ".join(repr(a) for a in absent)
    return [*findings, make_finding(
        "claim-unsupported", message, path, span,
        expected=best.text if best else None, found=claim.text,
        evidence=[passage_evidence(best, source, coverage=round(verification.coverage, 4))],
        source=source.id,
    )]
