"""Several desks on one PostgreSQL: each desk is a separate process with its own engine (tests/multidesk/desk.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def desk_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "tests.multidesk.desk", *[str(a) for a in args]]


def desk_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_desk(*args: object, timeout: float = 30) -> dict[str, Any]:
    """Run one desk action in its own process and return its JSON answer."""
    done = subprocess.run(desk_command(*args), cwd=REPO, env=desk_env(), capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def start_desk(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(desk_command(*args), cwd=REPO, env=desk_env(), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
