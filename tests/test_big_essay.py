"""One long essay (issue 12: a 2 MB essay in bounded memory): what it holds while it is checked
and how its report is written. Results must equal the plain way's, byte for byte."""

from __future__ import annotations

from pathlib import Path

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
