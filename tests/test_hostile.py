"""Issue 9: hostile input never wins. Each row of the issue's table is a test here, against real
local servers (tests/servers.py) where a page is involved; every failure must end as a finding
about that source or essay, never as a crash of the run.
"""

from __future__ import annotations

import json
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
    dead = [f for f in report["documents"][0]["findings"] if f["rule"] == "link-dead"]
    assert len(dead) == 4 and all("malformed URL" in f["message"] for f in dead)
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
    assert [f.rule for f in doc.findings if f.rule == "link-dead"] == ["link-dead", "link-dead"]


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


@pytest.fixture(scope="module")
def offline_fetcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fetcher]:
    with Fetcher(loopback_options(tmp_path_factory.mktemp("fuzz"), offline=True)) as fetcher:
        yield fetcher


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=URLS)
def test_fetch_never_raises(offline_fetcher: Fetcher, url: str) -> None:
    result = offline_fetcher.fetch(url)
    assert result.error in _KINDS and (result.ok or result.reason)
