"""Citation rules: undefined, ambiguous, year-mismatch, page-out-of-range; unused and
incomplete library entries."""

from __future__ import annotations

import re
from typing import Any

from citecheck.library import Library
from citecheck.model import Citation, Document, Finding, Reference
from citecheck.rules import make_finding

# Fields an entry type needs; a tuple means "any one of these".
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journal", "journaltitle"), ("year", "date")],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year", "date")],
    "mvbook": [("author", "editor"), ("title",), ("publisher",), ("year", "date")],
    "inbook": [("author",), ("title",), ("booktitle",), ("year", "date")],
    "incollection": [("author",), ("title",), ("booktitle",), ("year", "date")],
    "inproceedings": [("author",), ("title",), ("booktitle",), ("year", "date")],
    "conference": [("author",), ("title",), ("booktitle",), ("year", "date")],
    "collection": [("editor",), ("title",), ("year", "date")],
    "proceedings": [("title",), ("year", "date")],
    "phdthesis": [("author",), ("title",), ("school", "institution"), ("year", "date")],
    "mastersthesis": [("author",), ("title",), ("school", "institution"), ("year", "date")],
    "thesis": [("author",), ("title",), ("school", "institution"), ("year", "date")],
    "techreport": [("author",), ("title",), ("institution",), ("year", "date")],
    "report": [("author",), ("title",), ("institution",), ("year", "date")],
    "online": [("title",), ("url",), ("urldate",)],
    "webpage": [("title",), ("url",), ("urldate",)],
    "electronic": [("title",), ("url",), ("urldate",)],
    "www": [("title",), ("url",), ("urldate",)],
    "manual": [("title",)],
    "unpublished": [("author",), ("title",), ("note", "howpublished", "year", "date")],
    "misc": [("title",)],
}


def _evidence(library: Library, keys: list[str]) -> list[dict[str, Any]]:
    out = []
    for key in keys:
        ref = library.references.get(key)
        if ref is not None:
            out.append({"entry": key, "bib": ref.bib_path, "line": ref.line})
    return out


def _cited(c: Citation) -> str:
    if c.key:
        return f"@{c.key}"
    if c.number is not None:
        return f"[{c.number}]"
    who = " and ".join(c.names) if c.names else (c.url or c.marker)
    return f"{who} {c.year}" if c.year else who


def check_citations(doc: Document, citations: list[Citation], library: Library) -> list[Finding]:
    """Findings for resolved citations: undefined, ambiguous, year mismatch, page out of range."""
    findings: list[Finding] = []
    for c in citations:
        res = c.resolution
        if res is None:
            continue
        span = c.span or doc.span(c.start, c.end)
        what = _cited(c)
        if res.status == "undefined":
            findings.append(make_finding(
                "citation-undefined", f"citation {what} matches no library entry ({res.reason})",
                doc.path, span, expected="a library entry for " + what, found="none",
                evidence=[{"citation": c.marker, "reason": res.reason}]))
        elif res.status == "ambiguous":
            findings.append(make_finding(
                "citation-ambiguous", f"citation {what} matches {len(res.keys)} entries: "
                + ", ".join(res.keys), doc.path, span, expected="one entry",
                found=", ".join(res.keys), evidence=_evidence(library, res.keys)))
        elif res.status == "year-mismatch":
            years = sorted({library.references[k].year or "n.d." for k in res.keys if k in library.references})
            findings.append(make_finding(
                "citation-year-mismatch", f"citation {what}: {res.reason}", doc.path, span,
                expected=", ".join(years), found=c.year, evidence=_evidence(library, res.keys)))
        elif res.status == "resolved" and len(res.keys) == 1:
            finding = _page_check(doc, c, library.references[res.keys[0]], library)
            if finding:
                findings.append(finding)
    return findings


def page_bounds(ref: Reference) -> tuple[int, int, str] | None:
    """The first and last page the entry covers: ``pages`` ("123--145") or 1..``pagetotal``."""
    pages = ref.fields.get("pages", "")
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-–—]+\s*(\d+))?\s*", pages)
    if m:
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if ref.entry_type in ("article", "inbook", "incollection", "inproceedings", "conference") \
                or m.group(2):
            return (first, last, "pages") if last >= first else None
    total = ref.fields.get("pagetotal", "")
    if total.strip().isdigit():
        return (1, int(total.strip()), "pagetotal")
    return None


def _page_check(doc: Document, c: Citation, ref: Reference, library: Library) -> Finding | None:
    loc = c.locator
    if loc is None or loc.label != "page" or loc.first is None:
        return None
    bounds = page_bounds(ref)
    if bounds is None:
        return None
    lo, hi, source = bounds
    last = loc.last if loc.last is not None else loc.first
    if lo <= loc.first and last <= hi:
        return None
    return make_finding(
        "citation-page-out-of-range",
        f"page {loc.value} is outside {ref.key} ({source} {lo}–{hi})",
        doc.path, c.span or doc.span(c.start, c.end), expected=f"a page in {lo}–{hi}", found=loc.value,
        evidence=_evidence(library, [ref.key]), source=ref.key)


def check_library(library: Library, cited_keys: set[str]) -> list[Finding]:
    """reference-unused (never cited) and reference-incomplete (missing fields) findings."""
    findings: list[Finding] = []
    for key, ref in library.references.items():
        span = library.span_of(key)
        evidence = _evidence(library, [key])
        if key not in cited_keys:
            findings.append(make_finding(
                "reference-unused", f"entry {key} is never cited", ref.bib_path, span,
                expected="a citation of " + key, found="none", evidence=evidence, source=key))
        missing = missing_fields(ref)
        if missing:
            findings.append(make_finding(
                "reference-incomplete",
                f"@{ref.entry_type} {key} lacks " + ", ".join(missing), ref.bib_path, span,
                expected=", ".join(missing), found=", ".join(sorted(ref.fields)) or "no fields",
                evidence=evidence, source=key))
    return findings


def missing_fields(ref: Reference) -> list[str]:
    """The fields (or alternatives, "journal or journaltitle") that ``ref``'s type needs and lacks."""
    needs = list(REQUIRED.get(ref.entry_type, [("title",)]))
    if ref.entry_type == "misc" and ref.fields.get("url"):
        needs.append(("urldate",))
    missing = []
    for alternatives in needs:
        if not any(ref.fields.get(a, "").strip() for a in alternatives):
            missing.append(" or ".join(alternatives))
    return missing
