"""A redis-server of our own for a test (the Debian package; `.ci/run` installs it when missing)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A redis-server of our own on a free loopback port (`.ci/run` installs the Debian package)."""
    exe = shutil.which("redis-server")
    assert exe, "redis-server is not installed: run `sh tests/install-services.sh` (the README's test command does)"
    port = free_port()
    process = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from redis import Redis

        client = Redis(host="127.0.0.1", port=port)
        for _ in range(200):
            try:
                if client.ping():
                    break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.05)
        else:
            raise AssertionError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
