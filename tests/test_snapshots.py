"""Snapshot directories: layout, determinism, and what reading an entry back gives."""

from __future__ import annotations

import json

from citecheck.model import Source
from citecheck.sources.snapshots import SnapshotStore, slug_for


def _live(url: str = "https://example.org/a/b", text: str = "One two three.") -> Source:
    return Source(id="key2020", url=url, status="live", text=text, final_url=url, http_status=200,
                  fetched_at="2024-05-01T10:00:00Z", content_type="text/html", complete=True)


def test_layout_and_roundtrip(tmp_path):
    store = SnapshotStore(tmp_path / "snap")
    source = _live()
    source.archive_text = "Old words."
    source.archive_timestamp = "20140105120000"
    source.archive_url = "https://web.archive.org/web/20140105120000/https://example.org/a/b"
    store.write(source)
    index = json.loads((tmp_path / "snap" / "index.json").read_text(encoding="utf-8"))
    entry = index["https://example.org/a/b"]
    assert entry["file"].startswith("texts/example-org-a-b-") and entry["file"].endswith(".txt")
    assert (tmp_path / "snap" / entry["file"]).read_text(encoding="utf-8") == "One two three."
    assert entry["words"] == 3 and len(entry["sha256"]) == 64 and entry["http_status"] == 200
    assert entry["status"] == "live" and entry["fetched_at"] == "2024-05-01T10:00:00Z"
    back = SnapshotStore(tmp_path / "snap").get("https://example.org/a/b")
    assert back is not None and back.status == "snapshot"
    assert back.text == "One two three." and back.id == "key2020"
    assert back.archive_text == "Old words." and back.archive_timestamp == "20140105120000"


def test_index_is_deterministic_and_sorted(tmp_path):
    a, b = _live("https://b.example/"), _live("https://a.example/")
    first, second = SnapshotStore(tmp_path / "one"), SnapshotStore(tmp_path / "two")
    first.write(a)
    first.write(b)
    second.write(b)
    second.write(a)
    one = (tmp_path / "one" / "index.json").read_bytes()
    assert one == (tmp_path / "two" / "index.json").read_bytes()
    assert one.endswith(b"\n") and b'  "https://a.example/"' in one
    assert list(json.loads(one)) == ["https://a.example/", "https://b.example/"]


def test_rewrite_keeps_the_same_file(tmp_path):
    store = SnapshotStore(tmp_path)
    store.write(_live(text="First version."))
    store.write(_live(text="Second version."))
    files = sorted(p.name for p in (tmp_path / "texts").iterdir())
    assert len(files) == 1
    assert store.get("https://example.org/a/b").text == "Second version."


def test_statuses_read_back(tmp_path):
    store = SnapshotStore(tmp_path)
    store.write(Source(id="d", url="https://d.example/", status="dead", reason="HTTP 404 Not Found", http_status=404))
    store.write(Source(id="u", url="https://u.example/", status="unreachable", reason="timed out"))
    store.write(Source(id="r", url="http://10.0.0.1/", status="refused", reason="private address 10.0.0.1"))
    store.write(Source(id="a", url="https://a.example/", status="archived", text="Captured text.",
                       archive_url="https://web.archive.org/web/2014/https://a.example/"))
    dead = store.get("https://d.example/")
    assert dead is not None and dead.status == "dead" and dead.reason == "HTTP 404 Not Found"
    assert store.get("https://u.example/") is None  # nothing useful was recorded: fall through
    assert store.get("http://10.0.0.1/").status == "refused"
    archived = store.get("https://a.example/")
    assert archived.status == "archived" and archived.text == "Captured text."
    assert store.get("https://missing.example/") is None


def test_pdf_pages_survive(tmp_path):
    store = SnapshotStore(tmp_path)
    source = _live(text="Page one. Page two.")
    source.pages = [(0, 1), (10, 2)]
    store.write(source)
    assert store.get(source.url).pages == [(0, 1), (10, 2)]


def test_slug():
    assert slug_for("https://Example.org/Some Path/x.html?q=1") == "example-org-some-path-x-html"
    assert slug_for("") == "source"
