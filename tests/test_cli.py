"""The CLI through click's CliRunner: exit codes, formats, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from citecheck import __version__
from citecheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "secret-speech.md"
BIB = ROOT / "references.bib"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(main, list(args), catch_exceptions=False)
    else:
        with runner.isolated_filesystem(temp_dir=cwd):
            result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("--help")
    assert code == 0 and "check" in out and "rules" in out
    code, out, _ = run("check", "--help")
    assert code == 0 and "--offline" in out and "--fail-on" in out


def test_example_exits_1_with_findings() -> None:
    code, out, err = run("check", str(EXAMPLE), "--bib", str(BIB), "--offline", "--no-color")
    assert code == 1, err
    assert "citation-undefined" in out
    assert "citation-page-out-of-range" in out
    assert "citation-year-mismatch" in out
    assert "\x1b[" not in out  # plain when not a TTY
    assert "error" in out.splitlines()[-1]


def test_example_json_validates(report_schema: dict) -> None:
    code, out, _ = run("check", str(EXAMPLE), "--bib", str(BIB), "--offline", "--format", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, report_schema)
    assert data["version"] == 1
    assert data["summary"]["exit_code"] == 1
    assert data["documents"][0]["path"] == str(EXAMPLE)


@pytest.mark.parametrize("fail_on, expected", [("never", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on(fail_on: str, expected: int) -> None:
    code, _, _ = run("check", str(EXAMPLE), "--bib", str(BIB), "--offline", "--fail-on", fail_on)
    assert code == expected


def test_clean_essay_exits_0(tmp_path: Path) -> None:
    essay = tmp_path / "clean.md"
    essay.write_text("I liked the book a great deal, and I think you will too.\n", encoding="utf-8")
    code, out, err = run("check", str(essay), "--offline", "--no-color")
    assert code == 0, out + err


def test_missing_essay_exit_2(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "nope.md"), "--offline")
    assert code == 2
    assert "nope.md" in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("with_bib", [False, True])
def test_missing_essay_reports_no_library_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   with_bib: bool) -> None:
    # A mistyped path must not make every entry of a nearby library "never cited".
    (tmp_path / "references.bib").write_text("@book{ellison, author={Ellison, R}, title={T}, year={1990}}\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "nonexist.md", "--offline", "--format", "concise",
                         *(["--bib", "references.bib"] if with_bib else []))
    assert code == 2 and "nonexist.md" in err
    assert "references.bib" not in out and "reference-" not in out


def test_binary_essay_exit_2(tmp_path: Path) -> None:
    essay = tmp_path / "photo.md"
    essay.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, _, err = run("check", str(essay), "--offline")
    assert code == 2 and "photo.md" in err


def test_random_bytes_named_md_are_binary_exit_2(tmp_path: Path) -> None:
    import random

    essay = tmp_path / "essay.md"
    essay.write_bytes(bytes(b for b in random.Random(7).randbytes(4000) if b))
    code, _, err = run("check", str(essay), "--offline")
    assert code == 2 and "essay.md" in err and "binary file, not an essay" in err
    assert "legacy encoding" not in err


def test_undecodable_essay_names_line(tmp_path: Path) -> None:
    essay = tmp_path / "latin.txt"
    essay.write_bytes("first line\nsecond line caf\xe9\n".encode("latin-1"))
    code, _, err = run("check", str(essay), "--offline")
    assert code == 2
    assert "latin.txt:2" in err


def test_batch_keeps_going(tmp_path: Path, report_schema: dict) -> None:
    good = tmp_path / "good.md"
    good.write_text("A plain sentence with nothing to check.\n", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path / "missing.md"), str(good), "--offline", "--format", "json")
    assert code == 2
    data = json.loads(out)
    jsonschema.validate(data, report_schema)
    paths = [d["path"] for d in data["documents"]]
    assert paths == [str(tmp_path / "missing.md"), str(good)]
    assert data["documents"][0]["error"] and data["documents"][1]["error"] is None


def test_empty_directory_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    code, _, err = run("check", str(tmp_path), "--offline")
    assert code == 2 and "no essays" in err


def test_missing_bib_exit_2(tmp_path: Path) -> None:
    essay = tmp_path / "e.md"
    essay.write_text("Text (Freeze, 418).\n", encoding="utf-8")
    code, _, err = run("check", str(essay), "--bib", str(tmp_path / "nothere.bib"), "--offline")
    assert code == 2 and "nothere.bib" in err


def test_bad_config_exit_2(tmp_path: Path) -> None:
    cfg = tmp_path / "citecheck.toml"
    cfg.write_text('fail-on = "loudly"\n', encoding="utf-8")
    essay = tmp_path / "e.md"
    essay.write_text("Text.\n", encoding="utf-8")
    code, _, err = run("check", str(essay), "--config", str(cfg), "--offline")
    assert code == 2
    assert "citecheck.toml:1" in err and "fail-on" in err


def test_unknown_option_exit_2() -> None:
    code, _, err = run("check", "--frobnicate", str(EXAMPLE))
    assert code == 2 and "frobnicate" in err


def test_rules_list_and_doc() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "quote-altered" in out and "claim-uncited" in out
    code, out, _ = run("rules", "citation-undefined")
    assert code == 0
    for part in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert part in out
    code, _, err = run("rules", "no-such-rule")
    assert code == 2 and "no-such-rule" in err


def test_empty_essay_is_reported_not_passed(tmp_path: Path) -> None:
    """An empty or blank submission exits 2 with a message naming it; the other essays still run."""
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "blank.md").write_text("  \n\n")
    (tmp_path / "fine.md").write_text("The speech was given in 1956.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--offline"])
    assert result.exit_code == 2
    assert "empty.md:1: the essay has no text" in result.output
    assert "blank.md:1: the essay has no text" in result.output
    assert "in 3 files; 2 files could not be read" in result.output
