"""Every rule, declared once: name, default severity, summary and documentation.

Everything else (``citecheck rules``, docs/rules.md, config validation, JSON/SARIF rule metadata)
reads this. Each rule's runnable examples (an essay that triggers it and its fix, with the .bib,
source files and snapshots they need) live in :mod:`citecheck.rule_examples`;
:func:`format_rule_doc` prints them in ruff's four parts, and tests/test_rule_docs.py runs them.

Regenerate docs/rules.md with ``.venv/bin/python -m citecheck.rule_examples docs/rules.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from citecheck.model import Severity
from citecheck.rule_examples import RuleExample, examples_for


@dataclass(frozen=True)
class Rule:
    """A rule and its documentation.

    ``bad`` triggers the rule and ``fixed`` does not; ``example`` and ``fix`` are the same
    examples as plain text (the essay snippet, the .bib when it matters, a note), for formats
    such as SARIF that show rule help as text.
    """

    name: str
    severity: Severity
    family: str
    summary: str
    why: str
    example: str = ""
    fix: str = ""
    bad: RuleExample | None = None
    fixed: RuleExample | None = None
    expects: str = ""  # what a finding of this rule expected, when the check has nothing more specific


_RULES = [
    Rule(
        "bib-syntax", "error", "library",
        "A .bib entry is malformed (unbalanced braces, missing comma, `#` join, undefined macro, duplicate key).",
        "A malformed entry is silently dropped or mangled by BibTeX tools, so citations to it break "
        "or print wrong data. The rest of the file still loads.",
    ),
    Rule(
        "citation-undefined", "error", "citations",
        "An in-text citation matches no library entry.",
        "A reader cannot find the work the claim rests on.",
    ),
    Rule(
        "citation-ambiguous", "warning", "citations",
        "An in-text citation matches several library entries.",
        "Two works by the same author without a year or title leave the reader guessing.",
    ),
    Rule(
        "citation-year-mismatch", "error", "citations",
        "The cited name matches an entry, but no entry has the year given in the text.",
        "A wrong year usually means a wrong edition or a wrong work.",
    ),
    Rule(
        "citation-page-out-of-range", "error", "citations",
        "The locator's page lies outside the entry's `pages` range or beyond its `pagetotal`.",
        "A page that does not exist in the work cannot back the claim.",
    ),
    Rule(
        "reference-unused", "info", "citations",
        "A library entry is never cited in the checked essays.",
        "An uncited entry in a works-cited list misleads readers about what was used.",
    ),
    Rule(
        "reference-incomplete", "warning", "citations",
        "A library entry lacks fields its type needs (e.g. a book without publisher; online without url and urldate).",
        "Readers (and citecheck) cannot find the work, or the archived copy of a page, without them.",
    ),
    Rule(
        "link-dead", "error", "links",
        "A cited URL fails after retries (404/410, persistent 5xx, DNS failure) and no archived copy exists.",
        "Readers cannot check the claim at all.",
    ),
    Rule(
        "link-archived-only", "warning", "links",
        "The live page is gone but an archived copy answers.",
        "The reader's link is broken; the capture keeps the claim checkable.",
    ),
    Rule(
        "link-drift", "warning", "links",
        "The live page no longer holds the passage that its archived copy near `urldate` holds.",
        "Pages change; what the author read may be gone from the live page.",
    ),
    Rule(
        "link-redirected", "info", "links",
        "A cited URL redirects permanently elsewhere.",
        "Redirects rot; the final address is the one to cite.",
    ),
    Rule(
        "link-refused", "warning", "links",
        "A cited URL points at a private, loopback or link-local address and was not fetched.",
        "Essays are untrusted input; fetching internal addresses would let an essay probe your network.",
    ),
    Rule(
        "quote-not-found", "error", "quotes",
        "A quotation is absent from the cited source.",
        "A quotation attributed to a source it is not in misrepresents the source.",
    ),
    Rule(
        "quote-altered", "warning", "quotes",
        "A quotation is in the cited source but with changed words (an error when a number or date changed).",
        "Altered quotations change what the source said.",
    ),
    Rule(
        "number-mismatch", "error", "numbers",
        "A quantity in the claim differs from the one in the best passage of its source, beyond the hedge's tolerance.",
        "A wrong number is the most common and most checkable factual error.",
    ),
    Rule(
        "date-mismatch", "error", "numbers",
        "A date in the claim differs from the date in the best passage of its source.",
        "Wrong dates put events in the wrong order.",
    ),
    Rule(
        "computed-mismatch", "error", "computed",
        "A derived figure (e.g. the number of words of a speech) differs from what the work's full text yields.",
        "A figure that can be computed from the source should agree with it.",
    ),
    Rule(
        "claim-unsupported", "warning", "support",
        "The source text is available but no passage backs the claim's content words and figures.",
        "A citation that does not back its claim lends false authority.",
    ),
    Rule(
        "claim-uncited", "warning", "support",
        "A check-worthy claim (numbers, dates, quotations, named events) has no citation in scope.",
        "Readers cannot verify a specific factual claim without a source.",
    ),
    Rule(
        "source-unverifiable", "info", "sources",
        "The cited work has no accessible text (e.g. a print book); its claims are unverifiable.",
        "citecheck can only say what it could check; this tells you which claims need a manual check.",
    ),
    Rule(
        "source-unreachable", "warning", "sources",
        "A source could not be fetched this run (timeout, 429 after retries, offline and not cached).",
        "The claim could not be checked this time; it is not a dead link.",
    ),
    Rule(
        "source-unreadable", "warning", "sources",
        "A fetched or local source has no usable text (unsupported type, PDF without text layer, empty).",
        "Without text no claim can be checked against it.",
    ),
    Rule(
        "suppression-unused", "info", "suppression",
        "An inline `citecheck: ignore` comment suppressed nothing.",
        "Stale suppressions hide future problems.",
    ),
]


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


# What each rule expected, shown as a finding's "expected" when the check gives nothing more specific.
_EXPECTS = {
    "bib-syntax": "a well-formed BibTeX entry",
    "citation-undefined": "a library entry for the cited name or key",
    "citation-ambiguous": "exactly one matching library entry",
    "citation-year-mismatch": "a library entry with the cited year",
    "citation-page-out-of-range": "a page inside the work",
    "reference-unused": "a citation of the entry",
    "reference-incomplete": "the fields the entry type needs",
    "link-dead": "a page that answers, or an archived copy of it",
    "link-archived-only": "the live page",
    "link-drift": "the live page still holding the passage that backs the claim",
    "link-redirected": "the final URL",
    "link-refused": "a public address",
    "quote-not-found": "the quoted words in the cited source",
    "quote-altered": "the source's exact words",
    "number-mismatch": "the source's figure",
    "date-mismatch": "the source's date",
    "computed-mismatch": "the figure the full text yields",
    "claim-unsupported": "a passage of the source that backs the claim",
    "claim-uncited": "a citation in scope",
    "source-unverifiable": "an accessible text of the work",
    "source-unreachable": "the source's text",
    "source-unreadable": "a readable text of the work",
    "suppression-unused": "a finding for the suppression to silence",
}

RULES: dict[str, Rule] = {
    rule.name: replace(_with_examples(rule), expects=_EXPECTS.get(rule.name, "")) for rule in _RULES
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

