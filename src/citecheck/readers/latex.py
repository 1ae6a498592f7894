"""LaTeX essays: the document body as plain text; citation commands kept verbatim.

This is not a TeX engine: it knows the commands essays use (sectioning, emphasis, quotes,
dashes, lists, footnotes, links, bibliography commands) and, for any other command, drops its
name and optional arguments and keeps the text of its braced arguments.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from typing import Any

from citecheck.model import Document, Footnote
from citecheck.readers import PlainBuilder, parse_directive

_BEGIN_DOC_RE = re.compile(r"\\begin\s*\{document\}")
_END_DOC_RE = re.compile(r"\\end\s*\{document\}")
_BIB_RE = re.compile(r"\\(bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}")
_META_RE = re.compile(r"\\(title|author|date)\s*(?:\[[^\]]*\])?\s*\{")

# \cite, \citep, \citet, \citeauthor, \parencite, \Textcite, \footcite, \autocites, ...
_CITE_RE = re.compile(r"^(?:[a-zA-Z]*cite[a-z]*|[A-Z][a-z]*cite[a-z]*|Cite[a-z]*)$")
_SECTIONS = {
    "part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4,
    "paragraph": 5, "subparagraph": 6,
}
# Commands whose arguments are not prose: drop the command and all its arguments.
_DROP_WITH_ARGS = {
    "label", "ref", "eqref", "pageref", "cref", "Cref", "autoref", "nameref", "includegraphics",
    "input", "include", "usepackage", "documentclass", "vspace", "hspace", "setlength",
    "addtolength", "newcommand", "renewcommand", "providecommand", "newenvironment",
    "renewenvironment", "bibliographystyle", "pagestyle", "thispagestyle", "setcounter",
    "addcontentsline", "hypersetup", "graphicspath", "index", "nocite", "pagenumbering",
    "DeclareMathOperator", "definecolor", "color", "tableofcontents", "printbibliography",
    "maketitle", "bibliography", "addbibresource", "addglobalbib", "title", "author", "date",
    "thanks", "newpage", "clearpage", "cleardoublepage", "linebreak", "pagebreak", "nolinebreak",
    "noindent", "indent", "centering", "raggedright", "raggedleft", "medskip", "bigskip",
    "smallskip", "vfill", "hfill", "selectfont", "fontsize", "caption*", "newline", "doublespacing",
    "singlespacing", "onehalfspacing", "listoffigures", "listoftables", "appendix", "frontmatter",
    "mainmatter", "backmatter", "protect", "relax",
}
_LITERAL_SYMBOLS = {"%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}"}
_SPACING_SYMBOLS = {" ": " ", ",": " ", ";": " ", ":": " ", "\n": " ", "\t": " "}
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328",
    "r": "\u030a",
}
_LETTER_COMMANDS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
    "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "dots": "…", "ldots": "…", "textendash": "–",
    "textemdash": "—", "LaTeX": "LaTeX", "TeX": "TeX", "S": "§", "P": "¶", "textquoteright": "’",
    "textquoteleft": "‘", "textquotedblleft": "“", "textquotedblright": "”", "copyright": "©",
    "pounds": "£", "euro": "€", "textdegree": "°", "textpercent": "%",
}
# Environments whose content is not prose.
_SKIP_ENVS = {
    "verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "comment", "equation",
    "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "eqnarray",
    "eqnarray*", "displaymath", "math", "tikzpicture", "tabular", "tabular*", "tabularx",
    "longtable", "filecontents", "filecontents*", "alignat", "alignat*", "flalign", "flalign*",
}
_ENV_CONTAINERS = {
    "itemize": "list_item", "enumerate": "list_item", "description": "list_item",
    "quote": "quote", "quotation": "quote", "verse": "quote", "thebibliography": "references",
}
# Footnotes in footnotes in ... : deeper than this, the commands are read as plain text.
MAX_NESTING = 20
_ACCENT_COMMAND_RE = re.compile(r"\\([cvuHkr])(?![A-Za-z])")


def parse(source: str, path: str) -> Document:
    """Read a LaTeX essay into a Document."""
    start, end = _body_range(source)
    builder = PlainBuilder(source, collapse_whitespace=True, keep_newlines=True)
    scanner = _Scanner(source, builder)
    scanner.scan(start, end)
    # Comments in the preamble can hold directives too.
    scanner.preamble_directives(0, start)
    bibliography: list[str] = []
    named: set[str] = set()
    comments = _Comments(source)
    for match in _BIB_RE.finditer(source):
        if comments.covers(match.start()):
            continue
        for name in match.group(2).split(","):
            name = name.strip()
            if name:
                name = name if name.lower().endswith(".bib") else name + ".bib"
                if name not in named:
                    named.add(name)
                    bibliography.append(name)
    metadata: dict[str, Any] = dict(_metadata(source, start, comments))
    if scanner.bibitems:
        metadata["bibitems"] = scanner.bibitems
    return builder.finish(path, "latex", bibliography=bibliography, metadata=metadata)


class _Comments:
    """Where each line's ``%`` comment starts, each line scanned once (however many lookups it gets)."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.first: dict[int, int | None] = {}  # line start -> offset of its comment's %, if any

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` lies in a comment (after an unescaped ``%`` on its line)."""
        line_start = self.starts[bisect.bisect_right(self.starts, pos) - 1]
        if line_start not in self.first:
            self.first[line_start] = self._percent(line_start)
        first = self.first[line_start]
        return first is not None and first < pos

    def _percent(self, i: int) -> int | None:
        s = self.s
        stop = s.find("\n", i)
        stop = len(s) if stop < 0 else stop
        while i < stop:
            if s[i] == "\\":
                i += 2
                continue
            if s[i] == "%":
                return i
            i += 1
        return None


def _body_range(source: str) -> tuple[int, int]:
    start, end = 0, len(source)
    comments = _Comments(source)
    for match in _BEGIN_DOC_RE.finditer(source):
        if not comments.covers(match.start()):
            start = match.end()
            break
    for match in _END_DOC_RE.finditer(source, start):
        if not comments.covers(match.start()):
            end = match.start()
            break
    return start, end


def _metadata(source: str, body_start: int, comments: _Comments | None = None) -> dict[str, str]:
    metadata: dict[str, str] = {}
    comments = comments or _Comments(source)
    for match in _META_RE.finditer(source, 0, body_start or len(source)):
        if match.group(1) in metadata or comments.covers(match.start()):
            continue  # the first \title (\author, \date) counts; a later one is not even measured
        close = _group_end(source, match.end() - 1, len(source))
        value = source[match.end() : close - 1]
        value = re.sub(r"\\[A-Za-z]+\*?|[{}~]", " ", value)
        metadata.setdefault(match.group(1), " ".join(value.split()))
    return metadata


def _group_end(s: str, i: int, end: int, open_ch: str = "{", close_ch: str = "}") -> int:
    """Index just after the group whose opening bracket is s[i] (end if it never closes)."""
    depth = 0
    j = i
    while j < end:
        ch = s[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "%":
            nl = s.find("\n", j, end)
            j = end if nl < 0 else nl + 1
            continue
        if ch == open_ch or (open_ch == "[" and ch == "{"):
            depth += 1
        elif ch == close_ch or (open_ch == "[" and ch == "}"):
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return end


class _Scanner:
    def __init__(self, source: str, builder: PlainBuilder) -> None:
        self.s = source
        self.b = builder
        self.line_has_content = True
        self.env_stack: list[str] = []
        self.open_envs: Counter[str] = Counter()  # env_stack's names, for O(1) "is it open?"
        self.depth = 0  # nested scans (footnotes, headings, links, quotes) in progress
        self.notes = 0
        self.bibitems: list[tuple[str, int]] = []  # \bibitem keys and where their entries start

    def preamble_directives(self, start: int, end: int) -> None:
        for match in re.finditer(r"(?<!\\)%([^\n]*)", self.s[start:end]):
            directive = parse_directive(match.group(1), start + match.start(), start + match.end())
            if directive:
                self.b.directives.append(directive)

    def nested(self, i: int, end: int) -> None:
        """Scan a group's text from inside a command (footnote, heading, link, quote).

        Deeper than MAX_NESTING such commands are read as plain text instead: each level
        recurses and measures its group, so unbounded nesting would overflow the stack.
        """
        self.depth += 1
        try:
            self.scan(i, end)
        finally:
            self.depth -= 1

    def _skip_ws(self, i: int, end: int) -> int:
        """Skip blanks and at most one line end (arguments may follow on the next line)."""
        newline = False
        while i < end and self.s[i] in " \t\r\n":
            if self.s[i] == "\n":
                if newline:
                    break
                newline = True
            i += 1
        return i

    def _args_end(self, i: int, end: int, max_groups: int = 99) -> int:
        """Skip a star, optional [..] and braced {..} arguments after a command name."""
        s = self.s
        if i < end and s[i] == "*":
            i += 1
        groups = 0
        while groups < max_groups:
            j = self._skip_ws(i, end)
            if j < end and s[j] == "[":
                i = _group_end(s, j, end, "[", "]")
            elif j < end and s[j] == "{":
                i = _group_end(s, j, end)
                groups += 1
            else:
                break
        return i

    def scan(self, i: int, end: int) -> None:
        s, b = self.s, self.b
        while i < end:
            ch = s[i]
            if ch == "%":
                nl = s.find("\n", i, end)
                stop = end if nl < 0 else nl
                directive = parse_directive(s[i + 1 : stop], i, stop)
                if directive:
                    b.directives.append(directive)
                # TeX lets the comment eat its line end, which glues "end.% note" to the next
                # line; keep a line break instead so sentences stay apart.
                if self.line_has_content and nl >= 0:
                    b.emit_char("\n", nl)
                i = end if nl < 0 else nl + 1
                self.line_has_content = False
                continue
            if ch == "\n":
                if not self.line_has_content:
                    b.end_block()  # a blank line ends the paragraph
                else:
                    b.emit_char("\n", i)
                self.line_has_content = False
                i += 1
                continue
            if ch in " \t\r\f":
                b.emit_char(" ", i)
                i += 1
                continue
            self.line_has_content = True
            if ch == "\\":
                i = self.command(i, end)
                continue
            if ch in "{}":
                i += 1
                continue
            if ch == "~":
                b.emit_char(" ", i)
                i += 1
                continue
            if ch == "`":
                if s.startswith("``", i):
                    b.emit_char("\u201c", i)
                    i += 2
                else:
                    b.emit_char("\u2018", i)
                    i += 1
                continue
            if ch == "'" and s.startswith("''", i):
                b.emit_char("\u201d", i)
                i += 2
                continue
            if ch == "-" and s.startswith("--", i):
                if s.startswith("---", i):
                    b.emit_char("\u2014", i)
                    i += 3
                else:
                    b.emit_char("\u2013", i)
                    i += 2
                continue
            if ch == "$":
                i = self.math(i, end)
                continue
            b.emit_char(ch, i)
            i += 1

    def math(self, i: int, end: int) -> int:
        s = self.s
        if s.startswith("$$", i):
            close = s.find("$$", i + 2, end)
            return end if close < 0 else close + 2
        j = i + 1
        while j < end and s[j] != "$":
            j += 2 if s[j] == "\\" else 1
        # Inline math is kept as written, without its dollars: "$26{,}000$" stays readable enough.
        for k in range(i + 1, min(j, end)):
            if s[k] not in "{}":
                self.b.emit_char(s[k], k)
        return min(j + 1, end)

    def command(self, i: int, end: int) -> int:
        s, b = self.s, self.b
        if i + 1 >= end:
            return end
        nxt = s[i + 1]
        if not nxt.isalpha() or not nxt.isascii():
            if nxt == "\\":
                b.emit_break(i)
                j = i + 2
                if j < end and s[j] == "*":
                    j += 1
                if j < end and s[j] == "[":
                    j = _group_end(s, j, end, "[", "]")
                return j
            if nxt in _LITERAL_SYMBOLS:
                b.emit_char(_LITERAL_SYMBOLS[nxt], i + 1)
                return i + 2
            if nxt in _SPACING_SYMBOLS:
                b.emit_char(" ", i)
                return i + 2
            if nxt in _ACCENTS:
                return self.accent(i, i + 2, _ACCENTS[nxt], end)
            if nxt == "[":
                close = s.find("\\]", i + 2, end)
                return end if close < 0 else close + 2
            if nxt == "(":
                close = s.find("\\)", i + 2, end)
                stop = end if close < 0 else close
                for k in range(i + 2, stop):
                    b.emit_char(s[k], k)
                return end if close < 0 else close + 2
            return i + 2  # \@ \/ \- \! and the like: nothing
        j = i + 1
        while j < end and s[j].isascii() and s[j].isalpha():
            j += 1
        name = s[i + 1 : j]
        if _CITE_RE.match(name) and name != "nocite":
            stop = self._args_end(j, end, max_groups=1 if not name.endswith("s") else 99)
            for k in range(i, stop):
                b.emit_char(s[k], k)
            return stop
        if name in _SECTIONS:
            b.end_block()
            k = j + 1 if j < end and s[j] == "*" else j
            k = self._skip_ws(k, end)
            if k < end and s[k] == "[":
                k = self._skip_ws(_group_end(s, k, end, "[", "]"), end)
            if k < end and s[k] == "{" and self.depth < MAX_NESTING:
                close = _group_end(s, k, end)
                b.begin_block("heading", _SECTIONS[name])
                self.nested(k + 1, close - 1)
                b.end_block()
                return close
            return k
        if name in ("begin", "end"):
            return self.environment(i, j, end, name == "begin")
        if name == "item":
            b.begin_block()
            k = self._skip_ws(j, end)
            if k < end and s[k] == "[":
                return _group_end(s, k, end, "[", "]")
            return j
        if name == "bibitem":
            b.begin_block("references")
            k = self._skip_ws(j, end)
            if k < end and s[k] == "[":
                k = self._skip_ws(_group_end(s, k, end, "[", "]"), end)
            if k < end and s[k] == "{":
                close = _group_end(s, k, end)
                key = s[k + 1 : close - 1].strip()
                if key:  # \cite{key} resolves to the entry that follows (citations.resolve)
                    self.bibitems.append((key, close))
            return self._args_end(j, end, max_groups=1)
        if name == "par":
            b.end_block()
            return j
        if name == "footnote":
            return self.footnote(i, j, end)
        if name == "url":
            k = self._skip_ws(j, end)
            if k < end and s[k] == "{":
                close = _group_end(s, k, end)
                b.start_link(s[k + 1 : close - 1].strip())
                for m in range(k + 1, close - 1):
                    b.emit_char(s[m], m)
                b.end_link()
                return close
            return j
        if name == "href":
            k = self._skip_ws(j, end)
            if k < end and s[k] == "{":
                close = _group_end(s, k, end)
                url = s[k + 1 : close - 1].strip().replace("\\%", "%").replace("\\#", "#")
                k2 = self._skip_ws(close, end)
                if k2 < end and s[k2] == "{" and self.depth < MAX_NESTING:
                    close2 = _group_end(s, k2, end)
                    b.start_link(url)
                    self.nested(k2 + 1, close2 - 1)
                    b.end_link()
                    return close2
                return close
            return j
        if name in ("enquote", "textquote"):
            k = self._skip_ws(j + (1 if j < end and s[j] == "*" else 0), end)
            if k < end and s[k] == "{" and self.depth < MAX_NESTING:
                close = _group_end(s, k, end)
                b.emit_char("\u201c", i)
                self.nested(k + 1, close - 1)
                b.emit_char("\u201d", close - 1)
                return close
            return j
        if name in ("caption",):
            b.end_block()
            stop = self._args_end(j, end, max_groups=0)
            return stop
        if name in _DROP_WITH_ARGS:
            return self._args_end(j, end)
        if name in _LETTER_COMMANDS:
            for ch in _LETTER_COMMANDS[name]:
                b.emit_char(ch, i)
            if j < end and s[j] == "{" and s.startswith("{}", j):
                return j + 2
            return j
        if name in _ACCENTS and len(name) == 1:
            return self.accent(i, j, _ACCENTS[name], end)
        # Any other command: drop its name, star and optional arguments; its braced
        # arguments are scanned as text by the main loop.
        k = j + 1 if j < end and s[j] == "*" else j
        while True:
            m = self._skip_ws(k, end) if k < end and s[k] in " \t" else k
            if m < end and s[m] == "[":
                k = _group_end(s, m, end, "[", "]")
            else:
                break
        return k

    def accent(self, i: int, j: int, mark: str, end: int) -> int:
        s = self.s
        k = j
        while k < end and s[k] == " ":
            k += 1
        if k < end and s[k] == "{":
            close = _group_end(s, k, end)
            inner = s[k + 1 : close - 1].strip()
            if len(inner) == 1:
                base = {"\\i": "i"}.get(inner, inner)
                self.b.emit_char(unicodedata.normalize("NFC", base + mark), i)
                return close
            if inner in ("\\i", "\\j"):
                self.b.emit_char(unicodedata.normalize("NFC", inner[1] + mark), i)
                return close
            return close
        if k < end and s[k].isalpha():
            self.b.emit_char(unicodedata.normalize("NFC", s[k] + mark), i)
            return k + 1
        return j

    def footnote(self, i: int, j: int, end: int) -> int:
        s, b = self.s, self.b
        k = self._skip_ws(j, end)
        if k < end and s[k] == "[":
            k = self._skip_ws(_group_end(s, k, end, "[", "]"), end)
        if k >= end or s[k] != "{" or self.depth >= MAX_NESTING:
            return j
        close = _group_end(s, k, end)
        self.notes += 1
        b.emit_char(" ", i)
        position = b.pos
        self.nested(k + 1, close - 1)
        while position < b.pos and b.chars[position].isspace():
            position += 1
        note = Footnote(label=str(self.notes), start=position, end=b.pos, refs=[(i, k + 1)],
                        ref_positions=[position])
        b.footnotes.append(note)
        b.emit_char(" ", close - 1)
        return close

    def environment(self, i: int, j: int, end: int, begin: bool) -> int:
        s, b = self.s, self.b
        k = self._skip_ws(j, end)
        if k >= end or s[k] != "{":
            return j
        close = _group_end(s, k, end)
        env = s[k + 1 : close - 1].strip()
        b.end_block()
        if begin:
            if env in _SKIP_ENVS:
                pattern = re.compile(r"\\end\s*\{" + re.escape(env) + r"\}")
                match = pattern.search(s, close, end)
                return end if match is None else match.end()
            if env in ("thebibliography", "minipage", "multicols", "wrapfigure", "tabularx"):
                close = self._args_end(close, end, max_groups=1)
            else:
                close = self._args_end(close, end, max_groups=0)
            if env in _ENV_CONTAINERS:
                b.containers.append(_ENV_CONTAINERS[env])
            self.env_stack.append(env)
            self.open_envs[env] += 1
        else:
            if self.open_envs[env] > 0:
                while self.env_stack:
                    top = self.env_stack.pop()
                    self.open_envs[top] -= 1
                    if top in _ENV_CONTAINERS and b.containers:
                        b.containers.pop()
                    if top == env:
                        break
        self.line_has_content = True
        return close
