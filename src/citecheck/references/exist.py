"""Does each .bib entry name a work that exists, as it says? One :class:`Outcome` per entry.

Order of questions for an entry:

1. a DOI (``doi``, a doi.org ``url``, ``eprint`` of type doi): Crossref and OpenAlex by DOI;
2. an arXiv id: OpenAlex by its DataCite DOI (``10.48550/arXiv.ID``);
3. an ISBN: Open Library ``/isbn/X.json`` (plus its search index for the authors' names);
4. otherwise, or when the identifier leads nowhere: bibliographic searches (Crossref
   ``query.bibliographic``, OpenAlex ``search``, and Open Library for books).

The verdict is ``identifier-mismatch`` only when the identifier's record is plainly another work
and no consulted index has a record of that identifier that matches the entry; indexes that
disagree, time out or answer 429 make the outcome ``unverified`` (reported as info), never a
mismatch: a false "fabricated" on a real reference is the worst outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from citecheck.model import Reference
from citecheck.references.clients import NOT_RECORDED, Answer, Indexes
from citecheck.references.identifiers import Identifier, identifiers
from citecheck.references.match import BOOK_TYPES, Comparison, Record, bib_pages, compare

Verdict = Literal["ok", "not-found", "identifier-mismatch", "metadata-mismatch", "unverified", "skipped"]
INDEX_NAMES = {"crossref": "Crossref", "openalex": "OpenAlex", "openlibrary": "Open Library"}
# Entry types the indexes cover well enough that "no record anywhere" means something.
SEARCHED_TYPES = {"article", "book", "inproceedings", "conference", "incollection", "inbook", "mvbook",
                  "collection", "proceedings", "phdthesis", "thesis", "report", "techreport"}
NOT_FOUND_TYPES = {"article", "book", "mvbook", "inproceedings", "conference"}


@dataclass
class Outcome:
    """What the indexes said about one entry."""

    ref: Reference
    verdict: Verdict
    record: Record | None = None  # the record compared against
    identifier: Identifier | None = None  # the identifier that led to it
    asked: list[str] = field(default_factory=list)  # "Crossref: https://…" per request made
    searched: str = ""  # what a bibliographic search looked for
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (field, entry, record)
    reason: str = ""
    fixes: dict[str, str] = field(default_factory=dict)  # field -> corrected value
    unanswered: list[str] = field(default_factory=list)  # why each index that gave no answer gave none

    @property
    def retracted(self) -> bool:
        return self.record is not None and self.record.retracted


def _note(outcome: Outcome, index: str, answer: Answer) -> None:
    shown = {"ok": "answered", "missing": "no such record", "unavailable": f"no answer ({answer.reason})"}
    outcome.asked.append(f"{INDEX_NAMES[index]}: {answer.url} — {shown[answer.status]}")
    if answer.status == "unavailable":
        outcome.unanswered.append(answer.reason)


def _unanswered_reason(outcome: Outcome) -> str:
    """Why an entry is unverified: indexes that failed to answer, or an offline run with nothing recorded."""
    if outcome.unanswered and all(reason == NOT_RECORDED for reason in outcome.unanswered):
        return ("offline, and no index answers were recorded for it: run online, or record them "
                "with `citecheck fetch ESSAYS --check-references --snapshots DIR`")
    return "some indexes did not answer"


def _fixes(ref: Reference, record: Record, differences: list[tuple[str, str, str]]) -> dict[str, str]:
    fixes: dict[str, str] = {}
    for name, _mine, theirs in differences:
        if name == "year" and record.year and record.index != "openlibrary":
            fixes["year"] = str(record.year)
        elif name == "pages" and record.pages:
            fixes["pages"] = bib_pages(record.pages)
        elif name == "volume" and record.volume:
            fixes["volume"] = record.volume
        elif name == "title" and record.full_title and record.index != "openlibrary":
            fixes["title"] = record.full_title
        elif name == "doi" and theirs:
            fixes["doi"] = theirs
    return fixes


def _confirmed(differences: list[tuple[str, str, str]], others: list[Comparison]) -> list[tuple[str, str, str]]:
    """Drop a field difference that another index's record of the same work does not share."""
    kept = []
    for diff in differences:
        if any(not any(d[0] == diff[0] for d in other.differences) for other in others):
            continue
        kept.append(diff)
    return kept


def _search(ref: Reference, indexes: Indexes, outcome: Outcome) -> tuple[Comparison | None, bool]:
    """Bibliographic searches; (best matching comparison, whether every index answered)."""
    outcome.searched = " ".join(ref.fields.get("title", "").split())
    calls: list[tuple[str, Callable[[Reference], tuple[Answer, list[Record]]]]] = [
        ("crossref", indexes.crossref_search), ("openalex", indexes.openalex_search)]
    if ref.entry_type in BOOK_TYPES or ref.fields.get("isbn"):
        calls.insert(0, ("openlibrary", indexes.openlibrary_search))
    all_answered = True
    best: Comparison | None = None
    for index, call in calls:
        answer, records = call(ref)
        _note(outcome, index, answer)
        if answer.status == "unavailable":
            all_answered = False
            continue
        for record in records:
            comparison = compare(ref, record)
            if comparison.matches and (best is None or comparison.title > best.title):
                best = comparison
        if best is not None and best.title >= 99 and best.authors:
            break  # a certain match: no need to ask the next index
    return best, all_answered


def _by_identifier(ref: Reference, ident: Identifier, indexes: Indexes,
                   outcome: Outcome) -> list[tuple[str, Answer, Record | None]]:
    if ident.kind == "doi":
        return [("crossref", *indexes.crossref_work(ident.value)),
                ("openalex", *indexes.openalex_work(ident.value))]
    if ident.kind == "arxiv":
        return [("openalex", *indexes.openalex_work(f"10.48550/arxiv.{ident.value}"))]
    return [("openlibrary", *indexes.openlibrary_isbn(ident.value))]


def check_reference(ref: Reference, indexes: Indexes) -> Outcome:
    """Ask the indexes about one entry and decide its verdict."""
    outcome = Outcome(ref, "ok")
    valid = [i for i in identifiers(ref) if i.problem is None and i.kind in ("doi", "arxiv", "isbn")]
    valid.sort(key=lambda i: ("doi", "arxiv", "isbn").index(i.kind))
    if valid:
        ident = valid[0]
        outcome.identifier = ident
        answers = _by_identifier(ref, ident, indexes, outcome)
        for index, answer, _record in answers:
            _note(outcome, index, answer)
        records = [(index, record) for index, answer, record in answers if record is not None]
        if records:
            return _judge_identifier(ref, ident, records, outcome)
        if any(answer.status == "unavailable" for _, answer, _ in answers):
            outcome.verdict, outcome.reason = "unverified", "the indexes did not answer for " + ident.value
            return outcome
        # No index knows the identifier: does the work exist under another one?
        best, answered = _search(ref, indexes, outcome)
        if best is not None:
            outcome.record = best.record
            if ident.kind == "isbn":
                # Open Library lacks many ISBNs; the work exists, so nothing is reported.
                outcome.verdict, outcome.reason = "ok", f"ISBN {ident.raw} is not in Open Library; found by search"
                return outcome
            theirs = best.record.doi if ident.kind == "doi" else ""
            outcome.differences = [(ident.field, ident.raw, theirs or f"(not {ident.raw})")]
            outcome.verdict = "metadata-mismatch"
            outcome.reason = f"{ident.kind.upper()} {ident.raw} is registered nowhere; the work was found by search"
            if theirs and ident.field == "doi":
                outcome.fixes = {"doi": theirs}
            return outcome
        if not answered:
            outcome.verdict, outcome.reason = "unverified", _unanswered_reason(outcome)
            return outcome
        if ident.kind == "isbn" and ref.entry_type not in NOT_FOUND_TYPES:
            outcome.verdict, outcome.reason = "skipped", "ISBN unknown to Open Library"
            return outcome
        outcome.verdict = "not-found"
        outcome.reason = f"{ident.kind.upper()} {ident.raw} is in no consulted index and no record matches the entry"
        return outcome
    if ref.entry_type not in SEARCHED_TYPES or not ref.fields.get("title", "").strip():
        outcome.verdict, outcome.reason = "skipped", f"@{ref.entry_type} entries are not looked up"
        return outcome
    best, answered = _search(ref, indexes, outcome)
    if best is None:
        if not answered:
            outcome.verdict, outcome.reason = "unverified", _unanswered_reason(outcome)
        elif ref.entry_type in NOT_FOUND_TYPES:
            outcome.verdict, outcome.reason = "not-found", "no record matches the entry"
        else:
            outcome.verdict, outcome.reason = "unverified", "no record matches, and these indexes cover this entry type thinly"
        return outcome
    outcome.record = best.record
    if best.authors:
        outcome.differences = [d for d in best.differences if d[0] in ("year", "volume", "pages")]
        if outcome.differences:
            outcome.verdict = "metadata-mismatch"
            outcome.fixes = _fixes(ref, best.record, outcome.differences)
    return outcome


def _judge_identifier(ref: Reference, ident: Identifier, records: list[tuple[str, Record]],
                      outcome: Outcome) -> Outcome:
    comparisons = [compare(ref, record) for _, record in records]
    primary = comparisons[0]
    outcome.record = primary.record
    retracted = next((c.record for c in comparisons if c.record.retracted), None)
    others_match = [c for c in comparisons[1:] if not c.other_work]
    if primary.other_work:
        if others_match:
            outcome.verdict = "unverified"
            outcome.reason = (f"the indexes disagree about {ident.value}: {INDEX_NAMES[primary.record.index]} "
                              f"names another work, {INDEX_NAMES[others_match[0].record.index]} this one")
            return outcome
        outcome.verdict = "identifier-mismatch"
        if retracted is not None and retracted is not primary.record:
            outcome.record.retracted, outcome.record.retraction = True, retracted.retraction
        return outcome
    if not primary.differences and any(c.other_work for c in comparisons[1:]):
        pass  # the second index is wrong about this identifier; the registration agency agrees with the entry
    differences = _confirmed(primary.differences, [c for c in comparisons[1:] if not c.other_work])
    if differences:
        outcome.verdict = "metadata-mismatch"
        outcome.differences = differences
        outcome.fixes = _fixes(ref, primary.record, differences)
    if retracted is not None:
        outcome.record.retracted, outcome.record.retraction = True, retracted.retraction
    return outcome


def check_references(refs: Iterable[Reference], indexes: Indexes, jobs: int = 4) -> list[Outcome]:
    """Outcomes for many entries, in order; entries are looked up ``jobs`` at a time."""
    items = list(refs)
    if jobs <= 1 or len(items) <= 1:
        return [check_reference(ref, indexes) for ref in items]
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="citecheck-refs") as pool:
        return list(pool.map(lambda ref: check_reference(ref, indexes), items))




def look_up(refs: Iterable[Reference], config: Any, fetcher: Any, *, record: bool = False) -> list[Outcome]:
    """Outcomes for the distinct entries among ``refs`` (by .bib and key), asked through ``fetcher``.

    With ``record`` the answers are written to the snapshot directory's ``references.json``.
    """
    from citecheck.references.clients import build_indexes

    unique: dict[tuple[str, str], Reference] = {}
    for ref in refs:
        unique.setdefault((ref.bib_path, ref.key), ref)
    indexes = build_indexes(config, fetcher, record=record)
    jobs = max(1, min(4, int(config.values.get("max-connections", 4))))
    outcomes = check_references(list(unique.values()), indexes, jobs=jobs)
    if record and indexes.records is not None:
        indexes.records.save()
    return outcomes


__all__ = ["INDEX_NAMES", "Outcome", "check_reference", "check_references", "look_up"]
