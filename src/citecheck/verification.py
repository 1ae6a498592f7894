"""Verification: the one stage that decides a verdict.

``verify_claim(claim, source)`` is the per-claim flow for one cited source: evidence (ranked
passages, quotation matches, figure comparisons) → matches (:class:`Mismatch` records and
:class:`QuoteCheck` results) → one :class:`Verification` with the verdict. It reads what
:mod:`citecheck.claims` parsed into the Claim (quantities, dates, quotations) and never parses the
claim's text again; each quotation is matched once. ``verify(claim_text, source_text)`` is the
pair-level API (``citecheck.verify``) that parses a bare claim text and runs the same code.
:func:`claim_verdict` combines the verdicts of a claim's sources (any contradiction wins).

Hedge tolerances are a :class:`~citecheck.claims.Tolerances` passed in (config
``hedge-tolerance``), part of the cache key; there is no module-level state to change.

Checks (``checks/quotes``, ``checks/numbers``, ``checks/support``) turn a Verification's matches
into findings; they decide nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from citecheck import claims as _claims
from citecheck.claims import DEFAULT_TOLERANCES, Tolerances
from citecheck.claims.lexicon import word_information
from citecheck.evidence.contrast import contrast_units, find_contrast
from citecheck.evidence.details import absent_details
from citecheck.evidence.figures import FigureCheck, denied_figure
from citecheck.evidence.passages import _as_source, _base_url, _index
from citecheck.evidence.quotes import QuoteMatch, match_quotation
from citecheck.evidence.ranking import (
    SHOWN_DEPTH,
    _rank,
    _union_coverage,
    _weighted_union_coverage,
    _window_terms,
    rank_sentences,
)
from citecheck.evidence.shown import claim_passages, focus_mismatch, span_passage
from citecheck.evidence.terms import _TOKEN_RE, _figures, _term, _terms, strip_citation_markers
from citecheck.evidence.vocabulary import vocabulary
from citecheck.model import Claim, DateMention, Mismatch, Passage, Quantity, Quotation, Reference, Source
from citecheck.rules import MISMATCH_RULES
from citecheck.support_model import (
    PARTIAL_COVERAGE,
    SUPPORTED_COVERAGE,
    SUPPORTED_SOURCE_FLOOR,
    SupportSignals,
    decide,
)
from citecheck.verdicts import claim_verdict

__all__ = [
    "MISMATCH_RULES",
    "PARTIAL_COVERAGE",
    "SUPPORTED_COVERAGE",
    "SUPPORTED_SOURCE_FLOOR",
    "QuoteCheck",
    "Verification",
    "claim_verdict",
    "verify",
    "verify_claim",
]

# The verdict thresholds live with the decision (support_model); still importable from here.



@dataclass
class QuoteCheck:
    """One quotation of the claim and how it stands in the source (matched once)."""

    quotation: Quotation
    match: QuoteMatch

    @property
    def rule(self) -> str | None:
        """quote-altered / quote-not-found, or None when the quotation is there (or not checked)."""
        if self.match.status in ("exact", "skipped"):
            return None
        return "quote-altered" if self.match.status == "altered" else "quote-not-found"


@dataclass
class Verification:
    """The outcome of checking one claim against one source.

    verdict: supported | partially_supported | unsupported | contradicted | unverifiable.
    passages: the best passages, best first. mismatches: the claim's parts the source contradicts
    (rules number-mismatch, date-mismatch, quote-altered, quote-not-found) or does not hold (rule
    claim-unsupported: a number or date that appears nowhere in the source). quotes: every
    quotation's match. reason: why, in words.
    """

    verdict: str
    passages: list[Passage] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    reason: str = ""
    coverage: float = 0.0  # share of the claim's content words in the best passage
    quotes: list[QuoteCheck] = field(default_factory=list)
    # What the support decision read (support_model), when no contradiction decided it.
    signals: SupportSignals | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "coverage": round(self.coverage, 4),
            "passages": [p.to_json() for p in self.passages],
            "mismatches": [
                {"kind": m.kind, "rule": m.rule, "start": m.start, "end": m.end,
                 "text": m.claim_text[m.start:m.end], "expected": m.expected, "found": m.found}
                for m in self.mismatches
            ],
        }


_VERIFY_CACHE: OrderedDict[tuple[Any, ...], Verification] = OrderedDict()


def verify(claim_text: str, source_text: str | Source, *, source_id: str = "source",
           url: str | None = None, k: int = 3, tolerances: Tolerances = DEFAULT_TOLERANCES) -> Verification:
    """Check one claim against one source: the pair-level API (``citecheck.verify``).

    ``source_text`` is the source's text or a :class:`Source`. Citation markers in the claim
    ("(Freeze, 418)", "[@key]") are ignored. Returns a :class:`Verification`:

    - ``unverifiable`` (with a reason) when the source has no text;
    - ``contradicted`` when a quotation is absent or altered in a figure, or a number or date
      differs from the best passage (a figure of the same kind there, none compatible in the top
      ``k``; the hedges' tolerances are ``tolerances``, by default
      :data:`citecheck.claims.HEDGE_TOLERANCE`);
    - else by the best passages' share of the claim's content words, names and figures:
      ``supported`` (>= :data:`SUPPORTED_COVERAGE` of its content words, idf-weighted, in the best
      three passages, every capitalised name of the claim in the source, no figure missing from
      it), ``partially_supported`` (>= :data:`PARTIAL_COVERAGE` of its content words in the best
      two passages), ``unsupported``.

    Mismatch offsets are within ``claim_text``. Precision first: no mismatch is claimed unless
    the passage clearly is about the same thing (>= 0.5 of the claim's other words).
    """
    source = _as_source(source_text, source_id, url)
    if not source.available:
        reason = source.reason or "the source has no text"
        return Verification("unverifiable", reason=f"{source.id}: {reason}")
    text = strip_citation_markers(claim_text)
    dates = _claims.extract_dates(text)
    return _cached(claim_text, None, _claims.extract_quotations(text), dates,
                   _claims.extract_quantities(text, dates=dates), source, k, tolerances)


def verify_claim(claim: Claim, source: Source, *, k: int = 3,
                 tolerances: Tolerances = DEFAULT_TOLERANCES, entry: Reference | None = None) -> Verification:
    """Check a parsed Claim against one source, using the quantities, dates and quotations the
    Claim carries (found with the essay's citation markers masked out). Same verdicts as
    :func:`verify`. ``entry`` is the library entry the source was cited by: what it states about
    the work (:func:`entry_statement`: its title, authors, publisher, year) counts as stated, so
    "Freeze notes that …" is not faulted for a name the book's own text never prints."""
    if not source.available:
        reason = source.reason or "the source has no text"
        return Verification("unverifiable", reason=f"{source.id}: {reason}")
    parsed = (repr(claim.quotations), repr(claim.dates), repr(claim.quantities), claim.masked)
    return _cached(claim.text, parsed, claim.quotations, claim.dates, claim.quantities, source, k, tolerances,
                   claim.masked, entry_statement(entry))


def entry_statement(entry: Reference | None) -> str:
    """What a library entry says about its work, as text: title, subtitle, the journal, book or
    site it appeared in, publisher, institution, authors' and editors' names, year, month and
    date. Words here
    are stated by the citation itself (fields joined by "; " so that their names read as names)."""
    if entry is None:
        return ""
    parts = [entry.fields.get(name, "") for name in
             ("title", "subtitle", "shorttitle", "journal", "journaltitle", "booktitle", "container",
              "publisher", "organization", "institution", "school", "series")]
    parts += [" ".join(x for x in (p.given, p.last) if x) for p in (*entry.authors, *entry.editors)]
    parts.append(entry.year or "")
    # When it appeared ("A study published in March"): the entry's month and full date.
    parts += [entry.fields.get(name, "") for name in ("month", "date")]
    return "; ".join(" ".join(p.split()) for p in parts if p and p.strip())


def _cached(claim_text: str, parsed: tuple[str, ...] | None, quotations: list[Quotation],
            dates: list[DateMention], quantities: list[Quantity], source: Source, k: int,
            tolerances: Tolerances, masked: str = "", stated: str = "") -> Verification:
    key = (claim_text, parsed, source.id, _base_url(source), len(source.text), hash(source.text), k, tolerances,
           stated)
    hit = _VERIFY_CACHE.get(key)
    if hit is not None:
        _VERIFY_CACHE.move_to_end(key)
        return hit
    result = _verify(claim_text, quotations, dates, quantities, source, k, tolerances, masked, stated)
    _VERIFY_CACHE[key] = result
    if len(_VERIFY_CACHE) > 256:
        _VERIFY_CACHE.popitem(last=False)
    return result


def _verify(claim_text: str, quotations: list[Quotation], dates: list[DateMention],
            quantities: list[Quantity], source: Source, k: int, tolerances: Tolerances,
            masked: str = "", stated: str = "") -> Verification:
    idx = _index(source)
    # The essay's own markers were masked when the claim was parsed ("(Whitcombe)" too); a bare
    # claim text has the usual marker shapes blanked.
    text = strip_citation_markers(masked if len(masked) == len(claim_text) else claim_text)
    ranked = _rank(idx, text, max(k + 1, SHOWN_DEPTH))
    # What is shown: the sentence or two, ranked on their own words (evidence.shown).
    passages = claim_passages(idx, rank_sentences(idx, text, ranked), k)
    ranked = ranked[:max(k, 3)]
    mismatches: list[Mismatch] = []
    quotes: list[QuoteCheck] = []
    figure_changed: set[tuple[int, int]] = set()  # altered quotations whose figures changed or meaning reversed

    for quotation in quotations:
        check = QuoteCheck(quotation, match_quotation(quotation.text, source))
        if check.match.passage is not None and check.match.start >= 0:
            # Shown: the sentences the quotation's match spans, not their window.
            check.match.passage = span_passage(idx, check.match.start, check.match.end, check.match.passage.score)
        quotes.append(check)
        if check.rule is None:
            continue
        qm = check.match
        mismatches.append(Mismatch("quote", claim_text, quotation.start, quotation.end,
                                   qm.source_text, quotation.text, check.rule, qm.passage))
        if qm.figures_changed or qm.reversed:
            # A changed figure or a reversed meaning contradicts the claim, not just its wording.
            figure_changed.add((quotation.start, quotation.end))

    figures = FigureCheck(claim_text, text, idx, ranked, tolerances)
    figures.quantities(quantities, [(d.start, d.end) for d in dates])
    figures.dates(dates)
    figures.stray_figures()
    # What the source never states is judged over the whole source, in any spelling or number
    # format (evidence.details); FigureCheck's own "not held" marks are superseded by it.
    # A figure the claim denies ("not released in 1990") is not contradicted by another one.
    mismatches.extend(m for m in figures.out if m.rule != "claim-unsupported" and not denied_figure(text, m.start))
    mismatches.extend(_details_and_contrasts(claim_text, text, idx, ranked, quotes, dates, quantities,
                                             mismatches, figure_changed, tolerances, stated, figures.converted))
    mismatches = [m if m.kind == "quote" else focus_mismatch(idx, m) for m in mismatches]
    mismatches.sort(key=lambda m: (m.start, m.end))

    if not ranked:
        verdict = "contradicted" if _contradicting(mismatches, figure_changed) else "unsupported"
        reason = "no passage of the source shares a content word with the claim"
        if verdict == "contradicted":
            reason = _contradiction_reason(_contradicting(mismatches, figure_changed)[0])
            passages = with_contradicting(passages, _contradicting(mismatches, figure_changed))
        return Verification(verdict, passages, mismatches, reason, 0.0, quotes)
    # Figures a passage states in another unit ("500 kg" for "1,102 pounds") are not words to find.
    text = _blank_spans(text, figures.converted)
    # Claims often join facts from two places of a page: the best passages together.
    coverage = _union_coverage(idx, text, [r.uid for r in ranked[:2]])
    # Words that name the work ("In Russia: A History, Freeze notes …") are stated by the citation.
    stated_terms = frozenset(_terms(stated))
    rarity = _rarity_weights(text)  # read by rarity_coverage and support_signals
    weighted = rarity_coverage(idx, text, [r.uid for r in ranked[:3]], also=stated_terms, weights=rarity)
    # The source's idf knows no word it lacks: a word only the entry states is left out of it.
    entry_only = frozenset(t for t in stated_terms if t not in idx.postings)
    source_weighted = _weighted_union_coverage(idx, _without(text, entry_only), [r.uid for r in ranked[:3]])
    contradicting = _contradicting(mismatches, figure_changed)
    # Figures, dates and names of the claim that the source never states.
    unbacked = [m for m in mismatches if m.rule == "claim-partly-supported"]
    if contradicting:
        return Verification("contradicted", with_contradicting(passages, contradicting), mismatches,
                            _contradiction_reason(contradicting[0]), coverage, quotes)
    if any(m.rule in ("quote-altered", "quote-not-found") for m in mismatches):
        return Verification("partially_supported", passages, mismatches,
                            "a quotation differs from the source", coverage, quotes)
    signals = support_signals(idx, text, weighted, source_weighted, coverage, unbacked, stated_terms, rarity)
    verdict = decide(signals)
    if verdict == "supported":
        reason = (f"the best three passages hold {weighted:.0%} of the claim's content words "
                  "(weighted by their rarity in English), and every name it gives")
    elif verdict == "partially_supported":
        reason = f"the best two passages hold {coverage:.0%} of the claim's content words"
        absent = list(dict.fromkeys(repr(m.found) for m in unbacked))
        if absent:
            reason += "; not in the source: " + ", ".join(absent)
    else:
        reason = f"the best two passages hold only {coverage:.0%} of the claim's content words"
    return Verification(verdict, passages, mismatches, reason, coverage, quotes, signals)


def with_contradicting(passages: list[Passage], contradicting: list[Mismatch]) -> list[Passage]:
    """The passages shown for a contradicted claim, with the sentence of each contradiction that
    none of them holds added after them: a contradiction may come from a sentence that did not
    rank (a short source is read whole; a quotation is searched in the whole source), and the
    claim's evidence must show what contradicts it."""
    out = list(passages)
    for m in contradicting:
        p = m.passage
        if p is not None and p.text and not any(p.source_id == q.source_id and p.text in q.text for q in out):
            out.append(p)
    return out


def rarity_coverage(idx: Any, claim_text: str, uids: list[int], also: frozenset[str] = frozenset(),
                    weights: dict[str, float] | None = None) -> float:
    """Share of the claim's content terms found in the union of the passages' windows, each term
    weighted by how much its word tells in general English (:func:`~citecheck.claims.lexicon.
    word_information`). A source's own idf cannot weigh a word the source lacks (every absent word
    gets the top idf), so a paraphrase that drops "played" or "role" cost as much as one that drops
    a name; general-English rarity makes an absent common word cheap and an absent rare one dear.
    Terms in ``also`` (the cited entry's title, authors …) count as found. ``weights``: the
    claim's :func:`_rarity_weights` when the caller has them already."""
    if weights is None:
        weights = _rarity_weights(claim_text)
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    found: set[str] = set(also)
    for uid in uids:
        found |= _window_terms(idx, uid)
    return sum(w for t, w in weights.items() if t in found) / total


def _rarity_weights(claim_text: str) -> dict[str, float]:
    """Each content term of the claim and how much its word tells in general English."""
    weights: dict[str, float] = {}
    for token in _TOKEN_RE.findall(claim_text):
        term = _term(token)
        if term:
            weights[term] = max(weights.get(term, 0.0), word_information(token))
    return weights


def support_signals(idx: Any, text: str, weighted: float, source_weighted: float, coverage: float,
                    unbacked: list[Mismatch], stated_terms: frozenset[str],
                    weights: dict[str, float] | None = None) -> SupportSignals:
    """The :class:`SupportSignals` of a claim (``text``, markers blanked) nothing contradicts:
    the coverages already measured, the share of its rarity weight found anywhere in the source,
    and what its details the source never states (``unbacked``) weigh (``weights``: as for
    :func:`rarity_coverage`)."""
    if weights is None:
        weights = _rarity_weights(text)
    total = sum(weights.values())
    anywhere = absent_information = 0.0
    if total > 0:
        anywhere = sum(w for t, w in weights.items() if t in idx.postings or t in stated_terms) / total
        absent_terms = {_term(tok) for m in unbacked if m.kind == "name" for tok in _TOKEN_RE.findall(m.found)}
        absent_information = sum(w for t, w in weights.items() if t in absent_terms) / total
    names = sum(m.kind == "name" for m in unbacked)
    return SupportSignals(weighted, source_weighted, coverage, anywhere, names, len(unbacked) - names,
                          absent_information)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` blanked (offsets kept)."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def _without(text: str, terms: frozenset[str]) -> str:
    """The claim with the words of ``terms`` blanked out (offsets kept), unless that would leave
    no content word."""
    if not terms or terms.isdisjoint(_terms(text)):
        return text  # no word to blank: the claim as it is
    blanked = _TOKEN_RE.sub(lambda m: " " * len(m.group()) if _term(m.group()) in terms else m.group(), text)
    return blanked if _terms(blanked) else text


def _details_and_contrasts(claim_text: str, text: str, idx: Any, ranked: list[Any], quotes: list[QuoteCheck],
                           dates: list[DateMention], quantities: list[Quantity], found: list[Mismatch],
                           figure_changed: set[tuple[int, int]], tolerances: Tolerances,
                           stated: str = "", converted: list[tuple[int, int]] | None = None) -> list[Mismatch]:
    """claim-partly-supported Mismatches for the details the whole source never states, and a
    claim-contradicted one when the best passage says the opposite (a negation, an opposite
    word, another name in the same slot). Contradictions already found (figures, quotations)
    leave no room for either. ``stated``: what the cited entry says of the work, stated too;
    ``converted``: figures a passage states in another unit or inside a claimed range (FigureCheck)."""
    vocab = _source_vocabulary(idx, stated)
    best = idx.passage(ranked[0].uid, ranked[0].score) if ranked else None
    checked = [(q.quotation.start, q.quotation.end) for q in quotes if q.match.status != "skipped"]
    taken = checked + [(m.start, m.end) for m in found] + list(converted or [])
    details = absent_details(text, vocab, quantities=quantities, dates=dates,
                             tolerances=dict(tolerances.items()), skip=taken)
    out = [Mismatch(d.kind, claim_text, d.start, d.end, "", d.text, "claim-partly-supported", best)
           for d in details]
    # A source of a few sentences is read whole: its sentence that contradicts the claim may share
    # no word with it ("He is the lead vocalist and drummer" for "Pharrell Williams is not a musician").
    uids = contrast_units([r.uid for r in ranked[:3]], len(idx.units))
    if _contradicting(found, figure_changed) or not uids:
        return out
    sentences = [(idx.text[idx.units[u][0]:idx.units[u][1]], u) for u in uids]
    names = [(d.start, d.end) for d in details if d.kind == "name"]
    contrast = find_contrast(text, [s for s, _ in sentences], names, source_words=vocab.words)
    if contrast is not None:
        uid = next(u for s, u in sentences if s == contrast.sentence)
        passage = idx.passage(uid, next((r.score for r in ranked if r.uid == uid), 0.0))
        out = [m for m in out if not (m.start < contrast.end and contrast.start < m.end)]
        out.append(Mismatch(contrast.kind, claim_text, contrast.start, contrast.end, contrast.expected,
                            contrast.found, "claim-contradicted", passage))
    return out


def _source_vocabulary(idx: Any, stated: str) -> Any:
    """The :func:`vocabulary` of a source with what its cited entry states, kept on the source's
    index: without it every claim joined and hashed the whole source text again to find it."""
    known = idx._vocabularies.get(stated)
    if known is None:
        known = idx._vocabularies[stated] = vocabulary(idx.text + "\n\n" + stated if stated else idx.text)
    return known


def _contradicting(mismatches: list[Mismatch], figure_changed: set[tuple[int, int]]) -> list[Mismatch]:
    """The mismatches that contradict the claim: a figure or date that differs, a quotation that
    is absent, or one altered in a number, year or month."""
    out = []
    for m in mismatches:
        if m.rule == "quote-altered":
            if (m.start, m.end) in figure_changed or _figures(m.claim_text[m.start:m.end]) != _figures(m.expected):
                out.append(m)
        elif m.rule in MISMATCH_RULES:
            out.append(m)
    return out


def _contradiction_reason(first: Mismatch) -> str:
    what = first.claim_text[first.start:first.end]
    source_says = f"; the source has {first.expected!r}" if first.expected else ""
    return f"{first.rule}: {what!r}{source_says}"
