"""AnyStyle's tagged reference strings (../shared/benchmarks/anystyle/core.xml), read at run time.

Each ``<sequence>`` holds a reference string split into tagged fields (``<author>``,
``<title>``, ``<date>``, ...). ``load`` returns, per sequence, the string (fields joined by one
space, inner whitespace collapsed), its tokens and one label per token.

The split is fixed and deterministic: every 5th sequence (index 4, 9, 14, ...) is held out for
``bench/references.py``; the other four fifths train the model (``bench/train_references.py``),
and any tuning uses only them (``tune_fold``: every 5th of the training part).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "benchmarks" / "anystyle" / "core.xml"


@dataclass
class Sequence:
    index: int
    text: str
    labels: list[str]  # one per whitespace token of ``text``
    fields: list[tuple[str, str]]  # (tag, text) in order


def load(path: Path = DEFAULT) -> list[Sequence]:
    """Every tagged sequence of core.xml, in file order."""
    tree = ET.parse(path)
    out: list[Sequence] = []
    for index, seq in enumerate(tree.getroot().iter("sequence")):
        parts: list[str] = []
        labels: list[str] = []
        fields: list[tuple[str, str]] = []
        for child in seq:
            words = (child.text or "").split()
            if not words:
                continue
            parts.append(" ".join(words))
            labels.extend([child.tag] * len(words))
            fields.append((child.tag, " ".join(words)))
        if parts:
            out.append(Sequence(index, " ".join(parts), labels, fields))
    return out


def held_out(seq: Sequence) -> bool:
    return seq.index % 5 == 4


def tune_fold(seq: Sequence) -> bool:
    """Within the training part, the fold used to choose training settings."""
    return seq.index % 25 in (3, 8, 13)
