"""Contradictions that are not figures: a negation added or removed, an opposite word (rose/fell,
won/lost, before/after, first/last), or another name in the same slot of the same relation.

The claim is compared with one sentence of its best passage. Precision first: a sentence speaks
of the same thing only when it holds at least :data:`MIN_SHARED` of the claim's other content
words (and at least two of them, stems compared); the opposite word or name must then stand
where the claim's stands (word alignment with :mod:`difflib`: the two sides of one "replace" run,
with agreeing words around it).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

__all__ = ["NEGATIONS", "OPPOSITES", "Contrast", "find_contrast"]

MIN_SHARED = 0.6  # share of the claim's other content words the sentence must hold

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NEGATIONS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot",
                        "without", "refused", "refuses", "refuse", "failed", "fails", "fail", "unable",
                        "lack", "lacks", "lacked", "nowhere"})
_NT = re.compile(r"n['’]t$")
_STOP = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "is", "was", "are", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "we", "our", "you", "your", "i", "my", "but", "if", "then", "than", "so", "also", "about", "into", "out", "up", "down", "off", "all", "any", "some", "more", "most", "such", "only", "own", "same", "very", "just", "can", "will", "would", "should", "could", "may", "might", "must", "shall", "do", "does", "did", "has", "have", "had", "which", "who", "whom", "whose", "what", "when", "where", "there", "here", "while", "until", "after", "before", "since", "during"])

# Opposites, both ways. Words are compared by the light stemmer (so "rose"/"rise", "won"/"win"
# are listed as forms).
_PAIRS = [
    ("rose rise rises risen rising increased increase increases increasing grew grow grows growing gained",
     ("fell fall falls fallen falling decreased decrease decreases decreasing declined decline declines "
      "declining shrank shrink dropped drop drops lost")),
    ("won win wins winning victory victorious", "lost lose loses losing defeat defeated"),
    ("before earlier prior", "after later subsequently"),
    ("first earliest", "last latest final"),
    ("best", "worst"), ("better", "worse"), ("highest", "lowest"), ("largest biggest", "smallest"),
    ("most", "least"), ("more", "less fewer"), ("high higher", "low lower"),
    ("older oldest elder eldest", "younger youngest"), ("older", "newer"),
    ("success successful succeeded successfully", "failure unsuccessful failed"),
    ("alive living", "dead died deceased"), ("born", "died"),
    ("significant", "insignificant"), ("legal", "illegal"), ("possible", "impossible"),
    ("male", "female"), ("men", "women"), ("man", "woman"), ("boy", "girl"), ("husband", "wife"),
    ("son", "daughter"), ("brother", "sister"), ("father", "mother"), ("king", "queen"),
    ("north northern", "south southern"), ("east eastern", "west western"),
    ("accepted accept accepts", "rejected reject rejects declined"),
    ("allowed permitted legalized", "banned prohibited forbade outlawed"),
    ("entered", "left"), ("joined", "left quit"), ("start started begin began beginning", "end ended"),
    ("opened", "closed"), ("public", "private"), ("major", "minor"), ("early", "late"),
    ("positive", "negative"), ("true", "false"), ("love loved", "hate hated"),
    ("increase", "reduction"), ("supported support supports", "opposed oppose opposes"),
    ("include included includes", "exclude excluded excludes"), ("always", "never"),
    ("highly", "barely"), ("awareness", "unawareness"), ("popular", "unpopular"),
    ("friendly", "hostile"), ("acquitted", "convicted"), ("guilty", "innocent"),
    ("maximum", "minimum"), ("above", "below"), ("over", "under"), ("inside", "outside"),
    ("same", "different"), ("agreed", "disagreed"), ("approved", "rejected vetoed"),
    ("married", "divorced"), ("ally allies", "enemy enemies"), ("winner", "loser"),
    ("top", "bottom"), ("heavy heaviest", "light lightest"), ("fast fastest", "slow slowest"),
    ("long longest", "short shortest"), ("rich richest", "poor poorest"), ("hot", "cold"),
    ("wet", "dry"), ("ancient", "modern"), ("domestic", "foreign"), ("urban", "rural"),
    ("formed founded established", "disbanded dissolved collapsed defunct"),
    ("considerable significant substantial", "insignificant negligible"),
    ("dark darker darkest", "light lighter bright brighter cheerful joyful"), ("happy", "sad unhappy"),
    ("included", "excluded omitted"),
]
# Ordinals: any two differ ("her first studio album" / "her second studio album").
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()


def _stem(word: str) -> str:
    from citecheck.evidence import stem

    return stem(word)


OPPOSITES: dict[str, set[str]] = {}
for _a, _b in _PAIRS:
    for _x in _a.split():
        OPPOSITES.setdefault(_x, set()).update(_b.split())
    for _y in _b.split():
        OPPOSITES.setdefault(_y, set()).update(_a.split())
for _x in _ORDINALS:
    OPPOSITES.setdefault(_x, set()).update(o for o in _ORDINALS if o != _x)


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


def _tokens(text: str) -> list[tuple[str, int, int]]:
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
    return out


def _content(tokens: list[tuple[str, int, int]]) -> set[str]:
    return {_stem(w) for w, _, _ in tokens if w not in _STOP and w not in NEGATIONS and not w.isdigit()}


def find_contrast(claim_text: str, sentences: list[str], absent_names: list[tuple[int, int]] | None = None,
                  *, source_words: set[str] | None = None) -> Contrast | None:
    """The first contradiction between the claim and one of ``sentences`` (best first), or None.

    ``absent_names``: spans of the claim's names the whole source never mentions (an entity
    swap needs one). ``source_words``: every lower-cased word of the source, so that an opposite
    word is not taken for a contradiction when the source also says the claim's own word.
    """
    claim = _tokens(claim_text)
    content = _content(claim)
    if len(content) < 2:
        return None
    for sentence in sentences:
        found = _against(claim_text, claim, content, sentence, absent_names or [], source_words)
        if found is not None:
            return found
    return None


def _against(claim_text: str, claim: list[tuple[str, int, int]], content: set[str], sentence: str,
             absent_names: list[tuple[int, int]], source_words: set[str] | None) -> Contrast | None:
    sent = _tokens(sentence)
    sent_stems = {_stem(w) for w, _, _ in sent}
    sent_words = {w for w, _, _ in sent}
    # Opposite words first: "worst-selling" where the sentence says "best-selling".
    for word, s, e in claim:
        opposites = OPPOSITES.get(word)
        if not opposites or word in sent_words:
            continue
        hit = [w for w, _, _ in sent if w in opposites]
        if not hit:
            continue
        if source_words is not None and word in source_words and word not in _STOP:
            continue
        other = content - {_stem(word)}
        shared = other & sent_stems
        # A figure both give counts as a shared word ("In 2004 Paramore formed" / "... in 2004").
        figures = {w for w, _, _ in claim if w.isdigit()} & sent_words
        if len(shared) + len(figures) >= 2 and len(shared) >= MIN_SHARED * len(other) \
                and _aligned(claim, sent, word, hit[0]):
            return Contrast("opposite", s, e, claim_text[s:e], hit[0], sentence)
    # Negation added or removed.
    claim_neg = [(w, s, e) for w, s, e in claim if w in NEGATIONS]
    sent_neg = [w for w, _, _ in sent if w in NEGATIONS]
    shared = _shared(content, sent_stems, claim, sent, claim_text, sentence)
    if len(shared) >= 2 and len(shared) >= MIN_SHARED * len(content):
        if claim_neg and _no_longer(claim, sent):
            return None  # "is not currently part of" against "were part of": no contradiction
        if claim_neg and not sent_neg and _scope_held(claim, claim_neg[0], sent_stems):
            _, s, e = claim_neg[0]
            return Contrast("negation", s, e, claim_text[s:e], "(no negation)", sentence)
        if sent_neg and not claim_neg and _negated_shared(sent, content):
            neg = next(w for w in sent_neg)
            return Contrast("negation", 0, len(claim_text.rstrip(" .")), claim_text.strip(),
                            f"{neg} …", sentence)
    # Another name where the claim has one the source never mentions.
    for s, e in absent_names:
        other = content - {_stem(w) for w, ts, te in claim if s <= ts and te <= e}
        shared = other & sent_stems
        if len(shared) < 2 or len(shared) < MIN_SHARED * len(other):
            continue
        swapped = _swapped_name(claim_text, claim, s, e, sentence, sent)
        if swapped:
            return Contrast("entity", s, e, claim_text[s:e], swapped, sentence)
    return None


def _scope_held(claim: list[tuple[str, int, int]], cue: tuple[str, int, int], sent_stems: set[str]) -> bool:
    """Whether the sentence states what the claim negates: the first content word after the
    negation and at least two of the first three ("is not a *rock album*", "does not *derive* its
    main *flavour*"; adverbs in -ly are not counted) are in the sentence. Otherwise the sentence
    may say something else altogether, which is no contradiction."""
    i = claim.index(cue)
    scope = [w for w, _, _ in claim[i + 1:i + 7] if w not in _STOP and w not in NEGATIONS
             and not w.endswith("ly")][:3]
    if not scope or _stem(scope[0]) not in sent_stems:
        return False
    held = sum(_stem(w) in sent_stems for w in scope)
    return held == len(scope) or held >= 2


_PRONOUNS = frozenset(["he", "she", "it", "they", "his", "her", "its", "their"])
_NOW = frozenset(["currently", "now", "still", "longer", "anymore", "presently", "today", "nowadays"])
_PAST = frozenset(["was", "were", "had", "formerly", "previously", "once", "until", "ended"])


def _no_longer(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]]) -> bool:
    """A negation of the present ("not currently", "no longer") against a sentence in the past:
    both can hold."""
    return any(w in _NOW for w, _, _ in claim) and any(w in _PAST for w, _, _ in sent)


def _shared(content: set[str], sent_stems: set[str], claim: list[tuple[str, int, int]],
            sent: list[tuple[str, int, int]], claim_text: str, sentence: str) -> set[str]:
    """The claim's content stems the sentence holds: the same stem, a close spelling ("Faroe" /
    "Faeroes"), or the claim's subject name when the sentence opens with a pronoun for it ("She
    has appeared on the cover" for "Ashley Graham ...")."""
    shared = content & sent_stems
    rest = content - shared
    if not rest:
        return shared
    from rapidfuzz import fuzz

    for c in list(rest):
        if len(c) >= 4 and any(w[:1] == c[:1] and abs(len(w) - len(c)) <= 3 and fuzz.ratio(c, w) >= 83
                               for w in sent_stems if len(w) >= 4):
            shared.add(c)
    if sent and sent[0][0] in _PRONOUNS:
        subject = []
        for w, s, _ in claim:
            if not claim_text[s:s + 1].isupper():
                break
            subject.append(_stem(w))
        shared.update(c for c in subject if c in content)
    return shared


def _negated_shared(sent: list[tuple[str, int, int]], content: set[str]) -> bool:
    """Whether a negation of the sentence governs a word the claim asserts: one of the first two
    content words within four words after it ("did not *attract* *tourists*", "did not become a
    *folk* hero", "does not know how to *play*"); "not only" negates nothing."""
    for i, (w, _, _) in enumerate(sent):
        if w in NEGATIONS and w not in ("without", "nor"):
            if w == "not" and i + 1 < len(sent) and sent[i + 1][0] in ("only", "just", "merely"):
                continue
            heads = [x for x, _, _ in sent[i + 1:i + 5] if x not in _STOP and x not in NEGATIONS][:2]
            if any(_stem(h) in content for h in heads):
                return True
    return False


def _aligned(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]], word: str, other: str) -> bool:
    """Whether ``word`` and ``other`` stand in the same place: a word on either side agrees."""
    cw = [w for w, _, _ in claim]
    sw = [w for w, _, _ in sent]
    i = cw.index(word)
    for j, w in enumerate(sw):
        if w != other:
            continue
        left = i > 0 and j > 0 and _stem(cw[i - 1]) == _stem(sw[j - 1])
        right = i + 1 < len(cw) and j + 1 < len(sw) and _stem(cw[i + 1]) == _stem(sw[j + 1])
        if left or right:
            return True
        # A content word or figure within two words of both ("In 2004 Paramore formed" /
        # "disbanded in 2004").
        near_c = {_stem(x) for x in cw[max(0, i - 2):i + 3] if x not in _STOP and x != word}
        near_s = {_stem(x) for x in sw[max(0, j - 2):j + 3] if x not in _STOP and x != other}
        if near_c & near_s:
            return True
    return False


def _swapped_name(claim_text: str, claim: list[tuple[str, int, int]], s: int, e: int, sentence: str,
                  sent: list[tuple[str, int, int]]) -> str | None:
    """The sentence's name aligned with the claim's absent name [s, e), if there is one."""
    cw = [w for w, _, _ in claim]
    sw = [w for w, _, _ in sent]
    idx = [k for k, (_, ts, te) in enumerate(claim) if s <= ts and te <= e]
    if not idx:
        return None
    matcher = difflib.SequenceMatcher(None, cw, sw, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or not (i1 <= idx[0] and idx[-1] < i2):
            continue
        if i2 - i1 > len(idx) + 2 or j2 - j1 > 6:
            continue
        names = [k for k in range(j1, j2) if sentence[sent[k][1]].isupper() and sw[k] not in _STOP
                 and sw[k] not in cw]
        if not names:
            continue
        # The relation around the slot must agree on both sides (or the slot ends the sentence).
        before_ok = i1 > 0 and j1 > 0 and _stem(cw[i1 - 1]) == _stem(sw[j1 - 1])
        after_ok = (i2 < len(cw) and j2 < len(sw) and _stem(cw[i2]) == _stem(sw[j2])) or i2 == len(cw)
        if before_ok and after_ok:
            a, b = sent[names[0]][1], sent[names[-1]][2]
            from rapidfuzz import fuzz

            # "Faroe Islands" / "Faeroes": a spelling of the same name is no swap.
            if any(fuzz.ratio(sw[k], w) >= 70 for k in names for w in cw[i1:i2]):
                return None
            return sentence[a:b]
    return None
