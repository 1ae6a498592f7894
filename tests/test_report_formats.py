"""The CI report formats (SARIF, GitHub annotations, JUnit, Markdown) over a Report built by hand.

The Report here is made from the model's dataclasses directly, so these tests do not depend on
the readers, checks or sources. Spans are computed from a real essay text with LineIndex, so
lines and columns are the ones a reader would give.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from citecheck import __version__
from citecheck.checks.registry import RULES
from citecheck.model import (
    Citation,
    Claim,
    DocumentResult,
    Finding,
    LibraryResult,
    LineIndex,
    Passage,
    Report,
    Resolution,
    Span,
)
from citecheck.report import github, junit, markdown, sarif

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "report"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

ESSAY = "posts/secret-speech.md"
ESSAY_SOURCE = (
    "# The Secret Speech\n"
    "\n"
    "The congress had 1,536 delegates (Freeze, 418). Khrushchev spoke for\n"
    "four hours, 50% longer than planned.\n"
    "\n"
    "The speech was later published (Service, 12). It was read at closed sessions [@taubman2003].\n"
)
NOTES = "posts/notes, part: 1.md"
NOTES_SOURCE = 'He said "the cult\nof personality" was over.\n'
BIB = "references.bib"
BIB_SOURCE = "@book{freeze2009,\n  title = {Russia},\n  year = {2009}\n  publisher = {OUP}\n}\n"
# A message with every character the formats must escape: % , : | and newlines.
TRICKY = "Check-worthy claim has no citation: 50% longer, | per\nthe essay\r\nitself"


def _span(path: str, source: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = source.index(needle, start + 1)
    return LineIndex(source).span(path, start, start + len(needle))


def make_report() -> Report:
    s = ESSAY_SOURCE
    sentence1 = "The congress had 1,536 delegates (Freeze, 418)."
    sentence2 = "Khrushchev spoke for\nfour hours, 50% longer than planned."
    sentence3 = "The speech was later published (Service, 12)."
    sentence4 = "It was read at closed sessions [@taubman2003]."
    citations = [
        Citation("mla", "(Freeze, 418)", 0, 0, names=["Freeze"], span=_span(ESSAY, s, "(Freeze, 418)"),
                 resolution=Resolution("ambiguous", ["freeze2009", "freeze2002"])),
        Citation("mla", "(Service, 12)", 0, 0, names=["Service"], span=_span(ESSAY, s, "(Service, 12)"),
                 resolution=Resolution("resolved", ["service2005"])),
        Citation("pandoc", "[@taubman2003]", 0, 0, key="taubman2003", span=_span(ESSAY, s, "[@taubman2003]"),
                 resolution=Resolution("resolved", ["taubman2003"])),
    ]
    passage = Passage("Taubman: the speech was read aloud at closed party meetings.", "taubman2003", 0, 60,
                      "p. 283", 0.91, deep_link="https://example.org/taubman#:~:text=closed%20party")
    claims = [
        Claim("c1", sentence1, 0, 0, span=_span(ESSAY, s, sentence1), citations=[0], verdict="contradicted"),
        Claim("c2", sentence2, 0, 0, span=_span(ESSAY, s, sentence2), verdict="unverifiable",
              reason="no citation in scope"),
        Claim("c3", sentence3, 0, 0, span=_span(ESSAY, s, sentence3), citations=[1], verdict="unverifiable",
              reason="print book without an accessible text"),
        Claim("c4", sentence4, 0, 0, span=_span(ESSAY, s, sentence4), citations=[2], verdict="supported",
              evidence=[passage]),
        Claim("c5", "# The Secret Speech", 0, 0, span=_span(ESSAY, s, "The Secret Speech")),
    ]
    essay_findings = [
        Finding("number-mismatch", "error", "The source gives a different number of delegates.", ESSAY,
                span=_span(ESSAY, s, "1,536"), expected="1,436 delegates", found="1,536 delegates",
                evidence=[{"passage": "1,436 delegates attended", "source": "freeze2009", "location": "p. 418"}],
                source="freeze2009", fingerprint="fp-number"),
        Finding("citation-ambiguous", "warning", "(Freeze, 418) matches 2 entries: freeze2002, freeze2009.", ESSAY,
                span=_span(ESSAY, s, "(Freeze, 418)"), fingerprint="fp-ambiguous"),
        Finding("claim-uncited", "warning", TRICKY, ESSAY, span=_span(ESSAY, s, sentence2),
                fingerprint="fp-uncited"),
        Finding("source-unverifiable", "info", "service2005 has no accessible text; 1 claim is unverifiable.",
                ESSAY, source="service2005", fingerprint="fp-unverifiable"),
    ]
    notes_findings = [
        Finding("quote-altered", "warning", "The quotation differs from the source.", NOTES,
                span=_span(NOTES, NOTES_SOURCE, "the cult\nof personality"),
                expected="the cult of the individual", found="the cult of personality", fingerprint="fp-quote"),
    ]
    bib_findings = [
        Finding("bib-syntax", "error", "missing comma after field year", BIB,
                span=_span(BIB, BIB_SOURCE, "year = {2009}"), fingerprint="fp-bib"),
        Finding("reference-unused", "info", "freeze2009 is never cited.", BIB, fingerprint="fp-unused"),
    ]
    return Report(
        documents=[
            DocumentResult(ESSAY, "markdown", citations=citations, claims=claims, findings=essay_findings,
                           source=ESSAY_SOURCE),
            DocumentResult("drafts/broken.md", error="drafts/broken.md: cannot decode as UTF-8 (save the file "
                                                      "as UTF-8 and run citecheck again)"),
            DocumentResult(NOTES, "markdown", findings=notes_findings, source=NOTES_SOURCE),
        ],
        libraries=[LibraryResult(BIB, entries=1, findings=bib_findings, source=BIB_SOURCE)],
    )


def clean_report() -> Report:
    """A run with findings but nothing unreadable."""
    report = make_report()
    report.documents = [d for d in report.documents if not d.error]
    return report


def shuffled(report: Report) -> Report:
    other = copy.deepcopy(report)
    rng = random.Random(7)
    rng.shuffle(other.documents)
    for doc in other.documents:
        rng.shuffle(doc.findings)
    for lib in other.libraries:
        lib.findings.reverse()
    return other


# --- SARIF ----------------------------------------------------------------------------------


def _sarif_validator():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (../shared absent)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the schema declares draft-07
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates_against_the_official_schema():
    validator = _sarif_validator()
    for report in (make_report(), clean_report(), Report()):
        log = json.loads(sarif.render(report))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sarif_schema_check_catches_a_broken_region():
    # Proves the validation above has teeth: SARIF columns start at 1.
    validator = _sarif_validator()
    log = json.loads(sarif.render(make_report()))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    assert list(validator.iter_errors(log))


def test_sarif_tool_driver_lists_every_rule_with_its_docs():
    run = json.loads(sarif.render(make_report()))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "citecheck"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    bib = driver["rules"][list(RULES).index("bib-syntax")]
    assert bib["shortDescription"]["text"] == RULES["bib-syntax"].summary
    assert bib["fullDescription"]["text"] == RULES["bib-syntax"].why
    assert RULES["bib-syntax"].fix in bib["help"]["text"]
    assert RULES["bib-syntax"].example in bib["help"]["markdown"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["bib-syntax"] == "error"
    assert levels["citation-ambiguous"] == "warning"
    assert levels["reference-unused"] == "note"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results_carry_locations_levels_and_fingerprints():
    run = json.loads(sarif.render(make_report()))["runs"][0]
    results = run["results"]
    assert len(results) == len(make_report().findings()) == 7
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in results}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]

    number = by_rule["number-mismatch"]
    assert number["level"] == "error"
    assert "Expected: 1,436 delegates" in number["message"]["text"]
    assert "Found: 1,536 delegates" in number["message"]["text"]
    location = number["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "posts/secret-speech.md", "uriBaseId": "%SRCROOT%"}
    # "1,536" stands at line 3, columns 18-22; SARIF's endColumn is the column after it.
    assert location["region"] == {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 23}
    assert number["partialFingerprints"] == {"citecheck/v1": "fp-number"}
    assert number["properties"]["evidence"][0]["location"] == "p. 418"

    multiline = by_rule["quote-altered"]["locations"][0]["physicalLocation"]
    assert multiline["artifactLocation"]["uri"] == "posts/notes%2C%20part%3A%201.md"
    assert multiline["region"] == {"startLine": 1, "startColumn": 10, "endLine": 2, "endColumn": 15}

    assert by_rule["source-unverifiable"]["level"] == "note"
    assert by_rule["source-unverifiable"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    bib = by_rule["bib-syntax"]["locations"][0]["physicalLocation"]
    assert bib["artifactLocation"]["uri"] == "references.bib"
    assert bib["region"]["startLine"] == 3
    assert by_rule["reference-unused"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_sarif_columns_count_code_points():
    source = "Ünïcödé — “quoted” 1,536 words\n"
    span = _span("u.md", source, "1,536")
    report = Report(documents=[DocumentResult("u.md", findings=[
        Finding("number-mismatch", "error", "m", "u.md", span=span)])])
    region = json.loads(sarif.render(report))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == source.index("1,536") + 1 == 20
    assert region["endColumn"] == 25


def test_sarif_reports_unreadable_files_as_failed_execution():
    invocation = json.loads(sarif.render(make_report()))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "cannot decode" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/broken.md"

    clean = json.loads(sarif.render(clean_report()))["runs"][0]["invocations"][0]
    assert clean["executionSuccessful"] is True
    assert clean["exitCode"] == 1
    assert "toolExecutionNotifications" not in clean


def test_sarif_artifact_uris():
    assert sarif.artifact_location("./essays/a b.md") == {"uri": "essays/a%20b.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("essays\\win.md") == {"uri": "essays/win.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("c:x.md")["uri"] == "c%3Ax.md"
    assert sarif.artifact_location("/srv/blog/post.md") == {"uri": "file:///srv/blog/post.md"}
    assert sarif.artifact_location("C:\\blog\\post.md") == {"uri": "file:///C:/blog/post.md"}


# --- GitHub workflow commands ---------------------------------------------------------------


def test_github_output_is_byte_exact():
    expected = (FIXTURES / "expected.github.txt").read_bytes()
    assert github.render(make_report()).encode("utf-8") == expected


def test_github_escaping_follows_the_toolkit():
    assert github.escape_data("50% a:b, c\r\nd") == "50%25 a:b, c%0D%0Ad"
    assert github.escape_property("50% a:b, c\r\nd") == "50%25 a%3Ab%2C c%0D%0Ad"
    # "%" first, so an escape sequence already in the text is not taken for one.
    assert github.escape_data("%0A") == "%250A"
    lines = github.render(make_report()).splitlines()
    uncited = next(line for line in lines if "title=claim-uncited" in line)
    assert uncited.endswith("::Check-worthy claim has no citation: 50%25 longer, | per%0Athe essay%0D%0Aitself")
    notes = next(line for line in lines if "quote-altered" in line)
    assert notes.startswith("::warning file=posts/notes%2C part%3A 1.md,line=1,endLine=2,title=quote-altered::")


def test_github_output_is_one_line_per_finding_and_sorted():
    lines = github.render(make_report()).splitlines()
    assert len(lines) == 7 + 1  # seven findings and one unreadable essay
    assert all(re.match(r"^::(error|warning|notice) file=[^:]*::", line) for line in lines)
    assert lines[0] == ("::error file=drafts/broken.md::drafts/broken.md: cannot decode as UTF-8 "
                        "(save the file as UTF-8 and run citecheck again)")
    assert github.render(shuffled(make_report())) == github.render(make_report())
    assert github.render(Report()) == ""


# --- JUnit ----------------------------------------------------------------------------------


def _cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in suite.iter("testcase")}


def test_junit_counts():
    root = ET.fromstring(junit.render(make_report()))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == [BIB, "drafts/broken.md", NOTES, ESSAY]

    def counts(element: ET.Element) -> tuple[int, int, int, int]:
        return tuple(int(element.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped"))

    # Essay: 3 citations + 4 claims with citations or findings + 1 finding outside every claim.
    assert counts(suites[ESSAY]) == (8, 3, 0, 1)
    assert counts(suites[NOTES]) == (1, 1, 0, 0)
    assert counts(suites["drafts/broken.md"]) == (1, 0, 1, 0)
    assert counts(suites[BIB]) == (2, 1, 0, 0)
    assert counts(root) == (12, 5, 1, 1)
    # The attributes agree with the elements.
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("skipped", "")) == sum(1 for c in cases if c.find("skipped") is not None)


def test_junit_maps_findings_to_the_smallest_claim_or_citation():
    root = ET.fromstring(junit.render(make_report()))
    essay = _cases(next(s for s in root.findall("testsuite") if s.get("name") == ESSAY))
    claim = essay["line 3: The congress had 1,536 delegates (Freeze, 418)."]
    assert claim.get("classname") == ESSAY
    assert claim.find("failure").get("type") == "number-mismatch"
    citation = essay["line 3: citation (Freeze, 418)"]
    assert citation.find("failure").get("type") == "citation-ambiguous"
    uncited = essay["line 3: Khrushchev spoke for four hours, 50% longer than planned."]
    assert uncited.find("failure").get("message") == TRICKY
    skipped = essay["line 6: The speech was later published (Service, 12)."]
    assert skipped.find("skipped").get("message") == "print book without an accessible text"
    supported = essay["line 6: It was read at closed sessions [@taubman2003]."]
    assert supported.find("failure") is None and supported.find("skipped") is None
    assert essay["line 6: citation [@taubman2003]"].find("failure") is None
    loose = essay["source-unverifiable"]  # info and without a span: its own passing case
    assert loose.find("failure") is None
    assert "service2005" in loose.find("system-out").text
    # A claim with neither citations nor findings is not a test.
    assert not any("The Secret Speech" in name for name in essay)


def test_junit_is_deterministic_and_safe():
    report = make_report()
    assert junit.render(shuffled(report)) == junit.render(report)
    report.documents[0].findings[0].message = "form\x0cfeed and \x00 nul"
    root = ET.fromstring(junit.render(report))  # would raise on characters XML cannot hold
    assert root.get("tests") == "12"


def test_junit_names_repeated_cases_apart():
    source = "A (Smith, 1). B (Smith, 1).\n"
    citations = [Citation("mla", "(Smith, 1)", 0, 0, span=_span("r.md", source, "(Smith, 1)", nth)) for nth in (0, 1)]
    report = Report(documents=[DocumentResult("r.md", citations=citations)])
    names = [c.get("name") for c in ET.fromstring(junit.render(report)).iter("testcase")]
    assert names == ["line 1: citation (Smith, 1)", "line 1: citation (Smith, 1) #2"]


# --- Markdown job summary -------------------------------------------------------------------


def _table_rows(html: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.DOTALL):
        rows.append(re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.DOTALL))
    return rows


def test_markdown_escapes_pipes_newlines_and_html():
    from markdown_it import MarkdownIt

    report = make_report()
    report.documents[0].findings[1].message = "<!-- citecheck: ignore x --> a\\|b *c*"
    text = markdown.render(report)
    assert "50% longer, \\| per<br>the essay<br>itself" in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    tables = html.split("<table>")[1:]
    findings = _table_rows(tables[0])
    assert findings[0] == ["File:line", "Severity", "Rule", "Message", "Expected", "Found", "Evidence"]
    assert all(len(row) == 7 for row in findings), findings
    messages = [row[3] for row in findings[1:]]
    assert "Check-worthy claim has no citation: 50% longer, | per<br>the essay<br>itself" in messages
    # An HTML comment in a message stays visible text; a backslash before a pipe survives.
    assert "&lt;!-- citecheck: ignore x --&gt; a\\|b *c*" in messages
    verdicts = _table_rows(tables[1])
    assert all(len(row) == 4 for row in verdicts)


def test_markdown_totals_and_verdicts():
    text = markdown.render(make_report())
    assert text.startswith("## citecheck\n")
    assert ("**2 errors**, 3 warnings, 2 info in 3 files; cited claims: 1 supported, 1 contradicted, "
            "1 unverifiable; 1 file could not be read") in text
    assert "| posts/secret\\-speech.md:3 |" not in text  # paths are not over-escaped
    assert "| posts/secret-speech.md:3 | error | `number-mismatch` |" in text
    assert "- drafts/broken.md: cannot decode as UTF-8" in text
    assert f"### {ESSAY}" in text
    assert "| 6 | supported | It was read at closed sessions \\[@taubman2003\\]. | [taubman2003 p. 283](" in text
    assert "| 6 | unverifiable | The speech was later published (Service, 12). | print book" in text
    assert markdown.render(shuffled(make_report())) == text
    assert "No findings." in markdown.render(Report())


def test_markdown_caps_long_tables():
    source = "x\n" * (markdown.MAX_ROWS + 5)
    findings = [Finding("claim-uncited", "warning", f"m{i}", "big.md", span=_span("big.md", source, "x", i))
                for i in range(markdown.MAX_ROWS + 5)]
    text = markdown.render(Report(documents=[DocumentResult("big.md", findings=findings)]))
    assert text.count("`claim-uncited`") == markdown.MAX_ROWS
    assert "and 5 more findings" in text


# --- Integrations: pre-commit hook and GitHub Action ----------------------------------------


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    return hook


def test_pre_commit_manifest_is_valid():
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                             str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = _hook()
    assert hook["id"] == "citecheck"
    assert hook["entry"] == "citecheck check"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html", "tex"]


def test_pre_commit_hook_entry_runs_on_a_fixture_repository(tmp_path):
    identify = pytest.importorskip("identify.identify")
    citecheck = shutil.which("citecheck", path=str(Path(sys.executable).parent)) or shutil.which("citecheck")
    if citecheck is None:
        pytest.skip("the citecheck console script is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "hook-repo", repo)
    hook = _hook()
    # Select files as pre-commit does: by identify tags (types_or) and the exclude pattern.
    files = sorted(
        p.name for p in repo.iterdir()
        if set(hook["types_or"]) & identify.tags_from_path(str(p)) and not re.search(hook["exclude"], p.name)
    )
    assert files == ["post.md"]
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [citecheck, *hook["entry"].split()[1:], "--offline", *files]
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "post.md" in result.stdout
    assert "Traceback" not in result.stderr


def test_action_is_a_composite_that_runs_github_format_and_uploads_sarif():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) >= {"paths", "bib", "args", "python-version", "sarif-file"}
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/cache@") for u in uses)
    run = next(step for step in steps if step.get("id") == "run")
    assert "--format github" in run["run"] and '--output "sarif:$SARIF_FILE"' in run["run"]
    # Inputs go through the environment, never into the script text.
    for step in steps:
        assert "${{" not in step.get("run", "")
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"].startswith("always()")
    install = next(step for step in steps if "pip install" in step.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
