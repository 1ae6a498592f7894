"""The run's libraries and reference look-ups: which .bib files an essay uses (DESIGN.md's
order), each loaded once per process, library `file` targets kept out of the essays, the
library-level rules at the end of a run (reference-unused over every essay, identifiers), and
``check-references`` look-ups in the bibliographic indexes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.config import Config
from citecheck.discovery import resolve
from citecheck.errors import CitecheckError
from citecheck.findings import fingerprint
from citecheck.model import Document, Finding, LibraryResult, Reference, Report

if TYPE_CHECKING:
    from citecheck.pipeline import _Run


def _same_finding(finding: Finding) -> tuple[Any, ...]:
    """What makes two loader findings the same (one .bib loaded for several essays)."""
    return ("load", finding.rule, finding.severity, finding.message, finding.path, finding.span,
            finding.expected, finding.found, finding.source, repr(finding.evidence))


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


def _library_paths(essay: Path, doc: Document, bib: list[Path] | None, config: Config) -> list[Path]:
    return find_library(essay, doc, bib, config)[0]


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


def _finish_libraries(run: _Run, report: Report) -> None:
    if run.reference_outcomes or run.libraries:  # else nothing to check: skip the imports (5 % of start-up)
        _check_libraries(run)
    for result in run.library_results.values():
        for finding in result.findings:
            finding.fingerprint = fingerprint(finding, None)
    report.libraries = sorted(run.library_results.values(), key=lambda r: r.path)


def _check_libraries(run: _Run) -> None:
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


def _look_up_references(refs: list[Reference], run: _Run, record: bool = False) -> None:
    """check-references: ask the indexes about the cited entries; findings are added at the end."""
    from citecheck.references.exist import look_up

    outcomes = look_up(refs, run.config, getattr(run.provider, "fetcher", None), record=record)
    run.reference_outcomes.extend(outcomes)
    for outcome in outcomes:
        if outcome.record is not None and outcome.verdict not in ("identifier-mismatch", "unverified"):
            run.reference_records[(outcome.ref.bib_path, outcome.ref.key)] = outcome.record
