"""``--format text``: findings grouped by file with a compiler-style code frame, then claim verdicts."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from citecheck.model import Claim, DocumentResult, Finding, Report
from citecheck.report.concise import position
from citecheck.report.evidence import evidence_lines
from citecheck.report.summary import finding_order, summarize

# The control codes rich's strip_control_codes drops (rich.control.STRIP_CONTROL_CODES).
_RICH_STRIPS = re.compile("[\x07\x08\x0b\x0c\r]")
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLE = {
    "supported": "green",
    "partially_supported": "yellow",
    "unsupported": "red",
    "contradicted": "bold red",
    "unverifiable": "dim",
}


def _frame(lines: list[str], finding: Finding) -> list[tuple[str, str]]:
    """Lines (text, style) showing the finding's line with a caret under its span.

    ``lines`` are the file's lines, split once per file (not once per finding).
    """
    span = finding.span
    if span is None or not lines:
        return []
    if not 1 <= span.line <= len(lines):
        return []
    line_text = lines[span.line - 1]
    shown_line = span.page_line if span.page is not None else span.line  # a PDF: the line on its page
    width = len(str(shown_line))
    end_col = span.end_column if span.end_line == span.line else len(line_text) + 1
    carets = max(1, end_col - span.column)
    # Long lines are cut to a window around the span, so the caret stays readable.
    start = max(0, span.column - 1 - 40)
    stop = min(len(line_text), span.column - 1 + carets + 40)
    # Tabs shown as spaces in the window only (a line can be a whole 100 KB paragraph).
    shown = ("…" if start else "") + line_text[start:stop].replace("\t", " ") + ("…" if stop < len(line_text) else "")
    caret_pad = span.column - 1 - start + (1 if start else 0)
    carets = min(carets, max(1, len(shown) - caret_pad))
    gutter = " " * width
    return [
        (f"   {gutter} |", "blue"),
        (f"   {shown_line} | {shown}", ""),
        (f"   {gutter} | {' ' * caret_pad}{'^' * carets}", _SEVERITY_STYLE[finding.severity]),
    ]


def _finding_lines(lines: list[str], finding: Finding) -> list[tuple[str, str]]:
    where = position(finding.span, finding.path) if finding.span else "-"
    out = [(f"  {where:<8} {finding.severity:<8} {finding.rule:<28} {finding.message}",
            _SEVERITY_STYLE[finding.severity])]
    out.extend(_frame(lines, finding))
    if finding.expected is not None:
        out.append((f"      = expected: {finding.expected}", ""))
    if finding.found is not None:
        out.append((f"      = found:    {finding.found}", ""))
    out.extend(("      = evidence: " + line, "dim") for line in evidence_lines(finding.evidence, limit=2))
    return out


def _claim_line(claim: Claim, path: str) -> tuple[str, str]:
    where = position(claim.span, path) if claim.span else "-"
    text = " ".join(claim.text.split())
    text = text if len(text) <= 70 else text[:69] + "…"
    reason = f" — {claim.reason}" if claim.reason else ""
    if claim.evidence and claim.verdict != "unverifiable":
        reason += f" [{claim.evidence[0].source_id} {claim.evidence[0].location}]"
    return (f"  {where:<8} {claim.verdict:<20} {text}{reason}", _VERDICT_STYLE.get(claim.verdict, ""))


def _document_lines(doc: DocumentResult, show_claims: bool) -> list[tuple[str, str]]:
    return list(_each_document_line(doc, show_claims))


def _each_document_line(doc: DocumentResult, show_claims: bool) -> Iterator[tuple[str, str]]:
    yield (doc.path, "bold underline")
    if doc.error:  # printed once, on stderr, by the CLI; the summary counts it
        return
    source_lines = doc.source.splitlines()
    for finding in sorted(doc.findings, key=finding_order):
        yield from _finding_lines(source_lines, finding)
    if show_claims and any(c.citations or c.mismatches for c in doc.claims):
        yield ("  claims with citations:", "bold")
        yield from (_claim_line(c, doc.path) for c in doc.claims if c.citations or c.mismatches)


def document_parts(doc: DocumentResult, show_claims: bool, lines_per_part: int = 2000) -> Iterator[str]:
    """``plain_lines`` of the essay's lines (as :func:`render` writes its block), in parts of at
    most ``lines_per_part`` lines: a long essay's block is never one string (flat memory).
    Nothing when the essay has nothing to say."""
    lines = _each_document_line(doc, show_claims)
    head = [text for text, _ in islice(lines, 2)]
    if len(head) < 2:
        return
    texts = chain(head, (text for text, _ in lines))
    separator = ""
    while batch := list(islice(texts, max(1, lines_per_part))):
        yield separator + plain_lines(batch)  # line by line: parts joined by newlines are the whole block
        separator = "\n"


def render(report: Report, color: bool = False, width: int = 120, show_claims: bool = False,
           quiet: bool = False) -> str:
    """The text report; ANSI colours only when ``color`` is true.

    Files with nothing to say are left out. ``show_claims`` (``-v``) adds each essay's claims
    with citations and their verdicts; ``quiet`` (``-q``) leaves out the summary line.
    """
    if not color:
        return _render_plain(report, show_claims, quiet)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                      width=width, highlight=False, soft_wrap=True)
    for lines in _blocks(report, show_claims):
        # One print per block, not per line: rich's per-call cost dominates on large reports.
        console.print(Text("\n").join(Text(text, style=style or "") for text, style in lines))
        console.print()
    if not quiet:
        console.print(Text(summarize(report).line(), style="bold"))
    return buffer.getvalue()


def _blocks(report: Report, show_claims: bool) -> Iterator[list[tuple[str, str]]]:
    """Each library's and essay's lines (text, style), files with nothing to say left out."""
    for lib in report.libraries:
        if lib.findings:
            lines: list[tuple[str, str]] = [(lib.path, "bold underline")]
            source_lines = lib.source.splitlines()
            for finding in sorted(lib.findings, key=finding_order):
                lines.extend(_finding_lines(source_lines, finding))
            yield lines
    for doc in report.documents:
        lines = _document_lines(doc, show_claims)
        if len(lines) > 1:
            yield lines


def _render_plain(report: Report, show_claims: bool, quiet: bool) -> str:
    """The text report without colour: plain strings, the same bytes rich writes with no colour
    (rich's per-line cost was most of the time on a run with thousands of findings)."""
    out: list[str] = []
    for lines in _blocks(report, show_claims):
        out.append(plain_lines(text for text, _ in lines))
        out.append("")
    if not quiet:
        out.append(plain_lines([summarize(report).line()]))
    return "\n".join(out) + "\n" if out else ""


def plain_lines(texts: Iterable[str]) -> str:
    """The lines ``texts`` as :func:`_plain` prints them, joined by newlines: control codes are
    dropped from the whole block at once (the codes rich drops do not include the newline)."""
    texts = list(texts)
    block = "\n".join(texts)
    if "\t" in block or _RICH_STRIPS.search(block):
        # rich is imported only then (a tenth of start-up), and str.translate looks up every character.
        return "\n".join(_plain(text) for text in texts)
    return block


def _plain(text: str) -> str:
    """A line as rich prints it without colour: control codes dropped (rich's own helper); a line
    with a tab, whose expansion depends on character widths, is left to rich itself."""
    from rich.control import strip_control_codes

    if "\t" not in text:
        return strip_control_codes(text)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    Console(file=buffer, force_terminal=False, no_color=True, color_system=None, width=120, highlight=False,
            soft_wrap=True).print(Text(text))
    return buffer.getvalue()[:-1]
