"""`report` and `export` as a user runs them: subprocesses on a seeded SQLite database."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from callcenter.cli import reports as cli
from callcenter.db.database import Database
from callcenter.services.base import SYSTEM
from callcenter.services.demo import seed_demo
from callcenter.services.report_data import ReportService

REPO = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)  # 09:00 WIB on 3 March


def konsol(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CALLCENTER_DB", None)
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120)


@pytest.fixture
def seeded(sqlite_db: Database) -> Database:
    seed_demo(sqlite_db, days=3, calls_per_day=300, seed=7, now=NOW)
    return sqlite_db


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_report_shift_and_range_from_a_seeded_database(seeded: Database, tmp_path: Path) -> None:
    expected = ReportService(seeded).shift_report_data(SYSTEM, date(2026, 3, 1), "malam").summary
    out = tmp_path / "s.pdf"
    result = konsol("report", "shift", "--date", "2026-03-01", "--shift", "malam", "--out", str(out),
                    "--db", seeded.url)
    assert result.returncode == 0, result.stderr
    text = text_of(out)
    assert "LAPORAN SHIFT MALAM" in text
    assert f"Panggilan masuk {expected.funnel.incoming} 100,0%" in text
    assert f"Jumlah kejadian tercatat: {expected.incidents_total}" in text
    assert expected.funnel.incoming > 20

    pdf, days = tmp_path / "r.pdf", tmp_path / "r.csv"
    result = konsol("report", "range", "--from", "2026-03-01", "--to", "2026-03-02", "--out", str(pdf),
                    "--csv", str(days), "--lang", "en", "--db", seeded.url)
    assert result.returncode == 0, result.stderr
    assert "PERIOD REPORT" in text_of(pdf)
    lines = days.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Date,Incoming calls") and len(lines) == 4


def test_export_and_errors(seeded: Database, tmp_path: Path) -> None:
    result = konsol("export", "calls", "--from", "2026-03-01", "--to", "2026-03-01", "--format", "csv",
                    "--db", seeded.url)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0].startswith("call_id,line,number,e164") and len(rows) > 100

    out = tmp_path / "incidents.csv"
    result = konsol("export", "incidents", "--from", "2026-03-01", "--to", "2026-03-02", "--out", str(out),
                    "--db", seeded.url)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("number,created_at,category_code")

    bad_shift = konsol("report", "shift", "--date", "2026-03-01", "--shift", "sore", "--out",
                       str(tmp_path / "x.pdf"), "--db", seeded.url)
    assert bad_shift.returncode == 2 and "the shifts are pagi, siang, malam" in bad_shift.stderr
    assert not (tmp_path / "x.pdf").exists()
    backwards = konsol("export", "calls", "--from", "2026-03-02", "--to", "2026-03-01", "--db", seeded.url)
    assert backwards.returncode == 2 and "before the start date" in backwards.stderr
    bad_date = konsol("export", "calls", "--from", "2026-13-01", "--to", "2026-03-01", "--db", seeded.url)
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
    no_folder = konsol("report", "shift", "--date", "2026-03-01", "--shift", "pagi", "--out",
                       str(tmp_path / "missing" / "x.pdf"), "--db", seeded.url)
    assert no_folder.returncode == 2 and "does not exist" in no_folder.stderr


def test_eido_format(seeded: Database, tmp_path: Path) -> None:
    """One EIDO document per incident of the range, as a JSON array (callcenter.eido from the dispatch work)."""
    range_data = ReportService(seeded).range_report_data(SYSTEM, date(2026, 3, 1), date(2026, 3, 1))
    out = tmp_path / "eido.json"
    result = konsol("export", "incidents", "--from", "2026-03-01", "--to", "2026-03-01", "--format", "eido",
                    "--out", str(out), "--db", seeded.url)
    assert result.returncode == 0, result.stderr
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert len(documents) == range_data.summary.incidents_total > 0
    assert all(document["eidoVersion"] for document in documents)
    to_stdout = konsol("export", "incidents", "--from", "2026-03-01", "--to", "2026-03-01", "--format", "eido",
                       "--db", seeded.url)
    assert to_stdout.returncode == 0 and json.loads(to_stdout.stdout) == documents


def test_add_parser_registers_report_and_export() -> None:
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", "shift", "--date", "2026-03-01", "--shift", "malam", "--out", "a.pdf"])
    assert args.handler is cli.run and args.date == date(2026, 3, 1) and not hasattr(args, "db")
    args = parser.parse_args(["export", "calls", "--from", "2026-03-01", "--to", "2026-03-31", "--db", "sqlite://"])
    assert args.handler is cli.run and args.format == "csv" and args.db == "sqlite://"
