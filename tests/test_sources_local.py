"""Local sources: the .bib ``file`` field, loading txt/html/pdf, and text extraction."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from citecheck.model import Reference
from citecheck.sources.extract import UnreadableSource, extract
from citecheck.sources.local import load_local, parse_file_field

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def make_pdf(pages: list[str | None]) -> bytes:
    """A minimal valid PDF written by hand: one Helvetica text line per page (None: no text)."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    number = 4
    for text in pages:
        page_id, content_id = number, number + 1
        number += 2
        kids.append(page_id)
        if text is None:
            stream = b"0 0 m 100 100 l S"  # a drawn line, no text
        else:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
            stream = b"BT /F1 12 Tf 72 720 Td (" + escaped + b") Tj ET"
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for i in range(1, number):
        offsets[i] = len(out)
        out += b"%d 0 obj\n" % i + objects[i] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % number
    for i in range(1, number):
        out += b"%010d 00000 n \n" % offsets[i]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (number, xref)
    return bytes(out)


def reference(file_field: str | None, **fields: str) -> Reference:
    values = dict(fields)
    if file_field is not None:
        values["file"] = file_field
    return Reference(key="freeze2009", entry_type="book", fields=values, bib_path="refs.bib", line=1)


# --- the file field -------------------------------------------------------------------------


def test_plain_relative_path_is_relative_to_the_bib(tmp_path: Path) -> None:
    assert parse_file_field("pdfs/freeze.pdf", tmp_path) == [tmp_path / "pdfs" / "freeze.pdf"]


def test_zotero_description_path_mime(tmp_path: Path) -> None:
    value = "Full Text PDF:files/12/Freeze - Russia.pdf:application/pdf;Snapshot:files/13/page.html:text/html"
    assert parse_file_field(value, tmp_path) == [
        tmp_path / "files" / "12" / "Freeze - Russia.pdf",
        tmp_path / "files" / "13" / "page.html",
    ]


def test_absolute_posix_path_and_empty_description(tmp_path: Path) -> None:
    assert parse_file_field(":/home/me/Zotero/storage/AB12/x.pdf:application/pdf", tmp_path) == [
        Path("/home/me/Zotero/storage/AB12/x.pdf")
    ]
    assert parse_file_field("/srv/texts/speech.txt", tmp_path) == [Path("/srv/texts/speech.txt")]


def test_windows_paths(tmp_path: Path) -> None:
    # Raw drive letter, JabRef-escaped drive colon and backslashes, unescaped inside Description:path:mime.
    assert [str(p) for p in parse_file_field(r"C:\Users\me\Zotero\x.pdf", tmp_path)] == [r"C:\Users\me\Zotero\x.pdf"]
    assert [str(p) for p in parse_file_field(r"PDF:C\:\\Users\\me\\x.pdf:application/pdf", tmp_path)] == [
        r"C:\Users\me\x.pdf"
    ]
    assert [str(p) for p in parse_file_field(r"PDF:D:\books\freeze.pdf:application/pdf", tmp_path)] == [
        r"D:\books\freeze.pdf"
    ]


def test_escaped_separators_in_names(tmp_path: Path) -> None:
    assert parse_file_field(r"Note:notes/a\;b\:c.txt:text/plain", tmp_path) == [tmp_path / "notes" / "a;b:c.txt"]
    assert parse_file_field(" ; a.txt ;; ", tmp_path) == [tmp_path / "a.txt"]


# --- loading --------------------------------------------------------------------------------


def test_no_file_field_gives_none(tmp_path: Path) -> None:
    assert load_local(reference(None), tmp_path) is None


def test_missing_file_reason(tmp_path: Path) -> None:
    source = load_local(reference("PDF:pdfs/gone.pdf:application/pdf"), tmp_path)
    assert source is not None
    assert source.status == "none"
    assert source.text == ""
    assert "not found" in source.reason and "gone.pdf" in source.reason


def test_load_text_file_first_existing(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "speech.txt", tmp_path / "speech.txt")
    source = load_local(reference("missing.pdf;Text:speech.txt:text/plain", **{"citecheck-fulltext": "yes"}), tmp_path)
    assert source is not None
    assert source.status == "file"
    assert source.id == "freeze2009"
    assert source.path == str(tmp_path / "speech.txt")
    assert source.text == (FIXTURES / "speech.txt").read_text(encoding="utf-8")
    assert source.complete is True
    assert source.pages is None
    assert source.sha256 == hashlib.sha256((FIXTURES / "speech.txt").read_bytes()).hexdigest()
    assert source.words == len(source.text.split())


def test_complete_only_when_declared(tmp_path: Path) -> None:
    # an absolute path is read when it is inside the .bib's directory
    source = load_local(reference(str(FIXTURES / "speech.txt"), **{"citecheck-fulltext": "no"}), FIXTURES)
    assert source is not None and source.complete is False and source.available


def test_load_html_file_main_text(tmp_path: Path) -> None:
    source = load_local(reference("Snapshot:milestone.html:text/html"), FIXTURES)
    assert source is not None and source.status == "file"
    assert "denounced the cult of personality of Joseph Stalin" in source.text
    assert "June 5, 1956" in source.text
    assert "Office of the Historian footer" not in source.text
    assert "Milestones\n" not in source.text
    assert "\n\n" in source.text  # paragraphs stay apart


def test_load_pdf_with_pages(tmp_path: Path) -> None:
    (tmp_path / "freeze.pdf").write_bytes(
        make_pdf(["The speech ran to some 26,000 words.", "It denounced the cult (p. 2)."])
    )
    source = load_local(reference("Full Text PDF:freeze.pdf:application/pdf"), tmp_path)
    assert source is not None and source.status == "file"
    assert source.text == "The speech ran to some 26,000 words.\n\nIt denounced the cult (p. 2)."
    assert source.pages == [(0, 1), (38, 2)]
    assert source.text[38:].startswith("It denounced")
    assert source.content_type == "application/pdf"


def test_pdf_without_text_layer_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_pdf([None, None]))
    source = load_local(reference("scan.pdf"), tmp_path)
    assert source is not None
    assert source.status == "file" and source.text == ""
    assert "PDF has no text layer" in source.reason
    with pytest.raises(UnreadableSource) as info:
        extract((tmp_path / "scan.pdf").read_bytes(), "application/pdf")
    assert info.value.reason == "PDF has no text layer"


def test_unsupported_and_empty_local_files(tmp_path: Path) -> None:
    (tmp_path / "book.epub").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty.txt").write_bytes(b"")
    epub = load_local(reference("book.epub"), tmp_path)
    assert epub is not None and "unsupported file type .epub" in epub.reason
    empty = load_local(reference("empty.txt"), tmp_path)
    assert empty is not None and empty.text == "" and "empty" in empty.reason


# --- extraction -----------------------------------------------------------------------------


def test_windows_1251_html_decodes() -> None:
    body = (FIXTURES / "doklad-cp1251.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # the fixture really is not UTF-8
    result = extract(body, "text/html")
    assert "Товарищи! В отчетном докладе Центрального Комитета" in result.text
    assert "культе личности" in result.text
    # Declared in the header instead of the page.
    stripped = body.replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', b"")
    assert "Товарищи!" in extract(stripped, "text/html; charset=windows-1251").text


def test_local_windows_1251_html(tmp_path: Path) -> None:
    source = load_local(reference("doklad-cp1251.html"), FIXTURES)
    assert source is not None and "После смерти Сталина" in source.text


def test_extract_plain_text_and_charset() -> None:
    assert extract("Café 1956".encode("latin-1"), "text/plain; charset=ISO-8859-1").text == "Café 1956"
    assert extract(b"# Notes\n\nSome text.", "text/markdown").text == "# Notes\n\nSome text."


def test_extract_empty_and_unsupported() -> None:
    with pytest.raises(UnreadableSource) as info:
        extract(b"   \n", "text/html")
    assert info.value.reason == "empty"
    with pytest.raises(UnreadableSource) as info:
        extract(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    assert info.value.reason == "unsupported content type image/png"


def test_extract_sniffs_missing_type() -> None:
    pdf = extract(make_pdf(["Sniffed page."]), None)
    assert pdf.text == "Sniffed page." and pdf.pages == [(0, 1)]
    page = extract(b"<!DOCTYPE html><html><body><p>Only a short line.</p></body></html>", None)
    assert "Only a short line." in page.text


def test_extract_html_falls_back_to_soup_text() -> None:
    # Too little for trafilatura's main-text heuristics; the text must still come through.
    result = extract(b"<html><head><title>T</title></head><body><div>Tiny</div></body></html>", "text/html")
    assert "Tiny" in result.text


def test_broken_pdf_is_unreadable() -> None:
    with pytest.raises(UnreadableSource) as info:
        extract(b"%PDF-1.4\nthis is not really a pdf", "application/pdf")
    assert info.value.reason.startswith("PDF")
