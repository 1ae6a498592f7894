"""Does an index record describe the work a .bib entry names? Field by field, tolerant of noise.

The noise tolerated: case, diacritics, punctuation, "and" vs "&", a subtitle given on one side
only, "2nd ed." and similar edition notes, initials vs full given names (only surnames are
compared), editors vs authors (both lists are pooled), translated titles (when the entry says it
is a translation, or the authors and year agree), a year one off (online-first vs print issue) and,
for books, a reprint year later than the first edition or an original year given as ``origdate``.
Precision comes first: a field is reported as different only when both sides state it and no
reading of the noise above reconciles them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from citecheck.model import Reference

BOOK_TYPES = {"book", "mvbook", "collection", "mvcollection", "proceedings", "reference"}
_EDITION = re.compile(
    r"\(?\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"revised|rev\.|new|updated|expanded|anniversary|\d+th anniversary)\s+(?:ed\.|edn\.?|edition)\)?",
    re.IGNORECASE)
_ARTICLES = ("the ", "a ", "an ", "der ", "die ", "das ", "le ", "la ", "les ", "el ")
_PARTICLES = {"de", "da", "das", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von", "den",
              "ten", "ter", "zu", "bin", "ibn", "al", "el", "y", "st", "mac"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@dataclass
class Record:
    """A work as one index describes it, in one shape for every index."""

    index: str  # crossref | openalex | openlibrary
    id: str  # DOI, OpenAlex id or Open Library key
    url: str  # the request that gave it (evidence)
    title: str = ""
    subtitle: str = ""
    other_titles: list[str] = field(default_factory=list)  # original-language / short titles
    authors: list[str] = field(default_factory=list)  # full names as the index gives them
    surnames: list[str] = field(default_factory=list)  # folded family names
    editor_surnames: list[str] = field(default_factory=list)
    year: int | None = None
    years: set[int] = field(default_factory=set)  # every date the index gives (print, online, issued)
    first_year: int | None = None  # a book's first publication (Open Library works)
    container: str = ""
    short_containers: list[str] = field(default_factory=list)
    volume: str = ""
    pages: str = ""  # "737-738"
    page_count: int | None = None  # a book edition's number of pages
    doi: str = ""
    isbns: list[str] = field(default_factory=list)
    kind: str = ""  # journal-article, book, ...
    retracted: bool = False
    retraction: str = ""  # what says so

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    def describe(self) -> str:
        who = ", ".join(self.authors[:3]) + (" et al." if len(self.authors) > 3 else "")
        year = f" ({self.year})" if self.year else ""
        return f"{who}{year}, \u201c{self.full_title}\u201d" if who else f"\u201c{self.full_title}\u201d{year}"


def fold(text: str) -> str:
    """Case, diacritics, punctuation and spacing folded; "&" read as "and"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    text = text.replace("æ", "ae").replace("œ", "oe")
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"<[^>]+>", " ", text)  # Crossref titles may hold JATS/MathML tags
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _title_forms(title: str) -> set[str]:
    title = _EDITION.sub(" ", title)
    forms = {fold(title)}
    main = re.split(r"\s*[:;?!]\s+|\s+[-\u2013\u2014]+\s+|\.\s+", title.strip(), maxsplit=1)[0]
    if main and main != title:
        forms.add(fold(main))
    out = set()
    for form in forms:
        out.add(form)
        for article in _ARTICLES:
            if form.startswith(article):
                out.add(form[len(article):])
    return {f for f in out if f}


def title_score(entry_title: str, record: Record) -> float:
    """0-100: how well the entry's title matches any title the record gives."""
    from rapidfuzz import fuzz

    if not entry_title.strip():
        return 0.0
    record_titles = [record.full_title, record.title, *record.other_titles]
    mine = _title_forms(entry_title)
    theirs: set[str] = set()
    for title in record_titles:
        if title.strip():
            theirs |= _title_forms(title)
    best = 0.0
    for a in mine:
        for b in theirs:
            if a == b:
                return 100.0
            # One side leaves out a subtitle given without a colon: a prefix at a word boundary.
            short, long = sorted((a, b), key=len)
            if len(short.split()) >= 3 and (long.startswith(short + " ")):
                best = max(best, 95.0)
            best = max(best, fuzz.ratio(a, b))
    return best


TITLE_MATCH = 88.0  # a typo or two in a long title
TITLE_DIFFERENT = 55.0  # below this the titles name different works


def surname(full: str) -> str:
    """The folded family name of a full name ("Thomas S. Kuhn" → "kuhn", "Kuhn, Thomas" → "kuhn")."""
    if "," in full:
        last = full.split(",", 1)[0]
    else:
        words = [w for w in full.split() if fold(w) not in _SUFFIXES]
        if not words:
            return ""
        start = len(words) - 1
        for i, word in enumerate(words[:-1]):
            if i > 0 and fold(word) in _PARTICLES:
                start = i
                break
        last = " ".join(words[start:])
    folded = fold(last).split()
    while len(folded) > 1 and folded[0] in _PARTICLES:
        folded = folded[1:]
    return " ".join(folded)


def entry_surnames(ref: Reference) -> list[str]:
    names = []
    for person in [*ref.authors, *ref.editors]:
        folded = fold(person.last).split()
        while len(folded) > 1 and folded[0] in _PARTICLES:
            folded = folded[1:]
        if folded:
            names.append(" ".join(folded))
    return names


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    # "garcia marquez" vs "marquez", hyphenated vs spaced double names
    wa, wb = set(a.replace("-", " ").split()), set(b.replace("-", " ").split())
    return bool(wa & wb) and min(len(wa), len(wb)) >= 1 and (wa <= wb or wb <= wa)


def authors_agree(ref: Reference, record: Record) -> bool | None:
    """True when the names overlap enough, False when they clearly do not, None when unknown."""
    mine = entry_surnames(ref)
    theirs = [*record.surnames, *record.editor_surnames]
    if not mine or not theirs:
        return None
    if len(ref.authors) == 1 and ref.authors[0].raw.strip().startswith("{"):
        # "{World Health Organization}": compare words instead of a surname
        words = set(fold(ref.authors[0].last).split())
        if words & set(" ".join(record.authors).casefold().split()):
            return True
    hits = sum(1 for m in mine if any(_same_surname(m, t) for t in theirs))
    first_hit = any(_same_surname(mine[0], t) for t in theirs)
    return first_hit or hits >= max(1, (min(len(mine), len(theirs)) + 1) // 2)


def entry_year(ref: Reference) -> int | None:
    year = ref.year or ""
    m = re.match(r"\d{4}", year)
    return int(m.group(0)) if m else None


def _orig_year(ref: Reference) -> int | None:
    for name in ("origyear", "origdate", "original-date", "origpublished"):
        m = re.match(r"\s*(\d{4})", ref.fields.get(name, ""))
        if m:
            return int(m.group(1))
    return None


def year_differs(ref: Reference, record: Record) -> bool:
    """The entry's year cannot be the record's, under every tolerance above."""
    year = entry_year(ref)
    if year is None:
        return False
    orig = _orig_year(ref)
    known = set(record.years) | ({record.year} if record.year else set())
    if not known and record.first_year is None:
        return False
    if year in known or (orig is not None and (orig in known or orig == record.first_year)):
        return False
    if record.index == "openlibrary" or ref.entry_type in BOOK_TYPES or record.kind.startswith("book"):
        # A book: reprints keep the ISBN, and essays cite the original year with a later edition.
        first = record.first_year
        return first is not None and year < first - 1
    return all(abs(year - k) > 1 for k in known)


def _first_page(pages: str) -> str:
    m = re.match(r"\s*([A-Za-z]?\d+[A-Za-z]?)", pages)
    return m.group(1).lower() if m else ""


def pages_differ(ref: Reference, record: Record) -> bool:
    mine, theirs = _first_page(ref.fields.get("pages", "")), _first_page(record.pages)
    return bool(mine and theirs and mine != theirs)


def volume_differs(ref: Reference, record: Record) -> bool:
    mine = ref.fields.get("volume", "").strip()
    theirs = record.volume.strip()
    if not (mine.isdigit() and theirs.isdigit()):
        return False
    return int(mine) != int(theirs)


def _abbreviates(short: str, long: str) -> bool:
    """"phys rev lett" abbreviates "physical review letters" (each word a prefix, in order)."""
    stop = {"of", "the", "and", "for", "in", "on", "a", "an", "de", "der", "und", "la", "le"}
    words = [w for w in long.split() if w not in stop]
    parts = [w for w in short.split() if w not in stop]
    i = 0
    for part in parts:
        while i < len(words) and not words[i].startswith(part):
            i += 1
        if i == len(words):
            return False
        i += 1
    return bool(parts)


def container_differs(ref: Reference, record: Record) -> bool:
    from rapidfuzz import fuzz

    mine = fold(ref.fields.get("journal") or ref.fields.get("journaltitle") or "")
    if not mine or not record.container or ref.entry_type != "article":
        return False
    for theirs in [record.container, *record.short_containers]:
        theirs = fold(theirs)
        if not theirs:
            continue
        if mine == theirs or _abbreviates(mine, theirs) or _abbreviates(theirs, mine):
            return False
        if fuzz.token_set_ratio(mine, theirs) >= 80:
            return False
    return True


def translated(ref: Reference) -> bool:
    """The entry says its title is a translation (a translator, an original title or language)."""
    return any(ref.fields.get(name, "").strip() for name in
               ("translator", "origtitle", "origlanguage", "titleaddon", "usera")) or \
        any("transl" in ref.fields.get(name, "").lower() for name in ("note", "addendum"))


def _reads_as_translation(ref: Reference, record: Record, result: Comparison) -> bool:
    """A title with no word in common, while authors, year, volume and first page all agree:
    the same article cited under a translated title, not a garbled one (garbling keeps some words)."""
    if result.authors is not True or year_differs(ref, record):
        return False
    mine = {w for w in fold(ref.fields.get("title", "")).split() if len(w) > 3}
    theirs = {w for title in (record.full_title, *record.other_titles) for w in fold(title).split() if len(w) > 3}
    if mine & theirs:
        return False
    page_ok = bool(_first_page(ref.fields.get("pages", ""))) and not pages_differ(ref, record)
    volume_ok = bool(ref.fields.get("volume", "").strip()) and not volume_differs(ref, record)
    return page_ok and volume_ok


@dataclass
class Comparison:
    """How an entry compares with one record."""

    record: Record
    title: float  # 0-100
    authors: bool | None
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (field, entry, record)

    @property
    def same_title(self) -> bool:
        return self.title >= TITLE_MATCH

    @property
    def other_work(self) -> bool:
        """The record is plainly another work: title and authors both differ (or the title is far off
        and the authors cannot be compared)."""
        if self.same_title:
            return False
        if self.authors is False:
            return self.title < TITLE_MATCH
        if self.authors is None:
            return self.title < TITLE_DIFFERENT - 15
        return False

    @property
    def matches(self) -> bool:
        """Good enough to say the record is the entry's work (for searches)."""
        return self.same_title and self.authors is not False


def compare(ref: Reference, record: Record) -> Comparison:
    """The entry against one record: title score, author agreement and the fields that differ."""
    title = (ref.fields.get("title") or ref.fields.get("booktitle") or "").strip()
    if ref.fields.get("subtitle"):
        title = f"{title}: {ref.fields['subtitle']}"
    result = Comparison(record, title_score(title, record), authors_agree(ref, record))
    if result.other_work:
        return result
    diffs = result.differences
    if not result.same_title and not translated(ref) and not _reads_as_translation(ref, record, result):
        diffs.append(("title", title, record.full_title))
    if result.authors is False:
        diffs.append(("author", ref.fields.get("author") or ref.fields.get("editor", ""), "; ".join(record.authors)))
    if year_differs(ref, record):
        diffs.append(("year", ref.year or "", str(record.year or record.first_year or "")))
    if ref.entry_type not in BOOK_TYPES:
        if volume_differs(ref, record):
            diffs.append(("volume", ref.fields.get("volume", ""), record.volume))
        if pages_differ(ref, record):
            diffs.append(("pages", ref.fields.get("pages", ""), record.pages))
        if container_differs(ref, record):
            diffs.append(("journal", ref.fields.get("journal") or ref.fields.get("journaltitle", ""), record.container))
    return result


def bib_pages(pages: str) -> str:
    """Record pages in BibTeX style ("737-738" → "737--738")."""
    return re.sub(r"\s*[-\u2013\u2014]+\s*", "--", pages.strip())


__all__ = ["BOOK_TYPES", "Comparison", "Record", "authors_agree", "bib_pages", "compare", "fold", "surname",
           "title_score", "translated", "year_differs"]
