"""quote-not-found / quote-altered: is each quotation of a claim in its cited source?

Matching (see :func:`citecheck.evidence.match_quotation`) ignores case, punctuation, curly vs
straight quotes, dashes and whitespace; an ellipsis (``...``, ``…``, ``[...]``) splits the
quotation into pieces that must occur in order; ``[sic]`` is dropped, ``[T]he`` reads "The", and
another ``[bracketed insertion]`` may stand for up to six source words. A quotation that matches
after these normalisations, or differs only in British/American spelling or by an initial
standing for its word, yields no finding.

Otherwise the closest window of the source is aligned word by word: a close one (similarity
>= ``evidence.QUOTE_ALTERED_SIMILARITY``) is ``quote-altered`` (an error when a content word,
number, year or month changed; a warning when only small words differ; a negation or an opposite
word also makes the claim contradicted), a distant one ``quote-not-found``. The finding's evidence holds
the closest passage, its location, score and deep link, and the word diff (``[-source-]
{+essay+}``).

Quotations of fewer than ``evidence.MIN_QUOTE_WORDS`` words are not checked: they are scare
quotes or single terms ("the 'enemy of the people'"), which a source may well not hold verbatim.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.evidence.passages import passage_evidence
from citecheck.model import Claim, Finding, Mismatch, Source, Span
from citecheck.rules import make_finding
from citecheck.verification import Verification, verify_claim

SpanOf = Callable[[int, int], Span | None]


def check_quotes(claim: Claim, source: Source, path: str, span_of: SpanOf, *,
                 verification: Verification | None = None) -> tuple[list[Finding], list[Mismatch]]:
    """Findings and Mismatches for the quotations of ``claim`` against ``source``.

    Reads the quotation matches of ``verification`` (:func:`citecheck.verification.verify_claim`
    for this pair; computed here when not given). ``span_of(start, end)`` turns offsets within
    ``claim.text`` into a Span of the essay. Returns nothing when the source has no text (the
    caller reports it as unverifiable).
    """
    findings: list[Finding] = []
    mismatches: list[Mismatch] = []
    if not source.available:
        return findings, mismatches
    if verification is None:
        verification = verify_claim(claim, source)
    for check in verification.quotes:
        quotation, match = check.quotation, check.match
        if check.rule is None:
            continue
        short = _short(quotation.text)
        where = f" ({match.passage.location})" if match.passage else ""
        if match.status == "altered":
            rule = "quote-altered"
            message = (f"quotation \"{short}\" differs from {source.id}{where}: {match.diff}")
        else:
            rule = "quote-not-found"
            message = f"quotation \"{short}\" is not in {source.id}"
            if match.passage is not None:
                message += f"; the closest passage{where} matches {match.score:.0%} of its words"
        finding = make_finding(
            rule, message, path, span_of(quotation.start, quotation.end),
            expected=match.source_text or None,
            found=quotation.text,
            evidence=[passage_evidence(match.passage, source, similarity=round(match.score, 4),
                                       diff=match.diff or None)],
            source=source.id,
        )
        if rule == "quote-altered" and not (match.content_changed or match.figures_changed or match.reversed):
            finding.severity = "warning"  # only small words differ ("the", "a", "of")
        findings.append(finding)
        mismatches.append(Mismatch("quote", claim.text, quotation.start, quotation.end,
                                   match.source_text, quotation.text, rule, match.passage))
    return findings, mismatches


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
