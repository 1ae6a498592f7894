"""JSON text laid out as ``json.dumps(data, indent=2, ensure_ascii=False)`` lays it out, faster.

Python's json module writes indented JSON with its pure-Python encoder (the C one only serves
``indent=None``), a generator per nesting level; the JSON and SARIF reports write every claim,
citation and finding that way. :func:`indented_json` writes the same bytes in one recursive
pass (strings through json's own C string encoder, numbers through ``int.__repr__`` and
``float.__repr__`` as json does), and hands anything it does not know to ``json.dumps`` itself,
so errors and odd types behave exactly as before.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) writes a string with
from typing import Any

__all__ = ["indented_json"]


class _Unknown(Exception):
    """A value json.dumps would have to judge (a type it may reject, or a custom one)."""


def indented_json(data: Any, depth: int = 0) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)`` with every line indented ``depth`` more
    spaces (JSON escapes a newline inside a string, so every newline is the layout's)."""
    out: list[str] = [" " * depth]
    try:
        _write(data, "\n" + " " * depth, out)
    except (_Unknown, RecursionError):  # json.dumps says what is wrong (a cycle: ValueError)
        pad = " " * depth
        return "\n".join(pad + line for line in json.dumps(data, indent=2, ensure_ascii=False).split("\n"))
    return "".join(out)


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    # json's order of tests for a dict key (json.encoder._make_iterencode)
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise _Unknown


def _write(value: Any, newline: str, out: list[str]) -> None:
    # json's order of tests for a value: str, None, True, False, int, float, list/tuple, dict
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator + encode_basestring(_key(key)) + ": ")
            _write(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    else:
        raise _Unknown
