"""`citecheck bib check LIBRARY.bib`: a library checked on its own, and its fields corrected.

Every entry is checked (identifier syntax, then the indexes unless ``--offline`` has no recorded
answers); ``--fix`` shows the corrections the index records support as a unified diff, and
``--write`` applies them in place — only the values change, the file's layout, comments and field
order stay — after copying the file to ``LIBRARY.bib.bak``.

Corrections are only made where the record was matched on title *and* authors (metadata
mismatches): a DOI, year, volume, pages or title the record gives. Nothing is "fixed" on an entry
whose identifier points at another work; that needs a person.
"""

from __future__ import annotations

import difflib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.config import Config
from citecheck.model import LibraryResult, Report
from citecheck.references.exist import Outcome


@dataclass
class BibCheck:
    """What `bib check` found: a report (libraries only) and the corrections per file."""

    report: Report
    outcomes: list[Outcome] = field(default_factory=list)
    fixes: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # bib path -> key -> field -> value


def check_bib(paths: list[Path], config: Config, *, refresh: bool = False, network: bool = True) -> BibCheck:
    """Check every entry of the given .bib files (identifiers, then the indexes)."""
    from citecheck import api
    from citecheck.checks.references import check_identifiers, outcome_findings
    from citecheck.errors import InputError
    from citecheck.library import load_library
    from citecheck.references.exist import look_up

    report = Report(fail_on=config.get("fail-on"))
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError("bibliography file not found", str(path), hint="check the path and its spelling")
    library = load_library(paths)  # InputError (exit 2) for a file that cannot be read
    results = {str(p): LibraryResult(path=str(p), source=Path(p).read_text(encoding="utf-8-sig", errors="replace"))
               for p in paths}
    for ref in library.references.values():
        if ref.bib_path in results:
            results[ref.bib_path].entries += 1
    findings = list(library.findings) + check_identifiers(library)
    outcomes: list[Outcome] = []
    if network or config.get("snapshots"):
        provider = api.make_provider(config, network=network, refresh=refresh)
        try:
            outcomes = look_up(list(library.references.values()), config, getattr(provider, "fetcher", None))
        finally:
            provider.close()
        findings += outcome_findings(outcomes, [library])
    for finding in findings:
        result = results.setdefault(finding.path, LibraryResult(path=finding.path))
        api._complete_finding(finding, result.source)
        finding.fingerprint = api.fingerprint(finding, None)
        result.findings.append(finding)
    for result in results.values():
        result.findings = api._apply_severities_to(result.findings, config)
    report.libraries = sorted(results.values(), key=lambda r: r.path)
    check = BibCheck(report, outcomes)
    for outcome in outcomes:
        if outcome.verdict == "metadata-mismatch" and outcome.fixes:
            check.fixes.setdefault(outcome.ref.bib_path, {})[outcome.ref.key] = dict(outcome.fixes)
    return check


# --------------------------------------------------------------------------- rewriting values in place

_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*([{(])\s*([^\s,{}()]+)\s*,")


def _value_end(text: str, start: int) -> int:
    """Where a field value starting at ``start`` ends (exclusive): braces, quotes or a bare word."""
    if start >= len(text):
        return start
    ch = text[start]
    if ch == "{":
        depth = 0
        for i in range(start, len(text)):
            if text[i] == "\\":
                continue
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(text)
    if ch == '"':
        depth = 0
        for i in range(start + 1, len(text)):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
            elif text[i] == '"' and depth == 0:
                return i + 1
        return len(text)
    m = re.compile(r"[^\s,}#]+").match(text, start)
    return m.end() if m else start


def _entry_bounds(text: str, key: str) -> tuple[int, int] | None:
    for m in _ENTRY.finditer(text):
        if m.group(3) == key:
            close = "}" if m.group(2) == "{" else ")"
            depth, i = 1, m.end()
            while i < len(text) and depth:
                if text[i] == m.group(2):
                    depth += 1
                elif text[i] == close:
                    depth -= 1
                i += 1
            return m.end(), i - 1  # fields start .. the closing brace
    return None


def apply_fixes(text: str, fixes: dict[str, dict[str, str]]) -> str:
    """``text`` with each entry's fields set to the given values, layout kept.

    An existing field keeps its delimiters (``{…}`` or ``"…"``) and position; a missing one is
    added as a new line after the entry's last field, indented like the others.
    """
    for key, values in fixes.items():
        for name, value in values.items():
            bounds = _entry_bounds(text, key)
            if bounds is None:
                continue
            start, end = bounds
            body = text[start:end]
            m = re.compile(r"(^|[\s,])(" + re.escape(name) + r")(\s*=\s*)", re.IGNORECASE).search(body)
            if m:
                vstart = start + m.end()
                vend = _value_end(text, vstart)
                old = text[vstart:vend]
                new = "{" + value + "}" if old.startswith("{") or not old.startswith('"') else f'"{value}"'
                text = text[:vstart] + new + text[vend:]
                continue
            lines = body.rstrip().splitlines()
            indent = "  "
            for line in lines:
                lm = re.match(r"([ \t]+)\S", line)
                if lm:
                    indent = lm.group(1)
                    break
            stripped_end = start + len(body.rstrip())
            insert = "" if text[:stripped_end].rstrip().endswith(",") else ","
            text = text[:stripped_end] + insert + f"\n{indent}{name} = {{{value}}}," + text[stripped_end:]
    return text


def fix_diff(check: BibCheck) -> tuple[str, dict[str, str]]:
    """The unified diff of every correction, and each file's corrected text."""
    diffs: list[str] = []
    texts: dict[str, str] = {}
    for path, fixes in sorted(check.fixes.items()):
        old = Path(path).read_text(encoding="utf-8-sig")
        new = apply_fixes(old, fixes)
        if new != old:
            texts[path] = new
            diffs.extend(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                              fromfile=f"a/{path}", tofile=f"b/{path}"))
    return "".join(diffs), texts


def write_fixes(texts: dict[str, str]) -> list[Path]:
    """Write corrected texts, each after copying the original to ``NAME.bak``; the backups made."""
    backups = []
    for path, text in texts.items():
        target = Path(path)
        backup = target.with_name(target.name + ".bak")
        shutil.copy2(target, backup)
        target.write_text(text, encoding="utf-8")
        backups.append(backup)
    return backups


def summary(check: BibCheck) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for outcome in check.outcomes:
        counts[outcome.verdict] = counts.get(outcome.verdict, 0) + 1
    return counts


__all__ = ["BibCheck", "apply_fixes", "check_bib", "fix_diff", "write_fixes"]
