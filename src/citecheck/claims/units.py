"""Figures written in different units: which unit follows a number, and whether a claimed
figure and a source figure in another unit of the same dimension state one value.

The conversion table is :mod:`citecheck.claims.measures`; this module adds what converting needs
beyond it. A converted figure is never exact ("31 miles" is 49.9 km, "51 mm" is 2.008 inches),
so each figure stands for the interval its written precision implies — half a unit of its last
written digit, at most 5 % of its value — and two figures in different units agree when their
intervals, in the base unit, overlap. "50 km" agrees with "31 miles" (49.1–50.7 km) and not with
"20 miles" (32.2 km).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from citecheck.claims.measures import measure
from citecheck.model import Quantity

__all__ = ["converted_matches", "range_holds", "unit_after", "unit_end"]

# Units the counted-noun reader does not see: symbols and "degrees Celsius". Each is given in
# the form :func:`~citecheck.claims.measures.measure` reads.
_UNIT_AFTER = re.compile(
    r"\s?(?:(?P<deg>°\s?(?P<scale>[CF])\b)|degrees?\s+(?P<name>Celsius|Fahrenheit|centigrade)\b"
    r"|(?P<symbol>lbs?|oz|ft|kg|km|cm|mm|mph)\b\.?)",
    re.IGNORECASE,
)
_PRECISION_CAP = 0.05  # a figure's rounding interval is at most this share of its value


def unit_after(text: str, pos: int) -> str | None:
    """The unit written right after a number ending at ``pos``: "40 °C" → "°C", "104 degrees
    Fahrenheit" → "°F", "900 lb" → "lb"; None when none is."""
    m = _UNIT_AFTER.match(text, pos)
    if m is None:
        return None
    if m.group("deg"):
        return "°" + m.group("scale").upper()
    if m.group("name"):
        return "°F" if m.group("name").lower() == "fahrenheit" else "°C"
    return m.group("symbol").lower()


def _half_digit(q: Quantity) -> float:
    """Half a unit of the last digit the figure writes (0.5 for "31", 0.05 for "50.8")."""
    m = re.search(r"\d[\d,]*(?:[.·](\d+))?", q.text)
    decimals = len(m.group(1)) if m and m.group(1) else 0
    return 0.5 * 10 ** -decimals


def _base_interval(q: Quantity, unit: str) -> tuple[str, float, float] | None:
    """``(dimension, low, high)`` in the base unit of the values the figure may round."""
    here = measure(q, unit)
    if here is None or here[0].startswith("count:") or here[0] == "share":
        return None
    half = _half_digit(q)
    if here[0] != "temperature":
        half = min(half, abs(q.value) * _PRECISION_CAP)
    low, high = measure(replace(q, value=q.value - half), unit), measure(replace(q, value=q.value + half), unit)
    assert low is not None and high is not None
    return here[0], min(low[1], high[1]), max(low[1], high[1])


def _same_unit(a: Quantity, a_unit: str, b: Quantity, b_unit: str) -> bool:
    """Whether two units convert alike ("km" and "kilometres")."""
    return _units_alike(a_unit, b_unit)


@lru_cache(maxsize=4096)
def _units_alike(a_unit: str, b_unit: str) -> bool:
    # measure reads a quantity's value and unit only: the answer is the units' (one per pair of units).
    return all(measure(Quantity(x, "", 0, 0), a_unit) == measure(Quantity(x, "", 0, 0), b_unit) for x in (0.0, 1.0))


def converted_matches(claimed: Quantity, source: Quantity) -> bool:
    """Whether a source figure in another unit of the claimed figure's dimension states the same
    value, within the rounding both figures' written precision allows (module docstring).
    False for counts and shares, for figures in one unit (compared as written elsewhere) and for
    a claimed figure with a strict hedge ("over 50 km")."""
    if not claimed.unit or not source.unit or _same_unit(claimed, claimed.unit, source, source.unit):
        return False
    if claimed.hedge and claimed.hedge.lower() in ("over", "more than", "under", "less than", "fewer than",
                                                   "below", "upwards of", "well over"):
        return False
    mine, theirs = _base_interval(claimed, claimed.unit), _base_interval(source, source.unit)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    return mine[1] <= theirs[2] and theirs[1] <= mine[2]


def range_holds(low: float, high: float, unit: str | None, source: Quantity, source_measure: tuple[str, float] | None,
                claimed: Quantity) -> bool:
    """Whether a claimed range ``low``–``high`` (in ``claimed``'s unit, ``unit``) holds the source
    figure: "between 200 and 300 workers" holds "some 250 workers"."""
    if source_measure is None or source.is_year or not unit:
        return False
    mine = measure(claimed, unit)
    if mine is None or mine[0] != source_measure[0] or mine[0] == "temperature" or not mine[1]:
        return False
    value = source_measure[1] * claimed.value / mine[1]  # the source figure in the claim's unit
    eps = 1e-9 * max(1.0, abs(value))
    return low - eps <= value <= high + eps


def unit_end(text: str, q: Quantity) -> int:
    """Where the figure's unit word ends ("500 kg" → after "kg"), or the figure's own end when
    no unit word follows it closely."""
    m = _UNIT_AFTER.match(text, q.end)
    if m is not None:
        return m.end()
    if q.unit:
        word = re.match(r"\s?" + re.escape(q.unit) + r"\b", text[q.end:q.end + 40], re.IGNORECASE)
        if word is not None:
            return q.end + word.end()
    return q.end
