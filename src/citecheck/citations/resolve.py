"""Match citations to library entries (DESIGN.md, "Decisions": Resolution).

- pandoc/LaTeX keys resolve by key;
- names match entries whose author surnames (editor surnames when there is no author) match,
  folded; the first cited name must be the entry's first name, and every cited name must be
  among its names; particles ("de", "van") may be left out on either side;
- several entries: those with as many authors as the citation names win (not with "et al.");
- with a year keep the entries of that year ("2009a" picks the first of several 2009 entries
  in title order, "2009b" the second); none left → year-mismatch;
- without a year: one match → resolved; several → the MLA short title (or footnote title)
  against the entry title; else ambiguous; no match → undefined;
- links resolve to the entry with the same normalised URL, else they are a bare-URL source;
- a title alone (MLA ``("Short Title" 12)``) matches entries by title, authorless ones first;
- numbers name an entry directly when the library is the essay's own numbered list; else they
  go through the essay's own reference list to an entry (URL, surname+year, title);
  a number with a list entry but no library entry is "unresolved-number" (reason: the entry
  text); a number missing from the list is "undefined".
"""

from __future__ import annotations

import bisect
import re

from citecheck.citations.notes import URL_RE, reference_list
from citecheck.library import Library, fold_name, strip_particles
from citecheck.model import Citation, Document, Person, Reference, Resolution

__all__ = ["drop_dated_phrases", "resolve_citations", "resolve_one"]

# A capitalised word and a linking word end right before the cited name: the name closes a proper
# noun phrase ("the University of Leeds (1904)", "Treaty of Versailles (1919)"), not an author.
_PHRASE_BEFORE = re.compile(
    r"(?:^|[^\w])[A-Z][\w'’.-]*\s+(?:of|for|de|del|di|du|von|van|on|upon|at)\s+(?:the\s+)?$"
)


def resolve_citations(citations: list[Citation], doc: Document, library: Library) -> None:
    """Set ``Citation.resolution`` on every citation."""
    reflist: dict[int, str] | None = None
    bibitems: dict[str, str] | None = None
    for c in citations:
        if c.style == "numeric":
            if reflist is None:
                reflist = reference_list(doc)
            c.resolution = _resolve_number(c, reflist, library)
            continue
        c.resolution = resolve_one(c, library)
        if c.key and c.resolution.status == "undefined" and doc.metadata.get("bibitems"):
            if bibitems is None:
                bibitems = _bibitem_keys(doc, library)
            if c.key in bibitems:
                c.resolution = Resolution("resolved", [bibitems[c.key]], f"\\bibitem{{{c.key}}} in the essay")


def _bibitem_keys(doc: Document, library: Library) -> dict[str, str]:
    """LaTeX ``\\bibitem{key}`` → the key of the essay's own reference-list entry written after it.

    The essay's list is parsed without its ``\\bibitem`` keys (entries are keyed by name and
    year), so ``\\cite{whit}`` finds its entry by where it stands in the file."""
    own = sorted((span.start, key) for key, span in library.spans.items()
                 if library.references[key].bib_path == doc.path)
    starts = [start for start, _ in own]
    items: list[tuple[str, int]] = doc.metadata["bibitems"]
    out: dict[str, str] = {}
    for n, (key, offset) in enumerate(items):
        limit = items[n + 1][1] if n + 1 < len(items) else None
        i = bisect.bisect_left(starts, offset)
        if i < len(own) and (limit is None or own[i][0] < limit):
            out.setdefault(key, own[i][1])
    return out


def drop_dated_phrases(citations: list[Citation], doc: Document) -> list[Citation]:
    """``citations`` without the narrative "Name (year)" markers that are a dated proper noun.

    A parenthesised year after a phrase that is not a name ("the University of Leeds (1904)")
    is not a citation when the name matches no library entry (resolution ``undefined``); with
    an entry of that name (even of another year) it stays a citation. Run after
    :func:`resolve_citations`.
    """
    kept = []
    for c in citations:
        if (c.style == "author-date" and c.narrative and c.year and c.resolution is not None
                and c.resolution.status == "undefined"
                and _PHRASE_BEFORE.search(doc.text, max(0, c.start - 80), c.start)):
            continue
        kept.append(c)
    return kept


def resolve_one(c: Citation, library: Library) -> Resolution:
    """The Resolution of one non-numeric citation."""
    if c.key:
        if c.key in library.references:
            return Resolution("resolved", [c.key])
        return Resolution("undefined", [], f"no entry with key `{c.key}` in the library")
    if c.names:
        return _resolve_names(c.names, c.year, c.title, library, etal=bool(re.search(r"\bet\s+al\b", c.marker)))
    if c.title:
        return _resolve_title(c.title, library)
    if c.url:
        ref = library.by_url(c.url)
        if ref is not None:
            return Resolution("resolved", [ref.key])
        return Resolution("bare-url", [], "no library entry has this URL; the page itself is the source")
    return Resolution("undefined", [], "the citation names no author, key or URL")


def _persons(ref: Reference) -> list[Person]:
    return ref.authors or ref.editors


def _name_matches(cited: str, person: Person) -> bool:
    return _folded_matches(fold_name(cited), person.folded)


def _folded_matches(want: str, have: str) -> bool:
    if want == have or strip_particles(want) == strip_particles(have):
        return True
    # Corporate authors: "Office of the Historian" cites "Office of the Historian, U.S. Department ..."
    return bool(" " in have and (have.startswith((want + ",", want + " "))) and len(want) > 6)


def _first_word(folded: str) -> str:
    return folded.replace(",", " ").split(" ", 1)[0]


def _first_author_index(library: Library) -> tuple[list[Reference], dict[str, list[int]]]:
    """Entry positions by the first word of their first person's folded surname, with and
    without particles: built once per library, so a citation looks at a few entries, not all."""
    cached = library.__dict__.get("_first_author_index")
    if cached is not None and cached[0] == len(library.references):
        return cached[1], cached[2]  # type: ignore[no-any-return]
    refs = list(library.references.values())
    index: dict[str, list[int]] = {}
    for position, ref in enumerate(refs):
        persons = _persons(ref)
        if persons:
            have = persons[0].folded
            for word in {_first_word(have), _first_word(strip_particles(have))}:
                index.setdefault(word, []).append(position)
    library.__dict__["_first_author_index"] = (len(refs), refs, index)
    return refs, index


def name_candidates(names: list[str], library: Library) -> list[Reference]:
    """Entries whose first author (or editor) is ``names[0]`` and whose names include all of ``names``."""
    want = fold_name(names[0])
    refs, index = _first_author_index(library)
    # _folded_matches needs the same first word (equal, or a corporate name's prefix), with or
    # without particles on either side: only those entries can match.
    positions: set[int] = set()
    for word in {_first_word(want), _first_word(strip_particles(want))}:
        positions.update(index.get(word, ()))
    out = []
    for ref in (refs[i] for i in sorted(positions)):
        persons = _persons(ref)
        if not persons or not _folded_matches(want, persons[0].folded):
            continue
        if all(any(_name_matches(n, p) for p in persons) for n in names[1:]):
            out.append(ref)
    return out


def _resolve_names(names: list[str], year: str | None, title: str | None, library: Library,
                   etal: bool = False) -> Resolution:
    cited = " and ".join(names)
    matches = name_candidates(names, library)
    if not matches:
        return Resolution("undefined", [], f"no library entry has author or editor {cited}")
    if len(matches) > 1 and not etal:
        # "(Whitcombe 45)" is her own book, not the one she wrote with Moss: MLA and author-date
        # styles name every author of a two-author work, so a lone name prefers lone authors.
        exact = [r for r in matches if len(_persons(r)) == len(names)]
        if exact and (len(names) > 1 or len(exact) < len(matches)):
            matches = exact
    if year:
        base = year.rstrip("abcdefghijklmnopqrstuvwxyz") if re.match(r"\d{4}[a-z]$", year) else year
        if base.replace(" ", "") == "n.d.":
            # An entry without a year, in a .bib or as a reference list writes it: "(n.d.)".
            dated = [r for r in matches if (r.year or "").replace(" ", "").lower() in ("", "n.d.", "nd")]
        else:
            dated = [r for r in matches if (r.year or "") == base]
        if not dated:
            years = ", ".join(sorted({r.year or "n.d." for r in matches}))
            return Resolution("year-mismatch", [r.key for r in matches],
                              f"{cited} is in the library, but with year {years}, not {year}")
        if len(dated) > 1 and base != year:
            dated.sort(key=lambda r: fold_name(r.fields.get("title", "")))
            index = ord(year[-1]) - ord("a")
            if index < len(dated):
                return Resolution("resolved", [dated[index].key],
                                  f"'{year[-1]}' picks entry {index + 1} of {len(dated)} by title")
        matches = dated
    if len(matches) == 1:
        return Resolution("resolved", [matches[0].key])
    if title:
        by_title = _by_title(matches, title)
        if len(by_title) == 1:
            return Resolution("resolved", [by_title[0].key], "short title picks the entry")
    return Resolution("ambiguous", [r.key for r in matches],
                      f"{len(matches)} entries match {cited}"
                      + (f" {year}" if year else "") + "; add a year or a short title")


def _by_title(refs: list[Reference], title: str) -> list[Reference]:
    """Entries whose title starts with the short title; failing those, entries that hold it.

    MLA's short title begins with the title's first word (articles aside), so "Harwick" is
    *Harwick: A Mill Town* rather than *The Ledgers of Harwick* when both are in the list."""
    want = _title_words(title)
    if not want:
        return []
    starting, holding = [], []
    for r in refs:
        have = _title_words(r.fields.get("title", ""))
        if have[: len(want)] == want:
            starting.append(r)
        elif " ".join(want) in " ".join(have):
            holding.append(r)
    return starting or holding


def _title_words(text: str) -> list[str]:
    words = re.findall(r"\w+", fold_name(text))
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return words


def _resolve_title(title: str, library: Library) -> Resolution:
    """An MLA title-only citation, ``("Frozen Town" 12)``: the entries whose title starts with
    (or holds) the short title; entries without authors first, as MLA cites only those by title."""
    matches = _by_title(list(library.references.values()), title)
    if not matches:
        return Resolution("undefined", [], f"no library entry has the title \u201c{title}\u201d")
    if len(matches) > 1:
        anonymous = [r for r in matches if not _persons(r)]
        matches = anonymous or matches
    if len(matches) == 1:
        return Resolution("resolved", [matches[0].key], "short title picks the entry")
    return Resolution("ambiguous", [r.key for r in matches],
                      f"{len(matches)} entries have the title \u201c{title}\u201d; add the author")


def _resolve_number(c: Citation, reflist: dict[int, str], library: Library) -> Resolution:
    assert c.number is not None
    if library.numbers:
        # The library is the essay's own numbered list: the number names the entry.
        key = library.numbers.get(c.number)
        if key is not None:
            return Resolution("resolved", [key], f"[{c.number}] {library.references[key].fields.get('raw', '')}")
        return Resolution("undefined", [], f"no entry [{c.number}] in the essay's reference list")
    entry = reflist.get(c.number)
    if entry is None:
        return Resolution("undefined", [], f"no entry [{c.number}] in the essay's reference list")
    url = URL_RE.search(entry)
    if url:
        ref = library.by_url(url.group(0))
        if ref is not None:
            return Resolution("resolved", [ref.key], f"[{c.number}] {entry}")
    surname = re.match(r"\s*([^\W\d_][\w'’-]+)", entry)
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", entry)
    if surname:
        cands = name_candidates([surname.group(1)], library)
        if year:
            cands = [r for r in cands if r.year == year.group(1)]
        if len(cands) == 1:
            return Resolution("resolved", [cands[0].key], f"[{c.number}] {entry}")
    folded = " ".join(re.findall(r"\w+", fold_name(entry)))
    by_title = [r for r in library.references.values()
                if len(_title_words(r.fields.get("title", ""))) >= 2
                and " ".join(_title_words(r.fields.get("title", ""))) in folded]
    if len(by_title) == 1:
        return Resolution("resolved", [by_title[0].key], f"[{c.number}] {entry}")
    return Resolution("unresolved-number", [], entry)
