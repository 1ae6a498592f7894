"""Configuration: ``[tool.citecheck]`` in pyproject.toml, or ``citecheck.toml``.

The file is found by walking up from the working directory; the first directory holding a
``citecheck.toml``, or a ``pyproject.toml`` with a ``[tool.citecheck]`` table, wins. Every key is
declared once in :data:`KEYS` (name, type, default, doc); unknown keys and bad values are
:class:`ConfigError` naming the file and the key. Command-line flags override the file.
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
            ("text", "json", "sarif", "github", "junit", "markdown")),
        Key("output", "list[str]", [], "Further reports written to files, as `FORMAT:PATH` (like --output)."),
        Key("baseline", "str", "", "Baseline file: findings recorded there are not reported (like --baseline)."),
        Key("severity", "table", {}, "Per-rule severity: `{ rule-name = \"error\" | \"warning\" | \"info\" | \"off\" }`."),
        Key("include", "list[str]", [], "Gitignore-style globs (relative to the config file): when set, only "
            "essays matching one are checked in directory walks."),
        Key("exclude", "list[str]", [], "Gitignore-style globs of essays and directories to skip in directory walks "
            "(.gitignore is always honoured)."),
        Key("offline", "bool", False, "Never touch the network: use local files, snapshots and the cache only."),
        Key("snapshots", "str", "", "Snapshot directory written by `citecheck fetch` and read by `check`."),
        Key("cache-dir", "str", "", "Directory of the HTTP cache (SQLite); default: the user cache directory."),
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
        Key("cache-url", "str", "", "A shared cache for every worker and CI shard, e.g. `redis://host:6379/0` "
            "(like --cache-url); empty: the SQLite cache in `cache-dir`."),
        Key("rubric", "table", {}, "`citecheck grade` score: points per counted problem, e.g. `contradicted = 10`, "
            "`base = 100`; every weight and its default in docs/grading.md."),
    ]
}


@dataclass
class Config:
    """Settings after the file and the command line have been merged."""

    values: dict[str, Any] = field(default_factory=lambda: {k.name: k.default for k in KEYS.values()})
    path: Path | None = None
    notices: list[str] = field(default_factory=list)  # e.g. a renamed key, for the CLI to print

    def get(self, name: str) -> Any:
        return self.values[name]

    def override(self, **flags: Any) -> None:
        """Apply command-line values (None means "not given")."""
        for name, value in flags.items():
            key_name = name.replace("_", "-")
            if value is None:
                continue
            if key_name not in KEYS:
                raise ConfigError(f"unknown setting {key_name!r}")
            self.values[key_name] = value

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
        return config
    path, data = found
    table: Any = data
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("citecheck", data) if isinstance(tool, dict) else data
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.citecheck] must be a table of settings, got {table!r}", str(path),
                          _line_of(path, "citecheck"), hint="write it as a `[tool.citecheck]` section")
    config.path = path
    _validate(table, path, config)
    return config


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
            continue
        key = KEYS.get(name)
        if key is None:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"unknown key {name!r}", str(path), line, hint=f"known keys: {known}")
        config.values[name] = _coerce(key, value, path, line)
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
                    raise ConfigError(f"severity: unknown rule {rule!r}", str(path), _line_of(path, rule),
                                      hint="`citecheck rules` lists them")
                if severity not in SEVERITY_CHOICES:
                    raise ConfigError(f"severity.{rule}: {severity!r} is not one of {', '.join(SEVERITY_CHOICES)}",
                                      str(path), _line_of(path, rule))


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


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{}"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_starter() -> str:
    """A commented citecheck.toml listing every key with its default, generated from KEYS."""
    lines = ["# citecheck configuration. Every key is optional; the values shown are the defaults.",
             "# Command-line flags override these. Docs: `citecheck rules`, README.md.", ""]
    for key in KEYS.values():
        if key.type == "table":
            continue
        lines.append(f"# {key.doc}")
        default = key.default
        if default is None or default == "" or default == []:
            example = {"bibliography": ["references.bib"], "snapshots": "snapshots",
                       "cache-dir": ".citecheck-cache", "worthiness-threshold": 0.5}.get(key.name, default)
            lines.append(f"# {key.name} = {_toml_value(example)}")
        else:
            lines.append(f"{key.name} = {_toml_value(default)}")
        lines.append("")
    lines += ["# Per-rule severity: error, warning, info or off (`citecheck rules` lists the rules).",
              "[severity]", '# claim-uncited = "info"', '# reference-unused = "off"', ""]
    return "\n".join(lines)


def render_docs() -> str:
    """docs/configuration.md, generated from KEYS (a test keeps the file in step)."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated from citecheck.config.KEYS: run `python -m citecheck.config > docs/configuration.md`. -->",
        "",
        "citecheck reads `[tool.citecheck]` in `pyproject.toml`, or a `citecheck.toml`, found by walking up",
        "from the working directory (`--config FILE` names one). Command-line flags override the file.",
        "Unknown keys and bad values stop the run with exit code 2, naming the file, the line and the key.",
        "`citecheck init` writes a commented starter file.",
        "",
        "| key | type | default | what it does |",
        "|---|---|---|---|",
    ]
    for key in KEYS.values():
        kind = key.type if key.type != "choice" else " \\| ".join(f"`{c}`" for c in key.choices)
        default = "(tuned)" if key.default is None else f"`{_toml_value(key.default)}`"
        doc = key.doc.replace("|", "\\|")
        lines.append(f"| `{key.name}` | {kind} | {default} | {doc} |")
    lines += [
        "",
        "Per-rule severities go in a `severity` table (`[tool.citecheck.severity]` in pyproject.toml):",
        "",
        "```toml",
        "[tool.citecheck.severity]",
        'claim-uncited = "info"',
        'reference-unused = "off"',
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - regenerates docs/configuration.md
    print(render_docs(), end="")
