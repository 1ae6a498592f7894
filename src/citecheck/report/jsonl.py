"""``--format jsonl``: JSON Lines, one finding a line (the shape of ruff's ``json-lines``).

Each line is a finding as in ``--format json`` (rule, severity, message, path, span, expected,
found, evidence, source, fingerprint). Lines come in the order a run finishes its work, so they
can be written as they are known: each essay's findings (sorted by line and column) as the essay
is checked, in essay order, then each library's findings, which are final only once every essay
is in (``reference-unused``). Unreadable files are not lines: they are reported on stderr and
make the exit code 2, as in ``--format concise``. No summary line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from citecheck.model import DocumentResult, Finding, LibraryResult, Report
from citecheck.report.summary import finding_order


def _lines(findings: list[Finding]) -> Iterator[str]:
    for finding in sorted(findings, key=finding_order):
        yield json.dumps(finding.to_json(), ensure_ascii=False) + "\n"


def document_lines(doc: DocumentResult) -> Iterator[str]:
    """One essay's lines."""
    return _lines(doc.findings)


def library_lines(lib: LibraryResult) -> Iterator[str]:
    """One library's lines."""
    return _lines(lib.findings)


def render(report: Report) -> str:
    """Every essay's lines, then every library's."""
    parts = [line for doc in report.documents for line in document_lines(doc)]
    parts += [line for lib in report.libraries for line in library_lines(lib)]
    return "".join(parts)
