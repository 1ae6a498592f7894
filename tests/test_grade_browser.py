"""The grade report in a real headless Chromium: sorting, filtering, highlights, and hostile essays.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it); Playwright drives it
without downloading a browser. Pages are opened from ``file://`` as an instructor would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.grading import grade
from citecheck.report.grade import write_grade_report

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

SOURCE = ("The Kiel Canal opened in 1895. In its first year it carried 43,000 ships. "
          "The engineer said \"the canal is a masterpiece of patience\" at the opening.\n")

HOSTILE = """# <script>window.pwned = 1; alert("title")</script> Essay

The canal opened in 1897 <script>window.pwned = 2; alert("body")</script> (Smith 12).
<img src="x" onerror="window.pwned = 3; alert('img')"> and <svg onload="alert('svg')"><script>alert(4)</script></svg>
[click me](javascript:alert('link')) and <a href="javascript:alert(5)">raw link</a>
<iframe src="javascript:alert(6)"></iframe> "</q></li><script>alert(7)</script>" said Smith (Smith 13).

Works Cited

Smith, John. <b onmouseover="alert(8)">Canals</b>. Oxford UP, 2001.
"""


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CITECHECK_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.fail("no Chromium on this machine: run `sh tests/install-services.sh` (the README's test command does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    essays = tmp_path_factory.mktemp("class")
    (essays / "sources").mkdir()
    (essays / "sources" / "canal.txt").write_text(SOURCE, encoding="utf-8")
    bib = essays / "references.bib"
    bib.write_text("@book{smith, author={Smith, John}, title={Canals}, year={2001}, file={sources/canal.txt}}\n",
                   encoding="utf-8")
    (essays / "a-good.md").write_text(
        "The Kiel Canal opened in 1895 and carried 43,000 ships in its first year (Smith 2001).\n", encoding="utf-8")
    (essays / "b-wrong.md").write_text(
        "The Kiel Canal opened in 1897 (Smith 2001). In its first year it carried 45,000 ships (Smith 2001). "
        "The engineer called it \"a masterpiece of speed\" (Smith 2001). Rome was founded in 753 BC.\n",
        encoding="utf-8")
    (essays / "c-undefined.md").write_text("The canal opened in 1895 (Jones 2003).\n", encoding="utf-8")
    (essays / "d-empty.md").write_text("\n\n", encoding="utf-8")
    (essays / 'e-<img src=x onerror="alert(9)">.md').write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    book = grade([essays], [bib], offline=True)
    write_grade_report(book, out)
    return out


def open_page(browser: Any, url: str, events: list[str]) -> Any:
    page = browser.new_page()
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on("request", lambda r: events.append(f"request: {r.url}") if not r.url.startswith("file://") else None)
    page.goto(url)
    return page


def column_values(page: Any, column: int) -> list[str]:
    return page.eval_on_selector_all(
        "#grades tbody tr", f"rows => rows.map(r => r.cells[{column}].getAttribute('data-sort'))")


def test_index_sorts_by_any_column_and_filters_by_name(browser: Any, graded: Path, tmp_path: Path) -> None:
    events: list[str] = []
    page = open_page(browser, (graded / "index.html").as_uri(), events)
    headings = page.eval_on_selector_all("#grades thead th", "ths => ths.map(t => t.textContent)")
    score_col = headings.index("Score")
    page.click(f"#grades thead th:nth-child({score_col + 1}) button")
    scores = column_values(page, score_col)
    numbers = [float(s) for s in scores if s]
    assert numbers == sorted(numbers) and len(numbers) == 4
    assert all(s == "" for s in scores[len(numbers):])  # ungraded rows (no score) last
    page.click(f"#grades thead th:nth-child({score_col + 1}) button")
    numbers = [float(s) for s in column_values(page, score_col) if s]
    assert numbers == sorted(numbers, reverse=True)
    page.screenshot(path=str(tmp_path / "index-sorted.png"), full_page=True)
    file_col = headings.index("Essay")
    page.click(f"#grades thead th:nth-child({file_col + 1}) button")
    names = column_values(page, file_col)
    assert names == sorted(names, key=str.lower)
    page.fill("#filter", "wrong")
    visible = page.eval_on_selector_all("#grades tbody tr", "rows => rows.filter(r => !r.hidden).length")
    assert visible == 1
    assert page.is_visible("text=b-wrong.md")
    page.screenshot(path=str(tmp_path / "index-filtered.png"))
    assert events == []


def test_essay_highlights_cover_the_text_their_findings_name(browser: Any, graded: Path, tmp_path: Path) -> None:
    events: list[str] = []
    page_file = next(graded.glob("essay-*-b-wrong.md.html"))
    page = open_page(browser, page_file.as_uri(), events)
    findings = page.eval_on_selector_all(
        "li.finding", """items => items.map(li => ({id: li.dataset.finding, rule: li.dataset.rule,
            named: li.querySelector('q.named') ? li.querySelector('q.named').textContent : null,
            found: li.querySelector('dd.found') ? li.querySelector('dd.found').textContent : null}))""")
    rules = {f["rule"] for f in findings}
    assert {"date-mismatch", "number-mismatch", "claim-uncited"} <= rules, rules
    assert rules & {"quote-not-found", "quote-altered"}
    for finding in findings:
        if finding["named"] is None:
            continue
        covered = page.eval_on_selector_all(
            f'a.hl[data-findings~="{finding["id"]}"]', "marks => marks.map(m => m.textContent).join('')")
        assert covered == finding["named"], finding
        if finding["rule"] in ("date-mismatch", "number-mismatch"):
            assert any(tok in covered for tok in ("1897", "45,000")), finding
    # Hover text carries the rule, and a click on a highlight reaches its entry in the list.
    first = page.query_selector("a.hl")
    assert first is not None and "Expected" in (first.get_attribute("title") or "")
    first.click()
    assert page.evaluate("location.hash").startswith("#f")
    page.screenshot(path=str(tmp_path / "essay.png"), full_page=True)
    assert events == []


def test_hostile_essay_executes_nothing(browser: Any, graded: Path, tmp_path: Path) -> None:
    events: list[str] = []
    index = open_page(browser, (graded / "index.html").as_uri(), events)
    assert index.evaluate("document.querySelectorAll('script').length") == 1  # the sorting script only
    assert index.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
    page_file = next(graded.glob("essay-*-e-*.html"))
    page = open_page(browser, page_file.as_uri(), events)
    page.hover("a.hl") if page.query_selector("a.hl") else None
    for link in page.query_selector_all("a"):
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript"), href
    assert page.evaluate("document.querySelectorAll('script, img, svg, iframe, b').length") == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    text = page.inner_text("#essay")
    assert "<script>window.pwned = 2" in text and "onerror=" in text  # shown as text, not run
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    index.click("text=e-<img")
    index.wait_for_load_state()
    assert index.evaluate("typeof window.pwned") == "undefined"
    assert events == [], events


def test_pages_carry_a_strict_csp_and_no_remote_assets(graded: Path) -> None:
    for page in graded.glob("*.html"):
        html = page.read_text(encoding="utf-8").replace("&#x27;", "'")
        assert "Content-Security-Policy" in html and "default-src 'none'" in html
        assert "unsafe-inline" not in html
        assert "http://" not in html.split("</head>")[0] and "https://" not in html.split("</head>")[0]
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(src=True) and not soup.find_all(["img", "svg", "iframe", "link", "object"])
        assert len(soup.find_all("script")) == (1 if page.name == "index.html" else 0)


def test_class_set_pages_highlight_every_finding(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every located finding of the 14-essay class set (Word, PDF, text, Markdown) is highlighted
    over exactly the text it names, and no page logs an error."""
    from classset import build_class_set

    essays, snapshots = build_class_set(tmp_path_factory.mktemp("classset"))
    out = tmp_path_factory.mktemp("classset-out")
    book = grade([essays], offline=True, snapshots=snapshots)
    write_grade_report(book, out)
    located = sum(1 for e in book.essays if e.result for f in e.result.findings if f.span and f.path == e.path)
    events: list[str] = []
    checked = 0
    for page_file in sorted(out.glob("essay-*.html")):
        page = open_page(browser, page_file.as_uri(), events)
        findings = page.eval_on_selector_all(
            "li.finding", "items => items.map(li => ({id: li.dataset.finding, named: li.querySelector('q.named') "
                          "? li.querySelector('q.named').textContent : null}))")
        for finding in findings:
            if finding["named"] is None:
                continue
            covered = page.eval_on_selector_all(
                f'a.hl[data-findings~="{finding["id"]}"]', "marks => marks.map(m => m.textContent).join('')")
            assert covered == finding["named"], (page_file.name, finding)
            checked += 1
        if "02-brooks" in page_file.name:
            page.screenshot(path=str(out / "brooks.png"), full_page=True)
        page.close()
    assert checked == located and located >= 12
    assert events == []
