"""Field-level precision, recall and F1 of reference-list parsing on AnyStyle's core.xml.

Data: ../shared/benchmarks/anystyle/core.xml (1,514 tagged reference strings; BSD-2-Clause,
Sylvester Keil). Only the held-out fifth (every 5th sequence, see bench/anystyle_data.py) is
scored; the CRF was trained on the other four fifths (bench/train_references.py).

For every held-out string, ``parse_reference`` gives the predicted Reference; the gold Reference
is built from the gold labels by the same post-processing (``reference_from_spans``), so the
table measures the labelling plus nothing that favours either side. A field counts as correct
when both values agree after folding (case, accents, punctuation and spacing ignored):

- first-author family: the first author's (or, with no author, editor's) family name;
- all authors: every author's family name, in order;
- title, container (journal, book or site), year, volume, pages, URL/DOI.

Comparison, identical for both sides: ``fold`` decomposes accents (NFKD) and drops them, folds
case, and keeps only the runs of word characters joined by single spaces, so quotation marks,
brackets, trailing full stops and hyphens never decide a match; the title is the first span
labelled title, trimmed by ``parse._title`` (a leading "In:", unbalanced brackets, surrounding
quotes and commas, a final full stop); the year is the first 4-digit year of the first date
span (or "n.d."), so "2008a" and "(2008)" are 2008. A field counts only when the folded values
are equal (no partial credit).

Precision = correct / strings where the parser gives the field; recall = correct / strings
where the gold has it. Baselines on the same strings: the first author's family name as the text
before the first comma; the year as the first 4-digit year in the string; title and container
from a split at full stops (the first sentence after the authors and the year is the title, the
next one, cut at its first comma, the container).

Last, the same fields on strings in student styles (MLA 9, APA 7, Chicago, Harvard, IEEE,
Vancouver) made from the facts in bench/references_data.py (bench/styled_references.py), scored
against those facts.

Usage: python bench/references.py [-v] [CORE_XML]   (-v: errors by kind, and sample errors)
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import anystyle_data

from citecheck.model import Reference
from citecheck.references.parse import _NUMBER_RE, parse_reference, reference_from_spans


def fold(value: str | None) -> str:
    if not value:
        return ""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", value.casefold()))


def _family(ref: Reference) -> str:
    people = ref.authors or ref.editors
    return fold(people[0].family) if people else ""


FIELDS: dict[str, Callable[[Reference], str]] = {
    "first-author family": _family,
    "all authors": lambda r: " | ".join(fold(p.family) for p in r.authors),
    "title": lambda r: fold(r.title),
    "year": lambda r: r.year or "",
    "container": lambda r: fold(r.container),
    "volume": lambda r: fold(r.volume),
    "pages": lambda r: fold(r.pages),
    "URL/DOI": lambda r: fold(r.doi or r.url),
}

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def baseline(text: str) -> dict[str, str]:
    body = _NUMBER_RE.sub("", text, count=1)
    first = body.split(",", 1)[0] if "," in body else ""
    year = _YEAR.search(body)
    sentences = [s.strip() for s in re.split(r"(?<![A-Z])\.\s+", body) if s.strip()]
    sentences = [s for s in sentences[1:] if not re.fullmatch(r"\(?\d{4}[a-z]?\)?\.?", s)]
    title = sentences[0] if sentences else ""
    container = sentences[1].split(",", 1)[0] if len(sentences) > 1 else ""
    return {"first-author family": fold(first.split()[0] if first.split() else ""),
            "year": year.group(1) if year else "", "title": fold(title), "container": fold(container)}


def error_kind(pred: str, gold: str) -> str:
    """How a predicted field value misses the gold one (both folded)."""
    if not pred:
        return "missing"
    if not gold:
        return "spurious"
    if pred.startswith(gold) or pred.endswith(gold):
        return "too long"
    if gold.startswith(pred) or gold.endswith(pred):
        return "too short"
    return "other"


def prf(pairs: list[tuple[str, str]]) -> tuple[float, float, float, int]:
    correct = sum(1 for p, g in pairs if p and p == g)
    predicted = sum(1 for p, _ in pairs if p)
    gold = sum(1 for _, g in pairs if g)
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, gold


KINDS = ("too long", "too short", "missing", "spurious", "other")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    path = Path(args[0]) if args else anystyle_data.DEFAULT
    if not path.is_file():
        print(f"skipped: {path} not found (the benchmarks folder is not beside the project)")
        return 0
    seqs = anystyle_data.load(path)
    parts = {"held-out": [s for s in seqs if anystyle_data.held_out(s)],
             "training": [s for s in seqs if not anystyle_data.held_out(s)]}
    for name, items in parts.items():
        started = time.perf_counter()
        pairs: dict[str, list[tuple[str, str]]] = {f: [] for f in FIELDS}
        base: dict[str, list[tuple[str, str]]] = {f: [] for f in ("first-author family", "year", "title",
                                                                   "container")}
        errors: list[str] = []
        for s in items:
            gold = reference_from_spans(s.text, s.text, s.fields, repair=False)
            pred = parse_reference(s.text)
            for field, get in FIELDS.items():
                pairs[field].append((get(pred), get(gold)))
                if verbose and name == "held-out" and field in ("title", "container") and get(pred) != get(gold):
                    errors.append(f"{field}: {get(pred)!r} vs gold {get(gold)!r}\n    {s.text}")
            b = baseline(s.text)
            for field, scored in base.items():
                scored.append((b[field], FIELDS[field](gold)))
        elapsed = time.perf_counter() - started
        label = "held out, never trained on" if name == "held-out" else "trained on: not a measure"
        print(f"\n{name} part ({len(items)} strings; {label}; {elapsed:.1f} s)\n")
        print("| field | gold | precision | recall | F1 | baseline F1 |")
        print("|---|---|---|---|---|---|")
        for field in FIELDS:
            p, r, f, g = prf(pairs[field])
            bf = f"{prf(base[field])[2]:.3f}" if field in base else ""
            print(f"| {field} | {g} | {p:.3f} | {r:.3f} | {f:.3f} | {bf} |")
        if verbose:
            print("\n| field | " + " | ".join(KINDS) + " |")
            print("|---" * (len(KINDS) + 1) + "|")
            for field in ("title", "container", "year"):
                kinds = [error_kind(p, g) for p, g in pairs[field] if p != g]
                print(f"| {field} | " + " | ".join(str(kinds.count(k)) for k in KINDS) + " |")
        for e in errors[:40]:
            print(e)
    student_styles()
    return 0


STUDENT_FIELDS = ("first-author family", "title", "year", "container", "volume", "pages")


def student_styles() -> None:
    """The parser on strings in student styles made from bench/references_data.py (never trained on):
    the gold side is the work's facts, folded as above."""
    import styled_references

    items = styled_references.styled_with_facts()
    started = time.perf_counter()
    pairs: dict[str, list[tuple[str, str]]] = {f: [] for f in STUDENT_FIELDS}
    by_style: dict[str, list[tuple[str, str]]] = {}
    for text, _, _, style, gold in items:
        pred = parse_reference(text)
        for field in STUDENT_FIELDS:
            pairs[field].append((FIELDS[field](pred), fold(gold.get(field))))
        by_style.setdefault(style, []).append((FIELDS["title"](pred), fold(gold["title"])))
    print(f"\nstudent styles ({len(items)} strings made from bench/references_data.py, two styles per work; "
          f"never trained on; {time.perf_counter() - started:.1f} s)\n")
    print("| field | gold | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    for field in STUDENT_FIELDS:
        p, r, f, g = prf(pairs[field])
        print(f"| {field} | {g} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print("\n| style | strings | title F1 |")
    print("|---|---|---|")
    for style in styled_references.STYLES:
        if style in by_style:
            print(f"| {style} | {len(by_style[style])} | {prf(by_style[style])[2]:.3f} |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
