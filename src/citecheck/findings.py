"""One essay's findings, and the per-claim flow: citation rules, claim-uncited, then for each
claim and each source it cites the one verification (:func:`citecheck.verification.verify_claim`)
turned into findings by the checks, and the claim's verdict over its sources; then suppressions,
fingerprints, and the finishing every finding gets (expected / found / evidence filled in,
per-rule severities, rule selection).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.config import Config
from citecheck.model import (
    Citation,
    Claim,
    Document,
    DocumentResult,
    Finding,
    Reference,
    Report,
    Source,
)
from citecheck.rules import EXPECTS

if TYPE_CHECKING:
    from citecheck.pipeline import _Parsed, _Run


def _findings_for(doc: Document, citations: list[Citation], claims: list[Claim], library: Any,
                  run: _Run, parsed: _Parsed | None = None) -> list[Finding]:
    from citecheck.checks.citations import check_citations
    from citecheck.checks.worthiness import check_uncited

    findings: list[Finding] = []
    if library is not None:
        findings.extend(check_citations(doc, citations, library))
    if parsed is not None:
        findings.extend(parsed.reference_findings)
        if parsed.own_library is not None:
            from citecheck.references.essay import unused_entries

            cited = {k for c in citations if c.resolution and c.resolution.status == "resolved"
                     for k in c.resolution.keys}
            findings.extend(unused_entries(parsed.own_library, cited, doc.path))
            if run.reference_outcomes:  # check-references on the essay's own Works Cited list
                from citecheck.checks.references import outcome_findings

                findings.extend(outcome_findings(run.reference_outcomes, [parsed.own_library]))
    missing = run.no_library.pop(doc.path, None)  # this essay's, used once: the run does not keep it
    if missing is not None:  # one finding that says why every citation is undefined
        findings.append(missing)
    threshold = run.config_for(doc.path).get("worthiness-threshold")
    findings.extend(check_uncited(doc, claims) if threshold is None else check_uncited(doc, claims, threshold))
    findings.extend(_verify_claims(doc, citations, claims, library, run))
    if run.reference_records and library is not None:
        from citecheck.checks.references import check_record_pages

        findings.extend(check_record_pages(doc, citations, library, run.reference_records))
    from citecheck.checks.suppression import apply_suppressions

    findings = apply_suppressions(doc, findings)
    for finding in findings:
        finding.fingerprint = fingerprint(finding, doc)
    return findings


def _source_for(citation: Citation, library: Any, run: _Run) -> tuple[Source | None, Reference | None]:
    """The Source a citation points at, fetched once per run."""
    resolution = citation.resolution
    provider = run.provider
    if resolution and resolution.status == "resolved" and resolution.keys and library is not None:
        ref = library.references[resolution.keys[0]]
        # Keyed by the library too: two essays' own reference lists (or two .bib files) may both
        # have a "grant2010", and each must be checked against its own entry's source.
        held = f"{ref.bib_path}\0{ref.key}"
        known = run.sources.get(held)
        if known is None or known.kept_words is not None:  # never got, or let go by the LRU: get it again
            run.sources[held] = provider.for_reference(ref, Path(ref.bib_path).parent)
        return run.use_source(held), ref
    if citation.style == "link" and citation.url:
        known = run.sources.get(citation.url)
        if known is None or known.kept_words is not None:
            run.sources[citation.url] = provider.for_url(citation.url)
        return run.use_source(citation.url), None
    return None, None


def _verify_claims(doc: Document, citations: list[Citation], claims: list[Claim], library: Any,
                   run: _Run) -> list[Finding]:
    """Every claim's findings against the sources it cites, in claim order. A long essay's claims
    are spread over ``run.claim_jobs`` processes (:mod:`citecheck.claim_pool`): same findings."""
    flow = ClaimFlow(doc, citations, library, run)
    findings: list[Finding] = []
    if run.claim_jobs > 1 and len(claims) >= CLAIMS_TO_SPREAD:
        from citecheck.claim_pool import spread

        for _, entries in spread(flow, claims, run.claim_jobs):
            for _, found in entries:
                findings.extend(found)
        return findings
    for claim in claims:
        for _, found in flow.claim(claim):
            findings.extend(found)
    return findings


# Claims an essay needs before they are spread over processes: below it, starting the workers
# and sending the results back costs about what it saves.
CLAIMS_TO_SPREAD = 400


class ClaimFlow:
    """The per-claim flow of one essay: a claim's sources, the one verification against each,
    the checks that turn it into findings, and the claim's verdict over its sources.

    A link's findings and a work's "no text" finding are made once per essay (for the first
    claim citing them): :meth:`claim` returns each with a key naming what it is made once for,
    so claims checked in several processes are merged into what one process gives.
    """

    def __init__(self, doc: Document, citations: list[Citation], library: Any, run: _Run) -> None:
        self.doc, self.citations, self.library, self.run = doc, citations, library, run
        self.references = library.references if library is not None else {}
        self.linked: set[tuple[str, int]] = set()

    def sources(self, claims: list[Claim]) -> None:
        """Get every source the claims cite, in the order :meth:`claim` first asks for them."""
        seen: set[int] = set()
        for claim in claims:
            for index in claim.citations:
                if index not in seen:
                    seen.add(index)
                    _source_for(self.citations[index], self.library, self.run)

    def claim(self, claim: Claim) -> list[tuple[tuple[str, ...] | None, list[Finding]]]:
        """The claim's findings in report order, as (key, findings): findings with a key are the
        essay's once-only findings (kept only where the key is first met); None: this claim's own.
        Sets the claim's verdict, reason, evidence and mismatches."""
        from citecheck.checks.computed import check_computed
        from citecheck.checks.links import check_link

        doc, citations, library, run = self.doc, self.citations, self.library, self.run
        out: list[tuple[tuple[str, ...] | None, list[Finding]]] = []

        def span_of(start: int, end: int, claim: Claim = claim) -> Any:
            return doc.span(claim.start + start, claim.start + end)

        verdicts: list[tuple[str, str]] = []  # (verdict, reason) per cited source, in order
        claim_findings: list[Finding] = []
        cited_keys: list[str] = []
        verified: set[tuple[str | None, str]] = set()  # the sources this claim was checked against
        for index in claim.citations:
            citation = citations[index]
            source, ref = _source_for(citation, library, run)
            if ref is not None:
                cited_keys.append(ref.key)
            if source is None:
                resolution = citation.resolution
                status = resolution.status if resolution else "unresolved"
                detail = f": {resolution.reason}" if resolution and resolution.reason else ""
                verdicts.append(("unverifiable", f"citation {citation.marker} is {status}{detail}"))
                continue
            if source.url and (source.id, index) not in self.linked and citation.span is not None:
                self.linked.add((source.id, index))
                out.append((("link", source.id, str(index)),
                            check_link(source, doc.path, citation.span, claim.text)))
            if not source.available:
                reason = source.reason or f"no text for {source.id}"
                verdicts.append(("unverifiable", f"{source.id}: {reason}"))
                if source.status in ("none", "file") and (doc.path, source.id) not in run.unverifiable_reported:
                    run.unverifiable_reported.add((doc.path, source.id))
                    out.append((("no-text", doc.path, source.id),
                                [_no_text_finding(source, reason, doc.path, citation.span)]))
                continue
            # "(Smith 2001, 3; Smith 2001, 5)", a marker and a footnote citing one work: the claim is
            # checked against that source once, so each mismatch is one finding.
            identity = (ref.bib_path, ref.key) if ref is not None else (None, source.id)
            if identity in verified:
                continue
            verified.add(identity)
            # The one verification of this claim against this source; the checks below only
            # turn its matches into findings. (Imported here: an essay whose sources have no
            # text never loads the evidence modules, a fifth of start-up.)
            from citecheck.checks.numbers import check_numbers
            from citecheck.checks.quotes import check_quotes
            from citecheck.checks.support import check_support, support_mismatches
            from citecheck.verification import verify_claim

            verification = verify_claim(claim, source, tolerances=run.tolerances, entry=ref)
            quote_findings, quote_mismatches = check_quotes(claim, source, doc.path, span_of,
                                                            verification=verification)
            number_findings, number_mismatches = check_numbers(claim, source, doc.path, span_of,
                                                               verification=verification,
                                                               tolerances=run.tolerances)
            # Copies: a cached verification is shared by every claim with the same text.
            mismatches = [replace(m, span=span_of(m.start, m.end)) for m in quote_mismatches + number_mismatches]
            claim.mismatches.extend(mismatches)
            claim_findings.extend(quote_findings + number_findings)
            if not claim.evidence:
                claim.evidence = verification.passages
            claim_findings.extend(check_support(claim, verification, source, doc.path, span_of))
            claim.mismatches.extend(replace(m, span=span_of(m.start, m.end)) for m in support_mismatches(verification))
            verdicts.append((verification.verdict, verification.reason))
        computed, abstentions = check_computed(claim, doc.path, span_of, self.references, cited_keys, run.provider,
                                               run.tolerances)
        claim_findings.extend(computed)
        if computed:
            verdicts.append(("contradicted", computed[0].message))
        decided = None
        if verdicts:
            from citecheck.verdicts import claim_verdict

            decided = claim_verdict(verdicts)
        if decided is not None:
            claim.verdict, claim.reason = decided  # type: ignore[assignment]
        elif claim.citations:
            claim.verdict, claim.reason = "unverifiable", "no source text for its citations"
        else:
            claim.verdict, claim.reason = "unverifiable", "no citation in scope"
        if abstentions and claim.verdict == "unverifiable":
            claim.reason = "; ".join([claim.reason, *abstentions]) if claim.reason else "; ".join(abstentions)
        elif abstentions:
            claim.reason = (claim.reason + "; " if claim.reason else "") + "; ".join(abstentions)
        out.append((None, claim_findings))
        return out


def _no_text_finding(source: Source, reason: str, path: str, span: Any) -> Finding:
    """source-unreadable for a local file without usable text; source-unverifiable for a print work."""
    from citecheck.rules import make_finding

    evidence = [{"source": source.id, "status": source.status, "path": source.path}]
    if source.path:
        return make_finding("source-unreadable", f"{source.id}: {reason}; claims citing it are unverifiable",
                            path, span, expected="a readable text of the work", found=reason,
                            source=source.id, evidence=evidence)
    return make_finding("source-unverifiable", f"{source.id}: {reason}; claims citing it are unverifiable",
                        path, span, found=reason, source=source.id, evidence=evidence)


def _no_library_finding(doc: Document, citation: Citation, searched: list[str]) -> Finding:
    from citecheck.rules import make_finding

    return make_finding(
        "library-not-found",
        "the essay cites works but no BibTeX library was found for it, so its citations cannot be "
        "resolved; searched: " + "; ".join(searched),
        doc.path, citation.span, expected="a .bib file (--bib, front matter, config `bibliography`, or "
        "references.bib beside the essay)", found="no library", evidence=[{"text": place} for place in searched])


def _select(findings: list[Finding], config: Config) -> list[Finding]:
    """The findings whose rules select / ignore / per-file-ignores leave on for their file."""
    rules = config.rule_filter()
    return [f for f in findings if rules.allows(f.rule, f.path)]


def _complete_findings(report: Report, documents: bool = True) -> None:
    """Every finding says what was expected, what was found and shows evidence.

    Checks fill these where they know more; otherwise the rule's registry text is the expected
    value, the text at the span is what was found, and that text is the evidence.
    """
    if documents:
        for doc in report.documents:
            _complete_document(doc)
    for lib in report.libraries:
        for finding in lib.findings:
            _complete_finding(finding, lib.source)


def _complete_document(doc: DocumentResult) -> None:
    for finding in doc.findings:
        _complete_finding(finding, doc.source)


def _complete_finding(finding: Finding, source: str) -> None:
    if finding.expected is None:
        finding.expected = EXPECTS.get(finding.rule) or None
    text = ""
    if finding.span is not None and source:
        text = " ".join(source[finding.span.start:finding.span.end].split())
    if finding.found is None and text:
        finding.found = text[:300]
    if not finding.evidence and text:
        finding.evidence = [{"text": text[:500], "location": f"{finding.path}:{finding.span.line}"}]  # type: ignore[union-attr]


def _apply_severities(report: Report, config: Config, documents: bool = True) -> None:
    if documents:
        for doc in report.documents:
            doc.findings = _apply_severities_to(doc.findings, config)
    for lib in report.libraries:
        lib.findings = _apply_severities_to(lib.findings, config)


def _apply_severities_to(findings: list[Finding], config: Config) -> list[Finding]:
    """Per-rule severities from config: a rule set to "off" is dropped. Works in place, returns the kept."""
    overrides: dict[str, str] = config.get("severity")
    if not overrides:
        return findings
    kept = []
    for finding in findings:
        level = overrides.get(finding.rule)
        if level == "off":
            continue
        if level:
            finding.severity = level  # type: ignore[assignment]
        kept.append(finding)
    findings[:] = kept
    return findings


def fingerprint(finding: Finding, doc: Document | None) -> str:
    """A stable id: rule + the normalised text at the span + source (not the line number)."""
    text = ""
    if doc is not None and finding.span is not None:
        text = " ".join(doc.source[finding.span.start:finding.span.end].split()).lower()
    raw = "\x1f".join([finding.rule, finding.path, text, finding.source or "", finding.found or ""])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
