"""The BibTeX library: loading .bib files into a Library, and lookup by key and URL.

bibtexparser (>= 2) only splits the file into blocks here (no middlewares): its value
handling silently mishandles ``#`` joins, missing commas between fields and undefined macros,
so field values are interpreted by :mod:`citecheck.bibvalues`, and this module reports each
problem as a located ``bib-syntax`` finding while the rest of the file still loads. People's
names are parsed and folded by :mod:`citecheck.names` (re-exported here).

A ``#`` join whose parts are all defined is valid BibTeX and is resolved without a finding;
only a join that cannot be resolved (a dangling ``#``, an undefined part) is reported.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.bibvalues import (  # noqa: F401 - re-exported: these lived here before the split
    MONTHS,
    VERBATIM_FIELDS,
    _Problem,
    decode_field,
    decode_latex,
    parse_value,
)
from citecheck.errors import InputError
from citecheck.model import Finding, LineIndex, Reference, Span
from citecheck.names import (  # noqa: F401 - re-exported: these lived here before the split
    PARTICLES,
    fold_name,
    parse_person,
    split_names,
    strip_particles,
)
from citecheck.rules import make_finding

__all__ = ["Library", "fold_name", "load_library", "normalize_url", "parse_person", "split_names"]

_FIELD_START = re.compile(r"\s*([^\s\"#%'(),={}]+)\s*=")


@dataclass
class Library:
    """Every entry of one or more .bib files, with the problems found while reading them."""

    references: dict[str, Reference] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)  # key -> span of the entry's `@type{key`
    # The essay's own numbered reference list, when the library was parsed from it: [n] -> key.
    numbers: dict[int, str] = field(default_factory=dict)
    _by_url: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_folded_key: dict[str, str] = field(default_factory=dict, repr=False)  # lower-cased key -> first key

    def add(self, reference: Reference, span: Span | None = None) -> None:
        """Add an entry (the loader uses this; tests may build a Library by hand)."""
        self.references[reference.key] = reference
        self._by_folded_key.setdefault(reference.key.lower(), reference.key)
        if span is not None:
            self.spans[reference.key] = span
        url = reference.fields.get("url")
        if url:
            self._by_url.setdefault(normalize_url(url), []).append(reference.key)

    def by_url(self, url: str) -> Reference | None:
        """The first entry whose ``url`` equals ``url`` after normalisation, if any."""
        keys = self._by_url.get(normalize_url(url))
        return self.references[keys[0]] if keys else None

    def bib_dir(self, key: str) -> Path:
        """The directory of the .bib file that declares ``key`` (for relative ``file`` paths)."""
        return Path(self.references[key].bib_path).parent

    def span_of(self, key: str) -> Span | None:
        """Where the entry ``key`` starts in its .bib file."""
        return self.spans.get(key)


def normalize_url(url: str) -> str:
    """A URL reduced for comparison: scheme, ``www.``, default port, trailing slash, fragment.

    One parser for every URL of a run (:mod:`citecheck.urls`); a malformed URL never raises.
    """
    from citecheck.urls import comparison_key

    return comparison_key(url)


# ---------------------------------------------------------------- loading

def _read(path: Path) -> str:
    from citecheck.readers import is_special_file

    if is_special_file(path):
        raise InputError("bibliography path is not a regular file (a named pipe, socket or device)", str(path),
                         hint="name the .bib file itself")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("bibliography file not found", str(path),
                         hint="check the path given with --bib or in the essay's front matter") from None
    except IsADirectoryError:
        raise InputError("bibliography path is a directory, not a .bib file", str(path),
                         hint="name the .bib file itself") from None
    except OSError as exc:
        raise InputError(f"cannot read bibliography file: {exc.strerror or exc}", str(path),
                         hint="check the file's permissions") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"bibliography is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            str(path), line,
            hint="re-save the .bib file as UTF-8, or write accents as LaTeX (e.g. {\\\"u})",
        ) from None


@dataclass
class _FileContext:
    path: str
    text: str
    index: LineIndex
    line_starts: list[int]
    findings: list[Finding]

    def span_at(self, offset: int, length: int = 1) -> Span:
        offset = max(0, min(offset, len(self.text)))
        return self.index.span(self.path, offset, min(len(self.text), offset + max(0, length)))

    def line_offset(self, line0: int | None) -> int:
        if line0 is None or line0 < 0:
            return 0
        return self.line_starts[min(line0, len(self.line_starts) - 1)]

    def report(self, message: str, offset: int, *, length: int = 1, key: str | None = None,
               found: str | None = None, expected: str | None = None) -> None:
        span = self.span_at(offset, length)
        evidence: dict[str, Any] = {"bib": self.path, "line": span.line}
        if key:
            evidence["entry"] = key
        self.findings.append(make_finding(
            "bib-syntax", message, self.path, span, expected=expected, found=found,
            evidence=[evidence], source=key))


def load_library(paths: list[Path]) -> Library:
    """Load .bib files into one Library; malformed entries become ``bib-syntax`` findings.

    Raises InputError when a file is missing, unreadable or not UTF-8.
    """
    library = Library()
    for path in paths:
        path = Path(path)
        text = _read(path)
        _refuse_a_non_library(path, text)
        library.paths.append(path)
        _load_text(text, str(path), library)
    _apply_crossrefs(library)
    return library


def _refuse_a_non_library(path: Path, text: str) -> None:
    """An essay (or any file that is not .bib and holds no ``@entry``) given as the library.

    Loaded silently, it would make every citation undefined; say what happened instead.
    """
    if path.suffix.lower() == ".bib" or re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", text, re.MULTILINE):
        return
    from citecheck.readers import ESSAY_SUFFIXES

    what = f"an essay ({path.suffix})" if path.suffix.lower() in ESSAY_SUFFIXES else "not a .bib file"
    raise InputError(f"is {what} with no BibTeX entries, given as the library", str(path),
                     hint="pass the .bib file with --bib or in the front matter `bibliography`; essays go as "
                          "arguments: citecheck check ESSAY.md --bib references.bib")


def load_library_text(text: str, path: str = "<string>") -> Library:
    """Load BibTeX from a string (tests, editors); same findings as :func:`load_library`."""
    library = Library()
    _load_text(text, path, library)
    _apply_crossrefs(library)
    return library


def _load_text(text: str, path: str, library: Library) -> None:
    import bibtexparser
    from bibtexparser import model as bm

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    ctx = _FileContext(path, text, LineIndex(text), line_starts, library.findings)
    try:
        parsed = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # noqa: BLE001 - a parser bug must not become a traceback for the user
        raise InputError(f"the BibTeX parser failed on this file: {exc}", path,
                         hint="check the file for unbalanced braces or stray `@`") from None

    strings: dict[str, str] = {}
    cursor = 0  # search position for block raws, so equal blocks are located in order
    for block in parsed.blocks:
        offset = _locate(ctx, block, cursor)
        if block.raw:
            cursor = offset + 1
        if isinstance(block, bm.String):
            _load_string(ctx, block, offset, strings)
        elif isinstance(block, bm.DuplicateBlockKeyBlock):
            first = block.previous_block.start_line
            kind = "@string" if isinstance(block.previous_block, bm.String) else "key"
            ctx.report(
                f"duplicate {kind} `{block.key}` (first defined on line {(first or 0) + 1}); "
                "this one is ignored", offset, length=len(block.raw or "@"), key=block.key,
                found=block.key, expected="a unique key")
        elif isinstance(block, bm.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            assert isinstance(entry, bm.Entry)
            names = ", ".join(sorted(block.duplicate_keys))
            ctx.report(f"field(s) {names} given twice in entry `{entry.key}`; the first is used",
                       offset, key=entry.key)
            _load_entry(ctx, entry, offset, strings, library)
        elif isinstance(block, bm.ParsingFailedBlock):
            reason = str(getattr(block.error, "abort_reason", "") or block.error) or "cannot be parsed"
            head = (block.raw or "").split("\n", 1)[0][:60]
            ctx.report(f"malformed entry `{head}`: {reason.strip()} (unbalanced braces or a missing "
                       "comma?); the entry is skipped", offset, length=len(head) or 1,
                       found=head)
        elif isinstance(block, bm.Entry):
            _load_entry(ctx, block, offset, strings, library)
        elif isinstance(block, bm.ImplicitComment):
            _check_stray_text(ctx, block.raw or "", offset)


def _locate(ctx: _FileContext, block: Any, cursor: int) -> int:
    raw = block.raw or ""
    line_off = ctx.line_offset(block.start_line)
    if raw:
        pos = ctx.text.find(raw, min(line_off, max(cursor, 0)))
        if pos < 0:
            pos = ctx.text.find(raw)
        if pos >= 0:
            return pos
    return line_off


def _check_stray_text(ctx: _FileContext, raw: str, offset: int) -> None:
    """Text between entries is a comment, unless it looks like fields cut off by an extra `}`."""
    lead = len(raw) - len(raw.lstrip())
    if raw.lstrip().startswith(",") and _FIELD_START.match(raw.lstrip()[1:]):
        ctx.report("unbalanced braces: fields outside any entry (an extra `}` ended the previous "
                   "entry early; its later fields are lost)", offset + lead, found=raw.strip()[:40])
        return
    depth = 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                ctx.report("unbalanced braces: a `}` closes nothing (an extra `}` may have ended the "
                           "previous entry early)", offset + i, found="}")
                return


def _load_string(ctx: _FileContext, block: Any, offset: int, strings: dict[str, str]) -> None:
    raw = block.raw or ""
    eq = raw.find("=")
    problems: list[_Problem] = []
    value_raw = block.value or ""
    vstart = raw.find(value_raw, eq + 1) if value_raw else eq + 1
    value, end = parse_value(value_raw, strings, problems, offset + max(vstart, 0))
    if value_raw[end:].strip():
        problems.append(_Problem(f"unexpected text after the @string value: `{value_raw[end:].strip()[:30]}`",
                                 offset + max(vstart, 0) + end))
    for p in problems:
        ctx.report(f"@string `{block.key}`: {p.message}", p.offset, key=block.key)
    strings[block.key.lower()] = value


def _load_entry(ctx: _FileContext, entry: Any, offset: int, strings: dict[str, str],
                library: Library) -> None:
    key = (entry.key or "").strip()
    raw = entry.raw or ""
    entry_type = entry.entry_type.lower()
    if entry_type in ("comment", "preamble"):
        return
    if not key or re.search(r"[\s{}\"=#]", key):
        ctx.report(f"entry has no usable key (found `{key[:40]}`); the entry is skipped", offset, key=None)
        return
    if key in library.references:
        first = library.references[key]
        ctx.report(f"duplicate key `{key}` (first defined in {first.bib_path} line {first.line}); this "
                   "one is ignored", offset, key=key, found=key, expected="a unique key")
        return
    same = library._by_folded_key.get(key.lower())  # kept as entries are added: no rescan per entry
    if same is not None:
        ctx.report(f"key `{key}` differs only in case from `{same}` (BibTeX treats them as "
                   "the same key)", offset, key=key)

    fields: dict[str, str] = {}
    raw_fields: dict[str, str] = {}
    pos = raw.find(",") + 1 if "," in raw else len(raw)
    queue = [(f.key, f.value) for f in entry.fields]
    while queue:
        name, value_raw = queue.pop(0)
        m = re.compile(r"\s*" + re.escape(name) + r"\s*=").search(raw, pos)
        vpos = m.end() if m else pos
        if m:
            pos = m.end()
        vstart = raw.find(value_raw, vpos) if value_raw else vpos
        vstart = vstart if vstart >= 0 else vpos
        problems: list[_Problem] = []
        value, end = parse_value(value_raw, strings, problems, offset + vstart)
        rest = value_raw[end:]
        if rest.strip():
            m2 = _FIELD_START.match(rest)
            if m2:
                # `title = {X} year = {2009}`: bibtexparser keeps both in one value; split them back.
                problems.append(_Problem(f"missing comma before field `{m2.group(1)}`",
                                         offset + vstart + end))
                queue.insert(0, (m2.group(1), rest[m2.end():].strip()))
            else:
                problems.append(_Problem(f"unexpected text after the value of `{name}`: "
                                         f"`{rest.strip()[:30]}` (missing comma or quotes?)",
                                         offset + vstart + end))
        pos = max(pos, vstart + len(value_raw))
        for p in problems:
            ctx.report(f"entry `{key}`, field `{name.lower()}`: {p.message}", p.offset, key=key)
        lname = name.lower()
        if lname in raw_fields:
            continue
        raw_fields[lname] = value
        fields[lname] = decode_field(lname, value)

    reference = Reference(
        key=key, entry_type=entry_type, fields=fields, bib_path=ctx.path,
        line=ctx.index.line_col(offset)[0],
        authors=[p for p in map(parse_person, split_names(raw_fields.get("author", ""))) if p],
        editors=[p for p in map(parse_person, split_names(raw_fields.get("editor", ""))) if p],
    )
    library.add(reference, ctx.span_at(offset, min(len(raw.split(",", 1)[0]), 200) or 1))


def _apply_crossrefs(library: Library) -> None:
    """Copy fields a ``crossref``/``xdata`` parent has and the child lacks; a cycle is a finding."""
    for ref in library.references.values():
        chain = [ref.key]
        parent_key = ref.fields.get("crossref")
        while parent_key and parent_key not in chain and parent_key in library.references:
            chain.append(parent_key)
            parent = library.references[parent_key]
            for name, value in parent.fields.items():
                if name in ("crossref", "ids", "keywords"):
                    continue
                target = "booktitle" if name == "title" and "title" in ref.fields else name
                ref.fields.setdefault(target, value)
            if not ref.editors and parent.editors:
                ref.editors = list(parent.editors)
            parent_key = parent.fields.get("crossref")
        if parent_key and parent_key in chain:
            shown = " -> ".join([*chain, parent_key]) if len(chain) < 6 else f"{ref.key} -> … -> {parent_key}"
            library.findings.append(make_finding(
                "bib-syntax", f"crossref cycle from `{ref.key}` ({shown}); inherited fields stop at the cycle",
                ref.bib_path, library.span_of(ref.key), expected="a crossref chain that ends", found=shown,
                evidence=[{"bib": ref.bib_path, "line": ref.line, "entry": ref.key}], source=ref.key))
