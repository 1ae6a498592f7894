"""Issue 10: citecheck behaves like the linters people already run (ruff, Vale, lychee).

Each numbered item of the issue has a test here, through click's CliRunner or a real
subprocess (for signals and TTY-less progress). Web sources are real loopback servers.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import Reply, Server, html_page

from citecheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "secret-speech.md"
BIB = ROOT / "references.bib"
SRC = ROOT / "src"

BIB_TEXT = """\
@book{taubman2003,
  author    = {Taubman, William},
  title     = {Khrushchev: The Man and His Era},
  publisher = {W. W. Norton},
  year      = {2003},
  pagetotal = {876},
}
"""


def run(*args: str, input: str | bytes | None = None, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def example(*extra: str) -> tuple[int, str, str]:
    return run("check", str(EXAMPLE), "--bib", str(BIB), "--offline", *extra)


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


# --------------------------------------------------------------------------- 1. exit codes, SIGINT


@pytest.fixture
def stalled() -> Server:
    """An origin whose page never arrives within the test: a run citing it is in flight."""
    server = Server({"/stall": lambda seen, srv: Reply(200, {"Content-Type": "text/html"},
                                                     html_page("late", ["late"]), delay=30.0)})
    yield server
    server.close()


def test_sigint_exits_130_and_leaves_no_half_written_output(tmp_path: Path, stalled: Server) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(f"The speech was read out in 1956 ([source]({stalled.url('/stall')})).\n", encoding="utf-8")
    out = tmp_path / "report.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "citecheck.cli", "check", str(essay), "--allow-private", "--output", f"json:{out}",
         "--cache-dir", str(tmp_path / "cache")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env=subprocess_env(CITECHECK_STATUS_INTERVAL="0.1"))
    try:
        # The status line says the run is under way (past start-up, Python's SIGINT handler in place).
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert first.startswith("citecheck: "), first
        while stalled.hits("/stall") == 0:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "citecheck: interrupted" in err and "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob(".report.json.*"))  # no temporary file left behind either


def test_outputs_are_written_whole(tmp_path: Path) -> None:
    from citecheck.report import write_atomic

    target = tmp_path / "r.sarif"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.sarif"]


# --------------------------------------------------------------------------- 2. formats and verbosity


def test_concise_format_one_line_per_finding_then_summary() -> None:
    code, out, _ = example("--format", "concise")
    assert code == 1
    lines = out.splitlines()
    pattern = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|info) ([a-z-]+) (.+)$")
    findings = [pattern.match(line) for line in lines[:-1]]
    assert all(findings) and len(findings) >= 5, lines
    keys = [(m.group(1), int(m.group(2)), int(m.group(3))) for m in findings]  # type: ignore[union-attr]
    assert keys == sorted(keys)
    assert {"citation-undefined", "citation-year-mismatch"} <= {m.group(5) for m in findings}  # type: ignore[union-attr]
    assert lines[-1].startswith(f"{sum(m.group(4) == 'error' for m in findings)} errors")  # type: ignore[union-attr]
    code, out2, _ = example("--output-format", "concise", "-q")
    assert out2.splitlines() == lines[:-1]  # -q: findings only


def test_claims_only_with_show_claims_and_qq_prints_nothing() -> None:
    _, plain, _ = example("--color", "never")
    assert "claims with citations" not in plain and "citation-undefined" in plain
    _, verbose, _ = example("--color", "never", "-v")
    assert "claims with citations" in verbose and "contradicted" in verbose
    _, verbose2, _ = example("--color", "never", "--show-claims")
    assert verbose2 == verbose
    _, quiet, _ = example("--color", "never", "-q")
    assert "citation-undefined" in quiet and " in 1 file" not in quiet
    code, silent, err = example("-qq")
    assert code == 1 and silent == "" and err == ""


@pytest.mark.parametrize("args, env, coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {}, False),  # not a TTY
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
])
@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_color_choice_and_environment(args: list[str], env: dict[str, str], coloured: bool, fmt: str) -> None:
    env = {"NO_COLOR": None, "FORCE_COLOR": None, **env}  # type: ignore[dict-item]
    _, out, _ = run("check", str(EXAMPLE), "--bib", str(BIB), "--offline", "--format", fmt, *args, env=env)
    assert ("\x1b[" in out) == coloured


# --------------------------------------------------------------------------- 3. rule selection


def _rules(out: str) -> set[str]:
    return {line.split()[2] for line in out.splitlines()[:-1]}


def test_select_ignore_prefixes_on_the_command_line() -> None:
    _, everything, _ = example("--format", "concise")
    all_rules = _rules(everything)
    _, out, _ = example("--format", "concise", "--select", "citation-")
    assert _rules(out) == {r for r in all_rules if r.startswith("citation-")}
    _, out, _ = example("--format", "concise", "--select", "citation", "--ignore", "citation-undefined")
    assert _rules(out) == {r for r in all_rules if r.startswith("citation-")} - {"citation-undefined"}
    # A rule name is more specific than a prefix: selected although its family is ignored.
    _, out, _ = example("--format", "concise", "--ignore", "citation-", "--extend-select", "citation-undefined")
    assert "citation-undefined" in _rules(out) and "citation-year-mismatch" not in _rules(out)
    _, out, _ = example("--format", "concise", "--extend-ignore", "reference-,claim-uncited")
    assert _rules(out) == {r for r in all_rules if not r.startswith("reference-") and r != "claim-uncited"}


def test_config_layer_then_command_line_layer(tmp_path: Path) -> None:
    from citecheck.selection import RuleSelection, resolve_rules

    names = resolve_rules([RuleSelection.of(["quote-"]), RuleSelection.of(extend_select=["link-dead"])])
    assert names == {"quote-not-found", "quote-altered", "link-dead"}
    names = resolve_rules([RuleSelection.of(["quote-"]), RuleSelection.of(["link-dead"])])
    assert names == {"link-dead"}  # a select on the command line replaces the file's
    names = resolve_rules([RuleSelection.of(["ALL"], ignore=["quote-"])])
    assert "quote-altered" not in names and "link-dead" in names
    names = resolve_rules([RuleSelection.of(["quote-altered"], ignore=["quote-"])])
    assert names == {"quote-altered"}


def test_per_file_ignores_with_globs(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "drafts").mkdir()
    text = "The speech ran to four hours (Smith 1999).\n"
    (tmp_path / "posts" / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "drafts" / "b.md").write_text(text, encoding="utf-8")
    (tmp_path / "references.bib").write_text(BIB_TEXT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nbibliography = ["references.bib"]\n\n'
        '[tool.citecheck.per-file-ignores]\n"drafts/**" = ["citation-"]\n', encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "posts"), str(tmp_path / "drafts"), "--offline", "--format",
                         "concise", "--select", "citation-undefined")
    assert code == 1, err
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [str(tmp_path / "posts" / "a.md")]


def test_unknown_rule_names_get_a_suggestion(tmp_path: Path) -> None:
    code, _, err = example("--select", "quote-alterd")
    assert code == 2 and "did you mean 'quote-altered'?" in err and err.count("\n") == 1
    code, _, err = run("rules", "citation-undefind")
    assert code == 2 and err == "citecheck: error: unknown rule 'citation-undefind' (did you mean 'citation-undefined'?)\n"
    config = tmp_path / "citecheck.toml"
    for body in ('ignore = ["link-ded"]\n', '[severity]\nlink-ded = "off"\n', '[per-file-ignores]\n"a.md" = ["link-ded"]\n'):
        config.write_text(body, encoding="utf-8")
        code, _, err = example("--config", str(config))
        assert code == 2 and "did you mean 'link-dead'?" in err, err
        assert err.startswith(f"citecheck: error: {config}:")
    config.unlink()  # the essay below would otherwise use that (invalid) closest configuration
    essay = tmp_path / "e.md"
    essay.write_text("It ran to four hours. <!-- citecheck: ignore claim-uncitd -->\n", encoding="utf-8")
    _, out, _ = run("check", str(essay), "--offline", "--format", "concise")
    assert "suppression-unused" in out and "did you mean 'claim-uncited'?" in out


# --------------------------------------------------------------------------- 4. stdin


def test_stdin_with_stdin_filename_picks_format_config_and_library(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "posts").mkdir(parents=True)
    (repo / "lib.bib").write_text(BIB_TEXT, encoding="utf-8")
    (repo / "citecheck.toml").write_text('bibliography = ["lib.bib"]\n', encoding="utf-8")
    essay = "# Title\n\nThe thaw began that spring (Taubman 2003, p. 900).\n"
    code, out, _err = run("check", "-", "--stdin-filename", str(repo / "posts" / "new.md"), "--offline",
                         "--format", "json", "--select", "citation-", input=essay)
    data = json.loads(out)
    doc = data["documents"][0]
    assert doc["path"] == str(repo / "posts" / "new.md") and doc["format"] == "markdown"
    assert doc["bibliography"] == [str(repo / "lib.bib")]
    assert [f["rule"] for f in doc["findings"]] == ["citation-page-out-of-range"]
    assert code == 1 and doc["findings"][0]["span"]["line"] == 3


def test_stdin_without_a_name_and_errors() -> None:
    code, out, _ = run("check", "-", "--offline", "--format", "concise", "--select", "claim-uncited",
                       input="In 1956 Khrushchev spoke for four hours to 1,436 delegates in Moscow.\n")
    assert out.startswith("-:1:1: warning claim-uncited")
    code, _, err = run("check", "-", "-", input="x")
    assert code == 2 and err.startswith("citecheck: error: ")
    code, _, err = run("check", str(EXAMPLE), "--stdin-filename", "a.md")
    assert code == 2 and "--stdin-filename" in err


# --------------------------------------------------------------------------- 5. hierarchical config


@pytest.fixture
def repo_outside(tmp_path: Path) -> tuple[Path, Path]:
    """repo/pyproject.toml names the library; the run starts in another directory."""
    repo = tmp_path / "repo"
    (repo / "posts").mkdir(parents=True)
    (repo / "bib").mkdir()
    (repo / "bib" / "main.bib").write_text(BIB_TEXT, encoding="utf-8")
    (repo / "pyproject.toml").write_text('[project]\nname = "blog"\n\n[tool.citecheck]\nbibliography = ["bib/main.bib"]\n'
                                         'fail-on = "warning"\n', encoding="utf-8")
    (repo / "posts" / "a.md").write_text("The speech was long (Taubman 2003).\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return repo, elsewhere


def test_each_essay_uses_the_closest_config(repo_outside: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, elsewhere = repo_outside
    monkeypatch.chdir(elsewhere)
    _code, out, _err = run("check", str(repo / "posts" / "a.md"), "--offline", "--format", "json")
    doc = json.loads(out)["documents"][0]
    assert doc["bibliography"] == [str(repo / "bib" / "main.bib")]
    assert not [f for f in doc["findings"] if f["rule"] == "citation-undefined"]


def test_config_option_overrides_and_no_library_is_one_clear_finding(
        repo_outside: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, elsewhere = repo_outside
    monkeypatch.chdir(elsewhere)
    (elsewhere / "empty.toml").write_text("", encoding="utf-8")
    code, out, _ = run("check", str(repo / "posts" / "a.md"), "--offline", "--format", "json",
                       "--config", str(elsewhere / "empty.toml"))
    findings = json.loads(out)["documents"][0]["findings"]
    missing = [f for f in findings if f["rule"] == "library-not-found"]
    assert len(missing) == 1 and code == 1
    assert "searched" in missing[0]["message"] and str(repo / "posts" / "references.bib") in missing[0]["message"]
    assert "empty.toml sets no `bibliography`" in missing[0]["message"]


def test_show_settings_says_where_each_value_came_from(repo_outside: tuple[Path, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    repo, elsewhere = repo_outside
    monkeypatch.chdir(elsewhere)
    code, out, _ = run("check", "--show-settings", str(repo / "posts" / "a.md"), "--offline", "--ignore", "link-")
    assert code == 0
    pyproject = (repo / "pyproject.toml").resolve()
    lines = {line.split("=")[0].strip(): line for line in out.splitlines() if not line.startswith("#")}
    assert lines["bibliography"].endswith(f"# {pyproject}:5")
    assert lines["fail-on"].endswith(f"# {pyproject}:6")
    assert lines["offline"].rstrip().endswith("# command line")
    assert lines["timeout"].rstrip().endswith("# default")
    assert f"# configuration file: {pyproject}" in out
    assert "link-dead" not in out.split("# rules enabled")[1] and "quote-altered" in out
    assert f"# library: {repo / 'bib' / 'main.bib'}" in out


# --------------------------------------------------------------------------- 6. --no-offline, fetch, baseline


def test_no_offline_overrides_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "citecheck.toml").write_text("offline = true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run("check", "--show-settings", str(EXAMPLE))
    assert re.search(r"^offline\s+= true", out, re.MULTILINE)
    _, out, _ = run("check", "--show-settings", str(EXAMPLE), "--no-offline")
    assert re.search(r"^offline\s+= false\s+# command line", out, re.MULTILINE)


def test_fetch_ignores_offline_config_and_exits_1_when_a_source_is_not_recorded(tmp_path: Path) -> None:
    server = Server({"/ok": lambda seen, srv: Reply(200, {"Content-Type": "text/html"},
                                                  html_page("ok", ["The speech was read in 1956."])),
                     "/gone": lambda seen, srv: Reply(404, {"Content-Type": "text/plain"}, b"gone")})
    try:
        essay = tmp_path / "e.md"
        essay.write_text(f"It was read in 1956 ([a]({server.url('/ok')})).\n\nIt was long ([b]({server.url('/gone')})).\n",
                         encoding="utf-8")
        (tmp_path / "citecheck.toml").write_text(
            f'offline = true\nallow-private = true\ncache-dir = "{tmp_path / "cache"}"\n'
            f'archive-availability-url = "{server.url("/none")}"\narchive-cdx-url = "{server.url("/none")}"\n',
            encoding="utf-8")
        code, _, err = run("fetch", str(essay), "--config", str(tmp_path / "citecheck.toml"),
                           "--snapshots", str(tmp_path / "snap"))
        assert code == 1, err
        assert server.hits("/ok") == 1  # offline = true did not block the fetch
        assert "1 source could not be recorded" in err and f"dead: {server.url('/gone')}" in err
    finally:
        server.close()


def test_write_baseline_exits_0(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, err = example("--write-baseline", str(baseline), "-q")
    assert code == 0 and baseline.is_file() and "wrote" in err
    code, out, _ = example("--baseline", str(baseline), "--format", "concise")
    assert code == 0 and out.startswith("0 errors")


# --------------------------------------------------------------------------- 7. one error style


@pytest.mark.parametrize("args", [
    ["check", str(EXAMPLE), "--ignor", "x"],
    ["check"],
    ["check", str(EXAMPLE), "--format", "xml"],
    ["chek", str(EXAMPLE)],
    ["check", str(EXAMPLE), "--bib", "missing.bib"],
    ["check", str(EXAMPLE), "--config", "missing.toml"],
])
def test_errors_one_style_once_on_stderr(args: list[str]) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.startswith("citecheck: error: ") and err.count("\n") == 1, err
    assert "Error:" not in err and "Usage:" not in err


def test_click_suggestions_are_kept() -> None:
    _, _, err = run("check", str(EXAMPLE), "--ignor", "x")
    assert "(did you mean" in err and "'--ignore'" in err and "citecheck check --help" in err
    _, _, err = run("chek")
    assert "did you mean 'check'?" in err.lower()


# --------------------------------------------------------------------------- 9. counts, order, init


def test_text_and_json_summaries_agree() -> None:
    _, text, _ = example("--color", "never")
    _, out, _ = example("--format", "json")
    summary = json.loads(out)["summary"]
    line = text.splitlines()[-1]
    assert line.startswith(f"{summary['errors']} errors, {summary['warnings']} warnings, {summary['infos']} info "
                           f"in {summary['documents']} file")
    verdicts = {v.replace(" ", "_"): int(n) for n, v in re.findall(r"(\d+) ([a-z ]+?)(?:,|$)",
                                                                          line.split("cited claims: ")[1])}
    assert verdicts == summary["verdicts"] and sum(verdicts.values()) == summary["cited_claims"]


def test_findings_sorted_in_every_format() -> None:
    _, out, _ = example("--format", "json")
    for doc in json.loads(out)["documents"]:
        keys = [(f["span"]["line"], f["span"]["column"]) for f in doc["findings"]]
        assert keys == sorted(keys)
    _, out, _ = example("--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    keys = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
    assert keys == sorted(keys)
    _, out, _ = example("--color", "never")
    lines = [int(m.group(1)) for m in re.finditer(r"^  (\d+):\d+ ", out, re.MULTILINE)]
    assert lines  # per file, in line order
    # the essay's findings come after its header in ascending line order
    essay_part = out.split(str(EXAMPLE))[1]
    essay_lines = [int(m.group(1)) for m in re.finditer(r"^  (\d+):\d+ ", essay_part, re.MULTILINE)]
    assert essay_lines == sorted(essay_lines)


def test_init_is_generated_from_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.claims import WORTHINESS_THRESHOLD
    from citecheck.config import KEYS

    monkeypatch.chdir(tmp_path)
    code, _, _ = run("init")
    text = (tmp_path / "citecheck.toml").read_text(encoding="utf-8")
    assert code == 0
    assert f"# worthiness-threshold = {WORTHINESS_THRESHOLD}" in text
    for name, key in KEYS.items():
        if key.type != "table":
            assert re.search(rf"^#? ?{re.escape(name)} = ", text, re.MULTILINE), name


# --------------------------------------------------------------------------- 11. progress


def test_status_line_every_interval_off_a_tty() -> None:
    import io

    from citecheck.progress import RunProgress

    stream = io.StringIO()
    progress = RunProgress(stream=stream, tty=False, interval=10.0)
    progress.stage("read", 3, 200)
    progress.source("https://example.org/", type("S", (), {"status": "live"})())
    start = progress.started
    assert not progress.tick(start + 9.9)
    assert progress.tick(start + 10.0)
    assert not progress.tick(start + 15.0)
    assert progress.tick(start + 20.5)
    assert stream.getvalue().splitlines() == [
        "citecheck: 3/200 essays read, 1 source fetched, 0:00:10 elapsed",
        "citecheck: 3/200 essays read, 1 source fetched, 0:00:20 elapsed",
    ]


def test_rich_bar_on_a_tty_counts_essays_and_sources() -> None:
    import io

    from citecheck.progress import RunProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with RunProgress(stream=Terminal()) as progress:
        progress.stage("read", 0, 4)
        progress.stage("read", 4, 4)
        progress.stage("check", 2, 4)
        progress.source("https://example.org/a", type("S", (), {"status": "live"})())
        tasks = {t.id: t for t in progress._bar.tasks}
        assert (tasks[progress._essays].completed, tasks[progress._essays].total) == (2, 4)
        assert tasks[progress._fetched].completed == 1
        assert tasks[progress._essays].description == "essays checked"


def test_quiet_runs_print_no_status(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "citecheck.cli", "check", str(EXAMPLE), "--bib", str(BIB),
                           "--offline", "-q"], check=False, capture_output=True, text=True, cwd=tmp_path,
                          env=subprocess_env(CITECHECK_STATUS_INTERVAL="0"), timeout=120)
    assert proc.returncode == 1 and proc.stderr == ""


# --------------------------------------------------------------------------- 8. dead means gone


def test_nxdomain_is_dead_only_when_the_resolver_answers_other_names(tmp_path: Path) -> None:
    from citecheck.sources.http import DNS_CANARIES, Fetcher, FetchOptions, NameNotResolved

    asked: list[str] = []

    def working(host: str) -> list[str]:
        asked.append(host)
        if host in DNS_CANARIES:
            return ["93.184.216.34"]
        raise NameNotResolved(f"DNS lookup for {host} failed: Name or service not known", True)

    def down(host: str) -> list[str]:
        raise NameNotResolved(f"DNS lookup for {host} failed: Name or service not known", True)

    with Fetcher(FetchOptions(cache_dir=tmp_path / "a", resolver=working)) as fetcher:
        gone = fetcher.fetch("https://no-such-host.example.org/page")
        again = fetcher.fetch("https://another-missing.example.org/")
    assert gone.error == "dead" and again.error == "dead"
    assert asked.count(DNS_CANARIES[0]) == 1  # the resolver is probed once per run, not per link
    with Fetcher(FetchOptions(cache_dir=tmp_path / "b", resolver=down)) as fetcher:
        offline = fetcher.fetch("https://no-such-host.example.org/page")
    assert offline.error == "unreachable" and "network down" in offline.reason


def test_only_404_and_410_make_a_link_dead(tmp_path: Path) -> None:
    def status(code: int):
        return lambda seen, srv: Reply(code, {"Content-Type": "text/plain"}, b"no")

    server = Server({"/gone": status(410), "/missing": status(404), "/broken": status(500),
                     "/forbidden": status(403)})
    try:
        lines = [f"Claim {i} happened in 1956 ([s]({server.url(path)}))." for i, path in
                 enumerate(["/gone", "/missing", "/broken", "/forbidden"])]
        essay = tmp_path / "e.md"
        essay.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / "citecheck.toml").write_text(
            f'allow-private = true\ncache-dir = "{tmp_path / "cache"}"\n'
            f'archive-availability-url = "{server.url("/none")}"\narchive-cdx-url = "{server.url("/none")}"\n'
            f'archive-web-url = "{server.url("/none")}"\n', encoding="utf-8")
        code, out, err = run("check", str(essay), "--format", "concise", "--select", "link-dead,source-unreachable")
        assert code == 1, out + err
        found = {int(line.split(":")[1]): line.split()[2] for line in out.splitlines()[:-1]}
        assert found == {1: "link-dead", 3: "link-dead", 5: "source-unreachable", 7: "source-unreachable"}, out + err
    finally:
        server.close()


@pytest.mark.parametrize("command", ["check", "fetch", "rules", "init", "bib", "bib check", "grade"])
def test_help_has_examples(command: str) -> None:
    code, out, _ = run(*command.split(), "--help")
    assert code == 0
    examples = out.split("Examples:")[1].split("Options:")[0]
    assert examples.count(f"citecheck {command}") >= 2 or (command == "fetch" and "citecheck fetch" in examples)


# --------------------------------------------------------------------------- library logs stay off the terminal


def test_a_broken_pdf_essay_prints_our_error_only(tmp_path: Path) -> None:
    # pypdf logs "EOF marker not found"; with no logging set up Python would print it on stderr.
    essay = tmp_path / "bad.pdf"
    essay.write_bytes(b"%PDF-1.4\ngarbage\n")
    proc = subprocess.run([sys.executable, "-m", "citecheck.cli", "check", str(essay), "--offline",
                           "--cache-dir", str(tmp_path / "cache")],
                          capture_output=True, text=True, check=False, env=subprocess_env(), cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("citecheck: ") for line in lines), proc.stderr
    assert "cannot read the PDF" in proc.stderr and "EOF marker" not in proc.stderr
