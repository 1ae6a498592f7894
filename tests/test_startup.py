"""Start-up (issue 12): a command imports only what it uses.

Each test runs the CLI in a fresh interpreter and reads ``sys.modules`` at the end, so it fails
as soon as a module-level import pulls a heavy stage back in. Counting imports, not timing them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Stages an essay with no source text never needs: verification and evidence, the rule
# documentation and its examples, the reference-list parser (CRF), the HTTP stack and rich.
NOT_FOR_AN_ESSAY_WITHOUT_TEXTS = {
    "citecheck.verification", "citecheck.evidence", "citecheck.checks.registry", "citecheck.rule_examples",
    "citecheck.references.parse", "citecheck.references.clients", "citecheck.sources.http",
    "citecheck.sources.archive", "requests", "requests_cache", "rich",
}


def _modules_after_cli(args: list[str], cwd: Path) -> tuple[str, set[str]]:
    code = ("import sys\nfrom citecheck.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}, cwd=cwd).stdout
    report, _, modules = out.partition("MODULES")
    return report, set(modules.split())


def test_an_essay_with_an_unresolved_citation_loads_no_verification_http_or_rule_docs(tmp_path: Path) -> None:
    essay = tmp_path / "e.md"
    essay.write_text("In 1956, 1,200 workers joined the strike (Smith 1900).\n", encoding="utf-8")
    report, loaded = _modules_after_cli(["check", str(essay), "--offline", "--jobs", "1",
                                         "--cache-dir", str(tmp_path / "c")], tmp_path)
    assert "citation-undefined" in report
    assert {"citecheck.claims", "citecheck.citations.resolve", "citecheck.sources.provider"} <= loaded
    assert not loaded & NOT_FOR_AN_ESSAY_WITHOUT_TEXTS, loaded & NOT_FOR_AN_ESSAY_WITHOUT_TEXTS


def test_an_essay_citing_a_web_page_offline_still_reads_the_cache(tmp_path: Path) -> None:
    """The fetcher is made on first use: a cited URL offline asks the HTTP cache (and says it missed)."""
    essay = tmp_path / "e.md"
    essay.write_text("In 1956, 1,200 workers joined the strike ([report](https://example.org/strike)).\n",
                     encoding="utf-8")
    report, loaded = _modules_after_cli(["check", str(essay), "--offline", "--jobs", "1", "--format", "json",
                                         "--cache-dir", str(tmp_path / "c")], tmp_path)
    assert "offline-miss" in report
    assert "citecheck.sources.http" in loaded


def test_a_reference_list_is_parsed_only_when_the_essay_has_one(tmp_path: Path) -> None:
    essay = tmp_path / "e.md"
    essay.write_text("Workers joined in 1956 (Smith 1900).\n\n## References\n\n"
                     "Smith, John. *The Strike*. London: Verso, 1900.\n", encoding="utf-8")
    report, loaded = _modules_after_cli(["check", str(essay), "--offline", "--jobs", "1",
                                         "--cache-dir", str(tmp_path / "c")], tmp_path)
    assert "citation-undefined" not in report
    assert "citecheck.references.parse" in loaded


def test_version_loads_no_pipeline_stage(tmp_path: Path) -> None:
    report, loaded = _modules_after_cli(["--version"], tmp_path)
    assert "0." in report
    stages = {m for m in loaded if m.startswith(("citecheck.api", "citecheck.readers", "citecheck.claims",
                                                 "citecheck.citations", "markdown_it", "syntok"))}
    assert not stages, stages


def test_an_essay_of_easy_paragraphs_loads_no_syntok(tmp_path: Path) -> None:
    """Paragraphs of one sentence each, with no abbreviation, initial or bracket to weigh, never ask
    syntok, so its `regex` module is not loaded (a run of figures is one); a hard one does."""
    essay = tmp_path / "e.md"
    essay.write_text("The council met in 1956.\n\nNothing else happened that year.\n\n" + "1,234,567 " * 50 + "\n",
                     encoding="utf-8")
    report, loaded = _modules_after_cli(["check", str(essay), "--offline", "--jobs", "1"], tmp_path)
    assert "claim-uncited" in report
    assert not {"syntok.segmenter", "regex"} & loaded
    essay.write_text("Dr. A. B. Smith met the U.S. envoy in 1956. It voted twice.\n", encoding="utf-8")
    report, loaded = _modules_after_cli(["check", str(essay), "--offline", "--jobs", "1"], tmp_path)
    assert "syntok.segmenter" in loaded
