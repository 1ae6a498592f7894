"""Inline suppressions: ``citecheck: ignore RULE[, RULE]``, ``disable RULE`` … ``enable RULE``.

An ``ignore`` directive covers its own line and, when it stands alone on its line, the block
that follows it (the next paragraph). ``disable`` covers everything up to the matching
``enable`` (or the end of the file). A directive with no rule names covers every rule. A
directive that suppresses nothing is itself reported (suppression-unused), as ruff reports an
unused ``noqa``.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from citecheck.model import Directive, Document, Finding
from citecheck.rules import SEVERITIES, make_finding


@dataclass
class _Scope:
    directive: Directive
    start: int  # original-file offsets covered
    end: int
    used: bool = False  # it covers a finding: one of its rules (any, without rules) at an offset in [start, end)


def _line_bounds(source: str, offset: int) -> tuple[int, int]:
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    return start, len(source) if end < 0 else end


def _scopes(doc: Document) -> list[_Scope]:
    scopes: list[_Scope] = []
    open_disables: list[_Scope] = []
    ranges = [doc.original_range(b.start, b.end) for b in doc.blocks]
    starts = [a for a, _ in ranges]
    in_order = all(a <= b for a, b in itertools.pairwise(starts))  # blocks are in source order
    for directive in sorted(doc.directives, key=lambda d: d.start):
        if directive.action == "ignore":
            line_start, line_end = _line_bounds(doc.source, directive.start)
            end = line_end
            alone = not (doc.source[line_start:directive.start].strip() or doc.source[directive.end:line_end].strip())
            if alone:
                if in_order:  # the first block at or after the directive, by bisection
                    k = bisect.bisect_left(starts, directive.end)
                    following = ranges[k:k + 1]
                else:
                    following = [r for r in ranges if r[0] >= directive.end][:1]
                if following:
                    end = max(end, following[0][1])
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


class _Union:
    """The union of half-open ranges, asked "is this offset in it?" by bisection."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(r for r in ranges if r[0] < r[1]):
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def __contains__(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    """Whether the sorted ``offsets`` hold one in [start, end)."""
    k = bisect.bisect_left(offsets, start)
    return k < len(offsets) and offsets[k] < end


def apply_suppressions(doc: Document, findings: list[Finding]) -> list[Finding]:
    """The findings no directive covers, plus one suppression-unused finding per idle directive.

    Scopes are merged per rule (and for "every rule") and findings looked up per rule, both by
    bisection: thousands of directives and findings do not meet pairwise.
    """
    scopes = _scopes(doc)
    every = _Union([(s.start, s.end) for s in scopes if not s.directive.rules])
    named: dict[str, list[tuple[int, int]]] = {}
    for scope in scopes:
        for rule in set(scope.directive.rules):
            named.setdefault(rule, []).append((scope.start, scope.end))
    per_rule = {rule: _Union(ranges) for rule, ranges in named.items()}
    kept: list[Finding] = []
    offsets: dict[str, list[int]] = {}  # rule -> the span starts of its findings
    for finding in findings:
        if finding.span is None:
            kept.append(finding)
            continue
        offsets.setdefault(finding.rule, []).append(finding.span.start)
        rule_scopes = per_rule.get(finding.rule)
        if not (finding.span.start in every or (rule_scopes is not None and finding.span.start in rule_scopes)):
            kept.append(finding)
    for found in offsets.values():
        found.sort()
    every_offset = sorted(p for found in offsets.values() for p in found)
    for scope in scopes:
        rules = scope.directive.rules
        if rules:
            scope.used = any(_any_between(offsets.get(rule, []), scope.start, scope.end) for rule in set(rules))
        else:
            scope.used = _any_between(every_offset, scope.start, scope.end)
    for scope in scopes:
        if not scope.used:
            directive = scope.directive
            names = ", ".join(directive.rules) or "all rules"
            from citecheck.selection import unknown_rule

            unknown = "".join(f"; {unknown_rule(rule)}" for rule in directive.rules if rule not in SEVERITIES)
            kept.append(make_finding(
                "suppression-unused",
                f"`citecheck: {directive.action} {names}` suppressed nothing{unknown}; remove it",
                doc.path, doc.source_span(directive.start, directive.end),
                found=doc.source[directive.start:directive.end],
            ))
    return kept
