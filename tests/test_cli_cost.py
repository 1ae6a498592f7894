"""The command's own process collects cyclic garbage rarely (issue 12: a 100 KB essay of 25,000
markers spent 0.2 s of its 1.5 s in some 550 collections). Counted, never timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import citecheck

SRC = str(Path(citecheck.__file__).resolve().parent.parent)

# Runs the command as its console script does (``main()``), counting the collector's runs.
COUNT = """
import gc, json, sys
runs = []
gc.callbacks.append(lambda phase, info: runs.append(info["generation"]) if phase == "start" else None)
from citecheck.cli import main
try:
    main(["check", sys.argv[1], "--offline", "--jobs", "1"])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"collections": len(runs), "full": runs.count(2), "code": code, "frozen": gc.get_freeze_count() > 0}))
"""


def _collections(essay: Path) -> dict[str, int]:
    env = {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", COUNT, str(essay)], capture_output=True, text=True, env=env,
                          cwd=essay.parent, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_check_collects_rarely(tmp_path: Path) -> None:
    essay = tmp_path / "numeric.md"
    essay.write_text("[1] " * 5_000 + "\n", encoding="utf-8")
    counted = _collections(essay)
    assert counted["code"] == 1  # 5,000 undefined citations: errors
    assert counted["frozen"]  # the start-up's objects are out of every collection
    # About 150 collections, one of them full, at Python's default threshold of 700.
    assert counted["collections"] < 50
    assert counted["full"] == 0


def test_a_program_calling_the_command_keeps_its_own_collector() -> None:
    import gc

    from click.testing import CliRunner

    from citecheck.cli import main

    before = gc.get_threshold(), gc.get_freeze_count()
    CliRunner().invoke(main, ["--version"])
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
