"""Inline suppressions, baselines and shards, through the API on small Markdown essays."""

from __future__ import annotations

from pathlib import Path

import pytest

import citecheck
from citecheck.api import shard_of, write_baseline
from citecheck.errors import InputError

BIB = """@book{freeze2009russia,
  editor = {Freeze, Gregory L.}, title = {Russia: A History}, publisher = {OUP},
  year = {2009}, pagetotal = {556},
}
"""


def essay(tmp_path: Path, body: str, name: str = "post.md") -> Path:
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def rules_of(report: citecheck.model.Report) -> list[str]:  # type: ignore[name-defined]
    return [f.rule for d in report.documents for f in d.findings]


def test_undefined_citation_is_reported(tmp_path: Path) -> None:
    path = essay(tmp_path, "The speech was long (Taubman, 270).\n")
    assert "citation-undefined" in rules_of(citecheck.check([path], offline=True))


def test_ignore_before_paragraph(tmp_path: Path) -> None:
    path = essay(tmp_path, "<!-- citecheck: ignore citation-undefined -->\nThe speech was long (Taubman, 270).\n")
    rules = rules_of(citecheck.check([path], offline=True))
    assert "citation-undefined" not in rules
    assert "suppression-unused" not in rules


def test_ignore_on_the_line(tmp_path: Path) -> None:
    path = essay(tmp_path, "The speech was long (Taubman, 270). <!-- citecheck: ignore citation-undefined -->\n")
    assert "citation-undefined" not in rules_of(citecheck.check([path], offline=True))


def test_ignore_other_rule_does_not_hide(tmp_path: Path) -> None:
    path = essay(tmp_path, "<!-- citecheck: ignore quote-altered -->\nThe speech was long (Taubman, 270).\n")
    rules = rules_of(citecheck.check([path], offline=True))
    assert "citation-undefined" in rules
    assert "suppression-unused" in rules


def test_disable_enable_block(tmp_path: Path) -> None:
    body = ("<!-- citecheck: disable citation-undefined -->\n\nOne (Taubman, 270).\n\nTwo (Conquest, 12).\n\n"
            "<!-- citecheck: enable citation-undefined -->\n\nThree (Medvedev, 40).\n")
    report = citecheck.check([essay(tmp_path, body)], offline=True)
    undefined = [f for d in report.documents for f in d.findings if f.rule == "citation-undefined"]
    assert len(undefined) == 1 and "Medvedev" in (undefined[0].found or "") + undefined[0].message


def test_baseline_survives_edits_above(tmp_path: Path) -> None:
    path = essay(tmp_path, "The speech was long (Taubman, 270).\n")
    report = citecheck.check([path], offline=True)
    assert write_baseline(report, tmp_path / "baseline.json") >= 1
    path.write_text("A new opening paragraph.\n\nAnother one.\n\nThe speech was long (Taubman, 270).\n"
                    "\nA new problem (Conquest, 12).\n", encoding="utf-8")
    again = citecheck.check([path], offline=True, baseline=tmp_path / "baseline.json")
    undefined = [f for d in again.documents for f in d.findings if f.rule == "citation-undefined"]
    assert len(undefined) == 1 and "Conquest" in undefined[0].message + (undefined[0].found or "")


def test_bad_baseline_is_input_error(tmp_path: Path) -> None:
    path = essay(tmp_path, "Text.\n")
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as info:
        citecheck.check([path], offline=True, baseline=tmp_path / "b.json")
    assert "b.json" in info.value.render()


def test_shards_partition_the_essays(tmp_path: Path) -> None:
    paths = [essay(tmp_path, "Plain text.\n", f"post{i}.md") for i in range(12)]
    seen: list[str] = []
    for k in (1, 2, 3):
        report = citecheck.check([tmp_path], offline=True, shard=(k, 3))
        seen.extend(d.path for d in report.documents)
    assert sorted(seen) == sorted(str(p) for p in paths)
    assert all(1 <= shard_of(p, 3) <= 3 for p in paths)
