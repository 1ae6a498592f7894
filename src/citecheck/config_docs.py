"""The configuration written out for people, from the key registry (:data:`citecheck.config.KEYS`):
the commented starter ``citecheck.toml`` (``citecheck init``), docs/configuration.md, and
``citecheck check --show-settings``.
"""

from __future__ import annotations

from typing import Any

from citecheck.config import KEYS, Config

__all__ = ["effective_default", "render_docs", "render_settings", "render_starter"]


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


def effective_default(name: str) -> Any:
    """A key's default as the code uses it (``worthiness-threshold``: the tuned value)."""
    if name == "worthiness-threshold":
        from citecheck.claims import WORTHINESS_THRESHOLD

        return WORTHINESS_THRESHOLD
    return KEYS[name].default


# Example values for keys whose default is empty, shown commented out in the starter file.
_EXAMPLES: dict[str, Any] = {"bibliography": ["references.bib"], "snapshots": "snapshots",
                             "cache-dir": ".citecheck-cache", "baseline": "citecheck-baseline.json",
                             "output": ["sarif:citecheck.sarif"], "include": ["posts/**"], "exclude": ["drafts/"],
                             "allowed-networks": ["10.1.0.0/16"], "allowed-hosts": ["wiki.intranet"],
                             "archive-timegate-url": "https://timetravel.mementoweb.org/timegate/",
                             "select": ["ALL"], "extend-select": [], "ignore": ["link-redirected"],
                             "extend-ignore": ["reference-"]}


def render_starter() -> str:
    """A commented citecheck.toml, generated from KEYS.

    An uncommented ``key = value`` line is the default the code uses (the tuned threshold
    included); a commented-out line is an example for a key whose default is empty.
    """
    lines = ["# citecheck configuration. Every key is optional.",
             "# `key = value` lines show the defaults; commented-out lines are examples.",
             "# Command-line flags override these. Docs: docs/configuration.md, `citecheck rules`.", ""]
    for key in KEYS.values():
        if key.type == "table":
            continue
        lines.append(f"# {key.doc}")
        default = effective_default(key.name)
        if key.default is None and default is not None:  # tuned in code: shown, left to follow future tuning
            lines.append(f"# {key.name} = {_toml_value(default)}")
        elif default is None or default == "" or default == []:
            lines.append(f"# {key.name} = {_toml_value(_EXAMPLES.get(key.name, default))}")
        else:
            lines.append(f"{key.name} = {_toml_value(default)}")
        lines.append("")
    lines += ["# Per-rule severity: error, warning, info or off (`citecheck rules` lists the rules).",
              "[severity]", '# claim-uncited = "info"', '# reference-unused = "off"', "",
              "# Rules switched off for the files a glob matches (relative to this file).",
              "[per-file-ignores]", '# "drafts/**" = ["claim-uncited", "link-"]', "",
              "# Tolerance per hedge word, as fractions of the claimed value (docs/claims.md).",
              "[hedge-tolerance]", "# about = [-0.05, 0.05]", ""]
    return "\n".join(lines)


def render_docs() -> str:
    """docs/configuration.md, generated from KEYS (a test keeps the file in step)."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated from citecheck.config.KEYS: run `python -m citecheck.config > docs/configuration.md`. -->",
        "",
        "citecheck reads `[tool.citecheck]` in `pyproject.toml`, or a `citecheck.toml`. As in ruff, each",
        "essay uses the closest such file above it, so `citecheck check repo/posts/a.md` run from outside",
        "the repository still uses `repo/pyproject.toml`. Settings of the run as a whole (network, cache,",
        "`format`, `output`, `fail-on`, `processes`, `max-connections`, `scheduler`, `cache-url`) come from",
        "the file found from the working directory.",
        "`--config FILE` makes every essay use that file. Command-line flags override the file.",
        "A `citecheck.toml` or `--config` file holds its settings at the top level, or under",
        "`[tool.citecheck]` as in pyproject.toml (so `[tool.citecheck.rubric]` works in either).",
        "`citecheck check --show-settings ESSAY` prints the settings an essay gets and where each came from.",
        "Unknown keys and bad values stop the run with exit code 2, naming the file, the line and the key",
        "(with the closest known name). `citecheck init` writes a commented starter file.",
        "",
        "| key | type | default | what it does |",
        "|---|---|---|---|",
    ]
    for key in KEYS.values():
        kind = key.type if key.type != "choice" else " \\| ".join(f"`{c}`" for c in key.choices)
        default = {"worthiness-threshold": "(tuned)", "select": "(every rule)"}.get(
            key.name, f"`{_toml_value(key.default)}`")
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
        "## Choosing rules",
        "",
        "`select`, `extend-select`, `ignore`, `extend-ignore` and `per-file-ignores` work as in ruff, and",
        "so do the command-line options of the same names (`--select quote-,link-dead`). A selector is a",
        "rule name, a family prefix (`quote-`, `link-`, `citation-`; `quote` works too), a family name",
        "from `citecheck rules`, or `ALL`. The configuration file is applied first, then the command",
        "line; within each, a more specific selector wins (a rule name over a prefix over `ALL`), and",
        "at equal specificity `ignore` wins. A layer that sets `select` replaces the rules chosen so far.",
        "",
        "```toml",
        "[tool.citecheck]",
        'select = ["ALL"]',
        'ignore = ["link-redirected"]',
        "",
        "[tool.citecheck.per-file-ignores]",
        '"drafts/**" = ["claim-uncited", "link-"]',
        '"README.md" = ["ALL"]',
        "```",
        "",
        "A mistyped rule name anywhere (options, configuration, `citecheck rules NAME`, a",
        "`citecheck: ignore` comment) is reported with the closest rule name.",
        "",
    ]
    return "\n".join(lines)


def render_settings(config: Config, essay: str, extra: list[tuple[str, str, str]] | None = None) -> str:
    """``--show-settings``: every key's value for ``essay`` and where it came from."""
    width = max(len(name) for name in KEYS)
    where = str(config.path) if config.path else "none found (defaults)"
    lines = [f"# settings for {essay}", f"# configuration file: {where}"]
    for name in KEYS:
        value = config.get(name)
        shown = _toml_value(effective_default(name) if value is None else value)
        if isinstance(value, dict) and value:
            shown = "{ " + ", ".join(f"{k!r} = {v!r}" for k, v in value.items()) + " }"
        lines.append(f"{name:<{width}} = {shown:<40} # {config.origin(name)}")
    selection = config.cli_selection
    if not selection.is_empty():
        parts = []
        if selection.select is not None:
            parts.append("select " + ",".join(selection.select))
        if selection.extend_select:
            parts.append("extend-select " + ",".join(selection.extend_select))
        if selection.ignore:
            parts.append("ignore " + ",".join(selection.ignore))
        lines.append(f"# command line: {'; '.join(parts)}")
    enabled = sorted(config.rule_filter().enabled)
    lines.append(f"# rules enabled ({len(enabled)}): {', '.join(enabled)}")
    for label, value, origin in extra or []:
        lines.append(f"# {label}: {value} ({origin})")
    return "\n".join(lines) + "\n"
