"""A fixture essay repository (posts, a .bib, a config, a baseline, suppressions) through every format."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from citecheck.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"
EXPECTED_GITHUB = Path(__file__).resolve().parent / "fixtures" / "essay-repo.expected.github.txt"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    (target / "gitignore").rename(target / ".gitignore")
    monkeypatch.chdir(target)
    return target


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_walk_honours_gitignore_exclude_and_suppressions(repo: Path) -> None:
    # A directory named on the command line is checked even when .gitignore lists it.
    code, out, _ = run("check", "posts", "drafts", "--offline", "--format", "json")
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert paths == ["posts/history.md", "posts/new.md", "posts/wall.md", "drafts/draft.md"]
    code, out, _ = run("check", ".", "--offline", "--format", "json")
    data = json.loads(out)
    assert [d["path"] for d in data["documents"]] == ["posts/history.md", "posts/new.md", "posts/wall.md"]
    rules = {(d["path"], f["rule"]) for d in data["documents"] for f in d["findings"]}
    assert ("posts/history.md", "citation-undefined") not in rules  # suppressed by its comment
    assert ("posts/history.md", "suppression-unused") in rules
    assert ("posts/new.md", "citation-undefined") in rules
    assert ("posts/wall.md", "number-mismatch") in rules
    assert ("posts/wall.md", "quote-altered") in rules
    assert not [f for lib in data["library"] for f in lib["findings"] if f["rule"] == "reference-unused"]
    assert code == 1


def test_every_format(repo: Path, report_schema: dict) -> None:
    outputs = {fmt: run("check", "posts", "--offline", "--format", fmt) for fmt in
               ("text", "json", "sarif", "github", "junit", "markdown")}
    assert {code for code, _, _ in outputs.values()} == {1}
    jsonschema.validate(json.loads(outputs["json"][1]), report_schema)
    assert "number-mismatch" in outputs["text"][1]
    suites = ET.fromstring(outputs["junit"][1])
    assert int(suites.get("failures", "0")) + int(suites.get("errors", "0")) >= 3
    assert "| posts/wall.md:5" in outputs["markdown"][1] or "posts/wall.md:5" in outputs["markdown"][1]
    sarif = json.loads(outputs["sarif"][1])
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "number-mismatch" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
               for r in results)


def test_sarif_validates_against_oasis_schema(repo: Path, shared: Path) -> None:
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    _, out, _ = run("check", "posts", "--offline", "--format", "sarif")
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = list(validator.iter_errors(json.loads(out)))
    assert not errors, errors[0].message


def test_github_format_byte_exact(repo: Path) -> None:
    _, out, _ = run("check", "posts", "--offline", "--format", "github")
    assert out == EXPECTED_GITHUB.read_text(encoding="utf-8")


def test_output_files_beside_terminal_text(repo: Path) -> None:
    code, out, _ = run("check", "posts", "--offline", "--output", "sarif:out.sarif", "--output",
                       "github:annotations.txt", "--output", "markdown:summary.md")
    assert code == 1
    assert "number-mismatch" in out and not out.startswith("{")
    assert json.loads((repo / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (repo / "annotations.txt").read_text(encoding="utf-8").startswith("::")
    assert "number-mismatch" in (repo / "summary.md").read_text(encoding="utf-8")
    code, _, err = run("check", "posts", "--offline", "--output", "yaml:x.yaml")
    assert code == 2 and "--output" in err


def test_baseline_reports_only_new_findings(repo: Path) -> None:
    code, out, _ = run("check", "posts", "--offline", "--baseline", "baseline.json", "--format", "json")
    data = json.loads(out)
    left = [(d["path"], f["rule"]) for d in data["documents"] for f in d["findings"]]
    assert left == [("posts/new.md", "citation-undefined")]
    assert code == 1


@pytest.mark.parametrize("fail_on, expected", [("never", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on_exit_codes(repo: Path, fail_on: str, expected: int) -> None:
    assert run("check", "posts", "--offline", "--fail-on", fail_on)[0] == expected


def test_fail_on_warning_only_findings(repo: Path) -> None:
    (repo / "citecheck.toml").write_text('exclude = ["sources/"]\n[severity]\nnumber-mismatch = "warning"\nquote-altered = "warning"\n'
                                         'citation-undefined = "off"\ncitation-page-out-of-range = "off"\n'
                                         'citation-year-mismatch = "off"\n', encoding="utf-8")
    assert run("check", "posts/wall.md", "--offline", "--bib", "references.bib")[0] == 0
    assert run("check", "posts/wall.md", "--offline", "--bib", "references.bib", "--fail-on", "warning")[0] == 1


def test_malformed_config_exit_2(repo: Path) -> None:
    (repo / "citecheck.toml").write_text('bibliography = ["references.bib"]\nfail-on = 3\n', encoding="utf-8")
    code, out, err = run("check", "posts", "--offline")
    assert code == 2
    assert "citecheck.toml:2" in err and "fail-on" in err
    assert "Traceback" not in out + err


def test_format_output_and_baseline_from_config(repo: Path) -> None:
    config = (repo / "citecheck.toml").read_text(encoding="utf-8")
    extra = 'format = "github"\noutput = ["sarif:from-config.sarif"]\nbaseline = "baseline.json"\n'
    (repo / "citecheck.toml").write_text(extra + config, encoding="utf-8")
    code, out, _ = run("check", "posts", "--offline")
    assert out.startswith("::error file=posts/new.md")  # github format; only the new finding is left
    assert len(out.splitlines()) == 1
    assert json.loads((repo / "from-config.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert code == 1
    (repo / "citecheck.toml").write_text('output = ["yaml:x"]\n' + config, encoding="utf-8")
    code, _, err = run("check", "posts", "--offline")
    assert code == 2 and "citecheck.toml:1" in err and "output" in err
