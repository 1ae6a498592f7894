"""Group authors in in-text citations (APA 7, 8.21): "World Health Organization", "Centers for
Disease Control and Prevention" and their abbreviations.

- ``(World Health Organization [WHO], 2020)`` defines WHO (grammar.parse_name_segment), and so
  does the narrative ``World Health Organization (WHO, 2020)`` (:func:`defined_in_narrative`);
  a later ``(WHO, 2020)`` (:func:`parse_abbreviated`) or ``WHO (2020)`` cites the group;
- with the library's group authors (``KnownWorks.groups``): ``Centers for Disease Control and
  Prevention (2020)`` and ``(Centers for Disease Control and Prevention, 2020)`` cite the one group
  (its "and" joins no two authors), and ``WHO (2019)`` / ``(WHO, 2019)`` cite the one group WHO
  abbreviates when it has an entry of that year (:func:`group_before`, :func:`parse_group`);
- a group whose name holds commas, ``(National Academies of Sciences, Engineering, and Medicine,
  2019)``, is read whole before the list grammar splits it (:func:`parse_listed_group`).

A phrase the library does not know is no group author, and an abbreviation that is neither
defined in the essay nor abbreviates one of the library's groups with an entry of that year is
nothing: "NASA (1958) was founded" with NASA's entries all of 2020 stays text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from citecheck.citations.grammar import PREFIX, UPPER, YEAR, abbreviates, parse_name_segment
from citecheck.model import Citation

if TYPE_CHECKING:
    from citecheck.citations.known import KnownWorks
    from citecheck.citations.markers import _Scan


_ABBREVIATED = re.compile(rf"^\s*{PREFIX}(?P<abbr>[A-Z][A-Z0-9&]{{1,11}})(?P<rest>(?:\s*,|\s)\s*\S.*?)\s*$", re.DOTALL)


def parse_abbreviated(seg: str, abbreviations: dict[str, str]) -> list[tuple[str, int, dict[str, object]]] | None:
    """``(WHO, 2020)`` after ``(World Health Organization [WHO], 2020)`` defined the abbreviation
    (APA 7, 8.21): a citation of the group author. An abbreviation never defined is not one."""
    am = _ABBREVIATED.match(seg)
    if not am or am.group("abbr") not in abbreviations:
        return None
    parsed = parse_name_segment("Abbreviated" + am.group("rest"))
    if parsed is None or parsed["style"] != "author-date":
        return None
    parsed["names"] = [abbreviations[am.group("abbr")]]
    parsed["prefix"] = (am.group("prefix") or "").strip()
    return [(seg, 0, parsed)]


_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&]{1,11}")
_WORD = re.compile(r"[^\s()\[\]]+")


def _words_before(text: str, start: int) -> list[tuple[int, str]]:
    """The last sixteen words (offset, word) right before ``start``, as far back as a group
    author's name may reach; none past a bracket or parenthesis."""
    window_start = max(0, start - 200)
    window = text[window_start:start]
    cut = max(window.rfind(ch) for ch in "()[]")
    words = [(window_start + w.start(), w.group()) for w in _WORD.finditer(window, cut + 1)]
    return words[-16:]


def group_before(st: _Scan, start: int, year: str) -> tuple[int, str] | None:
    """(where the name starts, the group's name) when a group author stands right before the
    parenthesis at ``start``: "Centers for Disease Control and Prevention (2020)" or
    "World Health Organization (2019)" when the library has that group (its whole name, the
    longest that fits), "WHO (2019)" when WHO was defined earlier in the essay or abbreviates
    exactly one of the library's groups with an entry of that year. A phrase the library does not
    know is no group author: "the Great Fire (1666)" stays text."""
    known = st.known
    if known is None and not st.abbreviations:
        return None
    text = st.doc.text
    if start == 0 or not text[start - 1].isspace() and not text[start - 1].isalnum():
        return None
    words = _words_before(text, start)
    if not words:
        return None
    last_start, last = words[-1]
    last = re.sub(r"['’]s$", "", last)
    if _ABBREVIATION.fullmatch(last):
        group = st.abbreviations.get(last) or (known.group_for(last, year) if known else None)
        return (last_start, group) if group else None
    if known is None or not known.groups or not last[:1].isupper():
        return None
    from citecheck.library import fold_name

    groups = known.folded_groups
    for k in range(len(words), 1, -1):  # the longest run of words that is a known group's name
        first_start, first = words[-k]
        if not first[:1].isupper():
            continue
        candidate = " ".join(w for _, w in words[-k:-1]) + " " + last
        if fold_name(candidate) in groups:
            return first_start, candidate
    return None


_GROUP_SEGMENT = re.compile(
    rf"^\s*{PREFIX}(?P<name>{UPPER}[^,;()\[\]]*?)(?P<rest>(?:\s*,|\s)\s*(?:{YEAR})(?!\w).*?)\s*$", re.DOTALL)


_YEARISH = re.compile(r"\d{4}|n\.\s?d\.|press|prep|forthcoming")


def parse_group(seg: str, known: KnownWorks) -> list[tuple[str, int, dict[str, object]]] | None:
    """``(Centers for Disease Control and Prevention, 2020)``: a group author of the library cited
    by its whole name (the "and" inside it joins no two authors); ``(WHO, 2019)`` when WHO
    abbreviates exactly one of the library's groups with an entry of that year."""
    from citecheck.library import fold_name

    if not _YEARISH.search(seg):
        return None  # most parentheses hold no year: skip the longer pattern
    gm = _GROUP_SEGMENT.match(seg)
    if not gm:
        return None
    parsed = parse_name_segment("Abbreviated" + gm.group("rest"))
    if parsed is None or parsed["style"] != "author-date":
        return None
    name = " ".join(gm.group("name").split())
    if _ABBREVIATION.fullmatch(name):
        group = known.group_for(name, str(parsed["years"][0]))  # type: ignore[index]
        if group is None:
            return None
        name = group
    elif fold_name(name) not in known.folded_groups:
        return None
    parsed["names"] = [name]
    parsed["prefix"] = (gm.group("prefix") or "").strip()
    return [(seg, 0, parsed)]


_PREFIX_ONLY = re.compile(rf"^\s*{PREFIX}")


def parse_listed_group(seg: str, known: KnownWorks | None) -> list[tuple[str, int, dict[str, object]]] | None:
    """``(National Academies of Sciences, Engineering, and Medicine, 2019)``: a group author of the
    library whose name holds commas, cited whole; read before the author-list grammar, which
    would take its commas and "and" for a list of people. The longest known name wins."""
    if known is None or "," not in seg or not any("," in name for name, _ in known.groups):
        return None
    from citecheck.library import fold_name

    listed = {fold_name(name) for name, _ in known.groups if "," in name}

    pm = _PREFIX_ONLY.match(seg)
    start = pm.end() if pm else 0
    if not _YEARISH.search(seg):
        return _mla_listed_group(seg, start, listed, (pm.group("prefix") or "").strip() if pm else "")
    commas = [i for i, ch in enumerate(seg) if ch == ","]
    for cut in reversed(commas):
        if fold_name(seg[start:cut]) not in listed:
            continue
        parsed = parse_name_segment("Abbreviated" + seg[cut:])
        if parsed is None or parsed["style"] != "author-date":
            return None
        parsed["names"] = [" ".join(seg[start:cut].split())]
        parsed["prefix"] = (pm.group("prefix") or "").strip() if pm else ""
        return [(seg, 0, parsed)]
    return None


def _mla_listed_group(seg: str, start: int, listed: set[str],
                      prefix: str) -> list[tuple[str, int, dict[str, object]]] | None:
    """MLA's ``(National Academies of Sciences, Engineering, and Medicine 12)``: the whole known name,
    then a page or nothing."""
    from citecheck.citations.locators import parse_locator
    from citecheck.library import fold_name

    body = seg[start:]
    for cut in [len(body)] + [m.start() for m in reversed(list(re.finditer(r"\s", body)))]:
        name, rest = body[:cut].strip(" ,"), body[cut:].strip()
        if fold_name(name) not in listed:
            continue
        locator = parse_locator(rest) if rest else None
        if rest and locator is None:
            return None
        return [(seg, 0, {"style": "mla", "names": [" ".join(name.split())], "years": [None], "locator": locator,
                          "prefix": prefix, "suffix": "", "title": None})]
    return None


def defined_in_narrative(st: _Scan, m: re.Match[str], seg: str) -> bool:
    """APA's narrative group author with its abbreviation, ``World Health Organization (WHO,
    2020)`` (the comma is required): the words before the parenthesis that WHO abbreviates (the longest such run of
    capitalised words and the small words between them) are cited, and WHO stands for them from
    here on. Adds the citation and returns True; False when the parenthesis is not one."""
    am = _ABBREVIATED.match(seg)
    if not am or am.group("prefix") or am.group("abbr") in st.abbreviations:
        return False
    if not am.group("rest").lstrip().startswith(","):
        return False  # "International Health Regulations (IHR 2005)" names the 2005 edition
    parsed = parse_name_segment("Abbreviated" + am.group("rest"))
    if parsed is None or parsed["style"] != "author-date" or parsed["locator"] is not None:
        return False
    words = _words_before(st.doc.text, m.start("paren"))
    if not words:
        return False
    abbr = am.group("abbr")
    for k in range(len(words), 1, -1):
        run = words[-k:]
        if not run[0][1][:1].isupper() or not all(w[:1].isupper() or w in _GROUP_LINKS for _, w in run):
            continue
        name = " ".join(w for _, w in run)
        if abbreviates(abbr, name) and len([w for _, w in run if w[:1].isupper()]) >= len(abbr) - 1:
            st.abbreviations[abbr] = name
            name_start = run[0][0]
            for year in parsed["years"]:  # type: ignore[attr-defined]
                st.add(Citation(style="author-date", marker=st.doc.text[name_start:m.end("paren")],
                                start=name_start, end=m.end("paren"), names=[name], year=year,
                                narrative=True))
            return True
    return False


# Small words inside a group author's name: "Centers for Disease Control and Prevention".
_GROUP_LINKS = {"for", "of", "and", "the", "on", "in", "&", "de", "du", "des", "la", "le", "für", "und"}
