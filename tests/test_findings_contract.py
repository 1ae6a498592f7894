"""Every finding shows where (file:line:col), what was expected, what was found, and evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rule_docs import run_example

from citecheck.checks.registry import RULES
from citecheck.rule_examples.catalogue import EXAMPLES


@pytest.mark.parametrize("name", list(RULES))
def test_findings_carry_location_expected_found_evidence(name: str, tmp_path: Path) -> None:
    bad, _fixed = EXAMPLES[name]
    report = run_example(bad, tmp_path)
    findings = report.findings()
    assert findings
    for finding in findings:
        assert finding.span is not None, finding
        assert finding.span.line >= 1 and finding.span.column >= 1
        assert finding.message and finding.expected and finding.found, finding
        assert finding.evidence, finding
        assert finding.fingerprint


@pytest.mark.parametrize("essay", [
    "The Kiel Canal opened in 1897 (Smith 2001, 3; Smith 2001, 5).\n",
    "The Kiel Canal opened in 1897 (Smith 2001).[^1]\n\n[^1]: Smith, Canals of Europe, 12.\n",
    "The Kiel Canal opened in 1897 [@smith, p. 3] and was dug by hand [@smith, p. 4].\n",
])
def test_a_work_cited_twice_in_one_claim_gives_each_finding_once(essay: str, tmp_path: Path) -> None:
    # The claim was verified once per citation, so one wrong year was two date-mismatch errors
    # (and two figure errors in a grade).
    from citecheck import check

    (tmp_path / "canal.txt").write_text("The Kiel Canal opened in 1895.\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@book{smith, author={Smith, John}, title={Canals of Europe}, year={2001}, publisher={P},"
        " file={canal.txt}}\n", encoding="utf-8")
    (tmp_path / "essay.md").write_text(essay, encoding="utf-8")
    report = check([tmp_path / "essay.md"], offline=True, cache_dir=tmp_path / "cache")
    assert [(f.rule, f.found) for f in report.findings()] == [("date-mismatch", "1897")]
