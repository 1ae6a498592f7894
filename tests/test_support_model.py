"""The support decision (support_model): one record of signals in, one verdict out, and the
Verification carries the signals it was decided on."""

from __future__ import annotations

from citecheck.support_model import PARTIAL_COVERAGE, SUPPORTED_COVERAGE, SupportSignals, decide
from citecheck.verification import verify


def test_decide_reads_coverage_and_absent_details() -> None:
    covered = SupportSignals(weighted=SUPPORTED_COVERAGE + 0.1, source_weighted=0.6, coverage=0.6)
    assert decide(covered) == "supported"
    assert decide(SupportSignals(0.9, 0.9, 0.9, absent_names=1)) == "partially_supported"
    assert decide(SupportSignals(0.9, 0.9, 0.9, absent_figures=1)) == "partially_supported"
    assert decide(SupportSignals(0.9, 0.2, 0.9)) == "partially_supported"  # the source-idf floor
    assert decide(SupportSignals(0.2, 0.2, PARTIAL_COVERAGE - 0.01)) == "unsupported"


def test_a_verification_carries_the_signals_of_its_verdict() -> None:
    source = ("The Tay rail bridge opened to trains in 1887 and crosses the firth near Dundee. "
              "Its piers stand on the river bed.")
    claim = "The Tay rail bridge, designed by Ralph Lomas, opened to trains in 1887."
    result = verify(claim, source)
    assert result.signals is not None
    assert result.signals.absent_names == 1 and result.signals.absent_figures == 0
    assert 0 < result.signals.absent_information < 1
    assert result.verdict == decide(result.signals) == "partially_supported"
    # Every detail stated: no absent name, more of the claim's weight found.
    stated = verify("The Tay rail bridge opened to trains in 1887.", source)
    assert stated.signals is not None and stated.signals.absent == 0
    assert stated.verdict == decide(stated.signals) == "supported"
    assert stated.signals.anywhere >= stated.signals.weighted > result.signals.weighted


def test_a_contradicted_claim_is_decided_before_the_signals() -> None:
    result = verify("The Tay rail bridge opened to trains in 1901.",
                    "The Tay rail bridge opened to trains in 1887 and crosses the firth.")
    assert result.verdict == "contradicted"
    assert result.signals is None
