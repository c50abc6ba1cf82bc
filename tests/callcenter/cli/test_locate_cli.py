"""``main.py locate`` as a user runs it: a real subprocess, no database, no network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.callcenter.cli.test_cli import run

pytestmark = pytest.mark.slow

KEYS = {"inside", "kecamatan_code", "kecamatan", "desa_code", "desa"}


def test_a_point_in_town_names_its_desa_and_kecamatan(tmp_path: Path) -> None:
    result = run("locate", "-6.5569", "107.4433", home=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert set(found) >= KEYS
    assert found["inside"] is True and found["warning"] is None
    assert (found["kecamatan_code"], found["kecamatan"]) == ("32.14.01", "Purwakarta")
    assert (found["desa_code"], found["desa"]) == ("32.14.01.1001", "Nagri Kidul")


def test_pasted_forms_and_a_point_outside(tmp_path: Path) -> None:
    dms = json.loads(run("locate", "6°33'24.8\"S 107°26'35.9\"E", home=tmp_path).stdout)
    assert dms["desa_code"] == "32.14.01.1001"
    link = json.loads(run("locate", "https://maps.google.com/maps?q=-6.5569%2C107.4433&z=17", home=tmp_path).stdout)
    assert link["desa_code"] == "32.14.01.1001"
    swapped = json.loads(run("locate", "107.4433", "-6.5569", home=tmp_path).stdout)
    assert swapped["desa_code"] == "32.14.01.1001" and swapped["swapped"] is True
    bandung = json.loads(run("locate", "-6.9025", "107.6188", home=tmp_path).stdout)
    assert bandung["inside"] is False and bandung["warning"] == "outside"
    assert all(bandung[key] is None for key in KEYS - {"inside"})


@pytest.mark.parametrize("args", [("banjir",), ("-6.5569",), ("-96", "107"), ("https://maps.app.goo.gl/xyz",),
                                  ("<script>", "alert(1)")])
def test_input_that_is_not_a_coordinate_exits_2_with_one_sentence(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run("locate", *args, home=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr
