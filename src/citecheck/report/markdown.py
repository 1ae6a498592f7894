"""``--format markdown``: a job summary for ``$GITHUB_STEP_SUMMARY`` (GitHub-flavoured Markdown).

A heading, a totals line, the files that could not be read, a table of every finding, then per
essay a table of the claims that carry citations with their verdicts. Table cells are escaped
so that text from essays and sources cannot break the table or inject HTML: ``|``, ``\\`` and
Markdown punctuation are backslash-escaped, newlines become ``<br>``, and URLs in messages
become autolinks. Tables stop after :data:`MAX_ROWS` rows (GitHub refuses summaries over 1 MiB);
the full list is in the SARIF or JSON report.
"""

from __future__ import annotations

import re

from citecheck.model import Claim, DocumentResult, Finding, Report
from citecheck.report.evidence import evidence_lines
from citecheck.report.locations import described
from citecheck.report.summary import ordered_findings, summarize

MAX_ROWS = 500
CLAIM_LIMIT = 160

_SPECIAL = frozenset("\\`*_[]<>|~&")
_URL = re.compile(r"https?://[^\s<>\"]+")
_URL_TRAILING = ".,;:!?)]}'"


def _escape_text(text: str) -> str:
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def _url(url: str) -> str:
    """A URL made safe inside ``<...>`` and a table cell."""
    return url.replace(" ", "%20").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def escape_cell(text: str) -> str:
    """Text made safe for one GFM table cell."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        out.append(_escape_text(text[pos:match.start()]))
        out.append(f"<{_url(url)}>")
        pos = match.start() + len(url)
    out.append(_escape_text(text[pos:]))
    return "<br>".join("".join(out).split("\n"))


def totals_line(report: Report) -> str:
    """Errors, warnings, info, files and the cited claims' verdicts, in one line (see report.summary)."""
    line = summarize(report).line()
    head, sep, rest = line.partition(",")
    return f"**{head}**{sep}{rest}"


def _finding_row(finding: Finding) -> str:
    place = described(finding.path, finding.span)  # a Word or PDF essay: paragraph / page and line
    where = f"{finding.path} {place}" if place else f"{finding.path}:{finding.span.line}" if finding.span else finding.path
    cells = [
        escape_cell(where),
        finding.severity,
        f"`{finding.rule}`",
        escape_cell(finding.message),
        escape_cell(finding.expected) if finding.expected is not None else "",
        escape_cell(finding.found) if finding.found is not None else "",
        "<br>".join(escape_cell(line) for line in evidence_lines(finding.evidence, limit=2)),
    ]
    return "| " + " | ".join(cells) + " |"


def _claim_row(claim: Claim) -> str:
    text = " ".join(claim.text.split())
    if len(text) > CLAIM_LIMIT:
        text = text[: CLAIM_LIMIT - 1] + "…"
    if claim.verdict == "unverifiable" or not claim.evidence:
        source = escape_cell(claim.reason)
    else:
        passage = claim.evidence[0]
        label = escape_cell(f"{passage.source_id} {passage.location}".strip())
        source = f"[{label}](<{_url(passage.deep_link)}>)" if passage.deep_link else label
    line = str(claim.span.line) if claim.span else ""
    return f"| {line} | {claim.verdict.replace('_', ' ')} | {escape_cell(text)} | {source} |"


def _table(header: list[str], rows: list[str], what: str, total: int | None = None) -> list[str]:
    """A table of the first MAX_ROWS ``rows`` of ``total`` (default: all of them)."""
    total = len(rows) if total is None else total
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out.extend(rows[:MAX_ROWS])
    if total > MAX_ROWS:
        out += ["", f"_… and {total - MAX_ROWS} more {what}; see the SARIF or JSON report._"]
    return out


def head_lines(report: Report) -> list[str]:
    """The heading, the totals line and the files that could not be read."""
    out = ["## citecheck", "", totals_line(report), ""]
    unread = sorted([(d.path, d.error) for d in report.documents if d.error]
                    + [(lib.path, lib.error) for lib in report.libraries if lib.error])
    if unread:
        out.append("Could not be read:")
        out.append("")
        for path, error in unread:
            # Input errors usually name their file already ("path: what went wrong").
            text = error or ""
            out.append(f"- {escape_cell(text if text.startswith(path) else f'{path}: {text}')}")
        out.append("")
    return out


def findings_table(rows: list[str], total: int) -> list[str]:
    """The findings section: ``rows`` (the first MAX_ROWS of ``total``, in order) in a table."""
    if not total:
        return ["No findings.", ""]
    out = ["### Findings", ""]
    out += _table(["File:line", "Severity", "Rule", "Message", "Expected", "Found", "Evidence"], rows[:MAX_ROWS],
                  "findings", total)
    out.append("")
    return out


def claims_section(doc: DocumentResult) -> list[str]:
    """One essay's table of claims with citations and their verdicts (none: no lines)."""
    cited = [c for c in doc.claims if c.citations]
    if not cited:
        return []
    out = [f"### {escape_cell(doc.path)}", ""]
    out += _table(["Line", "Verdict", "Claim", "Evidence or reason"], [_claim_row(c) for c in cited[:MAX_ROWS]],
                  "claims", len(cited))
    out.append("")
    return out


def render(report: Report) -> str:
    """The job summary as GitHub-flavoured Markdown."""
    out = head_lines(report)
    findings = ordered_findings(report)
    out += findings_table([_finding_row(f) for f in findings[:MAX_ROWS]], len(findings))
    for doc in sorted(report.documents, key=lambda d: d.path):
        out += claims_section(doc)
    return "\n".join(out)
