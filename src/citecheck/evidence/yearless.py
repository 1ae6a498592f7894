"""Dates without a year and names with digits: the parts of a claim that
:mod:`citecheck.evidence.details` judges against the whole source with these helpers.

- A day means something only with its month: the "2" of "March 2, 2019" is stated by a source
  that gives March 2 (in any form: "2 March", "2nd of March", "2019-03-02", "02/03/2019", a range
  "1–3 March"), not by one that has a 2 somewhere ("lost 4-2").
  A source dated "March 2, 2017" that says "Wednesday evening" states March 1, 2017.
- A date given without its year ("On October 9", "13 September", "born in May") is judged as
  the full dates are: a month the source never names, a day it never gives that month (then
  the month and day are marked together, "October 9": the date as a whole is not backed).
- A name written with digits ("8VC", "CBB12", "A380") is stated when the source writes it, with
  or without a space or hyphen between its letters and digits ("CBB 12"), or spells its
  capitals out before the number ("Celebrity Big Brother 12" for "CBB12").
"""

from __future__ import annotations

import datetime
import re
from collections import OrderedDict
from functools import cached_property

from citecheck.claims.dates import MonthDay, extract_dates, extract_month_days, month_day_pairs
from citecheck.model import DateMention

__all__ = ["SourceCalendar", "absent_identifiers", "absent_yearless", "source_calendar"]

# Mixed letters and digits in one token ("8VC", "CBB12", "G4"); see _is_identifier for what is not one.
_MIXED = re.compile(r"(?<![\w.\-/])(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+(?![\w\-/])")
_SUFFIXES = frozenset(["st", "nd", "rd", "th", "s", "am", "pm", "k", "m", "b", "bn", "mn", "x", "p", "d",
                       "h", "hr", "hrs", "min", "sec", "yr", "yrs", "mph", "kph", "kmh", "km", "kg",
                       "cm", "mm", "ft", "in", "lb", "lbs", "oz", "g", "mg", "ml", "l", "gb", "mb",
                       "kb", "tb", "hz", "khz", "mhz", "ghz", "w", "kw", "mw", "gw", "v", "kv", "c", "f",
                       "sq", "mi", "yd", "t", "ha", "ac", "th", "s"])


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SourceCalendar:
    """What one source text states of days and letter-digit names (built once per text; each
    part read on first use: a claim with no yearless date never needs the days)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._dated: list[datetime.date] | None = None

    @cached_property
    def month_days(self) -> frozenset[tuple[int, int]]:
        return month_day_pairs(self.text)

    @cached_property
    def identifiers(self) -> set[str]:
        identifiers: set[str] = set()
        for m in re.finditer(r"(?<![^\W_])([^\W\d_]+)[-‐–\s]?(\d+)(?![\d])|(?<![\w])(\d+)[-‐–\s]?([^\W\d_]+)",
                             self.text):
            parts = [g for g in m.groups() if g]
            identifiers.add("".join(parts).lower())
        identifiers.update(m.group().lower() for m in _MIXED.finditer(self.text))
        return identifiers

    def day_stated(self, month: int, day: int) -> bool:
        return (month, day) in self.month_days

    def date_day_stated(self, d: DateMention) -> bool:
        """Whether the source states the day of a full date: that day of that month, or its
        weekday ("Wednesday evening") in a text dated up to a week later ("March 2, 2017" for
        "March 1, 2017", a Wednesday)."""
        if d.month is None or d.day is None:
            return True
        if self.day_stated(d.month, d.day):
            return True
        try:
            when = datetime.date(d.year, d.month, d.day)
        except ValueError:
            return False
        if not re.search(rf"\b{_WEEKDAYS[when.weekday()]}\b", self.text):
            return False
        if self._dated is None:
            self._dated = [datetime.date(sd.year, sd.month, sd.day) for sd in extract_dates(self.text)
                           if sd.precision == "day" and sd.month and sd.day]
        return any(0 < (other - when).days <= 7 for other in self._dated)

    def identifier_stated(self, token: str) -> bool:
        if token.lower() in self.identifiers:
            return True
        m = re.fullmatch(r"([A-Z]{2,5})(\d+)", token)
        if m:
            # "CBB12" for "Celebrity Big Brother 12": the capitals spelled out before the number.
            words = r"\W+".join(rf"{c}[\w'’.-]*" for c in m.group(1))
            return re.search(rf"\b{words}\W+{m.group(2)}\b", self.text) is not None
        return False


_CACHE: OrderedDict[tuple[int, int], SourceCalendar] = OrderedDict()


def source_calendar(text: str) -> SourceCalendar:
    """The :class:`SourceCalendar` of a source text (cached per text)."""
    key = (len(text), hash(text))
    hit = _CACHE.get(key)
    if hit is None:
        hit = _CACHE[key] = SourceCalendar(text)
        if len(_CACHE) > 32:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return hit


def absent_yearless(text: str, dates: list[DateMention], months: set[int], calendar: SourceCalendar,
                    skip: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The month and day spans of ``text``'s yearless dates that the source never states
    (``months``: the months it names), and the spans of every yearless date looked at."""
    absent: list[tuple[int, int]] = []
    seen: list[tuple[int, int]] = []
    for md in extract_month_days(text, dates):
        if any(a < md.end and md.start < b for a, b in skip):
            continue
        seen.append((md.start, md.end))
        absent.extend(_absent_parts(md, months, calendar))
    return absent, seen


def _absent_parts(md: MonthDay, months: set[int], calendar: SourceCalendar) -> list[tuple[int, int]]:
    if md.day is not None and md.day_start is not None and md.day_end is not None \
            and not calendar.day_stated(md.month, md.day):
        # A day the source never gives that month: the date as a whole is not backed ("October 9").
        return [(min(md.month_start, md.day_start), max(md.month_end, md.day_end))]
    return [(md.month_start, md.month_end)] if md.month not in months else []


def _is_identifier(token: str) -> bool:
    """Letters and digits that make a name, not a figure with its unit or ending ("20th",
    "1950s", "5km", "10am", "3bn")."""
    m = re.fullmatch(r"\d+(?:[.,]\d+)?([^\W\d_]+)", token)
    return not (m and m.group(1).lower() in _SUFFIXES)


def absent_identifiers(text: str, calendar: SourceCalendar,
                       taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``text``'s letter-digit names ("8VC", "CBB12") that the source never writes."""
    out = []
    for m in _MIXED.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken) or not _is_identifier(m.group()):
            continue
        if not calendar.identifier_stated(m.group()):
            out.append((s, e))
    return out
