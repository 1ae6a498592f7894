"""Locators ("p. 418", "pp. 418–20", "ch. 3") and the page-range arithmetic behind them."""

from __future__ import annotations

import re

from citecheck.model import Locator

LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page", "pg": "page", "s": "page",
    "ch": "chapter", "chap": "chapter", "chapter": "chapter", "chapters": "chapter",
    "sec": "section", "sect": "section", "section": "section", "§": "section", "§§": "section",
    "para": "paragraph", "par": "paragraph", "paras": "paragraph", "paragraph": "paragraph",
    "¶": "paragraph", "¶¶": "paragraph",
    "l": "line", "ll": "line", "line": "line", "lines": "line",
    "n": "note", "nn": "note", "note": "note", "fn": "note",
    "col": "column", "fig": "figure", "vol": "volume", "bk": "book",
}
_ROMAN = r"(?-i:(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
_NUM = rf"(?:\d+|{_ROMAN})"
LOCATOR_RE = re.compile(
    r"(?:(?P<label>pp?|pages?|pg|ch(?:ap)?|chapters?|sec(?:t)?|section|§§?|paras?|par|paragraph|¶¶?"
    r"|ll?|lines?|nn?|note|fn|col|fig|vol|bk)\.?[\s~\u00a0]*)?"
    rf"(?P<first>{_NUM})(?:[\s~]*[-–—][\s~]*(?P<last>{_NUM}))?"
    rf"(?P<more>(?:[\s~]*,[\s~]*{_NUM}(?:[\s~]*[-–—][\s~]*{_NUM})?)*)",
    re.IGNORECASE,
)


def expand_range(first: str, last: str) -> int:
    """The last page of an abbreviated range: ("418", "20") -> 420, ("98", "102") -> 102."""
    if len(last) < len(first):
        return int(first[: len(first) - len(last)] + last)
    return int(last)


def parse_locator(text: str, default_label: str = "page") -> Locator | None:
    """A Locator from text that is a locator and nothing else (None otherwise)."""
    value = " ".join(text.replace("~", " ").replace("\u00a0", " ").split()).strip(" ,.:;")
    if not value:
        return None
    m = LOCATOR_RE.fullmatch(value)
    if not m:
        return None
    raw_label = (m.group("label") or "").lower()
    numbers = [m.group("first")] + ([m.group("last")] if m.group("last") else [])
    if not raw_label and any(not n.isdigit() and (len(n) > 6 or re.search(r"[cdm]", n)) for n in numbers):
        return None  # unlabelled "mm", "cd", "cm" are units or abbreviations, not roman page numbers
    if len({n.isdigit() for n in numbers}) > 1:
        return None  # "1-x": an arabic page does not run to a roman one
    label = LABELS.get(raw_label, default_label) if raw_label else default_label
    first_s, last_s = m.group("first"), m.group("last")
    first: int | None = None
    last: int | None = None
    if first_s.isdigit():
        first = int(first_s)
        last = first
        if last_s and last_s.isdigit():
            last = expand_range(first_s, last_s)
        nums = [int(n) for n in re.findall(r"\d+", m.group("more") or "")]
        if nums:
            last = max([last, *nums])
    return Locator(label=label, value=value, first=first, last=last)


def find_locator(text: str) -> tuple[Locator | None, str]:
    """Split a pandoc/LaTeX suffix into a locator and what remains ("p. 4, emphasis added")."""
    stripped = text.strip().lstrip(",").strip()
    best: tuple[Locator | None, str] = (None, text.strip())
    m = LOCATOR_RE.match(stripped)
    if m and m.group(0):
        loc = parse_locator(m.group(0))
        rest = stripped[m.end():]
        if loc and (not rest or rest[0] in " ,;."):
            best = (loc, rest.strip(" ,"))
    return best
