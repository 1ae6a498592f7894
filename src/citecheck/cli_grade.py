"""``citecheck grade``: a class set graded, one CSV row and one HTML page per essay."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citecheck.cli_options import check_bib_paths, fail, load_run_config, run_options
from citecheck.errors import CitecheckError


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output-dir", required=True, type=click.Path(path_type=str, file_okay=False),
              help="Directory for grades.csv, index.html and one page per essay (created if missing).")
@click.option("--bib", "bib", multiple=True, type=click.Path(path_type=str),
              help="BibTeX library for every essay (default: as for `check`, the front matter, the config or a "
                   "references.bib beside the essay; else the essay's own reference list).")
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.option("--snapshots", type=click.Path(path_type=str), default=None,
              help="Snapshot directory written by `citecheck fetch`.")
@click.option("--config", "config_path", type=click.Path(path_type=str), default=None,
              help="Configuration file; its [rubric] table ([tool.citecheck.rubric] in pyproject.toml) "
                   "sets the score's weights.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--cache-dir", type=click.Path(path_type=str), default=None,
              help="Cache directory (web pages and their extracted texts).")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow links to private, loopback and link-local addresses (trusted essays only).")
@run_options
def grade(paths: tuple[str, ...], output_dir: str, bib: tuple[str, ...], offline: bool | None,
          snapshots: str | None, config_path: str | None, quiet: bool, cache_dir: str | None = None,
          allow_private: bool | None = None, jobs: int | None = None, scheduler: str | None = None,
          cache_url: str | None = None) -> None:
    """Grade a class set: one CSV row and one HTML page per essay (.docx, .pdf, .odt, .md, .txt, ...).

    An essay that cannot be read, or is empty, is a row saying why (exit 2); the rest are graded.

    \b
    Examples:
      citecheck grade submissions/ -o graded/
      citecheck grade essays/*.docx essays/*.pdf -o out --offline
      citecheck grade submissions/ -o graded/ --config rubric.toml

    Exit codes: 0 every essay graded, 2 an essay could not be graded (its row says why) or a
    usage or configuration error, 130 interrupted.
    """
    from citecheck.grading import grade as grade_essays
    from citecheck.progress import RunProgress
    from citecheck.report.grade import write_grade_report

    try:
        check_bib_paths(bib)
        config = load_run_config(config_path)
        config.override(cache_url=cache_url, scheduler=scheduler)
        with RunProgress(enabled=not quiet) as progress:  # the same bar and status line as `check`
            book = grade_essays(list(paths), list(bib) or None, config=config, progress=progress,
                                on_stage=progress.stage, offline=offline, snapshots=snapshots,
                                cache_dir=cache_dir, allow_private=allow_private, jobs=jobs or None)
        try:
            write_grade_report(book, output_dir)
        except OSError as exc:
            raise CitecheckError(f"cannot write the grade report: {exc.strerror or exc}", path=output_dir,
                                 hint="choose a writable output directory with -o") from None
    except CitecheckError as exc:
        fail(exc)
        return
    graded = len(book.essays) - len(book.ungraded)
    click.echo(f"citecheck: graded {graded} of {len(book.essays)} essays; wrote "
               f"{Path(output_dir) / 'grades.csv'} and {Path(output_dir) / 'index.html'}", err=True)
    for essay in book.ungraded:
        click.echo(f"citecheck: not graded: {essay.name}: {essay.status}: {essay.problem}", err=True)
    sys.exit(book.exit_code())
