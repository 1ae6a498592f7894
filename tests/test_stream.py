"""``--format text`` and ``concise`` written essay by essay (issue 12 item 3): the same bytes as the whole-report
path, and each essay's block is written before the next essay is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import api, pipeline
from citecheck.cli import main
from citecheck.config import load_config
from citecheck.report import render
from citecheck.report.stream import Spool

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"
EXAMPLE = ROOT / "examples" / "secret-speech.md"
BIB = ROOT / "references.bib"

RUNS = {
    "essay-repo": ([str(FIXTURE)], FIXTURE),
    "example": ([str(EXAMPLE), "--bib", str(BIB)], None),
}


def _cli(args: list[str], cwd: Path | None) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["text", "concise"])
@pytest.mark.parametrize("name", sorted(RUNS))
@pytest.mark.parametrize("flags", [[], ["-v"], ["-q"], ["-v", "-q"]])
def test_streamed_text_is_byte_identical(fmt: str, name: str, flags: list[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    args, cwd = RUNS[name]
    if cwd is not None:
        monkeypatch.chdir(cwd)
    base = [*args, "--offline", "--no-color", "--jobs", "1", "--format", fmt, *flags]
    adds: list[int] = []
    real_add = Spool.add

    def counting_add(self: Spool, doc: api.DocumentResult) -> api.DocumentResult:
        adds.append(1)
        return real_add(self, doc)

    monkeypatch.setattr(Spool, "add", counting_add)
    code, streamed = _cli(base, cwd)
    assert adds, "the streaming path was not taken"
    count = len(adds)
    # --output makes the CLI keep whole documents and render the report at the end (the old path).
    code_old, whole = _cli([*base, "--output", f"json:{tmp_path / 'r.json'}"], cwd)
    assert len(adds) == count, "the fallback path streamed"
    assert (code, streamed) == (code_old, whole)
    assert streamed.count("\n") > (0 if "-q" in flags else 1)


def _library_run(tmp_path: Path) -> Path:
    """Essays whose library has findings of its own (printed before the essays), one known only at
    the end of the run (reference-unused), and an essay with a control character and a tab."""
    (tmp_path / "a.bib").write_text(  # sorts before the essays' paths: concise merges it first
        "@book{smith2020, author={Smith, Ann}, title={A Book}, year={2020}, publisher={P}}\n"
        "@book{jones2019, author={Jones, Bob}, title={Other}, year={2019}, publisher={P}, doi={not-a-doi}}\n"
        "@book{smith2020, author={Smith, Ann}, title={Dup}, year={2020}}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Cities grew fast (Smith 2020).\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Towns\x1b[31m shrank\t (Smith 2021).\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("Nothing cited here.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("show_claims", [False, True])
@pytest.mark.parametrize("quiet", [False, True])
@pytest.mark.parametrize("fmt", ["text", "concise"])
@pytest.mark.parametrize("where", ["essay-repo", "library"])
def test_streamed_text_matches_render_of_the_report(fmt: str, where: str, quiet: bool, show_claims: bool, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = FIXTURE if where == "essay-repo" else _library_run(tmp_path)
    monkeypatch.chdir(root)
    config = load_config()
    config.select_rules(extend_select=["reference-unused"])
    bib = ["a.bib"] if where == "library" else None
    report = api.check(["."], bib, config=config, offline=True, jobs=1)
    expected = render(report, fmt, color=False, show_claims=show_claims, quiet=quiet)
    spool = Spool(fmt, show_claims=show_claims)
    streamed_report = api.check(["."], bib, config=config, offline=True, jobs=1, on_document=spool.add)
    assert spool.merged and len(spool.blocks) >= 2  # the streamed lines are used, not a render at the end
    out: list[str] = []
    spool.write(streamed_report, out.append, quiet=quiet)
    assert "".join(out) == expected
    if where == "library":  # library blocks come first, one of them known only at the end: exercised
        rules = {f.rule for lib in streamed_report.libraries for f in lib.findings}
        assert {"reference-unused", "bib-syntax"} <= rules
        assert "\x1b" not in expected
        if fmt == "text":
            assert "\\x1b" in expected
    assert all(doc.source == "" for doc in streamed_report.documents)  # the essays' text was let go
    assert streamed_report.exit_code() == report.exit_code()
    assert all(doc.source == "" for doc in streamed_report.documents)  # the essays' text was let go
    assert streamed_report.exit_code() == report.exit_code()


def test_each_essay_is_written_before_the_next_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE)
    spool = Spool("concise")
    written_at_start: list[int] = []
    after_add: list[int] = []
    real_check_essay = api._check_essay
    real_add = spool.add

    def observed_check_essay(task, run):  # type: ignore[no-untyped-def]
        written_at_start.append(spool.file.tell())
        return real_check_essay(task, run)

    def observed_add(doc: api.DocumentResult) -> api.DocumentResult:
        kept = real_add(doc)
        after_add.append(spool.file.tell())
        return kept

    monkeypatch.setattr(pipeline, "_check_essay", observed_check_essay)
    api.check([str(FIXTURE)], config=load_config(), offline=True, jobs=1, on_document=observed_add)
    assert len(written_at_start) == len(after_add) >= 3
    # When essay k+1 starts being checked, essay k's block is already in the output.
    assert written_at_start[1:] == after_add[:-1]
    assert written_at_start[0] == 0 and after_add[-1] > 0
    assert len(set(after_add)) > 1  # blocks were written at different essays, not all at the end
