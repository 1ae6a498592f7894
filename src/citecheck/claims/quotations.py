"""Quotations: text in curly or straight quotes, apostrophes told apart from quote marks."""

from __future__ import annotations

import re

from citecheck.model import Quotation

__all__ = ["MIN_CHECKABLE_QUOTE_WORDS", "extract_quotations"]

MIN_CHECKABLE_QUOTE_WORDS = 3

_OPEN_CONTEXT = set(" \t\n\r([{—–-/“‘\"'") | {"\u00a0"}
_CLOSE_CONTEXT = set(" \t\n\r)]}.,;:!?—–-…”’\"'") | {"\u00a0"}
# The marks _pair reads (it passes over every other character): found by re, not a Python loop.
_MARKS = {marks: re.compile("[" + re.escape("".join(marks)) + "]") for marks in (("“", "”", '"'), ("‘", "’", "'"))}


def extract_quotations(text: str) -> list[Quotation]:
    """Quoted passages in ``text`` (without the marks); offsets index ``text``.

    Double quotes (curly and straight) are paired first; single quotes only outside them, and
    only where the mark cannot be an apostrophe.  An unclosed quotation is not returned.
    """
    found: list[Quotation] = []
    doubles = _pair(text, "“", "”", '"', max_len=5000)
    for a, b in doubles:
        found.append(Quotation(text[a:b], a, b))
    singles = _pair(text, "‘", "’", "'", max_len=2000, skip=doubles)
    for a, b in singles:
        found.append(Quotation(text[a:b], a, b))
    found = [q for q in found if q.text.strip()]
    found.sort(key=lambda q: q.start)
    return found


def _pair(text: str, open_mark: str, close_mark: str, straight: str, *, max_len: int,
          skip: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Content ranges between matching quote marks."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    skip = skip or []
    skip_i = 0
    n = len(text)
    single = open_mark == "‘"
    for mark in _MARKS[open_mark, close_mark, straight].finditer(text):
        i, ch = mark.start(), mark.group()
        while skip_i < len(skip) and skip[skip_i][1] < i:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] <= i < skip[skip_i][1]:
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        can_open = (prev in _OPEN_CONTEXT or (ch == open_mark and not prev.isalnum())) and not nxt.isspace()
        can_close = (nxt in _CLOSE_CONTEXT or (ch == close_mark and not nxt.isalnum())) and not prev.isspace()
        if single:
            # An apostrophe between letters/digits (Stalin’s, 1950’s, don't) is never a quote mark.
            if prev.isalnum() and nxt.isalnum():
                continue
            if ch == open_mark:
                can_close = False
        if ch == open_mark and not single:
            can_close = False
        if ch == close_mark and ch != straight and not single:
            can_open = False
        if open_at is None:
            if can_open and ch != close_mark:
                open_at = i + 1
            continue
        if i - open_at > max_len:
            open_at = i + 1 if can_open and ch != close_mark else None
            continue
        if can_close and ch != open_mark:
            if i > open_at:
                out.append((open_at, i))
            open_at = None
        elif can_open and ch == open_mark:
            open_at = i + 1  # an unclosed quotation before: start again here
        elif single and ch == close_mark and prev.isalnum() and nxt.isspace():
            # "delegates’ votes" inside an open single quote: a possessive, keep looking.
            continue
    return out
