"""Configuration: ``[tool.citecheck]`` in pyproject.toml, or ``citecheck.toml``.

As in ruff, each essay uses the closest configuration above it: the first directory, from the
essay's own upwards, holding a ``citecheck.toml`` or a ``pyproject.toml`` with a
``[tool.citecheck]`` table (:class:`ConfigTree`). Settings of the run as a whole (network,
cache, output format, fail-on) come from the configuration found from the working directory.
``--config FILE`` makes every essay use that one file. Every key is declared once in
:data:`KEYS` (name, type, default, doc); unknown keys and bad values are :class:`ConfigError`
naming the file and the key. Command-line flags override the file; each value remembers where
it came from (:meth:`Config.origin`, ``citecheck check --show-settings``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
SEVERITY_CHOICES = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class Key:
    """One configuration key."""

    name: str
    type: str  # str | bool | int | float | list[str] | choice | table
    default: Any
    doc: str
    choices: tuple[str, ...] = ()


# Keys that were renamed: still read, with a notice naming the new key.
RENAMED: dict[str, str] = {"jobs": "max-connections"}

KEYS: dict[str, Key] = {
    key.name: key
    for key in [
        Key("bibliography", "list[str]", [], "BibTeX files to use when neither --bib nor the essay names one "
            "(relative to the config file)."),
        Key("fail-on", "choice", "error", "Lowest severity that makes `citecheck check` exit 1.",
            FAIL_ON_CHOICES),
        Key("format", "choice", "text", "Report format on standard output.",
            ("text", "json", "sarif", "github", "junit", "markdown", "concise", "jsonl")),
        Key("output", "list[str]", [], "Further reports written to files, as `FORMAT:PATH` (like --output)."),
        Key("baseline", "str", "", "Baseline file: findings recorded there are not reported (like --baseline)."),
        Key("severity", "table", {}, "Per-rule severity: `{ rule-name = \"error\" | \"warning\" | \"info\" | \"off\" }`."),
        Key("include", "list[str]", [], "Gitignore-style globs (relative to the config file): when set, only "
            "essays matching one are checked in directory walks."),
        Key("exclude", "list[str]", [], "Gitignore-style globs of essays and directories to skip in directory walks "
            "(.gitignore is always honoured)."),
        Key("offline", "bool", False, "Never touch the network: use local files, snapshots and the cache only."),
        Key("snapshots", "str", "", "Snapshot directory written by `citecheck fetch` and read by `check`."),
        Key("cache-dir", "str", "", "Directory of the cache of web pages and their extracted texts (SQLite); default: the user cache directory."),
        Key("expire-after-days", "float", 7.0, "Days a cached page is reused without any request."),
        Key("allow-private", "bool", False, "Allow essays' links to reach private, loopback and link-local addresses."),
        Key("allowed-networks", "list[str]", [], "Private or loopback networks (CIDR, e.g. \"10.1.0.0/16\") that "
            "essays' links may reach; narrower than allow-private."),
        Key("allowed-hosts", "list[str]", [], "Host names exempt from the private-address guard (e.g. an intranet wiki)."),
        Key("max-connections", "int", 32, "Number of sources fetched at once (at most `per-host` of them from one "
            "host). Was `jobs`, which is still read."),
        Key("per-host", "int", 2, "Requests in flight to one host at a time."),
        Key("timeout", "float", 20.0, "The most one request may take, from connecting to the last byte of the "
            "answer, in seconds (a hard deadline; see docs/sources.md)."),
        Key("max-bytes", "int", 20_000_000, "Largest response body read, in bytes."),
        Key("archive-availability-url", "str", "https://archive.org/wayback/available",
            "Wayback Machine availability API."),
        Key("archive-cdx-url", "str", "https://web.archive.org/cdx/search/cdx", "Wayback Machine CDX API."),
        Key("archive-web-url", "str", "https://web.archive.org/web", "Wayback Machine capture base URL."),
        Key("hedge-tolerance", "table", {}, "Per-hedge tolerance `{ hedge = [low, high] }` as fractions of the "
            "claimed value, e.g. `about = [-0.05, 0.05]`; defaults in docs/claims.md."),
        Key("archive-timegate-url", "str", "", "A Memento TimeGate (RFC 7089) asked when the Wayback APIs have no "
            "capture, e.g. an aggregator's `https://…/timegate/`; empty: not used."),
        Key("check-references", "bool", False, "Look every cited .bib entry up in Crossref, OpenAlex and Open "
            "Library in `citecheck check` (costs requests; like --check-references)."),
        Key("crossref-url", "str", "https://api.crossref.org", "Crossref REST API base URL."),
        Key("openalex-url", "str", "https://api.openalex.org", "OpenAlex API base URL."),
        Key("openlibrary-url", "str", "https://openlibrary.org", "Open Library base URL."),
        Key("mailto", "str", "", "Contact e-mail sent to Crossref and OpenAlex (their \"polite pools\")."),
        Key("worthiness-threshold", "float", None,
            "Check-worthiness score (0-1) at or above which an uncited claim is reported; default: the tuned value."),
        Key("source-dirs", "list[str]", [], "Directories (relative to the config file) besides each .bib's own from "
            "which a `file` field may read local full texts, e.g. a Zotero storage folder."),
        Key("allow-absolute-source-files", "bool", False, "Let a .bib `file` field read any file: absolute paths, `~`, "
            "`..` and symbolic links leaving the .bib's directory and `source-dirs` (trusted libraries only)."),
        Key("processes", "int", 0, "Essays checked at once, each in its own process (like --jobs); 0: the number "
            "of usable CPUs, 1: all in one process."),
        Key("scheduler", "str", "", "A Dask distributed scheduler (`tcp://host:8786`) that runs the essays' work "
            "(like --scheduler; needs `citecheck[dask]`); empty: this machine."),
        Key("cache-url", "str", "", "A shared cache of pages and their texts for every worker and CI shard, e.g. "
            "`redis://host:6379/0` (like --cache-url); empty: the SQLite cache in `cache-dir`."),
        Key("rubric", "table", {}, "`citecheck grade` score: points per counted problem, e.g. `contradicted = 10`, "
            "`base = 100`; every weight and its default in docs/grading.md."),
        Key("select", "list[str]", None, "Rules to run: names, family prefixes (`quote-`, `link-`) or `ALL`; "
            "replaces the default (every rule), as ruff's `select`."),
        Key("extend-select", "list[str]", [], "Rules or prefixes to run in addition to `select`."),
        Key("ignore", "list[str]", [], "Rules or prefixes not to run (a more specific `select` wins, as in ruff)."),
        Key("extend-ignore", "list[str]", [], "Rules or prefixes not to run, in addition to `ignore`."),
        Key("per-file-ignores", "table", {}, "Rules switched off per file: `{ \"GLOB\" = [\"rule-or-prefix\", …] }`, "
            "globs gitignore-style relative to the configuration file."),
    ]
}


@dataclass
class Config:
    """Settings after the file and the command line have been merged."""

    values: dict[str, Any] = field(default_factory=lambda: {k.name: k.default for k in KEYS.values()})
    path: Path | None = None
    notices: list[str] = field(default_factory=list)  # e.g. a renamed key, for the CLI to print
    origins: dict[str, str] = field(default_factory=dict)  # key -> "FILE:LINE" or "command line"
    flags: dict[str, Any] = field(default_factory=dict)  # command-line values, applied to every essay's config
    cli_selection: Any = None  # selection.RuleSelection from --select/--ignore/...; None: none given
    hierarchical: bool = False  # found by walking up (not --config, not built in code): essays may have their own

    def __post_init__(self) -> None:
        if self.cli_selection is None:
            from citecheck.selection import RuleSelection

            self.cli_selection = RuleSelection()

    def get(self, name: str) -> Any:
        return self.values[name]

    def origin(self, name: str) -> str:
        """Where a key's value came from: ``FILE:LINE``, ``command line`` or ``default``."""
        return self.origins.get(name, "default")

    def override(self, **flags: Any) -> None:
        """Apply command-line values (None means "not given")."""
        for name, value in flags.items():
            key_name = name.replace("_", "-")
            if value is None:
                continue
            if key_name not in KEYS:
                raise ConfigError(f"unknown setting {key_name!r}")
            self.values[key_name] = value
            self.flags[key_name] = value
            self.origins[key_name] = "command line"

    def select_rules(self, select: Any = None, extend_select: Any = (), ignore: Any = (),
                     extend_ignore: Any = ()) -> None:
        """Record --select / --extend-select / --ignore / --extend-ignore (a layer over the file's)."""
        from citecheck.selection import RuleSelection, split_selectors, validate

        for option, values in (("--select", select), ("--extend-select", extend_select), ("--ignore", ignore),
                               ("--extend-ignore", extend_ignore)):
            try:
                validate(split_selectors(values))
            except ValueError as exc:
                raise ConfigError(f"{option}: {exc}") from None
        self.cli_selection = RuleSelection.of(select, extend_select, ignore, extend_ignore)

    def rule_filter(self) -> Any:
        """The :class:`citecheck.selection.RuleFilter` of this configuration (built once)."""
        cached = self.__dict__.get("_rule_filter")
        if cached is None:
            from citecheck.selection import RuleFilter

            cached = self.__dict__["_rule_filter"] = RuleFilter.from_config(self)
        return cached

    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first citecheck.toml or pyproject.toml with [tool.citecheck] from start upwards."""
    for directory in [start, *start.parents]:
        own = directory / "citecheck.toml"
        if own.is_dir():
            raise ConfigError("is a directory, not a configuration file", str(own),
                              hint="remove or rename it, or make it a TOML file")
        if own.is_file():
            return own, _read_toml(own)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            tool = data.get("tool", {})
            table = tool.get("citecheck") if isinstance(tool, dict) else None
            if table is not None:
                return pyproject, {"tool": {"citecheck": table}}
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration file: {exc}", str(path),
                          hint="make it a readable UTF-8 TOML file") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {exc}", str(path), line, hint="fix the TOML syntax") from None


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Find and validate the configuration; an absent file gives the defaults."""
    config = Config()
    if explicit is not None:
        if explicit.is_dir():
            raise ConfigError("is a directory, not a configuration file", str(explicit),
                              hint="pass a citecheck.toml or pyproject.toml with --config")
        if not explicit.is_file():
            raise ConfigError("configuration file not found", str(explicit), hint="check the --config path")
        data = _read_toml(explicit)
        found: tuple[Path, dict[str, Any]] | None = (explicit, data)
    else:
        found = find_config_file((start or Path.cwd()).resolve())
    if found is None:
        config.hierarchical = explicit is None
        return config
    path, data = found
    table: Any = data
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("citecheck", data) if isinstance(tool, dict) else data
    elif isinstance(data.get("tool"), dict) and "citecheck" in data["tool"] and len(data["tool"]) == 1:
        # pyproject.toml's layout in any file (`--config rubric.toml` with `[tool.citecheck.rubric]`,
        # as `grade --help` shows): its settings, with any top-level ones beside them.
        inner = data["tool"]["citecheck"]
        table = {**{k: v for k, v in data.items() if k != "tool"}, **inner} if isinstance(inner, dict) else inner
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.citecheck] must be a table of settings, got {table!r}", str(path),
                          _line_of(path, "citecheck"), hint="write it as a `[tool.citecheck]` section")
    config.path = path
    config.hierarchical = explicit is None
    _validate(table, path, config)
    return config


class ConfigTree:
    """The configuration of each essay: the closest file above it (ruff's rule).

    ``root`` is the run's configuration (from the working directory or ``--config``); with
    ``--config`` (``root.hierarchical`` false) every essay uses it. Otherwise an essay under a
    directory with its own configuration file uses that file, with the command line's values
    laid over it; an essay with no file above it uses ``root``. Lookups are cached per
    directory, so a run over thousands of essays reads each directory and file once.
    """

    def __init__(self, root: Config) -> None:
        self.root = root
        self._closest: dict[Path, Path | None] = {}
        self._loaded: dict[Path, Config] = {}

    def for_path(self, path: str | Path) -> Config:
        """The configuration that applies to the essay or .bib at ``path``."""
        if not self.root.hierarchical:
            return self.root
        import os

        directory = Path(os.path.abspath(path)).parent
        found = self._find(directory)
        if found is None or (self.root.path is not None and found == self.root.path.resolve()):
            return self.root
        if found not in self._loaded:
            config = load_config(explicit=found)
            config.hierarchical = True
            for name, value in self.root.flags.items():
                config.values[name] = value
                config.flags[name] = value
                config.origins[name] = "command line"
            config.cli_selection = self.root.cli_selection
            self._loaded[found] = config
        return self._loaded[found]

    def _find(self, directory: Path) -> Path | None:
        visited: list[Path] = []
        result: Path | None = None
        for current in [directory, *directory.parents]:
            if current in self._closest:
                result = self._closest[current]
                break
            visited.append(current)
            if _config_file_in(current) is not None:
                result = _config_file_in(current)
                break
        for current in visited:
            self._closest[current] = result
        return result


def common_config(paths: Any) -> Config | None:
    """The configuration that every one of ``paths`` falls under, when they share one; else None."""
    import os

    tree = ConfigTree(Config(hierarchical=True))
    found: set[Path | None] = set()
    for raw in paths:
        path = Path(os.path.abspath(raw))
        found.add(tree._find(path if path.is_dir() else path.parent))
    if len(found) != 1 or None in found:
        return None
    config = load_config(explicit=found.pop())
    config.hierarchical = True
    return config


def _config_file_in(directory: Path) -> Path | None:
    """``directory``'s citecheck.toml, or its pyproject.toml when it has a [tool.citecheck] table."""
    own = directory / "citecheck.toml"
    if own.is_file():
        return own.resolve()
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = _read_toml(pyproject)
        except ConfigError:
            return None  # not ours to judge unless it would be used; load_config reports it then
        tool = data.get("tool", {})
        if isinstance(tool, dict) and "citecheck" in tool:
            return pyproject.resolve()
    return None


def places_searched(essay: str | Path) -> list[str]:
    """The files looked for, from ``essay``'s directory upwards, when no configuration was found."""
    import os

    directory = Path(os.path.abspath(essay)).parent
    return [f"{d}/citecheck.toml or pyproject.toml [tool.citecheck]" for d in [directory, *directory.parents]]


def _line_of(path: Path, key: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(key) and stripped[len(key):].lstrip().startswith("="):
                return number
            if stripped.startswith(f'"{key}"'):
                return number
    except OSError:
        return None
    return None


def _validate(table: dict[str, Any], path: Path, config: Config) -> None:
    from citecheck.checks.registry import RULES

    for name, value in table.items():
        line = _line_of(path, name)
        if name in RENAMED:
            new_name = RENAMED[name]
            if new_name in table:
                raise ConfigError(f"{name!r} is the old name of {new_name!r}; both are set", str(path), line,
                                  hint=f"keep only `{new_name}`")
            config.notices.append(f"{path}{':' + str(line) if line else ''}: `{name}` is now called "
                                  f"`{new_name}` (the old name is still read)")
            try:
                config.values[new_name] = _coerce(KEYS[new_name], value, path, line)
            except ConfigError as exc:
                raise ConfigError(f"{name} (now {new_name}): {exc.message.partition(': ')[2]}", str(path), line,
                                  hint=KEYS[new_name].doc) from None
            config.origins[new_name] = f"{path}{':' + str(line) if line else ''} (as `{name}`)"
            continue
        key = KEYS.get(name)
        if key is None:
            from citecheck.selection import did_you_mean

            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"unknown key {name!r}{did_you_mean(name, KEYS)}", str(path), line,
                              hint=f"known keys: {known}")
        config.values[name] = _coerce(key, value, path, line)
        config.origins[name] = f"{path}:{line}" if line else str(path)
        if name in ("select", "extend-select", "ignore", "extend-ignore"):
            _validate_selectors(name, config.values[name], path, line)
        if name == "per-file-ignores":
            for pattern, selectors in config.values[name].items():
                if isinstance(selectors, str):
                    selectors = [selectors]
                if not isinstance(selectors, list) or not all(isinstance(v, str) for v in selectors):
                    raise ConfigError(f"per-file-ignores.{pattern}: expected a list of rule names or prefixes, "
                                      f"got {selectors!r}", str(path), _line_of(path, f'"{pattern}"') or line)
                config.values[name][pattern] = selectors
                _validate_selectors(f"per-file-ignores.{pattern}", selectors, path,
                                    _line_of(path, f'"{pattern}"') or line)
        if name == "output":
            formats = KEYS["format"].choices
            for item in config.values[name]:
                fmt, sep, target = item.partition(":")
                if not sep or fmt not in formats or not target:
                    raise ConfigError(f"output: {item!r} is not FORMAT:PATH with FORMAT one of {', '.join(formats)}",
                                      str(path), line)
        if name == "hedge-tolerance":
            _validate_tolerances(config.values[name], path)
        if name == "allowed-networks":
            import ipaddress

            for network in config.values[name]:
                try:
                    ipaddress.ip_network(network, strict=False)
                except ValueError:
                    raise ConfigError(f"allowed-networks: {network!r} is not a network (use CIDR, e.g. 10.0.0.0/8)",
                                      str(path), line) from None
        if name == "severity":
            for rule, severity in value.items():
                if rule not in RULES:
                    from citecheck.selection import unknown_rule

                    raise ConfigError(f"severity: {unknown_rule(rule)}", str(path), _line_of(path, rule))
                if severity not in SEVERITY_CHOICES:
                    raise ConfigError(f"severity.{rule}: {severity!r} is not one of {', '.join(SEVERITY_CHOICES)}",
                                      str(path), _line_of(path, rule))


def _validate_selectors(name: str, selectors: list[str], path: Path, line: int | None) -> None:
    from citecheck.selection import split_selectors, validate

    try:
        validate(split_selectors(selectors))
    except ValueError as exc:
        raise ConfigError(f"{name}: {exc}", str(path), line) from None


def _validate_tolerances(table: dict[str, Any], path: Path) -> None:
    from citecheck.claims import HEDGE_TOLERANCE

    for hedge, bounds in table.items():
        line = _line_of(path, hedge) or _line_of(path, f'"{hedge}"')
        if hedge not in HEDGE_TOLERANCE:
            raise ConfigError(f"hedge-tolerance: unknown hedge {hedge!r}", str(path), line,
                              hint="known hedges: " + ", ".join(sorted(HEDGE_TOLERANCE)))
        ok = (isinstance(bounds, list) and len(bounds) == 2
              and all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds)
              and bounds[0] <= 0 <= bounds[1])
        if not ok:
            raise ConfigError(f"hedge-tolerance.{hedge}: expected [low, high] with low <= 0 <= high, got {bounds!r}",
                              str(path), line)
        table[hedge] = (float(bounds[0]), float(bounds[1]))


def _coerce(key: Key, value: Any, path: Path, line: int | None) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{key.name}: expected {expected}, got {value!r}", str(path), line, hint=key.doc)

    if key.type == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if key.type == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("a non-negative integer")
        return value
    if key.type == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise bad("a non-negative number")
        return float(value)
    if key.type == "str":
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if key.type == "list[str]":
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return value
    if key.type == "choice":
        if value not in key.choices:
            raise bad("one of " + ", ".join(key.choices))
        return value
    if key.type == "table":
        if not isinstance(value, dict):
            raise bad("a table")
        return dict(value)
    raise AssertionError(key.type)


if __name__ == "__main__":  # pragma: no cover - regenerates docs/configuration.md
    from citecheck.config_docs import render_docs

    print(render_docs(), end="")
