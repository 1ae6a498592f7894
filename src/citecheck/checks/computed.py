"""computed-mismatch: figures that can be derived from a cited work's full text.

First (and so far only) case: a word count. A claim such as "Khrushchev's speech ran to some
26,000 words" states a quantity counted in *words* about a speech, address, lecture, letter,
report or book. The work it means is found among the library entries:

1. a cited entry of that kind whose author the sentence names ("Khrushchev's speech");
2. else an entry of that kind only *named* in the sentence (author surname in the sentence);
3. else a cited entry of that kind.

An entry is "of that kind" when its entry type, ``type``, title, ``howpublished`` or ``note``
says speech / address / lecture / letter / report (or its entry type is book for "book").
Several candidates at the same step → abstain (ambiguous).

The work's words are counted only when its text is the whole work: ``Source.complete``, set
from the .bib field ``citecheck-fulltext = {true}``. A word is a whitespace-separated token
holding a letter or digit. The count is compared with the claim's hedge tolerance
(the run's :class:`citecheck.claims.Tolerances` through :func:`citecheck.claims.quantity_matches`).
When the work cannot be counted the check abstains and says why; it never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from citecheck import claims as _claims
from citecheck.claims import DEFAULT_TOLERANCES, Tolerances
from citecheck.model import Claim, Finding, Quantity, Reference, Source, Span
from citecheck.rules import make_finding

SpanOf = Callable[[int, int], Span | None]
HOW_COUNTED = "whitespace-separated tokens with letters or digits"

_CLAIM_KIND_RE = re.compile(r"\b(speech|address|lecture|letter|report|book)(?:es|s)?\b", re.IGNORECASE)
_ENTRY_KIND_RE = re.compile(r"\b(speech|address|lecture|letter|report)(?:es|s)?\b", re.IGNORECASE)
_BOOK_TYPES = frozenset({"book", "mvbook", "booklet"})
_KIND_FIELDS = ("type", "title", "howpublished", "note", "eventtitle", "titleaddon")


def count_words(text: str) -> int:
    """Whitespace-separated tokens that hold at least one letter or digit."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def check_computed(claim: Claim, doc_path: str, span_of: SpanOf, library_refs: dict[str, Reference],
                   cited_keys: list[str], get_source: Any,
                   tolerances: Tolerances = DEFAULT_TOLERANCES) -> tuple[list[Finding], list[str]]:
    """computed-mismatch findings for ``claim``, and the reasons it abstained.

    ``get_source`` gives a Reference's Source: a callable ``(Reference) -> Source | None``, or a
    provider object with ``for_reference(reference, bib_dir)``.
    """
    counted = [q for q in claim.quantities if q.unit and q.unit.lower() in ("word", "words")]
    if not counted:
        return [], []
    kinds = {m.group(1).lower() for m in _CLAIM_KIND_RE.finditer(claim.text)}
    if not kinds:
        return [], ["word count: the sentence names no speech, letter or book to count"]
    ref, why = _target(claim.text, kinds, library_refs, cited_keys)
    if ref is None:
        return [], [why]
    try:
        source = _fetch(get_source, ref)
    except Exception as exc:  # noqa: BLE001 -- a provider failure must not sink the run; abstain, say why
        return [], [f"{ref.key}: its text could not be loaded ({exc})"]
    if source is None or not source.available:
        return [], [f"{ref.key}: {_no_text_reason(ref, source)}"]
    if not source.complete:
        return [], [(f"{ref.key}: the text is not marked as the whole work "
                     f"(add citecheck-fulltext = {{true}} to the entry to count its words)")]
    total = count_words(source.text)
    where = Path(source.path).name if source.path else (source.final_url or source.url or source.id)
    findings = []
    for q in counted:
        if _claims.quantity_matches(q, float(total), tolerances):
            continue
        essay = _essay_figure(claim.text, q)
        counted_text = f"{total:,} words counted in {where} ({HOW_COUNTED})"
        # Imported on use: the evidence modules are a fifth of start-up.
        from citecheck.evidence.passages import passage_evidence

        findings.append(make_finding(
            "computed-mismatch",
            f"word count of {ref.key} differs: essay: {essay}; source: {counted_text}",
            doc_path, span_of(q.start, q.end),
            expected=f"{total:,} words", found=essay,
            evidence=[passage_evidence(None, source, computed=counted_text, words=total)],
            source=ref.key,
        ))
    return findings, []


def _essay_figure(text: str, q: Quantity) -> str:
    figure = text[q.start:q.end].strip() or q.text
    if q.hedge and q.hedge.lower() not in figure.lower():
        figure = f"{q.hedge} {figure}"
    if q.unit and q.unit.lower() not in figure.lower():
        figure = f"{figure} {q.unit}"
    return figure


def _entry_kinds(ref: Reference) -> set[str]:
    kinds = {m.group(1).lower() for m in _ENTRY_KIND_RE.finditer(ref.entry_type)}
    for name in _KIND_FIELDS:
        kinds |= {m.group(1).lower() for m in _ENTRY_KIND_RE.finditer(ref.fields.get(name, ""))}
    if ref.entry_type in _BOOK_TYPES:
        kinds.add("book")
    return kinds


def _named(text: str, ref: Reference) -> bool:
    from citecheck.library import fold_name

    folded = fold_name(text)
    people = ref.authors or ref.editors
    for person in people:
        surname = person.folded or fold_name(person.last)
        if surname and re.search(r"(?<!\w)" + re.escape(surname) + r"(?!\w)", folded):
            return True
    return False


def _target(text: str, kinds: set[str], refs: dict[str, Reference],
            cited: list[str]) -> tuple[Reference | None, str]:
    of_kind = [r for r in refs.values() if _entry_kinds(r) & kinds]
    cited_set = set(cited)
    steps = [
        [r for r in of_kind if r.key in cited_set and _named(text, r)],
        [r for r in of_kind if _named(text, r)],
        [r for r in of_kind if r.key in cited_set],
    ]
    what = "/".join(sorted(kinds))
    for step in steps:
        if len(step) == 1:
            return step[0], ""
        if len(step) > 1:
            keys = ", ".join(sorted(r.key for r in step))
            return None, f"word count: several entries could be the {what} meant ({keys})"
    return None, f"word count: no cited or named library entry is a {what}"


def _fetch(get_source: Any, ref: Reference) -> Source | None:
    if get_source is None:
        return None
    if hasattr(get_source, "for_reference"):
        return get_source.for_reference(ref, Path(ref.bib_path).parent)
    return get_source(ref)


def _no_text_reason(ref: Reference, source: Source | None) -> str:
    has_file = bool(ref.fields.get("file"))
    has_url = bool(ref.fields.get("url") or ref.fields.get("doi"))
    if source is not None and source.reason and has_file:
        return f"no full text ({source.reason})"
    if has_url and not has_file:
        return "no full text offline (the entry has a URL but no local file)"
    if has_file:
        return "no full text (its local file has no readable text)"
    return "no full text (the entry has no file or URL)"
