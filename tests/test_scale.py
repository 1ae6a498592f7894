# ruff: noqa: F811  (the redis_url fixture is imported, then requested by name)
"""Beyond one process: a shared Redis cache (a real redis-server) and a Dask cluster (LocalCluster
with two worker processes) give the same report as one process, and no page is fetched twice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from redis_server import free_port, redis_url  # noqa: F401 - a fixture, requested by name
from servers import recording_origin

from citecheck.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"
ARTICLE = ("<html><head><title>Harbour</title></head><body><article><h1>The harbour wall</h1>"
           "<p>The council met on 3 March 1911 to discuss the new harbour wall.</p>"
           "<p>The engineer reported that the wall would be 420 metres long and would cost 9,000 pounds.</p>"
           "</article></body></html>")


def _free_port() -> int:
    return free_port()


@pytest.fixture
def site() -> Iterator[tuple[HTTPServer, list[str]]]:
    """An origin that serves one article and records every request that reaches it."""
    with recording_origin("/harbour", ARTICLE) as origin:
        yield origin


def _essays(folder: Path, url: str, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"post{i:02d}.md").write_text(
            f"# Post {i}\n\nThe engineer said the wall would be {400 + 10 * i} metres long "
            f"([the council's record]({url})).\n", encoding="utf-8")


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, _without_status(result.stderr)


def _unstamped(result: tuple[int, str, str]) -> tuple[int, dict, str]:
    import json

    report = json.loads(result[1])
    for source in report["sources"]:
        source.pop("fetched_at")
    return result[0], report, result[2]


def _without_status(stderr: str) -> str:
    """stderr without the progress status line a run prints every 10 s off a TTY (timing, not output)."""
    return "".join(line for line in stderr.splitlines(keepends=True)
                   if not (line.startswith("citecheck: ") and line.rstrip().endswith(" elapsed")))


def test_redis_cache_is_shared_by_runs_with_different_cache_dirs(tmp_path: Path, redis_url: str,
                                                                  site: tuple[HTTPServer, list[str]],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    server, seen = site
    url = server.url_for("/harbour")
    _essays(tmp_path / "posts", url, 4)
    monkeypatch.chdir(tmp_path)
    common = ["posts", "--allow-private", "--format", "json", "--cache-url", redis_url, "--jobs", "2"]
    _, first, _ = _check(*common, "--cache-dir", str(tmp_path / "cache-a"), "--shard", "1/2")
    _, second, _ = _check(*common, "--cache-dir", str(tmp_path / "cache-b"), "--shard", "2/2")
    assert seen == ["/harbour"]  # the second shard (another cache directory) read it from Redis
    assert '"status": "live"' in first and '"status": "live"' in second
    # Offline, with yet another empty cache directory: Redis still has the page.
    _, third, _ = _check("posts", "--offline", "--allow-private", "--format", "json", "--cache-url", redis_url,
                             "--cache-dir", str(tmp_path / "cache-c"), "--jobs", "1")
    assert seen == ["/harbour"] and '"status": "live"' in third and "number-mismatch" in third
    # Without Redis, that directory has nothing: the same run cannot verify the link.
    _, alone, _ = _check("posts", "--offline", "--allow-private", "--format", "json",
                         "--cache-dir", str(tmp_path / "cache-c"))
    assert '"status": "live"' not in alone


def test_unreachable_redis_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            site: tuple[HTTPServer, list[str]]) -> None:
    server, _ = site
    _essays(tmp_path / "posts", server.url_for("/harbour"), 1)
    monkeypatch.chdir(tmp_path)
    code, _, err = _check("posts", "--allow-private", "--cache-url", f"redis://127.0.0.1:{_free_port()}/0")
    assert code == 2 and "cannot reach the cache" in err and "Traceback" not in err
    code, _, err = _check("posts", "--cache-url", "memcached://127.0.0.1:1/")
    assert code == 2 and "not a Redis URL" in err


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A Dask LocalCluster with two worker processes (one thread each)."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    (target / "gitignore").rename(target / ".gitignore")
    posts = sorted((target / "posts").glob("*.md"))
    for i in range(8):
        text = posts[i % len(posts)].read_text(encoding="utf-8")
        (target / "posts" / f"copy{i}.md").write_text(text.replace("420", str(400 + i)), encoding="utf-8")
    monkeypatch.chdir(target)
    return target


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_dask_cluster_gives_the_same_report(repo: Path, dask_scheduler: str, fmt: str) -> None:
    local = _check("posts", "--offline", "--format", fmt, "--jobs", "1")
    remote = _check("posts", "--offline", "--format", fmt, "--scheduler", dask_scheduler)
    assert local[1].count("copy") >= 8
    assert remote == local


def test_dask_work_runs_on_the_workers(dask_scheduler: str) -> None:
    import os

    from citecheck.runner import RunSpec, run_essays

    pids = list(run_essays(_pid, range(6), None, scheduler=dask_scheduler, spec=RunSpec(None), build=_build))
    assert [item for item, _, _ in pids] == list(range(6))
    assert os.getpid() not in {pid for _, pid, _ in pids}
    assert {state for _, _, state in pids} == {"built from spec"}


def test_dask_run_with_redis_fetches_and_extracts_each_page_once(tmp_path: Path, redis_url: str,
                                                                 site: tuple[HTTPServer, list[str]],
                                                                 dask_scheduler: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import zlib

    from redis import Redis

    server, seen = site
    _essays(tmp_path / "posts", server.url_for("/harbour"), 4)  # 400, 410, 420, 430 metres; the page: 420
    monkeypatch.chdir(tmp_path)
    common = ["posts", "--allow-private", "--format", "json", "--cache-url", redis_url]
    remote = _check(*common, "--cache-dir", str(tmp_path / "cache-a"), "--scheduler", dask_scheduler)
    assert seen == ["/harbour"]  # the driver fetched it once; both workers read it from Redis
    local = _check(*common, "--cache-dir", str(tmp_path / "cache-b"), "--jobs", "1")
    # The same report but for when the page was received (live in the first run, cached here).
    assert _unstamped(remote) == _unstamped(local) and seen == ["/harbour"]
    # The workers check against the text in Redis, not one they extract again: alter it.
    redis = Redis.from_url(redis_url)
    [key] = redis.keys("citecheck-texts:*")
    altered = "The engineer reported that the wall would be 400 metres long."
    redis.set(key, zlib.compress(json.dumps({"text": altered, "pages": None}).encode()), keepttl=True)
    _, again, _ = _check(*common, "--cache-dir", str(tmp_path / "cache-c"), "--scheduler", dask_scheduler)
    mismatched = [d["path"] for d in json.loads(again)["documents"]
                  if any(f["rule"] == "number-mismatch" for f in d["findings"])]
    assert mismatched == ["posts/post01.md", "posts/post02.md", "posts/post03.md"] and seen == ["/harbour"]


def test_unreachable_scheduler_is_a_clear_error(repo: Path) -> None:
    code, _, err = _check("posts", "--offline", "--scheduler", f"tcp://127.0.0.1:{_free_port()}")
    assert code == 2 and "Dask scheduler" in err and "Traceback" not in err


def _pid(item: int, state: str) -> tuple[int, int, str]:
    import os

    return item, os.getpid(), state


def _build(spec: object) -> str:
    return "built from spec"


@pytest.mark.parametrize("address", ["foo", "tcp://127.0.0.1"])
def test_scheduler_that_is_not_an_address_is_a_clear_error(repo: Path, address: str) -> None:
    # `--scheduler foo` used to end in distributed's ValueError traceback with exit code 1
    code, _, err = _check("posts", "--offline", "--scheduler", address)
    assert code == 2 and "not a Dask scheduler address" in err and "Traceback" not in err
