"""One family of errors, each written for the person who runs citecheck."""

from __future__ import annotations


class CitecheckError(Exception):
    """Base class: a problem the user can fix; the CLI prints it and exits with ``exit_code``."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None, hint: str = "") -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(CitecheckError):
    """An essay or library file cannot be opened, decoded or understood at all."""


class ConfigError(CitecheckError):
    """A configuration file or option is wrong."""
