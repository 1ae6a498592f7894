"""Figures: a claim's numbers and dates against the source — contradicted by the best passage,
held somewhere, or never stated (each a Mismatch)."""

from __future__ import annotations

import re
from functools import lru_cache

from citecheck import claims as _claims
from citecheck.claims import DEFAULT_TOLERANCES, Tolerances
from citecheck.claims.measures import counted_before, measure, shares
from citecheck.claims.units import converted_matches, range_holds, unit_end
from citecheck.evidence.details import _ranges
from citecheck.evidence.passages import _Index, _present, _units_with
from citecheck.evidence.ranking import _plain_coverage, _rank, _Ranked
from citecheck.evidence.terms import (
    _MONTHS,
    _TOKEN_RE,
    _canon_number,
    _figures,
    _is_figure,
    _terms,
)
from citecheck.model import DateMention, Mismatch, Passage, Quantity

__all__ = ["FigureCheck", "aligned_number"]

MISMATCH_MIN_COVERAGE = 0.5  # a passage must hold this share of the claim's other words to contradict it
# A date the source gives only in sentences holding at most SAME_EVENT_OTHER_MAX of the claim's
# other words dates something else when the sentence holding SAME_EVENT_MIN of them gives another.
SAME_EVENT_OTHER_MAX = 0.34
SAME_EVENT_MIN = 0.6
_EVENT_DATE_BEFORE = re.compile(r"\b(?:in|on|since|from|until|till|by|during|before|after)\s+(?:the\s+)?$",
                                re.IGNORECASE)


def _unit_coverage(idx: _Index, claim_text: str, uid: int) -> float:
    """Share of the claim's distinct content terms in one unit (sentence) of the source."""
    terms = set(_terms(claim_text))
    if not terms:
        return 0.0
    cs, ce = idx.units[uid]
    return len(terms & set(_terms(idx.text[cs:ce]))) / len(terms)


def _measured(q: Quantity, text: str) -> tuple[str, float] | None:
    """What a figure counts or measures, in base units (a counted noun named before it too)."""
    unit = q.unit or counted_before(text, q.start)
    return measure(q, unit) if unit else None


def _written_value(q: Quantity) -> float:
    """The number as written, before its scale word ("5" of "5 million"); 0 when in words."""
    m = re.match(r"\d[\d,]*(?:\.\d+)?", q.text.strip().lstrip("$€£¥"))
    return float(m.group().replace(",", "")) if m else 0.0


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(0, s), min(len(chars), e)):
            chars[i] = " "
    return "".join(chars)


def _fmt_date(d: DateMention) -> str:
    return d.text


def _figure_text(q: Quantity) -> str:
    """'about 1,500 delegates': the figure with its hedge and counted noun."""
    if not re.search(r"\d", q.text):
        return q.text.strip()  # a share in words: "a third"
    parts = [q.hedge] if q.hedge and q.hedge.lower() not in q.text.lower() else []
    parts.append(q.text.strip())
    if q.unit and q.unit.lower() not in q.text.lower() and not (q.unit == "%" and re.search(r"per\s?cent", q.text, re.IGNORECASE)):
        parts.append(q.unit)
    return " ".join(parts)


_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+", re.UNICODE)
ALIGN_CONTEXT = 2  # words that must agree on each side of a number for it to be "the same figure"


def _one_word_replaced(claim: str, start: int, end: int, text: str) -> tuple[list[str], int, list[str], int] | None:
    """The claim's words aligned with the text's (difflib), when the claim's one word in [start, end)
    is replaced by one word of the text: (claim words, its index, text words, the replacing word's
    index). None when the span is not one word, the texts are too long to align, or no single word
    of the text stands in its place."""
    import difflib

    claim_tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(claim)]
    text_tokens = [m.group().lower() for m in _WORD.finditer(text)]
    target = [i for i, (_, s, e) in enumerate(claim_tokens) if s >= start and e <= end]
    if len(target) != 1 or len(claim_tokens) > 400 or len(text_tokens) > 2000:
        return None
    t = target[0]
    words = [w for w, _, _ in claim_tokens]
    matcher = difflib.SequenceMatcher(None, words, text_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i1 == t and i2 == t + 1 and j2 == j1 + 1:
            return words, t, text_tokens, j1
    return None


def aligned_number(claim: str, start: int, end: int, passage: str) -> str | None:
    """The passage's number standing where the claim's number [start, end) stands, if another.

    Claim and passage words are aligned (difflib); a number is "the same figure" only when the
    words on both sides agree for ALIGN_CONTEXT words ("1,966 delegates ... Congress, 1,108 were
    arrested" vs "…, 1,208 were arrested"): a unit-less number is compared only that way.
    """
    hit = _one_word_replaced(claim, start, end, passage)
    if hit is None:
        return None
    words, t, passage_tokens, j1 = hit
    j2 = j1 + 1
    found = passage_tokens[j1]
    if not found[0].isdigit() or _canon_number(found) == _canon_number(words[t]):
        return None
    before = words[max(0, t - ALIGN_CONTEXT):t] == passage_tokens[max(0, j1 - ALIGN_CONTEXT):j1]
    after = words[t + 1:t + 1 + ALIGN_CONTEXT] == passage_tokens[j2:j2 + ALIGN_CONTEXT]
    enough = t >= ALIGN_CONTEXT and len(words) - t - 1 >= ALIGN_CONTEXT
    if before and after and enough:
        match = re.search(re.escape(found).replace(r"\,", ","), passage, re.IGNORECASE)
        return match.group() if match else found
    return None


def _aligned_year(claim: str, start: int, end: int, sentence: str) -> str | None:
    """The sentence's year standing where the claim's year [start, end) stands: aligned words
    agree for two words on one side and at least one on the other ("is a 1940 comedy in" / "is a
    1930 comedy of")."""
    hit = _one_word_replaced(claim, start, end, sentence)
    if hit is None:
        return None
    words, t, sent_tokens, j1 = hit
    found = sent_tokens[j1]
    if not re.fullmatch(r"1\d{3}|20\d{2}", found) or found == words[t]:
        return None
    before = sum(1 for k in (1, 2) if t - k >= 0 and j1 - k >= 0 and words[t - k] == sent_tokens[j1 - k]
                 and all(words[t - m] == sent_tokens[j1 - m] for m in range(1, k)))
    after = sum(1 for k in (1, 2) if t + k < len(words) and j1 + k < len(sent_tokens)
                and all(words[t + m] == sent_tokens[j1 + m] for m in range(1, k + 1)))
    if (before >= 2 and after >= 1) or (before >= 1 and after >= 2):
        return found
    return None


def _unit_dates(idx: _Index, uid: int) -> list[DateMention]:
    """The dates of unit ``uid``'s own text: the same for every claim, so kept on the index (read-only)."""
    return idx.feature("unit-dates", uid, _claims.extract_dates)  # type: ignore[no-any-return]


def _window_quantities(text: str) -> list[tuple[Quantity, tuple[str, float] | None]]:
    """A passage's quantities, each with what it measures."""
    return [(sq, _measured(sq, text)) for sq in _claims.extract_quantities(text) + shares(text)]


class FigureCheck:
    """The figure checks of one claim: contradictions and figures the source does not hold."""

    def __init__(self, claim_text: str, text: str, idx: _Index, ranked: list[_Ranked],
                 tolerances: Tolerances = DEFAULT_TOLERANCES) -> None:
        self.tolerances = tolerances
        self.claim_text = claim_text  # as given (offsets of Mismatches index it)
        self.text = text  # citation markers blanked
        self.idx = idx
        self.ranked = ranked
        self.out: list[Mismatch] = []
        self.backed: list[tuple[int, int]] = []
        # Figures backed only through a unit conversion or a range: the whole-source look-up of
        # absent details (evidence.details) reads figures as written, so it is told of these.
        self.converted: list[tuple[int, int]] = []
        self.top = [idx.passage(r.uid, r.score) for r in ranked]

    def _best(self) -> Passage | None:
        return self.top[0] if self.top else None

    def _unbacked(self, kind: str, start: int, end: int) -> None:
        self.out.append(Mismatch(kind, self.claim_text, start, end, "", self.claim_text[start:end].strip(),
                                 "claim-unsupported", self._best()))

    def quantities(self, quantities: list[Quantity], date_spans: list[tuple[int, int]]) -> None:
        idx = self.idx
        # The passages' figures with what each counts or measures (claims.measures): "a
        # population of about 20,000 people" counts inhabitants; "half of" is 50 %. A window's
        # are the same for every claim: worked out once, kept on the index.
        passage_qs = [idx.feature("measured-quantities", r.uid, _window_quantities, window=True)
                      for r in self.ranked]
        # Shares in words ("a third of") are checked against the passages' figures too (claims.units
        # and measures); a range holds a figure inside it ("between 200 and 300" holds "some 250").
        worded = [sh for sh in shares(self.text) if not any(sh.start < q.end and q.start < sh.end for q in quantities)]
        held = self._ranges_held(quantities, passage_qs)
        for q in quantities + worded:
            if q.is_year or any(s < q.end and q.start < e for s, e in date_spans):
                continue
            written = _figures(q.text)
            if not written and q not in worded:
                continue  # spelled-out numbers ("three") are not compared
            if q in held:
                self.backed.append((q.start, q.end))
                self.converted.append((q.start, unit_end(self.text, q)))
                continue
            anywhere = any(f in idx.postings for f in written)
            mq = _measured(q, self.text)

            def in_claim_units(sq: Quantity, ms: tuple[str, float] | None, mq: tuple[str, float] | None = mq,
                               q: Quantity = q) -> float | None:
                """The passage figure in the claim's unit (2 km → 2,000 for "2,000 metres")."""
                if mq is None or ms is None or ms[0] != mq[0] or not mq[1]:
                    return None
                return ms[1] * q.value / mq[1]

            compatible = any(_claims.quantity_matches(q, sq.value, self.tolerances) for pq in passage_qs for sq, _ in pq)
            if not compatible and any(
                    (v := in_claim_units(sq, ms)) is not None and _claims.quantity_matches(q, v, self.tolerances)
                    or converted_matches(q, sq) for pq in passage_qs for sq, ms in pq):
                compatible = True  # "2,000 metres" against "2 km"; "50 km" against "31 miles" (49.9 km)
                self.converted.append((q.start, unit_end(self.text, q)))
            if mq is not None and not anywhere and not compatible and self.ranked:
                same_kind = [(sq, in_claim_units(sq, ms)) for sq, ms in passage_qs[0] if not sq.is_year]
                same_kind = [(sq, v) for sq, v in same_kind if v is not None]
                other = _blank(self.text, [(q.start, q.end)])
                if same_kind and _plain_coverage(idx, other, self.ranked[0].uid) >= MISMATCH_MIN_COVERAGE:
                    near = min(same_kind, key=lambda pair: abs(pair[1] - q.value))[0]
                    self.out.append(Mismatch("number", self.claim_text, q.start, q.end, _figure_text(near),
                                             _figure_text(q), "number-mismatch", self.top[0]))
                    continue
            if mq is None and not anywhere and not compatible and self.top:
                aligned = aligned_number(self.text, q.start, q.end, self.top[0].text)
                if aligned is not None:
                    self.out.append(Mismatch("number", self.claim_text, q.start, q.end, aligned,
                                             _figure_text(q), "number-mismatch", self.top[0]))
                    continue
            if anywhere or compatible:
                self.backed.append((q.start, q.end))
            else:
                self._unbacked("number", q.start, q.end)

    def _ranges_held(self, quantities: list[Quantity],
                     passage_qs: list[list[tuple[Quantity, tuple[str, float] | None]]]) -> list[Quantity]:
        """Both ends of each claimed range that holds a passage figure of its kind."""
        held: list[Quantity] = []
        for lo, hi in _ranges(self.text, quantities):
            unit = hi.unit or counted_before(self.text, lo.start)
            low = lo.value * (hi.value / _written_value(hi) if _written_value(hi) and lo.value < _written_value(hi)
                              and hi.value / _written_value(hi) >= 1000 else 1.0)  # "3–5 million"
            if any(range_holds(low, hi.value, unit, sq, ms, hi) for pq in passage_qs for sq, ms in pq):
                held += [lo, hi]
        return held

    def _compatible_anywhere(self, d: DateMention) -> bool:
        last = d.year_end or (d.year + 9 if d.precision == "decade" else d.year)
        uids: set[int] = set()
        for year in range(d.year, min(last, d.year + 50) + 1):
            uids.update(_units_with(self.idx, str(year)))
        for uid in sorted(uids)[:4000]:
            window_dates = self.idx.feature("dates", uid, _claims.extract_dates, window=True)
            if any(_claims.dates_compatible(d, sd) for sd in window_dates):
                return True
        return False

    def _compatible_coverage(self, d: DateMention, others: str) -> float | None:
        """None when no window of the source holds a date compatible with ``d``; else the best
        share of the claim's other words in a sentence holding one (1.0 when the date is only
        made up across sentences, e.g. a month in one and the year in a dateline)."""
        if not self._compatible_anywhere(d):
            return None
        last = d.year_end or (d.year + 9 if d.precision == "decade" else d.year)
        best = -1.0
        for year in range(d.year, min(last, d.year + 50) + 1):
            for uid in _units_with(self.idx, str(year))[:400]:
                cs, ce = self.idx.units[uid]
                unit = self.idx.text[cs:ce]
                if any(_claims.dates_compatible(d, sd) for sd in _unit_dates(self.idx, uid)):
                    if len(re.findall(r"\b[a-z]{4,}\b", unit)) <= 1:
                        # A dateline ("29 April 2014 / 11:04", "Friday, November 25, 2016 at 6:00AM
                        # Music News"; no lower-case word of four letters or more, but one) dates
                        # the sentences around it.
                        best = max(best, _plain_coverage(self.idx, others, uid))
                    else:
                        best = max(best, _unit_coverage(self.idx, others, uid))
        return 1.0 if best < 0 else best

    def _event_conflict(self, d: DateMention, event: list[_Ranked], others: str,
                        claimed: list[DateMention]) -> Mismatch | None:
        """A date-mismatch when the sentence that best matches the claim's other words (at least
        :data:`SAME_EVENT_MIN` of them) gives the event a date, none compatible with ``d``.

        A date the claim itself states (``claimed``: its other dates) is no other date for ``d``:
        "reported 1,282 cases in 2019, the most since 1992" against "In 2019, ... reported 1,282
        cases. This was the greatest number ... since 1992" dates the cases, not 1992."""
        if not event:
            return None
        uid = event[0].uid
        cs, ce = self.idx.units[uid]
        centre = self.idx.text[cs:ce]
        # Only a date the sentence gives an event ("moved ... in 1902", "on 3 May 1911"): not a
        # year naming something ("Baku 2015", "their 1990 Live Facelift recording").
        found = [sd for sd in _unit_dates(self.idx, uid) if sd.precision != "part-of-year"
                 and _EVENT_DATE_BEFORE.search(centre[max(0, sd.start - 12):sd.start])]
        if not found or any(_claims.dates_compatible(d, sd) for sd in found):
            return None
        found = [sd for sd in found if not any(_claims.dates_compatible(c, sd) for c in claimed)]
        if not found:
            return None
        if _unit_coverage(self.idx, others, uid) < SAME_EVENT_MIN:
            return None
        near = min(found, key=lambda sd: (abs(sd.year - d.year), -(sd.month is not None)))
        return Mismatch("date", self.claim_text, d.start, d.end, near.text.strip(), d.text.strip(),
                        "date-mismatch", self.idx.passage(uid, event[0].score))

    def _parts(self, d: DateMention) -> list[tuple[int, int]]:
        return [(m.start() + d.start, m.end() + d.start) for m in _TOKEN_RE.finditer(d.text)
                if _is_figure(m.group())]

    def _yearless_match(self, d: DateMention, uids: list[int]) -> bool:
        """Whether a window of ``uids`` states the claim's month (and day) with no year after it.

        ``uids``: the passage that best matches the claim's other words and the claim's top three.
        (Asking those windows to hold half the claim's other words, as a mismatch must, lost more
        than it saved on WiCE non_supported_tokens train and dev.)"""
        if d.month is None or d.year_end or d.precision not in ("day", "month"):
            return False
        # Every spelling the pattern matches starts with the month's first three letters,
        # capitalised: a window without them cannot match, and most claims' windows lack them
        # (compiling one pattern per month and day is most of this check's cost).
        # A day is written with its digits ("0?7" for the 7th).
        head = _MONTHS[d.month - 1][:3].capitalize()
        digits = str(d.day) if d.precision == "day" else ""
        text = self.idx.text
        windows = [self.idx.window(uid) for uid in dict.fromkeys(uids)]
        windows = [(s, e) for s, e in windows if text.find(head, s, e) >= 0 and text.find(digits, s, e) >= 0]
        if not windows:
            return False
        pattern = _yearless_pattern(d)
        return pattern is not None and any(pattern.search(text, s, e) for s, e in windows)

    def dates(self, dates: list[DateMention]) -> None:
        idx = self.idx
        others = _blank(self.text, [(x.start, x.end) for x in dates])
        event: list[_Ranked] | None = None
        for d in dates:
            parts = self._parts(d)
            absent = [(s, e) for s, e in parts if not _present(idx, self.text[s:e])]
            held = self._compatible_coverage(d, others)
            if held is not None and held <= SAME_EVENT_OTHER_MAX:
                # The date is in the source, but in a sentence about something else; the sentence
                # about this event may give another date ("1890" for a population figure, "1902"
                # for the move the claim dates to 1890).
                if event is None:
                    event = _rank(idx, others, 3)
                conflict = self._event_conflict(d, event, others, [x for x in dates if x is not d])
                if conflict is not None:
                    self.out.append(conflict)
                    continue
            if held is not None:
                # Held, perhaps less precisely ("2006" for "March 2006"): a month or day that the
                # source never names is still not backed.
                for s, e in absent:
                    self._unbacked("date", s, e)
                self.backed.append((d.start, d.end))
                continue
            # The same event: the passage that best matches the claim's other words.
            if event is None:
                event = _rank(idx, others, 3)
            if self._yearless_match(d, [r.uid for r in (event or [])[:1] + self.ranked[:3]]):
                # "died on May 7" (the year left to the page's dateline) for "May 7, 2018": the
                # month and day agree; whatever the source lacks (the year) is marked below.
                for s, e in absent:
                    self._unbacked("date", s, e)
                if not absent:
                    self.backed.append((d.start, d.end))
                continue
            if event:
                ev = event[0]
                ws, we = idx.window(ev.uid)
                # A date the claim states for something else is not the event's other date.
                ev_dates = [sd for sd in idx.feature("dates", ev.uid, _claims.extract_dates, window=True)
                            if not any(_claims.dates_compatible(x, sd) for x in dates if x is not d)]
                if ev_dates and _plain_coverage(idx, others, ev.uid) >= MISMATCH_MIN_COVERAGE:
                    # The source's date for the event: one in the centre sentence before one in
                    # a neighbour (a dateline), then the nearest in years.
                    cs, ce = idx.units[ev.uid]
                    near = min(ev_dates, key=lambda sd: (not cs <= ws + sd.start < ce, abs(sd.year - d.year),
                                                         -(sd.month is not None)))
                    if _weekday_before(d, near, idx.text[ws:we]):
                        # "Wednesday evening" in a text dated Thursday March 2: March 1 is stated.
                        self.backed.append((d.start, d.end))
                        continue
                    self.out.append(Mismatch("date", self.claim_text, d.start, d.end, near.text.strip(),
                                             d.text.strip(), "date-mismatch", idx.passage(ev.uid, ev.score)))
                    continue
            other_year = self._other_year(d) or self._range_end(d)
            if other_year is not None:
                self.out.append(Mismatch("date", self.claim_text, d.start, d.end, other_year[0], d.text.strip(),
                                         "date-mismatch", other_year[1]))
                continue
            # Not contradicted, not held. When the source has the year, what it lacks is the
            # month or day; else mark the parts it lacks, or the whole mention.
            year_only = DateMention(str(d.year), d.start, d.end, d.year, d.year_end,
                                    precision="range" if d.year_end else "year")
            if self._compatible_anywhere(year_only):
                years = {str(d.year), str(d.year_end)}
                marks = [(s, e) for s, e in parts if _canon_number(self.text[s:e]) not in years]
            else:
                marks = absent or [(d.start, d.end)]
            for s, e in marks:
                self._unbacked("date", s, e)
            if not marks:
                self.backed.append((d.start, d.end))
        self._yearless(dates)

    def _yearless(self, dates: list[DateMention]) -> None:
        """A date the claim gives without a year ("born in May", "On October 9") that the source
        never states, against the date the passage about the same event gives (the claim's
        other words, at least :data:`MISMATCH_MIN_COVERAGE` of them): "born 26 December 1970"."""
        from citecheck.claims.dates import extract_month_days
        from citecheck.evidence.vocabulary import vocabulary

        mds = extract_month_days(self.text, dates)
        if not mds:
            return
        vocab = vocabulary(self.idx.text)
        spans = [(x.start, x.end) for x in dates] + [(m.start, m.end) for m in mds]
        others = _blank(self.text, spans)
        event: list[_Ranked] | None = None
        for md in mds:
            if md.month in vocab.months and (md.day is None or vocab.calendar.day_stated(md.month, md.day)):
                continue
            if event is None:
                event = _rank(self.idx, others, 3)
            if not event or _plain_coverage(self.idx, others, event[0].uid) < MISMATCH_MIN_COVERAGE:
                continue
            uid = event[0].uid
            found = [sd for sd in _unit_dates(self.idx, uid)
                     if sd.precision in ("day", "month") and sd.month is not None]
            if len(found) != 1 and len({(sd.month, sd.day) for sd in found}) != 1:
                continue  # one date for the event, or none to compare with
            sd = found[0]
            if sd.month != md.month or (md.day is not None and sd.precision == "day" and sd.day != md.day):
                self.out.append(Mismatch("date", self.claim_text, md.start, md.end, sd.text.strip(),
                                         self.text[md.start:md.end].strip(), "date-mismatch",
                                         self.idx.passage(uid, event[0].score)))

    def _range_end(self, d: DateMention) -> tuple[str, Passage] | None:
        """The start (or end) of the best passage's period, when the claim says when something
        began (or ended) with a month the source never names: "began filming in September 1994"
        against "shot from January 1994 to August 1995"."""
        if d.precision != "month" or d.month is None or _present(self.idx, self.text[d.start:d.end].split()[0]):
            return None
        before = self.text[max(0, d.start - 40):d.start].lower()
        began = re.search(r"\b(?:began|begun|begins|started|starts|commenced|opened)\b[^.;]*$", before)
        ended = re.search(r"\b(?:ended|ends|finished|finishes|completed|closed)\b[^.;]*$", before)
        if not (began or ended):
            return None
        for r, passage in zip(self.ranked[:1], self.top):
            cs, ce = self.idx.units[r.uid]
            centre = self.idx.text[cs:ce]
            m = re.search(r"\bfrom\s+(.{3,30}?)\s+(?:to|until|through)\s+(.{3,30}?)(?=[,.;)]|\s+(?:and|in|at|on)\b|$)",
                          centre)
            if not m:
                continue
            ends = [_claims.extract_dates(m.group(1)), _claims.extract_dates(m.group(2))]
            side = ends[0] if began else ends[1]
            if len(side) == 1 and side[0].precision == "month" and side[0].year == d.year and side[0].month != d.month:
                return side[0].text.strip(), passage
        return None

    def _other_year(self, d: DateMention) -> tuple[str, Passage] | None:
        """The same date with another year in the best passages, when the source never gives the
        claim's year: "February 2, 2014" for "February 2, 2013", "August 1895" for "August 1995",
        "a 1930 comedy" for "a 1940 comedy" (a year standing in the claim's place, words agreeing
        on both sides)."""
        if d.year_end or d.precision not in ("day", "month", "year") or _present(self.idx, str(d.year)):
            return None
        for r, passage in zip(self.ranked[:3], self.top):
            if d.precision == "year":
                cs, ce = self.idx.units[r.uid]
                found = _aligned_year(self.text, d.start, d.end, self.idx.text[cs:ce])
                if found is not None:
                    return found, passage
                continue
            for sd in self.idx.feature("dates", r.uid, _claims.extract_dates, window=True):
                if sd.precision == d.precision and sd.month == d.month and sd.day == d.day and sd.year != d.year:
                    return sd.text.strip(), passage
        return None

    def stray_figures(self) -> None:
        """Digits outside the quantities and dates judged above ("17th-century", "the 32nd")."""
        taken = self.backed + [(m.start, m.end) for m in self.out]
        for m in re.finditer(r"[^\W_]*\d[\d,.]*[^\W_]*", self.text):
            s, e = m.start(), m.end()
            token = m.group().rstrip(".,")
            e = s + len(token)
            if any(a < e and s < b for a, b in taken):
                continue
            if not re.fullmatch(r"\d[\d,.]*(?:st|nd|rd|th|s)?", token, re.IGNORECASE):
                continue  # "CBB12", "G4": names, not figures
            if not _present(self.idx, token):
                self._unbacked("number", s, e)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_before(d: DateMention, dated: DateMention, text: str) -> bool:
    """Whether ``text``, dated ``dated``, names the weekday of ``d`` falling up to a week before it."""
    import datetime

    if d.precision != "day" or dated.precision != "day" or not (d.month and d.day and dated.month and dated.day):
        return False
    try:
        when = datetime.date(d.year, d.month, d.day)
        other = datetime.date(dated.year, dated.month, dated.day)
    except ValueError:
        return False
    return 0 < (other - when).days <= 7 and re.search(rf"\b{_WEEKDAYS[when.weekday()]}\b", text) is not None


_DAY = r"0?{day}(?:st|nd|rd|th)?"
_NO_YEAR_AFTER = r"(?![^\S\n]*,?[^\S\n]*\d{{4}}\b)(?!\w)"


@lru_cache(maxsize=1024)
def _yearless_regex(month: int, day: int | None) -> re.Pattern[str]:
    full = _MONTHS[month - 1]
    names = {full, full[:3]} | ({"sept"} if month == 9 else set())
    # Capitalised only: "may" is a verb far more often than a month.
    alt = "|".join(sorted((re.escape(n.capitalize()) + (r"\.?" if len(n) < len(full) else "")
                           for n in names), key=len, reverse=True))
    month_re = rf"(?<![^\W\d_])(?:{alt})"
    if day is None:
        return re.compile(month_re + _NO_YEAR_AFTER.format())
    d = _DAY.format(day=day)
    return re.compile(rf"(?:{month_re}[^\S\n]+{d}|(?<!\d){d}[^\S\n]+(?:of[^\S\n]+)?{month_re})"
                      + _NO_YEAR_AFTER.format())


def _yearless_pattern(d: DateMention) -> re.Pattern[str] | None:
    """A date without its year ("May 7", "7th May", "in October,") matching a claim's month/day."""
    if d.month is None or d.year_end or d.precision not in ("day", "month"):
        return None
    return _yearless_regex(d.month, d.day if d.precision == "day" else None)


# A negation that bounds a figure rather than denying it ("no more than 50", "not until 1990").
_BOUNDING = re.compile(r"\b(?:no|not)\s+(?:more|less|fewer|later|earlier|until|before|after|over|under)\b"
                       r"(?:\s+than)?\s*$", re.IGNORECASE)
_DENIAL = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)


def denied_figure(text: str, start: int) -> bool:
    """Whether the claim denies the figure at ``start`` ("was not released in 1990", "never had
    5,000 members"): a negation among the four words before it, in the same clause. Another
    figure in the source then agrees with the claim, so it is no mismatch. A negation that bounds
    the figure ("no more than 50", "not until 1990") does not deny it."""
    before = re.split(r"[,;:()]", text[max(0, start - 60):start])[-1]
    words = before.split()[-5:]
    window = " ".join(words)
    return bool(_DENIAL.search(window)) and not _BOUNDING.search(window)
