"""``--format concise``: one line per finding, ``path:line:col: severity rule message``.

The shape of ruff's ``--output-format concise`` and Vale's ``--output=line``, which editors,
``grep`` and CI problem matchers read (docs/ci.md has a GitHub problem matcher for it). Findings
are sorted by file, line and column; a finding without a span is placed at ``1:1``. A PDF has no
lines to jump to, so its findings say ``path p. 3, line 12:5:`` (page, line on that page, column). The
message is folded onto one line. The summary line follows unless ``quiet``.
"""

from __future__ import annotations

from citecheck.model import Finding, Report, Span
from citecheck.report.summary import ordered_findings, summarize

_STYLE = {"error": ("red", True), "warning": ("yellow", False), "info": ("cyan", False)}


def position(span: Span) -> str:
    """Where a span stands, for people: ``line:col``, or ``p. 3, line 12:5`` in a PDF (the page and
    the line on that page, not the line of the extracted text)."""
    if span.page is not None:
        return f"p. {span.page}, line {span.page_line}:{span.column}"
    return f"{span.line}:{span.column}"


def line(finding: Finding, color: bool = False) -> str:
    """One finding as ``path:line:col: severity rule message`` (``path p. 3, line 12:5: ...`` in a PDF)."""
    span = finding.span
    if span is None:
        where = f"{finding.path}:1:1"
    elif span.page is not None:
        where = f"{finding.path} {position(span)}"
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
