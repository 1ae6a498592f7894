"""Build the word lists the reference-string CRF looks words up in (given names, family names, places).

AnyStyle's features ask whether a word is a known name or place; a word the training strings
never showed ("Mathilde", "Rugginente") is then still recognised. The lists come from Faker's
person and address providers (MIT licence, Daniele Faraglia; the notice is shipped beside the
list as LICENSE-faker.txt): every Latin-script first name, last name, city, country and state or
region of every locale, lower-cased. Faker is needed here only (pip install faker), never at run
time: the list is written into the package (src/citecheck/references/wordlists.txt.gz).

Usage: python bench/build_name_lists.py
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "citecheck" / "references" / "wordlists.txt.gz"
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'\- ]{2,40}")
KINDS = {
    "given": ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"),
    "family": ("last_names", "last_names_male", "last_names_female"),
    "place": ("cities", "city_names", "real_city_names", "countries", "states", "provinces", "regions",
              "region_names", "towns"),
}


def _values(value: object) -> list[str]:
    if isinstance(value, dict):
        value = list(value.keys())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v for v in value if isinstance(v, str)]
    return []


def collect() -> dict[str, set[str]]:
    import faker.providers.address as address
    import faker.providers.person as person

    words: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for package in (person, address):
        for module in pkgutil.iter_modules(package.__path__):
            provider = importlib.import_module(f"{package.__name__}.{module.name}").Provider
            for kind, attrs in KINDS.items():
                for attr in attrs:
                    for value in _values(getattr(provider, attr, None)):
                        if _LATIN.fullmatch(value):
                            # Multi-word places ("New York") are looked up word by word.
                            for part in value.lower().split() if kind == "place" else [value.lower()]:
                                if len(part) > 2:
                                    words[kind].add(part)
    return words


def main() -> int:
    try:
        words = collect()
    except ImportError:
        print("skipped: Faker is not installed (pip install faker)")
        return 0
    lines = sorted(f"{kind}\t{word}" for kind, found in words.items() for word in found)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")
    counts = ", ".join(f"{len(found)} {kind}" for kind, found in words.items())
    print(f"wrote {OUT} ({counts}; {OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
