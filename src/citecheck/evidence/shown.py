"""Evidence a person can read: the sentence or two of a source that back or contradict a claim.

Ranking and figure comparison look at windows (a sentence with its neighbours, see
``passages``); what is *shown* is narrower:

- a claim's first passage is its best sentence and the second best (the two most often hold what
  the claim joins from two places of a page), ranked on their own words
  (:func:`citecheck.evidence.ranking.rank_sentences`, not by their windows), with a heading or
  dateline ranked among them (it does not count as one of the two), and one more when all are
  short; a sentence whose terms all are in a chosen one (the page title repeated as a heading)
  is left out: neighbours
  as one span, others joined by " … " (location, start/end and deep link are the best one's
  span). The passages after it are single sentences, the next ranked. Measured with
  ``bench/essays.py`` (WiCE dev): the first passage holds a gold sentence more often than the
  three-sentence window it replaces, at about three quarters of its length;
- a mismatch shows the sentence of its window that holds the source's figure, date or words
  (``Mismatch.expected``), else the window's centre sentence;
- a quotation shows the sentences its closest match spans.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.evidence.passages import _Index, deep_link
from citecheck.evidence.ranking import _Ranked, _term_set
from citecheck.model import Mismatch, Passage

__all__ = ["JOIN", "SHOWN_MAX_CHARS", "claim_passages", "focus_mismatch", "span_passage"]

JOIN = " … "  # between two sentences of a passage that are not neighbours in the source
# A third sentence joins the first passage when the three together are no longer than this:
# chosen on the tuning half of WiCE dev (bench/essays.py), where two sentences always and a third
# within 250 characters held a gold sentence for 0.968 of the claims at a median of 254 characters
# (two: 0.949 at 254; three always: 0.981 at 352).
SHOWN_MAX_CHARS = 250
# Units shorter than this many words (headings, titles, datelines) do not count as one of the two
# sentences; at most SHOWN_MAX_UNITS units are shown. With the page title as the first line of each
# WiCE page (bench/essays.py since i8b), tune half: 0.968 at a median of 283 characters (counting
# every unit: 0.942 at 251).
SENTENCE_MIN_WORDS = 10
SHOWN_MAX_UNITS = 4
# When the next sentence scores almost as well as the best (>= SHOWN_CLOSE_RATIO of its score),
# the ranking cannot tell which of them backs the claim: it is shown while all fit in
# SHOWN_CLOSE_MAX_CHARS. Tuning halves of WiCE dev and of its non-supported-tokens dev
# (210 claims): 203 hold a gold sentence at medians of 283 and 306 characters, against 202 at 280
# and 288 without it, and 203 at 316 and 328 with a plain 350-character limit.
SHOWN_CLOSE_RATIO = 0.9
SHOWN_CLOSE_MAX_CHARS = 400


def _sentence(idx: _Index, uid: int, score: float) -> Passage:
    start, end = idx.units[uid]
    text = idx.text[start:end]
    return Passage(text=text, source_id=idx.source_id, start=start, end=end, location=idx.location(uid),
                   score=score, deep_link=deep_link(idx.base_url, text))


def span_passage(idx: _Index, start: int, end: int, score: float) -> Passage:
    """The sentences of the source that the offsets ``[start, end)`` touch, as one passage."""
    first = idx.unit_at(start)
    last = max(first, idx.unit_at(max(start, end - 1)))
    s, e = idx.units[first][0], idx.units[last][1]
    return Passage(text=idx.text[s:e], source_id=idx.source_id, start=s, end=e, location=idx.location(first),
                   score=score, deep_link=deep_link(idx.base_url, idx.text[s:e]))


def claim_passages(idx: _Index, ranked: list[_Ranked], k: int) -> list[Passage]:
    """The passages shown for a claim, ``ranked`` best first: the best two sentences together
    (with any shorter heading or dateline ranked among them, and one more while all fit in
    :data:`SHOWN_MAX_CHARS`, or :data:`SHOWN_CLOSE_MAX_CHARS` when it scores almost as well as the
    best), then single sentences, ``k`` passages at most."""
    if not ranked:
        return []
    chosen: list[int] = []
    chosen_terms: list[frozenset[str]] = []
    repeated: set[int] = set()
    total = 0
    full: list[float] = []  # scores of the chosen units that count as sentences
    for r in ranked:
        if len(chosen) >= SHOWN_MAX_UNITS:
            break
        start, end = idx.units[r.uid]
        terms = idx.feature("terms", r.uid, _term_set)
        if any(terms <= other for other in chosen_terms):
            repeated.add(r.uid)
            continue  # says nothing the chosen sentences do not (a title repeated as a heading)
        if len(full) >= 2:
            close = r.score >= SHOWN_CLOSE_RATIO * full[0]
            if total + (end - start) > (SHOWN_CLOSE_MAX_CHARS if close else SHOWN_MAX_CHARS):
                break
        chosen.append(r.uid)
        chosen_terms.append(terms)
        total += end - start + len(JOIN)
        # A heading, title or dateline ("June 22, 2017") comes along but is not one of the two.
        if len(idx.text[start:end].split()) >= SENTENCE_MIN_WORDS:
            full.append(r.score)
    # Neighbouring sentences are shown as one span; spans are ordered by their best sentence.
    spans: list[list[int]] = []
    for uid in sorted(chosen):
        if spans and uid == spans[-1][-1] + 1:
            spans[-1].append(uid)
        else:
            spans.append([uid])
    spans.sort(key=lambda span: min(chosen.index(u) for u in span))
    texts = [idx.text[idx.units[span[0]][0]:idx.units[span[-1]][1]] for span in spans]
    best = ranked[0]
    head = spans[0]
    first = Passage(text=JOIN.join(texts), source_id=idx.source_id, start=idx.units[head[0]][0],
                    end=idx.units[head[-1]][1], location=idx.location(best.uid), score=best.score,
                    deep_link=deep_link(idx.base_url, idx.text[slice(*idx.units[best.uid])]))
    rest = [r for r in ranked if r.uid not in chosen and r.uid not in repeated][:k - 1]
    return [first] + [_sentence(idx, r.uid, r.score) for r in rest]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def focus_mismatch(idx: _Index, mismatch: Mismatch) -> Mismatch:
    """The mismatch with its passage narrowed to the sentence holding what the source says."""
    passage = mismatch.passage
    if passage is None or passage.source_id != idx.source_id or passage.end <= passage.start:
        return mismatch
    first, last = idx.unit_at(passage.start), idx.unit_at(max(passage.start, passage.end - 1))
    units = list(range(first, last + 1))
    texts = {u: _fold(idx.text[slice(*idx.units[u])]) for u in units}
    expected = mismatch.expected or ""
    # What the source says as written ("some 48,000 passengers"), else its figures ("48,000").
    needles = [_fold(expected)] + [_fold(n) for n in re.findall(r"\d[\d,.]*\d|\d", expected)]
    for needle in needles:
        holding = [u for u in units if needle and needle in texts[u]]
        if holding:
            return replace(mismatch, passage=_sentence(idx, holding[0], passage.score))
    # Nothing to look for: the window's centre (the middle one of three sentences).
    return replace(mismatch, passage=_sentence(idx, units[len(units) // 2], passage.score))
