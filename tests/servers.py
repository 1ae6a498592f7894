"""Real HTTP servers on loopback for the fetch, archive and link tests (no patched requests).

``Server`` is a threaded ``http.server`` that logs every request server-side (path, time,
headers) and counts accepted connections, so tests can assert what really reached it.
``origin_routes()`` and ``archive_routes()`` build the two sites the tests use.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import ipaddress
import json
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "web"


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0  # seconds to wait before answering


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    at: float


Handler = Callable[[Seen, "Server"], Reply]


class Server:
    """A threaded HTTP/1.1 server on ``host`` (a loopback address) with per-path handlers."""

    def __init__(self, routes: dict[str, Handler], host: str = "127.0.0.1", port: int = 0,
                 fallback: Handler | None = None) -> None:
        self.routes = routes
        self.fallback = fallback
        self.log: list[Seen] = []
        self.connections = 0
        self.bytes_sent: dict[str, int] = {}
        self.state: dict[str, int] = {}
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                seen = Seen("GET", parts.path, parse_qs(parts.query), dict(self.headers.items()), time.monotonic())
                with server._lock:
                    server.log.append(seen)
                handler = server.routes.get(parts.path) or server.fallback
                reply = handler(seen, server) if handler else Reply(404, {"Content-Type": "text/plain"}, b"no route")
                if reply.delay:
                    time.sleep(reply.delay)
                self._send(parts.path, reply)

            def _send(self, path: str, reply: Reply) -> None:
                self.send_response(reply.status)
                headers = dict(reply.headers)
                streaming = not isinstance(reply.body, (bytes, bytearray))
                if not streaming:
                    headers.setdefault("Content-Length", str(len(reply.body)))  # type: ignore[arg-type]
                elif "Content-Length" not in headers:
                    headers["Transfer-Encoding"] = "chunked"
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                chunks: Iterable[bytes] = [reply.body] if not streaming else reply.body  # type: ignore[list-item]
                chunked = headers.get("Transfer-Encoding") == "chunked"
                sent = 0
                try:
                    for chunk in chunks:
                        if not chunk:
                            continue
                        if chunked:
                            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        else:
                            self.wfile.write(chunk)
                        sent += len(chunk)
                    if chunked:
                        self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True
                finally:
                    with server._lock:
                        server.bytes_sent[path] = server.bytes_sent.get(path, 0) + sent

        class _HTTPServer(ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

            def get_request(self) -> Any:
                conn = super().get_request()
                with server._lock:
                    server.connections += 1
                return conn

        self.httpd = _HTTPServer((host, port), _Handler)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def hits(self, path: str | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.log if path is None or s.path == path)

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [s.at for s in self.log if s.path == path]

    def bump(self, name: str) -> int:
        with self._lock:
            self.state[name] = self.state.get(name, 0) + 1
            return self.state[name]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------- the origin site

ARTICLE_ETAG = '"article-v1"'
ARTICLE_MODIFIED = email.utils.formatdate(1_700_000_000, usegmt=True)


@contextlib.contextmanager
def recording_origin(path: str, body: str) -> Iterator[tuple[Any, list[str]]]:
    """A pytest-httpserver origin on 127.0.0.1 that serves ``body`` as HTML at ``path`` and records
    the path of every request that reaches it: (server, seen)."""
    from pytest_httpserver import HTTPServer
    from werkzeug import Request, Response

    seen: list[str] = []

    def answer(request: Request) -> Response:
        seen.append(request.path)
        return Response(body, content_type="text/html; charset=utf-8")

    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(path).respond_with_handler(answer)
    server.start()
    try:
        yield server, seen
    finally:
        server.clear()
        server.stop()


def html_page(title: str, paragraphs: list[str], extra: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + "</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></header>"
        "<main><article><h1>" + title + "</h1>\n" + body + "</article></main>" + extra + "</body></html>"
    ).encode("utf-8")


ARTICLE_TEXT = [
    "The Twentieth Congress of the Communist Party of the Soviet Union met in Moscow in February 1956.",
    "On the last night Khrushchev delivered a closed speech to 1,436 delegates that lasted about four hours.",
    "The speech condemned the cult of personality that had grown around Stalin and his methods of rule.",
    "Copies of the text reached party cells across the country within weeks of the congress.",
]

COMMENTS_TEXT = [
    "Archivists opened the party records of the Smolensk region to historians in the early 1990s.",
    "The files show how local officials reported the mood of collective farmers to Moscow each month.",
    "Historians have used these reports to study rural opinion during the famine years of the 1930s.",
]
COMMENTS_EXTRA = (
    "<aside class='sidebar'><h3>Popular posts</h3><ul><li>Ten cheap flights to Riga</li>"
    "<li>Subscribe to our newsletter for weekly deals</li></ul></aside>"
    "<section id='comments' class='comments'><h3>Comments</h3>"
    "<div class='comment'><p>Great post!!! Visit my casino site for free spins and bonuses today.</p></div>"
    "<div class='comment'><p>I disagree entirely, the reports were all forged by the secret police.</p></div>"
    "</section><footer><p>Copyright 2024 Example Blog. All rights reserved.</p></footer>"
)

DRIFT_OLD = [
    "The museum opened its new wing in 2012 with a collection of 4,200 Soviet posters.",
    "Its director said the posters had been stored in a basement in Leningrad for decades.",
    "Visitors could see the whole collection free of charge on the first Sunday of each month.",
]
DRIFT_NEW = [
    "The museum is closed for renovation until further notice.",
    "Our shop remains open online and ships posters and postcards worldwide.",
    "Please check this page again for news about reopening dates.",
]

CYRILLIC_TEXT = [
    "Двадцатый съезд Коммунистической партии Советского Союза проходил в Москве в феврале 1956 года.",
    "На закрытом заседании Хрущёв выступил с докладом о культе личности и его последствиях.",
    "Текст доклада в течение нескольких недель зачитывали на партийных собраниях по всей стране.",
]


def _static(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
            **headers: str) -> Handler:
    def handler(seen: Seen, server: Server) -> Reply:
        return Reply(status, {"Content-Type": content_type, **headers}, body)

    return handler


def _article(seen: Seen, server: Server) -> Reply:
    if seen.headers.get("If-None-Match") == ARTICLE_ETAG:
        return Reply(304, {"ETag": ARTICLE_ETAG, "Last-Modified": ARTICLE_MODIFIED})
    return Reply(200, {"Content-Type": "text/html; charset=utf-8", "ETag": ARTICLE_ETAG,
                       "Last-Modified": ARTICLE_MODIFIED},
                 html_page("The secret speech", ARTICLE_TEXT))


def _slow(seen: Seen, server: Server) -> Reply:
    return Reply(200, {"Content-Type": "text/html"}, html_page("Slow", ["late"]), delay=3.0)


def _flaky(seen: Seen, server: Server) -> Reply:
    if server.bump("flaky") == 1:
        return Reply(500, {"Content-Type": "text/plain"}, b"temporary failure")
    return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, html_page("Recovered", ARTICLE_TEXT))


def _concurrent(seen: Seen, server: Server) -> Reply:
    """Sleeps 0.3 s while counting requests in flight (max kept in state['max-in-flight'])."""
    with server._lock:
        server.state["in-flight"] = server.state.get("in-flight", 0) + 1
        server.state["max-in-flight"] = max(server.state.get("max-in-flight", 0), server.state["in-flight"])
    time.sleep(0.3)
    with server._lock:
        server.state["in-flight"] -= 1
    return Reply(200, {"Content-Type": "text/plain"}, b"ok")


def _always_500(seen: Seen, server: Server) -> Reply:
    return Reply(500, {"Content-Type": "text/plain"}, b"broken")


def _busy(seen: Seen, server: Server) -> Reply:
    if server.bump("busy") == 1:
        return Reply(429, {"Content-Type": "text/plain", "Retry-After": "1"}, b"slow down")
    return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, html_page("Patient", ARTICLE_TEXT))


def _always_429(seen: Seen, server: Server) -> Reply:
    return Reply(429, {"Content-Type": "text/plain", "Retry-After": "0"}, b"slow down")


def _redirect(target: str, status: int = 301) -> Handler:
    def handler(seen: Seen, server: Server) -> Reply:
        return Reply(status, {"Location": target, "Content-Length": "0"})

    return handler


HUGE_SIZE = 30 * 1024 * 1024


def _zeros(total: int) -> Iterator[bytes]:
    block = b"a" * 65536
    sent = 0
    while sent < total:
        yield block
        sent += len(block)


def _huge(seen: Seen, server: Server) -> Reply:
    return Reply(200, {"Content-Type": "text/plain", "Content-Length": str(HUGE_SIZE)}, _zeros(HUGE_SIZE))


def _huge_chunked(seen: Seen, server: Server) -> Reply:
    return Reply(200, {"Content-Type": "text/plain"}, _zeros(HUGE_SIZE))


_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    """100 MB of zeros, gzip-compressed to about 100 KB."""
    if not _BOMB:
        compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        block = b"\0" * (1024 * 1024)
        parts = [compressor.compress(block) for _ in range(100)]
        parts.append(compressor.flush())
        _BOMB.append(b"".join(parts))
    return _BOMB[0]


def _bomb_route() -> Handler:
    # Built before the server answers (once per test run, then reused), never while a client
    # waits on its read timeout: building 100 MB of zeros on a loaded machine took over 1 s.
    body = gzip_bomb()

    def handler(seen: Seen, server: Server) -> Reply:
        return Reply(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body)

    return handler


def _gzipped_article(seen: Seen, server: Server) -> Reply:
    return Reply(200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
                 gzip.compress(html_page("Compressed", ARTICLE_TEXT)))


def origin_routes() -> dict[str, Handler]:
    pdf = (FIXTURES / "paper.pdf").read_bytes()
    cyrillic = html_page("Съезд", CYRILLIC_TEXT).decode("utf-8").replace(
        "charset='utf-8'", "charset='windows-1251'").encode("cp1251")
    return {
        "/article": _article,
        "/comments": _static(html_page("Smolensk archive", COMMENTS_TEXT, COMMENTS_EXTRA)),
        "/slow": _slow,
        "/missing": _static(b"<html><body>Not found</body></html>", status=404),
        "/gone": _static(b"<html><body>Gone</body></html>", status=410),
        "/flaky": _flaky,
        "/broken": _always_500,
        "/concurrent": _concurrent,
        "/busy": _busy,
        "/always-busy": _always_429,
        "/r1": _redirect("/r2", 301),
        "/r2": _redirect("/r3", 302),
        "/r3": _redirect("/article", 308),
        "/moved": _redirect("/article", 301),
        "/loop-a": _redirect("/loop-b", 302),
        "/loop-b": _redirect("/loop-a", 302),
        "/to-private": _redirect("http://10.0.0.1/secret", 302),
        "/to-metadata": _redirect("http://169.254.169.254/latest/meta-data/", 302),
        "/huge": _huge,
        "/huge-chunked": _huge_chunked,
        "/bomb": _bomb_route(),
        "/gzipped": _gzipped_article,
        "/paper.pdf": _static(pdf, "application/pdf"),
        "/cp1251": _static(cyrillic, "text/html; charset=windows-1251"),
        "/drift": _static(html_page("Poster museum", DRIFT_NEW)),
        "/dead-archived": _static(b"<html><body>Not found</body></html>", status=404),
        "/dead-cdx": _static(b"<html><body>Not found</body></html>", status=410),
        "/image.png": _static(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
    }


# --------------------------------------------------------------------------- the archive

TOOLBAR = (
    "<script src='//web-static.archive.org/_static/js/bundle-playback.js'></script>\n"
    "<link rel='stylesheet' href='/_static/css/banner-styles.css'/>\n"
    "<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n<div id='wm-ipp-base'>Wayback Machine toolbar: "
    "captures, calendar, donate now</div>\n<!-- END WAYBACK TOOLBAR INSERT -->\n"
)


@dataclass
class ArchiveSite:
    """What the fake Wayback Machine holds: capture bodies by (timestamp, original URL)."""

    captures: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # original URL -> (timestamp, body)
    availability: set[str] = field(default_factory=set)  # URLs the availability API knows
    raw_missing: set[str] = field(default_factory=set)  # URLs whose id_ form fails (only rewritten pages)


def archive_routes(site: ArchiveSite) -> tuple[dict[str, Handler], Handler]:
    def available(seen: Seen, server: Server) -> Reply:
        url = seen.query.get("url", [""])[0]
        snapshots: dict[str, Any] = {}
        if url in site.availability and url in site.captures:
            ts = site.captures[url][0]
            snapshots = {"closest": {"status": "200", "available": True, "timestamp": ts,
                                     "url": f"{server.url('/web')}/{ts}/{url}"}}
        return Reply(200, {"Content-Type": "application/json"},
                     json.dumps({"url": url, "archived_snapshots": snapshots}).encode())

    def cdx(seen: Seen, server: Server) -> Reply:
        url = seen.query.get("url", [""])[0]
        rows: list[list[str]] = []
        if url in site.captures:
            rows = [["timestamp", "original", "statuscode"], [site.captures[url][0], url, "200"]]
        return Reply(200, {"Content-Type": "application/json"}, json.dumps(rows).encode())

    def web(seen: Seen, server: Server) -> Reply:
        rest = seen.path[len("/web/"):]
        stamp, _, original = rest.partition("/")
        raw = stamp.endswith("id_")
        if original not in site.captures:
            return Reply(404, {"Content-Type": "text/html"}, b"<html><body>Wayback: not archived</body></html>")
        ts, body = site.captures[original]
        if raw and original in site.raw_missing:
            return Reply(404, {"Content-Type": "text/html"}, b"<html><body>Wayback: raw not available</body></html>")
        if raw:
            return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, body)
        text = body.decode("utf-8")
        rewritten = text.replace("<body>", "<body>" + TOOLBAR, 1) + (
            f"\n<!--\n     FILE ARCHIVED ON {ts} AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON {ts}.\n-->")
        return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, rewritten.encode("utf-8"))

    routes = {"/wayback/available": available, "/cdx/search/cdx": cdx}
    return routes, web


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def origin() -> Iterator[Server]:
    server = Server(origin_routes())
    yield server
    server.close()


@pytest.fixture
def archive_site() -> ArchiveSite:
    return ArchiveSite()


@pytest.fixture
def archive_server(archive_site: ArchiveSite) -> Iterator[Server]:
    routes, fallback = archive_routes(archive_site)
    server = Server(routes, fallback=fallback)
    yield server
    server.close()


@contextlib.contextmanager
def loopback_only() -> Iterator[list[tuple[Any, ...]]]:
    """A safety net, not a mock: every ``socket.connect`` to a non-loopback address in this
    process fails at once (ECONNREFUSED) and is recorded in the yielded list, so a test that
    cites e.g. http://10.0.0.1/ can prove nothing left the machine. Loopback traffic (the real
    test servers) is untouched.
    """
    attempts: list[tuple[Any, ...]] = []
    original = socket.socket.connect
    original_ex = socket.socket.connect_ex

    def _blocked(address: Any) -> bool:
        if not isinstance(address, tuple) or not address:
            return False  # AF_UNIX and the like
        try:
            ip = ipaddress.ip_address(str(address[0]).split("%", 1)[0])
        except ValueError:
            return True  # a name: connect() would resolve it; refuse, resolution is the caller's job
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        return not ip.is_loopback

    def connect(self: socket.socket, address: Any) -> None:
        if _blocked(address):
            attempts.append(tuple(address))
            raise ConnectionRefusedError(111, f"blocked by the test network fence: {address[0]}")
        return original(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if _blocked(address):
            attempts.append(tuple(address))
            return 111
        return original_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    try:
        yield attempts
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]
        socket.socket.connect_ex = original_ex  # type: ignore[method-assign]


def loopback_options(tmp_path: Path, **overrides: Any) -> Any:
    """FetchOptions for tests: cache in tmp_path, loopback allowed (and nothing else private)."""
    from citecheck.sources.http import FetchOptions

    values: dict[str, Any] = {
        "cache_dir": tmp_path / "cache",
        "allowed_networks": ("127.0.0.0/8",),
        "connect_timeout": 2.0,
        "read_timeout": 1.0,
        "per_host_interval": 0.0,
        "backoff_factor": 0.05,
    }
    values.update(overrides)
    return FetchOptions(**values)
