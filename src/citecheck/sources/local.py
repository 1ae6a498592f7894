"""Local full texts named by a library entry's ``file`` field (Zotero / Better BibTeX style)."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.model import Reference, Source
from citecheck.sources.extract import UnreadableSource, decode_text, extract

if TYPE_CHECKING:
    from citecheck.sources.textcache import TextCache

__all__ = ["FilePolicy", "load_local", "parse_file_field"]

_CONTENT_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": "application/pdf",
}
_TRUE = {"true", "yes", "1"}
_WINDOWS_ABSOLUTE_RE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split at ``sep`` not preceded by a backslash; escapes are kept for the next step."""
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in (sep, "\\"):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\([:;\\])", r"\1", text)


def _is_drive(part: str, following: str) -> bool:
    return len(part) == 1 and part.isalpha() and following[:1] in ("\\", "/")


def _item_path(item: str) -> str:
    """The path in one ``file`` item: ``path`` or ``Description:path:mime``."""
    parts = _split_unescaped(item, ":")
    if len(parts) == 1:
        return _unescape(parts[0])
    if _is_drive(parts[0], parts[1]):
        # "C:\dir\f.pdf" (maybe followed by ":mime")
        path = parts[0] + ":" + parts[1]
        return _unescape(path)
    if len(parts) == 2:
        # "Description:path"
        return _unescape(parts[1] or parts[0])
    # "Description:path:mime"; the path may itself hold an unescaped drive colon.
    middle = parts[1:-1]
    return _unescape(":".join(middle))


def parse_file_field(value: str, bib_dir: Path) -> list[Path]:
    """The paths in a ``file`` field, in order; relative paths are taken from ``bib_dir``.

    Items are separated by ``;``; each is a path or ``Description:path:mime`` (Zotero/JabRef),
    where ``\\:`` and ``\\;`` escape separators and Windows drive letters (``C:\\...``) are allowed.
    """
    paths: list[Path] = []
    for item in _split_unescaped(value.strip(), ";"):
        item = item.strip()
        if not item:
            continue
        raw = _item_path(item).strip()
        raw = raw.removeprefix("file://")
        if not raw:
            continue
        if _WINDOWS_ABSOLUTE_RE.match(raw):
            paths.append(Path(raw))
            continue
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path(bib_dir) / path
        paths.append(path)
    return paths


@dataclass(frozen=True)
class FilePolicy:
    """Where a ``file`` field may read: the .bib's own directory and ``source_dirs``, unless
    ``allow_anywhere`` (config ``allow-absolute-source-files``). A .bib is untrusted input like
    an essay: without this, ``file = {../../.ssh/id_rsa}`` would put a private file in a report.
    """

    source_dirs: tuple[Path, ...] = ()
    allow_anywhere: bool = False

    def refusal(self, path: Path, bib_dir: Path) -> str | None:
        """Why ``path`` may not be read (None when it may). Symbolic links are followed first."""
        if self.allow_anywhere:
            return None
        try:
            real = Path(os.path.realpath(path))
        except (OSError, ValueError) as exc:
            return f"its path cannot be resolved ({exc})"
        roots = [bib_dir, *self.source_dirs]
        for root in roots:
            try:
                if real.is_relative_to(os.path.realpath(root)):
                    return None
            except (OSError, ValueError):
                continue
        allowed = "the .bib's directory" + (" or `source-dirs`" if self.source_dirs else "")
        return (f"it is outside {allowed} (after following `..`, `~`, absolute paths and symbolic links); "
                "list its folder in `source-dirs`, or set `allow-absolute-source-files = true` for a trusted library")


def _candidates(path: Path, bib_dir: Path, policy: FilePolicy) -> list[Path]:
    """``path`` (relative ones taken from the .bib's directory), then from each source dir."""
    found = [path]
    try:
        relative = path.relative_to(bib_dir)
    except ValueError:
        return found
    if relative.is_absolute() or str(relative).startswith("~"):
        return found
    found.extend(Path(root) / relative for root in policy.source_dirs)
    return found


def load_local(reference: Reference, bib_dir: Path, policy: FilePolicy | None = None,
               texts: Callable[[], TextCache] | None = None) -> Source | None:
    """The entry's local full text: the first existing file of its ``file`` field.

    None when the entry has no ``file`` field; a Source with status ``none`` and a reason when no
    listed file exists; a Source with status ``file`` otherwise (with a reason and no text when
    the file has no usable text, or when ``policy`` refuses to read it: see :class:`FilePolicy`).
    ``texts`` gives the cache of extracted texts (sources/textcache.py): a PDF or HTML file's
    text is taken from it, or extracted and kept there, so no worker or re-run extracts it again.
    """
    policy = policy or FilePolicy()
    value = reference.fields.get("file", "")
    if not value.strip():
        return None
    try:
        paths = parse_file_field(value, bib_dir)
    except (ValueError, OSError):  # e.g. a NUL byte, or `~user` of a user that does not exist
        paths = []
    if not paths:
        return None
    complete = reference.fields.get("citecheck-fulltext", "").strip().lower() in _TRUE
    refused: list[tuple[Path, str]] = []
    for listed in paths:
        for path in _candidates(listed, Path(bib_dir), policy):
            try:
                exists = path.is_file()
            except (OSError, ValueError):
                exists = False
            if not exists:
                continue
            why = policy.refusal(path, Path(bib_dir))
            if why is None:
                return _read(reference.key, path, complete, texts)
            refused.append((path, why))
            break
    if refused:
        path, why = refused[0]
        return Source(id=reference.key, path=str(path), status="file", complete=complete,
                      reason=f"file {path} was not read: {why}")
    listed_text = ", ".join(str(p) for p in paths)
    return Source(id=reference.key, path=str(paths[0]), status="none", reason=f"file {listed_text} not found")


def _read(key: str, path: Path, complete: bool, texts: Callable[[], TextCache] | None = None) -> Source:
    source = Source(id=key, path=str(path), status="file", complete=complete)
    try:
        body = path.read_bytes()
    except OSError as exc:
        source.reason = f"file {path} cannot be read: {exc.strerror or exc}"
        return source
    source.sha256 = hashlib.sha256(body).hexdigest()
    content_type = _CONTENT_TYPES.get(path.suffix.lower())
    source.content_type = content_type
    if content_type is None:
        source.reason = f"unsupported file type {path.suffix or '(no suffix)'} for {path}"
        return source
    try:
        if content_type in ("text/plain", "text/markdown"):
            text = decode_text(body)
            if not text.strip():
                raise UnreadableSource("empty")
            # "Penélope" written with a combining accent is the essay's "Penélope" (composed).
            source.text = unicodedata.normalize("NFC", text)
        else:
            source.text, source.pages = _extracted(body, content_type, texts)
    except UnreadableSource as exc:
        source.reason = f"{path.name}: {exc.reason}"
        source.text = ""
    return source


def _extracted(body: bytes, content_type: str, texts: Callable[[], TextCache] | None
               ) -> tuple[str, list[tuple[int, int]] | None]:
    """(text, pages) of a PDF or HTML file's ``body``, through the text cache when there is one."""
    if texts is None:
        extracted = extract(body, content_type, url=None)
        return extracted.text, extracted.pages
    from citecheck.sources.textcache import text_key

    cache = texts()
    key = text_key(body, content_type, None)
    cached = cache.get(key)
    if cached is not None:
        return cached
    extracted = extract(body, content_type, url=None)
    if extracted.text.strip():
        cache.put(key, extracted.text, extracted.pages)
    return extracted.text, extracted.pages
