"""End to end on real claims: WiCE, FEVER-Symmetric and Check-COVID turned into essays and run
through the CLI (``citecheck check --offline --format json``).

Run: python bench/essays.py [--limit N] [--jobs N] [--keep DIR] [-v]   (prints Markdown tables;
skips cleanly when ../shared/benchmarks is absent).

How the essays are made (nothing is copied into the project; everything is written to a
temporary directory at run time):

- **WiCE** (``wice/entailment_retrieval/dev.jsonl``, Kamoi et al. 2023): the claims of one
  Wikipedia article form one plain-text essay; each claim is one paragraph ending in ``[@key]``
  (the marker goes before the final full stop). The cited web page's sentences (item 0 of
  ``evidence`` is metadata: its title goes into the entry's ``title``) are the entry's local
  ``file``, one sentence per paragraph, the title first. Labels: supported / partially_supported / not_supported.
- **WiCE non-supported tokens** (``wice/non_supported_tokens/dev.jsonl``): the same, one
  paragraph per sub-claim; the number and date tokens the annotators marked as not backed are
  compared with the claim's mismatches (``claims[].mismatches[].span`` in the JSON report).
- **WiCE train, evaluation only** (``wice/non_supported_tokens/train.jsonl``, 374 partially
  supported sub-claims with their pages and gold sentences; no article in common with dev): made
  like WiCE dev, and read only for the passage shown first, alarm recall, the share judged
  supported, and the precision of every marked span (absent details, figures, contrasts) against
  the tokens the annotators marked as not backed. Nothing was tuned on
  it (``-v`` lists nothing of it), so it checks that what was chosen on the dev tuning half holds.
  Its number/date tokens are also a last row of the tokens table (evaluation only).
- **FEVER-Symmetric** (``fever-symmetric/dev.jsonl``): each claim is a paragraph citing a file
  holding its one evidence sentence; 50 paragraphs per essay.
- **Check-COVID** (``check-covid/dev``): each news claim cites the abstract (title + sentences)
  of its paper. A claim listed twice for one paper (once NOTENOUGHINFO for a sentence set that
  says nothing, once SUPPORT/REFUTE) is counted once with the informative label, since the
  essay cites the whole abstract.

What is measured per claim (one paragraph; if the essay's sentence splitter cuts it in several
claims, the paragraph's verdict is the worst of theirs and its findings are all of theirs):

- an **alarm** is a finding that says the source does not back the claim: claim-unsupported,
  claim-partly-supported, claim-contradicted, number-mismatch, date-mismatch, quote-not-found,
  quote-altered, computed-mismatch. Alarm precision is the share of alarmed claims that are not
  labelled supported; recall is per label; the false-alarm rate is alarms on supported claims.
- the **verdict** (supported vs the rest) gives the balanced accuracy and a confusion matrix.
- the **passage shown first** (``claims[].evidence[0]``) holds a gold sentence when a gold
  sentence (of any alternative set) is inside it (whitespace folded) or it lies inside one.

Tune on one half, report both: WiCE items are split by article (crc32 of the Wikipedia title,
even = tuning half, as ``bench/accuracy.py``), Check-COVID by paper (crc32 of ``cord_id``),
FEVER-Symmetric by contrastive group (items sharing a claim or an evidence sentence, crc32 of the
group's smallest id). Only the tuning half may be looked at when changing the code (``-v`` lists
the tuning half's misses and false alarms only).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks"
WICE = DATA / "wice" / "entailment_retrieval" / "dev.jsonl"
TOKENS = DATA / "wice" / "non_supported_tokens" / "dev.jsonl"
TRAIN = DATA / "wice" / "non_supported_tokens" / "train.jsonl"
FEVER = DATA / "fever-symmetric" / "dev.jsonl"
COVID = DATA / "check-covid" / "dev" / "covidCheck_dev_composed+extracted.json"
COVID_CORPUS = DATA / "check-covid" / "corpus.json"

ALARM_RULES = frozenset({"claim-unsupported", "claim-partly-supported", "claim-contradicted",
                         "number-mismatch", "date-mismatch", "quote-not-found", "quote-altered",
                         "computed-mismatch"})
VERDICT_RANK = {"contradicted": 4, "unsupported": 3, "partially_supported": 2, "unverifiable": 1,
                "supported": 0}
VERDICTS = ["supported", "partially_supported", "unsupported", "contradicted", "unverifiable", "none"]
HALVES = ("tune", "held-out")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}


@dataclass
class Item:
    """One claim made into one paragraph of an essay, and what came back for it."""

    dataset: str
    key: str
    half: str  # tune | held-out
    label: str
    claim: str
    essay: str  # file name of the essay (without directory)
    gold: list[str] = field(default_factory=list)  # gold evidence sentences (any alternative set)
    tokens: list[str] = field(default_factory=list)
    token_gold: list[bool] = field(default_factory=list)
    # filled from the report
    start: int = 0  # offsets of the claim's text in the essay
    end: int = 0
    verdict: str = "none"
    rules: Counter[str] = field(default_factory=Counter)
    first_passage: str | None = None
    marks: list[tuple[int, int]] = field(default_factory=list)  # number/date mismatch spans (essay offsets)
    detail_marks: list[tuple[int, int]] = field(default_factory=list)  # every mismatch span (essay offsets)
    reasons: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def alarm(self) -> bool:
        return any(rule in ALARM_RULES for rule in self.rules)


# --------------------------------------------------------------------------- loading

def _jsonl(path: Path, limit: int | None = None) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def _half(text: str) -> str:
    return "tune" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "held-out"


def _slug(text: str, n: int = 40) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:n] or "x"


def _title(evidence: list[str]) -> str:
    first = evidence[0] if evidence else ""
    return first.split("TITLE:", 1)[1].strip() if "TITLE:" in first else ""


def _gold_sentences(item: dict) -> list[str]:
    indices = sorted({i for group in item.get("supporting_sentences") or [] for i in group})
    return [item["evidence"][i] for i in indices if 0 < i < len(item["evidence"])]


@dataclass
class Page:
    key: str
    title: str
    sentences: list[str]


def load_wice(path: Path, limit: int | None, dataset: str) -> tuple[list[Item], dict[str, Page]]:
    items, pages = [], {}
    for n, raw in enumerate(_jsonl(path, limit)):
        meta = raw.get("meta") or {}
        title = meta.get("claim_title") or raw["claim"]
        key = f"{dataset}-{meta.get('id') or n}".replace(" ", "-")
        item = Item(dataset, key, _half(title), raw["label"], raw["claim"], f"{_slug(title)}-{zlib.crc32(title.encode()):08x}.txt",
                    gold=_gold_sentences(raw))
        if "claim_tokens" in raw:
            item.tokens = raw["claim_tokens"]
            item.token_gold = raw["non_supported_spans"]
        items.append(item)
        # The page's title (evidence item 0) is its first line, as on the page itself.
        title_line = [_title(raw["evidence"])] if _title(raw["evidence"]) else []
        pages[key] = Page(key, _title(raw["evidence"]), title_line + raw["evidence"][1:])
    return items, pages


from accuracy import _detok  # FEVER's tokenised text back to prose, as bench/accuracy.py reads it


def load_fever(path: Path, limit: int | None) -> tuple[list[Item], dict[str, Page]]:
    raws = [r for r in _jsonl(path, limit) if r.get("label") in ("SUPPORTS", "REFUTES")]
    # Contrastive groups: items sharing a claim or an evidence sentence (union-find).
    parent = list(range(len(raws)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, r in enumerate(raws):
        for text in ("c:" + r["claim"], "e:" + r["evidence"]):
            if text in first:
                parent[find(i)] = find(first[text])
            else:
                first[text] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(raws)):
        groups[find(i)].append(i)
    half_of = {}
    for members in groups.values():
        half = _half(min(str(raws[i]["id"]) for i in members))
        for i in members:
            half_of[i] = half
    items, pages = [], {}
    for i, r in enumerate(raws):
        key = f"fever-{r['id']}-{i}"
        items.append(Item("fever", key, half_of[i], r["label"], _detok(r["claim"]), f"fever-{i // 50:03d}.txt",
                          gold=[_detok(r["evidence"])]))
        pages[key] = Page(key, "", [_detok(r["evidence"])])
    return items, pages


def load_covid(path: Path, corpus_path: Path, limit: int | None) -> tuple[list[Item], dict[str, Page]]:
    corpus = {r["cord_id"]: r for r in _jsonl(corpus_path)}
    merged: dict[tuple[str, str], dict] = {}
    for r in _jsonl(path, limit):
        if r["cord_id"] not in corpus:
            continue
        k = (r["cord_id"], r["claim"])
        if k not in merged or merged[k]["label"] == "NOTENOUGHINFO":
            merged[k] = r
    items, pages = [], {}
    for (cord, claim), r in merged.items():
        key = f"covid-{cord}"
        paper = corpus[cord]
        abstract = paper["abstract"]
        gold = [abstract[e["sent_index"]] for e in r.get("evidence_set") or []
                if r["label"] != "NOTENOUGHINFO" and 0 <= e["sent_index"] < len(abstract)]
        items.append(Item("covid", f"{key}-{len(items)}", _half(cord), r["label"], claim, f"covid-{cord}.txt",
                          gold=gold))
        pages[key] = Page(key, paper.get("title") or "", list(abstract))
    return items, pages


# --------------------------------------------------------------------------- writing the essays

def _paragraph(claim: str, key: str) -> tuple[str, int, int]:
    """The claim with its citation before the final stop; the claim's span in the paragraph."""
    claim = " ".join(claim.split())
    m = re.search(r"([.!?])([\"”’')]*)$", claim)
    if m:
        body = claim[: m.start()] + m.group(2)
        return f"{body} [@{key}]{m.group(1)}", 0, len(body)
    return f"{claim} [@{key}]", 0, len(claim)


def _bib_value(text: str) -> str:
    return re.sub(r"[{}\\]", "", " ".join(text.split()))


def write_essays(root: Path, items: list[Item], pages: dict[str, Page], page_key) -> None:
    """One directory per dataset: essays, references.bib, pages/."""
    (root / "pages").mkdir(parents=True, exist_ok=True)
    bib = []
    for key, page in pages.items():
        (root / "pages" / f"{key}.txt").write_text("\n\n".join(" ".join(s.split()) for s in page.sentences) + "\n",
                                                   encoding="utf-8")
        fields = [f"  file = {{pages/{key}.txt}}"]
        if page.title:
            fields.insert(0, f"  title = {{{_bib_value(page.title)}}}")
        bib.append(f"@misc{{{key},\n" + ",\n".join(fields) + "\n}\n")
    (root / "references.bib").write_text("\n".join(bib), encoding="utf-8")
    essays: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        essays[item.essay].append(item)
    for name, members in essays.items():
        parts, pos = [], 0
        for item in members:
            text, s, e = _paragraph(item.claim, page_key(item))
            item.start, item.end = pos + s, pos + e
            parts.append(text)
            pos += len(text) + 2
        (root / name).write_text("\n\n".join(parts) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- running the CLI

def run_cli(directory: Path, jobs: int) -> list[dict]:
    """``citecheck check DIR --offline --format json`` in ``jobs`` processes (``--shard k/n``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
               NO_COLOR="1")
    cache = directory / ".cache"
    procs = []
    for k in range(1, jobs + 1):
        cmd = [sys.executable, "-m", "citecheck.cli", "check", str(directory), "--offline", "--format", "json",
               "--fail-on", "never", "-q", "--cache-dir", str(cache)]
        if jobs > 1:
            cmd += ["--shard", f"{k}/{jobs}"]
        procs.append(subprocess.Popen(cmd, cwd=directory, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True))
    documents = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"citecheck failed ({proc.returncode}): {err[-2000:]}")
        documents.extend(json.loads(out)["documents"])
    return documents


def read_report(documents: list[dict], items: list[Item]) -> None:
    by_essay: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_essay[item.essay].append(item)
    for doc in documents:
        members = by_essay.get(Path(doc["path"]).name, [])
        if doc.get("error"):
            for item in members:
                item.reasons.append(doc["error"])
            continue
        for item in members:
            lo, hi = item.start, item.end + 8  # the marker and stop after the claim belong to it
            own = [c for c in doc["claims"] if c["span"] and lo <= c["span"]["start"] < hi]
            if own:
                item.verdict = max((c["verdict"] for c in own), key=lambda v: VERDICT_RANK.get(v, 0))
                item.reasons = [c.get("reason") or "" for c in own]
                main = max(own, key=lambda c: c["span"]["end"] - c["span"]["start"])
                if main["evidence"]:
                    item.first_passage = main["evidence"][0]["text"]
                for c in own:
                    for m in c.get("mismatches") or []:
                        # A figure token is marked by any detail covering it: a number, a date,
                        # or a name written with digits ("8VC", "CBB12").
                        if m.get("span") and m["kind"] in ("number", "date", "name"):
                            item.marks.append((m["span"]["start"], m["span"]["end"]))
                        if m.get("span"):
                            item.detail_marks.append((m["span"]["start"], m["span"]["end"]))
            for f in doc["findings"]:
                if f["span"] and lo <= f["span"]["start"] < hi:
                    item.rules[f["rule"]] += 1
                    item.messages.append(f"{f['rule']}: {f['message']}")


# --------------------------------------------------------------------------- tables

def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "–"


def _balanced(pairs: Iterable[tuple[bool, bool]]) -> float:
    pairs = list(pairs)
    pos = [p for t, p in pairs if t]
    neg = [p for t, p in pairs if not t]
    if not pos or not neg:
        return float("nan")
    return (sum(pos) / len(pos) + sum(not p for p in neg) / len(neg)) / 2


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()


def holds_gold(passage: str | None, gold: list[str]) -> bool:
    if not passage:
        return False
    p = _fold(passage)
    return any(_fold(g) in p or (len(p) >= 40 and p in _fold(g)) for g in gold if g.strip())


def _columns(items: list[Item]) -> list[tuple[str, list[Item]]]:
    return [(h, [i for i in items if i.half == h]) for h in HALVES] + [("all", items)]


def wice_tables(items: list[Item]) -> str:
    cols = _columns(items)
    header = "| measure | " + " | ".join(f"{name} half ({len(its)})" if name != "all" else f"all ({len(its)})"
                                         for name, its in cols) + " |"
    rows = [header, "|---" * (len(cols) + 1) + "|"]

    def row(name: str, fn) -> None:
        rows.append(f"| {name} | " + " | ".join(fn(its) for _, its in cols) + " |")

    def not_sup(its: list[Item]) -> list[Item]:
        return [i for i in its if i.label != "supported"]

    row("alarm precision (alarmed claims not labelled supported)",
        lambda its: _ratio(sum(i.alarm for i in not_sup(its)), sum(i.alarm for i in its)))
    for label in ("not_supported", "partially_supported"):
        row(f"alarm recall, {label}",
            lambda its, label=label: _ratio(sum(i.alarm for i in its if i.label == label),
                                            sum(i.label == label for i in its)))
    row("alarm recall, not supported (both labels)",
        lambda its: _ratio(sum(i.alarm for i in not_sup(its)), len(not_sup(its))))
    row("alarms on supported claims",
        lambda its: _ratio(sum(i.alarm for i in its if i.label == "supported"),
                           sum(i.label == "supported" for i in its)))
    row("verdict balanced accuracy, supported vs not",
        lambda its: f"{_balanced((i.label == 'supported', i.verdict == 'supported') for i in its):.3f}")
    row("partially supported claims with any finding",
        lambda its: _ratio(sum(bool(i.rules) for i in its if i.label == "partially_supported"),
                           sum(i.label == "partially_supported" for i in its)))
    row("passage shown first holds a gold sentence",
        lambda its: _ratio(sum(holds_gold(i.first_passage, i.gold) for i in its if i.gold),
                           sum(bool(i.gold) for i in its)))
    row("median length of the passage shown first (chars)",
        lambda its: (f"{statistics.median(len(i.first_passage) for i in its if i.first_passage):.0f}"
                     if any(i.first_passage for i in its) else "–"))
    out = ["WiCE entailment_retrieval dev, end to end — " + _essay_note(items), "", *rows, ""]

    # confusion matrix per half
    for name, its in cols[:2]:
        out += [f"Verdicts, {name} half (rows: WiCE label; columns: citecheck verdict)", "",
                "| label | " + " | ".join(VERDICTS) + " |", "|---" * (len(VERDICTS) + 1) + "|"]
        for label in ("supported", "partially_supported", "not_supported"):
            counts = Counter(i.verdict for i in its if i.label == label)
            out.append(f"| {label} | " + " | ".join(str(counts[v]) for v in VERDICTS) + " |")
        out.append("")
    out += _rule_table(items, ("supported", "partially_supported", "not_supported"))
    return "\n".join(out)


def passage_tables(items: list[Item]) -> str:
    """The passage shown first and alarm recall on WiCE train (evaluation only)."""
    cols = _columns(items)
    rows = ["| measure | " + " | ".join(f"{name} ({len(its)})" for name, its in cols) + " |",
            "|---" * (len(cols) + 1) + "|"]
    rows.append("| passage shown first holds a gold sentence | " + " | ".join(
        _ratio(sum(holds_gold(i.first_passage, i.gold) for i in its if i.gold), sum(bool(i.gold) for i in its))
        for _, its in cols) + " |")
    rows.append("| median length of the passage shown first (chars) | " + " | ".join(
        f"{statistics.median(len(i.first_passage) for i in its if i.first_passage):.0f}"
        if any(i.first_passage for i in its) else "–" for _, its in cols) + " |")
    rows.append("| alarm recall (all partially supported) | " + " | ".join(
        _ratio(sum(i.alarm for i in its), len(its)) for _, its in cols) + " |")
    title = "WiCE non_supported_tokens train, evaluation only (never tuned on) — " + _essay_note(items)
    return "\n".join([title, "", *rows, ""])


def _passage_misses(items: list[Item]) -> str:
    chosen = [i for i in items if i.half == "tune" and i.gold and not holds_gold(i.first_passage, i.gold)]
    lines = [f"wice: passage shown first without a gold sentence (tuning half): {len(chosen)}"]
    for i in chosen:
        lines.append(f"- [{i.key}] {i.claim}")
        lines.append(f"    shown: {' '.join((i.first_passage or '(none)').split())[:400]}")
        for g in i.gold[:3]:
            lines.append(f"    gold: {' '.join(g.split())[:300]}")
    return "\n".join(lines) + "\n"


def _essay_note(items: list[Item]) -> str:
    return f"{len(items)} claims in {len({i.essay for i in items})} essays"


def _rule_table(items: list[Item], labels: tuple[str, ...]) -> list[str]:
    rules = sorted({r for i in items for r in i.rules})
    out = ["Findings per rule (claims with at least one; both halves)", "",
           "| rule | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
    totals = Counter(i.label for i in items)
    for rule in rules:
        out.append(f"| {rule} | " + " | ".join(
            f"{sum(1 for i in items if i.label == lb and i.rules[rule])}/{totals[lb]}" for lb in labels) + " |")
    if not rules:
        out.append("| (none) |" + " |" * len(labels))
    return out + [""]


def pair_tables(items: list[Item], title: str, positive: str, negative: str, extra: tuple[str, ...] = ()) -> str:
    cols = _columns(items)
    header = "| measure | " + " | ".join(f"{name} ({len(its)})" for name, its in cols) + " |"
    rows = [header, "|---" * (len(cols) + 1) + "|"]

    def row(name: str, fn) -> None:
        rows.append(f"| {name} | " + " | ".join(fn(its) for _, its in cols) + " |")

    row(f"`contradicted` precision ({negative} among contradicted)",
        lambda its: _ratio(sum(i.verdict == "contradicted" for i in its if i.label == negative),
                           sum(i.verdict == "contradicted" for i in its)))
    row(f"`contradicted` recall on {negative}",
        lambda its: _ratio(sum(i.verdict == "contradicted" for i in its if i.label == negative),
                           sum(i.label == negative for i in its)))
    row(f"any alarm on {negative}",
        lambda its: _ratio(sum(i.alarm for i in its if i.label == negative), sum(i.label == negative for i in its)))
    row(f"any alarm on {positive} (false alarms)",
        lambda its: _ratio(sum(i.alarm for i in its if i.label == positive), sum(i.label == positive for i in its)))
    row(f"verdict supported on {positive}",
        lambda its: _ratio(sum(i.verdict == "supported" for i in its if i.label == positive),
                           sum(i.label == positive for i in its)))
    labels = (positive, negative, *extra)
    out = [f"{title}, end to end — {_essay_note(items)}", "", *rows, "",
           "Verdicts, both halves (rows: label; columns: citecheck verdict)", "",
           "| label | " + " | ".join(VERDICTS) + " |", "|---" * (len(VERDICTS) + 1) + "|"]
    for label in labels:
        counts = Counter(i.verdict for i in items if i.label == label)
        out.append(f"| {label} | " + " | ".join(str(counts[v]) for v in VERDICTS) + " |")
    out.append("")
    out += _rule_table(items, labels)
    return "\n".join(out)


def _is_figure_token(token: str) -> bool:
    return any(ch.isdigit() for ch in token) or token.lower() in _MONTHS


def token_tables(items: list[Item], verbose: bool = False, train: list[Item] | None = None) -> str:
    """Number/date token P/R per dev half and all dev; ``train`` items (evaluation only) as a last row."""
    stats = {h: Counter() for h in (*HALVES, "all")}
    for item in train or []:
        item.half = "train"
    if train:
        stats["train (eval only)"] = Counter()
    wrong: list[str] = []
    for item in [*items, *(train or [])]:
        pos = 0
        for token, gold in zip(item.tokens, item.token_gold):
            i = item.claim.find(token, pos)
            if i < 0:
                continue
            pos = i + len(token)
            if not _is_figure_token(token):
                continue
            s, e = item.start + i, item.start + i + len(token)
            pred = any(a < e and s < b for a, b in item.marks)
            if verbose and item.half == "tune" and pred != gold:
                wrong.append(f"- {'false mark' if pred else 'missed'} {token!r} [{item.key}]: {item.claim}")
            for h in (("train (eval only)",) if item.half == "train" else (item.half, "all")):
                stats[h]["tp"] += pred and gold
                stats[h]["fp"] += pred and not gold
                stats[h]["fn"] += (not pred) and gold
    rows = ["| half | precision | recall | tp | fp | fn |", "|---|---|---|---|---|---|"]
    for h, c in stats.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        rows.append(f"| {h} | {p:.3f} | {r:.3f} | {c['tp']} | {c['fp']} | {c['fn']} |")
    title = ("WiCE non_supported_tokens dev, number/date tokens marked by a mismatch, end to end — "
             + _essay_note(items) + (f"; train (eval only): {_essay_note(train)}" if train else ""))
    extra = ["", "Tuning half, wrong tokens:", *wrong] if verbose else []
    return "\n".join([title, "", *rows, "", *extra])


def heldout_tokens_table(items: list[Item]) -> str:
    """WiCE non_supported_tokens *train* (every claim partially supported; evaluation only, never
    looked at to tune): how often a claim gets the verdict supported, and how precise
    the claim's marked spans (every mismatch: absent details, figures, contrasts) are against the
    tokens the annotators marked as not backed (any token, not only figures)."""
    supported = sum(i.verdict == "supported" for i in items)
    tp = fp = fn = 0
    for item in items:
        pos = 0
        for token, gold in zip(item.tokens, item.token_gold):
            i = item.claim.find(token, pos)
            if i < 0:
                continue
            pos = i + len(token)
            if not any(ch.isalnum() for ch in token):
                continue
            s, e = item.start + i, item.start + i + len(token)
            pred = any(a < e and s < b for a, b in item.detail_marks)
            tp += pred and gold
            fp += pred and not gold
            fn += (not pred) and gold
    rows = ["| measure | all |", "|---|---|",
            f"| claims judged supported | {_ratio(supported, len(items))} |",
            f"| marked tokens that annotators marked not backed (precision) | {_ratio(tp, tp + fp)} |",
            f"| not-backed tokens marked (recall) | {_ratio(tp, tp + fn)} |"]
    title = ("WiCE non_supported_tokens train, verdicts and marked spans (all partially supported; "
             "evaluation only, never tuned on)")
    return "\n".join([title, "", *rows, ""])


def _details(items: list[Item], title: str, keep) -> str:
    chosen = [i for i in items if i.half == "tune" and keep(i)]
    lines = [f"{title} (tuning half): {len(chosen)}"]
    for i in chosen:
        lines.append(f"- [{i.key}] {i.label} → {i.verdict}: {i.claim}")
        if i.dataset == "fever" and i.gold:
            lines.append(f"    source: {i.gold[0][:300]}")  # FEVER's source is this one sentence
        for m in i.messages:
            lines.append(f"    · {m[:300]}")
        if not i.messages and i.reasons:
            lines.append(f"    · reason: {'; '.join(r for r in i.reasons if r)[:300]}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items of each file")
    parser.add_argument("--jobs", type=int, default=1, help="CLI processes per data set (--shard k/n)")
    parser.add_argument("--only", choices=["wice", "tokens", "fever", "covid", "train"], action="append",
                        help="run only these data sets (repeatable)")
    parser.add_argument("--keep", type=Path, default=None, help="write the essays here and keep them")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the tuning half's false alarms and misses")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"benchmark data not found under {DATA}; nothing to measure.")
        return 0
    wanted = set(args.only or ["wice", "tokens", "fever", "covid", "train"])
    loaders = {
        "wice": (WICE, lambda: load_wice(WICE, args.limit, "wice"), lambda i: i.key),
        "tokens": (TOKENS, lambda: load_wice(TOKENS, args.limit, "tokens"), lambda i: i.key),
        "fever": (FEVER, lambda: load_fever(FEVER, args.limit), lambda i: i.key),
        "covid": (COVID, lambda: load_covid(COVID, COVID_CORPUS, args.limit), lambda i: i.key.rsplit("-", 1)[0]),
        "train": (TRAIN, lambda: load_wice(TRAIN, args.limit, "train"), lambda i: i.key),
    }
    with tempfile.TemporaryDirectory(prefix="citecheck-essays-") as tmp:
        base = args.keep or Path(tmp)
        for name in ("wice", "tokens", "fever", "covid", "train"):
            path, load, page_key = loaders[name]
            if name not in wanted:
                continue
            if not path.exists():
                print(f"{path} not found; {name} skipped.\n")
                continue
            items, pages = load()
            directory = base / name
            write_essays(directory, items, pages, page_key)
            started = time.perf_counter()
            read_report(run_cli(directory, args.jobs), items)
            elapsed = time.perf_counter() - started
            if name == "wice":
                text = wice_tables(items)
            elif name == "tokens":
                train: list[Item] = []
                if TRAIN.exists():
                    train, train_pages = load_wice(TRAIN, args.limit, "tokens-train")
                    write_essays(base / "tokens-train", train, train_pages, page_key)
                    read_report(run_cli(base / "tokens-train", args.jobs), train)
                    elapsed = time.perf_counter() - started
                text = token_tables(items, args.verbose, train)
            elif name == "train":
                text = passage_tables(items) + "\n" + heldout_tokens_table(items)
            elif name == "fever":
                text = pair_tables(items, "FEVER-Symmetric dev", "SUPPORTS", "REFUTES")
            else:
                text = pair_tables(items, "Check-COVID dev", "SUPPORT", "REFUTE", ("NOTENOUGHINFO",))
            print(text.rstrip("\n") + f"\n\n({name}: {elapsed:.1f} s in the CLI)\n", flush=True)
            if args.verbose and name == "wice":
                print(_passage_misses(items))
            if args.verbose and name != "train":
                positive = {"wice": "supported", "tokens": "supported", "fever": "SUPPORTS", "covid": "SUPPORT"}[name]
                print(_details(items, f"{name}: false alarms", lambda i, p=positive: i.label == p and i.alarm))
                print(_details(items, f"{name}: misses", lambda i, p=positive: i.label != p and not i.alarm
                               and i.label != "NOTENOUGHINFO"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
