"""The people of a reference's author or editor string: family and given names in any order
("Family, Given", "Given Family", Vancouver "Family GG"), corporate authors kept whole.
"""

from __future__ import annotations

import re

from citecheck.model import Person

__all__ = ["organisation_name", "split_persons"]


# A part of a name list that is only initials: "C.", "J. R.", "D.I.", "J.-P.", "JJ", "OA".
_INITIALS_RE = re.compile(r"^(?:(?:[A-Z]|Th|Ch|Ph|Sh)\.?[\s-]*){1,4}$")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "ten", "ter",
              "dos", "das", "des", "bin", "ibn", "al", "el", "zu"}
_CORPORATE = re.compile(
    r"\b(?:Organi[sz]ation|Association|Institute|Institution|Department|Office|University|Council|Agency"
    r"|Society|Committee|Bureau|Ministry|Foundation|Commission|Center|Centre|Group|Board|Service|Press"
    r"|Inc|Ltd|Company|Corporation|Administration|Museum|Library|Archives?|Project|Network|Union|Bank"
    r"|Fund|Authority|Trust|Party|Government|Nations|Team|Consortium|Academy|School|College|Times|News)\b"
)


# The small words inside a group author's name ("Centers for Disease Control and Prevention",
# "Department of Health and Human Services"); not name particles, so "Simone de Beauvoir and
# Jean-Paul Sartre" stays two people.
_GROUP_SMALL = {"for", "of", "on", "the", "in", "to", "at", "and", "&"}
_PLURAL_CORPORATE = re.compile(r"\b(?:Centers|Centres|Institutes|Academies|Services|Affairs|Sciences|Studies"
                               r"|Nations|States|Relations|Resources|Statistics)\b")


def _group_name(s: str) -> bool:
    """Whether a whole author string that looks like a list is one group author.

    Every word is capitalised or one of the small words of such names, and no part of the list
    (split at commas and "and") has a person's shape: initials ("J.", "J. Smith", "Smith JJ"), a
    known given name opening a short name ("Raymond Siever") or, after a comma, standing alone
    ("Smith, John"). Then the string is one organisation when it names one: with a comma it needs
    a word that names an organisation ("National Academies of Sciences, Engineering, and
    Medicine"; "U.S. Department of Health and Human Services, Centers for Disease Control and
    Prevention"); without, a small word besides "and" will do ("Centers for Disease Control and
    Prevention"; "Prevention" alone names none)."""
    words = s.split()
    if len(words) < 3 or ";" in s:
        return False
    parts = [p for p in _LIST_SPLIT_RE.split(s) if p]
    if len(parts) < 2 or not all(w[:1].isupper() or w in _GROUP_SMALL for w in words):
        return False
    if any(_person_shaped(p, after_comma="," in s) for p in parts):
        return False
    organisation = bool(_CORPORATE.search(s) or _PLURAL_CORPORATE.search(s))
    if "," in s:
        return organisation
    return organisation or bool(set(words) & (_GROUP_SMALL - {"and", "&"}))


def organisation_name(s: str) -> bool:
    """Whether ``s`` reads as an organisation's name: two words or more, every one capitalised or
    a small word of such names, one of them a word that names an organisation ("National
    Academies of Sciences, Engineering, and Medicine", "World Health Organization"; "Reproducibility
    and Replicability in Science" is none)."""
    words = s.replace(",", " ").split()
    return len(words) >= 2 and all(w[:1].isupper() or w in _GROUP_SMALL for w in words) \
        and bool(_CORPORATE.search(s) or _PLURAL_CORPORATE.search(s))


# Where a list of names splits: commas, "and", "&" ("Smith, J., Jones, K., & Lee, M.").
_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")


def _person_shaped(part: str, after_comma: bool) -> bool:
    """A part of a name list that reads as (part of) a person's name: initials, "J. Smith",
    "Smith JJ" ("U.S. Department of Health" is none), "Raymond Siever" (a known given name opening two or three words, none of them
    a word of organisations' names) or, in a comma list, a lone given name ("Smith, John")."""
    from citecheck.references.features import given_name

    words = part.split()
    if _is_initials(part):
        return True
    if not _CORPORATE.search(part) and any(_is_initials(w) and ("." in w or len(w) == 1 or i == len(words) - 1)
                                           for i, w in enumerate(words)):
        return True  # "J. Smith", "J Smith", "Smith JJ"; not the acronym in "APA Publications"
    if 2 <= len(words) <= 3 and given_name(words[0]) and not _CORPORATE.search(part) \
            and not set(words) & _GROUP_SMALL:
        return True
    return after_comma and len(words) == 1 and given_name(words[0]) and not _CORPORATE.search(part)


def _is_initials(part: str) -> bool:
    return bool(_INITIALS_RE.match(part.strip()))


def _person(family: str, given: str, raw: str) -> Person:
    from citecheck.library import fold_name

    family = family.strip(" ,.;:*_") if not re.search(r"\b[A-Z]\.$", family) else family.strip(" ,;:*_")
    return Person(raw=raw.strip(), last=family, folded=fold_name(family), given=given.strip(" ,;"))


def _natural(part: str) -> Person:
    """ "Gregory L. Freeze", "S. E. Han", "Ludwig van Beethoven", "Pérez-Higueras JJ", "Heidegger M." """
    words = [w for w in part.split() if w.lower().strip(",") not in _SUFFIXES]
    if not words:
        return _person(part, "", part)
    if _CORPORATE.search(part) or len(words) > 4:
        return _person(" ".join(words), "", part)
    if len(words) > 1 and _is_initials(words[-1]) and not _is_initials(words[0]):
        # Vancouver order: family first, initials last.
        tail = len(words) - 1
        while tail > 1 and _is_initials(words[tail - 1]):
            tail -= 1
        return _person(" ".join(words[:tail]), " ".join(words[tail:]), part)
    start = len(words) - 1
    for i, w in enumerate(words[:-1]):
        if i > 0 and w.lower() in _PARTICLES:
            start = i
            break
    return _person(" ".join(words[start:]), " ".join(words[:start]), part)


def split_persons(text: str) -> list[Person]:
    """The people of an author or editor string, in order, with family and given names.

    Handles "Family, Given", "Family, G. G.", "Given Family", "G. Family", "Family GG" (Vancouver)
    and their mixtures ("Lee, L. L., W. E. Howard, and R. E. Marsh"); "et al.", "(Ed.)", "eds.",
    "edited by", "In" are dropped.
    """
    s = " ".join(text.replace("*", " ").split())
    s = re.sub(r"^(?:in:?|by|edited\s+by|ed\.\s+by|eds?\.|trans(?:lated)?\.?(?:\s+by)?|directed\s+by)\s+",
               "", s, flags=re.IGNORECASE)
    s = re.sub(r"[(\[]\s*(?:eds?|editors?|hrsg|hg|coord|dir|trans|comp)s?\.?\s*[)\]]", "", s, flags=re.IGNORECASE)
    s = re.sub(r",?\s*\b(?:eds?|editors?|hrsg|hg|trans|comps?)\.?(?=\s*[,.;:]?\s*$)", "", s, flags=re.IGNORECASE)
    s = re.sub(r",?\s*\bet\s+al\b\.?|,?\s*\band\s+others\b|,?\s*\bu\.\s*a\.", "", s, flags=re.IGNORECASE)
    s = re.sub(r"[(\[]?\b(1[5-9]\d\d|20\d\d)[a-z]?\b[)\]]?", "", s)
    s = s.strip(" ,;:")
    if s.endswith(".") and not re.search(r"(?:^|[\s.-])[A-Z][a-z]?\.$", s):
        s = s[:-1].strip(" ,;:")
    if not s:
        return []
    if _group_name(s):
        return [_person(s, "", s)]  # "Centers for Disease Control and Prevention": one author
    chunks = re.split(r"\s*;\s*|\s*,?\s+(?:and|&|und|y|e)\s+|\s*,?\s*&\s*", s)
    people: list[Person] = []
    for chunk in chunks:
        parts = [p.strip() for p in chunk.split(",") if p.strip() and p.strip().lower() not in _SUFFIXES]
        i = 0
        while i < len(parts):
            part = parts[i]
            words = part.split()
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            if len(words) == 1 and not _is_initials(part) and nxt is not None and not re.search(r"\d", nxt) \
                    and (_is_initials(nxt) or len(nxt.split()) <= 3 and not _CORPORATE.search(nxt)):
                people.append(_person(part, nxt, part + ", " + nxt))  # "Family, Given"
                i += 2
                continue
            if len(words) > 1 and words[0].lower() in _PARTICLES and nxt is not None and _is_initials(nxt):
                people.append(_person(part, nxt, part + ", " + nxt))  # "van Dijk, T. A."
                i += 2
                continue
            if _is_initials(part) and people and not people[-1].given:
                prev = people[-1]
                people[-1] = Person(prev.raw + ", " + part, prev.last, prev.folded, part)
                i += 1
                continue
            people.append(_natural(part))
            i += 1
    return [p for p in people if p.last]
