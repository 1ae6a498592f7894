"""Precision and recall of in-text citation marker detection on GROBID's tagged full texts.

Data: ../shared/benchmarks/grobid-citations/fulltext-corpus/tei/*.xml, whose bibliographical
reference markers are tagged ``<ref type="biblio">`` (``bibr`` in other GROBID versions).
The TEI is flattened to plain text (``<lb/>`` -> space, block ends -> blank line) keeping the
gold spans; ``find_citations`` runs on a plain-text Document; a gold marker is found when a
predicted citation overlaps it, and a predicted marker is correct when it overlaps a gold one.

Gold markers are sorted into styles by their text and surroundings:
- ``numeric [n]``   — digits inside square brackets (in scope);
- ``author-date``   — markers with letters: "(Lind et al., 2019)", "Gezari et al. 1993" (in scope);
- ``numeric (n)``   — digits in parentheses (out of scope: "(1)" is list numbering for citecheck);
- ``numeric bare``  — superscript-style bare numbers (out of scope: no marker in plain text).

Author-date misses are also counted by cause where the cause is a PDF text artefact that an
essay does not have: names lower-cased by the extraction ("(aoaC, 2005)", "(Vargo & lusch, 2008)")
and words split by a line-break hyphen ("(Bas- tian et al. 1998)"). They stay in the table.

Usage: python bench/markers.py [-v | --all] [--groups] [TEI_DIR]
(-v prints sample misses and false alarms; --all prints every one of them)

``--groups`` gives every paper a library of common group authors (GROUP_AUTHORS below: WHO, CDC,
NASA...), each with an entry for every year from 1950 to 2025: the worst case for the markers
read only with a library ("WHO (2019)", "(Centers for Disease Control and Prevention, 2020)",
"(WHO, 2019)"), whose year must match an entry. The TEI texts carry no reference list, so
without it those markers are never read and cannot lower precision; with it, every new
predicted marker that no gold marker overlaps is a false alarm the group grammar causes.
"""

from __future__ import annotations

import html
import re
import sys
import time
from collections import Counter
from pathlib import Path

from citecheck.citations import find_citations
from citecheck.model import Block, Document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "grobid-citations" / "fulltext-corpus" / "tei"
TOKEN = re.compile(r"<(/?)([A-Za-z]+)([^>]*?)(/?)>|([^<]+)")
STYLES = ["numeric [n]", "author-date", "numeric (n)", "numeric bare"]
IN_SCOPE = {"numeric [n]", "author-date"}
# Lower-case words that may stand in an author-date marker without being a lower-cased name.
LOWER_OK = {"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "ten", "ter",
            "dos", "das", "des", "et", "al", "and", "see", "also", "cf", "eg", "in", "prep", "press",
            "priv", "pers", "comm", "personal", "communication", "for", "the", "of", "p", "pp", "nd",
            "hereafter", "references", "therein", "e", "g", "d", "n", "a", "b", "c"}


def pdf_artefact(marker: str) -> str | None:
    """Why a missed author-date marker is out of reach for an essay tool, or None."""
    if re.search(r"[^\W\d_]- [^\W\d_]", marker):
        return "line-break hyphen"
    for word in re.findall(r"[^\W\d_][\w'’-]*", marker):
        if word[:1].islower() and word.casefold().strip("'’-") not in LOWER_OK:
            return "lower-cased name"
    return None


def flatten(xml: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Plain text of the TEI body, gold marker spans, and block spans."""
    body = xml[xml.find("<text"):] if "<text" in xml else xml
    out: list[str] = []
    length = 0
    gold: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] = []
    ref_start: int | None = None
    block_start = 0
    for m in TOKEN.finditer(body):
        closing, tag, attrs, selfclose, text = m.groups()
        if text is not None:
            piece = html.unescape(text).replace("\n", " ").replace("\t", " ")
            out.append(piece)
            length += len(piece)
            continue
        tag = tag.lower()
        if tag == "lb":
            out.append(" ")
            length += 1
        elif tag == "ref" and not closing and not selfclose and re.search(r'type="(biblio|bibr)"', attrs):
            ref_start = length
        elif tag == "ref" and closing and ref_start is not None:
            gold.append((ref_start, length))
            ref_start = None
        elif closing and tag in ("p", "head", "item", "figure", "table", "formula", "label"):
            if length > block_start:
                blocks.append((block_start, length))
            out.append("\n\n")
            length += 2
            block_start = length
    return "".join(out), gold, blocks


def gold_style(text: str, start: int, end: int) -> str:
    inner = text[start:end].strip()
    if re.search(r"[^\W\d_]{2,}", inner):
        return "author-date"
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip()[:1]
    if inner.startswith("[") or (before == "[" or after == "]"):
        return "numeric [n]"
    if inner.startswith("(") or before == "(" or after == ")":
        return "numeric (n)"
    return "numeric bare"


# Group authors that scientific and student texts name often (our own list, not benchmark data).
GROUP_AUTHORS = [
    "World Health Organization", "Centers for Disease Control and Prevention", "National Institutes of Health",
    "National Aeronautics and Space Administration", "Food and Drug Administration",
    "Environmental Protection Agency", "National Oceanic and Atmospheric Administration", "United Nations",
    "European Commission", "European Space Agency", "Intergovernmental Panel on Climate Change",
    "International Energy Agency", "Organisation for Economic Co-operation and Development", "World Bank",
    "International Monetary Fund", "National Science Foundation", "American Psychological Association",
    "Modern Language Association", "National Cancer Institute", "Office for National Statistics",
    "United Nations Educational, Scientific and Cultural Organization", "Bureau of Labor Statistics",
    "International Union for Conservation of Nature", "European Centre for Disease Prevention and Control",
    "Human Genome Project", "Protein Data Bank", "International Organization for Standardization",
]


def group_library() -> object:
    """A library holding every group of GROUP_AUTHORS with an entry for each year 1950-2025."""
    from citecheck.library import Library, fold_name
    from citecheck.model import Person, Reference

    library = Library()
    for i, name in enumerate(GROUP_AUTHORS):
        for year in range(1950, 2026):
            key = f"group{i}-{year}"
            library.references[key] = Reference(
                key, "report", {"title": f"Report {year}", "year": str(year)}, "groups.bib", 1,
                authors=[Person(raw=name, last=name, folded=fold_name(name))])
    return library


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main(argv: list[str]) -> int:
    show_all = "--all" in argv
    verbose = "-v" in argv or show_all
    limit = 10**9 if show_all else 40
    library = group_library() if "--groups" in argv else None
    args = [a for a in argv[1:] if a not in ("-v", "--all", "--groups")]
    tei_dir = Path(args[0]) if args else DEFAULT
    files = sorted(tei_dir.glob("*.xml")) if tei_dir.exists() else []
    if not files:
        print(f"skipped: no TEI files under {tei_dir} (the grobid-citations benchmark is absent)")
        return 0
    gold_total: Counter[str] = Counter()
    gold_found: Counter[str] = Counter()
    pred_total: Counter[str] = Counter()
    pred_right: Counter[str] = Counter()
    pred_wrong_examples: list[str] = []
    missed_examples: list[str] = []
    artefacts: Counter[str] = Counter()
    started = time.perf_counter()
    chars = 0
    for path in files:
        text, gold, blocks = flatten(path.read_text(encoding="utf-8"))
        chars += len(text)
        doc = Document(str(path), "text", source=text, text=text, offsets=list(range(len(text) + 1)),
                       blocks=[Block("paragraph", a, b) for a, b in blocks])
        predicted = sorted({(c.start, c.end, "numeric [n]" if c.style == "numeric" else "author-date")
                            for c in find_citations(doc, library) if c.style != "link"})
        # Several citations per marker (one per work or number) count as one predicted marker.
        markers: list[list] = []
        for s, e, style in predicted:
            if markers and s <= markers[-1][1] + 2 and markers[-1][2] == style:
                markers[-1][1] = max(markers[-1][1], e)
            else:
                markers.append([s, e, style])
        for s, e, style in markers:
            pred_total[style] += 1
            if any(overlaps((s, e), g) for g in gold):
                pred_right[style] += 1
            elif len(pred_wrong_examples) < limit:
                pred_wrong_examples.append(f"{path.name[:30]}: {text[max(0, s - 30):e + 10]!r}")
        for g in gold:
            style = gold_style(text, *g)
            gold_total[style] += 1
            if any(overlaps((s, e), g) for s, e, _ in markers):
                gold_found[style] += 1
                continue
            cause = pdf_artefact(text[g[0]:g[1]]) if style == "author-date" else None
            if cause:
                artefacts[cause] += 1
            if style in IN_SCOPE and len(missed_examples) < limit:
                note = f"  [{cause}]" if cause else ""
                missed_examples.append(f"{path.name[:30]}: {text[max(0, g[0] - 40):g[1] + 10]!r}{note}")
    elapsed = time.perf_counter() - started

    print(f"Citation marker detection on {len(files)} GROBID TEI full texts "
          f"({chars:,} characters, {elapsed:.1f} s)\n")
    print("| marker style | in scope | gold | found | recall | predicted | correct | precision |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for style in STYLES:
        gt, gf = gold_total[style], gold_found[style]
        pt, pr = pred_total.get(style, 0), pred_right.get(style, 0)
        recall = f"{gf / gt:.3f}" if gt else "–"
        precision = f"{pr / pt:.3f}" if pt else "–"
        scope = "yes" if style in IN_SCOPE else "no"
        print(f"| {style} | {scope} | {gt} | {gf} | {recall} | {pt or '–'} | {pr or '–'} | {precision} |")
    gt = sum(gold_total[s] for s in IN_SCOPE)
    gf = sum(gold_found[s] for s in IN_SCOPE)
    pt, pr = sum(pred_total.values()), sum(pred_right.values())
    print(f"| **in scope** | | {gt} | {gf} | {gf / gt if gt else 0:.3f} | {pt} | {pr} | "
          f"{pr / pt if pt else 0:.3f} |")
    missed_ad = gold_total["author-date"] - gold_found["author-date"]
    if missed_ad:
        causes = ", ".join(f"{n} {cause}" for cause, n in artefacts.most_common())
        print(f"\nauthor-date misses: {missed_ad}, of which PDF text artefacts: "
              f"{sum(artefacts.values())} ({causes or 'none'})")
    if verbose:
        print("\nfalse positives (sample):", *pred_wrong_examples, sep="\n  ")
        print("\nmissed in-scope markers (sample):", *missed_examples, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
