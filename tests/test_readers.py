"""Readers: plain text, offsets back to the file, blocks, links, footnotes, directives, encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers import ESSAY_SUFFIXES, decode_bytes, format_for, parse_text, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "secret-speech.md"  # ../shared


def kinds(doc: Document) -> list[str]:
    return [b.kind for b in doc.blocks]


def block_texts(doc: Document, kind: str) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind == kind]


def assert_verbatim(doc: Document, phrase: str) -> None:
    """The phrase is in the plain text and every character maps to the same character in the file."""
    start = doc.text.index(phrase)
    for i in range(start, start + len(phrase)):
        assert doc.source[doc.offsets[i]] == doc.text[i], (phrase, i, doc.text[i])
    o_start, o_end = doc.original_range(start, start + len(phrase))
    assert doc.source[o_start:o_end] == phrase


def assert_well_formed(doc: Document) -> None:
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(doc.source)
    assert all(0 <= o <= len(doc.source) for o in doc.offsets)
    assert all(a <= b for a, b in zip(doc.offsets, doc.offsets[1:]))
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start < block.end <= len(doc.text)
        previous_end = block.end
    # Blocks do not start or end with blanks.
    for block in doc.blocks:
        body = doc.text[block.start : block.end]
        assert body == body.strip()
    for link in doc.links:
        assert 0 <= link.start <= link.end <= len(doc.text)
        assert doc.text[link.start : link.end] == link.text


# --- decoding -------------------------------------------------------------------------------


def test_decode_utf8_with_and_without_bom() -> None:
    assert decode_bytes("Stalin’s legacy".encode(), "a.md") == "Stalin’s legacy"
    assert decode_bytes(codecs.BOM_UTF8 + "Stalin’s".encode(), "a.md") == "Stalin’s"


def test_decode_utf16_with_bom_both_orders() -> None:
    text = "Khrushchev’s speech\r\nline two"
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "a.txt") == text
    assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "a.txt") == text


def test_decode_keeps_crlf() -> None:
    assert decode_bytes(b"a\r\nb\r\n", "a.txt") == "a\r\nb\r\n"


def test_latin1_is_reported_with_line_and_advice() -> None:
    data = "line one\nline two\nCaf\u00e9 on line three\n".encode("latin-1")
    with pytest.raises(InputError) as info:
        decode_bytes(data, "essay.md")
    err = info.value
    assert err.path == "essay.md"
    assert err.line == 3
    assert "UTF-8" in str(err)
    assert "essay.md:3:" in str(err)


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"PK\x03\x04\x00\x00binary", "essay.docx")
    assert "binary file, not an essay" in str(info.value)


def _random_bytes_without_nul(n: int, seed: int) -> bytes:
    import random

    rng = random.Random(seed)
    return bytes(b for b in rng.randbytes(n) if b)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("size", [200, 5000])
def test_random_bytes_without_nul_are_binary_not_a_legacy_encoding(seed: int, size: int) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(_random_bytes_without_nul(size, seed), "essay.md")
    message = str(info.value)
    assert "binary file, not an essay" in message
    assert "legacy encoding" not in message and "save the file as UTF-8" not in message


@pytest.mark.parametrize("text, encoding", [
    ("Caf\u00e9 au lait on line one.\nThe town grew to 4,000 people by 1901 (Smith 2001).\n", "latin-1"),
    ("He said \u201chello\u201d \u2014 and left\u2026 The bridge opened in 1895.\n", "cp1252"),
    ("Caf\u00e9\n", "latin-1"),
])
def test_legacy_text_is_still_called_a_legacy_encoding(text: str, encoding: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(text.encode(encoding), "essay.md")
    assert "legacy encoding" in str(info.value) and "binary" not in str(info.value)


@pytest.mark.parametrize("data, named", [
    (b"%PDF-1.7\n1 0 obj << >> endobj\n", "a PDF document"),
    (b"{\\rtf1\\ansi Hello, this essay was saved as RTF.}", "Rich Text Format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 64, "Word 97-2003 document (.doc)"),
    (b"\xff\xd8\xff\xe0" + b"JFIF" + b"\x01" * 64, "a JPEG image"),
])
def test_a_document_or_image_with_a_text_name_is_named(data: bytes, named: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "essay.md")
    assert named in str(info.value)


def test_a_word_file_named_pdf_or_md_is_named_with_the_suffix_to_use(tmp_path: Path) -> None:
    import docx

    word = tmp_path / "real.docx"
    document = docx.Document()
    document.add_paragraph("The bridge opened in 1895.")
    document.save(str(word))
    assert "1895" in read_document(word).text  # a real .docx, read as one
    for name in ("essay.pdf", "essay.md"):
        target = tmp_path / name
        target.write_bytes(word.read_bytes())
        with pytest.raises(InputError) as info:
            read_document(target)
        assert "it is a Word document (.docx)" in str(info.value) and "rename it to end in .docx" in str(info.value)


def test_read_document_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "missing.md")
    assert "missing.md" in str(info.value) and "no such file" in str(info.value)
    with pytest.raises(InputError) as info:
        read_document(tmp_path)
    assert "directory" in str(info.value)


def test_suffix_dispatch(tmp_path: Path) -> None:
    assert format_for("a.MD") == "markdown"
    assert format_for("a.mdown") == "markdown"
    assert format_for("a.htm") == "html"
    assert format_for("a.latex") == "latex"
    assert format_for("a.rst") == "text"
    assert {".md", ".html", ".tex", ".txt"} <= ESSAY_SUFFIXES
    path = tmp_path / "e.markdown"
    path.write_text("Some *emphasis* here.", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "markdown" and doc.text == "Some emphasis here."


def test_utf16_markdown_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_bytes(codecs.BOM_UTF16_LE + "A **bold** claim of 1956.".encode("utf-16-le"))
    doc = read_document(path)
    assert doc.text == "A bold claim of 1956."
    assert_verbatim(doc, "claim of 1956.")


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError):
        parse_text("x", "a.doc", "docx")


# --- Markdown -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def md_doc() -> Document:
    return read_document(FIXTURES / "essay.md")


def test_markdown_plain_text(md_doc: Document) -> None:
    text = md_doc.text
    assert text.startswith("Khrushchev's not-so-secret Speech\n\nWhen the 20th")
    assert "February of 1956, the future of\nStalin's legacy remained unclear (Freeze, 418)." in text
    assert "in the speech, per\nthis US govt. source\nand the Wilson Center and Taubman and even NYT." in text
    assert "A snake_case_name stays, 2 * 3 = 6 stays, AT&T decodes, and *this* is literal." in text
    assert "Images like  vanish; https://example.org/autolink stays." in text
    # Code, front matter, link definitions, image alt text and footnote markers are gone.
    for absent in ("code 1956", "```", "bibliography", "[wilson]:", "a chart of 1956", "[^1]", "---", "**"):
        assert absent not in text


def test_markdown_pandoc_citations_stay_verbatim(md_doc: Document) -> None:
    assert_verbatim(md_doc, "[@freeze2009, p. 418]")
    assert_verbatim(md_doc, "[see @taubman2003; @smith_2001, 12]")
    assert not any("@" in link.url for link in md_doc.links)


def test_markdown_links(md_doc: Document) -> None:
    got = [(link.url, link.text) for link in md_doc.links]
    assert got == [
        ("https://history.state.gov/milestones/1953-1960/khrushchev-20th-congress", "this US govt. source"),
        ("https://digitalarchive.wilsoncenter.org/document/115995", "Wilson Center"),
        ("https://example.org/taubman", "Taubman"),
        ("https://www.nytimes.com/1956/06/05/archives/speech.html", "NYT"),
        ("https://example.org/autolink", "https://example.org/autolink"),
    ]
    for link in md_doc.links:
        assert_verbatim(md_doc, link.text)


def test_markdown_blocks(md_doc: Document) -> None:
    assert kinds(md_doc) == [
        "heading", "paragraph", "paragraph", "quote", "list_item", "list_item", "heading",
        "references", "references", "footnote",
    ]
    assert block_texts(md_doc, "heading") == ["Khrushchev's not-so-secret Speech", "Works Cited"]
    assert block_texts(md_doc, "references") == [
        "[1] Freeze, Gregory. Russia: A History. Oxford UP, 2009.",
        "[2] Taubman, William. Khrushchev: The Man and His Era. Norton, 2003.",
    ]
    assert block_texts(md_doc, "quote") == ["We must abolish the cult of the individual."]
    # Blocks are separated by a blank line in the plain text.
    for a, b in zip(md_doc.blocks, md_doc.blocks[1:]):
        assert md_doc.text[a.end : b.start] in ("\n\n", "\n")


def test_markdown_footnote(md_doc: Document) -> None:
    (note,) = md_doc.footnotes
    assert note.label == "1"
    assert md_doc.text[note.start : note.end] == "See also Taubman 2003, p. 270."
    (ref,) = note.refs
    assert md_doc.source[ref[0] : ref[1]] == "[^1]"
    # The marker stood right after "(Freeze, 418)."
    assert md_doc.text[: note.ref_positions[0]].endswith("(Freeze, 418).")


def test_markdown_directive_and_metadata(md_doc: Document) -> None:
    (directive,) = md_doc.directives
    assert directive.action == "ignore"
    assert directive.rules == ["number-mismatch", "date-mismatch"]
    assert md_doc.source[directive.start : directive.end] == "<!-- citecheck: ignore number-mismatch, date-mismatch -->"
    assert md_doc.metadata["title"] == "Khrushchev's Secret Speech"
    assert md_doc.metadata["date"] == "2014-03-30"
    assert md_doc.bibliography == ["soviet.bib", "extra.bib"]
    assert_well_formed(md_doc)


def test_markdown_offsets_map_back(md_doc: Document) -> None:
    for phrase in ("When the 20th Party Congress", "unclear (Freeze, 418).", "February of 1956",
                   "spelled out by some 26,000 words", "Second point", "See also Taubman 2003, p. 270.", "not-so-secret",
                   "Oxford UP, 2009."):
        assert_verbatim(md_doc, phrase)
    # Decoded entity maps to the start of its reference.
    amp = md_doc.text.index("AT&T") + 2
    assert md_doc.source[md_doc.offsets[amp] : md_doc.offsets[amp] + 5] == "&amp;"


def test_markdown_span_line_and_column(md_doc: Document) -> None:
    start = md_doc.text.index("(Freeze, 418)")
    span = md_doc.span(start, start + len("(Freeze, 418)"))
    lines = md_doc.source.split("\n")
    line_no = next(i for i, line in enumerate(lines) if "(Freeze, 418)" in line) + 1
    assert (span.line, span.column) == (line_no, lines[line_no - 1].index("(Freeze, 418)") + 1)
    assert span.end_column == span.column + len("(Freeze, 418)")


def test_markdown_crlf_offsets() -> None:
    source = "# Title\r\n\r\nFirst *line* of text\r\nsecond [link](http://a.example/x) here.\r\n\r\n- item\r\n"
    doc = parse_text(source, "crlf.md", "markdown")
    assert doc.text == "Title\n\nFirst line of text\nsecond link here.\n\nitem"
    assert_verbatim(doc, "here.")
    assert_verbatim(doc, "of text")
    span = doc.span(doc.text.index("second"), doc.text.index("second") + 6)
    assert (span.line, span.column) == (4, 1)
    assert_well_formed(doc)


def test_markdown_nested_emphasis_and_code() -> None:
    doc = parse_text("A ***very*** _bold_ claim with ``co`de`` and ~~old~~ text.", "e.md", "markdown")
    assert doc.text == "A very bold claim with co`de and old text."
    assert_verbatim(doc, "co`de")


def test_markdown_unknown_reference_stays() -> None:
    doc = parse_text("Numeric [1] and [undefined][ref] and [^9] stay.", "e.md", "markdown")
    assert doc.text == "Numeric [1] and [undefined][ref] and [^9] stay."
    assert doc.links == []


def test_markdown_references_list_items() -> None:
    source = "Body text.\n\n# Bibliography\n\n1. Freeze, G. Russia. 2009.\n2. Taubman, W. Khrushchev. 2003.\n"
    doc = parse_text(source, "e.md", "markdown")
    assert block_texts(doc, "references") == ["Freeze, G. Russia. 2009.", "Taubman, W. Khrushchev. 2003."]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed essay is not present")
def test_seed_essay_freeze_citation_position() -> None:
    doc = read_document(SEED)
    start = doc.text.index("(Freeze, 418)")
    span = doc.span(start, start + 13)
    raw_lines = SEED.read_text(encoding="utf-8").split("\n")
    assert span.line == 14
    assert span.column == raw_lines[13].index("(Freeze, 418)") + 1
    assert doc.source[span.start : span.end] == "(Freeze, 418)"
    assert doc.bibliography == ["secret-speech.bib"]
    assert doc.metadata["blog"].startswith("History of the Soviet Union")
    assert doc.blocks[0].kind == "heading"
    assert [link.text for link in doc.links] == ["this US govt. source"]
    assert_well_formed(doc)


# --- HTML -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html_doc() -> Document:
    return read_document(FIXTURES / "blog-post.html")


def test_html_keeps_the_article_only(html_doc: Document) -> None:
    text = html_doc.text
    assert text.startswith("Khrushchev’s not-so-secret Secret Speech\n\nWhen the 20th Party Congress")
    for absent in ("Skip to content", "About", "Archive", "Recent Posts", "Great post", "Leave a reply",
                   "Proudly powered", "tracking", "document.write", "Share this", "Twitter", "Posted in",
                   "History of the Soviet Union", "3 thoughts"):
        assert absent not in text, absent
    assert "Stalin’s legacy remained unclear." in text
    assert "speech & more, urged a retreat from the cult (Freeze, 418).\nA second line." in text


def test_html_blocks_and_references(html_doc: Document) -> None:
    assert kinds(html_doc) == [
        "heading", "paragraph", "paragraph", "quote", "paragraph", "list_item", "list_item",
        "heading", "references", "references",
    ]
    assert block_texts(html_doc, "references")[0] == "Freeze, Gregory. Russia: A History. Oxford UP, 2009."


def test_html_links_and_directives(html_doc: Document) -> None:
    got = [(link.url, link.text) for link in html_doc.links]
    assert got == [
        ("https://history.state.gov/milestones/1953-1960/khrushchev-20th-congress", "this US govt. source"),
        ("https://blogs.example.edu/tag/nyt/", "New York Times"),
    ]
    (directive,) = html_doc.directives
    assert directive.action == "ignore" and directive.rules == ["number-mismatch"]
    assert html_doc.source[directive.start : directive.end] == "<!-- citecheck: ignore number-mismatch -->"
    assert html_doc.metadata["date"] == "2014-03-30T21:14:05+00:00"


def test_html_offsets_are_exact(html_doc: Document) -> None:
    assert_well_formed(html_doc)
    for phrase in ("When the 20th Party Congress convened", "(Freeze, 418).", "this US govt. source",
                   "We must abolish the cult", "Second point", "Norton, 2003."):
        assert_verbatim(html_doc, phrase)
    # An entity maps to the start of its reference in the file.
    i = html_doc.text.index("Stalin’s") + len("Stalin")
    assert html_doc.source.startswith("&#8217;", html_doc.offsets[i])
    i = html_doc.text.index(" & more") + 1
    assert html_doc.source.startswith("&amp;", html_doc.offsets[i])
    start = html_doc.text.index("(Freeze, 418)")
    span = html_doc.span(start, start + 13)
    lines = html_doc.source.split("\n")
    line_no = next(n for n, line in enumerate(lines) if "(Freeze, 418)" in line) + 1
    assert (span.line, span.column) == (line_no, lines[line_no - 1].index("(Freeze, 418)") + 1)


def test_html_fragment_without_body() -> None:
    doc = parse_text("<p>One &lt;two&gt; three</p><p>Four <a href='http://x.example'>five</a></p>", "f.html", "html")
    assert doc.text == "One <two> three\n\nFour five"
    assert doc.links[0].url == "http://x.example"
    assert_well_formed(doc)


# --- LaTeX ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tex_doc() -> Document:
    return read_document(FIXTURES / "essay.tex")


def test_latex_plain_text(tex_doc: Document) -> None:
    text = tex_doc.text
    assert text.startswith("The Speech\n\nWhen the 20th Party Congress")
    assert "of Stalin's legacy remained unclear.\nThe speech ran to some 26,000 words \\citep[p.~418]{freeze2009}." in text
    assert "Pravda said nothing; “secret” it was not — at least not for long" in text
    assert "Rates rose by 50% in 1956–1957." in text
    for absent in ("documentclass", "usepackage", "trailing comment", "citecheck", "code 1956",
                   "Anything after", "\\bibliography", "\\emph", "\\begin", "itemize", "maketitle"):
        assert absent not in text, absent


def test_latex_citations_verbatim(tex_doc: Document) -> None:
    for command in ("\\citep[p.~418]{freeze2009}", "\\citet{taubman2003}",
                    "\\parencite*[see][12--14]{taubman2003}", "\\footcite{freeze2009}", "\\autocite[p.~5]{smith}"):
        assert_verbatim(tex_doc, command)


def test_latex_structure(tex_doc: Document) -> None:
    assert kinds(tex_doc) == ["heading", "paragraph", "paragraph", "list_item", "list_item", "quote"]
    assert block_texts(tex_doc, "heading") == ["The Speech"]
    assert block_texts(tex_doc, "list_item") == [
        "First point with emphasis.", "Second point, see the State Department."
    ]
    assert [(link.url, link.text) for link in tex_doc.links] == [("https://history.state.gov/x", "the State Department")]
    assert tex_doc.bibliography == ["soviet.bib", "extra.bib"]
    assert tex_doc.metadata["title"] == "Khrushchev's Secret Speech"
    (note,) = tex_doc.footnotes
    assert tex_doc.text[note.start : note.end] == "See \\autocite[p.~5]{smith}."
    assert [d.rules for d in tex_doc.directives] == [["claim-uncited"], ["number-mismatch", "date-mismatch"]]
    assert [d.action for d in tex_doc.directives] == ["disable", "ignore"]
    assert_well_formed(tex_doc)


def test_latex_offsets(tex_doc: Document) -> None:
    for phrase in ("When the 20th Party Congress convened", "some 26,000 words", "We must abolish"):
        assert_verbatim(tex_doc, phrase)
    tilde = tex_doc.text.index(" \\citep")
    assert tex_doc.source[tex_doc.offsets[tilde]] == "~"
    quote = tex_doc.text.index("“secret”")
    assert tex_doc.source.startswith("``secret''", tex_doc.offsets[quote])


def test_latex_without_document_environment() -> None:
    doc = parse_text("Plain \\textit{text} 100\\% sure.\n\n\\section*{Notes}\nMore \\cite{k}.", "x.tex", "latex")
    assert doc.text == "Plain text 100% sure.\n\nNotes\n\nMore \\cite{k}."
    assert kinds(doc) == ["paragraph", "heading", "references"]


def test_latex_bibliography_items() -> None:
    source = ("\\begin{document}\nText \\cite{a}.\n\\begin{thebibliography}{9}\n"
              "\\bibitem{a} Freeze, G. Russia. 2009.\n\\bibitem{b} Taubman, W. 2003.\n"
              "\\end{thebibliography}\n\\end{document}\n")
    doc = parse_text(source, "x.tex", "latex")
    assert block_texts(doc, "references") == ["Freeze, G. Russia. 2009.", "Taubman, W. 2003."]


# --- text -----------------------------------------------------------------------------------


def test_text_reader_identity() -> None:
    doc = read_document(FIXTURES / "essay.txt")
    assert doc.text == doc.source
    assert list(doc.offsets) == list(range(len(doc.source) + 1))
    assert kinds(doc) == ["paragraph", "paragraph", "paragraph", "heading", "references", "references"]
    assert block_texts(doc, "references")[1] == "Taubman, William. Khrushchev: The Man and His Era. Norton, 2003."
    start = doc.text.index("(Freeze, 418)")
    span = doc.span(start, start + 13)
    assert (span.line, span.column) == (4, 34)


def test_text_reader_crlf_paragraphs() -> None:
    doc = parse_text("One\r\ntwo\r\n \r\nThree\r\n", "x.txt", "text")
    assert block_texts(doc, "paragraph") == ["One\r\ntwo", "Three"]



def test_text_reader_finds_works_cited_without_blank_lines() -> None:
    # Word's "Plain Text" export: a paragraph a line, no blank lines. The "Works Cited" line was
    # part of one big paragraph, so the essay had no reference list and every citation was undefined.
    source = ("The harbour was dredged in 1888 (Whitcombe 44).\nThe railway came in 1902 (Ellison 12).\n"
              "WORKS CITED:\nEllison, Ann. The Railway Age. Leeds UP, 2004.\n"
              "Whitcombe, Harold. A History of Ashby Harbour. Penguin, 1998.\n")
    doc = parse_text(source, "x.txt", "text")
    assert kinds(doc) == ["paragraph", "heading", "references", "references"]
    assert block_texts(doc, "heading") == ["WORKS CITED:"]
    assert block_texts(doc, "references")[1] == "Whitcombe, Harold. A History of Ashby Harbour. Penguin, 1998."
    assert block_texts(doc, "paragraph") == [("The harbour was dredged in 1888 (Whitcombe 44).\n"
                                              "The railway came in 1902 (Ellison 12).")]
    misspelt = parse_text("It froze (Grant 3).\n\nWork Cited\n\nGrant, Lucy. Frost. 2010.\n", "y.txt", "text")
    assert kinds(misspelt) == ["paragraph", "heading", "references"]


# --- properties -----------------------------------------------------------------------------

_MARKUP = st.sampled_from(
    ["*", "**", "_", "`", "```\n", "[", "]", "(", ")", "[^1]", "[^1]: ", "<", ">", "<!--", "-->", "&amp;",
     "&#8217;", "&", "#", "# ", "\n", "\n\n", "\r\n", "> ", "- ", "1. ", "\\", "%", "{", "}", "~", "``", "''",
     "--", "$", "\\cite{k}", "\\section{", "\\begin{itemize}", "\\item ", "\\end{itemize}", "\\footnote{",
     "<p>", "</p>", "<a href='u'>", "</a>", "<br>", "<script>", "</script>", "<li>", "<!-- citecheck: ignore x -->",
     "---\n", "[x](http://u.example)", "[x]: http://y", "http://z.example/a_b", " ", "\t", "é", "’", "\x00"]
)
_ESSAY_TEXT = st.lists(st.one_of(_MARKUP, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(source=_ESSAY_TEXT, fmt=st.sampled_from(["markdown", "html", "latex", "text"]))
def test_random_text_never_breaks_a_reader(source: str, fmt: str) -> None:
    try:
        doc = parse_text(source, "random", fmt)
    except InputError as error:
        # Only front matter that is not YAML may stop a reader; the message names the essay, the
        # line and what to do ("---\n]---\n---\n" is such an essay).
        assert fmt == "markdown" and source.startswith("---")
        assert str(error).startswith("random:") and "front matter" in str(error) and "(" in str(error)
        return
    assert_well_formed(doc)
    for note in doc.footnotes:
        assert 0 <= note.start <= note.end <= len(doc.text)
        assert all(0 <= p <= len(doc.text) for p in note.ref_positions)
    for directive in doc.directives:
        assert 0 <= directive.start < directive.end <= len(source)


def test_front_matter_that_is_not_yaml_is_a_clear_error_naming_the_line() -> None:
    with pytest.raises(InputError, match=r"^random:2: front matter is not valid YAML.*fix the YAML"):
        parse_text("---\n]---\n---\n", "random", "markdown")
