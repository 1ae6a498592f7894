"""How a check run is orchestrated: the run's shared state, essays discovered and sharded, web
sources prefetched once, each essay read and parsed and its findings made (by
:mod:`citecheck.runner`'s engine), results folded back in essay order, then the run-wide part.

The per-claim flow lives in :mod:`citecheck.findings`, the libraries (finding, loading,
library-level rules, check-references look-ups) in :mod:`citecheck.libraries`; the public entry
points (``check``, ``fetch``, ``write_baseline``) in :mod:`citecheck.api`.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from citecheck.config import Config
from citecheck.discovery import resolve
from citecheck.errors import CitecheckError, InputError
from citecheck.findings import (
    _apply_severities_to,
    _complete_document,
    _complete_findings,
    _findings_for,
    _no_library_finding,
    _select,
)
from citecheck.libraries import (
    _display,
    _finish_libraries,
    _library_files,
    _library_paths,
    _load_library,
    _look_up_references,
    _without_source_files,
    find_library,
)
from citecheck.model import (
    Document,
    DocumentResult,
    Finding,
    LibraryResult,
    Reference,
    Report,
    Source,
)

# Characters of source text a run holds at most (about 4 bytes each at worst); beyond it the
# texts used least recently are let go. Indexes have their own budget (evidence.passages).
SOURCE_TEXT_BUDGET = 48_000_000


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
    # Keys of run.sources whose text is held, least recently used first, and their characters.
    source_use: OrderedDict[str, int] = field(default_factory=OrderedDict)
    source_chars: int = 0
    # Per .bib path, what its findings already say: a set, so a library of thousands of entries
    # (and as many findings) is deduplicated in linear time.
    library_seen: dict[str, set[tuple[Any, ...]]] = field(default_factory=dict)
    reference_records: dict[tuple[str, str], Any] = field(default_factory=dict)  # (bib, key) -> index Record
    reference_outcomes: list[Any] = field(default_factory=list)  # references.exist.Outcome, reported at the end
    # Which of an essay's citations and claims the run's reports read (None: all, or no report
    # streamed): an essay's outcome carries only those, and counts for the rest (report.summary.lists_counted).
    reads: frozenset[str] | None = None
    claim_jobs: int = 1  # processes one essay checked here may spread its claims over (claim_pool)

    def use_source(self, key: str) -> Source:
        """``sources[key]``, marked as just used; the texts used least recently are let go while
        the run holds more than SOURCE_TEXT_BUDGET characters of them (got again when cited again:
        a local file is read again, a web page comes from the HTTP cache)."""
        source = self.sources[key]
        self.source_chars -= self.source_use.pop(key, 0)
        self.source_use[key] = len(source.text) + len(source.archive_text or "")
        self.source_chars += self.source_use[key]
        while self.source_chars > SOURCE_TEXT_BUDGET and len(self.source_use) > 1:
            old, chars = self.source_use.popitem(last=False)
            self.source_chars -= chars
            evicted = self.sources[old]
            self.sources[old] = evicted.without_text()
            forget = getattr(self.provider, "forget", None)
            if forget is not None and evicted.url:
                forget(evicted.url)
        return source

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


@dataclass(frozen=True)
class _Engine:
    """Where essays are checked: ``jobs`` local processes, or a Dask ``scheduler``."""

    jobs: int = 1
    scheduler: str | None = None
    spec: Any = None  # a RunSpec when workers may rebuild the run (no caller-made provider)


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


def _check(paths: Sequence[str | Path], bib: Sequence[str | Path] | None, config: Config, provider: Any,
           baseline: str | Path | None, shard: tuple[int, int] | None,
           progress: Callable[[str, Source], None] | None, engine: _Engine = _Engine(),
           on_stage: Callable[[str, int, int], None] | None = None,
           texts: Mapping[str, str] | None = None,
           on_document: Callable[[DocumentResult], DocumentResult] | None = None,
           reads: frozenset[str] | None = None) -> Report:
    from citecheck.config import ConfigTree

    run = _Run(config=config, provider=provider, texts=dict(texts or {}), tree=ConfigTree(config),
               reads=reads if on_document is not None else None)
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
    if not getattr(provider, "offline", False) and getattr(provider, "fetcher", None) is not None:
        # Fetch every cited web source at once (threads, per-host limits) before any claim is
        # checked: a light first pass (read, find and resolve citations) says what is cited.
        cited = list(run_essays(_cited_by, tasks, run, jobs=engine.jobs))
        provider.prefetch([item for items in cited for item in items], progress=progress)
    if config.get("check-references"):
        # Look the cited entries up before the essays are checked: their records bound page locators.
        cited = cited if cited is not None else list(run_essays(_cited_by, tasks, run, jobs=engine.jobs))
        _look_up_references([i for items in cited for i in items if isinstance(i, Reference)], run)
    outcomes = _outcomes(tasks, run, engine)
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


def _outcomes(tasks: list[tuple[Path, str | None, list[Path] | None]], run: _Run,
              engine: _Engine) -> Iterator[_Outcome]:
    """Each essay's outcome, in essay order, from ``engine``. With a local pool of processes the
    first essay is checked here before the pool forks: what every essay loads on first use
    (modules, the English word frequencies, its sources' texts and indexes, compiled patterns) is
    then loaded once and shared by the workers, not loaded again by each of them."""
    from citecheck.runner import run_essays

    if engine.jobs > 1 and not engine.scheduler and len(tasks) == 1:
        # One essay and several processes: its claims are spread over them (a long essay's time).
        run.claim_jobs = engine.jobs
        try:
            outcome = _check_essay(tasks[0], run)
        finally:
            run.claim_jobs = 1
        yield outcome
        return
    if engine.jobs > 1 and not engine.scheduler and len(tasks) > engine.jobs:
        yield _check_essay(tasks[0], run)
        tasks = tasks[1:]
    yield from run_essays(_check_essay, tasks, run, jobs=engine.jobs, scheduler=engine.scheduler,
                          spec=engine.spec, build=_run_from_spec)


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
        run.unverifiable_reported.clear()  # per essay: what grew with the essays is let go
        findings = _guarded(essay, partial(_findings_for, item.doc, item.result.citations, item.result.claims,
                                           item.library, run, item))
        if isinstance(findings, _Parsed):  # an internal error, recorded on the document
            item.result.error = findings.result.error
            item.result.traceback = findings.result.traceback
        else:
            item.result.findings = findings
    if run.reads is not None:
        from citecheck.report.summary import lists_counted

        lists_counted(item.result, run.reads)
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
        if key not in run.sources:  # a worker's: this process reports it, never checks against it
            run.sources[key] = source.without_text()
    return outcome.result


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


def _read_essay(essay: Path, run: _Run) -> Document:
    """The essay's Document: from memory when it came on standard input, else from its file."""
    from citecheck.readers import format_for, parse_text, read_document

    if str(essay) in run.texts:
        return parse_text(run.texts[str(essay)], str(essay), format_for(essay))
    return read_document(essay)


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
    if run.claim_jobs > 1:  # one long essay over several processes: its claims extracted by them too
        from citecheck.claim_pool import extract

        result.claims = extract(doc, citations, run.claim_jobs)
    else:
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
