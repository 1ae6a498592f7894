"""Sentences and citation scope end to end (issue 8, item 6): which source checks which sentence."""

from __future__ import annotations

from pathlib import Path

import citecheck
from citecheck.model import Report

ELLISON = "The Harbour Council moved its offices to Leeds in 1902, after years of debate.\n"
HALL = "In 1890 the town had a population of about 20,000 people, most of them in the old port.\n"
BIB = """@book{ellison, author = {Ellison, Mary}, title = {The Harbour Council}, year = {1998},
  publisher = {Northern}, file = {ellison.txt}}
@book{hall, author = {Hall, Peter}, title = {A Port Town}, year = {2004}, publisher = {Northern},
  file = {hall.txt}}
"""


def _essay(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "ellison.txt").write_text(ELLISON, encoding="utf-8")
    (tmp_path / "hall.txt").write_text(HALL, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rules(report: Report) -> list[tuple[str, str | None]]:
    return [(f.rule, f.source) for d in report.documents for f in d.findings]


def test_latex_citation_before_the_full_stop_ends_the_sentence(tmp_path: Path) -> None:
    body = ("The council moved its offices to Leeds in 1902 \\citep[p.~3]{ellison}. "
            "The town had 20,000 people in {year} \\citep{hall}.")
    tex = "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\bibliography{references}\n\\end{document}\n"
    report = citecheck.check([_essay(tmp_path, "essay.tex", tex.replace("{year}", "1890"))], offline=True)
    claims = report.documents[0].claims
    assert [c.text.split(" \\cite")[0] for c in claims] == [
        "The council moved its offices to Leeds in 1902", "The town had 20,000 people in 1890"]
    assert [len(c.citations) for c in claims] == [1, 1]
    assert [c.verdict for c in claims] == ["supported", "supported"]
    # a wrong year is checked against the source the sentence cites (Hall), not Ellison
    report = citecheck.check([_essay(tmp_path, "essay.tex", tex.replace("{year}", "1891"))], offline=True)
    assert ("date-mismatch", "hall") in _rules(report)
    assert report.documents[0].claims[0].verdict == "supported"


def test_pandoc_citation_before_the_full_stop_ends_the_sentence(tmp_path: Path) -> None:
    text = "The council moved its offices to Leeds [@ellison, p. 3]. 1890 saw 20,000 people in the town [@hall].\n"
    report = citecheck.check([_essay(tmp_path, "essay.md", text)], offline=True)
    claims = report.documents[0].claims
    assert len(claims) == 2 and [len(c.citations) for c in claims] == [1, 1]
    assert not [r for r in _rules(report) if r[0].endswith("mismatch")]


def test_a_dated_proper_noun_is_not_a_citation(tmp_path: Path) -> None:
    # issue 8: "the University of Leeds (1904)" was read as a citation of an author "Leeds"
    text = ("She studied at the University of Leeds (1904) before the move.\n\n"
            "Smith (2001) disagrees with this account of the harbour.\n")
    report = citecheck.check([_essay(tmp_path, "essay.md", text)], offline=True)
    citations = report.documents[0].citations
    assert [c.marker for c in citations] == ["Smith (2001)"]
    assert ("citation-undefined", None) in [(r, None) for r, _ in _rules(report)]
    assert report.documents[0].claims[0].citations == []


def test_a_dated_phrase_naming_an_entry_stays_a_citation(tmp_path: Path) -> None:
    text = "As the Memoirs of Ellison (1998) tell it, the council moved its offices to Leeds in 1902.\n"
    report = citecheck.check([_essay(tmp_path, "essay.md", text)], offline=True)
    [citation] = report.documents[0].citations
    assert citation.marker == "Ellison (1998)" and citation.resolution.status == "resolved"
    assert report.documents[0].claims[0].citations == [0]


def test_paragraph_citation_covers_what_continues_it_not_the_authors_remarks(tmp_path: Path) -> None:
    text = ("I was surprised to learn this. The council moved its offices in 1902. "
            "It chose Leeds [@ellison].\n")
    report = citecheck.check([_essay(tmp_path, "essay.md", text)], offline=True)
    claims = report.documents[0].claims
    assert [bool(c.citations) for c in claims] == [False, True, True]
    assert claims[1].verdict == "supported"
