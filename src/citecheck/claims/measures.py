"""What a figure counts or measures, so that figures worded differently can be compared.

- Counted nouns that count the same thing fall in one class: "inhabitants", "residents",
  "population", "people" are all ``people``; "votes"/"ballots", "soldiers"/"troops", ...
- Units of one dimension convert to a base unit (metres, kilograms, square metres, litres,
  degrees Celsius, seconds): "2 kilometres" and "2,000 metres" are one figure, "5 miles" another.
- Shares written as words are percentages: "half" is 50 %, "a third" 33.3 %, "one in four" 25 %.
- "a population of 20,000" names what it counts *before* the number.

:func:`measure` gives a quantity's ``(dimension, value in the base unit)``; figures are compared
only within one dimension.
"""

from __future__ import annotations

import re

from citecheck.claims.lexicon import word_key
from citecheck.model import Quantity

__all__ = ["counted_before", "measure", "same_dimension", "shares"]

_COUNT_CLASSES = {
    "people": "inhabitants inhabitant population populations residents resident people persons person "
              "citizens citizen individuals souls dwellers locals townspeople villagers",
    "votes": "votes vote ballots ballot",
    "troops": "troops soldiers men servicemen personnel",
    "deaths": "deaths dead fatalities killed lives",
    "visitors": "visitors visits tourists attendees spectators",
    "employees": "employees staff workers workforce",
    "students": "students pupils undergraduates",
    "copies": "copies units",
    "members": "members membership",
}
_COUNT_OF = {w: cls for cls, words in _COUNT_CLASSES.items() for w in words.split()}

# unit word -> (dimension, factor to the base unit)
_UNITS: dict[str, tuple[str, float]] = {}


def _add(dimension: str, factor: float, words: str) -> None:
    for word in words.split():
        _UNITS[word] = (dimension, factor)


_add("length", 1.0, "m metre metres meter meters")
_add("length", 1000.0, "km kms kilometre kilometres kilometer kilometers")
_add("length", 0.01, "cm centimetre centimetres centimeter centimeters")
_add("length", 0.001, "mm millimetre millimetres millimeter millimeters")
_add("length", 1609.344, "mi mile miles")
_add("length", 0.3048, "ft foot feet")
_add("length", 0.0254, "in inch inches")
_add("length", 0.9144, "yd yard yards")
_add("length", 1852.0, "nmi nautical")
_add("mass", 1.0, "kg kgs kilogram kilograms kilogramme kilogrammes kilo kilos")
_add("mass", 0.001, "g gram grams gramme grammes")
_add("mass", 1000.0, "t tonne tonnes")
_add("mass", 0.45359237, "lb lbs pound pounds")
_add("mass", 0.0283495, "oz ounce ounces")
_add("mass", 6.35029, "st stone stones")
_add("area", 1.0, "m2 m² sqm")
_add("area", 1e6, "km2 km²")
_add("area", 4046.86, "acre acres")
_add("area", 1e4, "ha hectare hectares")
_add("area", 0.092903, "sqft")
_add("area", 2.58999e6, "sqmi")
_add("volume", 1.0, "l litre litres liter liters")
_add("volume", 0.001, "ml millilitre millilitres milliliter milliliters")
_add("volume", 3.78541, "gallon gallons gal")
_add("volume", 158.987, "barrel barrels bbl")
_add("speed", 1.0, "km/h kmh kph")
_add("speed", 1.609344, "mph")
_add("time", 1.0, "second seconds sec secs s")
_add("time", 60.0, "minute minutes min mins")
_add("time", 3600.0, "hour hours hr hrs h")
_add("time", 86400.0, "day days")
_add("time", 604800.0, "week weeks")
_add("time", 31557600.0, "year years yr yrs")
_add("time", 2629800.0, "month months")
_add("time", 315576000.0, "decade decades")
_add("time", 3155760000.0, "century centuries")
_add("share", 1.0, "% percent per_cent pct percentage")

_SQUARE = re.compile(r"^(?:sq\.?|square)\s*(ft|feet|foot|mi|miles?|m|metres?|meters?|km|kilometres?|kilometers?)$")
_TEMPERATURE = re.compile(r"^°?\s*(c|f|celsius|fahrenheit|centigrade)$")


def _unit_key(unit: str) -> str:
    u = unit.lower().strip().rstrip(".")
    u = re.sub(r"\s+", " ", u)
    if u in ("per cent", "percent", "%"):
        return "%"
    m = _SQUARE.match(u)
    if m:
        base = m.group(1)
        if base.startswith(("ft", "feet", "foot")):
            return "sqft"
        if base.startswith("mi"):
            return "sqmi"
        if base.startswith(("km", "kilo")):
            return "km2"
        return "m2"
    return u


def measure(q: Quantity, unit: str | None = None) -> tuple[str, float] | None:
    """``(dimension, value in the base unit)`` of a quantity, or None when its unit is unknown.

    Counted nouns give their class ("inhabitants" → ``("count:people", value)``); a noun outside
    every class is its own class (``"count:delegates"``)."""
    unit = unit if unit is not None else q.unit
    if not unit:
        return None
    key = _unit_key(unit)
    m = _TEMPERATURE.match(key)
    if m and ("°" in unit or len(key) > 1):
        return ("temperature", q.value if m.group(1).startswith("c") else (q.value - 32) * 5 / 9)
    if key in _UNITS:
        dimension, factor = _UNITS[key]
        return (dimension, q.value * factor)
    word = key.split()[-1] if key else key
    if word in _UNITS and word not in ("s", "h", "t", "g", "m", "in", "st"):
        dimension, factor = _UNITS[word]
        return (dimension, q.value * factor)
    if word in _COUNT_OF:
        return ("count:" + _COUNT_OF[word], q.value)
    stemmed = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return ("count:" + stemmed, q.value)


def same_dimension(a: Quantity, b: Quantity) -> bool:
    ma, mb = measure(a), measure(b)
    return ma is not None and mb is not None and ma[0] == mb[0]


_BEFORE = re.compile(r"\b(population|inhabitants|residents|membership|attendance|workforce|staff|"
                     r"enrol(?:l)?ment|turnout|death toll|readership|audience)\s+(?:of|was|is|stood at|"
                     r"reached|had reached|grew to|fell to|rose to|numbered)\s+(?:some\s+|about\s+|around\s+|"
                     r"roughly\s+|nearly\s+|almost\s+|over\s+|more than\s+|just over\s+|approximately\s+|"
                     r"an estimated\s+|)$", re.IGNORECASE)


def counted_before(text: str, start: int) -> str | None:
    """The noun a figure counts when it is named before it: "a population of about 20,000" →
    "population"."""
    m = _BEFORE.search(text[max(0, start - 60):start])
    return m.group(1).lower() if m else None


_SHARE_WORDS = {"half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
                "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_SHARE_RE = re.compile(r"\b(?:(a|an|one|two|three|four|nine)[\s-]+)?(half|thirds?|quarters?|fifths?|tenths?)\b"
                       r"(?=\s+(?:of|the|its|their|all)\b)|\b(one|two|three)\s+in\s+(two|three|four|five|ten)\b",
                       re.IGNORECASE)
_DENOM = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def shares(text: str) -> list[Quantity]:
    """Shares written in words, as percentages: "half of" (50), "a third of" (33.3), "two thirds
    of" (66.7), "one in four" (25)."""
    out = []
    for m in _SHARE_RE.finditer(text):
        if m.group(2):
            count = _SMALL.get(word_key(m.group(1) or "a"), 1)
            value = _SHARE_WORDS[word_key(m.group(2))] * count
        else:
            value = 100 * _SMALL.get(word_key(m.group(3)), 1) / _DENOM[word_key(m.group(4))]
        hedge = "about"  # a share in words is a rounded figure
        out.append(Quantity(value=round(value, 4), text=m.group(), start=m.start(), end=m.end(), unit="%",
                            hedge=hedge))
    return out
