"""A class set of 14 essays graded end to end: the planted errors are found and grades.csv is as expected.

The essays (tests/fixtures/classset/essays, built by tests/classset.py) are MLA, APA and
Chicago (author-date and notes-bibliography), as .md, .txt, .docx and .pdf; all but one rely on
their own Works Cited / References / Bibliography list. The sources are a snapshot directory
(offline, no network). Each essay plants known errors; ``PLANTED`` names them.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from classset import CLASSSET, build_class_set

from citecheck.grading import Gradebook, grade
from citecheck.report.grade import render_csv, write_grade_report

# essay -> (rules that must fire, verdicts of its cited claims that must occur)
PLANTED: dict[str, tuple[set[str], set[str]]] = {
    "01-alvarez.md": (set(), {"supported"}),  # a clean MLA essay
    "02-brooks.docx": ({"date-mismatch", "number-mismatch"}, {"contradicted"}),
    "03-chen.pdf": ({"quote-not-found", "quote-altered"}, {"supported", "contradicted"}),
    "04-dube.txt": ({"claim-uncited", "citation-page-out-of-range"}, {"supported"}),
    "05-evans.docx": ({"claim-unsupported"}, {"unsupported", "supported"}),  # Chicago footnotes
    "06-fischer.md": ({"computed-mismatch", "reference-list-mismatch"}, {"contradicted"}),
    "07-garcia.pdf": ({"citation-undefined", "claim-partly-supported"}, {"partially_supported", "unverifiable"}),
    "08-hassan.txt": ({"link-dead", "source-unverifiable", "reference-unused"}, {"unverifiable"}),
    "09-ito.docx": ({"citation-year-mismatch", "claim-contradicted"}, {"contradicted", "supported", "unverifiable"}),
    # MLA author-only and title-only citations: masked out of the claims, so the sources back them fully.
    "14-nguyen.md": (set(), {"supported"}),
}
NOT_GRADED = {"10-jones.md": "empty", "11-kim.pdf": "unreadable", "12-lopez.docx": "unreadable",
              "13-moss.txt": "unreadable"}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Gradebook:
    essays, snapshots = build_class_set(tmp_path_factory.mktemp("classset"))
    return grade([essays], offline=True, snapshots=snapshots)


def test_class_set_has_every_kind_of_essay(book: Gradebook) -> None:
    names = [e.name for e in book.essays]
    assert len(names) == 14
    assert {Path(n).suffix for n in names} == {".md", ".txt", ".docx", ".pdf"}


def test_planted_errors_are_found(book: Gradebook) -> None:
    by_name = {e.name: e for e in book.essays}
    for name, (rules, verdicts) in PLANTED.items():
        essay = by_name[name]
        assert essay.status == "graded", (name, essay.problem)
        assert essay.result is not None
        fired = {f.rule for f in essay.result.findings}
        assert rules <= fired, (name, fired)
        if not rules:
            assert not [f for f in essay.result.findings if f.severity != "info"], (name, fired)
        seen = {c.verdict for c in essay.result.claims if c.citations}
        assert verdicts <= seen, (name, seen)
        # Every essay but 06 has only its own reference list as its library.
        assert bool(essay.result.bibliography) == (name == "06-fischer.md"), name
    for name, status in NOT_GRADED.items():
        assert by_name[name].status == status and by_name[name].problem, name


def test_every_claim_rule_is_planted_somewhere() -> None:
    from citecheck.checks.registry import RULES

    claim_rules = {"number-mismatch", "date-mismatch", "computed-mismatch", "quote-not-found", "quote-altered",
                   "claim-unsupported", "claim-uncited", "claim-partly-supported", "claim-contradicted"}
    assert claim_rules <= set(RULES)
    planted = set().union(*(rules for rules, _ in PLANTED.values()))
    assert claim_rules <= planted


def test_grades_csv_is_as_expected(book: Gradebook) -> None:
    expected = (CLASSSET / "expected.csv").read_text(encoding="utf-8")
    actual = render_csv(book)
    if actual != expected:  # a readable difference: the essays and columns that changed
        got = {r["file"]: r for r in csv.DictReader(io.StringIO(actual))}
        want = {r["file"]: r for r in csv.DictReader(io.StringIO(expected))}
        diffs = [f"{name}: {col} expected {want[name][col]!r}, got {got.get(name, {}).get(col)!r}"
                 for name in want for col in want[name] if got.get(name, {}).get(col) != want[name][col]]
        pytest.fail("grades.csv differs from tests/fixtures/classset/expected.csv (if the change is meant, "
                    "run `PYTHONPATH=src python tests/classset.py --write-expected` and review the diff):\n"
                    + "\n".join(diffs))


def test_reports_are_written_for_every_essay(book: Gradebook, tmp_path: Path) -> None:
    written = write_grade_report(book, tmp_path)
    assert len([p for p in written if p.name.startswith("essay-")]) == 14
    page = next(tmp_path.glob("essay-*-08-hassan.txt.html")).read_text(encoding="utf-8")
    statuses = re.findall(r'<td class="ref-status">([^<]*)</td>', page)
    assert statuses == ["cited 1\u00d7", "cited 2\u00d7", "cited 1\u00d7", "reference-unused"]
    pdf_page = next(tmp_path.glob("essay-*-03-chen.pdf.html")).read_text(encoding="utf-8")
    assert "p. 1, line" in pdf_page
    assert len(re.findall(r"<tr><td>p\. 1, line \d+</td><td>(?:Moreau|Whitcombe)", pdf_page)) == 2
