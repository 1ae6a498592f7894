"""`citecheck grade`: rows, rubric, broken submissions, the CLI (the browser checks are in test_grade_browser)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docmakers import DocxEssay, PdfLine, write_docx, write_pdf

from citecheck.cli import main
from citecheck.config import Config, load_config
from citecheck.errors import ConfigError
from citecheck.grading import DEFAULT_RUBRIC, grade, load_rubric, score
from citecheck.report.grade import render_csv, render_essay_text, write_grade_report

SOURCE = "The Kiel Canal opened in 1895. In its first year it carried 43,000 ships.\n"
BIB = "@book{smith, author={Smith, John}, title={Canals}, year={2001}, file={canal.txt}}\n"


def class_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "canal.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "references.bib").write_text(BIB, encoding="utf-8")
    (folder / "good.md").write_text("The Kiel Canal opened in 1895 (Smith 2001).\n", encoding="utf-8")
    (folder / "wrong.md").write_text("The Kiel Canal opened in 1897 (Smith 2001).\n", encoding="utf-8")
    write_docx(folder / "word.docx", DocxEssay().add("para", "In its first year it carried 45,000 ships (Smith 2001)."))
    (folder / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Caf\xe9 society grew in 1895 (Smith 2001).\n".encode("latin-1"))
    (folder / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write_pdf(folder / "scan.pdf", [[PdfLine("a scanned page", y=700)]], image_only=True)
    (folder / "renamed.docx").write_bytes(b"this was a text file, renamed")
    return folder


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {row["file"]: row for row in csv.DictReader(io.StringIO(text))}


def test_every_submission_is_a_row_and_broken_ones_say_why(tmp_path: Path) -> None:
    folder = class_folder(tmp_path)
    import random

    # Random bytes with no NUL in them: binary, not "a legacy encoding".
    (folder / "garbage.md").write_bytes(bytes(b for b in random.Random(3).randbytes(3000) if b))
    progress: list[tuple[str, int, int]] = []
    book = grade([folder], offline=True, on_stage=lambda name, d, t: progress.append((name, d, t)))
    rows = rows_of(render_csv(book))
    assert set(rows) == {"good.md", "wrong.md", "word.docx", "empty.txt", "latin.txt", "photo.md", "scan.pdf",
                         "renamed.docx", "garbage.md"}
    assert rows["good.md"]["status"] == "graded" and float(rows["good.md"]["score"]) == 100.0
    assert rows["wrong.md"]["figure_errors"] == "1" and rows["wrong.md"]["contradicted"] == "1"
    assert float(rows["wrong.md"]["score"]) == 100 - DEFAULT_RUBRIC["contradicted"] - DEFAULT_RUBRIC["figure-errors"]
    assert rows["word.docx"]["figure_errors"] == "1"
    assert rows["empty.txt"]["status"] == "empty" and rows["empty.txt"]["score"] == ""
    assert "no text" in rows["empty.txt"]["problem"]
    assert rows["latin.txt"]["status"] == "unreadable" and "UTF-8" in rows["latin.txt"]["problem"]
    assert "binary" in rows["photo.md"]["problem"]
    assert "no text layer" in rows["scan.pdf"]["problem"]
    assert "not a Word .docx" in rows["renamed.docx"]["problem"]
    assert rows["garbage.md"]["status"] == "unreadable"
    assert "binary file" in rows["garbage.md"]["problem"] and "legacy encoding" not in rows["garbage.md"]["problem"]
    assert book.exit_code() == 2
    # The progress hook counted every essay, ending at the total.
    checked = [(done, total) for name, done, total in progress if name == "check"]
    assert [done for done, _ in checked] == list(range(10)) and {total for _, total in checked} == {9}


def test_a_folder_from_an_lms_zip_grades_the_submissions_not_the_junk(tmp_path: Path) -> None:
    # A folder of submissions unzipped on a Mac, with one essay open in Word: the lock file and the
    # AppleDouble metadata are no one's essay; a .doc or .rtf submission is someone's, and its
    # row must say why it was not graded instead of leaving the student off the sheet.
    folder = class_folder(tmp_path)
    (folder / "~$good.docx").write_bytes(b"\x05Owner" + b"\x00" * 150)
    (folder / "__MACOSX").mkdir()
    (folder / "__MACOSX" / "._word.docx").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X" + b"\x00" * 60)
    (folder / "._good.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X" + b"\x00" * 60)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(1, 256)))
    (folder / "notes.RTF").write_bytes(b"{\\rtf1\\ansi An essay saved as RTF.}")
    (folder / "shortcut.gdoc").write_text('{"doc_id": "abc"}', encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")  # not a document: not a row
    rows = rows_of(render_csv(grade([folder], offline=True)))
    assert not any(name.startswith(("~$", "._", "__MACOSX")) for name in rows)
    assert "photo.jpg" not in rows
    assert rows["old.doc"]["status"] == "unreadable" and "Word 97-2003" in rows["old.doc"]["problem"]
    assert "save it as .docx" in rows["old.doc"]["problem"]
    assert "Rich Text Format" in rows["notes.RTF"]["problem"]
    assert "Google Docs" in rows["shortcut.gdoc"]["problem"]
    assert rows["good.md"]["status"] == "graded"
    # Named on the command line, a junk file is read (and its row says what it is).
    named = rows_of(render_csv(grade([folder / "~$good.docx"], offline=True)))
    assert named["~$good.docx"]["status"] == "unreadable"


def test_rubric_from_config_changes_the_score(tmp_path: Path) -> None:
    folder = class_folder(tmp_path)
    (folder / "citecheck.toml").write_text("[rubric]\ncontradicted = 0\nfigure-errors = 30\n", encoding="utf-8")
    config = load_config(explicit=folder / "citecheck.toml")
    book = grade([folder / "wrong.md"], config=config, offline=True)
    assert book.essays[0].row["score"] == 70.0


@pytest.mark.parametrize("table", [{"contradictions": 3}, {"base": "high"}, {"dead-links": -1}, {"floor": True}])
def test_bad_rubric_is_a_config_error(table: dict) -> None:
    config = Config()
    config.values["rubric"] = table
    with pytest.raises(ConfigError):
        load_rubric(config)


def test_score_uses_every_weight_and_the_floor() -> None:
    row = {"contradicted": 2, "quotation_errors": 1, "check_worthy_cited_share": 0.5}
    assert score(row, DEFAULT_RUBRIC) == 100 - 20 - 8 - 10
    assert score({"contradicted": 50}, DEFAULT_RUBRIC) == 0.0
    assert score({"check_worthy_cited_share": ""}, DEFAULT_RUBRIC) == 100.0


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "=HYPERLINK(1).md").write_text("", encoding="utf-8")
    (folder / "ok.md").write_text("A plain sentence.\n", encoding="utf-8")
    text = render_csv(grade([folder], offline=True))
    assert "'=HYPERLINK(1).md" in text and "\n=" not in text


def test_highlights_nest_without_losing_text() -> None:
    from citecheck.model import Finding, Span

    source = "alpha <b>beta</b> gamma delta"

    def finding(start: int, end: int, severity: str) -> Finding:
        return Finding("rule-x", severity, "m", "e.md", Span("e.md", 1, start + 1, 1, end + 1, start, end))  # type: ignore[arg-type]

    located = [(1, 0, 17, finding(0, 17, "warning")), (2, 6, 23, finding(6, 23, "error")),
               (3, 29, 29, finding(29, 29, "info"))]
    out = render_essay_text(source, located)
    assert "<b>" not in out and "&lt;b&gt;beta&lt;/b&gt;" in out
    import html
    import re

    plain = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert plain == source
    assert 'data-findings="1 2"' in out and 'class="hl point sev-info"' in out


def test_cli_grade_help_has_examples_and_writes_reports(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["grade", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output and "citecheck grade submissions/ -o" in result.output
    folder = class_folder(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(main, ["grade", str(folder / "good.md"), str(folder / "wrong.md"), "-o", str(out),
                                  "--offline"])
    assert result.exit_code == 0, result.output
    assert (out / "grades.csv").is_file() and (out / "index.html").is_file()
    assert len(list(out.glob("essay-*.html"))) == 2
    result = runner.invoke(main, ["grade", str(folder), "-o", str(tmp_path / "out2"), "--offline"])
    assert result.exit_code == 2
    assert "not graded: scan.pdf: unreadable: the PDF has no text layer" in result.output
    assert "Traceback" not in result.output


def test_cli_grade_bad_rubric_exits_2(tmp_path: Path) -> None:
    folder = class_folder(tmp_path)
    (folder / "citecheck.toml").write_text("[rubric]\nbogus = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(folder / "good.md"), "-o", str(tmp_path / "o"), "--offline",
                                       "--config", str(folder / "citecheck.toml")])
    assert result.exit_code == 2 and "unknown rubric weight 'bogus'" in result.output


def test_pdf_finding_page_and_line_on_the_essay_page(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "canal.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "references.bib").write_text(BIB, encoding="utf-8")
    lines = [PdfLine("Canals", x=280, y=700), PdfLine("The canal was a success for the town.", y=680)]
    second = [PdfLine("The Kiel Canal opened in 1897 (Smith 2001).", y=700)]
    write_pdf(folder / "essay.pdf", [lines, second])
    book = grade([folder], offline=True)
    out = tmp_path / "out"
    write_grade_report(book, out)
    page = next(out.glob("essay-*-essay.pdf.html")).read_text(encoding="utf-8")
    assert "date-mismatch" in page and "p. 2, line 1" in page


def test_grade_never_writes_over_an_essay(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "index.html").write_text("<p>The canal opened in 1895.</p>", encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(folder), "-o", str(folder), "--offline"])
    assert result.exit_code == 2 and "will not write a report over it" in result.output
    assert (folder / "index.html").read_text(encoding="utf-8") == "<p>The canal opened in 1895.</p>"


UNVERIFIABLE = """# The Long Winter

The town of Harwick froze over in the winter of 1902 (Whitcombe 45). Its harbour stayed shut
for eleven weeks that year (Whitcombe 46).

## Works Cited

Whitcombe, Eleanor. The Long Winter. Harwick Press, 1998.
"""


def test_unverifiable_claims_do_not_score_full_marks(tmp_path: Path) -> None:
    """Every claim cites a print book with no text to check: the score must not say "all correct",
    and the row says how much the score rests on."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "print.md").write_text(UNVERIFIABLE, encoding="utf-8")
    (folder / "canal.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "good.bib").write_text(BIB, encoding="utf-8")
    (folder / "good.md").write_text("---\nbibliography: good.bib\n---\n\nThe Kiel Canal opened in 1895 (Smith 2001).\n",
                                     encoding="utf-8")
    book = grade([folder], offline=True)
    rows = {e.name: e.row for e in book.essays}
    row = rows["print.md"]
    cited = row["supported"] + row["partially_supported"] + row["contradicted"] + row["unsupported"]
    assert row["unverifiable"] >= 2 and cited == 0 and row["verified_share"] == 0.0
    assert row["score"] < DEFAULT_RUBRIC["base"]
    # The cost is the documented weight, nothing hidden: all other columns are clean here.
    assert row["score"] == score({**row, "verified_share": 1.0}, DEFAULT_RUBRIC) - DEFAULT_RUBRIC["unverifiable-share"]
    assert rows["good.md"]["verified_share"] == 1.0 and rows["good.md"]["score"] == 100.0
    # An instructor who does not want the cost turns it off; the share still says what was checked.
    assert score(row, {**DEFAULT_RUBRIC, "unverifiable-share": 0}) == score({**row, "verified_share": 1.0},
                                                                           DEFAULT_RUBRIC)
    # The essay's page says it in words, beside the score.
    from citecheck.report.grade import render_essay

    page = render_essay(next(e for e in book.essays if e.name == "print.md"))
    assert f"0 of {row['unverifiable']} cited claims could be checked" in page


def test_verified_share_is_partial_and_blank_without_cited_claims() -> None:
    half = {"supported": 1, "unverifiable": 1, "verified_share": 0.5}
    assert score(half, DEFAULT_RUBRIC) == DEFAULT_RUBRIC["base"] - DEFAULT_RUBRIC["unverifiable-share"] / 2
    assert score({"verified_share": ""}, DEFAULT_RUBRIC) == DEFAULT_RUBRIC["base"]


def test_the_rubric_table_grade_help_names_works_in_a_config_file(tmp_path: Path) -> None:
    """`grade --help` says which table of a --config file sets the weights; that table must work."""
    import re

    runner = CliRunner()
    shown = " ".join(runner.invoke(main, ["grade", "--help"]).output.split())
    table = re.search(r"--config \S+ Configuration file; its \[([\w.]+)\] table", shown)
    assert table is not None, shown
    folder = class_folder(tmp_path)
    rubric = tmp_path / "rubric.toml"
    rubric.write_text(f"[{table.group(1)}]\nbase = 50\n", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(main, ["grade", str(folder / "good.md"), "-o", str(out), "--offline", "-q",
                                  "--config", str(rubric)])
    assert result.exit_code == 0, result.output
    assert rows_of((out / "grades.csv").read_text(encoding="utf-8"))["good.md"]["score"] == "50.0"


def test_cli_grade_takes_jobs_and_cache_options_and_writes_the_same_report(tmp_path: Path) -> None:
    # An instructor's class set: `grade` runs the same engines as `check` (--jobs, --cache-dir,
    # --cache-url, --scheduler), and --jobs 2 writes the very bytes --jobs 1 writes.
    folder = class_folder(tmp_path)
    (folder / "linked.md").write_text("The canal [opened in 1895](https://example.org/kiel).\n", encoding="utf-8")
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(main, ["grade", str(folder), "-o", str(out), "--offline", "-q", "--jobs", jobs,
                                      "--cache-dir", str(tmp_path / "cache")])
        assert result.exit_code == 2, result.output  # the broken submissions are rows saying why
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 2 + 9  # grades.csv, index.html, 9 essays (canal.txt is a source)
    assert (tmp_path / "cache").is_dir()  # the linked page was looked up there
    helptext = runner.invoke(main, ["grade", "--help"]).output
    assert all(option in helptext for option in ("--jobs", "--cache-dir", "--cache-url", "--scheduler"))


def test_cli_grade_with_a_mistyped_bib_is_a_usage_error(tmp_path: Path) -> None:
    # As for `check`: a --bib that does not exist stops the run, instead of a report whose every
    # row blames the student's essay ("unreadable: nonexist.bib: bibliography file not found").
    folder = class_folder(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["grade", str(folder / "good.md"), "-o", str(out), "--offline",
                                       "--bib", str(tmp_path / "nonexist.bib")])
    assert result.exit_code == 2 and "--bib" in result.output and "no such file" in result.output
    assert not (out / "grades.csv").exists()


def test_essay_page_counts_in_words_an_instructor_reads(tmp_path: Path) -> None:
    # "1 errors, 0 warnings" read as a bug to a new user: one error is "1 error".
    folder = class_folder(tmp_path)
    book = grade([folder / "wrong.md"], offline=True)
    from citecheck.report.grade import render_essay, render_index

    essay = book.essays[0]
    assert essay.row["errors"] == 1 and essay.row["warnings"] == 0
    page = render_essay(essay)
    assert "1 error, 0 warnings, 0 notes" in page and "1 errors" not in page
    # The reason an essay was not graded gets a readable width in the index, not one word a line.
    book = grade([folder / "scan.pdf", folder / "good.md"], offline=True)
    index = render_index(book, {e.path: f"{i}.html" for i, e in enumerate(book.essays)})
    assert '<td class="problem" data-sort="the PDF has no text layer' in index


def test_a_second_run_leaves_no_page_of_an_essay_no_longer_graded(tmp_path: Path) -> None:
    # An instructor re-grades after a student withdrew: the page numbers shift, and a page left
    # behind would show a grade that is on no sheet. Files that are not our pages stay.
    folder = class_folder(tmp_path)
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["grade", str(folder), "-o", str(out), "--offline", "-q"])
    assert first.exit_code == 2, first.output
    before = {p.name for p in out.glob("essay-*.html")}
    (out / "essay-900-notes.html").write_text("<!DOCTYPE html>\n<p>my own notes</p>\n", encoding="utf-8")
    (out / "comments.txt").write_text("keep me\n", encoding="utf-8")
    (folder / "empty.txt").unlink()
    (folder / "good.md").unlink()
    second = runner.invoke(main, ["grade", str(folder), "-o", str(out), "--offline", "-q"])
    assert second.exit_code == 2, second.output
    after = {p.name for p in out.glob("essay-*.html")} - {"essay-900-notes.html"}
    rows = rows_of((out / "grades.csv").read_text(encoding="utf-8"))
    assert len(after) == len(rows) == len(before) - 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in index for name in after)
    assert (out / "essay-900-notes.html").exists() and (out / "comments.txt").exists()
