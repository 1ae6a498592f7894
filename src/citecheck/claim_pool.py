"""One long essay's claims verified by several processes (``--jobs N`` given one essay).

Essays are the unit of :mod:`citecheck.runner`'s pool, so a single 2 MB essay used one core
whatever ``--jobs`` said. Here its claims are cut into consecutive parts that forked workers
check with :class:`~citecheck.findings.ClaimFlow` (inheriting the essay, its library and the
run: nothing is pickled on the way in), and the parts come back in order. Each claim comes back
with its verdict, reason, evidence and mismatches, which are set on the parent's Claim, and its
findings; a finding made once per essay (a link's, a work's "no text") is kept where its key is
first met in claim order, so the findings are those one process makes, in the same order.

Before the workers fork, this process gets every cited source and checks the first claims
itself: the modules, word frequencies and source indexes those load are then shared by the
workers (copy-on-write), not loaded by each. A Dask cluster is not used for this: its workers
would have to read and parse the essay again before checking a part of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from citecheck.model import Claim, Finding

if TYPE_CHECKING:
    from citecheck.findings import ClaimFlow

# Claims this process checks before the workers fork (what they load is then shared), and the
# parts a worker is given: a few per worker, so a slow part does not leave the others idle.
WARM_CLAIMS = 40
PARTS_PER_JOB = 8
MIN_PART = 50

Entries = list[tuple[tuple[str, ...] | None, list[Finding]]]


def spread(flow: ClaimFlow, claims: list[Claim], jobs: int) -> Iterator[tuple[int, Entries]]:
    """(claim index, its findings as :meth:`ClaimFlow.claim` gives them) for every claim, in
    order, with once-per-essay findings already left out where they are not the first; the
    claims' verdicts, reasons, evidence and mismatches are set as one process sets them."""
    from citecheck.runner import run_essays

    flow.sources(claims)
    seen: set[tuple[str, ...]] = set()

    def first_met(entries: Entries) -> Entries:
        kept: Entries = []
        for key, found in entries:
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            kept.append((key, found))
        return kept

    warm = min(len(claims), WARM_CLAIMS)
    for i in range(warm):
        yield i, first_met(flow.claim(claims[i]))
    size = max(MIN_PART, -(-(len(claims) - warm) // (jobs * PARTS_PER_JOB)))
    parts = [(a, min(a + size, len(claims))) for a in range(warm, len(claims), size)]
    for results in run_essays(_check_part, parts, (flow, claims), jobs=jobs):
        for i, state, entries in results:
            claim = claims[i]
            claim.verdict, claim.reason, claim.evidence, claim.mismatches = state
            for key, _ in entries:
                if key is not None and key[0] == "no-text":
                    flow.run.unverifiable_reported.add((key[1], key[2]))
            yield i, first_met(entries)


def _check_part(part: tuple[int, int], state: tuple[ClaimFlow, list[Claim]]) -> list[tuple[int, Any, Entries]]:
    """In a worker: the claims ``part`` covers, each with what the parent sets on it."""
    flow, claims = state
    out = []
    for i in range(*part):
        claim = claims[i]
        entries = flow.claim(claim)
        out.append((i, (claim.verdict, claim.reason, claim.evidence, claim.mismatches), entries))
    return out


__all__ = ["spread"]
