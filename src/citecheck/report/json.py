"""``--format json``: the versioned machine contract (schema: citecheck/schemas/report-v1.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from citecheck import __version__
from citecheck.model import Citation, Claim, DocumentResult, Mismatch, Report
from citecheck.report.summary import finding_order, summarize

VERSION = 1
DOCUMENT_INDENT = 4  # spaces before a document of the "documents" list (report.stream)


def _citation(citation: Citation) -> dict[str, Any]:
    resolution = citation.resolution
    return {
        "style": citation.style,
        "marker": citation.marker,
        "key": citation.key,
        "names": citation.names,
        "year": citation.year,
        "title": citation.title,
        "locator": citation.locator.to_json() if citation.locator else None,
        "prefix": citation.prefix,
        "suffix": citation.suffix,
        "number": citation.number,
        "url": citation.url,
        "narrative": citation.narrative,
        "footnote": citation.footnote,
        "span": citation.span.to_json() if citation.span else None,
        "resolution": (
            {"status": resolution.status, "keys": resolution.keys, "reason": resolution.reason}
            if resolution
            else None
        ),
    }


def _mismatch(mismatch: Mismatch) -> dict[str, Any]:
    return {
        "kind": mismatch.kind,
        "rule": mismatch.rule,
        "text": mismatch.claim_text,
        "expected": mismatch.expected,
        "found": mismatch.found,
        "span": mismatch.span.to_json() if mismatch.span else None,
        "passage": mismatch.passage.to_json() if mismatch.passage else None,
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "span": claim.span.to_json() if claim.span else None,
        "check_worthiness": round(claim.worthiness, 4),
        "citations": claim.citations,
        "verdict": claim.verdict,
        "reason": claim.reason or None,
        "quantities": [
            {"value": q.value, "text": q.text, "unit": q.unit, "hedge": q.hedge} for q in claim.quantities if not q.is_year
        ],
        "dates": [
            {"text": d.text, "year": d.year, "year_end": d.year_end, "month": d.month, "day": d.day,
             "precision": d.precision}
            for d in claim.dates
        ],
        "quotations": [q.text for q in claim.quotations],
        "evidence": [p.to_json() for p in claim.evidence],
        "mismatches": [_mismatch(m) for m in claim.mismatches],
    }


def _document(d: DocumentResult) -> dict[str, Any]:
    return {
        "path": d.path,
        "format": d.format,
        "error": d.error,
        "bibliography": d.bibliography,
        "citations": [_citation(c) for c in d.citations],
        "claims": [_claim(c) for c in d.claims],
        "findings": [f.to_json() for f in sorted(d.findings, key=finding_order)],
    }


def to_dict(report: Report, documents: bool = True) -> dict[str, Any]:
    """The report as plain JSON-ready data (``documents=False``: with an empty documents list)."""
    summary = summarize(report)
    return {
        "version": VERSION,
        "tool": {"name": "citecheck", "version": __version__},
        "documents": [_document(d) for d in report.documents] if documents else [],
        "library": [
            {"path": lib.path, "entries": lib.entries, "error": lib.error,
             "findings": [f.to_json() for f in sorted(lib.findings, key=finding_order)]}
            for lib in report.libraries
        ],
        "sources": [s.to_json() for s in report.sources],
        "summary": {
            "documents": summary.documents,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "claims": summary.claims,
            "cited_claims": summary.cited_claims,
            "citations": summary.citations,
            "unreadable": summary.unreadable,
            "verdicts": summary.verdicts,  # over claims that carry a citation, as in the text summary
            "fail_on": report.fail_on,
            "exit_code": report.exit_code(),
        },
    }


_PLACEHOLDER = '\n  "documents": [],\n'


def render(report: Report) -> str:
    """``json.dumps(to_dict(report), indent=2)``, built one document at a time (flat memory).

    Only one document's data is held as Python objects at once: the whole report's dict tree is
    several times the size of its text. Each document is dumped on its own and indented to its
    depth; JSON escapes newlines inside strings, so re-indenting line by line gives the same bytes.
    """
    head = json.dumps(to_dict(report, documents=False), indent=2, ensure_ascii=False)
    if not report.documents:
        return head + "\n"
    before, sep, after = head.partition(_PLACEHOLDER)
    if not sep:  # the layout changed: fall back to the one-piece dump
        return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
    parts = [before, '\n  "documents": [\n']
    for index, document in enumerate(report.documents):
        if index:
            parts.append(",\n")
        text = json.dumps(_document(document), indent=2, ensure_ascii=False)
        parts.append("\n".join("    " + line for line in text.split("\n")))
    parts.append("\n  ],\n")
    parts.append(after)
    parts.append("\n")
    return "".join(parts)
