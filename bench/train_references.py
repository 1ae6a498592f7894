"""Train the reference-string CRF on the training part of AnyStyle's core.xml.

The model is written into the package (src/citecheck/references/references.crfsuite) and
shipped with it; this is a bench step, never an install step. Only the training part is read
(every sequence but each 5th; see bench/anystyle_data.py); the held-out fifth is for
bench/references.py alone.

``--tune`` first tries a small grid of L1/L2 weights, training on the training part less its
tuning fold and scoring that fold (token accuracy; field F1 of title, year and container as
bench/references.py counts them), and prints the table; the final model is then trained on the
whole training part with the setting of the best summed field F1. The defaults below are that
choice (feature variants were compared the same way, on the tuning fold only).

Usage: python bench/train_references.py [--tune] [CORE_XML]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import anystyle_data

from citecheck.references.features import sequence_features, tokenize
from citecheck.references.parse import MODEL_PATH

DEFAULT_C1, DEFAULT_C2 = 0.2, 0.05
GRID = [(0.05, 0.05), (0.1, 0.01), (0.1, 0.05), (0.1, 0.1), (0.2, 0.05)]


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


def field_f1(model: Path, seqs: list[anystyle_data.Sequence]) -> dict[str, float]:
    """Title, year and container F1 on ``seqs`` with ``model``, counted as bench/references.py does."""
    import pycrfsuite
    import references as bench

    from citecheck.references.parse import _NUMBER_RE, reference_from_spans

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    out = {}
    pairs: dict[str, list[tuple[str, str]]] = {f: [] for f in ("title", "year", "container")}
    for s in seqs:
        body = _NUMBER_RE.sub("", s.text, count=1)
        tokens = tokenize(body)
        labels = tagger.tag(sequence_features(tokens))
        spans: list[tuple[str, str]] = []
        for (word, _, _), label in zip(tokens, labels):
            if spans and spans[-1][0] == label:
                spans[-1] = (label, spans[-1][1] + " " + word)
            else:
                spans.append((label, word))
        pred = reference_from_spans(s.text, body, spans)
        gold = reference_from_spans(s.text, s.text, s.fields, repair=False)
        for f, scored in pairs.items():
            scored.append((bench.FIELDS[f](pred), bench.FIELDS[f](gold)))
    for f, scored in pairs.items():
        out[f] = bench.prf(scored)[2]
    return out


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
        dev_seqs = [s for s in seqs if anystyle_data.tune_fold(s)]
        dev = _xy(dev_seqs)
        print(f"tuning on {len(fit)} sequences, scoring {len(dev)} (all from the training part)")
        print("| c1 | c2 | token accuracy | title F1 | year F1 | container F1 |\n|---|---|---|---|---|---|")
        best = (-1.0, c1, c2)
        tmp = Path("/tmp") / f"citecheck-crf-tune-{time.time_ns()}.crfsuite"
        for g1, g2 in GRID:
            train(fit, tmp, g1, g2)
            acc = token_accuracy(tmp, dev)
            f1 = field_f1(tmp, dev_seqs)
            print(f"| {g1} | {g2} | {acc:.4f} | {f1['title']:.3f} | {f1['year']:.3f} | {f1['container']:.3f} |")
            best = max(best, (sum(f1.values()), g1, g2))
        tmp.unlink(missing_ok=True)
        _, c1, c2 = best
    started = time.perf_counter()
    train(_xy(seqs), MODEL_PATH, c1, c2)
    print(f"trained on {len(seqs)} sequences (c1={c1}, c2={c2}) in {time.perf_counter() - started:.1f} s"
          f" -> {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
