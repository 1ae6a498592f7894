"""The one HTTP client of citecheck: :class:`Fetcher` (cache, politeness, retries, caps, guard).

A :class:`Fetcher` owns a single requests-cache ``CachedSession`` (SQLite file in the cache
directory, or a shared Redis: :mod:`citecheck.sources.cache`). The work is split by
responsibility:

- :mod:`citecheck.sources.guard` — the **address guard**: which hosts and addresses may be
  reached (private, loopback, link-local… refused unless configured), checked on every hop and
  on cache hits;
- :mod:`citecheck.sources.transport` — the session and its adapter: pinning the connection to
  the checked address, per-host concurrency and interval, urllib3 retries honouring
  ``Retry-After``, byte caps on the wire and after decompression;
- :mod:`citecheck.sources.limits` — hard per-attempt and per-fetch deadlines (a timer shuts the
  socket down).

Redirects are followed by :meth:`Fetcher.fetch` itself (here), one hop at a time, so the guard and
the hop cap apply to every hop. :meth:`Fetcher.fetch` never raises for network trouble: it
returns a :class:`FetchResult` whose ``error`` says what went wrong (``dead``, ``unreachable``,
``refused``, ``too-large``, ``unsupported``).

Every public name of those modules is importable from here, as before the split.

robots.txt is deliberately not consulted: a citation check fetches the handful of pages a human
author cited, once, like a reader following the link; it is not a crawler.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self, cast, get_args

from citecheck.sources.guard import (
    AddressGuard,
    AddressRefused,
    NameNotResolved,
    Resolver,
    blocked_reason,
    parse_ip_literal,
    system_resolver,
)
from citecheck.sources.limits import _ACTIVE, HostSlots
from citecheck.sources.transport import (
    _ADDRESSES_HEADER,
    _INTERNAL_ERROR_HEADER,
    _PRIVATE_HEADERS,
    OfflineRequest,
    decompress_capped,
)

if TYPE_CHECKING:
    from citecheck.sources.textcache import TextCache

# What went wrong with one URL (None on FetchResult.error: a page answered).
ErrorKind = Literal["dead", "unreachable", "refused", "too-large", "unsupported", "invalid"]
_ERROR_KINDS: frozenset[str] = frozenset(get_args(ErrorKind))
OFFLINE_MISS = "offline and not cached"  # the reason of an offline miss (FetchResult.offline_miss)

_CONTACT = "https://github.com/citecheck/citecheck"
_REDIRECT_CODES = {301, 302, 303, 307, 308}
_PERMANENT_REDIRECTS = {301, 308}
_GONE_STATUSES = {404, 410}
# Names a working resolver always answers for: a failed lookup of a cited host counts as NXDOMAIN
# (a dead link) only when one of these resolves.
DNS_CANARIES = ("example.com", "iana.org")


def default_user_agent() -> str:
    from citecheck import __version__

    return f"citecheck/{__version__} (+{_CONTACT})"


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("citecheck"))


@dataclass
class FetchOptions:
    """Everything that shapes how citecheck talks to the network."""

    cache_dir: Path | None = None  # None: the user cache directory (platformdirs)
    cache_url: str | None = None  # a shared cache (redis://host:6379/0) instead of SQLite in cache_dir
    expire_after: timedelta = timedelta(days=7)  # within it a re-run sends no request at all
    offline: bool = False  # serve only from the cache; never open a connection
    refresh: bool = False  # revalidate every cached response (ETag / Last-Modified)
    allow_private: bool = False  # permit loopback/private/link-local targets
    allowed_hosts: tuple[str, ...] = ()  # host names exempt from the address guard
    allowed_networks: tuple[str, ...] = ()  # CIDRs permitted even though not public
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    # Hard limit on one request attempt, from connecting to the last byte of the body (enforced by
    # shutting the socket down, so a slow-drip server cannot hold it longer).
    total_timeout: float = 120.0
    # Hard limit on one fetch: every redirect hop and retry together. None: the retries' total,
    # (retries + 1) * total_timeout + retries * retry_after_max.
    source_timeout: float | None = None
    max_bytes: int = 20_000_000  # on the wire and after decompression
    max_redirects: int = 10
    per_host: int = 2  # requests in flight per host
    per_host_interval: float = 0.1  # seconds between request starts per host (0: none)
    jobs: int = 8  # global worker threads of fetch_many
    retries: int = 3
    backoff_factor: float = 0.5
    retry_after_max: float = 30.0  # a longer Retry-After is cut to this
    user_agent: str = field(default_factory=default_user_agent)
    resolver: Resolver | None = None  # host -> addresses; None: the system resolver


    @property
    def source_budget(self) -> float:
        """The most one :meth:`Fetcher.fetch` may take (see ``source_timeout``)."""
        if self.source_timeout is not None:
            return self.source_timeout
        return (self.retries + 1) * self.total_timeout + self.retries * self.retry_after_max


@dataclass
class FetchResult:
    """What one URL gave, after following redirects. ``error`` is None when a page answered."""

    url: str
    final_url: str
    status_code: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    from_cache: bool = False
    error: ErrorKind | None = None
    reason: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, target) per hop
    elapsed: float = 0.0
    fetched_at: str | None = None  # when the response was received (from the cache: first stored)
    offline_miss: bool = False  # offline, and the cache holds no copy (error "unreachable")

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type") or self.headers.get("content-type")

    @property
    def permanent_redirects(self) -> list[str]:
        """Targets of the hops that were permanent (301/308) redirects."""
        return [target for status, target in self.redirects if status in _PERMANENT_REDIRECTS]


# --------------------------------------------------------------------------- fetcher


class Fetcher:
    """Owns the session, cache, limits and guard; pass it in, never import it as a global."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.guard = AddressGuard(self.options)
        self._dns_ok: bool | None = None  # does the resolver answer for other names? (see _resolver_answers)
        self.hosts = HostSlots(self.options.per_host)
        self.requests_sent = self.hosts.requests_sent  # per host:port, requests that went on the wire
        self._session_lock = threading.Lock()
        self._session: Any = None  # made on first use: an offline run citing no web page never opens the cache
        self._texts: TextCache | None = None  # extracted texts, beside the HTTP cache (made on first use)

    @property
    def session(self) -> Any:
        if self._session is None:
            with self._session_lock:
                if self._session is None:
                    self._session = self._make_session()
        return self._session

    @session.setter
    def session(self, value: Any) -> None:
        self._session = value  # None: a new one on next use (a forked worker must not share the parent's)

    # -- construction -------------------------------------------------------------------

    @property
    def cache_path(self) -> Path:
        directory = Path(self.options.cache_dir) if self.options.cache_dir else default_cache_dir()
        return directory / "http-cache.sqlite"

    def _make_session(self) -> Any:
        from citecheck.sources.transport import make_session

        return make_session(self)

    @property
    def texts(self) -> TextCache:
        """The cache of extracted texts beside the HTTP cache (same place, same expiry)."""
        if self._texts is None:
            with self._session_lock:
                if self._texts is None:
                    from citecheck.sources.textcache import TextCache, make_text_cache

                    try:
                        self._texts = make_text_cache(self.options.cache_url, self.cache_path.parent,
                                                      self.options.expire_after)
                    except Exception:  # noqa: BLE001 - e.g. Redis gone since the run began: extract as before
                        self._texts = TextCache()
        return self._texts

    def close(self) -> None:
        if self._session is not None:
            self._session.close()  # closes the adapters too, and with them the limiter's leak thread
        if self._texts is not None:
            self._texts.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- fetching -----------------------------------------------------------------------

    def _resolver_answers(self) -> bool:
        """Whether the resolver resolves any of :data:`DNS_CANARIES` (asked once per Fetcher)."""
        if self._dns_ok is None:
            ok = False
            for name in DNS_CANARIES:
                try:
                    ok = bool(self.guard.resolver(name))
                except (NameNotResolved, OSError):
                    ok = False
                if ok:
                    break
            self._dns_ok = ok
        return self._dns_ok

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> FetchResult:
        """GET ``url`` following redirects hop by hop; never raises.

        ``headers`` are sent on every hop (e.g. ``Accept-Datetime`` for a Memento TimeGate).
        A malformed URL (or redirect target) gives ``error="invalid"``; anything unexpected from
        the libraries below gives ``error="unreachable"`` with the exception in ``reason``.
        """
        started = time.monotonic()
        result = FetchResult(url=url, final_url=url)
        _ACTIVE.fetch_end = started + self.options.source_budget
        try:
            return self._fetch(url, headers, result, started)
        except Exception as exc:  # noqa: BLE001 - the contract: one URL's trouble is its result, never a raise
            return self._fail(result, "unreachable", f"internal error ({type(exc).__name__}: {_short(exc)})",
                              started)
        finally:
            _ACTIVE.fetch_end = None

    def _fetch(self, url: str, headers: dict[str, str] | None, result: FetchResult, started: float) -> FetchResult:
        import requests

        from citecheck.urls import BadURL, join_url, parse_url

        current = url
        seen = {url}
        try:
            for _hop in range(self.options.max_redirects + 1):
                if time.monotonic() - started > self.options.source_budget:
                    return self._fail(result, "unreachable",
                                      f"timed out: no answer within {self.options.source_budget:g} s "
                                      "(all redirects and retries together)", started)
                try:
                    parsed = parse_url(current)
                except BadURL as exc:
                    if current == url:
                        return self._fail(result, "invalid", f"malformed URL: {exc.reason}", started)
                    return self._fail(result, "invalid", f"redirect to a malformed URL {current!r}: {exc.reason}",
                                      started)
                if not parsed.is_web:
                    return self._fail(result, "unsupported", f"not an http(s) URL: {current}", started)
                current = str(parsed)
                self.guard.precheck(parsed.host)
                try:
                    response = self.session.get(
                        current,
                        headers=headers,
                        allow_redirects=False,
                        timeout=(self.options.connect_timeout, self.options.read_timeout),
                        only_if_cached=self.options.offline,
                        refresh=self.options.refresh and not self.options.offline,
                    )
                except ValueError as exc:
                    if isinstance(exc, requests.exceptions.RequestException):
                        raise
                    # requests looks ahead at a redirect's Location even when not following it
                    return self._fail(result, "invalid",
                                      f"redirect to a malformed URL from {current}: {_short(exc)}", started)
                result.final_url = current
                result.status_code = response.status_code
                result.headers = {k: v for k, v in response.headers.items() if k not in _PRIVATE_HEADERS}
                result.from_cache = bool(getattr(response, "from_cache", False))
                result.fetched_at = _received_at(response)
                if result.from_cache:
                    self._guard_cached(parsed.host, response)
                mark = response.headers.get(_INTERNAL_ERROR_HEADER)
                if mark:
                    kind, _, why = mark.partition(": ")
                    return self._fail(result, cast(ErrorKind, kind) if kind in _ERROR_KINDS else "unreachable",
                                      why, started)
                if self.options.offline and response.status_code == 504 and result.from_cache \
                        and getattr(response, "reason", "") == "Not Cached":
                    return self._fail(result, "unreachable", OFFLINE_MISS, started, offline_miss=True)
                status = response.status_code
                if status in _REDIRECT_CODES and response.headers.get("Location"):
                    target = join_url(current, response.headers["Location"].strip())
                    result.redirects.append((status, target))
                    if target in seen:
                        chain = " -> ".join([url, *[t for _, t in result.redirects]])
                        return self._fail(result, "dead", f"redirect loop: {chain}", started)
                    seen.add(target)
                    current = target
                    continue
                result.body = response.content or b""
                if 200 <= status < 300:
                    result.elapsed = time.monotonic() - started
                    return result
                return self._fail(result, _kind_for_status(status), _status_reason(response), started)
            return self._fail(result, "dead", f"more than {self.options.max_redirects} redirects", started)
        except AddressRefused as exc:
            return self._fail(result, "refused", exc.reason, started)
        except NameNotResolved as exc:
            # NXDOMAIN means "gone" only from a resolver that still answers for other names: with no
            # network, some resolvers report every name as nonexistent (issue 10, item 8).
            if exc.permanent and self._resolver_answers():
                return self._fail(result, "dead", exc.reason, started)
            reason = exc.reason if not exc.permanent else (
                f"{exc.reason}; the resolver answers for no other name either (network down?)")
            return self._fail(result, "unreachable", reason, started)
        except OfflineRequest:
            return self._fail(result, "unreachable", OFFLINE_MISS, started, offline_miss=True)
        except requests.exceptions.InvalidURL as exc:
            return self._fail(result, "invalid", f"malformed URL: {_short(exc)}", started)
        except requests.exceptions.RequestException as exc:
            return self._fail(result, "unreachable", self._describe(exc), started)

    def _guard_cached(self, host: str, response: Any) -> None:
        """Apply the address guard to a cache hit: the addresses recorded when it was fetched."""
        recorded = response.headers.get(_ADDRESSES_HEADER)
        if recorded is None:
            if not self.options.offline:
                self.guard.pin(host)  # an entry from before addresses were recorded: check the name now
            return
        self.guard.check_recorded(host, [a.strip() for a in recorded.split(",") if a.strip()])

    def _describe(self, exc: BaseException) -> str:
        text = str(exc)
        if text.startswith("body not received"):
            return f"timed out: {text}"
        if "ConnectTimeout" in text or "connect timeout" in text.lower():
            return f"timed out: no connection within {self.options.connect_timeout:g} s"
        if "ReadTimeout" in text or "timed out" in text.lower():
            return f"timed out: no response within {self.options.read_timeout:g} s"
        if "Connection refused" in text or "ConnectionRefused" in text:
            return "connection refused"
        return f"connection failed ({_short(exc)})"

    def _fail(self, result: FetchResult, kind: ErrorKind, reason: str, started: float, *,
              offline_miss: bool = False) -> FetchResult:
        result.error = kind
        result.reason = reason
        result.offline_miss = offline_miss
        result.elapsed = time.monotonic() - started
        return result

    def fetch_many(
        self, urls: Iterable[str], progress: Callable[[str, FetchResult], None] | None = None
    ) -> dict[str, FetchResult]:
        """Fetch many URLs with ``jobs`` threads; hosts are interleaved so no host hogs the pool."""
        ordered = interleave_by_host(dict.fromkeys(urls))
        results: dict[str, FetchResult] = {}
        if not ordered:
            return results

        def one(url: str) -> tuple[str, FetchResult]:
            res = self.fetch(url)
            if progress is not None:
                progress(url, res)
            return url, res

        with ThreadPoolExecutor(max_workers=max(1, self.options.jobs), thread_name_prefix="citecheck-fetch") as pool:
            for url, res in pool.map(one, ordered):
                results[url] = res
        return results


def interleave_by_host(urls: Iterable[str]) -> list[str]:
    """Round-robin over hosts (first-seen order), so workers spread across hosts."""
    from citecheck.urls import host_key

    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_key(url), []).append(url)
    queues = list(by_host.values())
    ordered: list[str] = []
    for index in range(max((len(q) for q in queues), default=0)):
        ordered.extend(q[index] for q in queues if index < len(q))
    return ordered


def _kind_for_status(status: int) -> ErrorKind:
    """Only an origin that says the page is gone (404 Not Found, 410 Gone) makes a link dead.

    A persistent 5xx, a 403 or a 429 says nothing about the page: the link is unreachable this
    run (source-unreachable), not dead (link-dead). IABot re-checks over days for the same reason.
    """
    if status in _GONE_STATUSES:
        return "dead"
    return "unreachable"


def _status_reason(response: Any) -> str:
    reason = getattr(response, "reason", "") or ""
    text = f"HTTP {response.status_code} {reason}".strip()
    if response.status_code in (429, 500, 502, 503, 504):
        text += " after retries"
    return text


def _short(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Caused by ", "(Caused by"):
        if marker in text:
            text = text.split(marker, 1)[1].strip("() ")
    return text[:200]


def _received_at(response: Any) -> str:
    created = getattr(response, "created_at", None)
    if isinstance(created, datetime):
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = [
    "DNS_CANARIES",
    "OFFLINE_MISS",
    "AddressGuard",
    "AddressRefused",
    "FetchOptions",
    "FetchResult",
    "Fetcher",
    "NameNotResolved",
    "blocked_reason",
    "decompress_capped",
    "default_cache_dir",
    "default_user_agent",
    "interleave_by_host",
    "parse_ip_literal",
    "system_resolver",
]
