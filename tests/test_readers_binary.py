"""Word (.docx), OpenDocument (.odt) and PDF essays: text, offsets into the rendering, notes, links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docmakers import DocxEssay, PdfLine, essay_pdf, write_docx, write_odt, write_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers import ESSAY_SUFFIXES, format_for, read_document


def assert_well_formed(doc: Document) -> None:
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(doc.source)
    assert all(0 <= o <= len(doc.source) for o in doc.offsets)
    assert all(a <= b for a, b in zip(doc.offsets, doc.offsets[1:]))


def assert_maps_verbatim(doc: Document, phrase: str) -> None:
    """Each character of the phrase maps to the same character in the rendering."""
    start = doc.text.index(phrase)
    for i in range(start, start + len(phrase)):
        if not doc.text[i].isspace():
            assert doc.source[doc.offsets[i]] == doc.text[i], (phrase, i)


def block_texts(doc: Document, kind: str) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind == kind]


# --- .docx ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    essay = (
        DocxEssay()
        .add("title", "The Kiel Canal")
        .add("para", "The canal opened in 1895", ("footnote", "Smith, Canals (Oxford: OUP, 2001), 12."),
             " and carried ", ("del", "about "), ("ins", "some "), "43,000 ships (",
             ("link", "Kiel Authority", "https://kiel.example/history"), ").")
        .add("heading1", "Background")
        .add("para", "A ", ("comment", "commented phrase", "Tutor: cite this"), " and ",
             ("field-link", "a field link", "https://field.example/x"), ".", ("endnote", "An endnote text."))
        .add("table", [["Year", "Ships"], ["1895", "43,000"]])
        .add("para", "Works Cited")
        .add("para", "Smith, John. Canals. Oxford UP, 2001.")
    )
    path = write_docx(tmp_path_factory.mktemp("docx") / "essay.docx", essay)
    return read_document(path)


def test_docx_text_excludes_deletions_and_comments(docx_doc: Document) -> None:
    assert_well_formed(docx_doc)
    assert docx_doc.format == "docx"
    assert "carried some 43,000 ships" in docx_doc.text  # the insertion is text
    assert "about" not in docx_doc.text  # the deletion is not
    assert "Tutor" not in docx_doc.text and "cite this" not in docx_doc.text
    assert "A commented phrase and a field link." in docx_doc.text


def test_docx_headings_tables_and_reference_section(docx_doc: Document) -> None:
    assert block_texts(docx_doc, "heading") == ["The Kiel Canal", "Background", "Works Cited"]
    assert {"Year", "Ships", "1895", "43,000"} <= set(block_texts(docx_doc, "paragraph"))
    assert block_texts(docx_doc, "references") == ["Smith, John. Canals. Oxford UP, 2001."]


def test_docx_hyperlinks_keep_targets(docx_doc: Document) -> None:
    links = {(link.text, link.url) for link in docx_doc.links}
    assert links == {("Kiel Authority", "https://kiel.example/history"),
                     ("a field link", "https://field.example/x")}
    for link in docx_doc.links:
        assert docx_doc.text[link.start : link.end] == link.text
        assert_maps_verbatim(docx_doc, link.text)


def test_docx_footnotes_and_endnotes(docx_doc: Document) -> None:
    notes = {fn.label: docx_doc.text[fn.start : fn.end] for fn in docx_doc.footnotes}
    assert notes == {"1": "Smith, Canals (Oxford: OUP, 2001), 12.", "i": "An endnote text."}
    first = next(fn for fn in docx_doc.footnotes if fn.label == "1")
    # The marker is not in the plain text; it stood right after "1895".
    assert docx_doc.text[: first.ref_positions[0]].endswith("opened in 1895")
    assert docx_doc.source[first.refs[0][0] : first.refs[0][1]] == "[^1]"


def test_docx_span_line_is_the_paragraph(docx_doc: Document) -> None:
    start = docx_doc.text.index("Kiel Authority")
    span = docx_doc.span(start, start + len("Kiel Authority"))
    assert span.line == 2  # the title is paragraph 1
    line = docx_doc.source.splitlines()[span.line - 1]
    assert line[span.column - 1 : span.end_column - 1] == "Kiel Authority"
    start = docx_doc.text.index("Smith, John")
    assert docx_doc.span(start, start + 5).line == 10  # title, para, heading, para, 4 cells, heading


def test_docx_citations_from_footnotes(docx_doc: Document) -> None:
    from citecheck.citations import find_citations

    citations = find_citations(docx_doc)
    styles = {(c.style, c.url or (c.names[0] if c.names else None)) for c in citations}
    assert ("footnote", "Smith") in styles
    assert ("link", "https://kiel.example/history") in styles


def test_docx_bold_line_is_a_heading(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "b.docx", DocxEssay().add("para", "Body text (Smith 4).").add("bold", "Sources")
                      .add("para", "Smith, John. Canals. Oxford UP, 2001."))
    doc = read_document(path)
    assert block_texts(doc, "heading") == ["Sources"]
    assert block_texts(doc, "references") == ["Smith, John. Canals. Oxford UP, 2001."]


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "not a Word .docx"),
     (b"PK\x03\x04 truncated zip", "cannot open the Word document")],
)
def test_docx_that_cannot_be_read_is_a_clear_error(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert words in str(info.value) and "broken.docx" in str(info.value)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
                min_size=1, max_size=5))
def test_docx_any_paragraphs_round_trip(tmp_path: Path, paragraphs: list[str]) -> None:
    essay = DocxEssay()
    for text in paragraphs:
        essay.add("para", text)
    doc = read_document(write_docx(tmp_path / "p.docx", essay))
    assert_well_formed(doc)
    assert " ".join(doc.text.split()) == " ".join(" ".join(paragraphs).split())


# --- .pdf -----------------------------------------------------------------------------------

ESSAY_BLOCKS = [
    ("title", "The Kiel Canal"),
    ("para", ("The canal opened in 1895 and carried some 43,000 ships in its first year of operation, "
             "according to the figures that the canal authority published (Smith 12). It was widened later.")),
    ("para", "A second paragraph says less than the first one does."),
    ("heading", "Works Cited"),
    ("entry", "Smith, John. A History of Canals and Their Many Uses in the North of Europe. Oxford UP, 2001."),
    ("entry", "Doe, Jane. Ships. Penguin, 1999."),
]


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = essay_pdf(tmp_path_factory.mktemp("pdf") / "essay.pdf", ESSAY_BLOCKS, per_page=5)
    return read_document(path)


def test_pdf_paragraphs_headings_and_references(pdf_doc: Document) -> None:
    assert_well_formed(pdf_doc)
    assert block_texts(pdf_doc, "heading") == ["The Kiel Canal", "Works Cited"]
    paragraphs = block_texts(pdf_doc, "paragraph")
    assert paragraphs == [ESSAY_BLOCKS[1][1], ESSAY_BLOCKS[2][1]]
    assert block_texts(pdf_doc, "references") == [ESSAY_BLOCKS[4][1], ESSAY_BLOCKS[5][1]]
    assert_maps_verbatim(pdf_doc, "(Smith 12)")


def test_pdf_spans_carry_page_and_line(pdf_doc: Document) -> None:
    start = pdf_doc.text.index("Doe, Jane")
    span = pdf_doc.span(start, start + 3)
    assert (span.page, span.page_line) == (2, 4)  # page 2: heading, two lines of Smith, then Doe
    assert pdf_doc.source.splitlines()[span.line - 1].lstrip().startswith("Doe, Jane")
    assert json.loads(json.dumps(span.to_json()))["page"] == 2
    start = pdf_doc.text.index("(Smith 12)")
    assert pdf_doc.span(start, start + 10).page == 1


def test_pdf_joins_hyphenated_words_and_drops_running_heads(tmp_path: Path) -> None:
    pages = [
        [PdfLine("Moss 1", x=520, y=760),
         PdfLine("The canal authority kept careful records of the traffic and infor-", y=700),
         PdfLine("mation about every ship, which historians still consult today, and the", y=682)],
        [PdfLine("Moss 2", x=520, y=760),
         PdfLine("records of the canal are kept in a well-known archive at Kiel today.", y=700)],
    ]
    doc = read_document(write_pdf(tmp_path / "h.pdf", pages))
    assert "information about every ship" in doc.text
    assert "well-known archive" in doc.text  # a hyphen inside a line stays
    assert "Moss" not in doc.text and "Moss 2" in doc.source  # running heads are in the rendering only
    # The paragraph runs on across the page break.
    assert block_texts(doc, "paragraph") == [
        ("The canal authority kept careful records of the traffic and information about every ship, which "
        "historians still consult today, and the records of the canal are kept in a well-known archive at "
        "Kiel today.")]
    start = doc.text.index("information")
    span = doc.span(start, start + len("information"))
    assert (span.page, span.page_line) == (1, 2)


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[PdfLine("hello world", y=700)]] * 3, image_only=True)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert "no text layer" in message and "3 pages" in message and "OCR" in message


@pytest.mark.parametrize(("data", "words"), [(b"", "empty"), (b"<html>not a pdf</html>", "not a PDF"),
                                             (b"%PDF-1.4\n garbage without objects", "cannot read the PDF")])
def test_pdf_that_cannot_be_read_is_a_clear_error(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert words in str(info.value)


# --- .odt -----------------------------------------------------------------------------------


def test_odt_reads_text_notes_links_and_skips_changes(tmp_path: Path) -> None:
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>deleted words'
        "</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">Canals</text:h>'
        '<text:p>The canal<text:s text:c="2"/>opened in 1895<text:note text:note-class="footnote">'
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Smith, Canals (Oxford: OUP, 2001), 12."
        '</text:p></text:note-body></text:note> per <text:a xlink:href="https://kiel.example/">the authority'
        "</text:a>.<office:annotation><text:p>a comment</text:p></office:annotation></text:p>"
        "<text:p>Works Cited</text:p><text:p>Smith, John. Canals. Oxford UP, 2001.</text:p>"
    )
    doc = read_document(write_odt(tmp_path / "e.odt", body))
    assert_well_formed(doc)
    assert "deleted" not in doc.text and "comment" not in doc.text
    assert "The canal opened in 1895 per the authority." in doc.text
    assert [(link.text, link.url) for link in doc.links] == [("the authority", "https://kiel.example/")]
    assert [doc.text[f.start : f.end] for f in doc.footnotes] == ["Smith, Canals (Oxford: OUP, 2001), 12."]
    assert block_texts(doc, "heading") == ["Canals", "Works Cited"]
    assert block_texts(doc, "references") == ["Smith, John. Canals. Oxford UP, 2001."]


def test_binary_formats_are_walked_and_dispatched() -> None:
    assert {".docx", ".pdf", ".odt"} <= ESSAY_SUFFIXES
    assert [format_for(n) for n in ("a.DOCX", "b.pdf", "c.odt")] == ["docx", "pdf", "odt"]


def test_docx_essay_checks_end_to_end(tmp_path: Path) -> None:
    from citecheck.api import check

    (tmp_path / "speech.txt").write_text("The canal opened in 1895 and carried 43,000 ships that year.\n",
                                         encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@book{smith, author={Smith, John}, title={Canals}, year={2001}, file={speech.txt}}\n", encoding="utf-8")
    essay = write_docx(tmp_path / "essay.docx", DocxEssay()
                       .add("para", "The canal opened in 1897 and carried 43,000 ships that year (Smith 2001)."))
    report = check([essay], offline=True)
    doc = report.documents[0]
    assert doc.error is None and doc.format == "docx"
    rules = {f.rule: f for f in doc.findings}
    assert "date-mismatch" in rules, [f.rule for f in doc.findings]
    span = rules["date-mismatch"].span
    assert span is not None and span.line == 1
    assert doc.source.splitlines()[0][span.column - 1 : span.end_column - 1].startswith("189")


_WINANSI_TEXT = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_WINANSI_TEXT, min_size=1, max_size=8), min_size=1, max_size=6))
def test_pdf_any_lines_map_back_to_the_rendering(tmp_path: Path, lines: list[list[str]]) -> None:
    pdf_lines = [PdfLine(" ".join(words), y=700 - 18 * i) for i, words in enumerate(lines)]
    doc = read_document(write_pdf(tmp_path / "p.pdf", [pdf_lines]))
    assert_well_formed(doc)
    # Every non-blank plain character is the rendering's character at its offset (a joined
    # hyphenated word drops only the hyphen and the line break).
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            assert doc.source[doc.offsets[i]] == ch
    words = [w for line in lines for w in line]
    assert all(w in doc.source for w in words)  # the rendering holds every word as written
    from citecheck.readers.pdf import _PAGE_NUMBER_RE

    edges = {0, len(lines) - 1}  # a page's first or last line that is a page number is not text
    kept = [w for i, line in enumerate(lines) if not (i in edges and _PAGE_NUMBER_RE.match(" ".join(line)))
            for w in line]
    assert "".join(doc.text.split()).replace("-", "") == "".join(kept).replace("-", "")
