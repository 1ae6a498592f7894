"""The pipeline's shape: leaves stay leaves, one stage decides, no module-level tolerances."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from citecheck import claims, verification
from citecheck.claims import DEFAULT_TOLERANCES, HEDGE_TOLERANCE, Tolerances, quantity_matches
from citecheck.model import Claim, Quantity, Source

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC)}).stdout
    return set(out.split())


def test_rules_is_a_leaf() -> None:
    loaded = {m for m in _modules_after("import citecheck.rules") if m.startswith("citecheck")}
    assert loaded <= {"citecheck", "citecheck.rules", "citecheck.model"}


def test_library_does_not_import_checks_or_sources() -> None:
    loaded = _modules_after("import citecheck.library")
    assert not any(m.startswith(("citecheck.checks", "citecheck.sources", "citecheck.rule_examples")) for m in loaded)


def test_registry_does_not_import_sources() -> None:
    loaded = _modules_after("import citecheck.checks.registry")
    assert not any(m.startswith("citecheck.sources") for m in loaded)


def test_default_tolerances_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        HEDGE_TOLERANCE["about"] = (-0.5, 0.5)  # type: ignore[index]
    assert not hasattr(claims, "hedge_tolerances")


def test_tolerances_are_passed_in() -> None:
    about = Quantity(value=100, text="100", start=0, end=3, unit="people", hedge="about")
    wide = Tolerances({"about": (-0.3, 0.3)})
    assert not quantity_matches(about, 125)
    assert quantity_matches(about, 125, wide)
    assert not quantity_matches(about, 125, DEFAULT_TOLERANCES)  # the defaults are untouched
    assert Tolerances() == DEFAULT_TOLERANCES and hash(Tolerances()) == hash(DEFAULT_TOLERANCES)
    assert wide != DEFAULT_TOLERANCES


def test_tolerances_change_the_verdict_without_global_state() -> None:
    source = Source(id="s", text="The festival drew 125 visitors to the harbour in its first year.", status="file")
    text = "The festival drew about 100 visitors to the harbour in its first year."
    assert verification.verify(text, source).verdict == "contradicted"
    wide = Tolerances({"about": (-0.3, 0.3)})
    assert verification.verify(text, source, tolerances=wide).verdict != "contradicted"
    assert verification.verify(text, source).verdict == "contradicted"  # nothing was left changed


def test_verify_claim_uses_the_parsed_claim() -> None:
    # A Claim carries its quotations: one the claim's text would not yield on its own is still
    # matched, and matched once (verification.quotes holds it, the checks read that).
    source = Source(id="s", text="The mayor said the harbour would never close its gates to ships.", status="file")
    text = "The mayor promised to keep the port open."
    from citecheck.model import Quotation

    quote = Quotation("the harbour would always close", 0, 5)
    claim = Claim(id="c1", text=text, start=0, end=len(text), quotations=[quote])
    result = verification.verify_claim(claim, source)
    assert [q.quotation for q in result.quotes] == [quote]
    assert result.quotes[0].rule == "quote-altered"


def test_claim_verdict_contradiction_wins() -> None:
    assert verification.claim_verdict([]) is None
    assert verification.claim_verdict([("supported", "a"), ("contradicted", "b")]) == ("contradicted", "b")
    assert verification.claim_verdict([("unverifiable", "a"), ("partially_supported", "b"),
                                       ("supported", "c")]) == ("supported", "c")


def test_public_names_still_import() -> None:
    from citecheck.claims import (  # noqa: F401
        MIN_CHECKABLE_QUOTE_WORDS,
        STRICT_HEDGES,
        WORTHINESS_THRESHOLD,
        claim_features,
        dates_compatible,
        extract_claims,
        extract_dates,
        extract_quantities,
        extract_quotations,
        split_sentences,
        worthiness,
    )
    from citecheck.evidence import (  # noqa: F401
        QuoteMatch,
        Verification,
        match_quotation,
        passage_evidence,
        rank_passages,
        split_passages,
        strip_citation_markers,
        verify,
    )

    assert verify is verification.verify and Verification is verification.Verification


def test_report_only_renders() -> None:
    """report/ writes what it is given: it never runs a check or a grading, nor shows progress
    (those belong to cli.py, over the library API)."""
    import ast

    running = {("citecheck.api", "check"), ("citecheck.api", "check_documents"), ("citecheck.grading", "grade")}
    found = []
    for path in sorted((SRC / "citecheck" / "report").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if (node.module, alias.name) in running or node.module == "citecheck.progress":
                        found.append(f"{path.name}: from {node.module} import {alias.name}")
            elif isinstance(node, ast.Import):
                found += [f"{path.name}: import {a.name}" for a in node.names if a.name == "citecheck.progress"]
    assert found == []


def test_no_module_is_longer_than_600_lines() -> None:
    """A module past 600 lines is split by responsibility (STYLE: names say what a thing is), not grown."""
    long = {str(p.relative_to(SRC)): n for p in sorted(SRC.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert not long, f"split these modules by responsibility, 600 lines at most each: {long}"
