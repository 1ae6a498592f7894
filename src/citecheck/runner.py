"""Where each essay's work runs: in this process, in a pool of processes, or on a Dask cluster.

Checking is CPU-bound and essays are independent, so :func:`run_essays` maps one function over
the essays and yields the results **in essay order** as they become available: the caller
writes (or folds) each one before the next arrives, whichever engine did the work, so the
output of ``--jobs 4`` or ``--scheduler tcp://…`` is byte-identical to ``--jobs 1``.

- ``jobs == 1``: a plain loop in this process (today's behaviour, and the fallback).
- ``jobs > 1``: :mod:`multiprocessing` with the *fork* start method, so each worker inherits the
  run's state (configuration, libraries already loaded, sources prefetched by the parent) without
  pickling it; ``imap`` keeps the order and streams.
- ``scheduler``: Dask distributed (``pip install 'citecheck[dask]'``). Workers may be other
  machines, so each builds its own run from a picklable :class:`RunSpec` once per process, and
  reads web sources through the shared cache (``--cache-url redis://…``) that the parent filled.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from citecheck.errors import ConfigError


def usable_cpus(cgroup: str = "/sys/fs/cgroup") -> int:
    """CPUs this process may run on: its CPU affinity, capped by a cgroup CPU quota.

    A CI container limited to 2 CPUs on a 64-core host sees 64 CPUs by affinity; 64 workers
    on a quota of 2 only add memory and switching, so the quota (cgroup v2 ``cpu.max``, v1
    ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``) caps the count, rounded up."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        cpus = max(1, count() or 1)
    else:
        try:
            cpus = max(1, len(os.sched_getaffinity(0)))
        except (AttributeError, OSError):
            cpus = max(1, os.cpu_count() or 1)
    quota = _cgroup_quota(cgroup)
    return min(cpus, quota) if quota else cpus


def _cgroup_quota(root: str) -> int | None:
    """CPUs a cgroup CPU quota allows (rounded up), or None without a quota or a readable cgroup."""
    import math

    def read(path: str) -> list[str]:
        try:
            with open(os.path.join(root, path), encoding="ascii") as handle:
                return handle.read().split()
        except (OSError, UnicodeDecodeError):
            return []

    v2 = read("cpu.max")  # "max 100000" (no quota) or "200000 100000"
    v1 = (read("cpu/cpu.cfs_quota_us") + read("cpu/cpu.cfs_period_us")) if not v2 else []
    pair = v2 or v1
    try:
        quota, period = int(pair[0]), int(pair[1])
    except (IndexError, ValueError):  # "max", -1, or nothing to read
        return None
    if quota <= 0 or period <= 0:
        return None
    return max(1, math.ceil(quota / period))


@dataclass(frozen=True)
class RunSpec:
    """What a remote worker needs to rebuild a run: configuration and how to reach sources."""

    config: Any
    network: bool = True
    refresh: bool = False
    # Essay paths are relative to the caller's directory, and reports show them so: a worker
    # works from the same directory (on another machine: the same path on a shared file system).
    cwd: str = field(default_factory=os.getcwd)


# The state of a worker process: set by the pool's initializer (fork: the parent's own object),
# or built from a RunSpec on a Dask worker. Per process, never shared.
_WORKER_STATE: dict[str, Any] = {}


def _adopt(state: Any, fresh_session: bool) -> None:
    """Pool initializer: keep the parent's run state (inherited by fork, not pickled)."""
    import signal

    # Ctrl-C is the parent's to handle (it stops the pool and exits 130); a worker that took it
    # too would print its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_STATE["state"] = state
    provider = getattr(state, "provider", None)
    if fresh_session and hasattr(provider, "fresh_session"):
        provider.fresh_session()  # a database connection must not cross a fork
    elif fresh_session and getattr(provider, "fetcher", None) is not None:
        provider.fetcher.session = None  # made again, in this process, on first use


def _call_in_worker(work: Callable[[Any, Any], Any], item: Any) -> Any:
    return work(item, _WORKER_STATE["state"])


def _call_remote(work: Callable[[Any, Any], Any], spec: RunSpec, build: Callable[[RunSpec], Any], item: Any) -> Any:
    if spec.cwd and os.getcwd() != spec.cwd:
        os.chdir(spec.cwd)
    key = f"spec-{id(build)}-{hash(repr(spec))}"
    state = _WORKER_STATE.get(key)
    if state is None:
        state = _WORKER_STATE[key] = build(spec)
    return work(item, state)


def run_essays(
    work: Callable[[Any, Any], Any],
    items: Iterable[Any],
    state: Any,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    spec: RunSpec | None = None,
    build: Callable[[RunSpec], Any] | None = None,
) -> Iterator[Any]:
    """``work(item, state)`` for every item, yielded in the items' order.

    ``work`` must catch its own errors (an essay's failure is a result, not an exception).
    ``state`` is used as is in this process and in forked workers; a Dask worker calls
    ``build(spec)`` once instead.
    """
    items = list(items)
    if scheduler:
        if spec is None or build is None:
            raise ConfigError("a Dask scheduler needs a run that workers can rebuild (no custom provider)")
        yield from _run_dask(work, items, scheduler, spec, build)
        return
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:
        for item in items:
            yield work(item, state)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    # Small chunks: the order is kept and results stream, but a pipe round trip per essay is saved.
    chunk = max(1, min(8, len(items) // (jobs * 8)))
    with context.Pool(jobs, initializer=_adopt, initargs=(state, True)) as pool:
        yield from pool.imap(_WorkInWorker(work), items, chunksize=chunk)


class _WorkInWorker:
    """A picklable ``item -> work(item, worker state)``."""

    def __init__(self, work: Callable[[Any, Any], Any]) -> None:
        self.work = work

    def __call__(self, item: Any) -> Any:
        return _call_in_worker(self.work, item)


class _WorkRemote:
    def __init__(self, work: Callable[[Any, Any], Any], spec: RunSpec, build: Callable[[RunSpec], Any]) -> None:
        self.work, self.spec, self.build = work, spec, build

    def __call__(self, item: Any) -> Any:
        return _call_remote(self.work, self.spec, self.build, item)


def _run_dask(work: Callable[[Any, Any], Any], items: list[Any], scheduler: str, spec: RunSpec,
              build: Callable[[RunSpec], Any]) -> Iterator[Any]:
    try:
        from distributed import Client
        from distributed.comm import get_address_host_port
    except ImportError:
        raise ConfigError("--scheduler needs Dask distributed",
                          hint="pip install 'citecheck[dask]'") from None
    try:
        # Checked before a Client starts its IO-loop thread: "foo" or "tcp://host" (no port) is not
        # an address at all, and a Client given one may fail inside distributed instead of saying so.
        get_address_host_port(scheduler)
        client = Client(scheduler, timeout="20s")
    except ValueError as exc:
        raise ConfigError(f"--scheduler {scheduler!r} is not a Dask scheduler address: {exc}",
                          hint="pass the scheduler's tcp://host:port, e.g. tcp://alpha:8786") from None
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}",
                          hint="start one with `dask scheduler` and pass its tcp://host:port") from None
    task = _WorkRemote(work, spec, build)
    window = 256  # essays in flight: enough to keep a cluster busy, few enough to keep memory flat
    try:
        pending: list[Any] = []
        position = 0
        while position < len(items) or pending:
            while position < len(items) and len(pending) < window:
                pending.append(client.submit(task, items[position], pure=False, key=f"citecheck-essay-{position}"
                                             f"-{os.getpid()}-{id(items)}"))
                position += 1
            future = pending.pop(0)
            yield future.result()
            future.release()
    finally:
        client.close()


__all__ = ["RunSpec", "run_essays", "usable_cpus"]
