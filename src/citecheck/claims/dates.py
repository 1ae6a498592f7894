"""Dates and periods: days, months, years, decades, parts of a year and ranges, and whether two
mentions can mean the same time."""

from __future__ import annotations

import bisect
import re

from citecheck.claims.lexicon import _LOCATOR_BEFORE, _counted_noun, _is_year_at, _masked_ranges, _Spans
from citecheck.model import DateMention

__all__ = ["dates_compatible", "extract_dates"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|"
          r"Nov\.?|Dec\.?)")
_YEAR = r"(?P<year>[12]\d{3})(?![\d’'\w])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]\s*"

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d\w])(?P<year>[12]\d{3})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    ("dmy", re.compile(r"(?<![\d\w])" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR)),
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?!\d),?\s+" + _YEAR)),
    ("part", re.compile(
        r"\b(?P<part>early|mid|late|the\s+(?:early|middle|late)\s+(?:part|months)\s+of|"
        r"(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?)[\s-]+" + _YEAR,
        re.IGNORECASE)),
    ("my", re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR)),
    ("range_words", re.compile(
        r"\b(?:from|between)\s+(?P<year>[12]\d{3})\s+(?:to|and|until|till|through)\s+(?P<year2>[12]\d{3})(?![\d\w])")),
    ("range", re.compile(r"(?<![\d\w.,])(?P<year>[12]\d{3})" + _DASH + r"(?P<year2>[12]\d{3}|\d{2})(?![\d\w])")),
    ("decade", re.compile(r"(?<![\d\w])(?P<year>[12]\d{2}0)(?:’|')?s\b")),
    ("year", re.compile(r"(?<![\d\w.,$€£/])(?P<year>[12]\d{3})(?![\d\w/:%]|[.,]\d)")),
]

_PART_MONTHS = {
    "early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 12),
}


def extract_dates(text: str) -> list[DateMention]:
    """Dates and periods in ``text`` (forms in the module docstring); offsets index ``text``."""
    found: list[DateMention] = []
    # Ranges already taken, kept sorted; they never overlap, so their ends are sorted too.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    masked = _Spans(_masked_ranges(text))

    def free(a: int, b: int) -> bool:
        k = bisect.bisect_left(taken_starts, b) - 1  # the last range starting before b
        return k < 0 or taken_ends[k] <= a

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if not free(start, end):
                continue
            year = int(m.group("year"))
            mention: DateMention | None = None
            if kind in ("iso", "dmy", "mdy"):
                month = _month_number(m.group("month"))
                day = int(m.group("day"))
                if month is None or not 1 <= day <= _days_in(year, month):
                    continue
                mention = DateMention(m.group(0), start, end, year, month=month, day=day, precision="day")
            elif kind == "my":
                month = _month_number(m.group("month"))
                if month is None:
                    continue
                if m.group("month").lower() == "may" and not re.match(r"May\s", m.group(0)):
                    continue
                mention = DateMention(m.group(0), start, end, year, month=month, precision="month")
            elif kind == "part":
                mention = DateMention(m.group(0), start, end, year, precision="part-of-year")
            elif kind in ("range", "range_words"):
                y2s = m.group("year2")
                y2 = int(y2s) if len(y2s) == 4 else (year // 100) * 100 + int(y2s)
                if y2 <= year or y2 - year > 200:
                    continue
                mention = DateMention(m.group(0), start, end, year, year_end=y2, precision="range")
            elif kind == "decade":
                mention = DateMention(m.group(0), start, end, year, year_end=year + 9, precision="decade")
                # include a leading "the" in the text? No: keep the range to the decade itself.
            elif kind == "year":
                if masked.contains(start, end):
                    continue
                if _LOCATOR_BEFORE.search(text[max(0, start - 24):start]):
                    continue
                unit = _counted_noun(text, end)
                if not _is_year_at(text, start, end, float(year), unit):
                    continue
                mention = DateMention(m.group(0), start, end, year, precision="year")
            if mention is not None:
                found.append(mention)
                k = bisect.bisect_left(taken_starts, start)
                taken_starts.insert(k, start)
                taken_ends.insert(k, end)
    found.sort(key=lambda d: d.start)
    return found


def _month_number(token: str) -> int | None:
    token = token.lower().rstrip(".")
    if token.isdigit():
        n = int(token)
        return n if 1 <= n <= 12 else None
    return _MONTHS.get(token)


def _days_in(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _interval(d: DateMention) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a mention can mean, as (year, month, day) tuples."""
    if d.precision == "day" and d.month and d.day:
        return (d.year, d.month, d.day), (d.year, d.month, d.day)
    if d.precision == "month" and d.month:
        return (d.year, d.month, 1), (d.year, d.month, _days_in(d.year, d.month))
    if d.precision == "part-of-year":
        low, high = 1, 12
        text = d.text.lower()
        for word, (a, b) in _PART_MONTHS.items():
            if re.search(r"\b" + word + r"\b", text):
                low, high = a, b
                break
        return (d.year, low, 1), (d.year, high, _days_in(d.year, high))
    end_year = d.year_end if d.year_end is not None else d.year
    return (d.year, 1, 1), (end_year, 12, 31)


def dates_compatible(claim: DateMention, source: DateMention) -> bool:
    """Whether two mentions can mean the same time: their day intervals overlap.

    A year agrees with any full date in it, a decade contains its years, ranges that overlap
    agree, and a full date agrees with its month or year stated less precisely.
    """
    a0, a1 = _interval(claim)
    b0, b1 = _interval(source)
    return a0 <= b1 and b0 <= a1
