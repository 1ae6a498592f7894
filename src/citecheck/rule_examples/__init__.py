"""Runnable examples for the rule docs: for every rule, an essay that triggers it and a fixed one.

An example is data (:class:`RuleExample`): a Markdown essay, the text of its ``references.bib``,
the local source files the .bib's ``file`` fields name (paths relative to the .bib), and the
snapshot directory (``index.json`` entries, with their texts inline) that lets the example's web
sources be read with no network, exactly as ``citecheck check --offline --snapshots DIR`` reads
the directory ``citecheck fetch`` writes. :func:`write_example` lays an example out on disk so it
can be checked; the rule docs (``citecheck rules RULE``, docs/rules.md) print its essay and .bib,
and tests/test_rule_docs.py checks that each rule fires on its bad example and not on its fix.

The examples are kept as Python data rather than as package data files so that every install
(editable or wheel) has them without packaging configuration.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

ESSAY = "essay.md"
BIB = "references.bib"
SNAPSHOTS = "snapshots"


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class RuleExample:
    """One runnable example: an essay and everything it needs to be checked offline.

    ``snapshots`` maps a URL to its snapshot index entry (the fields of
    :mod:`citecheck.sources.snapshots`), except that the page text and the archived capture's
    text are given inline as ``text`` and ``archive_text``; :func:`write_example` stores them
    under ``texts/`` and fills in ``file``, ``archive_file`` and ``sha256``.
    """

    essay: str
    bib: str = ""
    files: Mapping[str, str] = field(default_factory=dict)
    snapshots: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    note: str = ""  # one line of context for the docs: what the source says, what the fix changed
    config: Mapping[str, Any] = field(default_factory=dict)  # settings the example needs (check-references)
    records: Mapping[str, Any] = field(default_factory=dict)  # recorded index answers: request URL -> JSON

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", _frozen(self.files))
        object.__setattr__(self, "snapshots", _frozen({url: _frozen(e) for url, e in self.snapshots.items()}))
        object.__setattr__(self, "config", _frozen(self.config))
        object.__setattr__(self, "records", _frozen(self.records))


@dataclass(frozen=True)
class ExampleFiles:
    """Where :func:`write_example` put an example: the arguments ``citecheck.check`` needs."""

    essay: Path
    bib: list[Path]
    snapshots: Path | None


def write_example(example: RuleExample, directory: str | Path) -> ExampleFiles:
    """Write ``example`` under ``directory`` (essay.md, references.bib, its files, snapshots/)."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    essay = root / ESSAY
    essay.write_text(example.essay, encoding="utf-8")
    bib: list[Path] = []
    if example.bib:
        bib.append(root / BIB)
        bib[0].write_text(example.bib, encoding="utf-8")
    for name, text in example.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    snapshots = _write_snapshots(example.snapshots, root / SNAPSHOTS) if example.snapshots else None
    if example.records:
        snapshots = root / SNAPSHOTS
        _write_records(example.records, snapshots)
    return ExampleFiles(essay, bib, snapshots)


def _write_snapshots(entries: Mapping[str, Mapping[str, Any]], directory: Path) -> Path:
    from citecheck.sources.snapshots import INDEX, TEXTS, SnapshotStore

    store = SnapshotStore(directory)
    index: dict[str, dict[str, Any]] = {}
    for url, given in entries.items():
        entry = {k: v for k, v in given.items() if k not in ("text", "archive_text")}
        entry.setdefault("id", url)
        entry.setdefault("url", url)
        stem = store.file_stem(url)
        text = given.get("text")
        if text:
            entry["file"] = f"{TEXTS}/{stem}.txt"
            entry["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            entry["words"] = len(text.split())
            (directory / entry["file"]).parent.mkdir(parents=True, exist_ok=True)
            (directory / entry["file"]).write_text(text, encoding="utf-8")
        archive_text = given.get("archive_text")
        if archive_text:
            entry["archive_file"] = f"{TEXTS}/{stem}.archive.txt"
            (directory / entry["archive_file"]).parent.mkdir(parents=True, exist_ok=True)
            (directory / entry["archive_file"]).write_text(archive_text, encoding="utf-8")
        index[url] = entry
    directory.mkdir(parents=True, exist_ok=True)
    (directory / INDEX).write_text(json.dumps(index, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return directory


def _write_records(records: Mapping[str, Any], directory: Path) -> None:
    """Recorded Crossref / OpenAlex / Open Library answers, as `citecheck fetch --check-references` writes them.

    A value of None records a 404 ("no such record"); anything else is the JSON body of a 200.
    """
    from citecheck.references.clients import RECORDS_FILE

    stored = {url: {"status": 404 if body is None else 200, "json": body} for url, body in records.items()}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / RECORDS_FILE).write_text(json.dumps(stored, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


def examples_for(name: str) -> tuple[RuleExample, RuleExample] | None:
    """The (bad, fixed) examples of rule ``name``, or None when it has none."""
    from citecheck.rule_examples.catalogue import EXAMPLES

    return EXAMPLES.get(name)


__all__ = ["ExampleFiles", "RuleExample", "examples_for", "write_example"]
