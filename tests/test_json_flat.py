"""--format json is written one document at a time: same bytes, a fraction of the memory."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

import pytest

import citecheck
from citecheck.model import Report
from citecheck.report.json import render, to_dict

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"


def one_piece(report: Report) -> str:
    """The report as it was written before: the whole dict tree dumped at once."""
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    (target / "gitignore").rename(target / ".gitignore")
    monkeypatch.chdir(target)
    return citecheck.check(["posts", "drafts"], offline=True, jobs=1, cache_dir=tmp_path / "cache")


def test_same_bytes_as_one_piece_dump(report: Report) -> None:
    assert len(report.documents) >= 3
    assert any(d.claims and d.findings for d in report.documents)
    assert render(report) == one_piece(report)
    # Nested newlines, quotes and non-ASCII text inside a document's strings stay escaped as before.
    report.documents[0].claims[0].text = 'line one\n  "documents": [],\n  — ünïcode\ttab'
    assert render(report) == one_piece(report)
    json.loads(render(report))


def test_same_bytes_with_no_document_or_one(report: Report) -> None:
    empty = Report(libraries=report.libraries, sources=report.sources, fail_on=report.fail_on)
    assert render(empty) == one_piece(empty)
    single = Report(documents=report.documents[:1], libraries=report.libraries, sources=report.sources)
    assert render(single) == one_piece(single)


def test_holds_one_document_at_a_time(report: Report) -> None:
    # 60 documents: the one-piece dump builds all 60 dict trees before writing a byte; render
    # builds one, so its peak of allocated memory is a fraction of the other's.
    big = Report(documents=report.documents * 20, libraries=report.libraries, sources=report.sources)

    def peak(fn) -> tuple[int, str]:
        tracemalloc.start()
        try:
            out = fn(big)
            return tracemalloc.get_traced_memory()[1], out
        finally:
            tracemalloc.stop()

    streamed, out_streamed = peak(render)
    whole, out_whole = peak(one_piece)
    assert out_streamed == out_whole
    assert streamed < whole * 0.6, (streamed, whole)  # measured: 0.45
