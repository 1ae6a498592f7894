"""Rule families. Each module returns plain lists of Finding; none prints or fetches."""

from __future__ import annotations

from typing import Any

from citecheck.checks.registry import RULES
from citecheck.model import Finding, Span


def make_finding(
    rule: str,
    message: str,
    path: str,
    span: Span | None = None,
    *,
    expected: str | None = None,
    found: str | None = None,
    evidence: list[dict[str, Any]] | None = None,
    source: str | None = None,
) -> Finding:
    """A Finding with the rule's default severity (config overrides are applied later, in api)."""
    return Finding(
        rule=rule,
        severity=RULES[rule].severity,
        message=message,
        path=path,
        span=span,
        expected=expected,
        found=found,
        evidence=evidence or [],
        source=source,
    )
