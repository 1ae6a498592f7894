"""Markdown essays (CommonMark, footnotes, YAML front matter).

markdown-it-py finds the block structure (its ``token.map`` gives each block's lines); the
inline markup is stripped here, because markdown-it does not say where inline text came from
and every plain character must map back to its place in the file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from citecheck.model import Document, Footnote
from citecheck.readers import PlainBuilder, parse_directive
from citecheck.readers.frontmatter import _front_matter
from citecheck.readers.markdown_blocks import _markdown_it, _Unit, block_units
from citecheck.readers.markdown_lines import _Lines

_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_EMAIL_AUTOLINK_RE = re.compile(r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?)>")
_TAG_RE = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9\-]*)((?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
)
_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BARE_URL_RE = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?\"'*_~)\]]", re.IGNORECASE)
# markdown-it (as the CommonMark reference) gives up on a destination nesting parentheses deeper.
_MAX_DEST_PARENS = 32
_DEST_TAIL_RE = re.compile(r"""\s*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))\s*)?\)""", re.DOTALL)


def parse(source: str, path: str) -> Document:
    """Read a Markdown essay into a Document."""
    env: dict[str, Any] = {}
    tokens = _markdown_it().parse(source, env)
    lines = _Lines(source)
    refs = {
        _norm_label(label): ref.get("href", "") for label, ref in env.get("references", {}).items()
    }
    footnote_labels = {key[1:] for key in env.get("footnotes", {}).get("refs", {})}
    builder = PlainBuilder(source)
    metadata: dict[str, Any] = {}
    bibliography: list[str] = []
    reader = _Reader(source, lines, builder, refs, footnote_labels)

    units, front_matter = block_units(tokens)
    if front_matter is not None:
        metadata, bibliography = _front_matter(front_matter, path)
    # Footnote definitions come last in markdown-it's stream; keep source order instead so the
    # offset map never goes backwards (definitions written at the end stay at the end).
    units.sort(key=lambda u: u.first_line)
    for unit in units:
        reader.unit(unit)
    return builder.finish(path, "markdown", metadata=metadata, bibliography=bibliography)


def _norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


class _Reader:
    def __init__(
        self, source: str, lines: _Lines, builder: PlainBuilder, refs: dict[str, str], notes: set[str]
    ) -> None:
        self.source = source
        self.lines = lines
        self.b = builder
        self.refs = refs
        self.notes = notes
        self.footnotes: dict[str, Footnote] = {}

    def footnote(self, label: str) -> Footnote:
        note = self.footnotes.get(label)
        if note is None:
            note = Footnote(label=label, start=-1, end=-1)
            self.footnotes[label] = note
            self.b.footnotes.append(note)
        return note

    def unit(self, unit: _Unit) -> None:
        if unit.kind == "html":
            self.html_block(unit)
            return
        cmap = self.lines.align(unit.content, unit.first_line)
        self.b.begin_block(unit.kind, unit.level)
        start = self.b.pos
        inline = _Inline(unit.content, cmap, self)
        inline.run(0, len(unit.content))
        self.b.end_block()
        if unit.footnote is not None and self.b.blocks and self.b.blocks[-1].end > start:
            block = self.b.blocks[-1]
            note = self.footnote(unit.footnote)
            note.start = block.start if note.start < 0 else note.start
            note.end = block.end

    def html_block(self, unit: _Unit) -> None:
        start = self.lines.starts[unit.first_line]
        end = self.lines.ends[min(unit.end_line, len(self.lines.ends)) - 1]
        source = self.source
        pos = start
        while True:  # as _COMMENT_RE.finditer, without rescanning to the end for each unclosed "<!--"
            opening = source.find("<!--", pos, end)
            if opening < 0:
                break
            closing = source.find("-->", opening + 4, end)
            if closing < 0:
                break  # no "-->" after this one: none after a later "<!--" either
            directive = parse_directive(source[opening + 4 : closing], opening, closing + 3)
            if directive:
                self.b.directives.append(directive)
            pos = closing + 3


# A run of characters that mean nothing to the inline parser: no escape, code, emphasis, tag,
# entity, image or link opener, and no h/w that starts a word and may start a bare URL ("http",
# "www."; _BARE_URL_RE needs one of them: any other word starting with h or w is plain text).
_PLAIN_RUN_RE = re.compile(r"(?:[^\\`*_~<&!\[hHwW]|(?<=[^\W_])[hHwW]|[hH](?![tT][tT][pP])|[wW](?![wW][wW]\.))+")


class _Inline:
    """Strips inline Markdown from one block's content, emitting plain text with offsets."""

    def __init__(self, s: str, cmap: list[int], reader: _Reader) -> None:
        self.s = s
        self.cmap = cmap
        self.r = reader
        self.b = reader.b
        self.in_link = 0
        self._brackets: dict[int, int | None] = {}  # "[" position -> its "]" (see _bracket_end)
        self._close_search: tuple[int, int] = (len(s) + 1, -1)  # (searched from, first "-->" there or -1)
        self.strip = self._emphasis_delimiters()

    def off(self, i: int) -> int:
        if not self.cmap:
            return 0
        return self.cmap[min(i, len(self.cmap) - 1)]

    # -- emphasis ------------------------------------------------------------------------------
    def _protected(self) -> list[tuple[int, int]]:
        s = self.s
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(s):
            ch = s[i]
            if ch == "\\":
                spans.append((i, i + 2))
                i += 2
                continue
            if ch == "`":
                end = self._code_span_end(i)
                if end:
                    spans.append((i, end[0]))
                    i = end[0]
                    continue
                i += self._run_length(i, "`")
                continue
            if ch == "<":
                match = self._comment(i, len(s)) or _AUTOLINK_RE.match(s, i) or _TAG_RE.match(s, i)
                if match:
                    spans.append((i, match.end()))
                    i = match.end()
                    continue
            if ch == "]" and s.startswith("(", i + 1):
                dest = self._inline_destination(i + 1)
                if dest:
                    spans.append((i + 1, dest[2]))
                    i = dest[2]
                    continue
            if ch == "[" and s.startswith("[^", i):
                close = s.find("]", i)
                if close > 0:
                    spans.append((i, close + 1))
                    i = close + 1
                    continue
            if ch in "hHwW":
                match = _BARE_URL_RE.match(s, i)
                if match and (i == 0 or not s[i - 1].isalnum()):
                    spans.append((i, match.end()))
                    i = match.end()
                    continue
            i += 1
        return spans

    def _emphasis_delimiters(self) -> set[int]:
        s = self.s
        if not any(c in s for c in "*_~"):
            return set()
        protected = self._protected()
        runs: list[tuple[str, int, int]] = []
        p = 0
        i = 0
        while i < len(s):
            while p < len(protected) and protected[p][1] <= i:
                p += 1
            if p < len(protected) and protected[p][0] <= i:
                i = protected[p][1]
                continue
            ch = s[i]
            if ch in "*_~":
                j = i + self._run_length(i, ch)
                if p < len(protected):
                    j = min(j, protected[p][0]) if protected[p][0] > i else j
                runs.append((ch, i, j))
                i = j
            else:
                i += 1
        strip: set[int] = set()
        stack: list[list[Any]] = []  # [char, start, end] of openers still available
        for ch, a, b in runs:
            n = b - a
            if ch == "~" and n != 2:
                continue
            before = s[a - 1] if a > 0 else " "
            after = s[b] if b < len(s) else " "
            left = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
            right = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
            if ch == "_":
                can_open = left and (not right or _is_punct(before))
                can_close = right and (not left or _is_punct(after))
            else:
                can_open, can_close = left, right
            pos = a
            if can_close:
                while n > 0:
                    idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == ch), None)
                    if idx is None:
                        break
                    opener = stack[idx]
                    avail = opener[2] - opener[1]
                    k = min(avail, n)
                    if ch == "~" and k != 2:
                        break
                    strip.update(range(opener[2] - k, opener[2]))
                    strip.update(range(pos, pos + k))
                    opener[2] -= k
                    pos += k
                    n -= k
                    del stack[idx + 1 :]
                    if opener[2] == opener[1]:
                        stack.pop(idx)
            if n > 0 and can_open:
                stack.append([ch, pos, b])
        return strip

    def _run_length(self, i: int, ch: str) -> int:
        j = i
        while j < len(self.s) and self.s[j] == ch:
            j += 1
        return j - i

    def _code_span_end(self, i: int) -> tuple[int, int, int] | None:
        """(end, content start, content end) of a code span opening at i."""
        n = self._run_length(i, "`")
        j = i + n
        while True:
            k = self.s.find("`" * n, j)
            if k < 0:
                return None
            m = self._run_length(k, "`")
            if m == n:
                a, b = i + n, k
                inner = self.s[a:b]
                if len(inner) >= 2 and inner[0] in " \n" and inner[-1] in " \n" and inner.strip():
                    a, b = a + 1, b - 1
                return k + n, a, b
            j = k + m

    def _inline_destination(self, i: int) -> tuple[str, int, int] | None:
        """Parse ``(url "title")`` starting at s[i] == "(": (url, url start, end after ")")."""
        s = self.s
        j = i + 1
        while j < len(s) and s[j] in " \t\n":
            j += 1
        if j < len(s) and s[j] == "<":
            k = j + 1
            while k < len(s) and s[k] not in ">\n<":
                k += 2 if s[k] == "\\" else 1
            if k >= len(s) or s[k] != ">":
                return None
            url_raw = s[j + 1 : k]
            k += 1
        else:
            k = j
            depth = 0
            while k < len(s) and not s[k].isspace() and ord(s[k]) >= 0x20:
                if s[k] == "\\" and k + 1 < len(s):
                    k += 2
                    continue
                if s[k] == "(":
                    depth += 1
                    if depth > _MAX_DEST_PARENS:
                        return None  # as markdown-it: not a destination (and no rescans to the line's end)
                elif s[k] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                k += 1
            url_raw = s[j:k]
        tail = _DEST_TAIL_RE.match(s, k)
        if not tail:
            return None
        return _unescape(url_raw), j, tail.end()

    def _comment(self, i: int, end: int) -> re.Match[str] | None:
        """``_COMMENT_RE.match(s, i, end)``, finding the closing "-->" once for a run of "<!--".

        The first "-->" after one "<!--" is also the first after any later one before it, so
        it is remembered: "<!--" repeated thousands of times without a close stays linear.
        """
        s = self.s
        if not s.startswith("<!--", i):
            return None
        searched, closing = self._close_search
        if not (searched <= i + 4 and (closing < 0 or closing >= i + 4)):
            closing = s.find("-->", i + 4)
            self._close_search = (i + 4, closing)
        if closing < 0 or closing + 3 > end:
            return None
        return _COMMENT_RE.match(s, i, closing + 3)

    def _bracket_end(self, i: int) -> int | None:
        """Index of the "]" closing the "[" at s[i] (nesting, escapes and code spans respected).

        The scan's next position depends only on its current one, so one pass with a stack
        answers for every "[" it passes through; a "[" it skips (inside a code span it opened)
        gets a pass of its own. Either way each pass is linear and its answers are kept, so a
        line of thousands of "[" stays linear instead of rescanning the rest for each one.
        """
        if i not in self._brackets:
            self._match_brackets(i)
        return self._brackets[i]

    def _match_brackets(self, i: int) -> None:
        s = self.s
        found = self._brackets
        stack: list[int] = []
        j = i
        while j < len(s):
            ch = s[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "`":
                end = self._code_span_end(j)
                if end:
                    j = end[0]
                    continue
                j += self._run_length(j, "`")
                continue
            if ch == "[" and j in found:  # an earlier pass went on from here: skip its group
                close = found[j]
                if close is None:
                    break  # it never closes, so neither does any "[" still open
                j = close + 1
                continue
            if ch == "[":
                stack.append(j)
            elif ch == "]" and stack:
                found[stack.pop()] = j
            j += 1
        for k in stack:
            found[k] = None

    # -- emitting ------------------------------------------------------------------------------
    def emit(self, i: int, j: int) -> None:
        if j <= len(self.cmap):
            self.b.emit_mapped(self.s[i:j], self.cmap[i:j])
            return
        for k in range(i, j):
            self.b.emit_char(self.s[k], self.off(k))

    def run(self, i: int, end: int) -> None:
        s = self.s
        plain = _PLAIN_RUN_RE
        # s[lit:i] is literal text not yet emitted: it goes out in one run when Markdown comes (or
        # the end), so text with no Markdown in it, and a "[", "!" or "&" that turns out to be
        # literal ("[1] " 25,000 times), is emitted in one call, not one call per piece.
        lit = i
        while i < end:
            match = plain.match(s, i, end)
            if match and (self.in_link or i == 0 or s[i - 1].isalnum() or s[i] not in "hHwW"):
                i = match.end()
                continue
            ch = s[i]
            if ch == "\\" and i + 1 < end and s[i + 1] in _ESCAPABLE:
                self.emit(lit, i)
                self.b.emit_char(s[i + 1], self.off(i + 1))
                i = lit = i + 2
                continue
            if ch == "\\" and i + 1 < end and s[i + 1] == "\n":
                self.emit(lit, i)
                i = lit = i + 1  # hard line break: keep the newline only
                continue
            if ch == "`":
                self.emit(lit, i)
                span = self._code_span_end(i)
                if span and span[0] <= end:
                    self.emit(span[1], span[2])
                    i = span[0]
                else:
                    n = self._run_length(i, "`")
                    self.emit(i, i + n)
                    i += n
                lit = i
                continue
            if ch in "*_~" and i in self.strip:
                self.emit(lit, i)
                i = lit = i + 1
                continue
            if ch == "<":
                self.emit(lit, i)
                lit = i
                nxt = self._angle(i, end)
                if nxt is not None:
                    i = lit = nxt
                    continue
            if ch == "&":
                match = _ENTITY_RE.match(s, i, end)
                if match:
                    decoded = html.unescape(match.group(0))
                    if decoded != match.group(0):
                        self.emit(lit, i)
                        for c in decoded:
                            self.b.emit_char(c, self.off(i))
                        i = lit = match.end()
                        continue
            if ch == "!" and s.startswith("[", i + 1):
                target = self._link_target(i + 1, end)
                if target is not None:
                    self.emit(lit, i)
                    i = lit = target[2]  # images (and their alt text) are not prose
                    continue
            if ch == "[":
                close = self._footnote_close(i, end)
                if close is not None:
                    self.emit(lit, i)
                    self._footnote_ref(i, close)
                    i = lit = close + 1
                    continue
                target = self._link_target(i, end)
                if target is not None:
                    self.emit(lit, i)
                    self._link(i, *target)
                    i = lit = target[2]
                    continue
            if ch in "hHwW" and not self.in_link and (i == 0 or not s[i - 1].isalnum()):
                match = _BARE_URL_RE.match(s, i, end)
                if match:
                    self.emit(lit, i)
                    url = match.group(0)
                    self.b.start_link(url if "://" in url else "http://" + url)
                    self.emit(i, match.end())
                    self.b.end_link()
                    i = lit = match.end()
                    continue
            i += 1  # a character with no Markdown meaning here: literal
        self.emit(lit, i)

    def _angle(self, i: int, end: int) -> int | None:
        s = self.s
        match = self._comment(i, end)
        if match:
            start, stop = self.off(i), self.off(match.end() - 1) + 1
            directive = parse_directive(match.group(1), start, stop)
            if directive:
                self.b.directives.append(directive)
            return match.end()
        match = _AUTOLINK_RE.match(s, i, end) or _EMAIL_AUTOLINK_RE.match(s, i, end)
        if match:
            url = match.group(1)
            if "@" in url and ":" not in url:
                url = "mailto:" + url
            self.b.start_link(url)
            self.emit(i + 1, match.end() - 1)
            self.b.end_link()
            return match.end()
        match = _TAG_RE.match(s, i, end)
        if match:
            name = match.group(2).lower()
            if name == "a" and not match.group(1):
                href = _HREF_RE.search(match.group(3) or "")
                if href:
                    self.b.start_link(html.unescape(next(g for g in href.groups() if g is not None)))
                    self.in_link += 1
            elif name == "a" and match.group(1) and self.in_link:
                self.b.end_link()
                self.in_link -= 1
            elif name == "br":
                self.b.emit_char("\n", self.off(i))
            return match.end()
        return None

    def _footnote_close(self, i: int, end: int) -> int | None:
        """Where the footnote reference "[^label]" at s[i] closes, if it is one (nothing emitted)."""
        s = self.s
        if not s.startswith("[^", i):
            return None
        close = s.find("]", i + 2, end)
        if close < 0:
            return None
        label = s[i + 2 : close]
        if not label or any(c.isspace() for c in label) or label not in self.r.notes:
            return None
        return close

    def _footnote_ref(self, i: int, close: int) -> None:
        note = self.r.footnote(self.s[i + 2 : close])
        note.refs.append((self.off(i), self.off(close) + 1))
        note.ref_positions.append(self.b.pos)

    def _link_target(self, i: int, end: int) -> tuple[int, str, int] | None:
        """The link or image whose "[" is at s[i]: its "]", its URL and where scanning resumes;
        None if it is not one (nothing emitted)."""
        s = self.s
        close = self._bracket_end(i)
        if close is None or close >= end:
            return None
        label = s[i + 1 : close]
        url: str | None = None
        resume = close + 1
        if s.startswith("(", close + 1):
            dest = self._inline_destination(close + 1)
            if dest and dest[2] <= end:
                url, resume = dest[0], dest[2]
        if url is None and s.startswith("[", close + 1):
            ref_close = s.find("]", close + 2, end)
            if ref_close >= 0:
                ref = s[close + 2 : ref_close] or label
                found = self.refs_get(ref)
                if found is not None:
                    url, resume = found, ref_close + 1
        if url is None and not label.startswith("^"):
            found = self.refs_get(label)
            if found is not None:
                url = found
        if url is None:
            return None
        return close, url, resume

    def _link(self, i: int, close: int, url: str, resume: int) -> None:
        """Emit the text of the link whose "[" is at s[i] (see :meth:`_link_target`)."""
        if self.in_link:
            self.run(i + 1, close)  # links do not nest: keep the inner text only
            return
        self.b.start_link(url)
        self.in_link += 1
        self.run(i + 1, close)
        self.in_link -= 1
        self.b.end_link()

    def refs_get(self, label: str) -> str | None:
        if not label.strip():
            return None
        return self.r.refs.get(_norm_label(label))


def _unescape(text: str) -> str:
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return html.unescape(text)
