"""The essay's own reference list ("Works Cited", "References", "Bibliography", "Sources") as a
library, and its cross-check against a .bib library when both exist.

The readers mark the entries of a trailing references section as ``references`` blocks (a
heading of any level, or a bold or plain line, opens it). Each entry is parsed with
:func:`citecheck.references.parse.parse_reference` into a Reference whose ``bib_path`` is the
essay and whose span is the entry's place in it, so findings about an entry point at its line.

DESIGN.md's library discovery still rules: with ``--bib``, front matter, config or a
``references.bib`` beside the essay, that library resolves the citations and the essay's list
is only cross-checked against it (``reference-list-mismatch`` when an entry's year or title
differs from the library's entry for the same work). With none of those, the essay's own list
is its library.
"""

from __future__ import annotations

import re

from citecheck.library import Library, fold_name
from citecheck.model import Block, Document, Finding, Reference
from citecheck.rules import make_finding

__all__ = ["cross_check", "essay_library", "reference_entries", "unused_entries"]

# Headings whose entries are notes, not works: footnote-style notes are read by citations.notes.
_NOTE_TITLES = {"notes", "endnotes", "footnotes"}


def reference_entries(doc: Document) -> list[tuple[str, int, int]]:
    """The essay's reference-list entries: (text, start, end) in ``doc.text``, in order."""
    out: list[tuple[str, int, int]] = []
    heading = ""
    for block in doc.blocks:
        if block.kind == "heading":
            heading = doc.text[block.start:block.end].strip().strip("*_#:").strip().casefold()
            continue
        if block.kind != "references" or heading in _NOTE_TITLES:
            continue
        out.extend(_entries_of(doc, block))
    return out


def _entries_of(doc: Document, block: Block) -> list[tuple[str, int, int]]:
    from citecheck.references.parse import split_entries  # the CRF and its patterns: only for a list

    chunk = doc.text[block.start:block.end]
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", chunk)]
    found = []
    entries = split_entries(chunk)
    for i, (text, line) in enumerate(entries):
        start = block.start + line_starts[line]
        end = block.start + line_starts[entries[i + 1][1]] if i + 1 < len(entries) else block.end
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        while start < end and doc.text[start].isspace():
            start += 1
        found.append((text, start, end))
    return found


def essay_library(doc: Document) -> Library:
    """The Library formed by the essay's own reference list (empty when it has none).

    Keys are family name + year ("whitcombe2019", then "whitcombe2019-2"); a numbered list also
    fills ``Library.numbers`` ([n] -> key), and an unnumbered entry takes its position.
    """
    library = Library()
    entries = reference_entries(doc)
    if not entries:
        return library
    from citecheck.references.parse import _NUMBER_RE, parse_reference

    seen: set[str] = set()
    ordinal = 0
    for text, start, end in entries:
        folded = fold_name(text)
        if folded in seen:
            continue
        seen.add(folded)
        span = doc.span(start, end)
        try:
            ref = parse_reference(text, path=doc.path, line=span.line)
        except ValueError:
            continue
        base, n = ref.key, 1
        while ref.key in library.references:
            n += 1
            ref.key = f"{base}-{n}"
        m = _NUMBER_RE.match(text)
        number = int(m.group(0).strip().strip("[].)")) if m else ordinal + 1
        ordinal = number
        library.numbers.setdefault(number, ref.key)
        library.add(ref, span)
    return library


def _title_words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", fold_name(text or "")))


# Words that carry no content in a title: an "and" for "&" or a dropped "The" is not a finding.
_TITLE_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with",
                         "from", "as", "into", "its", "s"}


def _content_words(title: str | None, main_only: bool = True) -> list[str]:
    """The content words of a title's main part (the subtitle after ":" or a dash dropped), folded."""
    main = re.split(r":|\s[\u2013\u2014-]\s|\u2014", title or "", maxsplit=1)[0] if main_only else title or ""
    return [w for w in re.findall(r"\w+", fold_name(main)) if w not in _TITLE_FUNCTION_WORDS]


def _changed_words(own: str | None, lib: str | None) -> tuple[list[str], list[str]] | None:
    """(the library's words, the list's words) where one title has content words in place of
    another's: "The Railway Age in the North" / "... in the South" -> (["north"], ["south"]).

    Only a substitution counts: words present on one side alone (a subtitle written without a
    colon, an edition) are how lists abbreviate titles, and parsing may leave a word or two over.
    """
    # A main title's word counts as changed only when the other title has it nowhere, subtitle
    # included: "A History" parsed from "Russia: A History" is not a new title.
    mine_all, theirs_all = _content_words(own, main_only=False), _content_words(lib, main_only=False)
    only_lib = [w for w in _content_words(lib) if w not in mine_all]
    only_own = [w for w in _content_words(own) if w not in theirs_all]
    if only_lib and only_own:
        return only_lib, only_own
    return None


def _similar(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 12 else 0.0) / 100


def _same_work(own: Reference, library: Library) -> tuple[Reference | None, bool]:
    """The library entry for the same work as ``own``, and whether it was matched by an identifier.

    By URL or DOI first; else by first author (or editor) family name, then by title; a name
    match with one entry of the same year and no title match is the same work with a changed title.
    """
    if own.url:
        hit = library.by_url(own.url)
        if hit is not None:
            return hit, True
    if own.doi:
        for ref in library.references.values():
            if (ref.doi or "").strip().lower() == own.doi.lower():
                return ref, True
    from citecheck.citations.resolve import name_candidates

    people = own.authors or own.editors
    if not people:
        return None, False
    candidates = name_candidates([people[0].family], library)
    if not candidates:
        return None, False
    if len(candidates) > 1:
        # Every author of the entry, in the same number: "Whitcombe and Moss" is not "Whitcombe".
        exact = [r for r in name_candidates([p.family for p in people], library)
                 if len(r.authors or r.editors) == len(people)]
        candidates = exact or candidates
    title = _title_words(own.title)
    scored = sorted(((_similar(title, _title_words(r.title)), r) for r in candidates), key=lambda x: -x[0])
    if scored and scored[0][0] >= 0.85:
        return scored[0][1], False
    if len(candidates) == 1:
        # One entry by these authors: the same work when the year agrees or the title is close
        # enough to be a variant (or unknown); then a differing year or title is the finding.
        only = candidates[0]
        if (own.year and only.year == own.year) or not title or \
                _similar(title, _title_words(only.title)) >= 0.6:
            return only, False
    return None, False


def cross_check(doc: Document, own: Library, library: Library) -> list[Finding]:
    """``reference-list-mismatch`` findings: an entry of the essay's list whose year or title
    differs from the library's entry for the same work."""
    findings: list[Finding] = []
    for key, ref in own.references.items():
        match, by_id = _same_work(ref, library)
        if match is None:
            continue
        span = own.span_of(key)
        evidence = [{"entry": match.key, "bib": match.bib_path, "line": match.line,
                     "reference_list_entry": ref.fields.get("raw", "")}]
        who = (ref.authors or ref.editors)[0].family if (ref.authors or ref.editors) else (ref.title or key)
        if ref.year and match.year and ref.year != match.year and ref.year != "n.d.":
            findings.append(make_finding(
                "reference-list-mismatch",
                f"the reference list gives {who} {ref.year}, but library entry {match.key} has {match.year}",
                doc.path, span, expected=f"year {match.year} (as in {match.key})", found=f"year {ref.year}",
                evidence=evidence, source=match.key))
        own_title, lib_title = _title_words(ref.title), _title_words(match.title)
        if own_title and lib_title and _similar(own_title, lib_title) < (0.6 if not by_id else 0.5):
            findings.append(make_finding(
                "reference-list-mismatch",
                f"the reference list gives the title of {who}'s work as \u201c{ref.title}\u201d, "
                f"but library entry {match.key} has \u201c{match.title}\u201d",
                doc.path, span, expected=f"title \u201c{match.title}\u201d", found=f"title \u201c{ref.title}\u201d",
                evidence=evidence, source=match.key))
        elif own_title and lib_title and (changed := _changed_words(ref.title, match.title)):
            expected_words, found_words = (" ".join(words) for words in changed)
            findings.append(make_finding(
                "reference-list-mismatch",
                f"the reference list gives the title of {who}'s work as \u201c{ref.title}\u201d, "
                f"but library entry {match.key} has \u201c{match.title}\u201d "
                f"(\u201c{found_words}\u201d for \u201c{expected_words}\u201d)",
                doc.path, span, expected=f"title word \u201c{expected_words}\u201d (\u201c{match.title}\u201d)",
                found=f"title word \u201c{found_words}\u201d (\u201c{ref.title}\u201d)",
                evidence=evidence, source=match.key))
    return findings


def unused_entries(own: Library, cited: set[str], path: str) -> list[Finding]:
    """``reference-unused`` for entries of the essay's own list that no citation resolves to."""
    findings = []
    for key, ref in own.references.items():
        if key in cited:
            continue
        findings.append(make_finding(
            "reference-unused", f"reference-list entry {key} is never cited", path, own.span_of(key),
            expected="a citation of " + key, found="none",
            evidence=[{"entry": key, "bib": path, "line": ref.line,
                       "reference_list_entry": ref.fields.get("raw", "")}], source=key))
    return findings
