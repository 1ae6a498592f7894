"""The HTTP cache's backend: SQLite in the cache directory (default), or a shared Redis.

A fleet (CI shards, Dask workers, several machines) shares one cache with
``--cache-url redis://host:6379/0`` (config ``cache-url``): a page fetched by one worker is a
cache hit for every other, so no page is fetched twice. requests-cache's own backends are used;
citecheck adds nothing but the choice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citecheck.errors import ConfigError

REDIS_SCHEMES = ("redis", "rediss", "unix")
NAMESPACE = "citecheck-http"


def check_cache_url(url: str) -> str:
    """``url`` when it names a cache backend citecheck can use; else a ConfigError saying why."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in REDIS_SCHEMES:
        raise ConfigError(f"cache-url: {url!r} is not a Redis URL",
                          hint="use redis://host:6379/0 (or rediss://, unix://); leave it empty for SQLite")
    return url


def redis_connection(cache_url: str) -> Any:
    """A Redis client for ``cache_url`` that has answered a ping; else a ConfigError saying why."""
    check_cache_url(cache_url)
    from redis import Redis

    connection = Redis.from_url(cache_url, socket_connect_timeout=10, socket_timeout=30)
    try:
        connection.ping()
    except Exception as exc:  # noqa: BLE001 - any connection failure is the user's to fix
        raise ConfigError(f"cannot reach the cache at {cache_url}: {exc}",
                          hint="start redis-server there, or drop --cache-url to use the local SQLite cache") from None
    return connection


def make_backend(cache_url: str | None, sqlite_path: Path) -> Any:
    """The requests-cache backend: Redis at ``cache_url``, else SQLite at ``sqlite_path``."""
    if cache_url:
        from requests_cache.backends.redis import RedisCache

        return RedisCache(namespace=NAMESPACE, connection=redis_connection(cache_url))
    from requests_cache.backends.sqlite import SQLiteCache

    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteCache(str(sqlite_path), wal=True, busy_timeout=30000)


__all__ = ["check_cache_url", "make_backend", "redis_connection"]
