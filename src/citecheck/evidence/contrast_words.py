"""The words of a claim and of a source sentence as the contradiction checks read them
(:mod:`citecheck.evidence.contrast` for negations and opposites, :mod:`citecheck.evidence.contrast_slots`
for another name or category in the claim's slot): tokens with offsets, stop words, negation cues,
the content stems two texts share, and the :class:`Contrast` they report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from citecheck.evidence.terms import stem

__all__ = ["NEGATIONS", "PRONOUNS", "STOP", "Contrast", "content_stems", "sentence_words", "shared_stems", "stem", "word_tokens"]

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NEGATIONS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot",
                        "without", "refused", "refuses", "refuse", "failed", "fails", "fail", "unable",
                        "lack", "lacks", "lacked", "nowhere"})
_NT = re.compile(r"n['’]t$")
STOP = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "is", "was", "are", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "we", "our", "you", "your", "i", "my", "but", "if", "then", "than", "so", "also", "about", "into", "out", "up", "down", "off", "all", "any", "some", "more", "most", "such", "only", "own", "same", "very", "just", "can", "will", "would", "should", "could", "may", "might", "must", "shall", "do", "does", "did", "has", "have", "had", "which", "who", "whom", "whose", "what", "when", "where", "there", "here", "while", "until", "after", "before", "since", "during"])


@dataclass
class Contrast:
    """Where a claim and a source sentence disagree.

    kind: negation | opposite | entity. ``start``/``end``: the claim's words (offsets in the claim
    text); ``found`` the claim's words; ``expected`` the sentence's words standing there.
    """

    kind: str
    start: int
    end: int
    found: str
    expected: str
    sentence: str


def word_tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words with their offsets; "n't" split off as "not"; "declined to" read as "refused";
    "yet to" as "not"; "something other than" as "something not". (A new list each call; the words are cached.)"""
    return list(_word_tokens(text))


# A source sentence is read again for every claim whose best passages hold it. 1,024 sentences
# cover an essay's sources; 4,096 held about 6 MB more for the run (bench/memory.py, 100 essays).
@lru_cache(maxsize=1024)
def _word_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group().lower().replace("’", "'")
        if _NT.search(word) and word not in ("n't",):
            base = word[: -3]
            out.append((base if base != "ca" else "can", m.start(), m.end() - 3))
            out.append(("not", m.end() - 3, m.end()))
        else:
            out.append((word, m.start(), m.end()))
    # "declined to model": a refusal, not a fall.
    for k in range(len(out) - 1):
        if out[k][0] in ("declined", "declines", "decline") and out[k + 1][0] == "to":
            out[k] = ("refused", out[k][1], out[k][2])
        # "has yet to be surpassed": has not been surpassed ("not yet to" is left alone).
        if out[k][0] == "yet" and out[k + 1][0] == "to" and (k == 0 or out[k - 1][0] not in NEGATIONS):
            out[k] = ("not", out[k][1], out[k][2])
        # "is something other than a film": not a film.
        if out[k][0] == "other" and out[k + 1][0] == "than" and k > 0 and out[k - 1][0] in _SOME:
            out[k] = ("not", out[k][1], out[k][2])
    return tuple(out)


_SOME = frozenset(["something", "anything", "someone", "anyone", "somebody", "anybody"])


def content_stems(tokens: list[tuple[str, int, int]]) -> set[str]:
    """Stems of the words that are neither stop words, negations nor figures."""
    return {stem(w) for w, _, _ in tokens if w not in STOP and w not in NEGATIONS and not w.isdigit()}

PRONOUNS = frozenset(["he", "she", "it", "they"])  # subjects: "Her parents are ..." is about others


def shared_stems(content: set[str], sent_stems: set[str], claim: list[tuple[str, int, int]],
                 sent: list[tuple[str, int, int]], claim_text: str, sentence: str) -> set[str]:
    """The claim's content stems the sentence holds: the same stem, a close spelling ("Faroe" /
    "Faeroes"), the one who does it ("drum" / "drummer"), or the claim's subject name when the sentence opens with a pronoun for it ("She
    has appeared on the cover" for "Ashley Graham ...")."""
    shared = content & sent_stems
    rest = content - shared
    if not rest:
        return shared
    alike = _long_stems_by_letter(sent_stems if isinstance(sent_stems, frozenset) else frozenset(sent_stems))
    for c in list(rest):
        if len(c) >= 4 and any(abs(len(w) - len(c)) <= 3 and _spelled_alike(c, w) for w in alike.get(c[0], ())):
            shared.add(c)
        elif len(c) >= 4 and _agents(c) & sent_stems:
            shared.add(c)  # "drums" / "drummer", "guitar" / "guitarist"
    # "She ..." or "The city ...": a sentence that opens with a pronoun or a definite common noun
    # the claim does not use speaks of the claim's subject.
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


@lru_cache(maxsize=16_384)
def _agents(word_stem: str) -> frozenset[str]:
    """Stems of the agent nouns of a word ("drum": drummer; "guitar": guitarist; "piano": pianist)."""
    base = word_stem[:-1] if word_stem[-1] in "oe" else word_stem
    return frozenset({stem(word_stem + "er"), stem(word_stem + word_stem[-1] + "er"), stem(base + "ist"),
                      stem(base + "ian"), stem(word_stem + "r")})


# A claim's stems are compared with the same sentences' stems claim after claim: the sentence's
# stems of four letters or more by first letter (a close spelling starts with the same letter),
# and each pair's verdict, are kept.
@lru_cache(maxsize=1024)
def _long_stems_by_letter(stems: frozenset[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in stems:
        if len(w) >= 4:
            out.setdefault(w[0], []).append(w)
    return {letter: tuple(words) for letter, words in out.items()}


@lru_cache(maxsize=8192)
def _spelled_alike(a: str, b: str) -> bool:
    """A close spelling ("faroe" / "faeroe"): rapidfuzz's ratio at least 83."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= 83


@lru_cache(maxsize=1024)
def sentence_words(text: str) -> tuple[tuple[tuple[str, int, int], ...], frozenset[str], frozenset[str]]:
    """A text's :func:`word_tokens`, the set of their stems and the set of the words themselves:
    a source sentence is compared with every claim whose best passages hold it."""
    tokens = _word_tokens(text)
    return tokens, frozenset({stem(w) for w, _, _ in tokens}), frozenset({w for w, _, _ in tokens})
