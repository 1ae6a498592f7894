"""The one HTTP client of citecheck: cache, politeness, retries, caps and the address guard.

A :class:`Fetcher` owns a single requests-cache ``CachedSession`` (SQLite file in the cache
directory) whose transport adapter does, for every request that really goes on the wire:

1. the **address guard**: the host is resolved here (or parsed when it is an IP literal in any
   spelling), and the request is refused when *any* resolved address is loopback, private,
   link-local, unspecified, multicast, reserved or otherwise not globally routable, unless
   configured otherwise;
2. **pinning**: the connection goes to the very address that was checked (the pool is keyed by
   that IP; ``Host`` and TLS SNI/certificate checks use the name), so a second DNS answer can
   never redirect it (DNS rebinding);
3. a per-host concurrency slot and a per-host request interval (requests-ratelimiter with its
   per-host bucket factory);
4. urllib3 retries: 429/503 honour ``Retry-After`` (capped), 500/502/504 back off;
5. a byte cap while streaming the body (Content-Length is checked first) and decompression done
   here with a cap on the decoded size, so a gzip bomb stops at the cap.

Redirects are followed by :meth:`Fetcher.fetch` itself, one hop at a time, so the guard and the
hop cap apply to every hop. :meth:`Fetcher.fetch` never raises for network trouble: it returns a
:class:`FetchResult` whose ``error`` says what went wrong (``dead``, ``unreachable``, ``refused``,
``too-large``, ``unsupported``).

robots.txt is deliberately not consulted: a citation check fetches the handful of pages a human
author cited, once, like a reader following the link; it is not a crawler.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

ErrorKind = str  # None | "dead" | "unreachable" | "refused" | "too-large" | "unsupported" | "invalid"

_INTERNAL_ERROR_HEADER = "X-Citecheck-Error"
# The addresses the guard checked when the response was fetched, stored with it in the cache so
# a later run can refuse a cached answer from a host it would not be allowed to reach now.
_ADDRESSES_HEADER = "X-Citecheck-Addresses"
_PRIVATE_HEADERS = {_INTERNAL_ERROR_HEADER, _ADDRESSES_HEADER}
_CONTACT = "https://github.com/citecheck/citecheck"
_REDIRECT_CODES = {301, 302, 303, 307, 308}
_PERMANENT_REDIRECTS = {301, 308}
# Responses worth keeping in the cache: pages, permanent and temporary redirects, and "gone".
_CACHEABLE = (200, 203, 300, 301, 302, 303, 307, 308, 404, 410)
_GONE_STATUSES = {404, 410}
# Names a working resolver always answers for: a failed lookup of a cited host counts as NXDOMAIN
# (a dead link) only when one of these resolves.
DNS_CANARIES = ("example.com", "iana.org")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def default_user_agent() -> str:
    from citecheck import __version__

    return f"citecheck/{__version__} (+{_CONTACT})"


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("citecheck"))


Resolver = Callable[[str], list[str]]


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


# --------------------------------------------------------------------------- address guard


class AddressRefused(Exception):
    """The address guard refused a host; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NameNotResolved(Exception):
    """DNS gave no address; ``permanent`` when the name does not exist."""

    def __init__(self, reason: str, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def _parse_ipv4_part(part: str) -> int | None:
    if part[:2].lower() == "0x":
        digits, base = part[2:], 16
        if digits == "":
            return 0
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    else:
        digits, base = part, 10
    try:
        return int(digits, base) if digits and digits.isalnum() else None
    except ValueError:
        return None


def parse_ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names literally, in any spelling browsers and libc accept, or None.

    Handles ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, bracketed IPv6, zone ids and
    IPv4-mapped IPv6 (returned as the IPv4 address). Raises ValueError for a numeric host that is
    not a valid address (e.g. ``256.1.1.1``).
    """
    host = host.strip().strip("[]")
    if ":" in host:
        address = ipaddress.IPv6Address(host.split("%", 1)[0])
        return address.ipv4_mapped or address
    parts = host.rstrip(".").split(".") if host not in ("", ".") else []
    if not parts or len(parts) > 4:
        return None
    values = [_parse_ipv4_part(p) for p in parts]
    if any(v is None for v in values):
        if _parse_ipv4_part(parts[-1]) is not None and all(p.isdigit() for p in parts):
            raise ValueError(f"invalid IP address {host!r}")
        return None  # a name such as example.org
    numbers = [v for v in values if v is not None]
    head, last = numbers[:-1], numbers[-1]
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(numbers)):
        raise ValueError(f"invalid IP address {host!r}")
    value = 0
    for v in head:
        value = value * 256 + v
    value = value * 256 ** (5 - len(numbers)) + last
    return ipaddress.IPv4Address(value)


def blocked_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not a public one (None when it is)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = blocked_reason(embedded)
            return f"{inner} (embedded in {address})" if inner else None
    checks = [
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("not globally routable", not address.is_global),
    ]
    for name, hit in checks:
        if hit:
            return f"{name} address {address}"
    return None


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6), in its order."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        permanent = exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME))
        raise NameNotResolved(f"DNS lookup for {host} failed: {exc.strerror}", permanent) from None
    seen: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        if addr not in seen:
            seen.append(addr)
    return seen


class AddressGuard:
    """Resolves a host once and decides which address (if any) may be connected to."""

    def __init__(self, options: FetchOptions) -> None:
        self.allow_private = options.allow_private
        self.allowed_hosts = {h.lower().rstrip(".") for h in options.allowed_hosts}
        self.allowed_networks = [ipaddress.ip_network(n, strict=False) for n in options.allowed_networks]
        self.resolver: Resolver = options.resolver or system_resolver

    def _permitted(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        reason = blocked_reason(address)
        if reason is None or self.allow_private:
            return None
        if any(address.version == net.version and address in net for net in self.allowed_networks):
            return None
        return reason

    def precheck(self, host: str) -> None:
        """Refuse, without any DNS lookup, hosts that are plainly not public (IP literals, localhost)."""
        name = host.lower().rstrip(".")
        if name in self.allowed_hosts or self.allow_private:
            return
        try:
            literal = parse_ip_literal(name)
        except ValueError as exc:
            raise AddressRefused(str(exc)) from None
        if literal is not None:
            reason = self._permitted(literal)
            if reason:
                raise AddressRefused(f"{host} is a {reason}")
        elif (name == "localhost" or name.endswith(".localhost")) and not any(
            ipaddress.ip_address("127.0.0.1") in n for n in self.allowed_networks
        ):
            raise AddressRefused(f"{host} is a loopback name")

    def pin(self, host: str) -> str:
        """The address to connect to for ``host``; raises AddressRefused or NameNotResolved."""
        return self.checked_addresses(host)[0]

    def check_recorded(self, host: str, addresses: list[str]) -> None:
        """Refuse a cached response whose host had ``addresses`` when fetched, if they are not allowed now."""
        name = host.lower().rstrip(".")
        if name in self.allowed_hosts:
            return
        for text in addresses:
            try:
                address = ipaddress.ip_address(text)
            except ValueError:
                raise AddressRefused(f"{host}: the cached copy records no valid address ({text!r})") from None
            reason = self._permitted(address)
            if reason:
                raise AddressRefused(f"{host} resolved to a {reason} when the cached copy was fetched")

    def checked_addresses(self, host: str) -> list[str]:
        """Every address of ``host``, all allowed (the first is the one to connect to)."""
        name = host.lower().rstrip(".")
        try:
            literal = parse_ip_literal(name)
        except ValueError as exc:
            raise AddressRefused(str(exc)) from None
        if literal is not None:
            addresses = [literal]
        else:
            try:
                answers = self.resolver(name)
            except NameNotResolved:
                raise
            except OSError as exc:
                raise NameNotResolved(f"DNS lookup for {host} failed: {exc}", False) from None
            except (UnicodeError, ValueError) as exc:
                raise NameNotResolved(f"{host} is not a name that can be looked up ({exc})", True) from None
            if not answers:
                raise NameNotResolved(f"DNS lookup for {host} gave no address", True)
            addresses = []
            for answer in answers:
                try:
                    parsed = ipaddress.ip_address(answer.split("%", 1)[0])
                except ValueError:
                    raise NameNotResolved(f"DNS lookup for {host} gave a malformed address {answer!r}", False) from None
                if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
                    parsed = parsed.ipv4_mapped
                addresses.append(parsed)
        if name not in self.allowed_hosts:
            # Every answer is checked, not only the first: a resolver may rotate its answers.
            for address in addresses:
                reason = self._permitted(address)
                if reason:
                    shown = f"{host} resolves to a {reason}" if literal is None else f"{host} is a {reason}"
                    raise AddressRefused(shown)
        return [str(a) for a in addresses]


# --------------------------------------------------------------------------- transport


class OfflineRequest(Exception):
    """A request would have gone on the wire although the fetcher is offline."""


def _decoders(encoding: str) -> list[str]:
    return [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]


def decompress_capped(data: bytes, encoding: str, cap: int) -> bytes:
    """Undo gzip/deflate content codings; ValueError('too-large') past ``cap`` decoded bytes."""
    for coding in reversed(_decoders(encoding)):
        if coding in ("gzip", "x-gzip"):
            candidates = [zlib.MAX_WBITS | 16]
        elif coding == "deflate":
            candidates = [zlib.MAX_WBITS, -zlib.MAX_WBITS]  # zlib-wrapped, or raw as some servers send
        else:
            raise LookupError(coding)
        for i, wbits in enumerate(candidates):
            decoder = zlib.decompressobj(wbits)
            try:
                out = decoder.decompress(data, cap + 1)
                if len(out) <= cap:
                    out += decoder.flush()
            except zlib.error:
                if i + 1 < len(candidates):
                    continue
                raise
            if len(out) > cap:
                raise ValueError("too-large")
            data = out
            break
    return data


class _Deadline:
    """Hard limits on one request: ``per_attempt`` seconds from each connection attempt (retries
    included) to the last byte of its body, and an overall end for the whole fetch.

    When a limit passes, the request's socket is shut down from a timer. A socket timeout only
    bounds each ``recv``, so a server dripping one byte a second would hold a plain client for as
    long as it likes; the shutdown ends any blocked read at once.
    """

    def __init__(self, per_attempt: float, overall_end: float | None) -> None:
        self.per_attempt = max(0.0, per_attempt)
        self.overall_end = overall_end
        self.expired = False
        self.seconds = self.per_attempt  # the limit of the current attempt, for messages
        self.ends_at = time.monotonic() + self.per_attempt
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Self:
        _ACTIVE.deadline = self
        self._arm()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        _ACTIVE.deadline = None

    def _arm(self) -> None:
        now = time.monotonic()
        end = now + self.per_attempt
        if self.overall_end is not None:
            end = min(end, self.overall_end)
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self.ends_at = end
            self.seconds = max(0.0, end - now)
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def attach(self, connection: Any) -> None:
        """A new attempt on ``connection``: its own full limit starts now (never past the overall end)."""
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)
        else:
            self._arm()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)


def _shut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_ACTIVE = threading.local()  # the _Deadline of the request this thread is sending, if any


def _pool_classes() -> dict[str, type]:
    """Connection pools that hand each connection to the current request's deadline."""
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def make(base: type) -> type:
        class DeadlinePool(base):  # type: ignore[misc,valid-type]
            def _make_request(self, conn: Any, *args: Any, **kwargs: Any) -> Any:
                deadline = getattr(_ACTIVE, "deadline", None)
                if deadline is not None:
                    deadline.attach(conn)
                return super()._make_request(conn, *args, **kwargs)

        return DeadlinePool

    return {"http": make(HTTPConnectionPool), "https": make(HTTPSConnectionPool)}


def _make_adapter_class() -> type:
    import requests
    from requests_ratelimiter import LimiterAdapter
    from urllib3 import HTTPResponse

    class GuardedAdapter(LimiterAdapter):  # type: ignore[misc]
        """Guard, pin, limit per host, then read the body under the caps."""

        def __init__(self, fetcher: Fetcher, **kwargs: Any) -> None:
            self._fetcher = fetcher
            super().__init__(**kwargs)

        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = _pool_classes()

        def send(self, request: Any, stream: bool = False, timeout: Any = None,  # type: ignore[override]
                 verify: Any = True, cert: Any = None, proxies: Any = None) -> Any:
            fetcher = self._fetcher
            if fetcher.options.offline:
                raise OfflineRequest(request.url)
            parts = urlsplit(request.url)
            host = parts.hostname or ""
            addresses = fetcher.guard.checked_addresses(host)
            pinned_ip = addresses[0]
            pinned = request.copy()
            pinned.headers["Host"] = parts.netloc.rsplit("@", 1)[-1]
            pinned.citecheck_pinned_ip = pinned_ip
            with fetcher._slot(parts.netloc):
                fetcher._count_request(parts.netloc)
                with _Deadline(fetcher.options.total_timeout, getattr(_ACTIVE, "fetch_end", None)) as deadline:
                    try:
                        response = super().send(pinned, stream=True, timeout=timeout, verify=verify, cert=cert,
                                                proxies={})
                        answer = self._read_capped(response, addresses, deadline)
                        if deadline.expired:  # a shut-down socket can look like a complete answer
                            raise requests.exceptions.ReadTimeout("deadline passed", request=request)
                        return answer
                    except Exception:
                        if deadline.expired:
                            raise requests.exceptions.ReadTimeout(
                                f"body not received within {deadline.seconds:g} s (the request's deadline)",
                                request=request) from None
                        raise

        def build_connection_pool_key_attributes(self, request: Any, verify: Any, cert: Any = None) -> Any:
            host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
            pinned_ip = getattr(request, "citecheck_pinned_ip", None)
            if pinned_ip:
                name = host_params["host"]
                if host_params["scheme"] == "https":
                    pool_kwargs["server_hostname"] = name
                    pool_kwargs["assert_hostname"] = name
                host_params["host"] = pinned_ip
            return host_params, pool_kwargs

        def _read_capped(self, response: Any, addresses: list[str], watch: _Deadline) -> Any:
            options = self._fetcher.options
            raw = response.raw
            mark = None
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > options.max_bytes:
                mark = f"too-large: Content-Length {int(length)} bytes exceeds the {options.max_bytes}-byte cap"
                raw.close()
                body = b""
            else:
                chunks: list[bytes] = []
                total = 0
                deadline = watch.ends_at
                try:
                    while True:
                        chunk = raw.read(65536, decode_content=False)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > options.max_bytes:
                            mark = f"too-large: body exceeds the {options.max_bytes}-byte cap"
                            break
                        if watch.expired or time.monotonic() > deadline:
                            raw.close()
                            raise requests.exceptions.ReadTimeout(
                                f"body not received within {watch.seconds:g} s (the request's deadline)",
                                request=response.request)
                        chunks.append(chunk)
                except requests.exceptions.ReadTimeout:
                    raise
                except Exception as exc:  # noqa: BLE001 - urllib3 ProtocolError / ReadTimeoutError mid-body
                    raw.close()
                    if "timed out" in str(exc).lower():
                        raise requests.exceptions.ReadTimeout(str(exc), request=response.request) from None
                    raise requests.exceptions.ConnectionError(str(exc), request=response.request) from None
                if mark:
                    raw.close()  # drop the connection: the rest is never read
                    body = b""
                else:
                    raw.release_conn()
                    body = b"".join(chunks)
            headers = dict(response.headers)
            encoding = response.headers.get("Content-Encoding", "")
            if not mark and _decoders(encoding) and response.status_code != 304:
                try:
                    body = decompress_capped(body, encoding, options.max_bytes)
                    headers.pop("Content-Encoding", None)
                    headers.pop("content-encoding", None)
                    headers["Content-Length"] = str(len(body))
                except ValueError:
                    mark = f"too-large: decompressed body exceeds the {options.max_bytes}-byte cap"
                    body = b""
                except LookupError as exc:
                    mark = f"unsupported: content encoding {exc.args[0]!r}"
                    body = b""
                except zlib.error as exc:
                    mark = f"unsupported: body does not decode as {encoding}: {exc}"
                    body = b""
            if mark:
                headers[_INTERNAL_ERROR_HEADER] = mark
            headers[_ADDRESSES_HEADER] = ", ".join(addresses)
            return _rebuild(response, body, headers, HTTPResponse)

    return GuardedAdapter


def _rebuild(response: Any, body: bytes, headers: dict[str, str], response_class: Any) -> Any:
    """The same response with an in-memory, already decoded body (what the cache stores)."""
    from requests.structures import CaseInsensitiveDict

    old = response.raw
    response.raw = response_class(
        body=BytesIO(body),
        headers=headers,
        status=response.status_code,
        reason=response.reason,
        version=getattr(old, "version", 11),
        preload_content=False,
        decode_content=False,
        request_url=response.url,
    )
    # Session.send reads cookies from the original http.client response; keep it reachable.
    response.raw._original_response = getattr(old, "_original_response", None)
    response.headers = CaseInsensitiveDict(headers)
    response._content = body
    response._content_consumed = True
    return response


def _make_retry(options: FetchOptions) -> Any:
    from urllib3.util.retry import Retry

    return Retry(
        total=options.retries,
        connect=2,
        read=0,  # a read timeout is not retried: a slow page stays slow; report it quickly
        redirect=False,
        status=options.retries,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD"}),
        backoff_factor=options.backoff_factor,
        backoff_max=10.0,
        raise_on_status=False,
        respect_retry_after_header=True,
        retry_after_max=int(options.retry_after_max),
    )


# --------------------------------------------------------------------------- fetcher


class Fetcher:
    """Owns the session, cache, limits and guard; pass it in, never import it as a global."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.guard = AddressGuard(self.options)
        self._dns_ok: bool | None = None  # does the resolver answer for other names? (see _resolver_answers)
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self.requests_sent: dict[str, int] = {}  # per host:port, requests that went on the wire
        self._session_lock = threading.Lock()
        self._session: Any = None  # made on first use: an offline run citing no web page never opens the cache

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
        from requests_cache import CachedSession

        from citecheck.sources.cache import make_backend

        session = CachedSession(
            backend=make_backend(self.options.cache_url, self.cache_path),  # SQLite, or a shared Redis
            expire_after=self.options.expire_after,
            allowable_codes=_CACHEABLE,
            allowable_methods=("GET", "HEAD"),
            stale_if_error=True,
            filter_fn=lambda response: _INTERNAL_ERROR_HEADER not in response.headers,
        )
        session.trust_env = False  # no environment proxies: they would bypass the pinned address
        session.headers["User-Agent"] = self.options.user_agent
        session.headers["Accept-Encoding"] = "gzip, deflate"
        session.headers["Accept"] = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"
        interval = self.options.per_host_interval
        limits: dict[str, Any] = (
            {"per_second": 1.0 / interval, "burst": interval} if interval > 0 else {"per_second": 1000.0}
        )
        adapter = _make_adapter_class()(
            self,
            per_host=True,
            max_retries=_make_retry(self.options),
            pool_connections=128,
            pool_maxsize=max(2, self.options.per_host),
            limit_statuses=(),  # Retry-After is urllib3's job; do not double the wait
            **limits,
        )
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def _slot(self, netloc: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._slots.get(netloc)
            if slot is None:
                slot = self._slots[netloc] = threading.BoundedSemaphore(max(1, self.options.per_host))
            return slot

    def _count_request(self, netloc: str) -> None:
        with self._lock:
            self.requests_sent[netloc] = self.requests_sent.get(netloc, 0) + 1

    def close(self) -> None:
        if self._session is not None:
            self._session.close()  # closes the adapters too, and with them the limiter's leak thread

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
                    return self._fail(result, kind, why, started)
                if self.options.offline and response.status_code == 504 and result.from_cache \
                        and getattr(response, "reason", "") == "Not Cached":
                    return self._fail(result, "unreachable", "offline and not cached", started)
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
            return self._fail(result, "unreachable", "offline and not cached", started)
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

    def _fail(self, result: FetchResult, kind: str, reason: str, started: float) -> FetchResult:
        result.error = kind
        result.reason = reason
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


def _kind_for_status(status: int) -> str:
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
