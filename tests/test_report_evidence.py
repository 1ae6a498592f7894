"""Every finding shows its evidence in every human format (text, markdown, GitHub, JUnit).

The README's own example essay gives findings of every kind of evidence: passages of a source,
library entries (citation-year-mismatch, citation-page-out-of-range, reference-unused), a
citation that resolves to nothing (citation-undefined), a computed figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import citecheck
from citecheck.report import render
from citecheck.report.evidence import evidence_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> citecheck.Report:
    cache = tmp_path_factory.mktemp("cache")
    return citecheck.check([ROOT / "examples" / "secret-speech.md"], bib=[ROOT / "references.bib"],
                           offline=True, cache_dir=cache)


def _findings(report: citecheck.Report) -> list:
    return report.findings()


def test_the_example_has_the_rules_that_lost_their_evidence(report: citecheck.Report) -> None:
    rules = {f.rule for f in _findings(report)}
    assert {"citation-undefined", "citation-year-mismatch", "citation-page-out-of-range",
            "reference-unused"} <= rules
    assert all(f.evidence for f in _findings(report))


def test_text_shows_an_evidence_line_for_every_finding(report: citecheck.Report) -> None:
    out = render(report, "text", width=400)
    head = re.compile(r"^  \d+:\d+ +(?:error|warning|info) +(\S+)")
    blocks: list[list[str]] = []
    for line in out.splitlines():
        if head.match(line):
            blocks.append([line])
        elif blocks and line.startswith("    "):
            blocks[-1].append(line)
    by_rule: dict[str, list[str]] = {}
    for block in blocks:
        match = head.match(block[0])
        assert match
        by_rule.setdefault(match.group(1), []).append("\n".join(block))
    assert len(blocks) == len(_findings(report))
    for rule, found in by_rule.items():
        assert all("= evidence: " in b for b in found), rule
    year = by_rule["citation-year-mismatch"][0]
    assert "= evidence: references.bib:" in year and "freeze2009russia" in year
    undefined = by_rule["citation-undefined"][0]
    assert "= evidence: citation: (Taubman, 270)" in undefined


def test_markdown_github_and_junit_show_evidence(report: citecheck.Report) -> None:
    md = render(report, "markdown")
    gh = render(report, "github")
    junit = render(report, "junit")
    lines = gh.splitlines()
    for finding in _findings(report):
        shown = evidence_text(finding.evidence[0])
        assert shown
        bib_part = shown.split(";")[0]
        if finding.rule in ("citation-undefined", "citation-year-mismatch", "citation-page-out-of-range",
                            "reference-unused"):
            row = [r for r in md.splitlines() if f"`{finding.rule}`" in r]
            assert row and all(bib_part.replace("(", "").split(":")[0] in r for r in row), finding.rule
            line = [gh_line for gh_line in lines if f"title={finding.rule}::" in gh_line]
            assert line and all("Evidence: " in gh_line for gh_line in line), finding.rule
            assert bib_part.split()[0] in junit, finding.rule


# Two sentences a claim's first passage might hold (evidence.shown): about 280 characters.
TWO_SENTENCES = ("In December 1922, in a letter to the coming party congress, Lenin wrote that Stalin, having "
                 "become General Secretary, had gathered immeasurable power into his own hands. … He was not "
                 "sure that Stalin would always be capable of using that authority with sufficient caution.")


def test_a_passage_of_a_sentence_or_two_is_shown_whole() -> None:
    line = evidence_text({"passage": TWO_SENTENCES, "source": "k", "location": "¶ 3"})
    assert f"“{TWO_SENTENCES}”" in line


def test_a_long_passage_is_cut_where_a_sentence_ends() -> None:
    from citecheck.report.evidence import TEXT_LIMIT

    long = TWO_SENTENCES + " " + "It went on for many more words that nobody needs to read here. " * 5
    line = evidence_text({"passage": long, "source": "k"})
    shown = line.split("”")[0].lstrip("“")
    assert shown.endswith(("hands. …", "caution. …", "here. …"))
    assert len(shown) <= TEXT_LIMIT + 2


@pytest.mark.parametrize("limit", [30, 80, 200])
def test_a_cut_never_splits_a_word(limit: int) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from citecheck.report.evidence import clip

    words = st.lists(st.text(alphabet="abcdefghij.,", min_size=1, max_size=12), min_size=1, max_size=60)

    @settings(max_examples=200, deadline=None)
    @given(words)
    def check(parts: list[str]) -> None:
        text = " ".join(parts)
        out = clip(text, limit)
        if len(text) <= limit:
            assert out == text
            return
        body = out.removesuffix(" …").removesuffix("…")
        assert text.startswith(body) and len(body) <= limit
        # cut between words, unless one word alone fills more than half the limit
        assert text[len(body):len(body) + 1] in (" ", "") or len(body) == limit

    check()
