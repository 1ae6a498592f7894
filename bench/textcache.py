"""What the cache of extracted texts saves: a re-run, a second shard, a worker on another machine.

Web essays cite pages of a local origin (bench/perf.py's slow-ish server, pages of ``--words``
words). Rows, each a fresh `citecheck check --jobs 1` process:

- cold: every page fetched and extracted;
- warm pages, texts dropped: the HTTP cache is full but ``texts.sqlite`` is deleted first, so
  every page is extracted again (what every re-run did before the text cache);
- warm: pages and texts from the SQLite cache (no request, no extraction);
- Redis, first process / second process with an empty cache directory (another shard or
  machine): with ``--cache-url`` the second neither fetches nor extracts.

The machine is shared: compare rows of one run. Usage:

    python bench/textcache.py [--essays 100] [--pages 20] [--words 3000]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import page_html
from perf import _Pages, measure, web_corpus


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=100)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--words", type=int, default=3000)
    options = parser.parse_args()
    words = options.words

    class Pages(_Pages):
        delay = 0.0
        hits = 0

        def do_GET(self) -> None:
            Pages.hits += 1
            number = int(self.path.strip("/").removeprefix("page") or 0)
            data = page_html(number, words)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    citecheck = [sys.executable, "-m", "citecheck.cli", "check", ".", "--allow-private", "--jobs", "1"]
    rows: list[tuple[str, dict[str, float], int]] = []
    redis_exe = shutil.which("redis-server")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    redis = None
    with tempfile.TemporaryDirectory(prefix="citecheck-textcache-") as tmp:
        root = Path(tmp)
        try:
            web = root / "web"
            web_corpus(web, f"http://127.0.0.1:{server.server_address[1]}", options.pages, options.essays)

            def row(label: str, args: list[str]) -> None:
                before = Pages.hits
                rows.append((label, measure([*citecheck, *args], web), Pages.hits - before))

            cache = root / "cache"
            row("cold: fetch and extract", ["--cache-dir", str(cache)])
            (cache / "texts.sqlite").unlink(missing_ok=True)
            row("warm pages, texts dropped: extract again", ["--cache-dir", str(cache)])
            row("warm: pages and texts from the SQLite cache", ["--cache-dir", str(cache)])
            if redis_exe:
                port = _free_port()
                redis = subprocess.Popen([redis_exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                          "--appendonly", "no", "--dir", tmp],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(0.5)
                url = ["--cache-url", f"redis://127.0.0.1:{port}/0"]
                row("Redis, first process", [*url, "--cache-dir", str(root / "a")])
                row("Redis, second process, empty cache dir", [*url, "--cache-dir", str(root / "b")])
        finally:
            server.shutdown()
            if redis is not None:
                redis.terminate()
                redis.wait(timeout=10)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Machine: {platform.machine()}, {cpus} usable CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} (shared machine: compare rows of this run only)")
    print(f"{options.essays} essays citing {options.pages} pages of {words} words, --jobs 1\n")
    print("| run | wall s | CPU s | requests to the origin |")
    print("|---|---:|---:|---:|")
    for label, result, hits in rows:
        print(f"| {label} | {result['wall']:.2f} | {result['cpu']:.2f} | {hits} |")
    if not redis_exe:
        print("\n(redis-server not installed: Redis rows skipped)")


if __name__ == "__main__":
    main()
