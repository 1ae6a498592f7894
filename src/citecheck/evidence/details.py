"""Details a claim states that its source never does: figures, dates and names absent from the
*whole* source text.

Precision first: a detail is absent only when no spelling, inflection, abbreviation or number
format of it is in the source, as the source's :class:`~citecheck.evidence.vocabulary.Vocabulary`
knows them (:mod:`citecheck.evidence.vocabulary`).

A name is present when the source has the word, its stem, a derived form sharing all but its
last letters ("Canada" for "Canadian"), the word joined to its neighbour ("A.V. Club" for
"avclub"), or an acronym of the name run it stands in ("C.B.E." for "Commander of the Order of
the British Empire"), or a two-letter initialism of a run of the source's ("UN"). A country
written after a comma to locate a place the source names ("Lyon, France") is not a detail. A
quantity is present when the source states the same value (within rounding, the precision of
its written decimals — "2.5 million" for 2,463,000 — or the claim's hedge), or a count by a
list of that many kinds before its noun ("two genres" / "the science fiction and horror genres");
a group of islands or mountains is named by its first word in the plural ("the Faeroes" for "the
Faroe Islands"); a figure in
parentheses right after another is taken for its conversion ("355 feet (108 m)") and is present
when its partner is. A date's year, month and day
are judged one by one, so "March 2006" against a source saying "2006" marks only "March".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from citecheck.evidence.vocabulary import (
    _MONTH_OF,
    _WORD_RE,
    Vocabulary,
    _stem,
    american,
    fold,
    spelled_by,
    vocabulary,
)
from citecheck.evidence.yearless import absent_identifiers, absent_yearless
from citecheck.model import DateMention, Quantity

# Vocabulary, american, fold and vocabulary moved to evidence.vocabulary; still importable from here.
__all__ = ["Detail", "Vocabulary", "absent_details", "american", "fold", "vocabulary"]

_STOP = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "is", "was", "are", "were", "be", "been", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "we", "our", "you", "your", "i", "my", "not", "no", "but", "if", "then", "than", "so", "also", "about", "after", "before", "over", "under", "into", "out", "up", "down", "off", "all", "any", "some", "more", "most", "such", "only", "own", "same", "very", "just", "can", "will", "would", "should", "could", "may", "might", "must", "shall", "do", "does", "did", "has", "have", "had"])
# Capitalised words that are not names (sentence openers, titles, days).
_NOT_NAMES = frozenset(["mr", "mrs", "ms", "dr", "prof", "sir", "st", "mt", "jr", "sr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "however", "although", "during", "while", "when", "where", "after", "before", "since", "until", "following", "later", "earlier", "meanwhile", "also", "in", "on", "at"])

# Words that, put before a name, name another place or thing (North Korea, New York, Old Trafford).
_QUALIFIERS = frozenset(["north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater",
                         "new", "old", "central", "inner", "outer", "little", "great", "middle", "mount",
                         "lake", "port", "fort", "saint", "san", "santa", "st"])
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
# Two figures that make one range: "10-20%", "3–5 million", "between 10 and 20 percent", "5 to 7 km".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*")


def _roman(token: str) -> int | None:
    if len(token) < 2 or not _ROMAN.match(token):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(token, token[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _identifier_present(text: str, s: int, vocab: Vocabulary) -> bool:
    """A number joined by a hyphen to the letters before it is part of an identifier
    ("COVID-19", "F-16"): present when the source writes that identifier in any form."""
    m = re.search(r"(?<!\w)([^\W\d_]+)[-‐–]$", text[max(0, s - 40):s])  # "F-16", "SARS-CoV-2"
    number = re.match(r"\d+", text[s:])
    return bool(m and number) and fold(m.group(1) + number.group()) in vocab.identifiers  # type: ignore[union-attr]


@dataclass(frozen=True)
class Detail:
    """A part of a claim that its source never states."""

    kind: str  # number | date | name
    start: int  # offsets in the claim text
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


def _date_parts(text: str, d: DateMention) -> dict[str, tuple[int, int]]:
    """Offsets (in ``text``) of the year, month and day tokens of a date mention."""
    parts: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"\d+(?:st|nd|rd|th|s)?|[^\W\d_]+", text[d.start:d.end]):
        token = m.group()
        span = (d.start + m.start(), d.start + m.end())
        if token[0].isdigit():
            number = int(re.match(r"\d+", token).group())  # type: ignore[union-attr]
            if number >= 100 and "year" not in parts:
                parts["year"] = span
            elif number >= 100:
                parts["year_end"] = span
            elif d.day is not None and number == d.day and "day" not in parts:
                parts["day"] = span
        elif fold(token).rstrip(".") in _MONTH_OF and "month" not in parts:
            parts["month"] = span
    return parts


def _date_absent(text: str, d: DateMention, vocab: Vocabulary) -> list[tuple[int, int]]:
    parts = _date_parts(text, d)
    out = []
    if "year" in parts:
        if d.precision == "decade":
            present = any(vocab.has_value(float(y), 0, 0) for y in range(d.year, d.year + 10))
        else:
            present = vocab.has_value(float(d.year), 0, 0)
        if not present:
            out.append(parts["year"])
    if "year_end" in parts and d.year_end and not vocab.has_value(float(d.year_end), 0, 0):
        out.append(parts["year_end"])
    if "month" in parts and d.month and d.month not in vocab.months:
        out.append(parts["month"])
    if "day" in parts and d.day and not (vocab.calendar.date_day_stated(d) if d.month and vocab.calendar
                                         else vocab.has_value(float(d.day), 0, 0)):
        out.append(parts["day"])  # a day is stated only with its month ("March 2", not "4-2")
    return out


def _written_precision(q: Quantity) -> float:
    """How far a figure written with decimals may lie from its value, as a share of it: half a
    unit of its last written digit ("2.5 million" stands for 2.45–2.55 million, "3.7%" for
    3.65–3.75%). A whole number is taken as exact: "45,000" may be rounded or not."""
    m = re.search(r"(\d[\d,]*)\.(\d+)", q.text)
    if not m:
        return 0.0
    written = float(m.group(1).replace(",", "") + "." + m.group(2))
    return 0.5 * 10 ** -len(m.group(2)) / written if written else 0.0


def _quantity_present(q: Quantity, vocab: Vocabulary, tolerances: dict[str, tuple[float, float]]) -> bool:
    low, high = tolerances.get((q.hedge or "").lower(), (-0.005, 0.005))
    rounded = _written_precision(q)
    low, high = min(low, -0.005, -rounded), max(high, 0.005, rounded)
    if high == float("inf"):
        high = 1e9
    if vocab.has_value(q.value, low, high):
        return True
    if q.unit and q.value in vocab.listed.get(_stem(q.unit), ()):
        return True  # "two genres" against "the science fiction and horror genres"
    per_unit = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}.get((q.unit or "").lower())
    if per_unit and vocab.has_value(q.value * per_unit, low, high):
        return True  # "three decades" against "30 years"
    if q.unit == "%" or (q.unit or "").lower() in ("percent", "per cent"):
        # "half", "a third", "one in four": the same share written as a fraction.
        return any(abs(v * 100 - q.value) <= max(0.5, abs(q.value) * 0.02) for v in vocab.values if v < 1)
    digits = re.sub(r"[^\d.]", "", q.text.split(".")[0] if "." not in q.text else q.text)
    return bool(digits) and digits.replace(".", "").lstrip("0") in vocab.digits and q.value >= 1000


def _name_runs(text: str, blocked: list[tuple[int, int]]) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised words ("Order of the British Empire"), small words kept inside a run."""
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    pending: list[tuple[str, int, int]] = []
    first = True
    for m in _WORD_RE.finditer(text):
        token, s, e = m.group(), m.start(), m.end()
        between = text[current[-1][2]:s] if current else ""
        if current and re.search(r"[,;:()\"“”]|\s-\s|\s–\s", between):
            runs.append(current)
            current, pending = [], []
        if any(a < e and s < b for a, b in blocked):
            if current:
                runs.append(current)
            current, pending, first = [], [], False
            continue
        is_name = token[0].isupper() and not first and len(token) >= 2 and fold(token) not in _STOP
        first = False
        if is_name:
            current.extend(pending)
            pending = []
            current.append((token, s, e))
        elif current and fold(token) in ("of", "the", "and", "de", "la", "von", "van", "for", "du", "del") \
                and len(pending) < 2:
            pending.append((token, s, e))
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


def _acronym_covered(run: list[tuple[str, int, int]], vocab: Vocabulary) -> set[int]:
    """Indices of the run's words that an acronym of the source stands for (C.B.E. → Commander …
    British Empire): the acronym spells words i..j of the run, passing over at most one
    capitalised word per two letters (vocabulary.spelled_by)."""
    covered: set[int] = set()
    words = [w for w, _, _ in run]
    initials = {w[0].upper() for w in words}
    for acronym, letters in vocab.acronym_letters:
        if not letters <= initials:
            continue  # a letter that opens no word of the run: the acronym spells none of it
        for first, last in spelled_by(acronym, words, skip=len(acronym) // 2):
            covered.update(range(first, last + 1))
    return covered


def absent_details(text: str, vocab: Vocabulary, *, quantities: list[Quantity], dates: list[DateMention],
                   tolerances: dict[str, tuple[float, float]] | None = None,
                   skip: list[tuple[int, int]] | None = None) -> list[Detail]:
    """The figures, dates and names of a claim (``text``, citation markers blanked) that the
    source (``vocab``) never states, in claim order. ``quantities`` and ``dates`` are the claim's,
    with offsets in ``text``; ``skip`` spans (quotations judged elsewhere) are not looked at."""
    tolerances = tolerances or {}
    skip = list(skip or [])
    out: list[Detail] = []
    taken: list[tuple[int, int]] = list(skip)
    for d in dates:
        if any(a < d.end and d.start < b for a, b in skip):
            continue
        taken.append((d.start, d.end))
        for s, e in _date_absent(text, d, vocab):
            out.append(Detail("date", s, e, text[s:e]))
    if vocab.calendar is not None:
        # Dates without a year ("On October 9"), then names written with digits ("8VC").
        absent, seen = absent_yearless(text, dates, vocab.months, vocab.calendar, skip)
        taken += seen
        out += [Detail("date", s, e, text[s:e]) for s, e in absent]
    present_qs: list[Quantity] = []
    absent_qs: list[Quantity] = []
    for q in quantities:
        if q.is_year or any(a < q.end and q.start < b for a, b in taken):
            continue
        if (q.unit or "").lower() in ("word", "words"):
            taken.append((q.start, q.end))
            continue  # the length of the work itself: computed-mismatch judges it

        present = _quantity_present(q, vocab, tolerances) or _identifier_present(text, q.start, vocab)
        (present_qs if present else absent_qs).append(q)
    # A range is stated when both ends are, or when the source states a value inside it
    # ("10-20%" against "12·4%"; "3–5 million" against "3.8 million").
    for lo, hi in _ranges(text, quantities):
        if (lo in absent_qs or hi in absent_qs) and _range_present(text, lo, hi, vocab, tolerances):
            for q in (lo, hi):
                if q in absent_qs:
                    absent_qs.remove(q)
                    present_qs.append(q)
    for q in absent_qs:
        taken.append((q.start, q.end))
        # "355 feet (108 m)": a converted figure stands or falls with its partner.
        if any(_converted(text, q, p) for p in present_qs):
            continue
        out.append(Detail("number", q.start, q.end, text[q.start:q.end].strip()))
    taken += [(q.start, q.end) for q in present_qs]
    # Possessive: a number glued to letters ("0.1A", "3.5km") is not read again as its first digits.
    for m in re.finditer(r"(?<![\w.])\d[\d,.]*+(?:st|nd|rd|th|s)?(?![\w])", text):
        s, e = m.start(), m.end()
        token = m.group().rstrip(".,")
        if any(a < s + len(token) and s < b for a, b in taken):
            continue
        number = float(re.match(r"[\d,]*\d(?:\.\d+)?", token).group().replace(",", ""))  # type: ignore[union-attr]
        if not vocab.has_value(number, 0, 0) and not _identifier_present(text, s, vocab):
            out.append(Detail("number", s, s + len(token), token))
    taken += [(d.start, d.end) for d in out]
    if vocab.calendar is not None:
        for s, e in absent_identifiers(text, vocab.calendar, taken):
            out.append(Detail("name", s, e, text[s:e]))
            taken.append((s, e))
    quoted = _quoted_spans(text)
    stated_start = stated_end = -1  # the last run whose every word the source states
    for run in _name_runs(text, taken):
        if _qualifies_place(text, run, stated_end, stated_start):
            continue
        covered = _acronym_covered(run, vocab)
        words = [(k, t, s, e) for k, (t, s, e) in enumerate(run) if t[0].isupper()]
        missing = []
        for n, (k, token, s, e) in enumerate(words):
            if k in covered or fold(token) in _MONTH_OF or fold(token) in _NOT_NAMES:
                continue
            roman = _roman(token)
            if roman is not None and vocab.has_value(float(roman), 0, 0):
                continue
            if vocab.has_word(token) or _joined_present(text, s, e, vocab):
                continue
            if token.isupper() and token in vocab.acronyms:
                continue
            initials = token.removesuffix("s")  # "NGOs"
            if len(initials) >= 2 and initials.isupper() and initials in vocab.initialisms:
                continue  # "NASA" for "National Aeronautics and Space Administration", "UN"
            missing.append((s, e))
        missing = _named_by_head(words, missing, vocab)
        missing = _named_by_plural(words, missing, vocab)
        if not missing:
            stated_start, stated_end = run[0][1], run[-1][2]
        for s, e in _merge(missing, text):
            if _lone_word_of_title(s, e, text, quoted, missing):
                continue
            out.append(Detail("name", s, e, text[s:e]))
    out.sort(key=lambda d: d.start)
    return out


def _named_by_head(words: list[tuple[int, str, int, int]], missing: list[tuple[int, int]],
                   vocab: Vocabulary) -> list[tuple[int, int]]:
    """Drop the absent words that only lead a name whose last word the source uses as a name
    ("Margaret Thatcher" against "Thatcher", "Noel Coward" against "Coward"): sources shorten a
    name to its family name or head after the first mention. Kept when the source writes another
    capitalised word right before that head ("Gutzon Borglum" against "Lincoln Borglum": another
    person), when the head itself is absent, or when a dropped word is a qualifier that makes
    another place or thing ("North Cardiff", "New York", "West Virginia")."""
    if len(words) < 2 or not missing:
        return missing
    _, head, hs, he = words[-1]
    folded = fold(head).removesuffix("'s")
    if (hs, he) in missing or folded not in vocab.names:
        return missing
    leading = [(s, e) for _, _, s, e in words[:-1]]
    if not all(m in leading for m in missing):
        return missing
    if any(fold(t) in _QUALIFIERS for _, t, s, e in words if (s, e) in missing):
        return missing
    own = {fold(t).removesuffix("'s") for _, t, _, _ in words}
    others = {p for p in vocab.preceding.get(folded, set()) if p not in own and p not in _STOP
              and p not in _NOT_NAMES}
    return missing if others else []


# Heads of a group of places that a name drops, putting its leading word in the plural
# ("the Falkland Islands" / "the Falklands", "the Rocky Mountains" / "the Rockies").
_PLURAL_HEADS = frozenset(["islands", "isles", "mountains"])


def _named_by_plural(words: list[tuple[int, str, int, int]], missing: list[tuple[int, int]],
                     vocab: Vocabulary) -> list[tuple[int, int]]:
    """Drop an absent head "Islands", "Isles" or "Mountains" when the source names the group by
    the word before it in the plural ("the Faeroes" for "the Faroe Islands", "the Canaries" for
    "the Canary Islands"); the source must write that plural, not only the word."""
    if len(words) < 2:
        return missing
    _, head, hs, he = words[-1]
    if (hs, he) not in missing or fold(head) not in _PLURAL_HEADS:
        return missing
    _, leading, ls, le = words[-2]
    if (ls, le) in missing or not vocab.has_plural(leading):
        return missing
    return [m for m in missing if m != (hs, he)]


def _qualifies_place(text: str, run: list[tuple[str, int, int]], stated_end: int, stated_start: int) -> bool:
    """A country written after a comma to locate the place the source names ("Lyon, France";
    the place's run, ``stated_start``–``stated_end``, has every word stated): the country is where
    that place is, not a detail of the claim (CLDR's names through Babel, evidence.places). Not
    in a list ("Germany, France and Spain": the place is itself a country, or the list goes on)."""
    if stated_end < 0 or not re.fullmatch(r",\s*", text[stated_end:run[0][1]]):
        return False
    if re.match(r",?\s+(?:and|or|&)\s+(?:the\s+)?[A-Z]|,\s*[A-Z]", text[run[-1][2]:]):
        return False
    from citecheck.evidence.places import country_named

    return (country_named(text[run[0][1]:run[-1][2]]) is not None
            and country_named(text[stated_start:stated_end]) is None)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[\"“][^\"“”]{3,200}[\"”]", text)]


def _lone_word_of_title(s: int, e: int, text: str, quoted: list[tuple[int, int]],
                        missing: list[tuple[int, int]]) -> bool:
    """A single absent word of a quoted title of four words or more whose other words the source
    has ("Master of Puppets Revisited"): the source names the work in another form."""
    for a, b in quoted:
        if a <= s and e <= b:
            words = _WORD_RE.findall(text[a:b])
            inside = [m for m in missing if a <= m[0] and m[1] <= b]
            return len(words) >= 4 and len(inside) == 1
    return False


def _ranges(text: str, quantities: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs of the claim's figures that make one range: joined by a dash or "to", or
    "between … and …"; the second carries the unit."""
    out = []
    ordered = sorted((q for q in quantities if not q.is_year), key=lambda q: q.start)
    for a, b in pairwise(ordered):
        between = text[a.end:b.start]
        if _RANGE_JOIN.fullmatch(between) or (
                re.fullmatch(r"\s+and\s+", between) and re.search(r"\bbetween\s+$", text[max(0, a.start - 9):a.start],
                                                                 re.IGNORECASE)):
            out.append((a, b))
    return out


def _range_present(text: str, lo: Quantity, hi: Quantity, vocab: Vocabulary,
                   tolerances: dict[str, tuple[float, float]]) -> bool:
    """Whether the source states the range lo–hi: both ends (the first with the second's scale:
    "3–5 million"), or, for a range of percentages or of large figures, a value inside it."""
    scale = 1.0
    digits = re.match(r"\d[\d,]*(?:\.\d+)?", hi.text.strip())
    if digits:
        written = float(digits.group().replace(",", ""))
        if written and hi.value / written >= 1000 and lo.value <= written:  # "3–5 million"
            scale = hi.value / written
    low, high = lo.value * scale, hi.value
    if low > high:
        return False
    percent = hi.unit == "%" or (hi.unit or "").lower() in ("percent", "per cent")
    if percent:
        if any(low <= v <= high for v in vocab.percents):
            return True
    elif low >= 1000 and any(low <= v <= high for v in vocab.values):
        return True
    scaled = Quantity(low, lo.text, lo.start, lo.end, hi.unit, lo.hedge, lo.is_year)
    return _quantity_present(scaled, vocab, tolerances) and _quantity_present(hi, vocab, tolerances)


def _converted(text: str, q: Quantity, partner: Quantity) -> bool:
    lo, hi = sorted((q, partner), key=lambda x: x.start)
    between = text[lo.end:hi.start]
    return len(between) <= 12 and "(" in between or (hi.start - lo.end <= 3 and text[hi.end:hi.end + 1] == ")")


def _joined_present(text: str, s: int, e: int, vocab: Vocabulary) -> bool:
    """"A.V. Club" → "avclub", "Mass Appeal" → "massappeal": the word written together with a neighbour."""
    before = re.search(r"([^\W\d_]+)[.\s-]{0,2}$", text[max(0, s - 30):s])
    after = re.match(r"[.\s-]{0,2}([^\W\d_]+)", text[e:e + 30])
    word = fold(text[s:e])
    joined = []
    if before:
        prev = re.findall(r"[^\W\d_]+", text[max(0, s - 30):s])
        joined.append(fold("".join(prev[-2:])) + word)
        joined.append(fold(before.group(1)) + word)
    if after:
        joined.append(word + fold(after.group(1)))
    return any(j in vocab.words for j in joined)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Adjacent absent words ("Lisandra Lafitta") become one detail."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and re.fullmatch(r"[\s.'’-]*", text[out[-1][1]:s]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
