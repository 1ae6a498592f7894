"""Counting work, never timing it: the lines of citecheck's own code that a call runs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import citecheck

SRC = str(Path(citecheck.__file__).resolve().parent)


def lines_run(work: Callable[[], Any]) -> int:
    """Lines of citecheck run by ``work()``."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    sys.settrace(lambda frame, event, arg: local if frame.f_code.co_filename.startswith(SRC) else None)
    try:
        work()
    finally:
        sys.settrace(None)
    return count
