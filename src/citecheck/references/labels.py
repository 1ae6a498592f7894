"""A reference-list entry's tokens labelled by the CRF: AnyStyle's field names (author, date,
title, journal, container-title, editor, publisher, location, volume, pages, url, doi, ...) from a
linear-chain CRF trained on AnyStyle's tagged reference strings with BIO labels
(bench/train_references.py; model and licence beside this file; read through ``crf.Model``), with
the fixes its short context cannot see.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

__all__ = ["MODEL_PATH", "label_reference"]

MODEL_PATH = Path(__file__).with_name("references.crfsuite")


@functools.lru_cache(maxsize=1)
def _tagger() -> Any:
    """The shipped CRF (a ``crf.Model``: field labels out, whatever scheme it was trained on)."""
    from citecheck.references.crf import Model

    return Model.open(str(MODEL_PATH))


def label_reference(text: str) -> list[tuple[str, str]]:
    """The CRF's labelled spans of one entry, in order: ``[("author", "Freeze, Gregory L."), ...]``."""
    from citecheck.references.features import sequence_features, tokenize

    tokens = tokenize(text)
    if not tokens:
        return []
    tagger = _tagger()
    labels = tagger.tag(sequence_features(tokens))
    if "title" not in labels:
        labels = _with_title(tagger, labels)
    labels = _repair_labels([t[0] for t in tokens], labels)
    spans: list[tuple[str, str]] = []
    for (word, _, _), label in zip(tokens, labels):
        if spans and spans[-1][0] == label:
            spans[-1] = (label, spans[-1][1] + " " + word)
        else:
            spans.append((label, word))
    return spans


_DASH_RE = re.compile(r"^[-–—]+$")


def _repair_labels(words: list[str], labels: list[str]) -> list[str]:
    """Label fixes the model's context is too short to see.

    - a page range written with spaces ("pp. 1573 – 1584, 2010"): the number after the dash
      ends the range, it is not a year;
    - a second title run after an "In ..." / editor span, with no container labelled anywhere,
      is the container ("Title. In J. Doe (Eds.), Book Title. Place: Publisher");
    - an entry with no names that opens with an organisation's name as a sentence of its title
      run: that sentence is the (group) author (MLA "National Academies of Sciences, Engineering,
      and Medicine. Reproducibility and Replicability in Science. National Academies Press, 2019.").
    """
    labels = _group_author(words, list(labels))
    for i in range(2, len(words)):
        if labels[i] == "date" and labels[i - 1] == "pages" and _DASH_RE.match(words[i - 1]) \
                and re.match(r"^[A-Za-z]?\d+[,.;)]*$", words[i]) and re.search(r"\d", words[i - 2]):
            labels[i] = "pages"
    if not any(lab in ("journal", "container-title") for lab in labels):
        runs = _runs(labels)
        titles = [r for r in runs if r[0] == "title"]
        if len(titles) >= 2:
            _, start, end = titles[1]
            between = [r for r in runs if titles[0][2] <= r[1] < start]
            if any(r[0] == "editor" or words[r[1]].lower().strip(":") == "in" for r in between):
                labels[start:end] = ["container-title"] * (end - start)
    return labels


_INITIALS_RE = re.compile(r"(?:[A-Z]\.-?){1,3}")


def _group_author(words: list[str], labels: list[str]) -> list[str]:
    from citecheck.references.persons import organisation_name

    if any(label in ("author", "editor") for label in labels):
        return labels
    start = 1 if labels[:1] == ["citation-number"] else 0
    end = start
    while end < len(labels) and labels[end] == "title":
        end += 1
    # The first full stop of the title run ends the name ("U.S." does not); more title must follow.
    for j in range(start, end - 1):
        if words[j].endswith(".") and not _INITIALS_RE.fullmatch(words[j]):
            name = " ".join(words[start:j + 1])[:-1]
            if j > start and words[j + 1][:1].isupper() and organisation_name(name):
                labels[start:j + 1] = ["author"] * (j + 1 - start)
            break
    return labels


def _runs(labels: list[str]) -> list[tuple[str, int, int]]:
    """(label, start, end) of each run of equal labels."""
    runs: list[tuple[str, int, int]] = []
    for i, label in enumerate(labels):
        if runs and runs[-1][0] == label and runs[-1][2] == i:
            runs[-1] = (label, runs[-1][1], i + 1)
        else:
            runs.append((label, i, i + 1))
    return runs


# Labels a title is mistaken for. Not a journal, a genre or a note: "Phys. Rev. Lett. 83, 3370"
# and "Personal communication" have no title at all.
_TITLE_LIKE = ("container-title", "collection-title", "author", "editor", "translator", "director", "location",
               "publisher")


def _with_title(tagger: Any, labels: list[str]) -> list[str]:
    """Every work has a title: when the best labelling has none, the run of tokens the model
    finds likeliest to be the title becomes it ("Tester, Keith, ed. The Flâneur." read as a
    container; "The Arrival. Dir. David Twohy." read as names)."""
    probs = [tagger.marginal("title", i) for i in range(len(labels))]
    best = max(range(len(labels)), key=probs.__getitem__)
    if probs[best] < 0.1 or labels[best] not in _TITLE_LIKE:
        return labels
    start = end = best
    while start > 0 and labels[start - 1] == labels[best] and probs[start - 1] >= probs[best] / 3:
        start -= 1
    while end + 1 < len(labels) and labels[end + 1] == labels[best] and probs[end + 1] >= probs[best] / 3:
        end += 1
    return labels[:start] + ["title"] * (end - start + 1) + labels[end + 1:]
