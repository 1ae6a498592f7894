"""Words and ranges the quantity and date extractors share: number words, counted nouns,
locators, parenthetical citations, list markers, and a range set for "is this inside one?"."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.claims.frequencies import FrequencyTable

# The four letters outside ASCII that a case-insensitive pattern matches as ASCII letters
# ("fiftieſ" matches "fifties"): a word matched that way is looked up by its ASCII spelling.
_ASCII_KEYS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})


def word_key(word: str) -> str:
    """The lower-case key of a word a case-insensitive pattern matched, for a table lookup."""
    return word.translate(_ASCII_KEYS).lower()


_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
}
_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_NUMBER_WORDS = set(_UNITS_WORDS) | set(_TENS_WORDS) | {"hundred", "thousand", "million", "billion", "trillion"}
_ORDINAL_WORDS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "twentieth", "thirtieth", "hundredth", "thousandth", "millionth",
}

_DIGIT_NUMBER = re.compile(
    r"(?P<cur>[$€£¥]\s?)?"
    # A decimal point may be a middle dot ("12·4%", as The Lancet prints it).
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:[.·]\d+)?|\d+(?:[.·]\d+)?|\.\d+)"
    r"(?P<scale>\s?(?:hundred|thousand|million|billion|trillion)\b|(?:bn|m|k)\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?",
    re.IGNORECASE,
)
_WORD_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")

# Words that stand before a number used as a locator, not a count.
_LOCATOR_SHORT = "p|pp|vol|vols|no|nos|fig|figs|ch|chap|sec|para|art|col|n|nn|ll|l|v|vv"
_LOCATOR_LONG = ("page|pages|chapter|chapters|section|sections|paragraph|figure|table|volume|note|notes|"
                 "line|lines|verse|article|item|step|number|part|appendix|footnote")
_LOCATOR_BEFORE = re.compile(
    rf"(?:\b(?:{_LOCATOR_SHORT})\.?|\b(?:{_LOCATOR_LONG})|§|¶|#)\s*(?:\d+\s*[-–,]\s*)?$",
    re.IGNORECASE,
)
_LOCATOR_WORDS = frozenset(f"{_LOCATOR_SHORT}|{_LOCATOR_LONG}".split("|"))


def _locator_before(text: str, pos: int) -> bool:
    """Whether a locator word ("p.", "page", "§", ...) ends just before ``pos`` (``_LOCATOR_BEFORE``
    on the 24 characters before it).

    The pattern is searched from every position of the window, so it is asked only when the
    window's end has the pattern's shape: spaces, optionally a number and a dash or comma ("pp.
    12-"), then "§", "¶", "#" or a word, optionally with a stop, that is a locator word. A window
    ending in a figure or in any other word (most figures, every one in a run of figures or of
    dates) is answered without it."""
    window = text[max(0, pos - 24):pos]
    end = _LOCATOR_END.match(window[::-1])
    if end is None:
        return False
    word = end.group(1)
    # A word outside ASCII is left to the pattern (its case folding matches "ſ" as "s").
    if word is not None and word.isascii() and word[::-1].lower() not in _LOCATOR_WORDS:
        return False
    return _LOCATOR_BEFORE.search(window) is not None


# The end of a window that _LOCATOR_BEFORE may match, read backwards (one anchored match, not a
# search from every position): the word is the whole run of \w before the stop, as its \b needs.
_LOCATOR_END = re.compile(r"\s*(?:[-–,]\s*\d+\s*)?(?:[§¶#]|\.?(\w+))")


# A parenthetical citation: (Name, 418), (Name 2009, 418), (Name et al. 2009: 12-14), (Name 418).
_PAREN_CITATION = re.compile(
    r"\((?:see\s+|cf\.\s+)?[A-Z][\w'’\-]+(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+)?(?:\s+et\s+al\.?)?"
    r"(?:,?\s+(?:\d{4}[a-z]?|n\.d\.))?(?:[,:]?\s*(?:p{1,2}\.\s*)?\d+(?:\s*[-–]\s*\d+)?)?"
    r"(?:;\s*[^()]{1,80})?\)"
)
_LIST_MARKER = re.compile(r"(?m)^[ \t]*\d{1,3}[.)](?=\s)")

_STOP_AFTER = {
    "a", "an", "the", "and", "or", "but", "to", "in", "on", "at", "by", "for", "from", "with",
    "is", "was", "were", "are", "be", "been", "has", "had", "have", "this", "that", "these",
    "those", "it", "its", "his", "her", "their", "as", "than", "per", "if", "so", "we", "he",
    "she", "they", "you", "i", "who", "which", "when", "while", "into", "out", "up", "down",
    "not", "no", "yes", "also", "after", "before", "ago", "more", "less", "times", "until",
}
_KNOWN_UNITS = {
    "people", "men", "women", "children", "persons", "person", "police", "staff", "troops",
    "personnel", "cattle", "feet", "foot", "hour", "day", "week", "month", "year", "minute",
    "second", "mile", "kilometre", "kilometer", "metre", "meter", "ton", "tonne", "dollar",
    "pound", "euro", "word", "page", "vote", "seat", "member", "delegate", "percent", "kg", "km",
    "cm", "mm", "mph", "kph", "acre", "hectare", "barrel", "gallon", "litre", "liter", "degree",
}
_NOT_NOUN_SUFFIX = ("ous", "ss", "less", "ful", "ive", "ic", "al", "ing", "ed", "ly", "est", "er")

_YEAR_PREP_WORDS = ("in|since|by|until|till|during|from|circa|around|before|after|year|early|late|mid|"
                    "summer|winter|spring|autumn|fall")
_YEAR_PREP = re.compile(rf"\b(?:{_YEAR_PREP_WORDS})[\s-]+$", re.IGNORECASE)
_YEAR_PREP_SET = frozenset(_YEAR_PREP_WORDS.split("|"))


def _year_prep_before(window: str) -> bool:
    """``_YEAR_PREP.search(window)``, asked only when the window ends in spaces or hyphens after
    an ASCII word that is one of its words, or after a word outside ASCII (searched from every
    position, the pattern cost a run of figures more than the rest of a figure's checks)."""
    end = _YEAR_PREP_END.match(window[::-1])
    if end is None:
        return False
    word = end.group(1)[::-1]
    if word.isascii() and word.lower() not in _YEAR_PREP_SET:
        return False
    return _YEAR_PREP.search(window) is not None


_YEAR_PREP_END = re.compile(r"[\s-]+(\w+)")  # the window read backwards: spaces or hyphens, a word


def _parse_digits(num: str) -> float | None:
    try:
        return float(num.replace(",", "").replace("·", "."))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_number_words(phrase: str) -> float | int | None:
    """number-parser's value of a phrase (cached: the library rebuilds its tables on every call)."""
    try:
        from number_parser import parse_number

        parsed = parse_number(phrase)
    except Exception:  # noqa: BLE001 -- the library is best effort; fall back to our own arithmetic
        return None
    return parsed if isinstance(parsed, (int, float)) else None


def _word_value(words: list[str]) -> float | None:
    """The value of a run of cardinal number words ("twenty-six thousand four hundred")."""
    parsed = _parse_number_words(" ".join(words))
    if isinstance(parsed, (int, float)):
        return float(parsed)
    total = 0.0
    current = 0.0
    for word in words:
        for part in word.split("-"):
            if part in _UNITS_WORDS:
                current += _UNITS_WORDS[part]
            elif part in _TENS_WORDS:
                current += _TENS_WORDS[part]
            elif part == "hundred":
                current = (current or 1) * 100
            elif part in _SCALES:
                total += (current or 1) * _SCALES[part]
                current = 0
            else:
                return None
    return total + current


def _is_number_word(token: str) -> bool:
    parts = token.lower().split("-")
    return all(p in _NUMBER_WORDS for p in parts)


def _counted_noun(text: str, pos: int) -> str | None:
    """The first noun-like word within three words after ``pos`` ("26,000 angry words" -> "words")."""
    prev_end = pos
    for words, m in enumerate(_WORD_TOKEN.finditer(text, pos, min(len(text), pos + 80))):
        if words >= 3:
            return None
        gap = text[prev_end:m.start()]
        if gap != " " and any(ch in gap for ch in ".;:!?()[],\n"):
            return None  # the noun phrase ended
        word = m.group(0)
        lower = word.lower()
        if lower in _STOP_AFTER or _is_number_word(lower):
            return None
        if word[0].isupper() and not word.isupper():
            return None  # a name follows ("in 1956 Khrushchev")
        if lower in _KNOWN_UNITS or (lower.rstrip("s") in _KNOWN_UNITS):
            return lower
        if lower.endswith("s") and len(lower) > 3 and not lower.endswith(_NOT_NOUN_SUFFIX):
            return lower
        prev_end = m.end()
    return None


def _masked_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges whose numbers are not quantities: parenthetical citations and list markers."""
    ranges = [(m.start(), m.end()) for m in _PAREN_CITATION.finditer(text)]
    ranges += [(m.start(), m.end()) for m in _LIST_MARKER.finditer(text)]
    return ranges


class _Spans:
    """Fixed ranges (they may overlap) asked "does one contain / overlap this?" in O(log n).

    Sorted by start with the furthest end reached so far: a sentence with thousands of numbers
    and dates stays linear instead of comparing every number with every range.
    """

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))

    def contains(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] > start


_FOUR_DIGITS = re.compile(r"\d{4}")


def _is_year_at(text: str, start: int, end: int, value: float, unit: str | None) -> bool:
    digits = text[start:end]
    if not _FOUR_DIGITS.fullmatch(digits):
        return False
    if _year_prep_before(text[max(0, start - 12):start]) and 1000 <= value <= 2099:
        return True  # "in 1812", "by 1945 troops had gone"
    if unit is not None:
        return False  # "of 2000 people", "1956 delegates": a count
    return 1900 <= value <= 2099


def _is_year_alone(text: str, start: int, end: int, value: float) -> bool:
    """``_is_year_at`` with the counted noun after the figure as its unit, looked for only where
    it decides (not after "in", nor for a value outside 1900-2099)."""
    if not _FOUR_DIGITS.fullmatch(text[start:end]):
        return False
    if _year_prep_before(text[max(0, start - 12):start]) and 1000 <= value <= 2099:
        return True
    if not 1900 <= value <= 2099:
        return False
    return _counted_noun(text, end) is None


# --------------------------------------------------------------------------- word rarity in English

# -log10 of a word's frequency in general English; wordfreq's large English list stops at 1e-8,
# so a word it does not hold (a rare name, a figure) tells at least this much.
RARE_WORD_INFORMATION = 8.0


@lru_cache(maxsize=1)
def _english_frequencies() -> FrequencyTable | dict[str, float]:
    # Loaded on first use (startup stays fast), held compactly: ~5 MB, not wordfreq's 28 MB dict.
    # A wordfreq release whose data file has another layout gets its own dict: the same answers.
    from citecheck.claims.frequencies import english_table

    try:
        return english_table()
    except ValueError:
        import wordfreq

        return wordfreq.get_frequency_dict("en", "large")  # type: ignore[no-any-return]


@lru_cache(maxsize=65_536)
def word_information(word: str) -> float:
    """How much ``word`` tells, as -log10 of its frequency in general English (wordfreq's large
    English list: "the" 1.3, "played" 3.8, "rematch" 5.6; a word the list lacks, or a figure,
    :data:`RARE_WORD_INFORMATION`). A claim word the source lacks costs its support by this much,
    so an absent common word ("played", "role") weighs less than an absent rare one."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    if not w or any(ch.isdigit() for ch in w):
        return RARE_WORD_INFORMATION
    freq = _english_frequencies().get(w, 0.0)
    if freq <= 0:
        return RARE_WORD_INFORMATION
    return min(RARE_WORD_INFORMATION, -math.log10(freq))


# Names that writers use for one referent interchangeably: a disease and the virus that causes it
# (news says "COVID-19" where the paper says "SARS-CoV-2"). Each group: a pattern that finds any
# of its names in a text, and the words and letter-digit identifiers (folded, as
# evidence.vocabulary keeps them) that all of its names are made of.
SAME_REFERENT: tuple[tuple[re.Pattern[str], frozenset[str], frozenset[str]], ...] = (
    (re.compile(r"\b(?:COVID[-‐–\s]?19|SARS[-‐–\s]?CoV[-‐–\s]?2|2019[-‐–\s]?nCoV|novel coronavirus|"
                r"coronavirus disease 2019)\b", re.IGNORECASE),
     frozenset({"covid", "sars", "cov", "ncov", "coronavirus"}), frozenset({"covid19", "cov2"})),
)


def same_referent_names(text: str) -> tuple[set[str], set[str]]:
    """The words and identifiers of every name of a referent that ``text`` names one way
    (:data:`SAME_REFERENT`): a text saying "SARS-CoV-2" states "COVID-19" too."""
    words: set[str] = set()
    identifiers: set[str] = set()
    for pattern, group_words, group_identifiers in SAME_REFERENT:
        if pattern.search(text):
            words |= group_words
            identifiers |= group_identifiers
    return words, identifiers
