"""Sentences: syntok's segmentation with repairs for locators and citations after the full stop."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["split_sentences"]


# Abbreviations after which syntok sometimes ends a sentence although a number or name follows.
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:p|pp|vol|vols|no|nos|fig|figs|ch|chap|sec|para|cf|ed|eds|trans|ca|c|approx|art|"
    r"col|n|nn|ibid|op|cit|gen|govt|dept|est|st|mt|ft|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)\.|§)$",
    re.IGNORECASE,
)
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
    for start, end in _raw_sentences(text):
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
                or (end - start <= _PAREN_ONLY_MAX and _PAREN_ONLY.match(text[start:end]))
            ):
                merged[-1] = (p_start, end)
                continue
        merged.append((start, end))
    return merged


def _raw_sentences(text: str) -> Iterator[tuple[int, int]]:
    """syntok's sentence ranges, paragraph by paragraph (paragraphs as syntok cuts them)."""
    from syntok import segmenter  # imported here: keeps `citecheck --help` fast
    from syntok.tokenizer import Tokenizer

    tokenizer = Tokenizer(replace_not_contraction=False)  # as in segmenter.analyze
    for offset, paragraph in segmenter.preprocess_with_offsets(text):
        if not paragraph or paragraph.isspace():
            continue
        found: list[tuple[int, int]] = []
        try:
            for sentence in segmenter.segment(tokenizer.tokenize(paragraph)):
                if not sentence:
                    continue
                last = sentence[-1]
                start = offset + sentence[0].offset
                end = offset + last.offset + len(last.value)
                if end > start:
                    found.append((start, end))
        except Exception:  # noqa: BLE001 -- syntok should not fail, but random input must never crash a check
            found = [(offset + a, offset + b) for a, b in _fallback_sentences(paragraph)]
        yield from found


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
