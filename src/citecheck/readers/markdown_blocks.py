"""The block parser of Markdown essays: markdown-it-py with front matter and footnotes.

One parser per process (it holds no state between documents). Its inline pass runs only where a
footnote may be (see :func:`_footnote_inline`); :mod:`citecheck.readers.markdown` strips inline
markup itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _markdown_it() -> Any:
    """The block parser (one per process: it holds no state between documents)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)
    md.core.ruler.at("inline", _footnote_inline)
    return md


def _footnote_inline(state: Any) -> None:
    """markdown-it's core "inline" rule, only where a footnote may be: inline content with a "^".

    Nothing here reads markdown-it's inline tokens (:class:`_Inline` strips inline markup itself);
    the inline pass matters only for the footnotes it registers (``[^label]`` references and
    ``^[inline notes]``), which decide the footnote blocks markdown-it emits. Content without a
    "^" can register none, and its inline pass was most of the reading time on hostile text: a
    run of unclosed ``[`` makes markdown-it scan each to its nesting limit.
    """
    for token in state.tokens:
        if token.type == "inline" and "^" in token.content:
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


@dataclass
class _Unit:
    """One block's inline content with its lines (0-based, end exclusive) and kind."""

    first_line: int
    end_line: int
    kind: str
    level: int
    content: str
    footnote: str | None


def block_units(tokens: list[Any]) -> tuple[list[_Unit], str | None]:
    """The blocks of markdown-it's token stream that hold text, in stream order (paragraphs,
    headings, quotes, list items, footnote definitions, HTML blocks), and the front matter's
    text, if any."""
    units: list[_Unit] = []
    front_matter: str | None = None
    containers: list[str] = []
    footnote_label: str | None = None
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "front_matter":
            front_matter = token.content
        elif kind == "blockquote_open":
            containers.append("quote")
        elif kind == "list_item_open":
            containers.append("list_item")
        elif kind == "footnote_open":
            containers.append("footnote")
            footnote_label = str(token.meta.get("label", ""))
        elif kind in ("blockquote_close", "list_item_close", "footnote_close"):
            if containers:
                containers.pop()
            if kind == "footnote_close":
                footnote_label = None
        elif kind == "heading_open":
            heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind == "inline" and token.map:
            in_note = footnote_label if "footnote" in containers else None
            if heading_level:
                unit_kind = "heading"
            else:
                unit_kind = containers[-1] if containers else "paragraph"
            units.append(_Unit(token.map[0], token.map[1], unit_kind, heading_level, token.content, in_note))
            heading_level = 0
        elif kind == "html_block" and token.map:
            units.append(_Unit(token.map[0], token.map[1], "html", 0, token.content, None))
    return units, front_matter
