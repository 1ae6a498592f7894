"""``--format text`` and ``--format concise`` written essay by essay (issue 12, item 3): each
essay's lines are rendered as the essay finishes and the essay's text is let go, so a long run
does not hold every essay's source until the report is written.

The bytes are those of ``render(report, fmt)`` (no colour) for the same report. That report
puts the libraries' findings first (text) or sorts them in among the essays' by path (concise),
and those (``reference-unused`` …) are known only once every essay is in; so the essays' lines
go to a spool (a temporary file past 1 MB), and :meth:`Spool.write` writes the libraries' lines,
the spooled essays (those the run kept) and the summary line. Kept in memory: each essay's
result without its text (its findings and claims: the summary and the exit code count them).
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from typing import Any

from citecheck.model import DocumentResult, Report

SPOOL_BYTES = 1 << 20
FORMATS = ("text", "concise")


@dataclasses.dataclass
class _Block:
    doc: DocumentResult  # the result kept in the report
    start: int
    end: int
    path: str | None = None  # concise: the one (cleaned) path of the block's findings


class Spool:
    """Collects each essay's lines as it finishes; see the module docstring."""

    def __init__(self, fmt: str = "text", show_claims: bool = False) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"cannot stream {fmt}")
        self.fmt = fmt
        self.show_claims = show_claims
        # Not a context manager: it lives from the first essay to the written report.
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")  # noqa: SIM115
        self.blocks: list[_Block] = []
        self.merged = True  # concise: each block's findings share one path (else render at the end)

    def add(self, doc: DocumentResult) -> DocumentResult:
        """Render ``doc``'s lines now; return the result to keep in the report (without its text)."""
        from citecheck.report.sanitize import clean_report

        clean = clean_report(Report(documents=[doc]), line_oriented=True).documents[0]
        kept = dataclasses.replace(doc, source="")  # the code frames are written: the text can go
        path = None
        if self.fmt == "text":
            from citecheck.report.text import _document_lines, _plain

            lines = _document_lines(clean, self.show_claims)
            text = "".join(_plain(t) + "\n" for t, _ in lines) + "\n" if len(lines) > 1 else ""
        else:
            from citecheck.report.concise import line
            from citecheck.report.summary import finding_order

            findings = sorted(clean.findings, key=finding_order)
            paths = {f.path for f in findings}
            if len(paths) > 1:
                self.merged = False
            path = next(iter(paths)) if paths else None
            text = "".join(line(f) + "\n" for f in findings)
        if text:
            data = text.encode("utf-8")
            start = self.file.tell()
            self.file.write(data)
            self.blocks.append(_Block(kept, start, start + len(data), path))
        return kept

    def write(self, report: Report, echo: Callable[[str], Any], quiet: bool = False) -> None:
        """Write the whole report through ``echo``: libraries, kept essays, summary."""
        from citecheck.report.summary import summarize
        from citecheck.report.text import _plain

        try:
            if self.fmt == "text":
                self._write_text(report, echo)
            else:
                self._write_concise(report, echo)
            if not quiet:
                echo(_plain(summarize(report).line()) + "\n")
        finally:
            self.file.close()

    def _kept(self, report: Report) -> list[_Block]:
        kept = {id(doc) for doc in report.documents}
        return [block for block in self.blocks if id(block.doc) in kept]

    def _read(self, block: _Block) -> str:
        self.file.seek(block.start)
        return self.file.read(block.end - block.start).decode("utf-8")

    def _write_text(self, report: Report, echo: Callable[[str], Any]) -> None:
        from citecheck.report.sanitize import clean_report
        from citecheck.report.text import _blocks, _plain

        libraries = clean_report(Report(libraries=report.libraries), line_oriented=True)
        for lines in _blocks(libraries, False):
            echo("".join(_plain(text) + "\n" for text, _ in lines) + "\n")
        for block in self._kept(report):
            echo(self._read(block))

    def _write_concise(self, report: Report, echo: Callable[[str], Any]) -> None:
        """The findings sorted by path, line, column: the essays' blocks and the libraries'
        findings merged by path (each essay's findings are sorted already)."""
        from citecheck.report.concise import line
        from citecheck.report.sanitize import clean_report
        from citecheck.report.summary import finding_order

        libraries = clean_report(Report(libraries=report.libraries), line_oriented=True)
        groups: dict[str, list[Any]] = {}
        for finding in sorted((f for lib in libraries.libraries for f in lib.findings), key=finding_order):
            groups.setdefault(finding.path, []).append(finding)
        blocks = self._kept(report)
        paths = [block.path for block in blocks] + list(groups)
        if not self.merged or len(set(paths)) != len(paths):  # paths shared: sort everything at the end
            from citecheck.report import render

            echo(render(report, "concise", quiet=True))
            return
        entries: list[tuple[str, Any]] = [(str(block.path), block) for block in blocks]
        entries.extend(groups.items())
        for _, entry in sorted(entries, key=lambda item: item[0]):
            if isinstance(entry, _Block):
                echo(self._read(entry))
            else:
                echo("".join(line(f) + "\n" for f in entry))
