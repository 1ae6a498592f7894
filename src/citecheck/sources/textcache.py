"""Extracted source texts, cached beside the HTTP cache so no worker extracts a page twice.

The HTTP cache keeps each page's body; turning a body into text (trafilatura, pypdf) is the
costly step after it, and every process that meets the page would do it again: each ``--shard``
job, each Dask worker, each re-run. The same goes for a PDF or HTML file named by a ``file``
field (sources/local.py), so its text is kept here too (keyed by its bytes, not its path). This cache keeps the result of that step where the HTTP
cache is: a SQLite file beside ``http-cache.sqlite`` in ``cache-dir`` (default), or the same
Redis as ``--cache-url redis://…`` under the key namespace ``citecheck-texts``.

Semantics, the same for both backends:

- the key is a SHA-256 of the extractor's identity (citecheck, trafilatura and pypdf versions),
  the body's Content-Type and URL, and the body itself: a page that changes gets a new key, so an
  entry is never stale, and a new citecheck never reads an older one's text;
- an entry lives ``expire-after-days`` (the HTTP cache's expiry): Redis expires it itself (a TTL
  on the key), SQLite stores the end and drops ended rows when it opens;
- only texts are kept, never a failure (an unreadable body is cheap to try again and a
  ``MemoryError`` may not happen twice);
- the cache is an accelerator: if it cannot be opened, read or written, the text is extracted as
  if it were not there, and the run goes on; a SQLite file that is not a database is replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

NAMESPACE = "citecheck-texts"
FILENAME = "texts.sqlite"
_FORMAT = 1  # of a stored value; part of the key


def _extractor_identity() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from citecheck import __version__

    parts = [f"citecheck {__version__}", f"format {_FORMAT}"]
    for package in ("trafilatura", "pypdf"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package} -")
    return "; ".join(parts)


_IDENTITY: list[str] = []


def text_key(body: bytes, content_type: str | None, url: str | None) -> str:
    """The cache key of the text of ``body`` served as ``content_type`` from ``url``."""
    if not _IDENTITY:
        _IDENTITY.append(_extractor_identity())
    digest = hashlib.sha256()
    for part in (_IDENTITY[0], content_type or "", url or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(body)
    return digest.hexdigest()


def _encode(text: str, pages: list[tuple[int, int]] | None) -> bytes:
    data = {"text": text, "pages": [list(p) for p in pages] if pages is not None else None}
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"), 1)


def _decode(blob: bytes) -> tuple[str, list[tuple[int, int]] | None] | None:
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
        text = data["text"]
        pages = data["pages"]
        if not isinstance(text, str) or not text:
            return None
        if pages is not None:
            pages = [(int(start), int(number)) for start, number in pages]
        return text, pages
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None  # a damaged entry: extract again (and overwrite it)


class TextCache:
    """Extracted texts by :func:`text_key`; ``get``/``put`` never raise (see the module doc).

    This base class keeps nothing: it stands in when the real cache cannot be opened.
    """

    def get(self, key: str) -> tuple[str, list[tuple[int, int]] | None] | None:
        try:
            blob = self._get(key)
        except Exception:  # noqa: BLE001 - an accelerator that fails is one that is not there
            return None
        return _decode(blob) if blob is not None else None

    def put(self, key: str, text: str, pages: list[tuple[int, int]] | None) -> None:
        if not text:
            return
        try:
            self._put(key, _encode(text, pages))
        except Exception:  # noqa: BLE001, S110 - as in get: the run goes on without the cache
            pass

    def _get(self, key: str) -> bytes | None:
        return None

    def _put(self, key: str, blob: bytes) -> None:
        raise OSError("no text cache")

    def close(self) -> None:
        """Release connections (the cache opens them again on next use)."""


class RedisTexts(TextCache):
    """Texts in Redis under ``citecheck-texts:<key>``, each with a TTL of ``expire_after``."""

    def __init__(self, connection: Any, expire_after: timedelta) -> None:
        super().__init__()
        self.connection = connection  # redis-py: its connection pool opens new sockets after a fork
        self.ttl = max(1, int(expire_after.total_seconds()))

    def _get(self, key: str) -> bytes | None:
        value = self.connection.get(f"{NAMESPACE}:{key}")
        return bytes(value) if value is not None else None

    def _put(self, key: str, blob: bytes) -> None:
        self.connection.set(f"{NAMESPACE}:{key}", blob, ex=self.ttl)


class SQLiteTexts(TextCache):
    """Texts in a SQLite file (WAL, shared by the processes of a run and by later runs)."""

    def __init__(self, path: Path, expire_after: timedelta) -> None:
        super().__init__()
        self.path = path
        self.seconds = max(1.0, expire_after.total_seconds())
        self._lock = threading.Lock()
        self._connection: Any = None
        self._pid = 0

    def _db(self) -> Any:
        # A SQLite connection must not cross a fork: a worker process opens its own.
        if self._connection is None or self._pid != os.getpid():
            import sqlite3

            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                connection = self._open(sqlite3)
            except sqlite3.DatabaseError as exc:
                if type(exc) is not sqlite3.DatabaseError:  # locked, read-only…: not ours to repair
                    raise
                # "file is not a database": it only ever held a cache, so start a new one.
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                connection = self._open(sqlite3)
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def _open(self, sqlite3: Any) -> Any:
        connection = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE IF NOT EXISTS texts "
                               "(key TEXT PRIMARY KEY, value BLOB NOT NULL, expires REAL NOT NULL)")
            connection.execute("DELETE FROM texts WHERE expires <= ?", (time.time(),))
        except BaseException:
            connection.close()
            raise
        return connection

    def _get(self, key: str) -> bytes | None:
        with self._lock:
            row = self._db().execute("SELECT value FROM texts WHERE key = ? AND expires > ?",
                                     (key, time.time())).fetchone()
        return bytes(row[0]) if row is not None else None

    def _put(self, key: str, blob: bytes) -> None:
        with self._lock:
            self._db().execute("INSERT OR REPLACE INTO texts (key, value, expires) VALUES (?, ?, ?)",
                               (key, blob, time.time() + self.seconds))

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            self._connection = None


def make_text_cache(cache_url: str | None, cache_dir: Path, expire_after: timedelta) -> TextCache:
    """The text cache beside the HTTP cache: the Redis at ``cache_url``, else SQLite in ``cache_dir``."""
    if cache_url:
        from citecheck.sources.cache import redis_connection

        return RedisTexts(redis_connection(cache_url), expire_after)
    return SQLiteTexts(cache_dir / FILENAME, expire_after)


__all__ = ["NAMESPACE", "RedisTexts", "SQLiteTexts", "TextCache", "make_text_cache", "text_key"]
