"""Reference existence: detection and false-positive rates on a library of real and fabricated entries.

The library (built at run time from bench/references_data.py, >= 150 entries) holds every real
work below, written the way real .bib files write them (sentence-case or lower-case titles, left-out
subtitles, initials, "&", journal abbreviations, only the first author, doi.org URLs, original
years with a later edition's ISBN, no identifier at all), plus more than a third of entries that
are fabricated or garbled in the ways the issue names. Each entry is labelled with its kind.

The indexes are local servers (tests/index_servers.py) that answer in Crossref's, OpenAlex's and
Open Library's documented JSON shapes from the same facts, and really search for bibliographic
queries. Those answers are written by us from the facts, not captured from the live APIs (there is
no network here): the bench measures citecheck's matching and decisions, not the live indexes'
coverage. `citecheck bib check` (check_bib) runs on the library exactly as a user would run it.

The entries are split into halves by a hash of their key; both halves are reported (nothing was
tuned on either: the thresholds were set before this bench existed, on the unit tests' cases).

    PYTHONPATH=src .venv/bin/python bench/references_exist.py
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from index_servers import IndexServers, IndexSite, Work
from references_data import BOOKS, ISSNS, PAPERS, RETRACTED

from citecheck.config import Config
from citecheck.references.bib import check_bib

ABBREVIATIONS = {
    "Physical Review Letters": "Phys. Rev. Lett.", "Physical Review": "Phys. Rev.",
    "Proceedings of the National Academy of Sciences": "Proc. Natl. Acad. Sci. U.S.A.",
    "Communications of the ACM": "Commun. ACM", "Journal of Molecular Biology": "J. Mol. Biol.",
    "The Journal of Chemical Physics": "J. Chem. Phys.", "The Annals of Statistics": "Ann. Statist.",
    "Journal of the American Statistical Association": "J. Amer. Statist. Assoc.",
    "IEEE Transactions on Information Theory": "IEEE Trans. Inf. Theory",
}
FAKE_SURNAMES = ["Varnholt", "Quillane", "Dusenberry", "Okafor-Lindqvist", "Ravensworth", "Tamblyn", "Hrabowska",
                 "Celestine", "Marbury", "Ostrowe", "Pennywhistle", "Zaldivar-Kroon"]
FAKE_GIVEN = ["Elena", "Marcus", "Priya", "Tobias", "Ingrid", "Samuel", "Noor", "Felix"]
FAKE_TOPICS = ["Adaptive Resonance in Cortical Microcircuits", "Latent Market Frictions in Emerging Economies",
               "Quantum Coherence in Photosynthetic Bacteria at Room Temperature",
               "A Unified Theory of Coastal Sediment Transport", "Neural Correlates of Moral Hesitation",
               "Graph Transformers for Protein Folding Dynamics", "Microplastics and Soil Nitrogen Cycling",
               "Recursive Self-Improvement in Language Agents", "Urban Heat Islands and Childhood Asthma",
               "Topological Invariants of Social Contagion", "The Political Economy of Lighthouse Finance",
               "Cryogenic Memory for Exascale Computing", "Gut Microbiota and Chess Performance",
               "Stochastic Thermodynamics of Bacterial Swarms", "Dark Matter Signatures in Pulsar Timing Arrays",
               "Behavioral Priming Effects on Voting Turnout"]


@dataclass
class Entry:
    key: str
    kind: str  # real | retracted | a garbling kind
    expected: str  # the rule that should fire ("" for real entries: none should)
    bib: str


def _people(names: str) -> list[tuple[str, str]]:
    out = []
    for name in names.split("; "):
        parts = name.rsplit(" ", 1)
        out.append((parts[0], parts[1]) if len(parts) == 2 else ("", parts[0]))
    return out


def _latex(text: str) -> str:
    table = {"ü": '{\\"u}', "ö": '{\\"o}', "ä": '{\\"a}', "é": "{\\'e}", "á": "{\\'a}", "ó": "{\\'o}",
             "Ö": '{\\"O}', "Ü": '{\\"U}'}
    return "".join(table.get(ch, ch) for ch in text)


def _author_field(people: list[tuple[str, str]], *, initials: bool = False, first_only: bool = False) -> str:
    chosen = people[:1] if first_only else people
    names = []
    for given, family in chosen:
        if not given:
            names.append("{" + _latex(family) + "}")
            continue
        if initials:
            given = " ".join(p[0] + "." for p in re.split(r"[\s.]+", given) if p)
        names.append(f"{_latex(family)}, {_latex(given)}")
    if first_only and len(people) > 1:
        names.append("others")
    return " and ".join(names)


def _entry(kind: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{kind}{{{key},\n{body},\n}}\n"


def build(seed: int = 13) -> tuple[list[Work], list[Entry]]:
    rng = random.Random(seed)
    works: list[Work] = []
    entries: list[Entry] = []
    papers = [(p, False) for p in PAPERS] + [(p, True) for p in RETRACTED]
    for i, ((key, names, title, subtitle, year, journal, volume, issue, pages, doi), retracted) in enumerate(papers):
        people = _people(names)
        works.append(Work(title, people, year, doi=doi, subtitle=subtitle, container=journal, volume=volume,
                          issue=issue, pages=pages, retracted=retracted,
                          # index-side noise: old records in capitals, OpenAlex dating the online version
                          index_title=title.upper() if i % 11 == 3 else "",
                          openalex_year=year + 1 if i % 13 == 5 else None))
        shown = title if (not subtitle or i % 7 == 2) else f"{title}: {subtitle}"
        if i % 5 == 1:
            shown = shown.lower()
        if i % 9 == 4:
            shown = shown.replace(" and ", " & ")
        fields = {
            "author": _author_field(people, initials=i % 4 == 3, first_only=i % 10 == 6),
            "title": _latex(shown), "journal": ABBREVIATIONS.get(journal, journal) if i % 8 == 5 else journal,
            "volume": volume, "number": issue, "pages": pages.replace("-", "--"), "year": str(year)}
        if i % 6 != 0:
            fields["doi" if i % 12 != 7 else "url"] = doi if i % 12 != 7 else f"https://doi.org/{doi}"
        entries.append(Entry(key, "retracted" if retracted else "real", "reference-retracted" if retracted else "",
                             _entry("article", key, fields)))
    for i, (_key, names, title, subtitle, edition_year, first_year, publisher, isbn) in enumerate(BOOKS):
        people = _people(names)
        digits = isbn.replace("-", "")
        from stdnum import isbn as isbn_mod

        works.append(Work(title, people, edition_year, isbns=[isbn_mod.to_isbn13(digits)], subtitle=subtitle,
                          kind="book", publisher=publisher, first_year=first_year, isbn_known=i % 10 != 9))
        shown = title if (not subtitle or i % 7 == 3) else f"{title}: {subtitle}"
        fields = {"author": _author_field(people, initials=i % 4 == 2), "title": _latex(shown),
                  "publisher": publisher, "year": str(first_year if i % 3 == 0 else edition_year)}
        if i % 4 != 1:
            fields["isbn"] = isbn if i % 5 != 2 else isbn_mod.format(isbn_mod.to_isbn13(digits))
        entries.append(Entry(_key, "real", "", _entry("book", _key, fields)))

    # Real entries that are hard on purpose: a translated title with no translator field, the year
    # a paper is usually cited with (not Crossref's issue year), a book's original year and no ISBN.
    entries.append(Entry("einstein1905en", "real", "", _entry("article", "einstein1905en", {
        "author": "Einstein, Albert", "title": "On the Electrodynamics of Moving Bodies",
        "journal": "Annalen der Physik", "volume": "322", "pages": "891--921", "year": "1905",
        "doi": "10.1002/andp.19053221004"})))
    entries.append(Entry("turing1936", "real", "", _entry("article", "turing1936", {
        "author": "Turing, Alan M.", "title": "On Computable Numbers, with an Application to the Entscheidungsproblem",
        "journal": "Proceedings of the London Mathematical Society", "volume": "s2-42", "pages": "230--265",
        "year": "1936"})))
    entries.append(Entry("kuhn1962", "real", "", _entry("book", "kuhn1962", {
        "author": "Kuhn, Thomas S.", "title": "The Structure of Scientific Revolutions",
        "publisher": "University of Chicago Press", "year": "1962"})))
    entries.append(Entry("axelrod1984", "real", "", _entry("book", "axelrod1984", {
        "author": "Axelrod, Robert", "title": "The Evolution of Cooperation", "publisher": "Basic Books",
        "year": "1984"})))
    # Distractors only the index holds: same or similar titles, other works.
    works.append(Work("The Evolution of Cooperation", [("Robert", "Axelrod")], 1984, kind="book",
                      publisher="Basic Books", first_year=1984, in_crossref=False, in_openalex=False))
    works.append(Work("Deep Learning", [("Ian", "Goodfellow"), ("Yoshua", "Bengio"), ("Aaron", "Courville")], 2016,
                      doi="", kind="book", in_crossref=False, in_openlibrary=False))
    plain = list(PAPERS)
    fake_n = 0

    def fake_person() -> str:
        return f"{rng.choice(FAKE_SURNAMES)}, {rng.choice(FAKE_GIVEN)}"

    def fake_title() -> str:
        nonlocal fake_n
        fake_n += 1
        return FAKE_TOPICS[fake_n % len(FAKE_TOPICS)] + ("" if fake_n < len(FAKE_TOPICS) else f" {fake_n}")

    def paper_fields(p: tuple, **over: str) -> dict[str, str]:
        _key, names, title, subtitle, year, journal, volume, issue, pages, doi = p
        fields = {"author": _author_field(_people(names)), "title": _latex(f"{title}: {subtitle}" if subtitle else title),
                  "journal": journal, "volume": volume, "number": issue, "pages": pages.replace("-", "--"),
                  "year": str(year), "doi": doi}
        fields.update(over)
        return fields

    def add(kind: str, expected: str, entry_type: str, fields: dict[str, str]) -> None:
        key = f"{kind}{len(entries)}"
        entries.append(Entry(key, kind, expected, _entry(entry_type, key, fields)))

    for _ in range(16):  # a real work's title and authors with another real work's DOI
        a, b = rng.sample(plain, 2)
        add("doi-of-another-work", "reference-identifier-mismatch", "article", paper_fields(b, doi=a[9]))
    for _ in range(8):
        a, b = rng.sample(BOOKS, 2)
        add("isbn-of-another-book", "reference-identifier-mismatch", "book",
            {"author": _author_field(_people(b[1])), "title": b[2], "publisher": b[6], "year": str(b[4]),
             "isbn": a[7]})
    for _ in range(8):  # an invented work with a real DOI
        a = rng.choice(plain)
        add("fabricated-real-doi", "reference-identifier-mismatch", "article",
            {"author": fake_person(), "title": fake_title(), "journal": a[5], "volume": a[6], "year": str(a[4]),
             "doi": a[9]})
    for n in range(10):  # invented, no identifier
        kind = "book" if n % 3 == 0 else "article"
        fields = {"author": f"{fake_person()} and {fake_person()}", "title": fake_title(), "year": str(2010 + n)}
        fields.update({"publisher": "Academic Press"} if kind == "book" else {"journal": rng.choice(plain)[5],
                                                                               "volume": str(10 + n), "pages": "1--20"})
        add("fabricated-no-id", "reference-not-found", kind, fields)
    for n in range(6):  # invented, with an unregistered DOI
        add("fabricated-fake-doi", "reference-not-found", "article",
            {"author": fake_person(), "title": fake_title(), "journal": "Nature", "volume": str(600 + n),
             "pages": f"{100 + n}--{110 + n}", "year": "2022", "doi": f"10.1038/s41586-022-{rng.randint(10000, 99999)}-x"})
    for _ in range(7):
        p = rng.choice(plain)
        add("wrong-year", "reference-metadata-mismatch", "article",
            paper_fields(p, year=str(p[4] + rng.choice([-9, -6, -4, -3, 3, 5, 8]))))
    for _ in range(6):
        p = rng.choice([q for q in plain if re.match(r"\d+-\d+$", q[8])])
        first, last = (int(x) for x in p[8].split("-"))
        shift = rng.choice([100, 200, 37])
        add("wrong-pages", "reference-metadata-mismatch", "article",
            paper_fields(p, pages=f"{first + shift}--{last + shift}"))
    for _ in range(4):
        p = rng.choice([q for q in plain if q[6].isdigit()])
        add("wrong-volume", "reference-metadata-mismatch", "article", paper_fields(p, volume=str(int(p[6]) + 7)))
    for _ in range(4):  # the title changed, authors and DOI kept
        p = rng.choice([q for q in plain if len(q[2].split()) >= 4])
        words = p[2].split()
        garbled = " ".join(words[:2]) + " " + rng.choice(FAKE_TOPICS).lower()
        add("garbled-title", "reference-metadata-mismatch", "article", paper_fields(p, title=garbled))
    for _ in range(3):  # a real work whose DOI has a wrong digit: registered nowhere
        p = rng.choice(plain)
        bad = re.sub(r"(\d)(?=\D*$)", lambda m: str((int(m.group(1)) + 3) % 10), p[9], count=1)
        add("unregistered-doi", "reference-metadata-mismatch", "article", paper_fields(p, doi=bad))
    for breaker in (lambda d: d.removeprefix("10."), lambda d: d.replace("/", " / ", 1),
                    lambda d: "10.abc/" + d.split("/", 1)[1], lambda d: d.split("/", 1)[0] + "/"):
        p = rng.choice(plain)
        add("doi-invalid", "doi-invalid", "article", paper_fields(p, doi=breaker(p[9])))
    for _ in range(5):
        b = rng.choice(BOOKS)
        digits = b[7].replace("-", "")
        last = digits[-1]
        wrong = "0" if last in "Xx" else str((int(last) + 1) % 10)
        add("isbn-invalid", "isbn-invalid", "book",
            {"author": _author_field(_people(b[1])), "title": b[2], "publisher": b[6], "year": str(b[4]),
             "isbn": digits[:-1] + wrong})
    for journal, issn in list(ISSNS.items()):
        p = next(q for q in plain if q[5] == journal)
        wrong = issn[:-1] + ("0" if issn[-1] in "Xx" else str((int(issn[-1]) + 1) % 10))
        add("issn-invalid", "issn-invalid", "article", paper_fields(p, issn=wrong))
    return works, entries


def half(key: str) -> str:
    return "A" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "B"


REFERENCE_RULES = ("reference-not-found", "reference-identifier-mismatch", "reference-metadata-mismatch",
                   "doi-invalid", "isbn-invalid", "issn-invalid")


def main() -> None:
    works, entries = build()
    site = IndexSite(works)
    servers = IndexServers(site)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            bib = Path(tmp) / "library.bib"
            bib.write_text("\n".join(e.bib for e in entries), encoding="utf-8")
            config = Config()
            config.values.update(servers.config_values())
            config.values.update({"cache-dir": str(Path(tmp) / "cache"), "fail-on": "never"})
            started = time.monotonic()
            result = check_bib([bib], config)
            elapsed = time.monotonic() - started
            fired: dict[str, set[str]] = defaultdict(set)
            for lib in result.report.libraries:
                for finding in lib.findings:
                    if finding.source:
                        fired[finding.source].add(finding.rule)
            verdicts = {o.ref.key: o.verdict for o in result.outcomes}
            requests = servers.hits()
    finally:
        servers.close()

    garbled = [e for e in entries if e.kind not in ("real", "retracted")]
    print(f"library: {len(entries)} entries ({len(entries) - len(garbled)} real incl. "
          f"{sum(e.kind == 'retracted' for e in entries)} retracted, {len(garbled)} fabricated or garbled = "
          f"{len(garbled) / len(entries):.0%}); {requests} requests to the local indexes; {elapsed:.1f} s\n")

    print("Detection per kind (the expected rule fires on the entry)\n")
    print("| kind | expected rule | half A | half B | all | other rules fired |")
    print("|---|---|---|---|---|---|")
    kinds: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.kind != "real":
            kinds[e.kind].append(e)
    for kind, group in kinds.items():
        def rate(items: list[Entry]) -> str:
            if not items:
                return "–"
            hit = sum(1 for e in items if e.expected in fired.get(e.key, set()))
            return f"{hit}/{len(items)} ({hit / len(items):.0%})"
        others = Counter(r for e in group for r in fired.get(e.key, set())
                         if r != e.expected and r in REFERENCE_RULES)
        shown = ", ".join(f"{r} ×{n}" for r, n in sorted(others.items())) or "none"
        print(f"| {kind} | {group[0].expected} | {rate([e for e in group if half(e.key) == 'A'])} | "
              f"{rate([e for e in group if half(e.key) == 'B'])} | {rate(group)} | {shown} |")

    print("\nFalse positives on real entries (a rule that says the entry is wrong)\n")
    print("| rule | half A | half B | all |")
    print("|---|---|---|---|")
    real = [e for e in entries if e.kind in ("real", "retracted")]
    for rule in (*REFERENCE_RULES, "any of these"):
        def fp(items: list[Entry], rule: str = rule) -> str:
            bad = [e for e in items if (fired.get(e.key, set()) & set(REFERENCE_RULES) if rule == "any of these"
                                        else rule in fired.get(e.key, set()))]
            return f"{len(bad)}/{len(items)} ({len(bad) / len(items):.1%})"
        print(f"| {rule} | {fp([e for e in real if half(e.key) == 'A'])} | "
              f"{fp([e for e in real if half(e.key) == 'B'])} | {fp(real)} |")
    unverified = [e.key for e in real if verdicts.get(e.key) == "unverified"]
    print(f"\nreal entries left unverified (reference-unverified, info): {len(unverified)}"
          + (f" ({', '.join(unverified[:8])})" if unverified else ""))
    wrong = [(e.key, sorted(fired.get(e.key, set()) & set(REFERENCE_RULES))) for e in real
             if fired.get(e.key, set()) & set(REFERENCE_RULES)]
    if wrong:
        print("false positives:", wrong)
    missed = [(e.key, e.kind, verdicts.get(e.key), sorted(fired.get(e.key, set()))) for e in garbled
              if e.expected not in fired.get(e.key, set())]
    if missed:
        print("missed:", missed)


if __name__ == "__main__":
    main()
