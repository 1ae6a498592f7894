"""What an essay's library knows, for the marker grammars: folded family names, titles, group authors.

MLA's author-only and title-only markers, ``(Whitcombe)`` and ``("Frozen Town")``, and APA's
abbreviated group authors count only against it (``citations.markers.scan``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from citecheck.citations.grammar import abbreviates


@dataclass(frozen=True)
class KnownWorks:
    """What the essay's library knows: folded family names and titles.

    MLA cites by name alone, ``(Whitcombe)``, and by title alone, ``("Frozen Town")``. A
    capitalised word in parentheses is far more often a place, an acronym or a gloss, so such a
    marker counts only when the library has an author of that name (or a work of that title).
    A quoted title followed by a locator, ``("Frozen Town" 12)``, counts without the library.
    """

    names: frozenset[str] = frozenset()
    titles: tuple[tuple[str, ...], ...] = ()
    # Group authors as written ("World Health Organization") with the years of their entries:
    # a narrative "WHO (2019)" stands for one of them when WHO abbreviates it and the year is one.
    groups: tuple[tuple[str, frozenset[str]], ...] = ()

    def has_name(self, name: str) -> bool:
        from citecheck.library import fold_name, strip_particles

        folded = fold_name(name)
        return folded in self.names or strip_particles(folded) in self.names

    def has_title(self, title: str) -> bool:
        want = tuple(_title_words(title))
        return bool(want) and any(t[: len(want)] == want for t in self.titles)

    @cached_property
    def folded_groups(self) -> frozenset[str]:
        """The group authors' names folded for matching."""
        from citecheck.library import fold_name

        return frozenset(fold_name(name) for name, _ in self.groups)

    def group_for(self, abbreviation: str, year: str) -> str | None:
        """The one group author that ``abbreviation`` abbreviates and that has an entry of ``year``."""
        found = {name for name, years in self.groups if year in years and abbreviates(abbreviation, name)}
        return found.pop() if len(found) == 1 else None


def _title_words(text: str) -> list[str]:
    from citecheck.library import fold_name

    words = re.findall(r"\w+", fold_name(text))
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return words


def known_works(references: object) -> KnownWorks:
    """The KnownWorks of a library's references (``Library.references.values()``)."""
    from citecheck.library import strip_particles

    names: set[str] = set()
    titles: set[tuple[str, ...]] = set()
    groups: dict[str, set[str]] = {}
    for ref in references:  # type: ignore[attr-defined]
        for person in list(ref.authors) + list(ref.editors):
            names.add(person.folded)
            names.add(strip_particles(person.folded))
            if _is_group(person):
                groups.setdefault(" ".join(person.last.split()), set()).add(str(ref.year or ""))
        words = tuple(_title_words(ref.fields.get("title", "")))
        if words:
            titles.add(words)
    return KnownWorks(frozenset(n for n in names if n), tuple(sorted(titles)),
                      tuple(sorted((name, frozenset(years)) for name, years in groups.items())))


def _is_group(person: object) -> bool:
    """A corporate author: no given name, and a name of two or more words starting with a capital."""
    last = str(getattr(person, "last", ""))
    return not getattr(person, "given", "") and len(last.split()) >= 2 and last[:1].isupper()
