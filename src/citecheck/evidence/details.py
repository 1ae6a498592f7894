"""Details a claim states that its source never does: figures, dates and names absent from the
*whole* source text.

Precision first: a detail is absent only when no spelling, inflection, abbreviation or number
format of it is in the source. So the source's vocabulary (:class:`Vocabulary`, built once per
source text) folds case, accents, apostrophes and British/American spellings; knows each word's
stem and the acronyms the source uses ("C.B.E.", "NASA"); and knows every number it states in
any format ("1,436", "1.4 million", "forty-five", "2nd", "second", "2018-11-10", "10/11/2018")
and every month it names ("Nov.", "November", "11/10").

A name is present when the source has the word, its stem, a derived form sharing all but its
last letters ("Canada" for "Canadian"), the word joined to its neighbour ("A.V. Club" for
"avclub"), or an acronym of the name run it stands in ("C.B.E." for "Commander of the Order of
the British Empire"). A quantity is present when the source states the same value (within
rounding, or the claim's hedge); a figure in parentheses right after another is taken for its
conversion ("355 feet (108 m)") and is present when its partner is. A date's year, month and day
are judged one by one, so "March 2006" against a source saying "2006" marks only "March".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from citecheck.claims.lexicon import same_referent_names
from citecheck.evidence.yearless import absent_identifiers, absent_yearless, source_calendar
from citecheck.model import DateMention, Quantity

__all__ = ["Detail", "Vocabulary", "absent_details", "american", "fold", "vocabulary"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_OF: dict[str, int] = {}
for _n, _m in enumerate(_MONTHS, 1):
    _MONTH_OF[_m] = _n
    _MONTH_OF[_m[:3]] = _n
_MONTH_OF["sept"] = 9

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
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7}
_STOP = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "is", "was", "are", "were", "be", "been", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "we", "our", "you", "your", "i", "my", "not", "no", "but", "if", "then", "than", "so", "also", "about", "after", "before", "over", "under", "into", "out", "up", "down", "off", "all", "any", "some", "more", "most", "such", "only", "own", "same", "very", "just", "can", "will", "would", "should", "could", "may", "might", "must", "shall", "do", "does", "did", "has", "have", "had"])
# Capitalised words that are not names (sentence openers, titles, days).
_NOT_NAMES = frozenset(["mr", "mrs", "ms", "dr", "prof", "sir", "st", "mt", "jr", "sr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "however", "although", "during", "while", "when", "where", "after", "before", "since", "until", "following", "later", "earlier", "meanwhile", "also", "in", "on", "at"])

_DEMONYM_END = re.compile(r"(?:ish|ese|ian|an|ic|i|ean|ine)\b")
# Demonyms and adjectives of places that no shared prefix links to their place (general table,
# keyed by stem; lower case = a word of the source, upper case = an acronym of the source).
_DEMONYM_PAIRS = {
    "french": ("france",), "spanish": ("spain",), "dutch": ("netherlands", "holland"), "welsh": ("wales",),
    "swiss": ("switzerland",), "danish": ("denmark",), "finnish": ("finland",), "polish": ("poland",),
    "turkish": ("turkey",), "greek": ("greece",), "irish": ("ireland",), "scottish": ("scotland",),
    "scots": ("scotland",), "english": ("england",), "filipino": ("philippines",), "thai": ("thailand",),
    "british": ("uk", "UK", "GB"), "american": ("US", "USA"), "briton": ("britain", "uk", "UK"),
}
_DEMONYMS: dict[str, tuple[str, ...]] = {}
# Words that, put before a name, name another place or thing (North Korea, New York, Old Trafford).
_QUALIFIERS = frozenset(["north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater",
                         "new", "old", "central", "inner", "outer", "little", "great", "middle", "mount",
                         "lake", "port", "fort", "saint", "san", "santa", "st"])

# Words that names write in full or abbreviated ("Saint Louis" / "St. Louis", "Warner Bros." /
# "Warner Brothers"): each full word and its abbreviations.
_ABBREVIATIONS = {"saint": ("st",), "saints": ("sts",), "mount": ("mt",), "fort": ("ft",), "brothers": ("bros",),
                  "company": ("co",), "corporation": ("corp",), "incorporated": ("inc",), "limited": ("ltd",),
                  "university": ("univ",), "doctor": ("dr",), "general": ("gen",), "junior": ("jr",),
                  "senior": ("sr",), "avenue": ("ave",), "street": ("st",), "international": ("intl",),
                  "association": ("assn", "assoc"), "department": ("dept",), "professor": ("prof",),
                  "versus": ("vs", "v")}
_ABBREVIATION_ALTS: dict[str, set[str]] = {}
for _full, _shorts in _ABBREVIATIONS.items():
    for _short in _shorts:
        _ABBREVIATION_ALTS.setdefault(_full, set()).add(_short)
        _ABBREVIATION_ALTS.setdefault(_short, set()).add(_full)
# Small words a name's initialism may skip or keep ("Department of Transportation": DT or DOT).
_INITIALISM_SMALL = frozenset(["of", "and", "the", "for", "in", "at", "on", "de", "du", "la"])

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUM_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(st|nd|rd|th|s)\b)?"
                     r"(?:\s*-?\s*(thousand|million|billion|trillion|lakh|crore|mn|mln|bn|tn|[kmb])\b)?",
                     re.IGNORECASE)
_ISO_DATE = re.compile(r"\b([12]\d{3})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")
_ACRONYM_RE = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][A-Za-z]*[A-Z]\b|\b[A-Z]{2,}s?\b")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_BRIT_AM = [(re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"),
            (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"), (re.compile(r"tre(s?)$"), r"ter\1"),
            (re.compile(r"ogue(s?)$"), r"og\1"), (re.compile(r"ence$"), "ense"),
            (re.compile(r"ll(ed|ing|er)$"), r"l\1"), (re.compile(r"mme(s?)$"), r"m\1")]


def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


_BRIT_ENDINGS = ("our", "ours", "ise", "ised", "ises", "ising", "isation", "yse", "ysed", "yses", "ysing",
                 "tre", "tres", "ogue", "ogues", "ence", "lled", "lling", "ller", "mme", "mmes")


def american(word: str) -> str:
    """The American spelling of a British one ("colour" → "color", "organise" → "organize")."""
    if not word.endswith(_BRIT_ENDINGS):
        return word
    for pattern, repl in _BRIT_AM:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


def _stem(word: str) -> str:
    from citecheck.evidence import stem

    stemmed = stem(american(word))
    if not _DEMONYMS:
        for key, alts in _DEMONYM_PAIRS.items():
            _DEMONYMS[stem(key)] = alts
            for alt in alts:
                if alt.islower():
                    _DEMONYMS.setdefault(stem(alt), (key,))
    return stemmed


def _roman(token: str) -> int | None:
    if len(token) < 2 or not _ROMAN.match(token):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(token, token[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


_MIDDLE_DOT = re.compile(r"(?<=\d)[·∙](?=\d)")
_THOUSANDS_SPACE = re.compile(r"(?<=\d)[\u00a0\u2009\u202f](?=\d{3}(?!\d))")


def _number_values(text: str) -> tuple[set[float], set[str]]:
    """Every number the text states (values, scaled by "million" etc.) and the digit strings."""
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
    for m in re.finditer(r"(?<![\w.])\.(\d+)", text):  # ".5", as the claim's quantities read it
        values.add(float("0." + m.group(1)))
    for m in _ISO_DATE.finditer(text):
        values.update(float(g) for g in m.groups())
    for m in _NUMERIC_DATE.finditer(text):
        a, b, y = (int(g) for g in m.groups())
        values.update({float(a), float(b), float(y if y > 99 else (1900 + y if y > 30 else 2000 + y))})
    return values, digits


@dataclass
class Vocabulary:
    """What one source text states, folded for lenient look-ups (see the module docstring)."""

    words: set[str]
    stems: set[str]
    sorted_words: list[str]
    acronyms: set[str]
    values: set[float]
    digits: set[str]
    months: set[int]
    # Folded words the source writes capitalised inside a sentence (names it uses), and for each
    # such word the capitalised words written right before it ("Lincoln" for "Borglum").
    names: set[str] = field(default_factory=set)
    preceding: dict[str, set[str]] = field(default_factory=dict)
    # Identifiers of letters and a number, folded and written together ("covid19" for "COVID-19",
    # "COVID19" and "COVID 19"; "f16" for "F-16").
    identifiers: set[str] = field(default_factory=set)
    # Days with their months and letter-digit names, in any form (evidence.yearless).
    calendar: Any = None
    # Values the source writes as a percentage ("12·4%", "30 percent"): what a claimed range of
    # percentages is compared with.
    percents: set[float] = field(default_factory=set)
    # Initials of the source's runs of capitalised words ("NASA" for "National Aeronautics and
    # Space Administration", "UCLA" for "University of California, Los Angeles").
    initialisms: set[str] = field(default_factory=set)

    def has_word(self, word: str) -> bool:
        w = fold(word).removesuffix("'s").strip("'")
        if not w:
            return True
        if w in self.words or american(w) in self.words or _stem(w) in self.stems:
            return True
        if 3 <= len(w) <= 5 and w.isalpha():
            # An abbreviation or short name: "Con" (Convention), "Corp", "Chris" (Christopher).
            i = bisect_left(self.sorted_words, w)
            if i < len(self.sorted_words) and self.sorted_words[i].startswith(w):
                return True
        if len(w) >= 5:
            # A spelling variant: "Faroe" / "Faeroes" (same first letter, close letters).
            from rapidfuzz import fuzz

            i = bisect_left(self.sorted_words, w[0])
            while i < len(self.sorted_words) and self.sorted_words[i][:1] == w[0]:
                other = self.sorted_words[i]
                if abs(len(other) - len(w)) <= 2 and fuzz.ratio(w, other) >= 83:
                    return True
                i += 1
        if len(w) >= 5:
            # A derived form sharing all but the last letters: Canada/Canadian, Australia/Australian;
            # a demonym may change up to three letters of its place's name when it carries a
            # demonym ending (Britain/British, Norway/Norwegian, Portugal/Portuguese).
            prefix = w[:4]
            i = bisect_left(self.sorted_words, prefix)
            while i < len(self.sorted_words) and self.sorted_words[i].startswith(prefix):
                other = self.sorted_words[i]
                common = len(_common_prefix(w, other))
                if abs(len(w) - len(other)) <= 3 and (
                        common >= min(len(w), len(other)) - 1
                        or (common >= min(len(w), len(other)) - 3 and _DEMONYM_END.search(w + " " + other))):
                    return True
                i += 1
        # A word of a name written in full or abbreviated (Saint/St., Brothers/Bros.).
        if any(alt in self.words for alt in _ABBREVIATION_ALTS.get(w, ())):
            return True
        # A demonym whose place is named otherwise (French/France, Dutch/Netherlands, American/U.S.).
        for alt in _DEMONYMS.get(_stem(w), ()):
            if (alt in self.words if alt.islower() else alt in self.acronyms):
                return True
        return False

    def has_value(self, value: float, low: float = -0.005, high: float = 0.005) -> bool:
        value = abs(value)  # the source's numbers are read without their sign: "-1" states 1
        if value == 0:
            return 0.0 in self.values
        lo, hi = sorted((value * (1 + low), value * (1 + high)))
        return any(lo <= v <= hi for v in self.values)


_WORD_NUMBER_RE = re.compile(
    r"\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|"
    r"eight|nine)\b)?|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)\b)(?:\s+(thousand|million|billion|trillion)\b)?")
_IDENTIFIER_RE = re.compile(r"(?<![\w-])([^\W\d_]+)[-‐–\s]?(\d+)\b")
_DURATION_RE = re.compile(r"\b(\d+(?:\.\d+)?|half a|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                          r"(decades?|centur(?:y|ies))\b")
_PERCENT_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
# Two figures that make one range: "10-20%", "3–5 million", "between 10 and 20 percent", "5 to 7 km".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*")


def _initialisms(text: str) -> set[str]:
    """The initials of every stretch (2–8 capitalised words) of the text's runs of capitalised
    words, small words skipped or kept ("Department of Transportation": "DT", "DOT"; "National
    Aeronautics and Space Administration": "NASA"); a run stops at any punctuation ("Smith, Jones
    Ltd" names no "SJL")."""
    out: set[str] = set()
    run: list[tuple[str, bool]] = []  # (initial, small word)

    def flush() -> None:
        while run and run[-1][1]:
            run.pop()
        for i in range(len(run)):
            if run[i][1]:
                continue
            caps = plain = ""
            for initial, small in run[i:]:
                plain += initial
                if not small:
                    caps += initial
                    if len(caps) > 8:
                        break
                    if len(caps) >= 2:
                        out.add(caps)
                        out.add(plain.upper())
        run.clear()

    last_end = 0
    for m in _WORD_RE.finditer(text):
        between = text[last_end:m.start()]
        word = m.group()
        small = word.lower() in _INITIALISM_SMALL
        if run and not re.fullmatch(r"[ \t]+", between):
            flush()
        if word[0].isupper() and not small:
            run.append((word[0], False))
        elif run and small:
            run.append((word[0], True))
        else:
            flush()
        last_end = m.end()
    flush()
    return out


def _percent_values(text: str) -> set[float]:
    text = _MIDDLE_DOT.sub(".", text)
    return {float(m.group(1)) for m in _PERCENT_RE.finditer(text)}


def _identifiers(text: str) -> set[str]:
    return {fold(m.group(1) + m.group(2)) for m in _IDENTIFIER_RE.finditer(text)}


def _identifier_present(text: str, s: int, vocab: Vocabulary) -> bool:
    """A number joined by a hyphen to the letters before it is part of an identifier
    ("COVID-19", "F-16"): present when the source writes that identifier in any form."""
    m = re.search(r"(?<!\w)([^\W\d_]+)[-‐–]$", text[max(0, s - 40):s])  # "F-16", "SARS-CoV-2"
    number = re.match(r"\d+", text[s:])
    return bool(m and number) and fold(m.group(1) + number.group()) in vocab.identifiers  # type: ignore[union-attr]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


_VOCAB_CACHE: OrderedDict[tuple[int, int], Vocabulary] = OrderedDict()


def vocabulary(text: str) -> Vocabulary:
    """The :class:`Vocabulary` of a source text (cached per text)."""
    key = (len(text), hash(text))
    hit = _VOCAB_CACHE.get(key)
    if hit is not None:
        _VOCAB_CACHE.move_to_end(key)
        return hit
    # Words are found in the text as written and folded one by one, as a claim's words are.
    words: set[str] = set()
    names: set[str] = set()
    preceding: dict[str, set[str]] = {}
    last: tuple[str, int] | None = None  # the previous word if capitalised, and where it ended
    for m in _WORD_RE.finditer(text):
        w = fold(m.group())
        words.add(w)
        if w.endswith("'s"):
            words.add(w[:-2])
        capital = m.group()[0].isupper()
        if capital:
            head = w.removesuffix("'s")
            if not re.search(r"[.!?:\n]\s*$|^\s*$", text[max(0, m.start() - 3):m.start()]):
                names.add(head)
            if last is not None and text[last[1]:m.start()] == " ":
                preceding.setdefault(head, set()).add(last[0])
        last = (w.removesuffix("'s"), m.end()) if capital else None
    values, digits = _number_values(text)
    for w in words:
        if w in _UNITS:
            values.add(float(_UNITS[w]))
        elif w in _ORDINALS:
            values.add(float(_ORDINALS[w]))
    for m in _WORD_NUMBER_RE.finditer(fold(text)):
        value = float(_UNITS[m.group(1) or m.group(3)] + (_UNITS[m.group(2)] if m.group(2) else 0))
        values.add(value)
        if m.group(4):  # "twenty-three million", "five thousand"
            values.add(value * _SCALES[m.group(4)])
    for m in _DURATION_RE.finditer(fold(text)):
        # "three decades" states 30 years; "half a century" 50.
        count = m.group(1)
        n = float(count) if count[0].isdigit() else 0.5 if count == "half a" else _UNITS.get(count, 1)
        values.add(n * (10 if m.group(2).startswith("decade") else 100))
    months = {n for w, n in _MONTH_OF.items() if w in words and w != "may"}
    if re.search(r"\bMay\b", text):
        months.add(5)
    for m in _ISO_DATE.finditer(text):
        if 1 <= int(m.group(2)) <= 12:
            months.add(int(m.group(2)))
    for m in _NUMERIC_DATE.finditer(text):
        months.update(int(g) for g in m.groups()[:2] if 1 <= int(g) <= 12)
    acronyms = {m.group().replace(".", "").removesuffix("s") for m in _ACRONYM_RE.finditer(text)}
    alias_words, alias_identifiers = same_referent_names(text)  # "SARS-CoV-2" states "COVID-19"
    words |= alias_words
    vocab = Vocabulary(words, {_stem(w) for w in words}, sorted(words), {a for a in acronyms if len(a) >= 2},
                       values, digits, months, names, preceding, _identifiers(text) | alias_identifiers, source_calendar(text),
                       _percent_values(text), _initialisms(text))
    _VOCAB_CACHE[key] = vocab
    if len(_VOCAB_CACHE) > 32:
        _VOCAB_CACHE.popitem(last=False)
    return vocab


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


def _quantity_present(q: Quantity, vocab: Vocabulary, tolerances: dict[str, tuple[float, float]]) -> bool:
    low, high = tolerances.get((q.hedge or "").lower(), (-0.005, 0.005))
    low, high = min(low, -0.005), max(high, 0.005)
    if high == float("inf"):
        high = 1e9
    if vocab.has_value(q.value, low, high):
        return True
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
    British Empire): the acronym's letters are the initials of words i..j in order, skipping at
    most one capitalised word per two letters and any small words."""
    covered: set[int] = set()
    caps = [(k, w[0].upper()) for k, (w, _, _) in enumerate(run) if w[0].isupper()]
    for acronym in vocab.acronyms:
        if len(acronym) < 2 or not acronym.isupper():
            continue
        for start in range(len(caps)):
            if caps[start][1] != acronym[0]:
                continue
            pos, skipped, matched = 1, 0, [caps[start][0]]
            for k, initial in caps[start + 1:]:
                if pos == len(acronym):
                    break
                if initial == acronym[pos]:
                    matched.append(k)
                    pos += 1
                else:
                    skipped += 1
            if pos == len(acronym) and skipped <= len(acronym) // 2:
                covered.update(range(matched[0], matched[-1] + 1))
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
    for m in re.finditer(r"(?<![\w.])\d[\d,.]*(?:st|nd|rd|th|s)?(?![\w])", text):
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
    for run in _name_runs(text, taken):
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
            if len(initials) >= 3 and initials.isupper() and initials in vocab.initialisms:
                continue  # "NASA" for "National Aeronautics and Space Administration"
            missing.append((s, e))
        missing = _named_by_head(words, missing, vocab)
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
