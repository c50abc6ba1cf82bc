"""``cid decode`` as a user runs it: a subprocess printing JSON lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = REPO.parent / "shared" / "cid-corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"caller-ID corpus not found at {CORPUS}")
KEYS = ["format", "kind", "line", "number", "presentation", "name", "timestamp", "duration_s", "e164", "raw"]


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def decode(*args: str, stdin: bytes = b"") -> Run:
    # Run against this checkout's code, whichever copy of the package is installed.
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "callcenter.cid.decode", *args], input=stdin,
                          capture_output=True, env=env, cwd=REPO, timeout=60, check=False)
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def records(result: Run) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@needs_corpus
def test_ncid_client_file_prints_one_object_per_caller_id_line() -> None:
    path = CORPUS / "ncid" / "test-client.data"
    result = decode("--format", "ncid", str(path))
    assert result.returncode == 0
    objects = records(result)
    assert all(list(obj) == KEYS for obj in objects)
    lines = path.read_text(encoding="utf-8").splitlines()
    prefixes = ("CID", "PID", "OUT", "HUP", "CIDLOG", "HUPLOG", "OUTLOG", "BLKLOG", "PIDLOG", "CIDINFO")
    caller_id_lines = [line for line in lines if line.split(":")[0] in prefixes]
    assert len(objects) == len(caller_id_lines)
    assert [obj["raw"] for obj in objects] == caller_id_lines
    sarasota = next(obj for obj in objects if obj["name"] == "SARASOTA, FL")
    assert sarasota == {
        "format": "ncid", "kind": "incoming", "line": None, "number": "9415557218", "presentation": "allowed",
        "name": "SARASOTA, FL", "timestamp": "2003-01-03T12:54:00", "duration_s": None,
        "e164": sarasota["e164"],
        "raw": "CID: *DATE*01032003*TIME*1254*LINE*-*NMBR*9415557218*MESG*NONE*NAME*SARASOTA, FL*",
    }
    assert next(obj for obj in objects if obj["name"] == "Vähälä")["number"] == "9085555002"
    # The malformed lines are named on stderr, one warning line each, and the run goes on.
    warnings = result.stderr.splitlines()
    assert len(warnings) == 7
    assert all(line.startswith("warning: ncid: ") for line in warnings)
    assert "MMDDYYYY" in warnings[0]


@needs_corpus
def test_modem_file_with_escapes_and_year() -> None:
    result = decode("--format", "modem", "--escapes", "--year", "2003",
                    str(CORPUS / "ncid" / "test-modem-calls.data"))
    assert result.returncode == 0
    incoming = [obj for obj in records(result) if obj["kind"] == "incoming"]
    sarasota = next(obj for obj in incoming if obj["name"] == "SARASOTA,FL")
    assert (sarasota["number"], sarasota["timestamp"]) == ("9415557218", "2003-01-03T12:54:00")
    assert any("12541" in line for line in result.stderr.splitlines())


def test_auto_detects_and_e164_uses_the_indonesian_region() -> None:
    result = decode(str(FIXTURES / "callerid-com-serial.txt"))
    assert result.returncode == 0
    first = records(result)[0]
    assert first["format"] == "callerid-com"
    assert (first["number"], first["e164"]) == ("081234567890", "+6281234567890")
    assert first["timestamp"] is not None and str(first["timestamp"]).endswith("-11-27T23:41:00")


def test_standard_input_and_a_last_line_without_newline() -> None:
    line = b"CID: *DATE*11272026*TIME*2341*LINE*1*NMBR*0264200112*MESG*NONE*NAME*Ros\xe9*"
    result = decode("--format", "ncid", "-", stdin=line)
    [obj] = records(result)
    assert (obj["number"], obj["name"], obj["line"]) == ("0264200112", "Rosé", "1")


def test_unreadable_file_and_unknown_format_exit_2_with_one_sentence() -> None:
    missing = decode(str(FIXTURES / "no-such-file.txt"))
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "cannot read" in missing.stderr
    unknown = decode("--format", "morse", str(FIXTURES / "tci.txt"))
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1 and "morse" in unknown.stderr


def test_help_documents_escapes() -> None:
    result = decode("--help")
    assert result.returncode == 0 and "--escapes" in result.stdout and "backslash" in result.stdout
