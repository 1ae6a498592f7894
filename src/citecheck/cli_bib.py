"""``citecheck bib``: commands on a BibTeX library alone (``bib check``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citecheck.cli_options import COLOR_CHOICES, FORMATS, fail, load_run_config, use_color
from citecheck.errors import CitecheckError


@click.group()
def bib() -> None:
    """Commands on a BibTeX library alone.

    \b
    Examples:
      citecheck bib check references.bib          # identifiers, then Crossref, OpenAlex, Open Library
      citecheck bib check references.bib --fix    # the corrections the records support, as a diff
    """


@bib.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Print the corrections the index records support, as a unified diff.")
@click.option("--write", is_flag=True, help="Apply those corrections in place (the original is kept as NAME.bak).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Report format (default: text).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error, or config).")
@click.option("--offline", is_flag=True, default=None, help="Only recorded answers (--snapshots) and the cache.")
@click.option("--snapshots", type=click.Path(path_type=str), default=None,
              help="Snapshot directory holding recorded index answers (references.json).")
@click.option("--cache-dir", type=click.Path(path_type=str), default=None, help="Cache directory (web pages and their extracted texts).")
@click.option("--config", "config_path", type=click.Path(path_type=str), default=None, help="Configuration file.")
@click.option("-q", "--quiet", count=True,
              help="-q: findings only (no summary); -qq: nothing, only the exit code (and --fix's diff).")
@click.option("--color", "color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour the output; `auto` honours NO_COLOR / FORCE_COLOR and whether stdout is a TTY.")
@click.option("--no-color", is_flag=True, hidden=True, help="Same as --color never.")
def bib_check(paths: tuple[str, ...], fix: bool, write: bool, fmt: str | None, fail_on: str | None,
              offline: bool | None, snapshots: str | None, cache_dir: str | None, config_path: str | None,
              quiet: int, color: str = "auto", no_color: bool = False) -> None:
    """Check a library's entries against Crossref, OpenAlex and Open Library.

    \b
    Examples:
      citecheck bib check references.bib --fix
      citecheck bib check references.bib --offline --snapshots snapshots/   # recorded answers only
      citecheck bib check references.bib --write -q   # correct it in place, findings only

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or
    configuration error or a library that cannot be read, 130 interrupted.
    """
    from citecheck.references.bib import check_bib, fix_diff, write_fixes
    from citecheck.report import render

    try:
        config = load_run_config(config_path)
        config.override(offline=offline, fail_on=fail_on, snapshots=snapshots, cache_dir=cache_dir)
        result = check_bib([Path(p) for p in paths], config)
    except CitecheckError as exc:
        fail(exc)
        return
    if quiet < 2:
        colored = use_color(color, no_color)
        click.echo(render(result.report, fmt or config.get("format"), color=colored, quiet=quiet > 0), nl=False,
                   color=colored)
    if fix or write:
        diff, texts = fix_diff(result)
        click.echo(diff or "citecheck: no corrections to make\n", nl=False)
        if write and texts:
            for backup in write_fixes(texts):
                click.echo(f"citecheck: corrected {backup.name.removesuffix('.bak')} (original kept as {backup})",
                           err=True)
    sys.exit(result.report.exit_code())
