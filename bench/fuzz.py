"""Fuzz campaign for hostile input (issue 9): every target gets N generated cases (default 10,000)
and must raise nothing. Prints a Markdown table of cases, failures and time per target, then the
first few failing cases of each target.

Targets:
  url            citecheck.urls.parse_url / comparison_key / join_url / host_key on arbitrary URLs
  fetch-offline  Fetcher.fetch on arbitrary URLs, offline (no network at all)
  fetch-live     Fetcher.fetch against a hostile local server (127.0.0.1): random status codes,
                 Content-Type / charset / Content-Encoding / Location headers and bodies
  extract        sources.extract.extract on arbitrary and mutated HTML / PDF / text bodies
  readers        readers.parse_text (Markdown with front matter, HTML, LaTeX, text) on hostile essays
  library        library.load_library_text on hostile .bib text
  check+render   citecheck.check() on hostile essays (batches), then all six report formats

A failure is any exception escaping the target (or, for check+render, an essay recorded as an
internal error, or a control character in a rendered report).

Usage: python bench/fuzz.py [--cases N] [--seed S] [--only TARGET,...]
Nothing leaves the machine: the live target's host names all resolve to 127.0.0.1 by a resolver
given to the Fetcher, and its URLs always carry the local server's port.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

URL_PIECES = ["http://", "https://", "HTTP://", "ftp://", "mailto:", "//", "[", "]", "[::1]", "[oops", "@", ":",
              ":80", ":abc", ":99999", "%", "%zz", "%00", "/", "..", "?", "#", "\\", "\x00", "\x1b", " ", "\t", "\n",
              "é", "ß", "xn--", "a" * 64, ".", "localhost", "127.0.0.1", "0x7f.1", "2130706433", "example.org",
              "-", "_", "\u3002", "\u202e", "<", ">", '"', "'", "{", "}", "|", "^", "`", "*"]
WORDS = ["The", "congress", "met", "in", "Moscow", "February", "1956", "1,436", "delegates", "about", "four",
         "hours", "(Smith 2001)", "[@doe2001]", "\\cite{doe}", "[1]", "“quoted words”", "\"", "'", "%", "—",
         "\x1b[31m", "\x07", "\x00", "\u202e", "\r", "\n", "\n\n", "---", "***", "<!--", "-->", "<![2]--", "]]>",
         "[link](http://[oops]/x)", "<http://example.org:abc/>", "[^1]", "[^1]:", "#", "> ", "- ", "1. ", "```",
         "$$", "\\begin{document}", "\\end{document}", "\\footnote{", "}", "{", "<p>", "</p>", "<a href='", "'>",
         "</a>", "<script>", "</script>", "&amp;", "&#0;", "&#x1b;", "é", "ß", "\ud7ff", "\ufeff", "    "]
FRONT_MATTER = ["---\ntitle: T\n---\n", "---\na: &a [*a]\n---\n", "---\nb: *x\n---\n", "---\n[\n---\n",
                "---\nbibliography: [a.bib, ../../etc/passwd]\n---\n", "---\n" + "- " * 200 + "x\n---\n",
                "---\nt: " + "[" * 300 + "]" * 300 + "\n---\n", "---\n!!python/object:os.system x\n---\n"]
BIB_PIECES = ["@article{", "@book{", "@string{", "@comment{", "@preamble{", "key,", "author = {", "title = \"",
              "year = 2001,", "url = {http://[oops/}", "file = {../secret.txt}", "file = {/etc/passwd}",
              "crossref = {key}", "#", "{", "}", "\"", ",", "=", "\\'e", "\\", "\n", "%", "and", "Doe, Jane",
              "pages = {1--9999999999999}", "month = jan", "\x00", "\x1b"]


# Exceptions that extraction turns into source-unreadable but that only a bug of ours can raise.
OWN_BUGS = ("NameError", "UnboundLocalError", "ImportError", "RecursionError", "MemoryError", "nested too deeply",
            "too large to parse")


def rand_text(rng: random.Random, pieces: list[str], most: int) -> str:
    parts = [rng.choice(pieces) if rng.random() < 0.85 else _noise(rng) for _ in range(rng.randint(0, most))]
    return "".join(parts)


def _noise(rng: random.Random) -> str:
    return "".join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0x2fff), rng.randint(0, 0x10ffff)]))
                   for _ in range(rng.randint(1, 6))).encode("utf-8", "replace").decode("utf-8", "replace")


HOSTS = ["example.org", "www.example.org", "EXAMPLE.ORG.", "bücher.example", "xn--bcher-kva.example", "a" * 63 + ".org",
         "a" * 64 + ".org", "[::1]", "[2001:db8::1]", "[oops]", "127.0.0.1", "0x7f.1", "2130706433", "10.0.0.1",
         "169.254.169.254", "localhost", "x.localhost", "user:pw@example.org", "x[@a]", "-bad-.org", "a..b", ""]
PATHS = ["", "/", "/a b", "/é", "/%zz", "/..", "/a/./b/../c", "?q=1&q=2", "#frag", "/\\x", "/%00", "/" + "p" * 300]


def _urls(rng: random.Random) -> Iterator[str]:
    """Half free-form piece soup, half scheme://host[:port]/path shapes (so parsing often succeeds)."""
    while True:
        if rng.random() < 0.5:
            yield rand_text(rng, URL_PIECES, 12)
            continue
        scheme = rng.choice(["http", "https", "HTTPS", "ftp", "http"])
        port = rng.choice(["", "", ":80", ":443", ":8080", ":0", ":65536", ":abc", ":"])
        path = "".join(rng.choice(PATHS) for _ in range(rng.randint(0, 3)))
        if rng.random() < 0.2:
            path += _noise(rng)
        yield f"{scheme}://{rng.choice(HOSTS)}{port}{path}"


# --------------------------------------------------------------------------- targets


def target_url(rng: random.Random, cases: int) -> Iterator[tuple[str, Callable[[], None]]]:
    from citecheck.urls import BadURL, comparison_key, host_key, join_url, parse_url

    def one(url: str) -> None:
        try:
            parsed = parse_url(url)
        except BadURL:
            pass
        else:
            assert str(parse_url(str(parsed))) == str(parsed), "not idempotent"
        comparison_key(url)
        host_key(url)
        join_url("http://example.org/a/", url)

    urls = _urls(rng)
    for _ in range(cases):
        url = next(urls)
        yield url, lambda url=url: one(url)


def target_fetch_offline(rng: random.Random, cases: int, tmp: Path) -> Iterator[tuple[str, Callable[[], None]]]:
    from citecheck.sources.http import Fetcher, FetchOptions

    fetcher = Fetcher(FetchOptions(cache_dir=tmp / "offline-cache", offline=True))
    kinds = {None, "dead", "unreachable", "refused", "too-large", "unsupported", "invalid"}

    def one(url: str) -> None:
        result = fetcher.fetch(url)
        assert result.error in kinds and (result.ok or result.reason), result

    urls = _urls(rng)
    try:
        for _ in range(cases):
            url = next(urls)
            yield url, lambda url=url: one(url)
    finally:
        fetcher.close()


def target_fetch_live(rng: random.Random, cases: int, tmp: Path) -> Iterator[tuple[str, Callable[[], None]]]:
    import gzip
    import zlib

    from servers import Reply, Seen, Server

    from citecheck.sources.extract import UnreadableSource, extract
    from citecheck.sources.http import Fetcher, FetchOptions

    types = ["text/html", "text/plain", "application/pdf", "image/png", "", "text/html; charset=undefined",
             "text/plain; charset=base64", "text/html; charset=\x00", "text/html; charset=utf-32",
             "application/octet-stream", "text/html;;;charset", "text/plain; charset=\"latin1"]
    encodings = ["", "gzip", "deflate", "br", "gzip, gzip", "x-gzip", "identity", "compress"]
    bodies = [b"", b"<html><body><p>The congress met in 1956.</p></body></html>", b"\x1b[2J\x07plain text 1956",
              b"%PDF-1.4\n1 0 obj<<>>endobj", b"<![2]-- x --><p>odd</p>", b"<div>" * 2000, b"\xff\xfe\x00\x00"]
    sample = random.Random(rng.random())

    def handler(seen: Seen, server: Server) -> Reply:
        r = random.Random(seen.path + repr(seen.query))
        status = r.choice([200, 200, 200, 204, 301, 302, 307, 308, 400, 404, 410, 429, 500, 503, 999])
        body = r.choice(bodies) + bytes(r.randrange(256) for _ in range(r.randint(0, 64)))
        headers = {"Content-Type": r.choice(types)}
        coding = r.choice(encodings)
        if coding in ("gzip", "x-gzip") and r.random() < 0.7:
            body = gzip.compress(body)
        elif coding == "deflate" and r.random() < 0.7:
            body = zlib.compress(body)
        if coding:
            headers["Content-Encoding"] = coding
        if status in (301, 302, 307, 308):
            headers["Location"] = r.choice(["/next", "http://[bad/", "//x:abc/", "", "\x1b", "/" + "a" * 300,
                                            seen.path, "ftp://x/", "http://10.0.0.1/", "?q=1"])
        if status in (429, 503):
            headers["Retry-After"] = r.choice(["0", "abc", "-1", "Wed, 21 Oct 2015 07:28:00 GMT"])
        if r.random() < 0.1:
            headers["Content-Length"] = r.choice(["abc", "-5", "99999999999", str(len(body) + 10)])
            headers["Connection"] = "close"  # a short body ends at once instead of at the read timeout
        return Reply(status, headers, body)

    server = Server({}, fallback=handler)
    server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign] # resets are expected
    resolver = lambda host: ["127.0.0.1"]
    options = FetchOptions(cache_dir=tmp / "live-cache", allowed_networks=("127.0.0.0/8",), resolver=resolver,
                           connect_timeout=1.0, read_timeout=1.0, total_timeout=1.0, per_host_interval=0.0,
                           backoff_factor=0.0, retries=1, retry_after_max=0.0, max_bytes=100_000)
    fetcher = Fetcher(options)
    path_pieces = ["/", "a", "%", "%zz", "é", "?", "#", "..", "//", "\\", "\x00", " ", "[", "]", ";", "=", "&"]

    def one(url: str) -> None:
        result = fetcher.fetch(url)
        if result.ok:
            try:
                extract(result.body, result.content_type, result.final_url)
            except UnreadableSource:
                pass

    try:
        for _ in range(cases):
            host = sample.choice(["site.test", "xn--bcher-kva.test", "a-b.test", "UPPER.TEST", "127.0.0.1"])
            path = "/" + rand_text(sample, path_pieces, 8)
            url = f"http://{host}:{server.port}{path}"
            yield url, lambda url=url: one(url)
    finally:
        fetcher.close()
        server.close()


def target_extract(rng: random.Random, cases: int) -> Iterator[tuple[str, Callable[[], None]]]:
    from citecheck.sources.extract import UnreadableSource, extract

    pdf = (ROOT / "tests" / "fixtures" / "web" / "paper.pdf").read_bytes()
    hostile = (ROOT / "tests" / "fixtures" / "hostile" / "assert.pdf").read_bytes()
    html = (ROOT / "tests" / "fixtures" / "readers" / "blog-post.html").read_bytes()
    types = [None, "text/html", "application/pdf", "text/plain", "text/html; charset=undefined",
             "text/plain; charset=zlib", "text/html; charset=utf-16", "application/octet-stream", "image/png"]

    def mutate(data: bytes) -> bytes:
        out = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            roll = rng.random()
            at = rng.randrange(len(out) + 1)
            if roll < 0.4 and out:
                out[min(at, len(out) - 1)] = rng.randrange(256)
            elif roll < 0.7:
                out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
            else:
                del out[at:at + rng.randint(1, 64)]
        return bytes(out)

    def one(body: bytes, ctype: str | None) -> None:
        try:
            extracted = extract(body, ctype, "http://example.org/x")
        except UnreadableSource as exc:
            # turned into a finding, but a bug of our own (not the body's) still counts as a failure
            assert not any(name in exc.reason for name in OWN_BUGS), exc.reason
        else:
            assert isinstance(extracted.text, str) and extracted.text.strip()

    for _ in range(cases):
        roll = rng.random()
        if roll < 0.3:
            body = mutate(pdf if rng.random() < 0.8 else hostile)
        elif roll < 0.6:
            body = mutate(html)
        elif roll < 0.8:
            body = rand_text(rng, WORDS, 40).encode("utf-8", "surrogatepass")
        else:
            body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
        ctype = rng.choice(types)
        yield f"{ctype}: {body[:60]!r}", lambda body=body, ctype=ctype: one(body, ctype)


def _essay(rng: random.Random) -> tuple[str, str]:
    fmt = rng.choice(["markdown", "markdown", "html", "latex", "text"])
    body = rand_text(rng, WORDS, 60)
    if fmt == "markdown" and rng.random() < 0.3:
        body = rng.choice(FRONT_MATTER) + body
    if fmt == "html" and rng.random() < 0.5:
        body = "<html><body><article>" + body + "</article></body></html>"
    return fmt, body


def target_readers(rng: random.Random, cases: int) -> Iterator[tuple[str, Callable[[], None]]]:
    from citecheck.errors import CitecheckError
    from citecheck.readers import parse_text

    suffix = {"markdown": "md", "html": "html", "latex": "tex", "text": "txt"}

    def one(fmt: str, body: str) -> None:
        try:
            parse_text(body, f"essay.{suffix[fmt]}", fmt)
        except CitecheckError:
            pass  # a clear error about the essay is an allowed outcome

    for _ in range(cases):
        fmt, body = _essay(rng)
        yield f"{fmt}: {body[:80]!r}", lambda fmt=fmt, body=body: one(fmt, body)


def target_library(rng: random.Random, cases: int) -> Iterator[tuple[str, Callable[[], None]]]:
    from citecheck.errors import CitecheckError
    from citecheck.library import load_library_text

    def one(text: str) -> None:
        try:
            load_library_text(text, "refs.bib")
        except CitecheckError:
            pass

    for _ in range(cases):
        text = rand_text(rng, BIB_PIECES, 40)
        yield repr(text[:80]), lambda text=text: one(text)


def target_check(rng: random.Random, cases: int, tmp: Path, batch: int = 250) -> Iterator[tuple[str, Callable[[], None]]]:
    """Cases are essays; they are checked ``batch`` at a time (one check() and six renders per batch)."""
    import citecheck
    from citecheck.config import Config
    from citecheck.report import FORMATS, render

    suffix = {"markdown": "md", "html": "html", "latex": "tex", "text": "txt"}
    bib = tmp / "refs.bib"
    bib.write_text("@article{doe, author={Doe, Jane}, title={T}, year={2001}, journal={J}, url={http://[oops/}}\n"
                   "@book{smith, author={Smith, A}, title={B}, year={2001}, publisher={P}, file={../../etc/passwd}}\n",
                   encoding="utf-8")
    failures: dict[str, str] = {}

    def run_batch(folder: Path, names: list[str]) -> None:
        config = Config()
        config.override(cache_dir=str(tmp / "check-cache"))
        report = citecheck.check([folder / n for n in names], [bib], config=config, offline=True, jobs=1)
        for doc in report.documents:
            if doc.error and "internal error" in doc.error:
                failures[Path(doc.path).name] = doc.error
        for fmt in FORMATS:
            out = render(report, fmt)
            bad = next((ch for ch in ("\x1b", "\x07", "\x00", "\x9b") if ch in out), None)
            if bad is not None:
                failures.setdefault(f"render {fmt}", f"control character {bad!r} in the output")

    index = 0
    while index < cases:
        folder = tmp / f"essays-{index}"
        folder.mkdir()
        names = []
        texts = {}
        for _ in range(min(batch, cases - index)):
            fmt, body = _essay(rng)
            name = f"e{index}.{suffix[fmt]}"
            (folder / name).write_text(body, encoding="utf-8", errors="surrogatepass")
            names.append(name)
            texts[name] = body
            index += 1
        failures.clear()
        try:
            run_batch(folder, names)
            error: BaseException | None = None
        except BaseException as exc:  # noqa: BLE001 - a batch that raised fails all of its cases
            error = exc
        for name in names:
            def case(name: str = name, error: BaseException | None = error) -> None:
                if error is not None:
                    raise error
                if name in failures:
                    raise AssertionError(failures[name])
            yield f"{name}: {texts[name][:80]!r}", case
        for key in [k for k in failures if k.startswith("render")]:
            def render_case(key: str = key) -> None:
                raise AssertionError(failures[key])
            yield key, render_case
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- driver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases per target (default 10,000)")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--only", default="", help="comma-separated target names")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # pypdf and urllib3 narrate every malformed case
    # tmpfs when there is one: the HTTP cache commits every response, and disk syncs dominate otherwise
    shm = Path("/dev/shm")
    tmp = Path(tempfile.mkdtemp(prefix="citecheck-fuzz-", dir=shm if shm.is_dir() else None))
    targets: dict[str, Callable[[random.Random, int], Iterator[tuple[str, Callable[[], None]]]]] = {
        "url": target_url,
        "fetch-offline": lambda rng, n: target_fetch_offline(rng, n, tmp),
        "fetch-live": lambda rng, n: target_fetch_live(rng, n, tmp),
        "extract": target_extract,
        "readers": target_readers,
        "library": target_library,
        "check+render": lambda rng, n: target_check(rng, n, tmp),
    }
    chosen = [t for t in args.only.split(",") if t] or list(targets)
    rows = []
    examples: dict[str, list[str]] = {}
    try:
        for name in chosen:
            rng = random.Random(f"{args.seed}:{name}")
            started = time.perf_counter()
            count = failed = 0
            for label, case in targets[name](rng, args.cases):
                count += 1
                try:
                    case()
                except Exception:  # noqa: BLE001 - counting failures is the point
                    failed += 1
                    if len(examples.setdefault(name, [])) < 3:
                        examples[name].append(f"{label}\n{traceback.format_exc(limit=4)}")
            rows.append((name, count, failed, time.perf_counter() - started))
            print(f"  {name}: {count} cases, {failed} failures", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"| target | cases | failures | seconds | seed={args.seed} |")
    print("|---|---:|---:|---:|---|")
    for name, count, failed, seconds in rows:
        print(f"| {name} | {count} | {failed} | {seconds:.1f} | |")
    total = sum(r[2] for r in rows)
    print(f"| **all** | {sum(r[1] for r in rows)} | {total} | {sum(r[3] for r in rows):.1f} | |")
    for name, items in examples.items():
        print(f"\n### first failures of {name}\n")
        for item in items:
            print("```\n" + item.rstrip() + "\n```")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
