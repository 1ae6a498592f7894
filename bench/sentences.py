"""Throughput and boundary accuracy of `citecheck.claims.split_sentences`.

Throughput on 0.1, 1 and 5 MB of text (below). Accuracy: the sentences of the web pages WiCE
cites (../shared/benchmarks/wice/entailment_retrieval/dev.jsonl, `evidence`, split by WiCE's
own tool) are joined with spaces into one paragraph per page and split again; a gold boundary is
one after a sentence that ends in . ! or ? (optionally closed by a quote or bracket). Boundary
precision (a split we make is a gold boundary) and recall are printed, with the hard cases of
`HARD_CASES` (initials, honorifics, abbreviations, citations before the full stop); a second
row cuts every page as a paragraph over `LONG_PARAGRAPH` characters is cut (no syntok).

The text repeats ../shared/corpus/sources/khrushchev-1956-abridged.txt (paragraphs separated
by blank lines); when that file is absent, generated English-like paragraphs with abbreviations,
locators and parenthetical citations are used instead.  Prints a Markdown table with the best of
RUNS timings per size.  Usage: python bench/sentences.py [RUNS] [SIZE_MB ...] | --accuracy
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from citecheck.claims import split_sentences

CORPUS = ROOT.parent / "shared" / "corpus" / "sources" / "khrushchev-1956-abridged.txt"
WICE = ROOT.parent / "shared" / "benchmarks" / "wice" / "entailment_retrieval" / "dev.jsonl"
_GOLD_END = re.compile(r"[.!?][\"'”’)\]]*$")

# (text, its sentences): written by us, from issue 8's misses and their everyday relatives.
HARD_CASES = [
    ("It moved to Leeds \\citep[p.~3]{ellison}. The town grew.", 2),
    ("It moved to Leeds \\cite{ellison}. In 1902 the town grew.", 2),
    ("He cited it [@key, p. 3]. 1890 was the year.", 2),
    ("He cited it [@key, p. 3]. The year was 1890.", 2),
    ("It moved (Ellison, p. 3). 1890 was the year.", 2),
    ("The novel by J. R. Hartley was a hoax. It sold well.", 2),
    ("Directed by Steven S. DeKnight, it ran for years.", 1),
    ("It was made by Warner Bros. Pictures in 1999. It flopped.", 2),
    ("He joined Warner Bros. Records in 1970.", 1),
    ("He met Rev. Martin and Capt. Cook there.", 1),
    ("He met Prof. Higgins and Dr. Watson there.", 1),
    ("The film was made by Metro-Goldwyn-Mayer Inc. The film flopped.", 2),
    ("It was bought by Acme Co. The sale closed in May.", 2),
    ("He took vitamin D. The doctor approved.", 2),
    ("The plan was called Plan B. It failed.", 2),
]
SIZES_MB = (0.1, 1.0, 5.0)


def generated_text(seed: int = 1956) -> str:
    """About 100 kB of paragraphs exercising syntok and the re-join repairs."""
    rng = random.Random(seed)
    words = ["the", "party", "congress", "delegates", "report", "Stalin", "Khrushchev", "speech", "cult", "individual", "committee", "letter", "power", "years", "comrades", "history", "policy"]
    extras = ["U.S. govt. sources", "Dr. Smith", "see p. 418", "in pp. 12–14 of vol. 2",
              "some 26,000 words", "on 25 February 1956", "“a grave error”", "(cf. ch. 3)"]
    paragraphs = []
    size = 0
    while size < 100_000:
        sentences = []
        for _ in range(rng.randint(1, 6)):
            body = [rng.choice(words) for _ in range(rng.randint(4, 25))]
            if rng.random() < 0.4:
                body.insert(rng.randrange(len(body)), rng.choice(extras))
            end = rng.choice([".", ".", ".", "?", "; and so on."])
            sentence = " ".join(body).capitalize() + end
            if rng.random() < 0.15:
                sentence += f" (Freeze, {rng.randint(1, 500)})"
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def base_text() -> tuple[str, str]:
    if CORPUS.is_file():
        return CORPUS.read_text(encoding="utf-8"), CORPUS.name
    return generated_text(), "generated text"


def text_of(base: str, size_mb: float) -> str:
    n = int(size_mb * 1_000_000)
    unit = base.rstrip() + "\n\n"
    return (unit * (n // len(unit) + 1))[:n]


def wice_boundaries() -> tuple[int, int, int, int] | None:
    """(pages, gold boundaries, our splits, splits at a gold boundary) on WiCE dev, or None."""
    if not WICE.is_file():
        return None
    pages = gold_total = ours_total = hits = 0
    for line in WICE.open(encoding="utf-8"):
        item = json.loads(line)
        sentences = [" ".join(e.split()) for e in item["evidence"][1:] if e.strip()]
        if len(sentences) < 2:
            continue
        text = ""
        gold: set[int] = set()
        for k, sentence in enumerate(sentences):
            if k:
                text += " "
                if _GOLD_END.search(sentences[k - 1]):
                    gold.add(len(text))
            text += sentence
        # A start that is not after a sentence end in WiCE's list (a heading, a menu item) is
        # neither a gold boundary nor an error: it is left out of the count on both sides.
        starts_any = {len(" ".join(sentences[:k])) + 1 for k in range(1, len(sentences))}
        ours = {s for s, _ in split_sentences(text)[1:]}
        ours = {s for s in ours if s in gold or s not in starts_any}
        pages += 1
        gold_total += len(gold)
        ours_total += len(ours)
        hits += len(ours & gold)
    return pages, gold_total, ours_total, hits


def accuracy() -> None:
    result = wice_boundaries()
    if result is None:
        print("WiCE dev not found (../shared/benchmarks): boundary accuracy skipped\n")
    else:
        pages, gold, ours, hits = result
        print(f"Sentence boundaries on {pages} WiCE dev pages (sentences joined by spaces)\n")
        print("| gold boundaries | our splits | precision | recall |")
        print("|---:|---:|---:|---:|")
        print(f"| {gold:,} | {ours:,} | {hits / max(ours, 1):.4f} | {hits / max(gold, 1):.4f} |\n")
        # Paragraphs longer than sentences.LONG_PARAGRAPH (no prose: hostile or unbroken text)
        # are cut by syntok's rules without syntok; here that path cuts every page.
        from citecheck.claims import sentences

        saved = sentences.LONG_PARAGRAPH
        sentences.LONG_PARAGRAPH = 0
        try:
            _, gold, ours, hits = wice_boundaries() or result
        finally:
            sentences.LONG_PARAGRAPH = saved
        print(f"The same pages cut as a paragraph over {saved:,} characters is (syntok's rules without syntok):\n")
        print("| gold boundaries | our splits | precision | recall |")
        print("|---:|---:|---:|---:|")
        print(f"| {gold:,} | {ours:,} | {hits / max(ours, 1):.4f} | {hits / max(gold, 1):.4f} |\n")
    right = [text for text, n in HARD_CASES if len(split_sentences(text)) == n]
    print(f"Hard cases split as written: {len(right)} of {len(HARD_CASES)}")
    for text, n in HARD_CASES:
        if text not in right:
            print(f"  wrong: {text!r} -> {[text[a:b] for a, b in split_sentences(text)]}")
    print()


def main() -> None:
    if "--accuracy" in sys.argv:
        sys.argv.remove("--accuracy")
        accuracy()
        return
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    sizes = tuple(float(a) for a in sys.argv[2:]) or SIZES_MB
    base, name = base_text()
    split_sentences("Warm up. Import syntok.")
    print(f"`split_sentences` on {name} repeated; best of {runs} runs\n")
    print("| size (MB) | chars | time (s) | MB/s | sentences |")
    print("|---:|---:|---:|---:|---:|")
    for size in sizes:
        text = text_of(base, size)
        best = float("inf")
        count = 0
        for _ in range(runs if size < 5 else max(1, runs - 1)):
            start = time.perf_counter()
            count = len(split_sentences(text))
            best = min(best, time.perf_counter() - start)
        print(f"| {size:g} | {len(text):,} | {best:.3f} | {len(text) / 1e6 / best:.2f} | {count:,} |", flush=True)


if __name__ == "__main__":
    main()
