"""PDF essays: pypdf's layout text, page by page, rebuilt into paragraphs.

``Document.source`` is the *rendering*: every non-blank text line of every page as pypdf lays
it out (left margin removed), pages in order. A Span's line and column count in that rendering;
``Span.page`` is the PDF page (1-based) and ``Span.page_line`` the line on that page, so a
finding reads "essay.pdf p. 3 line 12". ``Document.pages`` holds each page's first offset in the
rendering.

Paragraphs: a new one starts after a blank gap, at and after a centred line, and after a line
that stops well short of the right margin (a paragraph's last line, a heading, a reference
entry) when that line ends a sentence or is a short title-like line.
Lines of a paragraph are joined with a space; a word hyphenated across a line end
("infor-" / "mation") is joined without the hyphen. Running headers and footers (a page's first
or last line that repeats on other pages once digits are ignored, or a bare page number) stay
in the rendering but not in the essay's text. A PDF with no text at all (a scan) is an
:class:`InputError` that says so.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers import PlainBuilder, is_reference_title

_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
# A line-end hyphen that splits a word: a letter, "-", and the next line starts in lower case.
_SPLIT_HYPHEN_RE = re.compile(r"[^\W\d_]-$")
_OCR_HINT = ("run OCR on it (for example `ocrmypdf scan.pdf essay.pdf`) or submit the document it was "
             "exported from")


@dataclass
class _Line:
    page: int  # 0-based
    text: str  # without the common left margin and trailing blanks
    indent: int  # leading blanks after the common margin
    offset: int  # where ``text`` starts in the rendering
    gap_before: bool  # a blank line precedes it on the page
    furniture: bool = False  # a running header, footer or page number
    centred: bool = False


def parse_bytes(data: bytes, path: str) -> Document:
    """Read a PDF essay's bytes into a Document (see the module docstring)."""
    pages = _page_texts(data, path)
    if not any(text.strip() for text in pages):
        count = len(pages)
        what = "its page holds" if count == 1 else f"its {count} pages hold"
        raise InputError(
            f"the PDF has no text layer: {what} only images (a scan or a photo), "
            "so there is no essay text to check",
            path=path, hint=_OCR_HINT)
    lines, source, page_starts = _layout(pages)
    _mark_furniture(lines, len(pages))
    doc = _build(lines, source, path)
    doc.pages = page_starts
    empty = [i + 1 for i, text in enumerate(pages) if not text.strip()]
    if empty:
        doc.metadata["pages_without_text"] = empty
    return doc


def _page_texts(data: bytes, path: str) -> list[str]:
    import pypdf
    from pypdf.errors import PdfReadError

    if not data:
        raise InputError("the file is empty (0 bytes)", path=path, hint="submit the essay again")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("not a PDF file (it does not start with %PDF)", path=path,
                         hint="export the essay to PDF again, or submit it as .docx")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is password-protected", path=path,
                             hint="submit a copy without a password")
        texts = []
        for page in reader.pages:
            try:
                text = page.extract_text(extraction_mode="layout")
            except Exception:  # noqa: BLE001 - layout mode trips on some fonts; plain mode rarely does
                text = page.extract_text()
            texts.append(text or "")
        return texts
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"cannot read the PDF: {exc}", path=path,
                         hint="export the essay to PDF again, or submit it as .docx") from None
    except Exception as exc:  # noqa: BLE001 - a damaged PDF can fail anywhere inside pypdf
        raise InputError(f"cannot read the PDF ({type(exc).__name__}: {exc})", path=path,
                         hint="export the essay to PDF again, or submit it as .docx") from None


def _layout(pages: list[str]) -> tuple[list[_Line], str, list[int]]:
    raw: list[tuple[int, str, bool]] = []
    for number, text in enumerate(pages):
        gap = False
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = line.rstrip().replace("\t", " ")
            if not line.strip():
                gap = bool(raw) and raw[-1][0] == number
                continue
            raw.append((number, line, gap))
            gap = False
    margin = min((len(t) - len(t.lstrip(" ")) for _, t, _ in raw), default=0)
    lines: list[_Line] = []
    parts: list[str] = []
    page_starts: list[int] = []
    offset = 0
    for number, text, gap in raw:
        while len(page_starts) <= number:
            page_starts.append(offset)
        body = text[margin:]
        stripped = body.lstrip(" ")
        indent = len(body) - len(stripped)
        # The rendering keeps the indent, so columns match what the page shows.
        lines.append(_Line(number, stripped, indent, offset + indent, gap))
        parts.append(body)
        offset += len(body) + 1
    while len(page_starts) < len(pages):
        page_starts.append(offset)
    return lines, "\n".join(parts) + ("\n" if parts else ""), page_starts


def _mark_furniture(lines: list[_Line], page_count: int) -> None:
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    edges: dict[str, int] = {}
    for page_lines in by_page.values():
        for line in {id(x): x for x in (page_lines[0], page_lines[-1])}.values():
            key = _DIGITS_RE.sub("#", line.text.strip()).casefold()
            edges[key] = edges.get(key, 0) + 1
    for page_lines in by_page.values():
        for line in (page_lines[0], page_lines[-1]):
            key = _DIGITS_RE.sub("#", line.text.strip()).casefold()
            if _PAGE_NUMBER_RE.match(line.text) or (page_count >= 2 and "#" in key and edges.get(key, 0) >= 2):
                line.furniture = True


def _ends_block(previous: str, text: str) -> bool:
    # A short line ends a paragraph when it ends a sentence, or is a short title-like line
    # followed by a capital: never inside a sentence, which would cut a claim from its citation.
    last = previous.rstrip()[-1:]
    if last in ".?!:\"”’')]":
        return True
    return len(previous.split()) <= 12 and text[:1].isupper()


def _build(lines: list[_Line], source: str, path: str) -> Document:
    body = [line for line in lines if not line.furniture]
    width = max((line.indent + len(line.text) for line in body), default=0)
    b = PlainBuilder(source, collapse_whitespace=True)
    previous: _Line | None = None
    for line in body:
        end = line.indent + len(line.text)
        centred = line.indent > 0.15 * width and end < 0.9 * width
        new = (
            previous is None
            or (line.gap_before and line.page == previous.page)
            or centred
            or previous.centred
            or (previous.indent + len(previous.text) < 0.75 * width and _ends_block(previous.text, line.text))
        )
        line.centred = centred
        if new:
            kind = "heading" if (centred or is_reference_title(line.text)) and len(line.text.split()) <= 12 else "paragraph"
            b.begin_block(kind, 1 if kind == "heading" else 0)
            b.emit(line.text, line.offset)
        else:
            assert previous is not None
            joined_word = bool(_SPLIT_HYPHEN_RE.search(previous.text)) and line.text[:1].islower()
            if joined_word:
                # The hyphen (the builder's last character) and the line break are layout, not text.
                b.chars.pop()
                b.offs.pop()
            else:
                b.emit_char(" ", previous.offset + len(previous.text))
            b.emit(line.text, line.offset)
        previous = line
    return b.finish(path, "pdf")
