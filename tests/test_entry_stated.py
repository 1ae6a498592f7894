"""What the cited entry says of its work (title, authors, year) counts as stated: a claim that
names the book or its author is not faulted because the book's own text never prints them."""

from __future__ import annotations

from pathlib import Path

from citecheck import check
from citecheck.model import Report

BODY = """\
The emancipation of the serfs in 1861 freed some 23 million people from bondage.

Peasants received land allotments but owed redemption payments to the state for forty-nine years.

The reform was followed by changes to local government, the courts and the army.
"""

BIB = """\
@book{hosking,
  author = {Hosking, Geoffrey},
  title = {Russia: People and Empire},
  publisher = {Oxford University Press},
  year = {2009},
  file = {source.txt}
}
"""


def run(tmp_path: Path, essay: str, bib: str = BIB) -> Report:
    (tmp_path / "source.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "essay.md").write_text(essay, encoding="utf-8")
    return check([tmp_path / "essay.md"], offline=True, cache_dir=tmp_path / "cache")


def partly(report: Report) -> list[str]:
    return [f.message for d in report.documents for f in d.findings if f.rule == "claim-partly-supported"]


def verdicts(report: Report) -> list[str]:
    return [c.verdict for d in report.documents for c in d.claims]


def test_the_author_and_title_named_in_a_claim_are_stated(tmp_path: Path):
    report = run(tmp_path, "In Russia: People and Empire, Geoffrey Hosking notes that the emancipation of the serfs in 1861 "
                           "freed some twenty-three million people [@hosking].\n")
    assert partly(report) == []
    assert verdicts(report) == ["supported"]


def test_the_same_claim_citing_an_entry_without_them_names_what_is_absent(tmp_path: Path):
    bib = BIB.replace("author = {Hosking, Geoffrey},", "author = {Smith, Ann},").replace(
        "title = {Russia: People and Empire}", "title = {Serfdom}")
    report = run(tmp_path, "In Russia: People and Empire, Geoffrey Hosking notes that the emancipation of the serfs in 1861 "
                           "freed some twenty-three million people [@hosking].\n", bib)
    assert any("Hosking" in m for m in partly(report)), partly(report)


def test_a_name_the_entry_does_not_give_is_still_absent(tmp_path: Path):
    report = run(tmp_path, "Hosking notes that Alexander Herzen welcomed the emancipation of the serfs in 1861 "
                           "[@hosking].\n")
    messages = partly(report)
    assert any("Herzen" in m for m in messages) and not any("Hosking" in m for m in messages), messages


def test_the_month_the_entry_gives_is_stated(tmp_path: Path):
    essay = "A study published in March 2009 says the serfs were freed in 1861 [@hosking].\n"
    with_month = BIB.replace("year = {2009},", "year = {2009},\n  month = mar,")
    assert not partly(run(tmp_path, essay, with_month))
    with_date = BIB.replace("year = {2009},", "date = {2009-03-31},")
    assert not partly(run(tmp_path, essay, with_date))
    # without it, the month is a detail the source never states
    assert any("March" in m for m in partly(run(tmp_path, essay)))
