"""The transport under the requests-cache session: guard, pin, limit per host, cap the body.

For every request that really goes on the wire, :func:`_make_adapter_class`'s adapter does:

1. the **address guard** (:mod:`citecheck.sources.guard`) on every address of the host;
2. **pinning**: the connection goes to the very address that was checked (the pool is keyed by
   that IP; ``Host`` and TLS SNI/certificate checks use the name), so a second DNS answer can
   never redirect it (DNS rebinding);
3. a per-host concurrency slot and a per-host request interval (requests-ratelimiter with its
   per-host bucket factory), under the hard deadlines of :mod:`citecheck.sources.limits`;
4. urllib3 retries: 429/503 honour ``Retry-After`` (capped), 500/502/504 back off;
5. a byte cap while streaming the body (Content-Length is checked first) and decompression done
   here with a cap on the decoded size, so a gzip bomb stops at the cap.

:func:`make_session` builds the ``CachedSession`` (its backend from :mod:`citecheck.sources.cache`)
with this adapter mounted.
"""

from __future__ import annotations

import time
import zlib
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from citecheck.sources.limits import _ACTIVE, _Deadline, _pool_classes

if TYPE_CHECKING:
    from citecheck.sources.http import Fetcher, FetchOptions

_INTERNAL_ERROR_HEADER = "X-Citecheck-Error"
# The addresses the guard checked when the response was fetched, stored with it in the cache so
# a later run can refuse a cached answer from a host it would not be allowed to reach now.
_ADDRESSES_HEADER = "X-Citecheck-Addresses"
_PRIVATE_HEADERS = {_INTERNAL_ERROR_HEADER, _ADDRESSES_HEADER}
# Responses worth keeping in the cache: pages, permanent and temporary redirects, and "gone".
_CACHEABLE = (200, 203, 300, 301, 302, 303, 307, 308, 404, 410)


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
            with fetcher.hosts.slot(parts.netloc):
                fetcher.hosts.count_request(parts.netloc)
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


def make_session(fetcher: Fetcher) -> Any:
    """The fetcher's ``CachedSession``: its cache backend, default headers and guarded adapter."""
    from requests_cache import CachedSession

    from citecheck.sources.cache import make_backend

    options = fetcher.options
    session = CachedSession(
        backend=make_backend(options.cache_url, fetcher.cache_path),  # SQLite, or a shared Redis
        expire_after=options.expire_after,
        allowable_codes=_CACHEABLE,
        allowable_methods=("GET", "HEAD"),
        stale_if_error=True,
        filter_fn=lambda response: _INTERNAL_ERROR_HEADER not in response.headers,
    )
    session.trust_env = False  # no environment proxies: they would bypass the pinned address
    session.headers["User-Agent"] = options.user_agent
    session.headers["Accept-Encoding"] = "gzip, deflate"
    session.headers["Accept"] = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"
    interval = options.per_host_interval
    limits: dict[str, Any] = (
        {"per_second": 1.0 / interval, "burst": interval} if interval > 0 else {"per_second": 1000.0}
    )
    adapter = _make_adapter_class()(
        fetcher,
        per_host=True,
        max_retries=_make_retry(options),
        pool_connections=128,
        pool_maxsize=max(2, options.per_host),
        limit_statuses=(),  # Retry-After is urllib3's job; do not double the wait
        **limits,
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


__all__ = ["OfflineRequest", "decompress_capped", "make_session"]
