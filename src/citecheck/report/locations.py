"""Where a finding stands in a Word, OpenDocument or PDF essay, said so a reader can find it.

The spans of such an essay count lines of the reader's text rendering (``Document.source``): a
Word paragraph is one line, a PDF's lines run on from page to page. No editor and no code-scanning
viewer can show that rendering, so a line number from it points at nothing in the file. The
formats read by tools that open a file at a line (``sarif``, ``github``) therefore pin these
findings to the file itself and say where they are in words and in named properties:

- PDF: ``p. 3, line 12, column 5`` — the page, the line on that page, the character in that line
  (properties ``page``, ``pageLine``, ``column``);
- .docx / .odt: ``paragraph 4, character 12`` — the paragraph of the rendering (body paragraphs and
  headings, then table cells one by one, then notes) and the character in it (properties
  ``paragraph``, ``column``).

docs/ci.md documents this for both formats.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from citecheck.model import Span
from citecheck.readers import BINARY_FORMATS, format_for


def in_binary_essay(path: str, span: Span | None) -> bool:
    """Whether ``span`` counts lines of a binary essay's rendering (a .docx, .odt or .pdf)."""
    return span is not None and (span.page is not None or _binary(path))


@lru_cache(maxsize=256)
def _binary(path: str) -> bool:
    # Asked once per finding, and an essay can have 25,000: the file name is parsed once.
    return format_for(path) in BINARY_FORMATS


def described(path: str, span: Span | None) -> str | None:
    """``p. 3, line 12, column 5`` (PDF) or ``paragraph 4, character 12`` (.docx, .odt); None for
    a text essay, a library or a finding without a span."""
    if span is None or not in_binary_essay(path, span):
        return None
    if span.page is not None:
        return f"p. {span.page}, line {span.page_line}, column {span.column}"
    return f"paragraph {span.line}, character {span.column}"


def properties(path: str, span: Span | None) -> dict[str, Any] | None:
    """The same place as named numbers (SARIF location properties); None where :func:`described` is."""
    if span is None or not in_binary_essay(path, span):
        return None
    if span.page is not None:
        return {"page": span.page, "pageLine": span.page_line, "column": span.column}
    return {"paragraph": span.line, "column": span.column}
