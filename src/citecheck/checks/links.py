"""Link rules: link-malformed, link-dead, link-archived-only, link-drift, link-redirected, link-refused, and the
source-unreachable / source-unreadable findings of a web source.

Every message says which copy claims were checked against (the live page, or the archived
capture and its date). The rules read only the :class:`~citecheck.model.Source` the provider
built; nothing here fetches.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from citecheck.model import Finding, Source, Span
from citecheck.rules import make_finding

# partial_ratio scores (0-100) of the claim against each copy's normalised text.
DRIFT_FOUND = 85.0  # the archived copy holds the passage
DRIFT_MARGIN = 15.0  # ... and the live page is this much worse


def normalise(text: str) -> str:
    """Case-folded, accent-insensitive words separated by single spaces (quotes unified)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", re.sub(r"[^\w%$€£.,'\"-]+", " ", text)).strip()


def _day(stamp: str | None) -> str | None:
    if not stamp:
        return None
    digits = re.sub(r"[^0-9]", "", stamp)
    return f"{digits[0:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) >= 8 else stamp


def _copy_phrase(source: Source) -> str:
    """Which copy claims were verified against, in words."""
    if not source.available:
        return "its claims are unverifiable"
    if source.status in ("archived",) or (source.status in ("unreachable", "offline-miss") and source.archive_url):
        when = _day(source.archive_timestamp)
        return f"claims were verified against the archived copy{f' of {when}' if when else ''} ({source.archive_url})"
    if source.status == "snapshot":
        when = _day(source.fetched_at)
        return f"claims were verified against the snapshot of the live page{f' fetched {when}' if when else ''}"
    return "claims were verified against the live page"


def _evidence(source: Source, **extra: Any) -> list[dict[str, Any]]:
    item: dict[str, Any] = {"source": source.id, "url": source.url, "status": source.status}
    if source.archive_url:
        item["archive_url"] = source.archive_url
    if source.archive_timestamp:
        item["archive_date"] = _day(source.archive_timestamp)
    if source.fetched_at:
        item["fetched_at"] = source.fetched_at
    item.update({k: v for k, v in extra.items() if v is not None})
    return [item]


def drift_passage(claim_text: str, live_text: str, archive_text: str) -> tuple[float, float, str] | None:
    """(archive score, live score, archived passage) when the claim's passage left the live page.

    Scores are rapidfuzz ``partial_ratio`` of the normalised claim against each copy's normalised
    text: the archived copy must hold it (>= DRIFT_FOUND) and the live page must score at least
    DRIFT_MARGIN lower. Returns None otherwise (including when neither copy backs the claim).
    """
    from rapidfuzz import fuzz

    claim = normalise(claim_text)
    if len(claim) < 12:
        return None
    archived = normalise(archive_text)
    live = normalise(live_text)
    found = fuzz.partial_ratio_alignment(claim, archived)
    if found is None or found.score < DRIFT_FOUND:
        return None
    live_score = fuzz.partial_ratio(claim, live)
    if live_score > found.score - DRIFT_MARGIN:
        return None
    passage = archived[found.dest_start:found.dest_end]
    return found.score, live_score, passage


def check_link(
    source: Source,
    path: str,
    span: Span | None,
    claim_text: str | None = None,
    backing_passage_in_live: bool | None = None,
) -> list[Finding]:
    """Findings about the link behind ``source`` for a citation at ``span`` of ``path``.

    ``claim_text`` enables link-drift. ``backing_passage_in_live`` lets a caller that has already
    ranked passages (evidence) say whether the live page backs the claim; by default the rule
    compares the claim with both copies itself.
    """
    url = source.url or source.id
    findings: list[Finding] = []
    status = source.status

    def add(rule: str, message: str, **kw: Any) -> None:
        findings.append(make_finding(rule, message, path, span, source=source.id, **kw))

    if status == "refused":
        add("link-refused", f"{url} was not fetched: {source.reason or 'refused by the address guard'}",
            found=source.reason or None, evidence=_evidence(source))
        return findings
    if status == "malformed":
        add("link-malformed", f"{url} cannot be parsed ({source.reason or 'malformed URL'}), so it was not "
            "fetched and its claims are unverifiable; correct the URL", found=source.reason or None,
            evidence=_evidence(source))
        return findings
    if status == "dead":
        add("link-dead", f"{url} is dead ({source.reason or 'no answer'}) and no archived copy was found; "
            "its claims are unverifiable", found=source.reason or None, evidence=_evidence(source))
        return findings
    if status == "archived":
        when = _day(source.archive_timestamp)
        add("link-archived-only",
            f"{url} is gone ({source.reason or 'no answer'}); an archived copy"
            f"{f' of {when}' if when else ''} answers: {source.archive_url}; {_copy_phrase(source)}",
            expected=source.archive_url, found=source.reason or None, evidence=_evidence(source))
    elif status in ("unreachable", "offline-miss"):
        add("source-unreachable",
            f"{url} could not be fetched this run ({source.reason or 'no answer'}); {_copy_phrase(source)}",
            found=source.reason or None, evidence=_evidence(source))
        return findings
    if status in ("live", "snapshot", "archived", "file") and not source.available and source.reason:
        add("source-unreadable", f"{url} has no usable text ({source.reason}); its claims are unverifiable",
            found=source.reason, evidence=_evidence(source))
    if source.redirects and source.final_url and source.final_url.rstrip("/") != url.rstrip("/"):
        add("link-redirected", f"{url} redirects permanently to {source.final_url}; cite the final URL",
            expected=source.final_url, found=url, evidence=_evidence(source, redirects=list(source.redirects)))
    if status in ("live", "snapshot") and source.available and source.archive_text and claim_text:
        drift = _drift(source, path, span, claim_text, backing_passage_in_live)
        if drift is not None:
            findings.append(drift)
    return findings


def _drift(source: Source, path: str, span: Span | None, claim_text: str,
           backing_passage_in_live: bool | None) -> Finding | None:
    assert source.archive_text is not None
    url = source.url or source.id
    if backing_passage_in_live is True:
        return None
    found = drift_passage(claim_text, source.text, source.archive_text)
    if found is None and backing_passage_in_live is False:
        from rapidfuzz import fuzz

        claim, archived = normalise(claim_text), normalise(source.archive_text)
        hit = fuzz.partial_ratio_alignment(claim, archived)
        if hit is not None and hit.score >= DRIFT_FOUND:
            found = (hit.score, 0.0, archived[hit.dest_start:hit.dest_end])
    if found is None:
        return None
    archive_score, live_score, passage = found
    archived_on = _day(source.archive_timestamp) or "an unknown date"
    live_on = _day(source.fetched_at) or "this run"
    return make_finding(
        "link-drift",
        f"{url}: the archived copy of {archived_on} holds the passage backing this claim, but the live page "
        f"(fetched {live_on}) no longer does; claims were verified against the live page; "
        f"the capture is {source.archive_url}",
        path,
        span,
        expected=passage,
        found=None,
        source=source.id,
        evidence=_evidence(source, passage=passage, archive_score=round(archive_score, 1),
                           live_score=round(live_score, 1), live_date=live_on),
    )


__all__ = ["check_link", "drift_passage", "normalise"]
