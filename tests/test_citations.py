"""citations/: every marker form, the non-citations, footnotes, links, numbers, resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.citations import find_citations
from citecheck.citations.locators import parse_locator
from citecheck.citations.notes import reference_list
from citecheck.citations.resolve import resolve_citations
from citecheck.library import load_library
from citecheck.model import Block, Document, Footnote, Link

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"  # ../shared


def text_doc(s: str, fmt: str = "text", blocks: list[Block] | None = None, **kw) -> Document:
    return Document("essay.txt", fmt, source=s, text=s, offsets=list(range(len(s) + 1)),
                    blocks=blocks if blocks is not None else [Block("paragraph", 0, len(s))], **kw)


def cites(s: str, fmt: str = "text"):
    return find_citations(text_doc(s, fmt))


def one(s: str, fmt: str = "text"):
    found = cites(s, fmt)
    assert len(found) == 1, found
    return found[0]


def pages(c):
    assert c.locator is not None
    return (c.locator.label, c.locator.first, c.locator.last)


# ---------------------------------------------------------------- MLA

@pytest.mark.parametrize("s, names, loc", [
    ("(Freeze, 418)", ["Freeze"], ("page", 418, 418)),
    ("(Freeze 418)", ["Freeze"], ("page", 418, 418)),
    ("(Freeze 418-20)", ["Freeze"], ("page", 418, 420)),
    ("(Freeze 418–420)", ["Freeze"], ("page", 418, 420)),
    ("(Freeze and Smith 12)", ["Freeze", "Smith"], ("page", 12, 12)),
    ("(Freeze et al. 12)", ["Freeze"], ("page", 12, 12)),
    ("(Müller-Lüdenscheidt 3)", ["Müller-Lüdenscheidt"], ("page", 3, 3)),
    ("(de Gaulle 44)", ["de Gaulle"], ("page", 44, 44)),
    ("(van Gogh 12)", ["van Gogh"], ("page", 12, 12)),
    ("(O'Brien 7)", ["O'Brien"], ("page", 7, 7)),
    ("(Freeze, p. 418)", ["Freeze"], ("page", 418, 418)),
    ("(Freeze, ch. 3)", ["Freeze"], ("chapter", 3, 3)),
])
def test_mla(s, names, loc):
    c = one(s)
    assert c.style == "mla" and c.names == names and c.year is None and pages(c) == loc
    assert (c.start, c.end) == (0, len(s))
    assert c.span is not None and c.span.column == 1 and c.span.end == len(s)


def test_mla_short_title():
    c = one("(Freeze, Russia 418)")
    assert c.title == "Russia" and pages(c) == ("page", 418, 418)
    c = one("(Freeze, Russia: A History 418)")
    assert c.title == "Russia: A History"


def test_mla_two_works_two_citations():
    s = "as shown (Freeze 418; Smith 12)."
    a, b = cites(s)
    assert (a.names, b.names) == (["Freeze"], ["Smith"])
    assert s[a.start:a.end] == "Freeze 418" and s[b.start:b.end] == "Smith 12"
    assert a.marker == b.marker == "(Freeze 418; Smith 12)"


def test_mla_et_al_without_page():
    c = one("(Freeze et al.)")
    assert c.names == ["Freeze"] and c.locator is None


# ---------------------------------------------------------------- author-date

@pytest.mark.parametrize("s, names, year, loc", [
    ("(Freeze, 2009, p. 418)", ["Freeze"], "2009", ("page", 418, 418)),
    ("(Freeze 2009, 418)", ["Freeze"], "2009", ("page", 418, 418)),
    ("(Freeze, 2009, pp. 418–420)", ["Freeze"], "2009", ("page", 418, 420)),
    ("(Freeze, 2009a)", ["Freeze"], "2009a", None),
    ("(Freeze & Smith, 2009)", ["Freeze", "Smith"], "2009", None),
    ("(Smith, Jones, and Brown 2009)", ["Smith", "Jones", "Brown"], "2009", None),
    ("(World Health Organization, 2020)", ["World Health Organization"], "2020", None),
    ("(Freeze n.d.)", ["Freeze"], "n.d.", None),
])
def test_author_date(s, names, year, loc):
    c = one(s)
    assert c.style == "author-date" and c.names == names and c.year == year
    assert (pages(c) if c.locator else None) == loc
    assert not c.narrative


def test_author_date_prefix():
    c = one("(see Freeze 2009)")
    assert c.prefix == "see" and c.names == ["Freeze"] and c.year == "2009"
    c = one("(e.g., Freeze 2009)")
    assert c.prefix.startswith("e.g")


def test_author_date_multiple_years_and_works():
    found = cites("(Fukushige et al, 1997, 1998; Harada et al., 2002a)")
    assert [(c.names, c.year) for c in found] == [
        (["Fukushige"], "1997"), (["Fukushige"], "1998"), (["Harada"], "2002a")]


def test_author_date_comma_separated_works():
    found = cites("(Smith 2010, Jones 2012)")
    assert [(c.names, c.year) for c in found] == [(["Smith"], "2010"), (["Jones"], "2012")]
    found = cites("(Smith, 2010, Jones, 2012)")
    assert [(c.names, c.year) for c in found] == [(["Smith"], "2010"), (["Jones"], "2012")]
    s = "(Freeze 2009, 418, Smith 2010)"
    a, b = cites(s)
    assert pages(a) == ("page", 418, 418) and s[a.start:a.end] == "Freeze 2009, 418"
    assert (b.names, b.year) == (["Smith"], "2010")
    found = cites("(Spreeuw 2010, Carbone et al. in prep)")
    assert [c.year for c in found] == ["2010", "in prep"]


def test_author_date_personal_communication():
    found = cites("(de Bruyn, priv. comm., Clarke, priv. comm.)")
    assert [(c.names, c.year) for c in found] == [(["de Bruyn"], "priv. comm."), (["Clarke"], "priv. comm.")]
    assert one("(Smith, personal communication)").year == "personal communication"


@pytest.mark.parametrize("s, names", [
    ("(Van Soest and Robertson, 1985)", ["Van Soest", "Robertson"]),
    ("(De Grood et al., 2019)", ["De Grood"]),
    ("(Dal Piaz et al., 2004)", ["Dal Piaz"]),
    ("(St-Cyr Tribble et al., 2008)", ["St-Cyr Tribble"]),
    ("(Le 2009)", ["Le"]),
])
def test_author_date_capitalised_particles_and_double_surnames(s, names):
    c = one(s)
    assert c.style == "author-date" and c.names == names


def test_author_date_closing_a_remark():
    c = one("(described by van der Tol et al. 2007)")
    assert c.names == ["van der Tol"] and c.prefix == "described by"
    assert one("(adapted from Smith 2009)").prefix == "adapted from"
    s = "(consistent with values defined by Holwerda et al. 2014)"
    c = one(s)
    assert c.names == ["Holwerda"] and (c.start, c.end) == (0, len(s))
    assert one("(Paper V of this series, Gavazzi et al. 1999a)").year == "1999a"
    c = one("(for a review, see Smith 2009)")
    assert c.names == ["Smith"] and c.prefix == "see"
    found = cites("(RTE-1 – Dagan et al., 2006; RTE-2 – Bar-Haim et al., 2006)")
    assert [c.names for c in found] == [["Dagan"], ["Bar-Haim"]]


def test_narrative_several_years_and_remark():
    s = "Hyman et al. (2005, 2006, 2009) found"
    found = cites(s)
    assert [c.year for c in found] == ["2005", "2006", "2009"]
    assert all(c.narrative and c.locator is None and s[c.start:c.end] == s[:31] for c in found)
    c = one("reported in Gavazzi et al. (1996c; Paper I); another")
    assert c.year == "1996c" and c.suffix == "Paper I"


def test_mla_surname_shapes_and_roman_pages():
    assert one("(McGinn 12)").names == ["McGinn"]
    assert one("(DeVries 4)").names == ["DeVries"]
    assert one("(Freeze xiv)").locator.value == "xiv"
    assert pages(one("(Freeze, p. 12345)")) == ("page", 12345, 12345)


def test_marker_inside_parenthetical_remark():
    c = one("a result (see [7] for a review).")
    assert c.style == "numeric" and c.number == 7


def test_author_date_variants_from_papers():
    assert one("(also see Frail et al. 2012)").prefix == "also see"
    assert one("(see Rowlinson et al. in prep.)").year == "in prep."
    assert [c.year for c in cites("(Arber et al., 1994 and 1996)")] == ["1994", "1996"]
    assert one("(see Carbone et al. 2015 for the details)").suffix == "for the details"
    c = one("Using the LWA, Obenberger et al. (2014a) detected")
    assert c.narrative and c.year == "2014a"
    assert one("the Lazio et al. (2010) survey").names == ["Lazio"]


def test_narrative_author_date():
    s = "As Freeze (2009) argues, the speech mattered."
    c = one(s)
    assert c.narrative and c.names == ["Freeze"] and c.year == "2009"
    assert s[c.start:c.end] == "Freeze (2009)"
    c = one("Gregory L. Freeze (2009, p. 418) argues")
    assert c.narrative and pages(c) == ("page", 418, 418)
    c = one("Freeze et al. (2009) argue")
    assert c.names == ["Freeze"]
    c = one("Freeze and Smith (2009) argue")
    assert c.names == ["Freeze", "Smith"]


def test_page_only_with_author_in_reach():
    s = "Freeze (2009) says it plainly (p. 418)."
    a, b = cites(s)
    assert a.narrative and not b.narrative
    assert b.names == ["Freeze"] and b.year == "2009" and pages(b) == ("page", 418, 418)
    assert s[b.start:b.end] == "(p. 418)"


def test_ibid_repeats_previous():
    _a, b = cites("A claim (Freeze 418). Another (ibid., 419).")
    assert b.names == ["Freeze"] and pages(b) == ("page", 419, 419)


# ---------------------------------------------------------------- pandoc

def test_pandoc_bracket():
    c = one("[@freeze2009russia, p. 418]")
    assert c.style == "pandoc" and c.key == "freeze2009russia" and pages(c) == ("page", 418, 418)
    assert not c.narrative


def test_pandoc_multiple_with_prefix():
    s = "[see @a; @b, ch. 3]"
    a, b = cites(s)
    assert (a.key, a.prefix, a.locator) == ("a", "see", None)
    assert b.key == "b" and pages(b) == ("chapter", 3, 3)
    assert s[b.start:b.end] == "@b, ch. 3"


def test_pandoc_bare_and_suppressed():
    c = one("@key says so")
    assert c.key == "key" and c.narrative and c.marker == "@key"
    c = one("@key [p. 33] says so")
    assert pages(c) == ("page", 33, 33)
    c = one("as noted [-@key]")
    assert c.key == "key" and not c.narrative
    c = one("[@{odd key}]")
    assert c.key == "odd key"


def test_pandoc_not_email_or_html_handle():
    assert cites("write to me@example.com or [mail me@example.com]") == []
    assert cites("@jack said", fmt="html") == []
    assert cites("Key @key.") and cites("Key @key.")[0].key == "key"  # trailing dot not part of key


# ---------------------------------------------------------------- LaTeX

@pytest.mark.parametrize("s, keys, narrative", [
    (r"\cite{a,b}", ["a", "b"], False),
    (r"\citep[p.~418]{key}", ["key"], False),
    (r"\citet{key}", ["key"], True),
    (r"\parencite{k}", ["k"], False),
    (r"\autocite{k}", ["k"], False),
    (r"\footcite[12]{k}", ["k"], False),
    (r"\textcite{k}", ["k"], True),
    (r"\parencite*{k}", ["k"], False),
    (r"\cite{ a , b }", ["a", "b"], False),
])
def test_latex(s, keys, narrative):
    found = cites(s, fmt="latex")
    assert [c.key for c in found] == keys
    assert all(c.style == "latex" and c.narrative == narrative for c in found)


def test_latex_optional_arguments():
    c = one(r"\citep[p.~418]{key}", fmt="latex")
    assert pages(c) == ("page", 418, 418) and (c.start, c.end) == (0, len(r"\citep[p.~418]{key}"))
    c = one(r"\citep[see][p.~4]{key}", fmt="latex")
    assert c.prefix == "see" and pages(c) == ("page", 4, 4)
    c = one(r"\cite[chap.~2]{key}", fmt="latex")
    assert pages(c) == ("chapter", 2, 2)
    assert cites(r"\nocite{*}", fmt="latex") == []


# ---------------------------------------------------------------- numeric

def test_numeric():
    assert [c.number for c in cites("claim [1].")] == [1]
    assert [c.number for c in cites("claim [1, 3-5].")] == [1, 3, 4, 5]
    assert [c.number for c in cites("claim [2–4].")] == [2, 3, 4]
    assert all(c.style == "numeric" for c in cites("claim [1, 3-5]."))
    assert cites("array[1]") == []


def test_numeric_resolves_through_reference_list():
    s = "A claim [1] and another [2] and [3].\n[1] Freeze, G. Russia: A History. Oxford, 2009.\n" \
        "[2] Nobody, N. Unknown. 1999."
    first_end = s.index("\n")
    doc = text_doc(s, blocks=[Block("paragraph", 0, first_end), Block("references", first_end + 1, len(s))])
    found = find_citations(doc)
    assert [c.number for c in found] == [1, 2, 3]  # the list's own [1] [2] are not citations
    assert reference_list(doc)[2] == "Nobody, N. Unknown. 1999."
    lib = load_library([FIXTURES / "bib" / "good.bib"])
    resolve_citations(found, doc, lib)
    assert found[0].resolution.status == "resolved" and found[0].resolution.keys == ["freeze2009russia"]
    assert found[1].resolution.status == "unresolved-number"
    assert found[1].resolution.reason == "Nobody, N. Unknown. 1999."
    assert found[2].resolution.status == "undefined"


# ---------------------------------------------------------------- non-citations

@pytest.mark.parametrize("s", [
    "In February (1956) it began.", "(see above)", "the (USSR) state", "he wrote [sic] it",
    "a page (p. 3) alone", "(1) first item", "(e.g. the Kirov affair)", "(Figure 2)", "(ibid.)",
    "(Chapter 3)", "(World War 2)", "(Table 1)", "(CPSU 20)", "the Secret Speech (1956) was read",
    "(Moscow, Russia)", "(Stalin)", "the 1950’s (about then)", "(2009)", "(i.e. Freeze)",
    "(NATO 1949)", "[...]", "[emphasis added]", "in (Part 2)", "(January 1956)",
    "costs (USD 20)", "f(x) = (a + b)", "", "((((", "[[[@", "(Scheme 1)", "vector [0, 1]",
    # lab notebooks and chemistry: formulae, gene, cell-line and catalogue numbers
    "NMR (CDCl 3 ) shows", "(DMSO-d 6 )", "(PhCH 2 )", "(FeCl 3 )", "(Zn, AcOH, CuSO 4 )", "(HepG2)",
    "(Dnttip1; Gene ID: 116092)", "(SixGe 1-x)", "(Iσt 90)", "(Illumina, 20028315)",
    "(ArcticZymes, 70800-202)", "(Qiagen, Cat# 69501)", "(Merck, Kieselgel 60 F-254, 0.2 mm)",
    "(Localization, 19-32)", "(see Column 18)", "(Peak 1)", "(Group 2)", "(Smith, 3 mm)",
    "calix[4]arene", "[2,5,11]benzoxadiazacyclotetradecine", "multipliers [1, 2, 4, 4]",
    # remarks that end in a place and a year
    "(born in Moscow, 1956)", "(written in exile, in Paris 1956)",
    "(London: Modern Art Museum of Fort Worth and Thames and Hudson, 2003)",
])
def test_not_citations(s):
    assert cites(s) == []


# ---------------------------------------------------------------- links and footnotes

def test_links_become_link_citations():
    s = "According to this source, it happened."
    doc = text_doc(s, links=[Link("https://example.org/x", "this source", 13, 24),
                             Link("mailto:a@b.c", "mail", 0, 2)])
    (c,) = find_citations(doc)
    assert c.style == "link" and c.url == "https://example.org/x" and (c.start, c.end) == (13, 24)
    assert c.span is not None and c.span.column == 14


def _note_doc(body: str, note: str, label: str = "1") -> Document:
    s = body + "\n\n" + note
    nstart = len(body) + 2
    marker_pos = body.index("*")
    return text_doc(s, blocks=[Block("paragraph", 0, len(body)), Block("footnote", nstart, len(s))],
                    footnotes=[Footnote(label, nstart, len(s), refs=[(marker_pos, marker_pos + 1)],
                                        ref_positions=[marker_pos])])


def test_footnote_reference_note():
    doc = _note_doc("A claim.* More.", "Freeze, Russia: A History, 418.")
    (c,) = find_citations(doc)
    assert c.style == "footnote" and c.footnote == "1" and c.names == ["Freeze"]
    assert c.title == "Russia: A History" and pages(c) == ("page", 418, 418)
    assert c.start == c.end == 8 and c.span is not None and c.span.start == 8 and c.span.end == 9


def test_footnote_chicago_full_note_and_ibid():
    s = "One.* Two.+"
    n1 = "Gregory L. Freeze, Russia: A History (Oxford: Oxford University Press, 2009), 418."
    n2 = "Ibid., 419."
    text = s + "\n\n" + n1 + "\n\n" + n2
    a = len(s) + 2
    b = a + len(n1) + 2
    doc = text_doc(text, blocks=[Block("paragraph", 0, len(s)), Block("footnote", a, a + len(n1)),
                                 Block("footnote", b, len(text))],
                   footnotes=[Footnote("1", a, a + len(n1), [(4, 5)], [4]),
                              Footnote("2", b, len(text), [(10, 11)], [10])])
    first, second = find_citations(doc)
    assert first.names == ["Freeze"] and first.year == "2009" and pages(first) == ("page", 418, 418)
    assert second.names == ["Freeze"] and pages(second) == ("page", 419, 419) and second.footnote == "2"


@pytest.mark.parametrize("note, names", [
    ("Ann Ellison and Peter Moss, The Railway Age in the North (Leeds: Leeds University Press, 2004), 12.",
     ["Ellison", "Moss"]),
    ("Ann Ellison, Peter Moss, and Lucy Grant, The Railway Age (Leeds: LUP, 2004), 12.", ["Ellison", "Moss", "Grant"]),
    ("Ann Ellison et al., The Railway Age (Leeds: LUP, 2004), 12.", ["Ellison"]),
    ("Ellison and Moss, Railway Age, 14.", ["Ellison", "Moss"]),
])
def test_footnote_chicago_note_with_several_authors(note, names):
    # issue 11 (Chicago notes-bibliography): a note by two or more authors was no citation at all,
    # so its claim was uncited and its bibliography entry "never cited".
    doc = _note_doc("A claim.* More.", note)
    (c,) = find_citations(doc)
    assert c.style == "footnote" and c.names == names and c.locator is not None
    assert c.title is not None and c.title.startswith(("The Railway Age", "Railway Age"))


@pytest.mark.parametrize("note, title, pages", [
    ('Daniel Okafor, "Mapping Cholera," Public Health Review 12, no. 3 (2018): 45.', "Mapping Cholera", (45, 45)),
    ("Daniel Okafor, “Mapping Cholera,” Public Health Review 12, no. 3 (2018): 40–52.", "Mapping Cholera", (40, 52)),
])
def test_footnote_chicago_journal_article_note(note, title, pages):
    # A Chicago note for a journal article gives its page after a colon: "12, no. 3 (2018): 45."
    # It was no citation, so its claim was uncited and its bibliography entry "never cited".
    doc = _note_doc("A claim.* More.", note)
    (c,) = find_citations(doc)
    assert (c.style, c.names, c.year, c.title) == ("footnote", ["Okafor"], "2018", title)
    assert c.locator is not None and (c.locator.first, c.locator.last) == pages


def test_footnote_web_article_note_keeps_the_article_title():
    doc = _note_doc("A claim.* More.",
                    'Lena Hartman, "The First Vaccine," History of Medicine Online, 2015, https://history.example/jenner.')
    (c,) = find_citations(doc)
    assert (c.names, c.title, c.url) == (["Hartman"], "The First Vaccine", "https://history.example/jenner")


def test_footnote_holding_a_citation_moves_it_to_the_marker():
    doc = _note_doc("A claim.* More.", "See [@freeze2009russia, p. 12] for details.")
    (c,) = find_citations(doc)
    assert c.style == "footnote" and c.key == "freeze2009russia" and c.start == 8


def test_footnote_commentary_is_not_a_citation():
    doc = _note_doc("A claim.* More.", "This was widely reported at the time.")
    assert find_citations(doc) == []


def test_footnote_with_url():
    doc = _note_doc("A claim.* More.", "Office of the Historian, https://history.state.gov/x.")
    (c,) = find_citations(doc)
    assert c.url == "https://history.state.gov/x"


# ---------------------------------------------------------------- locators

@pytest.mark.parametrize("s, expected", [
    ("418-20", (418, 420)), ("418–420", (418, 420)), ("98-102", (98, 102)), ("p. 5", (5, 5)),
    ("pp. 1203-7", (1203, 1207)),
])
def test_locator_ranges(s, expected):
    loc = parse_locator(s)
    assert loc is not None and (loc.first, loc.last) == expected


def test_locator_rejects_words():
    assert parse_locator("Russia") is None and parse_locator("Civil") is None


# ---------------------------------------------------------------- property

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("()[]{}@;,.-–:~\\ \n aAeFpP0123456789étal&"))
               | st.characters(), max_size=200))
def test_random_text_never_crashes(s):
    found = find_citations(text_doc(s))
    for c in found:
        assert 0 <= c.start <= c.end <= len(s)
        assert c.span is not None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["(Freeze 418)", " text ", "[1]", "[@k]", r"\cite{x}", "(1956)", "(",
                                 ")", "Freeze (2009)", "; ", "[", "@"]), max_size=20))
def test_marker_soup_never_crashes(parts):
    s = "".join(parts)
    for c in find_citations(text_doc(s)):
        assert 0 <= c.start <= c.end <= len(s)


# ---------------------------------------------------------------- Markdown through the readers

def _parse_markdown(source: str, path: str = "essay.md") -> Document:
    readers = pytest.importorskip("citecheck.readers")
    if not hasattr(readers, "parse_text"):
        pytest.fail("citecheck.readers.parse_text is missing")
    return readers.parse_text(source, path, "markdown")


def test_markdown_footnote_link_pandoc_numeric():
    src = ("Text with a note.[^1] And [a link](https://example.org/x) and [@k, p. 4].\n\n"
           "Numbered claim [1, 2].\n\n[^1]: Freeze, Russia: A History, 418.\n\n## References\n\n"
           "1. Freeze, G. Russia: A History. Oxford, 2009.\n2. Smith, J. Other. 2001.\n")
    doc = _parse_markdown(src)
    found = find_citations(doc)
    styles = [c.style for c in found]
    assert styles == ["footnote", "link", "pandoc", "numeric", "numeric"]
    note = found[0]
    assert note.span is not None and src[note.span.start:note.span.end] == "[^1]"
    link = found[1]
    assert src[link.span.start:link.span.end] == "a link"
    assert src[found[2].span.start:found[2].span.end] == "[@k, p. 4]"
    assert reference_list(doc)[2].startswith("Smith")


def test_founding_essay_has_one_parenthetical_citation():
    path = SEEDS / "secret-speech.md"
    if not path.exists():
        pytest.skip("../shared/seeds is absent")
    source = path.read_text(encoding="utf-8")
    try:
        doc = _parse_markdown(source, str(path))
    except pytest.skip.Exception:
        doc = text_doc(source)
    found = find_citations(doc)
    paren = [c for c in found if c.style in ("mla", "author-date")]
    assert len(paren) == 1
    c = paren[0]
    assert c.marker == "(Freeze, 418)" and c.names == ["Freeze"] and pages(c) == ("page", 418, 418)
    assert source[c.span.start:c.span.end] == "(Freeze, 418)"
    lib = load_library([SEEDS / "secret-speech.bib"])
    resolve_citations(found, doc, lib)
    assert c.resolution.status == "resolved" and c.resolution.keys == ["freeze2009russia"]
    links = [x for x in found if x.style == "link"]
    assert [x.resolution.keys for x in links] == [["osh2014khrushchev"]]


def test_mla_short_title_prefers_the_title_it_begins():
    # "(Ellison, Harwick 12)": both of Ellison's titles hold "Harwick", but MLA's short title
    # begins with the title's first word, so it is "Harwick: A Mill Town".
    from citecheck.library import load_library_text

    lib = load_library_text(
        "@book{mill, author={Ellison, Ann}, title={Harwick: A Mill Town}, year={2004}}\n"
        "@book{ledgers, author={Ellison, Ann}, title={The Ledgers of Harwick}, year={2008}}\n")
    s = "The ledgers burned (Ellison, Harwick 12). The council met (Ellison, Ledgers 88). (\"Harwick\" 3)"
    doc = text_doc(s)
    found = find_citations(doc)
    resolve_citations(found, doc, lib)
    assert [(c.resolution.status, c.resolution.keys) for c in found] == [
        ("resolved", ["mill"]), ("resolved", ["ledgers"]), ("resolved", ["mill"])]


# ---------------------------------------------------------------- IEEE numeric with a locator

@pytest.mark.parametrize("s, numbers, locs", [
    ("a claim [2, p. 12].", [2], [("page", 12, 12)]),
    ("a claim [2, pp. 12-14].", [2], [("page", 12, 14)]),
    ("a claim [2: 12].", [2], [("page", 12, 12)]),
    ("a claim [2, ch. 4].", [2], [("chapter", 4, 4)]),
    ("a claim [2, p. 12; 5].", [2, 5], [("page", 12, 12), None]),
    ("a claim [2, p. 12; 2, p. 14].", [2, 2], [("page", 12, 12), ("page", 14, 14)]),
])
def test_numeric_with_locator(s, numbers, locs):
    found = cites(s)
    assert [c.style for c in found] == ["numeric"] * len(numbers)
    assert [c.number for c in found] == numbers
    assert [pages(c) if c.locator else None for c in found] == locs
    if len(found) == 1:
        assert s[found[0].start:found[0].end] == s[s.index("["):s.index("]") + 1]


@pytest.mark.parametrize("s", [
    "x[2: 12]", "at [10:30] sharp", "[2, Smith 4]", "[2020: 5]", "[2: see above]", "[2, and 4]",
    "[3, 2019]", "[12 March 2020]", "[2, p. 12; 2, p. 12]", "[0, p. 3]", "[2, p. 12]arene",
])
def test_numeric_locator_lookalikes_are_not_citations(s):
    assert cites(s) == []


def test_numeric_with_locator_resolves_through_reference_list():
    s = "A claim [1, p. 12] and another [1: 40].\n[1] Freeze, G. Russia: A History. Oxford, 2009."
    first_end = s.index("\n")
    doc = text_doc(s, blocks=[Block("paragraph", 0, first_end), Block("references", first_end + 1, len(s))])
    found = find_citations(doc)
    resolve_citations(found, doc, load_library([FIXTURES / "bib" / "good.bib"]))
    assert [c.resolution.keys for c in found] == [["freeze2009russia"], ["freeze2009russia"]]
    assert [pages(c) for c in found] == [("page", 12, 12), ("page", 40, 40)]


# ---------------------------------------------------------------- APA group author with abbreviation

def test_group_author_abbreviation_defined_then_used():
    s = ("Deaths fell (World Health Organization [WHO], 2020). Coverage stalled (WHO, 2020, p. 4); "
         "cases rose (see CDC, 2021; Centers for Disease Control and Prevention [CDC], 2021; Jones, 2018).")
    found = cites(s)
    got = [(s[c.start:c.end], c.names, c.year, c.locator.value if c.locator else None) for c in found]
    assert got == [
        ("(World Health Organization [WHO], 2020)", ["World Health Organization"], "2020", None),
        ("(WHO, 2020, p. 4)", ["World Health Organization"], "2020", "p. 4"),
        # "CDC" before its definition is not a citation; after it, it is
        ("Centers for Disease Control and Prevention [CDC], 2021", ["Centers for Disease Control and Prevention"],
         "2021", None),
        ("Jones, 2018", ["Jones"], "2018", None),
    ]


@pytest.mark.parametrize("s", [
    "(WHO, 2020)", "the [WHO] said", "(World Health Organization [WHO])", "(Smith [sic], 2020)",
    "(Freeze [ED], 2009)", "(World Health Organization [UN], 2020) then (UN, 2020)",
    "(World Health Organization [WHO], 2020) then (USA, 2020)",
])
def test_group_abbreviation_lookalikes(s):
    assert [c.marker for c in cites(s)] in ([], ["(World Health Organization [WHO], 2020)"])
    assert not any(c.marker.startswith(("(WHO", "(UN", "(USA", "(Smith", "(Freeze")) for c in cites(s))


# ---------------------------------------------------------------- group authors, narrative and whole

GROUPS_BIB = (
    "@online{cdc2020, author={{Centers for Disease Control and Prevention}}, title={Measles Cases}, year={2020}}\n"
    "@online{who2019, author={{World Health Organization}}, title={Measles Fact Sheet}, year={2019}}\n"
    "@online{nasa2020, author={{National Aeronautics and Space Administration}}, title={Artemis}, year={2020}}\n"
    "@book{smith2001, author={Smith, John}, title={Bridges}, year={2001}}\n")


def _resolved(s: str, bib: str = GROUPS_BIB) -> list[tuple[str, list[str], str | None, str, list[str]]]:
    """(marker text, names, year, status, keys) of every citation, as the pipeline reads them:
    found with the library, resolved, and dated phrases dropped."""
    from citecheck.citations.resolve import drop_dated_phrases
    from citecheck.library import load_library_text

    lib = load_library_text(bib)
    doc = text_doc(s)
    found = find_citations(doc, lib)
    resolve_citations(found, doc, lib)
    found = drop_dated_phrases(found, doc)
    return [(s[c.start:c.end], c.names, c.year, c.resolution.status, c.resolution.keys) for c in found]


def test_narrative_group_author_with_and_in_its_name_is_one_author():
    s = "According to the Centers for Disease Control and Prevention (2020), cases rose."
    assert _resolved(s) == [("Centers for Disease Control and Prevention (2020)",
                             ["Centers for Disease Control and Prevention"], "2020", "resolved", ["cdc2020"])]


def test_narrative_group_author_and_its_abbreviation_resolve():
    s = ("The World Health Organization (2019) counts the dead. WHO (2019) adds the year. "
         "NASA (2020) plans a landing. WHO's (2019) figures agree.")
    got = _resolved(s)
    assert [(m, n, st, k) for m, n, _, st, k in got] == [
        ("World Health Organization (2019)", ["World Health Organization"], "resolved", ["who2019"]),
        ("WHO (2019)", ["World Health Organization"], "resolved", ["who2019"]),
        ("NASA (2020)", ["National Aeronautics and Space Administration"], "resolved", ["nasa2020"]),
        ("WHO's (2019)", ["World Health Organization"], "resolved", ["who2019"]),
    ]


def test_parenthetical_group_author_whole_and_abbreviated():
    s = ("Cases rose (Centers for Disease Control and Prevention, 2020). Deaths fell (WHO, 2019, p. 4). "
         "Bridges rose (Smith, 2001).")
    assert [(m, st, k) for m, _, _, st, k in _resolved(s)] == [
        ("(Centers for Disease Control and Prevention, 2020)", "resolved", ["cdc2020"]),
        ("(WHO, 2019, p. 4)", "resolved", ["who2019"]),
        ("(Smith, 2001)", "resolved", ["smith2001"]),
    ]


def test_narrative_group_author_defines_its_abbreviation():
    s = "The World Health Organization (WHO, 2019) counts the dead. Later WHO (2019) repeats it."
    got = _resolved(s, bib="@misc{other, author={Other, Ann}, year={2000}}\n")
    # Not in this library: cited (so undefined), and WHO stands for it from here on.
    assert [(m, n) for m, n, _, _, _ in got] == [
        ("World Health Organization (WHO, 2019)", ["World Health Organization"]),
        ("WHO (2019)", ["World Health Organization"])]
    assert _resolved(s)[0][3:] == ("resolved", ["who2019"])


LISTED_BIB = (
    "@book{nasem2019, author={{National Academies of Sciences, Engineering, and Medicine}}, title={Replicability},"
    " year={2019}}\n"
    "@report{cdc2019, author={{U.S. Department of Health and Human Services, Centers for Disease Control and"
    " Prevention}}, title={Threats}, year={2019}}\n"
    "@article{smith2020, author={Smith, John and Jones, Kate and Lee, Mary}, title={Look}, year={2020}}\n")


def test_group_author_with_commas_in_its_name_is_read_whole():
    nasem = "National Academies of Sciences, Engineering, and Medicine"
    cdc = "U.S. Department of Health and Human Services, Centers for Disease Control and Prevention"
    s = (f"The {cdc} (2019) counts deaths. Replication is hard (see {nasem}, 2019, p. 4). "
         "Others agree (Smith, Jones, & Lee, 2020).")
    assert [(n, st, k) for _, n, _, st, k in _resolved(s, LISTED_BIB)] == [
        ([cdc], "resolved", ["cdc2019"]),
        ([nasem], "resolved", ["nasem2019"]),
        (["Smith", "Jones", "Lee"], "resolved", ["smith2020"]),
    ]


def test_a_comma_list_is_a_group_only_when_the_library_has_that_group():
    # Without the group in the library, the same words are the list of authors they look like.
    s = "Replication is hard (National Academies of Sciences, Engineering, and Medicine, 2019)."
    got = _resolved(s, GROUPS_BIB)
    assert got and all(st == "undefined" and n != ["National Academies of Sciences, Engineering, and Medicine"]
                       for _, n, _, st, _ in got), got


@pytest.mark.parametrize("s", [
    "NASA (1958) was founded that year.",                      # NASA has no 1958 entry
    "UNESCO (2019) met in Paris.",                             # no group UNESCO abbreviates
    "The Great Fire (1666) is remembered.",                    # a dated phrase, not a name
    "The campaign began in earnest (2015).",
    "The Health Organization (2019) is another body.",         # part of a group's name only
    "Threats under the International Health Regulations (IHR 2005) grew.",
    "The United Nations (UN 2019) met.",                       # no comma: no narrative definition
])
def test_group_author_lookalikes_are_not_citations(s):
    assert _resolved(s) == []


def test_group_abbreviation_without_library_is_still_nothing():
    # The issue-8 rule: a parenthesised year after a phrase that matches no entry is no citation.
    assert [c.marker for c in cites("WHO (2019) reports it. (WHO, 2019)")] == []
