"""One formatter per output format; each module has ``render(report) -> str``."""

from __future__ import annotations

import importlib
from typing import Any

FORMATS: dict[str, str] = {
    "text": "citecheck.report.text",
    "json": "citecheck.report.json",
    "sarif": "citecheck.report.sarif",
    "github": "citecheck.report.github",
    "junit": "citecheck.report.junit",
    "markdown": "citecheck.report.markdown",
}


def finding_text(finding: Any) -> str:
    """A finding's message with its expected and found values on lines of their own."""
    lines = [finding.message]
    if finding.expected is not None:
        lines.append(f"Expected: {finding.expected}")
    if finding.found is not None:
        lines.append(f"Found: {finding.found}")
    return "\n".join(lines)


def render(report: Any, fmt: str, **options: Any) -> str:
    """The report in ``fmt`` (a key of FORMATS); ``options`` go to formatters that take them.

    Every string of the report is cleaned first (:mod:`citecheck.report.sanitize`): no essay,
    library or page can put a control character or a line of its own into any format.
    """
    from citecheck.report.sanitize import clean_report

    report = clean_report(report, line_oriented=fmt not in ("json", "sarif"))
    module = importlib.import_module(FORMATS[fmt])
    if fmt == "text":
        return module.render(report, **options)
    return module.render(report)
