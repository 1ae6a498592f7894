"""Dates and periods: days, months, years, decades, parts of a year and ranges, and whether two
mentions can mean the same time."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from citecheck.claims.lexicon import (
    _is_year_alone,
    _locator_before,
    _masked_ranges,
    _Spans,
    word_key,
)
from citecheck.model import DateMention


@dataclass(frozen=True)
class MonthDay:
    """A date without its year ("October 9", "13 September", "in May"): offsets index the text;
    ``day`` and ``day_start``/``day_end`` are None for a month alone."""

    start: int
    end: int
    month: int
    month_start: int
    month_end: int
    day: int | None = None
    day_start: int | None = None
    day_end: int | None = None

__all__ = ["MonthDay", "dates_compatible", "extract_dates", "extract_month_days", "month_day_pairs"]

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
    # "born in the fifties": a decade of the 1900s named in words, after a time preposition.
    ("decade_words", re.compile(
        r"\b(?:in|during|from|since|by|through|throughout|until)\s+(?P<span>the\s+(?:(?:early|mid|late)[\s-]+)?"
        r"(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b", re.IGNORECASE)),
]
_DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
                 "seventies": 1970, "eighties": 1980, "nineties": 1990}
# Not a time: "temperatures in the forties", "a score in the twenties".
_NOT_A_DECADE = re.compile(r"\b(?:temperatures?|degrees|°|scores?|polls?|percent|per cent|%|ratings?)\W+(?:\w+\W+){0,3}$",
                           re.IGNORECASE)

# Every form above holds a four-digit year or a decade in words ("fifties": "ties", matched with
# the same flag as the pattern): a text with neither has no date, and the patterns are skipped
# (most sentences have no such number).
_MAY_HOLD_DATE = re.compile(r"[12]\d{3}|ties", re.IGNORECASE)

_PART_MONTHS = {
    "early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 12),
}


# What each form needs in the text: a month's first three letters (the month forms are
# case-sensitive), a dash, "from" or "between", a decade's "0s", or a word of a case-insensitive
# form, looked for in the text folded as the pattern folds it (ASCII case and the four letters of
# ``word_key``). A pattern that opens with a look-behind or ``\b`` is tried at every position of
# the text, so a form whose text is absent is not searched at all (a page of figures or of
# markers ran all ten patterns over every character).
_NEEDS_LITERAL = {"iso": ("-",), "range_words": ("from", "between"), "range": ("-", "–", "—"),
                  "decade": ("0s", "0'", "0’")}
_NEEDS_FOLDED = {"part": ("early", "mid", "late", "spring", "summer", "autumn", "fall", "winter"),
                 "decade_words": ("ties",)}
_MONTH_FORMS = ("dmy", "mdy", "my")


def _possible_forms(text: str) -> set[str]:
    """The kinds of :data:`_DATE_PATTERNS` that can match somewhere in ``text``."""
    possible = {"year"}
    if _MONTH_START.search(text):
        possible.update(_MONTH_FORMS)
    possible.update(kind for kind, needs in _NEEDS_LITERAL.items() if any(n in text for n in needs))
    folded = text.lower() if text.isascii() else word_key(text)
    possible.update(kind for kind, needs in _NEEDS_FOLDED.items() if any(n in folded for n in needs))
    return possible


def extract_dates(text: str) -> list[DateMention]:
    """Dates and periods in ``text`` (forms in the module docstring); offsets index ``text``."""
    if not _MAY_HOLD_DATE.search(text):
        return []
    found: list[DateMention] = []
    taken = _Taken()
    free = taken.free
    masked = _Spans(_masked_ranges(text))
    possible = _possible_forms(text)

    for kind, pattern in _DATE_PATTERNS:
        if kind not in possible:
            continue
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if kind == "decade_words":
                start, end = m.start("span"), m.end("span")
            if not free(start, end):
                continue
            if kind == "decade_words":
                if _NOT_A_DECADE.search(text[max(0, m.start() - 40):m.start()]):
                    continue
                year = _DECADE_WORDS[word_key(m.group("decade"))]
                found.append(DateMention(text[start:end], start, end, year, year_end=year + 9, precision="decade"))
                taken.take(start, end)
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
                if _locator_before(text, start):
                    continue
                if not _is_year_alone(text, start, end, float(year)):
                    continue
                mention = DateMention(m.group(0), start, end, year, precision="year")
            if mention is not None:
                found.append(mention)
                taken.take(start, end)
        taken.settle()
    found.sort(key=lambda d: d.start)
    return found


class _Taken:
    """Ranges already taken by earlier patterns, which never overlap one another, asked "is this
    range free?" by bisection. One pattern's own matches never overlap each other either, so what
    a pattern takes is merged in when it is done (:meth:`settle`: one sort of two sorted runs):
    inserting each match into the middle of a list, or comparing it with every range taken, was
    quadratic in a sentence's dates."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # sorted too: the ranges never overlap
        self.pending: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.starts, b) - 1  # the last range starting before b
        return k < 0 or self.ends[k] <= a

    def take(self, a: int, b: int) -> None:
        self.pending.append((a, b))

    def settle(self) -> None:
        if self.pending:
            ranges = sorted([*zip(self.starts, self.ends), *self.pending])
            self.starts = [a for a, _ in ranges]
            self.ends = [b for _, b in ranges]
            self.pending = []


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


# A day and month without a year after them: "October 9", "9 October", "9th of October".
_MD = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?![\d\w:])")
_DM = re.compile(r"(?<![\d\w.,])" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?![\w])")
# A month alone, as a time: "in May", "since October", "early March" (capitalised; "May" only so).
_M_ALONE = re.compile(r"\b(?:in|on|since|until|till|by|from|during|of|early|late|mid|mid-|through|last|next|"
                      r"this|that)[\s-]+" + _MONTH + r"(?![\w])")
# The first three letters of every month name _MONTH allows (as case-sensitive as _MONTH).
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_YEAR_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*(?:of[^\S\n]+)?(?:['’]\d{2}|\d{4})\b")


def extract_month_days(text: str, dates: list[DateMention] | None = None) -> list[MonthDay]:
    """Dates ``text`` gives without a year ("On October 9", "13 September", "born in May"), outside
    the full dates of ``dates`` (default ``extract_dates(text)``). Month names are capitalised, and
    "May" counts only with a day or after a time word ("in May"). Offsets index ``text``."""
    if dates is None:
        dates = extract_dates(text)
    if not _MONTH_START.search(text):
        return []  # every pattern below needs a month name, and each starts so
    full = _Spans([(d.start, d.end) for d in dates])
    taken = _Taken()
    found: list[MonthDay] = []

    def free(a: int, b: int) -> bool:
        return not full.overlaps(a, b) and taken.free(a, b)

    for pattern in (_MD, _DM):
        for m in pattern.finditer(text):
            if not m.group("month")[0].isupper() or not free(m.start(), m.end()):
                continue
            if _YEAR_AFTER.match(text, m.end()) or (pattern is _MD and m.group("day").startswith("0")):
                continue
            month, day = _month_number(m.group("month")), int(m.group("day"))
            if month is None or not 1 <= day <= _days_in(2000, month):
                continue
            found.append(MonthDay(m.start(), m.end(), month, m.start("month"), m.end("month"), day,
                                  m.start("day"), m.end("day")))
            taken.take(m.start(), m.end())
        taken.settle()
    for m in _M_ALONE.finditer(text):
        if not m.group("month")[0].isupper() or not free(m.start("month"), m.end("month")):
            continue
        if len(m.group("month").rstrip(".")) < 3 or _YEAR_AFTER.match(text, m.end()):
            continue
        month = _month_number(m.group("month"))
        if month is None:
            continue
        found.append(MonthDay(m.start("month"), m.end("month"), month, m.start("month"), m.end("month")))
    found.sort(key=lambda md: md.start)
    return found


_ANY_MD = re.compile(r"(?i:\b" + _MONTH + r")\.?\s+" + _DAY + r"(?:\s*[-–—]\s*(?P<day2>[0-3]?\d))?(?!\d)")
_ANY_DM = re.compile(r"(?<!\d)" + _DAY + r"(?:\s*[-–—]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
                     r"(?i:" + _MONTH + r")(?![^\W\d_])")
_ISO_MD = re.compile(r"\b[12]\d{3}[-/.](\d{1,2})[-/.](\d{1,2})\b")
# Days listed before their month ("5 and 6 September", "5, 6 and 8 May") and a month between
# hyphens ("5-Sep-2019").
_LISTED_DM = re.compile(r"(?<!\d)(?P<days>[0-3]?\d(?:st|nd|rd|th)?(?:\s*(?:,|and|&|,\s*and)\s*[0-3]?\d(?:st|nd|rd|th)?)+)"
                        r"\s+(?:of\s+)?(?i:" + _MONTH + r")(?![^\W\d_])")
_HYPHEN_DM = re.compile(r"(?<!\d)" + _DAY + r"-(?i:" + _MONTH + r")-(?:\d{2}|\d{4})\b")
_NUMERIC_MD = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](?:\d{2}|\d{4})\b")


def month_day_pairs(text: str) -> frozenset[tuple[int, int]]:
    """Every (month, day) a text states, in any form: "March 2", "2nd of March", "2–4 March"
    (each day of the range), "2019-03-02", "02/03/2019" and "03/02/2019" (both readings)."""
    pairs: set[tuple[int, int]] = set()
    for pattern in (_ANY_MD, _ANY_DM):
        for m in pattern.finditer(text):
            month = _month_number(m.group("month"))
            if month is None:
                continue
            first = int(m.group("day"))
            last = int(m.group("day2")) if m.group("day2") else first
            if not first <= last <= first + 31:
                last = first
            pairs.update((month, d) for d in range(first, last + 1) if 1 <= d <= 31)
    for m in _LISTED_DM.finditer(text):
        month = _month_number(m.group("month"))
        if month is not None:
            pairs.update((month, int(d)) for d in re.findall(r"\d+", m.group("days")))
    for m in _HYPHEN_DM.finditer(text):
        month = _month_number(m.group("month"))
        if month is not None:
            pairs.add((month, int(m.group("day"))))
    for m in _ISO_MD.finditer(text):
        pairs.add((int(m.group(1)), int(m.group(2))))
    for m in _NUMERIC_MD.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        pairs.update({(a, b), (b, a)})
    return frozenset((mo, d) for mo, d in pairs if 1 <= mo <= 12 and 1 <= d <= 31)
