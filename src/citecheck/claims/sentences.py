"""Sentences: syntok's segmentation with repairs.

syntok alone misses a few boundaries and makes a few false ones; the repairs, each measured
with ``bench/sentences.py --accuracy`` (WiCE pages and our hard cases):

- a citation or other bracket closed before the full stop ends the sentence
  (``\\citep[p.~3]{key}. The``, ``[@key, p. 3]. 1890 was``, ``(Ellison 12). In``);
- a lone capital after a lowercase word ends one before a sentence-opening word ("vitamin C. The");
- an honorific never ends one ("Rev. Martin", "Lt. Col. Hisamatsu"), nor an initial after a
  name or another initial ("Steven S. DeKnight", "W.E.B. Du Bois"), nor a company or street
  abbreviation ("Warner Bros. Pictures") unless a sentence-opening word follows ("Inc. The");
- a locator abbreviation ("p. 418", "vol. 2") or a semicolon never ends one, and a sentence that
  is only a parenthesis (a citation after the full stop) joins the one before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

__all__ = ["split_sentences"]


# Abbreviations after which syntok sometimes ends a sentence although a number or name follows.
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:p|pp|vol|vols|no|nos|fig|figs|ch|chap|sec|para|cf|ed|eds|trans|ca|c|approx|art|"
    r"col|n|nn|ibid|op|cit|gen|govt|dept|est|st|mt|ft|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)\.|§)$",
    re.IGNORECASE,
)
# Titles that stand before a name: never the end of a sentence.
_HONORIFIC = re.compile(
    r"(?:^|[\s(\"“])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Revd|Fr|Rep|Gov|Pres|Capt|Cpt|Col|Lt|Sgt|Cpl|Maj|"
    r"Adm|Cmdr|Gen|Brig|Hon|Msgr|Mme|Mlle|Messrs|Supt|Insp|Dame|Sir|Amb)\.$"
)
# An initial: a capital and a full stop after a capitalised word or another initial
# ("Steven S.", "J. R.", "W.E.B."), not after a lowercase word ("the U.S.", "vitamin C.").
_INITIAL = re.compile(r"(?:^|(?:^|[\s(])[A-Z][\w'’-]*\s+|[A-Z]\.\s*)[A-Z]\.$")
# Abbreviations inside names of firms and places: a sentence ends there only before a word that
# usually opens one ("Warner Bros. Pictures" goes on; "by Acme Inc. The sale" does not).
_NAME_ABBREVIATION = re.compile(
    r"\b(?:Bros|Co|Corp|Inc|Ltd|Plc|Pty|Mfg|Intl|Natl|Assn|Univ|Inst|Ave|Blvd|Rd|Hwy|Mt|Ft|St|Ste|Pt)\.$"
)
_OPENERS = frozenset(["a", "an", "the", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "this", "that", "these", "those", "there", "then", "thus", "in", "on", "at", "by", "for", "from", "with", "without", "after", "before", "during", "since", "until", "when", "while", "where", "whereas", "although", "though", "but", "and", "or", "so", "yet", "however", "moreover", "furthermore", "meanwhile", "also", "as", "if", "because", "despite", "many", "most", "some", "several", "both", "each", "every", "all", "no", "none", "one", "other", "such", "what", "which", "who", "why", "how", "today", "later", "instead", "still", "even", "only", "not", "unlike", "like", "among", "under", "over", "following", "according", "between", "within", "through", "to", "of", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "once", "here", "now", "finally", "first", "nevertheless", "nonetheless", "indeed", "overall", "similarly", "likewise", "besides", "otherwise", "hence", "accordingly", "it's", "it’s", "he's", "he’s", "she's", "she’s", "there's", "there’s",
                      "that's", "that’s", "i'm", "i’m", "we're", "we’re", "they're", "they’re", "we've", "i've"])
_FIRST_WORD = re.compile(r"[\"“‘'(\[]*([A-Za-z][\w'’-]*)")
# A citation or bracket closed before the full stop, then a sentence: a boundary syntok can miss
# (the LaTeX locator "p.~3" and a digit after the stop confuse it).
_CLOSED_BEFORE_STOP = re.compile(
    r"(?:\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\[[^\]]{0,200}\]){0,2}\{[^}]{0,500}\}|[)\]])[.!?][\"”’]?(?=\s+[\"“‘(\[]?[A-Z0-9])"
)
_LONE_CAPITAL = re.compile(r"(?<=[a-z] )[A-Z]\.(?=\s+([A-Z][a-z]+)\b)")
_PAREN_ONLY = re.compile(r"^[\(\[][^()\[\]]{0,80}[\)\]][.,;:]?$")
_PAREN_ONLY_MAX = 83  # the longest string _PAREN_ONLY can match: "(" + 80 + ")" + "."


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges ``(start, end)`` into ``text``, surrounding whitespace stripped.

    Uses syntok's segmenter (which knows "U.S.", "govt.", "Dr.", ellipses), then joins a break
    after a locator abbreviation ("p. 418", "vol. 2") and attaches a sentence that is only a
    parenthesis, such as a citation after the full stop, to the sentence before it.

    Runs in time linear in ``len(text)``: syntok is given one paragraph at a time (its own
    ``analyze`` pads every paragraph with as many spaces as the paragraph's offset, which is
    quadratic on long texts), and the repairs look only at the ends of neighbouring sentences.
    """
    if not text.strip():
        return []
    merged: list[tuple[int, int]] = []
    tokenizer: list[Any] = []  # syntok's, made for the first paragraph that needs it
    for offset, paragraph in _paragraphs(text):
        if not paragraph or paragraph.isspace():
            continue
        easy = _easy_sentences(paragraph)
        if easy is not None:
            # Final as they are (no need to ask syntok, nor to repair): every stop inside an easy
            # paragraph is a cut, so none is left for _split_missed; each cut follows a lowercase
            # word, a number, a vowel or ")" and comes before a capitalised word, which no rule of
            # _repair reads; a blank line parts it from the paragraphs around it, so no join
            # crosses it. tests/test_sentences_easy.py checks that _repair leaves them alone.
            merged.extend((offset + a, offset + b) for a, b in easy)
            continue
        _repair(text, _split_missed(text, _syntok_sentences(offset, paragraph, tokenizer)), merged)
    return merged


def _repair(text: str, ranges: Iterable[tuple[int, int]], merged: list[tuple[int, int]]) -> None:
    """Append ``ranges`` to ``merged``, stripped, each joined to the sentence before it where
    that one ends in a locator, a title, an initial or a semicolon, or where it is only a
    parenthesis (see the module docstring)."""
    for start, end in ranges:
        start, end = _strip(text, start, end)
        if end <= start:
            continue
        if merged:
            p_start, p_end = merged[-1]
            gap = text[p_end:start]
            same_paragraph = "\n\n" not in gap and gap.count("\n") <= 1
            if same_paragraph and (
                # The abbreviation is at most 7 characters; a window of 10 still sees the character
                # before it, so ``\b`` behaves as on the whole sentence (which may have grown long).
                _NO_BREAK_AFTER.search(text[max(p_start, p_end - 10):p_end])
                or text[p_end - 1] in ";,:"  # syntok breaks at semicolons; we do not
                or _goes_on(text, p_start, p_end, start, end)
                or (end - start <= _PAREN_ONLY_MAX and _PAREN_ONLY.match(text[start:end]))
            ):
                merged[-1] = (p_start, end)
                continue
        merged.append((start, end))


def _goes_on(text: str, p_start: int, p_end: int, start: int, end: int) -> bool:
    """Whether the sentence before ``p_end`` ends in a title, an initial or a name's abbreviation
    that the next sentence (from ``start``) continues."""
    tail = text[max(p_start, p_end - 24):p_end]
    if not tail.endswith("."):
        return False
    if _HONORIFIC.search(tail):
        return True
    if not (_INITIAL.search(tail) or _NAME_ABBREVIATION.search(tail)):
        return False
    first = _FIRST_WORD.match(text, start, min(end, start + 40))
    return first is not None and first.group(1)[0].isupper() and first.group(1).lower() not in _OPENERS


def _split_missed(text: str, ranges: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """``ranges`` with the boundaries syntok missed cut in (see the module docstring)."""
    for start, end in ranges:
        cuts = [m.end() for m in _CLOSED_BEFORE_STOP.finditer(text, start, end)]
        cuts += [m.end() for m in _LONE_CAPITAL.finditer(text, start, end) if m.group(1).lower() in _OPENERS]
        for cut in sorted(set(cuts)):
            if start < cut < end:
                yield start, cut
                start = cut
        yield start, end


def _syntok_sentences(offset: int, paragraph: str, tokenizer: list[Any]) -> list[tuple[int, int]]:
    """syntok's sentence ranges of a paragraph that is not easy (offsets index the whole text,
    the paragraph starting at ``offset``); ``tokenizer`` holds syntok's tokenizer once made."""
    if len(paragraph) > LONG_PARAGRAPH:
        return [(offset + a, offset + b) for a, b in _rule_sentences(paragraph)]
    if any(paragraph.count(a) - paragraph.count(b) > _MAX_UNCLOSED for a, b in ("()", "[]", "{}")):
        # syntok looks for each unclosed bracket's end to the end of the paragraph: quadratic
        # on hostile input ("(Smith (Smith ..."); a plain rule splits such a paragraph.
        return [(offset + a, offset + b) for a, b in _fallback_sentences(paragraph)]
    # Imported only for a paragraph that needs it (syntok loads the `regex` module):
    # an essay of easy paragraphs, or a `citecheck --help`, never does.
    from syntok import segmenter

    if not tokenizer:
        from syntok.tokenizer import Tokenizer

        tokenizer.append(Tokenizer(replace_not_contraction=False))  # as in segmenter.analyze
    found: list[tuple[int, int]] = []
    try:
        for sentence in segmenter.segment(tokenizer[0].tokenize(paragraph)):
            if not sentence:
                continue
            last = sentence[-1]
            start = offset + sentence[0].offset
            end = offset + last.offset + len(last.value)
            if end > start:
                found.append((start, end))
    except Exception:  # noqa: BLE001 -- syntok should not fail, but random input must never crash a check
        found = [(offset + a, offset + b) for a, b in _fallback_sentences(paragraph)]
    return found


# syntok's paragraph separator (``segmenter.preprocess_with_offsets``), in `re`: the `regex` module's
# ``\s`` is Unicode White_Space, which leaves out the separators U+001C..U+001F that `re` counts.
_PARAGRAPH_SEP = re.compile("\r?\n(?:[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\r?\n)+")


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, paragraph)`` as syntok's ``preprocess_with_offsets`` gives them."""
    offset = 0
    for m in _PARAGRAPH_SEP.finditer(text):
        yield offset, text[offset:m.start()]
        offset = m.end()
    yield offset, text[offset:]


# Where syntok's segmentation is certain, a regular expression does it at a fraction of the cost:
# every stop of the paragraph ends a lowercase word (not an abbreviation), a number or a vowel
# after a lowercase word ("was a."), or a closing parenthesis, and
# is followed by a space and a capitalised word that is not a month (syntok's rules then always
# split: no abbreviation, initial, ordinal, bracket or quotation to weigh); a closing quotation mark
# may follow the stop and an opening one may precede the word ('wrote, "It grew." The').
# Anything else in the paragraph (another ".", "!", "?", "…", a stop inside brackets) sends the
# whole paragraph to syntok. ``bench/sentences.py --accuracy`` measures both, and
# tests/test_sentences_easy.py checks that the splits are syntok's.
_STOP_CHARS = re.compile(r"[.!?…]")
_CLEAN_STOP = re.compile(r"(?:(?<![\w'’\-.])(?P<word>[a-z]{2,})|(?<=[a-z] )\d+|(?<=\w )(?P<vowel>[aeiou])|\))\.(?P<close>[\"”]?)"
                         r"(?=[ \t\n]+(?P<open>[\"“]?)(?P<next>[A-Z][a-z]+)\b)")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_BRACKET_THEN_CAPITAL = re.compile(r"[)\]}][\"”’']?\s*[A-Z]")
_MAX_UNCLOSED = 20  # more unclosed brackets than this in a paragraph: not prose
_LATIN_SHORT = frozenset(["al", "seq", "viz", "ie", "eg", "sc", "ff", "ib", "id", "op", "loc", "cit"])
_BRACKET_CHARS = re.compile(r"[()\[\]{}]")
# Where syntok may end a sentence at all: its terminals, and its opening brackets (after a
# sentence's first token it weighs "(" as a terminal). A paragraph with none is one sentence.
_OPENING_ELSE = "\uff5f\uff5b\uff3b\uff08\ufe5d\ufe5b\ufe59\ufd3e\u301a\u3018\u2985\u2983\u2329"
_SYNTOK_CUTS = re.compile("[.!?;…\u203c\u203d\u2047\u2048\u2049\u3002\ufe52\ufe57\uff01\uff0e\uff1f\uff61([{"
                          + _OPENING_ELSE + "]")
_OTHER_OPENING = re.compile("[" + _OPENING_ELSE + "]")
_BEFORE_BRACKET = re.compile(r"[.!?;…]")
_SKIPPED_BRACKET_CHARS = 48  # syntok skips a bracket closed within 50 tokens and shorter than 70 characters


def _easy_sentences(paragraph: str) -> list[tuple[int, int]] | None:
    """The paragraph's sentences when every stop is a clear boundary (see above); else None."""
    end = len(paragraph.rstrip())
    if "\n" in paragraph[:end]:
        return None  # syntok weighs line breaks (headings, lists, metadata lines)
    if _INVISIBLE.search(paragraph):
        return None  # zero-width and soft characters: syntok reads them its own way
    if _SYNTOK_CUTS.search(paragraph) is None:
        return _whole(paragraph, end)  # no stop, no bracket: one sentence ('"a "a "a')
    if paragraph.lstrip()[:1] in ("(", "[", "{", "\"", "“", "'", "‘"):
        return None  # a bracket or quotation first: syntok may end a sentence after it
    depths: dict[int, int] = {}
    if "(" in paragraph or "[" in paragraph or "{" in paragraph or ")" in paragraph or "]" in paragraph \
            or "}" in paragraph:
        depth = 0
        for m in _BRACKET_CHARS.finditer(paragraph):
            depth += 1 if m.group() in "([{" else -1
            if depth < 0:
                return None
            depths[m.start()] = depth
        if depth != 0 or _BRACKET_THEN_CAPITAL.search(paragraph):
            return None  # syntok may end a sentence at a closing bracket ("(Xing) Li")
    stops = [m.start() for m in _STOP_CHARS.finditer(paragraph)]
    final = bool(stops) and stops[-1] == end - 1
    closed = bool(stops) and stops[-1] == end - 2 and paragraph[end - 1] in "\"”"  # 'it grew."'
    inner = stops[:-1] if final or closed else stops
    if not inner:
        # One sentence, unless syntok cuts at a bracket ("(AP) —", "from [link]"): not when it
        # skips every bracket.
        if depths and not _brackets_skipped(paragraph, depths):
            return None
        return _whole(paragraph, end)
    if depths and not _outside_brackets(inner, depths):
        return None
    abbreviations, months = _syntok_words()
    cuts = []
    widened = closed  # a stop only the later rules (quotation marks, a vowel) read as clear
    for position in inner:
        match = _CLEAN_STOP.match(paragraph, _token_start(paragraph, position))
        if match is None or match.end("close") != position + 1 + len(match.group("close")):
            return None
        word = match.group("word")
        if word and (word in abbreviations or word in _LATIN_SHORT
                     or _NO_BREAK_AFTER.search(paragraph[max(0, position - 10):position + 1])):
            return None
        if match.group("next") in months:
            return None
        widened = widened or bool(match.group("close") or match.group("open") or match.group("vowel"))
        cuts.append(match.end())
    if widened and depths and not _brackets_skipped(paragraph, depths):
        return None  # (what syntok does at brackets is weighed only where those rules answered)
    out, start = [], 0
    for cut in [*cuts, end]:
        a, b = _strip(paragraph, start, cut)
        if b > a:
            out.append((a, b))
        start = cut
    return out


def _whole(paragraph: str, end: int) -> list[tuple[int, int]]:
    """The paragraph up to ``end`` as one sentence, blanks before it left out."""
    start, end = _strip(paragraph, 0, end)
    return [(start, end)] if end > start else []


def _brackets_skipped(paragraph: str, depths: dict[int, int]) -> bool:
    """Whether syntok moves over every bracket of the paragraph as part of its sentence: none
    nested, each short, at least two words after the last stop or semicolon before it, and a
    word between two of them."""
    if _OTHER_OPENING.search(paragraph):
        return False
    opened, previous = -1, 0
    for position, depth in depths.items():
        if depth > 1:
            return False
        if depth == 1:
            opened = position
            stop = max((m.end() for m in _BEFORE_BRACKET.finditer(paragraph, previous, position)), default=previous)
            if len(paragraph[stop:position].split()) < 2:
                return False
        else:
            if position - opened + 1 > _SKIPPED_BRACKET_CHARS:
                return False
            previous = position + 1
    return True


# A paragraph longer than this is no prose: a page of figures, markers or initials ("Dr. A. B. "
# 10,000 times), or text extracted without its line breaks. syntok reads it token by token (about
# 10 us each); syntok's own rules, read from the words around each stop, cut it instead
# (``bench/sentences.py --accuracy`` measures them on every WiCE page too).
LONG_PARAGRAPH = 50_000
_CANDIDATE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+(\S+))")


def _rule_sentences(paragraph: str) -> list[tuple[int, int]]:
    """The paragraph cut where a stop is followed by a word that is not lowercase, unless syntok's rules
    keep the sentence going: an abbreviation, an initial, a consonant, a Roman numeral, a word
    with a stop inside ("U.S."), a month and a day, a large number next (linear). The repairs
    of :func:`split_sentences` (locators, titles, names) then apply as to syntok's sentences."""
    _, months = _syntok_words()
    starters, abbreviations, roman = _syntok_lists()
    cuts = []
    for m in _CANDIDATE_END.finditer(paragraph):
        stop, following = m.start(), m.group(1)
        if following[0].islower() or following[0] in ",;:":
            continue  # syntok goes on before a lowercase word or a comma
        following = following.lstrip("\"“‘'([").rstrip(".,;:!?)]\"”’'")
        window = paragraph[max(0, stop - 40):stop]
        before = window.split()[-1].lstrip("\"“‘'([") if window and not window[-1].isspace() else ""
        if paragraph[stop] == "." and following not in starters and (
                before in abbreviations or before.lower() in _LATIN_SHORT or "." in before
                or (len(before) == 1 and before.isalpha() and (before.isupper() or before not in "aeiou"))
                or before in roman or (before in months and following.isdigit())
                or (before.isdigit() and following in months) or (following.isdigit() and len(following) > 2)):
            continue
        cuts.append(m.end())
    out, start = [], 0
    for cut in [*cuts, len(paragraph)]:
        a, b = _strip(paragraph, start, cut)
        if b > a:
            out.append((a, b))
        start = cut
    return out


def _token_start(text: str, position: int) -> int:
    """Where the token before ``text[position]`` starts (letters or digits), or ``position - 1``."""
    start = position
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return start if start < position else position - 1


def _outside_brackets(positions: list[int], depths: dict[int, int]) -> bool:
    """Whether no position lies inside brackets (``depths``: bracket offset -> depth after it)."""
    marks = sorted(depths)
    k, depth = 0, 0
    for position in positions:
        while k < len(marks) and marks[k] < position:
            depth = depths[marks[k]]
            k += 1
        if depth > 0:
            return False
    return True


@lru_cache(maxsize=1)
def _syntok_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """syntok's words that open a sentence ("The", "However"), its abbreviations as written and its Roman numerals."""
    from syntok._segmentation_states import State

    return frozenset(State.starters), frozenset(State.abbreviations), frozenset(State.roman_numerals)


@lru_cache(maxsize=1)
def _syntok_words() -> tuple[frozenset[str], frozenset[str]]:
    """syntok's abbreviations (lower-cased) and month abbreviations (imported on first use)."""
    from syntok._segmentation_states import State

    return frozenset(w.lower() for w in State.abbreviations), frozenset(State.months)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _fallback_sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^.!?]+(?:[.!?]+|$)", text):
        out.append((m.start(), m.end()))
    return out
