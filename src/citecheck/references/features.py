"""Tokens and token features for the reference-string CRF (the shape of AnyStyle's features).

A token is a whitespace-separated word with its punctuation; its features describe the word
(lower-cased, stripped), its shape, its punctuation, numbers that look like years, pages or
volumes, a few keywords ("pp.", "In", "eds.", "vol.", "retrieved"), and where it stands: its
relative position in the string, whether it stands in parentheses and whether a year, an opening
quote or "In" came before it.
Word lists (given names, family names, places; bench/build_name_lists.py, from Faker under its
MIT licence) say whether a word is a known name or place, as AnyStyle's dictionaries do.
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

__all__ = ["Token", "given_name", "sequence_features", "tokenize"]

Token = tuple[str, int, int]  # text, start, end (offsets in the reference string)

_TOKEN_RE = re.compile(r"\S+")
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)[a-z]?(?!\d)")
_QUOTES_OPEN = "\"“‘«„'"
_QUOTES_CLOSE = "\"”’»'"
_KEYWORDS = {
    "pp": "pages", "p": "pages", "pages": "pages", "page": "pages", "s": "pages",
    "in": "in", "ed": "editor", "eds": "editor", "editor": "editor", "editors": "editor",
    "edited": "editor", "hrsg": "editor", "hg": "editor", "ed.": "editor", "trans": "translator",
    "translated": "translator", "vol": "volume", "vols": "volume", "volume": "volume", "no": "number",
    "nr": "number", "issue": "number", "iss": "number", "retrieved": "retrieved", "accessed": "retrieved",
    "available": "retrieved", "from": "from", "doi": "doi", "http": "url", "https": "url",
    "url": "url", "press": "publisher", "university": "publisher", "publishers": "publisher",
    "publishing": "publisher", "verlag": "publisher", "books": "publisher", "journal": "journal",
    "proceedings": "journal", "proc": "journal", "review": "journal", "conference": "journal",
    "symposium": "journal", "edn": "edition", "edition": "edition", "ed.,": "editor", "thesis": "genre",
    "dissertation": "genre", "report": "genre", "et": "etal", "al": "etal", "and": "and", "&": "and",
    "n.d": "date", "nd": "date", "forthcoming": "date", "press.": "publisher",
}
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "january", "february", "march", "april", "june", "july", "august", "september", "october",
           "november", "december", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
           "août", "septembre", "octobre", "novembre", "décembre", "spring", "summer", "fall", "autumn",
           "winter"}


_WORDLISTS = Path(__file__).with_name("wordlists.txt.gz")


@functools.lru_cache(maxsize=1)
def _wordlists() -> dict[str, str]:
    """word -> kinds ("given", "family", "place", joined by "+"), from Faker's lists (bench/build_name_lists.py)."""
    kinds: dict[str, set[str]] = {}
    with gzip.open(_WORDLISTS, "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, _, word = line.rstrip("\n").partition("\t")
            kinds.setdefault(word, set()).add(kind)
    return {word: "+".join(sorted(found)) for word, found in kinds.items()}


def given_name(word: str) -> bool:
    """Whether ``word`` is a given name of the word lists ("Raymond", "Jane"; "Engineering" is not)."""
    return "given" in _wordlists().get(word.strip(".,;:").lower(), "")


def tokenize(text: str) -> list[Token]:
    """The whitespace-separated tokens of a reference string, with offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZÀ-ÖØ-Þ]", "A", word)
    shape = re.sub(r"[a-zß-öø-ÿ]", "a", shape)
    shape = re.sub(r"\d", "0", shape)
    shape = re.sub(r"[^\W\d_]", "a", shape)  # other scripts' letters
    return re.sub(r"(.)\1+", r"\1\1", shape)  # runs collapsed to two


def _number_kind(core: str) -> str:
    if _YEAR_RE.fullmatch(core):
        return "year"
    if re.fullmatch(r"\d+\s*[-–—]+\s*\d+", core):
        return "range"
    if re.fullmatch(r"\d+\(\d+[-–/]?\d*\)", core):
        return "vol-issue"
    if re.fullmatch(r"\d{1,3}", core):
        return "small"
    if re.fullmatch(r"\d{4,}", core):
        return "large"
    if re.fullmatch(r"\d+(?:st|nd|rd|th|e|er)", core):
        return "ordinal"
    if re.search(r"\d", core):
        return "mixed"
    return "none"


def _class(word: str) -> str:
    """A coarse class of a token: initials, a number kind, all caps, capitalised, lower case, other."""
    core = word.strip(".,;:()[]{}\"“”‘’'«»?!*_")
    if not core:
        return "punct"
    if re.fullmatch(r"(?:[A-Z]\.-?){1,3}[,;:]?", word) or re.fullmatch(r"[A-Z]{1,2}[,.;]?", word):
        return "init"
    if core[0].isdigit():
        return "n-" + _number_kind(core)
    if core.isupper() and len(core) > 1:
        return "caps"
    if core[0].isupper():
        return "cap"
    if core[0].islower():
        return "low"
    return "other"


def _last(word: str) -> str:
    """The punctuation a token ends with ("" for none)."""
    m = re.search(r"[^\w]+$", word)
    return m.group(0)[-2:] if m else ""


def _word_features(word: str) -> list[str]:
    core = word.strip(".,;:()[]{}\"“”‘’'«»?!*_")
    lower = core.lower()
    feats = [
        "w=" + lower,
        "shape=" + _shape(word)[:8],
        "cshape=" + _shape(core)[:6],
        "first=" + (word[0] if not word[0].isalnum() else "a"),
        "last=" + (word[-1] if not word[-1].isalnum() else "a"),
        "num=" + _number_kind(core),
        "p3=" + lower[:3],
        "s3=" + lower[-3:],
        "len=" + str(min(len(core), 8)),
    ]
    if core[:1].isupper():
        feats.append("cap")
    if core.isupper() and len(core) > 1:
        feats.append("allcaps")
    if re.fullmatch(r"(?:[A-Z]\.-?){1,3}[,;]?", word) or re.fullmatch(r"[A-Z]{1,3}[,.]?", word):
        feats.append("initials")
    known = _wordlists().get(lower)
    if known:
        feats.append("dict=" + known)
    key = _KEYWORDS.get(lower) or _KEYWORDS.get(lower.rstrip("."))
    if key:
        feats.append("kw=" + key)
    if lower in _MONTHS or lower.rstrip(".") in _MONTHS:
        feats.append("month")
    if "http" in lower or "www." in lower:
        feats.append("url")
    if re.search(r"10\.\d{4,9}/", word) or lower.startswith("doi"):
        feats.append("doi")
    if _YEAR_RE.search(word):
        feats.append("hasyear")
    if word[:1] in _QUOTES_OPEN:
        feats.append("qopen")
    if word.rstrip(".,;:")[-1:] in _QUOTES_CLOSE:
        feats.append("qclose")
    if word.startswith(("(", "[")):
        feats.append("popen")
    if word.rstrip(".,;:").endswith((")", "]")):
        feats.append("pclose")
    if word.endswith(":"):
        feats.append("colon")
    return feats


def sequence_features(tokens: list[Token]) -> list[list[str]]:
    """One feature list per token: its own features, its neighbours' and its place in the string."""
    words = [t[0] for t in tokens]
    own = [_word_features(w) for w in words]
    n = len(words)
    out: list[list[str]] = []
    seen_year = False
    in_quote = False
    seen_in = False
    seen_colon = False
    sentence = 0  # how many tokens so far ended with a full stop (rough field count)
    depth = 0  # open parentheses / brackets before this token
    classes = [_class(w) for w in words]
    lasts = [_last(w) for w in words]
    for i, w in enumerate(words):
        feats = list(own[i])
        # A conjunction the linear model cannot form itself: what ends the previous token, with
        # what this one is and how it ends ("Ussery, VHDL:" opens a title; "Behrens, Rudolf:" ends names).
        prev_last = lasts[i - 1] if i else "^"
        feats.append(f"pl|c|l={prev_last}|{classes[i]}|{lasts[i]}")
        if depth > 0 or w.startswith(("(", "[")):
            feats.append("in-paren")
        feats.append(f"pos={min(9, i * 10 // max(n, 1))}")
        feats.append(f"idx={min(i, 6)}")
        if i == n - 1:
            feats.append("final")
        if seen_year:
            feats.append("after-year")
        if w[:1] in _QUOTES_OPEN and not in_quote:
            in_quote = True
        if in_quote:
            feats.append("in-quote")
        if seen_in:
            feats.append("after-in")
        if seen_colon:
            feats.append("after-colon")
        feats.append(f"period={min(sentence, 5)}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                for f in own[j]:
                    if f.startswith(("w=", "shape=", "num=", "kw=", "last=", "dict=")) or f in ("cap", "initials",
                                                                                      "qopen", "qclose",
                                                                                      "hasyear"):
                        feats.append(f"{off}:{f}")
            else:
                feats.append(f"{off}:none")
        out.append(feats)
        if _YEAR_RE.search(w):
            seen_year = True
        if in_quote and w.rstrip(".,;:")[-1:] in _QUOTES_CLOSE and not (len(w) == 1 and w[:1] in _QUOTES_OPEN):
            in_quote = False
        if w.lower().strip(".,:") == "in" and i > 0:
            seen_in = True
        if w.endswith(":"):
            seen_colon = True
        depth = max(0, depth + w.count("(") + w.count("[") - w.count(")") - w.count("]"))
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.-?){1,3}", w):
            sentence += 1
    return out
