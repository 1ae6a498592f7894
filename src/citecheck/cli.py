"""The command line: a thin click shell over :mod:`citecheck.api`.

Heavy modules (HTTP, HTML, PDF, the checks) are imported inside the commands so that
``citecheck --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Self

import click

from citecheck import __version__
from citecheck.errors import CitecheckError

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


def _fail(exc: CitecheckError) -> None:
    click.echo(f"citecheck: error: {exc.render()}", err=True)
    sys.exit(exc.exit_code)


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


class _Progress:
    """A rich progress bar on stderr while sources are fetched; silent when not a TTY or quiet."""

    def __init__(self, quiet: bool) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.enabled = not quiet and sys.stderr.isatty()

    def __enter__(self) -> Self:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("fetching sources", total=None)
        return self

    def __call__(self, url: str, source: Any) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"{source.status:<12} {url[:60]}")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _load_config(config_path: str | None) -> Any:
    from citecheck.config import load_config

    config = load_config(explicit=Path(config_path) if config_path else None)
    for notice in config.notices:
        click.echo(f"citecheck: note: {notice}", err=True)
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="citecheck")
def main() -> None:
    """Check the truth of an essay: its citations, quotations, numbers, dates and links,
    against the sources it cites.

    \b
    Start with:  citecheck check ESSAY.md --bib references.bib
    Rule docs:   citecheck rules [RULE]
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--bib", "bib", multiple=True, type=click.Path(path_type=str),
              help="BibTeX library (repeatable). Default: the essay's own, config, or references.bib beside it.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format (default: text, or config `format`).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error, or config).")
@click.option("--offline", is_flag=True, default=None,
              help="Never touch the network: local files, snapshots and the cache only.")
@click.option("--snapshots", type=click.Path(path_type=str), default=None,
              help="Snapshot directory written by `citecheck fetch`.")
@click.option("--cache-dir", type=click.Path(path_type=str), default=None, help="HTTP cache directory.")
@click.option("--refresh", is_flag=True, help="Revalidate every cached page.")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow links to private, loopback and link-local addresses (trusted essays only).")
@click.option("--config", "config_path", type=click.Path(path_type=str), default=None,
              help="Configuration file (default: citecheck.toml or pyproject.toml found upwards).")
@click.option("--no-color", is_flag=True, help="Plain text output (also when NO_COLOR is set or not a TTY).")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="Also write FORMAT to PATH (repeatable), e.g. --output sarif:citecheck.sarif.")
@click.option("--baseline", type=click.Path(path_type=str), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=str), default=None,
              help="Record the current findings in this baseline file.")
@click.option("--shard", default=None, metavar="K/N", help="Check only the K-th of N stable slices of the essays.")
@click.option("--check-references", is_flag=True, default=None,
              help="Look cited entries up in Crossref, OpenAlex and Open Library (costs requests).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Essays checked at once, one process each (default: usable CPUs, or config `processes`).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run the essays' work on this Dask scheduler (needs citecheck[dask]).")
@click.option("--cache-url", default=None, metavar="URL",
              help="Shared cache for workers and CI shards, e.g. redis://host:6379/0 (default: SQLite).")
def check(paths: tuple[str, ...], bib: tuple[str, ...], fmt: str | None, fail_on: str | None, offline: bool | None,
          snapshots: str | None, cache_dir: str | None, refresh: bool, allow_private: bool | None,
          config_path: str | None, no_color: bool, outputs: tuple[str, ...], baseline: str | None,
          write_baseline: str | None, shard: str | None, quiet: bool, jobs: int | None = None,
          scheduler: str | None = None, cache_url: str | None = None,
          check_references: bool | None = None) -> None:
    """Check essays (files or directories) and report what their sources do not back."""
    from citecheck.api import check as run_check
    from citecheck.report import render

    shard_pair = _parse_shard(shard) if shard else None
    try:
        config = _load_config(config_path)
        config.override(cache_url=cache_url, scheduler=scheduler)
        fmt = fmt or config.get("format")
        targets = [_parse_output(value) for value in (outputs or tuple(config.get("output")))]
        baseline = baseline or config.get("baseline") or None
        with _Progress(quiet) as progress:
            report = run_check(list(paths), list(bib) or None, config=config, offline=offline, fail_on=fail_on,
                               snapshots=snapshots, cache_dir=cache_dir, allow_private=allow_private,
                               refresh=refresh, baseline=baseline, shard=shard_pair, progress=progress,
                               jobs=jobs or None, check_references=check_references)
        from citecheck.api import guard_outputs

        guard_outputs(report, [path for _, path in targets])  # never a report over an essay or library
        if write_baseline:
            from citecheck.api import write_baseline as record

            count = record(report, write_baseline)
            click.echo(f"citecheck: wrote {count} finding(s) to {write_baseline}", err=True)
    except CitecheckError as exc:
        _fail(exc)
        return
    for target_fmt, target_path in targets:
        try:
            Path(target_path).write_text(render(report, target_fmt), encoding="utf-8")
        except OSError as exc:
            click.echo(f"citecheck: error: {target_path}: cannot write the {target_fmt} report: {exc}", err=True)
            sys.exit(2)
    options = {"color": _use_color(no_color)} if fmt == "text" else {}
    click.echo(render(report, fmt, **options), nl=False)
    for document in report.documents:
        if document.error:
            click.echo(f"citecheck: error: {document.error}", err=True)
    for library in report.libraries:
        if library.error:
            click.echo(f"citecheck: error: {library.error}", err=True)
    sys.exit(report.exit_code())


def _parse_output(value: str) -> tuple[str, str]:
    fmt, sep, path = value.partition(":")
    if not sep or fmt not in FORMATS or not path:
        raise click.BadParameter(f"{value!r}: expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}",
                                 param_hint="--output")
    return fmt, path


def _parse_shard(value: str) -> tuple[int, int]:
    k, sep, n = value.partition("/")
    if sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n):
        return int(k), int(n)
    raise click.BadParameter(f"{value!r}: expected K/N with 1 <= K <= N, e.g. 2/4", param_hint="--shard")


@main.command()
@click.argument("rule", required=False)
def rules(rule: str | None) -> None:
    """List every rule, or print one rule's documentation."""
    from citecheck.checks.registry import RULES

    if rule is None:
        width = max(len(name) for name in RULES)
        for entry in RULES.values():
            click.echo(f"{entry.name:<{width}}  {entry.severity:<7}  {entry.summary}")
        return
    if rule not in RULES:
        click.echo(f"citecheck: error: unknown rule {rule!r} (run `citecheck rules` for the list)", err=True)
        sys.exit(2)
    from citecheck.checks.registry import format_rule_doc

    click.echo(format_rule_doc(rule))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--bib", "bib", multiple=True, type=click.Path(path_type=str), help="BibTeX library (repeatable).")
@click.option("--snapshots", type=click.Path(path_type=str), default=None,
              help="Snapshot directory to write (default: config `snapshots`).")
@click.option("--cache-dir", type=click.Path(path_type=str), default=None, help="HTTP cache directory.")
@click.option("--refresh", is_flag=True, help="Revalidate every cached page.")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow links to private, loopback and link-local addresses (trusted essays only).")
@click.option("--config", "config_path", type=click.Path(path_type=str), default=None, help="Configuration file.")
@click.option("--check-references", is_flag=True, default=None,
              help="Also record Crossref / OpenAlex / Open Library answers for the cited entries.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def fetch(paths: tuple[str, ...], bib: tuple[str, ...], snapshots: str | None, cache_dir: str | None,
          refresh: bool, allow_private: bool | None, config_path: str | None, quiet: bool,
          check_references: bool | None = None) -> None:
    """Fetch every cited web source and write it to a snapshot directory for offline CI runs."""
    from citecheck.api import fetch as run_fetch
    from citecheck.sources.provider import hosts_of

    try:
        config = _load_config(config_path)
        with _Progress(quiet) as progress:
            summary = run_fetch(list(paths), list(bib) or None, config=config, snapshots=snapshots,
                                refresh=refresh, allow_private=allow_private, cache_dir=cache_dir,
                                progress=progress, check_references=check_references)
    except CitecheckError as exc:
        _fail(exc)
        return
    failed_docs = [d for d in summary.documents if d.error]
    for document in failed_docs:
        click.echo(f"citecheck: error: {document.error}", err=True)
    if not quiet:
        counts = summary.counts()
        click.echo(", ".join(f"{n} {name}" for name, n in counts.items()), err=True)
        for host, n in sorted(hosts_of(summary.sources).items()):
            click.echo(f"  {host}: {n} source(s), {summary.requests.get(host, 0)} request(s)", err=True)
        for source in summary.sources:
            if source.status in ("dead", "unreachable", "refused"):
                click.echo(f"  {source.status}: {source.url} ({source.reason})", err=True)
        click.echo(f"snapshots written to {config.get('snapshots')}", err=True)
    sys.exit(2 if failed_docs else 0)


@main.group()
def bib() -> None:
    """Commands on a BibTeX library alone."""


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
@click.option("--cache-dir", type=click.Path(path_type=str), default=None, help="HTTP cache directory.")
@click.option("--config", "config_path", type=click.Path(path_type=str), default=None, help="Configuration file.")
def bib_check(paths: tuple[str, ...], fix: bool, write: bool, fmt: str | None, fail_on: str | None,
              offline: bool | None, snapshots: str | None, cache_dir: str | None, config_path: str | None) -> None:
    """Check a library's entries against Crossref, OpenAlex and Open Library.

    \b
    Example:  citecheck bib check references.bib --fix
    """
    from citecheck.references.bib import check_bib, fix_diff, write_fixes
    from citecheck.report import render

    try:
        config = _load_config(config_path)
        config.override(offline=offline, fail_on=fail_on, snapshots=snapshots, cache_dir=cache_dir)
        result = check_bib([Path(p) for p in paths], config)
    except CitecheckError as exc:
        _fail(exc)
        return
    click.echo(render(result.report, fmt or config.get("format")), nl=False)
    if fix or write:
        diff, texts = fix_diff(result)
        click.echo(diff or "citecheck: no corrections to make\n", nl=False)
        if write and texts:
            for backup in write_fixes(texts):
                click.echo(f"citecheck: corrected {backup.name.removesuffix('.bak')} (original kept as {backup})",
                           err=True)
    sys.exit(result.report.exit_code())


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing citecheck.toml.")
def init(force: bool) -> None:
    """Write a commented starter citecheck.toml in the current directory."""
    from citecheck.config import load_config, render_starter

    target = Path("citecheck.toml")
    if target.exists() and not force:
        click.echo(f"citecheck: error: {target} already exists (use --force to overwrite)", err=True)
        sys.exit(2)
    target.write_text(render_starter(), encoding="utf-8")
    load_config(explicit=target)  # the starter must itself be valid
    click.echo(f"wrote {target}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output-dir", required=True, type=click.Path(path_type=str, file_okay=False),
              help="Directory for grades.csv, index.html and one page per essay (created if missing).")
@click.option("--bib", "bib", multiple=True, type=click.Path(path_type=str),
              help="BibTeX library for every essay (default: each essay's own reference list).")
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.option("--snapshots", type=click.Path(path_type=str), default=None,
              help="Snapshot directory written by `citecheck fetch`.")
@click.option("--config", "config_path", type=click.Path(path_type=str), default=None,
              help="Configuration file; its [tool.citecheck.rubric] sets the score's weights.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def grade(paths: tuple[str, ...], output_dir: str, bib: tuple[str, ...], offline: bool | None,
          snapshots: str | None, config_path: str | None, quiet: bool) -> None:
    """Grade a class set: one CSV row and one HTML page per essay (.docx, .pdf, .odt, .md, .txt, ...).

    An essay that cannot be read, or is empty, is a row saying why (exit 2); the rest are graded.

    \b
    Examples:
      citecheck grade submissions/ -o graded/
      citecheck grade essays/*.docx essays/*.pdf -o out --offline
      citecheck grade submissions/ -o graded/ --config rubric.toml
    """
    from citecheck.report.grade import grade_command

    try:
        code = grade_command(list(paths), output_dir, list(bib) or None, config=_load_config(config_path),
                             quiet=quiet, offline=offline, snapshots=snapshots)
    except CitecheckError as exc:
        _fail(exc)
        return
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
