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
    else:
        blocks.append(Block("paragraph", start, stop))
        levels.append(0)
