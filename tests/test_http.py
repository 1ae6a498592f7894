# ruff: noqa: F811  (fixtures from servers.py are imported, then requested by name)
"""The Fetcher against real servers on loopback: cache, retries, caps, redirects, address guard."""

from __future__ import annotations

import ipaddress
import time
from datetime import timedelta

import pytest
from servers import HUGE_SIZE, Server, loopback_options, origin, origin_routes  # noqa: F401

from citecheck.sources.http import (
    AddressGuard,
    AddressRefused,
    Fetcher,
    FetchOptions,
    interleave_by_host,
    parse_ip_literal,
)


@pytest.fixture
def fetcher(tmp_path):
    with Fetcher(loopback_options(tmp_path)) as f:
        yield f


def test_article_is_fetched_with_our_user_agent(fetcher, origin):
    result = fetcher.fetch(origin.url("/article"))
    assert result.ok and result.status_code == 200 and not result.from_cache
    assert b"1,436 delegates" in result.body
    agent = origin.log[0].headers["User-Agent"]
    assert agent.startswith("citecheck/") and "+https://github.com/citecheck/citecheck" in agent


def test_second_run_sends_zero_requests(tmp_path, origin):
    paths = ["/article", "/missing", "/r1", "/paper.pdf", "/gzipped"]
    with Fetcher(loopback_options(tmp_path)) as first:
        cold = {p: first.fetch(origin.url(p)) for p in paths}
    before = origin.hits()
    assert before >= len(paths)
    assert (tmp_path / "cache" / "http-cache.sqlite").is_file()
    with Fetcher(loopback_options(tmp_path)) as second:
        warm = {p: second.fetch(origin.url(p)) for p in paths}
    assert origin.hits() == before  # counted server-side: nothing reached the origin
    assert origin.connections == origin.connections  # (no new connection either, see below)
    for p in paths:
        assert warm[p].from_cache
        assert warm[p].status_code == cold[p].status_code
        assert warm[p].body == cold[p].body
        assert warm[p].error == cold[p].error


def test_no_connection_at_all_on_warm_run(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path)) as first:
        first.fetch(origin.url("/article"))
    connections = origin.connections
    with Fetcher(loopback_options(tmp_path)) as second:
        assert second.fetch(origin.url("/article")).from_cache
    assert origin.connections == connections


def test_revalidates_with_etag_after_expiry(tmp_path, origin):
    options = loopback_options(tmp_path, expire_after=timedelta(seconds=1))
    with Fetcher(options) as f:
        first = f.fetch(origin.url("/article"))
        time.sleep(1.2)
        second = f.fetch(origin.url("/article"))
    assert origin.hits("/article") == 2
    assert origin.log[-1].headers.get("If-None-Match") == '"article-v1"'
    assert second.ok and second.body == first.body and second.from_cache  # the 304 kept the cached body


def test_refresh_revalidates(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path)) as f:
        f.fetch(origin.url("/article"))
    with Fetcher(loopback_options(tmp_path, refresh=True)) as f:
        result = f.fetch(origin.url("/article"))
    assert origin.hits("/article") == 2
    assert origin.log[-1].headers.get("If-None-Match") == '"article-v1"'
    assert result.ok and b"1,436" in result.body


def test_stale_if_error_serves_the_expired_copy(tmp_path):
    server = Server(origin_routes())
    url = server.url("/article")
    options = loopback_options(tmp_path, expire_after=timedelta(seconds=1))
    with Fetcher(options) as f:
        fresh = f.fetch(url)
        server.close()
        time.sleep(1.2)
        stale = f.fetch(url)
    assert stale.ok and stale.from_cache and stale.body == fresh.body


def test_offline_with_empty_cache_is_unreachable_and_silent(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path, offline=True)) as f:
        result = f.fetch(origin.url("/article"))
    assert result.error == "unreachable" and result.reason == "offline and not cached"
    assert origin.hits() == 0 and origin.connections == 0


def test_offline_serves_the_cache(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path)) as f:
        f.fetch(origin.url("/r1"))
    before = origin.hits()
    with Fetcher(loopback_options(tmp_path, offline=True)) as f:
        result = f.fetch(origin.url("/r1"))
    assert result.ok and result.final_url.endswith("/article") and origin.hits() == before


def test_an_offline_miss_is_a_flag_not_a_message(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path)) as f:
        f.fetch(origin.url("/missing"))
    with Fetcher(loopback_options(tmp_path, offline=True)) as f:
        miss = f.fetch(origin.url("/article"))
        gone = f.fetch(origin.url("/missing"))  # offline too, but the cache knows the page is gone
    assert miss.error == "unreachable" and miss.offline_miss
    assert gone.error == "dead" and not gone.offline_miss


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/gone", 410)])
def test_not_found_and_gone_are_dead(fetcher, origin, path, status):
    result = fetcher.fetch(origin.url(path))
    assert result.error == "dead" and result.status_code == status
    assert origin.hits(path) == 1  # 4xx is not retried


def test_slow_page_times_out_as_unreachable(fetcher, origin):
    result = fetcher.fetch(origin.url("/slow"))
    assert result.error == "unreachable" and "timed out" in result.reason
    # The client gave up (the 1 s read timeout) while the server still waited its 3 s: not a byte
    # of the page had been sent when fetch returned, however often it was asked.
    assert origin.hits("/slow") >= 1 and origin.bytes_sent.get("/slow", 0) == 0
    assert result.status_code is None and not result.ok


def test_500_recovers_on_retry(fetcher, origin):
    result = fetcher.fetch(origin.url("/flaky"))
    assert result.ok and origin.hits("/flaky") == 2


def test_persistent_500_is_unreachable_after_retries(fetcher, origin):
    # A server error says nothing about the page being gone: not dead (issue 10, item 8).
    result = fetcher.fetch(origin.url("/broken"))
    assert result.error == "unreachable" and result.status_code == 500 and "after retries" in result.reason
    assert origin.hits("/broken") == 4  # 1 + 3 retries


def test_429_waits_for_retry_after(fetcher, origin):
    result = fetcher.fetch(origin.url("/busy"))
    assert result.ok
    first, second = origin.times("/busy")
    assert second - first >= 0.95  # measured server-side


def test_persistent_429_is_unreachable_not_dead(fetcher, origin):
    result = fetcher.fetch(origin.url("/always-busy"))
    assert result.error == "unreachable" and result.status_code == 429


def test_redirect_chain_is_followed_hop_by_hop(fetcher, origin):
    result = fetcher.fetch(origin.url("/r1"))
    assert result.ok and result.final_url == origin.url("/article")
    assert [status for status, _ in result.redirects] == [301, 302, 308]
    assert result.permanent_redirects == [origin.url("/r2"), origin.url("/article")]
    assert [s.path for s in origin.log] == ["/r1", "/r2", "/r3", "/article"]


def test_redirect_loop_is_detected(fetcher, origin):
    result = fetcher.fetch(origin.url("/loop-a"))
    assert result.error == "dead" and "redirect loop" in result.reason
    assert origin.hits() == 2


def test_redirect_cap(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path, max_redirects=2)) as f:
        result = f.fetch(origin.url("/r1"))
    assert result.error == "dead" and "more than 2 redirects" in result.reason


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
def test_redirect_to_private_address_is_refused_before_connecting(fetcher, origin, path):
    result = fetcher.fetch(origin.url(path))
    assert result.error == "refused"
    assert "private" in result.reason or "link-local" in result.reason
    assert result.final_url == origin.url(path)  # the refused hop was never requested


def test_huge_body_is_refused_by_content_length(fetcher, origin):
    result = fetcher.fetch(origin.url("/huge"))
    assert result.error == "too-large" and result.body == b""
    time.sleep(0.2)
    assert origin.bytes_sent.get("/huge", 0) < HUGE_SIZE  # streamed, not read to the end


def test_huge_chunked_body_is_cut_while_streaming(tmp_path, origin):
    with Fetcher(loopback_options(tmp_path, max_bytes=1_000_000)) as f:
        result = f.fetch(origin.url("/huge-chunked"))
    assert result.error == "too-large" and "1000000-byte cap" in result.reason
    time.sleep(0.2)
    assert origin.bytes_sent.get("/huge-chunked", 0) < HUGE_SIZE / 2
    with Fetcher(loopback_options(tmp_path, max_bytes=1_000_000)) as again:
        again.fetch(origin.url("/huge-chunked"))
    assert origin.hits("/huge-chunked") == 2  # a too-large answer is never cached


def test_gzip_bomb_stops_at_the_cap(fetcher, origin):
    result = fetcher.fetch(origin.url("/bomb"))
    assert result.error == "too-large" and "decompressed" in result.reason


def test_gzip_is_decoded_by_us(fetcher, origin):
    result = fetcher.fetch(origin.url("/gzipped"))
    assert result.ok and b"1,436 delegates" in result.body
    assert "Content-Encoding" not in result.headers


# --------------------------------------------------------------------------- address guard

SPELLINGS = [
    "http://2130706433:{port}/article",
    "http://0x7f.1:{port}/article",
    "http://0x7f000001:{port}/article",
    "http://0177.0.0.1:{port}/article",
    "http://127.1:{port}/article",
    "http://127.0.0.1:{port}/article",
    "http://[::ffff:127.0.0.1]:{port}/article",
    "http://[::ffff:7f00:1]:{port}/article",
    "http://localhost:{port}/article",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_loopback_spellings_are_refused(tmp_path, origin, spelling):
    with Fetcher(FetchOptions(cache_dir=tmp_path)) as f:  # no allowance at all
        result = f.fetch(spelling.format(port=origin.port))
    assert result.error == "refused", result.reason
    assert origin.connections == 0


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://224.0.0.1/",
    "http://[::]/", "http://100.64.0.1/", "http://[2002:7f00:1::]/", "http://0/",
])
def test_private_and_special_addresses_are_refused(tmp_path, url):
    # allowed_networks covers loopback only; everything else private stays refused
    with Fetcher(loopback_options(tmp_path, allowed_networks=("127.0.0.0/8",), connect_timeout=0.2)) as f:
        result = f.fetch(url)
    assert result.error == "refused", result.reason


@pytest.mark.parametrize(("host", "expected"), [
    ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"),
    ("0x7f.0.0.1", "127.0.0.1"), ("10.1", "10.0.0.1"), ("[::ffff:127.0.0.1]", "127.0.0.1"),
    ("::1", "::1"), ("93.184.216.34", "93.184.216.34"), ("example.org", None), ("0x10.example", None),
])
def test_parse_ip_literal(host, expected):
    parsed = parse_ip_literal(host)
    assert (str(parsed) if parsed is not None else None) == expected


def test_parse_ip_literal_rejects_bad_numbers():
    with pytest.raises(ValueError):
        parse_ip_literal("256.0.0.1")
    with pytest.raises(ValueError):
        parse_ip_literal("1.2.3.999")


def test_guard_checks_every_resolved_address():
    # Pure guard check: nothing connects anywhere.
    guard = AddressGuard(FetchOptions(resolver=lambda host: ["93.184.216.34", "127.0.0.1"]))
    with pytest.raises(AddressRefused, match="loopback"):
        guard.pin("rebind.example")
    public = AddressGuard(FetchOptions(resolver=lambda host: ["93.184.216.34", "2606:2800:220:1::1"]))
    assert public.pin("example.org") == "93.184.216.34"
    assert ipaddress.ip_address(public.pin("example.org")).is_global


def test_public_name_resolving_to_loopback_is_refused(tmp_path, origin):
    options = FetchOptions(cache_dir=tmp_path, resolver=lambda host: ["127.0.0.1"])
    with Fetcher(options) as f:
        result = f.fetch(f"http://news.example:{origin.port}/article")
    assert result.error == "refused" and "resolves to a loopback address" in result.reason
    assert origin.connections == 0


def test_dns_rebinding_answer_with_a_loopback_address_is_refused(tmp_path):
    # 127.0.0.2 stands in for "public" (explicitly allowed); 127.0.0.1 is the internal target.
    internal = Server(origin_routes(), host="127.0.0.1")
    try:
        options = FetchOptions(cache_dir=tmp_path, allowed_networks=("127.0.0.2/32",),
                               resolver=lambda host: ["127.0.0.2", "127.0.0.1"])
        with Fetcher(options) as f:
            result = f.fetch(f"http://rebind.example:{internal.port}/article")
        assert result.error == "refused"
        assert internal.connections == 0
    finally:
        internal.close()


def test_connection_goes_to_the_checked_address_only(tmp_path):
    """The resolver answers 127.0.0.2 first, then 127.0.0.1: only the first answer is ever used."""
    public = Server(origin_routes(), host="127.0.0.2")
    internal = Server(origin_routes(), host="127.0.0.1", port=public.port)
    calls: list[str] = []

    def rebinding(host: str) -> list[str]:
        calls.append(host)
        return ["127.0.0.2"] if len(calls) == 1 else ["127.0.0.1"]

    try:
        options = FetchOptions(cache_dir=tmp_path, allowed_networks=("127.0.0.2/32",), resolver=rebinding)
        with Fetcher(options) as f:
            result = f.fetch(f"http://rebind.example:{public.port}/article")
        # The name does not exist in real DNS: success proves the pinned address was used.
        assert result.ok and b"1,436" in result.body
        assert calls == ["rebind.example"]
        assert public.hits("/article") == 1
        assert public.log[0].headers["Host"] == f"rebind.example:{public.port}"
        assert internal.connections == 0
    finally:
        public.close()
        internal.close()


def test_unknown_name_is_dead(tmp_path):
    from citecheck.sources.http import DNS_CANARIES

    # Dead only because the same resolver answers for other names (issue 10, item 8).
    options = FetchOptions(cache_dir=tmp_path, resolver=lambda host: ["93.184.216.34"] if host in DNS_CANARIES else [])
    with Fetcher(options) as f:
        result = f.fetch("http://no-such-host.invalid/page")
    assert result.error == "dead" and "no address" in result.reason


# --------------------------------------------------------------------------- concurrency


def test_fetch_many_respects_the_per_host_limit(tmp_path, origin):
    urls = [origin.url(f"/concurrent?i={i}") for i in range(6)]
    with Fetcher(loopback_options(tmp_path, per_host=2, jobs=8)) as f:
        results = f.fetch_many(urls)
    assert all(r.ok for r in results.values()) and set(results) == set(urls)
    # Counted server-side: two at a time, never more, each URL asked once.
    assert origin.state["max-in-flight"] == 2
    assert origin.hits("/concurrent") == 6


@pytest.mark.parametrize(("interval", "most_in_flight"), [(0.0, 3), (0.8, 1)])
def test_per_host_interval_spaces_requests(tmp_path, origin, interval, most_in_flight):
    # /concurrent holds each request 0.3 s and counts how many are in flight at once: with
    # starts 0.8 s apart no two overlap; without an interval all three do (per-host limit 3).
    urls = [origin.url(f"/concurrent?i={i}") for i in range(3)]
    with Fetcher(loopback_options(tmp_path, per_host=3, jobs=3, per_host_interval=interval)) as f:
        results = f.fetch_many(urls)
    assert all(r.ok for r in results.values())
    assert origin.state["max-in-flight"] == most_in_flight


def test_interleave_by_host():
    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1", "http://b/2"]
    assert interleave_by_host(urls) == ["http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://b/2",
                                        "http://a/3"]
