"""Fetch throughput: 200 URLs over 20 loopback hosts (127.0.0.2-127.0.0.21), 300 ms per response.

Prints a markdown table: cold wall time of citecheck's Fetcher.fetch_many against the per-host
ideal (URLs per host x latency / per-host concurrency), the same URLs through `linkchecker`
when it is installed, and a warm re-run (time and requests that reached the servers).

    .venv/bin/python bench/fetch.py [--latency 0.3] [--hosts 20] [--per-host-urls 10]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


def run_linkchecker(urls: list[str], workdir: Path, threads: int) -> float | None:
    exe = shutil.which("linkchecker")
    if exe is None:
        return None
    page = workdir / "links.html"
    page.write_text("<html><body>" + "".join(f'<a href="{u}">{i}</a>\n' for i, u in enumerate(urls))
                    + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    subprocess.run([exe, "--check-extern", "-r", "1", "-t", str(threads), "--no-status",
                    "--timeout", "30", str(page)], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, cwd=workdir)
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
            for jobs in (args.hosts * args.per_host, 8):
                cache = workdir / f"cache-{jobs}"
                counter.requests = counter.pages = 0
                cold, _ = run_fetcher(urls, cache, jobs, args.per_host)
                cold_requests = counter.requests
                rows.append((f"citecheck cold (jobs={jobs}, per-host={args.per_host})", f"{cold:.2f}",
                             f"{cold / ideal:.2f}x", str(cold_requests)))
                counter.requests = counter.pages = 0
                warm, _ = run_fetcher(urls, cache, jobs, args.per_host)
                rows.append((f"citecheck warm re-run (jobs={jobs})", f"{warm:.2f}", "-", str(counter.requests)))
            counter.requests = counter.pages = 0
            threads = args.hosts * args.per_host
            checked = run_linkchecker(urls, workdir, threads)
            if checked is not None and counter.pages < len(urls):
                # It did not check every page (nothing reached the servers): no fair comparison.
                rows.append((f"linkchecker (threads={threads}) - checked only {counter.pages}/{len(urls)} pages",
                             f"{checked:.2f}", "n/a", str(counter.requests)))
            elif checked is not None:
                rows.append((f"linkchecker (threads={threads})", f"{checked:.2f}", f"{checked / ideal:.2f}x",
                             f"{counter.requests} ({counter.pages} pages)"))
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
    if shutil.which("linkchecker") is None:
        print("\n(linkchecker not installed: column skipped)")


if __name__ == "__main__":
    main()
