# ruff: noqa: F811  (fixtures from servers.py are imported, then requested by name)
"""The Wayback client against a local server speaking the availability, CDX and capture shapes."""

from __future__ import annotations

from datetime import date

import pytest
from servers import (  # noqa: F401
    DRIFT_OLD,
    archive_server,
    archive_site,
    html_page,
    loopback_options,
)

from citecheck.sources.archive import Archive, strip_toolbar, wayback_timestamp
from citecheck.sources.http import Fetcher

ORIGINAL = "https://museum.example/posters"


@pytest.fixture
def archive(tmp_path, archive_server):
    with Fetcher(loopback_options(tmp_path)) as fetcher:
        yield Archive(
            fetcher,
            availability_url=archive_server.url("/wayback/available"),
            cdx_url=archive_server.url("/cdx/search/cdx"),
            web_url=archive_server.url("/web"),
        )


def test_availability_api_gives_the_closest_capture(archive, archive_site, archive_server):
    archive_site.captures[ORIGINAL] = ("20140105120000", html_page("Posters", DRIFT_OLD))
    archive_site.availability.add(ORIGINAL)
    capture = archive.closest(ORIGINAL, "2014-01-05")
    assert capture is not None
    assert capture.timestamp == "20140105120000" and capture.date == "2014-01-05"
    assert capture.archive_url == archive_server.url(f"/web/20140105120000id_/{ORIGINAL}")
    query = archive_server.log[0].query
    assert query["url"] == [ORIGINAL] and query["timestamp"] == ["20140105"]
    assert archive_server.hits("/cdx/search/cdx") == 0


def test_cdx_is_the_fallback(archive, archive_site, archive_server):
    archive_site.captures[ORIGINAL] = ("20150301000000", html_page("Posters", DRIFT_OLD))
    capture = archive.closest(ORIGINAL, date(2015, 3, 1))
    assert capture is not None and capture.timestamp == "20150301000000"
    cdx = next(s for s in archive_server.log if s.path == "/cdx/search/cdx").query
    assert cdx["output"] == ["json"] and cdx["closest"] == ["20150301"] and cdx["sort"] == ["closest"]
    assert cdx["filter"] == ["statuscode:200"]


def test_no_capture_anywhere(archive):
    assert archive.closest("https://never.example/", "2020-01-01") is None


def test_raw_capture_has_no_toolbar(archive, archive_site, archive_server):
    archive_site.captures[ORIGINAL] = ("20140105120000", html_page("Posters", DRIFT_OLD))
    capture = archive.closest(ORIGINAL, None)
    result = archive.fetch_capture(capture)
    assert result.ok and b"4,200 Soviet posters" in result.body
    assert b"WAYBACK" not in result.body
    assert archive_server.log[-1].path == f"/web/20140105120000id_/{ORIGINAL}"


def test_rewritten_capture_is_stripped(archive, archive_site, archive_server):
    archive_site.captures[ORIGINAL] = ("20140105120000", html_page("Posters", DRIFT_OLD))
    archive_site.raw_missing.add(ORIGINAL)
    capture = archive.closest(ORIGINAL, "2014")
    result = archive.fetch_capture(capture)
    assert result.ok and b"4,200 Soviet posters" in result.body
    assert b"toolbar" not in result.body.lower() and b"_static" not in result.body
    assert b"FILE ARCHIVED ON" not in result.body


def test_strip_toolbar_unrewrites_links():
    page = (b"<html><body><!-- BEGIN WAYBACK TOOLBAR INSERT --><div>bar</div><!-- END WAYBACK TOOLBAR INSERT -->"
            b"<a href='/web/20140105120000/https://a.example/x'>x</a></body></html>")
    assert strip_toolbar(page) == b"<html><body><a href='https://a.example/x'>x</a></body></html>"


@pytest.mark.parametrize(("when", "expected"), [
    (None, None), ("2014-01-05", "20140105"), (date(2014, 1, 5), "20140105"), ("2014", "2014"),
    ("2014-01-05T10:20:30Z", "20140105102030"),
])
def test_wayback_timestamp(when, expected):
    assert wayback_timestamp(when) == expected



def test_memento_timegate_when_the_wayback_apis_have_nothing(tmp_path, archive_server):
    """RFC 7089: Accept-Datetime to the TimeGate, a redirect to the memento, Memento-Datetime on it."""
    from servers import Reply, Server

    mementos = {"20100101000000": "Posters of 2009", "20150101000000": "Posters of 2014"}

    def timegate(seen, server):
        wanted = seen.headers.get("Accept-Datetime", "")
        year = wanted.split()[3] if len(wanted.split()) > 3 else "2015"
        stamp = "20100101000000" if year < "2013" else "20150101000000"
        return Reply(302, {"Location": server.url(f"/memento/{stamp}"), "Vary": "accept-datetime",
                           "Content-Length": "0"})

    def memento(seen, server):
        stamp = seen.path.rsplit("/", 1)[-1]
        return Reply(200, {"Content-Type": "text/html", "Memento-Datetime": "Fri, 01 Jan 2010 00:00:00 GMT"
                           if stamp.startswith("2010") else "Thu, 01 Jan 2015 00:00:00 GMT"},
                     html_page("Museum", [mementos[stamp]]))

    gate = Server({}, fallback=lambda seen, server: (timegate if seen.path.startswith("/timegate/") else memento)(
        seen, server))
    try:
        with Fetcher(loopback_options(tmp_path)) as fetcher:
            archive = Archive(fetcher, availability_url=archive_server.url("/wayback/available"),
                              cdx_url=archive_server.url("/cdx/search/cdx"), web_url=archive_server.url("/web"),
                              timegate_url=gate.url("/timegate/"))
            old = archive.closest(ORIGINAL, "2009-06-01")
            assert old is not None and old.timestamp == "20100101000000"
            assert old.archive_url == gate.url("/memento/20100101000000")
            assert gate.log[0].headers["Accept-Datetime"] == "Mon, 01 Jun 2009 00:00:00 GMT"
            assert b"Posters of 2009" in archive.fetch_capture(old).body
            new = archive.closest(ORIGINAL, "2014")
            assert new is not None and new.date == "2015-01-01"
    finally:
        gate.close()


def test_no_timegate_configured_means_no_capture(archive):
    assert archive.timegate_url == ""
    assert archive.closest("https://never.example/archived", "2014-01-01") is None
