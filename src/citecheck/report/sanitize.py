"""Make every string of a report safe to print: no input can drive the terminal or forge a line.

Essays, libraries and fetched pages are untrusted. Their text reaches every output format
(messages, expected / found values, evidence passages, paths, code frames), and printed raw an
ESC or BEL sequence recolours, retitles or rewrites the reader's terminal, and a newline inside
``expected:`` starts a report line of the attacker's choosing. So before any formatter sees a
report, :func:`clean_report` returns a copy in which

* C0 control characters other than tab and newline, DEL, C1 controls, and the Unicode line /
  paragraph separators and bidirectional overrides are shown escaped (``\\x1b``, ``\\u202e``);
* for line-oriented formats, a newline inside a one-line field (a message, an expected or found
  value, evidence) is shown as ``⏎``, so the field stays on its own line. An essay's or library's
  own text (used for code frames) keeps its newlines: it is split into lines by the formatter.

JSON and SARIF keep newlines (their encoders escape them) but get the control-character escapes
too, since ``json.dumps(..., ensure_ascii=False)`` writes C1 controls raw.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from operator import is_not
from typing import Any

__all__ = ["clean_report", "clean_text"]

_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE_RE = re.compile("[\x00-\x08\n\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
NEWLINE_MARK = "⏎"
# Fields holding a whole file's text: their newlines are real line breaks (the formatter splits
# them into code-frame lines), so only the other control characters are escaped.
_MULTILINE_FIELDS = {"source"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch == "\n":
        return NEWLINE_MARK
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean_text(text: str, newlines: bool = False) -> str:
    """``text`` with control characters escaped; newlines become ``⏎`` unless ``newlines``."""
    pattern = _CONTROL_RE if newlines else _CONTROL_OR_NEWLINE_RE
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)


def clean_report(report: Any, line_oriented: bool = True) -> Any:
    """A copy of ``report`` whose every string is cleaned (see the module docstring).

    Objects with nothing to clean are shared, not copied, so a clean report costs one regex
    search per string.
    """
    return _Cleaner(line_oriented).clean(report, "")


# Values that are never cleaned, by exact type (a str or int subclass takes the general path).
_ATOMS = frozenset([type(None), bool, int, float])
# A dataclass type's field names, looked up once per type (dataclasses.fields per object was a
# quarter of a large report's cleaning).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


class _Cleaner:
    def __init__(self, line_oriented: bool) -> None:
        self.line_oriented = line_oriented
        self.memo: dict[int, Any] = {}
        self.open: set[int] = set()  # the containers being cleaned (outer to inner)

    def clean(self, value: Any, name: str) -> Any:
        if isinstance(value, str):
            keep_newlines = not self.line_oriented or name in _MULTILINE_FIELDS
            return clean_text(value, newlines=keep_newlines)
        if value is None or isinstance(value, (bool, int, float)):
            return value
        key = id(value)
        if key in self.memo:
            return self.memo[key]
        if key in self.open:
            return value  # a cycle (none expected) resolves to the original
        self.open.add(key)
        cleaned = self._clean_container(value, name)
        self.open.discard(key)
        if cleaned is not value:  # only copies are remembered (an object met twice gets one copy)
            self.memo[key] = cleaned
        return cleaned

    # The comprehensions below pass over a value with nothing to clean (an atom, or a plain str
    # without a control character or newline: the wider of the two patterns) without calling
    # ``clean``; anything else goes through ``clean``, which decides as before.
    def _clean_container(self, value: Any, name: str) -> Any:
        kind = type(value)
        search = _CONTROL_OR_NEWLINE_RE.search
        names = _FIELD_NAMES.get(kind)
        if names is None and kind is not list and dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
        if names is not None:
            olds = [getattr(value, n) for n in names]
            news = [v if type(v) in _ATOMS or (type(v) is str and not search(v)) else self.clean(v, n)
                    for v, n in zip(olds, names)]
            if not any(map(is_not, news, olds)):
                return value
            twin = copy.copy(value)
            for field_name, new, current in zip(names, news, olds):
                if new is not current:
                    object.__setattr__(twin, field_name, new)
            return twin
        if isinstance(value, (list, tuple)):
            # A finding (any item) with nothing to clean is passed over by one walk (:func:`_dirty`),
            # not taken apart field by field: 25,000 findings of one essay cost a walk each.
            items = [v if type(v) in _ATOMS or (type(v) is str and not search(v)) or not _dirty(v)
                     else self.clean(v, name) for v in value]
            if not any(map(is_not, items, value)):
                return value
            if isinstance(value, list):
                return items
            return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
        if isinstance(value, dict):
            pairs = [(self.clean(k, ""), self.clean(v, k if isinstance(k, str) else name)) for k, v in value.items()]
            if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items())):
                return value
            return dict(pairs)
        return value


# A list or dict longer than this is not walked by _dirty (it says yes): the cleaner takes it item
# by item, so no long list is walked twice.
_WALKED_ITEMS = 32


def _dirty(value: Any, depth: int = 0) -> bool:
    """Could cleaning change ``value``? False only when no string inside it holds a control
    character or a newline (so a newline where it is kept still says yes: the cleaner decides).
    Walks what :meth:`_Cleaner.clean` walks (lists, tuples, dicts, dataclasses' fields), without
    copying or remembering anything; past ``depth`` 50 (a cycle) or over a long list it says yes."""
    kind = type(value)
    if kind is str:
        return _CONTROL_OR_NEWLINE_RE.search(value) is not None
    if kind in _ATOMS:
        return False
    if depth > 50:
        return True
    search = _CONTROL_OR_NEWLINE_RE.search
    if kind is list:
        if len(value) > _WALKED_ITEMS:
            return True  # an essay's list of findings: the cleaner walks it, item by item
        for item in value:
            if type(item) not in _ATOMS and (search(item) if type(item) is str else _dirty(item, depth + 1)):
                return True
        return False
    if kind is dict:
        if len(value) > _WALKED_ITEMS:
            return True
        for key, item in value.items():
            if type(key) is not str or search(key) or (type(item) not in _ATOMS and (
                    search(item) if type(item) is str else _dirty(item, depth + 1))):
                return True
        return False
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if isinstance(value, str):
            return search(value) is not None
        if isinstance(value, (bool, int, float)):
            return False
        if isinstance(value, (list, tuple)):
            if len(value) > _WALKED_ITEMS:
                return True
            return any(type(item) not in _ATOMS and (search(item) if type(item) is str else _dirty(item, depth + 1))
                       for item in value)
        if isinstance(value, dict):
            if len(value) > _WALKED_ITEMS:
                return True
            return any(_dirty(key, depth + 1) or _dirty(item, depth + 1) for key, item in value.items())
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return False
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    for name in names:
        item = getattr(value, name)
        if type(item) not in _ATOMS and (search(item) if type(item) is str else _dirty(item, depth + 1)):
            return True
    return False
