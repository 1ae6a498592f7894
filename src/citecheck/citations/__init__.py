"""In-text citations: find every marker in a Document (``find_citations``) and resolve them
against the library (``citations.resolve.resolve_citations``).

Grammars live in ``markers`` (MLA, author-date, pandoc, LaTeX, numeric), ``notes`` (links,
footnotes, the essay's own numbered reference list) and ``locators``.
"""

from __future__ import annotations

from typing import Any

from citecheck.model import Citation, Document

__all__ = ["find_citations"]


def find_citations(doc: Document, library: Any = None) -> list[Citation]:
    """Every citation in ``doc``, one per cited work, in text order, with spans set.

    Citations written inside a footnote's text are reported at the footnote marker's position
    (style "footnote"), since that is where they stand in the essay's argument. With the essay's
    ``library``, MLA markers that name an author or a title alone (``(Whitcombe)``) are read too
    when that author or title is in it.
    """
    from citecheck.citations.known import known_works
    from citecheck.citations.markers import scan
    from citecheck.citations.notes import footnote_citations, link_citations

    known = None
    if library is not None and library.references:
        # Built once per library (every essay of a run may share one): keyed by its size, as
        # resolve's index of first authors is.
        cached = library.__dict__.get("_known_works")
        if cached is not None and cached[0] == len(library.references):
            known = cached[1]
        else:
            known = known_works(library.references.values())
            library.__dict__["_known_works"] = (len(library.references), known)
    found = scan(doc, known)
    links = link_citations(doc)
    notes, used = footnote_citations(doc, found + links)
    result = [c for c in found + links if id(c) not in used] + notes
    result.sort(key=lambda c: (c.start, c.end))
    return result
