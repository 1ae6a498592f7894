"""Index answers in the shapes Crossref, OpenAlex and Open Library document, for examples and tests.

These build the JSON bodies the three APIs return (Crossref ``/works/{doi}`` and
``/works?query.bibliographic=``; OpenAlex ``/works/doi:{doi}`` and ``/works?search=``; Open
Library ``/isbn/{isbn}.json`` and ``/search.json``) from a handful of facts. They are written by
us from the APIs' documented formats, not captured from the live services.
"""

from __future__ import annotations

from typing import Any

Name = tuple[str, str]  # (given, family)


def crossref_item(doi: str, title: str, authors: list[Name], year: int, *, container: str = "",
                  volume: str = "", issue: str = "", page: str = "", subtitle: str = "",
                  kind: str = "journal-article", editors: list[Name] | None = None,
                  retracted_by: str = "", isbn: list[str] | None = None, publisher: str = "") -> dict[str, Any]:
    """One Crossref work (the ``message`` of ``/works/{doi}``, or an item of a work list)."""
    item: dict[str, Any] = {
        "DOI": doi, "type": kind, "title": [title], "subtitle": [subtitle] if subtitle else [],
        "author": [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional", "affiliation": []}
                   for i, (g, f) in enumerate(authors)],
        "issued": {"date-parts": [[year]]}, "published-print": {"date-parts": [[year]]},
        "container-title": [container] if container else [], "publisher": publisher or "Example Publisher",
        "URL": f"https://doi.org/{doi}", "prefix": doi.split("/", 1)[0], "source": "Crossref",
        "is-referenced-by-count": 0, "reference-count": 0, "member": "0", "relation": {},
    }
    if editors:
        item["editor"] = [{"given": g, "family": f, "sequence": "additional", "affiliation": []} for g, f in editors]
    for key, value in (("volume", volume), ("issue", issue), ("page", page)):
        if value:
            item[key] = value
    if isbn:
        item["ISBN"] = isbn
    if retracted_by:
        item["updated-by"] = [{"DOI": retracted_by, "type": "retraction", "source": "publisher", "label": "Retraction",
                               "updated": {"date-parts": [[year + 1]]}}]
    return item


def crossref_work(item: dict[str, Any]) -> dict[str, Any]:
    return {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": item}


def crossref_list(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
            "message": {"facets": {}, "total-results": len(items), "items": items, "items-per-page": 5,
                        "query": {"start-index": 0, "search-terms": None}}}


def openalex_work(doi: str, title: str, authors: list[Name], year: int, *, container: str = "",
                  volume: str = "", issue: str = "", first_page: str = "", last_page: str = "",
                  kind: str = "article", retracted: bool = False, work_id: str = "W0") -> dict[str, Any]:
    """One OpenAlex work object."""
    return {
        "id": f"https://openalex.org/{work_id}", "doi": f"https://doi.org/{doi.lower()}" if doi else None,
        "title": title, "display_name": title, "publication_year": year, "publication_date": f"{year}-01-01",
        "type": kind, "is_retracted": retracted, "is_paratext": False,
        "authorships": [{"author_position": "first" if i == 0 else "middle",
                         "author": {"id": None, "display_name": f"{g} {f}".strip(), "orcid": None},
                         "institutions": [], "raw_author_name": f"{g} {f}".strip()}
                        for i, (g, f) in enumerate(authors)],
        "primary_location": {"is_oa": False, "source": {"display_name": container, "type": "journal"}
                             if container else None},
        "biblio": {"volume": volume or None, "issue": issue or None, "first_page": first_page or None,
                   "last_page": last_page or None},
        "ids": {"openalex": f"https://openalex.org/{work_id}"},
    }


def openalex_list(works: list[dict[str, Any]]) -> dict[str, Any]:
    return {"meta": {"count": len(works), "db_response_time_ms": 12, "page": 1, "per_page": 5},
            "results": works, "group_by": []}


def openlibrary_edition(isbn13: str, title: str, year: int, *, subtitle: str = "", pages: int | None = None,
                        publisher: str = "", isbn10: str = "", key: str = "OL0M") -> dict[str, Any]:
    """An Open Library edition (``/isbn/X.json``): authors are only keys there."""
    edition: dict[str, Any] = {
        "key": f"/books/{key}", "title": title, "publish_date": str(year), "isbn_13": [isbn13],
        "publishers": [publisher] if publisher else [], "authors": [{"key": "/authors/OL0A"}],
        "works": [{"key": "/works/OL0W"}], "type": {"key": "/type/edition"}, "revision": 1,
    }
    if subtitle:
        edition["subtitle"] = subtitle
    if isbn10:
        edition["isbn_10"] = [isbn10]
    if pages:
        edition["number_of_pages"] = pages
    return edition


def openlibrary_doc(title: str, authors: list[str], first_year: int, *, subtitle: str = "",
                    isbns: list[str] | None = None, pages: int | None = None, publisher: str = "",
                    key: str = "OL0W") -> dict[str, Any]:
    """One ``docs[]`` item of Open Library's ``/search.json``."""
    doc: dict[str, Any] = {"key": f"/works/{key}", "title": title, "author_name": authors,
                           "first_publish_year": first_year, "publish_year": [first_year],
                           "isbn": isbns or [], "publisher": [publisher] if publisher else []}
    if subtitle:
        doc["subtitle"] = subtitle
    if pages:
        doc["number_of_pages_median"] = pages
    return doc


def openlibrary_search(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"numFound": len(docs), "start": 0, "numFoundExact": True, "docs": docs, "q": "", "offset": None}


__all__ = ["crossref_item", "crossref_list", "crossref_work", "openalex_list", "openalex_work",
           "openlibrary_doc", "openlibrary_edition", "openlibrary_search"]
