"""What printing a report costs: the cleaner, the text writer's lines, work per finding.

Issue 12: a 100 KB essay of ``[1] `` has 25,000 findings; cleaning and writing them was most of
its run. These tests pin that the faster paths give the same results as the plain ones, and
that work follows what a format prints (counted, never timed).
"""

from __future__ import annotations

import copy
import dataclasses
import os
import sys
from collections import namedtuple
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linecount import lines_run

import citecheck
from citecheck.model import Citation, DocumentResult, Finding, Report, Span
from citecheck.report.sanitize import clean_report, clean_text
from citecheck.report.stream import Stream, writer
from citecheck.report.text import _plain, plain_lines

SRC = str(Path(citecheck.__file__).resolve().parent)


def _reference_clean(value: Any, line_oriented: bool, name: str = "") -> Any:
    """The cleaner as first written: every value visited, every dataclass's fields asked for."""
    if isinstance(value, str):
        return clean_text(value, newlines=not line_oriented or name == "source")
    if isinstance(value, list):
        return [_reference_clean(v, line_oriented, name) for v in value]
    if isinstance(value, tuple):
        items = [_reference_clean(v, line_oriented, name) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        return {_reference_clean(k, line_oriented): _reference_clean(v, line_oriented, k if isinstance(k, str) else name)
                for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        twin = copy.copy(value)
        for f in dataclasses.fields(value):
            object.__setattr__(twin, f.name, _reference_clean(getattr(value, f.name), line_oriented, f.name))
        return twin
    return value


class Tagged(str):
    """A str subclass (as a StrEnum value would be): takes the general path of the cleaner."""


Pair = namedtuple("Pair", "left right")

texts = st.text(alphabet=st.sampled_from(["a", " ", "\n", "\t", "\x1b", "\x07", "\r", "\x9b", "\u202e", "é", "⏎"]),
                max_size=6)


@st.composite
def findings(draw: Any) -> Finding:
    return Finding(rule=draw(texts), severity="error", message=draw(texts), path=draw(texts),
                   span=Span(draw(texts), 1, 2, 1, 3, 0, 1) if draw(st.booleans()) else None,
                   expected=draw(st.none() | texts), found=Tagged(draw(texts)),
                   evidence=[{draw(texts): draw(texts), "source": draw(texts), "n": draw(st.integers()),
                              "pair": Pair(draw(texts), draw(st.lists(texts, max_size=2)))}],
                   source=draw(st.none() | texts), fingerprint="f")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(findings(), max_size=4), texts, st.booleans())
def test_the_cleaner_gives_what_the_plain_walk_gives(found: list[Finding], source: str, line_oriented: bool) -> None:
    report = Report(documents=[DocumentResult(path="e.md", findings=found, source=source)])
    cleaned = clean_report(report, line_oriented=line_oriented)
    assert cleaned == _reference_clean(report, line_oriented)
    for before, after in zip(found, cleaned.documents[0].findings, strict=True):
        # a finding with nothing to clean is shared, not copied
        assert (after is before) == (after == before and _reference_clean(before, line_oriented) == before)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(findings(), min_size=30, max_size=40), st.integers(0, 39), st.integers(0, 39), st.booleans())
def test_the_cleaner_walks_long_lists_as_the_plain_walk_does(found: list[Finding], dirty: int, nested: int,
                                                             line_oriented: bool) -> None:
    """Lists past the length the quick walk takes whole (an essay's findings, a long evidence
    list): one control character anywhere in them is still cleaned, clean items still shared."""
    found[dirty % len(found)].message += "\x1b"
    long_evidence = [{"text": "clean"} for _ in range(40)]
    long_evidence[nested] = {"text": "bell\x07"}
    found.append(Finding(rule="r", severity="info", message="m", path="p", evidence=long_evidence))
    found.append(Finding(rule="r", severity="info", message="m", path="p", evidence=[{"k": ["a"] * 40}]))
    report = Report(documents=[DocumentResult(path="e.md", findings=found, source="x")])
    cleaned = clean_report(report, line_oriented=line_oriented)
    assert cleaned == _reference_clean(report, line_oriented)
    assert cleaned.documents[0].findings[-1] is found[-1]
    assert "\x07" not in str(cleaned.documents[0].findings[-2].evidence)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(["a", "\t", "\r", "\x07", "\x08", "\x0b", "\x0c", "é", " "]),
                        max_size=8), min_size=1, max_size=5))
def test_plain_lines_are_the_lines_plain_one_by_one(lines: list[str]) -> None:
    assert plain_lines(lines) == "\n".join(_plain(line) for line in lines)


def _essay(citations: int) -> DocumentResult:
    span = Span("e.md", 1, 1, 1, 4, 0, 3)
    cited = [Citation(style="numeric", marker="[1]", start=0, end=3, number=1, span=span) for _ in range(citations)]
    finding = Finding(rule="citation-undefined", severity="error", message="m", path="e.md", span=span,
                      expected="x", found="none")
    return DocumentResult(path="e.md", format="markdown", citations=cited, findings=[finding], source="[1]\n")


def test_a_findings_only_format_does_not_clean_the_citations() -> None:
    def add(fmt: str, doc: DocumentResult) -> None:
        stream = Stream({"stdout": writer(fmt)})
        stream.add(doc)
        stream.close()

    for fmt in ("text", "concise", "github", "sarif", "jsonl"):
        small, large = lines_run(lambda f=fmt: add(f, _essay(10))), lines_run(lambda f=fmt: add(f, _essay(2_000)))
        assert large - small < 200, fmt  # the same one finding to write: the citations are not walked
    # JSON prints the citations, so they are cleaned: about 2,000 times the work of one
    small, large = lines_run(lambda: add("json", _essay(10))), lines_run(lambda: add("json", _essay(2_000)))
    assert large - small > 1_990 * 10


def test_a_code_frame_copies_a_window_of_a_long_line_not_the_line() -> None:
    from citecheck.report.text import _frame

    copied: list[int] = []

    class Line(str):
        def replace(self, *args: Any) -> str:  # type: ignore[override]
            copied.append(len(self))
            return super().replace(*args)

        def __getitem__(self, key: Any) -> str:
            return Line(super().__getitem__(key))

    line = Line("word\t" * 20_000)
    finding = Finding(rule="r", severity="error", message="m", path="e.md", span=Span("e.md", 1, 50_000, 1, 50_004, 0, 1))
    for _ in range(100):
        frame = _frame([line], finding)
    assert "^^^^" in frame[2][0] and "\t" not in frame[1][0]
    assert max(copied) <= 100  # the shown window (span ± 40 characters), not the 100,000-character line


def test_an_essay_without_citations_loads_no_evidence_reference_or_rich_module(tmp_path: Path) -> None:
    """Start-up of ``check`` on an essay that cites nothing: the evidence modules, the reference
    look-ups and rich were a third of it (issue 12: one-line essays, hostile essays)."""
    import subprocess

    essay = tmp_path / "e.md"
    essay.write_text("It rose to 1,234 delegates in 1990. Nothing else.\n", encoding="utf-8")
    code = ("import sys\nfrom citecheck.cli import main\n"
            f"try:\n    main(['check', {str(essay)!r}, '--offline', '--jobs', '1', '--cache-dir', {str(tmp_path / 'c')!r}])\n"
            "except SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(Path(SRC).parent), "NO_COLOR": "1"}, cwd=tmp_path).stdout
    assert "claim-uncited" in out  # the essay was checked and reported
    loaded = set(out.split("MODULES", 1)[1].split())
    assert "citecheck.claims" in loaded and "citecheck.readers.markdown" in loaded
    unwanted = {"citecheck.evidence", "citecheck.verification", "citecheck.checks.references",
                "citecheck.references.exist", "rich"}
    assert not loaded & unwanted, loaded & unwanted


def test_equal_evidence_items_are_written_once_and_by_their_own_types(monkeypatch: Any) -> None:
    """An essay of ``[1] [1] …`` has 25,000 findings with equal evidence: each item's line is
    made once, and items equal only across types (1, 1.0, True) keep their own words."""
    from citecheck.report import evidence

    made: list[dict[str, Any]] = []
    real = evidence.evidence_text

    def counted(item: dict[str, Any], text_limit: int = evidence.TEXT_LIMIT) -> str:
        made.append(item)
        return real(item, text_limit)

    monkeypatch.setattr(evidence, "evidence_text", counted)
    evidence._text_of.cache_clear()
    items = [{"citation": "[1]", "reason": "no entry [1]"} for _ in range(1000)]
    assert {line for item in items for line in evidence.evidence_lines([item])} == {real(items[0])}
    assert len(made) == 1
    assert [evidence.evidence_lines([{"n": v}]) for v in (1, 1.0, True)] == [["n: 1"], ["n: 1.0"], ["n: True"]]
    assert evidence.evidence_lines([{"n": [1, 2]}]) == ["n: 1, 2"]  # a list: made each time, as before
