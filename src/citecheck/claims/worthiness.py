"""Check-worthiness: how specific and verifiable a sentence is, and the features that show it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from citecheck.claims.dates import _MONTHS, extract_dates
from citecheck.claims.quantities import extract_quantities
from citecheck.claims.quotations import MIN_CHECKABLE_QUOTE_WORDS, extract_quotations
from citecheck.model import DateMention, Quantity, Quotation

__all__ = ["WORTHINESS_THRESHOLD", "ClaimFeatures", "claim_features", "worthiness"]

# Chosen with bench/worthiness.py: best F0.5 (precision weighed twice recall) on the even-id half
# of ClaimBuster; on the held-out odd-id half it gives precision 0.78, recall 0.48.
WORTHINESS_THRESHOLD = 0.45

_REPORTING = re.compile(
    r"\b(?:said|says|say|wrote|writes|reported|reports|according to|stated|states|announced|"
    r"declared|claimed|claims|testified|told|estimated|estimates|found|showed|shows|revealed|"
    r"confirmed|admitted|denied|noted|published|voted|signed|passed|approved)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:was|were)\s+(?:shot|killed|born|elected|appointed|arrested|executed|assassinated|"
    r"founded|signed|passed|published|released|invaded|defeated|destroyed|built|sentenced|"
    r"murdered|exiled|deported|removed|expelled|awarded|named|established|created|launched)\b|"
    r"\b(?:died|convened|invaded|founded|signed|ratified|elected|launched|declared|abolished|"
    r"authorized|authorised|enacted|vetoed|won|lost|defeated|killed|executed|occupied|annexed|"
    r"collapsed|resigned|succeeded|began|ended|established|introduced|increased|decreased|rose|"
    r"fell|grew|dropped|doubled|tripled|cut|raised|lowered|spent|cost|created|leaked|summoned|summon)\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(
    r"\b(?:most|least|first|last|largest|biggest|highest|lowest|smallest|greatest|best|worst|"
    r"only|fastest|oldest|youngest|longest|shortest|record|never before|ever)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|greater|twice|half|double|triple|"
    r"percent|per cent|increase|decrease|rate|average|majority|minority|times)\b",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(
    r"\b(?:at (?:night|midnight|dawn|dusk|noon|daybreak)|overnight|in the (?:middle of the night|small hours|"
    r"early hours|dead of night))\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|me|my|we|we're|we’re|us|our|you|your|think|believe|feel|hope|"
    r"should|must|ought|would|could|might|may|maybe|perhaps|probably|seems?|seemed|bound to|"
    r"sooner or later|certainly|surely|really|clearly|obviously|want|wants|need|needs|let|"
    r"going to|will|tragic|tragedies|ironic|irony|unfortunately|fortunately|good|bad|great|"
    r"wonderful|terrible|important|thank|thanks|please)\b",
)
_ENTITY_TOKEN = re.compile(r"\b[A-Z][a-zA-Z’'\-]*[a-zA-Z]|\b[A-Z]{2,}\b")
_NOT_ENTITY = {m.capitalize() for m in _MONTHS} | {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll", "OK", "Mr", "Mrs", "Ms", "Dr",
    "The", "A", "An", "And", "But", "It", "He", "She", "They", "We", "You", "This", "That",
}


@dataclass
class ClaimFeatures:
    """What makes a sentence check-worthy, with the words that show it."""

    quantities: list[Quantity] = field(default_factory=list)  # not years
    dates: list[DateMention] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)  # of MIN_CHECKABLE_QUOTE_WORDS+ words
    entities: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)  # "at night", "overnight": a checkable when
    reporting: list[str] = field(default_factory=list)
    superlatives: list[str] = field(default_factory=list)
    comparatives: list[str] = field(default_factory=list)
    opinion: list[str] = field(default_factory=list)
    question: bool = False
    words: int = 0

    def describe(self) -> list[str]:
        """Short phrases naming the check-worthy features, strongest first."""
        parts: list[str] = []
        if self.dates:
            parts.append(_plural("a date", "dates", [d.text for d in self.dates]))
        if self.quantities:
            parts.append(_plural("a number", "numbers", [_quantity_phrase(q) for q in self.quantities]))
        if self.quotations:
            parts.append(_plural("a quotation", "quotations", [f"“{_short(q.text)}”" for q in self.quotations]))
        if self.times:
            parts.append(_plural("a time", "times", self.times))
        if self.events:
            parts.append(_plural("an event", "events", self.events))
        if self.entities:
            parts.append(_plural("a name", "names", self.entities))
        if self.reporting:
            parts.append(_plural("a report", "reports", self.reporting))
        if self.superlatives:
            parts.append(_plural("a superlative", "superlatives", self.superlatives))
        return parts


def _plural(one: str, many: str, items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    shown = ", ".join(items[:3]) + (", …" if len(items) > 3 else "")
    return f"{one if len(items) == 1 else many} ({shown})"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quantity_phrase(q: Quantity) -> str:
    out = q.text
    if q.hedge:
        out = f"{q.hedge} {out}"
    if q.unit and q.unit not in ("%", "$", "€", "£", "¥"):
        out = f"{out} {q.unit}"
    return out


def claim_features(text: str, *, dates: list[DateMention] | None = None,
                   quantities: list[Quantity] | None = None,
                   quotations: list[Quotation] | None = None) -> ClaimFeatures:
    """The features ``worthiness`` scores, for explaining a finding.

    ``dates``, ``quantities`` and ``quotations`` are the extractors' results for ``text`` when
    the caller has them already (each is then not computed again).
    """
    features = ClaimFeatures()
    features.dates = extract_dates(text) if dates is None else dates
    if quantities is None:
        quantities = extract_quantities(text, dates=features.dates)
    features.quantities = [q for q in quantities if not q.is_year]
    features.quotations = [q for q in (extract_quotations(text) if quotations is None else quotations)
                           if len(q.text.split()) >= MIN_CHECKABLE_QUOTE_WORDS]
    (entities, events, times, reporting, superlatives, comparatives, opinion) = _word_features(text)
    features.entities = list(entities)
    features.events = list(events)
    features.times = list(times)
    features.reporting = list(reporting)
    features.superlatives = list(superlatives)
    features.comparatives = list(comparatives)
    features.opinion = list(opinion)
    features.question = text.rstrip().rstrip("”\"’')").endswith("?")
    features.words = len(text.split())
    return features


@lru_cache(maxsize=4096)
def _word_features(text: str) -> tuple[tuple[str, ...], ...]:
    """The features found by patterns over the words: entities, events, times of day, reporting
    verbs, superlatives, comparatives, opinion words. Cached: claim-uncited describes again the
    sentences that extract_claims scored a moment before."""
    lower = text.lower() if text.isascii() else None
    return (tuple(_entities(text)),
            _found(_EVENT, text, lower),
            _found(_TIME_OF_DAY, text, lower),
            _found(_REPORTING, text, lower),
            _found(_SUPERLATIVE, text, lower),
            _found(_COMPARATIVE, text, lower),
            tuple(m.group(0) for m in _OPINION.finditer(text)))


# The case-insensitive patterns above, case-sensitive: every letter they hold is lower case, so over
# ASCII text lower-cased (which keeps every offset) they find the same matches, about three times
# faster (the regular expression engine skips ahead on a literal's first character).
_LOWER_TWINS = {pattern: re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
                for pattern in (_EVENT, _TIME_OF_DAY, _REPORTING, _SUPERLATIVE, _COMPARATIVE)}


def _found(pattern: re.Pattern[str], text: str, lower: str | None) -> tuple[str, ...]:
    """The matches of a case-insensitive ``pattern`` in ``text``; ``lower``: the text lower-cased
    when it is ASCII (its lower-case twin is used), else None."""
    if lower is None:
        return tuple(m.group(0) for m in pattern.finditer(text))
    return tuple(text[m.start():m.end()] for m in _LOWER_TWINS[pattern].finditer(lower))


def _entities(text: str, limit: int | None = None) -> list[str]:
    """Capitalised word runs not at the start of a sentence or clause ("Party Congress", "Kirov");
    with ``limit``, only the first ``limit`` runs (what a count capped there needs)."""
    out: list[str] = []
    run: list[str] = []
    run_end = -1
    for m in _ENTITY_TOKEN.finditer(text):
        word = m.group(0)
        j = m.start()  # back over blanks, quotes and "(" only: the text before is not copied per word
        while j > 0 and text[j - 1] in " \t\"“‘'(":
            j -= 1
        before = text[j - 1] if j > 0 else ""  # the last character before them
        sentence_start = not before or before in ".!?:;\n—–"
        acronym = word.isupper() and len(word) >= 2
        is_entity = word not in _NOT_ENTITY and (acronym or not sentence_start)
        if before == "-" and not acronym:
            is_entity = False  # "de-Stalinization"
        if is_entity:
            if word.endswith(("’s", "'s")):
                word = word[:-2]
            if run and text[run_end:m.start()].strip() in ("", "of", "the", "of the", "de", "von"):
                run.append(text[run_end:m.start()] + word)
            else:
                if run:
                    out.append("".join(run).strip())
                    if len(out) == limit:
                        return out
                run = [word]
            run_end = m.end()
        elif sentence_start and word not in _NOT_ENTITY and run == []:
            continue
    if run:
        out.append("".join(run).strip())
    return out


# Weights of a logistic score: set by hand, then adjusted by a coordinate search for the best F0.5
# on the even-id half of ClaimBuster (bench/worthiness.py reports the odd-id half as held out).
_BIAS = -1.6
_WEIGHTS = {
    "date": 1.5,
    "quantity": 2.0,
    "quotation": 1.0,
    "entity": 0.2,
    "event": 1.0,
    "time": 1.5,  # not in ClaimBuster's debates; weighted as a date, being one at a finer grain
    "reporting": 0.6,
    "superlative": 0.6,
    "comparative": 0.4,
    "opinion": -0.5,
    "question": -1.5,
    "short": -0.8,
}
# How many of each feature the score counts (a fourth entity adds nothing): ``_logistic`` caps the
# counts here, and ``claim_worthiness`` stops looking for matches there.
_CAPS = {"date": 2, "quantity": 2, "quotation": 1, "entity": 3, "event": 2, "time": 1, "reporting": 1,
         "superlative": 1, "comparative": 2, "opinion": 4}


def worthiness(text: str) -> float:
    """How check-worthy a sentence is, in [0, 1]: specific, verifiable facts score high.

    Numbers, dates, quotations, names (capitalised words not starting the sentence), specific
    events, reporting verbs, superlatives and comparatives raise the score; first/second person,
    modal and opinion words and questions lower it.
    """
    return _score(claim_features(text))


def _score(f: ClaimFeatures) -> float:
    return _logistic(len(f.dates), len(f.quantities), len(f.quotations), len(f.entities), len(f.events),
                     len(f.times), len(f.reporting), len(f.superlatives), len(f.comparatives), len(f.opinion),
                     f.question, f.words)


def _logistic(dates: int, quantities: int, quotations: int, entities: int, events: int, times: int,
              reporting: int, superlatives: int, comparatives: int, opinion: int, question: bool,
              words: int) -> float:
    """The score from the features' counts (each capped as its weight says), added in one order."""
    z = _BIAS
    z += _WEIGHTS["date"] * min(dates, _CAPS["date"])
    z += _WEIGHTS["quantity"] * min(quantities, _CAPS["quantity"])
    z += _WEIGHTS["quotation"] * min(quotations, _CAPS["quotation"])
    z += _WEIGHTS["entity"] * min(entities, _CAPS["entity"])
    z += _WEIGHTS["event"] * min(events, _CAPS["event"])
    z += _WEIGHTS["time"] * min(times, _CAPS["time"])
    z += _WEIGHTS["reporting"] * min(reporting, _CAPS["reporting"])
    z += _WEIGHTS["superlative"] * min(superlatives, _CAPS["superlative"])
    z += _WEIGHTS["comparative"] * min(comparatives, _CAPS["comparative"])
    z += _WEIGHTS["opinion"] * min(opinion, _CAPS["opinion"])
    z += _WEIGHTS["question"] * question
    z += _WEIGHTS["short"] * (words < 6)
    return 1.0 / (1.0 + math.exp(-z))


def claim_worthiness(text: str, dates: list[DateMention], quantities: list[Quantity],
                     quotations: list[Quotation]) -> float:
    """``worthiness(text)`` from the extractors' results for ``text``: the same score, with each
    pattern asked only as many matches as the score counts (a reporting verb once, an opinion word
    four times), and no :class:`ClaimFeatures` built."""
    lower = text.lower() if text.isascii() else None
    return _logistic(
        len(dates),
        sum(1 for q in quantities if not q.is_year),
        sum(1 for q in quotations if len(q.text.split()) >= MIN_CHECKABLE_QUOTE_WORDS),
        len(_entities(text, limit=_CAPS["entity"])),
        _count(_EVENT, text, lower, _CAPS["event"]),
        _count(_TIME_OF_DAY, text, lower, _CAPS["time"]),
        _count(_REPORTING, text, lower, _CAPS["reporting"]),
        _count(_SUPERLATIVE, text, lower, _CAPS["superlative"]),
        _count(_COMPARATIVE, text, lower, _CAPS["comparative"]),
        _count(_OPINION, text, None, _CAPS["opinion"]),
        text.rstrip().rstrip("”\"’')").endswith("?"),
        len(text.split()),
    )


def _count(pattern: re.Pattern[str], text: str, lower: str | None, cap: int) -> int:
    """How many matches ``_found`` would give (``_OPINION``'s: the plain pattern's), up to ``cap``."""
    if lower is not None:
        pattern, text = _LOWER_TWINS[pattern], lower
    if cap == 1:
        return pattern.search(text) is not None
    n = 0
    for _ in pattern.finditer(text):
        n += 1
        if n == cap:
            break
    return n
