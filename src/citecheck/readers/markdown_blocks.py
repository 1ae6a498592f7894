"""The block parser of Markdown essays: markdown-it-py with front matter and footnotes.

One parser per process (it holds no state between documents). Its inline pass runs only where a
footnote may be (see :func:`_footnote_inline`); :mod:`citecheck.readers.markdown` strips inline
markup itself.
"""

from __future__ import annotations

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
