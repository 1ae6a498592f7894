"""Reference strings in the styles students write (MLA 9, APA 7, Chicago notes-bibliography and
author-date, Harvard, IEEE, Vancouver), made at run time from the bibliographic facts in
bench/references_data.py.

AnyStyle's core.xml has few entries in these styles, so bench/references.py also scores the parser
on these strings (the model never saw them). ``styled()`` formats every work in two styles chosen
by a fixed seed; each string comes with AnyStyle-tagged fields and with the work's facts (the gold
side of the score: first author's family name, full title, year, container, volume, pages).

Adding them to the training part was measured (4-fold CV inside AnyStyle's training part, 2 Dec
2026): token accuracy 0.9225 -> 0.9240 but title F1 0.878 -> 0.868, so the shipped model does not
train on them.
"""

from __future__ import annotations

import random

from references_data import BOOKS, PAPERS, RETRACTED

Field = tuple[str, str]  # (AnyStyle tag, text)


def _people(authors: str) -> list[tuple[str, str]]:
    out = []
    for name in authors.split("; "):
        parts = name.split()
        out.append((" ".join(parts[:-1]), parts[-1]))
    return out


def _initials(given: str, spaced: bool = True, dots: bool = True) -> str:
    letters = [w[0] for w in given.replace("-", " ").split()]
    if not dots:
        return "".join(letters)
    return (" " if spaced else "").join(f"{c}." for c in letters)


def _join(names: list[str], two: str, many: str) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}{two}{names[1]}"
    return ", ".join(names[:-1]) + many + names[-1]


def _authors(style: str, people: list[tuple[str, str]]) -> str:
    if style == "apa":
        return _join([f"{f}, {_initials(g)}" for g, f in people], ", & ", ", & ")
    if style in ("mla", "chicago", "chicago-ad"):
        first = f"{people[0][1]}, {people[0][0]}"
        if len(people) >= 3 and style == "mla":
            return first + ", et al."
        rest = [f"{g} {f}" for g, f in people[1:]]
        return _join([first, *rest], ", and ", ", and ")
    if style == "harvard":
        return _join([f"{f}, {_initials(g, spaced=False)}" for g, f in people], " and ", " and ")
    if style == "ieee":
        return _join([f"{_initials(g)} {f}" for g, f in people], " and ", ", and ")
    return ", ".join(f"{f} {_initials(g, dots=False)}" for g, f in people)  # vancouver


def _end(text: str, mark: str = ".") -> str:
    return text if text.endswith((".", "?", "!")) else text + mark


def paper(style: str, work: tuple) -> list[Field]:
    _, authors, title, subtitle, year, journal, volume, issue, pages, doi = work
    full = f"{title}: {subtitle}" if subtitle else title
    names = _authors(style, _people(authors))
    pp = pages.replace("-", "–")
    if style == "apa":
        return [("author", _end(names)), ("date", f"({year})."), ("title", _end(full)), ("journal", journal + ","),
                ("volume", f"{volume}({issue}),"), ("pages", pp + "."), ("url", f"https://doi.org/{doi}")]
    if style == "mla":
        return [("author", _end(names)), ("title", f"“{_end(full)}”"), ("journal", journal + ","),
                ("volume", f"vol. {volume}, no. {issue},"), ("date", f"{year},"), ("pages", f"pp. {pp}."),
                ("url", f"https://doi.org/{doi}.")]
    if style == "chicago":
        return [("author", _end(names)), ("title", f"“{_end(full)}”"), ("journal", journal),
                ("volume", f"{volume}, no. {issue}"), ("date", f"({year}):"), ("pages", pp + "."),
                ("url", f"https://doi.org/{doi}.")]
    if style == "chicago-ad":
        return [("author", _end(names)), ("date", f"{year}."), ("title", f"“{_end(full)}”"), ("journal", journal),
                ("volume", f"{volume} ({issue}):"), ("pages", pp + "."), ("url", f"https://doi.org/{doi}.")]
    if style == "harvard":
        return [("author", names), ("date", f"({year})"), ("title", f"‘{full}’,"), ("journal", journal + ","),
                ("volume", f"{volume}({issue}),"), ("pages", f"pp. {pp}."), ("doi", f"doi:{doi}.")]
    if style == "ieee":
        return [("author", names + ","), ("title", f"“{full},”"), ("journal", journal + ","),
                ("volume", f"vol. {volume}, no. {issue},"), ("pages", f"pp. {pp},"), ("date", f"{year}.")]
    return [("author", _end(names)), ("title", _end(full)), ("journal", _end(journal)),
            ("date", f"{year};{volume}({issue}):{pages}.")]  # vancouver


def book(style: str, work: tuple) -> list[Field]:
    _, authors, title, subtitle, year, _first, publisher, _isbn = work
    full = f"{title}: {subtitle}" if subtitle else title
    names = _authors(style, _people(authors))
    if style == "apa":
        return [("author", _end(names)), ("date", f"({year})."), ("title", _end(full)), ("publisher", publisher + ".")]
    if style in ("mla", "chicago"):
        return [("author", _end(names)), ("title", _end(full)), ("publisher", publisher + ","), ("date", f"{year}.")]
    if style == "chicago-ad":
        return [("author", _end(names)), ("date", f"{year}."), ("title", _end(full)), ("publisher", publisher + ".")]
    if style == "harvard":
        return [("author", names), ("date", f"({year})"), ("title", _end(full)), ("publisher", publisher + ".")]
    if style == "ieee":
        return [("author", names + ","), ("title", full + "."), ("publisher", publisher + ","), ("date", f"{year}.")]
    return [("author", _end(names)), ("title", _end(full)), ("publisher", publisher + ";"), ("date", f"{year}.")]


STYLES = ("apa", "mla", "chicago", "chicago-ad", "harvard", "ieee", "vancouver")


def facts(kind: str, work: tuple) -> dict[str, str]:
    """What a parser should find in any style: the gold side of bench/references.py's student table."""
    people = _people(work[1])
    full = f"{work[2]}: {work[3]}" if work[3] else work[2]
    out = {"first-author family": people[0][1], "title": full, "year": str(work[4])}
    if kind == "paper":
        out.update({"container": work[5], "volume": work[6], "pages": work[8]})
    return out


def styled(per_work: int = 2, seed: int = 11) -> list[tuple[str, list[str], list[Field]]]:
    """(string, one label per whitespace token, fields) for every work in ``per_work`` styles."""
    return [(text, labels, fields) for text, labels, fields, _, _ in styled_with_facts(per_work, seed)]


def styled_with_facts(per_work: int = 2, seed: int = 11) -> list[tuple[str, list[str], list[Field], str, dict[str, str]]]:
    """As ``styled``, with each string's style and the work's facts."""
    rng = random.Random(seed)
    out = []
    for kind, works in (("paper", PAPERS + RETRACTED), ("book", BOOKS)):
        for work in works:
            for style in rng.sample(STYLES, per_work):
                if kind == "paper" and not work[6]:
                    continue  # a proceedings paper without a volume: none of these patterns fits it
                fields = paper(style, work) if kind == "paper" else book(style, work)
                labels = [tag for tag, text in fields for _ in text.split()]
                out.append((" ".join(text for _, text in fields), labels, fields, style, facts(kind, work)))
    return out


if __name__ == "__main__":
    for text, _, fields in styled()[:12]:
        print(text)
