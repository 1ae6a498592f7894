"""One long essay (issue 12: a 2 MB essay in bounded memory): what it holds while it is checked
and how its report is written. Results must equal the plain way's, byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from citecheck import api
from citecheck.claims import extract_claims
from citecheck.config import load_config
from citecheck.readers import parse_text
from citecheck.report.text import _document_lines, document_parts, plain_lines

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"


@pytest.fixture(scope="module")
def checked() -> api.Report:
    import os

    here = os.getcwd()
    os.chdir(FIXTURE)
    try:
        return api.check(["."], config=load_config(), offline=True, jobs=1)
    finally:
        os.chdir(here)


@pytest.mark.parametrize("per_part", [1, 2, 3, 7, 2000])
@pytest.mark.parametrize("show_claims", [False, True])
def test_text_block_in_parts_is_the_whole_block(checked: api.Report, per_part: int, show_claims: bool) -> None:
    documents = [d for d in checked.documents if d.findings]
    assert documents and sum(len(d.findings) for d in documents) > 5
    for doc in checked.documents:
        lines = _document_lines(doc, show_claims)
        parts = list(document_parts(doc, show_claims, lines_per_part=per_part))
        if len(lines) < 2:
            assert parts == []
            continue
        assert "".join(parts) == plain_lines(text for text, _ in lines)
        assert len(parts) == -(-len(lines) // per_part)  # never more than per_part lines in one part


def test_tabs_and_control_codes_are_dropped_the_same_in_parts(checked: api.Report) -> None:
    doc = next(d for d in checked.documents if len(d.findings) > 2)
    doc.findings[1].message += "\ta tab\x07 and a bell"
    lines = _document_lines(doc, False)
    assert "".join(document_parts(doc, False, lines_per_part=2)) == plain_lines(text for text, _ in lines)


def test_offsets_are_four_byte_integers_and_map_as_before() -> None:
    source = "# Title\n\nSome *emphasis* and a [link](http://example.org) in 1999.\n"
    doc = parse_text(source, "e.md", "markdown")
    assert doc.offsets.itemsize == 4  # type: ignore[attr-defined]
    assert [source[doc.offsets[i]] for i in range(len(doc.text)) if not doc.text[i].isspace()] == \
        [ch for ch in doc.text if not ch.isspace()]


def test_a_claim_without_a_marker_holds_one_string() -> None:
    doc = parse_text("Cities grew by 45% in 1999 (Smith 2020). Towns shrank in 2001.\n", "e.md", "markdown")
    from citecheck.citations import find_citations

    claims = extract_claims(doc, find_citations(doc))
    assert len(claims) == 2
    assert claims[0].masked != claims[0].text and len(claims[0].masked) == len(claims[0].text)
    assert claims[1].masked is claims[1].text


def _long_essay(root: Path) -> Path:
    """An essay of the bench's kind (four works with texts, four print works) with paragraphs
    whose last sentence cites a web page (its earlier sentences are in its scope): findings made
    once per essay — a link's, a print work's "no text" — for claims in different parts."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    essay = write_corpus(root, essays=1, words=1200)[0]
    linked = "\n\n".join(
        f"The council met again in {1950 + k}. It approved 4{k},000 pounds for the harbour. The report "
        f"says so ([report](https://example.org/report{k % 2}))." for k in range(4))
    essay.write_text(essay.read_text(encoding="utf-8") + "\n\n" + linked + "\n", encoding="utf-8")
    return essay.parent


def _untimed(report: str) -> str:
    """The report without the times sources were read at (two runs differ in those only)."""
    import re

    return re.sub(r'"fetched_at": "[^"]*"', '"fetched_at": ""', report)


class _Recorded:
    file: Path = Path("unset")
    real: Any = None


def _note_worker() -> None:
    """Note the process a part runs in; a worker's first part then waits until the other worker
    has noted one too, so that a loaded machine, where one worker may start late, cannot let the
    first take every part. A pool that never starts a second worker fails the test's pid check
    after the wait, rather than hanging it."""
    import os
    import time

    with _Recorded.file.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    for _ in range(6000):
        if len(set(_Recorded.file.read_text().split())) >= 2:
            return
        time.sleep(0.01)


def _recorded_part(part: tuple[int, int], state: Any) -> Any:
    """claim_pool's worker function, noting the process it runs in (module level: it is pickled)."""
    _note_worker()
    return _Recorded.real(part, state)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_one_essay_spread_over_processes_reports_what_one_process_does(tmp_path: Path, fmt: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from citecheck import claim_pool, findings
    from citecheck.report import render

    monkeypatch.chdir(_long_essay(tmp_path))
    expected = _untimed(render(api.check(["."], config=load_config(), offline=True, jobs=1), fmt))
    for rule in ("source-unverifiable", "source-unreachable", "date-mismatch", "contradicted"):
        assert expected.count(rule) >= 1, rule  # what is made once per essay, and per claim, is there
    # Every claim its own part (after the first three, checked here): once-per-essay findings
    # are made in several workers and must be kept only where one process makes them.
    monkeypatch.setattr(findings, "CLAIMS_TO_SPREAD", 2)
    monkeypatch.setattr(claim_pool, "WARM_CLAIMS", 3)
    monkeypatch.setattr(claim_pool, "MIN_PART", 1)
    monkeypatch.setattr(claim_pool, "PARTS_PER_JOB", 10_000)
    pids = tmp_path / "pids"
    monkeypatch.setattr(_Recorded, "file", pids)
    monkeypatch.setattr(_Recorded, "real", claim_pool._check_part)
    monkeypatch.setattr(claim_pool, "_check_part", _recorded_part)
    spread = api.check(["."], config=load_config(), offline=True, jobs=2)
    assert _untimed(render(spread, fmt)) == expected
    workers = pids.read_text().split()
    claims = len(spread.documents[0].claims)
    assert len(workers) == claims - 3  # one part per claim after the first three
    assert str(os.getpid()) not in workers and len(set(workers)) == 2


def _recorded_extract(part: tuple[int, int], scope: Any) -> Any:
    """claim_pool's extracting function, noting the process it runs in."""
    _note_worker()
    return _Recorded.real(part, scope)


def test_one_essay_extracted_by_processes_has_the_claims_one_process_finds(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from citecheck import claim_pool
    from citecheck.citations import find_citations

    folder = _long_essay(tmp_path)
    essay = next(folder.glob("*.md"))
    doc = parse_text(essay.read_text(encoding="utf-8"), str(essay), "markdown")
    citations = find_citations(doc)
    expected = extract_claims(doc, citations)
    assert len(expected) > 50 and any(c.citations for c in expected) and any(c.quantities for c in expected)
    # Every block after the first its own part, given to two workers.
    monkeypatch.setattr(claim_pool, "CHARS_TO_SPREAD", 0)
    monkeypatch.setattr(claim_pool, "WARM_CHARS", 1)
    monkeypatch.setattr(claim_pool, "MIN_PART_CHARS", 1)
    monkeypatch.setattr(claim_pool, "PARTS_PER_JOB", 10_000)
    pids = tmp_path / "pids"
    monkeypatch.setattr(_Recorded, "file", pids)
    monkeypatch.setattr(_Recorded, "real", claim_pool._extract_part)
    monkeypatch.setattr(claim_pool, "_extract_part", _recorded_extract)
    spread = claim_pool.extract(doc, citations, 2)
    assert spread == expected  # ids, texts, spans, figures, dates, quotations, scope: every field
    workers = pids.read_text().split()
    blocks = [b for b in doc.blocks if b.kind in ("paragraph", "list_item", "quote")]
    assert len(workers) == len(blocks) - 1  # the first block here, one part per block after it
    assert str(os.getpid()) not in workers and len(set(workers)) == 2
    assert claim_pool.extract(doc, citations, 1) == expected  # one process: the plain way


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_one_essay_extracted_and_checked_by_processes_reports_what_one_process_does(
        tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck import claim_pool
    from citecheck.report import render

    monkeypatch.chdir(_long_essay(tmp_path))
    expected = _untimed(render(api.check(["."], config=load_config(), offline=True, jobs=1), fmt))
    monkeypatch.setattr(claim_pool, "CHARS_TO_SPREAD", 0)
    monkeypatch.setattr(claim_pool, "WARM_CHARS", 100)
    monkeypatch.setattr(claim_pool, "MIN_PART_CHARS", 500)
    assert _untimed(render(api.check(["."], config=load_config(), offline=True, jobs=2), fmt)) == expected


def test_a_citation_in_one_sentence_many_times_is_listed_once() -> None:
    from citecheck.citations import find_citations

    doc = parse_text("Cities grew by 45% in 1999" + " (Smith 2020)" * 300 + ". Towns shrank (Jones 2001).\n",
                     "e.md", "markdown")
    citations = find_citations(doc)
    assert len(citations) == 301
    claims = extract_claims(doc, citations)
    assert [c.citations for c in claims] == [list(range(300)), [300]]
