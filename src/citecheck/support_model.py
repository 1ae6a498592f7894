"""How far a source backs a claim that nothing contradicts: the verdict from the verification's
signals (a leaf; :mod:`citecheck.verification` computes the signals and calls :func:`decide`).

The signals are what verification measures anyway: how much of the claim the best passages hold
(its content words weighted by their rarity in English, by their idf over the source, and
unweighted), how much of it the whole source holds, and the figures, dates and names of the claim
that the source never states (:mod:`citecheck.evidence.details`).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PARTIAL_COVERAGE", "SUPPORTED_COVERAGE", "SUPPORTED_SOURCE_FLOOR", "SupportSignals", "decide"]

# Verdict thresholds, chosen on one half of WiCE entailment_retrieval dev (the claims whose
# Wikipedia article title hashes even; bench/essays.py reports the other half). "supported"
# needs >= SUPPORTED_COVERAGE of the claim's content words, each weighted by how rare it is in
# general English, in the union of the best three passages, and at least
# SUPPORTED_SOURCE_FLOOR of them weighted by their idf over the source (a short claim whose one
# changed word is common in English but rare in the source: "… is a dog" against "… is a
# singer"), and no figure, date or name of the claim absent from the source; "unsupported"
# (which the claim-unsupported rule reports) is a share of the claim's distinct content words in
# the best two passages below PARTIAL_COVERAGE: 0.25 flagged no supported claim of the tuning
# half (0.3 flagged 3 of 58). bench/support_model.py compares these thresholds with a logistic
# model over the same signals, cross-validated inside the tuning half (the model was measured
# end to end and not adopted: see its docstring).
SUPPORTED_COVERAGE = 0.5
SUPPORTED_SOURCE_FLOOR = 0.4
PARTIAL_COVERAGE = 0.25


@dataclass(frozen=True)
class SupportSignals:
    """What verification measured of one claim against one source (no contradiction found).

    weighted: share of the claim's content words, weighted by rarity in English, in the best
    three passages (words the cited entry states count as found); source_weighted: the same
    weighted by idf over the source; coverage: share of its distinct content words in the best two
    passages; anywhere: the rarity-weighted share found anywhere in the source; absent_names /
    absent_figures: names, and figures or dates, of the claim the source never states;
    absent_information: the share of the claim's rarity weight carried by those absent names."""

    weighted: float
    source_weighted: float
    coverage: float
    anywhere: float = 0.0
    absent_names: int = 0
    absent_figures: int = 0
    absent_information: float = 0.0

    @property
    def absent(self) -> int:
        return self.absent_names + self.absent_figures


def decide(signals: SupportSignals) -> str:
    """supported | partially_supported | unsupported for a claim nothing contradicts."""
    if (signals.weighted >= SUPPORTED_COVERAGE and signals.source_weighted >= SUPPORTED_SOURCE_FLOOR
            and not signals.absent):
        return "supported"
    if signals.coverage >= PARTIAL_COVERAGE:
        return "partially_supported"
    return "unsupported"
