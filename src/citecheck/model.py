"""Plain dataclasses passed between pipeline stages.

Offsets: a Document's ``text`` is the essay's plain text (markup removed); ``Document.offsets``
maps every plain-text index back to a 0-based character offset in the original file, so any
plain-text range can become a :class:`Span` with 1-based line and column.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

Verdict = Literal["supported", "partially_supported", "unsupported", "contradicted", "unverifiable"]


@dataclass(frozen=True)
class Span:
    """A range in an original file: 1-based line/column (code points), 0-based offsets.

    For a binary essay (.docx, .odt, .pdf) the "file" is the reader's text rendering
    (``Document.source``): a Word paragraph is one line; a PDF keeps its lines and adds the page
    (``page``, 1-based) and the line on that page (``page_line``).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    page: int | None = None
    page_line: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
        }
        if self.page is not None:
            out["page"] = self.page
            out["page_line"] = self.page_line
        return out


class LineIndex:
    """Turns 0-based offsets of a text into 1-based line and column numbers."""

    def __init__(self, source: str) -> None:
        self._starts = [0]
        newline = source.find("\n")
        while newline != -1:  # one step per line, not per character
            self._starts.append(newline + 1)
            newline = source.find("\n", newline + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def span(self, path: str, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return Span(path, line, col, end_line, end_col, start, end)


@dataclass
class Block:
    """A structural block of the plain text: paragraph, heading, list_item, quote, footnote, references."""

    kind: str
    start: int
    end: int


@dataclass
class Link:
    """A hyperlink: its target and the plain-text range of its anchor text."""

    url: str
    text: str
    start: int
    end: int


@dataclass
class Footnote:
    """A footnote: its label, the plain-text range of its text, and where its markers stand.

    Markers such as ``[^1]`` are removed from the plain text; ``ref_positions`` holds the
    plain-text position where each stood and ``refs`` its original-file offsets.
    """

    label: str
    start: int
    end: int
    refs: list[tuple[int, int]] = field(default_factory=list)
    ref_positions: list[int] = field(default_factory=list)


@dataclass
class Directive:
    """An inline ``citecheck:`` comment (suppression), with its range in the original file."""

    action: str  # ignore | disable | enable
    rules: list[str]
    start: int  # original-file offsets
    end: int


@dataclass
class Document:
    """An essay read into plain text with a map back to the original file."""

    path: str
    format: str  # markdown | html | text | latex
    source: str  # the decoded original file
    text: str  # plain text
    # len(text) + 1 entries: original offset of each plain char, then end (an array or range: a
    # list of int objects would cost 36 bytes a character)
    offsets: Sequence[int]
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    bibliography: list[str] = field(default_factory=list)  # paths as declared (relative to the essay)
    pages: list[int] | None = None  # PDF: where each page starts in ``source`` (the rendering)
    _index: LineIndex | None = field(default=None, repr=False, compare=False)

    def original_range(self, start: int, end: int) -> tuple[int, int]:
        """Original-file offsets for the plain-text range [start, end)."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def span(self, start: int, end: int) -> Span:
        """The Span in the original file of the plain-text range [start, end)."""
        o_start, o_end = self.original_range(start, end)
        return self.source_span(o_start, o_end)

    def source_span(self, o_start: int, o_end: int) -> Span:
        """The Span of an original-file range."""
        if self._index is None:
            self._index = LineIndex(self.source)
        span = self._index.span(self.path, o_start, o_end)
        if self.pages:
            page = bisect.bisect_right(self.pages, o_start) - 1
            while page > 0 and self.pages[page] == self.pages[page - 1] and self.pages[page] >= len(self.source):
                page -= 1
            first_line = self._index.line_col(self.pages[max(page, 0)])[0]
            span = Span(span.path, span.line, span.column, span.end_line, span.end_column, span.start, span.end,
                        page=max(page, 0) + 1, page_line=span.line - first_line + 1)
        return span


@dataclass
class Locator:
    """Where in a work: label is page, chapter, section, paragraph, line, note."""

    label: str
    value: str
    first: int | None = None
    last: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "first": self.first, "last": self.last}


@dataclass
class Resolution:
    """Outcome of matching a citation to the library."""

    status: str  # resolved | undefined | ambiguous | year-mismatch | bare-url | unresolved-number
    keys: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class Citation:
    """One cited work inside an in-text marker (a marker citing two works yields two Citations)."""

    style: str  # mla | author-date | pandoc | latex | numeric | link | footnote
    marker: str  # the marker text as written
    start: int  # plain-text offsets of this citation (of its marker when it cannot be split)
    end: int
    key: str | None = None  # pandoc / LaTeX key
    names: list[str] = field(default_factory=list)  # surnames as written
    year: str | None = None  # "2009", "2009a", "n.d."
    title: str | None = None  # MLA short title
    locator: Locator | None = None
    prefix: str = ""
    suffix: str = ""
    number: int | None = None  # numeric style
    url: str | None = None  # link style
    narrative: bool = False
    footnote: str | None = None  # footnote label when the citation came from a footnote
    span: Span | None = None
    resolution: Resolution | None = None


@dataclass
class Person:
    """A name from a .bib author/editor list, with a folded surname for matching."""

    raw: str
    last: str
    folded: str  # accents, braces and case folded
    given: str = ""  # given names or initials as written ("Gregory L.", "G. L."), when known

    @property
    def family(self) -> str:
        """The family name (``last``), the name CSL and parsed reference lists use."""
        return self.last


@dataclass
class Reference:
    """One library entry."""

    key: str
    entry_type: str  # lower case: book, article, online, misc, ...
    fields: dict[str, str]  # lower-case field names -> value (braces stripped, LaTeX decoded but url/doi/file)
    bib_path: str
    line: int
    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)

    @property
    def year(self) -> str | None:
        year = self.fields.get("year")
        if year:
            return year.strip()
        date = self.fields.get("date", "")
        return date[:4] if date[:4].isdigit() else None

    # Named views of the fields, for entries parsed from an essay's reference list
    # (citecheck.parse_reference) as much as for .bib entries.
    @property
    def title(self) -> str | None:
        return self.fields.get("title") or None

    @property
    def container(self) -> str | None:
        """The journal, book or site the work appeared in."""
        for name in ("journal", "journaltitle", "booktitle", "container"):
            if self.fields.get(name):
                return self.fields[name]
        return None

    @property
    def publisher(self) -> str | None:
        return self.fields.get("publisher") or self.fields.get("institution") or None

    @property
    def place(self) -> str | None:
        return self.fields.get("address") or self.fields.get("location") or None

    @property
    def volume(self) -> str | None:
        return self.fields.get("volume") or None

    @property
    def issue(self) -> str | None:
        return self.fields.get("number") or self.fields.get("issue") or None

    @property
    def pages(self) -> str | None:
        return self.fields.get("pages") or None

    @property
    def url(self) -> str | None:
        return self.fields.get("url") or None

    @property
    def doi(self) -> str | None:
        return self.fields.get("doi") or None

    @property
    def access_date(self) -> str | None:
        return self.fields.get("urldate") or None


@dataclass
class Quantity:
    """A number in a claim, with its counted noun and hedge."""

    value: float
    text: str
    start: int  # offsets in the text it was extracted from
    end: int
    unit: str | None = None  # "words", "%", "delegates"
    hedge: str | None = None  # "some", "about", ...
    is_year: bool = False


@dataclass
class DateMention:
    """A date or period: [year, year_end] with optional month/day, and how precise it is."""

    text: str
    start: int
    end: int
    year: int
    year_end: int | None = None
    month: int | None = None
    day: int | None = None
    precision: str = "year"  # day | month | year | decade | range | part-of-year


@dataclass
class Quotation:
    """A direct quotation in a claim (text without the quote marks)."""

    text: str
    start: int
    end: int


@dataclass
class Passage:
    """A ranked passage of a source."""

    text: str
    source_id: str
    start: int  # offsets in the source text
    end: int
    location: str  # "p. 12" or "¶ 4"
    score: float
    deep_link: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source_id,
            "location": self.location,
            "score": round(self.score, 4),
            "deep_link": self.deep_link,
        }


@dataclass
class Mismatch:
    """A part of a claim the evidence contradicts or does not back."""

    kind: str  # number | date | quote | computed | name (a detail the source never states) | negation | opposite | entity (claim-contradicted)
    claim_text: str  # the claim's words
    start: int  # offsets within the claim text
    end: int
    expected: str  # what the source says
    found: str  # what the essay says
    rule: str
    passage: Passage | None = None
    span: Span | None = None  # in the essay file, filled in by api


@dataclass
class Source:
    """The text of a cited work and where it came from."""

    id: str  # the library key, or the URL for a bare link
    url: str | None = None
    path: str | None = None
    status: str = "none"  # live | archived | dead | malformed | unreachable | offline-miss | file | snapshot | none | refused
    text: str = ""
    pages: list[tuple[int, int]] | None = None  # (start offset in text, page number), ascending
    complete: bool = False  # the text is the whole work (word counts may use it)
    archive_url: str | None = None
    final_url: str | None = None
    fetched_at: str | None = None
    http_status: int | None = None
    sha256: str | None = None
    reason: str = ""  # why there is no text, when there is none
    content_type: str | None = None
    redirects: list[str] = field(default_factory=list)
    archive_text: str | None = None  # the capture near urldate when the live text was used
    archive_timestamp: str | None = None
    from_cache: bool = False  # the live page came from the HTTP cache, not the network
    # The text was let go to keep a run's memory bounded (pipeline's source LRU): its word count,
    # for the report. Such a Source is a record of the work, never checked against.
    kept_words: int | None = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> int:
        return self.kept_words if self.kept_words is not None else len(self.text.split())

    @property
    def available(self) -> bool:
        return self.kept_words > 0 if self.kept_words is not None else bool(self.text.strip())

    def without_text(self) -> Source:
        """A record of this source without its texts (see ``kept_words``)."""
        if self.kept_words is not None:
            return self
        return replace(self, text="", archive_text=None, kept_words=self.words)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "path": self.path,
            "status": self.status,
            "archive_url": self.archive_url,
            "final_url": self.final_url,
            "fetched_at": self.fetched_at,
            "http_status": self.http_status,
            "sha256": self.sha256,
            "words": self.words if self.available else None,
            "complete": self.complete,
            "reason": self.reason or None,
        }


@dataclass
class Claim:
    """A sentence of the essay with what can be checked in it."""

    id: str
    text: str
    start: int  # plain-text offsets in the document
    end: int
    span: Span | None = None
    quantities: list[Quantity] = field(default_factory=list)  # offsets relative to claim text
    dates: list[DateMention] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    worthiness: float = 0.0
    citations: list[int] = field(default_factory=list)  # indices into the document's citations
    verdict: Verdict = "unverifiable"
    reason: str = ""
    evidence: list[Passage] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    masked: str = ""  # the text with the essay's citation markers blanked out (same offsets)


@dataclass
class Finding:
    """A reported problem."""

    rule: str
    severity: Severity
    message: str
    path: str
    span: Span | None = None
    expected: str | None = None
    found: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)  # passage/source/url/archive date/deep link
    source: str | None = None  # source id or library key
    fingerprint: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "span": self.span.to_json() if self.span else None,
            "expected": self.expected,
            "found": self.found,
            "evidence": self.evidence,
            "source": self.source,
            "fingerprint": self.fingerprint,
        }


@dataclass
class DocumentResult:
    """What one essay yielded (or why it could not be read)."""

    path: str
    format: str | None = None
    error: str | None = None
    citations: list[Citation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    bibliography: list[str] = field(default_factory=list)
    source: str = field(default="", repr=False)  # the essay's text, for code frames
    traceback: str | None = field(default=None, repr=False)  # an internal error's, for --verbose
    empty: bool = False  # read fine but holds no text: an error (exit 2), which grade calls "empty"
    # report.stream: an essay already written keeps only its counts (a report.summary.Tally)
    # instead of its citations, claims and findings, so a long run's memory stays flat.
    tally: Any = field(default=None, repr=False, compare=False)


@dataclass
class LibraryResult:
    """One .bib file and its own findings (or why it could not be read)."""

    path: str
    entries: int = 0
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    source: str = field(default="", repr=False)  # the .bib text, for code frames


@dataclass
class Report:
    """The result of a check run."""

    documents: list[DocumentResult] = field(default_factory=list)
    libraries: list[LibraryResult] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    fail_on: str = "error"

    def findings(self) -> list[Finding]:
        """Every finding of the run: the libraries' first, then each document's."""
        out = [f for lib in self.libraries for f in lib.findings]
        out.extend(f for doc in self.documents for f in doc.findings)
        return out

    @property
    def has_input_error(self) -> bool:
        return any(d.error for d in self.documents) or any(lib.error for lib in self.libraries)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings():
            counts[finding.severity] += 1
        for doc in self.documents:
            if doc.tally is not None:  # written and let go (report.stream): its counts
                for severity, n in doc.tally.severities.items():
                    counts[severity] += n
        return counts

    def exit_code(self) -> int:
        """2 when an essay or library could not be read, 1 when findings reach fail_on, else 0."""
        if self.has_input_error:
            return 2
        if self.fail_on == "never":
            return 0
        threshold = SEVERITY_ORDER[self.fail_on]
        return 1 if any(n and SEVERITY_ORDER[s] >= threshold for s, n in self.counts().items()) else 0
