"""Throughput of `citecheck.claims.split_sentences` on 0.1, 1 and 5 MB of text.

The text repeats /work/shared/corpus/sources/khrushchev-1956-abridged.txt (paragraphs separated
by blank lines); when that file is absent, generated English-like paragraphs with abbreviations,
locators and parenthetical citations are used instead.  Prints a Markdown table with the best of
RUNS timings per size.  Usage: python bench/sentences.py [RUNS] [SIZE_MB ...]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from citecheck.claims import split_sentences

CORPUS = Path("/work/shared/corpus/sources/khrushchev-1956-abridged.txt")
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


def main() -> None:
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
