"""In-text marker grammars, scanned in one left-to-right pass over ``Document.text``.

Styles: MLA ``(Freeze 418)``, author-date ``(Freeze, 2009, p. 418)`` / ``Freeze (2009)``,
pandoc ``[@key, p. 4]`` / ``@key``, LaTeX ``\\citep[p.~4]{key}``, numeric ``[1, 3-5]`` and IEEE
``[2, p. 12]`` / ``[2: 12]``; APA group authors ``(World Health Organization [WHO], 2020)``, then ``(WHO, 2020)``.

Precision choices (parenthetical name + number is ambiguous by nature):
- a name must look like a surname: capitalised, not all capitals (``(USSR)``, ``(CPSU 20)``),
  not on a stop-list of common capitalised words (``(Chapter 3)``, ``(Table 1)``, ``(Figure 2)``);
  MLA names are single surnames (particles and hyphens allowed), so ``(World War 2)`` is not one;
- MLA needs a locator; a name alone counts only with "et al."; ``(Moscow, Russia)`` is not one;
- ``(1956)`` counts only as narrative ``Freeze (2009)``, with a surname right before it that
  does not follow a determiner ("the Secret Speech (1956)" is not a citation);
- ``(p. 3)`` counts only when the previous citation is narrative and in the same block within
  a short distance ("author in reach"); it then repeats that citation with the new locator;
- ``(ibid.)`` / ``(Ibid., 419)`` repeat the previous citation; with none before it, nothing;
- ``(1)`` and other parenthesised numbers are list numbering, never numeric citations;
- bare ``@key`` is read only in Markdown and plain text (not HTML, where it is usually a handle).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from citecheck.citations.grammar import (
    DETERMINERS,
    IBID,
    ITEM_END,
    MAX_RANGE,
    NARRATIVE_BEFORE,
    NARRATIVE_LATEX,
    NUMERIC_RE,
    PAGE_ONLY,
    PANDOC_KEY,
    PREFIX,
    SCAN_RE,
    SEGMENT_RE,
    SKIP_LATEX,
    STOPWORDS,
    TAIL_CUT,
    WEAK_LEAD_INS,
    YEAR,
    YEAR_PAREN,
    _names_from,
    _title_ok,
    parse_name_segment,
    surname_ok,
)
from citecheck.citations.groups import (
    defined_in_narrative,
    group_before,
    parse_abbreviated,
    parse_group,
    parse_listed_group,
)
from citecheck.citations.known import KnownWorks
from citecheck.citations.locators import find_locator, parse_locator
from citecheck.model import Citation, Document, Locator

# ("Frozen Town" 12), (“Planned Closures,” 50), ("Frozen Town")
TITLE_ONLY = re.compile(rf"^\s*{PREFIX}[\"“](?P<title>[^\"“”]{{2,160}}?)[,.]?[\"”]\s*,?\s*(?P<rest>.*?)\s*$",
                        re.DOTALL | re.IGNORECASE)


@dataclass
class _Scan:
    doc: Document
    out: list[Citation] = field(default_factory=list)
    known: KnownWorks | None = None
    # APA group authors defined so far: "(World Health Organization [WHO], 2020)" -> WHO
    abbreviations: dict[str, str] = field(default_factory=dict)

    def add(self, c: Citation) -> None:
        c.span = self.doc.span(c.start, c.end)
        self.out.append(c)


def scan(doc: Document, known: KnownWorks | None = None) -> list[Citation]:
    """Every marker citation in ``doc.text`` (not links or footnotes), in text order.

    ``known`` (the library's names and titles) admits MLA author-only and title-only markers.
    """
    text = doc.text
    st = _Scan(doc, known=known)
    skip = sorted((b.start, b.end) for b in doc.blocks if b.kind == "references")
    allow_bare = doc.format in ("markdown", "text")
    pos = 0
    next_skip = 0  # matches only move forward, so one index walks the sorted reference blocks
    while pos < len(text):
        m = SCAN_RE.search(text, pos)
        if not m:
            break
        while next_skip < len(skip) and skip[next_skip][1] <= m.start():
            next_skip += 1
        if next_skip < len(skip) and skip[next_skip][0] <= m.start():
            pos = skip[next_skip][1]  # the essay's own reference list holds no in-text markers
            continue
        before = len(st.out)
        end = m.end()
        if m.group("latex"):
            end = _latex(st, m)
        elif m.group("bracket"):
            _bracket(st, m, allow_bare)
        elif m.group("paren"):
            _paren(st, m)
        elif m.group("bare") and allow_bare:
            end = _bare(st, m)
        if len(st.out) == before:
            # Nothing here: look inside, "(see [7] for a review)" holds a marker of its own.
            end = m.start() + 1
        pos = max(end, m.start() + 1)
    return st.out


# ---------------------------------------------------------------- LaTeX

def _balanced_arg(text: str, i: int, open_ch: str, close_ch: str) -> int:
    """Index just after the group opened at ``text[i]`` (closed within 2,000 characters), or -1."""
    if i >= len(text) or text[i] != open_ch:
        return -1
    close = _matching_brackets(text, open_ch, close_ch).get(i)
    return close + 1 if close is not None and close < i + 2000 else -1


@lru_cache(maxsize=8)
def _matching_brackets(text: str, open_ch: str, close_ch: str) -> dict[int, int]:
    """Each opener's matching closer in one pass over the text (a scan from every opener was
    quadratic on hostile input such as thousands of ``\\cite{``)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(re.escape(open_ch) + "|" + re.escape(close_ch), text):
        if m.group() == open_ch:
            stack.append(m.start())
        elif stack:
            pairs[stack.pop()] = m.start()
    return pairs


def _latex(st: _Scan, m: re.Match[str]) -> int:
    text = st.doc.text
    cmd = m.group("cmd")
    i = m.end()
    multi = cmd.endswith("cites")
    groups: list[tuple[list[tuple[str, int, int]], tuple[int, int]]] = []  # (optargs, keys range)
    while True:
        j = i
        while j < len(text) and text[j] in " \t\n":
            j += 1
        opts: list[tuple[str, int, int]] = []
        while j < len(text) and text[j] in "[(" and len(opts) < 2:
            close = "]" if text[j] == "[" else ")"
            k = _balanced_arg(text, j, text[j], close)
            if k < 0:
                break
            if close == "]":
                opts.append((text[j + 1:k - 1], j + 1, k - 1))
            j = k
            while j < len(text) and text[j] in " \t\n":
                j += 1
        if j >= len(text) or text[j] != "{":
            break
        k = _balanced_arg(text, j, "{", "}")
        if k < 0:
            break
        groups.append((opts, (j + 1, k - 1)))
        i = k
        if not multi:
            break
    if not groups or cmd in SKIP_LATEX:
        return max(i, m.end())
    marker_end = i
    narrative = cmd in NARRATIVE_LATEX
    pending: list[Citation] = []
    for opts, (ks, ke) in groups:
        pre, post = "", ""
        if len(opts) == 1:
            post = opts[0][0]
        elif len(opts) == 2:
            pre, post = opts[0][0], opts[1][0]
        keys = [(mk.group(0).strip(), ks + mk.start()) for mk in re.finditer(r"[^,\s][^,]*", text[ks:ke])]
        keys = [(k.strip(), s) for k, s in keys if k.strip()]
        loc, rest = find_locator(post) if post else (None, "")
        for n, (key, kstart) in enumerate(keys):
            c = Citation(style="latex", marker=text[m.start():marker_end], start=m.start(),
                         end=marker_end, key=key, narrative=narrative)
            if len(keys) > 1 or len(groups) > 1:
                c.start, c.end = kstart, kstart + len(key)
            if n == 0:
                c.prefix = pre.replace("~", " ").strip()
            if n == len(keys) - 1:
                c.locator = loc
                c.suffix = rest.replace("~", " ").strip() if loc else post.replace("~", " ").strip()
            pending.append(c)
    if len(pending) == 1:
        pending[0].start, pending[0].end = m.start(), marker_end
    for c in pending:
        st.add(c)
    return marker_end


# ---------------------------------------------------------------- brackets

def _bracket(st: _Scan, m: re.Match[str], allow_pandoc: bool) -> None:
    text = st.doc.text
    start, end = m.span("bracket")
    inner = text[start + 1:end - 1]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if NUMERIC_RE.match(inner):
        if before.isalnum() or before in "])_" or re.search(r"(?<!\d)0(?!\d)", inner):
            return  # a[1], [0, 1] vectors
        if after.isalnum() or after == "_":
            return  # part of a name: "[2,5,11]benzoxadiazacyclotetradecine", "calix[4]arene"
        numbers = re.findall(r"\d+", inner)
        if len(numbers) != len(set(numbers)):
            return  # "[1, 2, 4, 4]": a vector; a citation names each source once
        _numeric(st, inner, start + 1, m.group("bracket"))
        return
    if "@" in inner and allow_pandoc:
        _pandoc_bracket(st, inner, start + 1, m.group("bracket"))
        return
    if NUMERIC_LOCATOR_START.match(inner) and not (before.isalnum() or before in "])_"
                                                   or after.isalnum() or after == "_"):
        _numeric_with_locators(st, inner, start + 1, m.group("bracket"))


# IEEE with a locator: "[2, p. 12]", "[2, pp. 12-14]", "[2: 12]", "[2, p. 12; 5]". After a comma
# the locator needs a label ("[2, 12]" is two sources); after a colon a space ("[10:30]" is a time).
NUMERIC_LOCATOR_START = re.compile(r"^\s*[1-9]\d{0,2}\s*(?:,\s*[^\W\d_]|:\s)")
_NUMERIC_SEGMENT = re.compile(
    r"^\s*(?P<n>[1-9]\d{0,2})\s*(?:,\s*(?P<labelled>(?:[^\W\d_]+\.?|§§?|¶¶?)\s*\d.*?)|:\s+(?P<loc>\S.*?))?\s*$")


def _numeric_with_locators(st: _Scan, inner: str, base: int, marker: str) -> None:
    made: list[Citation] = []
    for seg, off in _semicolon_segments(inner):
        sm = _NUMERIC_SEGMENT.match(seg)
        if sm is None:
            return
        loc_text = sm.group("labelled") or sm.group("loc")
        loc = parse_locator(loc_text) if loc_text else None
        if loc_text and (loc is None or loc.first is None):
            return  # "[2, Smith 4]", "[2: see above]": not a locator
        lead = len(seg) - len(seg.lstrip())
        made.append(Citation(style="numeric", marker=marker, start=base + off + lead,
                             end=base + off + len(seg.rstrip()), number=int(sm.group("n")), locator=loc))
    if len({(c.number, c.locator and c.locator.value) for c in made}) != len(made):
        return  # "[2; 2]": a citation names each source (and page) once
    if len(made) == 1:
        made[0].start, made[0].end = base - 1, base + len(inner) + 1
    for c in made:
        st.add(c)


def _numeric(st: _Scan, inner: str, base: int, marker: str) -> None:
    for part in re.finditer(r"(\d{1,3})(?:\s*[-–—]\s*(\d{1,3}))?", inner):
        a = int(part.group(1))
        b = int(part.group(2)) if part.group(2) else a
        if b < a or b - a > MAX_RANGE or a == 0:
            b = a
        for number in range(a, b + 1):
            st.add(Citation(style="numeric", marker=marker, start=base + part.start(),
                            end=base + part.end(), number=number))


def _semicolon_segments(inner: str) -> list[tuple[str, int]]:
    """The ``;``-separated items of a marker's inside, each with its offset in ``inner``."""
    segments: list[tuple[str, int]] = []
    last = 0
    for sm in re.finditer(r";", inner):
        segments.append((inner[last:sm.start()], last))
        last = sm.end()
    segments.append((inner[last:], last))
    return segments


def _pandoc_bracket(st: _Scan, inner: str, base: int, marker: str) -> None:
    segments = _semicolon_segments(inner)
    parsed: list[Citation] = []
    for seg, off in segments:
        km = None
        for cand in PANDOC_KEY.finditer(seg):
            prev = seg[cand.start() - 1] if cand.start() > 0 else " "
            if prev.isspace() or prev in "[;":
                km = cand
                break
        if km is None:
            return  # pandoc: every segment of a citation bracket has a key, else it is not one
        key = km.group("bk") or km.group("k")
        loc, rest = find_locator(seg[km.end():]) if seg[km.end():].strip() else (None, "")
        suffix = rest if loc else seg[km.end():].strip(" ,")
        lead = len(seg) - len(seg.lstrip())
        parsed.append(Citation(
            style="pandoc", marker=marker, start=base + off + lead, end=base + off + len(seg.rstrip()),
            key=key, locator=loc, prefix=seg[:km.start()].strip(), suffix=suffix,
            narrative=False))
    if len(parsed) == 1:
        parsed[0].start, parsed[0].end = base - 1, base + len(inner) + 1
    for c in parsed:
        st.add(c)


def _bare(st: _Scan, m: re.Match[str]) -> int:
    text = st.doc.text
    km = PANDOC_KEY.match(text, m.start("bare"))
    if not km or km.group("sup"):
        return m.end()
    key = km.group("bk") or km.group("k")
    end = km.end()
    loc: Locator | None = None
    suffix = ""
    lm = re.compile(r"[ \t]*\[([^\[\]@]{1,80})\]").match(text, end)
    if lm:
        loc, suffix = find_locator(lm.group(1))
        if loc is None:
            suffix = lm.group(1).strip()
        end = lm.end()
    st.add(Citation(style="pandoc", marker=text[m.start():end], start=m.start(), end=end, key=key,
                    locator=loc, suffix=suffix, narrative=True))
    return end


# ---------------------------------------------------------------- parentheses

def _paren(st: _Scan, m: re.Match[str]) -> None:
    text = st.doc.text
    start, end = m.span("paren")
    inner = m.group("inner")
    base = start + 1

    yp = YEAR_PAREN.match(inner)
    if yp:
        _narrative(st, m, yp)
        return
    ib = IBID.match(inner)
    if ib:
        _repeat_previous(st, start, end, m.group("paren"), ib.group("loc"), require_narrative=False)
        return
    if PAGE_ONLY.match(inner):
        _repeat_previous(st, start, end, m.group("paren"), inner, require_narrative=True)
        return

    segments = _semicolon_segments(inner)
    items: list[tuple[str, int, dict[str, object]]] = []
    for seg, off in segments:
        found = parse_listed_group(seg, st.known)
        if found is None:
            found = _parse_items(seg)
        if found is None:
            found = _parse_tail(seg)
        if found is None:
            found = _parse_known(seg, st.known)
        if found is None and st.abbreviations:
            found = parse_abbreviated(seg, st.abbreviations)
        if found is None and len(segments) == 1 and defined_in_narrative(st, m, seg):
            return
        if found is None and st.known is not None and st.known.groups:
            found = parse_group(seg, st.known)
        if found is None:
            if len(segments) > 1:
                continue
            return
        items.extend((piece, off + poff, parsed) for piece, poff, parsed in found)
    made: list[Citation] = []
    for seg, off, parsed in items:
        if parsed.get("abbreviation"):
            st.abbreviations.setdefault(str(parsed["abbreviation"]), str(parsed["names"][0]))  # type: ignore[index]
        lead = len(seg) - len(seg.lstrip())
        s0, s1 = base + off + lead, base + off + len(seg.rstrip())
        for year in parsed["years"]:  # type: ignore[attr-defined]
            made.append(Citation(
                style=str(parsed["style"]), marker=m.group("paren"), start=s0, end=s1,
                names=list(parsed["names"]),  # type: ignore[call-overload]
                year=year, title=parsed["title"],  # type: ignore[arg-type]
                locator=parsed["locator"],  # type: ignore[arg-type]
                prefix=str(parsed["prefix"]), suffix=str(parsed["suffix"])))
    if len(made) == 1:
        made[0].start, made[0].end = start, end
    for c in made:
        st.add(c)
    del text


def _parse_items(seg: str) -> list[tuple[str, int, dict[str, object]]] | None:
    """One ';'-segment as author-date/MLA items: usually one, but "Smith 2010, Jones 2012" and
    "de Bruyn, priv. comm., Clarke, priv. comm." hold several, separated by commas."""
    cuts = [c.start() for c in re.finditer(",", seg)
            if ITEM_END.search(seg, 0, c.start()) and SEGMENT_RE.match(seg[c.start() + 1:])
            and re.match(r"\s*(?:[^\W\d_]{2}|[^\W\d_]['’])", seg[c.start() + 1:])
            and not parse_locator(seg[c.start() + 1:])]
    if cuts:
        pieces, last = [], 0
        for cut in cuts:
            pieces.append((seg[last:cut], last))
            last = cut + 1
        pieces.append((seg[last:], last))
        parsed = [(piece, off, parse_name_segment(piece)) for piece, off in pieces]
        if all(p is not None and p["style"] == "author-date" for _, _, p in parsed):
            return [(piece, off, p) for piece, off, p in parsed if p is not None]
    whole = parse_name_segment(seg)
    return [(seg, 0, whole)] if whole is not None else None


def _parse_tail(seg: str) -> list[tuple[str, int, dict[str, object]]] | None:
    """An author-date citation closing a remark: "(Paper V of this series, Gavazzi et al. 1999a)",
    "(values defined by Holwerda et al. 2014)", "(for a review, see Smith 2009)".

    The tail starts after a comma, a dash or a connecting word ("by", "in", "from"). It must name
    several authors or "et al.", or follow a comma with a lead-in such as "see" or "cf.", so that
    "(born in Moscow, 1956)" and "(written in exile, in Paris 1956)" stay remarks.
    """
    for cm in TAIL_CUT.finditer(seg):
        tail = seg[cm.end():]
        if not re.match(r"(?:[^\W\d_]{2}|e\.)", tail):
            continue
        parsed = parse_name_segment(tail)
        if parsed is None or parsed["style"] != "author-date":
            continue
        strong = len(parsed["names"]) > 1 or re.search(r"\bet\s+al\b", tail)  # type: ignore[arg-type]
        after_punct = not cm.group(0)[:1].isalpha()
        lead_in = set(str(parsed["prefix"]).casefold().split()) - WEAK_LEAD_INS
        if strong or (after_punct and lead_in):
            return [(tail, cm.end(), parsed)]
    return None


def _parse_known(seg: str, known: KnownWorks | None) -> list[tuple[str, int, dict[str, object]]] | None:
    """MLA markers without a page: ``(Whitcombe)``, ``(Whitcombe and Moss)`` when the library has
    those authors; ``("Frozen Town" 12)`` always, ``("Frozen Town")`` when it has that title."""
    tm = TITLE_ONLY.match(seg)
    if tm:
        title = " ".join(tm.group("title").split()).strip(" ,.")
        rest = tm.group("rest")
        if not _title_ok(title):
            return None
        loc = parse_locator(rest) if rest else None
        if rest and loc is None:
            return None
        if loc is None and not (known and known.has_title(title)):
            return None
        return [(seg, 0, {"style": "mla", "names": [], "years": [None], "locator": loc,
                          "prefix": (tm.group("prefix") or "").strip(), "suffix": "", "title": title})]
    if known is None or not known.names:
        return None
    m = SEGMENT_RE.match(seg)
    if not m or m.group("rest").strip():
        return None
    names = _names_from(m)
    if not all(surname_ok(n, single=True) and known.has_name(n) for n in names):
        return None
    return [(seg, 0, {"style": "mla", "names": names, "years": [None], "locator": None,
                      "prefix": (m.group("prefix") or "").strip(), "suffix": "", "title": None})]


def _narrative(st: _Scan, m: re.Match[str], yp: re.Match[str]) -> None:
    text = st.doc.text
    start = m.start("paren")
    group = group_before(st, start, yp.group("year"))
    if group is not None:
        name_start, name = group
        _add_narrative(st, m, yp, name_start, [name])
        return
    window_start = max(0, start - 160)
    before = text[window_start:start]
    nm = NARRATIVE_BEFORE.search(before)
    if not nm:
        return
    names = _names_from(nm)
    if not all(surname_ok(n, single=True) for n in names):
        return
    name_start = window_start + nm.start("names")
    # Walk back over capitalised words ("Gregory L. Freeze"): a run after a determiner is a
    # title or a proper noun phrase ("the Secret Speech (1956)"), not an author.
    words = text[max(0, name_start - 120):name_start].split()
    while words and words[-1][:1].isupper() and words[-1].strip(".,").casefold() not in STOPWORDS:
        if re.search(r"[,;:!?]$|\w\w\.$", words[-1]):
            words = []  # the run starts a clause ("Using the LWA, Obenberger et al. (2014)")
            break
        words.pop()
    if (words and not (nm.group("etal") or nm.group("n2"))
            and words[-1].casefold() in DETERMINERS):
        return
    _add_narrative(st, m, yp, name_start, names)


def _add_narrative(st: _Scan, m: re.Match[str], yp: re.Match[str], name_start: int, names: list[str]) -> None:
    """The narrative citations "NAME (YEAR[, YEAR][, LOCATOR])": one per year."""
    text = st.doc.text
    end = m.end("paren")
    loc: Locator | None = None
    suffix = ""
    if yp.group("loc"):
        loc = parse_locator(yp.group("loc"))
        if loc is None:
            suffix = yp.group("loc")
    years = [yp.group("year")] + [y.group(0) for y in re.finditer(YEAR, yp.group("years") or "")]
    for year in years:
        st.add(Citation(style="author-date", marker=text[name_start:end], start=name_start, end=end,
                        names=names, year=" ".join(year.split()), locator=loc, suffix=suffix,
                        narrative=True))


def _repeat_previous(st: _Scan, start: int, end: int, marker: str, loc_text: str | None,
                     require_narrative: bool) -> None:
    """``(ibid., 419)`` or an author-in-reach ``(p. 3)``: the previous citation with a new locator."""
    prev = next((c for c in reversed(st.out) if c.style in ("mla", "author-date", "pandoc", "latex")), None)
    if prev is None:
        return
    if require_narrative:
        if not prev.narrative or start - prev.end > 250 or "\n\n" in st.doc.text[prev.end:start]:
            return
        if any(b.start <= prev.start < b.end and not (b.start <= start < b.end) for b in st.doc.blocks):
            return
    loc = parse_locator(loc_text) if loc_text else None
    if loc_text and loc is None:
        return
    st.add(Citation(style=prev.style, marker=marker, start=start, end=end, key=prev.key,
                    names=list(prev.names), year=prev.year, title=prev.title,
                    locator=loc or (prev.locator if not require_narrative else None)))
