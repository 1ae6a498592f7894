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


class _OldInline:
    """The inline pass as it was before literal text was emitted in runs (kept to compare with):
    a "[", "!" or "&" that is literal went out on its own, between two runs of plain text."""

    def run(self: Any, i: int, end: int) -> None:
        import html

        from citecheck.readers import markdown as md

        s = self.s
        while i < end:
            match = md._PLAIN_RUN_RE.match(s, i, end)
            if match and (self.in_link or i == 0 or s[i - 1].isalnum() or s[i] not in "hHwW"):
                self.emit(i, match.end())
                i = match.end()
                continue
            ch = s[i]
            if ch == "\\" and i + 1 < end and s[i + 1] in md._ESCAPABLE:
                self.b.emit_char(s[i + 1], self.off(i + 1))
                i += 2
                continue
            if ch == "\\" and i + 1 < end and s[i + 1] == "\n":
                i += 1
                continue
            if ch == "`":
                span = self._code_span_end(i)
                if span and span[0] <= end:
                    self.emit(span[1], span[2])
                    i = span[0]
                else:
                    n = self._run_length(i, "`")
                    self.emit(i, i + n)
                    i += n
                continue
            if ch in "*_~" and i in self.strip:
                i += 1
                continue
            if ch == "<":
                nxt = self._angle(i, end)
                if nxt is not None:
                    i = nxt
                    continue
            if ch == "&":
                match = md._ENTITY_RE.match(s, i, end)
                if match:
                    decoded = html.unescape(match.group(0))
                    if decoded != match.group(0):
                        for c in decoded:
                            self.b.emit_char(c, self.off(i))
                        i = match.end()
                        continue
            if ch == "!" and s.startswith("[", i + 1):
                target = self._link_target(i + 1, end)
                if target is not None:
                    i = target[2]
                    continue
            if ch == "[":
                close = self._footnote_close(i, end)
                if close is not None:
                    self._footnote_ref(i, close)
                    i = close + 1
                    continue
                target = self._link_target(i, end)
                if target is not None:
                    self._link(i, *target)
                    i = target[2]
                    continue
            if ch in "hHwW" and not self.in_link and (i == 0 or not s[i - 1].isalnum()):
                match = md._BARE_URL_RE.match(s, i, end)
                if match:
                    url = match.group(0)
                    self.b.start_link(url if "://" in url else "http://" + url)
                    self.emit(i, match.end())
                    self.b.end_link()
                    i = match.end()
                    continue
            self.b.emit_char(ch, self.off(i))
            i += 1


INLINE_PIECES = [*PIECES, "&amp;", "&copy;", "&nope;", "!", "![img](a.png)", "![", "http://x.org/a", "www.x.org",
                 "h", "w", "<https://x.org>", "<b>", "</a>", "<a href='u'>", "<br>", "**", "_", "~", "\\*", "\\\n",
                 "`", "``", "[x][ref]", "[ref][]", "[ref]", "é", "\t"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(INLINE_PIECES), max_size=40).map("".join))
def test_literal_text_emitted_in_runs_reads_as_before(text: str) -> None:
    from citecheck.readers import markdown as md

    new = parse(text, "e.md")
    saved = md._Inline.run
    md._Inline.run = _OldInline.run  # type: ignore[method-assign]
    try:
        old = parse(text, "e.md")
    finally:
        md._Inline.run = saved  # type: ignore[method-assign]
    assert (new.text, list(new.offsets), new.blocks, new.links, new.footnotes, new.directives) == \
        (old.text, list(old.offsets), old.blocks, old.links, old.footnotes, old.directives)


def test_literal_brackets_go_out_in_one_run() -> None:
    """25,000 "[1] " that are no links: one emission for the line, not two per marker."""
    from citecheck.readers import PlainBuilder

    calls = []
    saved_mapped, saved_char = PlainBuilder.emit_mapped, PlainBuilder.emit_char

    def mapped(self: Any, text: str, offsets: Any) -> None:
        calls.append(text)
        saved_mapped(self, text, offsets)

    PlainBuilder.emit_mapped = mapped  # type: ignore[method-assign]
    try:
        for n in (100, 25_000):
            calls.clear()
            doc = parse("[1] " * n + "\n", "e.md")
            assert doc.text == ("[1] " * n).strip()
            assert len(calls) == 1
    finally:
        PlainBuilder.emit_mapped, PlainBuilder.emit_char = saved_mapped, saved_char  # type: ignore[method-assign]
