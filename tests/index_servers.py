"""Local Crossref, OpenAlex and Open Library: real HTTP servers on loopback answering in the APIs' shapes.

A table of :class:`Work` facts is served three ways, as the live services would serve them:

- Crossref: ``/works/{doi}`` (``{"status": "ok", "message": {...}}``, 404 "Resource not found."),
  ``/works?query.bibliographic=…&rows=N`` (``message.items``, best first);
- OpenAlex: ``/works/doi:{doi}`` (a work object, 404 JSON error), ``/works?search=…`` (``results``);
- Open Library: ``/isbn/{isbn}.json`` (302 to ``/books/OL…M.json``, the edition), ``/search.json``
  with ``q=isbn:…`` or ``title=…&author=…`` (``docs``).

Searches really search (word overlap of title and authors), so near misses come back as the live
indexes return them. ``faults`` makes a path time out or answer 429. The JSON shapes are written
from the APIs' documentation by us (see citecheck.rule_examples.records), not captured.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from servers import Reply, Seen, Server

from citecheck.rule_examples import records as r


@dataclass
class Work:
    title: str
    authors: list[tuple[str, str]]
    year: int
    doi: str = ""
    isbns: list[str] = field(default_factory=list)  # ISBN-13 digits
    subtitle: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""  # "737-738"
    kind: str = "journal-article"  # or "book"
    publisher: str = ""
    page_count: int | None = None
    first_year: int | None = None
    retracted: bool = False
    in_crossref: bool = True
    in_openalex: bool = True
    in_openlibrary: bool = True
    isbn_known: bool = True  # False: Open Library's search has the book, /isbn/X.json does not
    index_title: str = ""  # the title as Crossref / OpenAlex spell it, when not as the work's own (e.g. upper case)
    openalex_year: int | None = None  # OpenAlex's publication_year, when it differs (online first)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.findall(r"[a-z0-9]+", text)


class IndexSite:
    """The facts behind the three servers, and their routes."""

    def __init__(self, works: list[Work]) -> None:
        self.works = works
        self.faults: dict[str, str] = {}  # "crossref" | "openalex" | "openlibrary" | a path -> timeout | 429 | 429-once
        self.slow = 2.0

    def _fault(self, name: str, seen: Seen, server: Server) -> Reply | None:
        kind = self.faults.get(seen.path) or self.faults.get(name)
        if kind == "timeout":
            return Reply(200, {"Content-Type": "application/json"}, b"{}", delay=self.slow)
        if kind == "429":
            return Reply(429, {"Content-Type": "text/plain", "Retry-After": "0"}, b"Too Many Requests")
        if kind == "429-once" and server.bump(f"429:{seen.path}") == 1:
            return Reply(429, {"Content-Type": "text/plain", "Retry-After": "1"}, b"Too Many Requests")
        return None

    def search(self, query: str, pool: list[Work], rows: int = 5) -> list[Work]:
        wanted = set(_words(query))
        scored = []
        for work in pool:
            main = set(_words(work.title))
            title = main | set(_words(work.subtitle))
            names = {w for _, f in work.authors for w in _words(f)}
            hits = len(wanted & title) + len(wanted & names)
            if main and len(wanted & main) * 2 >= len(main):
                scored.append((-hits, work.title, work))
        return [w for _, _, w in sorted(scored, key=lambda t: (t[0], t[1]))[:rows]]

    # -- shapes -------------------------------------------------------------------------

    def crossref_item(self, work: Work) -> dict[str, Any]:
        return r.crossref_item(work.doi, work.index_title or work.title, work.authors, work.year, container=work.container,
                               volume=work.volume, issue=work.issue, page=work.pages, subtitle=work.subtitle,
                               kind="book" if work.kind == "book" else work.kind, publisher=work.publisher,
                               retracted_by=f"{work.doi}-retraction" if work.retracted else "")

    def openalex_work(self, work: Work, n: int) -> dict[str, Any]:
        first, _, last = work.pages.partition("-")
        title = work.index_title or work.title
        title = f"{title}: {work.subtitle}" if work.subtitle else title
        return r.openalex_work(work.doi, title, work.authors, work.openalex_year or work.year, container=work.container,
                               volume=work.volume, issue=work.issue, first_page=first, last_page=last,
                               kind="book" if work.kind == "book" else "article", retracted=work.retracted,
                               work_id=f"W{1000 + n}")

    def ol_doc(self, work: Work, n: int) -> dict[str, Any]:
        return r.openlibrary_doc(work.title, [f"{g} {f}".strip() for g, f in work.authors],
                                 work.first_year or work.year, subtitle=work.subtitle, isbns=work.isbns,
                                 pages=work.page_count, publisher=work.publisher, key=f"OL{n}W")

    # -- routes -------------------------------------------------------------------------

    def crossref(self, seen: Seen, server: Server) -> Reply:
        fault = self._fault("crossref", seen, server)
        if fault:
            return fault
        pool = [w for w in self.works if w.in_crossref and w.doi]
        if seen.path.startswith("/works/"):
            doi = unquote(seen.path[len("/works/"):]).lower()
            for work in pool:
                if work.doi.lower() == doi:
                    return _json(r.crossref_work(self.crossref_item(work)))
            return Reply(404, {"Content-Type": "text/plain"}, b"Resource not found.")
        if seen.path == "/works":
            query = (seen.query.get("query.bibliographic") or [""])[0]
            rows = int((seen.query.get("rows") or ["5"])[0])
            return _json(r.crossref_list([self.crossref_item(w) for w in self.search(query, pool, rows)]))
        return Reply(404, {"Content-Type": "text/plain"}, b"Resource not found.")

    def openalex(self, seen: Seen, server: Server) -> Reply:
        fault = self._fault("openalex", seen, server)
        if fault:
            return fault
        pool = [w for w in self.works if w.in_openalex]
        if seen.path.startswith("/works/doi:"):
            doi = unquote(seen.path[len("/works/doi:"):]).lower()
            for n, work in enumerate(self.works):
                if work in pool and work.doi and work.doi.lower() == doi:
                    return _json(self.openalex_work(work, n))
            return Reply(404, {"Content-Type": "application/json"},
                         json.dumps({"error": "Not Found", "message": "The page you requested was not found."}).encode())
        if seen.path == "/works":
            query = (seen.query.get("search") or [""])[0]
            rows = int((seen.query.get("per_page") or ["5"])[0])
            found = self.search(query, pool, rows)
            return _json(r.openalex_list([self.openalex_work(w, self.works.index(w)) for w in found]))
        return Reply(404, {"Content-Type": "application/json"}, b'{"error": "Not Found"}')

    def openlibrary(self, seen: Seen, server: Server) -> Reply:
        fault = self._fault("openlibrary", seen, server)
        if fault:
            return fault
        pool = [w for w in self.works if w.in_openlibrary and w.kind == "book"]
        m = re.fullmatch(r"/isbn/([0-9Xx]+)\.json", seen.path)
        if m:
            for n, work in enumerate(self.works):
                if work in pool and work.isbn_known and _isbn13(m.group(1)) in work.isbns:
                    return Reply(302, {"Location": f"/books/OL{n}M.json", "Content-Length": "0"})
            return Reply(404, {"Content-Type": "application/json"}, b'{"error": "notfound", "key": "/isbn"}')
        m = re.fullmatch(r"/books/OL(\d+)M\.json", seen.path)
        if m:
            work = self.works[int(m.group(1))]
            return _json(r.openlibrary_edition(work.isbns[0], work.title, work.year, subtitle=work.subtitle,
                                               pages=work.page_count, publisher=work.publisher,
                                               key=f"OL{m.group(1)}M"))
        if seen.path == "/search.json":
            q = (seen.query.get("q") or [""])[0]
            rows = int((seen.query.get("limit") or ["5"])[0])
            if q.startswith("isbn:"):
                found = [w for w in pool if _isbn13(q[5:]) in w.isbns]
            else:
                query = " ".join((seen.query.get("title") or [""]) + (seen.query.get("author") or []))
                found = self.search(query, pool, rows)
            return _json(r.openlibrary_search([self.ol_doc(w, self.works.index(w)) for w in found]))
        return Reply(404, {"Content-Type": "application/json"}, b'{"error": "notfound"}')


def _isbn13(value: str) -> str:
    from stdnum import isbn

    try:
        return isbn.to_isbn13(isbn.compact(value)).replace("-", "")
    except Exception:  # noqa: BLE001 - an invalid ISBN matches nothing
        return value


def _json(body: Any) -> Reply:
    return Reply(200, {"Content-Type": "application/json"}, json.dumps(body, ensure_ascii=False).encode("utf-8"))


class IndexServers:
    """Three loopback servers over one :class:`IndexSite`; ``config_values()`` points citecheck at them."""

    def __init__(self, site: IndexSite) -> None:
        self.site = site
        self.crossref = Server({}, fallback=site.crossref)
        self.openalex = Server({}, fallback=site.openalex)
        self.openlibrary = Server({}, fallback=site.openlibrary)

    def config_values(self) -> dict[str, Any]:
        return {"crossref-url": self.crossref.url(""), "openalex-url": self.openalex.url(""),
                "openlibrary-url": self.openlibrary.url(""), "allowed-networks": ["127.0.0.0/8"]}

    def hits(self) -> int:
        return self.crossref.hits() + self.openalex.hits() + self.openlibrary.hits()

    def close(self) -> None:
        for server in (self.crossref, self.openalex, self.openlibrary):
            server.close()
