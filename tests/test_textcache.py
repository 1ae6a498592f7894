# ruff: noqa: F811  (the redis_url fixture is imported, then requested by name)
"""The cache of extracted source texts (sources/textcache.py), beside the HTTP cache.

Every run here is a separate process (the CLI under ``python``), against a real origin on
127.0.0.1 that counts the requests it gets and, for the shared cache, a real redis-server. A run
"extracted nothing" when its process never imported trafilatura, the HTML extractor: the essays
are Markdown, so nothing else imports it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from redis_server import redis_url  # noqa: F401 - a fixture, requested by name
from servers import recording_origin

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("<html><head><title>Harbour</title></head><body><article><h1>The harbour wall</h1>"
           "<p>The council met on 3 March 1911 to discuss the new harbour wall.</p>"
           "<p>The engineer reported that the wall would be 420 metres long and would cost 9,000 pounds.</p>"
           "</article></body></html>")
# What a tampered cache entry says instead: only a text read from the cache can say this.
ALTERED = "The harbour wall\nThe engineer reported that the wall would be 400 metres long and would cost 9,000 pounds."
DAYS = 2  # expire-after-days in the runs' config: the HTTP cache's expiry, and so the texts'

# Runs the CLI in this fresh process, then records whether the HTML extractor was ever imported.
DRIVER = """
import json, sys
from citecheck.cli import main
marker = sys.argv.pop(1)
try:
    main(prog_name="citecheck")
finally:
    with open(marker, "w") as out:
        json.dump({"extracted": "trafilatura" in sys.modules, "pdf": "pypdf" in sys.modules}, out)
"""


@dataclass
class Run:
    code: int
    report: dict
    stdout: str
    stderr: str
    extracted: bool
    pdf_read: bool = False

    def same_report(self, other: Run) -> bool:
        """The same report and exit code, but for when each source was received: a page fetched
        live is stamped when its answer came, its cached copy when the cache stored it."""
        return self.code == other.code and _unstamped(self.report) == _unstamped(other.report)

    def mismatched(self) -> list[str]:
        """The essays with a number-mismatch finding."""
        return [d["path"] for d in self.report["documents"]
                if any(f["rule"] == "number-mismatch" for f in d["findings"])]


@pytest.fixture
def site() -> Iterator[tuple[HTTPServer, list[str]]]:
    """An origin that serves one article and records every request that reaches it."""
    with recording_origin("/harbour", ARTICLE) as origin:
        yield origin


@pytest.fixture
def project(tmp_path: Path, site: tuple[HTTPServer, list[str]]) -> Path:
    """Four essays citing the article: 400, 410, 420 and 430 metres (the article says 420)."""
    server, _ = site
    posts = tmp_path / "posts"
    posts.mkdir()
    for i in range(4):
        (posts / f"post{i}.md").write_text(
            f"# Post {i}\n\nThe engineer said the wall would be {400 + 10 * i} metres long "
            f"([the council's record]({server.url_for('/harbour')})).\n", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(f"expire-after-days = {DAYS}\n", encoding="utf-8")
    return tmp_path


def _unstamped(report: dict) -> dict:
    copy = json.loads(json.dumps(report))
    for source in copy["sources"]:
        source.pop("fetched_at")
    return copy


def _run(project: Path, *args: str, paths: tuple[str, ...] = ("posts",)) -> Run:
    marker = project / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", DRIVER, str(marker), "check", *paths, "--allow-private",
                           "--format", "json", "--jobs", "1", *args],
                          check=False, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    modules = json.loads(marker.read_text(encoding="utf-8"))
    return Run(done.returncode, json.loads(done.stdout), done.stdout, done.stderr, modules["extracted"],
               modules["pdf"])


ORIGINAL = ["posts/post0.md", "posts/post1.md", "posts/post3.md"]  # all but 420 metres
TAMPERED = ["posts/post1.md", "posts/post2.md", "posts/post3.md"]  # all but 400 metres


def _altered_blob() -> bytes:
    return zlib.compress(json.dumps({"text": ALTERED, "pages": None}).encode("utf-8"))


def test_redis_second_process_neither_fetches_nor_extracts(project: Path, redis_url: str,
                                                           site: tuple[HTTPServer, list[str]]) -> None:
    from redis import Redis

    _, seen = site
    first = _run(project, "--cache-url", redis_url, "--cache-dir", str(project / "cache-a"))
    assert seen == ["/harbour"] and first.extracted and first.mismatched() == ORIGINAL
    # Another process with another (empty) cache directory: the page and its text come from Redis.
    second = _run(project, "--cache-url", redis_url, "--cache-dir", str(project / "cache-b"))
    assert seen == ["/harbour"]
    assert not second.extracted
    assert second.same_report(first)
    redis = Redis.from_url(redis_url)
    keys = redis.keys("citecheck-texts:*")
    assert len(keys) == 1
    # The HTTP cache's expiry (expire-after-days), as a TTL on the key.
    assert DAYS * 86400 - 600 < redis.ttl(keys[0]) <= DAYS * 86400
    assert not (project / "cache-b" / "texts.sqlite").exists()  # Redis replaces the SQLite file
    # The text is really the one in Redis: alter it, and a third process checks against that.
    redis.set(keys[0], _altered_blob(), keepttl=True)
    third = _run(project, "--cache-url", redis_url, "--cache-dir", str(project / "cache-c"))
    assert seen == ["/harbour"] and not third.extracted
    assert third.mismatched() == TAMPERED


def test_sqlite_texts_beside_the_http_cache_with_its_expiry(project: Path,
                                                            site: tuple[HTTPServer, list[str]]) -> None:
    _, seen = site
    cache = project / "cache"
    before = time.time()
    first = _run(project, "--cache-dir", str(cache))
    assert seen == ["/harbour"] and first.extracted and first.mismatched() == ORIGINAL
    with sqlite3.connect(cache / "texts.sqlite") as db:
        rows = db.execute("SELECT key, expires FROM texts").fetchall()
    assert len(rows) == 1
    key, expires = rows[0]
    assert before + DAYS * 86400 - 600 < expires <= time.time() + DAYS * 86400
    second = _run(project, "--cache-dir", str(cache))
    assert seen == ["/harbour"] and not second.extracted and second.same_report(first)
    # The stored text is what the next run checks against.
    with sqlite3.connect(cache / "texts.sqlite") as db:
        db.execute("UPDATE texts SET value = ? WHERE key = ?", (_altered_blob(), key))
    assert _run(project, "--cache-dir", str(cache)).mismatched() == TAMPERED
    # An ended entry is not used: the page (still fresh in the HTTP cache) is extracted again.
    with sqlite3.connect(cache / "texts.sqlite") as db:
        db.execute("UPDATE texts SET expires = ? WHERE key = ?", (time.time() - 1, key))
    fourth = _run(project, "--cache-dir", str(cache))
    assert seen == ["/harbour"] and fourth.extracted and fourth.same_report(first)
    with sqlite3.connect(cache / "texts.sqlite") as db:
        assert db.execute("SELECT expires FROM texts WHERE key = ?", (key,)).fetchone()[0] > time.time()


def test_damaged_text_cache_changes_nothing_and_is_replaced(project: Path,
                                                             site: tuple[HTTPServer, list[str]]) -> None:
    _, seen = site
    cache = project / "cache"
    cache.mkdir()
    (cache / "texts.sqlite").write_bytes(b"this is not a database\n" * 100)
    damaged = _run(project, "--cache-dir", str(cache))
    fresh = _run(project, "--cache-dir", str(project / "other"))
    assert damaged.extracted and damaged.mismatched() == ORIGINAL
    assert damaged.same_report(fresh)
    # The damaged file was replaced by a working cache: the next run extracts nothing.
    again = _run(project, "--cache-dir", str(cache))
    assert seen == ["/harbour", "/harbour"] and not again.extracted and again.mismatched() == ORIGINAL


def test_a_local_pdf_is_read_once_for_every_run(tmp_path: Path) -> None:
    """A `file` field's PDF: its text is kept in the same cache, so later runs never parse it."""
    shutil.copy(ROOT / "tests" / "fixtures" / "web" / "paper.pdf", tmp_path / "paper.pdf")
    (tmp_path / "refs.bib").write_text(
        "@report{paper,\n  author = {Doe, Jane},\n  title = {The Congress},\n  year = {1956},\n"
        "  file = {paper.pdf},\n}\n", encoding="utf-8")
    (tmp_path / "essay.md").write_text(
        "# Congress\n\nThe congress had 1,500 voting delegates [@paper, p. 1].\n", encoding="utf-8")
    common = ["--bib", "refs.bib", "--offline", "--cache-dir", str(tmp_path / "cache")]
    first = _run(tmp_path, *common, paths=("essay.md",))
    assert first.pdf_read and first.mismatched() == ["essay.md"]
    second = _run(tmp_path, *common, paths=("essay.md",))
    assert not second.pdf_read and second.same_report(first)
    # The text is the cached one: say 1,500 there, and the claim holds.
    with sqlite3.connect(tmp_path / "cache" / "texts.sqlite") as db:
        [(key,)] = db.execute("SELECT key FROM texts").fetchall()
        text = "Page one: the congress had 1,500 voting delegates.\n\nPage two: the speech lasted about four hours."
        blob = zlib.compress(json.dumps({"text": text, "pages": [[0, 1], [52, 2]]}).encode("utf-8"))
        db.execute("UPDATE texts SET value = ? WHERE key = ?", (blob, key))
    third = _run(tmp_path, *common, paths=("essay.md",))
    assert not third.pdf_read and third.mismatched() == []


def test_fetch_fills_the_shared_cache_for_offline_checks(project: Path, redis_url: str,
                                                         site: tuple[HTTPServer, list[str]],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`citecheck fetch --cache-url` (e.g. one CI job before the matrix): every later run reads Redis."""
    from click.testing import CliRunner

    from citecheck.cli import main

    _, seen = site
    monkeypatch.chdir(project)
    fetched = CliRunner().invoke(main, ["fetch", "posts", "--allow-private", "--cache-url", redis_url,
                                        "--snapshots", "snapshots", "--cache-dir", str(project / "cache-a")])
    assert fetched.exit_code == 0, fetched.output
    assert seen == ["/harbour"]
    # Offline, no snapshots, an empty cache directory: the page and its text are in Redis.
    offline = _run(project, "--offline", "--cache-url", redis_url, "--cache-dir", str(project / "cache-b"))
    assert seen == ["/harbour"] and not offline.extracted and offline.mismatched() == ORIGINAL
