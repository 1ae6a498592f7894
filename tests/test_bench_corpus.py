"""bench/corpus.py's per-essay sources (bench/perf.py's real-use row): each essay's library and
texts are its own, and every text is read, not refused by the source-file guard."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from citecheck import api
from citecheck.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def test_each_essay_reads_its_own_source_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus import write_corpus

    essays = write_corpus(tmp_path, essays=3, words=300, works=8, texts=4, source_words=400, own_sources=True)
    monkeypatch.chdir(essays[0].parent)
    report = api.check(["."], config=load_config(), offline=True, jobs=1)
    texts = [s for s in report.sources if s.status == "file"]
    assert len(texts) >= 3 * 2  # a short essay may leave a work uncited
    assert all(s.available for s in texts), [s.reason for s in texts if not s.available]
    assert {s.path.split("-")[0] for s in texts} == {f"libraries/sources/essay0000{i}" for i in range(3)}
    assert len({s.text for s in texts}) == len(texts)  # no two essays share a text
    verdicts = [c.verdict for d in report.documents for c in d.claims]
    assert "supported" in verdicts
