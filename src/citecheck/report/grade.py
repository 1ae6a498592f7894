"""`citecheck grade` output: grades.csv, index.html and one HTML page per essay.

The HTML is written to be opened from disk (``file://``) and to be safe with hostile essays:
every piece of essay, source and library text goes through :func:`html.escape`; the only links
are to the pages themselves and to ``http(s)`` evidence URLs; CSS and the sorting script are
inline and allowed by their SHA-256 in a strict Content-Security-Policy, which forbids every
other script, style, image, frame, font and connection.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citecheck.grading import COLUMNS, EssayGrade, Gradebook
from citecheck.model import Finding

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

CSS = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #1f5fa8; --err-bg: #fde2e0; --warn-bg: #fff0c2;
        --info-bg: #dfeafd; font-family: system-ui, sans-serif; color: #1b1b1b; background: #fff; }
body { margin: 0 auto; max-width: 88rem; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; word-break: break-all; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort=ascending] button::after { content: " \\25B2"; }
th[aria-sort=descending] button::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.ungraded td { background: #f3f3f3; }
td.problem { min-width: 28rem; }
#filter { font: inherit; padding: .3rem .5rem; margin: .4rem 0 .8rem; width: 20rem; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1.5rem; }
.essay { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, serif; font-size: 1rem;
         border: 1px solid #ddd; padding: 1rem; background: #fcfcfc; }
a.hl { color: inherit; text-decoration: none; border-bottom: 2px solid; }
a.hl.sev-error { background: var(--err-bg); border-color: var(--error); }
a.hl.sev-warning { background: var(--warn-bg); border-color: var(--warning); }
a.hl.sev-info { background: var(--info-bg); border-color: var(--info); }
a.hl.point::after { content: "\\25C6"; font-size: .7em; }
ol.findings { padding-left: 1.4rem; }
ol.findings li { margin-bottom: .7rem; padding: .3rem .5rem; border-left: 4px solid; }
ol.findings li.sev-error { border-color: var(--error); } ol.findings li.sev-warning { border-color: var(--warning); }
ol.findings li.sev-info { border-color: var(--info); }
li:target { background: #fffbe0; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase;
         padding: 0 .3rem; border-radius: .2rem; color: #fff; }
.badge.sev-error { background: var(--error); } .badge.sev-warning { background: var(--warning); }
.badge.sev-info { background: var(--info); }
.rule { font-family: ui-monospace, monospace; font-weight: 600; }
.where { color: #555; font-size: .85rem; }
dl.detail { margin: .2rem 0 0; font-size: .9rem; } dl.detail dt { font-weight: 600; float: left; margin-right: .4rem; }
dl.detail dd { margin: 0 0 .1rem; overflow-wrap: anywhere; }
q.named { font-style: italic; }
.summary td, .summary th { font-size: .85rem; }
.status-bad { color: var(--error); font-weight: 700; }
@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
"""

SORT_SCRIPT = """
(function () {
  var table = document.getElementById("grades");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent; }
    var n = Number(v);
    return (v !== "" && isFinite(n)) ? [0, n] : [v === "" ? 2 : 1, v.toLowerCase()];
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[i]), y = key(b.cells[i]);
        if (x[0] !== y[0]) { return x[0] - y[0]; }
        var c = x[1] < y[1] ? -1 : (x[1] > y[1] ? 1 : 0);
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var filter = document.getElementById("filter");
  filter.addEventListener("input", function () {
    var q = filter.value.toLowerCase();
    Array.prototype.forEach.call(body.rows, function (r) {
      r.hidden = r.getAttribute("data-name").toLowerCase().indexOf(q) < 0;
    });
  });
})();
"""

# Index columns: (CSV column, heading shown).
HEADINGS: dict[str, str] = {
    "file": "Essay", "status": "Status", "score": "Score", "words": "Words", "claims": "Claims",
    "check_worthy_claims": "Check-worthy", "check_worthy_cited_share": "Check-worthy cited",
    "citations": "Citations", "citations_resolved": "Resolved", "sources_with_text": "Sources with text",
    "supported": "Supported", "partially_supported": "Partly supported", "contradicted": "Contradicted",
    "unsupported": "Unsupported", "unverifiable": "Unverifiable",
    "verified_share": "Checked against sources", "quotation_errors": "Quotation errors",
    "figure_errors": "Figure errors", "citation_errors": "Citation errors", "dead_links": "Dead links",
    "reference_list_problems": "Reference-list problems", "uncited_claims": "Uncited claims",
    "errors": "Errors", "warnings": "Warnings", "problem": "Why not graded",
}


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(script: bool) -> str:
    """The page's CSP: nothing may load or run but its own inline style (and sorting script)."""
    scripts = f"'{_sha256(SORT_SCRIPT)}'" if script else "'none'"
    return (f"default-src 'none'; style-src '{_sha256(CSS)}'; script-src {scripts}; img-src 'none'; "
            "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def esc(value: Any) -> str:
    """Text for an HTML element or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: str, script: bool) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(content_security_policy(script))}\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style></head>\n<body>\n{body}\n"
        + (f"<script>{SORT_SCRIPT}</script>\n" if script else "")
        + "</body></html>\n"
    )


def page_name(index: int, path: str) -> str:
    """The essay page's file name: its position and a safe form of the essay's file name."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).name).strip("-.")[:60] or "essay"
    return f"essay-{index:03d}-{slug}.html"


# --- CSV ------------------------------------------------------------------------------------

def render_csv(book: Gradebook) -> str:
    """grades.csv: one row per essay, COLUMNS in order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for essay in book.essays:
        writer.writerow([_csv_cell(essay.row.get(name, "")) for name in COLUMNS])
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    # A file name or reason starting with = + - @ would be a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --- index.html -----------------------------------------------------------------------------

def render_index(book: Gradebook, pages: dict[str, str]) -> str:
    graded = [e for e in book.essays if e.status == "graded"]
    head = "".join(f"<th scope=\"col\"><button type=\"button\">{esc(HEADINGS[c])}</button></th>" for c in COLUMNS)
    rows = []
    for essay in book.essays:
        cells = []
        for name in COLUMNS:
            value = essay.row.get(name, "")
            if name == "file":
                cells.append(f"<td data-sort=\"{esc(essay.name)}\"><a href=\"{esc(pages[essay.path])}\">"
                             f"{esc(essay.name)}</a></td>")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f"<td class=\"num\" data-sort=\"{esc(value)}\">{esc(_shown(name, value))}</td>")
            else:
                css = " class=\"status-bad\"" if name == "status" and value != "graded" else ""
                css = " class=\"problem\"" if name == "problem" else css
                cells.append(f"<td{css} data-sort=\"{esc(value)}\">{esc(value)}</td>")
        css = "" if essay.status == "graded" else " class=\"ungraded\""
        rows.append(f"<tr{css} data-name=\"{esc(essay.name)}\">{''.join(cells)}</tr>")
    scores = [e.score for e in graded if e.score is not None]
    mean = f"{sum(scores) / len(scores):.1f}" if scores else "–"
    body = (
        "<header><h1>Citation check: class set</h1>"
        f"<p>{len(book.essays)} essays: {len(graded)} graded, {len(book.ungraded)} not graded. "
        f"Mean score {esc(mean)} (rubric in docs/grading.md). Click a heading to sort.</p></header>\n"
        "<label for=\"filter\">Filter by name </label>"
        "<input id=\"filter\" type=\"search\" placeholder=\"part of a file name\" autocomplete=\"off\">\n"
        f"<table id=\"grades\"><thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
        + "\n</tbody></table>"
    )
    return _page("citecheck grades", body, script=True)


def _shown(column: str, value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    if column in ("check_worthy_cited_share", "verified_share"):
        return f"{100 * value:.0f}%"
    return _number(value)


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.3g}" if value < 1 else f"{value:.1f}"
    return str(int(value))


# --- one essay ------------------------------------------------------------------------------

def _n(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``, ``0 notes``."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _where(finding: Finding, fmt: str | None) -> str:
    span = finding.span
    if span is None:
        return "not located in the text"
    if span.page is not None:
        return f"p. {span.page}, line {span.page_line}"
    if fmt in ("docx", "odt"):
        return f"paragraph {span.line}, character {span.column}"
    return f"line {span.line}, column {span.column}"


def _located(essay: EssayGrade) -> list[tuple[int, int, int, Finding]]:
    """(id, start, end, finding) for the findings inside the essay's text, ids from 1."""
    assert essay.result is not None
    size = len(essay.result.source)
    out = []
    for i, finding in enumerate(essay.result.findings, 1):
        if finding.span is None or finding.path != essay.path:
            continue
        start = max(0, min(finding.span.start, size))
        end = max(start, min(finding.span.end, size))
        out.append((i, start, end, finding))
    return out


def _tooltip(finding: Finding) -> str:
    parts = [f"{finding.severity.upper()} {finding.rule}: {finding.message}"]
    if finding.span is not None and finding.span.page is not None:  # the text shown is no guide to the page
        parts.append(f"At: p. {finding.span.page}, line {finding.span.page_line}")
    if finding.expected is not None:
        parts.append(f"Expected: {finding.expected}")
    if finding.found is not None:
        parts.append(f"Found: {finding.found}")
    for item in finding.evidence[:1]:
        text = item.get("passage") or item.get("text")
        if text:
            parts.append(f"Evidence: {str(text)[:300]}")
    return "\n".join(parts)


def render_essay_text(source: str, located: list[tuple[int, int, int, Finding]]) -> str:
    """The essay's text, escaped, each finding's range wrapped in highlight links.

    Overlapping findings are cut into segments; a segment names every finding covering it
    (``data-findings``) and takes the colour of the most severe one.
    """
    bounds = sorted({0, len(source)} | {s for _, s, _, _ in located} | {e for _, _, e, _ in located})
    points: dict[int, list[tuple[int, Finding]]] = {}
    for fid, start, end, finding in located:
        if start == end:
            points.setdefault(start, []).append((fid, finding))
    starts: dict[int, list[tuple[int, int, Finding]]] = {}
    for fid, start, end, finding in located:
        if end > start:
            starts.setdefault(start, []).append((fid, end, finding))
    active: list[tuple[int, int, Finding]] = []
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:] + [None]):
        for fid, finding in points.get(a, []):
            out.append(f"<a class=\"hl point sev-{esc(finding.severity)}\" href=\"#f{fid}\" "
                       f"data-findings=\"{fid}\" title=\"{esc(_tooltip(finding))}\"></a>")
        if b is None:
            break
        active = [x for x in active if x[1] > a] + starts.get(a, [])
        text = esc(source[a:b])
        if not active:
            out.append(text)
            continue
        worst = max(active, key=lambda x: SEVERITY_RANK.get(x[2].severity, 0))
        ids = " ".join(str(fid) for fid, _, _ in sorted(active, key=lambda x: x[0]))
        tip = "\n\n".join(_tooltip(f) for _, _, f in sorted(active, key=lambda x: x[0]))
        out.append(f"<a class=\"hl sev-{esc(worst[2].severity)}\" href=\"#f{worst[0]}\" data-findings=\"{ids}\" "
                   f"title=\"{esc(tip)}\">{text}</a>")
    return "".join(out)


def _safe_url(url: Any) -> str | None:
    """The URL when it is an http(s) address worth linking; anything else is shown as text only."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") and not any(c in url for c in "\x00\n\r\t") else None


def _evidence_html(finding: Finding) -> str:
    items = []
    for item in finding.evidence[:3]:
        parts = []
        text = item.get("passage") or item.get("text")
        if text:
            parts.append(f"<q>{esc(str(text)[:600])}</q>")
        for label in ("source", "location", "archive_date", "entry", "bib", "line"):
            if item.get(label) not in (None, ""):
                parts.append(f"{esc(label.replace('_', ' '))}: {esc(item[label])}")
        for label in ("url", "deep_link", "archive_url"):
            value = item.get(label)
            safe = _safe_url(value)
            if safe:
                parts.append(f"<a href=\"{esc(safe)}\" rel=\"noopener noreferrer\">{esc(label.replace('_', ' '))}</a>")
            elif value:
                parts.append(f"{esc(label.replace('_', ' '))}: {esc(value)}")
        if parts:
            items.append("<dd>" + " · ".join(parts) + "</dd>")
    return "<dt>Evidence</dt>" + "".join(items) if items else ""


def _finding_item(fid: int, finding: Finding, fmt: str | None, named: str | None) -> str:
    detail = ""
    if finding.expected is not None:
        detail += f"<dt>Expected</dt><dd class=\"expected\">{esc(finding.expected)}</dd>"
    if finding.found is not None:
        detail += f"<dt>Found</dt><dd class=\"found\">{esc(finding.found)}</dd>"
    detail += _evidence_html(finding)
    named_html = f" <q class=\"named\">{esc(named)}</q>" if named is not None else ""
    return (
        f"<li id=\"f{fid}\" class=\"finding sev-{esc(finding.severity)}\" data-finding=\"{fid}\" "
        f"data-rule=\"{esc(finding.rule)}\"><span class=\"badge sev-{esc(finding.severity)}\">"
        f"{esc(finding.severity)}</span> <span class=\"rule\">{esc(finding.rule)}</span> "
        f"<span class=\"where\">{esc(_where(finding, fmt))}</span>{named_html}"
        f"<div class=\"message\">{esc(finding.message)}</div><dl class=\"detail\">{detail}</dl></li>"
    )


def render_essay(essay: EssayGrade) -> str:
    """One essay's page: summary, highlighted text with the findings beside it, reference list."""
    title = f"{essay.name or essay.path} — citecheck"
    top = f"<p><a href=\"index.html\">\u2190 all essays</a></p><h1>{esc(essay.name or essay.path)}</h1>"
    if essay.status != "graded" or essay.result is None:
        body = (top + f"<p class=\"status-bad\">Not graded ({esc(essay.status)}): {esc(essay.problem)}</p>")
        return _page(title, body, script=False)
    row = essay.row
    summary_cols = [c for c in COLUMNS if c not in ("file", "problem", "status")]
    summary = ("<table class=\"summary\"><tr>" + "".join(f"<th>{esc(HEADINGS[c])}</th>" for c in summary_cols)
               + "</tr><tr>" + "".join(f"<td class=\"num\">{esc(_shown(c, row[c]))}</td>"
                                       for c in summary_cols) + "</tr></table>")
    source = essay.result.source
    located = _located(essay)
    fmt = essay.result.format
    by_id = {fid: (s, e) for fid, s, e, _ in located}
    items = []
    for fid, finding in enumerate(essay.result.findings, 1):
        named = source[by_id[fid][0]:by_id[fid][1]] if fid in by_id else None
        items.append(_finding_item(fid, finding, fmt, named))
    counts = {s: sum(f.severity == s for f in essay.result.findings) for s in ("error", "warning", "info")}
    refs = ""
    if essay.references:
        ref_rows = "".join(
            f"<tr><td>{esc(e.where)}</td><td>{esc(e.text)}</td><td class=\"ref-status\">{esc(e.status)}</td></tr>"
            for e in essay.references)
        refs = ("<section id=\"references\"><h2>Reference list</h2><table><thead><tr><th>Where</th><th>Entry</th>"
                f"<th>Status</th></tr></thead><tbody>{ref_rows}</tbody></table></section>")
    else:
        refs = "<section id=\"references\"><h2>Reference list</h2><p>The essay has no reference list.</p></section>"
    where = {"docx": "one line per paragraph of the Word document", "odt": "one line per paragraph",
             "pdf": "the PDF's text, page by page"}.get(fmt or "", "the file as written")
    cited = sum(int(row.get(v) or 0) for v in ("supported", "partially_supported", "contradicted", "unsupported",
                                                 "unverifiable"))
    unchecked = int(row.get("unverifiable") or 0)
    rests_on = (f" · <span class=\"unchecked\">{cited - unchecked} of {_n(cited, 'cited claim')} could be checked "
                "against their sources; the score says nothing about the rest</span>" if unchecked else "")
    body = (
        top + f"<p>Score <strong>{esc(row['score'])}</strong> · {_n(counts['error'], 'error')}, "
        f"{_n(counts['warning'], 'warning')}, {_n(counts['info'], 'note')}{rests_on}</p>{summary}\n"
        f"<div class=\"layout\"><section><h2>Essay text</h2><p class=\"where\">Shown as {esc(where)}; "
        "hover a highlight for its finding, click it to jump to the list.</p>"
        f"<div class=\"essay\" id=\"essay\">{render_essay_text(source, located)}</div></section>\n"
        f"<aside><h2>Findings ({len(items)})</h2><ol class=\"findings\">{''.join(items)}</ol></aside></div>\n"
        + refs
    )
    return _page(title, body, script=False)


# --- writing --------------------------------------------------------------------------------

def _page_names(book: Gradebook) -> dict[str, str]:
    return {essay.path: page_name(i, essay.name or essay.path) for i, essay in enumerate(book.essays, 1)}


def planned_files(book: Gradebook, outdir: Path | str) -> list[Path]:
    """Every file :func:`write_grade_report` would write."""
    outdir = Path(outdir)
    return [outdir / "grades.csv", outdir / "index.html"] + [outdir / name for name in _page_names(book).values()]


def write_grade_report(book: Gradebook, outdir: Path | str) -> list[Path]:
    """Write grades.csv, index.html and the essay pages into ``outdir``; returns the files written.
    Essay pages of an earlier run that this run did not write are removed.

    Refuses (InputError) when one of them is a file the run read (an essay named index.html...).
    """
    from citecheck.api import guard_outputs

    guard_outputs(book.report, planned_files(book, outdir), "-o")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    pages = _page_names(book)
    written = []
    csv_path = outdir / "grades.csv"
    csv_path.write_text(render_csv(book), encoding="utf-8", newline="")
    written.append(csv_path)
    for essay in book.essays:
        path = outdir / pages[essay.path]
        path.write_text(render_essay(essay), encoding="utf-8")
        written.append(path)
    index = outdir / "index.html"
    index.write_text(render_index(book, pages), encoding="utf-8")
    written.append(index)
    _remove_stale_pages(outdir, set(written))
    return written


_PAGE_FILE = re.compile(r"essay-\d{3,}-[A-Za-z0-9._-]*\.html")


def _remove_stale_pages(outdir: Path, written: set[Path]) -> None:
    """Remove essay pages an earlier run wrote into ``outdir`` that this run did not: after a
    resubmission or a removed essay the numbers shift, and a page left behind shows a grade no
    longer on the sheet. Only files named as this module names pages and that link back to an
    index as its pages do are touched."""
    for path in outdir.iterdir():
        if path in written or not _PAGE_FILE.fullmatch(path.name) or not path.is_file() or path.is_symlink():
            continue
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:200_000]
        except OSError:
            continue
        if head.startswith("<!DOCTYPE html>") and '<a href="index.html">\u2190 all essays</a>' in head:
            path.unlink(missing_ok=True)
