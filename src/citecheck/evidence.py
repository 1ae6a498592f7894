"""Evidence: the passages of one source, ranked for one claim, and the pair-level verdict.

A source's text is cut into *units* (the sentences of :func:`citecheck.claims.split_sentences`,
never crossing a blank line, long ones cut at ~1,000 characters). A *passage* is a unit with its
neighbours (unit i-1, i, i+1): the centre unit is what the passage is about and what its
location and deep link point at; the neighbours give context (pronouns, "he said:").

Ranking is two-stage:

1. BM25 (k1=1.2, b=0.75) over units, with a light suffix-stripping stemmer and English stop
   words; a passage's first-stage score is its centre's BM25 plus half its neighbours'. The
   index is an inverted file built once per source (cached), so a 5 MB source costs one pass.
2. The top :data:`RERANK_DEPTH` passages are re-ranked by a weighted sum, in [0, 1], of: the
   idf-weighted share of the claim's content words found in the centre unit and in the window,
   the relative BM25 score, rapidfuzz ``token_set_ratio``/``partial_ratio`` against the centre,
   and the share of the claim's numbers and capitalised names found in the window.

:func:`verify` is the pair-level API (``citecheck.verify``); the checks in ``checks/`` read its
:class:`Verification` and quotation matches (:func:`match_quotation`).
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import math
import re
import unicodedata
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote as _percent

from citecheck import claims as _claims
from citecheck.model import DateMention, Mismatch, Passage, Quantity, Source

__all__ = [
    "QuoteMatch",
    "Verification",
    "match_quotation",
    "passage_evidence",
    "rank_passages",
    "split_passages",
    "strip_citation_markers",
    "verify",
]

RERANK_DEPTH = 30  # passages re-ranked after BM25
FAST_SPLIT_CHARS = 1_000_000  # above this many characters, sentences are split by a plain rule
MAX_UNIT_CHARS = 1000  # longer sentences are cut (at whitespace) into pieces of about this size
NEIGHBOUR_WEIGHT = 0.5  # share of a neighbour's BM25 added to the centre's
MISMATCH_MIN_COVERAGE = 0.5  # a passage must hold this share of the claim's other words to contradict it
# Verdict thresholds, chosen on one half of WiCE entailment_retrieval dev (the claims whose
# Wikipedia article title hashes even; bench/accuracy.py reports the other half). "supported"
# needs >= SUPPORTED_COVERAGE of the claim's content words, weighted by their idf over the source,
# in the union of the best three passages, and every capitalised name of the claim somewhere in
# the source; "unsupported" (which the claim-unsupported rule reports) is a share of the claim's
# distinct content words in the best two passages below PARTIAL_COVERAGE: 0.25 flagged no
# supported claim of the tuning half (0.3 flagged 3 of 58).
SUPPORTED_COVERAGE = 0.5
PARTIAL_COVERAGE = 0.25
MIN_QUOTE_WORDS = 3  # shorter quotations are scare quotes or single terms: not checked
QUOTE_ALTERED_SIMILARITY = 0.6  # word-level similarity above which a near quotation is "altered"

# Rules whose firing means the claim is contradicted (claim-unsupported Mismatches only mark
# figures the source does not hold; they are highlights, not contradictions).
MISMATCH_RULES = frozenset({"number-mismatch", "date-mismatch", "quote-altered", "quote-not-found",
                            "computed-mismatch"})

_STOP_WORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "one", "may", "might", "must", "shall", "upon", "us", "among", "within", "without", "whose", "since", "although", "though", "yet", "however", "thus", "also", "still", "even", "ever", "many", "much", "whether", "via", "per"])

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_WORDS = frozenset(_MONTHS) | frozenset(m[:3] for m in _MONTHS) | {"sept"}

# Words (letters with inner apostrophes) and numbers ("1,436", "3.5"); a number's separators are
# dropped so "1,436" and "1436" meet.
_TOKEN_RE = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_RE = re.compile(r"\d[\d,.]*\d|\d")


def _canon_number(token: str) -> str:
    plain = token.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return plain
    return str(int(value)) if value.is_integer() else repr(value)


def _norm_token(token: str) -> str:
    if token[0].isdigit():
        return _canon_number(token)
    word = token.lower().replace("’", "'")
    word = word.removesuffix("'s")
    return word


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """A light English suffix stripper (plural, -ing, -ed, -ly, final e); digits pass through."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouslz":
        w = w[:-1]
    return w


def _terms(text: str) -> list[str]:
    """Index terms: stemmed tokens without stop words."""
    out = []
    for match in _TOKEN_RE.finditer(text):
        token = _norm_token(match.group())
        if token and token not in _STOP_WORDS:
            out.append(stem(token))
    return out


def _figures(text: str) -> set[str]:
    return {_canon_number(m.group()) for m in _NUMBER_RE.finditer(text)}


def _claim_names(text: str) -> dict[str, str]:
    """The claim's capitalised words (stemmed -> as written), as :func:`_names`, but without the
    sentence's first word ("Finishing each lap ...") and one-letter initials ("Mark T. Vande")."""
    out: dict[str, str] = {}
    for n, match in enumerate(_TOKEN_RE.finditer(text)):
        token = match.group()
        if n == 0 or len(token) < 2 or not token[0].isupper():
            continue
        word = _norm_token(token)
        if word not in _STOP_WORDS and word not in _MONTH_WORDS:
            out.setdefault(stem(word), token)
    return out


def _names(text: str) -> set[str]:
    """Capitalised words that are not stop words (a crude stand-in for named entities)."""
    out = set()
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if token[0].isupper():
            word = _norm_token(token)
            if word not in _STOP_WORDS and word not in _MONTH_WORDS:
                out.add(stem(word))
    return out


# --------------------------------------------------------------------------- citation markers

_MARKER_RES = [
    re.compile(r"\[@[^\]]*\]"),  # pandoc [@key, p. 4]
    re.compile(r"(?<![\w@])@[A-Za-z][\w:.-]*\w(?:\s*\[[^\]]*\])?"),  # pandoc narrative @key [p. 4]
    re.compile(r"\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\[[^\]]*\]){0,2}\{[^}]*\}"),  # LaTeX \cite[p.~4]{key}
    re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*(?:,\s*p{1,2}\.\s*\d+)?\]"),  # numeric [1], [2-4]
    # (Freeze, 418), (Freeze 2009, p. 418), (Freeze, Russia 418), (p. 418), (see Smith 2001; Jones 1999)
    re.compile(r"\((?:see\s+|cf\.\s+|e\.g\.,?\s+)?(?:[A-Z][^\s(),;]*[\s,]+(?:[^\s(),;]+[\s,]+){0,5}?"
               r"(?:\d{4}[a-z]?|n\.d\.)?,?\s*(?:(?:p{1,2}\.|at)\s*)?\d[\d–\-]*"
               r"(?:;[^()]{0,80})?|p{1,2}\.\s*\d[\d–\-]*)\)"),
]


def strip_citation_markers(text: str) -> str:
    """The text with in-text citation markers blanked out by spaces (offsets are kept).

    "(Freeze, 418)", "(Freeze 2009, p. 418)", "[@key]", "@key [p. 4]", "\\cite{key}", "[3]".
    A bare "(1956)" is kept: it is more often a date in the claim than a citation.
    """
    for pattern in _MARKER_RES:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


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

    @property
    def n(self) -> int:
        return len(self.units)

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

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

    def unit_at(self, offset: int) -> int:
        """The unit holding (or last starting before) a text offset."""
        return max(0, bisect.bisect_right(self.units, offset, key=lambda u: u[0]) - 1)


_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def _split_units(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence units and their paragraph numbers; paragraphs are blank-line separated."""
    units: list[tuple[int, int]] = []
    paras: list[int] = []
    para_no = 0
    # claims.split_sentences (syntok) runs at about 1 s per MB; past FAST_SPLIT_CHARS a plain
    # punctuation rule keeps big sources (whole books) fast.
    splitter = _claims.split_sentences if len(text) <= FAST_SPLIT_CHARS else _fast_sentences
    pos = 0
    breaks = [(m.start(), m.end()) for m in _PARA_BREAK.finditer(text)] + [(len(text), len(text))]
    for br_start, br_end in breaks:
        block = text[pos:br_start]
        if block.strip():
            para_no += 1
            for s, e in splitter(block):
                for cs, ce in _cut_long(block, s, e):
                    if block[cs:ce].strip():
                        units.append((pos + cs, pos + ce))
                        paras.append(para_no)
        pos = br_end
    return units, paras


_FAST_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _fast_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences by punctuation followed by a capital or digit (for very large sources)."""
    out = []
    pos = 0
    for m in _FAST_END.finditer(text):
        end = m.end() - len(m.group()) + len(m.group().rstrip())
        if text[pos:end].strip():
            out.append((pos, end))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text.rstrip())))
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
    if len(_CACHE) > _CACHE_SIZE:
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
        for term, tf in counts.items():
            plist = postings.get(term)
            if plist is None:
                plist = postings[term] = array("q")
            plist.append(uid << 8 | min(tf, 255))
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


# --------------------------------------------------------------------------- public: passages


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


@dataclass
class _Query:
    text: str
    terms: Counter[str]
    weights: dict[str, float]  # idf per distinct term
    figures: set[str]
    names: set[str]
    lower: str


def _make_query(idx: _Index, claim_text: str) -> _Query:
    terms = Counter(_terms(claim_text))
    return _Query(
        text=claim_text,
        terms=terms,
        weights={t: idx.idf(t) for t in terms},
        figures=_figures(claim_text),
        names=_names(claim_text),
        lower=" ".join(t.lower() for t in _TOKEN_RE.findall(claim_text)),
    )


def _bm25(idx: _Index, query: _Query) -> dict[int, float]:
    k1, b = 1.2, 0.75
    scores: dict[int, float] = {}
    for term, qtf in query.terms.items():
        plist = idx.postings.get(term)
        if not plist:
            continue
        w = query.weights[term] * (1 + math.log(qtf))
        for code in plist:
            uid, tf = code >> 8, code & 255
            dl = idx.lengths[uid]
            s = w * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / idx.avgdl))
            scores[uid] = scores.get(uid, 0.0) + s
    return scores


def _coverage(query: _Query, terms: set[str]) -> float:
    total = sum(query.weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in query.weights.items() if t in terms) / total


@dataclass
class _Ranked:
    uid: int
    score: float
    coverage: float  # idf-weighted share of the claim's terms in the window
    plain_coverage: float  # unweighted share of the claim's distinct terms in the window


def _rank(idx: _Index, claim_text: str, k: int) -> list[_Ranked]:
    from rapidfuzz import fuzz

    query = _make_query(idx, claim_text)
    if not query.terms or idx.n == 0:
        return []
    unit_scores = _bm25(idx, query)
    if not unit_scores:
        return []
    window_scores: dict[int, float] = {}
    for uid, s in unit_scores.items():
        window_scores[uid] = window_scores.get(uid, 0.0) + s
        for nb in (uid - 1, uid + 1):
            if 0 <= nb < idx.n:
                window_scores[nb] = window_scores.get(nb, 0.0) + NEIGHBOUR_WEIGHT * s
    top = heapq.nlargest(max(RERANK_DEPTH, k), window_scores.items(), key=lambda kv: kv[1])
    best_bm25 = top[0][1] or 1.0
    ranked = []
    for uid, bm in top:
        cs, ce = idx.units[uid]
        ws, we = idx.window(uid)
        centre = idx.text[cs:ce]
        window = idx.text[ws:we]
        centre_terms = set(_terms(centre))
        window_terms = set(_terms(window))
        cov_c = _coverage(query, centre_terms)
        cov_w = _coverage(query, window_terms)
        plain = sum(1 for t in query.terms if t in window_terms) / len(query.terms)
        centre_lower = " ".join(t.lower() for t in _TOKEN_RE.findall(centre))
        fz = (fuzz.token_set_ratio(query.lower, centre_lower) + fuzz.partial_ratio(query.lower, centre_lower)) / 200
        parts = [(0.35, cov_c), (0.15, cov_w), (0.2, bm / best_bm25), (0.15, fz)]
        if query.figures:
            parts.append((0.1, len(query.figures & _figures(window)) / len(query.figures)))
        if query.names:
            parts.append((0.1, len(query.names & _names(window)) / len(query.names)))
        total_w = sum(w for w, _ in parts)
        score = sum(w * v for w, v in parts) / total_w
        ranked.append(_Ranked(uid, max(0.0, min(1.0, score)), cov_w, plain))
    ranked.sort(key=lambda r: (-r.score, r.uid))
    return ranked[:k]


def rank_passages(claim_text: str, source: Source, k: int = 3) -> list[Passage]:
    """The ``k`` passages of ``source`` that best match ``claim_text``, best first (scores in [0, 1]).

    Citation markers in the claim are ignored. An empty source or a claim with no content words
    yields ``[]``.
    """
    if not source.available:
        return []
    idx = _index(source)
    return [idx.passage(r.uid, r.score) for r in _rank(idx, strip_citation_markers(claim_text), k)]


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


# --------------------------------------------------------------------------- quotations

_ELLIPSIS_RE = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…")
_SIC_RE = re.compile(r"\[\s*sic\s*!?\s*\]", re.IGNORECASE)
_INWORD_BRACKET_RE = re.compile(r"\[([^\W\d_]{1,2})\](?=[^\W\d_])")  # [T]he -> The
_BRACKET_RE = re.compile(r"\[[^\]]{0,60}\]")
_GAP = "\x00"  # marks a bracketed insertion standing for some source words
_QWORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SEP = r"[\W_]+"


def _quote_pieces(quote: str) -> list[list[str]]:
    """The quotation cut at ellipses into pieces of word tokens (``_GAP`` for [insertions])."""
    text = unicodedata.normalize("NFKC", quote)
    text = _SIC_RE.sub(" ", text)
    text = _INWORD_BRACKET_RE.sub(r"\1", text)
    text = _ELLIPSIS_RE.sub("\x01", text)
    text = _BRACKET_RE.sub(f" {_GAP} ", text)
    pieces = []
    for raw in text.split("\x01"):
        tokens = [t if t == _GAP else t.lower().replace("’", "'")
                  for t in re.findall(r"\x00|[^\W_]+(?:['’][^\W_]+)*", raw)]
        while tokens and tokens[0] == _GAP:
            tokens.pop(0)
        while tokens and tokens[-1] == _GAP:
            tokens.pop()
        if tokens:
            pieces.append(tokens)
    return pieces


def _piece_pattern(tokens: list[str]) -> re.Pattern[str]:
    parts: list[str] = []
    gap = False
    for token in tokens:
        if token == _GAP:
            gap = True
            continue
        if parts:
            parts.append(_SEP + (r"(?:[^\W_]+" + _SEP + r"){0,6}" if gap else ""))
        parts.append(re.escape(token).replace("'", "['’]"))
        gap = False
    return re.compile(r"(?<![^\W_])" + "".join(parts) + r"(?![^\W_])", re.IGNORECASE)


def _find_in_order(text: str, pieces: list[list[str]]) -> tuple[int, int] | None:
    """Start and end of the pieces found in order (the first piece's occurrence that works)."""
    patterns = [_piece_pattern(p) for p in pieces]
    for tries, first in enumerate(patterns[0].finditer(text)):
        if tries >= 50:
            break
        pos = first.end()
        ok = True
        for pattern in patterns[1:]:
            m = pattern.search(text, pos)
            if m is None:
                ok = False
                break
            pos = m.end()
        if ok:
            return first.start(), pos
        if len(patterns) == 1:
            break
    return None


@dataclass
class QuoteMatch:
    """How a quotation stands in a source.

    status: ``exact`` (present, up to case, punctuation, dashes, quotes, whitespace, ellipses and
    [insertions]), ``altered`` (a close window differs by a few words), ``absent``, or ``skipped``
    (fewer than :data:`MIN_QUOTE_WORDS` words).
    """

    status: str
    score: float = 0.0  # word-level similarity of the closest window, 0..1
    start: int = -1  # source offsets of the match or closest window
    end: int = -1
    source_text: str = ""  # the source's words there
    diff: str = ""  # wdiff style: [-source words-] {+quoted words+}
    figures_changed: bool = False
    passage: Passage | None = None


def _is_figure(token: str) -> bool:
    return any(ch.isdigit() for ch in token) or token.lower() in _MONTH_WORDS


def _closest(idx: _Index, words: list[str]) -> tuple[float, int, int, str, bool] | None:
    """Closest window of the source to the quoted words: (similarity, start, end, diff, figures changed)."""
    from rapidfuzz import fuzz

    query = " ".join(words)
    candidates = _rank(idx, query, 5)
    best: tuple[float, int, int, str, bool] | None = None
    seen: set[int] = set()
    for cand in candidates:
        ws, we = idx.window(cand.uid)
        pad = len(query) + 20
        rs, re_ = max(0, ws - pad), min(len(idx.text), we + pad)
        if rs in seen:
            continue
        seen.add(rs)
        tokens = [(m.group().lower().replace("’", "'"), m.start(), m.end())
                  for m in _QWORD_RE.finditer(idx.text, rs, re_)]
        if not tokens:
            continue
        joined = " ".join(t[0] for t in tokens)
        starts = []
        pos = 0
        for t in tokens:
            starts.append(pos)
            pos += len(t[0]) + 1
        al = fuzz.partial_ratio_alignment(query, joined)
        if al is None:
            continue
        if len(query) <= len(joined):
            d0, d1 = al.dest_start, al.dest_end
        else:
            d0, d1 = 0, len(joined)
        slack = 3 + len(words) // 3  # the character alignment may stop short of changed words
        t0 = max(0, bisect.bisect_right(starts, d0) - 1 - slack)
        t1 = min(len(tokens), bisect.bisect_right(starts, max(d0, d1 - 1)) + slack)
        src_words = [t[0] for t in tokens[t0:t1]]
        sm = difflib.SequenceMatcher(None, words, src_words, autojunk=False)
        ops = sm.get_opcodes()
        # Trim source-only words at both ends: they are context, not differences.
        while ops and ops[0][0] == "insert":
            ops.pop(0)
        while ops and ops[-1][0] == "insert":
            ops.pop()
        if not ops:
            continue
        # A changed word at either end comes with the source's context words: keep as many
        # source words as quoted ones there.
        tag, i1, i2, k1, k2 = ops[0]
        if tag == "replace" and k2 - k1 > i2 - i1:
            ops[0] = (tag, i1, i2, k2 - (i2 - i1), k2)
        tag, i1, i2, k1, k2 = ops[-1]
        if tag == "replace" and k2 - k1 > i2 - i1:
            ops[-1] = (tag, i1, i2, k1, k1 + (i2 - i1))
        j0, j1 = ops[0][3], ops[-1][4]
        matched = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
        similarity = 2 * matched / (len(words) + (j1 - j0)) if words else 0.0
        diff_parts = []
        figures = False
        for tag, i1, i2, k1, k2 in ops:
            if tag == "equal":
                diff_parts.append(" ".join(words[i1:i2]))
                continue
            src = src_words[k1:k2]
            quoted = words[i1:i2]
            if src:
                diff_parts.append("[-" + " ".join(src) + "-]")
            if quoted:
                diff_parts.append("{+" + " ".join(quoted) + "+}")
            if any(_is_figure(w) for w in src + quoted):
                figures = True
        start, end = tokens[t0 + j0][1], tokens[t0 + j1 - 1][2]
        result = (similarity, start, end, " ".join(diff_parts), figures)
        if best is None or similarity > best[0]:
            best = result
    return best


_TITLE_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "with"])


def looks_like_title(quote: str) -> bool:
    """True for a quoted title in Title Case ("The A.V. Club", "Maiden Heaven: A Tribute to Iron Maiden").

    Every word but the small ones starts with a capital or a digit, there are at most 12 words,
    and the text does not end as a sentence does.
    """
    words = re.findall(r"[^\W_][\w'.’-]*", quote)
    if not words or len(words) > 12 or quote.rstrip().endswith((".", "!", "?", ".”", '."')):
        return False
    significant = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def match_quotation(quote: str, source: Source) -> QuoteMatch:
    """Find a quotation in a source: exact (after normalisation), altered (with a word diff), or absent.

    Normalised away: curly quotes, dashes, punctuation, whitespace, case, ``[sic]``, ``[T]he``,
    ellipses (``...``, ``…``, ``[...]``: the pieces must occur in order), and ``[bracketed]``
    insertions (each may stand for up to six source words).
    """
    pieces = _quote_pieces(quote)
    words = [w for p in pieces for w in p if w != _GAP]
    if len(words) < MIN_QUOTE_WORDS:
        return QuoteMatch("skipped")
    if not source.available:
        return QuoteMatch("absent")
    idx = _index(source)
    found = _find_in_order(idx.text, pieces)
    if found is not None:
        start, end = found
        return QuoteMatch("exact", 1.0, start, end, idx.text[start:end],
                          passage=idx.passage(idx.unit_at(start), 1.0))
    if looks_like_title(quote):
        # "Maiden Heaven: A Tribute to Iron Maiden" names a work; it is not a quotation of the source.
        return QuoteMatch("skipped")
    # Not found as a whole: compare each piece to its closest window.
    diffs: list[str] = []
    sims: list[float] = []
    spans: list[tuple[int, int]] = []
    figures = False
    for piece in pieces:
        piece_words = [w for w in piece if w != _GAP]
        if not piece_words:
            continue
        exact = _find_in_order(idx.text, [piece])
        if exact is not None:
            sims.append(1.0)
            spans.append(exact)
            diffs.append(" ".join(piece_words))
            continue
        near = _closest(idx, piece_words)
        if near is None:
            sims.append(0.0)
            diffs.append("{+" + " ".join(piece_words) + "+}")
            continue
        sims.append(near[0])
        spans.append((near[1], near[2]))
        diffs.append(near[3])
        figures = figures or near[4]
    score = min(sims) if sims else 0.0
    status = "altered" if score >= QUOTE_ALTERED_SIMILARITY else "absent"
    if spans:
        start, end = spans[0][0], spans[-1][1]
        if end < start:
            start, end = spans[0]
    else:
        start = end = -1
    passage = idx.passage(idx.unit_at(start), score) if start >= 0 else None
    return QuoteMatch(status, score, start, end, idx.text[start:end] if start >= 0 else "",
                      " … ".join(diffs), figures and status == "altered", passage)


# --------------------------------------------------------------------------- verify


@dataclass
class Verification:
    """The outcome of checking one claim against one source.

    verdict: supported | partially_supported | unsupported | contradicted | unverifiable.
    passages: the best passages, best first. mismatches: the claim's parts the source contradicts
    (rules number-mismatch, date-mismatch, quote-altered, quote-not-found) or does not hold (rule
    claim-unsupported: a number or date that appears nowhere in the source). reason: why, in words.
    """

    verdict: str
    passages: list[Passage] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    reason: str = ""
    coverage: float = 0.0  # share of the claim's content words in the best passage

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


def _unit_key(unit: str | None) -> str | None:
    if not unit:
        return None
    u = unit.lower().strip()
    if u in ("%", "percent", "per cent", "pct"):
        return "%"
    return stem(_norm_token(u)) if u[:1].isalnum() else u


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
    parts = [q.hedge] if q.hedge and q.hedge.lower() not in q.text.lower() else []
    parts.append(q.text.strip())
    if q.unit and q.unit.lower() not in q.text.lower():
        parts.append(q.unit)
    return " ".join(parts)


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


_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+", re.UNICODE)
ALIGN_CONTEXT = 2  # words that must agree on each side of a number for it to be "the same figure"


def aligned_number(claim: str, start: int, end: int, passage: str) -> str | None:
    """The passage's number standing where the claim's number [start, end) stands, if another.

    Claim and passage words are aligned (difflib); a number is "the same figure" only when the
    words on both sides agree for ALIGN_CONTEXT words ("1,966 delegates ... Congress, 1,108 were
    arrested" vs "…, 1,208 were arrested"): a unit-less number is compared only that way.
    """
    import difflib

    claim_tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(claim)]
    passage_tokens = [m.group().lower() for m in _WORD.finditer(passage)]
    target = [i for i, (_, s, e) in enumerate(claim_tokens) if s >= start and e <= end]
    if len(target) != 1 or len(claim_tokens) > 400 or len(passage_tokens) > 2000:
        return None
    t = target[0]
    words = [w for w, _, _ in claim_tokens]
    matcher = difflib.SequenceMatcher(None, words, passage_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or not (i1 == t and i2 == t + 1 and j2 == j1 + 1):
            continue
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


class _Figures:
    """The figure checks of one claim: contradictions and figures the source does not hold."""

    def __init__(self, claim_text: str, text: str, idx: _Index, ranked: list[_Ranked]) -> None:
        self.claim_text = claim_text  # as given (offsets of Mismatches index it)
        self.text = text  # citation markers blanked
        self.idx = idx
        self.ranked = ranked
        self.out: list[Mismatch] = []
        self.backed: list[tuple[int, int]] = []
        self.top = [idx.passage(r.uid, r.score) for r in ranked]

    def _best(self) -> Passage | None:
        return self.top[0] if self.top else None

    def _unbacked(self, kind: str, start: int, end: int) -> None:
        self.out.append(Mismatch(kind, self.claim_text, start, end, "", self.claim_text[start:end].strip(),
                                 "claim-unsupported", self._best()))

    def quantities(self, quantities: list[Quantity], date_spans: list[tuple[int, int]]) -> None:
        idx = self.idx
        passage_qs = [_claims.extract_quantities(p.text) for p in self.top]
        for q in quantities:
            if q.is_year or any(s < q.end and q.start < e for s, e in date_spans):
                continue
            written = _figures(q.text)
            if not written:
                continue  # spelled-out numbers ("three") are not compared
            anywhere = any(f in idx.postings for f in written)
            compatible = any(_claims.quantity_matches(q, sq.value) for pq in passage_qs for sq in pq)
            unit = _unit_key(q.unit)
            if unit is not None and not anywhere and not compatible and self.ranked:
                same_kind = [sq for sq in passage_qs[0] if not sq.is_year and _unit_key(sq.unit) == unit]
                other = _blank(self.text, [(q.start, q.end)])
                if same_kind and _plain_coverage(idx, other, self.ranked[0].uid) >= MISMATCH_MIN_COVERAGE:
                    near = min(same_kind, key=lambda sq: abs(sq.value - q.value))
                    self.out.append(Mismatch("number", self.claim_text, q.start, q.end, _figure_text(near),
                                             _figure_text(q), "number-mismatch", self.top[0]))
                    continue
            if unit is None and not anywhere and not compatible and self.top:
                aligned = aligned_number(self.text, q.start, q.end, self.top[0].text)
                if aligned is not None:
                    self.out.append(Mismatch("number", self.claim_text, q.start, q.end, aligned,
                                             _figure_text(q), "number-mismatch", self.top[0]))
                    continue
            if anywhere or compatible:
                self.backed.append((q.start, q.end))
            else:
                self._unbacked("number", q.start, q.end)

    def _compatible_anywhere(self, d: DateMention) -> bool:
        last = d.year_end or (d.year + 9 if d.precision == "decade" else d.year)
        uids: set[int] = set()
        for year in range(d.year, min(last, d.year + 50) + 1):
            uids.update(_units_with(self.idx, str(year)))
        for uid in sorted(uids)[:4000]:
            ws, we = self.idx.window(uid)
            if any(_claims.dates_compatible(d, sd) for sd in _claims.extract_dates(self.idx.text[ws:we])):
                return True
        return False

    def _parts(self, d: DateMention) -> list[tuple[int, int]]:
        return [(m.start() + d.start, m.end() + d.start) for m in _TOKEN_RE.finditer(d.text)
                if _is_figure(m.group())]

    def _yearless_match(self, d: DateMention, uids: list[int]) -> bool:
        """Whether a window of ``uids`` states the claim's month (and day) with no year after it.

        ``uids``: the passage that best matches the claim's other words and the claim's top three.
        (Asking those windows to hold half the claim's other words, as a mismatch must, lost more
        than it saved on WiCE non_supported_tokens train and dev.)"""
        pattern = _yearless_pattern(d)
        if pattern is None:
            return False
        seen: set[int] = set()
        for uid in uids:
            if uid in seen:
                continue
            seen.add(uid)
            if pattern.search(self.idx.text, *self.idx.window(uid)):
                return True
        return False

    def dates(self, dates: list[DateMention]) -> None:
        idx = self.idx
        others = _blank(self.text, [(x.start, x.end) for x in dates])
        event: list[_Ranked] | None = None
        for d in dates:
            parts = self._parts(d)
            absent = [(s, e) for s, e in parts if not _present(idx, self.text[s:e])]
            if self._compatible_anywhere(d):
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
                ev_dates = _claims.extract_dates(idx.text[ws:we])
                if ev_dates and _plain_coverage(idx, others, ev.uid) >= MISMATCH_MIN_COVERAGE:
                    # The source's date for the event: one in the centre sentence before one in
                    # a neighbour (a dateline), then the nearest in years.
                    cs, ce = idx.units[ev.uid]
                    near = min(ev_dates, key=lambda sd: (not cs <= ws + sd.start < ce, abs(sd.year - d.year),
                                                         -(sd.month is not None)))
                    self.out.append(Mismatch("date", self.claim_text, d.start, d.end, near.text.strip(),
                                             d.text.strip(), "date-mismatch", idx.passage(ev.uid, ev.score)))
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


def _plain_coverage(idx: _Index, claim_text: str, uid: int) -> float:
    terms = set(_terms(claim_text))
    if not terms:
        return 0.0
    ws, we = idx.window(uid)
    window = set(_terms(idx.text[ws:we]))
    return len(terms & window) / len(terms)


_VERIFY_CACHE: OrderedDict[tuple[Any, ...], Verification] = OrderedDict()


def verify(claim_text: str, source_text: str | Source, *, source_id: str = "source",
           url: str | None = None, k: int = 3) -> Verification:
    """Check one claim against one source: the pair-level API (``citecheck.verify``).

    ``source_text`` is the source's text or a :class:`Source`. Citation markers in the claim
    ("(Freeze, 418)", "[@key]") are ignored. Returns a :class:`Verification`:

    - ``unverifiable`` (with a reason) when the source has no text;
    - ``contradicted`` when a quotation is absent or altered, or a number or date differs from
      the best passage (a figure of the same kind there, none compatible in the top ``k``; the
      hedges' tolerances are :data:`citecheck.claims.HEDGE_TOLERANCE`);
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
    key = (claim_text, source.id, _base_url(source), len(source.text), hash(source.text), k,
           _claims.tolerance_generation())
    hit = _VERIFY_CACHE.get(key)
    if hit is not None:
        _VERIFY_CACHE.move_to_end(key)
        return hit
    result = _verify(claim_text, source, k)
    _VERIFY_CACHE[key] = result
    if len(_VERIFY_CACHE) > 256:
        _VERIFY_CACHE.popitem(last=False)
    return result


def _verify(claim_text: str, source: Source, k: int) -> Verification:
    idx = _index(source)
    text = strip_citation_markers(claim_text)
    ranked = _rank(idx, text, max(k, 3))
    passages = [idx.passage(r.uid, r.score) for r in ranked[:k]]
    mismatches: list[Mismatch] = []

    for quotation in _claims.extract_quotations(text):
        qm = match_quotation(quotation.text, source)
        if qm.status in ("exact", "skipped"):
            continue
        rule = "quote-altered" if qm.status == "altered" else "quote-not-found"
        mismatches.append(Mismatch("quote", claim_text, quotation.start, quotation.end,
                                   qm.source_text, quotation.text, rule, qm.passage))

    dates = _claims.extract_dates(text)
    quantities = _claims.extract_quantities(text)
    figures = _Figures(claim_text, text, idx, ranked)
    figures.quantities(quantities, [(d.start, d.end) for d in dates])
    figures.dates(dates)
    figures.stray_figures()
    mismatches.extend(figures.out)
    mismatches.sort(key=lambda m: (m.start, m.end))

    if not ranked:
        return Verification("unsupported", passages, mismatches,
                            "no passage of the source shares a content word with the claim", 0.0)
    # Claims often join facts from two places of a page: the best passages together.
    coverage = _union_coverage(idx, text, [r.uid for r in ranked[:2]])
    weighted = _weighted_union_coverage(idx, text, [r.uid for r in ranked[:3]])
    # A name the source never mentions is a part of the claim it cannot back.
    missing_names = [word for term, word in _claim_names(text).items() if term not in idx.postings]
    contradicting = [m for m in mismatches if m.rule in MISMATCH_RULES and m.rule != "quote-altered"
                     or (m.rule == "quote-altered" and _figures(m.claim_text[m.start:m.end]) != _figures(m.expected))]
    unbacked = [m for m in mismatches if m.rule == "claim-unsupported"]
    if contradicting:
        first = contradicting[0]
        what = first.claim_text[first.start:first.end]
        source_says = f"; the source has {first.expected!r}" if first.expected else ""
        return Verification("contradicted", passages, mismatches,
                            f"{first.rule}: {what!r}{source_says}", coverage)
    if any(m.rule in ("quote-altered", "quote-not-found") for m in mismatches):
        return Verification("partially_supported", passages, mismatches,
                            "a quotation differs from the source", coverage)
    if weighted >= SUPPORTED_COVERAGE and not unbacked and not missing_names:
        verdict = "supported"
        reason = (f"the best three passages hold {weighted:.0%} of the claim's content words "
                  "(weighted by rarity), and every name it gives")
    elif coverage >= PARTIAL_COVERAGE:
        verdict = "partially_supported"
        reason = f"the best two passages hold {coverage:.0%} of the claim's content words"
        absent = [repr(m.found) for m in unbacked] + [repr(w) for w in missing_names]
        if absent:
            reason += "; not in the source: " + ", ".join(absent)
    else:
        verdict = "unsupported"
        reason = f"the best two passages hold only {coverage:.0%} of the claim's content words"
    return Verification(verdict, passages, mismatches, reason, coverage)


def _union_coverage(idx: _Index, claim_text: str, uids: list[int]) -> float:
    """Share of the claim's distinct content terms found in the union of the passages' windows."""
    terms = set(_terms(claim_text))
    if not terms:
        return 0.0
    found: set[str] = set()
    for uid in uids:
        ws, we = idx.window(uid)
        found |= set(_terms(idx.text[ws:we]))
    return len(terms & found) / len(terms)


def _weighted_union_coverage(idx: _Index, claim_text: str, uids: list[int]) -> float:
    """Share of the claim's content terms, weighted by idf over the source's units, found in the
    union of the passages' windows (a rare word the passages lack counts more than a common one)."""
    query = _make_query(idx, claim_text)
    found: set[str] = set()
    for uid in uids:
        ws, we = idx.window(uid)
        found |= set(_terms(idx.text[ws:we]))
    return _coverage(query, found)
