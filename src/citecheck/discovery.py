"""Which essay files a run checks: files as given, directories walked.

A directory walk skips what git would ignore (every ``.gitignore`` from the repository root down
to each file, via pathspec's gitignore semantics), hidden and tool directories, Office lock files
(``~$…``) and macOS metadata (``._…``, ``__MACOSX/``), and the config's ``exclude`` globs; when ``include`` globs are set, only files matching one are kept.
Files named explicitly on the command line are always checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def resolve(path: Path) -> Path:
    """``path.resolve()``, but a symbolic-link loop gives the absolute path instead of an exception."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop" (Python < 3.13)
        return Path(os.path.abspath(path))


_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", "_site", "site-packages",
              "__MACOSX"}
# Files no one wrote as an essay that sit beside essays: Office's lock file of a document open in
# Word ("~$say.docx"), and macOS's AppleDouble metadata ("._essay.docx", in "__MACOSX/" when a
# folder of submissions was zipped on a Mac). A walk that read them would grade them as broken
# submissions.
_JUNK_PREFIXES = ("~$", "._")


def _special_file(path: Path) -> bool:
    """True for an existing FIFO, socket or device; a broken or looping link is not skipped (it is reported)."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _git_root(start: Path) -> Path | None:
    for directory in [start, *start.parents]:
        if (directory / ".git").exists():
            return directory
    return None


class _Ignores:
    """The .gitignore rules that apply inside one repository (or one walked tree)."""

    def __init__(self) -> None:
        self._specs: dict[Path, object | None] = {}

    def _spec(self, directory: Path) -> object | None:
        if directory not in self._specs:
            ignore_file = directory / ".gitignore"
            spec = None
            if ignore_file.is_file():
                import pathspec

                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    lines = []
                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._specs[directory] = spec
        return self._specs[directory]

    def ignored(self, path: Path, top: Path, is_dir: bool) -> bool:
        """True when a .gitignore between ``top`` and ``path`` ignores it."""
        for directory in [top, *[p for p in path.parents if top in p.parents]][::-1]:
            spec = self._spec(directory)
            if spec is None:
                continue
            relative = path.relative_to(directory).as_posix() + ("/" if is_dir else "")
            if spec.match_file(relative):  # type: ignore[attr-defined]
                return True
        return False


def _globs(patterns: list[str]) -> object | None:
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def walk(directory: Path, suffixes: Iterable[str], include: list[str], exclude: list[str],
         base: Path) -> list[Path]:
    """Essay files under ``directory``, sorted, honouring .gitignore and include/exclude globs.

    Globs are matched against the path relative to ``base`` (the config file's directory, or the
    working directory).
    """
    suffixes = {s.lower() for s in suffixes}
    root = _git_root(resolve(directory))
    top = root if root is not None else resolve(directory)
    ignores = _Ignores()
    include_spec, exclude_spec = _globs(include), _globs(exclude)

    def relative_to_base(path: Path) -> str:
        try:
            return resolve(path).relative_to(resolve(base)).as_posix()
        except ValueError:
            return path.as_posix()

    found: list[Path] = []
    for current, dirs, files in os.walk(directory):
        here = Path(current)
        kept_dirs = []
        for name in sorted(dirs):
            sub = here / name
            if name in _SKIP_DIRS or name.startswith("."):
                continue
            if ignores.ignored(resolve(sub), top, is_dir=True):
                continue
            if exclude_spec is not None and exclude_spec.match_file(relative_to_base(sub) + "/"):  # type: ignore[attr-defined]
                continue
            kept_dirs.append(name)
        dirs[:] = kept_dirs
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() not in suffixes or name.startswith(_JUNK_PREFIXES):
                continue
            if _special_file(path):
                continue  # a FIFO, socket or device met in a walk is not an essay
            if ignores.ignored(resolve(path), top, is_dir=False):
                continue
            rel = relative_to_base(path)
            if exclude_spec is not None and exclude_spec.match_file(rel):  # type: ignore[attr-defined]
                continue
            if include_spec is not None and not include_spec.match_file(rel):  # type: ignore[attr-defined]
                continue
            found.append(path)
    return sorted(found)
