"""The numbers a source text states, in any format: what :class:`~citecheck.evidence.vocabulary.
Vocabulary` knows of a source's figures ("1,436", "1.4 million", "3.2m", ".5", "forty-five",
"2nd", "second", "twenty-first", "a million", "half a million", "one and a half million",
"two-thirds", "three decades", "2018-11-10", "10/11/2018") and its percentages ("12·4%", "30 per cent").

Read once per source text, and only when a claim asks about a figure (the Vocabulary reads its
parts on first use).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citecheck.claims.quantities import word_quantity_values

__all__ = ["NUMBER_WORDS", "percent_values", "stated_months", "stated_values", "written_values"]

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "hundred": 100, "thousand": 1000, "dozen": 12, "once": 1, "twice": 2, "single": 1, "both": 2,
          "half": 0.5, "quarter": 0.25, "third": 3, "double": 2, "triple": 3, "pair": 2, "couple": 2}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
             "hundredth": 100, "last": -1}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7}

# The words that state a number on their own ("twelve", "dozen", "third"); a Vocabulary notes
# which of them its text has.
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_ORDINALS)

_NUM_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(st|nd|rd|th|s)\b)?"
                     r"(?:\s*-?\s*(hundred|thousand|million|billion|trillion|lakh|crore|mn|mln|bn|tn|[kmb])\b)?",
                     re.IGNORECASE)
_POINT_RE = re.compile(r"(?<![\w.])\.(\d+)(?:\s*-?\s*(hundred|thousand|million|billion|trillion|lakh|crore|mn|mln|bn|tn"
                       r"|[kmb])\b)?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b([12]\d{3})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")

_MIDDLE_DOT = re.compile(r"(?<=\d)[·∙](?=\d)")
_THOUSANDS_SPACE = re.compile(r"(?<=\d)[\u00a0\u2009\u202f](?=\d{3}(?!\d))")


def written_values(text: str) -> tuple[set[float], set[str]]:
    """Every number the text writes in digits (values, scaled by "million" etc.; a numeric date's
    parts) and the digit strings."""
    values: set[float] = set()
    digits: set[str] = set()
    # Other ways to write a number: the decimal middle dot ("12·4%", as The Lancet prints it) and
    # thin or no-break spaces between groups of thousands ("23 000").
    text = _THOUSANDS_SPACE.sub(",", _MIDDLE_DOT.sub(".", text))
    for m in _NUM_RE.finditer(text):
        whole = m.group(1).replace(",", "")
        digits.add(whole.lstrip("0") or "0")
        value = float(whole + (m.group(2) or ""))
        values.add(value)
        if m.group(2):
            digits.add(whole + m.group(2))
        scale = m.group(4) or ""
        # "3.2m", "$5bn" but not "5 m" (metres): a one-letter scale must touch the number.
        if scale and (len(scale) > 1 or not text[m.start(4) - 1].isspace()):
            values.add(value * _SCALES.get(scale.lower(), 1))
    for m in _POINT_RE.finditer(text):  # ".5", ".5 million", as the claim's quantities read them
        value = float("0." + m.group(1))
        values.add(value)
        scale = m.group(2) or ""
        if scale and (len(scale) > 1 or not text[m.start(2) - 1].isspace()):
            values.add(value * _SCALES[scale.lower()])
    for m in _ISO_DATE.finditer(text):
        values.update(float(g) for g in m.groups())
    for m in _NUMERIC_DATE.finditer(text):
        a, b, y = (int(g) for g in m.groups())
        values.update({float(a), float(b), float(y if y > 99 else (1900 + y if y > 30 else 2000 + y))})
    return values, digits

_WORD_NUMBER_RE = re.compile(
    r"\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|"
    r"eight|nine)\b)?|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)\b)(?:\s+(thousand|million|billion|trillion)\b)?")
# A scale word counted by an article or a fraction ("a million", "half a million", "a quarter of a
# billion"), and compound ordinals ("twenty-first").
_COUNTED_SCALE_RE = re.compile(r"\b(a|one|half a|a half|a quarter of a|three quarters of a)\s+"
                               r"(hundred|thousand|million|billion|trillion)\b")
# A count and a half ("one and a half million", "2 and a half", "two-and-a-half thousand").
_AND_A_HALF_RE = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]and[- ]a[- ]half"
                            r"(?:\s+(thousand|million|billion|trillion))?\b")
_COUNTED_SCALE = {"a": 1.0, "one": 1.0, "half a": 0.5, "a half": 0.5, "a quarter of a": 0.25,
                  "three quarters of a": 0.75}
_COMPOUND_ORDINAL_RE = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](first|second|"
                                  r"third|fourth|fifth|sixth|seventh|eighth|ninth)\b")
# A fraction in words ("two-thirds", "a third", "three quarters"): what a claimed percentage is
# compared with.
_FRACTION_RE = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine)[- ](half|third|quarter|fifth|sixth|"
                          r"seventh|eighth|ninth|tenth)s?\b")
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                 "tenth": 10}
_DURATION_RE = re.compile(r"\b(\d+(?:\.\d+)?|half a|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                          r"(decades?|centur(?:y|ies))\b")
_PERCENT_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)

def stated_values(text: str, folded: str, number_words: Iterable[str], written: set[float]) -> set[float]:
    """Every number ``text`` states, as values (scaled by "million" etc.): those it ``written``
    in digits (:func:`written_values`) and those in words. ``folded`` is the text folded
    (evidence.vocabulary.fold); ``number_words``: the words of :data:`NUMBER_WORDS` the text has."""
    values = set(written)
    for w in number_words:
        if w in _UNITS:
            values.add(float(_UNITS[w]))
        elif w in _ORDINALS:
            values.add(float(_ORDINALS[w]))
    for m in _WORD_NUMBER_RE.finditer(folded):
        value = float(_UNITS[m.group(1) or m.group(3)] + (_UNITS[m.group(2)] if m.group(2) else 0))
        values.add(value)
        if m.group(4):  # "twenty-three million", "five thousand"
            values.add(value * _SCALES[m.group(4)])
    for m in _COUNTED_SCALE_RE.finditer(folded):
        values.add(_COUNTED_SCALE[m.group(1)] * (100.0 if m.group(2) == "hundred" else _SCALES[m.group(2)]))
    for m in _AND_A_HALF_RE.finditer(folded):
        count = float(m.group(1)) if m.group(1).isdigit() else float(_UNITS[m.group(1)])
        values.add((count + 0.5) * (_SCALES[m.group(2)] if m.group(2) else 1.0))
    for m in _FRACTION_RE.finditer(folded):
        values.add((1 if m.group(1) == "a" else _UNITS[m.group(1)]) / _DENOMINATORS[m.group(2)])
    values |= word_quantity_values(text)  # the source's numbers in words, read as a claim's are
    for m in _COMPOUND_ORDINAL_RE.finditer(folded):
        values.add(float(_UNITS[m.group(1)] + _ORDINALS[m.group(2)]))
    for m in _DURATION_RE.finditer(folded):
        # "three decades" states 30 years; "half a century" 50.
        count = m.group(1)
        n = float(count) if count[0].isdigit() else 0.5 if count == "half a" else _UNITS.get(count, 1)
        values.add(n * (10 if m.group(2).startswith("decade") else 100))
    return values


def stated_months(text: str) -> set[int]:
    """The months that ``text``'s numeric dates give ("2018-11-10", "10/11/2018": 11, and 10 and 11)."""
    months: set[int] = set()
    for m in _ISO_DATE.finditer(text):
        if 1 <= int(m.group(2)) <= 12:
            months.add(int(m.group(2)))
    for m in _NUMERIC_DATE.finditer(text):
        months.update(int(g) for g in m.groups()[:2] if 1 <= int(g) <= 12)
    return months


def percent_values(text: str) -> set[float]:
    """The values ``text`` writes as a percentage ("12·4%", "30 percent", "5 per cent")."""
    text = _MIDDLE_DOT.sub(".", text)
    return {float(m.group(1)) for m in _PERCENT_RE.finditer(text)}
