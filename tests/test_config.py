from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import KEYS, load_config
from citecheck.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.path is None
    assert config.get("fail-on") == "error"
    assert config.get("bibliography") == []


def test_citecheck_toml_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text('fail-on = "warning"\nbibliography = ["refs.bib"]\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(nested)
    assert config.path == tmp_path / "citecheck.toml"
    assert config.get("fail-on") == "warning"
    assert config.get("bibliography") == ["refs.bib"]


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.citecheck]\nfail-on = "never"\n'
                                             '[tool.citecheck.severity]\nclaim-uncited = "off"\n')
    config = load_config(tmp_path)
    assert config.get("fail-on") == "never"
    assert config.get("severity") == {"claim-uncited": "off"}


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config(tmp_path).path is None


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text('fail-on = "error"\nfial-on = "warning"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = info.value.render()
    assert "citecheck.toml:2" in message and "fial-on" in message


@pytest.mark.parametrize(
    "text, needle",
    [
        ('fail-on = "sometimes"\n', "fail-on"),
        ('offline = "yes"\n', "offline"),
        ('jobs = -3\n', "jobs"),
        ('[severity]\nno-such-rule = "error"\n', "no-such-rule"),
        ('[severity]\nclaim-uncited = "loud"\n', "claim-uncited"),
        ('fail-on = \n', "invalid TOML"),
    ],
)
def test_bad_values(tmp_path: Path, text: str, needle: str) -> None:
    (tmp_path / "citecheck.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert needle in info.value.render()
    assert str(tmp_path / "citecheck.toml") in info.value.render()


def test_flags_override_file(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text('fail-on = "warning"\n')
    config = load_config(tmp_path)
    config.override(fail_on="info", offline=None)
    assert config.get("fail-on") == "info"
    assert config.get("offline") is False


def test_every_key_documented() -> None:
    assert all(key.doc for key in KEYS.values())


def test_configuration_doc_is_generated_from_the_registry() -> None:
    from citecheck.config_docs import render_docs

    doc = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
    assert doc.read_text(encoding="utf-8") == render_docs(), "run: python -m citecheck.config > docs/configuration.md"


def test_init_starter_is_valid(tmp_path: Path) -> None:
    from citecheck.config_docs import render_starter

    (tmp_path / "citecheck.toml").write_text(render_starter(), encoding="utf-8")
    config = load_config(tmp_path)
    assert config.get("fail-on") == "error"


def test_hedge_tolerance_table(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text("[hedge-tolerance]\nabout = [-0.5, 0.5]\n")
    assert load_config(tmp_path).get("hedge-tolerance") == {"about": (-0.5, 0.5)}
    (tmp_path / "citecheck.toml").write_text("[hedge-tolerance]\nabout = [0.1, 0.5]\n")
    with pytest.raises(ConfigError, match="hedge-tolerance.about"):
        load_config(tmp_path)
    (tmp_path / "citecheck.toml").write_text("[hedge-tolerance]\nkinda = [-0.1, 0.1]\n")
    with pytest.raises(ConfigError, match="kinda"):
        load_config(tmp_path)


def test_hedge_tolerance_changes_the_verdict(tmp_path: Path) -> None:
    import citecheck

    (tmp_path / "speech.txt").write_text("The report ran to 20,000 words in all.\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@misc{speech, author = {Khrushchev, Nikita}, title = {Report}, year = {1956}, file = {speech.txt}}\n",
        encoding="utf-8")
    (tmp_path / "essay.md").write_text("The report ran to about 26,000 words in all [@speech].\n", encoding="utf-8")

    def rules(config_text: str) -> set[str]:
        (tmp_path / "citecheck.toml").write_text(config_text, encoding="utf-8")
        report = citecheck.check([tmp_path / "essay.md"], config=load_config(tmp_path), offline=True)
        return {f.rule for f in report.findings()}

    assert "number-mismatch" in rules("")
    assert "number-mismatch" not in rules("[hedge-tolerance]\nabout = [-0.3, 0.3]\n")
    assert "number-mismatch" in rules("")  # the default comes back after the run


def test_explicit_file_may_use_the_pyproject_layout(tmp_path: Path) -> None:
    # `grade --help` names `[tool.citecheck.rubric]`; `--config rubric.toml` with that table must work.
    rubric = tmp_path / "rubric.toml"
    rubric.write_text("[tool.citecheck]\nfail-on = \"warning\"\n\n[tool.citecheck.rubric]\nbase = 50\n",
                      encoding="utf-8")
    config = load_config(explicit=rubric)
    assert config.get("rubric") == {"base": 50} and config.get("fail-on") == "warning"
    top = tmp_path / "top.toml"
    top.write_text("[rubric]\nbase = 40\n", encoding="utf-8")
    assert load_config(explicit=top).get("rubric") == {"base": 40}
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[tool.citecheck]\nnope = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'nope'"):
        load_config(explicit=wrong)


def test_grade_takes_a_rubric_file_in_the_pyproject_layout(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    essay = tmp_path / "alice.md"
    essay.write_text("# Alice\n\nA plain sentence about the weather.\n", encoding="utf-8")
    rubric = tmp_path / "rubric.toml"
    rubric.write_text("[tool.citecheck.rubric]\nbase = 50\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(essay), "-o", str(tmp_path / "g"), "--offline", "-q",
                                       "--config", str(rubric)])
    assert result.exit_code == 0, result.output
    assert "unknown key" not in result.output
    assert (tmp_path / "g" / "grades.csv").is_file()


def test_show_settings_names_the_file_that_set_a_renamed_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 12: the old `jobs` key is read as `max-connections`; --show-settings must say it came
    # from the file (under its old name), not that 4 is the default.
    from click.testing import CliRunner

    from citecheck.cli import main

    (tmp_path / "pyproject.toml").write_text("[tool.citecheck]\njobs = 4\n", encoding="utf-8")
    (tmp_path / "essay.md").write_text("A plain sentence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.origin("max-connections") == f"{tmp_path / 'pyproject.toml'}:2 (as `jobs`)"
    result = CliRunner().invoke(main, ["check", "--show-settings", "essay.md"], catch_exceptions=False)
    line = next(x for x in result.stdout.splitlines() if x.startswith("max-connections"))
    assert "= 4" in line and "pyproject.toml:2 (as `jobs`)" in line and "default" not in line


def test_show_settings_of_a_directory_lists_each_essay_and_its_own_reference_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `--show-settings posts/` printed one block for the directory ("library: unknown … is a
    # directory"), and an essay using its own Works Cited list said "library: none found".
    from click.testing import CliRunner

    from citecheck.cli import main

    (tmp_path / "posts" / "a").mkdir(parents=True)
    (tmp_path / "posts" / "a" / "citecheck.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    (tmp_path / "posts" / "a" / "one.md").write_text(
        "It froze in 1895 (Grant 3).\n\n## Works Cited\n\nGrant, Lucy. *Frost*. Penguin, 2010.\n", encoding="utf-8")
    (tmp_path / "posts" / "two.md").write_text("A plain sentence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "--show-settings", "posts"], catch_exceptions=False).stdout
    heads = [line for line in out.splitlines() if line.startswith(("# settings for", "# configuration file", "# library"))]
    assert heads[0] == "# settings for posts/a/one.md" and heads[3] == "# settings for posts/two.md"
    assert heads[1].endswith("posts/a/citecheck.toml")
    assert heads[2].startswith("# library: the essay's own reference list (1 entry)")
    assert heads[5].startswith("# library: none found")
