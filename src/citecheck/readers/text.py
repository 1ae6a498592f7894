"""Plain-text essays: the text is the file; paragraphs are split at blank lines."""

from __future__ import annotations

import re

from citecheck.model import Block, Document
from citecheck.readers import is_reference_title, mark_references

# A blank line: a line end followed by optional blanks and another line end.
_NL = r"(?:\r\n|\r(?!\n)|\n)"
_BLANK_RUN_RE = re.compile(_NL + r"(?:[ \t\f\v]*" + _NL + ")+")


def parse(source: str, path: str) -> Document:
    """Read a plain-text essay: offsets are the identity, one block per paragraph.

    A one-line paragraph naming a references section ("Works Cited", "References", ...) is a
    heading; the paragraphs after it are reference entries.
    """
    blocks: list[Block] = []
    levels: list[int] = []
    pos = 0
    for match in list(_BLANK_RUN_RE.finditer(source)) + [None]:
        stop = match.start() if match else len(source)
        _add_paragraph(source, pos, stop, blocks, levels)
        if match:
            pos = match.end()
    return Document(
        path=path,
        format="text",
        source=source,
        text=source,
        offsets=range(len(source) + 1),  # the identity map, in constant memory
        blocks=mark_references(source, blocks, levels),
    )


def _add_paragraph(source: str, start: int, stop: int, blocks: list[Block], levels: list[int]) -> None:
    while start < stop and source[start].isspace():
        start += 1
    while stop > start and source[stop - 1].isspace():
        stop -= 1
    if stop <= start:
        return
    body = source[start:stop]
    if "\n" not in body and "\r" not in body and is_reference_title(body):
        blocks.append(Block("heading", start, stop))
        levels.append(1)
        return
    title = _title_line(source, start, stop)
    if title is not None:
        # Word's "Plain Text" export writes a paragraph a line, with no blank lines: a line
        # "Works Cited" inside a block is still the section's heading.
        _add_paragraph(source, start, title[0], blocks, levels)
        blocks.append(Block("heading", title[0], title[1]))
        levels.append(1)
        _add_paragraph(source, title[1], stop, blocks, levels)
        return
    blocks.append(Block("paragraph", start, stop))
    levels.append(0)


_LINE_RE = re.compile(r"[^\r\n]+")


def _title_line(source: str, start: int, stop: int) -> tuple[int, int] | None:
    """(start, end) of the first line of a several-line block that names a references section."""
    for line in _LINE_RE.finditer(source, start, stop):
        text = line.group()
        if len(text) <= 40 and is_reference_title(text):
            a, b = line.span()
            while a < b and source[a].isspace():
                a += 1
            while b > a and source[b - 1].isspace():
                b -= 1
            return a, b
    return None
