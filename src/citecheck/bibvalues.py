"""BibTeX field values: braces, quotes, numbers, macros and ``#`` joins, and LaTeX to Unicode.

bibtexparser's own value handling silently mishandles ``#`` joins, missing commas and undefined
macros, so :mod:`citecheck.library` hands each raw value to :func:`parse_value`, which reports
every problem (with its offset) for a located ``bib-syntax`` finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["MONTHS", "VERBATIM_FIELDS", "decode_field", "decode_latex", "parse_value"]

MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November",
    "dec": "December",
}
# Fields whose values are addresses or paths: never LaTeX-decoded.
VERBATIM_FIELDS = {"url", "doi", "file", "eprint", "pdf", "urlraw"}

_IDENT = re.compile(r"[^\s\"#%'(),={}]+")

_DECODER: Any = None


def decode_latex(text: str) -> str:
    """LaTeX to Unicode (``{\\"u}`` -> ü, ``--`` -> –), braces removed, spacing collapsed."""
    global _DECODER
    if not any(c in text for c in "\\{}~$-`'"):
        return " ".join(text.split())
    if _DECODER is None:
        from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

        _DECODER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)
    # In a .bib value a bare % is a literal, not a LaTeX comment.
    escaped = re.sub(r"(?<!\\)%", r"\\%", text)
    try:
        out = _DECODER.latex_to_text(escaped)
    except Exception:  # noqa: BLE001 - pylatexenc rejects some malformed input; keep the text readable
        out = text.replace("{", "").replace("}", "")
    out = out.replace("\xa0", " ")
    return " ".join(out.split())


@dataclass
class _Problem:
    message: str
    offset: int  # offset into the parsed text


def parse_value(
    raw: str, strings: dict[str, str], problems: list[_Problem], base: int = 0
) -> tuple[str, int]:
    """Interpret one field value: ``{...}``, ``"..."``, numbers, macros and ``#`` joins.

    Returns the raw (still LaTeX-encoded) value and the index where it ended; problems found
    are appended with offsets relative to ``raw`` plus ``base``.
    """
    out: list[str] = []
    i = 0
    n = len(raw)
    expect_part = True
    while i < n:
        ch = raw[i]
        if ch.isspace():
            i += 1
            continue
        if not expect_part:
            if ch == "#":
                expect_part = True
                i += 1
                continue
            break
        if ch in '{"':
            end = _closing(raw, i)
            if end < 0:
                problems.append(_Problem("unbalanced braces: a `{` is never closed" if ch == "{"
                                         else 'unbalanced quotes or braces in a "..." value', base + i))
                out.append(raw[i + 1:])
                return "".join(out), n
            out.append(raw[i + 1:end])
            i = end + 1
        elif ch.isdigit():
            m = re.compile(r"\d+").match(raw, i)
            assert m is not None
            out.append(m.group(0))
            i = m.end()
        else:
            m = _IDENT.match(raw, i)
            if not m:
                problems.append(_Problem(f"unexpected `{ch}` where a value should start", base + i))
                return "".join(out), i
            name = m.group(0)
            low = name.lower()
            if low in strings:
                out.append(strings[low])
            elif low in MONTHS:
                out.append(MONTHS[low])
            else:
                problems.append(_Problem(
                    f"undefined macro `{name}` (a bare word must be a month or an @string; "
                    f"put text in braces: {{{name}}})", base + i))
                out.append(name)
            i = m.end()
        expect_part = False
    if expect_part and out:
        problems.append(_Problem("`#` join with nothing after it", base + max(0, raw.rfind("#"))))
    return "".join(out), i


def _closing(text: str, start: int) -> int:
    """Where the ``{`` or ``"`` at ``start`` closes (braces nest inside either; a backslash escapes
    the next character), or -1: it never closes, or a ``"`` value closes a brace it never opened."""
    close = "}" if text[start] == "{" else '"'
    depth = 0
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == close and depth == 0:
            return i
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return -1
        i += 1
    return -1


def decode_field(name: str, value: str) -> str:
    """A field's display value: verbatim fields only lose outer spacing."""
    if name in VERBATIM_FIELDS:
        return " ".join(value.split())
    return decode_latex(value)
