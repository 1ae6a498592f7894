"""Issue 8, items 2-5: every example of "What the misses look like" (and its neighbours), end to
end through ``citecheck.check`` on an essay citing a local source file."""

from __future__ import annotations

import json
from pathlib import Path

from citecheck import check
from citecheck.model import Finding, Report
from citecheck.report import render

ALARMS = {"claim-unsupported", "claim-partly-supported", "claim-contradicted", "number-mismatch",
          "date-mismatch", "quote-not-found", "quote-altered"}


def run(tmp_path: Path, essay: str, source: str, key: str = "src") -> Report:
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        f"@misc{{{key},\n  title = {{A source}},\n  file = {{source.txt}}\n}}\n", encoding="utf-8")
    (tmp_path / "essay.md").write_text(essay, encoding="utf-8")
    return check([tmp_path / "essay.md"], offline=True, cache_dir=tmp_path / "cache")


def findings(report: Report, rule: str | None = None) -> list[Finding]:
    found = [f for d in report.documents for f in d.findings]
    return [f for f in found if rule is None or f.rule == rule]


def verdicts(report: Report) -> list[str]:
    return [c.verdict for d in report.documents for c in d.claims]


# ---------------------------------------------------------------- item 2: partial support is a finding

MEDAL_SOURCE = """\
Dorothy Hodgkin was a British chemist who worked on the structure of proteins.

In 1964 she was awarded the Nobel Prize in Chemistry for her work on the structures of important
biochemical substances, including penicillin and vitamin B12.

Her book on crystallography was published by Oxford University Press and was reprinted many times.
"""


def test_absent_name_is_named_by_claim_partly_supported(tmp_path: Path) -> None:
    report = run(tmp_path, "Hodgkin was awarded the Royal Society's gold medal for her work on the "
                           "structures of proteins and penicillin [@src].\n", MEDAL_SOURCE)
    partly = findings(report, "claim-partly-supported")
    assert len(partly) == 1, findings(report)
    finding = partly[0]
    assert finding.severity == "warning"
    assert "Royal Society" in finding.found
    assert "penicillin" not in finding.found  # what the source states is not named
    assert finding.evidence and "structures" in finding.evidence[0]["text"]  # the passage backing the rest
    assert verdicts(report) == ["partially_supported"]


def test_absent_figure_and_name(tmp_path: Path) -> None:
    source = ("The museum opened a new wing in 2012, funded by the city and by private donors.\n\n"
              "The new wing holds the museum's collection of Roman coins and pottery.\n")
    report = run(tmp_path, "The new wing, which holds the Roman coins and pottery, opened in 2012 at a cost "
                           "of $3.2 billion [@src].\n", source)
    partly = findings(report, "claim-partly-supported")
    assert partly and "$3.2 billion" in partly[0].found or "3.2 billion" in partly[0].found
    assert "2012" not in partly[0].found


def test_foreword_by_a_person_the_source_never_names(tmp_path: Path) -> None:
    source = ("The Penguin edition of the Histories was published in 2003 in a new translation.\n\n"
              "The translation of the Histories was praised for its clarity and its notes.\n")
    report = run(tmp_path, "The Penguin edition of the Histories was published in 2003 in a new translation, "
                           "with a foreword by Mary Beard [@src].\n", source)
    partly = findings(report, "claim-partly-supported")
    assert partly and "Mary Beard" in partly[0].found
    # JSON findings carry it: SARIF, GitHub and JSON users see it.
    data = json.loads(render(report, "json"))
    rules = [f["rule"] for d in data["documents"] for f in d["findings"]]
    assert "claim-partly-supported" in rules
    sarif = json.loads(render(report, "sarif"))
    assert any(r["ruleId"] == "claim-partly-supported" for r in sarif["runs"][0]["results"])


def test_spelling_inflection_abbreviation_and_number_format_are_not_absent(tmp_path: Path) -> None:
    source = ("Sao Paulo's council, the C.B.E. holder Ana Lima said, had 1,200,000 members by Nov. 10, 2018.\n\n"
              "The Canadian-born mayor, who was knighted in 1990, opened the centre.\n")
    essay = ("São Paulo's council had 1.2 million members on November 10, 2018, according to Ana Lima, "
             "Commander of the Order of the British Empire [@src].\n\n"
             "The mayor, born in Canada, opened the center after being knighted in 1990 [@src].\n")
    report = run(tmp_path, essay, source)
    assert findings(report, "claim-partly-supported") == []


def test_fully_backed_claim_has_no_finding(tmp_path: Path) -> None:
    report = run(tmp_path, "In 1964 Hodgkin was awarded the Nobel Prize in Chemistry for her work on "
                           "penicillin and vitamin B12 [@src].\n", MEDAL_SOURCE)
    assert [f.rule for f in findings(report) if f.rule in ALARMS] == []
    assert verdicts(report) == ["supported"]


# ---------------------------------------------------------------- item 3: contradictions beyond numbers

def test_different_country_is_contradicted(tmp_path: Path) -> None:
    source = "Dreamer is a 2005 American sports drama film written and directed by John Gatins.\n"
    report = run(tmp_path, "Dreamer is a 2005 Canadian sports drama film directed by John Gatins [@src].\n", source)
    contradicted = findings(report, "claim-contradicted")
    assert len(contradicted) == 1 and contradicted[0].severity == "error"
    assert contradicted[0].found == "Canadian" and contradicted[0].expected == "American"
    assert verdicts(report) == ["contradicted"]
    assert report.exit_code() == 1


def test_different_person_is_contradicted(tmp_path: Path) -> None:
    source = ("Ditko studied under the artist Jerry Robinson at the Cartoonists and Illustrators School "
              "in New York City.\n")
    report = run(tmp_path, "Ditko studied under the artist Jack Kirby at the Cartoonists and Illustrators "
                           "School in New York City [@src].\n", source)
    contradicted = findings(report, "claim-contradicted")
    assert contradicted and contradicted[0].found == "Jack Kirby"
    assert "Jerry Robinson" in (contradicted[0].expected or "")


def test_opposite_outcome_is_contradicted(tmp_path: Path) -> None:
    source = "In the 1998 final, the club lost the cup to Arsenal after extra time at Wembley.\n"
    report = run(tmp_path, "In the 1998 final, the club won the cup against Arsenal after extra time at "
                           "Wembley [@src].\n", source)
    contradicted = findings(report, "claim-contradicted")
    assert contradicted and contradicted[0].found == "won" and contradicted[0].expected == "lost"


def test_opposite_direction_is_contradicted(tmp_path: Path) -> None:
    source = "Unemployment in the region fell sharply during the second half of the decade.\n"
    report = run(tmp_path, "Unemployment in the region rose sharply during the second half of the decade [@src].\n",
                 source)
    assert findings(report, "claim-contradicted")


def test_negation_added_is_contradicted(tmp_path: Path) -> None:
    source = "Gin is a spirit which derives its predominant flavour from juniper berries.\n"
    report = run(tmp_path, "Gin does not derive its predominant flavour from juniper berries [@src].\n", source)
    contradicted = findings(report, "claim-contradicted")
    assert contradicted and contradicted[0].found == "not"


def test_negation_removed_is_contradicted(tmp_path: Path) -> None:
    source = "The popularity of the Beatles did not attract tourists to Liverpool in the 1960s.\n"
    report = run(tmp_path, "The popularity of the Beatles attracted tourists to Liverpool in the 1960s [@src].\n",
                 source)
    assert findings(report, "claim-contradicted")


def test_paraphrase_is_not_contradicted(tmp_path: Path) -> None:
    source = "Gin is a spirit which derives its predominant flavour from juniper berries.\n"
    report = run(tmp_path, "Gin takes its predominant flavour from juniper berries [@src].\n", source)
    assert findings(report, "claim-contradicted") == []


# ---------------------------------------------------------------- item 4: figures counting the same thing

def test_inhabitants_against_population_of_people(tmp_path: Path) -> None:
    source = ("Ellison describes the town in the 1880s.\n\nThe town had a population of about 20,000 people "
              "when the railway arrived.\n")
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@book{ellison,\n  author = {Ellison, Ann},\n  title = {The town},\n  file = {source.txt}\n}\n",
        encoding="utf-8")
    (tmp_path / "essay.md").write_text("The town had 45,000 inhabitants when the railway arrived (Ellison 12).\n",
                                       encoding="utf-8")
    report = check([tmp_path / "essay.md"], offline=True, cache_dir=tmp_path / "cache")
    mismatch = findings(report, "number-mismatch")
    assert mismatch and "20,000" in (mismatch[0].expected or "")
    assert "45,000" in (mismatch[0].found or "")


def test_units_are_converted(tmp_path: Path) -> None:
    source = "The bridge over the river is 2 kilometres long and was opened in 1911 by the mayor.\n"
    agree = run(tmp_path, "The bridge over the river is 2,000 metres long and was opened in 1911 by the mayor "
                          "[@src].\n", source)
    assert findings(agree) == [] and verdicts(agree) == ["supported"]
    differ = run(tmp_path, "The bridge over the river is 5 miles long and was opened in 1911 by the mayor "
                           "[@src].\n", source)
    assert findings(differ, "number-mismatch")


def test_fraction_and_percentage(tmp_path: Path) -> None:
    source = "About half of the town's voters supported the new charter in the referendum of 1921.\n"
    agree = run(tmp_path, "About 50 percent of the town's voters supported the new charter in the referendum "
                          "of 1921 [@src].\n", source)
    assert findings(agree, "number-mismatch") == []
    differ = run(tmp_path, "About 80 percent of the town's voters supported the new charter in the "
                           "referendum of 1921 [@src].\n", source)
    assert findings(differ, "number-mismatch")


def test_date_must_date_the_same_event(tmp_path: Path) -> None:
    source = ("In 1890 the town had a population of 30,000.\n\n"
              "The council moved its offices to Leeds in 1902, after a long dispute.\n")
    report = run(tmp_path, "The council moved its offices to Leeds in 1890 [@src].\n", source)
    mismatch = findings(report, "date-mismatch")
    assert mismatch and mismatch[0].expected == "1902" and mismatch[0].found == "1890"
    assert verdicts(report) == ["contradicted"]


# ---------------------------------------------------------------- item 5: misquotes fail the run

STALIN = ("Stalin absolutely did not tolerate collegiality in leadership and in work, and he practiced "
          "brutal violence.\n")


def test_reversed_quotation_is_an_error_and_contradicted(tmp_path: Path) -> None:
    report = run(tmp_path, 'Khrushchev said that Stalin "warmly welcomed collegiality in leadership and in '
                           'work" [@src].\n', STALIN)
    errors = [f for f in findings(report) if f.severity == "error"]
    assert errors, findings(report)
    assert verdicts(report) == ["contradicted"]
    assert report.exit_code() == 1


def test_changed_content_word_in_quotation_is_an_error(tmp_path: Path) -> None:
    report = run(tmp_path, 'Khrushchev said that Stalin "absolutely did not tolerate collegiality in leadership '
                           'and in life" [@src].\n', STALIN)
    altered = findings(report, "quote-altered")
    assert altered and altered[0].severity == "error"
    assert report.exit_code() == 1


def test_quotation_conventions_are_not_findings(tmp_path: Path) -> None:
    source = ("The committee said the programme had been a great success, and that the organisation "
              "would continue its work in the colonies.\n")
    essay = ('The committee said "[t]he program had been a great success ... the organization would continue '
             'its work" [@src].\n')
    report = run(tmp_path, essay, source)
    assert [f.rule for f in findings(report) if f.rule.startswith("quote")] == []
