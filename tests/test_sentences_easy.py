"""The regular-expression path of sentence splitting (``sentences._easy_sentences``) gives the
sentences syntok gives, wherever it answers: checked against syntok itself on generated
paragraphs of words, numbers, stops, quotation marks, brackets, abbreviations and months."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.claims import sentences
from citecheck.claims.sentences import _brackets_skipped, _easy_sentences, split_sentences

WORDS = ["the", "council", "approved", "public", "al", "etc", "no", "vs", "fig", "st", "jan", "mar", "may", "a",
         "i", "e", "o", "u", "x", "b", "The", "National", "It", "However", "May", "Jan", "Mar", "Dr", "Smith",
         "Oliveira", "II", "A", "I", "U.S.", "Mr", "AP", "Reuters", "wrote,", "1901", "12", "5", "1,473", "3.5"]
BEFORE = ["", "", "", "", "", "", '"', "“", "(", "[", "'", "(Smith ", '"(']
AFTER = ["", "", "", "", "", "", "", ".", ".", ",", ";", ")", "]", '."', ".”", ").", "!", "?", '"', "”", "...", "…",
         ":", ')"', ", 12)", ".)", ').\"', ").”", '." (', ', "']
PARAGRAPHS = st.lists(st.tuples(st.sampled_from(BEFORE), st.sampled_from(WORDS), st.sampled_from(AFTER)).map("".join),
                      min_size=1, max_size=30).map(" ".join)
# Prose that the easy path mostly answers: capitalised sentences of lowercase words, a bracket
# anywhere in some, quotation marks around some stops.
LOWER = ["the", "council", "grew", "a", "was", "in", "approved", "harbour", "e", "no", "may", "st"]
BRACKETS = ["(Smith 1900, 12)", "(AP)", "[1]", "(see the note)", "(" + "x " * 30 + ")", "(a (b) c)", "(A) (B)", "{x}"]
SENTENCE = st.tuples(
    st.sampled_from(["", "", '"', "“"]), st.sampled_from(["The", "It", "National", "Reuters", "May", "However", "A"]),
    st.lists(st.sampled_from(LOWER), max_size=6), st.lists(st.sampled_from(BRACKETS), max_size=2),
    st.integers(0, 7), st.sampled_from([".", ".", '."', ".”", "!", ";", ","]),
).map(lambda t: t[0] + " ".join([t[1], *t[2][:t[4]], *t[3], *t[2][t[4]:]]) + t[5])
PROSE = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)


def _syntok_split(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    with monkeypatch.context() as patch:
        patch.setattr(sentences, "_easy_sentences", lambda paragraph: None)
        return split_sentences(text)


def _brackets(paragraph: str) -> dict[int, int]:
    depths, depth = {}, 0
    for i, ch in enumerate(paragraph):
        if ch in "([{)]}":
            depth += 1 if ch in "([{" else -1
            depths[i] = depth
    return depths


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraph=st.one_of(PARAGRAPHS, PROSE))
def test_where_the_easy_path_answers_it_splits_as_syntok(paragraph: str, monkeypatch: pytest.MonkeyPatch) -> None:
    easy = _easy_sentences(paragraph)
    # Where syntok would cut at a bracket ("Reuters (AP) — the"), the easy path keeps the sentence
    # whole, as it did before quotation marks and vowels were taken (only with those is it weighed).
    if easy is not None and (not _brackets(paragraph) or _brackets_skipped(paragraph, _brackets(paragraph))):
        assert split_sentences(paragraph) == _syntok_split(paragraph, monkeypatch)


@settings(max_examples=1500, deadline=None)
@given(paragraph=st.tuples(st.sampled_from(["", "", " ", "\t "]), st.one_of(PARAGRAPHS, PROSE),
                           st.sampled_from(["", "", " ", "\n"])).map("".join))
def test_the_repairs_leave_an_easy_paragraphs_sentences_alone(paragraph: str) -> None:
    # split_sentences takes an easy paragraph's sentences as they are, skipping the repairs.
    easy = _easy_sentences(paragraph)
    if easy is not None:
        repaired: list[tuple[int, int]] = []
        sentences._repair(paragraph, sentences._split_missed(paragraph, easy), repaired)
        assert repaired == easy
        assert split_sentences(paragraph) == easy


@pytest.mark.parametrize("paragraph", [
    '"a ' * 2000,  # no stop and no bracket: one sentence, however long
    'As Smith wrote, "The council grew." National figures fell. It was "sound." Then it rose.',
    "The factory was built in a. New owners came (Okafor 1901, 212). They left.",
    "A factory opened on the harbour (Okafor 1901, 212).",
    "The council met (Smith 1900, 12) and voted (Jones 1901) again.",
    'It was, he said, “a grave error.” The delegates agreed.',
])
def test_these_are_easy_and_split_as_syntok(paragraph: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _easy_sentences(paragraph) is not None
    assert split_sentences(paragraph) == _syntok_split(paragraph, monkeypatch)


@pytest.mark.parametrize("paragraph", [
    'Reuters (AP) — the man came. "It grew." Then',  # "(" as a sentence's second token: syntok cuts there
    'He said "it grew (see (the) note)." Then',  # nested brackets
    'It grew." Then (' + "x " * 40 + ") it fell.",  # a bracket syntok may not skip
    'It grew." Then it fell (Smith) (Jones).',  # two brackets with no word between
    "The e. The (Smith 1900, 12) (Smith 1900, 12).",  # a vowel's stop: brackets weighed as well
])
def test_with_quotation_marks_or_vowels_brackets_syntok_may_cut_at_go_to_syntok(paragraph: str) -> None:
    assert _easy_sentences(paragraph) is None


class _Segments:
    """syntok's ``segment``, counting the paragraphs it is given."""

    calls = 0

    def __init__(self, real: object) -> None:
        self.real = real

    def __call__(self, tokens: object) -> object:
        _Segments.calls += 1
        return self.real(tokens)  # type: ignore[operator]


@pytest.fixture
def segments(monkeypatch: pytest.MonkeyPatch) -> type[_Segments]:
    from syntok import segmenter

    monkeypatch.setattr(_Segments, "calls", 0)
    monkeypatch.setattr(segmenter, "segment", _Segments(segmenter.segment))
    return _Segments


def test_a_paragraph_past_the_long_limit_is_cut_without_syntok(segments: type[_Segments],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    initials = "Dr. A. B. " * (sentences.LONG_PARAGRAPH // 10 + 1)
    assert split_sentences(initials) == [(0, len(initials) - 1)]  # titles and initials: one sentence
    assert segments.calls == 0
    markers = "[1] " * (sentences.LONG_PARAGRAPH // 4 + 1)  # no stop at all: one sentence (syntok made one of every four markers)
    assert split_sentences(markers) == [(0, len(markers) - 1)] and segments.calls == 0
    short = "Dr. A. B. " * 20
    assert split_sentences(short) == [(0, len(short) - 1)] and segments.calls == 1  # prose-sized: syntok


def test_the_long_path_cuts_ordinary_prose_as_syntok(monkeypatch: pytest.MonkeyPatch) -> None:
    # Prose whose every paragraph syntok reads (stops after initials, titles, abbreviations,
    # numbers and quotations, brackets first), cut as one long paragraph and by syntok.
    lines = [
        'Dr. Watson met J. R. Hartley in the U.S. in May. 1956 was the year. "It grew," he said.',
        "The plan was called Plan B. It failed (Smith 1900, p. 12). See vol. 2 of the report.",
        "(The council met twice.) The delegates left! Why? Nobody knew. Lt. Col. Hisamatsu came on 3 Jan. 1957.",
        "Acme Inc. The sale closed. Warner Bros. Pictures made it. He read ch. 3 and pp. 12–14 etc. Then",
        "he wrote 1,200 words... The end came in 1957. It was no. 5 of II. The next one, e.g. this one, came.",
    ]
    text = " ".join(lines)
    expected = split_sentences(text)
    assert len(expected) > 15
    monkeypatch.setattr(sentences, "LONG_PARAGRAPH", 0)
    assert split_sentences(text) == expected
