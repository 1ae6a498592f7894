"""The claim checks: quotes, numbers, computed word counts, support."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import claims as claims_mod
from citecheck.checks.computed import check_computed, count_words
from citecheck.checks.numbers import check_numbers
from citecheck.checks.quotes import check_quotes
from citecheck.checks.support import check_support
from citecheck.evidence import verify
from citecheck.model import Claim, Person, Reference, Source, Span

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"
HARBOUR = (FIXTURES / "harbour-council.txt").read_text(encoding="utf-8")
KHRUSHCHEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sources" / "khrushchev-1956-abridged.txt"
needs_shared = pytest.mark.skipif(not KHRUSHCHEV.exists(), reason="../shared corpus not present")


def make_claim(text: str) -> Claim:
    return Claim(
        id="c1", text=text, start=0, end=len(text),
        quantities=claims_mod.extract_quantities(text),
        dates=claims_mod.extract_dates(text),
        quotations=claims_mod.extract_quotations(text),
    )


def span_of(start: int, end: int) -> Span:
    return Span("essay.md", 1, start + 1, 1, end + 1, start, end)


@pytest.fixture(scope="module")
def khrushchev() -> Source:
    return Source(id="khrushchev1956", url="https://example.org/speech", status="live",
                  text=KHRUSHCHEV.read_text(encoding="utf-8"))


def harbour() -> Source:
    return Source(id="harbour", path=str(FIXTURES / "harbour-council.txt"), text=HARBOUR, status="file")


# ---------------------------------------------------------------- quotes


@needs_shared
def test_quote_exact_no_finding(khrushchev: Source) -> None:
    claim = make_claim('Khrushchev said Stalin "knew the country and agriculture only from films" (Freeze, 418).')
    assert check_quotes(claim, khrushchev, "essay.md", span_of) == ([], [])


@needs_shared
def test_quote_with_ellipsis_no_finding(khrushchev: Source) -> None:
    claim = make_claim('Lenin warned that Stalin "accumulated in his hands immeasurable power … '
                       'with the required care."')
    assert check_quotes(claim, khrushchev, "essay.md", span_of) == ([], [])


@needs_shared
def test_quote_one_word_changed_is_altered_error(khrushchev: Source) -> None:
    # Issue 8: any changed content word inside quotation marks is an error.
    claim = make_claim('Lenin wrote that Stalin had "accumulated in his hands unlimited power".')
    findings, mismatches = check_quotes(claim, khrushchev, "essay.md", span_of)
    [f] = findings
    assert f.rule == "quote-altered" and f.severity == "error"
    assert "[-immeasurable-] {+unlimited+}" in f.message
    assert f.span is not None and claim.text[f.span.start:f.span.end] == "accumulated in his hands unlimited power"
    assert f.evidence[0]["location"].startswith("¶ ")
    assert f.evidence[0]["deep_link"].startswith("https://example.org/speech#:~:text=")
    assert "immeasurable" in (f.expected or "")
    assert [m.rule for m in mismatches] == ["quote-altered"]


@needs_shared
def test_quote_year_changed_is_altered_error(khrushchev: Source) -> None:
    claim = make_claim('Khrushchev recalled that "the last time he visited a village was in January 1929".')
    findings, _ = check_quotes(claim, khrushchev, "essay.md", span_of)
    [f] = findings
    assert f.rule == "quote-altered" and f.severity == "error"
    assert "[-1928-] {+1929+}" in f.message


@needs_shared
def test_quote_not_in_source(khrushchev: Source) -> None:
    claim = make_claim('Khrushchev insisted that "the party must always obey the general secretary without question".')
    findings, mismatches = check_quotes(claim, khrushchev, "essay.md", span_of)
    [f] = findings
    assert f.rule == "quote-not-found" and f.severity == "error"
    assert mismatches[0].rule == "quote-not-found"


def test_scare_quotes_are_skipped() -> None:
    claim = make_claim('The council called the fee a "fair price" at the time.')
    assert check_quotes(claim, harbour(), "essay.md", span_of) == ([], [])


def test_quotes_on_own_fixture() -> None:
    ok = make_claim('Ellery said "a harbour that cannot pay for its own lamps will not keep its ships for long."')
    assert check_quotes(ok, harbour(), "essay.md", span_of) == ([], [])
    changed = make_claim('Ellery said "a harbour that cannot pay for its own lamps will not keep its boats for long."')
    findings, _ = check_quotes(changed, harbour(), "essay.md", span_of)
    assert [(f.rule, f.severity) for f in findings] == [("quote-altered", "error")]  # a content word changed


# ---------------------------------------------------------------- numbers and dates


def test_numbers_agree() -> None:
    claim = make_claim("At its first session the council counted 1,436 delegates (Ellery, 3).")
    assert check_numbers(claim, harbour(), "essay.md", span_of) == ([], [])


def test_numbers_disagree() -> None:
    claim = make_claim("At its first session the council counted 1,536 delegates (Ellery, 3).")
    findings, mismatches = check_numbers(claim, harbour(), "essay.md", span_of)
    [f] = findings
    assert f.rule == "number-mismatch" and f.severity == "error"
    assert "essay: 1,536 delegates; source: 1,436 delegates" in f.message
    assert f.expected == "1,436 delegates" and f.found == "1,536 delegates"
    assert f.span is not None and claim.text[f.span.start:f.span.end] == "1,536"
    assert "1,436 delegates" in f.evidence[0]["text"] and f.evidence[0]["location"] == "¶ 2"
    assert mismatches[0].rule == "number-mismatch"


def test_numbers_hedged_within_and_beyond_tolerance() -> None:
    within = make_claim("By 1925 the ferry carried some 50,000 passengers a year.")
    assert check_numbers(within, harbour(), "essay.md", span_of) == ([], [])
    beyond = make_claim("By 1925 the ferry carried some 70,000 passengers a year.")
    findings, _ = check_numbers(beyond, harbour(), "essay.md", span_of)
    [f] = findings
    assert "essay: some 70,000 passengers" in f.message and "source: some 48,000 passengers" in f.message
    assert '"some" allows -10%..+10%' in f.message


def test_dates_agree_and_disagree() -> None:
    ok = make_claim("The lighthouse was electrified in 1931.")
    assert check_numbers(ok, harbour(), "essay.md", span_of) == ([], [])
    bad = make_claim("The lighthouse was electrified in 1913.")
    findings, _ = check_numbers(bad, harbour(), "essay.md", span_of)
    [f] = findings
    assert f.rule == "date-mismatch"
    assert "essay: 1913; source: 1931" in f.message


def test_dates_hedged_period_agrees() -> None:
    claim = make_claim("The Harbour Council first met in the early 1920s.")
    assert check_numbers(claim, harbour(), "essay.md", span_of) == ([], [])


def test_dates_yearless_source_date_is_no_finding() -> None:
    # the source gives the day without the year ("died on May 7"), and a dateline of another day
    text = ("May 10, 2018\n\n"
            "Charlie Russell, a Canadian naturalist who lived among grizzly bears, died on May 7 in "
            "Calgary, Alberta.\n\nHe was 76.")
    source = Source(id="obit", text=text, status="file")
    claim = make_claim("Russell died after complications from a surgery in Calgary, Alberta on May 7, 2018.")
    findings, _ = check_numbers(claim, source, "essay.md", span_of)
    assert findings == []
    # the same day with another year stated in full is still a mismatch
    other = Source(id="obit2", text=text.replace("died on May 7 in", "died on May 7, 2017, in"), status="file")
    [f] = check_numbers(claim, other, "essay.md", span_of)[0]
    assert f.rule == "date-mismatch" and "source: May 7, 2017" in f.message


# ---------------------------------------------------------------- support


def test_support_unsupported_claim_warns() -> None:
    claim = make_claim("A secret submarine base was funded by the CIA near the lighthouse.")
    verification = verify(claim.text, harbour())
    assert verification.verdict == "unsupported"
    [f] = check_support(claim, verification, harbour(), "essay.md", span_of)
    assert f.rule == "claim-unsupported" and f.severity == "warning"
    assert f.span is not None and f.span.start == 0
    assert "lighthouse" in f.evidence[0]["text"]  # the closest passage, for the reader to judge
    nothing = make_claim("The CIA funded a secret submarine base under the cathedral.")
    [g] = check_support(nothing, verify(nothing.text, harbour()), harbour(), "essay.md", span_of)
    assert "text" not in g.evidence[0]  # no passage shares a word with it


def test_support_silent_when_supported_or_contradicted() -> None:
    supported = make_claim("The lighthouse was electrified in 1931.")
    assert check_support(supported, verify(supported.text, harbour()), harbour(), "essay.md") == []
    contradicted = make_claim("The council counted 1,536 delegates.")
    assert check_support(contradicted, verify(contradicted.text, harbour()), harbour(), "essay.md") == []


# ---------------------------------------------------------------- computed word counts


def _speech_ref(tmp_path: Path, **fields: str) -> Reference:
    base = {"title": "On the Cult of Personality and Its Consequences",
            "howpublished": "Speech to the Twentieth Congress of the CPSU", "year": "1956"}
    base.update(fields)
    return Reference(key="khrushchev1956cult", entry_type="misc", fields=base,
                     bib_path=str(tmp_path / "refs.bib"), line=1,
                     authors=[Person("Khrushchev, Nikita", "Khrushchev", "khrushchev")])


def _book_ref(tmp_path: Path) -> Reference:
    return Reference(key="freeze2009", entry_type="book",
                     fields={"title": "Russia: A History", "publisher": "Oxford University Press", "year": "2009"},
                     bib_path=str(tmp_path / "refs.bib"), line=9,
                     authors=[Person("Freeze, Gregory L.", "Freeze", "freeze")])


def _words(n: int) -> str:
    sentence = "Comrades we must abolish the cult of the individual decisively once and for all. "  # 14 words
    text = (sentence * (n // 14 + 1)).split()[:n]
    return " ".join(text)


def _run_computed(tmp_path: Path, words: int | None, complete: bool = True, **fields: str):
    speech = _speech_ref(tmp_path, **fields)
    refs = {speech.key: speech, "freeze2009": _book_ref(tmp_path)}

    def get_source(ref: Reference) -> Source | None:
        if ref.key != speech.key or words is None:
            return None
        path = tmp_path / "khrushchev-speech.txt"
        path.write_text(_words(words), encoding="utf-8")
        return Source(id=ref.key, path=str(path), status="file", text=path.read_text(encoding="utf-8"),
                      complete=complete)

    claim = make_claim("Khrushchev's speech ran to some 26,000 words (Freeze, 418).")
    return claim, check_computed(claim, "essay.md", span_of, refs, ["freeze2009"], get_source)


def test_count_words() -> None:
    assert count_words("Comrades! — the 20th  Congress (Applause.) – ...") == 5
    assert count_words(_words(2000)) == 2000


def test_computed_mismatch_with_both_figures(tmp_path: Path) -> None:
    claim, (findings, reasons) = _run_computed(tmp_path, 2000)
    assert reasons == []
    [f] = findings
    assert f.rule == "computed-mismatch" and f.severity == "error"
    assert "some 26,000 words" in f.message
    assert "2,000 words counted in khrushchev-speech.txt (whitespace-separated tokens with letters or digits)" in f.message
    assert f.expected == "2,000 words" and f.found == "some 26,000 words"
    assert f.span is not None and claim.text[f.span.start:f.span.end] == "26,000"
    assert f.source == "khrushchev1956cult"


def test_computed_within_tolerance(tmp_path: Path) -> None:
    _, (findings, reasons) = _run_computed(tmp_path, 25500)
    assert findings == [] and reasons == []


def test_computed_abstains_when_not_complete(tmp_path: Path) -> None:
    _, (findings, reasons) = _run_computed(tmp_path, 2000, complete=False)
    assert findings == []
    [reason] = reasons
    assert reason.startswith("khrushchev1956cult: ") and "citecheck-fulltext" in reason


def test_computed_abstains_without_text(tmp_path: Path) -> None:
    _, (findings, reasons) = _run_computed(tmp_path, None, url="https://example.org/speech")
    assert findings == []
    assert reasons == ["khrushchev1956cult: no full text offline (the entry has a URL but no local file)"]


def test_computed_ignores_other_claims(tmp_path: Path) -> None:
    claim = make_claim("The congress heard 1,436 delegates.")
    assert check_computed(claim, "essay.md", span_of, {}, [], lambda ref: None) == ([], [])
