"""What a mature CLI's help carries on every command: examples and the exit codes; and the
conventional options (`--verbose` beside `-v`, `--color` wherever findings are printed)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from citecheck.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "secret-speech.md"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(main)
assert {("check",), ("fetch",), ("grade",), ("rules",), ("init",), ("bib", "check")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_help_shows_examples_and_exit_codes(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    examples = result.output.split("Examples:", 1)[1].split("\n\n", 1)[0].strip().splitlines()
    assert any(line.lstrip().startswith(f"citecheck {' '.join(command)}") for line in examples)
    assert "Exit code" in result.output
    codes = " ".join(result.output.split("Exit code", 1)[1].split())
    assert " 2 " in codes  # the usage / unusable-input code is named


def test_verbose_is_the_long_name_of_v() -> None:
    runner = CliRunner()
    short = runner.invoke(main, ["check", str(EXAMPLE), "--offline", "--format", "text", "--color", "never", "-v"])
    long = runner.invoke(main, ["check", str(EXAMPLE), "--offline", "--format", "text", "--color", "never",
                                "--verbose"])
    plain = runner.invoke(main, ["check", str(EXAMPLE), "--offline", "--format", "text", "--color", "never"])
    assert long.exit_code == short.exit_code == plain.exit_code == 1
    assert long.stdout == short.stdout != plain.stdout


def test_bib_check_takes_color_like_check(tmp_path: Path) -> None:
    library = tmp_path / "lib.bib"
    library.write_text("@article{x,\n title={A}\n", encoding="utf-8")  # bib-syntax: an error to show
    runner = CliRunner()
    always = runner.invoke(main, ["bib", "check", str(library), "--offline", "--color", "always"])
    never = runner.invoke(main, ["bib", "check", str(library), "--offline", "--color", "never"])
    forced_off = runner.invoke(main, ["bib", "check", str(library), "--offline", "--color", "always", "--no-color"])
    assert always.exit_code == never.exit_code == forced_off.exit_code == 1
    assert "\x1b[" in always.stdout and "bib-syntax" in always.stdout
    assert "\x1b[" not in never.stdout and "bib-syntax" in never.stdout
    assert forced_off.stdout == never.stdout
