"""A PDF essay's findings say where they are on the page ("p. 2, line 3"), not which line of the
extracted text they fell on, and a Word essay's name the paragraph ("paragraph 4, character 12"):
in the text, concise, SARIF, GitHub, JUnit and Markdown formats and in the grade HTML."""

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
    _write_library(tmp_path)
    return path


def _write_library(folder: Path) -> None:
    """The cited work and its source text, beside the essay."""
    (folder / "bridge.txt").write_text("The Iron Bridge over the Tees opened in 1890 to great crowds.\n",
                                       encoding="utf-8")
    (folder / "references.bib").write_text(
        "@book{smith2001,\n  author = {Smith, John},\n  title = {Bridges},\n  year = {2001},\n"
        "  file = {bridge.txt},\n}\n", encoding="utf-8")


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
    items = re.findall(r'<li id="f\d+" class="finding[^"]*".*?</li>', page, re.DOTALL)
    dated = [i for i in items if "date-mismatch" in i]
    assert len(dated) == 1 and where in html.unescape(dated[0])
    # The highlight's hover text says where, too.
    marks = [html.unescape(t) for t in re.findall(r'<a class="hl[^"]*"[^>]* title="([^"]*)"', page) if "date-mismatch" in t]
    assert marks and all(where in t for t in marks)


# --- SARIF and GitHub annotations: no line of the text rendering, the place in words ---------


@pytest.fixture()
def docx_essay(tmp_path: Path) -> Path:
    """A Word essay whose wrong date stands in its fourth paragraph (title, heading, two before it)."""
    from docmakers import DocxEssay, write_docx

    essay = (DocxEssay().add("title", "Bridges of the North").add("heading1", "Early years")
             .add("para", "Trade along the river grew quickly once the crossing was made.")
             .add("para", "Then the town changed. " + CLAIM))
    path = write_docx(tmp_path / "essay.docx", essay)
    _write_library(tmp_path)
    return path


def _run(essay: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["check", essay.name, "--offline", "--format", fmt, "-j1"])
    assert result.exit_code == 1, result.output
    return result.output


def _sarif_date_result(output: str) -> dict:
    import json

    from test_report_formats import SARIF_SCHEMA, _sarif_validator

    log = json.loads(output)
    if SARIF_SCHEMA.is_file():  # the log stays valid SARIF with the place in words
        assert not list(_sarif_validator().iter_errors(log))
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "date-mismatch"]
    assert len(results) == 1
    return results[0]


def test_sarif_gives_page_and_line_of_a_pdf_not_a_rendering_line(pdf_essay: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pdf_essay.parent)
    rendering_line, page_line, column = _claim_position(pdf_essay)
    result = _sarif_date_result(_run(pdf_essay, "sarif"))
    location = result["locations"][0]
    # The rendering's line is no line of the PDF: the region pins the file, the place is named.
    assert location["physicalLocation"]["region"] == {"startLine": 1}
    assert location["message"]["text"] == f"p. 2, line {page_line}, column {column}"
    assert location["properties"] == {"page": 2, "pageLine": page_line, "column": column}
    assert result["message"]["text"].startswith(f"p. 2, line {page_line}, column {column}: ")
    assert rendering_line != 1


def test_sarif_gives_the_paragraph_of_a_docx(docx_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(docx_essay.parent)
    doc = read_document(docx_essay)
    span = doc.span(doc.text.index("1895"), doc.text.index("1895") + 4)
    assert span.line == 4  # title, heading, a paragraph, then the claim's paragraph
    result = _sarif_date_result(_run(docx_essay, "sarif"))
    location = result["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 1}
    assert location["message"]["text"] == f"paragraph 4, character {span.column}"
    assert location["properties"] == {"paragraph": 4, "column": span.column}
    assert result["message"]["text"].startswith(f"paragraph 4, character {span.column}: ")


def test_sarif_of_a_text_essay_keeps_its_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essay.md").write_text("# Bridges\n\nTrade grew.\n\n" + CLAIM + "\n", encoding="utf-8")
    (tmp_path / "bridge.txt").write_text("The Iron Bridge over the Tees opened in 1890 to great crowds.\n",
                                         encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@book{smith2001,\n  author = {Smith, John},\n  title = {Bridges},\n  year = {2001},\n"
        "  file = {bridge.txt},\n}\n", encoding="utf-8")
    result = _sarif_date_result(_run(tmp_path / "essay.md", "sarif"))
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 5 and region["startColumn"] == CLAIM.index("1895") + 1
    assert "message" not in result["locations"][0]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_github_annotation_of_a_binary_essay_is_file_level_and_names_the_place(
        kind: str, pdf_essay: Path, docx_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    essay = pdf_essay if kind == "pdf" else docx_essay
    monkeypatch.chdir(essay.parent)
    doc = read_document(essay)
    span = doc.span(doc.text.index("1895"), doc.text.index("1895") + 4)
    place = (f"p. 2, line {span.page_line}, column {span.column}" if kind == "pdf"
             else f"paragraph {span.line}, character {span.column}")
    lines = [ln for ln in _run(essay, "github").splitlines() if "title=date-mismatch" in ln]
    assert len(lines) == 1
    head, message = lines[0].split("::", 2)[1:]
    assert head == f"error file={essay.name},title=date-mismatch"  # no line=, col=: GitHub shows the file
    assert message.startswith(place + ": ")


# --- the other formats name the same place a Word essay's SARIF and GitHub annotations do ------


def _docx_place(essay: Path) -> tuple[int, int]:
    doc = read_document(essay)
    span = doc.span(doc.text.index("1895"), doc.text.index("1895") + 4)
    assert span.line == 4 and span.page is None
    return span.line, span.column


def test_concise_names_the_paragraph_of_a_docx(docx_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(docx_essay.parent)
    paragraph, column = _docx_place(docx_essay)
    date_lines = [ln for ln in _run(docx_essay, "concise").splitlines() if "date-mismatch" in ln]
    assert len(date_lines) == 1
    assert date_lines[0].startswith(f"essay.docx paragraph {paragraph}, character {column}: error date-mismatch ")
    assert "essay.docx:4:" not in _run(docx_essay, "concise")


def test_text_format_names_the_paragraph_of_a_docx(docx_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(docx_essay.parent)
    paragraph, column = _docx_place(docx_essay)
    result = CliRunner().invoke(main, ["check", "essay.docx", "--offline", "--format", "text", "-j1", "-v",
                                       "--color", "never"])
    assert result.exit_code == 1, result.output
    out = result.output.splitlines()
    head = next(i for i, ln in enumerate(out) if "date-mismatch" in ln)
    assert out[head].split()[:4] == ["paragraph", f"{paragraph},", "character", str(column)]
    # The code frame's gutter is the paragraph's number, and each claim of -v names its paragraph.
    assert re.match(rf"\s+{paragraph} \| .*1895", out[head + 2])
    claim = next(ln for ln in out if "contradicted" in ln and "1895" in ln)
    assert claim.split()[:3] == ["paragraph", f"{paragraph},", "character"]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_junit_and_markdown_name_the_place_in_a_binary_essay(
        kind: str, pdf_essay: Path, docx_essay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    essay = pdf_essay if kind == "pdf" else docx_essay
    monkeypatch.chdir(essay.parent)
    doc = read_document(essay)
    span = doc.span(doc.text.index("1895"), doc.text.index("1895") + 4)
    place = (f"p. 2, line {span.page_line}, column {span.column}" if kind == "pdf"
             else f"paragraph {span.line}, character {span.column}")
    junit = _run(essay, "junit")
    assert f"{essay.name} {place}: error [date-mismatch]" in html.unescape(junit)
    assert f"{essay.name}:{span.line}:" not in junit  # no line of the text rendering
    rows = [ln for ln in _run(essay, "markdown").splitlines() if "`date-mismatch`" in ln]
    assert len(rows) == 1 and rows[0].startswith(f"| {essay.name} {place} |"), rows
