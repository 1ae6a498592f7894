"""One long essay's claims extracted and verified by several processes (``--jobs N`` given one essay).

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

Extracting the claims (sentences, figures, dates, quotations, check-worthiness) is spread the
same way before that (:func:`extract`): the essay's blocks are independent, so consecutive runs
of them are turned into claims by forked workers, and this process numbers them in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from citecheck.model import Citation, Claim, Document, Finding

if TYPE_CHECKING:
    from citecheck.claims.scope import ClaimScope
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


# Characters of text an essay needs before its claims are extracted by several processes, the
# text this process extracts first itself (the modules and patterns that loads are then shared
# by the workers), and the least text a worker is given at once.
CHARS_TO_SPREAD = 100_000
WARM_CHARS = 20_000
MIN_PART_CHARS = 20_000


def extract(doc: Document, citations: list[Citation], jobs: int) -> list[Claim]:
    """The essay's claims as :func:`citecheck.claims.extract_claims` gives them, extracted by
    ``jobs`` processes when the essay is long (this process numbers them in order)."""
    from citecheck.claims.scope import ClaimScope, block_claims, extract_claims, number_claims
    from citecheck.runner import run_essays

    if jobs <= 1 or len(doc.text) < CHARS_TO_SPREAD:
        return extract_claims(doc, citations)
    scope = ClaimScope.of(doc, citations)
    parts = _block_parts(scope, jobs)
    first, stop = parts.pop(0)
    claims = block_claims(scope, first, stop)
    for found in run_essays(_extract_part, parts, scope, jobs=jobs):
        claims.extend(found)
    return number_claims(claims)


def _block_parts(scope: ClaimScope, jobs: int) -> list[tuple[int, int]]:
    """``(first, stop)`` runs of consecutive blocks: a first of about WARM_CHARS characters,
    then about PARTS_PER_JOB runs a job of the rest."""
    sizes = [max(0, b.end - b.start) for b in scope.blocks]
    size = max(MIN_PART_CHARS, -(-(sum(sizes) - WARM_CHARS) // (jobs * PARTS_PER_JOB)))
    parts: list[tuple[int, int]] = []
    first, held = 0, 0
    for i, chars in enumerate(sizes):
        held += chars
        if held >= (WARM_CHARS if not parts else size):
            parts.append((first, i + 1))
            first, held = i + 1, 0
    if first < len(sizes) or not parts:
        parts.append((first, len(sizes)))
    return parts


def _extract_part(part: tuple[int, int], scope: ClaimScope) -> list[Claim]:
    """In a worker: the claims of the blocks ``part`` covers, not yet numbered."""
    from citecheck.claims.scope import block_claims

    return block_claims(scope, *part)


__all__ = ["extract", "spread"]
