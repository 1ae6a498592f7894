"""Turn a fetched or local body (HTML, PDF, plain text) into a source's text.

The HTML, PDF and encoding libraries are imported inside the functions that use them, so that
importing citecheck stays fast.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = ["Extracted", "UnreadableSource", "decode_text", "extract"]

_HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml+html"}
_PDF_TYPES = {"application/pdf", "application/x-pdf", "application/acrobat"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


@dataclass
class Extracted:
    """A source's text; ``pages`` is (offset in text, page number) per page for paged documents."""

    text: str
    pages: list[tuple[int, int]] | None = None
    title: str | None = None


class UnreadableSource(Exception):
    """A body that yields no usable text; ``reason`` says why (for source-unreadable)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def extract(body: bytes, content_type: str | None, url: str | None = None) -> Extracted:
    """Extract the readable text of ``body`` given its Content-Type (sniffed when missing).

    Raises :class:`UnreadableSource` for an empty body, a PDF without a text layer, a body that
    cannot be parsed, or an unsupported type -- and for *any* exception of the parsers below
    (pypdf, trafilatura, lxml, bs4), so a hostile body is that source's problem, never the run's.
    """
    try:
        return _extract(body, content_type, url)
    except UnreadableSource:
        raise
    except RecursionError:
        raise UnreadableSource("cannot be read: nested too deeply") from None
    except MemoryError:
        raise UnreadableSource("cannot be read: too large to parse") from None
    except Exception as exc:  # noqa: BLE001 - the boundary where untrusted bodies meet parsers
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        raise UnreadableSource(f"cannot be read ({type(exc).__name__}: {detail})") from None


def _extract(body: bytes, content_type: str | None, url: str | None) -> Extracted:
    if not body or not body.strip():
        raise UnreadableSource("empty")
    mime, charset = _split_content_type(content_type)
    if not mime or mime == "application/octet-stream":
        mime = _sniff(body, url) or mime
    if mime in _HTML_TYPES:
        return _extract_html(body, charset, url)
    if mime in _PDF_TYPES:
        return _extract_pdf(body)
    if mime in _TEXT_TYPES:
        text = decode_text(body, charset)
        if not text.strip():
            raise UnreadableSource("empty")
        return Extracted(text=unicodedata.normalize("NFC", text))  # accents composed, as an essay writes them
    raise UnreadableSource(f"unsupported content type {content_type or mime or 'unknown'}")


def _split_content_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _sniff(body: bytes, url: str | None) -> str | None:
    head = body[:1024].lstrip().lower()
    if body.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head:
        return "text/html"
    path = (url or "").split("?")[0].split("#")[0].lower()
    if path.endswith((".txt", ".md", ".markdown")):
        return "text/plain"
    if path.endswith((".html", ".htm")):
        return "text/html"
    if b"\x00" not in body[:1024]:
        return "text/plain"
    return None


def decode_text(body: bytes, charset: str | None = None, notes: list[str] | None = None) -> str:
    """Decode text bytes: the declared charset, a BOM, UTF-8, else the best guess; never raises.

    A declared charset that Python does not know, that is not a text encoding (``undefined``,
    ``base64``, ``zlib``...) or that does not fit the bytes is ignored; ``notes`` (when given)
    receives a line saying so.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    if charset:
        codec = _text_codec(charset)
        if codec is not None:
            try:
                return body.decode(codec)
            except (UnicodeError, LookupError, ValueError, TypeError):
                pass
        if notes is not None:
            shown = charset[:40]
            notes.append(f"declared charset {shown!r} {'is unknown' if codec is None else 'does not fit the bytes'}; "
                         "decoded by guessing")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        if best is not None:
            return str(best)
    except Exception:  # noqa: BLE001, S110 - the guesser's own trouble: fall back to UTF-8 with replacement
        pass
    return body.decode("utf-8", errors="replace")


def _text_codec(charset: str) -> str | None:
    """The Python codec for a declared charset, or None when it is unknown or not a text encoding."""
    try:
        info = codecs.lookup(_python_codec(charset))
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("undefined",):
        return None
    return info.name


def _python_codec(charset: str) -> str:
    name = charset.strip().lower()
    # Browsers read these labels as their Windows supersets (WHATWG Encoding Standard).
    return {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
            "us-ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874"}.get(name, name)


def _html_charset(body: bytes, declared: str | None) -> str | None:
    if declared:
        return declared
    match = _CHARSET_RE.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


# Above these sizes a page is read by a streaming parser instead of trafilatura, whose lxml
# tree (and copies of it) took 600-700 MB for a 19 MB page or 5 MB of nested tags.
MAX_TREE_MARKUP = 3_000_000  # characters of markup
MAX_TREE_TAGS = 150_000  # "<" characters in the markup
MAX_TEXT = 8_000_000  # characters of extracted text kept from one source


def _extract_html(body: bytes, charset: str | None, url: str | None) -> Extracted:
    markup = decode_text(body, _html_charset(body, charset))
    del body
    if len(markup) > MAX_TREE_MARKUP or markup.count("<") > MAX_TREE_TAGS:
        text, title = _stream_text(markup)
        if not text.strip():
            raise UnreadableSource("empty")
        return Extracted(text=text, title=title)
    import trafilatura

    text = ""
    title = None
    try:
        result = trafilatura.bare_extraction(
            markup, url=url, include_comments=False, include_tables=True, with_metadata=True
        )
    except Exception:  # noqa: BLE001 - trafilatura raises assorted errors on odd markup; fall back below
        result = None
    if result is not None:
        raw = getattr(result, "text", None) or ""
        title = getattr(result, "title", None) or None
        text = "\n\n".join(line.strip() for line in raw.splitlines() if line.strip())
    if not text:
        text, soup_title = _soup_text(markup)
        title = title or soup_title
    if not text.strip():
        raise UnreadableSource("empty")
    return Extracted(text=text[:MAX_TEXT], title=title)


_SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "blockquote", "pre", "dd", "dt", "figcaption", "header", "footer", "main", "table", "ul", "ol", "hr"}


def _stream_text(markup: str) -> tuple[str, str | None]:
    """The text of a large or deeply nested page, read as a stream of tags (no tree is built).

    Memory stays proportional to the text kept (at most ``MAX_TEXT`` characters), whatever
    the nesting; script, style and similar elements are left out and blocks become paragraphs.
    """
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.kept = 0
            self.skipping: dict[str, int] = {}
            self.in_title = False
            self.title: list[str] = []

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in _SKIPPED:
                self.skipping[tag] = self.skipping.get(tag, 0) + 1
            elif tag in _BLOCKS:
                self.parts.append("\n")
            if tag == "title":
                self.in_title = True

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIPPED and self.skipping.get(tag):
                self.skipping[tag] -= 1
            elif tag in _BLOCKS:
                self.parts.append("\n")
            if tag == "title":
                self.in_title = False

        def handle_data(self, data: str) -> None:
            if self.in_title and len(self.title) < 50:
                self.title.append(data)
            if any(self.skipping.values()) or self.kept >= MAX_TEXT:
                return
            self.parts.append(data)
            self.kept += len(data)

        def parse_marked_section(self, i: int, report: bool = True) -> int:
            try:
                return super().parse_marked_section(i, report)
            except AssertionError:  # "<![2]--": a bogus comment up to the next ">", as browsers read it
                end = self.rawdata.find(">", i)
                return -1 if end < 0 else end + 1

    collector = Collector()
    step = 1 << 16
    for start in range(0, len(markup), step):
        collector.feed(markup[start:start + step])
        if collector.kept >= MAX_TEXT:
            break
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    text = "\n\n".join(line for line in lines if line)[:MAX_TEXT]
    title = " ".join("".join(collector.title).split()) or None
    return text, title


def _soup_text(markup: str) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for el in soup(["script", "style", "noscript", "template", "head"]):
        el.decompose()
    lines = [" ".join(line.split()) for line in soup.get_text("\n").splitlines()]
    return "\n\n".join(line for line in lines if line)[:MAX_TEXT], title or None


def _quiet_pypdf() -> None:
    """pypdf logs every oddity of a malformed PDF as a warning, which Python's last-resort handler
    prints on the user's terminal; the reason reaches the report instead (source-unreadable)."""
    import logging

    logger = logging.getLogger("pypdf")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _extract_pdf(body: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    _quiet_pypdf()

    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot read it
                raise UnreadableSource("PDF is encrypted") from None
        texts = [(page.extract_text() or "").strip() for page in reader.pages]
        labels = _page_numbers(reader, len(texts))
        title = None
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title)
    except UnreadableSource:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise UnreadableSource(f"PDF cannot be read: {exc}") from None
    if not any(texts):
        raise UnreadableSource("PDF has no text layer")
    parts: list[str] = []
    pages: list[tuple[int, int]] = []
    offset = 0
    for text, number in zip(texts, labels):
        if parts:
            offset += 2  # the "\n\n" between pages
        pages.append((offset, number))
        parts.append(text)
        offset += len(text)
    return Extracted(text="\n\n".join(parts), pages=pages, title=title)


def _page_numbers(reader: object, count: int) -> list[int]:
    """Printed page numbers when the PDF's page labels are plain numbers, else 1..n."""
    try:
        labels = list(reader.page_labels)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - broken label trees: fall back to 1..n
        labels = []
    if len(labels) == count and all(label.isdigit() for label in labels):
        return [int(label) for label in labels]
    return list(range(1, count + 1))
