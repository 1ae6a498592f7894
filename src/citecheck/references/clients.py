"""Crossref, OpenAlex and Open Library, asked through the project's :class:`~citecheck.sources.http.Fetcher`.

Every request goes through the Fetcher, so the HTTP cache, per-host limits, ``Retry-After``
handling and the address guard apply. Base URLs come from configuration (tests and benchmarks
point them at local servers). ``mailto`` (config) puts Crossref and OpenAlex requests in their
"polite pools"; it is left out of the key under which an answer is recorded, so snapshots do not
depend on who fetched them.

Answers are recorded in, and replayed from, ``references.json`` in the snapshot directory
(:class:`RecordStore`): ``citecheck fetch`` writes it, ``check --offline`` reads it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode

from citecheck.model import Reference
from citecheck.references.match import Record, fold, surname

AnswerStatus = Literal["ok", "missing", "unavailable"]
RECORDS_FILE = "references.json"
# Why an offline run had no answer: nothing was asked, and nothing was recorded (not "did not answer").
NOT_RECORDED = "offline, and no recorded answer"
_RETRACTION_TYPES = {"retraction", "withdrawal", "removal", "partial_retraction"}


@dataclass
class Answer:
    """One index's answer to one request: JSON (ok), "no such work" (missing), or no answer."""

    status: AnswerStatus
    url: str
    data: Any = None
    reason: str = ""


class RecordStore:
    """``references.json`` in a snapshot directory: request URL → recorded answer."""

    def __init__(self, directory: str | Path) -> None:
        self.path = Path(directory) / RECORDS_FILE
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, Any]] | None = None
        self.dirty = False

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                data = {}
            except (OSError, ValueError) as exc:
                from citecheck.errors import InputError

                raise InputError(f"recorded reference answers cannot be read: {exc}", str(self.path),
                                 hint="delete it and run `citecheck fetch --check-references` again") from None
            self._data = data if isinstance(data, dict) else {}
        return self._data

    def get(self, url: str) -> Answer | None:
        with self._lock:
            entry = self._load().get(url)
        if not isinstance(entry, dict):
            return None
        status = entry.get("status")
        if status == 200:
            return Answer("ok", url, entry.get("json"), "recorded answer")
        if status in (404, 410):
            return Answer("missing", url, None, f"HTTP {status} (recorded)")
        return None

    def put(self, answer: Answer) -> None:
        if answer.status == "unavailable":
            return
        with self._lock:
            self._load()[answer.url] = {"status": 200 if answer.status == "ok" else 404, "json": answer.data}
            self.dirty = True

    def save(self) -> None:
        with self._lock:
            if not self.dirty or self._data is None:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(self._data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".references-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.path)
            self.dirty = False


@dataclass
class IndexURLs:
    crossref: str = "https://api.crossref.org"
    openalex: str = "https://api.openalex.org"
    openlibrary: str = "https://openlibrary.org"

    def crossref_work(self, doi: str) -> str:
        return f"{self.crossref.rstrip('/')}/works/{quote(doi, safe='/')}"

    def crossref_search(self, query: str, rows: int = 5) -> str:
        return f"{self.crossref.rstrip('/')}/works?" + urlencode({"query.bibliographic": query, "rows": rows})

    def openalex_work(self, doi: str) -> str:
        return f"{self.openalex.rstrip('/')}/works/doi:{quote(doi, safe='/')}"

    def openalex_search(self, query: str, rows: int = 5) -> str:
        return f"{self.openalex.rstrip('/')}/works?" + urlencode({"search": query, "per_page": rows})

    def openlibrary_isbn(self, isbn: str) -> str:
        return f"{self.openlibrary.rstrip('/')}/isbn/{isbn}.json"

    def openlibrary_search(self, params: dict[str, str], rows: int = 5) -> str:
        fields = "key,title,subtitle,author_name,first_publish_year,publish_year,number_of_pages_median,isbn,publisher"
        return f"{self.openlibrary.rstrip('/')}/search.json?" + urlencode({**params, "limit": rows, "fields": fields})


def bibliographic_query(title: str, surname: str = "", year: str = "") -> str:
    """What a bibliographic search is given: title, first author's surname, year."""
    return " ".join(f"{title} {surname} {year}".split())


def search_query(ref: Reference) -> str:
    """:func:`bibliographic_query` for an entry."""
    people = ref.authors or ref.editors
    return bibliographic_query(ref.fields.get("title", ""), people[0].last if people else "", ref.year or "")


def openlibrary_params(title: str, surname: str = "") -> dict[str, str]:
    """Open Library search parameters: the main title (before any subtitle) and a surname."""
    params = {"title": re.split(r"\s*[:;]\s+", title, maxsplit=1)[0]}
    if surname:
        params["author"] = surname
    return params


def openlibrary_query(ref: Reference) -> dict[str, str]:
    people = ref.authors or ref.editors
    return openlibrary_params(ref.fields.get("title", ""), people[0].last if people else "")


class Indexes:
    """The three indexes behind one Fetcher, with recorded answers replayed or recorded."""

    def __init__(self, fetcher: Any, records: RecordStore | None = None, *, urls: IndexURLs | None = None,
                 mailto: str = "", record: bool = False) -> None:
        self.fetcher = fetcher
        self.records = records
        self.urls = urls or IndexURLs()
        self.mailto = mailto.strip()
        self.record = record
        self.requests = 0

    def _with_mailto(self, url: str) -> str:
        if not self.mailto or url.startswith(self.urls.openlibrary.rstrip("/")):
            return url
        return url + ("&" if "?" in url else "?") + urlencode({"mailto": self.mailto})

    def get_json(self, url: str) -> Answer:
        """GET ``url``: a recorded answer first (unless recording), then the Fetcher."""
        if self.records is not None and not self.record:
            stored = self.records.get(url)
            if stored is not None:
                return stored
        if self.fetcher is None:
            return Answer("unavailable", url, reason=NOT_RECORDED)
        self.requests += 1
        result = self.fetcher.fetch(self._with_mailto(url), headers={"Accept": "application/json"})
        if result.ok:
            try:
                answer = Answer("ok", url, json.loads(result.body.decode("utf-8")))
            except (UnicodeDecodeError, ValueError):
                return Answer("unavailable", url, reason="the answer is not JSON")
        elif result.status_code in (404, 410):
            answer = Answer("missing", url, reason=f"HTTP {result.status_code}")
        elif result.offline_miss:  # as SourceProvider tells an offline miss
            return Answer("unavailable", url, reason=NOT_RECORDED)
        else:
            return Answer("unavailable", url, reason=result.reason or str(result.error))
        if self.record and self.records is not None:
            self.records.put(answer)
        return answer

    # -- Crossref -------------------------------------------------------------------------

    def crossref_work(self, doi: str) -> tuple[Answer, Record | None]:
        answer = self.get_json(self.urls.crossref_work(doi))
        if answer.status != "ok":
            return answer, None
        message = answer.data.get("message") if isinstance(answer.data, dict) else None
        if not isinstance(message, dict):
            return Answer("unavailable", answer.url, reason="no `message` in the Crossref answer"), None
        return answer, crossref_record(message, answer.url)

    def crossref_search(self, ref: Reference) -> tuple[Answer, list[Record]]:
        answer = self.get_json(self.urls.crossref_search(search_query(ref)))
        if answer.status != "ok":
            return answer, []
        message = answer.data.get("message") if isinstance(answer.data, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        if not isinstance(items, list):
            return Answer("unavailable", answer.url, reason="no `message.items` in the Crossref answer"), []
        return answer, [crossref_record(item, answer.url) for item in items if isinstance(item, dict)]

    # -- OpenAlex -------------------------------------------------------------------------

    def openalex_work(self, doi: str) -> tuple[Answer, Record | None]:
        answer = self.get_json(self.urls.openalex_work(doi))
        if answer.status != "ok":
            return answer, None
        if not isinstance(answer.data, dict):
            return Answer("unavailable", answer.url, reason="the OpenAlex answer is not an object"), None
        return answer, openalex_record(answer.data, answer.url)

    def openalex_search(self, ref: Reference) -> tuple[Answer, list[Record]]:
        answer = self.get_json(self.urls.openalex_search(search_query(ref)))
        if answer.status != "ok":
            return answer, []
        results = answer.data.get("results") if isinstance(answer.data, dict) else None
        if not isinstance(results, list):
            return Answer("unavailable", answer.url, reason="no `results` in the OpenAlex answer"), []
        return answer, [openalex_record(work, answer.url) for work in results if isinstance(work, dict)]

    # -- Open Library ---------------------------------------------------------------------

    def openlibrary_isbn(self, isbn: str) -> tuple[Answer, Record | None]:
        answer = self.get_json(self.urls.openlibrary_isbn(isbn))
        if answer.status == "missing":
            # /isbn/X.json lacks many editions that the search index knows by ISBN.
            search, docs = self._openlibrary_docs({"q": f"isbn:{isbn}"})
            if search.status == "ok" and docs:
                return search, openlibrary_doc_record(docs[0], search.url)
        if answer.status != "ok":
            return answer, None
        if not isinstance(answer.data, dict):
            return Answer("unavailable", answer.url, reason="the Open Library answer is not an object"), None
        record = openlibrary_edition_record(answer.data, answer.url)
        # The edition names its authors by key only; the search index gives names and the first year.
        search, docs = self._openlibrary_docs({"q": f"isbn:{isbn}"})
        if search.status == "ok" and docs:
            doc = docs[0]
            record.authors = [str(n) for n in _list(doc.get("author_name"))]
            record.surnames = [surname(n) for n in record.authors]
            first = doc.get("first_publish_year")
            record.first_year = first if isinstance(first, int) else None
            if not record.subtitle and isinstance(doc.get("subtitle"), str):
                record.subtitle = doc["subtitle"]
        return answer, record

    def _openlibrary_docs(self, params: dict[str, str]) -> tuple[Answer, list[dict[str, Any]]]:
        answer = self.get_json(self.urls.openlibrary_search(params))
        if answer.status != "ok":
            return answer, []
        docs = answer.data.get("docs") if isinstance(answer.data, dict) else None
        if not isinstance(docs, list):
            return Answer("unavailable", answer.url, reason="no `docs` in the Open Library answer"), []
        return answer, [d for d in docs if isinstance(d, dict)]

    def openlibrary_search(self, ref: Reference) -> tuple[Answer, list[Record]]:
        answer, docs = self._openlibrary_docs(openlibrary_query(ref))
        return answer, [openlibrary_doc_record(doc, answer.url) for doc in docs]


# --------------------------------------------------------------------------- JSON → Record


def _list(value: Any) -> list[Any]:
    """A JSON array; a lone string counts as one item, anything else as none."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) and value else []


def _object(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one for null and any other type (the APIs' fields may be null)."""
    return value if isinstance(value, dict) else {}


def _first(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value) if value is not None else ""


def _date_year(value: Any) -> int | None:
    try:
        year = value["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return year if isinstance(year, int) else None


def _strip_tags(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def crossref_record(item: dict[str, Any], url: str) -> Record:
    """A Record from a Crossref work (``message`` or an item of ``message.items``)."""
    def names(people: Any) -> tuple[list[str], list[str]]:
        full, family = [], []
        for person in people if isinstance(people, list) else []:
            if not isinstance(person, dict):
                continue
            if person.get("family"):
                full.append(" ".join(str(p) for p in (person.get("given"), person["family"]) if p))
                family.append(surname(str(person["family"])))
            elif person.get("name"):
                full.append(str(person["name"]))
                family.append(fold(str(person["name"])))
        return full, family

    authors, surnames = names(item.get("author"))
    editors, editor_surnames = names(item.get("editor"))
    years = {y for key in ("issued", "published-print", "published-online", "published")
             if (y := _date_year(item.get(key))) is not None}
    title = _strip_tags(_first(item.get("title")))
    record = Record(
        index="crossref", id=str(item.get("DOI", "")), url=url, title=title,
        subtitle=_strip_tags(_first(item.get("subtitle"))),
        other_titles=[_strip_tags(str(t)) for t in [*_list(item.get("original-title")),
                                                     *_list(item.get("short-title"))]],
        authors=authors or editors, surnames=surnames, editor_surnames=editor_surnames,
        year=_date_year(item.get("issued")), years=years,
        container=_first(item.get("container-title")),
        short_containers=[str(c) for c in _list(item.get("short-container-title"))],
        volume=str(item.get("volume") or ""), pages=str(item.get("page") or ""),
        doi=str(item.get("DOI", "")).lower(), isbns=[str(i) for i in _list(item.get("ISBN"))],
        kind=str(item.get("type") or ""),
    )
    for update in _list(item.get("updated-by")):
        if isinstance(update, dict) and str(update.get("type", "")).lower() in _RETRACTION_TYPES:
            record.retracted = True
            record.retraction = f"Crossref: {update.get('type')} notice {update.get('DOI', '')}".strip()
    for update in _list(item.get("update-to")):
        # An "in-place" retraction: the work's own metadata carries the update pointing at itself.
        if isinstance(update, dict) and str(update.get("type", "")).lower() in _RETRACTION_TYPES \
                and str(update.get("DOI", "")).lower() == record.doi:
            record.retracted = True
            record.retraction = f"Crossref: update-to {update.get('type')} of {record.doi}"
    relation = _object(item.get("relation"))
    for name, targets in relation.items():
        if "retract" in name.lower() and targets:
            record.retracted = True
            target = targets[0].get("id", "") if isinstance(targets, list) and isinstance(targets[0], dict) else ""
            record.retraction = f"Crossref relation {name} {target}".strip()
    if re.match(r"(?i)^\s*retracted\s*[:\-]", title):
        record.retracted = True
        record.retraction = record.retraction or "Crossref: the title is marked RETRACTED"
        record.title = re.sub(r"(?i)^\s*retracted\s*[:\-]\s*", "", title)
    return record


def openalex_record(work: dict[str, Any], url: str) -> Record:
    """A Record from an OpenAlex work object."""
    authors: list[str] = []
    for authorship in _list(work.get("authorships")):
        if isinstance(authorship, dict):
            author = authorship.get("author") or {}
            name = author.get("display_name") if isinstance(author, dict) else None
            name = name or authorship.get("raw_author_name")
            if name:
                authors.append(str(name))
    biblio = _object(work.get("biblio"))
    first, last = biblio.get("first_page"), biblio.get("last_page")
    pages = f"{first}-{last}" if first and last and first != last else str(first or "")
    source = _object(_object(work.get("primary_location")).get("source"))
    year = work.get("publication_year") if isinstance(work.get("publication_year"), int) else None
    doi = str(work.get("doi") or "")
    doi = re.sub(r"(?i)^https?://doi\.org/", "", doi).lower()
    record = Record(
        index="openalex", id=str(work.get("id", "")), url=url,
        title=_strip_tags(str(work.get("title") or work.get("display_name") or "")),
        authors=authors, surnames=[surname(a) for a in authors], year=year, years={year} if year else set(),
        container=str(source.get("display_name") or ""), volume=str(biblio.get("volume") or ""), pages=pages,
        doi=doi, kind=str(work.get("type") or ""),
    )
    if work.get("is_retracted") is True:
        record.retracted = True
        record.retraction = "OpenAlex: is_retracted"
    return record


def _year_in(text: Any) -> int | None:
    m = re.search(r"\b(1[4-9]\d\d|20\d\d)\b", str(text or ""))
    return int(m.group(1)) if m else None


def openlibrary_edition_record(edition: dict[str, Any], url: str) -> Record:
    """A Record from an Open Library edition (``/isbn/X.json``, ``/books/OL…M.json``)."""
    year = _year_in(edition.get("publish_date"))
    pages = edition.get("number_of_pages")
    return Record(
        index="openlibrary", id=str(edition.get("key", "")), url=url, title=str(edition.get("title") or ""),
        subtitle=str(edition.get("subtitle") or ""), year=year, years={year} if year else set(),
        page_count=pages if isinstance(pages, int) and pages > 0 else None,
        isbns=[str(i) for i in [*_list(edition.get("isbn_13")), *_list(edition.get("isbn_10"))]],
        container=_first(edition.get("publishers")), kind="book",
    )


def openlibrary_doc_record(doc: dict[str, Any], url: str) -> Record:
    """A Record from one ``docs[]`` item of Open Library's ``/search.json``."""
    authors = [str(n) for n in _list(doc.get("author_name"))]
    first = doc.get("first_publish_year") if isinstance(doc.get("first_publish_year"), int) else None
    years = {y for y in _list(doc.get("publish_year")) if isinstance(y, int)}
    return Record(
        index="openlibrary", id=str(doc.get("key", "")), url=url, title=str(doc.get("title") or ""),
        subtitle=str(doc.get("subtitle") or ""), authors=authors, surnames=[surname(a) for a in authors],
        year=first, years=years | ({first} if first else set()), first_year=first,
        isbns=[str(i) for i in _list(doc.get("isbn"))], container=_first(doc.get("publisher")), kind="book",
    )


__all__ = ["RECORDS_FILE", "Answer", "IndexURLs", "Indexes", "RecordStore", "bibliographic_query", "build_indexes",
           "crossref_record", "openalex_record", "openlibrary_doc_record", "openlibrary_edition_record",
           "openlibrary_params", "search_query"]


def build_indexes(config: Any, fetcher: Any, *, record: bool = False) -> Indexes:
    """The run's Indexes from configuration: base URLs, ``mailto``, the snapshot directory's answers."""
    snapshots = config.get("snapshots")
    store = RecordStore(Path(snapshots)) if snapshots else None
    urls = IndexURLs(crossref=config.get("crossref-url"), openalex=config.get("openalex-url"),
                     openlibrary=config.get("openlibrary-url"))
    return Indexes(fetcher, store, urls=urls, mailto=config.get("mailto"), record=record)
