"""Snapshot directories: the fetched sources of an essay, committed next to it for CI.

Layout (diff-friendly, deterministic: same sources, same bytes)::

    DIR/index.json                 url -> provenance (sorted keys, 2-space indent, UTF-8)
    DIR/texts/<slug>-<sha8>.txt    the extracted text of each source (<sha8>: hash of the URL,
                                   so a changed page rewrites the same file)
    DIR/texts/<slug>-<sha8>.archive.txt   the archived capture near `urldate`, when one was used
                                   for link-drift

An index entry holds ``id, url, final_url, archive_url, archive_timestamp, fetched_at,
http_status, sha256`` (of the text, UTF-8), ``words, file, archive_file, status, reason,
content_type, redirects, pages, complete``. Reading an entry back gives a Source whose status is
``snapshot`` when the text came from the live page, and the recorded status otherwise
(``archived``, ``dead``, ``refused``), so an offline run reproduces the link findings of the run
that wrote the snapshot. Entries that recorded no usable outcome (``unreachable``,
``offline-miss``, ``none``) are not served: the caller falls through to the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citecheck.model import Source

INDEX = "index.json"
LOCK = ".index.lock"
TEXTS = "texts"
_SERVED = {"live", "snapshot", "archived", "dead", "refused"}


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slug_for(url: str) -> str:
    """A short readable file-name stem for a URL: host and path, lower case, ASCII."""
    parts = urlsplit(url)
    raw = f"{parts.hostname or ''}{parts.path}".lower()
    slug = re.sub(r"[^a-z0-9]+", "-", raw).strip("-")
    return (slug[:60].rstrip("-") or "source")


class SnapshotStore:
    """A snapshot directory: read by ``check --offline --snapshots DIR``, written by ``fetch``."""

    def __init__(self, directory: str | Path) -> None:
        self.dir = Path(directory)
        self._lock = threading.Lock()
        self._index: dict[str, dict[str, Any]] | None = None

    @property
    def index_path(self) -> Path:
        return self.dir / INDEX

    def _load(self, fresh: bool = False) -> dict[str, dict[str, Any]]:
        if self._index is None or fresh:
            try:
                data = json.loads(self.index_path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                data = {}
            except (OSError, ValueError) as exc:
                from citecheck.errors import InputError

                raise InputError(f"snapshot index cannot be read: {exc}", str(self.index_path),
                                 hint="delete it and run `citecheck fetch` again") from None
            self._index = data if isinstance(data, dict) else {}
        return self._index

    def entries(self) -> dict[str, dict[str, Any]]:
        """The index as stored (url -> entry)."""
        with self._lock:
            return dict(self._load())

    def file_stem(self, url: str) -> str:
        return f"{slug_for(url)}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"

    def write(self, source: Source) -> None:
        """Record ``source`` (keyed by its URL) and its text; the index is rewritten sorted."""
        url = source.url or source.id
        stem = self.file_stem(url)
        entry: dict[str, Any] = {
            "id": source.id,
            "url": url,
            "final_url": source.final_url,
            "archive_url": source.archive_url,
            "archive_timestamp": source.archive_timestamp,
            "fetched_at": source.fetched_at,
            "http_status": source.http_status,
            "sha256": source.sha256 or (text_sha256(source.text) if source.text else None),
            "words": source.words if source.available else 0,
            "file": None,
            "archive_file": None,
            "status": source.status,
            "reason": source.reason or None,
            "content_type": source.content_type,
            "redirects": list(source.redirects),
            "pages": [list(p) for p in source.pages] if source.pages else None,
            "complete": source.complete,
        }
        with self._lock:
            texts = self.dir / TEXTS
            texts.mkdir(parents=True, exist_ok=True)
            if source.available:
                entry["file"] = f"{TEXTS}/{stem}.txt"
                _write_atomic(self.dir / entry["file"], source.text)
            if source.archive_text:
                entry["archive_file"] = f"{TEXTS}/{stem}.archive.txt"
                _write_atomic(self.dir / entry["archive_file"], source.archive_text)
            # Another process (a second `citecheck fetch`) may write the same directory: under the
            # lock file, read the index as it is on disk now, add this entry, and replace it.
            with self._file_lock():
                index = self._load(fresh=True)
                index[url] = entry
                _write_atomic(self.index_path,
                              json.dumps(index, sort_keys=True, indent=2, ensure_ascii=False) + "\n")

    def _file_lock(self) -> Any:
        from filelock import FileLock

        self.dir.mkdir(parents=True, exist_ok=True)
        ignore = self.dir / ".gitignore"
        if not ignore.exists():
            try:
                _write_atomic(ignore, f"{LOCK}\n")  # the lock file is not part of the snapshot
            except OSError:
                pass
        return FileLock(str(self.dir / LOCK), timeout=120)

    def _inside(self, relative: str) -> Path | None:
        """``relative`` under the snapshot directory, or None when it would leave it."""
        if not isinstance(relative, str) or not relative or "\x00" in relative:
            return None
        try:
            root = Path(os.path.realpath(self.dir))
            path = Path(os.path.realpath(self.dir / relative))
        except (OSError, ValueError):
            return None
        return path if path.is_relative_to(root) and path != root else None

    def get(self, url: str) -> Source | None:
        """The recorded Source for ``url`` (see the module docstring for its status), or None."""
        with self._lock:
            entry = self._load().get(url)
        try:
            return self._source_from(url, entry)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            return Source(id=url, url=url, status="snapshot",
                          reason=f"the snapshot index entry is malformed ({type(exc).__name__}); "
                                 "rewrite the snapshot with `citecheck fetch`")

    def _source_from(self, url: str, entry: Any) -> Source | None:
        if not entry or not isinstance(entry.get("status"), str) or entry["status"] not in _SERVED:
            return None
        text = ""
        refused = ""
        if entry.get("file"):
            path = self._inside(entry["file"])
            if path is None:
                refused = (f"the snapshot index names {str(entry['file'])[:200]!r}, outside the snapshot directory; "
                           "it was not read (rewrite the snapshot with `citecheck fetch`)")
            else:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    return None
        archive_text = None
        if entry.get("archive_file"):
            path = self._inside(entry["archive_file"])
            try:
                archive_text = path.read_text(encoding="utf-8") if path is not None else None
            except (OSError, UnicodeDecodeError):
                archive_text = None
        status = entry["status"]
        if status == "live":
            status = "snapshot"
        pages = entry.get("pages")
        return Source(
            id=entry.get("id") or url,
            url=url,
            status=status,
            text=text,
            pages=[(int(a), int(b)) for a, b in pages] if pages else None,
            complete=bool(entry.get("complete")),
            archive_url=entry.get("archive_url"),
            final_url=entry.get("final_url"),
            fetched_at=entry.get("fetched_at"),
            http_status=entry.get("http_status"),
            sha256=entry.get("sha256"),
            reason=refused or str(entry.get("reason") or ""),
            content_type=entry.get("content_type"),
            redirects=list(entry.get("redirects") or []),
            archive_text=archive_text,
            archive_timestamp=entry.get("archive_timestamp"),
        )


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["SnapshotStore", "slug_for", "text_sha256"]
