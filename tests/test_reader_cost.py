"""The Markdown reader's work on hostile text (issue 12), without changing what it reads.

markdown-it's inline pass runs only on inline content that may hold a footnote ("^"): the block
tokens, link references and footnotes must be exactly those of a stock parser's full run.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.markdown import parse
from citecheck.readers.markdown_blocks import _markdown_it

PIECES = ["[", "]", "[^1]", "[^note]", "^[inline note]", "^", "(", ")", "[@key]", "[1]", "\n", "\n\n", " ",
          "word", "*em*", "`code [^1]`", "<!-- c -->", "[^1]: a note\n", "[^note]: another\n\n",
          "[ref]: https://example.org\n", "[link](https://example.org)", "> ", "- ", "1. ", "# ", "\\[", "    "]


def _stock() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)


def _blocks(md: Any, text: str) -> tuple[list[tuple[Any, ...]], dict[str, Any], dict[str, Any]]:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    shape = [(t.type, t.tag, t.map, t.content, t.meta.get("label") if t.meta else None) for t in tokens]
    notes = env.get("footnotes", {})
    return shape, env.get("references", {}), {"refs": notes.get("refs") or {}, "list": [
        (key, item.get("label"), item.get("content"), item.get("count")) for key, item in notes.get("list", {}).items()]}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_block_tokens_and_footnotes_are_those_of_a_full_parse(text: str) -> None:
    assert _blocks(_markdown_it(), text) == _blocks(_stock(), text)


def test_inline_content_without_a_caret_is_not_tokenised() -> None:
    tokens = _markdown_it().parse("[@work1 " * 2_000 + "\n\nA note.[^1]\n\n[^1]: The note.\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert not inline[0].children  # the 2,000 unclosed brackets: no inline pass
    assert inline[1].children  # the paragraph with a footnote reference: parsed as before
    assert any(t.type == "footnote_open" for t in tokens)


def test_unclosed_brackets_read_as_text() -> None:
    doc = parse("[@work1 " * 500 + "\n", "e.md")
    assert doc.text.strip() == ("[@work1 " * 500).strip()
    assert doc.span(0, 7).column == 1 and doc.span(8, 15).column == 9
