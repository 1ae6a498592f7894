"""library.py: loading .bib files, decoding values and names, located bib-syntax findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.library import fold_name, load_library, normalize_url, parse_person, split_names

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the checkout
EDGE = SHARED / "benchmarks" / "bibtex-edge"


@pytest.fixture(scope="module")
def good():
    return load_library([FIXTURES / "good.bib"])


@pytest.fixture(scope="module")
def broken():
    return load_library([FIXTURES / "broken.bib"])


def test_good_file_loads_without_findings(good):
    assert good.findings == []
    assert set(good.references) == {"freeze2009russia", "mueller2001", "osh2014"}
    assert good.paths == [FIXTURES / "good.bib"]


def test_strings_and_hash_joins_resolve(good):
    ref = good.references["freeze2009russia"]
    assert ref.fields["publisher"] == "Oxford University Press"
    assert ref.fields["address"] == "Oxford, UK"
    assert ref.fields["year"] == "2009"
    assert ref.year == "2009"
    assert ref.entry_type == "book"
    assert ref.line == 5


def test_latex_decoded_except_verbatim_fields(good):
    ref = good.references["mueller2001"]
    assert ref.fields["title"] == "Pages & dashes: 12–20 in the USSR"
    assert ref.fields["journal"] == "Journal of Soviet Studies"
    assert ref.fields["pages"] == "123–145"
    assert ref.fields["month"] == "March"
    assert ref.fields["url"] == "https://www.example.org/a--b/"
    assert ref.fields["doi"] == "10.1000/x--y"


def test_names_last_first_first_last_particles_and_corporate(good):
    authors = good.references["mueller2001"].authors
    assert [p.last for p in authors] == ["Müller", "van Gogh", "Smith"]
    assert [p.folded for p in authors] == ["muller", "van gogh", "smith"]
    editors = good.references["freeze2009russia"].editors
    assert [p.last for p in editors] == ["Freeze"] and not good.references["freeze2009russia"].authors
    corp = good.references["osh2014"].authors
    assert len(corp) == 1 and corp[0].last == "Office of the Historian, U.S. Department of State"


def test_split_names_respects_braces_and_case():
    assert split_names("{Barnes and Noble} and Smith, J. AND Doe, Jane") == [
        "{Barnes and Noble}", "Smith, J.", "Doe, Jane"]
    assert parse_person("others") is None
    p = parse_person("Ludwig van Beethoven")
    assert p is not None and p.last == "van Beethoven"
    p = parse_person("{\\'E}mile Zola")
    assert p is not None and p.folded == "zola"


def test_fold_name():
    assert fold_name('M{\\"u}ller') == "muller"
    assert fold_name("Brontë") == "bronte"
    assert fold_name("  ÉMILE   Zola ") == "emile zola"
    assert fold_name("{van} Gogh") == "van gogh"


def test_by_url_normalises(good):
    ref = good.by_url("http://history.state.gov/milestones/1953-1960/khrushchev-20th-congress/#top")
    assert ref is not None and ref.key == "osh2014"
    assert good.by_url("https://example.org/a--b") is not None
    assert good.by_url("https://example.org/other") is None
    assert normalize_url("HTTPS://WWW.Example.org:443/x/") == normalize_url("http://example.org/x")


def test_bib_dir(good):
    assert good.bib_dir("osh2014") == FIXTURES


def _by_line(lib):
    return {f.span.line: f for f in lib.findings}


def test_broken_file_findings_are_located(broken):
    found = _by_line(broken)
    assert all(f.rule == "bib-syntax" and f.severity == "error" for f in broken.findings)
    assert all(f.path == str(FIXTURES / "broken.bib") for f in broken.findings)
    assert "missing comma" in found[3].message
    assert "undefined macro `undefinedpub`" in found[10].message
    assert "duplicate key `good1`" in found[22].message and "line 15" in found[22].message
    assert "unbalanced braces" in found[28].message and "unbalanced" in found[28].message
    assert "`#`" in found[41].message
    assert sorted(found) == [3, 10, 22, 28, 41]
    for f in broken.findings:
        assert f.evidence and f.evidence[0]["bib"] == str(FIXTURES / "broken.bib")
        assert f.evidence[0]["line"] == f.span.line


def test_broken_file_still_loads_the_rest(broken):
    refs = broken.references
    assert set(refs) == {"nocomma", "macro", "good1", "after", "dangling"}
    # the missing comma is repaired: both fields survive
    assert refs["nocomma"].fields["title"] == "First Title"
    assert refs["nocomma"].fields["year"] == "2001"
    assert refs["good1"].fields["title"] == "Good"  # the first of duplicate keys wins
    assert refs["after"].fields["journal"] == "J"


def test_extra_closing_brace_is_reported():
    lib = load_library([FIXTURES / "extra_brace.bib"])
    assert [f.span.line for f in lib.findings] == [3]
    assert "unbalanced braces" in lib.findings[0].message
    assert set(lib.references) == {"early", "fine"}


def test_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        load_library([tmp_path / "nope.bib"])
    assert "nope.bib" in str(err.value) and "not found" in str(err.value)


def test_undecodable_file_names_line(tmp_path):
    with pytest.raises(InputError) as err:
        load_library([FIXTURES / "latin1.bib"])
    assert err.value.line == 2
    assert "latin1.bib:2" in str(err.value) and "UTF-8" in str(err.value)


def test_directory_is_input_error(tmp_path):
    with pytest.raises(InputError):
        load_library([tmp_path])


def test_two_files_duplicate_key_across_files(tmp_path):
    a = tmp_path / "a.bib"
    b = tmp_path / "b.bib"
    a.write_text("@misc{k, title={A}}\n", encoding="utf-8")
    b.write_text("\n\n@misc{k, title={B}}\n", encoding="utf-8")
    lib = load_library([a, b])
    assert lib.references["k"].fields["title"] == "A"
    assert len(lib.findings) == 1 and lib.findings[0].path == str(b) and lib.findings[0].span.line == 3


def test_crossref_inherits_missing_fields(tmp_path):
    p = tmp_path / "x.bib"
    p.write_text("@inproceedings{c, author={A, B}, title={Paper}, crossref={p}}\n"
                 "@proceedings{p, title={Proc}, year={1999}, editor={E, F}, crossref={c}}\n", encoding="utf-8")
    lib = load_library([p])
    assert lib.references["c"].fields["booktitle"] == "Proc"
    assert lib.references["c"].fields["year"] == "1999"


def _edge_files():
    if not EDGE.exists():
        return []
    return sorted(EDGE.rglob("*.bib"))


@pytest.mark.skipif(not EDGE.exists(), reason="../shared/benchmarks/bibtex-edge is absent")
@pytest.mark.parametrize("path", _edge_files(), ids=lambda p: p.name)
def test_bibtex_edge_files_load_or_fail_cleanly(path):
    try:
        lib = load_library([path])
    except InputError as err:
        assert str(path) in str(err)
        return
    for f in lib.findings:
        assert f.rule == "bib-syntax" and f.span is not None and f.span.line >= 1
        assert f.path == str(path)
    for ref in lib.references.values():
        assert ref.line >= 1 and all(k == k.lower() for k in ref.fields)


@pytest.mark.skipif(not EDGE.exists(), reason="../shared/benchmarks/bibtex-edge is absent")
def test_bibtex_edge_known_contents():
    base = EDGE / "bibtexparser-v1.4.3"
    lib = load_library([base / "features2.bib"])
    ref = lib.references["mykey"]
    assert ref.fields["author"] == "John Doe"
    assert ref.fields["title"] == "Cool Stuff"
    assert ref.fields["booktitle"] == "My International Conference"
    assert ref.fields["note"] == "Email: John.Doe@example.com"
    lib = load_library([base / "article_start_with_bom.bib"])
    assert len(lib.references) == 1


def test_crossref_cycle_is_a_located_finding() -> None:
    from citecheck.library import load_library_text

    lib = load_library_text("@book{a, title = {A}, crossref = {b}}\n\n@book{b, title = {B}, crossref = {a}}\n",
                            "cycle.bib")
    cycles = [f for f in lib.findings if "crossref cycle" in f.message]
    assert [(f.rule, f.span.line) for f in cycles] == [("bib-syntax", 1), ("bib-syntax", 3)]
    assert "a -> b -> a" in cycles[0].message
    assert set(lib.references) == {"a", "b"}


@pytest.mark.parametrize(("name", "text", "what"), [
    ("essay.md", "# Essay\n\nThe town had 20,000 people (Ellison 12).\n", "an essay (.md)"),
    ("notes.json", '{"a": 1}\n', "not a .bib file"),
])
def test_a_file_that_is_no_library_is_refused(tmp_path: Path, name: str, text: str, what: str) -> None:
    from citecheck.errors import InputError

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(what)) as caught:
        load_library([path])
    assert "--bib" in str(caught.value)


def test_bib_entries_in_a_file_of_another_name_still_load(tmp_path: Path) -> None:
    path = tmp_path / "refs.bibtex"
    path.write_text("@book{a, author={Doe, J}, title={T}, publisher={P}, year={2001}}\n", encoding="utf-8")
    assert list(load_library([path]).references) == ["a"]


def test_check_with_an_essay_as_bib_is_an_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    essay = tmp_path / "essay.md"
    essay.write_text("# Essay\n\nThe town had 20,000 people (Ellison 12).\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(essay), "--bib", str(essay), "--offline",
                                       "--cache-dir", str(tmp_path / "cache"), "--format", "concise"])
    assert result.exit_code == 2
    assert "no BibTeX entries" in result.output and "citation-undefined" not in result.output
