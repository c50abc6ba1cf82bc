"""The composition root, run as a user would: ``python main.py --demo`` in a private data folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui.ring_banner import RingSound

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform != "linux", reason="the data folder is redirected through XDG_DATA_HOME")
def test_demo_starts_a_live_console_with_no_set_up(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--demo"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    desks: list[str] = []
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        for line in process.stderr:
            lines.append(line)
            if "window visible after" in line or time.monotonic() > deadline:
                break
        # The desk's heartbeat: the supervisor board sees operator1's desk online.
        from callcenter.db.database import Database, sqlite_url
        from callcenter.services.presence import PresenceService

        database = Database(sqlite_url(tmp_path / "data" / "Konsol112" / "demo" / "konsol112-demo.sqlite3"))
        try:
            while not desks and time.monotonic() < deadline:
                desks = [d.username or "" for d in PresenceService(database).desks() if d.online]
                time.sleep(0.1)
        finally:
            database.dispose()
    finally:
        process.terminate()
        process.wait(10)
    log = "".join(lines)
    assert "window visible after" in log, log[-3000:]
    assert "logged in as operator1 (operator)" in log
    assert "1 caller-ID source(s) started" in log
    assert "outbox worker running" in log
    assert desks == ["operator1"]
    assert (tmp_path / "data" / "Konsol112" / "demo" / "konsol112-demo.sqlite3").exists()
    assert list((tmp_path / "cache" / "Konsol112" / "translations").glob("*_id-*.qm"))  # compiled at start


def test_the_ring_sound_is_harmless_without_an_audio_device() -> None:
    sound = RingSound()
    sound.set_ringing(True)
    assert sound.playing
    sound.set_ringing(False, busy=True)
    assert not sound.playing
