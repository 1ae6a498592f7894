"""Terms: tokens, the light stemmer, stop words, figures and names of a text, and citation
markers blanked out of a claim."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["stem", "strip_citation_markers"]

_STOP_WORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "one", "may", "might", "must", "shall", "upon", "us", "among", "within", "without", "whose", "since", "although", "though", "yet", "however", "thus", "also", "still", "even", "ever", "many", "much", "whether", "via", "per"])

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_WORDS = frozenset(_MONTHS) | frozenset(m[:3] for m in _MONTHS) | {"sept"}

# Words (letters with inner apostrophes) and numbers ("1,436", "3.5"); a number's separators are
# dropped so "1,436" and "1436" meet.
_TOKEN_RE = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_RE = re.compile(r"\d[\d,.]*\d|\d")


def _canon_number(token: str) -> str:
    plain = token.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return plain
    return str(int(value)) if value.is_integer() else repr(value)


def _norm_token(token: str) -> str:
    if token[0].isdigit():
        return _canon_number(token)
    word = token.lower().replace("’", "'")
    word = word.removesuffix("'s")
    return word


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """A light English suffix stripper (plural, -ing, -ed, -ly, final e); digits pass through."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouslz":
        w = w[:-1]
    return w


@lru_cache(maxsize=262_144)
def _term(token: str) -> str:
    """A token's index term ("" for a stop word); tokens repeat, so this is cached."""
    word = _norm_token(token)
    if not word or word in _STOP_WORDS:
        return ""
    return stem(word)


def _terms(text: str) -> list[str]:
    """Index terms: stemmed tokens without stop words."""
    term = _term
    return [t for t in map(term, _TOKEN_RE.findall(text)) if t]


def _figures(text: str) -> set[str]:
    return {_canon_number(m.group()) for m in _NUMBER_RE.finditer(text)}


def _claim_names(text: str) -> dict[str, str]:
    """The claim's capitalised words (stemmed -> as written), as :func:`_names`, but without the
    sentence's first word ("Finishing each lap ...") and one-letter initials ("Mark T. Vande")."""
    out: dict[str, str] = {}
    for n, match in enumerate(_TOKEN_RE.finditer(text)):
        token = match.group()
        if n == 0 or len(token) < 2 or not token[0].isupper():
            continue
        word = _norm_token(token)
        if word not in _STOP_WORDS and word not in _MONTH_WORDS:
            out.setdefault(stem(word), token)
    return out


def _names(text: str) -> set[str]:
    """Capitalised words that are not stop words (a crude stand-in for named entities)."""
    return _token_names(_TOKEN_RE.findall(text))


def _token_names(tokens: list[str]) -> set[str]:
    """:func:`_names` of a text's tokens (``_TOKEN_RE.findall``)."""
    out = set()
    for token in tokens:
        if token[0].isupper():
            word = _norm_token(token)
            if word not in _STOP_WORDS and word not in _MONTH_WORDS:
                out.add(stem(word))
    return out


def _is_figure(token: str) -> bool:
    return any(ch.isdigit() for ch in token) or token.lower() in _MONTH_WORDS


# --------------------------------------------------------------------------- citation markers

_MARKER_RES = [
    re.compile(r"\[@[^\]]*\]"),  # pandoc [@key, p. 4]
    re.compile(r"(?<![\w@])@[A-Za-z][\w:.-]*\w(?:\s*\[[^\]]*\])?"),  # pandoc narrative @key [p. 4]
    re.compile(r"\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\[[^\]]*\]){0,2}\{[^}]*\}"),  # LaTeX \cite[p.~4]{key}
    re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*(?:,\s*p{1,2}\.\s*\d+)?\]"),  # numeric [1], [2-4]
    # (Freeze, 418), (Freeze 2009, p. 418), (Freeze, Russia 418), (p. 418), (see Smith 2001; Jones 1999)
    re.compile(r"\((?:see\s+|cf\.\s+|e\.g\.,?\s+)?(?:[A-Z][^\s(),;]*[\s,]+(?:[^\s(),;]+[\s,]+){0,5}?"
               r"(?:\d{4}[a-z]?|n\.d\.)?,?\s*(?:(?:p{1,2}\.|at)\s*)?\d[\d–\-]*"
               r"(?:;[^()]{0,80})?|p{1,2}\.\s*\d[\d–\-]*)\)"),
]


def strip_citation_markers(text: str) -> str:
    """The text with in-text citation markers blanked out by spaces (offsets are kept).

    "(Freeze, 418)", "(Freeze 2009, p. 418)", "[@key]", "@key [p. 4]", "\\cite{key}", "[3]".
    A bare "(1956)" is kept: it is more often a date in the claim than a citation.
    """
    for pattern in _MARKER_RES:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text
