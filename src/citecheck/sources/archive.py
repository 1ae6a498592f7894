"""Archived copies from the Internet Archive's Wayback Machine.

:meth:`Archive.closest` asks the availability API (``archived_snapshots.closest``) for the
capture nearest a date, and falls back to the CDX API (``output=json``, ``closest``/``sort``,
``filter=statuscode:200``). :meth:`Archive.fetch_capture` requests the raw ``id_`` form (the page
as it was captured, with no toolbar and no rewritten links); when only the rewritten page answers,
the Wayback toolbar and its scripts are stripped. All requests go through the run's
:class:`~citecheck.sources.http.Fetcher` (cache, limits, guard). The three base URLs are
configuration, so tests point them at a local server.

A Memento TimeGate (RFC 7089) is asked last, when one is configured: ``GET {timegate}{url}`` with
``Accept-Datetime`` redirects to the memento closest to that date, whose ``Memento-Datetime``
header gives the capture time. Aggregators answer for many archives besides the Wayback Machine.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

from citecheck.sources.http import Fetcher, FetchResult

AVAILABILITY_URL = "https://archive.org/wayback/available"
CDX_URL = "https://web.archive.org/cdx/search/cdx"
WEB_URL = "https://web.archive.org/web"


@dataclass(frozen=True)
class Capture:
    """One archived capture: when, of what, and where its raw (``id_``) form lives."""

    timestamp: str  # YYYYMMDDhhmmss
    original_url: str
    archive_url: str  # raw form: {web}/{timestamp}id_/{url}
    page_url: str  # the capture as people open it: {web}/{timestamp}/{url}

    @property
    def date(self) -> str:
        """The capture date as YYYY-MM-DD."""
        ts = self.timestamp
        return f"{ts[0:4]}-{ts[4:6]}-{ts[6:8]}" if len(ts) >= 8 else ts


def wayback_timestamp(when: date | datetime | str | None) -> str | None:
    """A Wayback timestamp prefix (YYYY[MM[DD]]) for a date, or None for "any time"."""
    if when is None:
        return None
    if isinstance(when, datetime):
        return when.strftime("%Y%m%d%H%M%S")
    if isinstance(when, date):
        return when.strftime("%Y%m%d")
    digits = re.sub(r"[^0-9]", "", str(when).strip()[:19])
    return digits[:14] or None


class Archive:
    """The Wayback Machine (or anything speaking its availability, CDX and capture shapes)."""

    def __init__(
        self,
        fetcher: Fetcher,
        availability_url: str = AVAILABILITY_URL,
        cdx_url: str = CDX_URL,
        web_url: str = WEB_URL,
        timegate_url: str = "",
    ) -> None:
        self.fetcher = fetcher
        self.availability_url = availability_url
        self.cdx_url = cdx_url
        self.web_url = web_url.rstrip("/")
        self.timegate_url = timegate_url

    def _capture(self, timestamp: str, original: str) -> Capture:
        return Capture(
            timestamp=timestamp,
            original_url=original,
            archive_url=f"{self.web_url}/{timestamp}id_/{original}",
            page_url=f"{self.web_url}/{timestamp}/{original}",
        )

    def closest(self, url: str, when: date | datetime | str | None = None) -> Capture | None:
        """The successful capture of ``url`` closest to ``when`` (latest when None), or None."""
        timestamp = wayback_timestamp(when)
        return (self._from_availability(url, timestamp) or self._from_cdx(url, timestamp)
                or self._from_timegate(url, timestamp))

    def _from_timegate(self, url: str, timestamp: str | None) -> Capture | None:
        """The memento a Memento TimeGate (RFC 7089) picks for ``timestamp`` (None when not configured)."""
        if not self.timegate_url:
            return None
        headers = {}
        if timestamp:
            # Pad a partial timestamp (YYYY, YYYYMM, YYYYMMDD) to the first moment it names.
            stamp = (timestamp + "00000101000000"[len(timestamp):])[:14]
            try:
                moment = datetime.strptime(stamp, "%Y%m%d%H%M%S")
                headers["Accept-Datetime"] = moment.strftime("%a, %d %b %Y %H:%M:%S GMT")
            except ValueError:
                pass  # no usable date: the TimeGate answers with its latest memento
        result = self.fetcher.fetch(f"{self.timegate_url}{url}", headers=headers)
        memento_at = {k.lower(): v for k, v in result.headers.items()}.get("memento-datetime")
        if not result.ok or not memento_at:
            return None
        try:
            captured = parsedate_to_datetime(memento_at)
        except (TypeError, ValueError):
            return None
        ts = captured.strftime("%Y%m%d%H%M%S")
        return Capture(timestamp=ts, original_url=url, archive_url=result.final_url, page_url=result.final_url)

    def _json(self, endpoint: str, params: dict[str, str]) -> object | None:
        result = self.fetcher.fetch(f"{endpoint}?{urlencode(params)}")
        if not result.ok or not result.body:
            return None
        try:
            return json.loads(result.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    def _from_availability(self, url: str, timestamp: str | None) -> Capture | None:
        params = {"url": url}
        if timestamp:
            params["timestamp"] = timestamp
        data = self._json(self.availability_url, params)
        if not isinstance(data, dict):
            return None
        closest = (data.get("archived_snapshots") or {}).get("closest")
        if not isinstance(closest, dict) or not closest.get("available", True):
            return None
        status = str(closest.get("status", "200"))
        ts = str(closest.get("timestamp", ""))
        if not status.startswith("2") or not ts.isdigit():
            return None
        original = _original_from_capture_url(str(closest.get("url", ""))) or url
        return self._capture(ts, original)

    def _from_cdx(self, url: str, timestamp: str | None) -> Capture | None:
        params = {"url": url, "output": "json", "fl": "timestamp,original,statuscode",
                  "filter": "statuscode:200"}
        if timestamp:
            params.update({"closest": timestamp, "sort": "closest", "limit": "1"})
        else:
            params["limit"] = "-1"  # the latest capture
        data = self._json(self.cdx_url, params)
        if not isinstance(data, list) or len(data) < 2 or not isinstance(data[0], list):
            return None
        header = [str(h) for h in data[0]]
        for row in data[1:]:
            record = dict(zip(header, (str(v) for v in row)))
            ts = record.get("timestamp", "")
            if ts.isdigit() and record.get("statuscode", "200").startswith("2"):
                return self._capture(ts, record.get("original") or url)
        return None

    def fetch_capture(self, capture: Capture) -> FetchResult:
        """The capture's raw body; the rewritten page with its toolbar stripped when raw fails."""
        result = self.fetcher.fetch(capture.archive_url)
        if not result.ok:
            rewritten = self.fetcher.fetch(capture.page_url)
            if rewritten.ok:
                result = rewritten
        if result.ok and _is_html(result) and _has_toolbar(result.body):
            result.body = strip_toolbar(result.body)
        return result


_CAPTURE_PATH = re.compile(r"/web/\d{1,14}[a-z_]*/(.+)$")


def _original_from_capture_url(capture_url: str) -> str | None:
    match = _CAPTURE_PATH.search(capture_url)
    return match.group(1) if match else None


def _is_html(result: FetchResult) -> bool:
    return "html" in (result.content_type or "").lower() or result.body[:200].lstrip().lower().startswith(b"<")


_TOOLBAR_PATTERNS = [
    re.compile(rb"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.DOTALL | re.IGNORECASE),
    re.compile(rb"<script[^>]*>[^<]*(?:__wm\.|wombat|archive_analytics|WB_wombat)[^<]*</script>", re.DOTALL | re.IGNORECASE),
    re.compile(rb"<script[^>]*(?:archive\.org)?/_static/[^>]*>\s*</script>", re.DOTALL | re.IGNORECASE),
    re.compile(rb"<link[^>]*/_static/[^>]*>", re.DOTALL | re.IGNORECASE),
    re.compile(rb"<!--\s*FILE ARCHIVED ON.*?-->", re.DOTALL | re.IGNORECASE),
    re.compile(rb"<!--\s*playback timings.*?-->", re.DOTALL | re.IGNORECASE),
]
_REWRITTEN_LINK = re.compile(rb"(?:https?://web\.archive\.org)?/web/\d{1,14}[a-z_]*/(https?://)", re.IGNORECASE)


def _has_toolbar(body: bytes) -> bool:
    return b"WAYBACK TOOLBAR INSERT" in body or b"/_static/" in body or b"FILE ARCHIVED ON" in body


def strip_toolbar(body: bytes) -> bytes:
    """A rewritten Wayback page without the toolbar, its scripts and rewritten link prefixes."""
    for pattern in _TOOLBAR_PATTERNS:
        body = pattern.sub(b"", body)
    return _REWRITTEN_LINK.sub(rb"\1", body)


__all__ = ["AVAILABILITY_URL", "CDX_URL", "WEB_URL", "Archive", "Capture", "strip_toolbar", "wayback_timestamp"]
