"""Reference rules: identifier syntax (doi/isbn/issn-invalid), existence and agreement with the
indexes (reference-not-found / -identifier-mismatch / -metadata-mismatch / -retracted /
-unverified), and citation-page-out-of-range from an index record's pages.

The look-ups themselves live in :mod:`citecheck.references.exist`; this module only turns their
outcomes into findings located on the .bib entry (or the field) they concern.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from citecheck.checks import make_finding
from citecheck.library import Library
from citecheck.model import Citation, Document, Finding, LineIndex, Reference, Span
from citecheck.references.exist import INDEX_NAMES, Outcome
from citecheck.references.identifiers import identifiers
from citecheck.references.match import Record


class BibText:
    """The .bib files' texts, read once, to point findings at a field rather than the entry."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[str, LineIndex] | None] = {}

    def _get(self, path: str) -> tuple[str, LineIndex] | None:
        if path not in self._texts:
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
                self._texts[path] = (text, LineIndex(text))
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def field_span(self, library: Library, ref: Reference, name: str) -> Span | None:
        """The span of ``name = …`` inside the entry, else the entry's own span."""
        entry = library.span_of(ref.key)
        loaded = self._get(ref.bib_path)
        if entry is None or loaded is None:
            return entry
        text, index = loaded
        nxt = re.compile(r"\n\s*@").search(text, entry.start + 1)
        end = nxt.start() if nxt else len(text)
        m = re.compile(r"(?im)^[ \t]*(" + re.escape(name) + r")\s*=\s*[{\"]?").search(text, entry.start, end)
        if not m:
            return entry
        line_end = text.find("\n", m.start())
        return index.span(ref.bib_path, m.start(1), line_end if 0 <= line_end < end else end)


def _evidence(ref: Reference, **more: Any) -> dict[str, Any]:
    return {"entry": ref.key, "bib": ref.bib_path, "line": ref.line, **more}


def check_identifiers(library: Library, texts: BibText | None = None) -> list[Finding]:
    """doi-invalid, isbn-invalid and issn-invalid for every entry (no network)."""
    texts = texts or BibText()
    findings: list[Finding] = []
    for ref in library.references.values():
        for ident in identifiers(ref):
            if ident.problem is None:
                continue
            rule = f"{ident.kind}-invalid"
            what = ident.kind.upper()
            findings.append(make_finding(
                rule, f"{ref.key}: {ident.field} `{ident.raw}` is not a valid {what}: {ident.problem}",
                ref.bib_path, texts.field_span(library, ref, ident.field),
                expected=f"a valid {what}", found=ident.raw,
                evidence=[_evidence(ref, field=ident.field, problem=ident.problem)], source=ref.key))
    return findings


def _record_evidence(record: Record) -> dict[str, Any]:
    shown: dict[str, Any] = {"index": INDEX_NAMES.get(record.index, record.index), "record": record.id,
                             "url": record.url, "title": record.full_title, "authors": record.authors[:10],
                             "year": record.year}
    if record.container:
        shown["container"] = record.container
    if record.pages:
        shown["pages"] = record.pages
    if record.volume:
        shown["volume"] = record.volume
    return shown


def reference_findings(outcome: Outcome, library: Library, texts: BibText | None = None) -> list[Finding]:
    """The findings an outcome calls for (none for ``ok`` and ``skipped``, besides a retraction)."""
    texts = texts or BibText()
    ref = outcome.ref
    findings: list[Finding] = []
    asked = {"asked": outcome.asked}
    span = library.span_of(ref.key)
    title = " ".join(ref.fields.get("title", "").split())
    record = outcome.record
    if outcome.verdict == "not-found":
        indexes = sorted({a.split(":", 1)[0] for a in outcome.asked})
        searched = f"; searched for \u201c{outcome.searched}\u201d" if outcome.searched else ""
        findings.append(make_finding(
            "reference-not-found",
            f"{ref.key}: no record in {', '.join(indexes)} matches this entry ({outcome.reason}){searched}",
            ref.bib_path, span, expected="a record of the work in a bibliographic index",
            found="no matching record", evidence=[_evidence(ref, title=title, **asked)], source=ref.key))
    elif outcome.verdict == "identifier-mismatch" and record is not None and outcome.identifier is not None:
        ident = outcome.identifier
        findings.append(make_finding(
            "reference-identifier-mismatch",
            f"{ref.key}: {ident.kind.upper()} {ident.raw} belongs to another work: "
            f"{INDEX_NAMES[record.index]} has {record.describe()}",
            ref.bib_path, texts.field_span(library, ref, ident.field),
            expected=f"the record of \u201c{title}\u201d", found=record.describe(),
            evidence=[_evidence(ref, title=title, author=ref.fields.get("author", ""), year=ref.year, **asked),
                      _record_evidence(record)], source=ref.key))
    elif outcome.verdict == "metadata-mismatch":
        fields = ", ".join(f"{name}: `{mine}` vs `{theirs}`" for name, mine, theirs in outcome.differences)
        against = f"{INDEX_NAMES[record.index]} {record.id}" if record is not None else "the indexes"
        first = outcome.differences[0][0] if outcome.differences else "title"
        findings.append(make_finding(
            "reference-metadata-mismatch", f"{ref.key}: differs from {against} — {fields}",
            ref.bib_path, texts.field_span(library, ref, first),
            expected="; ".join(f"{name} = {theirs}" for name, _m, theirs in outcome.differences),
            found="; ".join(f"{name} = {mine}" for name, mine, _t in outcome.differences),
            evidence=[_evidence(ref, fields=[{"field": n, "entry": m, "record": t} for n, m, t in outcome.differences],
                                fixes=outcome.fixes, **asked)] + ([_record_evidence(record)] if record else []),
            source=ref.key))
    elif outcome.verdict == "unverified":
        findings.append(make_finding(
            "reference-unverified", f"{ref.key}: could not verify this entry ({outcome.reason})",
            ref.bib_path, span, expected="an answer from the indexes", found=outcome.reason,
            evidence=[_evidence(ref, title=title, **asked)], source=ref.key))
    if record is not None and record.retracted and outcome.verdict != "identifier-mismatch":
        findings.append(make_finding(
            "reference-retracted", f"{ref.key}: the work is retracted ({record.retraction})",
            ref.bib_path, span, expected="a work that stands", found=record.retraction,
            evidence=[_evidence(ref, title=title), _record_evidence(record)], source=ref.key))
    return findings


def outcome_findings(outcomes: list[Outcome], libraries: list[Library]) -> list[Finding]:
    """The findings of many outcomes, each located in the library that holds its entry."""
    texts = BibText()
    findings: list[Finding] = []
    for outcome in outcomes:
        ref = outcome.ref
        library = next((lib for lib in libraries if lib.references.get(ref.key) is not None
                        and lib.references[ref.key].bib_path == ref.bib_path), None)
        if library is not None:
            findings.extend(reference_findings(outcome, library, texts))
    return findings


def record_page_bounds(record: Record) -> tuple[int, int, str] | None:
    """The pages a record says the work covers: an article's range, or a book edition's page count."""
    m = re.fullmatch(r"\s*(\d+)\s*[-\u2013]\s*(\d+)\s*", record.pages or "")
    if m and int(m.group(2)) >= int(m.group(1)):
        return int(m.group(1)), int(m.group(2)), f"pages {m.group(1)}–{m.group(2)}"
    if record.page_count:
        return 1, record.page_count, f"{record.page_count} pages"
    return None


def check_record_pages(doc: Document, citations: list[Citation], library: Library,
                       records: dict[tuple[str, str], Record]) -> list[Finding]:
    """citation-page-out-of-range from an index record, for entries that give no pages of their own."""
    from citecheck.checks.citations import page_bounds

    findings: list[Finding] = []
    for c in citations:
        res, loc = c.resolution, c.locator
        if res is None or res.status != "resolved" or len(res.keys) != 1 or loc is None:
            continue
        if loc.label != "page" or loc.first is None:
            continue
        ref = library.references.get(res.keys[0])
        record = records.get((ref.bib_path, ref.key)) if ref is not None else None
        if ref is None or record is None or page_bounds(ref) is not None:
            continue
        bounds = record_page_bounds(record)
        if bounds is None:
            continue
        lo, hi, shown = bounds
        last = loc.last if loc.last is not None else loc.first
        if lo <= loc.first and last <= hi:
            continue
        findings.append(make_finding(
            "citation-page-out-of-range",
            f"page {loc.value} is outside {ref.key} ({INDEX_NAMES[record.index]} gives {shown})",
            doc.path, c.span or doc.span(c.start, c.end), expected=f"a page in {lo}–{hi}", found=loc.value,
            evidence=[_evidence(ref), _record_evidence(record)], source=ref.key))
    return findings


__all__ = ["BibText", "check_identifiers", "check_record_pages", "outcome_findings", "record_page_bounds",
           "reference_findings"]
