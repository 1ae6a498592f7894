"""Train the reference-string CRF on the training part of AnyStyle's core.xml.

The model is written into the package (src/citecheck/references/references.crfsuite) and
shipped with it; this is a bench step, never an install step. Only the training part is read
(every sequence but each 5th; see bench/anystyle_data.py); the held-out fifth is for
bench/references.py alone.

``--tune`` first tries a small grid of L1/L2 weights, training on the training part less its
tuning fold and scoring token accuracy on that fold, and prints the table; the final model is
then trained on the whole training part with the best setting.

Usage: python bench/train_references.py [--tune] [CORE_XML]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import anystyle_data

from citecheck.references.features import sequence_features, tokenize
from citecheck.references.parse import MODEL_PATH

DEFAULT_C1, DEFAULT_C2 = 0.05, 0.01
GRID = [(0.0, 0.01), (0.05, 0.01), (0.1, 0.05), (0.2, 0.01), (0.5, 0.001)]


def _xy(seqs: list[anystyle_data.Sequence]) -> list[tuple[list[list[str]], list[str]]]:
    out = []
    for s in seqs:
        tokens = tokenize(s.text)
        assert len(tokens) == len(s.labels), s.index
        out.append((sequence_features(tokens), s.labels))
    return out


def train(data: list[tuple[list[list[str]], list[str]]], path: Path, c1: float, c2: float) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": 300,
                        "feature.possible_transitions": True})
    trainer.train(str(path))


def token_accuracy(model: Path, data: list[tuple[list[list[str]], list[str]]]) -> float:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    right = total = 0
    for x, y in data:
        pred = tagger.tag(x)
        right += sum(a == b for a, b in zip(pred, y))
        total += len(y)
    return right / total


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    path = Path(args[0]) if args else anystyle_data.DEFAULT
    if not path.is_file():
        print(f"skipped: {path} not found (the benchmarks folder is not beside the project)")
        return 0
    seqs = [s for s in anystyle_data.load(path) if not anystyle_data.held_out(s)]
    c1, c2 = DEFAULT_C1, DEFAULT_C2
    if "--tune" in argv:
        fit = _xy([s for s in seqs if not anystyle_data.tune_fold(s)])
        dev = _xy([s for s in seqs if anystyle_data.tune_fold(s)])
        print(f"tuning on {len(fit)} sequences, scoring {len(dev)} (all from the training part)")
        print("| c1 | c2 | token accuracy |\n|---|---|---|")
        best = (-1.0, c1, c2)
        tmp = Path("/tmp") / f"citecheck-crf-tune-{time.time_ns()}.crfsuite"
        for g1, g2 in GRID:
            train(fit, tmp, g1, g2)
            acc = token_accuracy(tmp, dev)
            print(f"| {g1} | {g2} | {acc:.4f} |")
            best = max(best, (acc, g1, g2))
        tmp.unlink(missing_ok=True)
        _, c1, c2 = best
    started = time.perf_counter()
    train(_xy(seqs), MODEL_PATH, c1, c2)
    print(f"trained on {len(seqs)} sequences (c1={c1}, c2={c2}) in {time.perf_counter() - started:.1f} s"
          f" -> {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
