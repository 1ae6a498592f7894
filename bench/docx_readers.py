"""python-docx vs docx2python vs citecheck's reader on .docx essays we write (issue 11, item 1).

Run: PYTHONPATH=src:tests python bench/docx_readers.py

Each fixture holds one feature an essay's text depends on; a reader scores a feature when its
plain output (the library's documented text API, no XML walking of our own) has the wanted
text and lacks the unwanted text. The third column is citecheck's reader (python-docx to open
the package, our walk of the body XML), which is what the product uses.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docmakers import DocxEssay, write_docx

# feature -> (essay, wanted strings, unwanted strings)
FEATURES: dict[str, tuple[DocxEssay, list[str], list[str]]] = {
    "paragraphs": (DocxEssay().add("para", "First paragraph.").add("para", "Second one."),
                   ["First paragraph.", "Second one."], []),
    "headings": (DocxEssay().add("heading2", "Background").add("para", "Text."), ["<h>Background"], []),
    "footnote text": (DocxEssay().add("para", "Claim", ("footnote", "Smith, Canals, 12."), "."),
                      ["Smith, Canals, 12."], []),
    "footnote marker position": (DocxEssay().add("para", "Claim", ("footnote", "Note."), " rest."),
                                 ["Claim[^1] rest."], []),
    "endnote text": (DocxEssay().add("para", "Claim", ("endnote", "Endnote body."), "."), ["Endnote body."], []),
    "hyperlink target": (DocxEssay().add("para", "See ", ("link", "the page", "https://a.example/x"), "."),
                         ["https://a.example/x"], []),
    "HYPERLINK field target": (DocxEssay().add("para", "See ", ("field-link", "it", "https://f.example/y"), "."),
                               ["https://f.example/y", "See it."], ["HYPERLINK"]),
    "table cells": (DocxEssay().add("table", [["Year", "Ships"], ["1895", "43,000"]]), ["1895", "43,000"], []),
    "tracked deletion left out": (DocxEssay().add("para", "Kept ", ("del", "GONE "), "text."), ["Kept text."],
                                  ["GONE"]),
    "tracked insertion kept": (DocxEssay().add("para", "Kept ", ("ins", "NEW "), "text."), ["Kept NEW text."], []),
    "comment left out": (DocxEssay().add("para", "A ", ("comment", "phrase", "TUTOR NOTE"), " here."),
                         ["A phrase here."], ["TUTOR NOTE"]),
}


def python_docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    out = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        prefix = "<h>" if style.startswith("Heading") else ""
        links = " ".join(h.address for h in paragraph.hyperlinks)
        out.append(prefix + paragraph.text + (f" {links}" if links else ""))
    for table in document.tables:
        out.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(out)


def docx2python_text(path: Path) -> str:
    from docx2python import docx2python

    with docx2python(str(path), html=True) as result:
        parts = [result.text, _flatten(result.footnotes), _flatten(result.endnotes)]
    text = "\n".join(p for p in parts if p)
    text = re.sub(r"<h\d>", "<h>", text)
    return text.replace("----footnote1----", "[^1]")


def _flatten(tree: object) -> str:
    if isinstance(tree, str):
        return tree
    return "\n".join(_flatten(t) for t in tree)  # type: ignore[attr-defined]


def citecheck_text(path: Path) -> str:
    from citecheck.readers import read_document

    doc = read_document(path)
    heads = "".join(f"<h>{doc.text[b.start:b.end]}\n" for b in doc.blocks if b.kind == "heading")
    return doc.source + "\n" + doc.text + "\n" + heads + "\n".join(link.url for link in doc.links)


READERS: dict[str, Callable[[Path], str]] = {
    "python-docx": python_docx_text,
    "docx2python": docx2python_text,
    "citecheck (python-docx + XML walk)": citecheck_text,
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: write_docx(Path(tmp) / f"{i}.docx", essay)
                 for i, (name, (essay, _, _)) in enumerate(FEATURES.items())}
        scores: dict[str, dict[str, str]] = {}
        times: dict[str, float] = {}
        for reader, fn in READERS.items():
            started = time.perf_counter()
            for name, (_, wanted, unwanted) in FEATURES.items():
                try:
                    text = fn(paths[name])
                except Exception as exc:  # noqa: BLE001 - a reader that fails scores no
                    scores.setdefault(name, {})[reader] = f"error: {type(exc).__name__}"
                    continue
                ok = all(w in text for w in wanted) and not any(u in text for u in unwanted)
                scores.setdefault(name, {})[reader] = "yes" if ok else "no"
            times[reader] = (time.perf_counter() - started) / len(FEATURES) * 1000
    names = list(READERS)
    print("| feature | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for feature, row in scores.items():
        print(f"| {feature} | " + " | ".join(row[n] for n in names) + " |")
    print("| **features** | " + " | ".join(
        f"{sum(scores[f][n] == 'yes' for f in scores)}/{len(scores)}" for n in names) + " |")
    print("| ms per file | " + " | ".join(f"{times[n]:.1f}" for n in names) + " |")


if __name__ == "__main__":
    main()
