"""The grammar of in-text markers: name, year and prefix patterns, and the tests that a
parenthetical's words are a surname, a person or a title (``citations.markers`` scans with them).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from citecheck.citations.locators import parse_locator
from citecheck.model import Locator

_UPPER = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper() and chr(c).isalpha())
UPPER = "[" + re.escape(_UPPER) + "]"
PARTICLE = r"(?:(?:van|von|de|der|den|du|da|di|del|della|la|le|ten|ter|dos|das|bin|ibn)\s+)"
PARTICLE_GLUED = r"(?:d['’]|l['’]|al-|el-)"
# Capitalised particles start a surname ("Van Soest", "De Grood", "Dal Piaz", "Le Roux"); they count
# only before another name word, so "(Le 2009)" is still the surname Le.
CAP_PARTICLES = ["Van", "Von", "De", "Den", "Der", "Del", "Della", "Dal", "Dalla", "Di", "Da", "Du", "Le",
                 "La", "Ten", "Ter", "Dos", "Das", "Des"]
CAP_PARTICLE = r"(?:(?:" + "|".join(CAP_PARTICLES) + r")\s+(?=[^\W\d_]))"
CAPWORD = rf"{UPPER}[^\W\d_]*(?:['’\-]{UPPER}?[^\W\d_]+)*"
SURNAME = rf"(?:{CAP_PARTICLE}?{PARTICLE}{{0,2}}{PARTICLE_GLUED}?{CAPWORD})"
# Corporate or multi-word names (author-date only): "World Health Organization", "Office of the Historian".
MULTI = rf"(?:{SURNAME}(?:\s+(?:(?:of|the|for|on|and\s+the)\s+)*{CAPWORD}){{0,6}})"
NAMES = (
    rf"(?P<names>(?P<n1>{MULTI})"
    rf"(?:(?:\s*,\s*{SURNAME})*\s*,?\s+(?:and|&)\s+(?P<n2>{SURNAME}))?"
    rf"(?P<etal>\s+et\s+al\.?)?)"
)
# Lead-in words before the first name: "see", "e.g.,", "as reviewed in", "adapted from", "described by".
PREFIX = (
    r"(?P<prefix>(?:(?:see|also|cf\.?|compare|e\.\s?g\.,?|qtd\.|quoted|as|cited|in|discussed|following|after"
    r"|reviewed|for|example|details|a|review|described|reported|adapted|modified|reproduced|taken|derived"
    r"|defined|proposed|introduced|developed|summari[sz]ed|presented|shown|given|published|outlined"
    r"|suggested|first|originally|recently|later|and|data|based|method|methods|from)\s+){0,4}"
    r"(?:see|also|cf\.?|e\.\s?g\.,?|in|by|following|after|from|on)\s+)?"
)
YEAR = (r"(?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|in\s+press|in\s+prep\.?|forthcoming"
        r"|(?:priv|pers)\.?\s?comm\.?|personal\s+communication")

class _LazyPattern:
    """A regular expression compiled on first use: importing this module (every `citecheck`
    command does) costs nothing until a marker is looked for."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = re.compile(*self._args)
        return getattr(pattern, name)


def _lazy(*args: Any) -> Any:
    return _LazyPattern(*args)


SEGMENT_RE = _lazy(rf"^\s*{PREFIX}{NAMES}(?P<rest>.*?)\s*$", re.DOTALL)
AUTHOR_DATE_REST = _lazy(
    rf"^\s*,?\s*(?P<year>{YEAR})(?P<years>(?:\s*(?:,|and|&)\s*(?:{YEAR}))*)"
    r"(?:\s*[,:]\s*(?P<loc>[^;]+?)|\s+(?P<for>for\s+[^;]+?))?\s*$"
)
TITLE_RE = _lazy(rf"^(?:[\"“*_][^\"”]+[\"”*_]|{UPPER}[^;()]*)$")
NARRATIVE_BEFORE = _lazy(
    rf"(?P<names>(?P<n1>{SURNAME})(?:(?:\s*,\s*{SURNAME})*\s*,?\s+(?:and|&)\s+(?P<n2>{SURNAME}))?"
    rf"(?P<etal>\s+et\s+al\.?)?)(?:['’]s)?\s*$"
)
# Narrative "Freeze (2009)", "Hyman et al. (2005, 2006, 2009)", "Gavazzi et al. (1996c; Paper I)".
YEAR_PAREN = _lazy(
    rf"^\s*(?P<year>{YEAR})(?P<years>(?:\s*,\s*(?:{YEAR})(?![\w-]))*)(?:\s*[,:;]\s*(?P<loc>.+?))?\s*$")
# Where one item of a comma-separated list ends: "(Smith 2010, Jones 2012)" cuts after "2010".
ITEM_END = _lazy(rf"(?:{YEAR})(?:\s*[,:]\s*(?:pp?\.\s*)?\d+(?:\s*[-–—]\s*\d+)?)?\s*$")
# Capital letters inside a surname word come only after these ("McGinn", "DeVries", "LeBlanc").
INNER_CAP_PREFIXES = {"mc", "mac", "fitz", "de", "di", "da", "du", "le", "la", "van", "von", "del", "della"}
# Words with these endings are common nouns, not surnames: "(Localization, 19-32)", "(Entity, 15-18)".
NOUN_ENDINGS = _lazy(r"(?:tion|sion|ity)s?$")
# Lead-in words that also open ordinary remarks ("written in exile, in Paris 1956").
WEAK_LEAD_INS = {"in", "by", "from", "on", "after", "following", "for", "a", "and", "as", "first", "later",
                 "originally", "recently", "data", "based"}
# Words after which a closing citation may start: "(values defined by Holwerda et al. 2014)".
TAIL_CUT = _lazy(r"(?:,|\s[–—-])\s+|\b(?:by|in|from|see|also|to|with|following|after)\s+(?=\S)")
MAX_PAGE = 9999  # an unlabelled "page" beyond this is a catalogue or product number ("(Qiagen, 217184)")

PAGE_ONLY = _lazy(r"^\s*(?:pp?\.|pages?|ch\.|chap\.|para\.|par\.|¶|§|sec\.)\s*\S.*$", re.IGNORECASE)
IBID = _lazy(r"^\s*(?:ibid|ibidem|id)\.?(?:\s*,?\s*(?P<loc>.+?))?\s*$", re.IGNORECASE)

STOPWORDS = {
    w.casefold() for w in ["Chapter", "Chapters", "Figure", "Figures", "Fig", "Table", "Tables", "Section", "Sections", "Part", "Parts", "Volume", "Vol", "Appendix", "Page", "Pages", "Book", "Books", "Act", "Scene", "Article", "Articles", "Art", "Line", "Lines", "Verse", "Psalm", "Psalms", "Item", "Items", "Note", "Notes", "Scheme", "Schemes", "Eq", "Eqs", "Equation", "Equations", "Column", "Columns", "Row", "Rows", "Peak", "Peaks", "Clip", "Sample", "Samples", "Group", "Groups", "Experiment", "Experiments", "Study", "Studies", "Task", "Question", "Problem", "Exercise", "Option", "Scenario", "Cohort", "Supplementary", "Supplement", "Suppl", "Movie", "Video", "Tab", "Fig", "Figs", "Example", "Exhibit", "Plate", "Map", "Chart", "Graph", "Box", "Panel", "Step", "Stage", "Phase", "Level", "Type", "Class", "Grade", "Model", "Version", "Room", "Route", "Highway", "Session", "Congress", "Meeting", "Day", "Week", "Year", "Years", "Age", "Number", "No", "Nr", "Unit", "Lesson", "Module", "Vol", "Issue", "Series", "Episode", "Season", "Round", "Game", "Match", "Term", "Rule", "Law", "Amendment", "Title", "Clause", "Schedule", "Annex", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Spring", "Summer", "Autumn", "Fall", "Winter", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "War", "Wars", "World", "Revolution", "Plan", "Five", "Party", "Congress", "Soviet", "Union", "Army", "Front", "Division", "Corps", "Brigade", "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "For", "From", "With", "Without", "To", "Of", "And", "Or", "But", "If", "When", "While", "After", "Before", "During", "Since", "Until", "As", "Then", "Thus", "Also", "See", "Here", "There", "It", "He", "She", "They", "We", "You", "I", "His", "Her", "Its", "Their", "Our", "My", "Your", "Some", "Many", "Most", "Each", "Every", "All", "No", "Not", "Only", "Even", "Just", "About", "Around", "Over", "Under", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "St", "Saint", "King", "Queen", "President", "General", "Colonel", "Captain", "Pope", "Emperor", "Tsar", "Czar", "Windows", "Apollo", "Gemini", "Vostok", "Sputnik", "Boeing", "Airbus", "Iphone", "Ios", "Android", "Python", "Java", "Covid", "Sars", "Ibid", "Id", "Above", "Below", "Supra", "Infra", "Et", "Al", "Cf", "Eg", "Ie", "Passim", "Op", "Cit", "Loc", "Genesis", "Exodus", "Leviticus", "Numbers", "Deuteronomy", "Matthew", "Mark", "Luke", "John", "Acts", "Romans", "Revelation"]
}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
               "my", "your"}

SCAN_RE = _lazy(
    r"(?P<latex>\\(?P<cmd>[A-Za-z]*cite[A-Za-z]*)(?P<star>\*?))"
    r"|(?P<bracket>\[[^\[\]]{1,400}\])"
    r"|(?P<paren>\((?P<inner>[^()]{1,400})\))"
    r"|(?P<bare>(?<![\w@.\\/:\]-])-?@(?:\{[^{}\s]+\}|[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*\w)?))"
)
PANDOC_KEY = _lazy(r"(?P<sup>-)?@(?:\{(?P<bk>[^{}]+)\}|(?P<k>[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*\w)?))")
NUMERIC_RE = _lazy(r"^\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?(?:\s*,\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?)*\s*$")
NARRATIVE_LATEX = {"citet", "textcite", "Textcite", "citeauthor", "Citeauthor", "citealt", "Citet",
                   "textcites", "Textcites"}
SKIP_LATEX = {"nocite"}
MAX_RANGE = 50


def _name_words(name: str) -> list[str]:
    """The capitalised words of a name, less a leading capitalised particle ("Van Soest" -> Soest)."""
    caps = [w for w in name.split() if w[:1].isupper()]
    while len(caps) > 1 and caps[0] in CAP_PARTICLES:
        caps = caps[1:]
    return caps


def surname_ok(name: str, single: bool = True, double: bool = False) -> bool:
    """Whether a name as written looks like a surname (or, ``single=False``, a corporate name).

    ``double`` admits a two-word surname ("Martillo Jeremías", "St-Cyr Tribble"), which is read
    only where a year makes the segment a citation anyway.
    """
    words = name.split()
    if not words:
        return False
    caps = _name_words(name)
    if single and len(caps) > (2 if double else 1):
        return False
    if single and len(caps) > 1 and any(w.casefold().strip(".") in STOPWORDS for w in caps):
        return False
    core = words[-1]
    core = re.sub(r"^(?:d['’]|l['’]|al-|el-)", "", core)
    if core.casefold().strip(".") in STOPWORDS:
        return False
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) < 2 or not any(ch.islower() for ch in letters):
        return False
    if not single:
        caps = [w for w in words if w[:1].isupper()]
        if all(w.casefold() in STOPWORDS for w in caps):
            return False
    return True


def _looks_like_person(name: str) -> bool:
    """Stricter check for MLA, where a name and a bare number are all there is to go on.

    Rejects chemical formulae, gene and product names: "(CDCl 3)", "(PhCH 2)", "(FeCl 3)",
    "(DMSO-d 6)", "(SixGe 1-x)", "(Iσt 90)"; and common nouns such as "(Localization, 19-32)".
    """
    for word in name.split():
        for part in re.split(r"['’\-]", word):
            letters = [ch for ch in part if ch.isalpha()]
            scripts = {unicodedata.name(ch, "?").split()[0] for ch in letters}
            if len(scripts) > 1:
                return False
            for i in range(1, len(part)):
                inner_cap = part[i].isupper() and part[i - 1].isalpha()
                if inner_cap and (part[i - 1].isupper() or part[:i].casefold() not in INNER_CAP_PREFIXES):
                    return False
    core = name.split()[-1]
    return not (len(core) >= 6 and NOUN_ENDINGS.search(core))


def _title_ok(title: str) -> bool:
    """A short title has a real word in it and no catalogue marks ("Cat#", "AcOH, CuSO")."""
    if re.search(r"[#=<>@\[\]{}|]|-$", title):
        return False
    return bool(re.search(r"[^\W\d_][^\W\d_A-Z]{2}", title))


def _names_from(m: re.Match[str]) -> list[str]:
    """The surnames of a NAMES match, in order."""
    text = m.group("names")
    if m.group("etal"):
        text = text[: m.start("etal") - m.start("names")]
    if m.group("n2"):
        parts = re.split(r"\s*,?\s+(?:and|&)\s+|\s*,\s*", text)
    else:
        parts = [text]
    return [" ".join(p.split()) for p in parts if p.strip()]


def _split_title_locator(rest: str) -> tuple[str | None, Locator] | None:
    """``", Russia: A History 418"`` -> ("Russia: A History", page 418); None if no locator ends it."""
    body = rest.strip().lstrip(",").strip()
    cuts = [0] + [m.end() for m in re.finditer(r"[\s,]+", body)]
    for cut in cuts:
        loc = parse_locator(body[cut:])
        if loc is None:
            continue
        title = body[:cut].strip(" ,")
        if not title:
            return None, loc
        if TITLE_RE.match(title) and _title_ok(title):
            return title.strip("*_\"“” "), loc
        return None
    return None


# APA 7's group author with its abbreviation, "(World Health Organization [WHO], 2020)".
GROUP_ABBREVIATION = _lazy(r"^\s*\[(?P<abbr>[A-Z][A-Z0-9&]{1,11})\]")


def abbreviates(abbr: str, name: str) -> bool:
    """Whether ``abbr`` can stand for ``name``: its letters are, in order, capitals of the name
    starting with the first ("WHO" World Health Organization, "CDC" Centers for Disease Control
    and Prevention), so "(Smith [sic], 2020)" or "(Freeze [ed.], 2009)" define nothing."""
    capitals = [ch for ch in name if ch.isupper()]
    letters = [ch for ch in abbr if ch.isalpha()]
    if len(letters) < 2 or not capitals or letters[0] != capitals[0]:
        return False
    it = iter(capitals)
    return all(ch in it for ch in letters)


def parse_name_segment(segment: str) -> dict[str, object] | None:
    """Parse one author-date or MLA segment ("see Freeze 2009, p. 4"); None when it is not one."""
    m = SEGMENT_RE.match(segment)
    if not m:
        return None
    names = _names_from(m)
    rest = m.group("rest")
    abbreviation = ""
    gm = GROUP_ABBREVIATION.match(rest)
    if gm and len(names) > 1 and not m.group("etal"):
        # "Centers for Disease Control and Prevention [CDC]": the "and" is inside one group name.
        whole = " ".join(m.group("names").split())
        if abbreviates(gm.group("abbr"), whole):
            names = [whole]
    if gm and len(names) == 1 and not m.group("etal") and abbreviates(gm.group("abbr"), names[0]):
        if not AUTHOR_DATE_REST.match(rest[gm.end():]):
            return None
        abbreviation, rest = gm.group("abbr"), rest[gm.end():]
    prefix = (m.group("prefix") or "").strip()
    if re.match(r"\w", rest):
        return None  # the name runs on into digits: "(HepG2)", "(Dnttip1; ...)"
    ad = AUTHOR_DATE_REST.match(rest)
    if ad:
        single = len(names) > 1 or bool(m.group("etal"))
        if not all(surname_ok(n, single=single, double=single) for n in names):
            return None
        loc: Locator | None = None
        suffix = ""
        if ad.group("for"):
            suffix = ad.group("for").strip()
        if ad.group("loc"):
            loc = parse_locator(ad.group("loc"))
            if loc is None:
                suffix = ad.group("loc").strip()
        years = [ad.group("year")] + re.findall(YEAR, ad.group("years") or "")
        return {"style": "author-date", "names": names, "years": [" ".join(y.split()) for y in years],
                "locator": loc, "prefix": prefix, "suffix": suffix, "title": None,
                "abbreviation": abbreviation}
    if not all(surname_ok(n, single=True) and _looks_like_person(n) for n in names):
        return None
    if not rest.strip():
        if m.group("etal"):
            return {"style": "mla", "names": names, "years": [None], "locator": None,
                    "prefix": prefix, "suffix": "", "title": None}
        return None
    split = _split_title_locator(rest)
    if split is None:
        return None
    title, loc = split
    if loc.first is not None and loc.last is not None and (
            loc.last < loc.first or (not re.match(r"\s*[^\W\d]", loc.value) and loc.last > MAX_PAGE)):
        return None  # "(ArcticZymes, 70800-202)", "(Illumina, 20028315)"
    return {"style": "mla", "names": names, "years": [None], "locator": loc, "prefix": prefix,
            "suffix": "", "title": title}
