"""``--format junit``: JUnit XML, so CI test dashboards show claims and citations as tests.

One ``<testsuite>`` per essay and one per .bib (its findings, or one passing ``load`` case). In an essay's
suite there is one ``<testcase>`` per citation and one per claim that has citations or
findings. A finding is attached to the smallest citation or claim whose span contains it (a
citation before the claim it stands in); errors and warnings make that testcase fail, info
findings are listed in its ``<system-out>``. Findings that fall in no claim or citation get a
testcase of their own. A claim that passes but could not be verified is ``<skipped>`` with the
reason. A file that could not be read is a testcase with an ``<error>``.

Testcase names are ``line L: <claim text>``, ``line L: citation <marker>`` and
``line L: <rule>``; a name repeated in a suite gets `` #2``, `` #3`` so that dashboards do not
merge distinct cases. No timestamps or durations: the output is deterministic.
"""

from __future__ import annotations

import bisect
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from citecheck.model import (
    SEVERITY_ORDER,
    Citation,
    Claim,
    DocumentResult,
    Finding,
    LibraryResult,
    Report,
    Span,
)
from citecheck.report.evidence import evidence_lines

NAME_LIMIT = 80
FAILING = ("error", "warning")

# Characters XML 1.0 cannot carry at all (control characters from PDF text, for instance).
_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _short(text: str, limit: int = NAME_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(slots=True)
class _Case:
    name: str
    classname: str
    order: tuple[Any, ...]
    # Empty tuples until a finding comes: an essay's suite has a case per citation and claim.
    findings: list[Finding] | tuple[()] = ()
    skipped: str | None = None  # reason, for an unverifiable claim
    error: str | None = None  # the file could not be read
    notes: list[str] | tuple[()] = ()  # lines for <system-out>
    # The citation or claim the case is about: its notes (resolution, verdict, evidence) come
    # first in <system-out>, written from it when the case is (an essay's cases hold no text).
    subject: Citation | Claim | None = None


def _subject_notes(subject: Citation | Claim | None) -> list[str]:
    if isinstance(subject, Citation):
        resolution = subject.resolution
        if resolution is None:
            return []
        keys = f" -> {', '.join(resolution.keys)}" if resolution.keys else ""
        reason = f" ({resolution.reason})" if resolution.reason else ""
        return [f"resolution: {resolution.status}{keys}{reason}"]
    if isinstance(subject, Claim):
        notes = [f"verdict: {subject.verdict}" + (f" ({subject.reason})" if subject.reason else "")]
        for passage in subject.evidence[:1]:
            link = f" {passage.deep_link}" if passage.deep_link else ""
            notes.append(f"evidence: {passage.source_id} {passage.location}{link}")
        return notes
    return []


def _where(finding: Finding) -> str:
    """``path:line:col``; in a Word or PDF essay ``path paragraph 4, character 12`` / ``path p. 3,
    line 12, column 5`` (report/locations.py: no line of those files can be shown)."""
    from citecheck.report.locations import described

    span = finding.span
    place = described(finding.path, span)
    if place:
        return f"{finding.path} {place}"
    return f"{finding.path}:{span.line}:{span.column}" if span else finding.path


def _finding_text(finding: Finding) -> str:
    lines = [f"{_where(finding)}: {finding.severity} [{finding.rule}] {finding.message}"]
    if finding.expected is not None:
        lines.append(f"  expected: {finding.expected}")
    if finding.found is not None:
        lines.append(f"  found: {finding.found}")
    lines.extend("  evidence: " + line for line in evidence_lines(finding.evidence, text_limit=300))
    return "\n".join(lines)


def _finding_order(finding: Finding) -> tuple[Any, ...]:
    span = finding.span
    return (-SEVERITY_ORDER[finding.severity], span.start if span else -1, finding.rule, finding.message)


def _contains(outer: Span, inner: Span) -> bool:
    return outer.path == inner.path and outer.start <= inner.start and inner.end <= outer.end


def _line(span: Span | None) -> str:
    return f"line {span.line}: " if span else ""


def _order(span: Span | None, rank: int, name: str) -> tuple[Any, ...]:
    # Unplaced cases last; a claim before the citations inside it (larger span first).
    if span is None:
        return (1, 0, 0, rank, name)
    return (0, span.start, -span.end, rank, name)


def _document_cases(doc: DocumentResult) -> list[_Case]:
    if doc.error:
        return [_Case("read", doc.path, (0,), error=doc.error)]
    citation_cases: list[_Case] = []
    for citation in doc.citations:
        name = f"{_line(citation.span)}citation {_short(citation.marker)}"
        citation_cases.append(_Case(name, doc.path, _order(citation.span, 1, name), subject=citation))
    # A claim's case is made when it is needed (it has citations or holds a finding), not for
    # every sentence of the essay.
    claim_cases: dict[int, _Case] = {}

    def claim_case(index: int) -> _Case:
        case = claim_cases.get(index)
        if case is None:
            claim = doc.claims[index]
            name = f"{_line(claim.span)}{_short(claim.text)}"
            case = claim_cases[index] = _Case(name, doc.path, _order(claim.span, 0, name), subject=claim)
        return case

    def holder_case(rank: int, index: int) -> _Case:
        return citation_cases[index] if rank == 0 else claim_case(index)

    # Candidate containers (span, rank, index): citations rank before claims of the same size.
    containers: list[tuple[Span, int, int]] = [(c.span, 0, i) for i, c in enumerate(doc.citations) if c.span]
    containers += [(c.span, 1, i) for i, c in enumerate(doc.claims) if c.span]
    # Each kind by start, with the furthest end reached so far: a finding looks back only over the
    # containers of that kind that can still reach it (claims do not nest, citations seldom), not
    # over the whole essay. Kinds apart: one claim over a whole 100 KB paragraph of "[1] [1] …"
    # reaches every finding, and would make each look back over all 25,000 citations.
    kinds = []
    for rank in (0, 1):
        by_start = sorted((i for i in range(len(containers)) if containers[i][1] == rank),
                          key=lambda i: containers[i][0].start)
        kinds.append((by_start, [containers[i][0].start for i in by_start],
                      list(itertools.accumulate((containers[i][0].end for i in by_start), max))))
    loose: list[_Case] = []
    for finding in doc.findings:
        span = finding.span
        holders = []
        for by_start, starts, reach in kinds:
            k = bisect.bisect_right(starts, span.start) - 1 if span else -1
            while span and k >= 0 and reach[k] >= span.end:
                s, rank, index = containers[by_start[k]]
                if _contains(s, span):
                    holders.append((s.end - s.start, rank, index, by_start[k]))
                k -= 1
        if holders:
            holders.sort(key=lambda h: (h[0], h[1], holder_case(h[1], h[2]).order, h[3]))
            case = holder_case(holders[0][1], holders[0][2])
            held = case.findings if isinstance(case.findings, list) else []
            held.append(finding)
            case.findings = held
        else:
            name = f"{_line(span)}{finding.rule}"
            loose.append(_Case(name, doc.path, _order(span, 2, name), findings=[finding]))

    cases = citation_cases
    for index, claim in enumerate(doc.claims):
        if claim.citations or (index in claim_cases and claim_cases[index].findings):
            case = claim_case(index)
            if claim.verdict == "unverifiable":
                case.skipped = claim.reason or "unverifiable"
            cases.append(case)
    cases += loose
    return cases


def _library_cases(lib: LibraryResult) -> list[_Case]:
    if lib.error:
        return [_Case("read", lib.path, (0,), error=lib.error)]
    cases = []
    for finding in lib.findings:
        name = f"{_line(finding.span)}{finding.rule}"
        cases.append(_Case(name, lib.path, _order(finding.span, 2, name), findings=[finding]))
    if not cases:
        name = f"load ({lib.entries} entries)"
        cases.append(_Case(name, lib.path, (0,)))
    return cases


def _outcome(case: _Case) -> str:
    """What :func:`_case_element` makes of the case: passed, failure, error or skipped."""
    if case.error:
        return "error"
    if any(f.severity in FAILING for f in case.findings):
        return "failure"
    return "skipped" if case.skipped is not None else "passed"


def _case_element(case: _Case) -> tuple[ET.Element, str]:
    """The <testcase> element and its outcome: passed, failure, error or skipped."""
    element = ET.Element("testcase", {"classname": _clean(case.classname), "name": _clean(case.name)})
    failing = sorted((f for f in case.findings if f.severity in FAILING), key=_finding_order)
    quiet = sorted((f for f in case.findings if f.severity not in FAILING), key=_finding_order)
    outcome = "passed"
    if case.error:
        child = ET.SubElement(element, "error", {"message": _clean(case.error), "type": "unreadable"})
        child.text = _clean(case.error)
        outcome = "error"
    elif failing:
        if len(failing) == 1:
            message = failing[0].message
        else:
            message = f"{len(failing)} findings: " + ", ".join(f.rule for f in failing)
        child = ET.SubElement(element, "failure", {"message": _clean(message), "type": failing[0].rule})
        child.text = _clean("\n".join(_finding_text(f) for f in failing))
        outcome = "failure"
    elif case.skipped is not None:
        ET.SubElement(element, "skipped", {"message": _clean(case.skipped)})
        outcome = "skipped"
    notes = _subject_notes(case.subject) + list(case.notes) + [_finding_text(f) for f in quiet]
    if notes:
        ET.SubElement(element, "system-out").text = _clean("\n".join(notes))
    return element, outcome


def _in_order(cases: list[_Case]) -> list[_Case]:
    """The suite's cases in order, a name repeated in the suite numbered (`` #2``)."""
    cases = sorted(cases, key=lambda c: c.order)
    seen: dict[str, int] = {}
    for case in cases:
        seen[case.name] = seen.get(case.name, 0) + 1
        if seen[case.name] > 1:
            case.name = f"{case.name} #{seen[case.name]}"
    return cases


def _suite(name: str, cases: list[_Case]) -> tuple[ET.Element, dict[str, int]]:
    cases = _in_order(cases)
    counts = {"tests": len(cases), "failures": 0, "errors": 0, "skipped": 0}
    children = []
    for case in cases:
        element, outcome = _case_element(case)
        if outcome == "failure":
            counts["failures"] += 1
        elif outcome == "error":
            counts["errors"] += 1
        elif outcome == "skipped":
            counts["skipped"] += 1
        children.append(element)
    suite = ET.Element("testsuite", {"name": _clean(name), **{k: str(v) for k, v in counts.items()}})
    suite.extend(children)
    return suite, counts


def to_element(report: Report) -> ET.Element:
    """The report as a ``<testsuites>`` element."""
    suites: list[tuple[str, list[_Case]]] = []
    for lib in sorted(report.libraries, key=lambda lib: lib.path):
        suites.append((lib.path, _library_cases(lib)))
    for doc in sorted(report.documents, key=lambda doc: doc.path):
        suites.append((doc.path, _document_cases(doc)))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    elements = []
    for name, cases in suites:
        element, counts = _suite(name, cases)
        for key in totals:
            totals[key] += counts[key]
        elements.append(element)
    root = ET.Element("testsuites", {"name": "citecheck", **{k: str(v) for k, v in totals.items()}})
    root.extend(elements)
    return root


def render(report: Report) -> str:
    """The JUnit XML document (UTF-8 declared, two-space indented)."""
    root = to_element(report)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def suite_text(name: str, cases: list[_Case]) -> tuple[str, dict[str, int]]:
    """One ``<testsuite>`` as :func:`render` writes it inside ``<testsuites>`` (indented one level
    deep, without what follows it), and its counts: report.stream writes suites one at a time."""
    element, counts = _suite(name, cases)
    ET.indent(element, space="  ", level=1)
    return ET.tostring(element, encoding="unicode"), counts


def suite_parts(name: str, cases: list[_Case]) -> tuple[Iterator[str], dict[str, int]]:
    """:func:`suite_text` in pieces, a testcase at a time (a long essay's suite is never one
    element tree or one string), and its counts."""
    cases = _in_order(cases)
    if not cases:
        text, counts = suite_text(name, cases)
        return iter([text]), counts
    counts = {"tests": len(cases), "failures": 0, "errors": 0, "skipped": 0}
    for case in cases:
        outcome = _outcome(case)
        if outcome != "passed":
            counts[{"failure": "failures", "error": "errors", "skipped": "skipped"}[outcome]] += 1
    suite = ET.Element("testsuite", {"name": _clean(name), **{k: str(v) for k, v in counts.items()}})
    ET.SubElement(suite, "x")
    start, _, _ = ET.tostring(suite, encoding="unicode").partition("<x />")

    def parts() -> Iterator[str]:
        # As ET.indent lays out the whole suite one level deep: each testcase two levels deep,
        # the last one's tail back at the suite's level.
        yield start + "\n    "
        for index, case in enumerate(cases):
            element, _ = _case_element(case)
            ET.indent(element, space="  ", level=2)
            element.tail = "\n  " if index == len(cases) - 1 else "\n    "
            yield ET.tostring(element, encoding="unicode")
        yield "</testsuite>"

    return parts(), counts


def root_tags(totals: dict[str, int]) -> tuple[str, str]:
    """The ``<testsuites>`` start and end tags for these totals (report.stream)."""
    root = ET.Element("testsuites", {"name": "citecheck", **{k: str(v) for k, v in totals.items()}})
    ET.SubElement(root, "x")
    text = ET.tostring(root, encoding="unicode")
    start, _, _ = text.partition("<x />")
    return start, "</testsuites>"
