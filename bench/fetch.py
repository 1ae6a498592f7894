"""Fetch throughput: 200 URLs over 20 loopback hosts (127.0.0.2-127.0.0.21), 300 ms per response.

Prints a markdown table: cold wall time of citecheck's Fetcher.fetch_many against the per-host
ideal (URLs per host x latency / per-host concurrency), the same URLs against the same servers
through `linkchecker` (Debian package; URLs on --stdin, with and without robots.txt) when it is
installed, and a warm re-run (time and requests that reached the servers).

    .venv/bin/python bench/fetch.py [--latency 0.3] [--hosts 20] [--per-host-urls 10]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from citecheck.config import KEYS
from citecheck.sources.http import Fetcher, FetchOptions


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.pages = 0

    def add(self, page: bool) -> None:
        with self.lock:
            self.requests += 1
            self.pages += int(page)


def serve(host: str, port: int, latency: float, counter: Counter) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            is_page = self.path.startswith("/page/")
            counter.add(is_page)
            time.sleep(latency)
            if is_page:
                body = f"<html><body><p>Page {self.path} on {host}.</p></body></html>".encode()
                status = 200
            else:  # robots.txt and the like
                body, status = b"not here", 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        allow_reuse_address = True
        request_queue_size = 64

        def handle_error(self, request: object, client_address: object) -> None:
            if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                return  # a client dropping an idle keep-alive connection at exit: not a failure
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    server = Server((host, port), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def run_fetcher(urls: list[str], cache: Path, jobs: int, per_host: int) -> tuple[float, int]:
    options = FetchOptions(cache_dir=cache, allowed_networks=("127.0.0.0/8",), jobs=jobs, per_host=per_host)
    with Fetcher(options) as fetcher:
        started = time.monotonic()
        results = fetcher.fetch_many(urls)
        elapsed = time.monotonic() - started
    failed = [u for u, r in results.items() if not r.ok]
    if failed:
        raise SystemExit(f"{len(failed)} fetches failed, e.g. {failed[0]}: {results[failed[0]].reason}")
    return elapsed, len(results)


# Why the linkchecker column used to read "0 requests, 37 s" (and how it is made real):
# the URLs were written into an HTML page inside tempfile.TemporaryDirectory() (mode 0700, owned
# by the current user) and linkchecker was pointed at that file, with its output thrown away.
# Run as root (as in CI containers), linkchecker drops privileges to `nobody` before it reads
# anything ("Running as root user; dropping privileges by changing user to nobody"), so opening
# the page failed with "URLError: [Errno 13] Permission denied", it checked 1 URL (the file),
# sent nothing to the servers, and the 37-40 s was its thread pool (-t 40) winding down around
# that single error (4-41 s from run to run; nothing to do with fetching). It does not skip
# 127.0.0.x hosts and reads no proxy variable here (none are set, and the run below proves the
# requests arrive). Fix: no file at all; the 200 URLs go to `linkchecker --stdin` as start URLs,
# `-r 0` so only those URLs are checked, and its summary line is parsed and checked against the
# server-side page count, so a run that checks nothing can never again pass for a result.
_LC_SUMMARY = re.compile(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found")


def run_linkchecker(urls: list[str], threads: int, robots: bool) -> tuple[float, str] | None:
    """(wall seconds, its summary line) for linkchecker on exactly ``urls``, or None if absent."""
    exe = shutil.which("linkchecker")
    if exe is None:
        return None
    command = [exe, "--stdin", "--check-extern", "-r", "0", "-t", str(threads), "--no-status",
               "--timeout", "30"]
    if not robots:
        command.append("--no-robots")
    started = time.monotonic()
    done = subprocess.run(command, input="\n".join(urls) + "\n", capture_output=True, text=True, check=False,
                          cwd="/", env={**os.environ, "LC_ALL": "C.UTF-8"})
    elapsed = time.monotonic() - started
    match = _LC_SUMMARY.search(done.stdout)
    if match is None:
        raise SystemExit(f"linkchecker gave no summary (exit {done.returncode}):\n{done.stdout[-2000:]}"
                         f"\n{done.stderr[-2000:]}")
    _links, checked, _warnings, errors = (int(g) for g in match.groups())
    if checked != len(urls) or errors:
        raise SystemExit(f"linkchecker checked {checked}/{len(urls)} URLs with {errors} errors:\n"
                         f"{done.stdout[-3000:]}")
    return elapsed, match.group(0)


def linkchecker_startup() -> float | None:
    """Seconds for `linkchecker --version`: the fixed cost of starting it, for reading the table."""
    exe = shutil.which("linkchecker")
    if exe is None:
        return None
    started = time.monotonic()
    subprocess.run([exe, "--version"], capture_output=True, check=False)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--per-host-urls", type=int, default=10)
    parser.add_argument("--per-host", type=int, default=2, help="per-host concurrency")
    parser.add_argument("--port", type=int, default=18080)
    args = parser.parse_args()

    counter = Counter()
    hosts = [f"127.0.0.{i}" for i in range(2, 2 + args.hosts)]
    servers = [serve(h, args.port, args.latency, counter) for h in hosts]
    urls = [f"http://{h}:{args.port}/page/{n}" for n in range(args.per_host_urls) for h in hosts]
    ideal = args.per_host_urls * args.latency / args.per_host
    rows: list[tuple[str, str, str, str]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            # jobs = hosts x per-host (the ideal), and the configuration's default
            for jobs in (args.hosts * args.per_host, int(KEYS["jobs"].default)):
                cache = workdir / f"cache-{jobs}"
                counter.requests = counter.pages = 0
                cold, _ = run_fetcher(urls, cache, jobs, args.per_host)
                cold_requests = counter.requests
                rows.append((f"citecheck cold (jobs={jobs}, per-host={args.per_host})", f"{cold:.2f}",
                             f"{cold / ideal:.2f}x", str(cold_requests)))
                counter.requests = counter.pages = 0
                warm, _ = run_fetcher(urls, cache, jobs, args.per_host)
                rows.append((f"citecheck warm re-run (jobs={jobs})", f"{warm:.2f}", "-", str(counter.requests)))
            threads = args.hosts * args.per_host
            for robots in (True, False):
                counter.requests = counter.pages = 0
                checked = run_linkchecker(urls, threads, robots)
                if checked is None:
                    break
                elapsed, summary = checked
                label = f"linkchecker (threads={threads}{'' if robots else ', --no-robots'})"
                if counter.pages != len(urls):
                    raise SystemExit(f"{label}: only {counter.pages}/{len(urls)} pages reached the servers "
                                     f"({summary})")
                extra = counter.requests - counter.pages
                rows.append((label, f"{elapsed:.2f}", f"{elapsed / ideal:.2f}x",
                             f"{counter.requests} ({counter.pages} pages"
                             + (f" + {extra} robots.txt)" if extra else ")")))
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()

    print(f"{len(urls)} URLs over {args.hosts} hosts, {args.latency * 1000:.0f} ms per response; "
          f"per-host ideal = {args.per_host_urls} x {args.latency:g} s / {args.per_host} = {ideal:.2f} s\n")
    print("| run | wall s | vs ideal | requests to servers |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    startup = linkchecker_startup()
    if startup is None:
        print("\n(linkchecker not installed: rows skipped)")
    else:
        print(f"\nlinkchecker wall times include its start-up (`linkchecker --version`: {startup:.2f} s) "
              "and its default politeness (robots.txt per host, at most 10 requests/s per host); "
              "citecheck fetches no robots.txt (see sources/http.py).")


if __name__ == "__main__":
    main()
