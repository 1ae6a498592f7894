"""Contradictions that are not figures: a negation added or removed, an opposite word (rose/fell,
won/lost, before/after, first/last), or another name in the same slot of the same relation.

The claim is compared with one sentence of its best passage. Precision first: a sentence speaks
of the same thing only when it holds at least :data:`MIN_SHARED` of the claim's other content
words (and at least two of them, stems compared); the opposite word or name must then stand
where the claim's stands (an agreeing word beside it; for names, word alignment with
:mod:`difflib` in :mod:`citecheck.evidence.contrast_slots`, which also holds the category checks).
"""

from __future__ import annotations

from citecheck.evidence.categories import kind_of
from citecheck.evidence.contrast_places import other_location
from citecheck.evidence.contrast_slots import (
    agent_swap,
    merge_names,
    other_agent,
    other_category,
    other_country,
    same_role,
    swapped_name,
)
from citecheck.evidence.contrast_words import (
    NEGATIONS,
    STOP,
    Contrast,
    content_stems,
    sentence_words,
    shared_stems,
    stem,
    word_tokens,
)
from citecheck.evidence.opposites import opposites as opposites_of
from citecheck.evidence.opposites import sibling_group

__all__ = ["NEGATIONS", "Contrast", "contrast_units", "find_contrast"]

MIN_SHARED = 0.6  # share of the claim's other content words the sentence must hold
SHORT_SOURCE = 5  # a source of at most this many sentences is read whole


def contrast_units(ranked: list[int], count: int) -> list[int]:
    """The sentences (unit numbers) a claim is compared with: the best ranked ones, and when the
    source has at most :data:`SHORT_SOURCE` sentences, every other one after them."""
    if count > SHORT_SOURCE:
        return list(ranked)
    return list(ranked) + [u for u in range(count) if u not in ranked]

# Events of a life that one date cannot hold both of ("graduated on June 26, 1980" / "born June 26, 1980").
_LIFE_EVENTS = frozenset(["born", "died", "graduated", "married", "divorced", "retired", "baptized", "baptised",
                          "buried", "executed", "murdered", "killed"])
# Events that happen once, whose year cannot be another (stems).
_ONCE = frozenset(stem(w) for w in ("born", "died", "founded", "established", "discovered", "invented", "baptized",
                                    "baptised", "buried", "executed"))


def find_contrast(claim_text: str, sentences: list[str], absent_names: list[tuple[int, int]] | None = None,
                  *, source_words: set[str] | None = None) -> Contrast | None:
    """The first contradiction between the claim and one of ``sentences`` (best first), or None.

    ``absent_names``: spans of the claim's names the whole source never mentions (an entity
    swap needs one). ``source_words``: every lower-cased word of the source, so that an opposite
    word is not taken for a contradiction when the source also says the claim's own word.
    """
    claim = word_tokens(claim_text)
    content = content_stems(claim)
    if len(content) < 2:
        return None
    names = merge_names(claim_text, absent_names or [])
    for sentence in sentences:
        found = _against(claim_text, claim, content, sentence, names, source_words)
        if found is not None:
            return found
    return None


def _against(claim_text: str, claim: list[tuple[str, int, int]], content: set[str], sentence: str,
             absent_names: list[tuple[int, int]], source_words: set[str] | None) -> Contrast | None:
    tokens, sent_stems, sent_words = sentence_words(sentence)  # read once per sentence, not per claim
    sent = list(tokens)
    # Opposite words first: "worst-selling" where the sentence says "best-selling".
    for k, (word, s, e) in enumerate(claim):
        opposites = opposites_of(word)
        if not opposites or word in sent_words or (k > 0 and claim_text[s].isupper()):
            continue  # a capitalised word inside the claim is part of a name ("One of the Boys")
        if _denied(claim, k):
            continue  # "is not a rock album" agrees with "a blues album"
        hit = [w for w, _, _ in sent if w in opposites]
        if not hit:
            continue
        if source_words is not None and word in source_words and word not in STOP:
            continue
        other = content - {stem(word)}
        shared = shared_stems(other, sent_stems, claim, sent, claim_text, sentence)
        # A figure both give counts as a shared word ("In 2004 Paramore formed" / "... in 2004").
        figures = {w for w, _, _ in claim if w.isdigit()} & sent_words
        if len(shared) + len(figures) >= 2 and len(shared) >= MIN_SHARED * len(other) \
                and (_aligned(claim, sent, word, hit[0]) or _lone_siblings(claim, sent, word)
                     or _only_this(claim, k, sent, opposites)) \
                and not _converse(claim, k, sent, hit[0]) and not _excepted(claim, sent, hit[0]):
            return Contrast("opposite", s, e, claim_text[s:e], hit[0], sentence)
    # Negation added or removed.
    claim_neg = [(w, s, e) for w, s, e in claim if w in NEGATIONS]
    sent_neg = [w for w, _, _ in sent if w in NEGATIONS]
    # A sentence may deny with a word that is no negation cue ("was omitted from", "was
    # cancelled"): it then agrees with a negated claim; nothing else reads these words as negations.
    sent_denies = bool(sent_neg) or any(w in _DENYING for w, _, _ in sent)
    shared = shared_stems(content, sent_stems, claim, sent, claim_text, sentence)
    if len(shared) >= 2 and len(shared) >= MIN_SHARED * len(content):
        if claim_neg and _no_longer(claim, sent):
            return None  # "is not currently part of" against "were part of": no contradiction
        common = {w for w, a, _ in sent if sentence[a].islower()}  # common nouns, not names ("Haley")
        if claim_neg and not sent_denies and _scope_held(claim, claim_neg[0], sent_stems, sent_words, common) \
                and not _other_filler(claim_text, claim, claim_neg[0], sentence, sent):
            _, s, e = claim_neg[0]
            # What the sentence says instead, when it names a kind of the denied category.
            denied = [c for c, _, _ in claim[claim.index(claim_neg[0]) + 1:] if c not in STOP]
            said = next((sentence[a:b] for w, a, b in sent for c in denied if w in common and kind_of(w, c)), "")
            return Contrast("negation", s, e, claim_text[s:e], f"{said} (no negation)".strip(), sentence)
        ended = None if claim_neg or sent_neg else _ended(claim, sent, sentence)
        if ended is not None:
            k = next(i for i, (w, _, _) in enumerate(claim) if w in _NOW)
            return Contrast("opposite", claim[k][1], claim[k][2], claim_text[claim[k][1]:claim[k][2]], ended, sentence)
        if sent_neg and not claim_neg and _negated_shared(sent, content) and not _only_no_other(claim, sent):
            _, ns, ne = next(t for t in sent if t[0] in NEGATIONS)
            return Contrast("negation", 0, len(claim_text.rstrip(" .")), claim_text.strip(),
                            f"{sentence[ns:ne]} …", sentence)
    event = _event_swap(claim_text, claim, sentence, sent, source_words) or _event_year(claim_text, claim, sentence, sent)
    if event is not None:
        return event
    category = other_category(claim_text, claim, sentence, sent, source_words) \
        or _undenied(claim, agent_swap(claim_text, claim, sentence, sent, source_words)) \
        or _only_one_of(claim_text, claim, sentence, sent, content, sent_stems) \
        or other_location(claim_text, claim, sentence, sent)
    if category is not None:
        return category
    # Another name where the claim has one the source never mentions.
    absent_words = {stem(w) for w, ts, te in claim if any(s <= ts and te <= e for s, e in absent_names)} \
        if absent_names else set()
    for s, e in absent_names:
        other = content - absent_words
        shared = shared_stems(other, sent_stems, claim, sent, claim_text, sentence)
        if len(shared) < 2 or len(shared) < MIN_SHARED * len(other):
            continue
        swapped = (swapped_name(claim_text, claim, s, e, sentence, sent)
                   or same_role(claim_text, claim, s, e, sentence, sent)
                   or other_agent(claim_text, claim, s, e, sentence, sent)
                   or other_country(claim_text, s, e, sentence))
        if swapped and not _country_and_place(claim_text[s:e], swapped):
            found = _undenied(claim, Contrast("entity", s, e, claim_text[s:e], swapped, sentence))
            if found is not None:
                return found
    return None




def _scope_held(claim: list[tuple[str, int, int]], cue: tuple[str, int, int], sent_stems: set[str],
                sent_words: set[str], common: set[str]) -> bool:
    """Whether the sentence states what the claim negates: the content words after the negation
    ("is not a *rock album*"; adverbs in -ly not counted), the first of them and all but one of
    four or more ("does not *derive* its main *flavour* from *juniper berries*"), are in the
    sentence. Otherwise the sentence may say something else ("... from cranberries"), which is no
    contradiction. A general category is stated by a kind of it ("is not a *musician*" / "the
    lead vocalist and drummer"), and playing an instrument by its player ("does not play *drums*" /
    "drummer")."""
    i = claim.index(cue)
    scope = [w for w, _, _ in claim[i + 1:i + 10] if w not in STOP and w not in NEGATIONS
             and not w.endswith("ly")][:6]
    if len(scope) > 1 and scope[0] in _PLAY and scope[1] in sibling_group("guitar"):
        scope = scope[1:]

    def held(w: str) -> bool:
        return _held(w, sent_stems) or any(kind_of(x, w) for x in common)

    if not scope or not held(scope[0]):
        return False
    missing = sum(not held(w) for w in scope)
    return missing == 0 or (missing == 1 and len(scope) >= 4)


def _other_filler(claim_text: str, claim: list[tuple[str, int, int]], cue: tuple[str, int, int], sentence: str,
                  sent: list[tuple[str, int, int]]) -> bool:
    """The sentence puts another name in the slot the claim denies to its own: "was not born in
    London" / "was born in Paris and moved to London": after the negated word the claim names
    London, the sentence Paris (a name or a figure on both sides)."""
    i = claim.index(cue)
    first = next((k for k in range(i + 1, min(len(claim), i + 4)) if claim[k][0] not in STOP), None)
    if first is None:
        return False
    mine = next((t for t in claim[first + 1:first + 4] if t[0] not in STOP), None)
    if mine is None or not (claim_text[mine[1]].isupper() or mine[0].isdigit()):
        return False
    for j, (w, _, _) in enumerate(sent):
        if stem(w) != stem(claim[first][0]):
            continue
        theirs = next((t for t in sent[j + 1:j + 4] if t[0] not in STOP), None)
        if theirs is not None and (sentence[theirs[1]].isupper() or theirs[0].isdigit()) \
                and stem(theirs[0]) != stem(mine[0]):
            return True
    return False


_DENYING = frozenset(["omitted", "excluded", "absent", "missing", "lacking", "dropped", "removed",
                      "banned", "barred", "rejected", "denied", "declined", "avoided", "abandoned", "cancelled",
                      "canceled", "nearest", "closest"])
_PLAY = frozenset(["play", "plays", "played", "playing"])


def _held(word: str, stems: set[str]) -> bool:
    """Whether ``stems`` hold the word: its stem, or a stem of four letters or more that one of
    them begins ("model" / "modelled", "drum" / "drummer")."""
    st = stem(word)
    if st in stems:
        return True
    return len(st) >= 4 and any(len(x) >= 4 and (x.startswith(st) or st.startswith(x)) and abs(len(x) - len(st)) <= 3
                                for x in stems)


_NOW = frozenset(["currently", "now", "still", "longer", "anymore", "presently", "today", "nowadays"])
_PAST = frozenset(["was", "were", "had", "formerly", "previously", "once", "until", "ended"])


_PRESENT = frozenset(["is", "are", "remains", "remain", "has", "have"])
_PERIOD_END = frozenset(["until", "till", "to", "and"])


def _ended(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]], sentence: str) -> str | None:
    """A state the claim says holds now ("are currently part of") that the sentence says held in a
    closed past period ("Between 1035 and 1814, ... were part of", "from 1990 to 2004", "was ...
    until 1814"): the
    period's words, or None."""
    words = [w for w, _, _ in claim]
    if not any(w in _NOW - {"longer", "anymore"} for w in words) or not any(w in _PRESENT for w in words):
        return None
    sw = [w for w, _, _ in sent]
    if not any(w in ("was", "were") for w in sw) or any(w in _PRESENT or w in _NOW for w in sw):
        return None
    for j in range(1, len(sw)):
        year = sw[j]
        if len(year) == 4 and year.isdigit() and sw[j - 1] in _PERIOD_END:
            opened = j > 2 and sw[j - 2].isdigit() and sw[j - 3] == {"and": "between", "to": "from"}.get(sw[j - 1])
            if sw[j - 1] in ("until", "till") or opened:
                a = sent[j - 1][1] if sw[j - 1] in ("until", "till") else sent[j - 2][1]
                return sentence[a:sent[j][2]]
    return None


def _no_longer(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]]) -> bool:
    """A negation of the present ("not currently", "no longer") against a sentence in the past:
    both can hold."""
    return any(w in _NOW for w, _, _ in claim) and any(w in _PAST for w, _, _ in sent)




# Verbs that carry little meaning of their own: "did not become a folk hero", "does not know how to play".
_LIGHT = frozenset(["become", "became", "becomes", "know", "knows", "knew", "get", "gets", "got", "make", "makes",
                    "made", "appear", "appears", "appeared", "seem", "seems", "seemed", "receive", "received",
                    "manage", "managed", "go", "went", "how"])


_DO = frozenset(["did", "does", "do"])


def _negated_shared(sent: list[tuple[str, int, int]], content: set[str]) -> bool:
    """Whether a negation of the sentence governs a word the claim asserts: the first content word
    within four words after it ("did not *attract* tourists"), or the second after a light verb
    ("did not become a *folk* hero", "does not know how to *play*"); "not only" negates nothing."""
    for i, (w, _, _) in enumerate(sent):
        if w in NEGATIONS and w not in ("without", "nor"):
            if w == "not" and i + 1 < len(sent) and sent[i + 1][0] in ("only", "just", "merely"):
                continue
            heads = [x for x, _, _ in sent[i + 1:i + 5] if x not in STOP and x not in NEGATIONS
                     and x not in ("him", "them", "me", "us")][:2]
            if heads and (_held(heads[0], content)
                          or heads[0] in _LIGHT and len(heads) > 1 and _held(heads[1], content)):
                return True
            # A verb after "did not" whose object and one more word the claim asserts: "did not
            # attract *tourists* to *Liverpool*" against "Liverpool is a tourist destination".
            if len(heads) > 1 and i > 0 and sent[i - 1][0] in _DO and _held(heads[1], content) \
                    and sum(_held(x, content) for x, _, _ in sent[i + 1:i + 7] if x not in STOP) >= 2:
                return True
            # Two light words before it: "does not know how to *play*".
            wider = [x for x, _, _ in sent[i + 1:i + 6] if x not in STOP and x not in NEGATIONS]
            if len(wider) > 2 and wider[0] in _LIGHT and wider[1] in _LIGHT and _held(wider[2], content):
                return True
    return False


def _lone_siblings(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]], word: str) -> bool:
    """Kinds of one thing ("basketball" / "football") need no neighbour to agree when each side
    names just one kind of that group, and the claim not the sentence's."""
    group = sibling_group(word)
    if not group:
        return False
    mine = {w for w, _, _ in claim if w in group}
    theirs = {w for w, _, _ in sent if w in group}
    return len(mine) == 1 and len(theirs) == 1 and not mine & theirs


def _agree(cw: list[str], sw: list[str], i: int, j: int, step: int) -> bool:
    """Whether the words next to claim word ``i`` and sentence word ``j`` (before them: ``step``
    -1, after: 1) are one word; a small word must have the next word agree too ("the majority of
    coronaviruses" / "a minority of infected animals" agree on "of" only)."""
    for n in (1, 2):
        a, b = i + step * n, j + step * n
        if n == 2 and not (0 <= a < len(cw) and 0 <= b < len(sw)):
            return True  # a text ends there
        if not (0 <= a < len(cw) and 0 <= b < len(sw)) or stem(cw[a]) != stem(sw[b]):
            return False
        if cw[a] not in STOP:
            return True
    return True


def _only_this(claim: list[tuple[str, int, int]], k: int, sent: list[tuple[str, int, int]],
               opposites: frozenset[str]) -> bool:
    """"had only daughters" against "survived by two sons": a word the claim restricts with "only"
    needs no neighbour to agree when the sentence names its opposite and not the word itself."""
    return k > 0 and claim[k - 1][0] in _ONLY and not {w for w, _, _ in sent} & {claim[k][0]} \
        and any(w in opposites for w, _, _ in sent)


def _sides(tokens: list[tuple[str, int, int]], k: int) -> tuple[set[str], set[str]]:
    """The content stems before and after token ``k``."""
    before = {stem(w) for w, _, _ in tokens[:k] if w not in STOP}
    after = {stem(w) for w, _, _ in tokens[k + 1:] if w not in STOP}
    return before, after


def _converse(claim: list[tuple[str, int, int]], k: int, sent: list[tuple[str, int, int]], other: str) -> bool:
    """The sentence tells the claim's relation from the other side, its two parties swapped round
    the opposite word: "the team lost to Leeds" / "Leeds won, beating the team", "A is longer than
    B" / "B is shorter than A"."""
    j = next(i for i, (w, _, _) in enumerate(sent) if w == other)
    claim_before, claim_after = _sides(claim, k)
    sent_before, sent_after = _sides(sent, j)
    return bool((claim_after - claim_before) & sent_before and (claim_before - claim_after) & sent_after)





def _excepted(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]], other: str) -> bool:
    """The sentence's opposite holds for everything except a thing the claim names: "closed on
    Mondays" / "open every day except Monday", "other than", "apart from"."""
    j = next(i for i, (w, _, _) in enumerate(sent) if w == other)
    content = {stem(w) for w, _, _ in claim if w not in STOP}
    for m in range(j + 1, min(len(sent), j + 7)):
        word = sent[m][0]
        follow = sent[m + 1][0] if m + 1 < len(sent) else ""
        if word in ("except", "excepting", "excluding") or (word, follow) in (
                ("apart", "from"), ("other", "than"), ("save", "for"), ("but", "for"), ("besides", "")):
            return any(stem(w) in content for w, _, _ in sent[m + 1:m + 5])
    return False


def _country_and_place(name: str, other: str) -> bool:
    """A country (by name or demonym) against a name that is no country ("an Irish writer" / "the
    Dublin-born writer"): a city, region or person of that country may be meant, so no swap; nor
    against a part of the same country ("the United Kingdom" / "Scotland"). Another country is
    judged by ``other_country``."""
    from citecheck.evidence.places import country_named

    country = country_named(name)
    return country is not None and country_named(other) in (None, country)


def _undenied(claim: list[tuple[str, int, int]], found: Contrast | None) -> Contrast | None:
    """``found``, unless the claim denies the name it stands on ("was not released by Warner Bros."
    against "released by Universal Pictures" agrees)."""
    if found is None:
        return None
    k = next((i for i, (_, s, _) in enumerate(claim) if s >= found.start), len(claim))
    return None if _denied(claim, k) else found


def _denied(claim: list[tuple[str, int, int]], k: int) -> bool:
    """Whether a negation among the four words before the claim's ``k``-th word, in the same clause,
    denies it: then an opposite word ("is not a rock album" / "a blues album") or another name in
    its slot ("was not released by Warner Bros." / "by Universal Pictures") agrees with it. A
    negation does not reach past "and", "but" or "or" ("lack of awareness and insignificant funds")."""
    before = claim[max(0, k - 4):k]
    cut = max((m for m, (w, _, _) in enumerate(before) if w in ("and", "but", "or")), default=-1)
    return any(w in NEGATIONS for w, _, _ in before[cut + 1:])


def _aligned(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]], word: str, other: str) -> bool:
    """Whether ``word`` and ``other`` stand in the same place: a word on either side agrees."""
    cw = [w for w, _, _ in claim]
    sw = [w for w, _, _ in sent]
    i = cw.index(word)
    for j, w in enumerate(sw):
        if w != other:
            continue
        if _agree(cw, sw, i, j, -1) or _agree(cw, sw, i, j, 1):
            return True
        # A figure within two words of both ("In 2004 Paramore formed" / "disbanded in 2004").
        near_c = {x for x in cw[max(0, i - 2):i + 3] if x.isdigit()}
        near_s = {x for x in sw[max(0, j - 2):j + 3] if x.isdigit()}
        if near_c & near_s:
            return True
    return False


def _only_no_other(claim: list[tuple[str, int, int]], sent: list[tuple[str, int, int]]) -> bool:
    """"is only known as X" agrees with "not known by any other name": a negation of the sentence
    followed by "other" (or "else") restricts as the claim's "only" does; so does a negation of
    a thing the claim never names, when the sentence has what the claim says is the only one
    ("admits only girls" / "a girls' school; boys are not admitted", "only played in clubs" /
    "never played in stadiums")."""
    only = [k for k, (w, _, _) in enumerate(claim) if w in _ONLY]
    if not only:
        return False
    claim_stems = {stem(w) for w, _, _ in claim}
    sent_stems = {stem(w) for w, _, _ in sent}
    targets = {stem(w) for w, _, _ in claim[only[0] + 1:only[0] + 4] if w not in STOP}
    for i, (w, _, _) in enumerate(sent):
        if w not in NEGATIONS:
            continue
        if any(x in ("other", "else") for x, _, _ in sent[i + 1:i + 6]):
            return True
        near = [x for x, _, _ in sent[max(0, i - 3):i + 4] if x not in STOP and x not in _AUX_BE and x not in NEGATIONS]
        if targets & sent_stems and any(stem(x) not in claim_stems for x in near):
            return True
    return False


_AUX_BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had"])


_ONLY = frozenset(["only", "solely", "exclusively", "just", "purely"])
_EVENT_REACH = 6  # words from the event to its year


def _event_swap(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
                sent: list[tuple[str, int, int]], source_words: set[str] | None) -> Contrast | None:
    """The claim gives a date to one event of a life ("graduated on June 26, 1980"), the sentence
    the same date to another ("born June 26, 1980"), and the source never names the claim's event."""
    for k, (word, s, e) in enumerate(claim):
        if word not in _LIFE_EVENTS or any(w in NEGATIONS for w, _, _ in claim[max(0, k - 3):k]):
            continue
        if source_words is not None and word in source_words or word in {w for w, _, _ in sent}:
            continue
        year = _year_after(claim, k)
        if year is None:
            continue
        for j, (other, _, _) in enumerate(sent):
            if other in _LIFE_EVENTS and stem(other) != stem(word) and _year_after(sent, j) == year:
                return Contrast("opposite", s, e, claim_text[s:e], sentence[sent[j][1]:sent[j][2]], sentence)
    return None


def _event_year(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
                sent: list[tuple[str, int, int]]) -> Contrast | None:
    """An event that happens once gets another year in the sentence, which gives the claim's year
    to another event ("born on November 22nd, 1968" / "born 22 November 1948 ... after graduating
    on November 22nd, 1968"): the claim's year is in the sentence, but not for its event."""
    for k, (word, _, _) in enumerate(claim):
        if stem(word) not in _ONCE or any(w in NEGATIONS for w, _, _ in claim[max(0, k - 3):k]):
            continue
        year = _year_after(claim, k)
        if year is None or year not in {w for w, _, _ in sent}:
            continue
        theirs = [(j, _year_after(sent, j)) for j, (w, _, _) in enumerate(sent) if stem(w) == stem(word)]
        if theirs and all(y is not None and y != year for _, y in theirs):
            j, other = theirs[0]
            k_year = next(m for m in range(k + 1, len(claim)) if claim[m][0] == year)
            y_tok = next(t for t in sent[j + 1:] if t[0] == other)
            return Contrast("date", claim[k_year][1], claim[k_year][2], year, sentence[y_tok[1]:y_tok[2]], sentence)
    return None


def _year_after(tokens: list[tuple[str, int, int]], k: int) -> str | None:
    """The first year within :data:`_EVENT_REACH` words after ``k``, when no other event comes first."""
    for w, _, _ in tokens[k + 1:k + 1 + _EVENT_REACH]:
        if w in _LIFE_EVENTS:
            return None
        if len(w) == 4 and w.isdigit() and w[0] in "12":
            return w
    return None


def _only_one_of(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
                 sent: list[tuple[str, int, int]], content: set[str], sent_stems: set[str]) -> Contrast | None:
    """"only worked in film" against "a TV and film producer": what the claim says is the only
    one stands in the sentence joined by "and" or "or" to another the claim never names."""
    if len(content & sent_stems) < 2:
        return None
    cw = {stem(w) for w, _, _ in claim}
    for k, (word, s, e) in enumerate(claim):
        if word not in _ONLY or (k > 0 and claim[k - 1][0] in ("the", "a", "an", "not", "if")):
            continue
        other_name = _only_known_as(claim, k, sentence, sent)
        if other_name:
            return Contrast("entity", s, e, claim_text[s:e], other_name, sentence)
        targets = {stem(w) for w, _, _ in claim[k + 1:k + 5] if w not in STOP and w not in NEGATIONS}
        for j, (w, _, _) in enumerate(sent):
            if stem(w) not in targets:
                continue
            for a, b in ((j - 1, j - 2), (j + 1, j + 2)):
                if 0 <= b < len(sent) and sent[a][0] in ("and", "or") and sent[b][0] not in STOP \
                        and stem(sent[b][0]) not in cw and not sent[b][0].isdigit():
                    lo, hi = min(j, b), max(j, b)
                    return Contrast("opposite", s, e, claim_text[s:e], sentence[sent[lo][1]:sent[hi][2]], sentence)
    return None


_NAMED = frozenset(["known", "called", "named", "nicknamed", "dubbed"])
_NAME_JOINS = frozenset(["of", "the", "de", "la", "von", "van", "del", "du"])


def _only_known_as(claim: list[tuple[str, int, int]], k: int, sentence: str, sent: list[tuple[str, int, int]]) -> str:
    """"is only known as Simon Bolivar" against "known as El Libertador": the sentence gives
    another name after the same naming verb ("" when it does not)."""
    if k + 1 >= len(claim) or claim[k + 1][0] not in _NAMED:
        return ""
    cw = {w for w, _, _ in claim}
    for j, (w, _, _) in enumerate(sent):
        if w != claim[k + 1][0] or (j > 0 and sent[j - 1][0] in NEGATIONS):
            continue
        m = j + 1 + (j + 1 < len(sent) and sent[j + 1][0] == "as")
        run = []
        while m < len(sent) and (sentence[sent[m][1]].isupper() or run and sent[m][0] in _NAME_JOINS
                                 and m + 1 < len(sent) and sentence[sent[m + 1][1]].isupper()):
            run.append(m)  # "El Libertador", "The Lion of Segou"
            m += 1
        if run and not any(sent[r][0] in cw for r in run):
            return sentence[sent[run[0]][1]:sent[run[-1]][2]]
    return ""
