"""The library API: ``check(paths, ...) -> Report``. The CLI only parses options and calls this.

The work is done by :mod:`citecheck.pipeline` (orchestration), :mod:`citecheck.findings` (an
essay's findings and the per-claim flow) and :mod:`citecheck.libraries` (libraries and reference
look-ups); their names used from here before the split are still importable from here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from citecheck.config import Config, load_config
from citecheck.discovery import resolve
from citecheck.errors import InputError
from citecheck.findings import (  # noqa: F401 - names importable from citecheck.api
    _apply_severities,
    _apply_severities_to,
    _complete_document,
    _complete_finding,
    _complete_findings,
    _findings_for,
    _no_text_finding,
    _select,
    _source_for,
    _verify_claims,
    fingerprint,
)
from citecheck.libraries import (  # noqa: F401 - names importable from citecheck.api
    _display,
    _finish_libraries,
    _library_files,
    _library_paths,
    _load_library,
    _look_up_references,
    _without_source_files,
    find_library,
)
from citecheck.model import DocumentResult, Finding, Reference, Report, Source
from citecheck.pipeline import (  # noqa: F401 - names importable from citecheck.api
    _baseline_fingerprints,
    _check,
    _check_essay,
    _cited_by,
    _cited_items,
    _Engine,
    _guarded,
    _merge_outcome,
    _Outcome,
    _parse_one,
    _Parsed,
    _read_essay,
    _Run,
    check_documents,
    discover_essays,
    finish_run,
    make_provider,
    shard_of,
)


def check(
    paths: Sequence[str | Path] | str | Path,
    bib: Sequence[str | Path] | None = None,
    *,
    config: Config | None = None,
    offline: bool | None = None,
    fail_on: str | None = None,
    snapshots: str | Path | None = None,
    cache_dir: str | Path | None = None,
    allow_private: bool | None = None,
    refresh: bool = False,
    network: bool = True,
    provider: Any = None,
    baseline: str | Path | None = None,
    shard: tuple[int, int] | None = None,
    progress: Callable[[str, Source], None] | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    check_references: bool | None = None,
    on_stage: Callable[[str, int, int], None] | None = None,
    texts: Mapping[str, str] | None = None,
    on_document: Callable[[DocumentResult], DocumentResult] | None = None,
    reads: frozenset[str] | None = None,
) -> Report:
    """Check essays and return a :class:`~citecheck.model.Report`.

    ``paths`` are essay files or directories; ``bib`` overrides library discovery (DESIGN.md:
    --bib, then the essay's front matter / \\bibliography, then config ``bibliography``, then
    ``references.bib`` beside the essay). ``offline`` uses local files, snapshots and the cache
    only. ``network=False`` makes no fetcher at all (web sources are "not fetched").
    ``baseline`` names a file written by :func:`write_baseline`: findings recorded there are
    left out of the report. ``progress(url, source)`` is called as each web source arrives.
    ``jobs`` essays are checked at once in worker processes (default: config ``processes``, whose
    0 means the usable CPUs); ``scheduler`` (``tcp://host:8786``) runs them on a Dask cluster
    instead. Either way the report is the same as with ``jobs=1``.
    ``on_stage("check", done, total)`` is called as essays are checked. ``texts`` gives essays'
    text in memory by path (``check -`` reads standard input): the path still picks the format,
    the configuration and the library. ``on_document(result)`` is called with each finished essay,
    in order, before the next one is taken; what it returns is kept in the report instead
    (report.stream: an essay written as it finishes, kept without its text). ``reads`` says which
    of a result's ``citations`` and ``claims`` ``on_document`` reads (default: both): the others
    reach it empty, with their counts in its ``tally``, so worker processes send less.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    config = config or load_config()
    config.override(offline=offline, fail_on=fail_on, allow_private=allow_private,
                    snapshots=str(snapshots) if snapshots else None,
                    cache_dir=str(cache_dir) if cache_dir else None, check_references=check_references)
    own_provider = provider is None
    if provider is None:
        provider = make_provider(config, network=network, refresh=refresh)
    from citecheck.runner import RunSpec, usable_cpus

    if jobs is None:
        jobs = int(config.get("processes")) or usable_cpus()
    engine = _Engine(jobs=max(1, jobs), scheduler=scheduler or config.get("scheduler") or None,
                     spec=RunSpec(config, network, refresh) if own_provider else None)
    try:
        return _check(paths, bib, config, provider, baseline, shard, progress, engine, on_stage,
                      texts, on_document, reads)
    finally:
        if own_provider:
            provider.close()


@dataclass
class FetchSummary:
    """What `citecheck fetch` did: every source, and counts for people."""

    sources: list[Source]
    documents: list[DocumentResult]
    requests: dict[str, int]  # per host, requests that went on the wire

    def counts(self) -> dict[str, int]:
        web = [s for s in self.sources if s.url]
        return {
            "sources": len(web),
            "fetched": sum(1 for s in web if s.status == "live" and not s.from_cache),
            "from cache": sum(1 for s in web if s.status == "live" and s.from_cache),
            "archived": sum(1 for s in web if s.status == "archived"),
            "failed": sum(1 for s in web if s.status in ("dead", "malformed", "unreachable", "refused", "offline-miss")),
        }


def fetch(
    paths: Sequence[str | Path] | str | Path,
    bib: Sequence[str | Path] | None = None,
    *,
    config: Config | None = None,
    snapshots: str | Path | None = None,
    refresh: bool = False,
    allow_private: bool | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[str, Source], None] | None = None,
    check_references: bool | None = None,
    on_stage: Callable[[str, int, int], None] | None = None,
) -> FetchSummary:
    """Fetch every web source the essays cite and record it in the snapshot directory.

    ``citecheck check --offline --snapshots DIR`` then reproduces the same findings with no
    network. The directory comes from ``snapshots`` or the config key of that name. The
    ``offline`` setting does not apply: fetching is what an offline check needs done first.
    """
    from citecheck.sources.provider import SourceProvider

    if isinstance(paths, (str, Path)):
        paths = [paths]
    config = config or load_config()
    config.override(snapshots=str(snapshots) if snapshots else None, allow_private=allow_private,
                    cache_dir=str(cache_dir) if cache_dir else None, check_references=check_references)
    if not config.get("snapshots"):
        raise InputError("no snapshot directory given", hint="pass --snapshots DIR or set `snapshots` in the config")
    config.override(offline=False)  # `offline = true` is for `check`; fetching is the network step
    built = make_provider(config, network=True, refresh=refresh)
    provider = SourceProvider(built.fetcher, built.archive, built.snapshots, offline=False, record=True)
    from citecheck.config import ConfigTree

    run = _Run(config=config, provider=provider, tree=ConfigTree(config))
    documents: list[DocumentResult] = []
    parsed: list[_Parsed] = []
    essays = discover_essays(paths, config, run.config_for)
    stage = on_stage or (lambda name, done, total: None)
    stage("read", 0, len(essays))
    for done, (essay, error) in enumerate(essays, 1):
        stage("read", done, len(essays))
        if error:
            documents.append(DocumentResult(path=str(essay), error=error))
            continue
        item = _guarded(essay, partial(_parse_one, essay, [Path(b) for b in bib] if bib else None, run))
        documents.append(item.result)
        if item.doc is not None:
            parsed.append(item)
    items = [i for i in _cited_items(parsed)
             if not isinstance(i, Reference) or ((i.fields.get("url") or "").strip() and not i.fields.get("file"))]
    provider.prefetch(items, progress=progress)
    if config.get("check-references"):  # record the indexes' answers in the snapshot directory
        _look_up_references([i for i in _cited_items(parsed) if isinstance(i, Reference)], run, record=True)
    sources: dict[str, Source] = {}
    for item in items:
        source = provider.for_reference(item) if isinstance(item, Reference) else provider.for_url(item)
        sources[source.url or source.id] = source
    requests = dict(provider.fetcher.requests_sent) if provider.fetcher is not None else {}
    provider.close()
    return FetchSummary(sorted(sources.values(), key=lambda s: s.id), documents, requests)



def input_files(report: Report) -> list[Path]:
    """Every file the run read: its essays, libraries and local sources."""
    paths = [Path(d.path) for d in report.documents]
    paths += [Path(lib.path) for lib in report.libraries]
    paths += [Path(s.path) for s in report.sources if s.path]
    return paths


def guard_outputs(report: Report, outputs: Iterable[str | Path], option: str = "--output") -> None:
    """Refuse (InputError) to write any of ``outputs`` over a file the run read.

    `--output markdown:essay.md` or `--write-baseline refs.bib` would otherwise replace the
    user's essay or library with a report, silently.
    """
    inputs = input_files(report)
    keys = {_same_file_key(p) for p in inputs}
    for output in outputs:
        key = _same_file_key(Path(output))
        if key in keys:
            raise InputError(f"{option} {output} is one of this run's inputs (an essay, library or source); "
                             "citecheck will not write a report over it", str(output),
                             hint="choose another output path")


def _same_file_key(path: Path) -> tuple[Any, ...]:
    """What identifies a file: device and inode when it exists (hard links, symlinks), else its path."""
    try:
        info = os.stat(path)
        return ("inode", info.st_dev, info.st_ino)
    except (OSError, ValueError):
        return ("path", str(resolve(path)))


def baseline_entry(finding: Finding) -> dict[str, str]:
    """What a baseline file records of a finding."""
    return {"fingerprint": finding.fingerprint, "rule": finding.rule, "path": finding.path,
            "message": finding.message}


def write_baseline(report: Report, path: str | Path) -> int:
    """Record the report's findings so later runs report only new ones; returns their number.

    Refuses (InputError) a path that is one of the run's inputs.
    """
    import json

    guard_outputs(report, [path], "--write-baseline")
    entries = sorted((baseline_entry(f) for f in report.findings()),
                     key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    from citecheck.report import write_atomic

    write_atomic(path, json.dumps({"version": 1, "findings": entries}, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


__all__ = ["FetchSummary", "check", "discover_essays", "fetch", "fingerprint", "make_provider", "write_baseline"]
