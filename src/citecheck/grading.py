"""Grading a class set: one :func:`citecheck.api.check` run, then one row of counts per essay.

:func:`grade` returns a :class:`Gradebook`; ``report/grade.py`` writes it as ``grades.csv``,
``index.html`` and one HTML page per essay. The score comes from a rubric (``[tool.citecheck.rubric]``,
defaults and meaning in docs/grading.md): ``base`` minus a weight per counted problem, minus
``uncited-share`` times the share of check-worthy claims with no citation, minus
``unverifiable-share`` times the share of cited claims that could not be checked (no source
text), never below ``floor``; ``verified_share`` in the row says how much the score rests on.

An essay that cannot be read (binary, wrong encoding, a PDF without a text layer, a broken
.docx) or that has no text is a row that says so, with no score; the others are graded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError
from citecheck.model import Claim, Document, DocumentResult, Finding, Report, Source

# Rubric weights: what one unit of each counted column costs, out of ``base`` points.
DEFAULT_RUBRIC: dict[str, float] = {
    "base": 100.0,
    "floor": 0.0,
    "contradicted": 10.0,
    "unsupported": 5.0,
    "partially-supported": 2.0,
    "quotation-errors": 8.0,
    "figure-errors": 6.0,
    "citation-errors": 5.0,
    "dead-links": 3.0,
    "reference-list-problems": 2.0,
    "uncited-claims": 3.0,
    "uncited-share": 20.0,
    "unverifiable-share": 10.0,
}

# CSV columns, in order. A rubric weight named like a column (kebab-case) applies to its count.
COLUMNS: list[str] = [
    "file", "status", "score", "words", "claims", "check_worthy_claims", "check_worthy_cited_share",
    "citations", "citations_resolved", "sources_with_text", "supported", "partially_supported",
    "contradicted", "unsupported", "unverifiable", "verified_share", "quotation_errors", "figure_errors", "citation_errors",
    "dead_links", "reference_list_problems", "uncited_claims", "errors", "warnings", "problem",
]

QUOTE_RULES = frozenset({"quote-not-found", "quote-altered"})
FIGURE_RULES = frozenset({"number-mismatch", "date-mismatch", "computed-mismatch"})
CITATION_RULES = frozenset({"citation-undefined", "citation-ambiguous", "citation-year-mismatch",
                            "citation-page-out-of-range"})
TEXT_STATUSES = frozenset({"live", "archived", "file", "snapshot"})


@dataclass
class ReferenceEntry:
    """One entry of the essay's own reference list and what became of it."""

    text: str
    start: int  # offsets in the essay's source (the file, or a binary essay's rendering)
    end: int
    line: int
    where: str = ""  # "line 12", "paragraph 12" (Word) or "p. 3, line 4" (PDF)
    key: str | None = None  # its key when the list served as the essay's library
    cited: int = 0  # resolved citations of it (known when the list was the library)
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.findings:
            return "; ".join(sorted({f.rule for f in self.findings}))
        if self.key is None:
            return "listed"
        return f"cited {self.cited}\u00d7" if self.cited else "never cited"


@dataclass
class EssayGrade:
    """One essay's row, with what its HTML page needs."""

    path: str
    status: str  # graded | unreadable | empty
    problem: str = ""
    name: str = ""  # the path shown: relative to the folder that holds every essay graded
    row: dict[str, Any] = field(default_factory=dict)
    result: DocumentResult | None = None
    doc: Document | None = None
    references: list[ReferenceEntry] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def score(self) -> float | None:
        value = self.row.get("score")
        return value if isinstance(value, (int, float)) else None


@dataclass
class Gradebook:
    """Every essay's grade, the rubric used and the underlying report."""

    essays: list[EssayGrade]
    rubric: dict[str, float]
    report: Report

    @property
    def ungraded(self) -> list[EssayGrade]:
        return [e for e in self.essays if e.status != "graded"]

    def exit_code(self) -> int:
        """2 when some essay could not be graded (unreadable or empty), else 0."""
        return 2 if self.ungraded else 0


def load_rubric(config: Any) -> dict[str, float]:
    """The rubric: DEFAULT_RUBRIC with ``[tool.citecheck.rubric]`` applied; unknown keys are errors."""
    rubric = dict(DEFAULT_RUBRIC)
    table = config.get("rubric")
    where = str(config.path) if getattr(config, "path", None) else None
    for name, value in (table or {}).items():
        if name not in DEFAULT_RUBRIC:
            raise ConfigError(f"unknown rubric weight {name!r} in [tool.citecheck.rubric]", where,
                              hint="known weights: " + ", ".join(DEFAULT_RUBRIC))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"rubric weight {name!r} must be a number of points >= 0, not {value!r}", where,
                              hint="see docs/grading.md")
        rubric[name] = float(value)
    return rubric


def score(row: dict[str, Any], rubric: dict[str, float]) -> float:
    """The rubric's score for a row of counts (see the module docstring)."""
    total = rubric["base"]
    for name, weight in rubric.items():
        if name in ("base", "floor") or name.endswith("-share"):
            continue
        total -= weight * float(row.get(name.replace("-", "_"), 0) or 0)
    for weight, column in (("uncited-share", "check_worthy_cited_share"), ("unverifiable-share", "verified_share")):
        share = row.get(column)
        if isinstance(share, (int, float)) and not isinstance(share, bool):
            total -= rubric[weight] * (1.0 - share)
    return round(max(rubric["floor"], total), 1)


def grade(
    paths: Sequence[str | Path],
    bib: Sequence[str | Path] | None = None,
    *,
    config: Any = None,
    **check_options: Any,
) -> Gradebook:
    """Check every essay under ``paths`` and grade each.

    ``check_options`` go to :func:`citecheck.api.check` (offline, snapshots, cache_dir, network,
    progress and ``on_stage`` hooks...).
    """
    from citecheck.api import check
    from citecheck.config import load_config

    config = config or load_config()
    rubric = load_rubric(config)
    report = check(paths, bib, config=config, **check_options)
    sources = {s.id: s for s in report.sources}
    essays = [_grade_one(result, sources, rubric, config) for result in report.documents]
    essays += _unread_submissions(paths, config)
    base = _common_folder([e.path for e in essays])
    for essay in essays:
        essay.row["file"] = essay.name = _relative(essay.path, base)
    essays.sort(key=lambda e: e.name)
    return Gradebook(essays, rubric, report)


# Word processors' formats that a folder of submissions holds and citecheck does not read. A
# directory walk for essays passes them by; grading must not, or a student's work would vanish
# from the grade sheet without a word.
UNREAD_DOCUMENTS: dict[str, tuple[str, str]] = {
    ".doc": ("a Word 97-2003 document (.doc)", "open it in Word or LibreOffice and save it as .docx"),
    ".rtf": ("a Rich Text Format document (.rtf)", "open it in Word or LibreOffice and save it as .docx"),
    ".pages": ("an Apple Pages document", "export it from Pages as Word (.docx) or PDF"),
    ".wpd": ("a WordPerfect document", "save it as .docx or PDF"),
    ".wps": ("a Microsoft Works document", "save it as .docx or PDF"),
    ".gdoc": ("a Google Docs shortcut (the document itself is online)",
              "download it from Google Docs as .docx (File > Download)"),
    ".xps": ("an XPS document", "print it to PDF, or save the original as .docx"),
}


def _unread_submissions(paths: Sequence[str | Path], config: Any) -> list[EssayGrade]:
    """A row for each file in a walked folder that is a document in a format citecheck cannot read."""
    from citecheck.discovery import walk

    include = config.get("include") or []
    exclude = config.get("exclude") or []
    rows = []
    for raw in paths:
        if not Path(raw).is_dir():
            continue  # a file named on the command line is read, and its row says what it is
        for path in walk(Path(raw), UNREAD_DOCUMENTS, include, exclude, config.base_dir()):
            what, hint = UNREAD_DOCUMENTS[path.suffix.lower()]
            problem = f"{what}, a format citecheck does not read ({hint})"
            rows.append(EssayGrade(str(path), "unreadable", problem, row=_empty_row(str(path), "unreadable", problem)))
    return rows


def _common_folder(paths: list[str]) -> str | None:
    import os

    folders = [os.path.dirname(os.path.abspath(p)) for p in paths]
    try:
        return os.path.commonpath(folders) if folders else None
    except ValueError:  # different drives
        return None


def _relative(path: str, base: str | None) -> str:
    import os

    if base is None:
        return path
    return os.path.relpath(os.path.abspath(path), base)


def _grade_one(result: DocumentResult, sources: dict[str, Source], rubric: dict[str, float],
               config: Any) -> EssayGrade:
    if result.error and not result.empty:
        return EssayGrade(result.path, "unreadable", _reason(result.error, result.path),
                          row=_empty_row(result.path, "unreadable", _reason(result.error, result.path)),
                          result=result)
    doc = _reread(result.path)
    words = _body_words(doc) if doc is not None else len(result.source.split())
    if words == 0:
        problem = "the essay has no text" + (" (only a reference list)" if doc is not None and doc.text.strip() else "")
        return EssayGrade(result.path, "empty", problem, row=_empty_row(result.path, "empty", problem),
                          result=result, doc=doc)
    threshold = config.get("worthiness-threshold")
    if threshold is None:
        from citecheck.claims.worthiness import WORTHINESS_THRESHOLD

        threshold = WORTHINESS_THRESHOLD
    row = _counts(result, words, threshold, sources)
    row["file"] = result.path
    row["status"] = "graded"
    row["problem"] = ""
    row["score"] = score(row, rubric)
    essay = EssayGrade(result.path, "graded", row=row, result=result, doc=doc)
    essay.sources = {sid: sources[sid] for sid in _cited_source_ids(result) if sid in sources}
    essay.references = _references(doc, result) if doc is not None else []
    return essay


def _reason(error: str, path: str) -> str:
    # The rendered error starts with "path:line: "; the row already names the file.
    for prefix in (f"{path}: ", f"{path}:"):
        if error.startswith(prefix):
            rest = error[len(prefix):]
            head, _, tail = rest.partition(": ")
            return tail if head.isdigit() and tail else rest
    return error


def _empty_row(path: str, status: str, problem: str) -> dict[str, Any]:
    row: dict[str, Any] = {name: "" for name in COLUMNS}
    row.update(file=path, status=status, problem=problem)
    return row


def _reread(path: str) -> Document | None:
    from citecheck.errors import CitecheckError
    from citecheck.readers import read_document

    try:
        return read_document(Path(path))
    except CitecheckError:
        return None


def _body_words(doc: Document) -> int:
    """Words of the essay proper: not its reference list, notes or headings."""
    return sum(len(doc.text[b.start:b.end].split()) for b in doc.blocks
               if b.kind not in ("references", "footnote", "heading"))


def _counts(result: DocumentResult, words: int, threshold: float, sources: dict[str, Source]) -> dict[str, Any]:
    claims: list[Claim] = result.claims
    worthy = [c for c in claims if c.worthiness >= threshold]
    cited_claims = [c for c in claims if c.citations]
    rules = [f.rule for f in result.findings]
    resolved = sum(1 for c in result.citations
                   if c.resolution is not None and c.resolution.status in ("resolved", "bare-url"))
    with_text = sum(1 for sid in _cited_source_ids(result)
                    if sid in sources and sources[sid].status in TEXT_STATUSES and sources[sid].available)
    verdicts = {v: sum(1 for c in cited_claims if c.verdict == v)
                for v in ("supported", "partially_supported", "contradicted", "unsupported", "unverifiable")}
    # How much of the essay the score rests on: cited claims compared with their source's text.
    verified = (round(1 - verdicts["unverifiable"] / len(cited_claims), 3) if cited_claims else "")
    return {
        "words": words,
        "claims": len(claims),
        "check_worthy_claims": len(worthy),
        "check_worthy_cited_share": round(sum(1 for c in worthy if c.citations) / len(worthy), 3) if worthy else "",
        "citations": len(result.citations),
        "citations_resolved": resolved,
        "sources_with_text": with_text,
        **verdicts,
        "verified_share": verified,
        "quotation_errors": sum(r in QUOTE_RULES for r in rules),
        "figure_errors": sum(r in FIGURE_RULES for r in rules),
        "citation_errors": sum(r in CITATION_RULES for r in rules),
        "dead_links": rules.count("link-dead"),
        "reference_list_problems": sum(r.startswith("reference-") or r.endswith("-invalid") for r in rules),
        "uncited_claims": rules.count("claim-uncited"),
        "errors": sum(f.severity == "error" for f in result.findings),
        "warnings": sum(f.severity == "warning" for f in result.findings),
    }


def _cited_source_ids(result: DocumentResult) -> list[str]:
    ids: list[str] = []
    for c in result.citations:
        if c.resolution is None:
            continue
        if c.resolution.status == "resolved":
            ids.extend(c.resolution.keys)
        elif c.resolution.status == "bare-url" and c.url:
            ids.append(c.url)
    return list(dict.fromkeys(ids))


def _references(doc: Document, result: DocumentResult) -> list[ReferenceEntry]:
    """The essay's reference-list entries with their findings and, when the list was the essay's
    library, how often each is cited."""
    entries: list[ReferenceEntry] = []
    keyed: dict[int, str] = {}
    try:
        from citecheck.references.essay import essay_library, reference_entries
    except ImportError:  # the reference-list parser is not part of this build
        spans = [(doc.text[b.start:b.end], b.start, b.end) for b in doc.blocks if b.kind == "references"]
    else:
        spans = reference_entries(doc)
        if not result.bibliography:  # the list was the library: its keys are the citations' keys
            library = essay_library(doc)
            for key, ref in library.references.items():
                keyed.setdefault(ref.line, key)
    cited: dict[str, int] = {}
    for c in result.citations:
        if c.resolution is not None and c.resolution.status == "resolved":
            for key in c.resolution.keys:
                cited[key] = cited.get(key, 0) + 1
    for text, start, end in spans:
        o_start, o_end = doc.original_range(start, end)
        span = doc.source_span(o_start, o_end)
        if span.page is not None:
            where = f"p. {span.page}, line {span.page_line}"
        else:
            where = f"{'paragraph' if doc.format in ('docx', 'odt') else 'line'} {span.line}"
        entry = ReferenceEntry(text, o_start, o_end, span.line, where)
        entry.key = keyed.get(span.line)
        entry.cited = cited.get(entry.key, 0) if entry.key else 0
        entry.findings = [f for f in result.findings
                          if f.span is not None and o_start <= f.span.start < max(o_end, o_start + 1)]
        entries.append(entry)
    return entries
