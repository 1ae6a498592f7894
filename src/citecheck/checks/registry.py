"""Every rule, declared once: name, default severity, summary and documentation.

Everything else (``citecheck rules``, config validation, JSON/SARIF rule metadata) reads this.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.model import Severity


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    family: str
    summary: str
    why: str
    example: str = ""
    fix: str = ""


_RULES = [
    Rule(
        "bib-syntax", "error", "library",
        "A .bib entry is malformed (unbalanced braces, missing comma, `#` join, undefined macro, duplicate key).",
        "A malformed entry is silently dropped or mangled by BibTeX tools, so citations to it break "
        "or print wrong data. The rest of the file still loads.",
        "@book{a, title = {X} year = {2009}}",
        "@book{a, title = {X}, year = {2009}}",
    ),
    Rule(
        "citation-undefined", "error", "citations",
        "An in-text citation matches no library entry.",
        "A reader cannot find the work the claim rests on.",
        "The speech ran long (Smith, 12).",
        "Add an entry for Smith to the .bib, or fix the name.",
    ),
    Rule(
        "citation-ambiguous", "warning", "citations",
        "An in-text citation matches several library entries.",
        "Two works by the same author without a year or title leave the reader guessing.",
        "(Freeze, 418) with two Freeze entries in the library.",
        "(Freeze 2009, 418), or an MLA short title: (Freeze, Russia 418).",
    ),
    Rule(
        "citation-year-mismatch", "error", "citations",
        "The cited name matches an entry, but no entry has the year given in the text.",
        "A wrong year usually means a wrong edition or a wrong work.",
        "(Freeze, 2001, p. 418) when the library's Freeze is from 2009.",
        "(Freeze, 2009, p. 418).",
    ),
    Rule(
        "citation-page-out-of-range", "error", "citations",
        "The locator's page lies outside the entry's `pages` range or beyond its `pagetotal`.",
        "A page that does not exist in the work cannot back the claim.",
        "(Freeze, 918) for a book with pagetotal = 600.",
        "Check the page in the book and correct it.",
    ),
    Rule(
        "reference-unused", "info", "citations",
        "A library entry is never cited in the checked essays.",
        "An uncited entry in a works-cited list misleads readers about what was used.",
        "An entry `smith2001` that no essay cites.",
        "Cite it where it is used, or remove it.",
    ),
    Rule(
        "reference-incomplete", "warning", "citations",
        "A library entry lacks fields its type needs (e.g. a book without publisher; online without url and urldate).",
        "Readers (and citecheck) cannot find the work, or the archived copy of a page, without them.",
        "@online{x, title = {Page}, url = {https://example.org}}",
        "@online{x, title = {Page}, url = {https://example.org}, urldate = {2024-01-31}}",
    ),
    Rule(
        "link-dead", "error", "links",
        "A cited URL fails after retries (404/410, persistent 5xx, DNS failure) and no archived copy exists.",
        "Readers cannot check the claim at all.",
        "[source](https://example.org/gone)",
        "Link an archived copy or another source.",
    ),
    Rule(
        "link-archived-only", "warning", "links",
        "The live page is gone but an archived copy answers.",
        "The reader's link is broken; the capture keeps the claim checkable.",
        "[source](https://example.org/gone) with a Wayback capture.",
        "Link the archived copy given in the finding.",
    ),
    Rule(
        "link-drift", "warning", "links",
        "The live page no longer holds the passage that its archived copy near `urldate` holds.",
        "Pages change; what the author read may be gone from the live page.",
        "A claim backed by the 2014 capture but not by today's page.",
        "Link the archived capture, or update the claim.",
    ),
    Rule(
        "link-redirected", "info", "links",
        "A cited URL redirects permanently elsewhere.",
        "Redirects rot; the final address is the one to cite.",
        "http://example.org/old -> https://example.org/new",
        "Cite the final URL.",
    ),
    Rule(
        "link-refused", "warning", "links",
        "A cited URL points at a private, loopback or link-local address and was not fetched.",
        "Essays are untrusted input; fetching internal addresses would let an essay probe your network.",
        "[x](http://169.254.169.254/latest/meta-data/)",
        "Cite a public address, or allow the host with `allow-private` if you trust the essay.",
    ),
    Rule(
        "quote-not-found", "error", "quotes",
        "A quotation is absent from the cited source.",
        "A quotation attributed to a source it is not in misrepresents the source.",
        'He called it "a total triumph of the will" (Khrushchev).',
        "Quote the source's words exactly, or paraphrase without quotation marks.",
    ),
    Rule(
        "quote-altered", "warning", "quotes",
        "A quotation is in the cited source but with changed words (an error when a number or date changed).",
        "Altered quotations change what the source said.",
        'Lenin wrote of "unlimited power" (the source has "immeasurable power").',
        'Lenin wrote of "immeasurable power".',
    ),
    Rule(
        "number-mismatch", "error", "numbers",
        "A quantity in the claim differs from the one in the best passage of its source, beyond the hedge's tolerance.",
        "A wrong number is the most common and most checkable factual error.",
        "The congress had 1,536 delegates (source: 1,436 delegates).",
        "Use the source's figure.",
    ),
    Rule(
        "date-mismatch", "error", "numbers",
        "A date in the claim differs from the date in the best passage of its source.",
        "Wrong dates put events in the wrong order.",
        "Kirov was shot on 1 December 1943 (source: 1 December 1934).",
        "Kirov was shot on 1 December 1934.",
    ),
    Rule(
        "computed-mismatch", "error", "computed",
        "A derived figure (e.g. the number of words of a speech) differs from what the work's full text yields.",
        "A figure that can be computed from the source should agree with it.",
        "some 26,000 words (the full text counts 2,000 words)",
        "State the counted figure, hedged as needed.",
    ),
    Rule(
        "claim-unsupported", "warning", "support",
        "The source text is available but no passage backs the claim's content words and figures.",
        "A citation that does not back its claim lends false authority.",
        "A claim about the CIA cited to a page that never mentions it.",
        "Cite a source that backs the claim, or rephrase the claim.",
    ),
    Rule(
        "claim-uncited", "warning", "support",
        "A check-worthy claim (numbers, dates, quotations, named events) has no citation in scope.",
        "Readers cannot verify a specific factual claim without a source.",
        "The 20th Party Congress convened in February 1956.",
        "Add a citation to the sentence or to the end of its paragraph.",
    ),
    Rule(
        "source-unverifiable", "info", "sources",
        "The cited work has no accessible text (e.g. a print book); its claims are unverifiable.",
        "citecheck can only say what it could check; this tells you which claims need a manual check.",
        "(Freeze, 418) for a print book with no `file`.",
        "Add a `file` field pointing to a local text or PDF of the work.",
    ),
    Rule(
        "source-unreachable", "warning", "sources",
        "A source could not be fetched this run (timeout, 429 after retries, offline and not cached).",
        "The claim could not be checked this time; it is not a dead link.",
        "A page that times out.",
        "Re-run later, or commit a snapshot with `citecheck fetch`.",
    ),
    Rule(
        "source-unreadable", "warning", "sources",
        "A fetched or local source has no usable text (unsupported type, PDF without text layer, empty).",
        "Without text no claim can be checked against it.",
        "A scanned PDF with no text layer.",
        "Provide a text version of the source as the entry's `file`.",
    ),
    Rule(
        "suppression-unused", "info", "suppression",
        "An inline `citecheck: ignore` comment suppressed nothing.",
        "Stale suppressions hide future problems.",
        "<!-- citecheck: ignore quote-altered --> before a paragraph with no quotation.",
        "Remove the comment.",
    ),
]

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def default_severity(name: str) -> Severity:
    """The registry's severity for a rule name (KeyError for an unknown rule)."""
    return RULES[name].severity
