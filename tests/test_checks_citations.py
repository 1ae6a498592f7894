"""checks/citations.py and the resolution rules behind it (DESIGN.md, Decisions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.checks.citations import check_citations, check_library, missing_fields, page_bounds
from citecheck.citations import find_citations
from citecheck.citations.resolve import resolve_citations
from citecheck.library import load_library

FIXTURES = Path(__file__).parent / "fixtures"
LIB_BIB = FIXTURES / "citations" / "library.bib"


def text_doc(s: str):
    from citecheck.model import Block, Document

    return Document("essay.txt", "text", source=s, text=s, offsets=list(range(len(s) + 1)),
                    blocks=[Block("paragraph", 0, len(s))])


@pytest.fixture(scope="module")
def lib():
    return load_library([LIB_BIB])


def run(s: str, lib):
    doc = text_doc(s)
    found = find_citations(doc)
    resolve_citations(found, doc, lib)
    return found, check_citations(doc, found, lib)


def status(s: str, lib):
    found, _ = run(s, lib)
    assert len(found) == 1, found
    return found[0].resolution


@pytest.mark.parametrize("s, expected_status, keys", [
    ("(Freeze 2009, 418)", "ambiguous", ["freeze2009russia", "freeze2009later"]),
    ("(Khrushchev, 1956)", "undefined", []),
    ("(Freeze, 2001, p. 3)", "year-mismatch", ["freeze2009russia", "freeze2009later"]),
    ("(Freeze 418)", "ambiguous", ["freeze2009russia", "freeze2009later"]),
    ("(Freeze, Russia 418)", "resolved", ["freeze2009russia"]),
    ("(Freeze, Later 12)", "resolved", ["freeze2009later"]),
    ("(Freeze, 2009a)", "resolved", ["freeze2009later"]),  # "Later ..." sorts before "Russia ..."
    ("(Freeze, 2009b)", "resolved", ["freeze2009russia"]),
    ("(Muller 12)", "resolved", ["mueller2001"]),  # accents folded
    ("(Müller and Gogh, 2001)", "resolved", ["mueller2001"]),  # particle left out
    ("(Müller and van Gogh 13)", "resolved", ["mueller2001"]),
    ("(Gogh 12)", "undefined", []),  # not the first author
    ("(Smith 12)", "undefined", []),
    ("(Office of the Historian n.d.)", "resolved", ["osh2014"]),  # urldate is not a year
    ("(Office of the Historian 2014)", "year-mismatch", ["osh2014"]),
    ("[@nosuchkey]", "undefined", []),
    ("[@mueller2001, p. 130]", "resolved", ["mueller2001"]),
])
def test_resolution(lib, s, expected_status, keys):
    res = status(s, lib)
    assert res.status == expected_status
    assert res.keys == keys


def test_undefined_finding(lib):
    _found, findings = run("A claim (Smith, 2001, p. 3).", lib)
    (f,) = findings
    assert f.rule == "citation-undefined" and f.severity == "error"
    assert f.span is not None and f.span.column == 9 and f.path == "essay.txt"
    assert "Smith" in f.message and f.expected and f.found == "none"


def test_ambiguous_finding_lists_entries(lib):
    _, findings = run("A claim (Freeze 418).", lib)
    (f,) = findings
    assert f.rule == "citation-ambiguous" and f.severity == "warning"
    assert {e["entry"] for e in f.evidence} == {"freeze2009russia", "freeze2009later"}
    assert all(e["bib"] == str(LIB_BIB) and e["line"] >= 1 for e in f.evidence)


def test_year_mismatch_finding(lib):
    _, findings = run("A claim (Freeze, 2001, p. 3).", lib)
    (f,) = findings
    assert f.rule == "citation-year-mismatch" and f.found == "2001" and f.expected == "2009"


def test_page_out_of_range_book_pagetotal(lib):
    _, findings = run("(Freeze, Russia 918)", lib)
    (f,) = findings
    assert f.rule == "citation-page-out-of-range" and f.found == "918" and "600" in (f.expected or "")
    assert f.evidence[0]["entry"] == "freeze2009russia"
    _, findings = run("(Freeze, Russia 418)", lib)
    assert findings == []


def test_page_out_of_range_article_pages(lib):
    _, findings = run("[@mueller2001, pp. 140-150]", lib)
    (f,) = findings
    assert f.rule == "citation-page-out-of-range" and "123–145" in f.message
    _, findings = run("[@mueller2001, pp. 123-45]", lib)
    assert findings == []
    _, findings = run("[@mueller2001, ch. 200]", lib)  # not a page: not checked
    assert findings == []


def test_links_never_undefined(lib):
    from citecheck.model import Block, Document, Link

    s = "See this page and that page."
    doc = Document("e.md", "markdown", s, s, list(range(len(s) + 1)), [Block("paragraph", 0, len(s))],
                   links=[Link("https://www.history.state.gov/milestones/1953-1960/khrushchev-20th-congress/",
                               "this page", 4, 13),
                          Link("https://example.com/unknown", "that page", 18, 27)])
    found = find_citations(doc)
    resolve_citations(found, doc, lib)
    assert [c.resolution.status for c in found] == ["resolved", "bare-url"]
    assert found[0].resolution.keys == ["osh2014"]
    assert check_citations(doc, found, lib) == []


def test_page_bounds():
    lib = load_library([LIB_BIB])
    assert page_bounds(lib.references["mueller2001"]) == (123, 145, "pages")
    assert page_bounds(lib.references["freeze2009russia"]) == (1, 600, "pagetotal")
    assert page_bounds(lib.references["osh2014"]) is None


def test_check_library_unused_and_incomplete(lib):
    findings = check_library(lib, {"freeze2009russia", "mueller2001"})
    unused = {f.source: f for f in findings if f.rule == "reference-unused"}
    assert set(unused) == {"freeze2009later", "osh2014", "webnodate", "thinbook"}
    f = unused["osh2014"]
    assert f.severity == "info" and f.path == str(LIB_BIB)
    assert f.span is not None and f.span.line == lib.references["osh2014"].line
    assert f.evidence == [{"entry": "osh2014", "bib": str(LIB_BIB), "line": f.span.line}]
    incomplete = {f.source: f for f in findings if f.rule == "reference-incomplete"}
    assert set(incomplete) == {"webnodate", "thinbook"}
    assert incomplete["webnodate"].severity == "warning"
    assert "urldate" in incomplete["webnodate"].message
    assert "publisher" in incomplete["thinbook"].expected and "year or date" in incomplete["thinbook"].expected


def test_missing_fields_rules(lib):
    assert missing_fields(lib.references["freeze2009russia"]) == []  # editor stands in for author
    assert missing_fields(lib.references["mueller2001"]) == []


def test_founding_essay_citation_checks(shared: Path):
    seeds = shared / "seeds"
    if not (seeds / "secret-speech.bib").exists():
        pytest.skip("../shared/seeds is absent")
    library = load_library([seeds / "secret-speech.bib"])
    found, findings = run("the former leader (Freeze, 418).", library)
    assert findings == []
    assert found[0].resolution.keys == ["freeze2009russia"]
    cited = {k for c in found for k in c.resolution.keys}
    rules = {(f.rule, f.source) for f in check_library(library, cited)}
    assert ("reference-unused", "khrushchev1956cult") in rules
    assert ("reference-incomplete", "khrushchev1956cult") in rules  # misc with url lacks urldate
    assert ("reference-unused", "freeze2009russia") not in rules
