"""``ingest`` with the AML receivers, as the line service runs: the HTTPS endpoint in a real process, and the
GSM modem source storing into the database; refusals to run an open endpoint."""

from __future__ import annotations

import http.client
import os
import re
import signal
import ssl
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.db.database import Database
from callcenter.db.models import CallerLocation, SmsMessage
from tests.callcenter.aml import pdus
from tests.callcenter.aml.certs import Authority
from tests.callcenter.cid.sources.gsm_modem import GsmModem
from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")]
SECRET = "purwakarta-112-rahasia-bersama"


def ingest(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(REPO / "main.py"), "ingest", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)


def count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_https_and_modem_in_the_line_service(sqlite_db: Database, tmp_path: Path) -> None:
    centre = Authority(tmp_path, "centre-ca")
    server = centre.issue("aml-server", server=True)
    secret_file = tmp_path / "aml-secret"
    secret_file.write_text(SECRET + "\n", encoding="utf-8")
    modem = GsmModem()
    modem.store(pdus.deliver("+6281234567890", 'A"ML=1;lt=-6.55612;lg=107.44321;rd=14;pm=G',
                             at=datetime(2026, 3, 2, 3, 0)))
    modem.store(pdus.deliver("+6281234567890", "Terima kasih 112", at=datetime(2026, 3, 2, 3, 1)))
    env = dict(os.environ, CALLCENTER_DB=sqlite_db.url)
    process = ingest("--aml-https", "127.0.0.1:0", "--aml-cert", str(server.cert), "--aml-key", str(server.key),
                     "--aml-secret-file", str(secret_file), "--source", f"serial://{modem.path}?format=aml",
                     "--spool", str(tmp_path / "spool.jsonl"), env=env)
    output = ""
    try:
        assert process.stdout is not None
        port = None
        deadline = time.monotonic() + 30
        while port is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            output += line
            found = re.search(r"AML HTTPS endpoint on 127\.0\.0\.1:(\d+)", line)
            port = int(found.group(1)) if found else None
        assert port, output
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=10,
                                                 context=ssl.create_default_context(cafile=str(centre.files.cert)))
        connection.request("POST", "/aml", body="v=1&device_number=%2B6285600001111&location_latitude=-6.5&"
                                                "location_longitude=107.4&location_accuracy=30",
                           headers={"Authorization": f"Bearer {SECRET}",
                                    "Content-Type": "application/x-www-form-urlencoded"})
        assert connection.getresponse().status == 200
        connection.close()
        deadline = time.monotonic() + 15
        while (count(sqlite_db, CallerLocation) < 2 or count(sqlite_db, SmsMessage) < 1) and \
                time.monotonic() < deadline:
            time.sleep(0.1)
        modem.release_slave()
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
        output += rest
        modem.pull_cable()
    assert process.returncode == 0, output
    assert (count(sqlite_db, CallerLocation), count(sqlite_db, SmsMessage)) == (2, 1), output
    assert not modem.storage  # both taken off the SIM once stored
    assert SECRET not in output


def test_an_open_or_plain_endpoint_is_refused(sqlite_db: Database, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "KONSOL112_AML_SECRET"}
    env["CALLCENTER_DB"] = sqlite_db.url
    cert = Authority(tmp_path, "ca").issue("srv", server=True)
    for args, says in ((["--aml-https", "127.0.0.1:0"], "--aml-cert"),
                       (["--aml-https", "127.0.0.1:0", "--aml-cert", str(cert.cert), "--aml-key", str(cert.key)],
                        "shared secret"),
                       (["--aml-https", "nowhere"], "HOST:PORT")):
        result = subprocess.run([sys.executable, str(REPO / "main.py"), "ingest", *args], capture_output=True,
                                text=True, env=env, timeout=60)
        assert result.returncode == 2 and says in result.stderr, result.stderr
