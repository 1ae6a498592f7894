"""`citecheck check` / `citecheck fetch` end to end: click's CliRunner, real loopback servers.

One essay cites eight web sources through a .bib (url + urldate), one per line:

    line  key        page                            expected finding
    3     speech     origin /article                 (none: the page backs the claim)
    5     count      origin /article, wrong number   number-mismatch
    7     posters    origin /dead-archived (404)     link-archived-only (capture on the archive server)
    9     missing    origin /missing (404)           link-dead (no capture anywhere)
    11    moved      origin /moved (301 -> /article) link-redirected
    13    museum     origin /drift                   link-drift (capture of 2014 differs) + claim-unsupported
    15    intranet   http://10.0.0.1/                link-refused, never connected to (see below)
    17    busy       busy /always-busy (429 forever) source-unreachable, never link-dead

The origin (127.0.0.1), the fake Wayback Machine (127.0.0.2) and the 429 host (127.0.0.4) are
real threaded servers from servers.py that count every request server-side. Configuration
comes from a citecheck.toml in the temporary directory (``allowed-networks = ["127.0.0.0/8"]``,
cache-dir, the three archive URLs). The whole module runs inside ``servers.loopback_only()``:
any connect() to a non-loopback address fails at once and is recorded, so nothing can leave the
machine. Loopback is allowed for the test servers, but the cited 10.0.0.1 stays refused by the
address guard before any connection is attempted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from servers import (
    DRIFT_OLD,
    ArchiveSite,
    Server,
    archive_routes,
    html_page,
    loopback_only,
    origin_routes,
)

from citecheck.cli import main

# line -> rules expected on that line (online run)
EXPECTED: dict[int, list[str]] = {
    5: ["number-mismatch"],
    7: ["link-archived-only"],
    9: ["link-dead"],
    11: ["link-redirected"],
    13: ["claim-unsupported", "link-drift"],
    17: ["source-unreachable"],
}
INTRANET_LINE = 15
WEB_KEYS = ["speech", "count", "posters", "missing", "moved", "museum", "intranet", "busy"]

ESSAY = """\
# What the sources say

On the last night Khrushchev delivered a closed speech to 1,436 delegates that lasted about four hours [@speech].

On the last night Khrushchev delivered a closed speech to 1,600 delegates that lasted about four hours [@count].

The museum opened its new wing in 2012 with a collection of 4,200 Soviet posters [@posters].

The director said the posters had been stored in a basement in Leningrad for decades [@missing].

The speech condemned the cult of personality that had grown around Stalin and his methods of rule [@moved].

Visitors could see the whole collection free of charge on the first Sunday of each month [@museum].

The internal report put the number of delegates at exactly 1,436 people [@intranet].

The congress of the party met in Moscow in February 1956 under heavy security [@busy].
"""


@dataclass
class Scenario:
    tmp: Path
    origin: Server
    archive: Server
    busy: Server
    fence: list[tuple[Any, ...]]
    essay: Path
    bib: Path
    config: Path
    results: dict[str, Result] = field(default_factory=dict)
    hits: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # origin, archive, busy per step
    fence_after: dict[str, int] = field(default_factory=dict)

    def counts(self) -> tuple[int, int, int]:
        return self.origin.hits(), self.archive.hits(), self.busy.hits()

    def invoke(self, name: str, *args: str) -> Result:
        before = self.counts()
        result = CliRunner().invoke(main, [*args, "--config", str(self.config)], catch_exceptions=False)
        after = self.counts()
        self.results[name] = result
        self.hits[name] = (after[0] - before[0], after[1] - before[1], after[2] - before[2])
        self.fence_after[name] = len(self.fence)
        return result


def _bib(origin: Server, busy: Server) -> str:
    entries = [
        ("speech", origin.url("/article"), "2024-01-01"),
        ("count", origin.url("/article"), "2024-01-01"),
        ("posters", origin.url("/dead-archived"), "2014-01-05"),
        ("missing", origin.url("/missing"), "2014-01-05"),
        ("moved", origin.url("/moved"), "2024-01-01"),
        ("museum", origin.url("/drift"), "2014-01-05"),
        ("intranet", "http://10.0.0.1/", "2024-01-01"),
        ("busy", busy.url("/always-busy"), "2024-01-01"),
    ]
    return "".join(
        f"@online{{{key},\n  title = {{Page {key}}},\n  url = {{{url}}},\n  urldate = {{{date}}},\n}}\n\n"
        for key, url, date in entries
    )


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    tmp = tmp_path_factory.mktemp("fetch-cli")
    with loopback_only() as fence:
        origin = Server(origin_routes(), host="127.0.0.1")
        site = ArchiveSite()
        routes, fallback = archive_routes(site)
        archive = Server(routes, host="127.0.0.2", fallback=fallback)
        busy = Server({"/always-busy": origin_routes()["/always-busy"]}, host="127.0.0.4")
        try:
            # The archive knows the dead page (availability API) and the drifted page (availability + CDX).
            for path in ("/dead-archived", "/drift"):
                site.captures[origin.url(path)] = ("20140105120000", html_page("Poster museum", DRIFT_OLD))
                site.availability.add(origin.url(path))
            essay = tmp / "essay.md"
            essay.write_text(ESSAY, encoding="utf-8")
            bib = tmp / "refs.bib"
            bib.write_text(_bib(origin, busy), encoding="utf-8")
            config = tmp / "citecheck.toml"
            config.write_text(
                'allowed-networks = ["127.0.0.0/8"]\n'
                f'cache-dir = "{tmp / "cache"}"\n'
                f'archive-availability-url = "{archive.url("/wayback/available")}"\n'
                f'archive-cdx-url = "{archive.url("/cdx/search/cdx")}"\n'
                f'archive-web-url = "{archive.url("/web")}"\n',
                encoding="utf-8",
            )
            sc = Scenario(tmp, origin, archive, busy, fence, essay, bib, config)
            common = [str(essay), "--bib", str(bib), "-q"]
            sc.invoke("online", "check", *common, "--format", "json")
            sc.invoke("rerun", "check", *common, "--format", "json")
            sc.invoke("fetch", "fetch", str(essay), "--bib", str(bib), "--snapshots", str(tmp / "snapshots"),
                      "--cache-dir", str(tmp / "cache-fetch"))
            sc.invoke("replay", "check", *common, "--format", "json", "--offline",
                      "--snapshots", str(tmp / "snapshots"), "--cache-dir", str(tmp / "cache-empty-replay"))
            for fail_on in ("error", "warning", "never"):
                sc.invoke(f"offline-{fail_on}", "check", *common, "--format", "json", "--offline",
                          "--fail-on", fail_on, "--cache-dir", str(tmp / f"cache-empty-{fail_on}"))
            sc.invoke("offline-text", "check", *common, "--offline", "--no-color",
                      "--cache-dir", str(tmp / "cache-empty-text"))
            yield sc
        finally:
            for server in (origin, archive, busy):
                server.close()


def _report(result: Result, schema: dict[str, Any]) -> dict[str, Any]:
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    return data


def _findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    [doc] = data["documents"]
    return doc["findings"]


def _keys(data: dict[str, Any]) -> set[tuple[str, int, int]]:
    return {(f["rule"], f["span"]["line"], f["span"]["column"]) for f in _findings(data)}


def _by_line(data: dict[str, Any]) -> dict[int, list[str]]:
    lines: dict[int, list[str]] = {}
    for f in _findings(data):
        lines.setdefault(f["span"]["line"], []).append(f["rule"])
    return {line: sorted(rules) for line, rules in lines.items()}


def _claims(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    [doc] = data["documents"]
    return {c["span"]["line"]: c for c in doc["claims"]}


# --------------------------------------------------------------------------- (a) online


def test_online_check_gives_the_link_findings(scenario: Scenario, report_schema: dict) -> None:
    result = scenario.results["online"]
    data = _report(result, report_schema)
    by_line = _by_line(data)
    assert {line: rules for line, rules in by_line.items() if line != INTRANET_LINE} == EXPECTED
    assert result.exit_code == 1  # link-dead and number-mismatch are errors
    assert data["summary"]["exit_code"] == 1
    findings = {(f["rule"], f["span"]["line"]): f for f in _findings(data)}

    archived = findings[("link-archived-only", 7)]
    capture = scenario.archive.url(f"/web/20140105120000/{scenario.origin.url('/dead-archived')}")
    assert capture in archived["message"] and "2014-01-05" in archived["message"]
    assert "verified against the archived copy" in archived["message"]

    drift = findings[("link-drift", 13)]
    assert "2014-01-05" in drift["message"] and "verified against the live page" in drift["message"]
    assert re.search(r"fetched \d{4}-\d{2}-\d{2}", drift["message"])  # both dates

    redirected = findings[("link-redirected", 11)]
    assert redirected["severity"] == "info" and scenario.origin.url("/article") in redirected["message"]

    busy = findings[("source-unreachable", 17)]
    assert "429" in busy["message"]
    assert not any(f["rule"] == "link-dead" and f["span"]["line"] == 17 for f in _findings(data))
    assert scenario.busy.hits("/always-busy") >= 2  # retried, then given up: unreachable, not dead

    claims = _claims(data)
    assert claims[3]["verdict"] == "supported"
    assert claims[5]["verdict"] == "contradicted"
    assert claims[7]["verdict"] == "supported"  # against the archived capture
    assert claims[9]["verdict"] == "unverifiable"
    assert claims[17]["verdict"] == "unverifiable"


def test_no_connection_leaves_loopback(scenario: Scenario) -> None:
    # Loopback is allowed for the test servers; the cited 10.0.0.1 is refused before any connect().
    assert scenario.fence == []


def test_private_link_is_refused_with_loopback_allowed(scenario: Scenario, report_schema: dict) -> None:
    data = _report(scenario.results["online"], report_schema)
    assert _by_line(data).get(INTRANET_LINE) == ["link-refused"]
    assert scenario.fence == []  # no connect() to 10.0.0.1 was even attempted


# --------------------------------------------------------------------------- (b) warm re-run


def test_second_run_sends_nothing_to_the_origin(scenario: Scenario, report_schema: dict) -> None:
    assert scenario.hits["online"][0] > 0 and scenario.hits["online"][1] > 0
    origin_hits, archive_hits, busy_hits = scenario.hits["rerun"]
    assert origin_hits == 0, "the re-run must be served from the cache"
    assert archive_hits == 0
    # A 429 is (rightly) never cached, so the unreachable page is tried again: that is the busy host only.
    assert busy_hits >= 1
    rerun = _report(scenario.results["rerun"], report_schema)
    online = _report(scenario.results["online"], report_schema)
    assert _keys(rerun) == _keys(online)
    assert scenario.results["rerun"].exit_code == scenario.results["online"].exit_code


# --------------------------------------------------------------------------- (c) fetch


def test_fetch_writes_index_and_texts(scenario: Scenario) -> None:
    result = scenario.results["fetch"]
    assert result.exit_code == 1, result.stderr  # three sources could not be recorded (issue 10, item 6)
    assert "citecheck: error: 3 sources could not be recorded:" in result.stderr
    snapshots = scenario.tmp / "snapshots"
    index = json.loads((snapshots / "index.json").read_text(encoding="utf-8"))
    o = scenario.origin.url
    assert set(index) == {o("/article"), o("/dead-archived"), o("/missing"), o("/moved"), o("/drift"),
                          "http://10.0.0.1/", scenario.busy.url("/always-busy")}
    assert index[o("/article")]["status"] == "live" and index[o("/article")]["http_status"] == 200
    assert index[o("/dead-archived")]["status"] == "archived"
    assert index[o("/dead-archived")]["archive_url"].endswith(f"/web/20140105120000/{o('/dead-archived')}")
    assert index[o("/missing")]["status"] == "dead"
    assert index[o("/moved")]["final_url"] == o("/article")
    assert index[o("/drift")]["archive_file"]
    assert index[scenario.busy.url("/always-busy")]["status"] == "unreachable"
    for url, entry in index.items():
        for key in ("url", "final_url", "archive_url", "fetched_at", "http_status", "sha256", "words", "status"):
            assert key in entry, (url, key)
        for name in ("file", "archive_file"):
            if entry[name]:
                text = (snapshots / entry[name]).read_text(encoding="utf-8")
                assert text.strip(), (url, name)
    assert "1,436 delegates" in (snapshots / index[o("/article")]["file"]).read_text(encoding="utf-8")
    assert "4,200 Soviet posters" in (snapshots / index[o("/drift")]["archive_file"]).read_text(encoding="utf-8")
    assert "closed for renovation" in (snapshots / index[o("/drift")]["file"]).read_text(encoding="utf-8")
    # Diff-friendly: sorted keys, 2-space indent, one trailing newline.
    raw = (snapshots / "index.json").read_text(encoding="utf-8")
    assert raw == json.dumps(index, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- (d) offline replay


def test_offline_snapshots_reproduce_the_online_findings(scenario: Scenario, report_schema: dict) -> None:
    assert scenario.hits["replay"] == (0, 0, 0), "an offline run must not reach any server"
    assert scenario.fence_after["replay"] == scenario.fence_after["fetch"]  # nor any other address
    replay = _report(scenario.results["replay"], report_schema)
    online = _report(scenario.results["online"], report_schema)
    assert _keys(replay) == _keys(online)
    assert scenario.results["replay"].exit_code == scenario.results["online"].exit_code
    claims_online = {line: c["verdict"] for line, c in _claims(online).items()}
    claims_replay = {line: c["verdict"] for line, c in _claims(replay).items()}
    assert claims_replay == claims_online


# --------------------------------------------------------------------------- (e) offline, empty cache


@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
def test_offline_with_empty_cache(scenario: Scenario, report_schema: dict, fail_on: str) -> None:
    result = scenario.results[f"offline-{fail_on}"]
    assert scenario.hits[f"offline-{fail_on}"] == (0, 0, 0)
    data = _report(result, report_schema)
    claims = _claims(data)
    assert len(claims) == len(WEB_KEYS)
    for line, claim in claims.items():
        assert claim["verdict"] == "unverifiable", line
        # The private address is refused by the guard before the cache is even asked.
        expected_reason = "private address" if line == INTRANET_LINE else "offline"
        assert expected_reason in (claim["reason"] or ""), (line, claim["reason"])
    findings = _findings(data)
    unreachable = [f for f in findings if f["rule"] == "source-unreachable"]
    # one per cited web source; the refused one is link-refused instead
    assert {f["span"]["line"] for f in unreachable} == set(claims) - {INTRANET_LINE}
    assert [f["rule"] for f in findings if f["span"]["line"] == INTRANET_LINE] == ["link-refused"]
    assert all("offline" in f["message"] for f in unreachable)
    assert not any(f["rule"] in ("link-dead", "link-archived-only", "link-drift") for f in findings)
    order = {"info": 0, "warning": 1, "error": 2}
    if fail_on == "never":
        expected = 0
    else:
        expected = int(any(order[f["severity"]] >= order[fail_on] for f in findings))
    assert result.exit_code == expected == data["summary"]["exit_code"]
    if fail_on == "warning":
        assert expected == 1  # the source-unreachable warnings count


def test_offline_text_format(scenario: Scenario) -> None:
    result = scenario.results["offline-text"]
    assert "Traceback" not in result.output
    assert "unverifiable" in result.stdout and "offline" in result.stdout
    assert result.stderr == ""  # `check` prints no fetch summary; only `fetch` does


# --------------------------------------------------------------------------- (f) fetch summary


def test_fetch_summary_names_hosts_and_counts(scenario: Scenario) -> None:
    err = scenario.results["fetch"].stderr
    assert "Traceback" not in err
    summary = re.findall(r"(\d+) (sources|fetched|from cache|archived|failed)", err.splitlines()[0])
    counts = {name: int(n) for n, name in summary}
    assert counts["sources"] == len(WEB_KEYS) - 1  # `speech` and `count` share one URL
    assert counts["fetched"] + counts["from cache"] == 3  # /article, /moved, /drift
    assert counts["archived"] == 1 and counts["failed"] == 3
    origin_host = f"127.0.0.1:{scenario.origin.port}"
    busy_host = f"127.0.0.4:{scenario.busy.port}"
    per_host = {host: (int(s), int(r)) for host, s, r in
                re.findall(r"^  (\S+): (\d+) source\(s\), (\d+) request\(s\)$", err, re.MULTILINE)}
    assert set(per_host) == {origin_host, busy_host, "10.0.0.1"}
    assert per_host[origin_host][0] == 5
    # The requests it reports for the origin are the ones the origin saw (no retries there).
    assert per_host[origin_host][1] == scenario.hits["fetch"][0]
    assert f"dead: {scenario.origin.url('/missing')}" in err
    assert f"unreachable: {scenario.busy.url('/always-busy')}" in err
    assert f"snapshots written to {scenario.tmp / 'snapshots'}" in err
