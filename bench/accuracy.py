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
   threshold that scores best on this very data (so an optimistic baseline). WiCE has no train
   split of this file, so verify()'s verdict thresholds were chosen on one half of it: the
   *tuning* half is the claims whose Wikipedia article title hashes even (crc32), the *held-out*
   half the rest; the table reports both halves (the baseline's threshold then tuned on the
   tuning half) and the false alarms on truly supported claims: verdict "unsupported" (what the
   claim-unsupported rule reports) and "contradicted".
3. Mismatch spans (non_supported_tokens/dev): precision and recall of the claim tokens that
   ``verify`` marks (any Mismatch of kind number or date) against ``non_supported_spans``,
   counted on number and date tokens only (a digit, or a month name). Baseline: a number or date
   token absent from the page text. ``-v`` lists the false positives.
4. FEVER-Symmetric (fever-symmetric/dev): a claim and one evidence sentence, SUPPORTS or
   REFUTES (minimal contrastive edits). How often verify() calls the pair contradicted, and how
   often it reports a number-mismatch or date-mismatch: on SUPPORTS pairs these are false alarms,
   on REFUTES pairs catches. Most refutations here are not about figures, so catches are few by
   design; the figure that matters is the false alarms. Report only: nothing was tuned on it.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import re
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

from citecheck import evidence
from citecheck.evidence import passages, ranking, terms
from citecheck.model import Source

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "wice"
RETRIEVAL = DATA / "entailment_retrieval" / "dev.jsonl"
TOKENS = DATA / "non_supported_tokens" / "dev.jsonl"
FEVER = DATA.parent / "fever-symmetric" / "dev.jsonl"

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


def tuning_half(item: dict) -> bool:
    """Whether a WiCE entailment_retrieval item is in the half verify()'s thresholds were tuned on."""
    title = item.get("meta", {}).get("claim_title") or item["claim"]
    return zlib.crc32(title.encode("utf-8")) % 2 == 0


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
    y_true, y_pred, base_cov, tuning, verdicts = [], [], [], [], []
    started = time.perf_counter()
    for n, item in enumerate(items):
        source, starts = _page(item, n)
        claim = item["claim"]
        gold = {i for group in item.get("supporting_sentences") or [] for i in group}
        idx = passages._index(source)
        ranked = ranking._rank(idx, evidence.strip_citation_markers(claim), 3)
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
        verdicts.append(verdict)
        tuning.append(tuning_half(item))
        y_true.append(item["label"] == "supported")
        y_pred.append(verdict == "supported")
        page_tokens = set(_WORD.findall(source.text.lower()))
        claim_tokens = [t for t in _WORD.findall(claim.lower()) if t not in terms._STOP_WORDS]
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
    def best_threshold(keep: list[bool]) -> float:
        yt = [y for y, k in zip(y_true, keep) if k]
        cov = [v for v, k in zip(base_cov, keep) if k]
        best_t, best_ba = 0.0, -1.0
        for t in [i / 20 for i in range(21)]:
            ba = _balanced(yt, [v >= t for v in cov])
            if ba > best_ba:
                best_t, best_ba = t, ba
        return best_t

    everything = [True] * len(items)
    held_out = [not t for t in tuning]
    t_all = best_threshold(everything)
    t_tune = best_threshold(tuning)

    def row(name: str, keep: list[bool], pred: list[bool]) -> str:
        yt = [y for y, k in zip(y_true, keep) if k]
        yp = [p for p, k in zip(pred, keep) if k]
        vs = [v for v, k in zip(verdicts, keep) if k]
        sup = [v for v, y in zip(vs, yt) if y]
        flags = sum(v == "unsupported" for v in sup) if pred is y_pred else "–"
        contra = sum(v == "contradicted" for v in sup) if pred is y_pred else "–"
        return f"| {name} | {_balanced(yt, yp):.3f} | {sum(yp)} | {flags} | {contra} |"

    halves = [("all of dev", everything), ("held-out half", held_out), ("tuning half", tuning)]
    lines = [
        (f"Verdicts — supported vs not, WiCE entailment_retrieval dev, {len(items)} items "
         f"({sum(y_true)} supported; held-out half {sum(held_out)} items, "
         f"{sum(y for y, k in zip(y_true, held_out) if k)} supported); "
         f"{elapsed:.1f} s for all of section 1 and 2"),
        "",
        ("| method | balanced accuracy | predicted supported | supported claims called unsupported "
         "(claim-unsupported) | supported claims called contradicted |"),
        "|---|---|---|---|---|",
        row(f"token coverage of the page >= {t_all:.2f} (baseline, threshold tuned on all of dev), all of dev",
            everything, [v >= t_all for v in base_cov]),
        row(f"token coverage of the page >= {t_tune:.2f} (baseline, tuned on the tuning half), held-out half",
            held_out, [v >= t_tune for v in base_cov]),
    ]
    lines += [row(f"citecheck.verify, {name}", keep, y_pred) for name, keep in halves]
    return table1, "\n".join(lines)


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


def bench_mismatch(items: list[dict], verbose: bool = False) -> str:
    tp = fp = fn = 0
    false_positives: list[str] = []
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
        page_figures = terms._figures(source.text)
        for token, (s, e), g in zip(tokens, offsets, gold):
            if not _is_figure_token(token):
                continue
            pred = s >= 0 and any(a < e and s < b for a, b in spans)
            if pred and not g and verbose:
                m = next(m for m in result.mismatches if m.kind in ("number", "date") and m.start < e and s < m.end)
                false_positives.append(f"- item {n}: {token!r} ({m.rule}: essay {m.found!r}, source {m.expected!r}) "
                                       f"in: {claim}")
            tp += pred and g
            fp += pred and not g
            fn += (not pred) and g
            if any(ch.isdigit() for ch in token):
                figs = terms._figures(token)
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
    ] + (["", "False positives:"] + (false_positives or ["- none"]) if verbose else []))


# ------------------------------------------------------------------ 4

_PTB = [("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"), ("-RCB-", "}"),
        ("``", '"'), ("''", '"'), (" --", " –")]


def _detok(text: str) -> str:
    """FEVER's tokenised text back to plain prose ("Vick -LRB- born June 26 , 1980 -RRB-")."""
    for a, b in _PTB:
        text = text.replace(a, b)
    text = re.sub(r"\s+([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{])\s+", r"\1", text)
    text = re.sub(r"\s+(['’](?:s|re|ve|ll|d|m|t)\b|n['’]t\b)", r"\1", text)
    text = re.sub(r"(\d)\s*,\s*(\d{3})\b", r"\1,\2", text)
    return text.strip()


def bench_fever(items: list[dict], verbose: bool = False) -> str:
    figure_rules = {"number-mismatch", "date-mismatch"}
    counts: dict[str, Counter[str]] = {"SUPPORTS": Counter(), "REFUTES": Counter()}
    alarms: list[str] = []
    for n, item in enumerate(items):
        label = item["label"]
        if label not in counts:
            continue
        claim = _detok(item["claim"])
        source = Source(id=f"fever-{n}", text=_detok(item["evidence"]), status="file")
        result = evidence.verify(claim, source)
        rules = {m.rule for m in result.mismatches}
        c = counts[label]
        c["pairs"] += 1
        c["figures"] += bool(_WORD.search(claim) and re.search(r"\d", claim))
        c["contradicted"] += result.verdict == "contradicted"
        c["figure"] += bool(rules & figure_rules)
        c["unsupported"] += result.verdict == "unsupported"
        if verbose and label == "SUPPORTS" and result.verdict == "contradicted":
            alarms.append(f"- {claim} | {result.reason}")

    def cell(label: str, key: str) -> str:
        c = counts[label]
        return f"{c[key]} ({c[key] / c['pairs']:.1%})" if c["pairs"] else "–"

    return "\n".join([
        (f"FEVER-Symmetric dev — claim vs one evidence sentence, {counts['SUPPORTS']['pairs']} SUPPORTS "
         f"and {counts['REFUTES']['pairs']} REFUTES pairs (claims with a digit: "
         f"{counts['SUPPORTS']['figures']} and {counts['REFUTES']['figures']})"),
        "",
        "| pairs | verdict contradicted | number-mismatch or date-mismatch | verdict unsupported |",
        "|---|---|---|---|",
        (f"| SUPPORTS (false alarms) | {cell('SUPPORTS', 'contradicted')} | {cell('SUPPORTS', 'figure')} "
         f"| {cell('SUPPORTS', 'unsupported')} |"),
        (f"| REFUTES (catches) | {cell('REFUTES', 'contradicted')} | {cell('REFUTES', 'figure')} "
         f"| {cell('REFUTES', 'unsupported')} |"),
    ] + (["", "Contradicted SUPPORTS pairs:"] + (alarms or ["- none"]) if verbose else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items of each file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and false alarms")
    args = parser.parse_args(argv)
    if not RETRIEVAL.exists() and not TOKENS.exists() and not FEVER.exists():
        print(f"benchmark data not found under {DATA.parent}; nothing to measure.")
        return 0
    if RETRIEVAL.exists():
        t1, t2 = bench_retrieval(_load(RETRIEVAL, args.limit))
        print(t1, end="\n\n")
        print(t2, end="\n\n")
    if TOKENS.exists():
        print(bench_mismatch(_load(TOKENS, args.limit), args.verbose), end="\n\n")
    if FEVER.exists():
        print(bench_fever(_load(FEVER, args.limit), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
