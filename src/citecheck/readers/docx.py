"""Word essays (.docx): python-docx opens the package; the body's XML is walked in reading order.

What counts as essay text: paragraphs and headings (by style or outline level), table cells,
hyperlinks (``w:hyperlink`` and ``HYPERLINK`` fields, with their targets), tracked insertions,
footnotes and endnotes. What does not: tracked deletions and moved-away text, comments, hidden
text, field instructions, headers and footers. See :mod:`citecheck.readers.office` for how
line and column map (line = paragraph number).

Measured on our fixtures (``bench/docx_readers.py``): python-docx's text API gets 6 of 11
features (no notes, no tracked insertions, no field links), docx2python 10 of 11 (no field
links) but hands back nested lists of strings with no paragraph structure to map spans into.
So python-docx opens the package (relationships, styles) and this module walks the XML: 11 of 11.
"""

from __future__ import annotations

import io
import re
from typing import Any

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers.office import LinkEnd, LinkStart, Note, NoteRef, Paragraph, build_document

_HYPERLINK_FIELD_RE = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.IGNORECASE)
_HEADING_NAME_RE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]

_OFF = {"0", "false", "off"}


def parse_bytes(data: bytes, path: str) -> Document:
    """Read a .docx essay's bytes into a Document (see the module docstring for what is read)."""
    document = _open(data, path)
    reader = _DocxReader(document)
    body = document.element.body
    paragraphs: list[Paragraph] = []
    reader.block_children(body, paragraphs)
    notes = reader.notes()
    return build_document(path, "docx", paragraphs, notes)


def _open(data: bytes, path: str) -> Any:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data:
        raise InputError("the file is empty (0 bytes)", path=path, hint="submit the essay again")
    if not data.startswith(b"PK"):
        raise InputError("not a Word .docx file (it is not a ZIP package; an old .doc or a renamed file?)",
                         path=path, hint="save the essay as .docx (Word 2007 or later) and run citecheck again")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"cannot open the Word document: {exc}", path=path,
                         hint="open it in Word or LibreOffice and save it again as .docx") from None
    except Exception as exc:  # noqa: BLE001 - lxml and the zip layer raise many kinds on corrupt files
        raise InputError(f"cannot open the Word document ({type(exc).__name__}: {exc})", path=path,
                         hint="open it in Word or LibreOffice and save it again as .docx") from None


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


class _DocxReader:
    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.document = document
        self.part = document.part
        self.styles = self._heading_styles()
        self.note_order: list[tuple[str, str]] = []  # (kind, w:id) in order of first reference
        self.labels: dict[tuple[str, str], str] = {}

    # -- styles --
    def _heading_styles(self) -> dict[str, int]:
        """Style id → heading level, from the style's name or outline level (basedOn followed)."""
        qn = self.qn
        try:
            root = self.part.styles.element
        except Exception:  # noqa: BLE001 - a package without a styles part
            return {}
        levels: dict[str, int] = {}
        based: dict[str, str] = {}
        for style in root.iter(qn("w:style")):
            sid = style.get(qn("w:styleId")) or ""
            name_el = style.find(qn("w:name"))
            name = (name_el.get(qn("w:val")) if name_el is not None else "") or ""
            match = _HEADING_NAME_RE.match(name.strip())
            outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if match:
                levels[sid] = int(match.group(1))
            elif name.strip().lower() in ("title", "subtitle"):
                levels[sid] = 1
            elif outline is not None and (outline.get(qn("w:val")) or "").isdigit() and int(outline.get(qn("w:val"))) < 9:
                levels[sid] = int(outline.get(qn("w:val"))) + 1
            base = style.find(qn("w:basedOn"))
            if base is not None:
                based[sid] = base.get(qn("w:val")) or ""
        for sid in list(based):
            seen = {sid}
            parent = based.get(sid)
            while parent and parent not in levels and parent not in seen:
                seen.add(parent)
                parent = based.get(parent)
            if sid not in levels and parent in levels:
                levels[sid] = levels[parent]
        return levels

    # -- body --
    def block_children(self, element: Any, out: list[Paragraph]) -> None:
        qn = self.qn
        for child in element:
            tag = child.tag
            if tag == qn("w:p"):
                out.append(self.paragraph(child))
            elif tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    for cell in row.findall(qn("w:tc")):
                        self.block_children(cell, out)
            elif tag in (qn("w:sdt"),):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.block_children(content, out)
            elif tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
                self.block_children(child, out)

    def paragraph(self, p: Any) -> Paragraph:
        qn = self.qn
        par = Paragraph()
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            style = ppr.find(qn("w:pStyle"))
            sid = style.get(qn("w:val")) if style is not None else None
            outline = ppr.find(qn("w:outlineLvl"))
            if sid in self.styles:
                par.kind, par.level = "heading", self.styles[sid]
            elif outline is not None and (outline.get(qn("w:val")) or "").isdigit() and int(outline.get(qn("w:val"))) < 9:
                par.kind, par.level = "heading", int(outline.get(qn("w:val"))) + 1
            elif ppr.find(qn("w:numPr")) is not None:
                par.kind = "list_item"
        self._bold_chars = 0
        self._plain_chars = 0
        self._fields: list[list[Any]] = []  # [instruction, phase, opened link]
        self.inline(p, par)
        while self._fields:
            field = self._fields.pop()
            if field[2]:
                par.pieces.append(LinkEnd())
        par.bold = self._bold_chars > 0 and self._plain_chars == 0
        return par

    def inline(self, element: Any, par: Paragraph) -> None:
        qn = self.qn
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                self.run(child, par)
            elif tag == qn("w:hyperlink"):
                rid = child.get(qn("r:id"))
                url = None
                if rid:
                    rel = self.part.rels.get(rid)
                    url = rel.target_ref if rel is not None and rel.is_external else None
                if url:
                    par.pieces.append(LinkStart(url))
                self.inline(child, par)
                if url:
                    par.pieces.append(LinkEnd())
            elif tag == qn("w:fldSimple"):
                match = _HYPERLINK_FIELD_RE.match(child.get(qn("w:instr")) or "")
                if match:
                    par.pieces.append(LinkStart(match.group(1)))
                self.inline(child, par)
                if match:
                    par.pieces.append(LinkEnd())
            elif tag in (qn("w:ins"), qn("w:moveTo"), qn("w:smartTag"), qn("w:customXml")):
                self.inline(child, par)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.inline(content, par)
            # w:del, w:moveFrom (tracked removals), comment ranges, bookmarks, pPr: not text

    def run(self, r: Any, par: Paragraph) -> None:
        qn = self.qn
        rpr = r.find(qn("w:rPr"))
        bold = False
        if rpr is not None:
            vanish = rpr.find(qn("w:vanish"))
            if vanish is not None and (vanish.get(qn("w:val")) or "true").lower() not in _OFF:
                return  # hidden text
            b = rpr.find(qn("w:b"))
            bold = b is not None and (b.get(qn("w:val")) or "true").lower() not in _OFF
        for child in r:
            tag = child.tag
            if tag == qn("w:fldChar"):
                self._field_char(child.get(qn("w:fldCharType")), par)
                continue
            if tag == qn("w:instrText"):
                if self._fields and self._fields[-1][1] == "instr":
                    self._fields[-1][0] += child.text or ""
                continue
            if self._fields and self._fields[-1][1] == "instr":
                continue  # a field's instruction is not text
            text = None
            if tag == qn("w:t"):
                text = child.text or ""
            elif tag == qn("w:tab"):
                text = "\t"
            elif tag in (qn("w:br"), qn("w:cr")):
                text = "\n"
            elif tag == qn("w:noBreakHyphen"):
                text = "-"
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
                par.pieces.append(NoteRef(self._label(kind, child.get(qn("w:id")) or "")))
            if text:
                par.pieces.append(text)
                if text.strip():
                    if bold:
                        self._bold_chars += len(text)
                    else:
                        self._plain_chars += len(text)

    def _field_char(self, kind: str | None, par: Paragraph) -> None:
        if kind == "begin":
            self._fields.append(["", "instr", False])
        elif kind == "separate" and self._fields:
            field = self._fields[-1]
            field[1] = "result"
            match = _HYPERLINK_FIELD_RE.match(field[0])
            if match:
                par.pieces.append(LinkStart(match.group(1)))
                field[2] = True
        elif kind == "end" and self._fields:
            field = self._fields.pop()
            if field[2]:
                par.pieces.append(LinkEnd())

    # -- notes --
    def _label(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.labels:
            count = sum(1 for k, _ in self.note_order if k == kind) + 1
            self.labels[key] = str(count) if kind == "footnote" else _roman(count)
            self.note_order.append(key)
        return self.labels[key]

    def notes(self) -> list[Note]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        qn = self.qn
        bodies: dict[tuple[str, str], Any] = {}
        for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
            if not any(k == kind for k, _ in self.note_order):
                continue
            try:
                root = parse_xml(self.part.part_related_by(reltype).blob)
            except Exception:  # noqa: BLE001 - a reference to a missing or broken notes part: no notes
                root = None
            for note in root.iter(qn(f"w:{kind}")) if root is not None else ():
                bodies[(kind, note.get(qn("w:id")) or "")] = note
        out: list[Note] = []
        # Footnotes first, then endnotes, each in order of first reference.
        for kind in ("footnote", "endnote"):
            for key in self.note_order:
                if key[0] != kind or key not in bodies:
                    continue
                note = Note(self.labels[key])
                self.block_children(bodies[key], note.paragraphs)
                for par in note.paragraphs:
                    par.kind = "paragraph"
                    _strip_leading_space(par)
                note.paragraphs = [p for p in note.paragraphs if p.text().strip()]
                if note.paragraphs:
                    out.append(note)
        return out


def _strip_leading_space(par: Paragraph) -> None:
    # Word writes the note's own mark then " text"; the mark is skipped, the space is not text.
    for i, piece in enumerate(par.pieces):
        if isinstance(piece, str):
            stripped = piece.lstrip()
            if stripped:
                par.pieces[i] = stripped
                return
            par.pieces[i] = ""
        else:
            return
