"""Property tests over the whole pipeline: any essay text gives a schema-valid report, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import citecheck
from citecheck.config import Config
from citecheck.report.json import to_dict

FRAGMENTS = [
    "(Freeze, 418)", "(Freeze 2009, p. 12)", "[@speech, p. 3]", "[1]", "[^1]", "\n\n[^1]: Freeze, Russia, 418.\n",
    '"had gathered immeasurable power into his own hands"', "some 26,000 words", "on 1 December 1934",
    "[a link](https://example.org/page)", "<!-- citecheck: ignore claim-uncited -->", "\\cite{speech}",
    "the 1950's", "nearly 1.5 million delegates", "(see above)", "(USSR)", "[sic]", "…", "\n\n", "# Heading\n",
    "* item\n", "> quoted\n", "`code`", "**bold**", "Stalin", "Khrushchev's speech", ". ", ", ", "\u00a0", "\t",
]
BIB = """@book{freeze, editor = {Freeze, Gregory}, title = {Russia}, publisher = {OUP}, year = {2009},
  pagetotal = {556}}
@misc{speech, author = {Khrushchev, Nikita}, title = {Speech}, year = {1956}, howpublished = {Speech},
  file = {speech.txt}, citecheck-fulltext = {true}}
"""
SPEECH = ("In December 1922 Lenin wrote that Stalin had gathered immeasurable power into his own hands. "
          "The congress met on 25 February 1956.\n")

# NUL bytes make a file binary, which is an input error by design (tested in test_cli).
prose = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30)
essays = st.lists(st.one_of(st.sampled_from(FRAGMENTS), prose), max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=essays, suffix=st.sampled_from([".md", ".txt", ".html", ".tex"]))
def test_any_essay_gives_a_valid_report(text: str, suffix: str, report_schema: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "references.bib").write_text(BIB, encoding="utf-8")
        (root / "speech.txt").write_text(SPEECH, encoding="utf-8")
        essay = root / f"essay{suffix}"
        essay.write_text(text, encoding="utf-8")
        report = citecheck.check([essay], config=Config(), offline=True, cache_dir=root / "cache")
        document = report.documents[0]
        if not document.source.strip() or document.error:  # an essay with no text is reported, not passed
            assert document.error and "has no text" in document.error, document.error
            return
        data = json.loads(json.dumps(to_dict(report)))
        jsonschema.validate(data, report_schema)
        for finding in report.findings():
            assert finding.span is not None and finding.expected and finding.found
        for claim in document.claims:
            assert claim.verdict != "unverifiable" or claim.reason
