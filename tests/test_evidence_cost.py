"""Verification's shortcuts give what the full work gives (issue 12: CPU per claim).

BM25's per-posting parts are worked out once per source for a term a claim has once, and the
yearless-date check compiles its pattern only for windows that hold the month's letters and the
day's digits at all. These
tests compare the shortcuts with the work they replace, and count what is no longer done.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.evidence.figures import _yearless_regex
from citecheck.evidence.passages import _Index, _index
from citecheck.evidence.ranking import _bm25, _new_query
from citecheck.model import Source
from citecheck.verification import verify

WORDS = ["harbour", "harbours", "council", "met", "met", "the", "of", "1,200", "1200", "Smith", "report",
         "reported", "budget", "budgets", "a", "railway", "railway"]


def _bm25_by_postings(idx: _Index, claim: str) -> dict[int, float]:
    """evidence.ranking._bm25 as it was: every posting's part worked out for every claim."""
    query = _new_query(idx, claim)
    k1 = 1.2
    k1_plus_1 = k1 + 1
    norms = idx.bm25_norms()
    scores: dict[int, float] = {}
    get = scores.get
    for term, qtf in query.terms.items():
        plist = idx.postings.get(term)
        if not plist:
            continue
        w = query.weights[term] * (1 + math.log(qtf))
        for code in plist:
            uid, tf = code >> 8, code & 255
            scores[uid] = get(uid, 0.0) + w * tf * k1_plus_1 / (tf + norms[uid])
    return scores


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=12), st.lists(sentences, min_size=1, max_size=4))
def test_bm25_parts_kept_per_source_give_the_same_scores(source: list[str], claims: list[str]) -> None:
    idx = _index(Source(id="s", text="\n\n".join(" ".join(source[i:i + 3]) for i in range(0, len(source), 3)),
                        status="file"))
    for claim in claims:  # several claims: the kept parts are read again
        kept = _bm25(idx, _new_query(idx, claim))
        again = _bm25_by_postings(idx, claim)
        assert list(kept.items()) == list(again.items())  # same units, same order, same floats


def test_a_month_no_window_holds_compiles_no_pattern() -> None:
    source = "He was born in Paris. He studied law in Lyon and later taught there.\n\nHe died in Rome."
    _yearless_regex.cache_clear()
    verify("He was born in Paris on 7 May 1956.", source)
    assert _yearless_regex.cache_info().currsize == 0
    # The month without the day's digits: no pattern either.
    verify("He was born in Paris on 7 May 1956.", source.replace("in Paris.", "in Paris in May."))
    assert _yearless_regex.cache_info().currsize == 0
    # The same claim against a source that has the month in the window: the pattern is compiled
    # and finds the date stated without its year.
    result = verify("He was born in Paris on 7 May 1956.", source.replace("in Paris.", "in Paris on May 7."))
    assert _yearless_regex.cache_info().currsize == 1
    assert not any(m.rule == "date-mismatch" for m in result.mismatches)


def _shared_stems_pairwise(content: set[str], sent_stems: set[str], claim: list[tuple[str, int, int]],
                           sent: list[tuple[str, int, int]], claim_text: str, sentence: str) -> set[str]:
    """contrast_words.shared_stems as it was: every claim stem against every sentence stem."""
    from rapidfuzz import fuzz

    from citecheck.evidence.contrast_words import PRONOUNS, STOP, _agents, stem

    shared = content & sent_stems
    rest = content - shared
    if not rest:
        return shared
    for c in list(rest):
        if len(c) >= 4 and any(w[:1] == c[:1] and abs(len(w) - len(c)) <= 3 and fuzz.ratio(c, w) >= 83
                               for w in sent_stems if len(w) >= 4) or len(c) >= 4 and _agents(c) & sent_stems:
            shared.add(c)
    definite = len(sent) > 1 and sent[0][0] == "the" and sentence[sent[1][1]].islower() and sent[1][0] not in STOP \
        and stem(sent[1][0]) not in content
    if sent and (sent[0][0] in PRONOUNS or definite):
        subject = []
        for w, s, _ in claim:
            if not claim_text[s:s + 1].isupper():
                break
            subject.append(stem(w))
        shared.update(c for c in subject if c in content)
    return shared


# Words that spell alike ("faroe" / "faeroe"), agents ("drum" / "drummer") and short ones.
SPELLINGS = ["faroe", "faeroes", "faroes", "drum", "drummer", "drums", "guitar", "guitarist", "piano", "pianist",
             "colour", "color", "harbour", "harbor", "she", "The", "city", "Smith", "Smyth", "met", "budget"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=8),
       st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=10))
def test_shared_stems_by_first_letter_as_every_pair(claim_words: list[str], sentence_words_: list[str]) -> None:
    from citecheck.evidence.contrast_words import content_stems, sentence_words, shared_stems, word_tokens

    claim_text, sentence = " ".join(claim_words), " ".join(sentence_words_)
    claim = word_tokens(claim_text)
    tokens, stems, _ = sentence_words(sentence)
    sent = list(tokens)
    content = content_stems(claim)
    assert shared_stems(set(content), stems, claim, sent, claim_text, sentence) == \
        _shared_stems_pairwise(set(content), set(stems), claim, sent, claim_text, sentence)
    assert shared_stems(set(content), set(stems), claim, sent, claim_text, sentence) == \
        _shared_stems_pairwise(set(content), set(stems), claim, sent, claim_text, sentence)


def _fold_by_characters(text: str) -> str:
    """evidence.vocabulary.fold as it was: every character asked whether it is a combining mark."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé É’‘'ß\u0301\u0308ﬁİΣς1-.Ǆǅ中ñÅ\u00a0")), max_size=30) | st.text(max_size=30))
def test_fold_as_character_by_character(text: str) -> None:
    from citecheck.evidence.vocabulary import fold

    assert fold(text) == _fold_by_characters(text)
