"""Reference-list entries → Reference objects: a CRF labels the tokens, rules make the fields.

``parse_reference("Whitcombe, Eleanor. The Long Winter. Harwick Press, 2019.")`` labels each
token with AnyStyle's field names (author, date, title, journal, container-title, editor,
publisher, location, volume, pages, url, doi, ...) using a linear-chain CRF trained on
AnyStyle's tagged reference strings (bench/train_references.py; model and licence beside this
file), then turns the labelled spans into BibTeX-named fields so the rest of citecheck reads a
parsed entry exactly as it reads a .bib entry:

author/editor → ``Person`` lists (family and given), date → ``year`` (and ``date`` as written),
journal / container-title → ``journal`` or ``booktitle``, location → ``address``, volume →
``volume`` and ``number``, pages → ``pages`` ("1477-81" → "1477-1481"), url, doi, and the
access date ("Accessed 3 May 2021", "Retrieved March 3, 2021") → ``urldate``.

The labelling is :mod:`citecheck.references.labels`, the splitting of names
:mod:`citecheck.references.persons`; this module makes the fields and splits whole lists.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from citecheck.model import Person, Reference
from citecheck.references.labels import MODEL_PATH, label_reference
from citecheck.references.persons import split_persons

# MODEL_PATH, label_reference (references.labels) and split_persons (references.persons) are
# still importable from here.
__all__ = ["MODEL_PATH", "label_reference", "parse_reference", "parse_references", "reference_from_spans",
           "split_entries", "split_persons"]

_PERSON_LABELS = ("author", "editor", "translator", "director", "producer")
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;:)\]])")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:)\]]")
_ACCESSED_RE = re.compile(
    r"\b(?:last\s+)?(?:accessed|retrieved|viewed|consulted|consulté\s+le|abgerufen\s+am)(?:\s+on)?\s+"
    r"(?P<date>\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d{1,2}\s+[A-Za-zé]+\.?,?\s+\d{4}"
    r"|[A-Za-zé]+\.?\s+\d{1,2},?\s+\d{4}"
    r"|[A-Za-zé]+\.?\s+\d{4})",
    re.IGNORECASE,
)
# A list number ("[12]", "12.", "12)"), never a year that opens an entry ("2010. Title ...").
_NUMBER_RE = re.compile(r"^\s*(?:\[\d{1,4}\]|(?!(?:1[5-9]\d\d|20\d\d)\b)\d{1,4}[.)])\s+")


# ---------------------------------------------------------------- fields

def _clean(text: str) -> str:
    text = " ".join(text.replace("*", "").split())
    text = re.sub(r"^(?:in:?\s+)", "", text, flags=re.IGNORECASE) if re.match(r"(?i)in:?\s+\S", text) else text
    text = text.strip(" ,;:")
    if text.count("(") < text.count(")"):
        text = text.rstrip(")").strip()
    if text.count(")") < text.count("(") and text.startswith("("):
        text = text[1:].strip()
    text = text.strip("\"“”‘’«» ,;:")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$|\b(?:al|eds?|Inc|Ltd|Co|St|Jr|vol|no)\.$", text):
        text = text[:-1]
    return text.strip("\"“”‘’«» ,;:")


def _title(text: str) -> str:
    text = _clean(text)
    return text.rstrip(".").strip()


def _pages(text: str) -> str:
    m = re.search(r"([A-Za-z]?\d+)\s*(?:[-–—]+|to)\s*([A-Za-z]?\d+)", text)
    if m:
        first, last = m.group(1), m.group(2)
        if first.isdigit() and last.isdigit() and len(last) < len(first) and int(last) < int(first):
            last = first[: len(first) - len(last)] + last  # "1477-81" -> "1477-1481"
        return f"{first}-{last}"
    m = re.search(r"[A-Za-z]?\d+", text)
    return m.group(0) if m else _clean(text)


def _volume_issue(text: str) -> tuple[str | None, str | None]:
    volume = issue = None
    m = re.search(r"\b(?:vol(?:ume)?s?|bd|tome|t)\.?\s*([0-9IVXLC]+[A-Za-z]?)", text, re.IGNORECASE)
    if m:
        volume = m.group(1)
    n = re.search(r"\b(?:no|nr|issue|iss|num|number|heft|h)\.?\s*(\d+(?:\s*[-–/]\s*\d+)?)", text, re.IGNORECASE)
    if n:
        issue = n.group(1).replace(" ", "")
    if volume is None:
        v = re.search(r"(?<![\w.])(\d+[A-Za-z]?|[IVXLC]+)(?![\w])", text)
        if v and not (n and n.start() <= v.start() < n.end()):
            volume = v.group(1)
    if issue is None:
        p = re.search(r"\(\s*(\d+(?:\s*[-–/]\s*\d+)?)\s*\)", text)
        if p and (volume is None or p.group(1) != volume):
            issue = p.group(1).replace(" ", "")
    return volume, issue


def _access_date(text: str) -> str | None:
    m = _ACCESSED_RE.search(text)
    return m.group("date").rstrip(".,") if m else None


_VANCOUVER_RE = re.compile(r"(?:1[5-9]\d\d|20\d\d)[^;]{0,12};\s*(?P<volume>\d+)\s*(?:\((?P<issue>[^)]+)\))?"
                           r"\s*(?::\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?")


# One Vancouver token, "1957;108(5):1175-1204.": year, volume, issue, pages.
_VANCOUVER_TOKEN_RE = re.compile(r"^[(\[]?(?P<year>1[5-9]\d\d|20\d\d)[a-z]?;(?P<volume>\d+)(?:\((?P<issue>[^)\s]+)\))?"
                                 r"(?::(?P<pages>[A-Za-z]?\d+(?:[-–][A-Za-z]?\d+)?))?[.,;]?$")


def _repair(fields: dict[str, str], spans: list[tuple[str, str]]) -> None:
    """Rules for what the model's labels leave out."""
    m = _VANCOUVER_RE.search(fields.get("date", ""))
    if m:
        fields.setdefault("volume", m.group("volume"))
        if m.group("issue"):
            fields.setdefault("number", m.group("issue"))
        if m.group("pages"):
            fields.setdefault("pages", _pages(m.group("pages")))
    _split_title(fields, spans)
    _cut_publisher(fields)
    _cut_title_tail(fields)
    if fields.get("title"):
        # "Towards Optimal Rhythm (Unpublished doctoral dissertation)": the genre is not the title.
        m = re.search(r"\s*[(\[][^()\[\]]*\b(?:dissertation|thesis|report|Dissertation|Thesis|Report)\b[^()\[\]]*[)\]]$",
                      fields["title"])
        if m and m.start() > 0:
            fields["note"] = (fields.get("note", "") + " " + m.group(0).strip(" ()[]")).strip()
            fields["title"] = fields["title"][:m.start()].rstrip(" ,.:;")
    if "title" not in fields:
        _title_after_names(fields, spans)
    if "title" not in fields:
        # Report titles are often labelled as a genre or note: "situation report 51."
        for label, value in spans:
            text = _title(value)
            if label in ("genre", "note") and len(text.split()) >= 3 \
                    and not re.match(r"(?i)(?:retrieved|available|accessed|online|web|print|doi|http)", text):
                fields["title"] = text
                break


PUBLISHERS_PATH = Path(__file__).with_name("publishers.txt")


@functools.lru_cache(maxsize=1)
def _publishers() -> frozenset[str]:
    """Publisher names (folded) from the training part of AnyStyle's data: every name of two or
    more words, and one-word names given at least twice (written by bench/train_references.py
    with the model)."""
    try:
        return frozenset(ln.strip() for ln in PUBLISHERS_PATH.read_text(encoding="utf-8").splitlines() if ln.strip())
    except OSError:
        return frozenset()


def fold_words(text: str) -> str:
    """Lower case, words only: how publisher names are compared."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _cut_publisher(fields: dict[str, str]) -> None:
    """A title that runs on into a known publisher ("Digital System Design Prentice Hall",
    "Changing Fortunes. Crown") ends before it; the publisher is kept as the publisher."""
    title = fields.get("title", "")
    if "publisher" in fields:  # "The Emperor Penguin. Penguin Books, 2005": the publisher stands apart
        return
    words = title.split()
    known = _publishers()
    for size in (4, 3, 2, 1):
        if len(words) < size + 2:
            continue
        tail = words[-size:]
        if not all(w[:1].isupper() or w[:1] == "&" for w in tail):
            continue
        if fold_words(" ".join(tail)) in known:
            fields["title"] = " ".join(words[:-size]).rstrip(" ,.:;")
            fields["publisher"] = " ".join(tail).strip(" ,.;:")
            return


# What a title span runs on into, after a comma or full stop, that no title ends with: a year, a
# genre or status ("Preprint", "working paper", "Unpublished lecture notes", "Revised and
# expanded"), a volume with numbers only after it ("Vol. 3", "Volume 1 1913-1926"; "Volume 1:
# Fundamental Algorithms" is a title's part), an edition ("1 ed", "2nd edition") or a
# translator ("tr. David Smith", "Traduction de ..."). On 4-fold cross-validation inside AnyStyle's
# training part: 10 titles fixed, none broken.
_TITLE_TAIL_RE = re.compile(
    r"[.,;:]\s+(?:(?:1[5-9]\d\d|20\d\d)[a-z]?"
    r"|preprint|working paper|unpublished\b.*|revised and expanded|paper submitted\b.*"
    r"|exhibition catalog(?:ue)?\b.*|lecture notes|technical report|manuscript|in press|to appear|forthcoming"
    r"|ph\.?\s?d\.? thesis|master'?s thesis|doctoral dissertation|dissertation"
    r"|vol(?:ume)?\.?\s*[0-9ivxlc]+\b(?:[^A-Za-z]*|\s*\((?:trans|tr)\b.*)"
    r"|\d+(?:st|nd|rd|th|e|er)?\s*(?:ed|edn|edition)\b[^A-Za-z]*"
    r"|(?:trans|tr)\.?\s.*|translated by\b.*|traduction\b.*)\s*$", re.IGNORECASE)


def _cut_title_tail(fields: dict[str, str]) -> None:
    """A title that runs on into a year, a genre, a volume, an edition or a translator ends before it
    ("Box Splines, Preprint", "Selected Writings: Volume 1 1913-1926", "Homo Academicus, 1 ed")."""
    title = fields.get("title", "")
    m = _TITLE_TAIL_RE.search(title)
    if m and len(title[:m.start()].split()) >= 2:
        fields["title"] = title[:m.start()].rstrip(" ,.:;")
        fields["note"] = (fields.get("note", "") + " " + m.group(0).strip(" ,.:;")).strip()


def _raw_span(spans: list[tuple[str, str]], label: str) -> str:
    return next((value for lab, value in spans if lab == label), "")


def _split_title(fields: dict[str, str], spans: list[tuple[str, str]]) -> None:
    """A title span that runs on past its end: past a closing quotation mark
    (“"Title." Journal of X.”) or into "In: Book" / ", in Book"; the rest is the container."""
    raw = " ".join(_raw_span(spans, "title").split())
    if not raw:
        return
    rest = ""
    m = re.match(r"^\s*[\"“](?P<t>[^\"”]{3,}?)(?P<inside>[,.]?)[\"”][,.]?\s+(?P<rest>\S.*)$", raw)
    if m and not m.group("inside") and any(label in ("journal", "container-title") for label, _ in spans):
        # '"Fixer l'opinion publique". Funktion der ...' with its journal labelled apart: a quoted
        # main title with its subtitle after the quotation (3 titles fixed on the folds, none broken).
        return
    if m:
        title, rest = m.group("t"), m.group("rest")
    else:
        m = re.match(r"^(?P<t>.{3,}?)(?:[,.]\s+[Ii]n:?|\s+In:)\s+(?P<rest>[A-ZÀ-Þ].*)$", raw)
        if not m:
            return
        title, rest = m.group("t"), m.group("rest")
    fields["title"] = _title(title)
    if rest and "journal" not in fields and "booktitle" not in fields:
        fields["booktitle" if re.match(r"(?i)in\b", raw[m.start("rest") - 4:m.start("rest")].strip(" :"))
               or ", in" in raw or " In" in raw else "journal"] = _title(rest)


def _title_after_names(fields: dict[str, str], spans: list[tuple[str, str]]) -> None:
    """MLA / Chicago books whose title the model took for "Place: Publisher":
    "Freeze, Gregory L., editor. Russia: A History. Oxford UP, 1997." -> the first sentence after
    the names (and a date) is the title; what follows in that span stays publisher or place."""
    i = 0
    while i < len(spans) and spans[i][0] in _PERSON_LABELS + ("citation-number",):
        i += 1
    if i == 0:
        return
    if i < len(spans) and spans[i][0] == "date":
        i += 1
    if i >= len(spans) or spans[i][0] not in ("location", "publisher"):
        return
    consumed: list[str] = []
    for label, value in spans[i:]:
        if label not in ("location", "publisher"):
            return
        m = re.search(r"(?<![\s.][A-Z])[.?!]\s+(?=\S)", value)
        if m is None:
            consumed.append(value)
            continue
        title = _title(" ".join(consumed + [value[:m.start() + 1]]))
        if len(title.split()) < 2 or _YEAR_RE.search(title):
            return
        fields["title"] = title
        rest = _clean(value[m.end():])
        for name, lab in (("address", "location"), ("publisher", "publisher")):
            if fields.get(name) and fields[name] in title:
                del fields[name]
        if rest:
            fields["publisher" if label == "publisher" else "address"] = rest
        return


_NOT_DATE_LABELS = ("title", "pages", "volume", "journal", "container-title", "collection-title", "url", "doi",
                    "isbn", "citation-number")


def _publication_year(fields: dict[str, str], spans: list[tuple[str, str]], body: str, repair: bool) -> str | None:
    """The year the work was published: the first date span's year ("n.d." if it says so).

    With no date span: (``repair``) the first year in a span that is not a title, page, volume,
    container or identifier; then the first year left once the title, pages and volume are cut
    out of the entry; then (``repair``) "n.d." anywhere. A "last date wins" or "the imprint's
    year wins" rule was measured on the training folds and lost: AnyStyle's data, like most
    styles, gives the first date.
    """
    year = _YEAR_RE.search(fields.get("date", ""))
    if year:
        return year.group(1)
    if re.search(r"\bn\.\s?d\b", fields.get("date", ""), re.IGNORECASE):
        return "n.d."
    if repair:
        for label, value in spans:
            m = _VANCOUVER_TOKEN_RE.match(value.strip()) if label == "volume" else None
            if m:
                return m.group("year")
        for label, value in spans:
            if label not in _NOT_DATE_LABELS:
                m = _YEAR_RE.search(value)
                if m:
                    return m.group(1)
    rest = body
    for name in ("title", "pages", "volume"):
        if fields.get(name):
            rest = rest.replace(fields[name], " ")
    fallback = _YEAR_RE.search(rest)
    if fallback:
        return fallback.group(1)
    if repair and re.search(r"(?<!\w)n\.\s?d\.?(?!\w)", body, re.IGNORECASE):
        return "n.d."
    return None


def _entry_type(fields: dict[str, str], spans: list[tuple[str, str]]) -> str:
    labels = {label for label, _ in spans}
    genre = " ".join(t for label, t in spans if label == "genre").lower()
    if "thesis" in genre or "dissertation" in genre:
        return "thesis"
    if "journal" in fields:
        return "article"
    if "booktitle" in fields and "url" in fields and "editor" not in labels and "publisher" not in fields:
        return "online"
    if "booktitle" in fields:
        return "incollection" if ("editor" in labels or "publisher" in fields) else "inproceedings"
    if "publisher" in fields:
        return "book"
    if "url" in fields:
        return "online"
    return "misc"


def _key(authors: list[Person], year: str | None, title: str | None) -> str:
    from citecheck.library import fold_name

    base = authors[0].folded if authors else (fold_name(title or "anon").split() or ["anon"])[0]
    base = re.sub(r"[^a-z0-9]+", "", base) or "anon"
    return base + (year or "nd")


def parse_reference(text: str, *, key: str | None = None, path: str = "<string>", line: int = 0) -> Reference:
    """One reference-list entry parsed into a Reference.

    The result carries BibTeX-named ``fields`` and the named views ``authors`` (Persons with
    ``family`` and ``given``), ``editors``, ``title``, ``container``, ``publisher``, ``place``,
    ``year``, ``volume``, ``issue``, ``pages``, ``url``, ``doi`` and ``access_date``; a field the
    entry does not state is None (or an empty list). ``fields["raw"]`` keeps the entry as given.

    >>> ref = parse_reference("Freeze, Gregory L. Russia: A History. Oxford UP, 2009.")
    >>> ref.authors[0].family, ref.year
    ('Freeze', '2009')
    """
    raw = " ".join(str(text).split())
    if not raw:
        raise ValueError("an empty string is not a reference")
    body = _NUMBER_RE.sub("", raw, count=1)
    return reference_from_spans(raw, body, label_reference(body), key=key, path=path, line=line)


def reference_from_spans(raw: str, body: str, spans: list[tuple[str, str]], *, key: str | None = None,
                         path: str = "<string>", line: int = 0, repair: bool = True) -> Reference:
    """A Reference from labelled spans (the CRF's, or a benchmark's gold labels).

    ``repair`` lets rules fill what the labels leave out (a title the model called a genre, a
    Vancouver "2014;40(9):1477-81" date holding volume, issue and pages); benchmarks build the
    gold Reference without it.
    """
    fields: dict[str, str] = {"raw": raw}
    persons: dict[str, list[Person]] = {}
    for label, value in spans:
        if label in _PERSON_LABELS:
            persons.setdefault(label, []).extend(split_persons(value))
            fields.setdefault(label, _clean(value))
        elif label == "date" and "date" not in fields:
            fields["date"] = _clean(value)
        elif label == "title" and "title" not in fields:
            fields["title"] = _title(value)
        elif label in ("journal", "container-title") and "journal" not in fields and "booktitle" not in fields:
            fields["journal" if label == "journal" else "booktitle"] = _title(value)
        elif label == "collection-title" and "series" not in fields:
            fields["series"] = _title(value)
        elif label == "publisher" and "publisher" not in fields:
            fields["publisher"] = _clean(value)
        elif label == "location" and "address" not in fields:
            fields["address"] = _clean(value)
        elif label == "volume" and "volume" not in fields and repair and _VANCOUVER_TOKEN_RE.match(value):
            # "Physical Review. 1957;108(5):1175-1204." read as a volume: the year leads the token.
            m = _VANCOUVER_TOKEN_RE.match(value)
            assert m is not None
            fields["volume"] = m.group("volume")
            if m.group("issue"):
                fields["number"] = m.group("issue")
            if m.group("pages"):
                fields.setdefault("pages", _pages(m.group("pages")))
        elif label == "volume" and "volume" not in fields:
            volume, issue = _volume_issue(value)
            if volume:
                fields["volume"] = volume
            if issue:
                fields["number"] = issue
        elif label == "pages" and "pages" not in fields:
            fields["pages"] = _pages(value)
        elif label == "edition" and "edition" not in fields:
            fields["edition"] = _clean(value)
        elif label in ("genre", "medium", "note") and value.strip():
            fields["note"] = (fields.get("note", "") + " " + _clean(value)).strip()
    if repair:
        _repair(fields, spans)
    year = _publication_year(fields, spans, body, repair)
    if year:
        fields["year"] = year
    doi = _DOI_RE.search(body)
    if doi:
        fields["doi"] = doi.group(1)
    url = _URL_RE.search(body)
    if url and not (doi and url.group(0).lower().startswith(("https://doi.org", "http://dx.doi.org",
                                                             "https://dx.doi.org", "http://doi.org"))):
        fields["url"] = url.group(0) if url.group(0).startswith("http") else "http://" + url.group(0)
    elif doi:
        fields["url"] = "https://doi.org/" + doi.group(1)
    accessed = _access_date(body)
    if accessed:
        fields["urldate"] = accessed
    authors = persons.get("author", [])
    editors = persons.get("editor", [])
    if authors:
        fields["author"] = " and ".join(f"{p.family}, {p.given}".rstrip(", ") for p in authors)
    if editors:
        fields["editor"] = " and ".join(f"{p.family}, {p.given}".rstrip(", ") for p in editors)
    ref = Reference(key=key or _key(authors or editors, fields.get("year"), fields.get("title")),
                    entry_type="misc", fields=fields, bib_path=path, line=line, authors=authors,
                    editors=editors)
    ref.entry_type = _entry_type(fields, spans)
    return ref


# ---------------------------------------------------------------- lists

_HEADING_RE = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*|__)?\s*(?:works\s+cited|references?|bibliography|sources|works\s+consulted"
    r"|literature\s+cited|reference\s+list|sources\s+cited)\s*:?\s*(?:\*\*|__)?\s*$",
    re.IGNORECASE,
)


def split_entries(text: str) -> list[tuple[str, int]]:
    """The entries of a reference list, each with its 0-based line number in ``text``.

    Numbered lists split at their numbers; lists with blank lines between entries split there;
    otherwise every line is an entry unless it is indented or starts in lower case (a wrapped line).
    A leading "Works Cited" / "References" heading is skipped.
    """
    lines = text.splitlines()
    idx = 0
    while idx < len(lines) and not lines[idx].strip():
        idx += 1
    if idx < len(lines) and _HEADING_RE.match(lines[idx]):
        idx += 1
    body = list(enumerate(lines))[idx:]
    numbered = [n for n, ln in body if _NUMBER_RE.match(ln)]
    blank_separated = any(not ln.strip() for _, ln in body[:-1]) and \
        sum(1 for _, ln in body if ln.strip()) > sum(1 for i in range(len(body) - 1)
                                                     if not body[i][1].strip() and body[i + 1][1].strip())
    entries: list[tuple[list[str], int]] = []
    for n, ln in body:
        stripped = ln.strip()
        if not stripped:
            if blank_separated and entries and entries[-1][0]:
                entries.append(([], -1))
            continue
        stripped = re.sub(r"^[-*+•]\s+", "", stripped)
        if numbered:
            starts = bool(_NUMBER_RE.match(ln))
        elif blank_separated:
            starts = not entries or not entries[-1][0]
        else:
            starts = not (ln[:1].isspace() or stripped[:1].islower()) or not entries
        if starts or not entries:
            if entries and not entries[-1][0]:
                entries[-1] = ([stripped], n)
            else:
                entries.append(([stripped], n))
        else:
            entries[-1][0].append(stripped)
    return [(" ".join(parts), n) for parts, n in entries if parts]


def parse_references(text: str, *, path: str = "<string>", first_line: int = 1) -> list[Reference]:
    """Every entry of a reference list (a "Works Cited" / "References" section, or just its entries).

    Keys are family name + year ("whitcombe2019"), with "a", "b", ... added where two entries
    would share one.
    """
    refs: list[Reference] = []
    used: dict[str, int] = {}
    for entry, n in split_entries(text):
        ref = parse_reference(entry, path=path, line=first_line + n)
        count = used.get(ref.key, 0)
        used[ref.key] = count + 1
        if count:
            ref.key = f"{ref.key}-{count + 1}"
        refs.append(ref)
    return refs
