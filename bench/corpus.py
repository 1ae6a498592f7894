"""Generated essays, libraries and source texts for the speed benches (bench/perf.py, bench/scaling.py).

Deterministic (seeded) English-like prose: sentences with figures, dates, names, quotations and
author-date citations, so every stage of `citecheck check` has work to do. Nothing here is
accuracy data; it only has to look like an essay to the pipeline.

    write_corpus(directory, essays=1000, words=1500, works=8, texts=4, source_words=3000)

writes ``directory/essays/essayNNNNN.md`` (Markdown, each citing ``works`` library entries),
``directory/essays/references.bib`` and ``directory/essays/sources/*.txt`` (full texts of the first
``texts`` works). Returns the essay paths.

    write_corpus(directory, essays=100, own_sources=True)

gives each essay a library and source texts of its own (``essays/libraries/essayNNNNN.bib``, named
in the essay's front matter, and ``essays/libraries/sources/essayNNNNN-workK.txt``), as in real use, where
essays cite pages no other essay cites: every source is indexed and read for one essay.
"""

from __future__ import annotations

import random
from pathlib import Path

NOUNS = ["congress", "delegates", "report", "committee", "harbour", "council", "engineer", "budget",
         "railway", "census", "election", "treaty", "factory", "archive", "museum", "parliament",
         "garrison", "university", "newspaper", "survey", "village", "province", "ministry", "court"]
VERBS = ["approved", "rejected", "reported", "estimated", "counted", "opened", "closed", "built",
         "recorded", "announced", "described", "published", "doubled", "reduced", "founded", "visited"]
ADJ = ["new", "old", "large", "secret", "public", "northern", "final", "first", "annual", "local",
       "national", "small", "famous", "official", "regional", "early"]
NAMES = ["Smith", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Castillo",
         "Kowalski", "Fischer", "Ivanova", "Mensah", "Oliveira", "Brennan", "Sato", "Dubois"]
UNITS = ["metres", "pounds", "delegates", "workers", "kilometres", "tonnes", "votes", "copies"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FILLER = ["the", "of", "and", "in", "to", "a", "that", "was", "for", "on", "with", "as", "by", "at"]


def _sentence(rng: random.Random, figures: bool = True) -> str:
    words = [rng.choice(ADJ).capitalize(), rng.choice(NOUNS)]
    for _ in range(rng.randint(6, 18)):
        pick = rng.random()
        words.append(rng.choice(FILLER) if pick < 0.45 else rng.choice(NOUNS) if pick < 0.7
                     else rng.choice(VERBS) if pick < 0.85 else rng.choice(ADJ))
    if figures and rng.random() < 0.35:
        words.insert(rng.randrange(2, len(words)), f"{rng.randint(2, 9999):,} {rng.choice(UNITS)}")
    if figures and rng.random() < 0.25:
        words.insert(rng.randrange(2, len(words)),
                     f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1850, 2020)}")
    if rng.random() < 0.2:
        words.insert(rng.randrange(2, len(words)), rng.choice(NAMES))
    return " ".join(words) + "."


def source_text(seed: int, words: int) -> str:
    """A work's full text of about ``words`` words, in paragraphs."""
    rng = random.Random(seed)
    paragraphs, count = [], 0
    while count < words:
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 7))]
        paragraph = " ".join(sentences)
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def page_html(number: int, words: int) -> bytes:
    """Web page ``number`` of a local test origin: an article of about ``words`` words, UTF-8."""
    text = source_text(5000 + number, words).replace("\n\n", "</p><p>")
    return (f"<html><head><title>Page {number}</title></head><body><article><p>{text}</p></article>"
            "</body></html>").encode()


def library(works: int, texts: int, entries: int | None = None, files: str = "sources/work") -> str:
    """A .bib with ``works`` cited entries (the first ``texts`` with a local file, ``files``
    followed by the entry's number and ".txt") and up to ``entries`` entries in all (the rest
    never cited)."""
    out = []
    total = max(works, entries or 0)
    for i in range(total):
        name = NAMES[i % len(NAMES)]
        extra = f"  file = {{{files}{i}.txt}},\n" if i < texts else ""
        out.append(f"@book{{work{i},\n  author = {{{name}, A{i}.}},\n  title = {{Work number {i}}},\n"
                   f"  publisher = {{Press}},\n  year = {{{1900 + i % 120}}},\n{extra}}}\n")
    return "\n".join(out)


def essay_text(seed: int, words: int, works: int, sources: list[str], bibliography: str | None = None) -> str:
    """An essay of about ``words`` words citing ``works`` entries by author and year; some of its
    sentences are taken from the cited works' texts (with a figure changed now and then).
    ``bibliography``: the library its front matter names (else the folder's references.bib)."""
    rng = random.Random(seed)
    named = f"bibliography: {bibliography}\n" if bibliography else ""
    lines = [f"---\ntitle: Essay {seed}\n{named}---\n", f"# Essay {seed}\n"]
    count = 0
    source_sentences = [s.split(". ") for s in sources]
    while count < words:
        paragraph = []
        for _ in range(rng.randint(3, 6)):
            work = rng.randrange(works)
            if work < len(sources) and rng.random() < 0.5:
                sentence = rng.choice(source_sentences[work]).rstrip(".\n") + "."
                if rng.random() < 0.2:
                    sentence = sentence.replace("1", "7", 1)
            else:
                sentence = _sentence(rng)
            if rng.random() < 0.6:
                name = NAMES[work % len(NAMES)]
                cite = f" ({name} {1900 + work % 120}, {rng.randint(1, 300)})"
                sentence = sentence[:-1] + cite + "."
            if rng.random() < 0.05:
                sentence = f'As {rng.choice(NAMES)} wrote, "{_sentence(rng, figures=False)[:-1]}."'
            paragraph.append(sentence)
            count += len(sentence.split())
        lines.append(" ".join(paragraph) + "\n")
    return "\n".join(lines)


def write_corpus(directory: Path, essays: int = 1000, words: int = 1500, works: int = 8, texts: int = 4,
                 source_words: int = 3000, entries: int | None = None, own_sources: bool = False) -> list[Path]:
    """Write the corpus (see the module docstring); returns the essay files."""
    folder = directory / "essays"
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    if own_sources:
        return _own_sources_corpus(folder, essays, words, works, texts, source_words, entries)
    sources = [source_text(1000 + i, source_words) for i in range(texts)]
    for i, text in enumerate(sources):
        (folder / "sources" / f"work{i}.txt").write_text(text, encoding="utf-8")
    (folder / "references.bib").write_text(library(works, texts, entries), encoding="utf-8")
    paths = []
    for i in range(essays):
        path = folder / f"essay{i:05d}.md"
        path.write_text(essay_text(i, words, works, sources), encoding="utf-8")
        paths.append(path)
    return paths


def _own_sources_corpus(folder: Path, essays: int, words: int, works: int, texts: int, source_words: int,
                        entries: int | None) -> list[Path]:
    (folder / "libraries" / "sources").mkdir(parents=True, exist_ok=True)  # a library's files sit below it
    paths = []
    for i in range(essays):
        name = f"essay{i:05d}"
        sources = [source_text(100_000 + i * texts + k, source_words) for k in range(texts)]
        for k, text in enumerate(sources):
            (folder / "libraries" / "sources" / f"{name}-work{k}.txt").write_text(text, encoding="utf-8")
        (folder / "libraries" / f"{name}.bib").write_text(library(works, texts, entries, f"sources/{name}-work"),
                                                          encoding="utf-8")
        path = folder / f"{name}.md"
        path.write_text(essay_text(i, words, works, sources, f"libraries/{name}.bib"), encoding="utf-8")
        paths.append(path)
    return paths
