"""Progress for people: a rich bar on a terminal, a status line every few seconds in CI logs.

The library API reports two kinds of events: ``stage(name, done, total)`` for essays (read,
checked) and ``source(url, source)`` for each web source as it arrives. :class:`RunProgress`
turns them into

- on a TTY, a rich bar: essays done / total with the stage, sources fetched, elapsed and ETA;
- off a TTY (CI logs, pipes), one line on stderr every ``interval`` seconds (10 by default),
  only once a run has lasted that long, so short runs print nothing.

Nothing here touches the report: progress goes to stderr only.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import IO, Any, Self

STATUS_INTERVAL = 10.0
_STAGE_WORDS = {"read": "essays read", "check": "essays checked"}


class RunProgress:
    """Context manager receiving the API's progress events; see the module docstring."""

    def __init__(self, enabled: bool = True, stream: IO[str] | None = None, tty: bool | None = None,
                 interval: float | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty() if tty is None else tty
        if interval is None:
            interval = float(os.environ.get("CITECHECK_STATUS_INTERVAL", STATUS_INTERVAL))
        self.interval = interval
        self.stage_name = "read"
        self.done = 0
        self.total = 0
        self.sources = 0
        self.started = time.monotonic()
        self.last_status = self.started
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._bar: Any = None
        self._essays: Any = None
        self._fetched: Any = None

    # -- events from the API ----------------------------------------------------------

    def stage(self, name: str, done: int, total: int) -> None:
        """Essays: ``done`` of ``total`` are through stage ``name`` (read, check)."""
        with self._lock:
            self.stage_name, self.done, self.total = name, done, total
        if self._bar is not None:
            if done == 0:
                self._bar.reset(self._essays, total=total)
            self._bar.update(self._essays, completed=done, total=total,
                             description=_STAGE_WORDS.get(name, name))

    def source(self, url: str, source: Any) -> None:
        """One web source has arrived (from the network, the cache, an archive or a snapshot)."""
        with self._lock:
            self.sources += 1
        if self._bar is not None:
            self._bar.update(self._fetched, advance=1, description=f"sources   {source.status:<10} {url[:48]}")

    __call__ = source  # the API's ``progress(url, source)`` callback

    # -- off a TTY: a status line ---------------------------------------------------------

    def status_line(self, now: float | None = None) -> str:
        """``citecheck: 40/200 essays read, 33 sources fetched, 0:01:20 elapsed``."""
        elapsed = int((time.monotonic() if now is None else now) - self.started)
        with self._lock:
            stage = _STAGE_WORDS.get(self.stage_name, self.stage_name)
            text = f"citecheck: {self.done}/{self.total} {stage}, {self.sources} source{'s' * (self.sources != 1)} fetched"
        return f"{text}, {elapsed // 3600}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d} elapsed"

    def tick(self, now: float) -> bool:
        """Print a status line when ``interval`` has passed since the last one (or the start)."""
        if now - self.last_status < self.interval:
            return False
        self.last_status = now
        print(self.status_line(now), file=self.stream, flush=True)
        return True

    def _status_loop(self) -> None:
        while not self._stop.wait(min(1.0, self.interval)):
            self.tick(time.monotonic())

    # -- lifetime ---------------------------------------------------------------------

    def __enter__(self) -> Self:
        if not self.enabled:
            return self
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(TextColumn("{task.description:<15}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=Console(file=self.stream), transient=True)
            self._essays = self._bar.add_task(_STAGE_WORDS["read"], total=None)
            self._fetched = self._bar.add_task("sources", total=None)
            self._bar.start()
        else:
            self._thread = threading.Thread(target=self._status_loop, name="citecheck-status", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        if self._bar is not None:
            self._bar.stop()
