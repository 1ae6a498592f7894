"""Essay readers: decode a file, turn its markup into plain text with a map back to the file.

Every reader returns a :class:`~citecheck.model.Document` whose ``offsets`` has one entry per
plain-text character (its 0-based offset in ``source``) plus a final entry (``len(source)``).
Offsets never decrease: blocks stay in source order, so a plain-text range always maps to one
contiguous range of the file.
"""

from __future__ import annotations

import codecs
import re
import stat
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from citecheck.errors import InputError
from citecheck.model import Block, Directive, Document, Footnote, Link

__all__ = [
    "BINARY_FORMATS",
    "ESSAY_SUFFIXES",
    "FORMAT_BY_SUFFIX",
    "PlainBuilder",
    "decode_bytes",
    "format_for",
    "is_special_file",
    "parse_binary",
    "parse_directive",
    "parse_text",
    "read_document",
]

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".tex": "latex",
    ".latex": "latex",
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".odt": "odt",
    ".pdf": "pdf",
}
# Formats read from bytes by their own reader (readers/docx.py, odt.py, pdf.py), not decoded as text.
BINARY_FORMATS: frozenset[str] = frozenset({"docx", "odt", "pdf"})
# Suffixes a directory walk picks up as essays.
ESSAY_SUFFIXES: frozenset[str] = frozenset(FORMAT_BY_SUFFIX)

_SAVE_AS_UTF8 = "save the file as UTF-8 and run citecheck again"


def format_for(path: Path | str) -> str:
    """The reader format for a file name: markdown, html, latex, docx, odt, pdf or text (the default)."""
    return FORMAT_BY_SUFFIX.get(Path(path).suffix.lower(), "text")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode an essay's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    The text is returned exactly as written (no newline normalisation) so that offsets into it
    are offsets into the file. Raises :class:`InputError` for binary or undecodable files, naming
    the format of a document or image given a text file's name (``readers/sniff.py``).
    """
    from citecheck.readers.sniff import known_format

    found = known_format(data)
    if found is not None:
        what = "binary file, not an essay" if found.binary else "not an essay in plain text or markup"
        raise InputError(f"{what}: it is {found.name}", path=path, hint=found.hint)
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", path, len(codecs.BOM_UTF8))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return _decode(data[2:], encoding, path, 2)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            raise InputError(
                f"the file looks like {utf16} text without a byte-order mark, which citecheck does not guess",
                path=path,
                line=1,
                hint="save the file as UTF-8 (or as UTF-16 with a byte-order mark) and run citecheck again",
            )
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise InputError(
            "binary file, not an essay (it contains NUL bytes and no UTF-16 byte-order mark)",
            path=path,
            line=line,
            hint="give citecheck a Markdown, HTML, LaTeX, plain-text, Word (.docx), OpenDocument (.odt) or PDF file",
        )
    return _decode(data, "utf-8", path, 0)


def _utf16_without_bom(data: bytes) -> str | None:
    """"UTF-16LE" / "UTF-16BE" when the bytes read as mostly-ASCII UTF-16 text, else None."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for name, zeros, chars in (("UTF-16LE", odd, even), ("UTF-16BE", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) <= 0.1 * len(chars):
            return name
    return None


def _decode(data: bytes, encoding: str, path: str, skipped: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            line = data.count(b"\n", 0, exc.start) + 1
        else:
            # Count newlines in the part that did decode.
            line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        from citecheck.readers.sniff import reads_as_text

        if not reads_as_text(data):
            raise InputError(
                f"binary file, not an essay: byte 0x{bad} at file offset {exc.start + skipped} is not "
                f"{encoding.upper()}, and the bytes read as text in no other encoding either "
                "(random or compressed data, or a damaged upload)",
                path=path,
                hint="give citecheck a Markdown, HTML, LaTeX, plain-text, Word (.docx), OpenDocument (.odt) "
                "or PDF file; if this is one, submit it again",
            ) from None
        raise InputError(
            f"cannot decode as {encoding.upper()}: byte 0x{bad} at file offset {exc.start + skipped} "
            "is not valid (the file is probably in a legacy encoding such as Latin-1 or Windows-1252)",
            path=path,
            line=line,
            hint=_SAVE_AS_UTF8,
        ) from None


def read_document(path: Path) -> Document:
    """Read and parse an essay file; the format follows the file's suffix."""
    path = Path(path)
    shown = str(path)
    if is_special_file(path):
        raise InputError("not a regular file (a named pipe, socket or device), so it is not read",
                         path=shown, hint="save the essay to a file and name that file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=shown, hint="check the path and its spelling") from None
    except IsADirectoryError:
        raise InputError(
            "is a directory, not an essay file", path=shown, hint="name the essay files inside it"
        ) from None
    except PermissionError:
        raise InputError(
            "permission denied while reading the file", path=shown, hint="make the file readable"
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=shown,
                         hint="check that the path names a readable file and is not a symbolic-link loop") from None
    fmt = format_for(path)
    if fmt in BINARY_FORMATS:
        return parse_binary(data, shown, fmt)
    return parse_text(decode_bytes(data, shown), shown, fmt)


def parse_binary(data: bytes, path: str, fmt: str) -> Document:
    """Parse a Word (.docx), OpenDocument (.odt) or PDF essay from its bytes."""
    from citecheck.readers.sniff import misnamed

    found = misnamed(data, "." + fmt)
    if found is not None:
        label = {"docx": "Word .docx", "odt": "OpenDocument .odt", "pdf": "PDF"}[fmt]
        raise InputError(f"not a {label} file: it is {found.name}", path=path, hint=found.hint)
    if fmt == "docx":
        from citecheck.readers import docx as reader
    elif fmt == "odt":
        from citecheck.readers import odt as reader  # type: ignore[no-redef]
    else:
        from citecheck.readers import pdf as reader  # type: ignore[no-redef]
    return reader.parse_bytes(data, path)


def is_special_file(path: Path) -> bool:
    """Whether ``path`` is a FIFO, socket or device: reading one may block or never end."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False  # missing, a symbolic-link loop...: the read reports it
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def parse_text(source: str, path: str, fmt: str) -> Document:
    """Parse already-decoded essay text in format ``fmt`` (markdown, html, latex, text)."""
    if fmt == "markdown":
        from citecheck.readers import markdown as reader
    elif fmt == "html":
        from citecheck.readers import html as reader  # type: ignore[no-redef]
    elif fmt == "latex":
        from citecheck.readers import latex as reader  # type: ignore[no-redef]
    elif fmt == "text":
        from citecheck.readers import text as reader  # type: ignore[no-redef]
    else:
        raise InputError(f"unknown essay format {fmt!r}", path=path, hint="use markdown, html, latex or text")
    return reader.parse(source, path)


# --- shared by the readers -------------------------------------------------------------------

# Non-blank characters with single spaces between them: inside an open block a lone space after a
# non-blank character is kept as it is (emit_char's collapsing changes nothing there), so the
# run is appended in one step.
_NON_BLANK_RUN = re.compile(r"\S+(?: \S+)*")
_DIRECTIVE_RE = re.compile(r"^\s*citecheck\s*:\s*(ignore|disable|enable)\b(.*)$", re.DOTALL | re.IGNORECASE)


def parse_directive(comment_body: str, start: int, end: int) -> Directive | None:
    """A ``citecheck: ignore|disable|enable RULE[, RULE]`` comment body as a Directive, else None.

    ``ignore`` with no rule names means every rule.
    """
    match = _DIRECTIVE_RE.match(comment_body)
    if not match:
        return None
    rules = [r for r in re.split(r"[\s,]+", match.group(2).strip()) if r]
    return Directive(action=match.group(1).lower(), rules=rules, start=start, end=end)


REFERENCE_TITLES = frozenset(
    {"references", "works cited", "bibliography", "sources", "notes", "endnotes", "works consulted",
     "literature cited", "reference list", "sources cited", "work cited"}
)
# A line that starts a numbered reference entry: "[1] ...", "1. ...", "1) ...".
_NUMBERED_ENTRY_RE = re.compile(r"^[ \t]*(\[\d+\]|\d+[.)])\s")
# A line that starts an author-first entry: "Freeze, Gregory. ...".
_AUTHOR_ENTRY_RE = re.compile(r"^[ \t]*[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?, \S")


def is_reference_title(text: str) -> bool:
    """Whether a heading's text names a references section."""
    # "**Works Cited**", "__References:__", "## Sources": bold or heading marks as written in text.
    text = text.strip().strip("*_#").strip().rstrip(":").strip().strip("*_").strip()
    return text.rstrip(":").strip().casefold() in REFERENCE_TITLES


def mark_references(text: str, blocks: list[Block], levels: list[int]) -> list[Block]:
    """Relabel the blocks of a trailing references section as one ``references`` block per entry.

    ``levels`` holds each block's heading level (0 for non-headings). The section runs from a
    heading such as "References" or "Works Cited" up to the next heading of the same or a higher
    level. A block holding several entries one per line is split at the entries' first lines
    (those blocks are separated by a single newline, as in the file).
    """
    out: list[Block] = []
    section_level = 0
    for block, level in zip(blocks, levels):
        if block.kind == "heading":
            if section_level and level <= section_level:
                section_level = 0
            if is_reference_title(text[block.start : block.end]):
                section_level = level or 1
            out.append(block)
            continue
        if block.kind == "paragraph" and "\n" not in text[block.start : block.end].strip() \
                and is_reference_title(text[block.start : block.end]):
            # A bold or plain line "Works Cited" opens the section like a heading; the next real
            # heading of any level closes it.
            section_level = 99
            out.append(Block("heading", block.start, block.end))
            continue
        if not section_level or block.kind == "footnote":
            out.append(block)
            continue
        out.extend(_split_entries(text, block.start, block.end))
    return out


def _split_entries(text: str, start: int, end: int) -> list[Block]:
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append((pos, stop))
        pos = stop + 1
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    numbered = [a for a, b in lines if _NUMBERED_ENTRY_RE.match(text[a:b])]
    if len(numbered) >= 2:
        firsts = numbered
    elif len(lines) >= 2 and all(_AUTHOR_ENTRY_RE.match(text[a:b]) for a, b in lines):
        firsts = [a for a, _ in lines]
    else:
        return [Block("references", start, end)]
    cuts = sorted(set([start] + firsts))
    result = []
    for i, cut in enumerate(cuts):
        stop = cuts[i + 1] if i + 1 < len(cuts) else end
        a, b = cut, stop
        while b > a and text[b - 1].isspace():
            b -= 1
        while a < b and text[a].isspace():
            a += 1
        if b > a:
            result.append(Block("references", a, b))
    return result


@dataclass
class _OpenLink:
    url: str
    start: int


class PlainBuilder:
    """Accumulates plain text, one original offset per character, and the blocks it forms.

    Readers call :meth:`begin_block` / :meth:`end_block` around structural elements and
    :meth:`emit` for text; text emitted outside any block opens a block of the innermost
    container's kind (or ``paragraph``). Blocks are joined with ``"\\n\\n"``, whose characters map
    to the file position just after the previous block's last character.
    """

    def __init__(self, source: str, collapse_whitespace: bool = False, keep_newlines: bool = False) -> None:
        self.source = source
        self.collapse = collapse_whitespace
        self.keep_newlines = keep_newlines
        self.chars: list[str] = []
        # One original offset per character: an array of machine integers, not a list of int
        # objects (4 bytes a character instead of 36: a 2 MB essay's map is 8 MB, not 72 MB);
        # 8-byte integers only for a file past 2**31 characters.
        self.typecode = "i" if len(source) < 2**31 - 1 else "q"
        self.offs: array[int] = array(self.typecode)
        self.blocks: list[Block] = []
        self.levels: list[int] = []
        self.links: list[Link] = []
        self.footnotes: list[Footnote] = []
        self.directives: list[Directive] = []
        self.containers: list[str] = []
        self._open: tuple[str, int, int] | None = None  # kind, plain start, heading level
        self._pending_kind: tuple[str, int] | None = None
        self._links: list[_OpenLink] = []

    # -- blocks --
    @property
    def pos(self) -> int:
        return len(self.chars)

    def begin_block(self, kind: str | None = None, level: int = 0) -> None:
        """Start a block; its text begins with the next non-blank character emitted."""
        self.end_block()
        self._pending_kind = (kind or self._container_kind(), level)

    def end_block(self) -> None:
        self._pending_kind = None
        if self._open is None:
            return
        kind, start, level = self._open
        self._open = None
        while len(self.chars) > start and self.chars[-1].isspace():
            self.chars.pop()
            self.offs.pop()
        if len(self.chars) > start:
            self.blocks.append(Block(kind, start, len(self.chars)))
            self.levels.append(level)

    def _container_kind(self) -> str:
        return self.containers[-1] if self.containers else "paragraph"

    def _ensure_block(self, offset: int) -> None:
        if self._open is not None:
            return
        kind, level = self._pending_kind or (self._container_kind(), 0)
        self._pending_kind = None
        if self.chars:
            sep_off = min(self.offs[-1] + 1, offset)
            self.chars.extend("\n\n")
            self.offs.extend((sep_off, sep_off))
        self._open = (kind, len(self.chars), level)

    # -- text --
    def emit(self, text: str, offset: int, identity: bool = True) -> None:
        """Append ``text``; character i maps to ``offset + i`` (identity) or all to ``offset``."""
        for i, ch in enumerate(text):
            self.emit_char(ch, offset + i if identity else offset)

    def emit_mapped(self, text: str, offsets: Sequence[int]) -> None:
        """Append ``text`` whose character i maps to ``offsets[i]``: runs of non-blank characters
        in one step, blanks one by one (they collapse); the same result as :meth:`emit_char` per
        character, at a fraction of the calls."""
        pos = 0
        for match in _NON_BLANK_RUN.finditer(text):
            start, end = match.span()
            for k in range(pos, start):
                self.emit_char(text[k], offsets[k])
            self._ensure_block(offsets[start])
            # Never let the map go backwards: a running maximum, as _append keeps it.
            run = list(offsets[start:end])
            first = run[0]
            if (self.offs and first < self.offs[-1]) or run != list(range(first, first + len(run))):
                # Not already consecutive offsets from the last one: take the running maximum.
                if self.offs:
                    run = list(accumulate(run, max, initial=self.offs[-1]))[1:]
                else:
                    run = list(accumulate(run, max))
            self.chars.extend(text[start:end])
            self.offs.extend(run)
            pos = end
        for k in range(pos, len(text)):
            self.emit_char(text[k], offsets[k])

    def emit_char(self, ch: str, offset: int) -> None:
        if ch.isspace():
            if self._open is None:
                return  # blanks never open a block
            if self.collapse:
                if len(self.chars) == self._open[1]:
                    return
                newline = ch in "\n\r" and self.keep_newlines
                if self.chars[-1].isspace():
                    if newline:
                        self.chars[-1] = "\n"
                    return
                ch = "\n" if newline else " "
        self._ensure_block(offset)
        self._append(ch, offset)

    def _append(self, ch: str, offset: int) -> None:
        if self.offs and offset < self.offs[-1]:
            offset = self.offs[-1]  # never let the map go backwards
        self.chars.append(ch)
        self.offs.append(offset)

    def emit_break(self, offset: int) -> None:
        """A line break inside a block (HTML ``<br>``, LaTeX ``\\\\``)."""
        if self._open is None or len(self.chars) == self._open[1]:
            return
        if self.chars[-1].isspace():
            self.chars[-1] = "\n"
        else:
            self._append("\n", offset)

    # -- links --
    def start_link(self, url: str) -> None:
        self._links.append(_OpenLink(url, self.pos))

    def end_link(self) -> None:
        if not self._links:
            return
        link = self._links.pop()
        start, end = link.start, self.pos
        if start < end and self.chars[start : start + 2] == ["\n", "\n"] and start + 2 <= end:
            start += 2  # the block separator, when the link opened a block
        while start < end and self.chars[start].isspace():
            start += 1
        while end > start and self.chars[end - 1].isspace():
            end -= 1
        self.links.append(Link(link.url, "".join(self.chars[start:end]), start, end))

    def text_since(self, start: int) -> str:
        return "".join(self.chars[start:])

    # -- result --
    def finish(self, path: str, fmt: str, **extra: object) -> Document:
        self.end_block()
        while self._links:
            self.end_link()
        text = "".join(self.chars)
        offsets = self.offs  # the builder is done with it: the Document takes it over
        offsets.append(len(self.source))
        self.offs = array(self.typecode)
        n = len(text)
        for link in self.links:
            link.start, link.end = min(link.start, n), min(link.end, n)
        for note in self.footnotes:
            note.start, note.end = max(0, min(note.start, n)), max(0, min(note.end, n))
            note.ref_positions = [min(p, n) for p in note.ref_positions]
        blocks = mark_references(text, self.blocks, self.levels)
        doc = Document(
            path=path,
            format=fmt,
            source=self.source,
            text=text,
            offsets=offsets,
            blocks=blocks,
            links=self.links,
            footnotes=self.footnotes,
            directives=sorted(self.directives, key=lambda d: d.start),
        )
        for name, value in extra.items():
            setattr(doc, name, value)
        return doc
