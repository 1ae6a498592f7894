"""Where a cited work's text comes from, first that exists (DESIGN.md):

local ``file`` → snapshot → cache / live page → archived capture near ``urldate``.

:class:`SourceProvider` turns a library Reference or a bare URL into a
:class:`~citecheck.model.Source` whose ``status`` says which copy was used (live, archived,
file, snapshot) or why there is none (dead, unreachable, offline-miss, refused, none). When
the live page answers and ``urldate`` is known, the capture near that date is fetched too and
kept in ``Source.archive_text`` so the link-drift rule can compare the two. Results are memoised
per URL for the run, and thread-safe, so :meth:`SourceProvider.prefetch` can fill them
concurrently.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.model import Reference, Source
from citecheck.urls import host_key

if TYPE_CHECKING:
    from citecheck.sources.archive import Archive, Capture
    from citecheck.sources.http import Fetcher, FetchResult
    from citecheck.sources.local import FilePolicy
    from citecheck.sources.snapshots import SnapshotStore

PRINT_WORK = "no accessible text (print work; add a `file` field)"
# The same for an entry of the essay's own reference list: there is no .bib entry to add a field to.
PRINT_WORK_LISTED = ("no accessible text (print work from the essay's reference list; to check it, "
                     "pass a .bib with --bib whose entry has a `file` field with the work's text)")
NOT_FETCHED = "not fetched"
OFFLINE_MISS = "offline: not in cache or snapshots"


class SourceProvider:
    """Gets the text of cited works; one per run, shared by every essay of the run."""

    def __init__(
        self,
        fetcher: Fetcher | None,
        archive: Archive | None = None,
        snapshots: SnapshotStore | None = None,
        offline: bool = False,
        *,
        jobs: int | None = None,
        record: bool = False,
        file_policy: FilePolicy | None = None,
        connect: Callable[[], tuple[Fetcher, Archive]] | None = None,
    ) -> None:
        self._fetcher = fetcher
        self._archive = archive
        # Makes the fetcher and archive on first use (``build_provider``): a run that never asks
        # for a web page does not import the HTTP stack, even offline with a cache.
        self._connect = connect
        self._connect_lock = threading.Lock()
        self.snapshots = snapshots
        self.offline = offline or bool(fetcher is not None and fetcher.options.offline)
        self.jobs = jobs or (fetcher.options.jobs if fetcher is not None else 1)
        self.record = record  # write every web source into the snapshot store (`citecheck fetch`)
        self.file_policy = file_policy  # where `file` fields may read (None: the .bib's directory only)
        self._memo: dict[tuple[str, str | None], Future[Source]] = {}
        self._lock = threading.Lock()

    @property
    def fetcher(self) -> Fetcher | None:
        self._connected()
        return self._fetcher

    @property
    def archive(self) -> Archive | None:
        self._connected()
        return self._archive

    def _connected(self) -> None:
        if self._connect is not None:
            with self._connect_lock:
                if self._connect is not None:
                    self._fetcher, self._archive = self._connect()
                    self._connect = None

    def fresh_session(self) -> None:
        """Give this process its own HTTP session (a forked worker must not share the parent's
        database connection); a fetcher not made yet is made in this process anyway."""
        if self._fetcher is not None:
            self._fetcher.session = None  # made again, in this process, on first use

    # -- public API ---------------------------------------------------------------------

    def for_reference(self, ref: Reference, bib_dir: Path | None = None) -> Source:
        """The Source of a library entry: its ``file``, else its ``url``, else none (print work)."""
        bib_dir = bib_dir if bib_dir is not None else Path(ref.bib_path).parent
        if ref.fields.get("file"):
            from citecheck.sources.local import load_local

            networked = self._fetcher is not None or self._connect is not None
            local = load_local(ref, bib_dir, self.file_policy,
                               texts=(lambda: self.fetcher.texts) if networked else None)  # type: ignore[union-attr]
            has_url = bool((ref.fields.get("url") or "").strip())
            # A listed file that does not exist falls back to the entry's URL, when it has one.
            if local is not None and (local.status == "file" or not has_url):
                if not local.id:
                    local.id = ref.key
                return local
        url = (ref.fields.get("url") or "").strip()
        if not url:
            listed = Path(ref.bib_path).suffix.lower() != ".bib"  # parsed from the essay (references.essay)
            return Source(id=ref.key, status="none", reason=PRINT_WORK_LISTED if listed else PRINT_WORK)
        source = self.for_url(url, urldate=ref.fields.get("urldate") or None, key=ref.key)
        # A web page is the whole work only when the entry says so (an excerpt must never be counted).
        source.complete = source.available and marked_complete(ref)
        return source

    def for_url(self, url: str, urldate: str | None = None, key: str | None = None) -> Source:
        """The Source behind ``url`` (memoised per URL and urldate); ``key`` becomes its id."""
        memo_key = (url, urldate)
        with self._lock:
            future = self._memo.get(memo_key)
            owner = future is None
            if owner:
                future = self._memo[memo_key] = Future()
        assert future is not None
        if owner:
            try:
                future.set_result(self._resolve_safely(url, urldate))
            except BaseException as exc:  # KeyboardInterrupt and the like: keep waiters from hanging
                future.set_exception(exc)
                raise
        source = future.result()
        return replace(source, id=key or url, redirects=list(source.redirects))

    def forget(self, url: str) -> None:
        """Let the memo's sources behind ``url`` go (the run's source LRU let their text go); asked
        for again, the source is read again (from the HTTP cache, the snapshot or the network)."""
        with self._lock:
            for memo_key in [k for k in self._memo if k[0] == url]:
                future = self._memo[memo_key]
                if future.done():
                    del self._memo[memo_key]

    def prefetch(self, items: Iterable[Reference | str], progress: Callable[[str, Source], None] | None = None) -> None:
        """Fill the memo for many references / URLs at once (``jobs`` threads, hosts interleaved)."""
        from citecheck.sources.http import interleave_by_host

        work: dict[str, Callable[[], Source]] = {}
        for item in items:
            if isinstance(item, Reference):
                url = (item.fields.get("url") or "").strip()
                if url and not item.fields.get("file"):
                    ref = item
                    work.setdefault(url, partial(self.for_reference, ref))
            elif item:
                work.setdefault(item, partial(self.for_url, item))
        if not work:
            return
        order = interleave_by_host(work)

        def run(url: str) -> None:
            try:
                source = work[url]()
                if progress is not None:
                    progress(url, source)
            except Exception:  # noqa: BLE001, S110 - one source's trouble never reaches the others
                pass  # the check asks for this source again and reports what it gets then

        with ThreadPoolExecutor(max_workers=max(1, self.jobs), thread_name_prefix="citecheck-source") as pool:
            try:
                list(pool.map(run, order))
            except BaseException:  # Ctrl-C: drop the queued fetches instead of running them all
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    # -- the order of DESIGN.md ---------------------------------------------------------

    def _resolve_safely(self, url: str, urldate: str | None) -> Source:
        """:meth:`_resolve`, with any unexpected failure turned into a source that says so."""
        try:
            return self._resolve(url, urldate)
        except Exception as exc:  # noqa: BLE001 - a hostile page or answer must not stop the run
            return Source(id=url, url=url, status="unreachable",
                          reason=f"internal error while getting this source ({type(exc).__name__}: {_first_line(exc)})")

    def _resolve(self, url: str, urldate: str | None) -> Source:
        from citecheck.urls import BadURL, parse_url

        try:
            parse_url(url)
        except BadURL as exc:
            # Not dead: it was never asked for, and no archive can hold it (link-malformed).
            return Source(id=url, url=url, status="malformed", reason=exc.reason)
        if self.snapshots is not None and not self.record:
            recorded = self.snapshots.get(url)
            if recorded is not None:
                return recorded
        source = self._from_network(url, urldate)
        if self.record and self.snapshots is not None and source.status not in ("offline-miss", "none"):
            self.snapshots.write(source)
        return source

    def _from_network(self, url: str, urldate: str | None) -> Source:
        if self.fetcher is None:
            return Source(id=url, url=url, status="none", reason=NOT_FETCHED)
        live = self.fetcher.fetch(url)
        if live.error == "invalid":
            return Source(id=url, url=url, status="dead", reason=live.reason, redirects=live.permanent_redirects)
        if live.error == "refused":
            return Source(id=url, url=url, status="refused", reason=live.reason, redirects=live.permanent_redirects)
        if live.ok or live.error in ("too-large", "unsupported"):
            source = self._live_source(url, live)
            if urldate and self.archive is not None and source.available:
                capture = self._closest(url, urldate)
                if capture is not None:
                    captured = self.archive.fetch_capture(capture)
                    if captured.ok:
                        text, _pages, _reason = self._extract(captured)
                        if text:
                            source.archive_text = text
                            source.archive_timestamp = capture.timestamp
                            source.archive_url = capture.page_url
            return source
        # The live page failed: dead, unreachable, or not in the cache while offline.
        if self.offline and live.offline_miss:
            status, reason = "offline-miss", OFFLINE_MISS
        else:
            status, reason = ("dead" if live.error == "dead" else "unreachable"), live.reason
        failed = Source(id=url, url=url, status=status, reason=reason, http_status=live.status_code,
                        final_url=live.final_url, redirects=live.permanent_redirects, fetched_at=live.fetched_at)
        if self.archive is None:
            return failed
        capture = self._closest(url, urldate)
        if capture is None:
            return failed
        captured = self.archive.fetch_capture(capture)
        if not captured.ok:
            return failed
        text, pages, why = self._extract(captured)
        if status == "dead":
            # The live page is gone: the capture is the source (link-archived-only).
            archived = Source(
                id=url, url=url, status="archived", text=text, pages=pages,
                archive_url=capture.page_url, final_url=live.final_url, fetched_at=captured.fetched_at,
                http_status=live.status_code, sha256=_sha(text), content_type=captured.content_type,
                reason=live.reason if text else f"{live.reason}; archived copy unreadable: {why}",
                redirects=live.permanent_redirects, archive_timestamp=capture.timestamp,
            )
            return archived
        # Unreachable this run (not dead): claims are verified against the capture, status stays.
        failed.text = text
        failed.pages = pages
        failed.sha256 = _sha(text)
        failed.archive_url = capture.page_url
        failed.archive_timestamp = capture.timestamp
        return failed

    def _closest(self, url: str, urldate: str | None) -> Capture | None:
        assert self.archive is not None
        try:
            return self.archive.closest(url, urldate)
        except Exception:  # noqa: BLE001 - a malformed archive answer must not stop the run; no capture then
            return None

    def _extract(self, result: FetchResult) -> tuple[str, list[tuple[int, int]] | None, str]:
        """:func:`_extract`, through the fetcher's text cache (a shared Redis, or SQLite beside the HTTP cache)."""
        if self.fetcher is None or not result.body:
            return _extract(result)
        from citecheck.sources.textcache import text_key

        texts = self.fetcher.texts
        key = text_key(result.body, result.content_type, result.final_url)
        cached = texts.get(key)
        if cached is not None:
            return cached[0], cached[1], ""
        text, pages, why = _extract(result)
        if text.strip():
            texts.put(key, text, pages)
        return text, pages, why

    def _live_source(self, url: str, live: FetchResult) -> Source:
        source = Source(
            id=url, url=url, status="live", final_url=live.final_url, fetched_at=live.fetched_at,
            http_status=live.status_code, content_type=live.content_type, redirects=live.permanent_redirects,
            from_cache=live.from_cache,
        )
        if not live.ok:
            source.reason = f"{live.error}: {live.reason}"
            return source
        text, pages, why = self._extract(live)
        source.text = text
        source.pages = pages
        source.sha256 = _sha(text)
        if not text:
            source.reason = why or "no text in the page"
        return source


def marked_complete(ref: Reference) -> bool:
    """True when the entry's ``citecheck-fulltext`` field says its text is the whole work."""
    return ref.fields.get("citecheck-fulltext", "").strip().lower() in {"true", "yes", "1"}


def _extract(result: FetchResult) -> tuple[str, list[tuple[int, int]] | None, str]:
    """(text, pages, reason-if-none) of a fetched body, via sources.extract."""
    from citecheck.sources.extract import UnreadableSource, extract

    try:
        extracted = extract(result.body, result.content_type, result.final_url)
    except UnreadableSource as exc:
        return "", None, str(getattr(exc, "reason", "") or exc)
    except Exception as exc:  # noqa: BLE001 - a parser's bug on a hostile body: that source is unreadable
        return "", None, f"cannot be read ({type(exc).__name__}: {_first_line(exc)})"
    text = extracted.text or ""
    pages = extracted.pages or None
    return text, pages, "" if text.strip() else "no text in the page"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else ""


def _sha(text: str) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None


def build_provider(config: Any, network: bool = True, refresh: bool = False) -> SourceProvider:
    """The run's provider from configuration (keys of citecheck.config.KEYS)."""
    from citecheck.sources.local import FilePolicy
    from citecheck.sources.snapshots import SnapshotStore

    offline = bool(config.get("offline"))
    snapshots_dir = config.get("snapshots")
    snapshots = SnapshotStore(Path(snapshots_dir)) if snapshots_dir else None
    base = config.base_dir() if hasattr(config, "base_dir") else Path.cwd()
    policy = FilePolicy(
        source_dirs=tuple((base / Path(d).expanduser()) for d in (config.get("source-dirs") or [])),
        allow_anywhere=bool(config.get("allow-absolute-source-files")),
    )
    if not network:
        return SourceProvider(None, None, snapshots, offline=offline, file_policy=policy)
    return SourceProvider(None, None, snapshots, offline=offline, file_policy=policy,
                          jobs=int(config.get("max-connections")), connect=partial(_connect, config, offline, refresh))


def _connect(config: Any, offline: bool, refresh: bool) -> tuple[Fetcher, Archive]:
    """The run's fetcher and archive client, from configuration."""
    from datetime import timedelta

    from citecheck.sources.archive import Archive
    from citecheck.sources.http import Fetcher, FetchOptions

    cache_dir = config.get("cache-dir")
    options = FetchOptions(
        cache_dir=Path(cache_dir) if cache_dir else None,
        cache_url=config.get("cache-url") or None,
        expire_after=timedelta(days=float(config.get("expire-after-days"))),
        offline=offline,
        refresh=refresh,
        allow_private=bool(config.get("allow-private")),
        read_timeout=float(config.get("timeout")),
        total_timeout=float(config.get("timeout")),
        max_bytes=int(config.get("max-bytes")),
        jobs=int(config.get("max-connections")),
        per_host=max(1, int(config.get("per-host"))),
        allowed_networks=tuple(config.get("allowed-networks")),
        allowed_hosts=tuple(config.get("allowed-hosts")),
    )
    fetcher = Fetcher(options)
    archive = Archive(
        fetcher,
        availability_url=config.get("archive-availability-url"),
        cdx_url=config.get("archive-cdx-url"),
        web_url=config.get("archive-web-url"),
        timegate_url=config.get("archive-timegate-url"),
    )
    return fetcher, archive


def hosts_of(sources: Iterable[Source]) -> dict[str, int]:
    """Sources per host, for a fetch summary."""
    counts: dict[str, int] = {}
    for source in sources:
        if source.url:
            host = host_key(source.url)
            counts[host] = counts.get(host, 0) + 1
    return counts


__all__ = ["NOT_FETCHED", "OFFLINE_MISS", "PRINT_WORK", "PRINT_WORK_LISTED", "SourceProvider", "build_provider", "hosts_of"]
