"""Hostile input: sizes that made a loop quadratic or a recursion overflow, files that are not
files, and configuration of the wrong shape.

Every test here is fast and asserts on behaviour (the run completes, the result is right, a
piece of work happens once rather than once per item), never on wall-clock time. The sizes
are the smallest that took from several seconds to minutes before the fix it guards.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import main
from citecheck.config import Config, load_config
from citecheck.errors import ConfigError, InputError
from citecheck.readers import parse_text, read_document


def _check(path: Path, *bib: Path) -> citecheck.Report:
    return citecheck.check([path], [*bib] or None, config=Config(), offline=True)


SRC = str(Path(citecheck.__file__).resolve().parent)


class TooMuchWork(AssertionError):
    pass


def _within_lines(limit: int, work: Callable[[], Any]) -> Any:
    """Run ``work``, failing once citecheck's own code has executed more than ``limit`` lines.

    A deterministic measure of work instead of a clock: a loop that rescans the rest of the
    input for each item runs quadratically many lines and is stopped early.
    """
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if count > limit:
                raise TooMuchWork(f"more than {limit} lines of citecheck ran")
        return local

    def global_(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(SRC) else None

    sys.settrace(global_)
    try:
        return work()
    finally:
        sys.settrace(None)


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", *args, "--offline"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------------------ Markdown reader

def test_a_line_of_opening_brackets_is_matched_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.readers import markdown

    calls = []
    original = markdown._Inline._match_brackets

    def counted(self: markdown._Inline, i: int) -> None:
        calls.append(i)
        original(self, i)

    monkeypatch.setattr(markdown._Inline, "_match_brackets", counted)
    doc = parse_text("Text " + "[" * 20_000 + " end (Smith 2000).\n", "x.md", "markdown")
    assert doc.text.count("[") == 20_000
    assert len(calls) == 1  # was: one scan to the end of the line per "["


def test_bracket_matching_still_nests_and_skips_code() -> None:
    doc = parse_text("[a [b] `]` c](http://x.org) and [d](http://y.org)\n\n[x]: http://z.org\n", "x.md", "markdown")
    assert [(link.url, link.text) for link in doc.links] == [("http://x.org", "a [b] ] c"), ("http://y.org", "d")]


def test_unclosed_link_destinations_do_not_rescan_the_line() -> None:
    n = 3_000
    doc = _within_lines(1_500 * n, lambda: parse_text("Start " + "[a](" * n + " end.\n", "x.md", "markdown"))
    assert doc.links == [] and doc.text.count("[a](") == n


def test_unclosed_html_comments_do_not_rescan_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.readers import markdown

    scanned = []  # characters each comment match may look at: the regex's own steps

    class Counted:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def match(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            scanned.append(min(endpos, len(s)) - pos)
            return self.pattern.match(s, pos, endpos)

        def finditer(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            scanned.append((min(endpos, len(s)) - pos) * s.count("<!--", pos, endpos))
            return self.pattern.finditer(s, pos, endpos)

    monkeypatch.setattr(markdown, "_COMMENT_RE", Counted(markdown._COMMENT_RE))
    source = "Start " + "<!--" * 5_000 + " end.\n\n<!--\n" + "<!--" * 5_000 + "\n"
    doc = parse_text(source, "x.md", "markdown")
    assert doc.text.startswith("Start <!--<!--") and doc.directives == []
    assert sum(scanned) <= 2 * len(source)
    monkeypatch.undo()
    doc = parse_text("a <!-- citecheck: ignore --> b <!--x--> c\n", "x.md", "markdown")
    assert doc.text == "a  b  c" and [d.action for d in doc.directives] == ["ignore"]


# ------------------------------------------------------------------------------ claims and citations

def test_one_line_essay_of_thousands_of_cited_sentences(tmp_path: Path) -> None:
    essay = tmp_path / "oneline.md"
    essay.write_text("The population was 1,234 in 1990 (Smith 2001). " * 3_000, encoding="utf-8")
    from citecheck.claims import scope

    masks = []
    original = scope._mask
    scope._mask = lambda *a: masks.append(1) or original(*a)  # type: ignore[assignment]
    try:
        report = _check(essay)
    finally:
        scope._mask = original  # type: ignore[assignment]
    assert len(masks) == 1  # the document is masked once, not once per sentence over every citation
    doc = report.documents[0]
    assert doc.error is None and len(doc.claims) == 3_000
    # each sentence is covered by its own citation, and the citation is masked out of its numbers
    assert all(claim.citations == [i] for i, claim in enumerate(doc.claims))
    assert all([q.text for q in claim.quantities] == ["1,234", "1990"] for claim in doc.claims)


def test_thousands_of_dates_in_one_sentence() -> None:
    from citecheck.claims import extract_dates, extract_quantities

    n = 2_000
    text = "Start " + "in 1990 and March 1991, " * n + "end."
    assert len(_within_lines(400 * n, lambda: extract_dates(text))) == 2 * n
    quantities = _within_lines(800 * n, lambda: extract_quantities(text))
    assert len(quantities) == 2 * n and all(q.is_year for q in quantities)


def test_a_sentence_of_thousands_of_capitalised_words() -> None:
    from citecheck.claims.worthiness import _entities

    copied = []

    class Counted(str):  # counts the characters _entities copies out of the sentence
        def __getitem__(self, key: Any) -> str:
            part = super().__getitem__(key)
            copied.append(len(part))
            return part

    text = Counted("He met " + "Word " * 20_000 + "there.")
    assert _entities(text) == [" ".join(["Word"] * 20_000)]
    assert sum(copied) <= 4 * len(text)
    assert _entities("The de-Stalinization began. Kirov spoke at the Party Congress") == ["Party Congress"]


def test_thousands_of_footnotes_find_their_own_citations() -> None:
    from citecheck.citations import find_citations

    n = 3_000
    source = "".join(f"Claim {i}.[^{i}]\n\n" for i in range(n))
    source += "".join(f"[^{i}]: Note (Smith {1900 + i % 100}).\n" for i in range(n))
    doc = parse_text(source, "x.md", "markdown")
    citations = _within_lines(400 * n, lambda: find_citations(doc))
    assert len(citations) == n
    assert [c.footnote for c in citations] == [str(i) for i in range(n)]
    assert [c.year for c in citations] == [str(1900 + i % 100) for i in range(n)]


def test_thousands_of_suppressions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    essay = tmp_path / "supp.md"
    essay.write_text("".join(f"<!-- citecheck: ignore claim-uncited -->\nPara {i} had 1,200 people in 1990.\n\n"
                             for i in range(3_000)) + "<!-- citecheck: ignore link-dead -->\nLast one.\n",
                     encoding="utf-8")
    from citecheck.checks import suppression

    original = suppression.apply_suppressions
    monkeypatch.setattr(suppression, "apply_suppressions",
                        lambda doc, found: _within_lines(100 * 3_000, lambda: original(doc, found)))
    doc = _check(essay).documents[0]
    assert doc.error is None  # an internal error (or too much work) would be recorded here
    assert [f.rule for f in doc.findings] == ["suppression-unused"]  # every claim-uncited suppressed; one idle


# ------------------------------------------------------------------------------ LaTeX and HTML readers

def test_deeply_nested_latex_footnotes_do_not_overflow_the_stack() -> None:
    body = "\\footnote{" * 5_000 + "deep text 1990" + "}" * 5_000
    doc = parse_text("\\begin{document}\n" + body + "\n\\end{document}\n", "x.tex", "latex")
    assert "deep text 1990" in doc.text and 0 < len(doc.footnotes) <= 50
    doc = parse_text("\\begin{document}\n" + "\\section{\\href{x}{\\enquote{" * 3_000 + "\n\\end{document}", "x.tex",
                     "latex")
    assert doc.format == "latex"


def test_latex_comment_lookups_scan_each_line_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.readers import latex

    scans = []
    original = latex._Comments._percent

    def counted(self: latex._Comments, i: int) -> int | None:
        scans.append(i)
        return original(self, i)

    monkeypatch.setattr(latex._Comments, "_percent", counted)
    source = "\\documentclass{article}" + "\\title{T}" * 5_000 + "\\bibliography{a}" * 5_000 + "% c\n"
    source += "\\begin{document}\n" + "\\begin{a}" * 5_000 + "\\end{b}" * 5_000 + "Text.\n\\end{document}\n"
    doc = parse_text(source, "x.tex", "latex")
    assert doc.bibliography == ["a.bib"] and doc.metadata == {"title": "T"}
    assert len(scans) <= 3  # one per line asked about, not one per command on it
    assert latex._Comments("a \\% b % c").covers(9) and not latex._Comments("a \\% b % c").covers(5)


def test_stray_html_end_tags_under_a_deep_stack() -> None:
    n = 3_000
    source = "<html><body>" + "<b>" * n + "x 1990" + "</i>" * n + "</body></html>"
    doc = _within_lines(200 * n, lambda: parse_text(source, "x.html", "html"))
    assert doc.text == "x 1990"


# ------------------------------------------------------------------------------ reports

def test_text_report_splits_the_file_once_not_per_finding(tmp_path: Path) -> None:
    from citecheck.report import render

    essay = tmp_path / "paras.md"
    essay.write_text("\n\n".join(f"Para {i} says 12 things (Doe 2000)." for i in range(2_000)), encoding="utf-8")
    report = _check(essay)
    doc = report.documents[0]
    assert sum(f.rule == "citation-undefined" for f in doc.findings) == 2_000  # + one library-not-found

    splits = []

    class CountingSource(str):
        def splitlines(self, keepends: bool = False) -> list[str]:
            splits.append(1)
            return super().splitlines(keepends)

    doc.source = CountingSource(doc.source)
    text = render(report, "text")
    assert text.count("citation-undefined") == 2_000 and len(splits) == 1


def test_junit_report_places_thousands_of_findings(tmp_path: Path) -> None:
    from xml.etree import ElementTree as ET

    from citecheck.report import render

    essay = tmp_path / "paras.md"
    essay.write_text("\n\n".join(f"Para {i} says 12 things (Doe 2000)." for i in range(3_000)), encoding="utf-8")
    report = _check(essay)
    root = ET.fromstring(_within_lines(1_000 * 3_000, lambda: render(report, "junit")))
    cases = root.findall(".//testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == [f"line {2 * i + 1}: citation (Doe 2000)" for i in range(3_000)]


# ------------------------------------------------------------------------------ .bib libraries

def test_a_library_of_thousands_of_entries(tmp_path: Path) -> None:
    bib = tmp_path / "big.bib"
    entries = "".join(f"@article{{k{i}, author={{Smith, John}}, title={{T {i}}}, year={{1990}}}}\n" for i in range(4_000))
    bib.write_text(entries + "@book{K1, author={Doe, J}, title={T}, year={2001}, publisher={P}}\n", encoding="utf-8")
    essay = tmp_path / "e.md"
    essay.write_text("It was 1,234 in 1990 (Doe 2001).\n", encoding="utf-8")
    report = _within_lines(3_000 * 4_000, lambda: _check(essay, bib))
    library = report.libraries[0]
    assert library.entries == 4_001
    rules = [f.rule for f in library.findings]
    assert rules.count("reference-unused") == 4_000 and rules.count("reference-incomplete") == 4_000
    assert [f.message for f in library.findings if f.rule == "bib-syntax"] == [
        "key `K1` differs only in case from `k1` (BibTeX treats them as the same key)"]


# ------------------------------------------------------------------------------ files that are not essays

def test_utf16_without_bom_says_so(tmp_path: Path) -> None:
    essay = tmp_path / "utf16.md"
    essay.write_bytes("Hello world 1990 (Smith 2000).\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16LE text without a byte-order mark") as info:
        read_document(essay)
    assert info.value.line == 1 and "UTF-8" in info.value.hint


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "essay.md"
    os.mkfifo(fifo)

    def unblock() -> None:  # were the pipe read, this writer ends the read (and the test fails)
        with open(fifo, "wb"):
            pass

    writer = threading.Timer(3.0, unblock)
    writer.daemon = True
    writer.start()
    try:
        with pytest.raises(InputError, match="not a regular file"):
            read_document(fifo)
        from citecheck.library import load_library

        with pytest.raises(InputError, match="not a regular file"):
            load_library([fifo])
    finally:
        writer.cancel()


def test_symlink_loops_are_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "loop.md").symlink_to("loop.md")
    folder = tmp_path / "essays"
    folder.mkdir()
    (folder / "ok.md").write_text("Fine.\n", encoding="utf-8")
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    code, out, err = _cli(tmp_path, monkeypatch, "loop.md", "essays", "--format", "json")
    assert code == 2 and "Traceback" not in err
    documents = {d["path"]: d for d in json.loads(out)["documents"]}
    assert "symbolic-link loop" in documents["loop.md"]["error"]
    assert "Too many levels of symbolic links" in documents[str(Path("essays") / "a.md")]["error"]
    assert documents[str(Path("essays") / "ok.md")]["error"] is None


# ------------------------------------------------------------------------------ configuration

def test_tool_citecheck_that_is_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\ncitecheck = "strict"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool.citecheck\] must be a table") as info:
        load_config(tmp_path)
    assert info.value.line == 2
    (tmp_path / "e.md").write_text("Fine.\n", encoding="utf-8")
    code, _, err = _cli(tmp_path, monkeypatch, "e.md")
    assert code == 2 and "must be a table" in err and "Traceback" not in err


def test_a_tool_key_that_is_not_a_table_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = "x"\n', encoding="utf-8")
    assert load_config(tmp_path).path is None


def test_severity_with_a_non_string(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.citecheck.severity]\nclaim-uncited = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="severity.claim-uncited: 3 is not one of"):
        load_config(tmp_path)


def test_citecheck_toml_that_is_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "citecheck.toml").mkdir()
    with pytest.raises(ConfigError, match="is a directory"):
        load_config(tmp_path)
    with pytest.raises(ConfigError, match="is a directory"):
        load_config(explicit=tmp_path / "citecheck.toml")
    (tmp_path / "e.md").write_text("Fine.\n", encoding="utf-8")
    code, _, err = _cli(tmp_path, monkeypatch, "e.md")
    assert code == 2 and "citecheck.toml: is a directory" in err


def test_a_long_reference_list_is_skipped_in_one_step() -> None:
    from citecheck.citations import find_citations

    entries = "[1] Smith, J. (2000) Title (Doe 2001). 12 pp.\n" * 3000
    doc = parse_text("Intro (Smith 2000).\n\nReferences\n\n" + entries, "list.txt", "text")
    citations = _within_lines(200_000, lambda: find_citations(doc))
    assert [c.marker for c in citations if c.style != "numeric"] == ["(Smith 2000)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_met_in_a_directory_walk_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("A plain sentence.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    report = citecheck.check([tmp_path], config=Config(), offline=True)
    assert [d.path for d in report.documents] == [str(tmp_path / "post.md")]
    assert report.exit_code() == 0
