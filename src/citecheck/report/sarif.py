"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code viewers).

Written by hand rather than through sarif-om, whose serialiser emits documents the official
schema rejects. The rule metadata comes from the registry, so every rule is listed whether or
not it fired; ``ruleIndex`` points into that list.

Locations: relative paths become URIs relative to ``%SRCROOT%`` (the directory citecheck ran
in, which is the checkout root in CI); absolute paths become ``file://`` URIs. Columns are
1-based Unicode code points, as in our spans, and the run says so with ``columnKind``. A finding
in a Word, OpenDocument or PDF essay has no line a viewer could open: its region is line 1 (the
file, as code scanning needs a ``startLine``), and the place is given in words in the location's
message and the result's message (``p. 3, line 12, column 5`` / ``paragraph 4, character 12``)
and as numbers in the location's properties (:mod:`citecheck.report.locations`).
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.checks.registry import RULES, Rule
from citecheck.model import Finding, Report
from citecheck.report import finding_text
from citecheck.report.locations import described
from citecheck.report.locations import properties as place_properties

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/citecheck/citecheck"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "citecheck/v1"

RESULT_INDENT = 8  # spaces before a result of runs[0].results (report.stream)

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def artifact_location(path: str) -> dict[str, Any]:
    """A SARIF artifactLocation for a path as the report holds it (relative or absolute)."""
    posix = path.replace("\\", "/")
    if posix.startswith("/") or _WINDOWS_DRIVE.match(posix):
        prefix = "file://" if posix.startswith("/") else "file:///"
        return {"uri": prefix + quote(posix, safe="/:")}
    # Relative: normalised ("./a.md" -> "a.md") and percent-encoded; a colon is encoded too, so
    # that "c:x.md" cannot be read as a URI scheme.
    return {"uri": quote(posixpath.normpath(posix), safe="/"), "uriBaseId": SRCROOT}


def _rule_help(rule: Rule) -> dict[str, str]:
    text = [f"What it does: {rule.summary}", f"Why it matters: {rule.why}"]
    markdown = [f"**What it does**\n\n{rule.summary}", f"**Why it matters**\n\n{rule.why}"]
    if rule.example:
        text.append(f"Example: {rule.example}")
        markdown.append(f"**Example**\n\n```\n{rule.example}\n```")
    if rule.fix:
        text.append(f"Fix: {rule.fix}")
        markdown.append(f"**Fix**\n\n{rule.fix}")
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": _rule_help(rule),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["citecheck", rule.family]},
    }


def _region(finding: Finding) -> dict[str, int]:
    span = finding.span
    if span is None or described(finding.path, span) is not None:
        # No position (a whole-file or whole-entry finding), or none a viewer could open (a line
        # of a Word or PDF essay's text rendering): point at the file's first line.
        return {"startLine": 1}
    start_line = max(1, span.line)
    start_column = max(1, span.column)
    end_line = max(start_line, span.end_line)
    end_column = max(1, span.end_column)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result["level"] = _LEVEL[finding.severity]
    place = described(finding.path, finding.span)
    text = finding_text(finding)
    result["message"] = {"text": f"{place}: {text}" if place else text}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": _region(finding)}
    }
    if place:
        location["message"] = {"text": place}
        location["properties"] = place_properties(finding.path, finding.span)
    result["locations"] = [location]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    properties: dict[str, Any] = {}
    for key in ("expected", "found", "source"):
        value = getattr(finding, key)
        if value is not None:
            properties[key] = value
    if finding.evidence:
        properties["evidence"] = finding.evidence
    if properties:
        result["properties"] = properties
    return result


def _sort_key(finding: Finding) -> tuple[Any, ...]:
    span = finding.span
    where = (span.line, span.column, span.end_line, span.end_column) if span else (0, 0, 0, 0)
    return (finding.path, *where, finding.rule, finding.message, finding.fingerprint)


def _notifications(report: Report) -> list[dict[str, Any]]:
    unread = [(d.path, d.error) for d in report.documents if d.error]
    unread += [(lib.path, lib.error) for lib in report.libraries if lib.error]
    return [
        {
            "level": "error",
            "message": {"text": error},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}],
        }
        for path, error in sorted(unread)
    ]


def rule_index() -> dict[str, int]:
    """Each rule's index in the log's rule list (``ruleIndex``)."""
    return {rule.name: i for i, rule in enumerate(RULES.values())}


def to_dict(report: Report, results: bool = True) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (plain JSON-ready data); ``results=False``: an empty
    results list (report.stream writes the results itself)."""
    rules = list(RULES.values())
    index = rule_index()
    findings = sorted(report.findings(), key=_sort_key) if results else []
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.has_input_error,
        "exitCode": report.exit_code(),
    }
    notifications = _notifications(report)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {
                    SRCROOT: {"description": {"text": "The directory citecheck ran in (the repository root in CI)."}}
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, index) for finding in findings],
            }
        ],
    }


def render(report: Report) -> str:
    """The SARIF log as indented JSON text."""
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
