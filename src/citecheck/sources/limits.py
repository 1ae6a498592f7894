"""Limits on the wire: hard deadlines on one request and one fetch, and per-host slots.

A socket timeout only bounds each ``recv``, so a server dripping one byte a second would hold a
plain client for as long as it likes. :class:`_Deadline` shuts the request's socket down from a
timer when its limit passes; the connection pools of :func:`_pool_classes` hand each new
connection attempt (retries included) to the deadline of the request the current thread is
sending (``_ACTIVE.deadline``), and :meth:`~citecheck.sources.http.Fetcher.fetch` sets the end of
the whole fetch (``_ACTIVE.fetch_end``). :class:`HostSlots` bounds the requests in flight per
host; the per-host request interval is requests-ratelimiter's, set up in
:mod:`citecheck.sources.transport`.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any, Self


class _Deadline:
    """Hard limits on one request: ``per_attempt`` seconds from each connection attempt (retries
    included) to the last byte of its body, and an overall end for the whole fetch.

    When a limit passes, the request's socket is shut down from a timer. A socket timeout only
    bounds each ``recv``, so a server dripping one byte a second would hold a plain client for as
    long as it likes; the shutdown ends any blocked read at once.
    """

    def __init__(self, per_attempt: float, overall_end: float | None) -> None:
        self.per_attempt = max(0.0, per_attempt)
        self.overall_end = overall_end
        self.expired = False
        self.seconds = self.per_attempt  # the limit of the current attempt, for messages
        self.ends_at = time.monotonic() + self.per_attempt
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Self:
        _ACTIVE.deadline = self
        self._arm()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        _ACTIVE.deadline = None

    def _arm(self) -> None:
        now = time.monotonic()
        end = now + self.per_attempt
        if self.overall_end is not None:
            end = min(end, self.overall_end)
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self.ends_at = end
            self.seconds = max(0.0, end - now)
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def attach(self, connection: Any) -> None:
        """A new attempt on ``connection``: its own full limit starts now (never past the overall end)."""
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)
        else:
            self._arm()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)


def _shut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_ACTIVE = threading.local()  # the _Deadline of the request this thread is sending, if any


def _pool_classes() -> dict[str, type]:
    """Connection pools that hand each connection to the current request's deadline."""
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def make(base: type) -> type:
        class DeadlinePool(base):  # type: ignore[misc,valid-type]
            def _make_request(self, conn: Any, *args: Any, **kwargs: Any) -> Any:
                deadline = getattr(_ACTIVE, "deadline", None)
                if deadline is not None:
                    deadline.attach(conn)
                return super()._make_request(conn, *args, **kwargs)

        return DeadlinePool

    return {"http": make(HTTPConnectionPool), "https": make(HTTPSConnectionPool)}


class HostSlots:
    """Per-host concurrency: at most ``per_host`` requests in flight to one host:port, and a count
    of the requests that went on the wire (the request interval is requests-ratelimiter's)."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self.requests_sent: dict[str, int] = {}  # per host:port
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def slot(self, netloc: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._slots.get(netloc)
            if slot is None:
                slot = self._slots[netloc] = threading.BoundedSemaphore(self.per_host)
            return slot

    def count_request(self, netloc: str) -> None:
        with self._lock:
            self.requests_sent[netloc] = self.requests_sent.get(netloc, 0) + 1


__all__ = ["HostSlots"]
