"""Reports written essay by essay, with flat memory (issue 12, item 3).

``api.check(..., on_document=stream.add)`` hands each finished essay to :meth:`Stream.add`, which
renders that essay's part of every requested report at once (stdout's format, each ``--output``
and the ``--write-baseline`` file) and returns what the run keeps of the essay: its path, error
and a :class:`~citecheck.report.summary.Tally` of counts, not its text, citations, claims or
findings. So what a run holds per essay is a few integers, however long the run.

Where an essay's part goes as it finishes:

- ``jsonl`` (one finding a line) is written straight to its destination: each essay's findings
  as the essay finishes, the libraries' at the end (they are final only then).
- every other format is byte-identical to ``render(report, fmt)`` of the whole report, whose
  order needs the end of the run: text puts the libraries' findings (``reference-unused`` over
  every essay …) first; concise, GitHub, SARIF, Markdown and the baseline sort every finding by
  path; JUnit sorts its suites by path; JSON's head holds the summary. So an essay's rendered
  part goes to a spool (:mod:`citecheck.report.spool`: a temporary file past 1 MB), and :meth:`Writer.chunks` puts the parts in
  order at the end, one essay's part in memory at a time: the parts are in essay order, and
  sorted formats merge them by path (each part is sorted already; the libraries' findings are
  merged in; two parts with the same path are sorted together).

Colour is not streamed (the CLI renders a coloured terminal report from the whole report).
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

from citecheck.model import DocumentResult, Finding, Report
from citecheck.report.spool import Sorted, Spool, indented, spliced, spliced_many
from citecheck.report.summary import Tally

_CITATIONS_AND_CLAIMS = frozenset(["citations", "claims"])
_NOTHING: frozenset[str] = frozenset()
FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "markdown", "jsonl")


def _first(key: Any) -> str:
    return str(key[0])


def _first_of_first(key: Any) -> str:
    return str(key[0][0])


class Writer:
    """One report being written: ``add`` each finished essay, then ``chunks`` at the end."""

    line_oriented = True  # which cleaning of the report the format gets (report.sanitize)

    def __init__(self, fmt: str, **options: Any) -> None:
        self.fmt = fmt
        self.options = options
        self.spool = Spool()

    def reads(self) -> frozenset[str]:
        """Which of an essay's citations and claims ``add`` reads: only those are cleaned for it
        (on a long essay, cleaning them all costs more than writing the findings)."""
        return _CITATIONS_AND_CLAIMS

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        """Render ``doc`` (cleaned); ``kept`` is what the run keeps of it. Yields text to write
        now (only formats written as they go)."""
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        """The rest of the report, in pieces (``report`` holds the kept essays)."""
        raise NotImplementedError

    def close(self) -> None:
        self.spool.close()


class _Text(Writer):
    def reads(self) -> frozenset[str]:
        return frozenset(["claims"]) if self.options.get("show_claims", False) else _NOTHING

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.text import document_parts

        parts = document_parts(doc, self.options.get("show_claims", False))
        first = next(parts, None)
        if first is not None:  # written in parts: a long essay's block is never one string
            self.spool.put_parts(kept, chain([first], parts, ["\n\n"]))
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.summary import summarize
        from citecheck.report.text import _blocks, plain_lines

        for lines in _blocks(Report(libraries=report.libraries), False):
            yield plain_lines(text for text, _ in lines) + "\n\n"
        for block in self.spool.kept(report):
            yield from self.spool.read(block)
        if not self.options.get("quiet", False):
            yield plain_lines([summarize(report).line()]) + "\n"


class _Lines(Writer):
    """A line a finding, every finding sorted by path (concise, GitHub): :meth:`records` makes a
    report's (sort key, line) records, ``path_of`` finds the path in a key, and ``summary`` ends
    the report with the summary line (unless quiet)."""

    summary = False
    path_of = staticmethod(_first)

    def __init__(self, fmt: str, **options: Any) -> None:
        super().__init__(fmt, **options)
        self.sorted = Sorted(self.spool)

    def reads(self) -> frozenset[str]:
        return _NOTHING

    def records(self, report: Report) -> list[tuple[Any, str]]:
        raise NotImplementedError

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        self.sorted.put(kept, self.records(Report(documents=[doc])), self.path_of)
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.summary import summarize

        front = self.records(Report(libraries=report.libraries))
        for text in self.sorted.merged(report, front, self.path_of):
            yield text + "\n"
        if self.summary and not self.options.get("quiet", False):
            yield summarize(report).line() + "\n"


class _Concise(_Lines):
    summary = True

    def records(self, report: Report) -> list[tuple[Any, str]]:
        from citecheck.report.concise import line
        from citecheck.report.summary import finding_order

        return [(finding_order(f), line(f)) for f in report.findings()]

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.concise import line
        from citecheck.report.summary import finding_order

        self.sorted.put_lazy(kept, doc.findings, finding_order, line, self.path_of)  # each line made as written
        return iter(())


class _Github(_Lines):
    path_of = staticmethod(_first_of_first)

    def records(self, report: Report) -> list[tuple[Any, str]]:
        from citecheck.report.github import entries

        return [((key, text), text) for key, text in entries(report)]

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        if doc.error:  # the unreadable file's line: one record
            return super().add(doc, kept)
        from citecheck.report.github import finding_key, finding_line

        # Sorted by key, then line: each line made as it is written (a long essay's are never all held).
        self.sorted.put_tied(kept, doc.findings, finding_key, finding_line, self.path_of)
        return iter(())


class _Sarif(Writer):
    line_oriented = False

    def __init__(self, fmt: str, **options: Any) -> None:
        super().__init__(fmt, **options)
        self.sorted = Sorted(self.spool)
        from citecheck.report.sarif import rule_index

        self.rule_index = rule_index()

    def reads(self) -> frozenset[str]:
        return _NOTHING

    def _records(self, findings: Iterable[Finding]) -> list[tuple[Any, str]]:
        from citecheck.report.sarif import RESULT_INDENT, _result, _sort_key

        return [(_sort_key(f), indented(_result(f, self.rule_index), RESULT_INDENT)) for f in findings]

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.sarif import RESULT_INDENT, _result, _sort_key

        self.sorted.put_lazy(kept, doc.findings, _sort_key,
                             lambda f: indented(_result(f, self.rule_index), RESULT_INDENT), _first)
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.sarif import RESULT_INDENT, to_dict

        head = json.dumps(to_dict(report, results=False), indent=2, ensure_ascii=False)
        front = self._records(f for lib in report.libraries for f in lib.findings)
        yield from spliced(head, '"results": []', RESULT_INDENT, self.sorted.merged(report, front, _first))
        yield "\n"


class _Json(Writer):
    line_oriented = False

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.json import DOCUMENT_INDENT, _citation, _claim, _document, finding_order

        # The document's head dumped with empty lists, each citation, claim and finding on its
        # own: one claim's data at a time, however long the essay.
        head = indented(_document(dataclasses.replace(doc, citations=[], claims=[], findings=[])), DOCUMENT_INDENT)
        depth = DOCUMENT_INDENT + 4
        lists = [
            ('"citations": []', (indented(_citation(c), depth) for c in doc.citations)),
            ('"claims": []', (indented(_claim(c), depth) for c in doc.claims)),
            ('"findings": []', (indented(f.to_json(), depth) for f in sorted(doc.findings, key=finding_order))),
        ]
        self.spool.put_parts(kept, spliced_many(head, depth, lists))
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.json import DOCUMENT_INDENT, to_dict

        head = json.dumps(to_dict(report, documents=False), indent=2, ensure_ascii=False)
        parts = (self.spool.read(block) for block in self.spool.kept(report))
        yield from spliced(head, '"documents": []', DOCUMENT_INDENT, parts)
        yield "\n"


class _Junit(Writer):
    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.junit import _document_cases, suite_parts

        parts, counts = suite_parts(doc.path, _document_cases(doc))
        self.spool.put_parts(kept, parts, doc.path, counts)
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.junit import _library_cases, render, root_tags, suite_text

        suites: list[tuple[str, dict[str, int]]] = [
            suite_text(lib.path, _library_cases(lib)) for lib in sorted(report.libraries, key=lambda lib: lib.path)]
        blocks = sorted(self.spool.kept(report), key=lambda block: block.group)
        if not suites and not blocks:
            yield render(report)
            return
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for counts in [c for _, c in suites] + [block.extra for block in blocks]:
            for key in totals:
                totals[key] += counts[key]
        start, end = root_tags(totals)
        yield '<?xml version="1.0" encoding="UTF-8"?>\n' + start
        for text, _ in suites:
            yield "\n  " + text
        for block in blocks:
            yield "\n  "
            yield from self.spool.read(block)
        yield "\n" + end + "\n"


class _Markdown(Writer):
    def __init__(self, fmt: str, **options: Any) -> None:
        super().__init__(fmt, **options)
        self.rows = Spool()
        self.sorted = Sorted(self.rows)

    def reads(self) -> frozenset[str]:
        return frozenset(["claims"])

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.markdown import MAX_ROWS, _finding_row, claims_section
        from citecheck.report.summary import finding_order

        # Only the first MAX_ROWS rows of a path can be shown: the rest are counted, not made.
        self.sorted.put_lazy(kept, doc.findings, finding_order, _finding_row, _first, limit=MAX_ROWS)
        section = claims_section(doc)
        if section:
            self.spool.put(kept, "\n".join(section), doc.path)
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.markdown import MAX_ROWS, _finding_row, findings_table, head_lines
        from citecheck.report.summary import finding_order

        out = head_lines(report)
        front = [(finding_order(f), _finding_row(f)) for lib in report.libraries for f in lib.findings]
        rows: list[str] = []
        for row in self.sorted.merged(report, front, _first):
            rows.append(row)
            if len(rows) == MAX_ROWS:
                break
        total = len(front) + sum(block.extra for block in self.rows.kept(report))  # each block's records, counted
        out += findings_table(rows, total)
        yield "\n".join(out)
        for block in sorted(self.spool.kept(report), key=lambda block: block.group):
            yield "\n"
            yield from self.spool.read(block)

    def close(self) -> None:
        super().close()
        self.rows.close()


class _Jsonl(Writer):
    """Each essay's findings when it finishes, the libraries' at the end. ``live=True`` (stdout):
    an essay's lines are handed to Stream's ``emit`` at once; else they wait in the spool."""

    line_oriented = False

    def reads(self) -> frozenset[str]:
        return _NOTHING

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        from citecheck.report.jsonl import document_lines

        if self.options.get("live", False):
            return document_lines(doc)
        text = "".join(document_lines(doc))
        if text:
            self.spool.put(kept, text)
        return iter(())

    def chunks(self, report: Report) -> Iterator[str]:
        from citecheck.report.jsonl import library_lines

        for block in self.spool.kept(report):
            yield from self.spool.read(block)
        for lib in report.libraries:
            yield from library_lines(lib)


class _Baseline(Writer):
    """``--write-baseline``: every finding's fingerprint, sorted by path, rule and fingerprint."""

    def __init__(self, fmt: str = "baseline", **options: Any) -> None:
        super().__init__(fmt, **options)
        self.sorted = Sorted(self.spool)

    @staticmethod
    def _records(findings: Iterable[Finding]) -> list[tuple[Any, str]]:
        from citecheck.api import baseline_entry

        records = []
        for finding in findings:
            entry = baseline_entry(finding)
            records.append(((entry["path"], entry["rule"], entry["fingerprint"]), indented(entry, 4)))
        return records

    def add(self, doc: DocumentResult, kept: DocumentResult) -> Iterator[str]:
        self.sorted.put(kept, self._records(doc.findings), _first)
        return iter(())

    @staticmethod
    def total(report: Report) -> int:
        """How many findings the baseline records (what api.write_baseline returns)."""
        return sum(report.counts().values())

    def chunks(self, report: Report) -> Iterator[str]:
        front = self._records(f for lib in report.libraries for f in lib.findings)
        head = json.dumps({"version": 1, "findings": []}, indent=2, ensure_ascii=False)
        yield from spliced(head, '"findings": []', 4, self.sorted.merged(report, front, _first))
        yield "\n"


WRITERS: dict[str, type[Writer]] = {
    "text": _Text, "concise": _Concise, "github": _Github, "sarif": _Sarif, "json": _Json,
    "junit": _Junit, "markdown": _Markdown, "jsonl": _Jsonl,
}


class Stream:
    """The run's reports, fed essay by essay (see the module docstring).

    ``outputs`` maps a name (``"stdout"``, a file path, ``"baseline"``) to its Writer; ``emit``
    receives (name, text) for the parts written as they go (JSON Lines).
    """

    def __init__(self, outputs: dict[str, Writer], emit: Callable[[str, str], Any] | None = None) -> None:
        self.outputs = outputs
        self.emit = emit or (lambda name, text: None)

    def reads(self) -> frozenset[str]:
        """Which of an essay's citations and claims some output reads (the rest need not reach ``add``)."""
        needed: frozenset[str] = _NOTHING
        for writer in self.outputs.values():
            # The baseline records findings only.
            needed |= _NOTHING if isinstance(writer, _Baseline) else writer.reads()
        return needed

    def add(self, doc: DocumentResult) -> DocumentResult:
        """Render ``doc`` into every output; return the result to keep (counts, no text)."""
        from citecheck.report.sanitize import clean_report

        tally = Tally.of(doc)
        kept = DocumentResult(path=doc.path, format=doc.format, error=doc.error, bibliography=doc.bibliography,
                              traceback=doc.traceback, empty=doc.empty, tally=tally)
        cleaned: dict[tuple[bool, frozenset[str]], DocumentResult] = {}
        for name, writer in self.outputs.items():
            if isinstance(writer, _Baseline):
                view = doc  # the baseline records the findings as they are, like api.write_baseline
            else:
                key = (writer.line_oriented, writer.reads())
                if key not in cleaned:
                    part = doc
                    if key[1] != _CITATIONS_AND_CLAIMS:
                        part = copy.copy(doc)  # without the lists the writer never reads
                        for unread in _CITATIONS_AND_CLAIMS - key[1]:
                            setattr(part, unread, [])
                    cleaned[key] = clean_report(Report(documents=[part]), line_oriented=key[0]).documents[0]
                view = cleaned[key]
            for text in writer.add(view, kept):
                self.emit(name, text)
        return kept

    def chunks(self, name: str, report: Report) -> Iterator[str]:
        """The rest of output ``name`` (the report cleaned as ``render`` cleans it)."""
        from citecheck.report.sanitize import clean_report

        writer = self.outputs[name]
        view = report if isinstance(writer, _Baseline) else clean_report(report, line_oriented=writer.line_oriented)
        if view is report:
            view = dataclasses.replace(report)
        # The kept essays by identity (a cleaned copy of one is another object): whose blocks to write.
        view.kept_ids = {id(doc) for doc in report.documents}  # type: ignore[attr-defined]
        return writer.chunks(view)

    def close(self) -> None:
        for writer in self.outputs.values():
            writer.close()


def writer(fmt: str, **options: Any) -> Writer:
    """A Writer for ``fmt`` (a key of :data:`WRITERS`, or ``"baseline"``)."""
    if fmt == "baseline":
        return _Baseline()
    return WRITERS[fmt](fmt, **options)
