"""Rule families. Each module returns plain lists of Finding; none prints or fetches.

Checks turn the matches that :mod:`citecheck.verification` produced into findings; they do not
decide verdicts. ``make_finding`` lives in the leaf :mod:`citecheck.rules` (re-exported here).
"""

from __future__ import annotations

from citecheck.rules import make_finding

__all__ = ["make_finding"]
