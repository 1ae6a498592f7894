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
