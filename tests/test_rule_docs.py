"""Rule docs: every rule's example triggers it, its fix does not, and docs/rules.md is current.

Each example is written to a temporary directory and checked offline through the library API,
as `citecheck check essay.md --bib references.bib --offline --snapshots snapshots/` would.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import citecheck
from citecheck.checks.registry import RULES, format_rule_doc, rules_markdown
from citecheck.config import Config
from citecheck.model import Finding, Report
from citecheck.rule_examples import RuleExample, write_example
from citecheck.rule_examples.catalogue import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules.md"
# Rules reported on the .bib itself (report.libraries); every other rule is reported on the essay.
LIBRARY_RULES = {"bib-syntax", "reference-unused", "reference-incomplete", "reference-not-found",
                 "reference-identifier-mismatch", "reference-metadata-mismatch", "reference-retracted",
                 "reference-unverified", "doi-invalid", "isbn-invalid", "issn-invalid"}
NAMES = list(RULES)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and refuse) any attempt to resolve or connect: the examples must run offline."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise OSError("network use in an offline rule example")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def run_example(example: RuleExample, directory: Path) -> Report:
    files = write_example(example, directory)
    config = Config()
    config.values.update(example.config)  # e.g. check-references for the reference rules
    report = citecheck.check([files.essay], bib=files.bib or None, config=config, offline=True,
                             snapshots=files.snapshots, cache_dir=directory / "cache")
    for doc in report.documents:
        assert doc.error is None, doc.error
    return report


def findings_of(report: Report, rule: str) -> list[Finding]:
    """The findings of ``rule`` where that rule is reported: the .bib or the essay."""
    results = report.libraries if rule in LIBRARY_RULES else report.documents
    return [f for result in results for f in result.findings if f.rule == rule]


def summary(report: Report) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in report.findings()]


@pytest.mark.parametrize("name", NAMES)
def test_rule_has_examples(name: str) -> None:
    rule = RULES[name]
    assert rule.bad is not None and rule.fixed is not None, f"{name} has no example in citecheck.rule_examples"
    assert rule.bad != rule.fixed


def test_no_examples_for_unknown_rules() -> None:
    assert set(EXAMPLES) <= set(RULES), set(EXAMPLES) - set(RULES)


@pytest.mark.parametrize("name", NAMES)
def test_example_fires(name: str, tmp_path: Path, no_network: list[str]) -> None:
    example = RULES[name].bad
    assert example is not None, f"{name} has no example"
    report = run_example(example, tmp_path)
    assert findings_of(report, name), f"{name} did not fire on its example; findings: {summary(report)}"
    assert no_network == []


@pytest.mark.parametrize("name", NAMES)
def test_fixed_example_does_not_fire(name: str, tmp_path: Path, no_network: list[str]) -> None:
    example = RULES[name].fixed
    assert example is not None, f"{name} has no fixed example"
    report = run_example(example, tmp_path)
    assert not [f for f in report.findings() if f.rule == name], summary(report)
    # "Use instead" must not teach another mistake: nothing at warning or error level either.
    assert not [f for f in report.findings() if f.severity in ("warning", "error")], summary(report)
    assert no_network == []


@pytest.mark.parametrize("name", NAMES)
def test_doc_has_four_parts(name: str) -> None:
    rule = RULES[name]
    doc = format_rule_doc(name)
    assert doc.startswith(f"# {name}\n") and f"**{rule.severity}**" in doc
    parts = ["## What it does", "## Why is this bad?", "## Example", "## Use instead"]
    positions = [doc.index(part) for part in parts]
    assert positions == sorted(positions)
    assert rule.summary in doc and rule.why in doc
    assert rule.bad is not None and rule.fixed is not None
    example, fix = doc.split("## Use instead")
    # The example shows the essay that triggers the rule (and its .bib when it has one) ...
    assert rule.bad.essay.strip() in example
    if rule.bad.bib:
        assert rule.bad.bib.strip() in example
    # ... and the fix shows what changed (or, for a fix outside the essay and .bib, says it).
    if rule.fixed.essay != rule.bad.essay:
        assert rule.fixed.essay.strip() in fix
    if rule.fixed.bib != rule.bad.bib:
        assert rule.fixed.bib.strip() in fix
    if rule.fixed.essay == rule.bad.essay and rule.fixed.bib == rule.bad.bib:
        assert rule.fixed.note and rule.fixed.note in fix


def test_doc_levels_nest() -> None:
    doc = format_rule_doc("link-dead", level=2)
    assert doc.startswith("## link-dead\n") and "\n### Example\n" in doc


def test_unknown_rule_has_no_doc() -> None:
    with pytest.raises(KeyError):
        format_rule_doc("no-such-rule")


def test_plain_text_example_and_fix_come_from_the_examples() -> None:
    # SARIF and other plain-text consumers read Rule.example / Rule.fix.
    rule = RULES["quote-altered"]
    assert rule.bad is not None and rule.fixed is not None
    assert rule.bad.essay.strip() in rule.example and rule.fixed.essay.strip() in rule.fix
    bib = RULES["bib-syntax"]
    assert bib.fixed is not None and bib.fixed.bib.strip() in bib.fix


def test_write_example_lays_out_snapshots(tmp_path: Path) -> None:
    from citecheck.sources.snapshots import SnapshotStore

    example = RULES["link-drift"].bad
    assert example is not None
    files = write_example(example, tmp_path)
    assert files.snapshots is not None
    (url,) = example.snapshots
    source = SnapshotStore(files.snapshots).get(url)
    assert source is not None and source.status == "snapshot"
    assert source.text == example.snapshots[url]["text"]
    assert source.archive_text == example.snapshots[url]["archive_text"]


def test_docs_rules_md_is_current() -> None:
    expected = rules_markdown()
    actual = DOCS.read_text(encoding="utf-8") if DOCS.is_file() else ""
    assert actual == expected, ("docs/rules.md is out of date with the registry; regenerate it with "
                                "`.venv/bin/python -m citecheck.rule_examples docs/rules.md`")
    for name in RULES:
        assert f"\n## {name}\n" in actual
