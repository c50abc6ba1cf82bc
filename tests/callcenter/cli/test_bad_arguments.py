"""Every command, given bad arguments, answers in one sentence: no traceback, exit status 2 (bad input) or 1
(failure), exactly one line on stderr.

The commands are found by walking the parser (``callcenter.cli.build_parser``), so a new command is covered the day
it is registered: it gets the generic cases below (an unknown option, missing arguments, a value of the wrong
type or outside its choices, an output path that is a folder, and the table of bad ``--db`` values). A required
argument needs a valid sample in ``SAMPLES`` (the test says so when one is missing); ``SPECIFIC`` holds the bad
values only one command knows about. Each case runs ``main.py`` in a process of its own, as a user runs it
(forked from one process that imported the program once, which keeps the test quick).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from callcenter.cli import build_parser
from tests.conftest import REPO

pytestmark = pytest.mark.slow

Command = tuple[str, ...]
SAMPLES: dict[str, str] = {  # a valid value for each required argument, by its dest
    "number": "081234567890", "name": "budi", "to": "udp://127.0.0.1:9", "date": "2026-03-02", "shift": "pagi",
    "date_from": "2026-03-01", "date_to": "2026-03-02", "out": "{tmp}/out/report.pdf", "latitude": "-6.5569",
}
STDIN = "rahasia-123\n"  # a password for the commands that read one
CREATES_A_DATABASE = {("db", "upgrade")}  # the one command that may make a database where there was none
SPECIFIC: dict[Command, list[tuple[str, list[str], int]]] = {
    ("report", "shift"): [("a shift that has not started", ["--date", "9999-12-31"], 2),
                          ("a shift nobody defined", ["--shift", "sore"], 2)],
    ("report", "range"): [("--from after --to", ["--from", "2026-03-05"], 2),
                          ("the calendar's last day", ["--to", "9999-12-31"], 2)],
    ("export",): [("--from after --to, EIDO", ["--from", "2026-03-05", "--format", "eido"], 2),
                  ("--from after --to, CSV", ["--from", "2026-03-05", "--format", "csv"], 2),
                  ("the calendar's first day", ["--from", "0001-01-01"], 2)],
    ("ingest",): [("a folder as the spool file", ["--spool", "{tmp}"], 2),
                  ("a source URL of no known kind", ["--source", "gopher://x"], 2)],
    ("outbox", "run"): [("a poll interval of zero", ["--poll", "0"], 2)],
    ("db", "seed-demo"): [("zero days", ["--days", "0"], 2)],
    ("simulate",): [("a negative count", ["--count", "-1"], 2), ("a target of no known kind", ["--to", "x://y"], 2)],
    ("cid", "decode"): [("a folder to decode", ["{tmp}"], 2), ("a file that is not there", ["{tmp}/none.txt"], 2)],
    ("aml", "decode"): [("a folder to decode", ["{tmp}"], 2)],
    ("locate",): [("a latitude without its longitude", [], 2), ("a longitude that is no number", ["abc"], 2)],
}


@dataclass(frozen=True)
class Case:
    command: Command
    what: str
    argv: list[str]
    expected: int

    def __str__(self) -> str:
        return f"{' '.join(self.command)}: {self.what}"


def leaves(parser: argparse.ArgumentParser, path: Command = ()) -> Iterator[tuple[Command, argparse.ArgumentParser]]:
    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subcommands:
        yield path, parser
        return
    for name, child in subcommands[0].choices.items():
        yield from leaves(child, (*path, name))


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]


def valid_argv(command: Command, parser: argparse.ArgumentParser) -> list[str]:
    """The command with a sample for each required argument (the first choice where there are choices)."""
    argv = list(command)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or not (action.required or not action.option_strings):
            continue
        if not action.option_strings and action.nargs in ("?", "*"):
            continue
        if action.choices:
            value = str(next(iter(action.choices)))
        else:
            assert action.dest in SAMPLES, f"{' '.join(command)}: add a valid sample for {action.dest!r} to SAMPLES"
            value = SAMPLES[action.dest]
        argv += [action.option_strings[0], value] if action.option_strings else [value]
    return argv


def cases(tmp: Path, good_db: str) -> list[Case]:
    bad_dbs = [("--db that is not a URL", "notaurl", 2),
               ("--db of a kind Konsol 112 cannot use", "mysql://user:secret@localhost/konsol", 2),
               ("--db whose driver is missing", "postgresql+psycopg2://user@localhost/konsol", 2),
               ("--db naming a file that is not a database", f"sqlite:///{tmp / 'notes.txt'}", 2),
               ("--db naming a folder", f"sqlite:///{tmp}", 2),
               ("--db naming a server nobody runs", "postgresql+psycopg://nobody@127.0.0.1:1/none", 1)]
    found: list[Case] = []
    for command, parser in leaves(build_parser()):
        valid = valid_argv(command, parser)
        has_db = any(a.dest == "db" for a in _options(parser))
        base = [*valid, "--db", good_db] if has_db else valid

        def case(what: str, extra: list[str], expected: int, argv: list[str] | None = None,
                 command: Command = command, base: list[str] = base) -> None:
            parts = (argv if argv is not None else base) + extra
            found.append(Case(command, what, [part.replace("{tmp}", str(tmp)) for part in parts], expected))

        case("an unknown option", ["--no-such-option"], 2)
        if len(valid) > len(command):
            case("the required arguments left out", [], 2, argv=list(command))
        for action in _options(parser):
            flag = action.option_strings[-1]
            if action.type in (int, float):
                case(f"{flag} that is not a number", [flag, "abc"], 2)
            if action.choices:
                case(f"{flag} outside its choices", [flag, "nope"], 2)
            if getattr(action.type, "__name__", "") == "_date":
                case(f"{flag} that is no date", [flag, "2026-02-30"], 2)
            if action.type is Path:
                case(f"{flag} naming a folder", [flag, str(tmp)], 2)
                case(f"{flag} in a folder that is not there", [flag, str(tmp / "none" / "x.out")], 2)
        if has_db:
            for what, url, expected in bad_dbs:
                case(what, ["--db", url], expected)
            if command not in CREATES_A_DATABASE:
                case("--db in a folder that is not there", ["--db", f"sqlite:///{tmp / 'missing/folder/x.sqlite3'}"], 1)
        for what, extra, expected in SPECIFIC.get(command, []):
            case(what, extra, expected)
    return found


def run_all(table: list[Case], tmp: Path) -> list[subprocess.CompletedProcess[str]]:
    """Each case as ``python main.py ARGS`` with the password on stdin; forked from one process where the system
    can fork (see forkrun.py), else one process each."""
    env = {key: value for key, value in os.environ.items() if key != "CALLCENTER_DB"}
    if hasattr(os, "fork"):
        requests = [{"argv": case.argv, "cwd": str(tmp), "stdin": STDIN} for case in table]
        (tmp / "requests.json").write_text(json.dumps(requests), encoding="utf-8")
        subprocess.run([sys.executable, str(Path(__file__).with_name("forkrun.py")), str(tmp / "requests.json"),
                        str(tmp / "results.json")], env=env, cwd=tmp, timeout=1800, check=True)
        return [subprocess.CompletedProcess(case.argv, int(r["returncode"]), str(r["stdout"]), str(r["stderr"]))
                for case, r in zip(table, json.loads((tmp / "results.json").read_text(encoding="utf-8")),
                                   strict=True)]
    return [subprocess.run([sys.executable, str(REPO / "main.py"), *case.argv], capture_output=True, text=True,
                           input=STDIN, env=env, cwd=tmp, timeout=120, check=False) for case in table]


def test_every_command_answers_bad_arguments_in_one_sentence(tmp_path: Path, sqlite_template: Path) -> None:
    good = tmp_path / "good.sqlite3"
    shutil.copyfile(sqlite_template, good)
    (tmp_path / "notes.txt").write_text("not a database\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    table = cases(tmp_path, f"sqlite:///{good}")
    commands = {case.command for case in table}
    assert {("lookup",), ("report", "shift"), ("export",), ("ingest",), ("db", "seed-demo")} <= commands
    results = run_all(table, tmp_path)
    wrong = []
    for case, result in zip(table, results, strict=True):
        lines = result.stderr.strip().splitlines()
        problems = [text for text, bad in (
            ("a traceback", "Traceback" in result.stderr),
            (f"exit status {result.returncode}, not {case.expected}", result.returncode != case.expected),
            (f"{len(lines)} lines on stderr", len(lines) != 1),
            ("no 'error: ' sentence", not (lines and lines[-1].startswith("error: "))),
            ("the catch-all for defects", "unexpected failure" in result.stderr),
        ) if bad]
        if problems:
            wrong.append(f"{case} ({' '.join(case.argv)}): {', '.join(problems)}: {result.stderr.strip()[-300:]!r}")
    assert not wrong, f"{len(wrong)} of {len(table)} cases:\n" + "\n".join(wrong)
    assert not (tmp_path / "missing").exists()  # no command made the folders (nor the database) it was pointed at
    assert not list(tmp_path.glob(".konsol112-*"))  # no half-written report left behind
