"""Small writers for the binary essay fixtures: PDF by hand, .docx with python-docx, .odt by hand.

Kept here (not under src/) because only tests and benches build essays; each writer takes a
plain description of the document so a test reads as the essay it checks.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# --- PDF ------------------------------------------------------------------------------------


@dataclass
class PdfLine:
    """One line of text at (x, y) points from the bottom-left, in Helvetica at ``size``."""

    text: str
    x: float = 72.0
    y: float = 0.0
    size: float = 12.0


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path: Path, pages: list[list[PdfLine]], image_only: bool = False) -> Path:
    """Write a PDF whose pages hold ``pages``' lines (WinAnsi Helvetica).

    ``image_only`` draws filled boxes where the lines would be and no text at all: a scan.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # after every page and content stream
    kids = []
    for lines in pages:
        ops = []
        for line in lines:
            if image_only:
                width = 0.5 * line.size * len(line.text)
                ops.append(f"0.2 g {line.x:.1f} {line.y:.1f} {width:.1f} {line.size:.1f} re f".encode())
            else:
                ops.append(b"BT /F1 %.1f Tf %.1f %.1f Td " % (line.size, line.x, line.y)
                           + _pdf_string(line.text) + b" Tj ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
        ))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
               + b"] /Count %d >>" % len(kids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at ``width`` characters; a word that ends a line with "-" may be split."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def essay_pdf(path: Path, blocks: list[tuple[str, str]], width: int = 78, per_page: int = 40,
              hyphenate: dict[str, tuple[str, str]] | None = None) -> Path:
    """Lay out an essay as a student's PDF export would: 12 pt, first-line indents, centred headings.

    ``blocks`` holds (kind, text): ``title`` and ``heading`` are centred, ``para`` is indented on
    its first line, ``entry`` is a reference entry with a hanging indent. ``hyphenate`` maps a
    word to the two halves it is split into at a line end ("information": ("infor-", "mation")).
    """
    lines: list[PdfLine] = []
    y = 720.0
    for kind, text in blocks:
        if kind in ("title", "heading"):
            lines.append(PdfLine(text, x=306 - 3 * len(text), y=y))
            y -= 24
            continue
        wrapped = wrap(text, width - 6)
        if hyphenate:
            wrapped = _split_hyphens(wrapped, hyphenate)
        for i, line in enumerate(wrapped):
            if kind == "para":
                x = 108.0 if i == 0 else 72.0
            else:  # entry: hanging indent
                x = 72.0 if i == 0 else 108.0
            lines.append(PdfLine(line, x=x, y=y))
            y -= 24
    pages: list[list[PdfLine]] = []
    for i, line in enumerate(lines):
        if i % per_page == 0:
            pages.append([])
        line.y = 720.0 - 18 * (i % per_page)
        pages[-1].append(line)
    return write_pdf(path, pages)


def _split_hyphens(lines: list[str], hyphenate: dict[str, tuple[str, str]]) -> list[str]:
    out = list(lines)
    for i in range(len(out) - 1):
        words = out[i + 1].split(" ")
        first = words[0].rstrip(".,;")
        if first in hyphenate:
            head, tail = hyphenate[first]
            out[i] = f"{out[i]} {head}"
            out[i + 1] = tail + words[0][len(first):] + (" " + " ".join(words[1:]) if words[1:] else "")
    return out


# --- DOCX -----------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:{{kind}}s xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    '<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    "{notes}</w:{kind}s>"
)


@dataclass
class DocxEssay:
    """An essay to write as .docx: a list of blocks, each a (kind, parts) pair.

    kind: ``title``, ``heading1``..``heading3``, ``para``, ``bold`` (a bold-only line), ``table``
    (parts: rows of cell strings). parts: strings, or tuples ``("link", text, url)``,
    ``("footnote", note text)``, ``("endnote", note text)``, ``("del", text)`` (a tracked
    deletion), ``("ins", text)`` (a tracked insertion), ``("comment", anchor text, comment)``,
    ``("field-link", text, url)`` (a HYPERLINK field), ``("break",)`` (a line break).
    """

    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def add(self, kind: str, *parts: Any) -> DocxEssay:
        self.blocks.append((kind, list(parts)))
        return self


def write_docx(path: Path, essay: DocxEssay) -> Path:
    """Write ``essay`` with python-docx, adding the XML python-docx has no API for."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    notes: dict[str, list[str]] = {"footnote": [], "endnote": []}
    for kind, parts in essay.blocks:
        if kind == "table":
            rows = parts[0]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        if kind == "title":
            paragraph = document.add_paragraph(style="Title")
        elif kind.startswith("heading"):
            paragraph = document.add_heading(level=int(kind[-1]))
        else:
            paragraph = document.add_paragraph()
        for part in parts:
            if isinstance(part, str):
                run = paragraph.add_run(part)
                run.bold = kind == "bold" or None
                continue
            tag = part[0]
            p = paragraph._p
            if tag == "link":
                rid = document.part.relate_to(part[2], RT.HYPERLINK, is_external=True)
                p.append(parse_xml(
                    f'<w:hyperlink xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                    f'2006/relationships" r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
                    f"<w:t xml:space=\"preserve\">{_xml(part[1])}</w:t></w:r></w:hyperlink>"))
            elif tag == "field-link":
                p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>'))
                p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> HYPERLINK '
                                   f'"{_xml(part[2])}" </w:instrText></w:r>'))
                p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="separate"/></w:r>'))
                p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">{_xml(part[1])}</w:t></w:r>'))
                p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>'))
            elif tag in ("footnote", "endnote"):
                notes[tag].append(part[1])
                number = len(notes[tag])
                p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                   f'<w:{tag}Reference w:id="{number}"/></w:r>'))
            elif tag == "del":
                p.append(parse_xml(f'<w:del xmlns:w="{W}" w:id="90" w:author="Tutor" w:date="2024-01-01T00:00:00Z">'
                                   f'<w:r><w:delText xml:space="preserve">{_xml(part[1])}</w:delText></w:r></w:del>'))
            elif tag == "ins":
                p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="91" w:author="Tutor" w:date="2024-01-01T00:00:00Z">'
                                   f'<w:r><w:t xml:space="preserve">{_xml(part[1])}</w:t></w:r></w:ins>'))
            elif tag == "comment":
                run = paragraph.add_run(part[1])
                document.add_comment(run, text=part[2], author="Tutor", initials="T")
            elif tag == "break":
                paragraph.add_run().add_break()
    for tag, texts in notes.items():
        if not texts:
            continue
        body = "".join(
            f'<w:{tag} w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{tag}Ref/></w:r><w:r><w:t xml:space="preserve"> {_xml(text)}</w:t></w:r></w:p></w:{tag}>'
            for i, text in enumerate(texts, 1)
        )
        xml = _FOOTNOTES_XML.replace("{{kind}}", tag).replace("{kind}", tag).replace("{notes}", body)
        content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{tag}s+xml"
        part = Part(PackURI(f"/word/{tag}s.xml"), content_type, xml.encode(), document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES if tag == "footnote" else RT.ENDNOTES)
    document.save(str(path))
    return path


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# --- ODT ------------------------------------------------------------------------------------

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def write_odt(path: Path, body_xml: str) -> Path:
    """Write an .odt whose office:text holds ``body_xml`` (text:p, text:h, text:a, text:note...)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS} office:version="1.3">'
               f"<office:body><office:text>{body_xml}</office:text></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                'opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path
