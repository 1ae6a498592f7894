"""Word-processor essays (.docx, .odt) as paragraphs, and the Document built from them.

A binary file has no text of its own to point into, so these readers write a *rendering*: one
line per paragraph, in reading order — body paragraphs and headings, table cells paragraph by
paragraph, then footnotes and endnotes as ``[^label]: text`` lines. ``Document.source`` is that
rendering, so a Span's line is the paragraph's number (1-based, counted as above) and its column
the character within the paragraph. A note marker stands in the rendering as ``[^label]`` (as in
Markdown) and is left out of the plain text, like Markdown footnote markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.model import Document, Footnote
from citecheck.readers import PlainBuilder, is_reference_title


@dataclass
class LinkStart:
    url: str


@dataclass
class LinkEnd:
    pass


@dataclass
class NoteRef:
    label: str


Piece = str | LinkStart | LinkEnd | NoteRef


@dataclass
class Paragraph:
    """One paragraph: its kind (paragraph, heading, list_item), heading level and content."""

    kind: str = "paragraph"
    level: int = 0
    pieces: list[Piece] = field(default_factory=list)
    bold: bool = False  # every character is bold: a short one is read as a heading

    def text(self) -> str:
        return "".join(p for p in self.pieces if isinstance(p, str))


@dataclass
class Note:
    """A footnote or endnote body: its label as the essay shows it, and its paragraphs."""

    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def _one_line(text: str) -> str:
    # Tabs, line breaks and other separators inside a paragraph become spaces: one line each.
    return "".join(" " if ch.isspace() else ch for ch in text)


def build_document(path: str, fmt: str, paragraphs: list[Paragraph], notes: list[Note]) -> Document:
    """The Document for ``paragraphs`` (body order) and ``notes`` (referenced by NoteRef labels)."""
    lines: list[str] = []
    cursor = 0
    builder_parts: list[tuple[Paragraph, int, str | None]] = []  # paragraph, rendering offset, note label

    def render(par: Paragraph, prefix: str, label: str | None) -> None:
        nonlocal cursor
        text = prefix + "".join(
            _one_line(p) if isinstance(p, str) else f"[^{p.label}]" if isinstance(p, NoteRef) else ""
            for p in par.pieces
        )
        builder_parts.append((par, cursor + len(prefix), label))
        lines.append(text)
        cursor += len(text) + 1

    for par in paragraphs:
        if not par.text().strip() and not any(isinstance(p, NoteRef) for p in par.pieces):
            continue
        render(par, "", None)
    for note in notes:
        for i, par in enumerate(note.paragraphs):
            render(par, f"[^{note.label}]: " if i == 0 else "    ", note.label)
    source = "\n".join(lines) + ("\n" if lines else "")
    b = PlainBuilder(source, collapse_whitespace=True)
    notes_by_label: dict[str, Footnote] = {}
    for note in notes:
        notes_by_label[note.label] = Footnote(label=note.label, start=-1, end=-1)
    for par, offset, label in builder_parts:
        kind, level = par.kind, par.level
        text = par.text().strip()
        if kind == "paragraph" and text and (
            is_reference_title(text) or (par.bold and len(text.split()) <= 10 and text[-1] not in ".:;,")
        ):
            kind, level = "heading", 1 if is_reference_title(text) else 2
        if label is not None:
            kind = "footnote"
        b.begin_block(kind, level)
        start = b.pos
        pos = offset
        for piece in par.pieces:
            if isinstance(piece, str):
                b.emit(_one_line(piece), pos)
                pos += len(piece)
            elif isinstance(piece, LinkStart):
                b.start_link(piece.url)
            elif isinstance(piece, LinkEnd):
                b.end_link()
            else:
                marker = f"[^{piece.label}]"
                fn = notes_by_label.get(piece.label)
                if fn is not None:
                    fn.refs.append((pos, pos + len(marker)))
                    fn.ref_positions.append(b.pos)
                pos += len(marker)
        b.end_block()
        if label is not None and b.blocks and b.blocks[-1].end > start:
            fn = notes_by_label[label]
            fn.start = b.blocks[-1].start if fn.start < 0 else fn.start
            fn.end = b.blocks[-1].end
    b.footnotes = [fn for fn in notes_by_label.values() if fn.start >= 0]
    return b.finish(path, fmt)
