"""Issue 9: hostile input never wins. Each row of the issue's table is a test here, against real
local servers (tests/servers.py) where a page is involved; every failure must end as a finding
about that source or essay, never as a crash of the run.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import Reply, Seen, Server, html_page, loopback_options

import citecheck
from citecheck.cli import main
from citecheck.config import Config
from citecheck.sources.http import Fetcher
from citecheck.urls import BadURL, comparison_key, join_url, parse_url

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
TEXT = ["The congress met in Moscow in February 1956 and heard a closed speech of four hours."]


def _check(tmp_path: Path, essay: Path, *bib: Path, **kwargs: object) -> citecheck.Report:
    config = Config()
    config.override(cache_dir=str(tmp_path / "cache"))
    return citecheck.check([essay], [*bib] or None, config=config, **kwargs)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ one URL function

@pytest.mark.parametrize(("url", "why"), [
    ("http://[oops]/page", "IPv4 or IPv6"),
    ("http://[oops/", "IPv6"),
    ("http://example.org:abc/", "port 'abc' is not a number"),
    ("http://example.org:99999/", "outside 1-65535"),
    ("http://" + "a" * 64 + ".org/", "host label of 64 characters"),
    ("https://x[@a]/", "IPv4 or IPv6"),
    ("http://exa mple.org/", "cannot have"),
    ("http://ex\x1bample.org/", "control character"),
    ("http:///path", "no host"),
    ("example.org/page", "no scheme"),
    ("", "empty"),
])
def test_malformed_urls_are_refused_with_a_reason(url: str, why: str) -> None:
    with pytest.raises(BadURL) as info:
        parse_url(url)
    assert why in info.value.reason
    assert isinstance(info.value, ValueError)
    comparison_key(url)  # never raises
    join_url("http://example.org/a/", url)


def test_urls_are_normalised_one_way() -> None:
    assert str(parse_url(" <HTTP://WWW.Example.ORG:80/a b?q=é#f> ")) == "http://www.example.org/a%20b?q=%C3%A9#f"
    assert str(parse_url("https://bücher.example/")) == "https://xn--bcher-kva.example/"
    assert str(parse_url("http://[::1]:8080/x")) == "http://[::1]:8080/x"
    assert parse_url("https://example.org").path == "" and str(parse_url("https://example.org")) == "https://example.org/"
    assert comparison_key("https://www.example.org:443/a/") == comparison_key("http://example.org/a#x")
    assert join_url("http://[oops/", "/x") == "/x"


# ------------------------------------------------------------------------------ row 1: one malformed link

def test_malformed_links_are_findings_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    essay = tmp_path / "links.md"
    essay.write_text(
        "One [a](http://[oops]/page) says 1990.\n\nTwo [b](http://example.org:abc/) says 1991.\n\n"
        f"Three [c](http://{'a' * 70}.org/) says 1992.\n\nFour (Doe 2001) says 1993.\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{oops, author={Doe, Jane}, title={T}, year={2001}, url={http://[oops/}}\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("A plain sentence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "links.md", "good.md", "--bib", "refs.bib", "--offline",
                                       "--format", "json", "--output", "sarif:out.sarif",
                                       "--cache-dir", str(tmp_path / "cache")], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [d["error"] for d in report["documents"]] == [None, None]
    findings = report["documents"][0]["findings"]
    # A URL that does not parse is not dead (nothing was asked, no archive consulted): link-malformed.
    assert not [f for f in findings if f["rule"] == "link-dead"]
    malformed = [f for f in findings if f["rule"] == "link-malformed"]
    assert len(malformed) == 4 and all(f["severity"] == "error" for f in malformed)
    assert all("cannot be parsed" in f["message"] and "archived" not in f["message"] for f in malformed)
    assert {f["found"] for f in malformed} >= {"port 'abc' is not a number"}
    assert all(f["evidence"] and f["evidence"][0]["status"] == "malformed" for f in malformed)
    assert (tmp_path / "out.sarif").is_file()


def test_fetcher_gives_invalid_for_a_malformed_url(tmp_path: Path) -> None:
    with Fetcher(loopback_options(tmp_path)) as fetcher:
        for url in ("http://[oops]/page", "http://example.org:abc/", f"http://{'b' * 64}.org/", "http://x[@a]/"):
            result = fetcher.fetch(url)
            assert result.error == "invalid" and result.reason.startswith("malformed URL"), (url, result.reason)


def test_a_redirect_to_a_malformed_url_is_a_result(tmp_path: Path) -> None:
    server = Server({"/r": lambda seen, srv: Reply(302, {"Location": "http://[bad/x", "Content-Length": "0"})})
    try:
        with Fetcher(loopback_options(tmp_path)) as fetcher:
            result = fetcher.fetch(server.url("/r"))
    finally:
        server.close()
    assert result.error == "invalid" and "redirect to a malformed URL" in result.reason


# ------------------------------------------------------------------------------ row 2: charsets

@pytest.fixture
def charset_site() -> Iterator[Server]:
    page = html_page("Congress", TEXT)

    def header(seen: Seen, server: Server) -> Reply:
        return Reply(200, {"Content-Type": "text/html; charset=undefined"}, page)

    def meta(seen: Seen, server: Server) -> Reply:
        return Reply(200, {"Content-Type": "text/html"}, page.replace(b"charset='utf-8'", b"charset='undefined'"))

    def plain(seen: Seen, server: Server) -> Reply:
        return Reply(200, {"Content-Type": "text/plain; charset=base64"}, TEXT[0].encode())

    server = Server({"/header": header, "/meta": meta, "/plain": plain})
    yield server
    server.close()


@pytest.mark.parametrize("path", ["/header", "/meta", "/plain"])
def test_an_unusable_charset_falls_back(tmp_path: Path, charset_site: Server, path: str) -> None:
    from citecheck.sources.provider import SourceProvider

    provider = SourceProvider(Fetcher(loopback_options(tmp_path)))
    try:
        source = provider.for_url(charset_site.url(path))
    finally:
        provider.close()
    assert source.status == "live" and "closed speech of four hours" in source.text


def test_decode_text_never_raises() -> None:
    from citecheck.sources.extract import decode_text

    notes: list[str] = []
    for charset in ("undefined", "zlib", "rot13", "utf-32", "no-such-codec", "\x00", "utf-8" * 100):
        assert isinstance(decode_text(b"caf\xc3\xa9 \xff", charset, notes), str)
    assert any("undefined" in note for note in notes)


# ------------------------------------------------------------------------------ row 3: a PDF that makes pypdf assert

def test_a_pdf_that_makes_pypdf_assert_is_unreadable(tmp_path: Path) -> None:
    from citecheck.sources.extract import UnreadableSource, extract

    body = (HOSTILE / "assert.pdf").read_bytes()
    with pytest.raises(UnreadableSource, match="AssertionError"):
        extract(body, "application/pdf")
    server = Server({"/paper.pdf": lambda seen, srv: Reply(200, {"Content-Type": "application/pdf"}, body)})
    try:
        essay = tmp_path / "e.md"
        essay.write_text(f"The speech lasted four hours [paper]({server.url('/paper.pdf')}).\n", encoding="utf-8")
        report = _check(tmp_path, essay, allow_private=True)
    finally:
        server.close()
    doc = report.documents[0]
    assert doc.error is None
    unreadable = [f for f in doc.findings if f.rule == "source-unreadable"]
    assert len(unreadable) == 1 and "AssertionError" in unreadable[0].message


def test_a_local_pdf_that_makes_pypdf_assert_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "paper.pdf").write_bytes((HOSTILE / "assert.pdf").read_bytes())
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{doe, author={Doe, Jane}, title={T}, year={2001}, journal={J}, file={paper.pdf}}\n",
                   encoding="utf-8")
    essay = tmp_path / "e.md"
    essay.write_text("It lasted four hours in 1956 (Doe 2001).\n", encoding="utf-8")
    report = _check(tmp_path, essay, bib, offline=True)
    assert report.documents[0].error is None
    assert any(f.rule == "source-unreadable" for f in report.documents[0].findings)


# ------------------------------------------------------------------------------ row 4: odd markup

def test_odd_markup_in_an_html_essay_is_read(tmp_path: Path) -> None:
    essay = tmp_path / "post.html"
    essay.write_text("<html><body><p>Text <![2]-- x --> more in 1990.</p>"
                     "<p>See <a href=\"https://x[@a]/\">this</a> and <a href=\"http://example.org:abc/\">that</a>.</p>"
                     "<p>Unclosed <![ at the end</p></body></html>", encoding="utf-8")
    report = _check(tmp_path, essay, offline=True)
    doc = report.documents[0]
    assert doc.error is None
    assert [f.rule for f in doc.findings if f.rule.startswith("link-")] == ["link-malformed", "link-malformed"]


def test_html_with_a_relative_link_and_a_malformed_base(tmp_path: Path) -> None:
    essay = tmp_path / "post.html"
    essay.write_text("<html><head><link rel='canonical' href='http://[bad/'></head>"
                     "<body><p>See <a href='/x'>this</a> in 1990.</p></body></html>", encoding="utf-8")
    assert _check(tmp_path, essay, offline=True).documents[0].error is None


# ------------------------------------------------------------------------------ row 5: Fetcher.fetch keeps its promise

_URL_PIECES = st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//", "[", "]", "[::1]", "@", ":", ":80",
                               ":abc", "%", "%zz", "/", "..", "?", "#", "\\", "\x00", "\x1b", " ", "é", "ß", "xn--",
                               "a" * 64, ".", "localhost", "127.0.0.1", "0x7f.1", "example.org", "-", "_", "\u3002"])
URLS = st.one_of(st.text(max_size=80), st.lists(st.one_of(_URL_PIECES, st.text(max_size=5)), max_size=10).map("".join))
_KINDS = {None, "dead", "unreachable", "refused", "too-large", "unsupported", "invalid"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=URLS)
def test_the_url_function_never_raises_anything_but_badurl(url: str) -> None:
    from citecheck.library import normalize_url
    from citecheck.urls import host_key

    try:
        parsed = parse_url(url)
    except BadURL:
        pass
    else:
        assert str(parse_url(str(parsed))) == str(parsed)  # normalising is idempotent
    normalize_url(url)
    host_key(url)
    join_url("http://example.org/", url)


@pytest.mark.parametrize("url", ["a:////", "a:////x", "a://", "x:///y", "https://Example.org", "HTTP://[::1]:80/p q"])
def test_normalising_is_idempotent_with_empty_authorities(url: str) -> None:
    once = str(parse_url(url))
    assert str(parse_url(once)) == once


@pytest.fixture(scope="module")
def offline_fetcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fetcher]:
    with Fetcher(loopback_options(tmp_path_factory.mktemp("fuzz"), offline=True)) as fetcher:
        yield fetcher


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=URLS)
def test_fetch_never_raises(offline_fetcher: Fetcher, url: str) -> None:
    result = offline_fetcher.fetch(url)
    assert result.error in _KINDS and (result.ok or result.reason)


# ------------------------------------------------------------------------------ row 6: slow drip, hard deadlines

def _drip(seen: Seen, server: Server) -> Reply:
    def body() -> Iterator[bytes]:
        for _ in range(100_000):
            time.sleep(0.05)
            yield b"x"

    return Reply(200, {"Content-Type": "text/plain", "Content-Length": "100000"}, body())


def test_a_slow_drip_is_cut_at_the_deadline(tmp_path: Path) -> None:
    server = Server({"/drip": _drip})
    try:
        with Fetcher(loopback_options(tmp_path, total_timeout=1.0, read_timeout=5.0)) as fetcher:
            result = fetcher.fetch(server.url("/drip"))
        time.sleep(0.2)
    finally:
        server.close()
    assert result.error == "unreachable" and "deadline" in result.reason
    # one byte per 0.05 s: the connection was closed after about 20 of the 100,000 bytes
    # (before the fix it stayed open until 64 KiB had dripped in)
    assert server.bytes_sent["/drip"] < 200


@pytest.fixture
def header_drip() -> Iterator[tuple[str, list[int]]]:
    """A raw server that sends its status line and then one header byte every 0.05 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    sent: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            count = 0
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while not stop.is_set() and count < 100_000:
                    conn.sendall(b"y")
                    count += 1
                    time.sleep(0.05)
            except OSError:
                pass
            finally:
                sent.append(count)
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/", sent
    stop.set()
    listener.close()
    thread.join(5)


def test_headers_dripping_in_are_cut_at_the_deadline(tmp_path: Path, header_drip: tuple[str, list[int]]) -> None:
    url, sent = header_drip
    with Fetcher(loopback_options(tmp_path, total_timeout=1.0, read_timeout=5.0)) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == "unreachable" and "deadline" in result.reason
    for _ in range(100):
        if sent:
            break
        time.sleep(0.05)
    assert sent and sent[0] < 200


def test_a_source_budget_bounds_all_hops(tmp_path: Path) -> None:
    from citecheck.sources.http import FetchOptions

    assert FetchOptions(total_timeout=20, retries=3, retry_after_max=30).source_budget == 4 * 20 + 3 * 30
    assert FetchOptions(source_timeout=5).source_budget == 5
    server = Server({"/drip": _drip, "/hop": lambda seen, srv: Reply(302, {"Location": "/drip", "Content-Length": "0"})})
    try:
        with Fetcher(loopback_options(tmp_path, total_timeout=5.0, source_timeout=1.0, read_timeout=5.0)) as fetcher:
            result = fetcher.fetch(server.url("/hop"))
        time.sleep(0.3)
    finally:
        server.close()
    assert result.error == "unreachable" and "deadline" in result.reason
    assert server.bytes_sent["/drip"] < 200


# ------------------------------------------------------------------------------ row 7: local files only where allowed

@pytest.fixture
def library_dirs(tmp_path: Path) -> tuple[Path, Path]:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "x.txt").write_text("The private diary says the speech lasted 9 hours in 1956.", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    return project, secret


def _file_report(tmp_path: Path, project: Path, field: str, **config: object) -> citecheck.Report:
    (project / "refs.bib").write_text(
        "@article{doe, author={Doe, Jane}, title={T}, year={2001}, journal={J}, file={" + field + "}}\n",
        encoding="utf-8")
    essay = project / "e.md"
    essay.write_text("The speech lasted 9 hours in 1956 (Doe 2001).\n", encoding="utf-8")
    settings_ = Config()
    settings_.override(cache_dir=str(tmp_path / "cache"), **config)
    return citecheck.check([essay], [project / "refs.bib"], config=settings_, offline=True)


def _evidence_text(report: citecheck.Report) -> str:
    from citecheck.report import render

    return render(report, "json")


@pytest.mark.parametrize("field", ["../secret/x.txt", "{SECRET}/x.txt", "~/x.txt", "link/x.txt", "Text:../secret/x.txt:text/plain"])
def test_a_file_field_never_reads_outside_the_library(tmp_path: Path, library_dirs: tuple[Path, Path],
                                                      monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    project, secret = library_dirs
    monkeypatch.setenv("HOME", str(secret))
    (project / "link").symlink_to(secret)
    report = _file_report(tmp_path, project, field.replace("{SECRET}", str(secret)))
    out = _evidence_text(report)
    assert "private diary" not in out
    findings = report.documents[0].findings
    refused = [f for f in findings if f.rule == "source-unreadable"]
    assert len(refused) == 1 and "outside the .bib's directory" in refused[0].message
    assert "allow-absolute-source-files" in refused[0].message


def test_source_dirs_and_the_opt_in_allow_reading(tmp_path: Path, library_dirs: tuple[Path, Path]) -> None:
    project, secret = library_dirs
    report = _file_report(tmp_path, project, str(secret / "x.txt"), source_dirs=[str(secret)])
    assert report.sources[0].status == "file" and "private diary" in report.sources[0].text
    report = _file_report(tmp_path, project, "x.txt", source_dirs=[str(secret)])  # relative to a source dir
    assert "private diary" in report.sources[0].text
    report = _file_report(tmp_path, project, "../secret/x.txt", allow_absolute_source_files=True)
    assert "private diary" in report.sources[0].text


def test_a_snapshot_index_never_reads_outside_its_directory(tmp_path: Path) -> None:
    from citecheck.sources.snapshots import SnapshotStore

    (tmp_path / "secret.txt").write_text("The private diary says 9 hours.", encoding="utf-8")
    snaps = tmp_path / "snaps"
    snaps.mkdir()
    url = "https://example.org/page"
    (snaps / "index.json").write_text(json.dumps({url: {"status": "live", "file": "../secret.txt", "url": url},
                                                  "https://example.org/b": {"status": "live", "file": 3},
                                                  "https://example.org/c": {"status": "live", "pages": "x",
                                                                            "file": None}}), encoding="utf-8")
    store = SnapshotStore(snaps)
    source = store.get(url)
    assert source is not None and source.text == "" and "outside the snapshot directory" in source.reason
    assert store.get("https://example.org/b") is not None
    assert "malformed" in store.get("https://example.org/c").reason  # type: ignore[union-attr]
    essay = tmp_path / "e.md"
    essay.write_text(f"The speech lasted 9 hours [x]({url}).\n", encoding="utf-8")
    report = _check(tmp_path, essay, offline=True, snapshots=snaps)
    assert "private diary" not in _evidence_text(report)
    assert any(f.rule == "source-unreadable" and "outside the snapshot directory" in f.message
               for f in report.documents[0].findings)


# ------------------------------------------------------------------------------ row 8: the guard applies to cache hits

def test_a_cached_private_page_is_refused_without_allow_private(tmp_path: Path) -> None:
    from servers import origin_routes

    server = Server(origin_routes())
    resolver = {"intranet.test": ["127.0.0.1"]}.__getitem__
    url = f"http://intranet.test:{server.port}/article"
    try:
        with Fetcher(loopback_options(tmp_path, allowed_networks=(), allow_private=True, resolver=resolver)) as trusted:
            assert trusted.fetch(url).ok
        hits = server.hits()
        for offline in (True, False):
            options = loopback_options(tmp_path, allowed_networks=(), offline=offline, resolver=resolver)
            with Fetcher(options) as untrusted:
                result = untrusted.fetch(url)
            assert result.error == "refused" and result.from_cache, result
            assert "127.0.0.1 when the cached copy was fetched" in result.reason
        with Fetcher(loopback_options(tmp_path, offline=True, resolver=resolver)) as allowed:  # 127/8 allowed
            assert allowed.fetch(url).ok
        assert server.hits() == hits  # every later answer came from the cache
    finally:
        server.close()


# ------------------------------------------------------------------------------ row 9: YAML front matter

BOMB = "---\n" + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")) + "---\nText 1990.\n"


@pytest.mark.parametrize(("front", "why"), [
    (BOMB, "anchor &a"),
    ("---\na: &a [*a]\n---\nText.\n", "anchor &a"),
    ("---\nb: *x\n---\nText.\n", "alias *x"),
    ("---\nt: " + "[" * 5000 + "]" * 5000 + "\n---\nText.\n", "nested deeper"),
])
def test_front_matter_bombs_are_refused(tmp_path: Path, front: str, why: str) -> None:
    essay = tmp_path / "e.md"
    essay.write_text(front, encoding="utf-8")
    report = _check(tmp_path, essay, offline=True)
    error = report.documents[0].error
    assert error is not None and why in error and "internal error" not in error
    assert report.exit_code() == 2


@pytest.mark.parametrize(("front", "why", "line"), [
    ("---\nbibliography: [unclosed\n---\n\nText in 1890 [@x].\n", "not valid YAML", 2),
    ("---\ntitle: \"T\n---\n\nText.\n", "not valid YAML", 2),
    ("---\n- a\n- b\n---\nText.\n", "YAML list, not `key: value` pairs", 2),
    ("---\ntitle: T\nbibliography: {a: 1}\n---\nText.\n", "`bibliography` is a YAML dict", 3),
])
def test_invalid_front_matter_is_an_error_naming_the_line(tmp_path: Path, front: str, why: str, line: int) -> None:
    # Ignoring it would drop its bibliography: every citation undefined, a nearby .bib used instead.
    essay = tmp_path / "e.md"
    essay.write_text(front, encoding="utf-8")
    (tmp_path / "references.bib").write_text("@misc{y, author={Doe, J}, title={T}, year={2001}}\n", encoding="utf-8")
    report = _check(tmp_path, essay, offline=True)
    error = report.documents[0].error
    assert error is not None and why in error and "internal error" not in error, error
    assert f"e.md:{line}:" in error
    assert report.exit_code() == 2
    assert not [f for f in report.findings() if f.rule == "citation-undefined"]


def test_empty_front_matter_is_fine(tmp_path: Path) -> None:
    from citecheck.readers import parse_text

    doc = parse_text("---\n---\nText.\n", "x.md", "markdown")
    assert doc.bibliography == [] and doc.metadata == {}


def test_plain_front_matter_still_works(tmp_path: Path) -> None:
    from citecheck.readers import parse_text

    doc = parse_text("---\ntitle: T\nbibliography: [a.bib, b.bib]\ndate: 2020-01-02\n---\nText.\n", "x.md", "markdown")
    assert doc.bibliography == ["a.bib", "b.bib"] and doc.metadata["date"] == "2020-01-02"


# ------------------------------------------------------------------------------ row 11: concurrent snapshots

_WRITER = """
import sys
from citecheck.model import Source
from citecheck.sources.snapshots import SnapshotStore
store = SnapshotStore(sys.argv[1])
for i in range(30):
    store.write(Source(id=f"{sys.argv[2]}{i}", url=f"https://example.org/{sys.argv[2]}/{i}", status="live",
                       text=f"text {i} " * 50))
"""


def test_two_fetch_runs_into_one_snapshot_dir_keep_every_entry(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(citecheck.__file__).parent.parent),
                                                       os.environ.get("PYTHONPATH", "")])}
    runs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path / "snaps"), name], env=env)
            for name in ("a", "b")]
    assert [run.wait(120) for run in runs] == [0, 0]
    index = json.loads((tmp_path / "snaps" / "index.json").read_text(encoding="utf-8"))
    assert len(index) == 60
    assert (tmp_path / "snaps" / ".gitignore").read_text(encoding="utf-8") == ".index.lock\n"


# ------------------------------------------------------------------------------ row 10: terminal escapes

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"


def test_control_characters_are_escaped_in_every_format(tmp_path: Path) -> None:
    from citecheck.report import FORMATS, render

    page = ("The congress met in Moscow in February 1956." + ESCAPES + " Khrushchev spoke for four hours to "
            "1,436 delegates about the cult of personality.\n").encode("utf-8")
    server = Server({"/plain": lambda seen, srv: Reply(200, {"Content-Type": "text/plain; charset=utf-8"}, page)})
    try:
        essay = tmp_path / "e\x1b[31m.md"
        essay.write_text(
            f"Khrushchev spoke for four hours to 1,500 delegates{ESCAPES} [speech]({server.url('/plain')}).\n\n"
            f"He called it “the cult of\n::warning file=x,line=1::FORGED personality” [speech]({server.url('/plain')}).\n",
            encoding="utf-8")
        report = _check(tmp_path, essay, allow_private=True)
    finally:
        server.close()
    doc = report.documents[0]
    assert doc.error is None and doc.findings
    # the report keeps the data as it is; only what is printed is cleaned
    assert any("\n::warning file=x" in (f.found or "") for f in doc.findings)
    assert any("\x1b" in str(item.get("text")) for f in doc.findings for item in f.evidence)
    for fmt in FORMATS:
        out = render(report, fmt)
        for bad in ("\x1b", "\x07", "\x9b"):
            assert bad not in out, (fmt, bad)
        if fmt not in ("json", "sarif"):
            assert "\\x1b" in out, fmt
            assert not any(line.lstrip().startswith("::warning file=x") for line in out.splitlines()), fmt
    text = render(report, "text")
    assert "⏎::warning file=x,line=1::FORGED" in text


def test_clean_text() -> None:
    from citecheck.report.sanitize import clean_text

    assert clean_text("a\x1b[31mb\x07\tc\nd\u202ee") == "a\\x1b[31mb\\x07\tc⏎d\\u202ee"
    assert clean_text("line one\nline two", newlines=True) == "line one\nline two"
    plain = "nothing to do"
    assert clean_text(plain) is plain


# ------------------------------------------------------------------------------ row 12: outputs over inputs

@pytest.mark.parametrize("args", [
    ["--output", "markdown:essay.md"],
    ["--output", "json:./sub/../essay.md"],
    ["--write-baseline", "refs.bib"],
    ["--output", "text:speech.txt"],
    ["--output", "sarif:alias.md"],
])
def test_an_output_never_replaces_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "speech.txt").write_text("The speech lasted four hours in 1956.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@book{doe, author={Doe, Jane}, title={T}, year={2001}, publisher={P}, "
                                       "file={speech.txt}}\n", encoding="utf-8")
    (tmp_path / "essay.md").write_text("It lasted four hours in 1956 (Doe 2001).\n", encoding="utf-8")
    (tmp_path / "alias.md").symlink_to("essay.md")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "essay.md", "--bib", "refs.bib", "--offline", *args,
                                       "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is one of this run's inputs" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_write_baseline_api_refuses_an_input(tmp_path: Path) -> None:
    from citecheck.errors import InputError

    essay = tmp_path / "e.md"
    essay.write_text("Plain text.\n", encoding="utf-8")
    report = _check(tmp_path, essay, offline=True)
    with pytest.raises(InputError, match="inputs"):
        citecheck.api.write_baseline(report, essay)
    assert citecheck.api.write_baseline(report, tmp_path / "baseline.json") == 0


# ------------------------------------------------------------------------------ bounded memory on hostile pages

_MEMORY = """
import resource, sys
from citecheck.sources.extract import MAX_TEXT, extract
para = "<p>" + "The congress met in Moscow in February 1956 and heard a closed speech. " * 10 + "</p>\\n"
big = ("<html><body><article>" + para * (19_000_000 // len(para)) + "</article></body></html>").encode()
text = extract(big, "text/html").text
assert text.startswith("The congress met") and len(text) == MAX_TEXT, len(text)
del big, text
nested = ("<html><body>" + "<div>" * 1_000_000 + "deep text 1956" + "</body></html>").encode()
assert extract(nested, "text/html").text == "deep text 1956"
# VmHWM is this program's own peak: ru_maxrss keeps the forking parent's (pytest's) peak across exec.
try:
    with open("/proc/self/status") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_a_huge_or_deeply_nested_page_stays_under_300_mb() -> None:
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(citecheck.__file__).parent.parent),
                                                       os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _MEMORY], env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 300  # megabytes of peak RSS (was 592 and 704)


# ------------------------------------------------------------------------------ an internal error stays on its essay

def test_an_internal_error_is_one_essays_and_verbose_shows_its_traceback(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.checks import worthiness

    original = worthiness.check_uncited

    def broken(doc: object, *args: object, **kwargs: object) -> object:
        if str(getattr(doc, "path", "")).endswith("bad.md"):
            raise RuntimeError("a bug met by one essay")
        return original(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worthiness, "check_uncited", broken)
    (tmp_path / "bad.md").write_text("It was 1,234 in 1990.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("It was 1,234 in 1990.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "bad.md", "good.md", "--offline", "-j", "1", "--format", "json",
            "--cache-dir", str(tmp_path / "cache")]
    quiet = CliRunner().invoke(main, args)
    loud = CliRunner().invoke(main, [*args, "-v"])
    for result in (quiet, loud):
        assert result.exit_code == 2
        documents = {d["path"]: d for d in json.loads(result.stdout)["documents"]}
        assert "internal error" in documents["bad.md"]["error"]
        assert documents["good.md"]["error"] is None and documents["good.md"]["findings"]
    assert "Traceback" not in quiet.stderr
    assert "Traceback (most recent call last)" in loud.stderr and "a bug met by one essay" in loud.stderr


# ------------------------------------------------------------------------------ hypothesis campaigns

_OWN_BUGS = ("NameError", "UnboundLocalError", "ImportError", "nested too deeply", "too large to parse")
_PDF = (Path(__file__).parent / "fixtures" / "web" / "paper.pdf").read_bytes()


def _spliced(data: bytes) -> st.SearchStrategy[bytes]:
    return st.tuples(st.integers(0, len(data)), st.integers(0, 64), st.binary(max_size=32)).map(
        lambda t: data[:t[0]] + t[2] + data[t[0] + t[1]:])


@settings(max_examples=150, deadline=None)
@given(body=st.one_of(st.binary(max_size=400), _spliced(_PDF), _spliced(html_page("T", TEXT)),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       ctype=st.sampled_from([None, "text/html", "application/pdf", "text/plain", "text/html; charset=undefined",
                              "text/plain; charset=zlib", "application/octet-stream", "image/png"]))
def test_every_extractor_takes_arbitrary_bytes(body: bytes, ctype: str | None) -> None:
    from citecheck.sources.extract import UnreadableSource, extract

    try:
        extracted = extract(body, ctype, "http://example.org/x")
    except UnreadableSource as exc:
        assert not any(name in exc.reason for name in _OWN_BUGS), exc.reason
    else:
        assert extracted.text.strip()


_ESSAY_PIECES = st.sampled_from(["The", "congress", "met", "in", "1956", "1,436", "(Smith 2001)", "[@doe]", "[1]",
                                 "“quoted”", "\x1b[31m", "\x07", "\x9b", "\u202e", "\n", "\n\n", "---\n", "<!--",
                                 "<![2]--", "[l](http://[oops]/)", "<http://x:abc/>", "[^1]", "[^1]: ", "# ", "> ",
                                 "\\cite{doe}", "\\footnote{", "}", "<p>", "<a href='http://x[@a]/'>", "</a>", "&#x1b;"])
ESSAYS = st.tuples(st.sampled_from(["md", "html", "tex", "txt"]),
                   st.lists(st.one_of(_ESSAY_PIECES, st.text(max_size=4)), max_size=40).map(" ".join))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(essays=st.lists(ESSAYS, min_size=1, max_size=4))
def test_arbitrary_essays_through_check_and_every_renderer(tmp_path: Path, essays: list[tuple[str, str]]) -> None:
    from citecheck.report import FORMATS, render

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    paths = []
    for i, (suffix, text) in enumerate(essays):
        path = folder / f"e{i}.{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        paths.append(path)
    report = citecheck.check(paths, config=Config(), offline=True, cache_dir=tmp_path / "cache", jobs=1)
    assert all("internal error" not in (d.error or "") for d in report.documents)
    for fmt in FORMATS:
        out = render(report, fmt)
        assert not any(ch in out for ch in ("\x1b", "\x07", "\x9b")), fmt


def test_grade_never_writes_over_an_essay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text("<html><body><p>It was 1,234 in 1990.</p></body></html>", encoding="utf-8")
    before = (tmp_path / "index.html").read_bytes()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["grade", "index.html", "-o", ".", "--offline", "-q"])
    assert result.exit_code == 2 and "is one of this run's inputs" in result.stderr, result.output
    assert (tmp_path / "index.html").read_bytes() == before and not (tmp_path / "grades.csv").exists()
    result = CliRunner().invoke(main, ["grade", "index.html", "-o", "out", "--offline", "-q"])
    assert result.exit_code == 0 and (tmp_path / "out" / "index.html").is_file()


def test_two_citecheck_fetch_processes_into_one_snapshot_dir(tmp_path: Path) -> None:
    import subprocess
    import sys

    def page(seen: Seen, server: Server) -> Reply:
        return Reply(200, {"Content-Type": "text/html; charset=utf-8"},
                     html_page(seen.path, [f"Page {seen.path} says the congress met in 1956."]))

    server = Server({}, fallback=page)
    try:
        for name in ("a", "b"):
            links = "\n\n".join(f"Claim {i} happened in 1956 [{i}]({server.url(f'/{name}/{i}')})." for i in range(30))
            (tmp_path / f"{name}.md").write_text(links + "\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(citecheck.__file__).parent.parent),
                                                           os.environ.get("PYTHONPATH", "")])}
        runs = [subprocess.Popen([sys.executable, "-m", "citecheck.cli", "fetch", f"{name}.md", "--snapshots", "snaps",
                                  "--allow-private", "--cache-dir", f"cache-{name}", "-q"],
                                 cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for name in ("a", "b")]
        codes = [run.wait(300) for run in runs]
    finally:
        server.close()
    assert codes == [0, 0], [run.stderr.read() for run in runs if run.stderr]  # type: ignore[union-attr]
    index = json.loads((tmp_path / "snaps" / "index.json").read_text(encoding="utf-8"))
    assert len(index) == 60 and all(entry["status"] == "live" for entry in index.values())
