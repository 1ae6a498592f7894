"""Essays checked in a process pool: the same bytes as one process, in the same order."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.runner import run_essays, usable_cpus

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"


def _pid_of(item: int, state: object) -> tuple[int, int, object]:
    return item, os.getpid(), state


_WAITED: list[int] = []


def _meet(item: int, barrier: Any) -> tuple[int, int]:
    if not _WAITED:  # each worker's first item waits for the other worker: both must exist
        _WAITED.append(1)
        barrier.wait(timeout=60)
    return item, os.getpid()


def test_pool_keeps_order_and_uses_other_processes() -> None:
    barrier = multiprocessing.get_context("fork").Barrier(2)  # reaches the workers by fork, not pickling
    results = list(run_essays(_meet, range(40), barrier, jobs=2))
    assert [item for item, _ in results] == list(range(40))
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and len(pids) == 2
    assert [r[2] for r in run_essays(_pid_of, range(6), "state", jobs=2)] == ["state"] * 6


def test_one_job_runs_in_this_process() -> None:
    results = list(run_essays(_pid_of, range(5), None, jobs=1))
    assert {pid for _, pid, _ in results} == {os.getpid()}


def test_usable_cpus_is_positive() -> None:
    assert usable_cpus() >= 1


@pytest.mark.parametrize("files, cap", [
    ({"cpu.max": "150000 100000\n"}, 2),            # cgroup v2: 1.5 CPUs, rounded up
    ({"cpu.max": "50000 100000\n"}, 1),
    ({"cpu.max": "max 100000\n"}, None),            # no quota
    ({"cpu/cpu.cfs_quota_us": "100000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({"cpu.max": "garbage\n"}, None),
    ({}, None),
])
def test_usable_cpus_respects_a_cgroup_quota(tmp_path: Path, files: dict[str, str], cap: int | None) -> None:
    # A container limited to 2 CPUs on a large host saw every host CPU, so --jobs defaulted to
    # one worker per host CPU. The cgroup files are written here in the kernel's formats.
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="ascii")
    unlimited = usable_cpus(str(tmp_path / "absent"))
    assert usable_cpus(str(tmp_path)) == (min(unlimited, cap) if cap else unlimited)


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture repository with a dozen more essays, one of them unreadable."""
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    (target / "gitignore").rename(target / ".gitignore")
    posts = sorted((target / "posts").glob("*.md"))
    for i in range(12):
        source = posts[i % len(posts)].read_text(encoding="utf-8")
        (target / "posts" / f"copy{i:02d}.md").write_text(source.replace("1,108", str(1100 + i)), encoding="utf-8")
    (target / "posts" / "broken.md").write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00")
    monkeypatch.chdir(target)
    return target


_STATUS_LINE = re.compile(r"citecheck: \d+/\d+ .* elapsed$")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "markdown"])
def test_output_is_byte_identical_across_jobs(many: Path, fmt: str) -> None:
    runs = []
    for jobs in ("1", "2", "3"):
        result = CliRunner().invoke(main, ["check", "posts", "--offline", "--format", fmt, "--jobs", jobs],
                                    catch_exceptions=False)
        # The status line printed every 10 s off a TTY depends on the machine's speed, not on --jobs.
        stderr = "".join(line for line in result.stderr.splitlines(keepends=True)
                         if not _STATUS_LINE.match(line))
        runs.append((result.exit_code, result.stdout, stderr))
    assert runs[0][1].count("copy") >= 12  # every essay is in the report
    assert runs[1] == runs[0]
    assert runs[2] == runs[0]


def test_renamed_jobs_key_is_read_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "citecheck.toml").write_text("jobs = 3\n", encoding="utf-8")
    (tmp_path / "essay.md").write_text("A plain sentence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from citecheck.config import load_config

    config = load_config()
    assert config.get("max-connections") == 3
    assert any("max-connections" in notice for notice in config.notices)
    result = CliRunner().invoke(main, ["check", "essay.md", "--offline"], catch_exceptions=False)
    assert "`jobs` is now called `max-connections`" in result.stderr
    (tmp_path / "citecheck.toml").write_text("jobs = 3\nmax-connections = 4\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "essay.md", "--offline"], catch_exceptions=False)
    assert result.exit_code == 2 and "both are set" in result.stderr


def _sigint_disposition(item: int, state: object) -> tuple[int, bool]:
    import signal

    return os.getpid(), signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_workers_leave_ctrl_c_to_the_parent() -> None:
    """Ctrl-C reaches the whole process group: workers ignore it (no KeyboardInterrupt traceback
    from each of them); the parent stops the pool and exits 130."""
    import signal

    results = list(run_essays(_sigint_disposition, range(8), None, jobs=2))
    assert all(pid != os.getpid() for pid, _ in results)
    assert all(ignored for _, ignored in results)
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # the parent still takes it


def test_offline_check_without_web_sources_imports_no_http_cache(tmp_path: Path) -> None:
    """requests_cache (and redis with it) cost about a second to import: an offline run that
    cites no web page never needs them, nor do the marker patterns need compiling at import."""
    import subprocess
    import sys

    (tmp_path / "essay.md").write_text("A plain sentence (Smith 2001, 4).\n", encoding="utf-8")
    code = ("import sys\nfrom click.testing import CliRunner\nfrom citecheck.cli import main\n"
            "import citecheck.citations.markers as markers\n"
            "compiled = markers.SEGMENT_RE._pattern is not None\n"
            "CliRunner().invoke(main, ['check', 'essay.md', '--offline', '--jobs', '1'])\n"
            "print('requests_cache' in sys.modules, 'redis' in sys.modules, compiled)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env,
                         check=True)
    assert out.stdout.split() == ["False", "False", "False"], out.stderr


def _two_libraries_one_key(root: Path) -> None:
    """Two folders, each with its own references.bib holding an entry `src` with another text,
    and two students' essays whose own Works Cited lists both make a key `grant2010`."""
    for name, town, year in (("north", "Ashby", "1888"), ("south", "Brill", "1902")):
        folder = root / name
        folder.mkdir()
        (folder / "source.txt").write_text(f"The harbour at {town} was dredged in {year} by the council.\n",
                                           encoding="utf-8")
        (folder / "references.bib").write_text("@misc{src,\n  title = {Harbour},\n  file = {source.txt}\n}\n",
                                               encoding="utf-8")
        (folder / "essay.md").write_text(f"The harbour at {town} was dredged in {year} by the council [@src].\n",
                                         encoding="utf-8")
    (root / "a.md").write_text(
        "The harbour froze in 1895 (Grant 3).\n\n## Works Cited\n\n"
        "Grant, Lucy. \"Frozen Harbour.\" *Northern Review*, 2010, https://example.org/frozen.\n", encoding="utf-8")
    (root / "b.md").write_text(
        "The harbour froze in 1895 (Grant 3).\n\n## Works Cited\n\n"
        "Grant, Lucy. *Harbour Lights*. Penguin, 2010.\n", encoding="utf-8")


def test_same_key_in_two_libraries_is_two_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A source was held per entry key for the whole run, so the second library's `src` (or the
    # second essay's `grant2010`) was checked against the first one's source with --jobs 1, and
    # against its own with --jobs 2: different findings, and wrong ones.
    _two_libraries_one_key(tmp_path)
    monkeypatch.chdir(tmp_path)
    runs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["check", ".", "--offline", "--format", "concise", "--jobs", jobs,
                                           "--cache-dir", str(tmp_path / "cache")], catch_exceptions=False)
        runs.append(result.stdout)
    assert runs[0] == runs[1]
    lines = runs[0].splitlines()
    assert not [x for x in lines if x.startswith(("north/", "south/"))], lines  # each essay matches its own source
    assert any(x.startswith("a.md:") and "source-unreachable" in x for x in lines), lines
    assert any(x.startswith("b.md:") and "source-unverifiable" in x for x in lines), lines


def test_renamed_key_in_an_essays_own_config_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the run's own configuration printed the rename notice: an old `jobs` in the file closest
    # to some of the essays (ruff's rule) was read without a word, whatever the engine.
    for folder in ("a", "b"):
        (tmp_path / "posts" / folder).mkdir(parents=True)
        (tmp_path / "posts" / folder / "essay.md").write_text("A plain sentence.\n", encoding="utf-8")
    (tmp_path / "posts" / "a" / "citecheck.toml").write_text("jobs = 3\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["check", "posts", "--offline", "--jobs", jobs], catch_exceptions=False)
        assert result.exit_code == 0
        notes = [line for line in result.stderr.splitlines() if "is now called `max-connections`" in line]
        assert len(notes) == 1 and "posts/a/citecheck.toml:1" in notes[0], result.stderr
