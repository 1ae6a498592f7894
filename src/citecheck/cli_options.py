"""Options shared by the commands, the rules that turn them into behaviour, and what every
command does alike: reading the run's configuration, checking --bib paths, failing with an error.

Kept apart from :mod:`citecheck.cli` so that every command (check, fetch, and the ones to come)
takes the same option the same way: sqlite-utils' ``output_options`` decorator is the model.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from citecheck.errors import CitecheckError, InputError

F = TypeVar("F", bound=Callable[..., Any])

COLOR_CHOICES = ("auto", "always", "never")
FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "markdown", "jsonl")


def _apply(options: list[Callable[[F], F]], function: F) -> F:
    for option in reversed(options):
        function = option(function)
    return function


def source_options(function: F) -> F:
    """Where essays' libraries, configuration, cache and snapshots come from (check, fetch)."""
    return _apply([
        click.option("--bib", "bib", multiple=True, type=click.Path(path_type=str),
                     help="BibTeX library (repeatable). Default: the essay's own, config, or references.bib beside it."),
        click.option("--config", "config_path", type=click.Path(path_type=str), default=None,
                     help="Configuration file for every essay (default: the closest citecheck.toml or "
                          "pyproject.toml [tool.citecheck] above each essay)."),
        click.option("--snapshots", type=click.Path(path_type=str), default=None,
                     help="Snapshot directory written by `citecheck fetch` (default: config `snapshots`)."),
        click.option("--cache-dir", type=click.Path(path_type=str), default=None, help="Cache directory (web pages and their extracted texts)."),
        click.option("--refresh", is_flag=True, help="Revalidate every cached page."),
        click.option("--allow-private", is_flag=True, default=None,
                     help="Allow links to private, loopback and link-local addresses (trusted essays only)."),
    ], function)


def display_options(function: F) -> F:
    """How much is printed, and in colour or not (check, fetch)."""
    return _apply([
        click.option("-q", "--quiet", count=True,
                     help="-q: findings only (no progress, no summary); -qq: nothing, only the exit code."),
        click.option("--color", "color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
                     help="Colour the output; `auto` honours NO_COLOR / FORCE_COLOR and whether stdout is a TTY."),
        click.option("--no-color", is_flag=True, hidden=True, help="Same as --color never."),
    ], function)


def run_options(function: F) -> F:
    """Where the essays' work runs: processes, a Dask scheduler, a shared cache (check, grade)."""
    return _apply([
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
                     help="Essays checked at once, one process each (default: usable CPUs, or config `processes`)."),
        click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
                     help="Run the essays' work on this Dask scheduler (needs citecheck[dask])."),
        click.option("--cache-url", default=None, metavar="URL",
                     help="Shared cache for workers and CI shards, e.g. redis://host:6379/0 (default: SQLite)."),
    ], function)


def use_color(choice: str, no_color: bool = False, stream: Any = None) -> bool:
    """Whether to colour: --color always/never wins; then NO_COLOR, then FORCE_COLOR, then a TTY test."""
    if no_color or choice == "never":
        return False
    if choice == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream if stream is not None else sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def selection_options(function: F) -> F:
    """ruff's rule selection on the command line: --select, --ignore, --extend-select, --extend-ignore."""
    def option(name: str, what: str) -> Callable[[F], F]:
        return click.option(name, multiple=True, metavar="RULES",
                            help=f"{what}: rule names or prefixes (`quote-`, `link-`, `ALL`), comma-separated "
                                 "or repeated.")
    return _apply([
        option("--select", "Rules to run, replacing the configuration's `select`"),
        option("--extend-select", "Rules to run in addition"),
        option("--ignore", "Rules not to run"),
        option("--extend-ignore", "Rules not to run, in addition to `ignore`"),
    ], function)


def fail(exc: CitecheckError) -> None:
    """Print the error as ``citecheck: error: …`` on stderr and exit with its code."""
    click.echo(f"citecheck: error: {exc.render()}", err=True)
    sys.exit(exc.exit_code)


def load_run_config(config_path: str | None, paths: Any = ()) -> Any:
    """The run's configuration: --config, else the one found from the working directory.

    When none is found from there and every path given lies under one and the same
    configuration (``citecheck check repo/posts/`` from outside the repository), that one also
    gives the run's own settings (network, cache, snapshots, format).
    """
    from citecheck.config import common_config, load_config

    config = load_config(explicit=Path(config_path) if config_path else None)
    if config_path is None and config.path is None:
        config = common_config(paths) or config
    for notice in config.notices:
        click.echo(f"citecheck: note: {notice}", err=True)
    return config


def check_bib_paths(bib: tuple[str, ...]) -> None:
    """A mistyped --bib is a usage error, not an unreadable essay (nor 300 unreadable essays)."""
    for library in bib:
        if not Path(library).is_file():
            raise InputError("no such file" if not Path(library).exists() else "not a file", f"--bib {library}",
                             hint="check the path given with --bib")
