"""Claims: sentences of the essay and what in them can be checked.

One module per responsibility: ``sentences`` (split_sentences), ``quantities`` (numbers, hedges,
:class:`Tolerances`), ``dates``, ``quotations``, ``worthiness`` and ``scope`` (extract_claims);
``lexicon`` holds the words and ranges the quantity and date extractors share. A Claim carries
what was parsed from it, so no later stage parses its text again.

``split_sentences`` cuts text into sentences (syntok, plus repairs for locators such as
``pp. 418`` and for a parenthetical citation standing after the full stop).
``extract_quantities``, ``extract_dates`` and ``extract_quotations`` find checkable parts of a
text; every offset they return indexes the string they were given, so ``evidence`` can call
them on source passages as well as on claims.  ``worthiness`` scores how check-worthy a
sentence is, and ``extract_claims`` turns a Document into Claims with their citation scope.

Quantities
----------
A quantity is a number written in digits ("26,000", "1.5 million", "38%", "$4.2 billion") or in
words ("twenty-six thousand", "a dozen", "three").  Its ``start``/``end`` cover the number
expression: a currency sign, the digits or number words, a scale word ("million") and an attached
percent unit ("%", "per cent", "percent").  The hedge in front and the counted noun after it are
not inside the range; they are given as ``hedge`` and ``unit``.  The counted noun is the first
noun-like word in the three words after the number, skipping adjectives ("26,000 angry words" ->
"words"); percentages have unit "%" and amounts with a currency sign have that sign as unit.

Not quantities: ordinals ("20th Party Congress", "twentieth"), decades ("1950s", dates only),
page and section locators ("p. 418", "pp. 418-20", "vol. 2", "ch. 3"), numbers inside a
parenthetical citation ("(Freeze, 418)", "(Freeze 2009, 418)"), numbered list markers at the
start of a line ("1. ", "2) "), fractions and times ("9/11", "10:30"), and a lone "one" (nearly
always a pronoun: "no one", "one of them") unless a unit follows it ("one hour").

Years: a four-digit number from 1900 to 2099 with no separators, scale or counted noun
("2000 people" is a count), or one from 1000 to 2099 after a word such as "in", "since", "by",
"until", "during" ("by 1945 troops had gone"), or the year of a date, is a quantity with
``is_year=True``; the same numbers are also returned by ``extract_dates``.

Hedges and tolerances
---------------------
``HEDGE_TOLERANCE[hedge] = (low, high)`` (the defaults; a run passes its own
:class:`Tolerances`, built from config ``hedge-tolerance``): a claimed value *v* with that hedge agrees with a
source value *s* when ``v * (1 + low) <= s <= v * (1 + high)`` (bounds swap for negative *v*).
Hedges in ``STRICT_HEDGES`` exclude the claimed value itself: "more than 26,000" needs
``s > 26,000``.

==================================================  ===============  =====================
hedge                                               (low, high)      meaning
==================================================  ===============  =====================
some, about, around, roughly, approximately,        (-0.10, +0.10)   within 10 % either way
approx., an estimated, estimated, close to, circa,
c., ca.
nearly, almost, just under                          (-0.10, 0)       at most 10 % below, not above
just over                                           (0, +0.10)       above, by at most 10 %
over, more than, upwards of, well over  (strict)    (0, +inf)        source strictly above
at least, no fewer than, no less than               (0, +inf)        source at or above
under, less than, fewer than, below  (strict)       (-1, 0)          source strictly below (and >= 0)
up to, at most, no more than                        (-1, 0)          source at or below (and >= 0)
==================================================  ===============  =====================

An unhedged claim must match exactly, except for rounding that the way it is written implies:
a number with a scale word ("1.5 million", "twenty-six thousand") or a decimal fraction
("4.2", "38.5%") or a percentage ("38%") agrees with any source value that rounds to it at its
last written digit ("1.5 million" agrees with 1,523,000, "38%" with 37.6).  A plain integer
("26,000", "1,436") is taken as exact: a writer who means "roughly" should say so.  A hedged
claim agrees with a value in its tolerance interval, or (for the approximate hedges) with one
that rounds to it.

Dates
-----
``extract_dates`` finds "25 February 1956", "1 December 1934", "February 25, 1956", "December 24
1979", "February of 1956", "February 1956", "1956-02-25", "in 1934", "the 1950s"/"the 1950's"
(decade), "late 1941"/"early 1941"/"mid-1941"/"the summer of 1941" (part-of-year), and
"1936–38"/"1936-1938"/"from 1936 to 1938"/"between 1936 and 1938" (range).  ``dates_compatible``
treats each mention as the interval of days it can mean and says whether the two overlap:
a year agrees with any date in that year, a decade with its years, a range with any year in it.

Quotations
----------
``extract_quotations`` finds text in “…”, ‘…’ and straight "…" / '…' quotes; the range and
text are the quoted words without the marks, with ellipses, ``[sic]`` and bracketed insertions
kept.  An apostrophe inside or at the end of a word (Stalin’s, 1950’s, delegates’) never opens a
quotation.  Single quotes inside a double-quoted quotation belong to it and are not returned
separately.  Short quotations (scare quotes) are returned too; ``MIN_CHECKABLE_QUOTE_WORDS`` is
the length below which the quote checker should not search the source for them.
"""

from __future__ import annotations

from citecheck.claims.dates import dates_compatible, extract_dates
from citecheck.claims.quantities import (
    DEFAULT_TOLERANCES,
    HEDGE_TOLERANCE,
    STRICT_HEDGES,
    Tolerances,
    extract_quantities,
    quantity_matches,
)
from citecheck.claims.quotations import MIN_CHECKABLE_QUOTE_WORDS, extract_quotations
from citecheck.claims.scope import extract_claims
from citecheck.claims.sentences import split_sentences
from citecheck.claims.worthiness import (
    WORTHINESS_THRESHOLD,
    ClaimFeatures,
    claim_features,
    worthiness,
)

__all__ = [
    "DEFAULT_TOLERANCES",
    "HEDGE_TOLERANCE",
    "MIN_CHECKABLE_QUOTE_WORDS",
    "STRICT_HEDGES",
    "WORTHINESS_THRESHOLD",
    "ClaimFeatures",
    "Tolerances",
    "claim_features",
    "dates_compatible",
    "extract_claims",
    "extract_dates",
    "extract_quantities",
    "extract_quotations",
    "quantity_matches",
    "split_sentences",
    "worthiness",
]
