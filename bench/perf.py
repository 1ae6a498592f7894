"""Whole-run speed and memory of `citecheck check`, side by side with proselint 0.16 in one run.

Rows: start-up (`--version`), the bundled example, N generated essays of ~1,500 words citing
eight works of which four have local source texts of ~3,000 words (bench/corpus.py), checked
offline with --jobs 1 and --jobs 2 and as JSON, proselint on the same essay files, a fifth as
many essays that each cite their own four source texts (as in real use: every source is read for
one essay; its ratio is per essay), one 2 MB
essay of the same kind, the slowest of fifteen 100 KB hostile essays (repeated digits, "(Smith",
"\\cite{", ...; each checked on its own), and a cold / warm fetch of web sources from a local
server (a cold cache, then the same run again).

Each command runs in a fresh process; wall is elapsed time, CPU is user + system time of the
process and its children, peak RSS is the largest single process (a worker pool's processes
each count on their own). The machine is shared, so compare rows of one run with each other,
not with another run. Python's bytecode is cached (in a temporary PYTHONPYCACHEPREFIX, even when
PYTHONDONTWRITEBYTECODE is set) and filled by one unmeasured run of each tool, as it is for an
installed package; ``--no-bytecode`` compiles citecheck's modules from source in every process
(about 0.2 s of CPU each), as runs before session 4 did. Usage:

    python bench/perf.py [--essays 1000] [--quick] [--no-bytecode]    (--quick: 100 essays, 20 web pages)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import page_html, write_corpus  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
       "NO_COLOR": "1"}

# Runs one command and prints wall, CPU and the peak RSS of its largest process (this wrapper
# is a fresh process, so RUSAGE_CHILDREN covers that command only).
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=sys.argv[1])
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
                  "code": done.returncode}))
"""


def measure(args: list[str], cwd: Path, runs: int = 1) -> dict[str, float]:
    """The median-wall run of ``runs``."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), *args], capture_output=True, text=True,
                             env=ENV, check=True)
        results.append(json.loads(out.stdout))
    results.sort(key=lambda r: r["wall"])
    return results[len(results) // 2]


# 100 KB essays of one repeated piece each: what used to make a loop quadratic or a regex crawl.
HOSTILE = {
    "digits.md": "1234567890 ", "ones.md": "1", "figures.md": "1,234,567 ", "paren.md": "(Smith ",
    "citation.md": "(Smith 1900, ", "cite.md": "\\cite{", "cite.tex": "\\cite{", "pandoc.md": "[@work1 ",
    "numeric.md": "[1] ", "initials.md": "Dr. A. B. ", "quotes.md": '"a ', "dates.md": "on 19 May 1956 ",
    "brackets.md": "(", "months.md": "May June 1956 1957 ", "shares.md": "45% of 1,200 workers ",
}


class _Pages(BaseHTTPRequestHandler):
    delay = 0.05  # a slow-ish origin: fetch concurrency shows

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(self.delay)
        number = int(self.path.strip("/").removeprefix("page") or 0)
        data = page_html(number, 600)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def web_corpus(folder: Path, base: str, pages: int, essays: int) -> None:
    folder.mkdir(parents=True)
    for i in range(essays):
        links = " ".join(f"The report says the council met again ([source]({base}/page{(i * 3 + k) % pages}))."
                         for k in range(3))
        (folder / f"web{i:04d}.md").write_text(f"# Web {i}\n\n{links}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="100 essays, 20 web pages")
    parser.add_argument("--no-bytecode", action="store_true", help="compile from source in every process")
    options = parser.parse_args()
    count = 100 if options.quick else options.essays
    pages = 20 if options.quick else 100
    citecheck = [sys.executable, "-m", "citecheck.cli"]
    proselint = str(BIN / "proselint")
    rows: list[tuple[str, dict[str, float], str]] = []
    with tempfile.TemporaryDirectory(prefix="citecheck-perf-") as tmp:
        root = Path(tmp)
        essays = write_corpus(root, essays=count)
        folder = essays[0].parent
        names = [p.name for p in essays]
        if not options.no_bytecode:
            # Bytecode cached, as for an installed package (pip compiles proselint's at install;
            # a checkout run with PYTHONDONTWRITEBYTECODE set compiles citecheck's in every process).
            ENV.pop("PYTHONDONTWRITEBYTECODE", None)
            ENV["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        for warm in ([*citecheck, "check", "examples/secret-speech.md", "--bib", "references.bib", "--offline"],
                     [proselint, "check", str(essays[0])]):  # unmeasured: fills the bytecode cache
            subprocess.run(warm, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        rows.append(("`citecheck --version`", measure([*citecheck, "--version"], ROOT, runs=5), ""))
        rows.append(("`proselint version`", measure([proselint, "version"], ROOT, runs=5), ""))
        rows.append(("bundled example, offline",
                     measure([*citecheck, "check", "examples/secret-speech.md", "--bib", "references.bib",
                              "--offline", "--jobs", "1"], ROOT, runs=3), ""))
        cache = ["--cache-dir", str(root / "cache")]
        prose = measure([proselint, "check", *names], folder)
        rows.append((f"proselint 0.16, {count} essays", prose, "1.00"))
        for label, extra in [("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
                             ("--jobs 2 --format json", ["--jobs", "2", "--format", "json"]),
                             ("--jobs 2 --format sarif", ["--jobs", "2", "--format", "sarif"])]:
            result = measure([*citecheck, "check", ".", "--offline", *cache, *extra], folder)
            rows.append((f"citecheck {count} essays, {label}", result, f"{result['wall'] / prose['wall']:.2f}"))
        # Real use: each essay cites texts no other essay cites, so each source is indexed and read
        # for one essay (the rows above share four texts). A fifth of the essays; per-essay ratio.
        own_count = max(1, count // 5)
        write_corpus(root / "own", essays=own_count, own_sources=True)
        result = measure([*citecheck, "check", ".", "--offline", "--jobs", "2", *cache], root / "own" / "essays")
        label = f"citecheck {own_count} essays, each citing its own four source texts, --jobs 2 (ratio per essay)"
        rows.append((label, result, f"{result['wall'] / own_count / (prose['wall'] / count):.2f}"))
        # One 2 MB essay (same generator, same library and texts), and 100 KB hostile essays.
        big = root / "big"
        write_corpus(big, essays=1, words=330_000)
        size = (big / "essays" / "essay00000.md").stat().st_size / 1e6
        rows.append((f"one {size:.1f} MB essay, offline",
                     measure([*citecheck, "check", ".", "--offline", "--jobs", "1", *cache], big / "essays"), ""))
        rows.append((f"one {size:.1f} MB essay, offline, --jobs 2 (its claims over two workers)",
                     measure([*citecheck, "check", ".", "--offline", "--jobs", "2", *cache], big / "essays"), ""))
        hostile = root / "hostile"
        hostile.mkdir()
        for name, text in HOSTILE.items():
            (hostile / name).write_text((text * (100_000 // len(text) + 1))[:100_000] + "\n", encoding="utf-8")
        worst: tuple[str, dict[str, float]] | None = None
        for name in HOSTILE:
            result = measure([*citecheck, "check", name, "--offline", "--jobs", "1", *cache], hostile)
            if worst is None or result["cpu"] > worst[1]["cpu"]:
                worst = (name, result)
        assert worst is not None
        rows.append((f"100 KB hostile essays ({len(HOSTILE)}), the slowest: {worst[0]}", worst[1], ""))
        # Cold and warm fetch: every page new, then the same run with the cache filled.
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}"
            web = root / "web"
            web_corpus(web, base, pages, count)
            fetch_cache = ["--cache-dir", str(root / "web-cache"), "--allow-private", "--jobs", "2"]
            cold = measure([*citecheck, "check", ".", *fetch_cache], web)
            warm = measure([*citecheck, "check", ".", *fetch_cache], web)
            rows.append((f"cold fetch: {pages} pages ({_Pages.delay * 1000:.0f} ms each), {count} essays", cold, ""))
            rows.append(("warm: the same run, cache filled", warm, ""))
        finally:
            server.shutdown()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Machine: {platform.machine()}, {cpus} usable CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the end (shared machine: compare rows of this run only)\n")
    print("| run | wall s | CPU s | peak RSS MB (largest process) | wall / proselint |")
    print("|---|---:|---:|---:|---:|")
    for label, result, ratio in rows:
        print(f"| {label} | {result['wall']:.2f} | {result['cpu']:.2f} | {result['rss']:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
