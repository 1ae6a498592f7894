"""One formatter per output format; each module has ``render(report) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMATS: dict[str, str] = {
    "text": "citecheck.report.text",
    "json": "citecheck.report.json",
    "sarif": "citecheck.report.sarif",
    "github": "citecheck.report.github",
    "junit": "citecheck.report.junit",
    "markdown": "citecheck.report.markdown",
    "concise": "citecheck.report.concise",
    "jsonl": "citecheck.report.jsonl",
}


def finding_text(finding: Any, evidence: bool = False) -> str:
    """A finding's message with its expected and found values (and ``evidence``) on lines of their own."""
    lines = [finding.message]
    if finding.expected is not None:
        lines.append(f"Expected: {finding.expected}")
    if finding.found is not None:
        lines.append(f"Found: {finding.found}")
    if evidence:
        from citecheck.report.evidence import evidence_lines

        lines.extend(f"Evidence: {line}" for line in evidence_lines(finding.evidence, limit=2))
    return "\n".join(lines)


def render(report: Any, fmt: str, **options: Any) -> str:
    """The report in ``fmt`` (a key of FORMATS); ``options`` go to formatters that take them.

    Every string of the report is cleaned first (:mod:`citecheck.report.sanitize`): no essay,
    library or page can put a control character or a line of its own into any format.
    """
    from citecheck.report.sanitize import clean_report

    report = clean_report(report, line_oriented=fmt not in ("json", "sarif", "jsonl"))
    import inspect

    module = importlib.import_module(FORMATS[fmt])
    accepted = inspect.signature(module.render).parameters
    return module.render(report, **{k: v for k, v in options.items() if k in accepted})


def write_atomic(path: str | Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string, or its pieces) to ``path`` through a temporary file in the same
    directory and a rename.

    An interrupted run (Ctrl-C, a killed CI job) leaves the previous file or none, never half a
    report. ``os.replace`` is atomic on POSIX and Windows within one file system.
    """
    import os
    import stat
    import tempfile

    target = Path(os.path.realpath(path))  # through a symbolic link to the file it names
    try:
        special = not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        special = False
    if special:  # /dev/stdout, a FIFO: nothing to rename over, write straight through
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        return
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        if target.exists():  # keep the permissions of the file being replaced
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
