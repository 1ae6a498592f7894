"""Rules as data: every rule's name, default severity, family, summary and why, and the finding
factory. A leaf: it imports only :mod:`citecheck.model`, so every stage (library, checks,
verification) may import it without pulling in sources, the rule examples or the registry.

A new rule is declared here, once; :mod:`citecheck.checks.registry` adds its documentation
examples, and ``citecheck rules``, docs/rules.md, SARIF metadata and config validation read that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citecheck.model import Finding, Severity, Span

if TYPE_CHECKING:
    from citecheck.rule_examples import RuleExample

__all__ = ["DECLARED", "EXPECTS", "MISMATCH_RULES", "SEVERITIES", "Rule", "default_severity", "make_finding"]


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



DECLARED: list[Rule] = [
    Rule(
        "bib-syntax", "error", "library",
        "A .bib entry is malformed (unbalanced braces, missing comma, `#` join, undefined macro, duplicate key).",
        "A malformed entry is silently dropped or mangled by BibTeX tools, so citations to it break "
        "or print wrong data. The rest of the file still loads.",
    ),
    Rule(
        "library-not-found", "error", "library",
        "The essay cites works by key or name, but no BibTeX library was found for it.",
        "Without a library no citation can be resolved, so every one is reported as undefined; this "
        "finding says why, and where citecheck looked (--bib, front matter, the closest configuration, "
        "references.bib beside the essay).",
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
        "reference-list-mismatch", "warning", "citations",
        "An entry of the essay's own reference list (Works Cited, References) gives another year or "
        "title than the library entry for the same work.",
        "The reader sees one work in the essay's list while the claims were checked against another "
        "edition or another work; one of the two is wrong.",
    ),
    Rule(
        "link-dead", "error", "links",
        "A cited URL is gone (404 Not Found, 410 Gone, or a host name that does not exist for a resolver "
        "that resolves other names) and no archived copy exists.",
        "Readers cannot check the claim at all.",
    ),
    Rule(
        "link-malformed", "error", "links",
        "A cited URL cannot be parsed (a bad host, port or bracketed address), so it was never fetched.",
        "No browser or archive can open a URL that does not parse; it is usually a typo or a copy-paste "
        "accident. Correct the URL (host, port, brackets) or link another copy of the page.",
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
        "quote-altered", "error", "quotes",
        "A quotation is in the cited source but with a content word changed (diff shown; a warning when only "
        "small words such as \"the\" or \"of\" differ). Case, punctuation, [bracketed] insertions, ellipses and "
        "British/American spelling are allowed; a negation or opposite word makes the claim contradicted.",
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
        "claim-partly-supported", "warning", "support",
        "A passage backs part of the claim, but the source never states some of its figures, dates "
        "or names (in any spelling, inflection, abbreviation or number format); the finding names them.",
        "A detail that the cited source never gives borrows the source's authority without its backing.",
    ),
    Rule(
        "claim-contradicted", "error", "support",
        "The best passage states the same relation with another name, the opposite polarity (a "
        "negation added or removed) or the opposite word (rose/fell, won/lost, before/after, first/last).",
        "The source says the opposite of what the essay attributes to it.",
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
        "A source could not be fetched this run (timeout, 5xx / 403 / 429 after retries, no network or DNS, "
        "offline and not cached).",
        "The claim could not be checked this time; it is not a dead link.",
    ),
    Rule(
        "source-unreadable", "warning", "sources",
        "A fetched or local source has no usable text (unsupported type, PDF without text layer, empty).",
        "Without text no claim can be checked against it.",
    ),
    Rule(
        "reference-not-found", "warning", "references",
        "No record in the consulted indexes (Crossref, OpenAlex, Open Library) matches the entry; the "
        "finding says which indexes were asked and what was searched.",
        "A reference no index knows may be fabricated (AI assistants invent plausible ones) or garbled "
        "beyond recognition; either way a reader cannot find it.",
    ),
    Rule(
        "reference-identifier-mismatch", "error", "references",
        "The entry's DOI, ISBN or arXiv id leads to a record whose title and authors belong to another work.",
        "The most common fabrication: a real identifier with another work's title or authors. It passes "
        "every \"does the DOI resolve\" check; readers who follow it land on a different work.",
    ),
    Rule(
        "reference-metadata-mismatch", "warning", "references",
        "The matched record's year, title, authors, journal, volume or pages differ from the entry's "
        "(field by field; reprint years and subtitle-only differences are not mismatches).",
        "Wrong details send readers to the wrong issue or page, and often mark a reference copied "
        "second-hand rather than read.",
    ),
    Rule(
        "reference-retracted", "error", "references",
        "The index record of the cited work says it was retracted (Crossref update notices, OpenAlex `is_retracted`).",
        "A retracted work cannot back a claim; citing it without saying so misleads readers.",
    ),
    Rule(
        "reference-unverified", "info", "references",
        "The indexes could not settle whether the entry exists as written (they disagree, time out, "
        "answer 429, or are not available offline).",
        "citecheck abstains rather than guess; this tells you which entries still need a look.",
    ),
    Rule(
        "doi-invalid", "error", "references",
        "A DOI is malformed: it must be `10.` + a numeric registrant code + `/` + a suffix, without spaces.",
        "A malformed DOI resolves nowhere; readers cannot follow it.",
    ),
    Rule(
        "isbn-invalid", "error", "references",
        "An ISBN has the wrong length, characters or check digit (python-stdnum's validation).",
        "A wrong ISBN names no book, or another book; a bad check digit is usually a typo.",
    ),
    Rule(
        "issn-invalid", "error", "references",
        "An ISSN has the wrong length, characters or check digit (python-stdnum's validation).",
        "A wrong ISSN names no journal, or another journal.",
    ),
    Rule(
        "suppression-unused", "info", "suppression",
        "An inline `citecheck: ignore` comment suppressed nothing.",
        "Stale suppressions hide future problems.",
    ),
]

SEVERITIES: dict[str, Severity] = {rule.name: rule.severity for rule in DECLARED}

# What each rule expected, shown as a finding's "expected" when the check gives nothing more specific.
EXPECTS = {
    "bib-syntax": "a well-formed BibTeX entry",
    "citation-undefined": "a library entry for the cited name or key",
    "citation-ambiguous": "exactly one matching library entry",
    "citation-year-mismatch": "a library entry with the cited year",
    "citation-page-out-of-range": "a page inside the work",
    "reference-unused": "a citation of the entry",
    "reference-incomplete": "the fields the entry type needs",
    "reference-list-mismatch": "the year and title of the library entry",
    "link-dead": "a page that answers, or an archived copy of it",
    "link-malformed": "a URL that parses (a valid host and port)",
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
    "claim-partly-supported": "a source that states every figure, date and name of the claim",
    "claim-contradicted": "what the source says in the same place",
    "claim-uncited": "a citation in scope",
    "source-unverifiable": "an accessible text of the work",
    "source-unreachable": "the source's text",
    "source-unreadable": "a readable text of the work",
    "suppression-unused": "a finding for the suppression to silence",
    "reference-not-found": "a record of the work in a bibliographic index",
    "reference-identifier-mismatch": "the identifier's record being the cited work",
    "reference-metadata-mismatch": "the record's fields",
    "reference-retracted": "a work that stands",
    "reference-unverified": "an answer from the indexes",
    "doi-invalid": "a well-formed DOI",
    "isbn-invalid": "a valid ISBN",
    "issn-invalid": "a valid ISSN",
}

# Rules whose firing means the claim is contradicted (claim-unsupported Mismatches only mark
# figures the source does not hold; they are highlights, not contradictions).
MISMATCH_RULES = frozenset({"number-mismatch", "date-mismatch", "quote-altered", "quote-not-found",
                            "computed-mismatch", "claim-contradicted"})


def default_severity(name: str) -> Severity:
    """The declared severity of a rule (KeyError for an unknown rule)."""
    return SEVERITIES[name]


def make_finding(
    rule: str,
    message: str,
    path: str,
    span: Span | None = None,
    *,
    expected: str | None = None,
    found: str | None = None,
    evidence: list[dict[str, Any]] | None = None,
    source: str | None = None,
) -> Finding:
    """A Finding with the rule's default severity (config overrides are applied later, in api)."""
    return Finding(
        rule=rule,
        severity=SEVERITIES[rule],
        message=message,
        path=path,
        span=span,
        expected=expected,
        found=found,
        evidence=evidence or [],
        source=source,
    )
