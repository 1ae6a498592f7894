# ruff: noqa: F811  (fixtures from servers.py are imported, then requested by name)
"""Link rules, and the SourceProvider end to end against a local origin and a local archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from servers import (  # noqa: F401
    ARTICLE_TEXT,
    COMMENTS_TEXT,
    CYRILLIC_TEXT,
    DRIFT_OLD,
    archive_server,
    archive_site,
    html_page,
    loopback_options,
    origin,
)

from citecheck.checks.links import check_link, drift_passage
from citecheck.model import Reference, Source, Span
from citecheck.sources.archive import Archive
from citecheck.sources.http import Fetcher
from citecheck.sources.provider import SourceProvider
from citecheck.sources.snapshots import SnapshotStore

SPAN = Span("essay.md", 3, 5, 3, 20, 40, 55)
DRIFT_CLAIM = "The museum opened its new wing in 2012 with a collection of 4,200 Soviet posters."


def rules(findings):
    return sorted(f.rule for f in findings)


# --------------------------------------------------------------------------- rules on Sources


def test_dead_link():
    source = Source(id="k", url="https://x.example/gone", status="dead", reason="HTTP 404 Not Found")
    [finding] = check_link(source, "essay.md", SPAN)
    assert finding.rule == "link-dead" and finding.severity == "error" and finding.span == SPAN
    assert "HTTP 404" in finding.message and "no archived copy" in finding.message


def test_archived_only_gives_the_capture_url():
    source = Source(id="k", url="https://x.example/gone", status="archived", text="Some text.",
                    reason="HTTP 410 Gone", archive_url="https://web.archive.org/web/20140105/https://x.example/gone",
                    archive_timestamp="20140105000000")
    [finding] = check_link(source, "essay.md", SPAN)
    assert finding.rule == "link-archived-only" and finding.severity == "warning"
    assert source.archive_url in finding.message and "2014-01-05" in finding.message
    assert "verified against the archived copy" in finding.message


@pytest.mark.parametrize("status", ["unreachable", "offline-miss"])
def test_unreachable_is_never_dead(status):
    source = Source(id="k", url="https://x.example/slow", status=status, reason="timed out")
    [finding] = check_link(source, "essay.md", SPAN)
    assert finding.rule == "source-unreachable" and finding.severity == "warning"
    assert "unverifiable" in finding.message


def test_refused_says_why():
    source = Source(id="k", url="http://10.0.0.1/", status="refused", reason="10.0.0.1 is a private address 10.0.0.1")
    [finding] = check_link(source, "essay.md", SPAN)
    assert finding.rule == "link-refused" and "private address" in finding.message


def test_redirected_and_unreadable():
    source = Source(id="k", url="http://x.example/old", status="live", final_url="https://x.example/new",
                    redirects=["https://x.example/new"], reason="unsupported: image/png")
    assert rules(check_link(source, "essay.md", SPAN)) == ["link-redirected", "source-unreadable"]


def test_plain_live_page_gives_nothing():
    source = Source(id="k", url="https://x.example/", status="live", text="Fine text.", final_url="https://x.example/")
    assert check_link(source, "essay.md", SPAN, "A claim.") == []


def test_drift_needs_the_passage_in_the_capture_and_not_live():
    live = " ".join(["The museum is closed for renovation until further notice."] * 3)
    archived = " ".join(DRIFT_OLD)
    assert drift_passage(DRIFT_CLAIM, live, archived) is not None
    assert drift_passage(DRIFT_CLAIM, archived, archived) is None  # still on the live page
    assert drift_passage("Stalin was born in Gori.", live, archived) is None  # in neither copy
    source = Source(id="k", url="https://m.example/", status="live", text=live, archive_text=archived,
                    archive_timestamp="20140105120000", archive_url="https://web.archive.org/web/2014/x",
                    fetched_at="2024-05-01T00:00:00Z")
    [finding] = check_link(source, "essay.md", SPAN, DRIFT_CLAIM)
    assert finding.rule == "link-drift" and "2014-01-05" in finding.message and "2024-05-01" in finding.message
    assert "4,200 soviet posters" in finding.expected
    assert check_link(source, "essay.md", SPAN, DRIFT_CLAIM, backing_passage_in_live=True) == []


# --------------------------------------------------------------------------- provider end to end


@pytest.fixture
def make_provider(tmp_path, archive_server):
    made: list[SourceProvider] = []

    def build(offline: bool = False, snapshots: SnapshotStore | None = None, record: bool = False,
              **options) -> SourceProvider:
        fetcher = Fetcher(loopback_options(tmp_path, offline=offline, **options))
        archive = Archive(fetcher, availability_url=archive_server.url("/wayback/available"),
                          cdx_url=archive_server.url("/cdx/search/cdx"), web_url=archive_server.url("/web"))
        provider = SourceProvider(fetcher, archive, snapshots, offline=offline, record=record)
        made.append(provider)
        return provider

    yield build
    for provider in made:
        provider.close()


def _ref(key: str, tmp_path: Path, **fields: str) -> Reference:
    return Reference(key=key, entry_type="online", fields=fields, bib_path=str(tmp_path / "refs.bib"), line=1)


def test_live_article(make_provider, origin):
    source = make_provider().for_url(origin.url("/article"), key="speech")
    assert source.status == "live" and source.id == "speech" and source.http_status == 200
    assert "1,436 delegates" in source.text and source.sha256 and source.fetched_at
    assert check_link(source, "essay.md", SPAN, ARTICLE_TEXT[1]) == []


def test_comments_and_sidebar_are_not_source_text(make_provider, origin):
    source = make_provider().for_url(origin.url("/comments"))
    assert COMMENTS_TEXT[1][:40] in source.text
    assert "casino" not in source.text and "newsletter" not in source.text


def test_pdf_has_pages(make_provider, origin):
    source = make_provider().for_url(origin.url("/paper.pdf"))
    assert source.status == "live" and "1,436 voting delegates" in source.text
    assert source.pages is not None and [p for _, p in source.pages] == [1, 2]


def test_windows_1251_page(make_provider, origin):
    source = make_provider().for_url(origin.url("/cp1251"))
    assert CYRILLIC_TEXT[0][:30] in source.text


def test_image_is_unreadable(make_provider, origin):
    source = make_provider().for_url(origin.url("/image.png"))
    assert source.status == "live" and not source.available and source.reason
    assert rules(check_link(source, "essay.md", SPAN)) == ["source-unreadable"]


def test_dead_without_capture(make_provider, origin):
    source = make_provider().for_url(origin.url("/missing"), urldate="2014-01-05")
    assert source.status == "dead" and "404" in source.reason
    assert rules(check_link(source, "essay.md", SPAN)) == ["link-dead"]


def test_dead_with_capture_is_archived_only(make_provider, origin, archive_site):
    url = origin.url("/dead-archived")
    archive_site.captures[url] = ("20140105120000", html_page("Posters", DRIFT_OLD))
    archive_site.availability.add(url)
    source = make_provider().for_url(url, urldate="2014-01-05")
    assert source.status == "archived" and "4,200 Soviet posters" in source.text
    assert source.archive_url.endswith(f"/web/20140105120000/{url}")
    [finding] = check_link(source, "essay.md", SPAN)
    assert finding.rule == "link-archived-only" and source.archive_url in finding.message


def test_dead_with_cdx_capture(make_provider, origin, archive_site, archive_server):
    url = origin.url("/dead-cdx")
    archive_site.captures[url] = ("20160202000000", html_page("Posters", DRIFT_OLD))
    source = make_provider().for_url(url, urldate="2016-02-02")
    assert source.status == "archived" and source.archive_timestamp == "20160202000000"
    assert archive_server.hits("/cdx/search/cdx") == 1


def test_link_drift_end_to_end(make_provider, origin, archive_site, tmp_path):
    url = origin.url("/drift")
    archive_site.captures[url] = ("20140105120000", html_page("Posters", DRIFT_OLD))
    archive_site.availability.add(url)
    ref = _ref("museum", tmp_path, url=url, urldate="2014-01-05")
    source = make_provider().for_reference(ref, tmp_path)
    assert source.status == "live" and "closed for renovation" in source.text
    assert source.archive_text and "4,200 Soviet posters" in source.archive_text
    [finding] = check_link(source, "essay.md", SPAN, DRIFT_CLAIM)
    assert finding.rule == "link-drift" and "2014-01-05" in finding.message
    assert "verified against the live page" in finding.message


def test_redirect_reported(make_provider, origin):
    source = make_provider().for_url(origin.url("/moved"))
    assert source.status == "live" and source.final_url == origin.url("/article")
    assert rules(check_link(source, "essay.md", SPAN)) == ["link-redirected"]


def test_timeout_is_unreachable(make_provider, origin):
    source = make_provider().for_url(origin.url("/slow"))
    assert source.status == "unreachable" and "timed out" in source.reason
    assert rules(check_link(source, "essay.md", SPAN)) == ["source-unreachable"]


def test_refused_redirect(make_provider, origin):
    source = make_provider().for_url(origin.url("/to-private"))
    assert source.status == "refused"
    assert rules(check_link(source, "essay.md", SPAN)) == ["link-refused"]


def test_offline_with_empty_cache(make_provider, origin, archive_server):
    source = make_provider(offline=True).for_url(origin.url("/article"), urldate="2014-01-01")
    assert source.status == "offline-miss" and source.reason == "offline: not in cache or snapshots"
    assert not source.available
    assert origin.hits() == 0 and archive_server.hits() == 0
    [finding] = check_link(source, "essay.md", SPAN, "A claim.")
    assert finding.rule == "source-unreachable" and "unverifiable" in finding.message


def test_no_fetcher_and_print_work(tmp_path):
    provider = SourceProvider(None, None, None)
    assert provider.for_url("https://x.example/").status == "none"
    assert provider.for_url("https://x.example/").reason == "not fetched"
    book = Reference(key="freeze", entry_type="book", fields={"title": "Russia"}, bib_path=str(tmp_path / "r.bib"),
                     line=1)
    source = provider.for_reference(book, tmp_path)
    assert source.status == "none" and source.reason == "no accessible text (print work; add a `file` field)"


def test_memoised_per_url(make_provider, origin):
    provider = make_provider()
    first = provider.for_url(origin.url("/flaky"))
    second = provider.for_url(origin.url("/flaky"), key="other")
    assert first.text == second.text and second.id == "other" and origin.hits("/flaky") == 2  # 500 then 200
    provider.prefetch([origin.url("/flaky"), origin.url("/article")])
    assert origin.hits("/flaky") == 2 and origin.hits("/article") == 1


def test_snapshot_then_offline_reproduces_findings(make_provider, origin, archive_site, tmp_path):
    drift_url = origin.url("/drift")
    archive_site.captures[drift_url] = ("20140105120000", html_page("Posters", DRIFT_OLD))
    archive_site.availability.add(drift_url)
    store = SnapshotStore(tmp_path / "snapshots")
    urls = [(origin.url("/article"), None), (origin.url("/missing"), None), (drift_url, "2014-01-05"),
            (origin.url("/moved"), None)]
    recorder = make_provider(snapshots=store, record=True)
    online = {u: recorder.for_url(u, urldate=d) for u, d in urls}
    before = origin.hits()
    offline = SourceProvider(None, None, SnapshotStore(tmp_path / "snapshots"), offline=True)
    replayed = {u: offline.for_url(u, urldate=d) for u, d in urls}
    assert origin.hits() == before
    for url, _ in urls:
        claim = DRIFT_CLAIM if url == drift_url else ARTICLE_TEXT[1]
        assert rules(check_link(replayed[url], "essay.md", SPAN, claim)) == \
            rules(check_link(online[url], "essay.md", SPAN, claim)), url
        assert replayed[url].text == online[url].text
    assert replayed[origin.url("/article")].status == "snapshot"
