"""checks/worthiness.py: claim-uncited on hand-built documents and on the founding essay."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.checks.worthiness import check_uncited
from citecheck.claims import WORTHINESS_THRESHOLD, extract_claims
from citecheck.model import Block, Citation, Document


def plain_document(text: str, headings: tuple[str, ...] = ()) -> Document:
    """A Document whose source is its text, one block per blank-line-separated part."""
    blocks = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        kind = "heading" if m.group(0) in headings else "paragraph"
        blocks.append(Block(kind, m.start(), m.end()))
    return Document("essay.md", "text", source=text, text=text, offsets=list(range(len(text) + 1)),
                    blocks=blocks)


def mla(text: str, marker: str) -> Citation:
    start = text.index(marker)
    return Citation("mla", marker, start, start + len(marker), names=["Freeze"])


def test_uncited_date_is_reported_with_its_reason() -> None:
    text = "Kirov was shot on 1 December 1934.\n\nIt was a sad time for everyone, I think."
    doc = plain_document(text)
    claims = extract_claims(doc, [])
    findings = check_uncited(doc, claims)
    assert len(findings) == 1
    f = findings[0]
    assert f.rule == "claim-uncited" and f.severity == "warning"
    assert "a date (1 December 1934)" in f.message and f.message.endswith("with no citation in scope")
    assert f.span is not None and (f.span.line, f.span.column, f.span.end_column) == (1, 1, 35)
    assert f.found is not None and "1 December 1934" in f.found
    assert f.path == "essay.md"


def test_cited_claims_and_threshold() -> None:
    text = "Kirov was shot on 1 December 1934 (Freeze, 418)."
    doc = plain_document(text)
    assert check_uncited(doc, extract_claims(doc, [mla(text, "(Freeze, 418)")])) == []
    bare = "Kirov was shot on 1 December 1934."
    doc = plain_document(bare)
    claims = extract_claims(doc, [])
    assert check_uncited(doc, claims, threshold=1.01) == []
    assert len(check_uncited(doc, claims, threshold=0.0)) == 1


def founding_essay(shared: Path) -> tuple[Document, list[Citation]]:
    """The seed essay as plain text (front matter dropped, link markup reduced to its anchor)."""
    body = (shared / "seeds" / "secret-speech.md").read_text(encoding="utf-8").split("---", 2)[2]
    link = re.compile(r"\[([^\]]+)\]\((https?://[^)]+)\)")
    url = link.search(body).group(2)  # type: ignore[union-attr]
    text = link.sub(r"\1", body)
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    doc = plain_document(text, headings=(heading,))
    anchor = "this US govt. source"
    a = text.index(anchor)
    citations = [mla(text, "(Freeze, 418)"), Citation("link", anchor, a, a + len(anchor), url=url)]
    return doc, citations


def test_founding_essay(shared: Path) -> None:
    doc, citations = founding_essay(shared)
    claims = extract_claims(doc, citations)
    by_start = {c.text.split()[0] + " " + c.text.split()[1]: c for c in claims}

    congress = by_start["When the"]
    assert congress.citations == []
    assert [d.text for d in congress.dates] == ["February of 1956"]
    assert congress.quantities == [q for q in congress.quantities if q.is_year]  # "20th" is no count

    # The paragraph with "(Freeze, 418)" in its first sentence: only that sentence is covered.
    era = by_start["A new"]
    assert era.citations == [0]
    assert [(q.value, q.unit, q.hedge) for q in era.quantities] == [(26000, "words", "some")]
    assert by_start["Although Stalin"].citations == []
    tragedies = by_start["These tragedies"]
    assert tragedies.citations == [] and tragedies.worthiness < WORTHINESS_THRESHOLD

    # The last paragraph: the link covers its own sentence; the last sentence has no citation,
    # so the others stay uncited.
    assert by_start["According to"].citations == [1]
    assert by_start["Unfortunately, the"].citations == []
    assert by_start["CIA involvement"].citations == []
    assert [d.precision for d in by_start["CIA involvement"].dates] == ["decade"]

    findings = check_uncited(doc, claims)
    flagged = {f.span.start for f in findings if f.span is not None}
    assert congress.start in flagged
    message = next(f.message for f in findings if f.span and f.span.start == congress.start)
    assert "a date (February of 1956)" in message
    assert era.start not in flagged and by_start["According to"].start not in flagged
    assert tragedies.start not in flagged
    assert all(not c.text.startswith("#") for c in claims)  # the heading is no claim


def test_a_time_of_day_makes_an_event_check_worthy() -> None:
    from citecheck.claims import WORTHINESS_THRESHOLD, claim_features, worthiness

    night = "He took precautions to summon the congressional delegates at night and without attracting attention."
    assert worthiness(night) >= WORTHINESS_THRESHOLD
    assert "a time (at night)" in claim_features(night).describe()
    assert worthiness("I go to bed at night.") < WORTHINESS_THRESHOLD


# Words of the feature patterns in mixed case, with other words, digits, punctuation and spaces:
# the lower-case twins over lower-cased ASCII text find exactly what the case-insensitive
# patterns find (claims.worthiness._found).
_FEATURE_WORDS = ["Was", "SHOT", "were", "Killed", "died", "ACCORDING", "to", "said", "Says", "most",
                  "Never", "before", "ever", "MORE", "per", "cent", "at", "Night", "in", "the",
                  "small", "hours", "overnight", "Record", "rate", "times", "however", "sayS"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FEATURE_WORDS), st.text(alphabet="abcXYZ019 .,'-\n", max_size=6)),
                max_size=25).map(" ".join))
def test_feature_patterns_match_ascii_text_as_their_lower_case_twins(text: str) -> None:
    import importlib

    worthiness = importlib.import_module("citecheck.claims.worthiness")  # the module, not the function
    for pattern in worthiness._LOWER_TWINS:
        assert pattern.pattern == pattern.pattern.lower()  # the twin holds no upper-case letter
        expected = tuple(m.group(0) for m in pattern.finditer(text))
        assert worthiness._found(pattern, text, text.lower()) == expected
        assert worthiness._found(pattern, text, None) == expected
