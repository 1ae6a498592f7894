"""Quotations against a source: exact after normalisation, altered (with a word diff), or absent."""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
import unicodedata
from dataclasses import dataclass

from citecheck.evidence.contrast import NEGATIONS
from citecheck.evidence.opposites import opposites
from citecheck.evidence.passages import _Index, _index
from citecheck.evidence.ranking import _rank
from citecheck.evidence.terms import _STOP_WORDS, _is_figure
from citecheck.evidence.vocabulary import american
from citecheck.model import Passage, Source

__all__ = ["MIN_QUOTE_WORDS", "QUOTE_ALTERED_SIMILARITY", "QuoteMatch", "looks_like_title", "match_quotation"]

MIN_QUOTE_WORDS = 3  # shorter quotations are scare quotes or single terms: not checked
QUOTE_ALTERED_SIMILARITY = 0.6  # word-level similarity above which a near quotation is "altered"


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

    status: ``exact`` (present, up to case, punctuation, dashes, quotes, whitespace, ellipses,
    [insertions], British/American spelling and an initial for its word), ``altered`` (a close window differs by a few words), ``absent``, or ``skipped``
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
    content_changed: bool = False  # a content word changed (not only small words)
    reversed: bool = False  # a negation added or dropped, or a word turned into its opposite


def _closest(idx: _Index, words: list[str]) -> _Near | None:
    """Closest window of the source to the quoted words, with its word diff and what changed."""
    from rapidfuzz import fuzz

    query = " ".join(words)
    candidates = _rank(idx, query, 5)
    best: _Near | None = None
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
        # Compared in American spelling, so "programme" and "program" align as one word.
        sm = difflib.SequenceMatcher(None, [american(w) for w in words], [american(w) for w in src_words],
                                     autojunk=False)
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
        # Spelling variants ("organisation"/"organization") and an initial standing for its word
        # are the same word: quotation conventions allow them.
        ops = [("equal", *op[1:]) if op[0] != "equal" and _same_words(words[op[1]:op[2]], src_words[op[3]:op[4]])
               else op for op in ops]
        # A source initial the quotation spells out next to it ("Antechinus, A swainsonii").
        initials = [op for op in ops if op[0] == "insert" and all(len(w) == 1 and w.isalpha()
                                                                  for w in src_words[op[3]:op[4]])]
        ops = [op for op in ops if op not in initials]
        matched = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
        source_len = (j1 - j0) - sum(k2 - k1 for _, _, _, k1, k2 in initials)
        similarity = 2 * matched / (len(words) + source_len) if words else 0.0
        diff_parts = []
        figures = content = False
        changed_src: list[str] = []
        changed_quoted: list[str] = []
        for tag, i1, i2, k1, k2 in ops:
            if tag == "equal":
                diff_parts.append(" ".join(words[i1:i2]))
                continue
            src = src_words[k1:k2]
            quoted = words[i1:i2]
            changed_src += src
            changed_quoted += quoted
            if src:
                diff_parts.append("[-" + " ".join(src) + "-]")
            if quoted:
                diff_parts.append("{+" + " ".join(quoted) + "+}")
            if any(_is_figure(w) for w in src + quoted):
                figures = True
            if any(w not in _STOP_WORDS for w in src + quoted):
                content = True
        start, end = tokens[t0 + j0][1], tokens[t0 + j1 - 1][2]
        result = _Near(similarity, start, end, " ".join(diff_parts), figures, content,
                       _reversal(changed_src, changed_quoted))
        if best is None or similarity > best.similarity:
            best = result
    return best


@dataclass
class _Near:
    similarity: float
    start: int
    end: int
    diff: str
    figures: bool
    content: bool
    reversed: bool


def _same_words(quoted: list[str], source: list[str]) -> bool:
    """Whether quoted words are the source's up to British/American spelling or an initial
    standing for its word ("A. swainsonii" quoted as "Antechinus swainsonii")."""
    if len(quoted) != len(source) or not quoted:
        return False
    for q, s in zip(quoted, source):
        if q == s or american(q) == american(s):
            continue
        if len(s) == 1 and q[0] == s and len(q) > 1:
            continue
        return False
    return True


def _reversal(source: list[str], quoted: list[str]) -> bool:
    """A negation on one side only, or a word of one side whose opposite is on the other."""
    neg_s = any(w in NEGATIONS or w.endswith("n't") for w in source)
    neg_q = any(w in NEGATIONS or w.endswith("n't") for w in quoted)
    if neg_s != neg_q:
        return True
    return any(opposites(w) & set(source) for w in quoted)


_TITLE_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "vs.", "v", "v.", "versus", "with"])


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
    figures = content = reversed_ = False
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
        sims.append(near.similarity)
        spans.append((near.start, near.end))
        diffs.append(near.diff)
        figures = figures or near.figures
        content = content or near.content
        reversed_ = reversed_ or near.reversed
    score = min(sims) if sims else 0.0
    status = "altered" if score >= QUOTE_ALTERED_SIMILARITY else "absent"
    in_order = all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    if sims and score >= 1.0 and in_order and len(spans) == len(sims):
        status = "exact"  # every difference was a spelling variant
    if spans:
        start, end = spans[0][0], spans[-1][1]
        if end < start:
            start, end = spans[0]
    else:
        start = end = -1
    passage = idx.passage(idx.unit_at(start), score) if start >= 0 else None
    altered = status == "altered"
    return QuoteMatch(status, score, start, end, idx.text[start:end] if start >= 0 else "",
                      " … ".join(diffs) if status != "exact" else "", figures and altered, passage,
                      content_changed=content and altered, reversed=reversed_ and altered)
