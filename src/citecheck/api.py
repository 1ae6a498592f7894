"""The library API: ``check(paths, ...) -> Report``. The CLI only parses options and calls this."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from citecheck.config import Config, load_config
from citecheck.discovery import resolve
from citecheck.errors import CitecheckError, InputError
from citecheck.model import (
    Citation,
    Claim,
    Document,
    DocumentResult,
    Finding,
    LibraryResult,
    Reference,
    Report,
    Source,
)


@dataclass
class _Run:
    """State shared by the essays of one run: loaded libraries, sources, cited keys."""

    config: Config
    provider: Any
    libraries: dict[tuple[str, ...], Any] = field(default_factory=dict)
    library_results: dict[str, LibraryResult] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    cited: dict[str, set[str]] = field(default_factory=dict)  # bib path -> keys cited
    texts: dict[str, str] = field(default_factory=dict)  # essays given in memory (stdin), by path
    no_library: dict[str, Finding] = field(default_factory=dict)  # essay path -> library-not-found
    tree: Any = None  # config.ConfigTree: the closest configuration of each essay
    unverifiable_reported: set[tuple[str, str]] = field(default_factory=set)
    tolerances: Any = None  # claims.Tolerances of this run (config hedge-tolerance), set by _check
    sources_sent: set[str] = field(default_factory=set)  # keys of run.sources already handed back
    # Per .bib path, what its findings already say: a set, so a library of thousands of entries
    # (and as many findings) is deduplicated in linear time.
    library_seen: dict[str, set[tuple[Any, ...]]] = field(default_factory=dict)
    reference_records: dict[tuple[str, str], Any] = field(default_factory=dict)  # (bib, key) -> index Record
    reference_outcomes: list[Any] = field(default_factory=list)  # references.exist.Outcome, reported at the end

    def config_for(self, path: str | Path) -> Config:
        """The configuration of the essay or .bib at ``path`` (the closest one above it)."""
        return self.tree.for_path(path) if self.tree is not None else self.config

    def add_library_finding(self, finding: Finding, key: tuple[Any, ...]) -> None:
        """Record ``finding`` on its .bib's result unless one with the same ``key`` is there."""
        result = self.library_results.setdefault(finding.path, LibraryResult(path=finding.path))
        seen = self.library_seen.setdefault(finding.path, set())
        if key not in seen:
            seen.add(key)
            seen.add(("check", finding.rule, finding.message))  # what a check's finding is compared by
            result.findings.append(finding)


def _same_finding(finding: Finding) -> tuple[Any, ...]:
    """What makes two loader findings the same (one .bib loaded for several essays)."""
    return ("load", finding.rule, finding.severity, finding.message, finding.path, finding.span,
            finding.expected, finding.found, finding.source, repr(finding.evidence))


def discover_essays(paths: Iterable[str | Path], config: Config | None = None,
                    config_for: Callable[[Path], Config] | None = None) -> list[tuple[Path, str | None]]:
    """Essay files under ``paths`` (files as given, directories walked); (path, error) pairs.

    Directory walks honour .gitignore and the ``include`` / ``exclude`` globs of the
    configuration closest to the walked directory (``config_for``), else of ``config``.
    """
    from citecheck.discovery import walk
    from citecheck.readers import ESSAY_SUFFIXES

    found: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            here = config_for(path / "_") if config_for else config
            include = here.get("include") if here else []
            exclude = here.get("exclude") if here else []
            base = here.base_dir() if here else Path.cwd()
            inside = walk(path, ESSAY_SUFFIXES, include, exclude, base)
            if not inside:
                suffixes = ", ".join(sorted(ESSAY_SUFFIXES))
                message = f"{path}: directory holds no essays ({suffixes}); pass essay files or another directory"
                found.append((path, message))
            found.extend((p, None) for p in inside)
        else:
            found.append((path, None))
    unique: list[tuple[Path, str | None]] = []
    seen: set[Path] = set()
    for path, error in found:  # an essay named twice (or named and walked) is checked once
        key = resolve(path)
        if error is None and key in seen:
            continue
        seen.add(key)
        unique.append((path, error))
    return unique


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
    (report.stream: an essay written as it finishes, kept without its text).
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
                      texts, on_document)
    finally:
        if own_provider:
            provider.close()


@dataclass(frozen=True)
class _Engine:
    """Where essays are checked: ``jobs`` local processes, or a Dask ``scheduler``."""

    jobs: int = 1
    scheduler: str | None = None
    spec: Any = None  # a RunSpec when workers may rebuild the run (no caller-made provider)


def _check(paths: Sequence[str | Path], bib: Sequence[str | Path] | None, config: Config, provider: Any,
           baseline: str | Path | None, shard: tuple[int, int] | None,
           progress: Callable[[str, Source], None] | None, engine: _Engine = _Engine(),
           on_stage: Callable[[str, int, int], None] | None = None,
           texts: Mapping[str, str] | None = None,
           on_document: Callable[[DocumentResult], DocumentResult] | None = None) -> Report:
    from citecheck.config import ConfigTree

    run = _Run(config=config, provider=provider, texts=dict(texts or {}), tree=ConfigTree(config))
    report = Report(fail_on=config.get("fail-on"))
    from citecheck.claims import Tolerances  # here, not at the top: keeps `citecheck --help` fast

    run.tolerances = Tolerances(config.get("hedge-tolerance"))
    known = _baseline_fingerprints(Path(baseline)) if baseline is not None else None
    for result in check_documents(paths, bib, run, shard, progress, engine, known, on_stage):
        report.documents.append(on_document(result) if on_document is not None else result)
    # Libraries named only in front matter are known now: drop the source files they name too.
    explicit = {resolve(Path(p)) for p in paths if Path(p).is_file()}
    sources = _library_files(run) - explicit
    if sources:
        report.documents = [d for d in report.documents if resolve(Path(d.path)) not in sources]
    finish_run(run, report, known)
    return report


def finish_run(run: _Run, report: Report, known: set[str] | None = None) -> None:
    """The run-wide part of a report once every essay is in: library rules and the sources."""
    _finish_libraries(run, report)
    report.sources = sorted(run.sources.values(), key=lambda s: s.id)
    _complete_findings(report, documents=False)
    for lib in report.libraries:
        lib.findings = _select(_apply_severities_to(lib.findings, run.config_for(lib.path)), run.config_for(lib.path))
    if known is not None:
        for lib in report.libraries:
            lib.findings = [f for f in lib.findings if f.fingerprint not in known]


def check_documents(paths: Sequence[str | Path], bib: Sequence[str | Path] | None, run: _Run,
                    shard: tuple[int, int] | None = None,
                    progress: Callable[[str, Source], None] | None = None,
                    engine: _Engine = _Engine(), known: set[str] | None = None,
                    on_stage: Callable[[str, int, int], None] | None = None) -> Iterator[DocumentResult]:
    """Each essay's finished result (findings completed, severities and baseline applied), in essay
    order, as soon as it is ready: a report can be written essay by essay (flat memory).

    Web sources are fetched first, once, by this process (threads, per-host limits); the essays
    are then checked by ``engine`` (this process, a process pool, or a Dask cluster).
    """
    from citecheck.runner import run_essays

    config = run.config
    bib_paths = [Path(b) for b in bib] if bib else None
    essays = discover_essays(paths, config, run.config_for)
    if shard is not None:
        essays = [e for e in essays if shard_of(e[0], shard[1]) == shard[0]]
    explicit = {resolve(Path(p)) for p in paths if Path(p).is_file()}
    essays = _without_source_files(essays, explicit, bib_paths, run)
    tasks = [(essay, error, bib_paths) for essay, error in essays]
    provider = run.provider
    cited: list[list[Any]] | None = None
    if getattr(provider, "fetcher", None) is not None and not provider.offline:
        # Fetch every cited web source at once (threads, per-host limits) before any claim is
        # checked: a light first pass (read, find and resolve citations) says what is cited.
        cited = list(run_essays(_cited_by, tasks, run, jobs=engine.jobs))
        provider.prefetch([item for items in cited for item in items], progress=progress)
    if config.get("check-references"):
        # Look the cited entries up before the essays are checked: their records bound page locators.
        cited = cited if cited is not None else list(run_essays(_cited_by, tasks, run, jobs=engine.jobs))
        _look_up_references([i for items in cited for i in items if isinstance(i, Reference)], run)
    outcomes = run_essays(_check_essay, tasks, run, jobs=engine.jobs, scheduler=engine.scheduler,
                          spec=engine.spec, build=_run_from_spec)
    stage = on_stage or (lambda name, done, total: None)
    stage("check", 0, len(tasks))
    for done, outcome in enumerate(outcomes, 1):
        result = _merge_outcome(outcome, run)
        _complete_document(result)
        essay_config = run.config_for(result.path)
        result.findings = _select(_apply_severities_to(result.findings, essay_config), essay_config)
        stage("check", done, len(tasks))
        if known is not None:
            result.findings = [f for f in result.findings if f.fingerprint not in known]
        yield result


@dataclass
class _Outcome:
    """One essay's result and what the run as a whole needs from it (small, picklable)."""

    result: DocumentResult
    libraries: list[list[Path]] = field(default_factory=list)  # the library (paths) it used
    cited: dict[str, set[str]] = field(default_factory=dict)  # bib path -> keys it cited
    sources: dict[str, Source] = field(default_factory=dict)  # sources this process used first


def _run_from_spec(spec: Any) -> _Run:
    """A worker's own run (Dask): provider and libraries built from the configuration."""
    from citecheck.claims import Tolerances
    from citecheck.config import ConfigTree

    run = _Run(config=spec.config, provider=make_provider(spec.config, network=spec.network, refresh=spec.refresh),
               tree=ConfigTree(spec.config))
    run.tolerances = Tolerances(spec.config.get("hedge-tolerance"))
    return run


def _cited_by(task: tuple[Path, str | None, list[Path] | None], run: _Run) -> list[Any]:
    """The references and URLs one essay cites (first pass, for prefetching); nothing on error."""
    from citecheck.citations import find_citations
    from citecheck.citations.resolve import resolve_citations
    from citecheck.library import Library

    essay, error, bib = task
    if error:
        return []
    try:
        doc = _read_essay(essay, run)
        lib_paths = [_display(p) for p in _library_paths(essay, doc, bib, run.config_for(essay))]
        library = _load_library(lib_paths, run) if lib_paths else Library()
        if not lib_paths:
            from citecheck.references.essay import essay_library

            own = essay_library(doc)
            library = own if own.references else library
        citations = find_citations(doc, library)
        resolve_citations(citations, doc, library)
    except Exception:  # noqa: BLE001 - the second pass reports this essay's error
        return []
    parsed = _Parsed(DocumentResult(path=str(essay), citations=citations), doc, library)
    return _cited_items([parsed])


def _check_essay(task: tuple[Path, str | None, list[Path] | None], run: _Run) -> _Outcome:
    """All of one essay's work: read, citations, claims, findings. Never raises."""
    essay, error, bib = task
    if error:
        return _Outcome(DocumentResult(path=str(essay), error=error))
    item = _guarded(essay, partial(_parse_one, essay, bib, run))
    outcome = _Outcome(item.result, cited=item.cited)
    if item.lib_paths:
        outcome.libraries.append(item.lib_paths)
    if item.doc is not None:
        findings = _guarded(essay, partial(_findings_for, item.doc, item.result.citations, item.result.claims,
                                           item.library, run, item))
        if isinstance(findings, _Parsed):  # an internal error, recorded on the document
            item.result.error = findings.result.error
            item.result.traceback = findings.result.traceback
        else:
            item.result.findings = findings
    for key, source in run.sources.items():
        if key not in run.sources_sent:
            run.sources_sent.add(key)
            outcome.sources[key] = source
    return outcome


def _merge_outcome(outcome: _Outcome, run: _Run) -> DocumentResult:
    """Fold one essay's outcome into the run (this process's libraries, cited keys and sources)."""
    for paths in outcome.libraries:
        try:
            _load_library(paths, run)
        except CitecheckError:
            pass  # the essay itself reports it
    for path, keys in outcome.cited.items():
        run.cited.setdefault(path, set()).update(keys)
    for key, source in outcome.sources.items():
        run.sources.setdefault(key, source)
    return outcome.result


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


def _baseline_fingerprints(path: Path) -> set[str]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {entry["fingerprint"] for entry in data["findings"]}
    except FileNotFoundError:
        raise InputError("baseline file not found", str(path),
                         hint="write one with --write-baseline") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a citecheck baseline ({exc})", str(path),
                         hint="write a new one with --write-baseline") from None


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


def write_baseline(report: Report, path: str | Path) -> int:
    """Record the report's findings so later runs report only new ones; returns their number.

    Refuses (InputError) a path that is one of the run's inputs.
    """
    import json

    guard_outputs(report, [path], "--write-baseline")
    entries = sorted(
        ({"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "message": f.message}
         for f in report.findings()),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )
    from citecheck.report import write_atomic

    write_atomic(path, json.dumps({"version": 1, "findings": entries}, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def shard_of(path: Path, count: int) -> int:
    """The 1-based shard a file belongs to: stable across machines and runs (hash of its path)."""
    digest = hashlib.sha256(path.as_posix().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def make_provider(config: Config, network: bool = True, refresh: bool = False) -> Any:
    """The SourceProvider for a run, built from configuration."""
    from citecheck.sources.provider import build_provider

    if network and config.get("cache-url"):
        from citecheck.sources.cache import redis_connection

        redis_connection(config.get("cache-url")).close()  # a wrong or unreachable URL stops the run here
    return build_provider(config, network=network, refresh=refresh)


def _library_paths(essay: Path, doc: Document, bib: list[Path] | None, config: Config) -> list[Path]:
    return find_library(essay, doc, bib, config)[0]


def find_library(essay: Path, doc: Document, bib: Sequence[Path] | None,
                 config: Config) -> tuple[list[Path], str, list[str]]:
    """The essay's BibTeX files, where they came from, and (when none) every place searched.

    DESIGN.md's order: --bib, the essay's front matter / \\bibliography, the configuration's
    ``bibliography`` (the closest configuration above the essay), ``references.bib`` beside it.
    """
    if bib:
        return list(bib), "--bib", []
    if doc.bibliography:
        return [_display(essay.parent / p) for p in doc.bibliography], "the essay's bibliography", []
    if config.get("bibliography"):
        return ([_display(config.base_dir() / p) for p in config.get("bibliography")],
                f"`bibliography` in {config.path or 'the configuration'}", [])
    beside = essay.parent / "references.bib"
    if beside.is_file():
        return [beside], "references.bib beside the essay", []
    where = (f"{config.path} sets no `bibliography`" if config.path else
             f"no citecheck.toml or pyproject.toml with [tool.citecheck] in {_display(essay.parent)} or above")
    searched = ["--bib (not given)", "the essay's front matter / \\bibliography (none)", f"configuration: {where}",
                f"{_display(beside)} (no such file)"]
    return [], "", searched


def _read_essay(essay: Path, run: _Run) -> Document:
    """The essay's Document: from memory when it came on standard input, else from its file."""
    from citecheck.readers import format_for, parse_text, read_document

    if str(essay) in run.texts:
        return parse_text(run.texts[str(essay)], str(essay), format_for(essay))
    return read_document(essay)


def _display(path: Path) -> Path:
    """The path relative to the working directory when it lies inside it (stable in reports)."""
    absolute = Path(os.path.normpath(Path.cwd() / path))
    try:
        return absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute


def _load_library(paths: list[Path], run: _Run) -> Any:
    from citecheck.library import load_library

    paths = [_display(p) for p in paths]  # one spelling per file, however it was reached
    key = tuple(str(p) for p in paths)
    if key not in run.libraries:
        run.libraries[key] = load_library(paths)
        for path in paths:
            if str(path) not in run.library_results:
                run.library_results[str(path)] = LibraryResult(path=str(path), source=_read_quietly(path))
        for finding in run.libraries[key].findings:
            run.add_library_finding(finding, _same_finding(finding))
        for ref in run.libraries[key].references.values():
            if ref.bib_path in run.library_results:
                run.library_results[ref.bib_path].entries += 1
    return run.libraries[key]


def _read_quietly(path: Path) -> str:
    from citecheck.readers import is_special_file

    if is_special_file(path):
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


@dataclass
class _Parsed:
    """An essay read, its citations resolved and its claims extracted; not yet verified."""

    result: DocumentResult
    doc: Document | None = None
    library: Any = None
    lib_paths: list[Path] = field(default_factory=list)
    cited: dict[str, set[str]] = field(default_factory=dict)  # bib path -> keys this essay cited
    # The essay's own reference list: its library when no other was found, else cross-checked.
    own_library: Any = None
    reference_findings: list[Finding] = field(default_factory=list)


def _guarded(essay: Path, work: Callable[[], Any]) -> Any:
    """Run one essay's work; an unexpected failure is recorded on that essay, never spread to the batch."""
    try:
        return work()
    except CitecheckError as exc:
        return _Parsed(DocumentResult(path=str(essay), error=exc.render()))
    except Exception as exc:  # noqa: BLE001 - a bug must not lose the other essays' results
        import traceback

        return _Parsed(DocumentResult(
            path=str(essay),
            error=f"{essay}: internal error while checking ({type(exc).__name__}: {exc}); "
                  "please report it with this file",
            traceback=traceback.format_exc(),
        ))


def _parse_one(essay: Path, bib: list[Path] | None, run: _Run) -> _Parsed:
    from citecheck.citations import find_citations
    from citecheck.citations.resolve import drop_dated_phrases, resolve_citations
    from citecheck.claims import extract_claims
    from citecheck.library import Library
    from citecheck.references.essay import cross_check, essay_library

    result = DocumentResult(path=str(essay))
    try:
        doc = _read_essay(essay, run)
    except CitecheckError as exc:
        result.error = exc.render()
        return _Parsed(result)
    result.format = doc.format
    result.source = doc.source
    if not doc.text.strip():  # an empty submission is reported, never passed (exit 2, as in grade)
        result.error = InputError("the essay has no text, so there is nothing to check", str(essay), 1,
                                  "write the essay, or leave the file out with `exclude` in config").render()
        result.empty = True
        return _Parsed(result)
    found, _, searched = find_library(essay, doc, bib, run.config_for(essay))
    lib_paths = [_display(p) for p in found]
    result.bibliography = [str(p) for p in lib_paths]
    # No library found: the essay's own reference list, else an empty one, so every name or key
    # citation is undefined.
    library = _load_library(lib_paths, run) if lib_paths else Library()
    own = essay_library(doc)
    reference_findings = cross_check(doc, own, library) if lib_paths and own.references else []
    if not lib_paths and own.references:
        library = own
    citations = find_citations(doc, library)
    resolve_citations(citations, doc, library)
    citations = drop_dated_phrases(citations, doc)  # "the University of Leeds (1904)"
    needing = [c for c in citations if c.style != "link"]
    if not lib_paths and not own.references and needing:  # the essay's own reference list is a library too
        run.no_library[doc.path] = _no_library_finding(doc, needing[0], searched)
    result.citations = citations
    result.claims = extract_claims(doc, citations)
    cited: dict[str, set[str]] = {}
    for path in lib_paths:
        keys = cited.setdefault(str(path), set())
        for citation in citations:
            if citation.resolution and citation.resolution.status == "resolved":
                keys.update(citation.resolution.keys)
        run.cited.setdefault(str(path), set()).update(keys)
    return _Parsed(result, doc, library, lib_paths, cited, own if library is own else None,
                   reference_findings)


def _no_library_finding(doc: Document, citation: Citation, searched: list[str]) -> Finding:
    from citecheck.rules import make_finding

    return make_finding(
        "library-not-found",
        "the essay cites works but no BibTeX library was found for it, so its citations cannot be "
        "resolved; searched: " + "; ".join(searched),
        doc.path, citation.span, expected="a .bib file (--bib, front matter, config `bibliography`, or "
        "references.bib beside the essay)", found="no library", evidence=[{"text": place} for place in searched])


def _select(findings: list[Finding], config: Config) -> list[Finding]:
    """The findings whose rules select / ignore / per-file-ignores leave on for their file."""
    rules = config.rule_filter()
    return [f for f in findings if rules.allows(f.rule, f.path)]


def _without_source_files(essays: list[tuple[Path, str | None]], explicit: set[Path], bib: list[Path] | None,
                          run: _Run) -> list[tuple[Path, str | None]]:
    """Walked files that a library names as a work's `file` are sources, not essays.

    The libraries that --bib, the config or a references.bib beside the essays give are loaded
    first (they are needed anyway); a library that cannot be read is left for the essay to report.
    """
    candidates: list[list[Path]] = []
    # A mistyped or missing essay loads no library: its entries would all be "never cited".
    present = [essay for essay, error in essays if error is None and (essay.exists() or str(essay) in run.texts)]
    if bib and present:
        candidates.append(bib)
    elif not bib:
        for folder in sorted({essay.parent for essay in present}):
            config = run.config_for(folder / "_")  # the closest configuration of that folder's essays
            if config.get("bibliography"):
                paths = [_display(config.base_dir() / p) for p in config.get("bibliography")]
                if paths not in candidates:
                    candidates.append(paths)
            elif (folder / "references.bib").is_file():
                candidates.append([folder / "references.bib"])
    for paths in candidates:
        try:
            _load_library(paths, run)
        except CitecheckError:
            continue
    sources = _library_files(run) - explicit
    return [(essay, error) for essay, error in essays if error or resolve(essay) not in sources]


def _library_files(run: _Run) -> set[Path]:
    """Every local file the run's libraries name in `file` fields (resolved paths)."""
    from citecheck.sources.local import parse_file_field

    files: set[Path] = set()
    for library in run.libraries.values():
        for ref in library.references.values():
            value = ref.fields.get("file")
            if value:
                files.update(resolve(p) for p in parse_file_field(value, Path(ref.bib_path).parent))
    return files


def _cited_items(parsed: list[_Parsed]) -> list[Any]:
    """The references and bare URLs the parsed essays cite, for prefetching."""
    items: list[Any] = []
    for item in parsed:
        for citation in item.result.citations:
            resolution = citation.resolution
            if resolution and resolution.status == "resolved" and resolution.keys:
                ref = item.library.references.get(resolution.keys[0])
                if ref is not None:
                    items.append(ref)
            elif citation.style == "link" and citation.url:
                items.append(citation.url)
    return items


def _findings_for(doc: Document, citations: list[Citation], claims: list[Claim], library: Any,
                  run: _Run, parsed: _Parsed | None = None) -> list[Finding]:
    from citecheck.checks.citations import check_citations
    from citecheck.checks.worthiness import check_uncited

    findings: list[Finding] = []
    if library is not None:
        findings.extend(check_citations(doc, citations, library))
    if parsed is not None:
        findings.extend(parsed.reference_findings)
        if parsed.own_library is not None:
            from citecheck.references.essay import unused_entries

            cited = {k for c in citations if c.resolution and c.resolution.status == "resolved"
                     for k in c.resolution.keys}
            findings.extend(unused_entries(parsed.own_library, cited, doc.path))
            if run.reference_outcomes:  # check-references on the essay's own Works Cited list
                from citecheck.checks.references import outcome_findings

                findings.extend(outcome_findings(run.reference_outcomes, [parsed.own_library]))
    missing = run.no_library.get(doc.path)
    if missing is not None:  # one finding that says why every citation is undefined
        findings.append(missing)
    threshold = run.config_for(doc.path).get("worthiness-threshold")
    findings.extend(check_uncited(doc, claims) if threshold is None else check_uncited(doc, claims, threshold))
    findings.extend(_verify_claims(doc, citations, claims, library, run))
    if run.reference_records and library is not None:
        from citecheck.checks.references import check_record_pages

        findings.extend(check_record_pages(doc, citations, library, run.reference_records))
    from citecheck.checks.suppression import apply_suppressions

    findings = apply_suppressions(doc, findings)
    for finding in findings:
        finding.fingerprint = fingerprint(finding, doc)
    return findings


def _source_for(citation: Citation, library: Any, run: _Run) -> tuple[Source | None, Reference | None]:
    """The Source a citation points at, fetched once per run."""
    resolution = citation.resolution
    provider = run.provider
    if resolution and resolution.status == "resolved" and resolution.keys and library is not None:
        ref = library.references[resolution.keys[0]]
        if ref.key not in run.sources:
            run.sources[ref.key] = provider.for_reference(ref, Path(ref.bib_path).parent)
        return run.sources[ref.key], ref
    if citation.style == "link" and citation.url:
        if citation.url not in run.sources:
            run.sources[citation.url] = provider.for_url(citation.url)
        return run.sources[citation.url], None
    return None, None


def _verify_claims(doc: Document, citations: list[Citation], claims: list[Claim], library: Any,
                   run: _Run) -> list[Finding]:
    from citecheck.checks.computed import check_computed
    from citecheck.checks.links import check_link
    from citecheck.checks.numbers import check_numbers
    from citecheck.checks.quotes import check_quotes
    from citecheck.checks.support import check_support, support_mismatches
    from citecheck.verification import claim_verdict, verify_claim

    findings: list[Finding] = []
    linked: set[tuple[str, int]] = set()
    references = library.references if library is not None else {}
    for claim in claims:

        def span_of(start: int, end: int, claim: Claim = claim) -> Any:
            return doc.span(claim.start + start, claim.start + end)

        verdicts: list[tuple[str, str]] = []  # (verdict, reason) per cited source, in order
        claim_findings: list[Finding] = []
        cited_keys: list[str] = []
        for index in claim.citations:
            citation = citations[index]
            source, ref = _source_for(citation, library, run)
            if ref is not None:
                cited_keys.append(ref.key)
            if source is None:
                resolution = citation.resolution
                status = resolution.status if resolution else "unresolved"
                detail = f": {resolution.reason}" if resolution and resolution.reason else ""
                verdicts.append(("unverifiable", f"citation {citation.marker} is {status}{detail}"))
                continue
            if source.url and (source.id, index) not in linked and citation.span is not None:
                linked.add((source.id, index))
                findings.extend(check_link(source, doc.path, citation.span, claim.text))
            if not source.available:
                reason = source.reason or f"no text for {source.id}"
                verdicts.append(("unverifiable", f"{source.id}: {reason}"))
                if source.status in ("none", "file") and (doc.path, source.id) not in run.unverifiable_reported:
                    run.unverifiable_reported.add((doc.path, source.id))
                    findings.append(_no_text_finding(source, reason, doc.path, citation.span))
                continue
            # The one verification of this claim against this source; the checks below only
            # turn its matches into findings.
            verification = verify_claim(claim, source, tolerances=run.tolerances)
            quote_findings, quote_mismatches = check_quotes(claim, source, doc.path, span_of,
                                                            verification=verification)
            number_findings, number_mismatches = check_numbers(claim, source, doc.path, span_of,
                                                               verification=verification,
                                                               tolerances=run.tolerances)
            # Copies: a cached verification is shared by every claim with the same text.
            mismatches = [replace(m, span=span_of(m.start, m.end)) for m in quote_mismatches + number_mismatches]
            claim.mismatches.extend(mismatches)
            claim_findings.extend(quote_findings + number_findings)
            if not claim.evidence:
                claim.evidence = verification.passages
            claim_findings.extend(check_support(claim, verification, source, doc.path, span_of))
            claim.mismatches.extend(replace(m, span=span_of(m.start, m.end)) for m in support_mismatches(verification))
            verdicts.append((verification.verdict, verification.reason))
        computed, abstentions = check_computed(claim, doc.path, span_of, references, cited_keys, run.provider,
                                               run.tolerances)
        claim_findings.extend(computed)
        if computed:
            verdicts.append(("contradicted", computed[0].message))
        decided = claim_verdict(verdicts)
        if decided is not None:
            claim.verdict, claim.reason = decided  # type: ignore[assignment]
        elif claim.citations:
            claim.verdict, claim.reason = "unverifiable", "no source text for its citations"
        else:
            claim.verdict, claim.reason = "unverifiable", "no citation in scope"
        if abstentions and claim.verdict == "unverifiable":
            claim.reason = "; ".join([claim.reason, *abstentions]) if claim.reason else "; ".join(abstentions)
        elif abstentions:
            claim.reason = (claim.reason + "; " if claim.reason else "") + "; ".join(abstentions)
        findings.extend(claim_findings)
    return findings


def _no_text_finding(source: Source, reason: str, path: str, span: Any) -> Finding:
    """source-unreadable for a local file without usable text; source-unverifiable for a print work."""
    from citecheck.rules import make_finding

    evidence = [{"source": source.id, "status": source.status, "path": source.path}]
    if source.path:
        return make_finding("source-unreadable", f"{source.id}: {reason}; claims citing it are unverifiable",
                            path, span, expected="a readable text of the work", found=reason,
                            source=source.id, evidence=evidence)
    return make_finding("source-unverifiable", f"{source.id}: {reason}; claims citing it are unverifiable",
                        path, span, found=reason, source=source.id, evidence=evidence)


def _finish_libraries(run: _Run, report: Report) -> None:
    from citecheck.checks.citations import check_library
    from citecheck.checks.references import check_identifiers, outcome_findings

    for finding in outcome_findings(run.reference_outcomes, list(run.libraries.values())):
        run.add_library_finding(finding, ("check", finding.rule, finding.message))
    for library in run.libraries.values():
        for finding in check_identifiers(library):
            run.add_library_finding(finding, ("check", finding.rule, finding.message))
        cited: set[str] = set()
        for path in library.paths:
            cited |= run.cited.get(str(path), set())
        for finding in check_library(library, cited):
            run.add_library_finding(finding, ("check", finding.rule, finding.message))
    for result in run.library_results.values():
        for finding in result.findings:
            finding.fingerprint = fingerprint(finding, None)
    report.libraries = sorted(run.library_results.values(), key=lambda r: r.path)


def _look_up_references(refs: list[Reference], run: _Run, record: bool = False) -> None:
    """check-references: ask the indexes about the cited entries; findings are added at the end."""
    from citecheck.references.exist import look_up

    outcomes = look_up(refs, run.config, getattr(run.provider, "fetcher", None), record=record)
    run.reference_outcomes.extend(outcomes)
    for outcome in outcomes:
        if outcome.record is not None and outcome.verdict not in ("identifier-mismatch", "unverified"):
            run.reference_records[(outcome.ref.bib_path, outcome.ref.key)] = outcome.record


def _complete_findings(report: Report, documents: bool = True) -> None:
    """Every finding says what was expected, what was found and shows evidence.

    Checks fill these where they know more; otherwise the rule's registry text is the expected
    value, the text at the span is what was found, and that text is the evidence.
    """
    if documents:
        for doc in report.documents:
            _complete_document(doc)
    for lib in report.libraries:
        for finding in lib.findings:
            _complete_finding(finding, lib.source)


def _complete_document(doc: DocumentResult) -> None:
    for finding in doc.findings:
        _complete_finding(finding, doc.source)


def _complete_finding(finding: Finding, source: str) -> None:
    from citecheck.checks.registry import RULES

    if finding.expected is None:
        finding.expected = RULES[finding.rule].expects or None
    text = ""
    if finding.span is not None and source:
        text = " ".join(source[finding.span.start:finding.span.end].split())
    if finding.found is None and text:
        finding.found = text[:300]
    if not finding.evidence and text:
        finding.evidence = [{"text": text[:500], "location": f"{finding.path}:{finding.span.line}"}]  # type: ignore[union-attr]


def _apply_severities(report: Report, config: Config, documents: bool = True) -> None:
    if documents:
        for doc in report.documents:
            doc.findings = _apply_severities_to(doc.findings, config)
    for lib in report.libraries:
        lib.findings = _apply_severities_to(lib.findings, config)


def _apply_severities_to(findings: list[Finding], config: Config) -> list[Finding]:
    """Per-rule severities from config: a rule set to "off" is dropped. Works in place, returns the kept."""
    overrides: dict[str, str] = config.get("severity")
    if not overrides:
        return findings
    kept = []
    for finding in findings:
        level = overrides.get(finding.rule)
        if level == "off":
            continue
        if level:
            finding.severity = level  # type: ignore[assignment]
        kept.append(finding)
    findings[:] = kept
    return findings


def fingerprint(finding: Finding, doc: Document | None) -> str:
    """A stable id: rule + the normalised text at the span + source (not the line number)."""
    text = ""
    if doc is not None and finding.span is not None:
        text = " ".join(doc.source[finding.span.start:finding.span.end].split()).lower()
    raw = "\x1f".join([finding.rule, finding.path, text, finding.source or "", finding.found or ""])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


__all__ = ["FetchSummary", "check", "discover_essays", "fetch", "fingerprint", "make_provider", "write_baseline"]
