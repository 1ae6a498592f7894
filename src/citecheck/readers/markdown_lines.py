"""A Markdown file's lines as markdown-it splits them, and where an inline block's characters sit in them."""

from __future__ import annotations

import re

_LINE_END_RE = re.compile(r"\r\n|\r|\n")


class _Lines:
    """The file's lines, split the way markdown-it splits them (CRLF, CR or LF)."""

    def __init__(self, source: str) -> None:
        self.starts = [0]
        self.ends: list[int] = []
        for match in _LINE_END_RE.finditer(source):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(source))
        self.source = source

    def text(self, n: int) -> str:
        if n >= len(self.starts):
            return ""
        return self.source[self.starts[n] : self.ends[n]]

    def align(self, content: str, first_line: int) -> list[int]:
        """Original offsets for each character of an inline block's content."""
        cmap: list[int] = []
        for j, piece in enumerate(content.split("\n")):
            n = first_line + j
            if n >= len(self.starts):
                n = len(self.starts) - 1
            line = self.text(n)
            base = self.starts[n]
            col = _find_column(line, piece)
            if col is None:
                # markdown-it rewrote the line (a tab partly eaten by an indent): map each char
                # to the same column counted from the end, clamped to the line.
                col = max(0, len(line) - len(piece))
            last = max(len(line) - 1, 0)
            if col + len(piece) - 1 <= last:
                cmap.extend(range(base + col, base + col + len(piece)))
            else:
                cmap.extend(base + min(col + i, last) for i in range(len(piece)))
            cmap.append(self.ends[n])  # the newline after this piece
        return cmap[:-1] if cmap else cmap


def _find_column(line: str, piece: str) -> int | None:
    if not piece:
        return len(line)
    if line.endswith(piece):
        return len(line) - len(piece)
    stripped = line.rstrip()
    if stripped.endswith(piece):
        return len(stripped) - len(piece)
    col = line.find(piece)
    return col if col >= 0 else None
