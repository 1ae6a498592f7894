"""Shared fixtures: where the repository, its example and ../shared live."""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def shared() -> Path:
    """../shared, or a clean skip when this checkout has none beside it."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def report_schema() -> dict:
    path = ROOT / "src" / "citecheck" / "schemas" / "report-v1.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let a test write to the user's real cache directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture(autouse=True, scope="session")
def _network_fence() -> Iterator[None]:
    """No test may reach an address outside this machine: a session-wide safety net.

    Name lookups are answered only for localhost and IP literals, and connections only to
    loopback; anything else fails at once and fails the run at the end. This guards the
    socket layer beneath everything; it does not patch requests, and the real local servers
    are untouched.
    """
    from servers import loopback_only

    original_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host or "")
        try:
            ipaddress.ip_address(name.split("%", 1)[0])
        except ValueError:
            if name not in ("localhost", "") and not name.endswith(".localhost"):
                lookups.append(name)
                raise socket.gaierror(socket.EAI_NONAME, f"blocked by the test network fence: {name}")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    try:
        with loopback_only() as attempts:
            yield
    finally:
        socket.getaddrinfo = original_getaddrinfo  # type: ignore[assignment]
    assert not attempts, f"tests tried to connect outside this machine: {attempts}"
    assert not lookups, f"tests tried to resolve names outside this machine: {sorted(set(lookups))}"
