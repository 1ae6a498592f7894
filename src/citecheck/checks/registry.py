"""Every rule's documentation: the declarations of :mod:`citecheck.rules` (name, default
severity, summary, why) with their runnable examples and what a finding of each expected.

Everything else (``citecheck rules``, docs/rules.md, config validation, JSON/SARIF rule metadata)
reads this. Each rule's runnable examples (an essay that triggers it and its fix, with the .bib,
source files and snapshots they need) live in :mod:`citecheck.rule_examples`;
:func:`format_rule_doc` prints them in ruff's four parts, and tests/test_rule_docs.py runs them.

Regenerate docs/rules.md with ``.venv/bin/python -m citecheck.rule_examples docs/rules.md``.
"""

from __future__ import annotations

from dataclasses import replace

from citecheck.model import Severity
from citecheck.rule_examples import RuleExample, examples_for
from citecheck.rules import DECLARED as _RULES
from citecheck.rules import EXPECTS, Rule


def _shown(example: RuleExample, before: RuleExample | None = None) -> tuple[str, str, str]:
    """(essay, bib, note) of ``example`` as the docs show them; a fix shows only what it changed.

    The bad example shows its essay and its .bib; a fix shows its essay and its .bib only where
    they differ from the bad example's (a fix made in the snapshots or source files is told by
    its note alone).
    """
    bib = example.bib.strip()
    if before is None:
        return example.essay.strip(), bib, example.note
    essay = example.essay.strip() if example.essay != before.essay else ""
    return essay, bib if bib != before.bib.strip() else "", example.note


def _plain(example: RuleExample, before: RuleExample | None = None) -> str:
    return "\n\n".join(part for part in _shown(example, before) if part)


def _with_examples(rule: Rule) -> Rule:
    pair = examples_for(rule.name)
    if pair is None:
        return rule
    bad, fixed = pair
    return replace(rule, bad=bad, fixed=fixed, example=rule.example or _plain(bad),
                   fix=rule.fix or _plain(fixed, bad))


RULES: dict[str, Rule] = {
    rule.name: replace(_with_examples(rule), expects=EXPECTS.get(rule.name, "")) for rule in _RULES
}


def default_severity(name: str) -> Severity:
    """The registry's severity for a rule name (KeyError for an unknown rule)."""
    return RULES[name].severity


def _fenced(text: str, language: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{language}\n{text}\n{fence}"


def _example_markdown(example: RuleExample | None, before: RuleExample | None, fallback: str) -> str:
    if example is None:
        return fallback
    essay, bib, note = _shown(example, before)
    parts = []
    if essay:
        parts.append(_fenced(essay, "markdown"))
    if bib:
        parts.append(("With `references.bib`:\n\n" if essay else "`references.bib`:\n\n") + _fenced(bib, "bibtex"))
    if note:
        parts.append(note)
    return "\n\n".join(parts)


def format_rule_doc(name: str, *, level: int = 1) -> str:
    """The documentation of rule ``name`` as Markdown, in ruff's four parts.

    *What it does*, *Why is this bad?*, *Example* (an essay that triggers the rule, its .bib) and
    *Use instead* (the fix), under a heading with the rule's name and default severity. ``level``
    is the heading level of the rule's title (docs/rules.md nests rules under its own title).
    Raises KeyError for an unknown rule.
    """
    rule = RULES[name]
    title, part = "#" * level, "#" * (level + 1)
    sections = [
        f"{title} {rule.name}",
        f"Default severity: **{rule.severity}**. Family: {rule.family}.",
        f"{part} What it does\n\n{rule.summary}",
        f"{part} Why is this bad?\n\n{rule.why}",
        f"{part} Example\n\n{_example_markdown(rule.bad, None, rule.example)}",
        f"{part} Use instead\n\n{_example_markdown(rule.fixed, rule.bad, rule.fix)}",
    ]
    return "\n\n".join(sections) + "\n"


def rules_markdown() -> str:
    """The text of docs/rules.md: a table of every rule, then each rule's documentation."""
    lines = [
        "# Rules",
        "",
        "<!-- Generated from src/citecheck/checks/registry.py and src/citecheck/rule_examples/; do not edit.",
        "     Regenerate: .venv/bin/python -m citecheck.rule_examples docs/rules.md -->",
        "",
        "Every rule citecheck reports, with its default severity (change it, or turn a rule off, under",
        "`[tool.citecheck.severity]`). `citecheck rules RULE` prints the same text for one rule. Each",
        "example is run by the test suite: the rule fires on the example and not on its fix.",
        "",
        "| Rule | Severity | What it does |",
        "| --- | --- | --- |",
    ]
    for rule in RULES.values():
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| [{rule.name}](#{rule.name}) | {rule.severity} | {summary} |")
    docs = "\n".join(lines) + "\n"
    for name in RULES:
        docs += "\n" + format_rule_doc(name, level=2)
    return docs

