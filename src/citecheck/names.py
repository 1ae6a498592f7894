"""People's names as BibTeX writes them: split, parsed into a Person, folded for matching.

Used by the .bib loader (:mod:`citecheck.library`), the resolver, the marker grammars and the
reference-list parser, so a name is folded the same way wherever it is compared.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from citecheck.bibvalues import decode_latex
from citecheck.model import Person

__all__ = ["PARTICLES", "fold_name", "parse_person", "split_names", "strip_particles"]

PARTICLES = {
    "de", "da", "das", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von", "den",
    "ten", "ter", "zu", "bin", "ibn", "al", "el", "y", "st.", "mac",
}


@lru_cache(maxsize=65_536)
def fold_name(s: str) -> str:
    """A name folded for matching: braces, LaTeX accents, diacritics, case and spacing removed.

    Cached: a library names the same people again and again."""
    if "\\" in s or "{" in s:
        s = decode_latex(s)
    s = s.replace("{", "").replace("}", "")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    s = s.replace("’", "'").replace("‐", "-").replace("–", "-")
    return " ".join(s.casefold().split())


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``text`` on ``sep`` matches at brace depth 0."""
    parts: list[str] = []
    depth = 0
    last = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = sep.match(text, i)
            if m and m.end() > i:
                parts.append(text[last:i])
                last = i = m.end()
                continue
        i += 1
    parts.append(text[last:])
    return parts


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_COMMA = re.compile(r",")


def split_names(value: str) -> list[str]:
    """Split a raw (undecoded) author/editor list on `` and `` outside braces."""
    return [p.strip() for p in _split_top(value.strip(), _AND) if p.strip()]


def parse_person(raw: str) -> Person | None:
    """A Person from one raw BibTeX name: ``Last, First``, ``First Last`` or ``{Corporate}``."""
    raw = " ".join(raw.split())
    if not raw or raw.lower() == "others":
        return None
    if raw.startswith("{") and raw.endswith("}") and _balanced(raw[1:-1]):
        last = decode_latex(raw[1:-1])
        return Person(raw, last, fold_name(last))
    parts = [p.strip() for p in _split_top(raw, _COMMA)]
    if len(parts) > 1:
        last_raw = parts[0]
    else:
        words = _split_top(raw, re.compile(r"\s+"))
        # "First von Last": the surname starts at the first lower-case particle, else it is the last word
        start = len(words) - 1
        for i, w in enumerate(words[:-1]):
            bare = w.strip("{}")
            if i > 0 and bare[:1].islower():
                start = i
                break
        last_raw = " ".join(words[start:])
    last = decode_latex(last_raw)
    return Person(raw, last, fold_name(last))


def strip_particles(folded: str) -> str:
    """A folded surname without leading particles ("van gogh" -> "gogh")."""
    words = folded.split()
    while len(words) > 1 and words[0] in PARTICLES:
        words = words[1:]
    return " ".join(words)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
