"""The run's totals, counted once: the text, concise and JSON reports all read :func:`summarize`.

A claim's verdict is counted only when the claim carries a citation: an uncited sentence is
not a verdict on any source (claim-uncited reports the check-worthy ones), so both the text
line "cited claims: …" and JSON ``summary.verdicts`` count the same claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citecheck.model import Finding, Report

VERDICT_ORDER = ("supported", "partially_supported", "unsupported", "contradicted", "unverifiable")


@dataclass(frozen=True)
class Summary:
    """Totals of a report."""

    documents: int
    errors: int
    warnings: int
    infos: int
    claims: int
    cited_claims: int
    citations: int
    unreadable: int
    verdicts: dict[str, int] = field(default_factory=dict)  # over cited claims, in VERDICT_ORDER
    libraries: int = 0  # .bib files reported on (what `bib check` counts, having no essays)

    def line(self) -> str:
        """The one-line summary people read at the end of a text or concise report."""
        parts = [f"{self.errors} error{'s' * (self.errors != 1)}",
                 f"{self.warnings} warning{'s' * (self.warnings != 1)}",
                 f"{self.infos} info"]
        if self.documents or not self.libraries:
            text = f"{', '.join(parts)} in {self.documents} file{'s' * (self.documents != 1)}"
        else:  # `bib check`: a library alone
            text = f"{', '.join(parts)} in {self.libraries} librar{'ies' if self.libraries != 1 else 'y'}"
        if self.verdicts:
            text += "; cited claims: " + ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in self.verdicts.items())
        if self.unreadable:
            text += f"; {self.unreadable} file{'s' * (self.unreadable != 1)} could not be read"
        return text


@dataclass(slots=True)
class Tally:
    """What the summary and the exit code need of one essay: counts, kept when the essay itself
    is let go (report.stream), so a run of any length holds a few integers per essay.

    The counts by severity and verdict are kept as (name, count) pairs, read as dicts: a run
    keeps one Tally per essay, and two dicts were 370 of its 490 bytes."""

    claims: int = 0
    cited_claims: int = 0
    citations: int = 0
    severity_counts: tuple[tuple[str, int], ...] = ()  # finding severity -> count
    verdict_counts: tuple[tuple[str, int], ...] = ()  # over cited claims

    @property
    def severities(self) -> dict[str, int]:
        return dict(self.severity_counts)

    @property
    def verdicts(self) -> dict[str, int]:
        return dict(self.verdict_counts)

    @classmethod
    def of(cls, document: Any) -> Tally:
        """The counts of a whole DocumentResult (its claims and citations counted where they were
        let go, when a worker sent it without them: :func:`lists_counted`)."""
        sent = document.tally
        if sent is not None:
            tally = cls(claims=sent.claims, cited_claims=sent.cited_claims, citations=sent.citations,
                        verdict_counts=sent.verdict_counts)
        else:
            tally = cls(claims=len(document.claims), citations=len(document.citations))
            verdicts: dict[str, int] = {}
            for claim in document.claims:
                if claim.citations:
                    tally.cited_claims += 1
                    verdicts[claim.verdict] = verdicts.get(claim.verdict, 0) + 1
            tally.verdict_counts = tuple(verdicts.items())
        severities: dict[str, int] = {}
        for finding in document.findings:
            severities[finding.severity] = severities.get(finding.severity, 0) + 1
        tally.severity_counts = tuple(severities.items())
        return tally


def lists_counted(document: Any, reads: frozenset[str]) -> None:
    """Let go of the document's citations and claims that no report of the run reads (``reads``
    names those kept), keeping their counts as its tally (no severities: its findings stay and
    are counted when it is written). A worker process sends an essay so: pickling a few counts
    instead of every claim's passages (report.stream writes the same bytes either way)."""
    if reads >= {"citations", "claims"} or document.tally is not None:
        return
    document.tally = Tally.of(document)
    document.tally.severity_counts = ()
    if "citations" not in reads:
        document.citations = []
    if "claims" not in reads:
        document.claims = []


def summarize(report: Report) -> Summary:
    """Count the report's findings, claims, verdicts and unreadable files."""
    counts = report.counts()
    verdicts: dict[str, int] = {}
    claims = cited = citations = 0
    for document in report.documents:
        tally = document.tally if document.tally is not None else Tally.of(document)
        claims += tally.claims
        cited += tally.cited_claims
        citations += tally.citations
        for verdict, n in tally.verdicts.items():
            verdicts[verdict] = verdicts.get(verdict, 0) + n
    return Summary(
        documents=len(report.documents),
        libraries=len(report.libraries),
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        claims=claims,
        cited_claims=cited,
        citations=citations,
        unreadable=sum(1 for d in report.documents if d.error) + sum(1 for lib in report.libraries if lib.error),
        verdicts={v: verdicts[v] for v in sorted(verdicts, key=_verdict_rank)},
    )


def _verdict_rank(verdict: str) -> tuple[int, str]:
    return (VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER), verdict)


def finding_order(finding: Finding) -> tuple[Any, ...]:
    """Sort key of every format: file, line, column, then rule and message (stable output)."""
    span = finding.span
    where = (span.line, span.column, span.end_line, span.end_column) if span else (0, 0, 0, 0)
    return (finding.path, *where, finding.rule, finding.message, finding.fingerprint)


def ordered_findings(report: Report) -> list[Finding]:
    """Every finding of the report (libraries' and essays'), sorted by :func:`finding_order`."""
    return sorted(report.findings(), key=finding_order)
