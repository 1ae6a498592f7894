"""Bounded memory (issue 12 item 3): source texts and indexes are let go least recently used first
past a character budget, and got again when needed — the report does not change."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from citecheck import api, pipeline
from citecheck.config import load_config
from citecheck.evidence import passages
from citecheck.model import Source
from citecheck.report import render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    from corpus import write_corpus

    write_corpus(tmp_path, essays=4, words=400, works=8, texts=4, source_words=800)
    return tmp_path / "essays"


def test_source_texts_past_the_budget_are_let_go_and_read_again(corpus: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    expected = render(api.check(["."], config=load_config(), offline=True, jobs=1), "json")
    held: list[int] = []
    largest: list[int] = []
    real_use = pipeline._Run.use_source

    def observed(self: pipeline._Run, key: str) -> Source:
        source = real_use(self, key)
        held.append(self.source_chars)
        largest.append(max(len(s.text) for s in self.sources.values()))
        return source

    reads: list[str] = []
    from citecheck.sources.provider import SourceProvider

    real_for_reference = SourceProvider.for_reference

    def counted(self: SourceProvider, ref, bib_dir=None):  # type: ignore[no-untyped-def]
        reads.append(ref.key)
        return real_for_reference(self, ref, bib_dir)

    monkeypatch.setattr(pipeline._Run, "use_source", observed)
    monkeypatch.setattr(SourceProvider, "for_reference", counted)
    monkeypatch.setattr(pipeline, "SOURCE_TEXT_BUDGET", 1)  # keep one text at a time
    report = api.check(["."], config=load_config(), offline=True, jobs=1)
    assert render(report, "json") == expected  # the same findings, verdicts and sources
    # At most one text held at any time (the one in use) ...
    assert held and all(h <= big for h, big in zip(held, largest, strict=True))
    assert sum(1 for s in report.sources if s.text) <= 1
    # ... so the texts cited again were read again, and each evicted source still reports its words.
    assert len(reads) > len(set(reads))
    assert all(s.words > 0 for s in report.sources if s.status == "file")


def test_indexes_are_bounded_by_their_texts_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passages, "_CACHE", type(passages._CACHE)())
    monkeypatch.setattr(passages, "_CACHE_CHARS", 5_000)
    texts = [" ".join(f"Sentence {i} number {n} says the town grew." for n in range(80)) for i in range(4)]
    assert all(len(t) > 3_000 for t in texts)
    for i, text in enumerate(texts):
        passages._index(Source(id=f"s{i}", status="file", text=text))
        assert len(passages._CACHE) == 1  # the one just built; the others were over the budget
    monkeypatch.setattr(passages, "_CACHE_CHARS", 10**9)
    for i, text in enumerate(texts):
        passages._index(Source(id=f"s{i}", status="file", text=text))
    assert len(passages._CACHE) == 4
