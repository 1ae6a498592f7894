"""Countries named in a text, by name or by demonym: the gazetteer behind "another country in the
claim's place" (:func:`citecheck.evidence.contrast_slots.other_country`).

Country names are CLDR's English territory names (Babel's locale data), less the territories that
belong to another country or join several (islands, "&" pairs, SARs, "Outlying …", unions), so
two names never overlap. A demonym is a capitalised word with a demonym ending ("Chinese",
"Canadian", "Norwegian") that shares all but its last three letters with one country's name, or
one of the irregular ones below ("French", "Dutch", "Thai").
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["countries_in", "country_named"]

# Demonyms no shared prefix links to their country.
_IRREGULAR = {
    "french": "France", "spanish": "Spain", "dutch": "Netherlands", "welsh": "United Kingdom",
    "swiss": "Switzerland", "danish": "Denmark", "finnish": "Finland", "polish": "Poland",
    "turkish": "Turkey", "greek": "Greece", "irish": "Ireland", "scottish": "United Kingdom",
    "english": "United Kingdom", "british": "United Kingdom", "filipino": "Philippines", "thai": "Thailand",
    "american": "United States", "swedish": "Sweden", "norwegian": "Norway", "icelandic": "Iceland",
    "peruvian": "Peru", "portuguese": "Portugal", "argentine": "Argentina", "argentinian": "Argentina",
}
# Other common names of a country, as people write them.
_ALIASES = {"america": "United States", "usa": "United States", "u.s.": "United States",
            "britain": "United Kingdom", "great britain": "United Kingdom", "uk": "United Kingdom",
            "england": "United Kingdom", "scotland": "United Kingdom", "wales": "United Kingdom",
            "holland": "Netherlands", "burma": "Myanmar (Burma)"}
_DEMONYM_END = re.compile(r"(?:ish|ese|ian|ean|an|ic|i|ine)$")
# Territories that belong to a country or join several: never "another country" for either.
_NOT_A_COUNTRY = re.compile(r"Island|&|\bSAR\b|Territor|Outlying|Union|Nations|U\.S\.|\bSt\.|Samoa|Guiana|"
                            r"Polynesia|Caledonia|Greenland|Puerto Rico|Guam|Bermuda|Gibraltar|Jersey|Guernsey|"
                            r"Réunion|Martinique|Guadeloupe|Mayotte|Aruba|Curaçao|Sint Maarten|Montserrat|"
                            r"Anguilla|Macao|Hong Kong|Kosovo|Western Sahara|Diego Garcia|Canary|Ceuta|Svalbard|"
                            r"Tristan|Pitcairn|Niue|Tokelau|Isle of Man|Antarctica|Caribbean Netherlands|Congo|"
                            # a US state or a person's name as often as a country
                            r"Georgia|Jordan|Chad")


@cache
def _names() -> dict[str, str]:
    """Lower-cased name or alias → the country's name."""
    from babel import Locale

    out = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and not _NOT_A_COUNTRY.search(name):
            out[name.casefold()] = name
            bare = re.sub(r"\s*\(.*\)", "", name)
            out.setdefault(bare.casefold(), name)
    out.update(_ALIASES)
    return out


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted(_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE)


def country_named(text: str) -> str | None:
    """The country ``text`` names (a name, an alias or a demonym), or None."""
    folded = " ".join(text.split()).casefold().removeprefix("the ")
    hit = _names().get(folded)
    if hit is not None:
        return hit
    return _demonym(folded) if " " not in folded else None


@cache
def _demonym(word: str) -> str | None:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) < 5 or not _DEMONYM_END.search(word):
        return None
    # The longest shared beginning wins (Australian: Australia, not Austria); a word shorter than
    # the name is no demonym of it (Roman, Romania).
    scored = sorted(((_common(key, word), name) for key, name in _names().items()
                     if " " not in key and len(key) >= 4 and len(key) - 1 <= len(word) <= len(key) + 4),
                    reverse=True)
    if not scored or scored[0][0] < max(4, len(scored[0][1]) - 3):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def countries_in(text: str) -> list[tuple[str, str]]:
    """Every country ``text`` names, in order: (the words as written, the country)."""
    out = []
    for m in _pattern().finditer(text):
        if m.group()[0].isupper():
            out.append((m.group(), _names()[m.group().casefold()]))
    for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        country = _demonym(m.group().casefold())
        if country is not None and m.group().casefold() not in _names():
            out.append((m.group(), country))
    return out
