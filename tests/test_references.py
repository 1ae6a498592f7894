"""Reference existence: identifiers, matching, and the three index clients against local servers.

The servers (tests/index_servers.py) are real HTTP servers on 127.0.0.1 answering in Crossref's,
OpenAlex's and Open Library's JSON shapes; nothing patches requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from index_servers import IndexServers, IndexSite, Work
from servers import loopback_options

import citecheck
from citecheck.api import fetch
from citecheck.config import Config
from citecheck.library import load_library_text
from citecheck.references.clients import Indexes, IndexURLs, RecordStore
from citecheck.references.exist import check_reference
from citecheck.references.identifiers import (
    doi_problem,
    identifiers,
    isbn_problem,
    issn_problem,
    split_values,
)
from citecheck.references.match import compare
from citecheck.sources.http import Fetcher

WATSON = Work("Molecular Structure of Nucleic Acids", [("J. D.", "Watson"), ("F. H. C.", "Crick")], 1953,
              doi="10.1038/171737a0", subtitle="A Structure for Deoxyribose Nucleic Acid", container="Nature",
              volume="171", issue="4356", pages="737-738")
LECUN = Work("Deep learning", [("Yann", "LeCun"), ("Yoshua", "Bengio"), ("Geoffrey", "Hinton")], 2015,
             doi="10.1038/nature14539", container="Nature", volume="521", issue="7553", pages="436-444")
WAKEFIELD = Work("Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder "
                 "in children", [("A. J.", "Wakefield"), ("S. H.", "Murch"), ("A.", "Anthony")], 1998,
                 doi="10.1016/S0140-6736(97)11096-0", container="The Lancet", volume="351", pages="637-641",
                 retracted=True)
KUHN = Work("The Structure of Scientific Revolutions", [("Thomas S.", "Kuhn")], 1996, isbns=["9780226458083"],
            kind="book", publisher="University of Chicago Press", page_count=212, first_year=1962)


def ref_of(bib: str) -> Any:
    library = load_library_text(bib)
    assert not library.findings, library.findings
    (ref,) = library.references.values()
    return ref


def article(key: str = "x", *, author: str = "Watson, J. D. and Crick, F. H. C.",
            title: str = "Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid",
            year: str = "1953", pages: str = "737--738", volume: str = "171", doi: str | None = "10.1038/171737a0",
            journal: str = "Nature") -> str:
    doi_line = f"  doi = {{{doi}}},\n" if doi else ""
    return (f"@article{{{key},\n  author = {{{author}}},\n  title = {{{title}}},\n  journal = {{{journal}}},\n"
            f"  volume = {{{volume}}},\n  pages = {{{pages}}},\n  year = {{{year}}},\n{doi_line}}}\n")


# --------------------------------------------------------------------------- identifiers


@pytest.mark.parametrize("doi", ["10.1038/171737a0", "https://doi.org/10.1016/S0140-6736(97)11096-0",
                                 "doi:10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2", "10.1000.10/abc"])
def test_valid_dois(doi: str) -> None:
    assert doi_problem(doi) is None


@pytest.mark.parametrize(("doi", "why"), [("1038/nature14539", "starts with `10.`"), ("10.1038 /x", "spaces"),
                                          ("10.abc/x", "numeric registrant"), ("10.1038/", "suffix"),
                                          ("10.1038", "`/`")])
def test_invalid_dois(doi: str, why: str) -> None:
    problem = doi_problem(doi)
    assert problem is not None and why in problem


def test_isbn_and_issn_check_digits() -> None:
    assert isbn_problem("0-226-45808-3") is None and isbn_problem("978-0-226-45808-3") is None
    assert "check digit" in (isbn_problem("0-226-45808-4") or "")
    assert "digits" in (isbn_problem("0-226-4580") or "")
    assert issn_problem("0028-0836") is None and "check digit" in (issn_problem("0028-0837") or "")
    assert split_values("0-19-929115-2 (pbk.), 978-0-226-45808-3") == ["0-19-929115-2", "978-0-226-45808-3"]


def test_identifiers_of_an_entry() -> None:
    ref = ref_of("@book{k, title={T}, isbn={0-226-45808-3}, url={https://doi.org/10.1038/171737a0}}")
    found = {(i.kind, i.field, i.value, i.problem) for i in identifiers(ref)}
    assert ("isbn", "isbn", "9780226458083", None) in found
    assert ("doi", "url", "10.1038/171737a0", None) in found


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_identifier_readers_never_raise(value: str) -> None:
    ref = ref_of("@misc{k, title={T}}")
    ref.fields.update({"doi": value, "isbn": value, "issn": value, "eprint": value, "eprinttype": "arxiv"})
    for ident in identifiers(ref):
        assert ident.problem is None or isinstance(ident.problem, str)


# --------------------------------------------------------------------------- matching


def _record(work: Work) -> Any:
    site = IndexSite([work])
    from citecheck.references.clients import crossref_record

    return crossref_record(site.crossref_item(work), "test")


@pytest.mark.parametrize("title", [
    "Molecular structure of nucleic acids",  # subtitle left out
    "MOLECULAR STRUCTURE OF NUCLEIC ACIDS: A STRUCTURE FOR DEOXYRIBOSE NUCLEIC ACID",
    "Molecular Structure of Nucleic Acids -- A Structure for Deoxyribose Nucleic Acid",
    "Molecular Structure of Nucleic Acids; a Structure for Deoxyribose Nucleic Acid",
])
def test_title_noise_is_tolerated(title: str) -> None:
    comparison = compare(ref_of(article(title=title)), _record(WATSON))
    assert comparison.same_title and comparison.authors and not comparison.differences


def test_initials_diacritics_and_ampersand() -> None:
    work = Work("Crime & Punishment in Früh-Modern Europe", [("Jürgen", "Müller-Lüdenscheidt"), ("Anna", "Ó Briain")],
                2001, doi="10.5555/x", container="J", volume="1", pages="1-2")
    ref = ref_of(article(author="M{\\\"u}ller-L{\\\"u}denscheidt, J. and O Briain, A.",
                         title="Crime and punishment in fruh-modern Europe", year="2001", pages="1--2",
                         volume="1", journal="J", doi="10.5555/x"))
    comparison = compare(ref, _record(work))
    assert comparison.same_title and comparison.authors is True and not comparison.differences


def test_editors_count_as_authors() -> None:
    work = Work("Russia: A History", [("Gregory L.", "Freeze")], 2009, isbns=["9780199560417"], kind="book")
    ref = ref_of("@book{f, editor={Freeze, Gregory L.}, title={Russia}, publisher={OUP}, year={2009}}")
    assert compare(ref, _record(work)).authors is True


def test_translated_title_with_agreeing_authors_is_not_another_work() -> None:
    work = Work("Zur Elektrodynamik bewegter Körper", [("A.", "Einstein")], 1905, doi="10.1002/andp.19053221004",
                container="Annalen der Physik", volume="322", pages="891-921")
    ref = ref_of("@article{e, author={Einstein, Albert}, title={On the Electrodynamics of Moving Bodies}, "
                 "journal={Annalen der Physik}, volume={322}, pages={891--921}, year={1905}, "
                 "translator={Perrett, W. and Jeffery, G. B.}, doi={10.1002/andp.19053221004}}")
    comparison = compare(ref, _record(work))
    assert not comparison.other_work and comparison.differences == []


def test_year_one_off_and_book_reprints_are_not_mismatches() -> None:
    assert compare(ref_of(article(year="1954")), _record(WATSON)).differences == []
    kuhn = Work("The Structure of Scientific Revolutions", [("Thomas S.", "Kuhn")], 1996, kind="book",
                isbns=["9780226458083"])
    from citecheck.references.clients import openlibrary_doc_record

    record = openlibrary_doc_record(IndexSite([kuhn]).ol_doc(kuhn, 0) | {"first_publish_year": 1962}, "t")
    original = ref_of("@book{k, author={Kuhn, Thomas S.}, title={The Structure of Scientific Revolutions}, "
                      "publisher={U Chicago P}, year={1962}, edition={3}}")
    assert compare(original, record).differences == []
    impossible = ref_of("@book{k, author={Kuhn, Thomas S.}, title={The Structure of Scientific Revolutions}, "
                        "publisher={U Chicago P}, year={1950}}")
    assert [d[0] for d in compare(impossible, record).differences] == ["year"]


# --------------------------------------------------------------------------- against local servers


@pytest.fixture
def site() -> IndexSite:
    return IndexSite([WATSON, LECUN, WAKEFIELD, KUHN])


@pytest.fixture
def servers(site: IndexSite) -> Iterator[IndexServers]:
    running = IndexServers(site)
    yield running
    running.close()


def make_indexes(servers: IndexServers, tmp_path: Path, *, store: RecordStore | None = None, record: bool = False,
                 mailto: str = "", **options: Any) -> Indexes:
    fetcher = Fetcher(loopback_options(tmp_path, **options))
    values = servers.config_values()
    urls = IndexURLs(values["crossref-url"], values["openalex-url"], values["openlibrary-url"])
    return Indexes(fetcher, store, urls=urls, mailto=mailto, record=record)


def test_found_by_doi(servers: IndexServers, tmp_path: Path) -> None:
    outcome = check_reference(ref_of(article()), make_indexes(servers, tmp_path, mailto="me@example.org"))
    assert outcome.verdict == "ok" and outcome.record is not None and outcome.record.index == "crossref"
    crossref = [s for s in servers.crossref.log if s.path.startswith("/works/")]
    assert crossref and crossref[0].query.get("mailto") == ["me@example.org"]
    assert "application/json" in crossref[0].headers.get("Accept", "")


def test_identifier_pointing_at_another_work(servers: IndexServers, tmp_path: Path) -> None:
    ref = ref_of(article(author="Orlova, Vera", title="Returnees from the Gulag and the Thaw", year="2018",
                         pages="101--124", volume="7", journal="Journal of Example Studies"))
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "identifier-mismatch"
    assert outcome.record is not None and "Molecular Structure" in outcome.record.title


def test_not_found(servers: IndexServers, tmp_path: Path) -> None:
    ref = ref_of(article(author="Halvorsen, Ingrid", title="Collective Memory of the Secret Speech in Party Cells",
                         year="2019", doi=None))
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "not-found"
    assert {a.split(":", 1)[0] for a in outcome.asked} == {"Crossref", "OpenAlex"}


def test_unregistered_doi_of_a_real_work_is_a_fixable_mismatch(servers: IndexServers, tmp_path: Path) -> None:
    ref = ref_of(article(doi="10.1038/171737b9"))
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "metadata-mismatch" and outcome.fixes == {"doi": "10.1038/171737a0"}


@pytest.mark.parametrize(("changes", "fields"), [
    ({"year": "1963"}, ["year"]),
    ({"pages": "837--838"}, ["pages"]),
    ({"volume": "17"}, ["volume"]),
    ({"year": "1960", "pages": "1--2"}, ["year", "pages"]),
])
def test_metadata_mismatches(servers: IndexServers, tmp_path: Path, changes: dict[str, str],
                             fields: list[str]) -> None:
    outcome = check_reference(ref_of(article(**changes)), make_indexes(servers, tmp_path))
    assert outcome.verdict == "metadata-mismatch"
    assert [d[0] for d in outcome.differences] == fields
    assert set(outcome.fixes) == set(fields)


def test_title_garbled_but_authors_right_is_a_title_mismatch(servers: IndexServers, tmp_path: Path) -> None:
    outcome = check_reference(ref_of(article(title="Molecular Structure of Ribonucleic Acids in Bacteria")),
                              make_indexes(servers, tmp_path))
    assert outcome.verdict == "metadata-mismatch" and [d[0] for d in outcome.differences] == ["title"]


def test_retracted(servers: IndexServers, tmp_path: Path) -> None:
    ref = ref_of(article(author="Wakefield, A. J. and Murch, S. H. and Anthony, A.", title=WAKEFIELD.title,
                         year="1998", pages="637--641", volume="351", doi=WAKEFIELD.doi, journal="The Lancet"))
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "ok" and outcome.retracted
    assert outcome.record is not None and "retraction" in outcome.record.retraction


def test_isbn_found_with_authors_from_the_search_index(servers: IndexServers, tmp_path: Path) -> None:
    ref = ref_of("@book{k, author={Kuhn, Thomas S.}, title={The Structure of Scientific Revolutions}, "
                 "publisher={University of Chicago Press}, year={1962}, isbn={0-226-45808-3}}")
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "ok" and outcome.record is not None
    assert outcome.record.page_count == 212 and outcome.record.surnames == ["kuhn"]
    assert servers.openlibrary.hits("/isbn/9780226458083.json") == 1  # then the 302 to /books/…


def test_isbn_of_another_book(servers: IndexServers, tmp_path: Path) -> None:
    ref = ref_of("@book{k, author={Dawkins, Richard}, title={The Selfish Gene}, publisher={OUP}, year={1976}, "
                 "isbn={0-226-45808-3}}")
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "identifier-mismatch"


def test_timeout_abstains(servers: IndexServers, site: IndexSite, tmp_path: Path) -> None:
    site.faults.update({"crossref": "timeout", "openalex": "timeout"})
    site.slow = 1.5
    outcome = check_reference(ref_of(article()), make_indexes(servers, tmp_path, read_timeout=0.3))
    assert outcome.verdict == "unverified" and "timed out" in " ".join(outcome.asked)


def test_persistent_429_abstains(servers: IndexServers, site: IndexSite, tmp_path: Path) -> None:
    site.faults.update({"crossref": "429", "openalex": "429"})
    outcome = check_reference(ref_of(article(title="Something else entirely here", doi=None)),
                              make_indexes(servers, tmp_path, retries=1))
    assert outcome.verdict == "unverified"
    assert servers.crossref.hits() == 2  # the first try and one retry


def test_429_with_retry_after_is_waited_out(servers: IndexServers, site: IndexSite, tmp_path: Path) -> None:
    site.faults["crossref"] = "429-once"
    outcome = check_reference(ref_of(article()), make_indexes(servers, tmp_path))
    assert outcome.verdict == "ok"
    assert servers.crossref.hits("/works/10.1038/171737a0") == 2


def test_indexes_that_disagree_abstain(servers: IndexServers, site: IndexSite, tmp_path: Path) -> None:
    # OpenAlex files the DOI under the entry's work, Crossref under another: no verdict.
    other = Work("Returnees from the Gulag and the Thaw", [("Vera", "Orlova")], 2018, doi="10.1038/171737a0",
                 in_crossref=False)
    site.works.insert(0, other)
    ref = ref_of(article(author="Orlova, Vera", title="Returnees from the Gulag and the Thaw", year="2018",
                         pages="101--124", volume="7", journal="Journal of Example Studies"))
    outcome = check_reference(ref, make_indexes(servers, tmp_path))
    assert outcome.verdict == "unverified" and "disagree" in outcome.reason


def test_recorded_answers_replay_without_requests(servers: IndexServers, tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "snapshots")
    first = check_reference(ref_of(article(year="1963")), make_indexes(servers, tmp_path, store=store, record=True))
    store.save()
    before = servers.hits()
    replay = Indexes(None, RecordStore(tmp_path / "snapshots"), urls=make_indexes(servers, tmp_path).urls)
    second = check_reference(ref_of(article(year="1963")), replay)
    assert servers.hits() == before and replay.requests == 0
    assert (first.verdict, first.differences) == (second.verdict, second.differences) == (
        "metadata-mismatch", [("year", "1963", "1953")])


# --------------------------------------------------------------------------- through citecheck.check


def _essay_repo(tmp_path: Path, bib: str, essay: str) -> tuple[Path, Path]:
    (tmp_path / "essay.md").write_text(essay, encoding="utf-8")
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    return tmp_path / "essay.md", tmp_path / "references.bib"


def _config(servers: IndexServers, **more: Any) -> Config:
    config = Config()
    config.values.update(servers.config_values())
    config.values.update(more)
    return config


def test_check_runs_reference_rules_only_when_asked(servers: IndexServers, tmp_path: Path) -> None:
    essay, bib = _essay_repo(tmp_path, article("watson", year="1963"), "DNA is a double helix [@watson].\n")
    quiet = citecheck.check([essay], [bib], config=_config(servers), cache_dir=tmp_path / "c1")
    assert servers.hits() == 0 and not [f for f in quiet.findings() if f.rule.startswith("reference-m")]
    report = citecheck.check([essay], [bib], config=_config(servers), cache_dir=tmp_path / "c2",
                             check_references=True)
    (finding,) = [f for f in report.findings() if f.rule == "reference-metadata-mismatch"]
    assert finding.path == str(bib) and finding.span is not None and finding.span.line == 7  # the year line
    assert "year: `1963` vs `1953`" in finding.message and finding.evidence[1]["index"] == "Crossref"


def test_page_out_of_range_from_the_record(servers: IndexServers, tmp_path: Path) -> None:
    bib = ("@book{kuhn, author={Kuhn, Thomas S.}, title={The Structure of Scientific Revolutions}, "
           "publisher={University of Chicago Press}, year={1996}, isbn={0-226-45808-3}}\n")
    essay, bib_path = _essay_repo(tmp_path, bib, "Normal science is puzzle-solving [@kuhn, p. 350].\n"
                                  "Anomalies accumulate until a crisis [@kuhn, p. 82].\n")
    report = citecheck.check([essay], [bib_path], config=_config(servers), cache_dir=tmp_path / "c",
                             check_references=True)
    pages = [f for f in report.findings() if f.rule == "citation-page-out-of-range"]
    assert [f.found for f in pages] == ["p. 350"] and "212 pages" in pages[0].message


def test_fetch_records_then_offline_check_reproduces(servers: IndexServers, tmp_path: Path) -> None:
    essay, bib = _essay_repo(tmp_path, article("watson", doi="10.1038/nature14539"), "DNA [@watson].\n")
    snapshots = tmp_path / "snap"
    fetch([essay], [bib], config=_config(servers), snapshots=snapshots, cache_dir=tmp_path / "c1",
                    check_references=True)
    assert (snapshots / "references.json").is_file()
    before = servers.hits()
    report = citecheck.check([essay], [bib], config=_config(servers), offline=True, snapshots=snapshots,
                             cache_dir=tmp_path / "c2", check_references=True)
    assert servers.hits() == before
    assert [f.rule for f in report.findings() if f.rule.startswith("reference-i")] == ["reference-identifier-mismatch"]


# --------------------------------------------------------------------------- citecheck bib check


def _toml(servers: IndexServers, tmp_path: Path, **more: Any) -> Path:
    import json

    values = {**servers.config_values(), "cache-dir": str(tmp_path / "cache"), **more}
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    path = tmp_path / "citecheck.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


LIBRARY = """\
% kept as written: comments, order, alignment
@article{watson1953,
    author  = {Watson, J. D. and Crick, F. H. C.},
    title   = "Molecular Structure of Nucleic Acids",
    journal = {Nature},
    volume  = 171,
    pages   = {837--838},
    year    = {1953}
}

@article{orlova2018,
  author  = {Orlova, Vera},
  title   = {Returnees from the Gulag and the Thaw},
  journal = {Journal of Example Studies},
  year    = {2018},
  doi     = {10.1038/nature14539},
}

@book{kuhn, author = {Kuhn, Thomas S.}, title = {The Structure of Scientific Revolutions},
  publisher = {University of Chicago Press}, year = {1996}, isbn = {0-226-45808-4}}
"""


def test_bib_check_reports_and_fixes(servers: IndexServers, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    bib = tmp_path / "library.bib"
    bib.write_text(LIBRARY, encoding="utf-8")
    config = _toml(servers, tmp_path)
    result = CliRunner().invoke(main, ["bib", "check", str(bib), "--config", str(config), "--fix"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "reference-metadata-mismatch" in out and "reference-identifier-mismatch" in out and "isbn-invalid" in out
    assert "-    pages   = {837--838}," in out and "+    pages   = {737--738}," in out
    assert bib.read_text(encoding="utf-8") == LIBRARY  # --fix only prints
    result = CliRunner().invoke(main, ["bib", "check", str(bib), "--config", str(config), "--write"])
    fixed = bib.read_text(encoding="utf-8")
    assert (tmp_path / "library.bib.bak").read_text(encoding="utf-8") == LIBRARY
    assert fixed == LIBRARY.replace("{837--838}", "{737--738}")  # nothing else moved
    # The identifier mismatch is not "fixed": that needs a person.
    assert "doi     = {10.1038/nature14539}" in fixed


def test_bib_check_unreadable_library_exits_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    result = CliRunner().invoke(main, ["bib", "check", str(tmp_path / "missing.bib"), "--offline"])
    assert result.exit_code == 2 and "not found" in result.output
    # bib check has neither --bib nor an essay with front matter: the hint must not name them.
    assert "--bib" not in result.output and "front matter" not in result.output


BIB_ALONE = ("@book{a, author={Doe, Jane}, title={A Book}, publisher={P}, year={2001}, isbn={978-0-00-000000-1}}\n"
             "@article{b, author={Roe, K}, title={An Article}, journal={J}, year={1999}, volume={3}, pages={1--9}}\n")


def test_bib_check_offline_says_so_and_counts_the_library(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    bib = tmp_path / "lib.bib"
    bib.write_text(BIB_ALONE, encoding="utf-8")
    args = ["bib", "check", str(bib), "--offline", "--cache-dir", str(tmp_path / "cache"), "--format", "concise"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # isbn-invalid
    lines = result.output.splitlines()
    unverified = [line for line in lines if "reference-unverified" in line]
    assert len(unverified) == 2
    # Offline, no index was asked: not "some indexes did not answer".
    assert all("offline" in line and "did not answer" not in line for line in unverified)
    assert lines[-1].endswith("in 1 library"), lines[-1]
    quiet = CliRunner().invoke(main, [*args, "-q"])
    assert quiet.exit_code == 1 and quiet.output.splitlines() == lines[:-1]
    silent = CliRunner().invoke(main, [*args, "-qq"])
    assert silent.exit_code == 1 and silent.output == ""


def test_translated_title_without_a_translator_field() -> None:
    work = Work("Zur Elektrodynamik bewegter Körper", [("A.", "Einstein")], 1905, doi="10.1002/andp.19053221004",
                container="Annalen der Physik", volume="322", pages="891-921")
    ref = ref_of(article(author="Einstein, Albert", title="On the Electrodynamics of Moving Bodies", year="1905",
                         pages="891--921", volume="322", journal="Annalen der Physik", doi="10.1002/andp.19053221004"))
    assert compare(ref, _record(work)).differences == []
    # A title that keeps some words but changes the rest is not read as a translation.
    garbled = ref_of(article(author="Einstein, Albert", title="Zur Elektrodynamik ruhender Flüssigkeiten",
                             year="1905", pages="891--921", volume="322", journal="Annalen der Physik"))
    assert [d[0] for d in compare(garbled, _record(work)).differences] == ["title"]


def test_the_essays_own_works_cited_list_is_checked(servers: IndexServers, tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(
        "# On returnees\n\nMany returnees found their flats taken (Orlova 2018, p. 115).\n\n## Works Cited\n\n"
        "Orlova, Vera. \"Returnees from the Gulag and the Thaw.\" *Journal of Example Studies*, vol. 7, 2018, "
        "pp. 101\u2013124. doi:10.1038/171737a0.\n", encoding="utf-8")
    # The entry's DOI would also be fetched as a web source (doi.org): record the index answers
    # first, then check with no network at all, as CI does with `fetch --check-references`.
    from citecheck.readers import read_document
    from citecheck.references.essay import essay_library

    (entry,) = essay_library(read_document(essay)).references.values()
    store = RecordStore(tmp_path / "snap")
    check_reference(entry, make_indexes(servers, tmp_path, store=store, record=True))
    store.save()
    report = citecheck.check([essay], config=_config(servers), cache_dir=tmp_path / "c", check_references=True,
                             network=False, snapshots=tmp_path / "snap")
    (doc,) = report.documents
    (finding,) = [f for f in doc.findings if f.rule == "reference-identifier-mismatch"]
    assert finding.path == str(essay) and finding.span is not None and finding.span.line == 7
    assert "Watson" in finding.message


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                     max_leaves=12)
_FIELDS = ["title", "subtitle", "author", "editor", "issued", "published-print", "container-title", "page", "volume",
           "DOI", "ISBN", "updated-by", "update-to", "relation", "authorships", "biblio", "primary_location",
           "publication_year", "is_retracted", "doi", "author_name", "first_publish_year", "publish_year", "isbn",
           "number_of_pages", "publish_date", "isbn_13", "publishers", "short-container-title", "original-title"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_FIELDS), _JSON, max_size=10))
def test_record_readers_survive_any_json(item: dict[str, Any]) -> None:
    from citecheck.references.clients import (
        crossref_record,
        openalex_record,
        openlibrary_doc_record,
        openlibrary_edition_record,
    )

    ref = ref_of(article())
    for reader in (crossref_record, openalex_record, openlibrary_doc_record, openlibrary_edition_record):
        record = reader(item, "u")
        compare(ref, record)  # and the comparison copes with whatever came out


def test_arxiv_ids_are_looked_up_in_openalex(servers: IndexServers, site: IndexSite, tmp_path: Path) -> None:
    site.works.append(Work("Attention Is All You Need", [("Ashish", "Vaswani"), ("Noam", "Shazeer")], 2017,
                           doi="10.48550/arXiv.1706.03762", in_crossref=False))
    good = ref_of("@misc{v, author={Vaswani, Ashish and Shazeer, Noam and others}, title={Attention is all you need}, "
                  "year={2017}, eprint={1706.03762}, archiveprefix={arXiv}}")
    assert check_reference(good, make_indexes(servers, tmp_path)).verdict == "ok"
    assert servers.openalex.hits("/works/doi:10.48550/arxiv.1706.03762") == 1 and servers.crossref.hits() == 0
    other = ref_of("@misc{w, author={Orlova, Vera}, title={Returnees from the Gulag and the Thaw}, year={2017}, "
                   "url={https://arxiv.org/abs/1706.03762v5}}")
    assert check_reference(other, make_indexes(servers, tmp_path)).verdict == "identifier-mismatch"
