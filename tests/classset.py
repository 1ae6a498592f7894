"""The class-set fixture: 14 student essays (.md, .txt, .docx, .pdf) and the sources they cite.

``tests/fixtures/classset/essays/`` holds the Markdown and text essays as files, and the Word and
PDF essays as Markdown-like specs (``02-brooks.docx.md``) that :func:`build_class_set` turns into
real .docx / .pdf files; three broken submissions (a scanned PDF, a renamed text file, a
Latin-1 text) are made here. ``snapshots/`` stands in for the web: the pages the essays' Works
Cited entries link to, one of them dead.

Run ``python tests/classset.py OUTDIR`` to build the set, e.g. to try ``citecheck grade`` on it;
``python tests/classset.py --write-expected`` rewrites expected.csv after a deliberate change
(review the diff: each changed cell is a changed judgement of a student's essay).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmakers import DocxEssay, PdfLine, essay_pdf, write_docx, write_pdf

CLASSSET = Path(__file__).resolve().parent / "fixtures" / "classset"
_LINK_RE = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_NOTE_RE = re.compile(r"\^\[([^\]]+)\]")


def _blocks(spec: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", spec) if b.strip()]


def _docx_parts(text: str) -> list[object]:
    parts: list[object] = []
    pos = 0
    pattern = re.compile(f"{_LINK_RE.pattern}|{_NOTE_RE.pattern}")
    for match in pattern.finditer(text):
        if match.start() > pos:
            parts.append(text[pos:match.start()])
        if match.group(1) is not None:
            parts.append(("link", match.group(1), match.group(2)))
        else:
            parts.append(("footnote", match.group(3)))
        pos = match.end()
    if pos < len(text):
        parts.append(text[pos:])
    return parts


def docx_from_spec(spec: str, path: Path) -> Path:
    """``# `` a title, ``## `` a heading, ``**X**`` a bold line, ``[a](url)`` a link, ``^[...]`` a footnote."""
    essay = DocxEssay()
    for block in _blocks(spec):
        if block.startswith("# "):
            essay.add("title", block[2:])
        elif block.startswith("## "):
            essay.add("heading1", block[3:])
        elif block.startswith("**") and block.endswith("**"):
            essay.add("bold", block[2:-2])
        else:
            essay.add("para", *_docx_parts(" ".join(block.split())))
    return write_docx(path, essay)


def pdf_from_spec(spec: str, path: Path) -> Path:
    """``# `` a centred title, ``## `` a centred heading; after a heading named like a reference
    list, paragraphs are entries with hanging indents."""
    blocks: list[tuple[str, str]] = []
    in_references = False
    for block in _blocks(spec):
        if block.startswith("#"):
            title = block.lstrip("#").strip()
            blocks.append(("title" if block.startswith("# ") else "heading", title))
            in_references = title.lower() in ("works cited", "references", "bibliography")
        else:
            blocks.append(("entry" if in_references else "para", " ".join(block.split())))
    return essay_pdf(path, blocks)


def build_class_set(dest: Path) -> tuple[Path, Path]:
    """Build the class set under ``dest``: returns (essays folder, snapshots folder)."""
    essays = dest / "essays"
    essays.mkdir(parents=True)
    for spec in sorted((CLASSSET / "essays").iterdir()):
        name = spec.name
        if name.endswith(".docx.md"):
            docx_from_spec(spec.read_text(encoding="utf-8"), essays / name[: -len(".md")])
        elif name.endswith(".pdf.md"):
            pdf_from_spec(spec.read_text(encoding="utf-8"), essays / name[: -len(".md")])
        else:
            shutil.copyfile(spec, essays / name)
    # Three submissions that cannot be read.
    write_pdf(essays / "11-kim.pdf", [[PdfLine("A scanned essay about canals.", y=700)]] * 2, image_only=True)
    (essays / "12-lopez.docx").write_bytes(b"I could not attach my essay so here is a note instead.\n")
    (essays / "13-moss.txt").write_bytes(
        "The caf\xe9 at Kiel opened in 1895 (Whitcombe 12).\n\nWorks Cited\n\nWhitcombe, Ada. "
        "\"The Kiel Canal at Fifty.\" Canal History Review, 1945.\n".encode("latin-1"))
    snapshots = dest / "snapshots"
    shutil.copytree(CLASSSET / "snapshots", snapshots)
    return essays, snapshots


def write_expected() -> None:
    """Rewrite expected.csv from a fresh grading run (after a deliberate change to what is counted)."""
    import tempfile

    from citecheck.grading import grade
    from citecheck.report.grade import render_csv

    with tempfile.TemporaryDirectory() as tmp:
        folder, snaps = build_class_set(Path(tmp))
        (CLASSSET / "expected.csv").write_text(render_csv(grade([folder], offline=True, snapshots=snaps)),
                                               encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-expected"]:
        write_expected()
        sys.exit(0)
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "classset")
    folder, snaps = build_class_set(target)
    print(f"citecheck grade {folder} -o {target / 'graded'} --offline --snapshots {snaps}")
