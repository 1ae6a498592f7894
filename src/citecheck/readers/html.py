"""HTML essays (a blog post page): the article's text, with exact offsets into the page.

BeautifulSoup picks the article body and the parts to leave out (navigation, sidebars,
comments, scripts); it does not say where a text node came from, so the text itself comes
from Python's own ``html.parser`` run over the source, whose positions are exact. Both use the
same tokenizer, so a start tag's position identifies the same element in each.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers import PlainBuilder, parse_directive
from citecheck.urls import join_url

ROOT_SELECTORS = ("article", "main", ".entry-content", ".post-content", "#content")
_DROPPED = (
        "nav", "aside", ".sidebar", ".widget", "#sidebar", "#secondary",
        "#comments", ".comments", ".comment-list", ".comment-respond", ".comments-area",
        "script", "style", "form", "noscript", "template", "iframe", "svg", "button",
        ".sharedaddy", ".jp-relatedposts", ".screen-reader-text",
        ".entry-footer", ".entry-meta", ".post-meta", ".post-navigation", ".nav-links",
)
DROP_SELECTOR = ", ".join(_DROPPED)
# Never text, wherever they are.
_ALWAYS_DROP = {"script", "style", "noscript", "template", "svg", "head", "title", "pre", "textarea", "select"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "menuitem", "spacer",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BREAKING = {
    "div", "section", "article", "header", "footer", "main", "figure", "figcaption", "table",
    "tr", "td", "th", "ul", "ol", "dl", "dd", "dt", "hr", "address", "caption", "details",
    "summary", "aside", "nav", "body", "center", "fieldset", "legend",
}
_LINE_RE = re.compile(r"\n")
# html.parser raises AssertionError on "<![" not followed by a keyword it knows; browsers read
# such a thing as a bogus comment up to the next ">".
_MARKED_RE = re.compile(r"<!\[(?:(?P<name>[a-zA-Z][-_.a-zA-Z0-9]*))?")
_MARKED_NAMES = {"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"}


def _neutralise_marked_sections(source: str) -> str:
    """Unknown ``<![...`` sections become comments of the same length (offsets stay exact)."""
    if "<![" not in source:
        return source
    parts: list[str] = []
    last = 0
    for match in _MARKED_RE.finditer(source):
        if (match.group("name") or "").lower() in _MARKED_NAMES or match.start() < last:
            continue
        end = source.find(">", match.start())
        end = len(source) if end < 0 else end + 1
        length = end - match.start()
        parts.append(source[last:match.start()])
        parts.append("<!--" + " " * (length - 7) + "-->" if length >= 7 else " " * length)
        last = end
    parts.append(source[last:])
    return "".join(parts)


def parse(source: str, path: str) -> Document:
    """Read an HTML page: the article body as plain text, its links, blocks and directives."""
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    source = _neutralise_marked_sections(source)
    try:
        return _parse(source, path, BeautifulSoup, MarkupResemblesLocatorWarning, warnings)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - html.parser / bs4 reject some markup: the essay's problem
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        raise InputError(f"the HTML cannot be parsed ({type(exc).__name__}: {detail})", path,
                         hint="check the page's markup, e.g. with an HTML validator") from None


def _parse(source: str, path: str, BeautifulSoup: Any, MarkupResemblesLocatorWarning: Any,
           warnings: Any) -> Document:
    with warnings.catch_warnings():
        # An essay that is one line of text "looks like a URL" to bs4; it is still an essay.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(source, "html.parser")
    starts = [0] + [m.end() for m in _LINE_RE.finditer(source)]

    def offset_of(tag: Any) -> int | None:
        line, col = getattr(tag, "sourceline", None), getattr(tag, "sourcepos", None)
        if line is None or col is None or line - 1 >= len(starts):
            return None
        return starts[line - 1] + col

    root = None
    for selector in ROOT_SELECTORS:
        root = soup.select_one(selector)
        if root is not None:
            break
    if root is None:
        root = soup.body
    root_offset = offset_of(root) if root is not None else None
    drops = {offset_of(el) for el in soup.select(DROP_SELECTOR)}
    for el in soup.find_all(["header", "footer"]):
        # A header or footer inside the article (its title, its byline) is part of it.
        holds_root = root is not None and any(parent is el for parent in root.parents)
        if el.find_parent(["article", "main"]) is None and not holds_root:
            drops.add(offset_of(el))
    drops.discard(None)
    if root_offset is not None:
        drops.discard(root_offset)

    metadata = _metadata(soup)
    base = metadata.get("url") if isinstance(metadata.get("url"), str) else None
    parser = _TextParser(source, starts, root_offset, drops, base)  # type: ignore[arg-type]
    parser.feed(source)
    parser.close()
    return parser.b.finish(path, "html", metadata=metadata)


def _metadata(soup: Any) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    for meta in soup.find_all("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = meta.get("content")
        if not content:
            continue
        if key in ("citation_date", "citation_publication_date", "article:published_time", "dc.date"):
            metadata.setdefault("date", content.strip())
        elif key in ("citation_title", "og:title"):
            metadata.setdefault("title", content.strip())
        elif key in ("citation_author", "author", "article:author"):
            metadata.setdefault("author", content.strip())
        elif key == "og:url":
            metadata.setdefault("url", content.strip())
    if "title" not in metadata and soup.title and soup.title.string:
        metadata["title"] = soup.title.string.strip()
    base = soup.find("base", href=True) or soup.find("link", rel="canonical", href=True)
    if base is not None:
        metadata["url"] = str(base["href"]).strip()
    return metadata


class _Element:
    __slots__ = ("block", "container", "drops", "is_root", "link", "tag")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.drops = False
        self.is_root = False
        self.container = False
        self.link = False
        self.block = False


class _TextParser(HTMLParser):
    def __init__(
        self, source: str, starts: list[int], root: int | None, drops: set[int], base: str | None
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = starts
        self.root = root
        self.drop_offsets = drops
        self.base = base
        self.b = PlainBuilder(source, collapse_whitespace=True)
        self.stack: list[_Element] = []
        self.open_tags: Counter[str] = Counter()  # the stack's tag names: a stray end tag costs O(1)
        self.in_root = root is None
        self.dropping = 0

    def here(self) -> int:
        line, col = self.getpos()
        return self.starts[min(line - 1, len(self.starts) - 1)] + col

    @property
    def keeping(self) -> bool:
        return self.in_root and not self.dropping

    # -- tags --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset = self.here()
        el = _Element(tag)
        if offset == self.root:
            el.is_root = True
            self.in_root = True
        if tag in _ALWAYS_DROP or offset in self.drop_offsets:
            el.drops = True
        if self.keeping:
            self._open_effects(el, tag, attrs, offset)
        if el.drops:
            self.dropping += 1
        if tag in _VOID:
            self._close_effects(el)
            return
        self.stack.append(el)
        self.open_tags[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags[tag]:
            return  # closes nothing open (without searching a deep stack for it)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                while len(self.stack) > i:
                    closed = self.stack.pop()
                    self.open_tags[closed.tag] -= 1
                    self._close_effects(closed)
                return

    def _open_effects(self, el: _Element, tag: str, attrs: list[tuple[str, str | None]], offset: int) -> None:
        b = self.b
        if el.drops:
            return
        if tag in _HEADINGS:
            b.begin_block("heading", _HEADINGS[tag])
            el.block = True
        elif tag == "p":
            b.begin_block()
            el.block = True
        elif tag == "li":
            b.containers.append("list_item")
            b.begin_block()
            el.container = el.block = True
        elif tag == "blockquote":
            b.end_block()
            b.containers.append("quote")
            el.container = el.block = True
        elif tag in _BREAKING:
            b.end_block()
            el.block = True
        elif tag == "br":
            b.emit_break(offset)
        elif tag == "a":
            href = dict(attrs).get("href")
            if href:
                href = href.strip()
                if self.base and not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", href):
                    href = join_url(self.base, href)
                b.start_link(href)
                el.link = True

    def _close_effects(self, el: _Element) -> None:
        b = self.b
        if el.drops:
            self.dropping -= 1
        if el.link:
            b.end_link()
        if el.block:
            b.end_block()
        if el.container and b.containers:
            b.containers.pop()
        if el.is_root:
            b.end_block()
            self.in_root = False

    # -- text --
    def handle_data(self, data: str) -> None:
        if not self.keeping:
            return
        start = self.here()
        for i, ch in enumerate(data):
            self.b.emit_char(ch, start + i)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name + ";", "&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name + ";", "&#" + name)

    def _reference(self, entity: str, raw: str) -> None:
        if not self.keeping:
            return
        start = self.here()
        decoded = html_lib.unescape(entity)
        if decoded == entity:  # not a known entity: the text as written
            for i, ch in enumerate(raw):
                self.b.emit_char(ch, start + i)
            return
        for ch in decoded:
            self.b.emit_char(ch, start)

    def handle_comment(self, data: str) -> None:
        start = self.here()
        end = self.source.find("-->", start)
        end = end + 3 if end >= 0 else start + len(data) + 4
        directive = parse_directive(data, start, end)
        if directive:
            self.b.directives.append(directive)
