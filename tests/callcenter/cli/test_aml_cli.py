"""``python main.py aml decode`` as a user runs it: text and PDU lines in, JSON lines out, warnings for the rest."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from tests.callcenter.aml import pdus
from tests.callcenter.cli.test_cli import run

AT = datetime(2026, 3, 2, 3, 0, 5)
PUBLISHED_FIX = ('A"ML=1;lt=+51.53321;lg=-0.12601;rd=14;top=20220131171748;lc=68;pm=W;si=234159000000000;'
                 'ei=123456789012345;mcc=234;mnc=15;ml=126')
PUBLISHED_NO_FIX = ('A"ML=1;lt=+00.00000;lg=+000.00000;rd=N;top=20220131173734;lc=0;pm=N;si=234159000000000;'
                    'ei=123456789012345;mcc=234;mnc=15;ml=127')
KEYS = ["version", "lat", "lon", "radius_m", "positioned_at", "confidence", "method", "imsi", "imei", "mcc", "mnc",
        "sender", "length_ok"]


def test_decode_text_pdus_and_bad_lines(tmp_path: Path) -> None:
    long_text = 'A"ML=1;lt=-6.55612;lg=107.44321;rd=30;top=20260302030001;lc=68;pm=C;note=' + "y" * 200
    lines = [
        PUBLISHED_FIX,
        PUBLISHED_NO_FIX,
        "+CMGR: 0,,118",  # a modem's header line before its PDU: skipped, not a warning
        pdus.data_sms("+6281234567890", pdus.ANDROID_DATA_PAYLOAD, at=AT),
        "<script>alert(1)</script>",
        pdus.PUBLISHED[0][0],  # an ordinary SMS
        *reversed(pdus.concatenated("+6285600001111", long_text, at=AT, reference=12)),
        'A"ML=3;lt=1',
        "",
    ]
    source = tmp_path / "in.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    done = run("aml", "decode", str(source), home=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [list(record) for record in records] == [KEYS] * 4
    fix, no_fix, android, joined = records
    assert fix == {"version": 1, "lat": 51.53321, "lon": -0.12601, "radius_m": 14.0,
                   "positioned_at": "2022-01-31T17:17:48+00:00", "confidence": 68, "method": "wifi",
                   "imsi": "234159000000000", "imei": "123456789012345", "mcc": "234", "mnc": "15", "sender": None,
                   "length_ok": False}
    assert (no_fix["lat"], no_fix["lon"], no_fix["radius_m"], no_fix["method"], no_fix["length_ok"]) == (
        None, None, None, "none", True)
    assert (android["sender"], android["lat"], android["radius_m"]) == ("+6281234567890", 37.42175, 20.0)
    assert (joined["sender"], joined["lat"], joined["method"]) == ("+6285600001111", -6.55612, "cell")
    warnings = done.stderr.splitlines()
    assert warnings == [
        "warning: line 5: neither an AML message nor an SMS-DELIVER PDU (not a readable SMS-DELIVER PDU: it is not "
        "an even number of hexadecimal digits)",
        "warning: line 6: an ordinary SMS from +31641600986, not an AML message",
        "warning: line 9: AML version '3' is not one this program reads (1 or 2)",
    ]


def test_decode_from_stdin_and_a_missing_file(tmp_path: Path) -> None:
    done = run("aml", "decode", "-", stdin=PUBLISHED_FIX + "\n", home=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["radius_m"] == 14.0
    missing = run("aml", "decode", str(tmp_path / "nope.txt"), home=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("error: cannot read")
