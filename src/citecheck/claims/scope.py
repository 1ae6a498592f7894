"""Claims and citation scope: the essay's sentences as Claims, each with what was parsed from it
and the citations that cover it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from citecheck.claims.dates import extract_dates
from citecheck.claims.quantities import extract_quantities
from citecheck.claims.quotations import extract_quotations
from citecheck.claims.sentences import split_sentences
from citecheck.claims.worthiness import _score, claim_features, claim_worthiness
from citecheck.model import Block, Citation, Claim, DateMention, Document, Quantity, Quotation

__all__ = ["ClaimScope", "block_claims", "extract_claims", "number_claims"]

_CLAIM_BLOCKS = ("paragraph", "list_item", "quote")


def extract_claims(doc: Document, citations: list[Citation]) -> list[Claim]:
    """The sentences of the essay's paragraphs, list items and block quotes as Claims.

    A claim's quantities, dates and quotations are found with every citation marker in it
    masked out (offsets relative to the claim text).  ``Claim.citations`` holds the indices of
    the citations whose scope covers the sentence: those standing in it (a footnote citation
    where its marker stands, a link where its anchor is), and those of the last sentence of its
    paragraph when the sentence carries none of its own and continues that sentence's content
    (:func:`_paragraph_scope`).
    """
    scope = ClaimScope.of(doc, citations)
    return number_claims(block_claims(scope, 0, len(scope.blocks)))


@dataclass
class ClaimScope:
    """What every block's claims are cut from: the blocks in text order, the citations'
    positions (sorted) and the text with the citation markers masked. Blocks are independent
    of each other, so any run of them can be turned into claims on its own
    (:func:`block_claims`; :mod:`citecheck.claim_pool` spreads a long essay's over processes)."""

    doc: Document
    blocks: list[Block]
    points: list[tuple[int, int]]
    point_keys: list[int]
    masked_text: str

    @classmethod
    def of(cls, doc: Document, citations: list[Citation]) -> ClaimScope:
        blocks = [b for b in doc.blocks if b.kind in _CLAIM_BLOCKS]
        if not doc.blocks:
            blocks = _paragraph_blocks(doc.text)
        # Every citation position, sorted, so each block looks only at its own (linear overall).
        points = sorted((p, index) for index, ps in _citation_positions(doc, citations).items() for p in ps)
        return cls(doc, sorted(blocks, key=lambda b: b.start), points, [p for p, _ in points],
                   _mask(doc.text, 0, citations))


def number_claims(claims: list[Claim]) -> list[Claim]:
    """``claims`` with their ids set in order: c1, c2, ..."""
    for n, claim in enumerate(claims, 1):
        claim.id = f"c{n}"
    return claims


def block_claims(scope: ClaimScope, first: int, stop: int) -> list[Claim]:
    """The claims of ``scope.blocks[first:stop]``, in order, not yet numbered (:func:`number_claims`)."""
    doc, points, point_keys, masked_text = scope.doc, scope.points, scope.point_keys, scope.masked_text
    claims: list[Claim] = []
    for block in scope.blocks[first:stop]:
        b_start, b_end = max(0, block.start), min(len(doc.text), block.end)
        if b_end <= b_start:
            continue
        ranges = [(b_start + a, b_start + b) for a, b in split_sentences(doc.text[b_start:b_end])]
        if not ranges:
            continue
        covering: list[list[int]] = [[] for _ in ranges]
        placed: set[tuple[int, int]] = set()  # (sentence, citation) pairs: a list look-up per pair was quadratic
        starts = [s for s, _ in ranges]
        low, high = bisect.bisect_left(point_keys, b_start), bisect.bisect_right(point_keys, b_end)
        for p, index in points[low:high]:
            k = _sentence_at(ranges, p, b_start, b_end, starts)
            if k is not None and (k, index) not in placed:
                placed.add((k, index))
                covering[k].append(index)
        _paragraph_scope([masked_text[s:e] for s, e in ranges], covering)
        for (s, e), cited in zip(ranges, covering):
            text = doc.text[s:e]
            masked = masked_text[s:e]
            masked = text if masked == text else masked  # one string, not two, when nothing is masked
            dates = extract_dates(masked)
            quantities = extract_quantities(masked, dates=dates)
            quotations = extract_quotations(masked)
            claims.append(Claim(
                id="",
                text=text,
                start=s,
                end=e,
                span=doc.span(s, e),
                quantities=quantities,
                dates=dates,
                quotations=quotations,
                worthiness=_worthiness(masked, dates, quantities, quotations, cited),
                citations=sorted(cited),
                masked=masked,
            ))
    return claims


def _worthiness(masked: str, dates: list[DateMention], quantities: list[Quantity], quotations: list[Quotation],
                cited: list[int]) -> float:
    """The claim's check-worthiness. A claim without a citation is scored from its features,
    which claim-uncited then describes from the same cache; a cited claim's score needs only
    their counts (the same score)."""
    if cited:
        return claim_worthiness(masked, dates, quantities, quotations)
    return _score(claim_features(masked, dates=dates, quantities=quantities, quotations=quotations))


# The author speaking: first person singular anywhere, or a sentence opening with "We", "Our",
# "Let us", "In my" (a claim the author makes, not one the cited work makes).
_OWN_REMARK = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself)\b|^\W*(?:We|Our|Let's|Let’s|Let us|In my)\b"
)
# A sentence that opens by pointing back ("It moved", "This council", "The speech", "He later")
# continues the one before it.
_ANAPHOR = re.compile(
    r"^\W*(?:It|Its|It's|It’s|He|She|His|Her|They|Their|Them|This|These|That|Those|There|Such|The|"
    r"The same|Both|Each|Later|Then|Afterwards|By then|In (?:that|the same) year)\b"
)
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}|\d[\d,.]*\d|\d")
_COMMON = frozenset(["that", "this", "with", "from", "have", "were", "been", "they", "their", "there", "which", "what", "when", "also", "into", "than", "then", "more", "most", "some", "such", "only", "over", "after", "before", "about", "would", "could", "should", "these", "those", "other", "many", "much", "very", "just", "even", "still", "being", "because", "while", "where", "whose", "will", "said", "says", "made", "make", "became", "become", "first", "last", "later", "years", "year", "time", "times", "part", "well", "like", "among", "under", "during", "until", "since"])


def _content_terms(text: str) -> set[str]:
    """Lower-cased words of four letters or more (a final "s" dropped) and numbers."""
    out = set()
    for word in _CONTENT_WORD.findall(text.lower()):
        word = word.replace("’", "'").removesuffix("'s")
        if word not in _COMMON:
            out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return out


def _paragraph_scope(texts: list[str], covering: list[list[int]]) -> None:
    """Extend the paragraph-final sentence's citations to the sentences before it that carry
    none of their own and continue its content (in place on ``covering``).

    Walking back from the cited sentence, an uncited sentence is covered when it is not the
    author's own remark (first person, a question) and either shares a content word or number
    with the cited sentence or a sentence already covered after it, or the next sentence,
    itself covered, opens by pointing back to it ("It", "This", "He later") or the sentence is a
    fragment of three words or fewer before a covered one. Everything else
    stays uncited (and may be reported by claim-uncited). Linear in the paragraph's length.
    """
    last = covering[-1]
    if not last or len(texts) < 2:
        return
    later = _content_terms(texts[-1])
    next_covered = True
    for k in range(len(texts) - 2, -1, -1):
        if covering[k]:
            next_covered = False  # its own citation: what points back to it is its source's
            continue
        text = texts[k]
        own = _OWN_REMARK.search(text) is not None or text.rstrip().rstrip("”\"’')").endswith("?")
        terms = _content_terms(text)
        continues = (bool(terms & later) or (next_covered and _ANAPHOR.match(texts[k + 1]) is not None)
                     # a fragment of three words or fewer ("In 2017, Shout!" of "Shout! Factory")
                     # is no claim of its own: it goes with what follows
                     or (next_covered and len(text.split()) <= 3))
        if continues and not own:
            covering[k] = list(last)
            later |= terms
            next_covered = True
        else:
            next_covered = False


def _paragraph_blocks(text: str) -> list[Block]:
    """Blank-line-separated paragraphs, for a Document read without blocks."""
    return [Block("paragraph", m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]


def _citation_positions(doc: Document, citations: list[Citation]) -> dict[int, list[int]]:
    """Where each citation stands in the running text."""
    refs = {f.label: f.ref_positions for f in doc.footnotes}
    out: dict[int, list[int]] = {}
    for i, c in enumerate(citations):
        if c.footnote is not None and refs.get(c.footnote):
            # The marker follows the text it annotates; where the note's own text is kept inline
            # (LaTeX \footnote{...}) its position is that text's first character, so the
            # character before the marker is what places it.
            out[i] = [max(0, p - 1) for p in refs[c.footnote]]
        else:
            out[i] = [c.start]
    return out


def _sentence_at(ranges: list[tuple[int, int]], p: int, b_start: int, b_end: int,
                 starts: list[int] | None = None) -> int | None:
    """The sentence a position belongs to; a position in a gap belongs to the sentence before.

    ``ranges`` are sorted and do not overlap (``starts`` are their starts, when already at hand),
    so the sentence is the last one starting at or before ``p``.
    """
    if not b_start <= p <= b_end or not ranges:
        return None
    k = bisect.bisect_right(starts if starts is not None else [s for s, _ in ranges], p) - 1
    return max(k, 0)


def _mask(text: str, offset: int, citations: list[Citation]) -> str:
    """``text`` with every citation marker inside it blanked out (same length)."""
    end = offset + len(text)
    depth = [0] * (len(text) + 1)  # +1 where a marker starts, -1 where it ends: linear in all
    for c in citations:
        if c.style in ("link", "footnote"):
            continue  # a link's anchor is prose; a footnote marker is not in the plain text
        a, b = max(c.start, offset), min(c.end, end)
        if a < b:
            depth[a - offset] += 1
            depth[b - offset] -= 1
    chars = list(text)
    inside = 0
    for i in range(len(text)):
        inside += depth[i]
        if inside > 0:
            chars[i] = " "
    return "".join(chars)
