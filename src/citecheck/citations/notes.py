"""Hyperlinks, footnotes and the essay's own numbered reference list."""

from __future__ import annotations

import bisect
import re

from citecheck.citations.grammar import CAPWORD, PARTICLE, _lazy, surname_ok
from citecheck.citations.locators import parse_locator
from citecheck.model import Citation, Document

URL_RE = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:]")
# One author as a note writes it: "Gregory L. Freeze", "Freeze", "Ludwig van Beethoven".
_NOTE_NAME = rf"(?:(?:{CAPWORD}|[A-Z]\.)\s+|{PARTICLE})*{CAPWORD}"
# "Gregory L. Freeze, Russia: A History (Oxford: OUP, 2009), 418."  /  "Freeze, Russia, 418."
# A journal article: "Daniel Okafor, "Mapping Cholera," Public Health Review 12, no. 3 (2018): 45."
# Several authors (Chicago): "Ann Ellison and Peter Moss, …", "A, B, and C, …", "Ann Ellison et al., …".
NOTE_RE = _lazy(  # compiled on the first footnote: most essays have none
    rf"^\s*(?P<author>{_NOTE_NAME}(?:(?:\s*,\s*{_NOTE_NAME})*\s*,?\s+and\s+{_NOTE_NAME}|\s+et\s+al\.?)?)"
    r"\s*,\s+"
    r"(?P<title>[^()]+?)"
    r"(?:\s*\((?P<pub>[^()]*)\))?"
    r"(?:\s*(?:,|(?<=\)):)\s*(?P<loc>(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?))?"
    r"\s*\.?\s*$",
    re.DOTALL,
)
IBID_NOTE = re.compile(r"^\s*ibid\.?(?:\s*,\s*(?P<loc>.+?))?\s*\.?\s*$", re.IGNORECASE)
YEAR_IN = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
REFLIST_NUMBER = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+")


def link_citations(doc: Document) -> list[Citation]:
    """One Citation per http(s) hyperlink, spanning its anchor text.

    A link inside the essay's own reference list is part of an entry, not a citation of it (as
    for markers: ``markers.scan`` skips those blocks): counted, it made every entry with a URL
    "cited" and added a citation per entry to the grade."""
    out = []
    listed = sorted((b.start, b.end) for b in doc.blocks if b.kind == "references")
    starts = [start for start, _ in listed]
    for link in doc.links:
        if not re.match(r"https?://", link.url, re.IGNORECASE):
            continue
        i = bisect.bisect_right(starts, link.start) - 1
        if i >= 0 and link.start < listed[i][1]:
            continue
        c = Citation(style="link", marker=link.text, start=link.start, end=link.end, url=link.url)
        c.span = doc.span(link.start, link.end)
        out.append(c)
    return out


def parse_note(text: str) -> Citation | None:
    """A Citation (without position) from a footnote's text when the note is a reference."""
    flat = " ".join(text.split())
    url_m = URL_RE.search(flat)
    m = NOTE_RE.match(URL_RE.sub("", flat).strip().rstrip(".").strip() + "." if url_m else flat)
    names: list[str] = []
    title = year = None
    loc = None
    if m:
        people = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.sub(r"\s+et\s+al\.?$", "", m.group("author")))
        surnames = [_note_surname(person) for person in people if person]
        if surnames and all(surnames):
            names = [s for s in surnames if s]
            title = m.group("title").strip(" ,.*_\"“”")
            quoted = re.match(r"^[\"“]([^\"“”]+?)[,.]?[\"”]", m.group("title").strip())
            if quoted:  # an article: "Mapping Cholera," Public Health Review 12 -> the article's title
                title = quoted.group(1).strip()
            ym = YEAR_IN.search(m.group("pub") or "")
            year = ym.group(1) if ym else None
            loc = parse_locator(m.group("loc")) if m.group("loc") else None
            if not (loc or year or url_m):
                names, title = [], None
    if not names and not url_m:
        return None
    return Citation(style="footnote", marker=flat[:200], start=0, end=0, names=names, year=year,
                    title=title, locator=loc, url=url_m.group(0) if url_m else None)


def _note_surname(person: str) -> str | None:
    """The surname of one author as a note writes it ("Gregory L. Freeze" → "Freeze",
    "Ludwig van Beethoven" → "van Beethoven"); None when it does not look like a name."""
    words = person.split()
    idx = len(words) - 1
    while idx > 0 and words[idx - 1].islower():
        idx -= 1
    surname = " ".join(words[idx:])
    return surname if surname_ok(surname, single=True) and len(words) <= 5 else None


def footnote_citations(doc: Document, inner: list[Citation]) -> tuple[list[Citation], set[int]]:
    """Footnote citations at each marker position, and the ids of inner citations they replace.

    A footnote cites when its text holds a citation or link (those are moved to the marker), or
    when the note itself reads as a reference ("Freeze, Russia: A History, 418.").
    ``Ibid.`` repeats the previous footnote citation.
    """
    out: list[Citation] = []
    used: set[int] = set()
    previous: list[Citation] = []
    # The inner citations by start, so each note finds its own by bisection, not by a full pass.
    by_start = sorted(range(len(inner)), key=lambda k: inner[k].start)
    starts = [inner[k].start for k in by_start]
    for fn in sorted(doc.footnotes, key=lambda f: (f.ref_positions[0] if f.ref_positions else f.start)):
        text = doc.text[fn.start:fn.end]
        templates: list[Citation] = []
        lo, hi = bisect.bisect_left(starts, fn.start), bisect.bisect_left(starts, fn.end)
        inside = [inner[k] for k in sorted(by_start[lo:hi])] if hi > lo else []  # in `inner`'s order
        if inside:
            for c in inside:
                used.add(id(c))
            templates = inside
        else:
            ib = IBID_NOTE.match(text)
            if ib and previous:
                loc = parse_locator(ib.group("loc")) if ib.group("loc") else None
                templates = [_copy(p, locator=loc or p.locator) for p in previous]
            else:
                note = parse_note(text)
                if note:
                    templates = [note]
        if not templates:
            continue
        previous = templates
        positions: list[tuple[int, tuple[int, int] | None]] = list(zip(fn.ref_positions, fn.refs))
        if not positions:
            positions = [(p, None) for p in fn.ref_positions] or [(fn.start, None)]
        for pos, ref in positions:
            for t in templates:
                c = _copy(t)
                c.style = "footnote"
                c.footnote = fn.label
                c.marker = " ".join(text.split())[:200]
                c.start = c.end = pos
                c.span = doc.source_span(*ref) if ref else doc.span(pos, pos)
                out.append(c)
    return out, used


def _copy(c: Citation, **changes: object) -> Citation:
    new = Citation(style=c.style, marker=c.marker, start=c.start, end=c.end, key=c.key,
                   names=list(c.names), year=c.year, title=c.title, locator=c.locator, prefix=c.prefix,
                   suffix=c.suffix, number=c.number, url=c.url, narrative=c.narrative,
                   footnote=c.footnote, span=c.span)
    for k, v in changes.items():
        setattr(new, k, v)
    return new


def reference_list(doc: Document) -> dict[int, str]:
    """The essay's own numbered reference list: number -> entry text.

    Entries come from "references" blocks, numbered ``[1] ...`` or ``1. ...``; a block without a
    number takes its position among the reference blocks.
    """
    entries: dict[int, str] = {}
    ordinal = 0
    for block in doc.blocks:
        if block.kind != "references":
            continue
        chunk = doc.text[block.start:block.end]
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        numbered = [ln for ln in lines if REFLIST_NUMBER.match(ln)]
        if numbered and len(lines) > 1:
            current: int | None = None
            for ln in lines:
                m = REFLIST_NUMBER.match(ln)
                if m:
                    current = int(m.group(1) or m.group(2))
                    entries[current] = ln[m.end():].strip()
                    ordinal = current
                elif current is not None:
                    entries[current] += " " + ln.strip()
            continue
        ordinal += 1
        m = REFLIST_NUMBER.match(chunk)
        number = int(m.group(1) or m.group(2)) if m else ordinal
        ordinal = number
        entries[number] = " ".join((chunk[m.end():] if m else chunk).split())
    return entries
