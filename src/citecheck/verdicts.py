"""How the verdicts of a claim's sources combine into the claim's verdict (a leaf).

:mod:`citecheck.verification` decides each source's verdict; this module only combines them, so
an essay whose claims have no source text (nothing to verify) never imports ``evidence/``.
"""

from __future__ import annotations

__all__ = ["claim_verdict"]

# How a verdict ranks when a claim cites several sources (contradicted always wins).
_RANK = {"supported": 5, "partially_supported": 4, "contradicted": 3, "unsupported": 2}


def claim_verdict(outcomes: list[tuple[str, str]]) -> tuple[str, str] | None:
    """A claim's verdict and reason from its sources' ``(verdict, reason)`` outcomes, in citation
    order: the first contradiction wins; else the best verdict (supported > partially supported >
    unsupported > unverifiable), the first of equals. None when there are no outcomes."""
    if not outcomes:
        return None
    for outcome in outcomes:
        if outcome[0] == "contradicted":
            return outcome
    return max(outcomes, key=lambda o: _RANK.get(o[0], 0))
