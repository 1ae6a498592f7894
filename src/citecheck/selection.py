"""Which rules run: ``select`` / ``ignore`` / ``extend-select`` / ``extend-ignore`` and per-file ignores.

The semantics are ruff's. A selector is ``ALL``, a rule name (``quote-altered``), a family
prefix (``quote-``, ``link-``, or ``quote`` for the same) or a family name from the registry
(``quotes``, ``links``). Settings come in layers — the defaults (every rule), the
configuration file, the command line — and each layer is applied in turn:

- within a layer, more specific selectors win over less specific ones (a rule name over a
  prefix over ``ALL``); at equal specificity ``ignore`` wins over ``select``;
- a layer that sets ``select`` replaces the rules chosen so far; one that only extends or
  ignores changes them.

``per-file-ignores`` maps gitignore-style globs (relative to the configuration file's
directory) to selectors that are switched off for the files they match.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ALL = "ALL"
_EXACT = 1000


def rule_names() -> list[str]:
    from citecheck.rules import DECLARED

    return [rule.name for rule in DECLARED]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_rule(name: str) -> str:
    """The message for a rule name that is not a rule, with the closest one."""
    hint = did_you_mean(name, rule_names())
    return f"unknown rule {name!r}{hint or ' (`citecheck rules` lists them)'}"


def _families() -> dict[str, list[str]]:
    from citecheck.rules import DECLARED

    families: dict[str, list[str]] = {}
    for rule in DECLARED:
        families.setdefault(rule.family, []).append(rule.name)
    return families


def _prefixes() -> set[str]:
    """Every ``word-`` prefix of a rule name at a hyphen: ``quote-``, ``reference-identifier-``..."""
    out: set[str] = set()
    for name in rule_names():
        parts = name.split("-")
        for k in range(1, len(parts)):
            out.add("-".join(parts[:k]) + "-")
    return out


def expand(selector: str) -> tuple[set[str], int]:
    """The rules a selector names and its specificity; ValueError for an unknown selector."""
    names = rule_names()
    if selector == ALL:
        return set(names), 0
    if selector in names:
        return {selector}, _EXACT
    prefix = selector if selector.endswith("-") else selector + "-"
    if prefix in _prefixes():
        return {n for n in names if n.startswith(prefix)}, prefix.count("-")
    families = _families()
    if selector in families:
        return set(families[selector]), 1
    candidates = [*names, *sorted(_prefixes()), *families, ALL]
    raise ValueError(f"unknown rule or prefix {selector!r}{did_you_mean(selector, candidates)}"
                     " (`citecheck rules` lists the rules; prefixes such as `quote-` name a family)")


def split_selectors(values: Iterable[str] | None) -> list[str]:
    """``--select a,b --select c`` and TOML lists alike: one flat list, blanks dropped."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return out


def validate(selectors: Iterable[str]) -> None:
    """Raise ValueError (with a suggestion) for the first selector that names nothing."""
    for selector in selectors:
        expand(selector)


@dataclass(frozen=True)
class RuleSelection:
    """One layer of settings: the configuration file's, or the command line's."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()  # ignore and extend-ignore together, as in ruff

    @classmethod
    def of(cls, select: Sequence[str] | None = None, extend_select: Sequence[str] = (),
           ignore: Sequence[str] = (), extend_ignore: Sequence[str] = ()) -> RuleSelection:
        # An empty --select (click's default for a repeatable option) is "not given", not "no rules".
        return cls(tuple(split_selectors(select)) if select else None,
                   tuple(split_selectors(extend_select)), tuple(split_selectors([*ignore, *extend_ignore])))

    def is_empty(self) -> bool:
        return self.select is None and not self.extend_select and not self.ignore


def resolve_rules(layers: Sequence[RuleSelection]) -> frozenset[str]:
    """The rules enabled after applying ``layers`` in order on top of the defaults (every rule)."""
    enabled = set(rule_names())
    carried_ignores: tuple[str, ...] = ()
    for layer in layers:
        updates: dict[str, bool] = {}
        chosen = [(s, *expand(s)) for s in [*(layer.select or ()), *layer.extend_select]]
        ignored = [(s, *expand(s)) for s in [*layer.ignore, *carried_ignores]]
        carried_ignores = ()
        for level in sorted({spec for _, _, spec in chosen + ignored}):
            for _, rules, spec in chosen:
                if spec == level:
                    updates.update(dict.fromkeys(rules, True))
            for _, rules, spec in ignored:
                if spec == level:
                    updates.update(dict.fromkeys(rules, False))
        if layer.select is not None:
            enabled = {rule for rule, on in updates.items() if on}
            if not layer.select and not layer.extend_select and layer.ignore:
                carried_ignores = layer.ignore
        else:
            for rule, on in updates.items():
                (enabled.add if on else enabled.discard)(rule)
    return frozenset(enabled)


@dataclass
class RuleFilter:
    """The rules enabled for each file under one configuration."""

    enabled: frozenset[str]
    base: Path
    per_file: list[tuple[Any, frozenset[str]]] = field(default_factory=list)  # (pathspec, rules off)

    @classmethod
    def from_config(cls, config: Any) -> RuleFilter:
        """From a :class:`citecheck.config.Config`: its file layer, then its command-line layer."""
        file_layer = RuleSelection.of(config.get("select"), config.get("extend-select"), config.get("ignore"),
                                      config.get("extend-ignore"))
        layers = [file_layer, config.cli_selection]
        per_file = []
        for pattern, selectors in (config.get("per-file-ignores") or {}).items():
            import pathspec

            off: set[str] = set()
            for selector in split_selectors(selectors):
                off |= expand(selector)[0]
            per_file.append((pathspec.GitIgnoreSpec.from_lines([pattern]), frozenset(off)))
        return cls(resolve_rules(layers), config.base_dir(), per_file)

    def allows(self, rule: str, path: str) -> bool:
        if rule not in self.enabled:
            return False
        if not self.per_file:
            return True
        relative = _relative(path, self.base)
        return not any(rule in off and spec.match_file(relative) for spec, off in self.per_file)


def _relative(path: str, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        return Path(path).as_posix()
