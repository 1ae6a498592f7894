"""Another name or another category in the claim's slot: the same role word before another name
("by sculptor Tom Brady" / "Sculptor Gutzon Borglum created"), another agent of the same verb, a
title whose last word differs, and "X is a/an N" against the sentence's own "X is a/an M".
Called by :func:`citecheck.evidence.contrast.find_contrast`, which decides that the sentence
speaks of the same thing."""

from __future__ import annotations

import difflib
import re

from citecheck.evidence.contrast_words import NEGATIONS, PRONOUNS, STOP, Contrast, stem
from citecheck.evidence.vocabulary import abbreviates

__all__ = ["agent_swap", "merge_names", "other_agent", "other_category", "other_country", "same_role",
           "swapped_name"]


def merge_names(claim_text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
    while 0 <= k < len(sent) and sentence[sent[k][1]].isupper() and sent[k][0] not in STOP:
        run.append(k)
        k += step
    return sorted(run)


def same_role(claim_text: str, claim: list[tuple[str, int, int]], s: int, e: int, sentence: str,
              sent: list[tuple[str, int, int]]) -> str | None:
    """"by sculptor Tom Brady" against "Sculptor Gutzon Borglum created": the same role word right
    before another name."""
    idx = [k for k, (_, ts, te) in enumerate(claim) if s <= ts and te <= e]
    if not idx or idx[0] == 0:
        return None
    role = claim[idx[0] - 1][0]
    if role in STOP or role in NEGATIONS or not claim_text[claim[idx[0] - 1][1]].islower() or role.isdigit():
        return None
    cw = {w for w, _, _ in claim}
    for k, (w, _, _) in enumerate(sent):
        if stem(w) != stem(role):
            continue
        run = _name_run(sentence, sent, k + 1, 1)
        if run and not any(sent[j][0] in cw for j in run):
            return sentence[sent[run[0]][1]:sent[run[-1]][2]]
    return None


def other_country(claim_text: str, s: int, e: int, sentence: str) -> str | None:
    """The claim's absent name is a country, and the sentence names another one, by name or
    demonym, that the claim does not: "Peking University is in Thailand" against "a major Chinese
    research university", "lives in Japan" against "fled to India, where he currently lives".
    Countries do not overlap (evidence.places leaves out territories of another country)."""
    from citecheck.evidence.places import countries_in, country_named

    country = country_named(claim_text[s:e])
    if country is None:
        return None
    in_claim = {c for _, c in countries_in(claim_text)} | {country}
    return next((words for words, c in countries_in(sentence) if c not in in_claim), None)


def other_agent(claim_text: str, claim: list[tuple[str, int, int]], s: int, e: int, sentence: str,
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
    if after < len(claim) and claim[after][0] not in STOP and claim_text[claim[after][1]].islower():
        verb = claim[after][0]  # "Peter Jackson produced", "Vin Diesel plays"
    before = idx[0] - 1
    if before >= 1 and claim[before][0] != "by" and claim_text[claim[before][1]].islower():
        before -= 1  # "by sculptor Tom Brady"
    if verb is None and before >= 1 and claim[before][0] == "by" and claim[before - 1][0] not in STOP:
        verb = claim[before - 1][0]  # "was created by (sculptor) Tom Brady"
    if verb is None or verb in NEGATIONS:
        return None
    cw = {w for w, _, _ in claim}
    for k, (w, _, _) in enumerate(sent):
        if stem(w) != stem(verb):
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


def swapped_name(claim_text: str, claim: list[tuple[str, int, int]], s: int, e: int, sentence: str,
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
        names = [k for k in range(j1, j2) if sentence[sent[k][1]].isupper() and sw[k] not in STOP
                 and sw[k] not in cw]
        if not names:
            continue
        # The relation around the slot must agree on both sides (or the slot ends the sentence).
        before_ok = i1 > 0 and j1 > 0 and stem(cw[i1 - 1]) == stem(sw[j1 - 1])
        after_ok = (i2 < len(cw) and j2 < len(sw) and stem(cw[i2]) == stem(sw[j2])) or i2 == len(cw)
        # Two words agreeing before the slot are enough ("One of the Boys" / "One of the Girls").
        before_two = before_ok and i1 > 1 and j1 > 1 and stem(cw[i1 - 2]) == stem(sw[j1 - 2])
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
    if n > 5 or all(w in STOP for w, _, _ in claim[k - n:k]):
        return None
    left = [stem(w) for w, _, _ in claim[k - n:k]]
    cw = {w for w, _, _ in claim}
    for j in range(n, len(sent)):
        if [stem(w) for w, _, _ in sent[j - n:j]] != left:
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
        if j > i and j + 1 < len(tokens) and tokens[j + 1][0] == "than":
            break  # "a film other than ...", "a larger city than ..."
        j += 1
    return (i, j) if j > i else None


def other_category(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
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
    if head in STOP or head.isdigit() or len(head) < 3:
        return None
    proper = claim_text[claim[head_k][1]].isupper()
    # The sentence says what the same subject is: it holds the subject's words (or opens with a
    # pronoun) and has its own copula and article.
    subject = [w for w, _, _ in claim[:copula] if w not in STOP]
    sent_words = {w for w, _, _ in sent}
    sent_stems = {stem(w) for w in sent_words}
    if not sent or not subject or not (all(stem(w) in sent_stems for w in subject) or sent[0][0] in PRONOUNS):
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
        if head in words or any(stem(w) == stem(head) for w in words):
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
        if mod in STOP or mod.isdigit() or claim_text[claim[mod_k][1]].isupper() \
                or any(stem(w) == stem(mod) or (len(mod) >= 4 and mod in w) for w in words):
            return None
        a, b = sent[theirs[0]][1], their_head[2]
        return Contrast("category", claim[mod_k][1], claim[head_k][2],
                        claim_text[claim[mod_k][1]:claim[head_k][2]], sentence[a:b], sentence)
    forms = {head, stem(head)} | _SAME.get(head, set()) | _SAME.get(stem(head), set())
    for w in words:
        # The claim's noun inside a longer word ("writer" in "playwright"), or a word of the
        # source ending it ("writer" for "songwriter"), names the same thing.
        if w in forms or stem(w) in forms or (len(head) >= 4 and head in w) or (len(w) >= 4 and head.endswith(w)):
            return None
    if their_head[0] in _GENERIC_HEADS or (sentence[their_head[1]].isupper() and their_head[0] not in _SAME):
        return None  # "the latest hit", "an American Shepherd": may be the claim's category ("a US President" is one)
    from citecheck.evidence.categories import same_category

    if any(same_category(head, sent[k][0]) for k in range(*theirs)):
        return None  # WordNet: one names the other or a kind of it ("a documentary" is a film)
    a, b = sent[theirs[0]][1], sent[theirs[1] - 1][2]
    return Contrast("category", claim[phrase[0]][1], claim[head_k][2],
                    claim_text[claim[phrase[0]][1]:claim[head_k][2]], sentence[a:b], sentence)


def agent_swap(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
               sent: list[tuple[str, int, int]], source_words: set[str] | None) -> Contrast | None:
    """Another agent after the same "VERB by": "was recorded by Katy Perry" against "recorded by
    some talented cats", "recorded by cats" against "recorded by American singer Katy Perry". The
    claim's agent is nowhere in the source, the sentence's shares no word with the claim, and the
    claim's is no word so general that a name may stand for it ("by a man", "by a company")."""
    if source_words is None:
        return None
    for k in range(1, len(claim) - 1):
        verb = claim[k - 1][0]
        if claim[k][0] != "by" or verb in STOP or verb in NEGATIONS or verb in _AUX:
            continue
        mine = _agent(claim, k + 1)
        words = [claim[m][0] for m in mine if claim[m][0] not in STOP]
        if not words or any(w in _GENERIC_HEADS or w in _SAME or _stated(w, source_words) for w in words):
            continue
        for j in range(1, len(sent) - 1):
            if sent[j][0] != "by" or stem(sent[j - 1][0]) != stem(verb):
                continue
            theirs = [m for m in _agent(sent, j + 1) if sent[m][0] not in STOP]
            cw = {stem(w) for w, _, _ in claim}
            if theirs and not any(stem(sent[m][0]) in cw for m in theirs):
                a, b = claim[mine[0]][1], claim[mine[-1]][2]
                if abbreviates(claim_text[a:a + 80], sentence[sent[theirs[0]][1]:sent[theirs[0]][1] + 80]):
                    continue  # "by the UN" against "by the United Nations": one agent, two spellings
                return Contrast("entity", a, b, claim_text[a:b], sentence[sent[theirs[0]][1]:sent[theirs[-1]][2]],
                                sentence)
    return None


def _agent(tokens: list[tuple[str, int, int]], k: int) -> list[int]:
    """Indices of the agent phrase from ``k`` on: up to four words, to the first phrase end."""
    out = []
    while k < len(tokens) and len(out) < 4 and tokens[k][0] not in _PHRASE_END and tokens[k][0] not in NEGATIONS \
            and not tokens[k][0].isdigit():
        out.append(k)
        k += 1
    return out


def _stated(word: str, source_words: set[str]) -> bool:
    """Whether the source has the word, in its plural or singular."""
    return bool({word, word + "s", word + "es", word.removesuffix("s")} & source_words)
