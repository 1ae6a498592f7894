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
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"]


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
# Kinds of one thing that exclude each other in the same place ("a basketball club competition"
# against "football clubs"), counted as opposites when the source never names the claim's kind.
_SIBLINGS = [
    "football basketball baseball hockey tennis golf cricket rugby volleyball handball softball lacrosse",
    "rock jazz blues folk metal punk reggae gospel funk disco techno pop",
    "guitar piano drums violin saxophone trumpet cello flute harp",
    "spring summer autumn winter",
]
_SIBLING_OF: dict[str, frozenset[str]] = {}
for _group in _SIBLINGS:
    for _x in _group.split():
        OPPOSITES.setdefault(_x, set()).update(o for o in _group.split() if o != _x)
        _SIBLING_OF[_x] = frozenset(_group.split())


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
    names = _merge_names(claim_text, absent_names or [])
    for sentence in sentences:
        found = _against(claim_text, claim, content, sentence, names, source_words)
        if found is not None:
            return found
    return None


def _against(claim_text: str, claim: list[tuple[str, int, int]], content: set[str], sentence: str,
             absent_names: list[tuple[int, int]], source_words: set[str] | None) -> Contrast | None:
    sent = _tokens(sentence)
    sent_stems = {_stem(w) for w, _, _ in sent}
    sent_words = {w for w, _, _ in sent}
    # Opposite words first: "worst-selling" where the sentence says "best-selling".
    for k, (word, s, e) in enumerate(claim):
        opposites = OPPOSITES.get(word)
        if not opposites or word in sent_words:
            continue
        if any(w in NEGATIONS for w, _, _ in claim[max(0, k - 4):k]):
            continue  # "is not a rock album" agrees with "a blues album"
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
                and (_aligned(claim, sent, word, hit[0]) or _lone_siblings(claim, sent, word)):
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
            _, ns, ne = next(t for t in sent if t[0] in NEGATIONS)
            return Contrast("negation", 0, len(claim_text.rstrip(" .")), claim_text.strip(),
                            f"{sentence[ns:ne]} …", sentence)
    category = _other_category(claim_text, claim, sentence, sent, source_words)
    if category is not None:
        return category
    # Another name where the claim has one the source never mentions.
    absent_words = {_stem(w) for w, ts, te in claim if any(s <= ts and te <= e for s, e in absent_names)}
    for s, e in absent_names:
        other = content - absent_words
        shared = _shared(other, sent_stems, claim, sent, claim_text, sentence)
        if len(shared) < 2 or len(shared) < MIN_SHARED * len(other):
            continue
        swapped = (_swapped_name(claim_text, claim, s, e, sentence, sent)
                   or _same_role(claim_text, claim, s, e, sentence, sent)
                   or _other_agent(claim_text, claim, s, e, sentence, sent))
        if swapped:
            return Contrast("entity", s, e, claim_text[s:e], swapped, sentence)
    return None


def _merge_names(claim_text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Absent names joined by small words are one name ("Battle" "of" "Hastings")."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and re.fullmatch(r"(?:\s+(?:of|the|de|la|von|van|and|for|del|du))*\s*", claim_text[out[-1][1]:s]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_AUX = frozenset(["has", "had", "have", "was", "were", "is", "are", "also", "then", "later", "first"])


def _name_run(sentence: str, sent: list[tuple[str, int, int]], k: int, step: int) -> list[int]:
    """Indices of the capitalised words from ``k`` on (``step`` 1: forwards, -1: backwards)."""
    run = []
    while 0 <= k < len(sent) and sentence[sent[k][1]].isupper() and sent[k][0] not in _STOP:
        run.append(k)
        k += step
    return sorted(run)


def _same_role(claim_text: str, claim: list[tuple[str, int, int]], s: int, e: int, sentence: str,
               sent: list[tuple[str, int, int]]) -> str | None:
    """"by sculptor Tom Brady" against "Sculptor Gutzon Borglum created": the same role word right
    before another name."""
    idx = [k for k, (_, ts, te) in enumerate(claim) if s <= ts and te <= e]
    if not idx or idx[0] == 0:
        return None
    role = claim[idx[0] - 1][0]
    if role in _STOP or role in NEGATIONS or not claim_text[claim[idx[0] - 1][1]].islower() or role.isdigit():
        return None
    cw = {w for w, _, _ in claim}
    for k, (w, _, _) in enumerate(sent):
        if _stem(w) != _stem(role):
            continue
        run = _name_run(sentence, sent, k + 1, 1)
        if run and not any(sent[j][0] in cw for j in run):
            return sentence[sent[run[0]][1]:sent[run[-1]][2]]
    return None


def _other_agent(claim_text: str, claim: list[tuple[str, int, int]], s: int, e: int, sentence: str,
                 sent: list[tuple[str, int, int]]) -> str | None:
    """The claim's absent name does what the sentence says another did: "Peter Jackson produced
    Soul Food" against "produced by Kenneth Edmonds and Robert Teitel", "Actor Vin Diesel plays
    Riddick" against "The Rock has played the title role"."""
    idx = [k for k, (_, ts, te) in enumerate(claim) if s <= ts and te <= e]
    if not idx:
        return None
    verb = None
    after = idx[-1] + 1
    while after < len(claim) and claim[after][0] in _AUX:
        after += 1
    if after < len(claim) and claim[after][0] not in _STOP and claim_text[claim[after][1]].islower():
        verb = claim[after][0]  # "Peter Jackson produced", "Vin Diesel plays"
    before = idx[0] - 1
    if before >= 1 and claim[before][0] != "by" and claim_text[claim[before][1]].islower():
        before -= 1  # "by sculptor Tom Brady"
    if verb is None and before >= 1 and claim[before][0] == "by" and claim[before - 1][0] not in _STOP:
        verb = claim[before - 1][0]  # "was created by (sculptor) Tom Brady"
    if verb is None or verb in NEGATIONS:
        return None
    cw = {w for w, _, _ in claim}
    for k, (w, _, _) in enumerate(sent):
        if _stem(w) != _stem(verb):
            continue
        run: list[int] = []
        if k + 1 < len(sent) and sent[k + 1][0] == "by":
            # "produced by A, B and C": every name up to the end of the list.
            j = k + 2
            while j < len(sent) and j - k <= 16:
                if sentence[sent[j][1]].isupper():
                    run.append(j)
                elif sent[j][0] != "and" and not re.search(r"[\"“”]", sentence[sent[j - 1][2]:sent[j][1]]):
                    break  # the list ends at the first small word that is not "and" (or a "nickname")
                j += 1
        else:
            j = k - 1
            while j >= 0 and sent[j][0] in _AUX:
                j -= 1
            run = _name_run(sentence, sent, j, -1)
        if run and not any(sent[j][0] in cw for j in run):
            return sentence[sent[run[0]][1]:sent[run[-1]][2]]
    return None


def _scope_held(claim: list[tuple[str, int, int]], cue: tuple[str, int, int], sent_stems: set[str]) -> bool:
    """Whether the sentence states what the claim negates: the content words after the negation
    ("is not a *rock album*"; adverbs in -ly not counted), the first of them and all but one of
    four or more ("does not *derive* its main *flavour* from *juniper berries*"), are in the
    sentence. Otherwise the sentence may say something else ("... from cranberries"), which is no
    contradiction."""
    i = claim.index(cue)
    scope = [w for w, _, _ in claim[i + 1:i + 10] if w not in _STOP and w not in NEGATIONS
             and not w.endswith("ly")][:6]
    if not scope or not _held(scope[0], sent_stems):
        return False
    missing = sum(not _held(w, sent_stems) for w in scope)
    return missing == 0 or (missing == 1 and len(scope) >= 4)


def _held(word: str, stems: set[str]) -> bool:
    """Whether ``stems`` hold the word: its stem, or a stem of four letters or more that one of
    them begins ("model" / "modelled", "drum" / "drummer")."""
    st = _stem(word)
    if st in stems:
        return True
    return len(st) >= 4 and any(len(x) >= 4 and (x.startswith(st) or st.startswith(x)) and abs(len(x) - len(st)) <= 3
                                for x in stems)


_PRONOUNS = frozenset(["he", "she", "it", "they"])  # subjects: "Her parents are ..." is about others
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


# Verbs that carry little meaning of their own: "did not become a folk hero", "does not know how to play".
_LIGHT = frozenset(["become", "became", "becomes", "know", "knows", "knew", "get", "gets", "got", "make", "makes",
                    "made", "appear", "appears", "appeared", "seem", "seems", "seemed", "receive", "received",
                    "manage", "managed", "go", "went", "how"])


def _negated_shared(sent: list[tuple[str, int, int]], content: set[str]) -> bool:
    """Whether a negation of the sentence governs a word the claim asserts: the first content word
    within four words after it ("did not *attract* tourists"), or the second after a light verb
    ("did not become a *folk* hero", "does not know how to *play*"); "not only" negates nothing."""
    for i, (w, _, _) in enumerate(sent):
        if w in NEGATIONS and w not in ("without", "nor"):
            if w == "not" and i + 1 < len(sent) and sent[i + 1][0] in ("only", "just", "merely"):
                continue
            heads = [x for x, _, _ in sent[i + 1:i + 5] if x not in _STOP and x not in NEGATIONS
                     and x not in ("him", "them", "me", "us")][:2]
            if heads and (_held(heads[0], content)
                          or heads[0] in _LIGHT and len(heads) > 1 and _held(heads[1], content)):
                return True
    return False


def _lone_siblings(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]], word: str) -> bool:
    """Kinds of one thing ("basketball" / "football") need no neighbour to agree when each side
    names just one kind of that group, and the claim not the sentence's."""
    group = _SIBLING_OF.get(word)
    if group is None:
        return False
    mine = {w for w, _, _ in claim if w in group}
    theirs = {w for w, _, _ in sent if w in group}
    return len(mine) == 1 and len(theirs) == 1 and not mine & theirs


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
        # A figure within two words of both ("In 2004 Paramore formed" / "disbanded in 2004").
        near_c = {x for x in cw[max(0, i - 2):i + 3] if x.isdigit()}
        near_s = {x for x in sw[max(0, j - 2):j + 3] if x.isdigit()}
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
        # Two words agreeing before the slot are enough ("One of the Boys" / "One of the Girls").
        before_two = before_ok and i1 > 1 and j1 > 1 and _stem(cw[i1 - 2]) == _stem(sw[j1 - 2])
        if before_ok and (after_ok or before_two):
            a, b = sent[names[0]][1], sent[names[-1]][2]
            from rapidfuzz import fuzz

            # "Faroe Islands" / "Faeroes": a spelling of the same name is no swap.
            if any(fuzz.ratio(sw[k], w) >= 70 for k in names for w in cw[i1:i2]):
                return None
            return sentence[a:b]
    return _after_same_words(claim_text, claim, idx, sentence, sent)


def _after_same_words(claim_text: str, claim: list[tuple[str, int, int]], idx: list[int], sentence: str,
                      sent: list[tuple[str, int, int]]) -> str | None:
    """The sentence's name after the two words (three, when two are small words) that stand before
    the claim's absent name, when
    the alignment of the whole sentence misses it ("album One of the Boys" / "album, One of the
    Girls (2008)": the title's first words agree, its last does not)."""
    k = idx[0]
    # From the word before the claim's name run ("album" of "album One of the Boys") to the word
    # before the absent word: "Prince Harry, Duke of Sussex" is not "the Duke of Kent".
    first = k
    while first > 0 and (claim_text[claim[first - 1][1]].isupper() or claim[first - 1][0] in ("of", "the", "de")):
        first -= 1
    if first == 0 or first == k:
        return None
    n = k - first + 1
    if n > 5 or all(w in _STOP for w, _, _ in claim[k - n:k]):
        return None
    left = [_stem(w) for w, _, _ in claim[k - n:k]]
    cw = {w for w, _, _ in claim}
    for j in range(n, len(sent)):
        if [_stem(w) for w, _, _ in sent[j - n:j]] != left:
            continue
        run = _name_run(sentence, sent, j, 1)
        if run and not any(sent[m][0] in cw for m in run):
            return sentence[sent[run[0]][1]:sent[run[-1]][2]]
    return None


# What a thing is, said so generally that a more particular word may stand for it ("a place" for "a
# town", "a performer" for "a singer"): never taken for another category.
_GENERIC_HEADS = frozenset(["person", "people", "man", "men", "woman", "women", "human", "individual", "figure", "personality", "celebrity", "place", "location", "area", "region", "thing", "object", "item", "entity", "work", "works", "piece", "product", "creation", "organization", "organisation", "group", "institution", "body", "performer", "entertainer", "artist", "player", "professional", "worker", "member", "one", "type", "kind", "form", "part", "example", "subject", "being", "creature", "animal", "name", "title", "event", "activity", "media", "medium", "content", "project", "venture", "structure", "establishment", "destination", "site", "attraction", "landmark", "facility", "community", "settlement", "locality", "communication", "means", "method", "tool", "device", "system", "art", "genre", "field", "topic", "profession", "occupation", "career", "job", "role", "position", "producer", "maker", "creator", "participant", "contributor", "character", "citizen", "native", "resident", "national", "lover", "fan", "success", "failure", "hit", "favourite", "favorite", "star", "legend", "icon", "leader", "owner"])
# Category words that name the same thing (both ways).
_SAME_CATEGORY = [
    "film movie picture motion documentary feature cartoon",
    "show series programme program serial sitcom miniseries soap",
    "song single track tune ballad anthem",
    "album record lp ep compilation",
    "book novel novella memoir biography",
    "company firm corporation business enterprise conglomerate manufacturer brand label studio",
    "city town village hamlet municipality borough suburb settlement capital metropolis",
    "country nation state kingdom republic",
    "actor actress comedian star",
    "singer vocalist musician songwriter rapper guitarist drummer pianist composer instrumentalist",
    "writer author novelist poet playwright screenwriter essayist lyricist",
    "politician statesman senator congressman congresswoman president minister governor mayor diplomat",
    "doctor physician surgeon", "lawyer attorney", "car automobile vehicle", "ship vessel boat",
    "university college school", "band group", "athlete sportsman sportswoman footballer", "football soccer",
    "director filmmaker", "scientist physicist chemist biologist researcher",
]
_SAME: dict[str, set[str]] = {}
for _words in _SAME_CATEGORY:
    for _w in _words.split():
        _SAME.setdefault(_w, set()).update(_words.split())
# Nationalities that hold others ("British" for an English, Scottish or Welsh one).
_WITHIN = {"british": frozenset(["english", "scottish", "welsh", "irish", "northern"]),
           "american": frozenset(["hawaiian", "alaskan", "texan", "californian"])}
_COPULA = frozenset(["is", "was", "are", "were"])
_ONLY = frozenset(["only", "solely", "exclusively", "just", "purely"])
_ARTICLES = frozenset(["a", "an", "the"])
_PHRASE_END = frozenset(["of", "in", "on", "at", "from", "for", "by", "with", "who", "that", "which", "whose",
                         "and", "or", "but", "based", "known", "to", "as", "where", "when", "about", "within",
                         "between", "into", "near", "under", "over", "after", "before", "during", "since",
                         "until", "than", "while", "across", "along", "among", "against", "through", "via"])


def _predicate(tokens: list[tuple[str, int, int]], text: str, start: int,
               joined: bool = False) -> tuple[int, int] | None:
    """Indices [i, j) of the noun phrase after "is a"/"was an"/"is the" at ``start`` (the copula);
    ``joined``: words joined by "and"/"or" are one phrase ("a Mexican and American musician")."""
    i = start + 1
    while i < len(tokens) and tokens[i][0] in _ONLY:
        i += 1
    if i >= len(tokens) or tokens[i][0] not in _ARTICLES:
        return None
    i += 1
    j = i
    ends = _PHRASE_END - {"and", "or"} if joined else _PHRASE_END
    while j < len(tokens) and tokens[j][0] not in ends and tokens[j][0] not in NEGATIONS:
        if j > i and (re.search(r"[,;:()]", text[tokens[j - 1][2]:tokens[j][1]])
                      or re.fullmatch(r"[a-z]+ed", tokens[j][0])):
            break  # "a 2011 espionage film directed by ...", "a film, set in ..."
        j += 1
    return (i, j) if j > i else None


def _other_category(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
                    sent: list[tuple[str, int, int]], source_words: set[str] | None) -> Contrast | None:
    """"Lost is a political party" against "Lost is an American television drama series": the
    claim says what its subject is (a copula, an article, a noun), the sentence says what the same
    subject is, and the claim's noun is nowhere in the source in any form (not inside a longer
    word: "writer" in "playwright"; not a word naming the same category: film/movie). Nouns so
    general that a particular one may stand for them ("a place", "a performer") are left alone."""
    copula = next((k for k, (w, _, _) in enumerate(claim) if w in _COPULA), None)
    if copula is None or copula == 0 or any(w in NEGATIONS for w, _, _ in claim):
        return None
    phrase = _predicate(claim, claim_text, copula)
    if phrase is None and copula + 1 < len(claim):
        # "is only Armenian", "is an American": a nationality without a noun.
        k = copula + 1
        while k < len(claim) and claim[k][0] in _ONLY | _ARTICLES:
            k += 1
        if k == len(claim) - 1 and claim_text[claim[k][1]].isupper():
            phrase = (k, k + 1)
    if phrase is None or phrase[1] - phrase[0] > 5:
        return None
    head_k = phrase[1] - 1
    head = claim[head_k][0]
    if head in _STOP or head.isdigit() or len(head) < 3:
        return None
    proper = claim_text[claim[head_k][1]].isupper()
    # The sentence says what the same subject is: it holds the subject's words (or opens with a
    # pronoun) and has its own copula and article.
    subject = [w for w, _, _ in claim[:copula] if w not in _STOP]
    sent_words = {w for w, _, _ in sent}
    sent_stems = {_stem(w) for w in sent_words}
    if not sent or not subject or not (all(_stem(w) in sent_stems for w in subject) or sent[0][0] in _PRONOUNS):
        return None
    # The sentence's main copula: its first, not in a relative clause ("... who is a historian").
    own = next((k for k, (w, _, _) in enumerate(sent) if w in _COPULA), None)
    if own is None or own + 1 >= len(sent) or sent[own + 1][0] not in _ARTICLES \
            or (own > 0 and sent[own - 1][0] in ("who", "which", "that")):
        return None
    words = set(sent_words) | set(source_words or ())
    theirs = _predicate(sent, sentence, own, joined=True)
    if theirs is None:
        return None
    their_head = sent[theirs[1] - 1]
    if proper:
        # A nationality the source never gives, where it gives another: "is an African football
        # player" for "is an American".
        if head in words or any(_stem(w) == _stem(head) for w in words):
            return None
        others = [sent[k] for k in range(*theirs) if sentence[sent[k][1]].isupper() and sent[k][0] != head]
        if not others or others[0][0] in _WITHIN.get(head, ()):
            return None  # "an English actor" is British
        return Contrast("category", claim[head_k][1], claim[head_k][2], claim_text[claim[head_k][1]:claim[head_k][2]],
                        sentence[others[0][1]:others[0][2]], sentence)
    if head in _GENERIC_HEADS:
        # "a football player" against "an American poker player": the same general noun, and the
        # word that makes it particular is nowhere in the source.
        mod_k = head_k - 1
        if mod_k < phrase[0] or their_head[0] != head:
            return None
        mod = claim[mod_k][0]
        if mod in _STOP or mod.isdigit() or claim_text[claim[mod_k][1]].isupper() \
                or any(_stem(w) == _stem(mod) or (len(mod) >= 4 and mod in w) for w in words):
            return None
        a, b = sent[theirs[0]][1], their_head[2]
        return Contrast("category", claim[mod_k][1], claim[head_k][2],
                        claim_text[claim[mod_k][1]:claim[head_k][2]], sentence[a:b], sentence)
    forms = {head, _stem(head)} | _SAME.get(head, set()) | _SAME.get(_stem(head), set())
    for w in words:
        # The claim's noun inside a longer word ("writer" in "playwright"), or a word of the
        # source ending it ("writer" for "songwriter"), names the same thing.
        if w in forms or _stem(w) in forms or (len(head) >= 4 and head in w) or (len(w) >= 4 and head.endswith(w)):
            return None
    if their_head[0] in _GENERIC_HEADS or (sentence[their_head[1]].isupper() and their_head[0] not in _SAME):
        return None  # "the latest hit", "an American Shepherd": may be the claim's category ("a US President" is one)
    a, b = sent[theirs[0]][1], sent[theirs[1] - 1][2]
    return Contrast("category", claim[phrase[0]][1], claim[head_k][2],
                    claim_text[claim[phrase[0]][1]:claim[head_k][2]], sentence[a:b], sentence)
