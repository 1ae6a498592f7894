"""A finding's evidence in words, one line per item, for the human formats (text, junit, markdown, github).

Evidence items are dicts whose keys depend on the rule: a passage of a source (``passage``,
``source``, ``location``, ``deep_link``), a library entry (``bib``, ``line``, ``entry``), a
citation and why it did not resolve, a place searched (``text``)... Every item is shown: the
known keys in a fixed order, then any other key as ``key: value``, so a rule that adds evidence
is never silently left out of a format.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Shown first, in this order; ``passage`` / ``text`` and the bib location are handled apart.
_LEADING = ("source", "location", "status", "archive_url", "deep_link", "diff")
_SOURCE_EXTRAS = frozenset({"computed", "redirects"})
_HANDLED = frozenset({"passage", "text", "bib", "line", "entry", *_LEADING})


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    return " ".join(str(value).split())


# A claim's first passage is its best sentence or two (evidence.shown: a median of about 300
# characters on WiCE pages); longer passages are cut where a sentence ends, else between words.
TEXT_LIMIT = 400
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s| … ")


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` whole when it fits in ``limit`` characters, else cut at the last sentence end (or
    " … " join) that keeps at least half of it, else at the last space, and marked with "…"."""
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head) if m.end() <= limit]
    if ends and ends[-1] >= limit // 2:
        return text[:ends[-1]].rstrip(" …") + " …"
    space = head.rfind(" ")
    cut = space if space >= limit // 2 else limit
    return text[:cut].rstrip() + "…"


def evidence_text(item: dict[str, Any], text_limit: int = TEXT_LIMIT) -> str:
    """One evidence item as a line: ``“passage”; source: …; location: …`` or ``refs.bib:5 key; …``."""
    bits: list[str] = []
    text = item.get("passage") or item.get("text")
    if text:
        bits.append(f"“{clip(' '.join(str(text).split()), text_limit)}”")
    if item.get("bib") or item.get("entry"):
        where = str(item.get("bib") or "")
        if where and item.get("line"):
            where += f":{item['line']}"
        bits.append(" ".join(part for part in (where, str(item.get("entry") or "")) if part))
    bits.extend(f"{key}: {_value(item[key])}" for key in _LEADING if item.get(key))
    # A source's passage carries offsets and scores for machines; the words above are what a
    # reader needs. Any other item (library entry, citation, place searched) is shown whole.
    extra = _SOURCE_EXTRAS if "source" in item else None
    bits.extend(f"{key}: {_value(value)}" for key, value in item.items()
                if key not in _HANDLED and value not in (None, "", [], {}) and (extra is None or key in extra))
    return "; ".join(bits)


def evidence_lines(evidence: list[dict[str, Any]], limit: int | None = None,
                   text_limit: int = TEXT_LIMIT) -> list[str]:
    """The lines of a finding's evidence (the first ``limit`` items), empty items left out."""
    items = evidence if limit is None else evidence[:limit]
    return [line for line in (_item_text(item, text_limit) for item in items) if line]


def _item_text(item: dict[str, Any], text_limit: int) -> str:
    """:func:`evidence_text`, made once for items of equal content: the 25,000 findings of an
    essay of ``[1] [1] …`` carry 25,000 equal items (an item with a list or dict in it is made
    each time)."""
    try:
        # The types too: 1, 1.0 and True are equal keys but are written differently.
        return _text_of(tuple(item.items()), tuple(map(type, item)), tuple(map(type, item.values())), text_limit)
    except TypeError:  # a value that cannot be hashed
        return evidence_text(item, text_limit)


# Equal items come one after another (one essay's findings): a few entries do, and the cache holds
# each item's passage and line (1,024 of them were 1-2 MB kept for the whole run).
@lru_cache(maxsize=64)
def _text_of(pairs: tuple[tuple[Any, Any], ...], key_types: tuple[type, ...], value_types: tuple[type, ...],
             text_limit: int) -> str:
    return evidence_text(dict(pairs), text_limit)
