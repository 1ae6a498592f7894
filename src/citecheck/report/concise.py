"""``--format concise``: one line per finding, ``path:line:col: severity rule message``.

The shape of ruff's ``--output-format concise`` and Vale's ``--output=line``, which editors,
``grep`` and CI problem matchers read (docs/ci.md has a GitHub problem matcher for it). Findings
are sorted by file, line and column; a finding without a span is placed at ``1:1``. A PDF has no
lines to jump to, so its findings say ``path p. 3, line 12:5:`` (page, line on that page, column); a
Word or OpenDocument essay's say ``path paragraph 4, character 12:``, as its SARIF and GitHub
annotations do (report/locations.py). The message is folded onto one line. The summary line follows unless ``quiet``.
"""

from __future__ import annotations

from citecheck.model import Finding, Report, Span
from citecheck.report.locations import described, in_binary_essay
from citecheck.report.summary import ordered_findings, summarize

_STYLE = {"error": ("red", True), "warning": ("yellow", False), "info": ("cyan", False)}


def position(span: Span, path: str = "") -> str:
    """Where a span stands, for people: ``line:col``, ``p. 3, line 12:5`` in a PDF (the page and
    the line on that page, not the line of the extracted text), ``paragraph 4, character 12`` in
    the Word or OpenDocument essay at ``path`` (no editor shows a line of those)."""
    if span.page is not None:
        return f"p. {span.page}, line {span.page_line}:{span.column}"
    if path and in_binary_essay(path, span):
        return str(described(path, span))
    return f"{span.line}:{span.column}"


def line(finding: Finding, color: bool = False) -> str:
    """One finding as ``path:line:col: severity rule message`` (``path p. 3, line 12:5: ...`` in a PDF,
    ``path paragraph 4, character 12: ...`` in a Word essay)."""
    span = finding.span
    if span is None:
        where = f"{finding.path}:1:1"
    elif in_binary_essay(finding.path, span):
        where = f"{finding.path} {position(span, finding.path)}"
    else:
        where = f"{finding.path}:{position(span)}"
    message = " ".join(finding.message.split())
    severity, rule = finding.severity, finding.rule
    if color:
        import click

        fg, bold = _STYLE[severity]
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=fg, bold=bold)
        rule = click.style(rule, dim=True)
    return f"{where}: {severity} {rule} {message}"


def render(report: Report, color: bool = False, quiet: bool = False) -> str:
    """The findings, one a line, then the summary line (left out when ``quiet``)."""
    lines = [line(finding, color) for finding in ordered_findings(report)]
    if not quiet:
        lines.append(summarize(report).line())
    return "".join(text + "\n" for text in lines)
