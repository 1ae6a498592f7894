"""OpenDocument essays (.odt, LibreOffice Writer): content.xml walked in reading order.

Read: paragraphs, headings (``text:h`` and its outline level), lists, table cells, links with
their targets, footnotes and endnotes. Not read: tracked deletions (kept apart in
``text:tracked-changes``), comments (``office:annotation``), hidden text. Line and column map
as for .docx (see :mod:`citecheck.readers.office`).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers.office import LinkEnd, LinkStart, Note, NoteRef, Paragraph, build_document

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_XLINK = "http://www.w3.org/1999/xlink"


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


_SKIP = {_t("tracked-changes"), f"{{{_OFFICE}}}annotation", f"{{{_OFFICE}}}annotation-end", _t("hidden-text"),
         _t("hidden-paragraph"), _t("note-citation"), _t("sequence-decls"), _t("deletion")}


def parse_bytes(data: bytes, path: str) -> Document:
    """Read an .odt essay's bytes into a Document."""
    from lxml import etree  # type: ignore[import-untyped]

    if not data:
        raise InputError("the file is empty (0 bytes)", path=path, hint="submit the essay again")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                                huge_tree=False))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot open the OpenDocument file: {exc}", path=path,
                         hint="open it in LibreOffice and save it again as .odt") from None
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    reader = _OdtReader()
    paragraphs: list[Paragraph] = []
    if body is not None:
        reader.blocks(body, paragraphs)
    return build_document(path, "odt", paragraphs, reader.notes)


class _OdtReader:
    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.counts = {"footnote": 0, "endnote": 0}

    def blocks(self, element: Any, out: list[Paragraph]) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _t("p"):
                out.append(self.paragraph(child, Paragraph()))
            elif tag == _t("h"):
                level = child.get(_t("outline-level")) or "1"
                out.append(self.paragraph(child, Paragraph("heading", int(level) if level.isdigit() else 1)))
            elif tag == _t("list-item"):
                items: list[Paragraph] = []
                self.blocks(child, items)
                for item in items:
                    if item.kind == "paragraph":
                        item.kind = "list_item"
                out.extend(items)
            else:  # lists, sections, tables, rows, cells...
                self.blocks(child, out)

    def paragraph(self, element: Any, par: Paragraph) -> Paragraph:
        if element.text:
            par.pieces.append(element.text)
        for child in element:
            self.inline(child, par)
            if child.tail:
                par.pieces.append(child.tail)
        return par

    def inline(self, element: Any, par: Paragraph) -> None:
        tag = element.tag
        if tag in _SKIP or not isinstance(tag, str):
            return
        if tag == _t("s"):
            count = element.get(_t("c")) or "1"
            par.pieces.append(" " * (int(count) if count.isdigit() else 1))
        elif tag in (_t("tab"), _t("line-break")):
            par.pieces.append(" ")
        elif tag == _t("note"):
            kind = element.get(_t("note-class")) or "footnote"
            kind = kind if kind in self.counts else "footnote"
            self.counts[kind] += 1
            label = str(self.counts[kind]) if kind == "footnote" else f"e{self.counts[kind]}"
            par.pieces.append(NoteRef(label))
            note = Note(label)
            body = element.find(_t("note-body"))
            if body is not None:
                self.blocks(body, note.paragraphs)
            for item in note.paragraphs:
                item.kind = "paragraph"
            self.notes.append(note)
        elif tag == _t("a"):
            url = element.get(f"{{{_XLINK}}}href")
            if url:
                par.pieces.append(LinkStart(url))
            self.paragraph(element, par)
            if url:
                par.pieces.append(LinkEnd())
        else:  # spans, bookmarks, change marks...
            self.paragraph(element, par)
