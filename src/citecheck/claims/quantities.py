"""Quantities: numbers in digits or words with their hedge and counted noun, and whether a
source value backs a claimed one under the hedge's tolerance (:class:`Tolerances`)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType

from citecheck.claims.dates import extract_dates, extract_month_days
from citecheck.claims.lexicon import (
    _DIGIT_NUMBER,
    _FOUR_DIGITS,
    _NUMBER_WORDS,
    _SCALES,
    _WORD_TOKEN,
    _counted_noun,
    _is_number_word,
    _is_year_at,
    _locator_before,
    _masked_ranges,
    _parse_digits,
    _Spans,
    _word_value,
    word_key,
)
from citecheck.claims.units import unit_after
from citecheck.model import DateMention, Quantity

__all__ = ["DEFAULT_TOLERANCES", "HEDGE_TOLERANCE", "STRICT_HEDGES", "Tolerances", "extract_quantities",
           "quantity_matches", "word_quantity_values"]

_APPROX = (-0.10, 0.10)
# The default tolerances (read-only: a run's own values are a Tolerances object passed in).
HEDGE_TOLERANCE: Mapping[str, tuple[float, float]] = MappingProxyType({
    "some": _APPROX,
    "about": _APPROX,
    "around": _APPROX,
    "roughly": _APPROX,
    "approximately": _APPROX,
    "approx.": _APPROX,
    "an estimated": _APPROX,
    "estimated": _APPROX,
    "close to": _APPROX,
    "circa": _APPROX,
    "c.": _APPROX,
    "ca.": _APPROX,
    "nearly": (-0.10, 0.0),
    "almost": (-0.10, 0.0),
    "just under": (-0.10, 0.0),
    "just over": (0.0, 0.10),
    "over": (0.0, math.inf),
    "more than": (0.0, math.inf),
    "upwards of": (0.0, math.inf),
    "well over": (0.0, math.inf),
    "at least": (0.0, math.inf),
    "no fewer than": (0.0, math.inf),
    "no less than": (0.0, math.inf),
    "under": (-1.0, 0.0),
    "less than": (-1.0, 0.0),
    "fewer than": (-1.0, 0.0),
    "below": (-1.0, 0.0),
    "up to": (-1.0, 0.0),
    "at most": (-1.0, 0.0),
    "no more than": (-1.0, 0.0),
}
)
STRICT_HEDGES = frozenset({"over", "more than", "upwards of", "well over", "under", "less than", "fewer than", "below"})
_APPROX_HEDGES = frozenset(h for h, tol in HEDGE_TOLERANCE.items() if tol == _APPROX) | {
    "nearly", "almost", "just under", "just over"
}


class Tolerances:
    """Each hedge's ``(low, high)`` tolerance for one run (immutable, hashable).

    ``Tolerances()`` holds the defaults (:data:`HEDGE_TOLERANCE`); ``Tolerances(overrides)``
    replaces some of them (config ``hedge-tolerance``). Passed to :func:`quantity_matches` and
    to verification, never stored in a module.
    """

    __slots__ = ("_key", "_table")

    def __init__(self, overrides: Mapping[str, tuple[float, float]] | None = None) -> None:
        table = dict(HEDGE_TOLERANCE)
        table.update({hedge: (float(low), float(high)) for hedge, (low, high) in (overrides or {}).items()})
        self._table: Mapping[str, tuple[float, float]] = MappingProxyType(table)
        self._key = tuple(sorted(table.items()))

    def __getitem__(self, hedge: str) -> tuple[float, float]:
        return self._table[hedge]

    def __contains__(self, hedge: object) -> bool:
        return hedge in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def items(self) -> Iterator[tuple[str, tuple[float, float]]]:
        return iter(self._table.items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tolerances) and other._key == self._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        changed = {h: t for h, t in self._table.items() if HEDGE_TOLERANCE.get(h) != t}
        return f"Tolerances({changed!r})"


DEFAULT_TOLERANCES = Tolerances()

_HEDGE_RE = re.compile(
    r"(?:^|(?<=[\s(\[“\"—–-]))(" + "|".join(
        re.escape(h) for h in sorted(HEDGE_TOLERANCE, key=len, reverse=True)
    ) + r")\s+$",
    re.IGNORECASE,
)


# What a window must end with, trailing space aside, for _HEDGE_RE to match (ASCII windows only:
# the pattern's case-insensitive matching folds a few non-ASCII letters, such as "ſ", to ASCII).
_HEDGE_ENDINGS = tuple(h.lower() for h in HEDGE_TOLERANCE)


def _hedge_before(text: str, pos: int) -> str | None:
    window = text[max(0, pos - 20):pos]
    if window.isascii() and not window.rstrip().lower().endswith(_HEDGE_ENDINGS):
        return None  # no hedge can end there: most figures, and every one in a run of figures
    m = _HEDGE_RE.search(window)
    if m:
        return m.group(1).lower()
    return None


def extract_quantities(text: str, dates: list[DateMention] | None = None) -> list[Quantity]:
    """Numbers in ``text`` with their counted noun and hedge; offsets index ``text``.

    See the module docstring for what counts as a quantity and what does not. ``dates`` are
    ``extract_dates(text)`` when the caller has them already.
    """
    found: list[Quantity] = []
    if dates is None:
        dates = extract_dates(text)
    if not _ANY_DIGIT.search(text):
        # Every figure in digits needs a digit (_DIGIT_NUMBER): only numbers in words can be here.
        found = _word_quantities(text, [])
        found.sort(key=lambda q: q.start)
        return found
    masked = _Spans(_masked_ranges(text))
    taken: list[tuple[int, int]] = []
    date_ranges = _Spans([(d.start, d.end) for d in dates])
    date_years = {d.start for d in dates}  # a date mention that starts with its year
    # The day of a date given without its year ("On October 9", "13 September") counts nothing.
    days = _Spans([(md.day_start, md.day_end) for md in extract_month_days(text, dates)
                   if md.day_start is not None and md.day_end is not None])

    for m in _DIGIT_NUMBER.finditer(text):
        cur, num, scale_text, pct = m.groups()  # read once: a page of figures asks each many times
        n_start, n_end = m.span("num")
        before = text[n_start - 1] if n_start > 0 else ""
        after = text[n_end] if n_end < len(text) else ""
        # Part of a word, a fraction, a time, a version or a reference like 9/11: not a count.
        if before and (before.isalnum() or before in "/:_.,"):
            continue
        if before and before in "-–" and not (_is_neg(text, n_start) or _numeric_range_end(text, n_start)):
            continue
        if pct is None and scale_text is None:
            if after and (after.isalpha() or after in "/:_°") and unit_after(text, n_end) is None:
                continue  # "20th", "1950s", "3rd", "9/11", "10:30" (not "40°C", "900lb")
            if after and after in "’'" and n_end + 1 < len(text) and text[n_end + 1] in "s":
                continue  # "1950's"
            if after == "." and n_end + 1 < len(text) and text[n_end + 1].isdigit():
                continue  # section numbers "2.3.1"
        if masked.contains(n_start, n_end):
            continue
        if days.contains(n_start, n_end):
            continue
        in_date = date_ranges.contains(n_start, n_end)
        if in_date and not _FOUR_DIGITS.fullmatch(num):
            continue  # the day of "1 December 1934", the "38" of "1936–38"
        if _locator_before(text, n_start):
            continue
        value = _parse_digits(num)
        if value is None:
            continue
        start = m.start()
        if before == "-" and _is_neg(text, n_start) and not cur:
            value = -value
            start -= 1
        end = m.end()
        scale = word_key(scale_text.strip()) if scale_text else ""
        if scale:
            value *= _SCALES[scale]
        unit: str | None = None
        plain = not scale and not pct and not cur
        if plain and (in_date or n_start in date_years):
            is_year = True  # a date's year: it counts nothing, so no unit is looked for
        else:
            if pct:
                unit = "%"
            elif cur:
                unit = cur.strip()
            else:
                unit = unit_after(text, end) or _counted_noun(text, end)
            if unit is None and scale:
                unit = _counted_noun(text, end)
            is_year = plain and _is_year_at(text, n_start, n_end, value, unit)
            if is_year:
                unit = None
        hedge = _hedge_before(text, start)
        found.append(Quantity(value=value, text=text[start:end], start=start, end=end,
                              unit=unit, hedge=hedge, is_year=is_year))
        taken.append((start, end))

    found.extend(_word_quantities(text, taken))
    found.sort(key=lambda q: q.start)
    return found


# A word token (``_WORD_TOKEN``: ASCII letters, hyphen-joined) whose first part is a number word
# or "dozen" ("a dozen"); every quantity in words starts at one. ASCII-only case folding, as the
# tokens are ASCII. The look-ahead for the words' first letters comes before the alternation:
# without it the pattern tried every word at every position of a page of figures.
_ANY_NUMBER_WORD = re.compile(
    r"(?<![A-Za-z])(?=[" + "".join(sorted({w[0] for w in _NUMBER_WORDS | {"dozen"}})) + r"])(?:"
    + "|".join(sorted(_NUMBER_WORDS | {"dozen"}, key=len, reverse=True)) + r")(?![A-Za-z])",
    re.IGNORECASE | re.ASCII,
)


# Any digit _DIGIT_NUMBER's \d could match (the same Unicode digits).
_ANY_DIGIT = re.compile(r"\d")


def _numeric_range_end(text: str, n_start: int) -> bool:
    """The second number of a range written with a dash ("35-50", "35–50")."""
    return n_start >= 2 and text[n_start - 2].isdigit()


def _is_neg(text: str, n_start: int) -> bool:
    """A minus sign directly before digits, itself after a space or start ("-5", not "1936-38")."""
    return n_start >= 2 and text[n_start - 2].isspace() or n_start == 1


def _word_quantities(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    out: list[Quantity] = []
    if not _ANY_NUMBER_WORD.search(text):
        return out  # no token below could start a number: skip the word-by-word walk
    taken_spans = _Spans(taken)
    tokens = list(_WORD_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        lower = tok.group(0).lower()
        # "a dozen", "dozen", "two dozen", "half a million" handled below; runs of cardinals here.
        if lower == "dozen" or lower == "dozens":
            i += 1
            continue
        if not _is_number_word(lower) and not (lower in ("a", "an") and i + 1 < len(tokens)
                                               and tokens[i + 1].group(0).lower() in
                                               ("hundred", "thousand", "million", "billion", "dozen")
                                               and _adjacent(text, tok, tokens[i + 1])):
            i += 1
            continue
        j = i
        words: list[str] = []
        lead_a = lower in ("a", "an")
        if lead_a:
            j += 1
        while j < len(tokens):
            w = tokens[j].group(0).lower()
            if _is_number_word(w):
                words.append(w)
            elif w == "and" and words and words[-1] in ("hundred", "thousand", "million", "billion") \
                    and j + 1 < len(tokens) and _is_number_word(tokens[j + 1].group(0).lower()) \
                    and _adjacent(text, tokens[j], tokens[j + 1]):
                pass
            elif w == "dozen":
                words.append(w)
                j += 1
                break
            else:
                break
            if j + 1 < len(tokens) and not _adjacent(text, tokens[j], tokens[j + 1]):
                j += 1
                break
            j += 1
        if not words:
            i += 1
            continue
        start = tok.start()
        end = tokens[j - 1].end()
        # Words after a digit number ("26 thousand") were already taken with it.
        if taken_spans.overlaps(start, end):
            i = j
            continue
        dozen = words[-1] == "dozen"
        cardinals = words[:-1] if dozen else words
        if not lead_a and not dozen and all(w in _BARE_SCALES for w in cardinals):
            i = j  # a scale word with no count ("BILLION", "the Hundred Years' War") is no figure
            continue
        if cardinals:
            value = _word_value(cardinals)
        else:
            value = 1.0
        if value is None:
            i = j
            continue
        if dozen:
            value *= 12  # "a dozen", "two dozen"
        if lead_a:
            part = _SCALE_PART.search(text, max(0, start - 24), start)
            if part:  # "half a million" is 500,000, not "a million"
                value *= _SCALE_PARTS[part.group(1).lower()]
                start = part.start()
        pct = re.match(r"\s?(?:%|per\s?cent\b|percent\b)", text[end:])
        unit: str | None
        if pct:
            end += pct.end()
            unit = "%"
        else:
            unit = _counted_noun(text, end)
        if words == ["one"] and unit is None:
            i = j  # "no one", "one of them": a pronoun, not a count
            continue
        out.append(Quantity(value=value, text=text[start:end], start=start, end=end, unit=unit,
                            hedge=_hedge_before(text, start)))
        i = j
    return out


# A number in words never runs across sentence punctuation or a line end.
_PIECE_END = re.compile(r"[.!?;:\n]")


def word_quantity_values(text: str) -> set[float]:
    """Every value a text states in words, read as a claim's words are ("two hundred and fifty
    thousand", "three dozen", "half a million"): what a source states, for the details check.
    Only the pieces of text (between sentence punctuation) that hold a number word are read, one
    at a time, so a long source is never held as one list of tokens."""
    values: set[float] = set()
    done = 0  # where the last piece read ended
    for m in _ANY_NUMBER_WORD.finditer(text):
        if m.start() < done:
            continue
        # The piece: back to the punctuation before ("half a million" starts 11 characters
        # before "million"), on to the punctuation after.
        head = max(done, m.start() - 40)
        cut = _PIECE_END.search(text[head:m.start()][::-1])
        start = m.start() - cut.start() if cut else head
        after = _PIECE_END.search(text, m.end())
        done = after.start() if after else len(text)
        values.update(q.value for q in _word_quantities(text[start:done], []))
    return values


_BARE_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
# A part of a counted scale word, written before its article: "half a million", "a quarter of a billion".
_SCALE_PARTS = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75, "three-quarters of": 0.75}
_SCALE_PART = re.compile(r"(?<![A-Za-z])(half|a quarter of|three[ -]quarters of)\s+$", re.IGNORECASE)


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two word tokens separated only by spaces or a hyphen."""
    gap = text[a.end():b.start()]
    return len(gap) <= 3 and all(ch in " -\t" for ch in gap)


def _written_precision(q: Quantity) -> float:
    """Half-width of the rounding a written number implies (0 for a plain integer)."""
    return _precision_of(q.text, q.unit)


# A claimed figure is compared with every figure of its best passages: its precision is read once.
@lru_cache(maxsize=4096)
def _precision_of(written: str, unit: str | None) -> float:
    text = written.lower()
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", text)
    decimals = len(m.group(1)) if m and m.group(1) else 0
    scale = 1.0
    for word, factor in _SCALES.items():
        if re.search(r"(?<![a-z])" + word + r"\b", text):
            scale = max(scale, factor)
    if not m:
        # number words: "twenty-six thousand" is rounded to its largest scale word
        return scale / 2 if scale > 1 else 0.0
    if scale > 1 or decimals or unit == "%":
        return (10 ** -decimals) * scale / 2
    return 0.0


def quantity_matches(claimed: Quantity, source_value: float,
                     tolerances: Tolerances = DEFAULT_TOLERANCES) -> bool:
    """Whether a source value backs the claimed quantity, given its hedge and the run's
    ``tolerances`` (the package docstring has the table)."""
    v = claimed.value
    s = source_value
    eps = 1e-9 * max(1.0, abs(v), abs(s))
    rounding = _written_precision(claimed)
    hedge = claimed.hedge
    if abs(s - v) <= rounding + eps and (hedge is None or hedge in _APPROX_HEDGES):
        return True
    if hedge is None or hedge not in tolerances:
        return abs(s - v) <= rounding + eps
    low, high = tolerances[hedge]
    lo = v * (1 + low)
    hi = v * (1 + high) if high != math.inf else math.inf
    if v < 0:
        lo, hi = (v * (1 + high) if high != math.inf else -math.inf), v * (1 + low)
    if hedge in STRICT_HEDGES:
        if high == math.inf:
            return s > v + eps
        return lo - eps <= s < v - eps
    return lo - eps <= s <= hi + eps
