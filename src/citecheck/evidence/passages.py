"""Passages: a source's text cut into sentence units, its inverted index (built once per
source, cached), passages with their location and ``#:~:text=`` deep link, and a Finding's
evidence dict."""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote as _percent

from citecheck.claims import split_sentences
from citecheck.evidence.terms import _STOP_WORDS, _figures, _terms, stem
from citecheck.model import Passage, Source

__all__ = ["deep_link", "passage_evidence", "split_passages"]

MAX_UNIT_CHARS = 1000  # longer sentences are cut (at whitespace) into pieces of about this size


# --------------------------------------------------------------------------- the per-source index


@dataclass
class _Index:
    """The passage index of one source text (built once, cached)."""

    source_id: str
    text: str
    base_url: str | None
    units: list[tuple[int, int]]
    unit_para: list[int]  # 1-based paragraph number of each unit
    page_starts: list[int]
    page_numbers: list[int]
    postings: dict[str, array]  # term -> unit_id << 8 | min(tf, 255)
    lengths: array
    avgdl: float
    _passages: list[Passage] | None = None
    # What ranking reads of a unit or its window (terms, lower-cased tokens, figures, names),
    # computed once per unit and kept with the index, not once per claim that ranks it.
    _features: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)
    # Per-unit BM25 length norms and ranking records (evidence.ranking), made on first use.
    _norms: array | None = field(default=None, repr=False)
    _records: list[Any] | None = field(default=None, repr=False)
    _sentence_records: list[Any] | None = field(default=None, repr=False)
    # Per term: its idf, and its postings' BM25 parts for a claim that has it once (evidence.ranking).
    _idf: dict[str, float] = field(default_factory=dict, repr=False)
    _contributions: dict[str, tuple[array, array]] = field(default_factory=dict, repr=False)
    # The source's Vocabulary with what each cited entry states (verification), by that statement.
    _vocabularies: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.units)

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            df = len(self.postings.get(term, ()))
            value = self._idf[term] = math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))
        return value

    def window(self, i: int) -> tuple[int, int]:
        lo = max(0, i - 1)
        hi = min(self.n - 1, i + 1)
        return self.units[lo][0], self.units[hi][1]

    def location(self, i: int) -> str:
        start = self.units[i][0]
        if self.page_starts:
            k = bisect.bisect_right(self.page_starts, start) - 1
            if k >= 0:
                return f"p. {self.page_numbers[k]}"
        return f"¶ {self.unit_para[i]}"

    def passage(self, i: int, score: float = 0.0) -> Passage:
        start, end = self.window(i)
        centre = self.text[self.units[i][0]:self.units[i][1]]
        return Passage(
            text=self.text[start:end],
            source_id=self.source_id,
            start=start,
            end=end,
            location=self.location(i),
            score=score,
            deep_link=deep_link(self.base_url, centre),
        )

    def feature(self, kind: str, uid: int, compute: Callable[[str], Any], window: bool = False) -> Any:
        """``compute`` of unit ``uid``'s text (or its window's), memoised on the index."""
        key = (kind, uid)
        value = self._features.get(key)
        if value is None:
            start, end = self.window(uid) if window else self.units[uid]
            value = self._features[key] = compute(self.text[start:end])
        return value

    def bm25_norms(self) -> array:
        """Each unit's BM25 length norm ``k1 * (1 - b + b * length / avgdl)`` (k1 = 1.2, b = 0.75),
        worked out once per index instead of once per posting a claim's terms reach."""
        norms = self._norms
        if norms is None:
            k1, b = 1.2, 0.75
            avgdl = self.avgdl
            norms = self._norms = array("d", [k1 * (1 - b + b * dl / avgdl) for dl in self.lengths])
        return norms

    def unit_at(self, offset: int) -> int:
        """The unit holding (or last starting before) a text offset."""
        return max(0, bisect.bisect_right(self.units, offset, key=lambda u: u[0]) - 1)


_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def _split_units(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence units and their paragraph numbers; paragraphs are blank-line separated."""
    units: list[tuple[int, int]] = []
    paras: list[int] = []
    para_no = 0
    # One splitter at every size: claims.split_sentences asks syntok only about paragraphs whose
    # stops are not plain boundaries, so whole books split fast enough (bench/scaling.py).
    splitter = split_sentences
    pos = 0
    breaks = [(m.start(), m.end()) for m in _PARA_BREAK.finditer(text)] + [(len(text), len(text))]
    for br_start, br_end in breaks:
        block = text[pos:br_start]
        if block.strip():
            para_no += 1
            for s, e in _join_fragments(block, splitter(block)):
                for cs, ce in _cut_long(block, s, e):
                    if block[cs:ce].strip():
                        units.append((pos + cs, pos + ce))
                        paras.append(para_no)
        pos = br_end
    return units, paras


# A piece that ends with a closing bracket and no stop before it: "(meta data)", "[artist id=…]",
# "1/2nd (City of London)"; or a list number: "13.", "iv)".
_BRACKET_FRAGMENT = re.compile(r".*[^.!?…:;\s][\"'”’]?[)\]]\s*$", re.DOTALL)
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,3}|[ivxIVX]{1,4}|[A-Za-z])[.)]\s*$")


def _join_fragments(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The splitter's sentences with a fragment joined to the sentence after it on the same line:
    a piece that ends with a closing bracket and no stop ("(meta data)" before "PUBLISHED
    DATETIME: …", "[artist id=…]", "1/2nd (City of London)" before "Battalion …") or a list number
    ("13." before "TRIVIUM – Iron Maiden"). A sentence of the source cut in two is found by neither
    half; a heading on its own line stays apart."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            piece = block[ps:pe]
            if "\n" not in block[pe:s] and (_BRACKET_FRAGMENT.fullmatch(piece) or _LIST_NUMBER.fullmatch(piece)):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_UNIT_CHARS * 1.5:
        return [(start, end)]
    out = []
    while end - start > MAX_UNIT_CHARS * 1.5:
        cut = text.rfind(" ", start + MAX_UNIT_CHARS // 2, start + MAX_UNIT_CHARS)
        if cut <= start:
            cut = start + MAX_UNIT_CHARS
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _base_url(source: Source) -> str | None:
    base = source.final_url or source.url
    if not base or not base.startswith(("http://", "https://")):
        return None
    return base.split("#", 1)[0]


_CACHE: OrderedDict[tuple[Any, ...], _Index] = OrderedDict()
_CACHE_SIZE = 16
# An index costs about seven bytes per character of its text (postings, units, memoised window
# features): the indexes kept are bounded by their texts' characters too, least recently used
# first out, so a few huge sources cannot hold hundreds of MB (the index in use always stays).
# The budget must hold the indexes one essay cites in turn, else every claim rebuilds one:
# four sources of 1M words (26M characters; bench/scaling.py) took 8x the CPU of four of 300k
# words at 12M characters. About 4 bytes per character when built (bench: 2.4 MB for 620k).
_CACHE_CHARS = 32_000_000


def _index(source: Source) -> _Index:
    base = _base_url(source)
    # str caches its hash, so keying on the text costs one pass the first time only.
    key = (source.id, base, len(source.text), hash(source.text), tuple(source.pages or ()))
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    idx = _build_index(source, base)
    _CACHE[key] = idx
    while len(_CACHE) > 1 and (len(_CACHE) > _CACHE_SIZE or sum(k[2] for k in _CACHE) > _CACHE_CHARS):
        _CACHE.popitem(last=False)
    return idx


def _build_index(source: Source, base: str | None) -> _Index:
    text = source.text
    units, paras = _split_units(text)
    postings: dict[str, array] = {}
    lengths = array("l")
    for uid, (s, e) in enumerate(units):
        counts = Counter(_terms(text[s:e]))
        lengths.append(sum(counts.values()))
        code = uid << 8
        for term, tf in counts.items():
            plist = postings.get(term)
            if plist is None:
                plist = postings[term] = array("q")
            plist.append(code | (tf if tf < 255 else 255))  # noqa: FURB136 - min() is a call per posting
    avgdl = (sum(lengths) / len(lengths)) if lengths else 1.0
    pages = source.pages or []
    return _Index(
        source_id=source.id,
        text=text,
        base_url=base,
        units=units,
        unit_para=paras,
        page_starts=[p[0] for p in pages],
        page_numbers=[p[1] for p in pages],
        postings=postings,
        lengths=lengths,
        avgdl=avgdl or 1.0,
    )


def deep_link(base_url: str | None, text: str) -> str | None:
    """``base_url#:~:text=...`` pointing at ``text`` (textStart,textEnd when it is long)."""
    if not base_url:
        return None
    words = text.split()
    if not words:
        return None

    def enc(s: str) -> str:
        return _percent(s, safe="").replace("-", "%2D")

    if len(words) <= 8 and len(text) <= 80:
        fragment = enc(" ".join(words))
    else:
        fragment = enc(" ".join(words[:4])) + "," + enc(" ".join(words[-4:]))
    return f"{base_url}#:~:text={fragment}"


def _as_source(source_text: str | Source, source_id: str, url: str | None) -> Source:
    if isinstance(source_text, Source):
        return source_text
    return Source(id=source_id, url=url, text=source_text or "", status="file")


def split_passages(source: Source) -> list[Passage]:
    """Every passage of the source, in text order (sentence with its neighbours; score 0).

    Location is "p. N" from ``source.pages`` when known, else "¶ N" (blank-line paragraphs);
    web sources get a deep link with a ``#:~:text=`` fragment on the centre sentence. Cached.
    """
    if not source.available:
        return []
    idx = _index(source)
    if idx._passages is None:
        idx._passages = [idx.passage(i) for i in range(idx.n)]
    return idx._passages


def passage_evidence(passage: Passage | None, source: Source, **extra: Any) -> dict[str, Any]:
    """The evidence dict of a Finding: passage text, location, score, deep link, source, archive."""
    out: dict[str, Any] = {"source": source.id}
    if passage is not None:
        out.update(passage.to_json())
    if source.url:
        out["url"] = source.url
    if source.path:
        out["path"] = source.path
    if source.archive_url:
        out["archive_url"] = source.archive_url
    if source.archive_timestamp:
        out["archive_date"] = source.archive_timestamp
    out["status"] = source.status
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def _units_with(idx: _Index, term: str, cap: int = 2000) -> list[int]:
    return [code >> 8 for code in idx.postings.get(term, array("q"))[:cap]]


def _present(idx: _Index, token: str) -> bool:
    """Whether a figure or month word of the claim occurs anywhere in the source."""
    figures = _figures(token)
    if figures:
        return any(f in idx.postings for f in figures)
    word = token.lower()
    if word in _STOP_WORDS:  # "may": not indexed, look in the text itself
        return re.search(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])", idx.text, re.IGNORECASE) is not None
    return stem(word) in idx.postings
