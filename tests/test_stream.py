"""Reports written essay by essay with flat memory (issue 12 item 3, report.stream): every format's
bytes are those of ``render`` of the whole report, JSON Lines is written as each essay finishes,
and what a run keeps per essay does not grow with the essays' size or number."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck import api, pipeline
from citecheck.cli import main
from citecheck.config import load_config
from citecheck.model import DocumentResult, Finding, LibraryResult, Report, Span
from citecheck.report import render
from citecheck.report.stream import FORMATS, Stream, writer

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "essay-repo"
EXAMPLE = ROOT / "examples" / "secret-speech.md"
BIB = ROOT / "references.bib"
sys.path.insert(0, str(ROOT / "bench"))


def _library_run(tmp_path: Path) -> Path:
    """Essays whose library has findings of its own (printed before the essays), one known only at
    the end of the run (reference-unused), and an essay with a control character and a tab."""
    (tmp_path / "a.bib").write_text(  # sorts before the essays' paths: sorted formats merge it first
        "@book{smith2020, author={Smith, Ann}, title={A Book}, year={2020}, publisher={P}}\n"
        "@book{jones2019, author={Jones, Bob}, title={Other}, year={2019}, publisher={P}, doi={not-a-doi}}\n"
        "@book{smith2020, author={Smith, Ann}, title={Dup}, year={2020}}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Cities grew fast (Smith 2020).\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Towns\x1b[31m shrank\t (Smith 2021). In 1999, 45% of 1,200 people "
                                   "left \"the old town behind\" (Smith 2020).\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("Nothing cited here, but 4,000 soldiers died in 1812.\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("", encoding="utf-8")  # unreadable: an empty essay (exit 2)
    return tmp_path


def _streamed(stream: Stream, name: str, report: Report, emitted: list[str]) -> str:
    return "".join(emitted) + "".join(stream.chunks(name, report))


OPTIONS = {"text": [{}, {"show_claims": True}, {"quiet": True}], "concise": [{}, {"quiet": True}]}


def _whole_run(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str] | None, Any, Any]:
    """(bib, config, whole report) of the fixture repository or a library run, in its folder."""
    root = FIXTURE if where == "essay-repo" else _library_run(tmp_path)
    monkeypatch.chdir(root)
    config = load_config()
    config.select_rules(extend_select=["reference-unused"])
    bib = ["a.bib"] if where == "library" else None
    return bib, config, api.check(["."], bib, config=config, offline=True, jobs=1)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("where", ["essay-repo", "library"])
def test_every_format_streamed_is_render_of_the_whole_report(fmt: str, where: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bib, config, whole = _whole_run(where, tmp_path, monkeypatch)
    variants = OPTIONS.get(fmt, [{}])
    outputs = {f"out{i}": writer(fmt, **options) for i, options in enumerate(variants)}
    outputs["baseline"] = writer("baseline")
    emitted: list[str] = []
    stream = Stream(outputs, lambda name, text: emitted.append(text))
    kept = api.check(["."], bib, config=config, offline=True, jobs=1, on_document=stream.add)
    for i, options in enumerate(variants):
        assert _streamed(stream, f"out{i}", kept, []) == render(whole, fmt, **options)
    api.write_baseline(whole, tmp_path / "whole.json")
    assert _streamed(stream, "baseline", kept, []) == (tmp_path / "whole.json").read_text(encoding="utf-8")
    assert outputs["baseline"].total(kept) == len(whole.findings())  # type: ignore[attr-defined]
    stream.close()
    assert kept.exit_code() == whole.exit_code() and kept.counts() == whole.counts()
    # What the run kept of each essay: no text, citations, claims or findings.
    assert all(d.source == "" and not d.claims and not d.citations and not d.findings for d in kept.documents)
    assert [d.path for d in kept.documents] == [d.path for d in whole.documents]
    if where == "library":  # library findings, one known only at the end, and an unreadable essay: exercised
        rules = {f.rule for lib in kept.libraries for f in lib.findings}
        assert {"reference-unused", "bib-syntax"} <= rules
        assert kept.exit_code() == 2


def _finding(path: str, line: int, rule: str = "claim-uncited", severity: str = "warning") -> Finding:
    span = Span(path=path, start=line * 10, end=line * 10 + 3, line=line, column=2, end_line=line, end_column=5)
    return Finding(rule=rule, severity=severity, message=f"m{line}", path=path, span=span,  # type: ignore[arg-type]
                   expected="e", found="f", evidence=[{"text": "t"}], fingerprint=f"fp{line}{rule}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_parts_sharing_a_path_are_merged_in_order(fmt: str) -> None:
    """Two essays' findings on one path (and an essay's findings on two paths), a library between
    them in path order, an unreadable essay: the merge still gives render's order."""
    docs = [
        DocumentResult(path="b.md", findings=[_finding("b.md", 3), _finding("z.md", 1), _finding("b.md", 1)]),
        DocumentResult(path="a.md", findings=[_finding("b.md", 2, "quote-altered", "error")]),
        DocumentResult(path="c.md", error="c.md: cannot read"),
        DocumentResult(path="c2.md", findings=[_finding("c2.md", 1), _finding("c2.md", 1)]),
    ]
    libraries = [LibraryResult(path="b.bib", entries=2, findings=[_finding("b.bib", 4, "reference-unused", "info")])]
    whole = Report(documents=[DocumentResult(**d.__dict__) for d in docs], libraries=libraries)
    expected = render(whole, fmt)
    stream = Stream({"out": writer(fmt), "baseline": writer("baseline")})
    kept = Report(documents=[stream.add(d) for d in docs], libraries=libraries)
    assert _streamed(stream, "out", kept, []) == expected
    entries = json.loads("".join(stream.chunks("baseline", kept)))["findings"]
    assert [(e["path"], e["rule"], e["fingerprint"]) for e in entries] == sorted(
        (f.path, f.rule, f.fingerprint) for f in whole.findings())
    # An essay dropped at the end of the run (a library's source file) leaves no trace.
    kept.documents = [d for d in kept.documents if d.path != "a.md"]
    whole.documents = [d for d in whole.documents if d.path != "a.md"]
    assert _streamed(stream, "out", kept, []) == render(whole, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("flags", [[], ["-v"], ["-q"]])
def test_cli_prints_what_render_gives(fmt: str, flags: list[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE)
    code, out = _cli([".", "--offline", "--no-color", "--jobs", "1", "--format", fmt, *flags,
                      "--output", f"sarif:{tmp_path / 'r.sarif'}", "--output", f"{fmt}:{tmp_path / 'r.out'}",
                      "--write-baseline", str(tmp_path / "b.json")])
    assert code == 0  # --write-baseline: the findings are recorded, not failed on
    report = api.check(["."], config=load_config(), offline=True, jobs=1)
    options = {"show_claims": "-v" in flags, "quiet": "-q" in flags}
    assert out == render(report, fmt, **options)
    assert (tmp_path / "r.out").read_text(encoding="utf-8") == render(report, fmt)
    assert (tmp_path / "r.sarif").read_text(encoding="utf-8") == render(report, "sarif")
    api.write_baseline(report, tmp_path / "whole.json")
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
    code, _ = _cli([".", "--offline", "--no-color", "--jobs", "2", "--format", fmt])
    assert code == report.exit_code() == 1


def _cli(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_json_lines_are_written_as_each_essay_finishes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE)
    emitted: list[str] = []
    stream = Stream({"stdout": writer("jsonl", live=True)}, lambda name, text: emitted.append(text))
    at_start: list[int] = []
    real = pipeline._check_essay

    def observed(task, run):  # type: ignore[no-untyped-def]
        at_start.append(len(emitted))
        return real(task, run)

    monkeypatch.setattr(pipeline, "_check_essay", observed)
    report = api.check(["."], config=load_config(), offline=True, jobs=1, on_document=stream.add)
    assert len(at_start) >= 3 and at_start[0] == 0
    assert len(set(at_start)) > 1  # lines were out before later essays were checked
    rest = "".join(stream.chunks("stdout", report))
    lines = [json.loads(line) for line in ("".join(emitted) + rest).splitlines()]
    assert len(lines) == len(api.check(["."], config=load_config(), offline=True, jobs=1).findings())
    assert all({"rule", "severity", "path", "span", "expected", "found", "evidence"} <= set(x) for x in lines)


def _kept_bytes(folder: Path, essays: int, words: int) -> tuple[int, int]:
    """(bytes of what a streamed run keeps per essay, bytes of a whole result per essay)."""
    from corpus import write_corpus

    write_corpus(folder, essays=essays, words=words)
    essays_dir = folder / "essays"
    config = load_config(explicit=None)
    stream = Stream({"stdout": writer("sarif"), "json": writer("json"), "text": writer("text")})
    kept = api.check([str(essays_dir)], config=config, offline=True, jobs=1, on_document=stream.add)
    whole = api.check([str(essays_dir)], config=config, offline=True, jobs=1)
    stream.close()
    return (len(pickle.dumps(kept.documents)) // essays, len(pickle.dumps(whole.documents)) // essays)


def test_what_a_run_keeps_per_essay_does_not_grow(tmp_path: Path) -> None:
    few, few_whole = _kept_bytes(tmp_path / "few", 3, 300)
    many, _many_whole = _kept_bytes(tmp_path / "many", 12, 300)
    long, long_whole = _kept_bytes(tmp_path / "long", 3, 1500)
    # Per essay: the same few counts whether there are 3 or 12 essays, short or 5x longer ...
    assert many <= few * 1.1 and long <= few * 1.1
    # ... while a whole result grows with the essay, and is many times bigger.
    assert long_whole > 2 * few_whole
    assert few * 10 < few_whole


@pytest.mark.parametrize("fmt", ["text", "sarif", "markdown", "json"])
@pytest.mark.parametrize("where", ["essay-repo", "library"])
def test_workers_send_only_the_lists_the_reports_read(fmt: str, where: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``reads`` (the CLI passes the stream's), an essay reaches ``on_document`` without the
    citations and claims no report reads, their counts in its tally: the same bytes and summary,
    fewer bytes pickled by a worker (--jobs 2)."""
    from citecheck.report.summary import summarize

    bib, config, whole = _whole_run(where, tmp_path, monkeypatch)
    stream = Stream({"out": writer(fmt)})
    reads = stream.reads()
    assert reads == {"text": frozenset(), "sarif": frozenset(), "markdown": {"claims"},
                     "json": {"citations", "claims"}}[fmt]
    arrived: list[DocumentResult] = []

    def add(doc: DocumentResult) -> DocumentResult:
        arrived.append(doc)
        return stream.add(doc)

    kept = api.check(["."], bib, config=config, offline=True, jobs=2, on_document=add, reads=reads)
    assert "".join(stream.chunks("out", kept)) == render(whole, fmt)
    stream.close()
    assert summarize(kept) == summarize(whole) and kept.counts() == whole.counts()
    full = {d.path: d for d in whole.documents}
    assert any(full[d.path].claims for d in arrived) and any(full[d.path].citations for d in arrived)
    for doc in arrived:
        for name in ("citations", "claims"):
            assert getattr(doc, name) == (getattr(full[doc.path], name) if name in reads else [])
        assert doc.findings == full[doc.path].findings
    if not reads:
        assert len(pickle.dumps(arrived)) < len(pickle.dumps([full[d.path] for d in arrived]))
