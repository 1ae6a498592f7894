"""The command line: a thin click shell over :mod:`citecheck.api`.

Heavy modules (HTTP, HTML, PDF, the checks) are imported inside the commands so that
``citecheck --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from citecheck import __version__
from citecheck.cli_bib import bib
from citecheck.cli_grade import grade
from citecheck.cli_options import (
    FORMATS,
    check_bib_paths,
    display_options,
    fail,
    load_run_config,
    run_options,
    selection_options,
    source_options,
    use_color,
)
from citecheck.errors import CitecheckError, InputError

EXIT_INTERRUPTED = 130  # 128 + SIGINT, the shell's convention


def _usage_message(exc: click.UsageError) -> str:
    """click's usage error in our words: ``check: no such option: --ignor (did you mean --ignore?)``."""
    message = " ".join(exc.format_message().split())
    match = re.match(r"(.*?)\.?\s+\(?Did you mean (?:one of: )?(.+?)\?\)?$", message)
    if match:
        message = f"{match.group(1)} (did you mean {match.group(2)}?)"
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else "citecheck"
    where = command.partition(" ")[2]
    prefix = f"{where}: " if where else ""
    return f"{prefix}{message} (see `{command} --help`)"


class _Group(click.Group):
    """The command group; every error leaves through one door, as ``citecheck: error: …`` on stderr.

    click's own usage errors (unknown option, missing argument, bad choice) are re-worded into
    the same style; Ctrl-C exits 130 after the command's clean-up ran (temporary files removed,
    progress bar stopped).
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        _fewer_collections()  # the process's own entry (console script, ``python -m``), not CliRunner's
        return self.main(*args, **kwargs)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        _quiet_library_logs()
        try:
            result = super().main(args, prog_name or "citecheck", complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx is not None else exc.format_message(), err=True)
            sys.exit(2)
        except click.UsageError as exc:
            click.echo(f"citecheck: error: {_usage_message(exc)}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("citecheck: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            click.echo("citecheck: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            click.echo(f"citecheck: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except CitecheckError as exc:
            fail(exc)
        sys.exit(result if isinstance(result, int) else 0)


def _fewer_collections() -> None:
    """Collect cyclic garbage after 10,000 new objects, not 700 (the command is one batch run).

    A check allocates many small objects that live to the end of an essay (citations, spans,
    findings); with Python's default threshold the collector walked them again and again: a 100 KB
    essay of 25,000 markers spent 0.2 s of its 1.5 s in some 550 collections. The objects the
    start-up imports made are frozen out of every later collection (and stay shared with forked
    workers). Cycles are still collected. Set for the process's own run only, never for a
    program that calls the command in its own process."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _quiet_library_logs() -> None:
    """Keep libraries' log records (pypdf's "EOF marker not found", trafilatura's, ...) off the terminal.

    With no handler configured, Python prints warnings to stderr through ``logging.lastResort``;
    what went wrong reaches the user as our own error or finding instead.
    """
    import logging

    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


@click.group(name="citecheck", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="citecheck")
def main() -> None:
    """Check the truth of an essay: its citations, quotations, numbers, dates and links,
    against the sources it cites.

    \b
    Start with:  citecheck check ESSAY.md --bib references.bib
    Rule docs:   citecheck rules [RULE]

    \b
    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration
    or unreadable input, 130 interrupted.
    """


def _nested_notices(config: Any, essays: list[str]) -> list[str]:
    """Notices (a renamed key) of the configuration files closest to the essays, other than the
    run's own (printed by :func:`_load_config`): the run read those files, maybe in worker
    processes, and said nothing. One lookup per directory, after the run."""
    from citecheck.config import ConfigTree

    tree = ConfigTree(config)
    seen = set(config.notices)
    out: list[str] = []
    for folder in sorted({str(Path(path).parent) for path in essays}):
        try:
            notices = tree.for_path(Path(folder) / "essay").notices
        except CitecheckError:  # a broken file: the essays under it already say so
            continue
        for notice in notices:
            if notice not in seen:
                seen.add(notice)
                out.append(notice)
    return out


def _read_stdin(paths: tuple[str, ...], stdin_filename: str | None) -> tuple[list[str], dict[str, str]]:
    """Replace ``-`` in ``paths`` by the stdin file name and read standard input once."""
    from citecheck.readers import decode_bytes

    if paths.count("-") > 1:
        raise InputError("`-` (standard input) can be given only once")
    if "-" not in paths:
        if stdin_filename:
            raise InputError("--stdin-filename names standard input, but `-` is not among the paths",
                             hint="pass `-` as a path, e.g. `citecheck check - --stdin-filename posts/a.md`")
        return list(paths), {}
    name = stdin_filename or "-"
    data = getattr(sys.stdin, "buffer", sys.stdin).read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return [name if p == "-" else p for p in paths], {name: decode_bytes(data, name)}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@source_options
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format on stdout (default: text, or config `format`). `concise`: one line per finding.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error, or config).")
@click.option("--offline/--no-offline", default=None,
              help="Never touch the network: local files, snapshots and the cache only. "
                   "--no-offline overrides `offline = true` in the configuration.")
@selection_options
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="Also write FORMAT to PATH (repeatable), e.g. --output sarif:citecheck.sarif.")
@click.option("--baseline", type=click.Path(path_type=str), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=str), default=None,
              help="Record the current findings in this baseline file (exit code 0 unless a file was unreadable).")
@click.option("--shard", default=None, metavar="K/N", help="Check only the K-th of N stable slices of the essays.")
@click.option("--check-references", is_flag=True, default=None,
              help="Look cited entries up in Crossref, OpenAlex and Open Library (costs requests).")
@click.option("--stdin-filename", default=None, metavar="PATH",
              help="The name of the essay read from `-` (standard input): picks its format, configuration "
                   "and library, and names it in the report.")
@click.option("--show-settings", is_flag=True,
              help="Print the settings each essay gets and where each came from, then exit.")
@click.option("-v", "--show-claims", "--verbose", "show_claims", is_flag=True,
              help="Text format: also list each essay's claims with citations and their verdicts; "
                   "on stderr, the traceback of any internal error.")
@display_options
@run_options
def check(paths: tuple[str, ...], bib: tuple[str, ...], config_path: str | None, snapshots: str | None,
          cache_dir: str | None, refresh: bool, allow_private: bool | None, fmt: str | None, fail_on: str | None,
          offline: bool | None, select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          extend_ignore: tuple[str, ...], outputs: tuple[str, ...], baseline: str | None,
          write_baseline: str | None, shard: str | None, stdin_filename: str | None, show_settings: bool,
          show_claims: bool, quiet: int, color: str, no_color: bool, jobs: int | None = None,
          scheduler: str | None = None, cache_url: str | None = None,
          check_references: bool | None = None) -> None:
    """Check essays (files or directories) and report what their sources do not back.

    \b
    Examples:
      citecheck check posts/                        # every essay under posts/
      citecheck check post.md --bib refs.bib -v     # with each claim's verdict
      citecheck check posts/ --format concise       # path:line:col: severity rule message
      citecheck check posts/ --select quote-,number-mismatch --ignore quote-altered
      cat draft.md | citecheck check - --stdin-filename posts/draft.md
      citecheck check posts/ --offline --snapshots snapshots/ -q
      citecheck check posts/ --format github --output sarif:citecheck.sarif
      citecheck check --show-settings posts/a.md    # which config applies, and why

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or
    configuration error or an essay/library that cannot be read (the other essays are still
    checked and reported), 130 interrupted.
    """
    from citecheck.api import check as run_check
    from citecheck.report import render, write_atomic

    shard_pair = _parse_shard(shard) if shard else None
    try:
        essay_paths, texts = _read_stdin(paths, stdin_filename)
        check_bib_paths(bib)
        config = load_run_config(config_path, essay_paths)
        config.override(cache_url=cache_url, scheduler=scheduler)
        config.select_rules(select, extend_select, ignore, extend_ignore)
        if show_settings:
            _print_settings(essay_paths, texts, bib, config, fail_on=fail_on, offline=offline,
                            snapshots=snapshots, cache_dir=cache_dir, allow_private=allow_private)
            return
        fmt = fmt or config.get("format")
        targets = [_parse_output(value) for value in (outputs or tuple(config.get("output")))]
        baseline = baseline or config.get("baseline") or None
        from citecheck.progress import RunProgress

        colored = use_color(color, no_color)
        stream = None
        if not (colored and fmt in ("text", "concise") and quiet < 2):  # a coloured terminal report: whole
            stream = _report_stream(fmt, targets, write_baseline, quiet, show_claims)
        with RunProgress(enabled=quiet == 0) as progress:
            report = run_check(essay_paths, list(bib) or None, config=config, offline=offline, fail_on=fail_on,
                               snapshots=snapshots, cache_dir=cache_dir, allow_private=allow_private,
                               refresh=refresh, baseline=baseline, shard=shard_pair, progress=progress,
                               on_stage=progress.stage, texts=texts, jobs=jobs or None,
                               check_references=check_references, on_document=stream.add if stream else None,
                               reads=stream.reads() if stream else None)
        from citecheck.api import guard_outputs

        if quiet < 2:
            for notice in _nested_notices(config, [d.path for d in report.documents]):
                click.echo(f"citecheck: note: {notice}", err=True)
        guard_outputs(report, [path for _, path in targets])  # never a report over an essay or library
        if write_baseline:
            from citecheck.api import write_baseline as record

            if stream is not None:
                guard_outputs(report, [write_baseline], "--write-baseline")
                write_atomic(write_baseline, stream.chunks("baseline", report))
                count = stream.outputs["baseline"].total(report)  # type: ignore[attr-defined]
            else:
                count = record(report, write_baseline)
            if quiet < 2:
                click.echo(f"citecheck: wrote {count} finding(s) to {write_baseline}", err=True)
    except CitecheckError as exc:
        fail(exc)
        return
    for number, (target_fmt, target_path) in enumerate(targets):
        try:
            write_atomic(target_path, stream.chunks(f"output{number}", report) if stream is not None
                         else render(report, target_fmt))
        except OSError as exc:
            click.echo(f"citecheck: error: {target_path}: cannot write the {target_fmt} report: {exc}", err=True)
            sys.exit(2)
    if quiet < 2:
        if stream is not None:
            for chunk in stream.chunks("stdout", report):
                click.echo(chunk, nl=False, color=colored)
        else:
            click.echo(render(report, fmt, color=colored, show_claims=show_claims, quiet=quiet >= 1), nl=False,
                       color=colored)
    if stream is not None:
        stream.close()
        from citecheck.report.sanitize import clean_text

        for document in report.documents:
            if document.error:
                click.echo(f"citecheck: error: {clean_text(document.error)}", err=True)
                if show_claims and document.traceback:  # -v: an internal error's traceback too
                    click.echo(clean_text(document.traceback, newlines=True), err=True, nl=False)
        for error in [lib.error for lib in report.libraries if lib.error]:
            click.echo(f"citecheck: error: {clean_text(error)}", err=True)
    if write_baseline:  # recording the findings is the job done: they do not fail it
        sys.exit(2 if report.has_input_error else 0)
    sys.exit(report.exit_code())


def _report_stream(fmt: str, targets: list[tuple[str, str]], baseline: str | None, quiet: int,
                   show_claims: bool) -> Any:
    """The run's reports written essay by essay (report.stream): stdout's, each --output's, the
    baseline's; the run then keeps a few counts per essay instead of the essay (flat memory)."""
    from citecheck.report.stream import Stream, writer

    outputs = {}
    if quiet < 2:
        outputs["stdout"] = writer(fmt, show_claims=show_claims, quiet=quiet >= 1, live=True)
    for number, (target_fmt, _) in enumerate(targets):
        outputs[f"output{number}"] = writer(target_fmt)
    if baseline:
        outputs["baseline"] = writer("baseline")

    def emit(name: str, text: str) -> None:  # JSON Lines on stdout, as each essay finishes
        if name == "stdout":
            click.echo(text, nl=False)

    return Stream(outputs, emit)


def _print_settings(paths: list[str], texts: dict[str, str], bib: tuple[str, ...], config: Any,
                    **flags: Any) -> None:
    """``check --show-settings``: per essay, the configuration, each key's origin, the library."""
    from citecheck.api import find_library
    from citecheck.config import ConfigTree
    from citecheck.config_docs import render_settings
    from citecheck.readers import format_for, parse_text, read_document

    config.override(**{k: (str(v) if isinstance(v, Path) else v) for k, v in flags.items()})
    tree = ConfigTree(config)
    essays: list[str] = []
    for raw in paths:  # a directory: the settings of each essay in it, as `check DIR` would find them
        if raw not in texts and Path(raw).is_dir():
            from citecheck.pipeline import discover_essays

            inside = [str(path) for path, error in discover_essays([raw], config, tree.for_path) if error is None]
            essays.extend(inside or [raw])
        else:
            essays.append(raw)
    for number, raw in enumerate(essays):
        essay = Path(raw)
        settings = tree.for_path(essay)
        extra: list[tuple[str, str, str]] = []
        try:
            doc = parse_text(texts[raw], raw, format_for(raw)) if raw in texts else read_document(essay)
            found, origin, searched = find_library(essay, doc, [Path(b) for b in bib] or None, settings)
            if found:
                extra.append(("library", ", ".join(str(p) for p in found), origin))
            else:
                from citecheck.references.essay import reference_entries

                listed = len(reference_entries(doc))
                if listed:  # what the run does then (pipeline._parse_one): the essay's own list
                    extra.append(("library", f"the essay's own reference list ({listed} {'entry' if listed == 1 else 'entries'})",
                                  "no .bib found; searched: " + "; ".join(searched)))
                else:
                    extra.append(("library", "none found", "searched: " + "; ".join(searched)))
        except CitecheckError as exc:
            extra.append(("library", "unknown", f"the essay could not be read: {exc.render()}"))
        if number:
            click.echo()
        click.echo(render_settings(settings, raw, extra), nl=False)


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
    """List every rule, or print one rule's documentation.

    \b
    Examples:
      citecheck rules                  # name, default severity, summary
      citecheck rules quote-altered    # what it does, why, an example, the fix

    Exit codes: 0 printed, 2 no such rule.
    """
    from citecheck.checks.registry import RULES

    if rule is None:
        width = max(len(name) for name in RULES)
        for entry in RULES.values():
            click.echo(f"{entry.name:<{width}}  {entry.severity:<7}  {entry.summary}")
        return
    if rule not in RULES:
        from citecheck.selection import unknown_rule

        click.echo(f"citecheck: error: {unknown_rule(rule)}", err=True)
        sys.exit(2)
    from citecheck.checks.registry import format_rule_doc

    click.echo(format_rule_doc(rule))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@source_options
@display_options
@click.option("--check-references", is_flag=True, default=None,
              help="Also record Crossref / OpenAlex / Open Library answers for the cited entries.")
@click.option("--cache-url", default=None, metavar="URL",
              help="Shared cache for workers and CI shards, e.g. redis://host:6379/0 (default: SQLite).")
def fetch(paths: tuple[str, ...], bib: tuple[str, ...], config_path: str | None, snapshots: str | None,
          cache_dir: str | None, refresh: bool, allow_private: bool | None, quiet: int, color: str,
          no_color: bool, check_references: bool | None = None, cache_url: str | None = None) -> None:
    """Fetch every cited web source and write it to a snapshot directory for offline CI runs.

    Exit code 1 when a source could not be recorded (each is named on stderr), 2 when an
    essay could not be read. The `offline` setting does not apply to fetching.

    \b
    Examples:
      citecheck fetch posts/ --snapshots snapshots/
      citecheck check posts/ --offline --snapshots snapshots/   # then, with no network
      citecheck fetch posts/ --cache-url redis://cache:6379/0   # fill the fleet's shared cache
    """
    from citecheck.api import fetch as run_fetch
    from citecheck.progress import RunProgress
    from citecheck.sources.provider import hosts_of

    try:
        config = load_run_config(config_path, paths)
        config.override(cache_url=cache_url)
        with RunProgress(enabled=quiet == 0) as progress:
            summary = run_fetch(list(paths), list(bib) or None, config=config, snapshots=snapshots,
                                refresh=refresh, allow_private=allow_private, cache_dir=cache_dir,
                                progress=progress, on_stage=progress.stage, check_references=check_references)
    except CitecheckError as exc:
        fail(exc)
        return
    failed_docs = [d for d in summary.documents if d.error]
    failed_sources = [s for s in summary.sources if s.url and s.status in FETCH_FAILED]
    if quiet < 2:
        for document in failed_docs:
            click.echo(f"citecheck: error: {document.error}", err=True)
    if not quiet:
        counts = summary.counts()
        click.echo(", ".join(f"{n} {name}" for name, n in counts.items()), err=True)
        for host, n in sorted(hosts_of(summary.sources).items()):
            click.echo(f"  {host}: {n} source(s), {summary.requests.get(host, 0)} request(s)", err=True)
        click.echo(f"snapshots written to {config.get('snapshots')}", err=True)
    if failed_sources and quiet < 2:
        click.echo(f"citecheck: error: {len(failed_sources)} source{'s' * (len(failed_sources) != 1)} could not "
                   "be recorded:", err=True)
        for source in failed_sources:
            click.echo(f"  {source.status}: {source.url}{f' ({source.reason})' if source.reason else ''}", err=True)
    sys.exit(2 if failed_docs else 1 if failed_sources else 0)


FETCH_FAILED = ("dead", "malformed", "unreachable", "refused", "offline-miss")


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing citecheck.toml.")
def init(force: bool) -> None:
    """Write a commented starter citecheck.toml in the current directory.

    Every key of the configuration, with the default the code uses, generated from the key
    registry (docs/configuration.md is generated from the same registry).

    \b
    Examples:
      citecheck init
      citecheck init --force   # overwrite an existing citecheck.toml

    Exit codes: 0 written, 2 citecheck.toml already exists (and no --force).
    """
    from citecheck.config import load_config
    from citecheck.config_docs import render_starter

    target = Path("citecheck.toml")
    if target.exists() and not force:
        click.echo(f"citecheck: error: {target} already exists (use --force to overwrite)", err=True)
        sys.exit(2)
    from citecheck.report import write_atomic

    write_atomic(target, render_starter())
    load_config(explicit=target)  # the starter must itself be valid
    click.echo(f"wrote {target}")


main.add_command(bib)
main.add_command(grade)


if __name__ == "__main__":  # pragma: no cover
    main()
