"""Accuracy of citecheck.evidence on WiCE (Kamoi et al., 2023): passages, verdicts, mismatch spans.

Run: .venv/bin/python bench/accuracy.py [--limit N]   (prints Markdown tables; skips when the
data under ../shared/benchmarks/wice is absent).

A WiCE item is a Wikipedia sentence (the claim) and the sentences of the web page it cites
(item 0 of ``evidence`` is metadata and is left out). The page is given to citecheck as one
text, its sentences separated by blank lines, as a fetched page's paragraphs would be.

1. Passage finding (entailment_retrieval/dev, items with gold evidence): hit@k counts a hit when
   one of the top k passages has a gold sentence (of any of the alternative gold sets) as its
   *centre* sentence; the looser "window" figure also counts a gold sentence among the centre's
   neighbours. Baseline: plain BM25 (lower-cased word tokens, no stemming, no stop words) over
   single sentences, computed here.
2. Verdicts (same file, all items): balanced accuracy of "supported" vs the rest, against the
   label. Baseline: the share of the claim's content tokens found anywhere on the page, at the
   threshold that scores best on this very data (so an optimistic baseline).
3. Mismatch spans (non_supported_tokens/dev): precision and recall of the claim tokens that
   ``verify`` marks (any Mismatch of kind number or date) against ``non_supported_spans``,
   counted on number and date tokens only (a digit, or a month name). Baseline: a number or date
   token absent from the page text.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

from citecheck import evidence
from citecheck.model import Source

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "wice"
RETRIEVAL = DATA / "entailment_retrieval" / "dev.jsonl"
TOKENS = DATA / "non_supported_tokens" / "dev.jsonl"

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}


def _load(path: Path, limit: int | None) -> list[dict]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                items.append(json.loads(line))
            if limit and len(items) >= limit:
                break
    return items


def _page(item: dict, n: int) -> tuple[Source, list[int]]:
    """The page as a Source (sentences 1.. joined by blank lines) and each sentence's start."""
    starts = []
    parts = []
    pos = 0
    for sentence in item["evidence"][1:]:
        starts.append(pos)
        parts.append(sentence)
        pos += len(sentence) + 2
    return Source(id=f"wice-{n}", text="\n\n".join(parts), status="file"), starts


def _sentence_of(starts: list[int], offset: int) -> int:
    """Evidence index (1-based, as in the gold sets) of the sentence holding ``offset``."""
    return bisect.bisect_right(starts, offset)


# ------------------------------------------------------------------ plain BM25 baseline

_WORD = re.compile(r"\w+")


def _bm25_rank(claim: str, sentences: list[str]) -> list[int]:
    docs = [Counter(_WORD.findall(s.lower())) for s in sentences]
    lengths = [sum(d.values()) for d in docs]
    avgdl = (sum(lengths) / len(lengths)) if lengths else 1.0
    n = len(docs)
    df = Counter(t for d in docs for t in d)
    query = _WORD.findall(claim.lower())
    scores = []
    for i, d in enumerate(docs):
        s = 0.0
        for t in query:
            tf = d.get(t, 0)
            if tf:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[i] / (avgdl or 1)))
        scores.append(s)
    return sorted(range(n), key=lambda i: (-scores[i], i))


# ------------------------------------------------------------------ 1 + 2

def bench_retrieval(items: list[dict]) -> tuple[str, str]:
    hits: Counter[str] = Counter()
    counted = 0
    y_true, y_pred, base_cov = [], [], []
    started = time.perf_counter()
    for n, item in enumerate(items):
        source, starts = _page(item, n)
        claim = item["claim"]
        gold = {i for group in item.get("supporting_sentences") or [] for i in group}
        idx = evidence._index(source)
        ranked = evidence._rank(idx, evidence.strip_citation_markers(claim), 3)
        if gold:
            counted += 1
            centres = [_sentence_of(starts, idx.units[r.uid][0]) for r in ranked]
            windows = []
            for r in ranked:
                ws, we = idx.window(r.uid)
                windows.append({_sentence_of(starts, ws), _sentence_of(starts, we - 1)} |
                               {_sentence_of(starts, idx.units[r.uid][0])})
            windows = [set(range(min(w), max(w) + 1)) for w in windows]
            hits["c1"] += bool(centres[:1] and centres[0] in gold)
            hits["c3"] += any(c in gold for c in centres[:3])
            hits["w1"] += bool(windows[:1] and windows[0] & gold)
            hits["w3"] += any(w & gold for w in windows[:3])
            order = _bm25_rank(claim, item["evidence"][1:])
            hits["b1"] += (order[0] + 1) in gold if order else False
            hits["b3"] += any((i + 1) in gold for i in order[:3])
        verdict = evidence.verify(claim, source).verdict
        y_true.append(item["label"] == "supported")
        y_pred.append(verdict == "supported")
        page_tokens = set(_WORD.findall(source.text.lower()))
        claim_tokens = [t for t in _WORD.findall(claim.lower()) if t not in evidence._STOP_WORDS]
        base_cov.append(sum(t in page_tokens for t in claim_tokens) / max(1, len(claim_tokens)))
    elapsed = time.perf_counter() - started
    c = max(1, counted)
    table1 = "\n".join([
        f"Passage finding — WiCE entailment_retrieval dev, {counted} items with gold evidence",
        "",
        "| ranker | hit@1 | hit@3 |",
        "|---|---|---|",
        f"| plain BM25 over sentences (baseline) | {hits['b1'] / c:.3f} | {hits['b3'] / c:.3f} |",
        f"| citecheck, centre sentence | {hits['c1'] / c:.3f} | {hits['c3'] / c:.3f} |",
        f"| citecheck, any sentence of the window | {hits['w1'] / c:.3f} | {hits['w3'] / c:.3f} |",
    ])
    best_t, best_ba = 0.0, 0.0
    for t in [i / 20 for i in range(21)]:
        ba = _balanced(y_true, [v >= t for v in base_cov])
        if ba > best_ba:
            best_t, best_ba = t, ba
    ours = _balanced(y_true, y_pred)
    table2 = "\n".join([
        (f"Verdicts — supported vs not, WiCE entailment_retrieval dev, {len(items)} items "
         f"({sum(y_true)} supported); {elapsed:.1f} s for all of section 1 and 2"),
        "",
        "| method | balanced accuracy | predicted supported |",
        "|---|---|---|",
        (f"| token coverage of the page >= {best_t:.2f} (baseline, threshold tuned on this data) "
         f"| {best_ba:.3f} | {sum(v >= best_t for v in base_cov)} |"),
        f"| citecheck.verify | {ours:.3f} | {sum(y_pred)} |",
    ])
    return table1, table2


def _balanced(y_true: list[bool], y_pred: list[bool]) -> float:
    tp = sum(t and p for t, p in zip(y_true, y_pred))
    tn = sum((not t) and (not p) for t, p in zip(y_true, y_pred))
    pos = sum(y_true)
    neg = len(y_true) - pos
    return ((tp / pos if pos else 0) + (tn / neg if neg else 0)) / 2


# ------------------------------------------------------------------ 3

def _is_figure_token(token: str) -> bool:
    return any(ch.isdigit() for ch in token) or token.lower() in _MONTHS


def _token_offsets(claim: str, tokens: list[str]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for token in tokens:
        i = claim.find(token, pos)
        if i < 0:
            out.append((-1, -1))
            continue
        out.append((i, i + len(token)))
        pos = i + len(token)
    return out


def bench_mismatch(items: list[dict]) -> str:
    tp = fp = fn = 0
    btp = bfp = bfn = 0
    by_rule: Counter[str] = Counter()
    for n, item in enumerate(items):
        source, _ = _page(item, n)
        claim = item["claim"]
        tokens = item["claim_tokens"]
        gold = item["non_supported_spans"]
        offsets = _token_offsets(claim, tokens)
        result = evidence.verify(claim, source)
        spans = [(m.start, m.end) for m in result.mismatches if m.kind in ("number", "date")]
        for m in result.mismatches:
            by_rule[m.rule] += 1
        page_lower = source.text.lower()
        page_figures = evidence._figures(source.text)
        for token, (s, e), g in zip(tokens, offsets, gold):
            if not _is_figure_token(token):
                continue
            pred = s >= 0 and any(a < e and s < b for a, b in spans)
            tp += pred and g
            fp += pred and not g
            fn += (not pred) and g
            if any(ch.isdigit() for ch in token):
                figs = evidence._figures(token)
                absent = bool(figs) and not figs & page_figures
            else:
                absent = token.lower() not in page_lower
            btp += absent and g
            bfp += absent and not g
            bfn += (not absent) and g

    def pr(a: int, b: int, c: int) -> tuple[float, float]:
        return (a / (a + b) if a + b else 0.0), (a / (a + c) if a + c else 0.0)

    p, r = pr(tp, fp, fn)
    bp, br = pr(btp, bfp, bfn)
    rules = ", ".join(f"{k}: {v}" for k, v in sorted(by_rule.items()))
    return "\n".join([
        (f"Mismatch spans on number/date tokens — WiCE non_supported_tokens dev, {len(items)} claims "
         f"({tp + fn} unsupported number/date tokens)"),
        "",
        "| method | precision | recall | tp | fp | fn |",
        "|---|---|---|---|---|---|",
        f"| number absent from the page (baseline) | {bp:.3f} | {br:.3f} | {btp} | {bfp} | {bfn} |",
        f"| citecheck.verify mismatches | {p:.3f} | {r:.3f} | {tp} | {fp} | {fn} |",
        "",
        f"Mismatches by rule: {rules or 'none'}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items of each file")
    args = parser.parse_args(argv)
    if not RETRIEVAL.exists() and not TOKENS.exists():
        print(f"WiCE data not found under {DATA}; nothing to measure.")
        return 0
    if RETRIEVAL.exists():
        t1, t2 = bench_retrieval(_load(RETRIEVAL, args.limit))
        print(t1, end="\n\n")
        print(t2, end="\n\n")
    if TOKENS.exists():
        print(bench_mismatch(_load(TOKENS, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
