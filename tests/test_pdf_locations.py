"""A PDF essay's findings say where they are on the page ("p. 2, line 3"), not which line of the
extracted text they fell on: in the text and concise formats and in the grade HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docmakers import PdfLine, write_pdf

from citecheck.cli import main
from citecheck.readers import read_document

CLAIM = "The Iron Bridge over the Tees opened in 1895 (Smith 2001)."


@pytest.fixture()
def pdf_essay(tmp_path: Path) -> Path:
    """Two pages; the wrong date stands on page 2, third line (a heading and a line above it)."""
    page1 = [PdfLine("Bridges of the North", x=240, y=720)]
    page1 += [PdfLine(f"Paragraph line {i} tells of rivers, fords and ferries before there were any bridges.",
                      x=108 if i == 0 else 72, y=690 - 18 * i) for i in range(6)]
    page1[-1] = PdfLine("and so the towns grew apart.", y=page1[-1].y)
    page2 = [PdfLine("Later Years", x=260, y=720),
             PdfLine("Trade along the river grew quickly once the crossing was made.", x=108, y=690),
             PdfLine(CLAIM, x=108, y=660)]
    path = write_pdf(tmp_path / "essay.pdf", [page1, page2])
    (tmp_path / "bridge.txt").write_text("The Iron Bridge over the Tees opened in 1890 to great crowds.\n",
                                         encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@book{smith2001,\n  author = {Smith, John},\n  title = {Bridges},\n  year = {2001},\n"
        "  file = {bridge.txt},\n}\n", encoding="utf-8")
    return path


def _claim_position(path: Path) -> tuple[int, int, int]:
    """(line in the extracted text, line on its page, column) of "1895", from the reader itself."""
    doc = read_document(path)
    start = doc.text.index("1895")
    span = doc.span(start, start + 4)
    assert span.page == 2
    return span.line, span.page_line, span.column


def test_concise_names_page_and_line(pdf_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pdf_essay.parent)
    rendering_line, page_line, column = _claim_position(pdf_essay)
    assert rendering_line != page_line  # else the test could not tell them apart
    result = CliRunner().invoke(main, ["check", "essay.pdf", "--offline", "--format", "concise", "-j1"])
    assert result.exit_code == 1, result.output
    date_lines = [ln for ln in result.output.splitlines() if "date-mismatch" in ln]
    assert date_lines == [f"essay.pdf p. 2, line {page_line}:{column}: " + date_lines[0].split(": ", 1)[1]]
    assert page_line == 3  # the third line of page 2, as laid out above
    assert f"essay.pdf:{rendering_line}:" not in result.output


def test_text_format_names_page_and_line(pdf_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pdf_essay.parent)
    rendering_line, page_line, column = _claim_position(pdf_essay)
    result = CliRunner().invoke(main, ["check", "essay.pdf", "--offline", "--format", "text", "-j1",
                                       "--color", "never"])
    assert result.exit_code == 1, result.output
    out = result.output.splitlines()
    head = next(i for i, ln in enumerate(out) if "date-mismatch" in ln)
    assert out[head].split()[:4] == ["p.", "2,", "line", f"{page_line}:{column}"]
    # The code frame's gutter counts lines of the page too, and shows the claim's line.
    frame = out[head + 2]
    assert re.match(rf"\s+{page_line} \| ", frame) and "1895" in frame
    assert not re.match(rf"\s+{rendering_line} \| ", frame)


def test_grade_html_names_page_and_line(pdf_essay: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pdf_essay.parent)
    _, page_line, _ = _claim_position(pdf_essay)
    out = tmp_path / "graded"
    result = CliRunner().invoke(main, ["grade", "essay.pdf", "-o", str(out), "--offline", "-q"])
    assert result.exit_code == 0, result.output
    page = next(out.glob("essay-*.html")).read_text(encoding="utf-8")
    where = f"p. 2, line {page_line}"
    items = re.findall(r'<li id="f\d+" class="finding[^"]*".*?</li>', page, re.S)
    dated = [i for i in items if "date-mismatch" in i]
    assert len(dated) == 1 and where in html.unescape(dated[0])
    # The highlight's hover text says where, too.
    marks = [html.unescape(t) for t in re.findall(r'<a class="hl[^"]*"[^>]* title="([^"]*)"', page) if "date-mismatch" in t]
    assert marks and all(where in t for t in marks)
