"""A claim's evidence shows what decided its verdict (issue 8, items 3 and 8): a contradiction found
in a sentence that did not rank is still in the claim's ``evidence`` list of the JSON report."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main
from citecheck.model import Mismatch, Passage
from citecheck.verification import with_contradicting


def _essay(tmp_path: Path, essay: str, source: str) -> Path:
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    (tmp_path / "references.bib").write_text("@misc{src,\n  title = {A source},\n  file = {source.txt}\n}\n",
                                            encoding="utf-8")
    path = tmp_path / "essay.md"
    path.write_text(essay, encoding="utf-8")
    return path


def _json_claims(path: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(path), "--offline", "--format", "json",
                                       "--cache-dir", str(path.parent / "cache")])
    assert result.exit_code == 1, result.output  # a contradiction is an error
    data = json.loads(result.output)
    return [c for d in data["documents"] for c in d["claims"]]


def test_a_contradiction_outside_the_ranked_passages_is_the_claims_evidence(tmp_path: Path) -> None:
    # The source's one sentence shares no content word with the claim, so no passage ranks; the
    # short source is read whole and its sentence contradicts the claim. That sentence is the
    # evidence, in the claim's JSON as in the finding's.
    sentence = "She is the lead singer and pianist of the folk band Quiet Harbour, which she founded in 2001."
    claims = _json_claims(_essay(tmp_path, "Marta Olsen is not a musician [@src].\n", sentence + "\n"))
    assert [c["verdict"] for c in claims] == ["contradicted"]
    assert [e["text"] for e in claims[0]["evidence"]] == [sentence]
    assert claims[0]["evidence"][0]["source"] == "src"


def test_an_unsupported_claim_sharing_no_word_still_has_no_evidence(tmp_path: Path) -> None:
    # Nothing decided against it from a sentence: no passage is invented for it.
    path = _essay(tmp_path, "Marta Olsen is a sculptor of marble [@src].\n",
                  "The river floods every spring after the snow melts in the hills.\n")
    result = CliRunner().invoke(main, ["check", str(path), "--offline", "--format", "json",
                                       "--cache-dir", str(tmp_path / "cache")])
    claims = [c for d in json.loads(result.output)["documents"] for c in d["claims"]]
    assert claims[0]["verdict"] == "unsupported" and claims[0]["evidence"] == []


def _passage(text: str, start: int, source: str = "s") -> Passage:
    return Passage(text=text, source_id=source, start=start, end=start + len(text), location="¶ 1", score=1.0)


def test_with_contradicting_adds_only_sentences_not_shown() -> None:
    shown = [_passage("A is B. C is D.", 0)]
    inside = Mismatch("negation", "x", 0, 1, "", "", "claim-contradicted", _passage("C is D.", 8))
    outside = Mismatch("negation", "x", 0, 1, "", "", "claim-contradicted", _passage("E is F.", 40))
    other_source = Mismatch("entity", "x", 0, 1, "", "", "claim-contradicted", _passage("C is D.", 8, "t"))
    assert with_contradicting(shown, [inside]) == shown
    assert with_contradicting(shown, [outside, outside]) == shown + [outside.passage]
    assert with_contradicting(shown, [other_source]) == shown + [other_source.passage]
    assert with_contradicting([], [inside]) == [inside.passage]


def test_a_partly_supported_claim_is_a_github_annotation_with_its_passage(tmp_path: Path) -> None:
    # issue 8: "a partially_supported verdict produces no finding, so SARIF, GitHub and JSON-findings
    # users never see it" (JSON and SARIF: tests/test_verdicts_issue8.py); the GitHub annotation
    # names what the source never states and the run exits 0 (a warning).
    source = ("The Penguin edition of the Histories was published in 2003 in a new translation.\n\n"
              "The translation of the Histories was praised for its clarity and its notes.\n")
    path = _essay(tmp_path, "The Penguin edition of the Histories was published in 2003 in a new translation, "
                            "with a foreword by Mary Beard [@src].\n", source)
    result = CliRunner().invoke(main, ["check", str(path), "--offline", "--format", "github",
                                       "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "claim-partly-supported" in line]
    assert len(lines) == 1 and lines[0].startswith("::warning file=")
    assert "line=1" in lines[0] and "Mary Beard" in lines[0]
