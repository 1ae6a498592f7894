"""Where a thing is: the claim puts its subject in one country ("Peking University is in China"),
the sentence about the same subject in another ("... a major research university located in
Thailand"). Countries do not overlap (:mod:`citecheck.evidence.places`), so both cannot hold.

Called by :func:`citecheck.evidence.contrast.find_contrast` after it has found that the sentence
shares enough of the claim's words. The claim's country may be stated elsewhere in the source
(a language label "Chinese: 北京大学" names China): what counts is the sentence's own place.
"""

from __future__ import annotations

from citecheck.evidence.contrast_words import NEGATIONS, STOP, Contrast, stem

__all__ = ["other_location"]

# Words that put a thing in a place: "located in", "based in".
_LOCATED = frozenset(["located", "based", "situated", "headquartered", "sited", "lies"])
_BE = frozenset(["is", "are", "was", "were"])


def _country_after(text: str, tokens: list[tuple[str, int, int]], k: int) -> tuple[str, str, int, int] | None:
    """The country named by the capitalised words after token ``k`` ("in the United Kingdom"):
    (the country, the words, their start, end), or None."""
    from citecheck.evidence.places import country_named

    m = k + 1
    if m < len(tokens) and tokens[m][0] == "the":
        m += 1
    run = []
    while m < len(tokens) and text[tokens[m][1]].isupper() and len(run) < 4:
        run.append(m)
        m += 1
    if not run:
        return None
    # Stop at the first run of words that names a country, shortest first ("China and Japan").
    for n in range(1, len(run) + 1):
        a, b = tokens[run[0]][1], tokens[run[n - 1]][2]
        country = country_named(text[a:b])
        if country is not None:
            return country, text[a:b], a, b
    return None


def _places(text: str, tokens: list[tuple[str, int, int]], verbs: frozenset[str]) -> list[tuple[str, str, int, int]]:
    """Every "VERB in COUNTRY" of the text (VERB one of ``verbs``), and every "VERB in NAME" with
    a name that is no country as ("", words, start, end)."""
    out = []
    for k in range(1, len(tokens) - 1):
        if tokens[k][0] != "in" or tokens[k - 1][0] not in verbs:
            continue
        found = _country_after(text, tokens, k)
        if found is None and k + 1 < len(tokens) and text[tokens[k + 1][1]].isupper():
            found = ("", text[tokens[k + 1][1]:tokens[k + 1][2]], tokens[k + 1][1], tokens[k + 1][2])
        if found is not None:
            out.append(found)
    return out


def other_location(claim_text: str, claim: list[tuple[str, int, int]], sentence: str,
                   sent: list[tuple[str, int, int]]) -> Contrast | None:
    """The claim says its subject "is (located, based) in" one country; the sentence holds every
    word of the subject and puts a thing in a place just once ("located in Thailand"), in another
    country. A sentence with a second place ("headquartered in Munich, with a plant located in
    China") may put the subject in either, so it is left alone, as is a negated claim."""
    if any(w in NEGATIONS for w, _, _ in claim):
        return None
    mine = _places(claim_text, claim, _LOCATED | _BE)
    if len(mine) != 1 or not mine[0][0]:
        return None
    country, words, a, b = mine[0]
    verb = max(k for k, (w, s, _) in enumerate(claim) if w == "in" and s < a) - 1  # "is", "located"
    subject = [w for w, _, _ in claim[:verb] if w not in STOP and w not in _BE]
    sent_stems = {stem(w) for w, _, _ in sent}
    if not subject or not all(stem(w) in sent_stems for w in subject):
        return None
    theirs = _places(sentence, sent, _LOCATED)
    if len(theirs) != 1 or not theirs[0][0] or theirs[0][0] == country:
        return None
    return Contrast("entity", a, b, words, theirs[0][1], sentence)
