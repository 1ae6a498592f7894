"""Inline suppressions: ``citecheck: ignore RULE[, RULE]``, ``disable RULE`` … ``enable RULE``.

An ``ignore`` directive covers its own line and, when it stands alone on its line, the block
that follows it (the next paragraph). ``disable`` covers everything up to the matching
``enable`` (or the end of the file). A directive with no rule names covers every rule. A
directive that suppresses nothing is itself reported (suppression-unused), as ruff reports an
unused ``noqa``.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.checks import make_finding
from citecheck.model import Directive, Document, Finding


@dataclass
class _Scope:
    directive: Directive
    start: int  # original-file offsets covered
    end: int
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if finding.span is None:
            return False
        rules = self.directive.rules
        return (not rules or finding.rule in rules) and self.start <= finding.span.start < self.end


def _line_bounds(source: str, offset: int) -> tuple[int, int]:
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    return start, len(source) if end < 0 else end


def _scopes(doc: Document) -> list[_Scope]:
    scopes: list[_Scope] = []
    open_disables: list[_Scope] = []
    for directive in sorted(doc.directives, key=lambda d: d.start):
        if directive.action == "ignore":
            line_start, line_end = _line_bounds(doc.source, directive.start)
            end = line_end
            alone = not (doc.source[line_start:directive.start].strip() or doc.source[directive.end:line_end].strip())
            if alone:
                following = [b for b in doc.blocks if doc.original_range(b.start, b.end)[0] >= directive.end]
                if following:
                    end = max(end, doc.original_range(following[0].start, following[0].end)[1])
            scopes.append(_Scope(directive, line_start, end))
        elif directive.action == "disable":
            scope = _Scope(directive, directive.end, len(doc.source))
            scopes.append(scope)
            open_disables.append(scope)
        elif directive.action == "enable":
            for scope in reversed(open_disables):
                if not directive.rules or set(directive.rules) & set(scope.directive.rules) or not scope.directive.rules:
                    scope.end = directive.start
                    open_disables.remove(scope)
                    break
    return scopes


def apply_suppressions(doc: Document, findings: list[Finding]) -> list[Finding]:
    """The findings no directive covers, plus one suppression-unused finding per idle directive."""
    scopes = _scopes(doc)
    kept: list[Finding] = []
    for finding in findings:
        covering = [s for s in scopes if s.covers(finding)]
        for scope in covering:
            scope.used = True
        if not covering:
            kept.append(finding)
    for scope in scopes:
        if not scope.used:
            directive = scope.directive
            names = ", ".join(directive.rules) or "all rules"
            kept.append(make_finding(
                "suppression-unused",
                f"`citecheck: {directive.action} {names}` suppressed nothing; remove it",
                doc.path, doc.source_span(directive.start, directive.end),
                found=doc.source[directive.start:directive.end],
            ))
    return kept
