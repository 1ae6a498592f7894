"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Each line reads ``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE``
(``::warning`` for warnings, ``::notice`` for info), escaped as the Actions toolkit escapes them.
Columns are given only when the span starts and ends on the same line: the runner drops
columns from a multi-line annotation anyway. A finding without a span is pinned to line 1.
``endColumn`` is exclusive (the column after the span), as in our spans and in SARIF. A finding
in a Word, OpenDocument or PDF essay has no line GitHub could show (its spans count lines of a
text rendering): it is a file-level annotation (no ``line``) whose message begins with the place
in words, ``p. 3, line 12, column 5`` or ``paragraph 4, character 12``.

The output ends after the last annotation, with no summary command: the totals belong to the
terminal report and the job summary (``--format markdown``), and a summary ``::notice`` would
add an annotation to every run, clean or not.
"""

from __future__ import annotations

from typing import Any

from citecheck.model import Finding, Report
from citecheck.report import finding_text
from citecheck.report.locations import described

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the toolkit does (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,`` (they delimit properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: list[tuple[str, Any]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def _location(finding: Finding) -> list[tuple[str, Any]]:
    span = finding.span
    if span is None:
        return [("file", finding.path), ("line", 1)]
    if described(finding.path, span) is not None:
        return [("file", finding.path)]  # a binary essay: the place is in the message
    line = max(1, span.line)
    end_line = max(line, span.end_line)
    props: list[tuple[str, Any]] = [("file", finding.path), ("line", line)]
    if end_line == line:
        column = max(1, span.column)
        props += [("col", column), ("endLine", end_line), ("endColumn", max(column, span.end_column))]
    else:
        props.append(("endLine", end_line))
    return props


def entries(report: Report) -> list[tuple[tuple[Any, ...], str]]:
    """(sort key, workflow-command line) of every unreadable file and finding, unsorted."""
    out: list[tuple[tuple[Any, ...], str]] = []
    unread = [(d.path, d.error) for d in report.documents if d.error]
    unread += [(lib.path, lib.error) for lib in report.libraries if lib.error]
    for path, error in unread:
        line = _command("error", [("file", path)], error)
        out.append(((path, 0, 0, ""), line))
    for finding in report.findings():
        out.append((finding_key(finding), finding_line(finding)))
    return out


def finding_key(finding: Finding) -> tuple[Any, ...]:
    """A finding's sort key (its line breaks ties: :func:`commands`)."""
    span = finding.span
    return (finding.path, span.line if span else 1, span.column if span else 0, finding.rule, finding.message)


def finding_line(finding: Finding) -> str:
    """A finding's workflow-command line."""
    place = described(finding.path, finding.span)
    text = finding_text(finding, evidence=True)
    return _command(_COMMAND[finding.severity], [*_location(finding), ("title", finding.rule)],
                    f"{place}: {text}" if place else text)


def commands(report: Report) -> list[str]:
    """The workflow-command lines, sorted by path, line, column and rule."""
    return [line for _, line in sorted(entries(report), key=lambda entry: (entry[0], entry[1]))]


def render(report: Report) -> str:
    """One workflow command per line; an empty string when there is nothing to annotate."""
    return "".join(line + "\n" for line in commands(report))
