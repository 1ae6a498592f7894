"""What one source text states, folded for lenient look-ups: its :class:`Vocabulary`, built once
per source text, against which :mod:`citecheck.evidence.details` judges a claim's details.

Precision first: a detail is absent only when no spelling, inflection, abbreviation or number
format of it is in the source. So the vocabulary folds case, accents, apostrophes and
British/American spellings; knows each word's stem and the acronyms the source uses ("C.B.E.",
"NASA"); and knows every number it states in any format ("1,436", "1.4 million", "forty-five",
"2nd", "second", "twenty-first", "a million", "half a million", "two-thirds", "2018-11-10", "10/11/2018") and
every month it names ("Nov.", "November", "11/10"); the numbers are read by
:mod:`~citecheck.evidence.numbers`. Each part is read on first use.

A word is present (:meth:`Vocabulary.has_word`) when the source has the word, its stem, a derived
form sharing all but its last letters ("Canada" for "Canadian"), a spelling variant, the full or
abbreviated form ("Saint" / "St."), or the place of a demonym ("French" for "France"; any
country by its CLDR name or demonym, "Peru" for "Peruvian", through :mod:`~citecheck.evidence.places`).

One initialism rule, :func:`spelled_by`, serves the source's initialisms, an acronym covering a
claim's name (:mod:`~citecheck.evidence.details`) and :func:`abbreviates` (an agent named both
ways, :mod:`~citecheck.evidence.contrast_slots`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from citecheck.claims.lexicon import same_referent_names
from citecheck.evidence.numbers import (
    NUMBER_WORDS,
    percent_values,
    stated_months,
    stated_values,
    written_values,
)
from citecheck.evidence.yearless import SourceCalendar, source_calendar

__all__ = ["Vocabulary", "abbreviates", "american", "fold", "spelled_by", "vocabulary"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_OF: dict[str, int] = {}
for _n, _m in enumerate(_MONTHS, 1):
    _MONTH_OF[_m] = _n
    _MONTH_OF[_m[:3]] = _n
_MONTH_OF["sept"] = 9


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
_INITIALISM_SMALL = frozenset(["of", "and", "the", "for", "in", "at", "on", "de", "du", "la", "von", "van", "del",
                               "&"])

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ACRONYM_RE = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][A-Za-z]*[A-Z]\b|\b[A-Z]{2,}s?\b")
_BRIT_AM = [(re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"),
            (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"), (re.compile(r"tre(s?)$"), r"ter\1"),
            (re.compile(r"ogue(s?)$"), r"og\1"), (re.compile(r"ence$"), "ense"),
            (re.compile(r"ll(ed|ing|er)$"), r"l\1"), (re.compile(r"mme(s?)$"), r"m\1")]


def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    if text.isascii():
        return text.lower()  # no combining mark to drop
    # The combining marks deleted in one pass (each distinct character asked once, not each one).
    marks = {ord(ch): None for ch in set(text) if unicodedata.combining(ch)}
    return (text.translate(marks) if marks else text).lower()


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


@lru_cache(maxsize=65_536)
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


class Vocabulary:
    """What one source text states, folded for lenient look-ups (see the module docstring).

    Each part is read from the text the first time it is asked for, then kept (a claim with no
    figure never has the source's numbers read, one with no date its calendar); a part is the
    same whenever it is read. In real use each source is read by a claim or two, so the parts
    no claim asks for were most of a source's cost."""

    # The text's words, folded, with the words of names it states in other words ("SARS-CoV-2"
    # states "COVID-19"); their stems; the words sorted (for prefix look-ups).
    words: set[str]
    stems: set[str]
    sorted_words: list[str]
    # Acronyms as written, stops dropped ("CBE" for "C.B.E."); those in capitals with their letters.
    acronyms: set[str]
    acronym_letters: list[tuple[str, frozenset[str]]]
    # Every number the source states in any format (evidence.numbers), and its digit strings.
    values: set[float]
    digits: set[str]
    months: set[int]
    # Folded words the source writes capitalised inside a sentence (names it uses), and for each
    # such word the capitalised words written right before it ("Lincoln" for "Borglum").
    names: set[str]
    preceding: dict[str, set[str]]
    # Identifiers of letters and a number, folded and written together ("covid19" for "COVID-19",
    # "COVID19" and "COVID 19"; "f16" for "F-16").
    identifiers: set[str]
    # Days with their months and letter-digit names, in any form (evidence.yearless).
    calendar: SourceCalendar
    # Values the source writes as a percentage ("12·4%", "30 percent"): what a claimed range of
    # percentages is compared with.
    percents: set[float]
    # Initials of the source's runs of capitalised words ("NASA" for "National Aeronautics and
    # Space Administration", "UCLA" for "University of California, Los Angeles").
    initialisms: set[str]
    # For a plural noun (by its stem), how many things a list before it names ("the science
    # fiction and horror genres": 2 genres; "the French, German and Italian editions": 3).
    listed: dict[str, set[int]]

    def __init__(self, text: str) -> None:
        self.text = text  # the source text the parts are read from
        self._countries: set[str] | None = None

    def __getattr__(self, name: str) -> Any:
        # Only for a part not read yet: read it (with the parts read in the same pass) and keep it.
        reader = _READERS.get(name)
        if reader is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        reader(self)
        return self.__dict__[name]

    def countries(self) -> set[str]:
        """The countries the source names, by name, common alias or demonym (evidence.places)."""
        if self._countries is None:
            from citecheck.evidence.places import countries_in

            self._countries = {country for _, country in countries_in(self.text)}
        return self._countries

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
        # A country by its name or demonym, the source naming it either way (Peru / Peruvian),
        # as CLDR's names through Babel know them (evidence.places).
        # (Two or three capitals too: "UK" for "Britain".)
        if (len(w) >= 4 or (len(w) >= 2 and word.strip(".").replace(".", "").isupper())) and w.isalpha():
            from citecheck.evidence.places import country_named

            country = country_named(w)
            if country is not None and country in self.countries():
                return True
        return False

    def has_plural(self, word: str) -> bool:
        """Whether the source writes the word in the plural ("Falklands", "Rockies"), or a
        spelling variant of that plural ("Faeroes" for "Faroes"): the plural itself, not the word."""
        w = fold(word).removesuffix("'s")
        if len(w) < 3 or not w.isalpha():
            return False
        plurals = {w + "s", w + "es"} | ({w[:-1] + "ies"} if w.endswith("y") else set())
        if plurals & self.words:
            return True
        from rapidfuzz import fuzz

        i = bisect_left(self.sorted_words, w[0])
        while i < len(self.sorted_words) and self.sorted_words[i][:1] == w[0]:
            other = self.sorted_words[i]
            if other.endswith("s") and other not in (w, w + "'s") and any(
                    abs(len(other) - len(p)) <= 2 and fuzz.ratio(p, other) >= 83 for p in plurals):
                return True
            i += 1
        return False

    def has_value(self, value: float, low: float = -0.005, high: float = 0.005) -> bool:
        value = abs(value)  # the source's numbers are read without their sign: "-1" states 1
        if value == 0:
            return 0.0 in self.values
        lo, hi = sorted((value * (1 + low), value * (1 + high)))
        # The numbers written in digits first: most figures a claim gives are found there, and
        # then the numbers in words need not be read (values holds both).
        return any(lo <= v <= hi for v in self._written) or any(lo <= v <= hi for v in self.values)


_IDENTIFIER_RE = re.compile(r"(?<![\w-])([^\W\d_]+)[-‐–\s]?(\d+)\b")


def spelled_by(letters: str, words: list[str], *, skip: int = 0, whole: bool = False) -> list[tuple[int, int]]:
    """The stretches of ``words`` (first and last index) whose initials are ``letters`` in order:
    the initialism rule that :func:`_initialisms`, :func:`abbreviates` and
    ``details._acronym_covered`` share. A stretch starts and ends with a word that is not small;
    a small word inside ("of", "and", "the") may give its letter or be passed over ("Department
    of Transportation": DT or DOT); up to ``skip`` other words may be passed over ("C.B.E." for
    "Commander of the Order of the British Empire"). With ``whole``, the stretch is every word
    but small ones at the ends ("UN" is not "United Nations Children's Fund")."""
    if not letters or not words:
        return []
    small = [w.lower() in _INITIALISM_SMALL for w in words]
    initial = [w[0].upper() for w in words]
    big = [k for k, is_small in enumerate(small) if not is_small]
    if not big:
        return []
    starts = [big[0]] if whole else big

    def match(i: int, pos: int, skipped: int) -> int | None:
        # The index of the word giving the last letter, taking a word's letter before passing over it.
        if i >= len(words):
            return None
        last = pos == len(letters) - 1
        if initial[i] == letters[pos] and not (last and small[i]):
            if last:
                return i if not whole or i == big[-1] else None
            end = match(i + 1, pos + 1, skipped)
            if end is not None:
                return end
        if small[i]:
            return match(i + 1, pos, skipped)
        return match(i + 1, pos, skipped + 1) if skipped < skip else None

    out = []
    for start in starts:
        if initial[start] != letters[0]:
            continue
        end = start if len(letters) == 1 and (not whole or start == big[-1]) else (
            match(start + 1, 1, 0) if len(letters) > 1 else None)
        if end is not None:
            out.append((start, end))
    return out


def _leading_initialism(phrase: str) -> str:
    """The upper-case letters that open a phrase, articles aside ("the W.H.O. said" → "WHO")."""
    letters = ""
    for word in phrase.replace("-", " ").split():
        word = word.strip(".,;:()\"'“”’")
        if not letters and word.lower() in ("the", "a", "an"):
            continue
        if len(word.replace(".", "")) >= 2 and word.replace(".", "").isupper():
            letters += word.replace(".", "")
        else:
            break
    return letters


def abbreviates(one: str, other: str) -> bool:
    """Whether either phrase opens with the initialism of the name that opens the other ("UN" /
    "United Nations", "the DOT" / "Department of Transportation in May", "DOT" / "D.O.T."): its
    letters spell the other's name from its first word to where its run of capitalised words ends
    ("UN" is not "United Nations Children's Fund")."""
    for short, long in ((one, other), (other, one)):
        letters = _leading_initialism(short)
        if len(letters) < 2:
            continue
        if _leading_initialism(long) == letters:
            return True  # the same initialism, written with or without stops
        words = [w.strip(".,;:()\"'“”’") for w in long.replace("-", " ").split()]
        words = [w for w in words if w]
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        if sum(w.lower() not in _INITIALISM_SMALL for w in words) < 2:
            continue
        for first, last in spelled_by(letters, words):
            if first == 0 and (last == len(words) - 1 or not words[last + 1][:1].isupper()):
                return True
    return False


_BLANKS = re.compile(r"[ \t]+")


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
        word = m.group()
        if not run:
            # Most words are lower case and start nothing: only a capitalised word that is not
            # small opens a run (what the steps below do with an empty run).
            if word[0].isupper() and word.lower() not in _INITIALISM_SMALL:
                run.append((word[0], False))
                last_end = m.end()
            continue
        between = text[last_end:m.start()]
        small = word.lower() in _INITIALISM_SMALL
        if run and not _BLANKS.fullmatch(between):
            flush()
        if word[0].isupper() and not small:
            run.append((word[0], False))
        elif run and small:
            run.append((word[0], True))
        elif run:
            flush()  # (an empty run has nothing to flush)
        last_end = m.end()
    flush()
    return out


# Words that cannot be an item of a list of kinds ("the man and his sons" lists no two sons).
_NOT_ITEMS = frozenset(["a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that",
                        "these", "those", "other", "some", "many", "all", "both", "each", "every", "several",
                        "few", "no", "not", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with",
                        "from", "as", "is", "was", "are", "were", "be", "been", "has", "have", "had"])
_ITEM = r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2}"
_LISTED_RE = re.compile(rf"\b(?:[Tt]he|[Bb]oth)\s+({_ITEM}(?:,\s*{_ITEM})*,?\s+(?:and|or)\s+{_ITEM})\s+"
                        r"([a-z]{3,}s)\b")
_LIST_SPLIT = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def _listed(text: str) -> dict[str, set[int]]:
    """How many kinds a list names right before a plural noun, after "the" or "both" ("the
    east and west wings": 2 wings); a list whose items hold a determiner, pronoun, preposition
    or verb of being counts nothing ("the king and his sons")."""
    out: dict[str, set[int]] = {}
    for m in _LISTED_RE.finditer(text):
        noun = m.group(2)
        if noun.endswith("ss"):
            continue
        items = _LIST_SPLIT.split(m.group(1))
        if any(w.lower() in _NOT_ITEMS for item in items for w in item.split()):
            continue
        out.setdefault(_stem(noun), set()).add(len(items))
    return out


def _identifiers(text: str) -> set[str]:
    return {fold(m.group(1) + m.group(2)) for m in _IDENTIFIER_RE.finditer(text)}


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


_VOCAB_CACHE: OrderedDict[tuple[int, int], Vocabulary] = OrderedDict()
_AFTER_STOP = re.compile(r"[.!?:\n]\s*$|^\s*$")  # what comes before a word that opens a sentence


def vocabulary(text: str) -> Vocabulary:
    """The :class:`Vocabulary` of a source text (cached per text; its parts are read on first use)."""
    key = (len(text), hash(text))
    hit = _VOCAB_CACHE.get(key)
    if hit is not None:
        _VOCAB_CACHE.move_to_end(key)
        return hit
    vocab = Vocabulary(text)
    _VOCAB_CACHE[key] = vocab
    if len(_VOCAB_CACHE) > 32:
        _VOCAB_CACHE.popitem(last=False)
    return vocab


# The words a Vocabulary notes before the words of other names are added (numbers and months are
# read from the text's own words).
_PLAIN_KEYS = NUMBER_WORDS | frozenset(_MONTH_OF)


def _read_words(vocab: Vocabulary) -> None:
    """words (and what numbers and months read of them): each distinct word of the text folded."""
    text = vocab.text
    # Words are found in the text as written and folded one by one, as a claim's words are.
    words: set[str] = set()
    # Each word as written, once, in the order the text first has it (the set gets its words in
    # the order a pass over every word would add them), folded once however often it occurs.
    folded_words: dict[str, str] = {}
    for written in dict.fromkeys(_WORD_RE.findall(text)):
        w = folded_words[written] = fold(written)
        words.add(w)
        if w.endswith("'s"):
            words.add(w[:-2])
    parts = vocab.__dict__
    parts["_folded_words"] = folded_words
    parts["_plain"] = frozenset(w for w in _PLAIN_KEYS if w in words)
    alias_words, parts["_alias_identifiers"] = same_referent_names(text)  # "SARS-CoV-2" states "COVID-19"
    words |= alias_words
    parts["words"] = words


def _read_names(vocab: Vocabulary) -> None:
    """names and preceding: one pass over the text's capitalised words."""
    text = vocab.text
    folded_words = vocab._folded_words
    names: set[str] = set()
    preceding: dict[str, set[str]] = {}
    last: tuple[str, int] | None = None  # the previous word if capitalised, and where it ended
    for m in _WORD_RE.finditer(text):
        written = m.group()
        capital = written[0].isupper()
        if capital:
            w = folded_words[written]
            head = w.removesuffix("'s")
            if not _AFTER_STOP.search(text[max(0, m.start() - 3):m.start()]):
                names.add(head)
            if last is not None and text[last[1]:m.start()] == " ":
                preceding.setdefault(head, set()).add(last[0])
        last = (w.removesuffix("'s"), m.end()) if capital else None
    vocab.names, vocab.preceding = names, preceding


def _read_written(vocab: Vocabulary) -> None:
    vocab._written, vocab.digits = written_values(vocab.text)


def _read_numbers(vocab: Vocabulary) -> None:
    text = vocab.text
    vocab.values = stated_values(text, fold(text), vocab._plain, vocab._written)


def _read_months(vocab: Vocabulary) -> None:
    plain, text = vocab._plain, vocab.text
    months = {n for w, n in _MONTH_OF.items() if w in plain and w != "may"}
    if re.search(r"\bMay\b", text):
        months.add(5)
    vocab.months = months | stated_months(text)


def _read_acronyms(vocab: Vocabulary) -> None:
    acronyms = {m.group().replace(".", "").removesuffix("s") for m in _ACRONYM_RE.finditer(vocab.text)}
    vocab.acronyms = {a for a in acronyms if len(a) >= 2}


def _set(name: str, read: Callable[[Vocabulary], Any]) -> Callable[[Vocabulary], None]:
    def reader(vocab: Vocabulary) -> None:
        vocab.__dict__[name] = read(vocab)
    return reader


_READERS: dict[str, Callable[[Vocabulary], None]] = {
    "words": _read_words, "_plain": _read_words, "_alias_identifiers": _read_words, "_folded_words": _read_words,
    "names": _read_names, "preceding": _read_names,
    "stems": _set("stems", lambda v: {_stem(w) for w in v.words}),
    "sorted_words": _set("sorted_words", lambda v: sorted(v.words)),
    "_written": _read_written, "digits": _read_written, "values": _read_numbers,
    "months": _read_months,
    "acronyms": _read_acronyms,
    "acronym_letters": _set("acronym_letters", lambda v: [(a, frozenset(a)) for a in v.acronyms
                                                          if len(a) >= 2 and a.isupper()]),
    "identifiers": _set("identifiers", lambda v: _identifiers(v.text) | v._alias_identifiers),
    "calendar": _set("calendar", lambda v: source_calendar(v.text)),
    "percents": _set("percents", lambda v: percent_values(v.text)),
    "initialisms": _set("initialisms", lambda v: _initialisms(v.text)),
    "listed": _set("listed", lambda v: _listed(v.text)),
}
