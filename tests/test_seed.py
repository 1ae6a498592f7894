"""The founding essay (../shared/seeds) end to end, offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from citecheck.cli import main

MISMATCH_RULES = {"number-mismatch", "date-mismatch", "quote-altered", "quote-not-found", "computed-mismatch"}


def check_json(essay: Path, bib: Path, schema: dict) -> dict:
    result = CliRunner().invoke(main, ["check", str(essay), "--bib", str(bib), "--offline", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    return data


def claim_containing(doc: dict, text: str) -> dict:
    matches = [c for c in doc["claims"] if text in c["text"]]
    assert len(matches) == 1, [c["text"] for c in doc["claims"]]
    return matches[0]


def test_freeze_citation_and_link(shared: Path, report_schema: dict) -> None:
    essay = shared / "seeds" / "secret-speech.md"
    data = check_json(essay, shared / "seeds" / "secret-speech.bib", report_schema)
    doc = data["documents"][0]
    parenthetical = [c for c in doc["citations"] if c["style"] in ("mla", "author-date")]
    assert len(parenthetical) == 1
    freeze = parenthetical[0]
    assert freeze["marker"] == "(Freeze, 418)"
    assert freeze["resolution"]["status"] == "resolved"
    assert freeze["resolution"]["keys"] == ["freeze2009russia"]
    assert freeze["locator"]["label"] == "page" and freeze["locator"]["first"] == 418
    source = essay.read_text(encoding="utf-8")
    line_no = next(i for i, line in enumerate(source.splitlines(), 1) if "(Freeze, 418)" in line)
    column = source.splitlines()[line_no - 1].index("(Freeze") + 1
    assert (freeze["span"]["line"], freeze["span"]["column"]) in {(line_no, column), (line_no, column + 1)}
    assert source[freeze["span"]["start"]:freeze["span"]["end"]].strip("()") in {"Freeze, 418", "(Freeze, 418)"}
    links = [c for c in doc["citations"] if c["style"] == "link"]
    assert [c["url"] for c in links] == ["https://history.state.gov/milestones/1953-1960/khrushchev-20th-congress"]
    assert links[0]["resolution"]["keys"] == ["osh2014khrushchev"]


def test_claim_verdicts_offline(shared: Path, report_schema: dict) -> None:
    data = check_json(shared / "seeds" / "secret-speech.md", shared / "seeds" / "secret-speech.bib", report_schema)
    doc = data["documents"][0]
    rules = [f["rule"] for f in doc["findings"]]
    assert not MISMATCH_RULES & set(rules), rules

    words = claim_containing(doc, "26,000 words")
    assert words["verdict"] == "unverifiable"
    quantity = next(q for q in words["quantities"] if q["value"] == 26000)
    assert quantity["unit"] == "words" and quantity["hedge"] == "some"
    assert "khrushchev1956cult" in words["reason"]
    assert "print" in words["reason"] or "no accessible text" in words["reason"] or "freeze2009russia" in words["reason"]

    state = claim_containing(doc, "New York Times")
    assert state["verdict"] == "unverifiable"
    assert "offline" in state["reason"]

    congress = claim_containing(doc, "February of 1956")
    uncited = [f for f in doc["findings"] if f["rule"] == "claim-uncited"]
    assert any(f["span"]["start"] <= congress["span"]["start"] < f["span"]["end"] or
               f["span"]["start"] == congress["span"]["start"] for f in uncited)
    assert any(f["rule"] == "source-unverifiable" and f["source"] == "freeze2009russia" for f in doc["findings"])

    # "summon the congressional delegates at night": a specific claim that no cited source covers.
    night = claim_containing(doc, "at night")
    assert night["citations"] == [] and night["verdict"] == "unverifiable"
    assert any(f["span"]["start"] == night["span"]["start"] for f in uncited)
    tragedies = claim_containing(doc, "These tragedies")
    assert not any(f["span"]["start"] == tragedies["span"]["start"] for f in uncited)


def _with_speech_text(shared: Path, tmp_path: Path, words: int) -> tuple[Path, Path]:
    essay = tmp_path / "secret-speech.md"
    shutil.copy(shared / "seeds" / "secret-speech.md", essay)
    filler = ("comrades the congress heard the report about the cult of the individual " * (words // 12 + 1)).split()
    (tmp_path / "speech.txt").write_text(" ".join(filler[:words]) + "\n", encoding="utf-8")
    bib = (shared / "seeds" / "secret-speech.bib").read_text(encoding="utf-8")
    bib = bib.replace("  note         = {English text",
                      "  file         = {speech.txt},\n  citecheck-fulltext = {true},\n  note         = {English text")
    assert "speech.txt" in bib
    (tmp_path / "secret-speech.bib").write_text(bib, encoding="utf-8")
    return essay, tmp_path / "secret-speech.bib"


def test_word_count_contradicted_by_full_text(shared: Path, tmp_path: Path, report_schema: dict) -> None:
    essay, bib = _with_speech_text(shared, tmp_path, 2000)
    data = check_json(essay, bib, report_schema)
    computed = [f for f in data["documents"][0]["findings"] if f["rule"] == "computed-mismatch"]
    assert len(computed) == 1
    text = json.dumps(computed[0])
    assert "26,000" in text and "2,000" in text


def test_word_count_within_hedge(shared: Path, tmp_path: Path, report_schema: dict) -> None:
    essay, bib = _with_speech_text(shared, tmp_path, 25500)
    data = check_json(essay, bib, report_schema)
    assert not [f for f in data["documents"][0]["findings"] if f["rule"] == "computed-mismatch"]


@pytest.mark.parametrize("extra", [[], ["--format", "json"]])
def test_seed_never_tracebacks(shared: Path, extra: list[str]) -> None:
    result = CliRunner().invoke(main, ["check", str(shared / "seeds" / "secret-speech.md"), "--bib",
                                       str(shared / "seeds" / "secret-speech.bib"), "--offline", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit)
