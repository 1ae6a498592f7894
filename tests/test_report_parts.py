"""A long essay's report part is written a piece at a time (issue 12 item 3: a 2 MB essay in
≤ 150 MB whatever the format): JUnit's suite a testcase at a time, GitHub's, concise and Markdown's
records each made as written, Markdown's rows beyond what it shows never made. Every test
compares with ``render`` of the whole report (the bytes must not change) and counts work."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.model import (
    Citation,
    Claim,
    DocumentResult,
    Finding,
    LibraryResult,
    Passage,
    Report,
    Resolution,
    Span,
)
from citecheck.report import markdown, render
from citecheck.report.junit import _document_cases, suite_parts, suite_text
from citecheck.report.stream import Stream, writer


def _span(start: int, end: int, line: int = 1) -> Span:
    return Span(path="e.md", line=line, column=start + 1, end_line=line, end_column=end + 1, start=start, end=end)


def _finding(start: int, end: int, rule: str = "claim-uncited", severity: str = "warning", message: str = "m",
             expected: str | None = "e", line: int = 1) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, path="e.md",  # type: ignore[arg-type]
                   span=_span(start, end, line), expected=expected, found="f", evidence=[{"text": "t <&> \x07"}],
                   fingerprint=f"{start}-{rule}-{expected}")


def _essay() -> DocumentResult:
    """Citations (resolved, undefined), claims (cited, uncited, unverifiable, with evidence, two
    with the same text so their testcase names repeat), findings inside claims, inside citations,
    and outside both, of every severity, and two with the same place, rule and message."""
    passage = Passage(text="p", source_id="smith2020", start=0, end=1, score=1.0, location="p. 3",
                      deep_link="https://x.org/#:~:text=p")
    citations = [
        Citation(style="author-date", marker="(Smith 2020)", start=20, end=32, span=_span(20, 32),
                 resolution=Resolution(status="resolved", keys=["smith2020"])),
        Citation(style="author-date", marker="(Nobody 1990)", start=70, end=83, span=_span(70, 83),
                 resolution=Resolution(status="undefined", reason="no entry")),
    ]
    claims = [
        Claim(id="c1", text="Cities grew fast", start=0, end=33, span=_span(0, 33), citations=[0],
              verdict="supported", evidence=[passage]),
        Claim(id="c2", text="Cities grew fast", start=40, end=84, span=_span(40, 84), citations=[1],
              verdict="unverifiable", reason="citation (Nobody 1990) is undefined"),
        Claim(id="c3", text="An uncited 4,000", start=90, end=110, span=_span(90, 110), verdict="unverifiable",
              reason="no citation in scope"),
        Claim(id="c4", text="Quiet", start=120, end=130, span=_span(120, 130)),
        Claim(id="c5", text="No citation, no finding", start=140, end=160, span=_span(140, 160)),
    ]
    findings = [
        _finding(0, 10, "number-mismatch", "error"),
        _finding(0, 10, "claim-partly-supported", "warning"),
        _finding(22, 30, "citation-undefined", "error"),
        _finding(72, 80, "citation-undefined", "error", message="same"),
        _finding(72, 80, "citation-undefined", "error", message="same", expected="other"),
        _finding(95, 100, "claim-uncited", "warning"),
        _finding(200, 210, "suppression-unused", "info"),
        _finding(121, 125, "source-unverifiable", "info"),
    ]
    return DocumentResult(path="e.md", format="markdown", citations=citations, claims=claims, findings=findings,
                          source="x" * 220)


def test_a_junit_suite_in_parts_is_the_suite_text() -> None:
    doc = _essay()
    parts, counts = suite_parts(doc.path, _document_cases(doc))
    pieces = list(parts)
    assert len(pieces) == len(_document_cases(doc)) + 2  # the start tag, a piece per testcase, the end tag
    assert ("".join(pieces), counts) == suite_text(doc.path, _document_cases(doc))
    assert counts["failures"] and counts["skipped"]
    assert "No citation, no finding" not in "".join(pieces)  # a claim with neither is no testcase
    assert "".join(suite_parts("empty.md", [])[0]) == suite_text("empty.md", [])[0]


@pytest.mark.parametrize("fmt", ["junit", "github", "concise", "markdown", "sarif", "json", "text"])
def test_an_essay_written_in_parts_is_render_of_the_whole(fmt: str) -> None:
    doc = _essay()
    library = LibraryResult(path="a.bib", entries=1, findings=[_finding(0, 3, "reference-unused", "info")])
    expected = render(Report(documents=[_essay()], libraries=[library]), fmt)
    stream = Stream({"out": writer(fmt)})
    kept = Report(documents=[stream.add(doc)], libraries=[library])
    assert "".join(stream.chunks("out", kept)) == expected
    stream.close()


def test_github_lines_with_the_same_place_rule_and_message_keep_their_order() -> None:
    # Same key, lines differing only in "Expected:": sorted by the line, as render sorts them.
    doc = DocumentResult(path="e.md", findings=[_finding(5, 8, expected=e) for e in ("zz", "aa", "mm")])
    stream = Stream({"out": writer("github")})
    kept = Report(documents=[stream.add(doc)])
    lines = "".join(stream.chunks("out", kept)).splitlines()
    assert [line.split("Expected: ")[1][:2] for line in lines] == ["aa", "mm", "zz"]
    assert "\n".join(lines) + "\n" == render(Report(documents=[DocumentResult(**doc.__dict__)]), "github")


def test_markdown_makes_only_the_rows_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Any] = []
    real = markdown._finding_row

    def counted(finding: Finding) -> str:
        made.append(finding)
        return real(finding)

    many = markdown.MAX_ROWS + 300
    docs = [DocumentResult(path="e.md", findings=[_finding(i, i + 1, line=i + 1) for i in range(many)]),
            DocumentResult(path="d.md", findings=[_finding(0, 1)])]
    docs[1].findings[0].path = "d.md"
    expected = render(Report(documents=[DocumentResult(**d.__dict__) for d in docs]), "markdown")
    monkeypatch.setattr(markdown, "_finding_row", counted)
    stream = Stream({"out": writer("markdown")})
    kept = Report(documents=[stream.add(d) for d in docs])
    assert len(made) == markdown.MAX_ROWS + 1  # the first rows of each essay, not all 801
    out = "".join(stream.chunks("out", kept))
    assert out == expected
    assert f"and {many + 1 - markdown.MAX_ROWS} more findings" in out


def test_junit_places_findings_as_a_plain_search_does_and_in_linear_work() -> None:
    """One claim over a whole paragraph of ``[1] [1] …`` (today's sentence splitter makes one of a
    100 KB paragraph without stops): each finding is placed in its citation as a search over every
    testcase would place it, and the work stays linear (it looked back over every citation)."""
    import sys

    from citecheck.report import junit

    n = 400
    citations = [Citation(style="numeric", marker="[1]", start=4 * i, end=4 * i + 3, span=_span(4 * i, 4 * i + 3))
                 for i in range(n)]
    citations.append(Citation(style="numeric", marker="[1] [1]", start=0, end=7, span=_span(0, 7)))  # overlaps two
    claims = [Claim(id="c1", text="[1] " * n, start=0, end=4 * n, span=_span(0, 4 * n), citations=[0])]
    findings = [_finding(4 * i + 1, 4 * i + 2, "citation-undefined", "error") for i in range(n)]
    findings.append(_finding(1, 6, "citation-undefined", "error", message="wide"))
    findings.append(_finding(2, 4 * n - 1, "claim-uncited", "warning", message="in the claim only"))
    doc = DocumentResult(path="e.md", citations=citations, claims=claims, findings=findings, source="x" * 4 * n)

    containers = [(c.span, 0, c) for c in citations] + [(c.span, 1, c) for c in claims]

    def plain_holder(finding: Finding) -> Any:
        inside = [(s.end - s.start, rank, index, thing) for index, (s, rank, thing) in enumerate(containers)
                  if junit._contains(s, finding.span)]
        return min(inside, key=lambda h: h[:3])[3] if inside else None

    lines = 0

    def count(frame: Any, event: str, arg: Any) -> Any:
        nonlocal lines
        if event == "line" and frame.f_code.co_name == "_document_cases":
            lines += 1
        return count

    sys.settrace(lambda frame, event, arg: count if frame.f_code.co_name == "_document_cases" else None)
    try:
        cases = junit._document_cases(doc)
    finally:
        sys.settrace(None)
    placed = {id(f): case.subject for case in cases for f in case.findings}
    assert all(placed[id(f)] is plain_holder(f) for f in findings)
    assert lines < 60 * n  # linear: a look back over every citation for each finding is n * n lines
