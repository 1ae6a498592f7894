"""The Python API end to end on small essays with local sources (no network)."""

from __future__ import annotations

from pathlib import Path

import citecheck
from citecheck.model import Report

SPEECH = (
    "Comrades! In December 1922 Lenin wrote that Stalin had gathered immeasurable power into his own hands. "
    "The congress met in February 1956 and heard the report in a closed session.\n\n"
    "Of the 1,966 delegates to the Seventeenth Congress, 1,108 were arrested.\n"
)


def write(tmp_path: Path, essay: str, bib: str, files: dict[str, bytes | str] | None = None) -> Path:
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    for name, body in (files or {}).items():
        target = tmp_path / name
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    path = tmp_path / "essay.md"
    path.write_text(essay, encoding="utf-8")
    return path


def findings(report: Report, rule: str) -> list:
    return [f for d in report.documents for f in d.findings if f.rule == rule]


SPEECH_BIB = """@misc{speech,
  author = {Khrushchev, Nikita}, title = {Speech to the Twentieth Congress}, year = {1956},
  howpublished = {Speech}, file = {speech.txt},
}
"""


def test_supported_claim_with_evidence(tmp_path: Path) -> None:
    essay = write(tmp_path, "Of the 1,966 delegates to the Seventeenth Congress, 1,108 were arrested [@speech].\n",
                  SPEECH_BIB, {"speech.txt": SPEECH})
    report = citecheck.check([essay], offline=True)
    claim = report.documents[0].claims[0]
    assert claim.verdict == "supported"
    assert claim.evidence and "1,108" in claim.evidence[0].text
    assert report.exit_code() == 0


def test_number_contradicted(tmp_path: Path) -> None:
    essay = write(tmp_path, "Of the 1,966 delegates to the Seventeenth Congress, 1,208 were arrested [@speech].\n",
                  SPEECH_BIB, {"speech.txt": SPEECH})
    report = citecheck.check([essay], offline=True)
    mismatch = findings(report, "number-mismatch")
    assert len(mismatch) == 1
    assert "1,208" in (mismatch[0].found or "") and "1,108" in (mismatch[0].expected or "")
    assert report.documents[0].claims[0].verdict == "contradicted"
    assert report.exit_code() == 1


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    essay = write(tmp_path, "Lenin warned about Stalin's power [@speech].\n", SPEECH_BIB)
    report = citecheck.check([essay], offline=True)
    unreadable = findings(report, "source-unreadable")
    assert len(unreadable) == 1 and "speech.txt" in unreadable[0].message
    assert report.documents[0].claims[0].verdict == "unverifiable"


def test_empty_file_is_unreadable(tmp_path: Path) -> None:
    essay = write(tmp_path, "Lenin warned about Stalin's power [@speech].\n", SPEECH_BIB, {"speech.txt": "  \n"})
    report = citecheck.check([essay], offline=True)
    assert findings(report, "source-unreadable")
    assert not findings(report, "claim-unsupported")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    blank_pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                 b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                 b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
                 b"trailer<</Root 1 0 R>>\n%%EOF\n")
    bib = SPEECH_BIB.replace("speech.txt", "scan.pdf")
    essay = write(tmp_path, "Lenin warned about Stalin's power [@speech].\n", bib, {"scan.pdf": blank_pdf})
    report = citecheck.check([essay], offline=True)
    unreadable = findings(report, "source-unreadable")
    assert len(unreadable) == 1
    assert report.documents[0].claims[0].verdict == "unverifiable"


def test_print_book_is_unverifiable_once(tmp_path: Path) -> None:
    bib = "@book{freeze, editor = {Freeze, Gregory}, title = {Russia}, publisher = {OUP}, year = {2009}}\n"
    essay = write(tmp_path, "The speech ran long (Freeze, 418). It was read at night (Freeze, 419).\n", bib)
    report = citecheck.check([essay], offline=True)
    assert len(findings(report, "source-unverifiable")) == 1
    assert all(c.verdict == "unverifiable" for c in report.documents[0].claims)
    assert not findings(report, "claim-unsupported")


def test_verify_pair_api() -> None:
    result = citecheck.verify("In December 1922 Lenin wrote about Stalin's power.", SPEECH)
    assert result.verdict in ("supported", "partially_supported")
    assert result.passages and "1922" in result.passages[0].text
    wrong = citecheck.verify("In December 1932 Lenin wrote about Stalin's power.", SPEECH)
    assert wrong.mismatches and any(m.rule == "date-mismatch" for m in wrong.mismatches)
    empty = citecheck.verify("Anything at all.", "")
    assert empty.verdict == "unverifiable" and empty.reason


def test_walked_source_files_are_not_essays(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    essay = write(tmp_path, "Of the 1,966 delegates to the Seventeenth Congress, 1,108 were arrested [@speech].\n",
                  SPEECH_BIB.replace("speech.txt", "sources/speech.txt"), {"sources/speech.txt": SPEECH})
    walked = citecheck.check([tmp_path], offline=True)
    assert [d.path for d in walked.documents] == [str(essay)]
    named = citecheck.check([essay, tmp_path / "sources" / "speech.txt"], offline=True)
    assert len(named.documents) == 2  # a file named on the command line is always checked


def test_one_library_reached_two_ways_is_loaded_once(tmp_path: Path, monkeypatch) -> None:
    bib = SPEECH_BIB + "@book{unused, author = {Nobody, A.}, title = {T}, publisher = {P}, year = {2000}}\n"
    essay = write(tmp_path, "---\nbibliography: references.bib\n---\nLenin wrote about power [@speech].\n", bib,
                  {"speech.txt": SPEECH})
    monkeypatch.chdir(tmp_path)
    report = citecheck.check([essay.resolve(), tmp_path], offline=True)  # absolute file + walked directory
    assert len(report.libraries) == 1
    assert [f.rule for f in report.libraries[0].findings] == ["reference-unused"]
    assert len(report.documents) == 1  # named and walked: checked once


def test_a_print_work_from_the_essays_own_list_is_not_told_to_edit_a_bib_it_lacks(tmp_path: Path) -> None:
    essay = tmp_path / "alice.md"
    essay.write_text("# Essay\n\nThe town had 20,000 people in 1890 (Ellison 12).\n\n## Works Cited\n\n"
                     "Ellison, Ralph. *Town History*. Penguin, 1952.\n", encoding="utf-8")
    report = citecheck.check([essay], offline=True, cache_dir=tmp_path / "cache")
    [finding] = [f for f in report.findings() if f.rule == "source-unverifiable"]
    assert "essay's reference list" in finding.message and "--bib" in finding.message
    assert "add a `file` field" not in finding.message
    # With a .bib entry for the work, the hint is about that entry's `file` field.
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{ellison1952, author={Ellison, Ralph}, title={Town History}, publisher={Penguin},"
                   " year={1952}}\n", encoding="utf-8")
    report = citecheck.check([essay], bib=[bib], offline=True, cache_dir=tmp_path / "cache")
    [finding] = [f for f in report.findings() if f.rule == "source-unverifiable"]
    assert "add a `file` field" in finding.message
