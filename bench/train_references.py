"""Train the reference-string CRF on the training part of AnyStyle's core.xml.

The model is written into the package (src/citecheck/references/references.crfsuite) and
shipped with it, with the publisher names of the training part (publishers.txt, read by the
title repairs in parse.py); this is a bench step, never an install
step. Only the training part is read (every sequence but each 5th; see bench/anystyle_data.py);
the held-out fifth is for bench/references.py alone. The model learns BIO labels (``B-title``
where a title opens, ``I-title`` inside it; ``citecheck.references.crf``), which let the token
features say where a field may open: on 4-fold cross-validation this beat plain labels by 0.028
title F1 and 0.035 container F1.

``--cv K`` chooses settings without the held-out fifth: K-fold cross-validation inside the
training part (fold k = every training sequence whose position mod K is k); each fold's model
and publisher list come from the other K-1 folds, and the fields are scored as
bench/references.py scores them. It prints one row; run it once per feature set or setting
(``--c1``, ``--c2``, ``--iterations``) and keep the best summed title + year + container F1.
The defaults below are that choice (the rows are in /work/notes and the README): c1 0.1 beat
0.2 and 0.05 on the BIO model (session 5), c2 0.05 beat 0.01.

``--shuffle SEED`` (with ``--cv``) deals the folds from a seeded shuffle of the training part
instead (seed 1 is the "shuffled split" of the notes), so a setting can be checked on a second
split; the row ends with each fold's title F1, whose spread says how large a difference must be
to mean anything.

Usage: python bench/train_references.py [--cv K [--shuffle SEED]] [--c1 X] [--c2 X] [--iterations N] [CORE_XML]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import anystyle_data

from citecheck.references import labels as labelling
from citecheck.references import parse
from citecheck.references.crf import Model, bio
from citecheck.references.features import sequence_features, tokenize

DEFAULT_C1, DEFAULT_C2, DEFAULT_ITERATIONS = 0.1, 0.05, 300
SCORED = ("first-author family", "title", "year", "container", "volume", "pages")


def _xy(seqs: list[anystyle_data.Sequence]) -> list[tuple[list[list[str]], list[str]]]:
    out = []
    for s in seqs:
        tokens = tokenize(s.text)
        assert len(tokens) == len(s.labels), s.index
        out.append((sequence_features(tokens), bio(s.labels)))
    return out


def train(data: list[tuple[list[list[str]], list[str]]], path: Path, c1: float, c2: float,
          iterations: int = DEFAULT_ITERATIONS) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(path))


def publishers(seqs: list[anystyle_data.Sequence]) -> list[str]:
    """Folded publisher names labelled in ``seqs``: every name of several words ("prentice hall"),
    one-word names ("crown") only when labelled at least twice, since a title may end in one."""
    counts = Counter(parse.fold_words(parse._clean(text)) for s in seqs for tag, text in s.fields
                     if tag == "publisher")
    return sorted(name for name, n in counts.items()
                  if name and not name.isdigit() and (n >= 2 or " " in name))


def folds(n: int, k: int, shuffle: int = 0) -> list[int]:
    """The fold of each of ``n`` sequences: position mod K, or (``shuffle`` > 0) the position in a
    shuffle seeded with it, mod K."""
    order = list(range(n))
    if shuffle:
        random.Random(shuffle).shuffle(order)
    fold_of = [0] * n
    for position, i in enumerate(order):
        fold_of[i] = position % k
    return fold_of


def cross_validate(seqs: list[anystyle_data.Sequence], k: int, c1: float, c2: float,
                   iterations: int, shuffle: int = 0) -> tuple[dict[str, float], float, list[float]]:
    """Field F1 over K folds of ``seqs`` (each fold scored by a model trained on the others), the
    token accuracy and each fold's title F1."""
    import references as bench

    pairs: dict[str, list[tuple[str, str]]] = {f: [] for f in SCORED}
    fold_titles: list[float] = []
    right = total = 0
    fold_of = folds(len(seqs), k, shuffle)
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            fit = [s for i, s in enumerate(seqs) if fold_of[i] != fold]
            dev = [s for i, s in enumerate(seqs) if fold_of[i] == fold]
            model = Path(tmp) / f"fold{fold}.crfsuite"
            train(_xy(fit), model, c1, c2, iterations)
            tagger = Model.open(str(model))
            known = frozenset(publishers(fit))
            # The parser reads this fold's model and list, as it reads the shipped ones.
            labelling._tagger = lambda tagger=tagger: tagger  # type: ignore[assignment]
            parse._publishers = lambda known=known: known  # type: ignore[assignment]
            titles: list[tuple[str, str]] = []
            for s in dev:
                labels = tagger.tag(sequence_features(tokenize(s.text)))
                right += sum(a == b for a, b in zip(labels, s.labels))
                total += len(s.labels)
                gold = parse.reference_from_spans(s.text, s.text, s.fields, repair=False)
                pred = parse.parse_reference(s.text)
                for f in SCORED:
                    pairs[f].append((bench.FIELDS[f](pred), bench.FIELDS[f](gold)))
                titles.append(pairs["title"][-1])
            fold_titles.append(bench.prf(titles)[2])
    return {f: bench.prf(pairs[f])[2] for f in SCORED}, right / total, fold_titles


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("core", nargs="?", type=Path, default=anystyle_data.DEFAULT)
    ap.add_argument("--cv", type=int, default=0, metavar="K", help="cross-validate on the training part only")
    ap.add_argument("--shuffle", type=int, default=0, metavar="SEED",
                    help="with --cv: deal the folds from a shuffle seeded with SEED (0: position mod K)")
    ap.add_argument("--c1", type=float, default=DEFAULT_C1)
    ap.add_argument("--c2", type=float, default=DEFAULT_C2)
    ap.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS)
    args = ap.parse_args(argv)
    if not args.core.is_file():
        print(f"skipped: {args.core} not found (the benchmarks folder is not beside the project)")
        return 0
    seqs = [s for s in anystyle_data.load(args.core) if not anystyle_data.held_out(s)]
    started = time.perf_counter()
    if args.cv:
        f1, accuracy, fold_titles = cross_validate(seqs, args.cv, args.c1, args.c2, args.iterations, args.shuffle)
        split = f"shuffle {args.shuffle}" if args.shuffle else "position mod K"
        print(f"{args.cv}-fold cross-validation on the training part ({len(seqs)} strings, folds by {split}; "
              f"c1={args.c1}, c2={args.c2}, {args.iterations} iterations; {time.perf_counter() - started:.0f} s)\n")
        print("| token accuracy | " + " | ".join(f"{f} F1" for f in SCORED) + " | title F1 per fold |")
        print("|---" * (len(SCORED) + 2) + "|")
        print(f"| {accuracy:.4f} | " + " | ".join(f"{f1[f]:.4f}" for f in SCORED) + " | "
              + " ".join(f"{t:.3f}" for t in fold_titles) + " |")
        return 0
    train(_xy(seqs), labelling.MODEL_PATH, args.c1, args.c2, args.iterations)
    names = publishers(seqs)
    parse.PUBLISHERS_PATH.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"trained on {len(seqs)} sequences (c1={args.c1}, c2={args.c2}, {args.iterations} iterations) in "
          f"{time.perf_counter() - started:.1f} s -> {labelling.MODEL_PATH} ({labelling.MODEL_PATH.stat().st_size // 1024} KiB),"
          f" {len(names)} publishers -> {parse.PUBLISHERS_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
