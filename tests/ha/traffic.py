"""A centre at work on the HA cluster: a caller-ID stream, the real line service, two desks and a write probe.

``simulate`` plays an NCID server with a steady stream of calls (its stdout lists every call it sent);
``python main.py ingest`` reads it and commits through the multi-host URL; two desk processes
(tests/ha/desk.py) answer, classify and save incidents; a probe thread commits a row every 50 ms so the test
can tell the first commit on the new primary. ``check()`` then proves that nothing was lost or doubled.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select, text

from callcenter.cid.events import CallerIdEvent, EventKind, Presentation
from callcenter.db.database import Database
from callcenter.db.models import AuditEntry, Call, Incident, Line
from callcenter.errors import DatabaseUnavailable
from callcenter.services.intake import IntakeService
from tests.ha.cluster import REPO, free_ports

PROBE_EVERY_S = 0.05


def ring_calls(db: Database, numbers: list[str]) -> None:
    """Calls through the real intake service, committed before this returns."""
    events = [("ha-test", CallerIdEvent(format="test", kind=EventKind.INCOMING, received_at=datetime.now(UTC),
                                        raw=f"CID {n}", line="9", number=n, name=None,
                                        presentation=Presentation.ALLOWED)) for n in numbers]
    assert len(IntakeService(db).process(events)) == len(numbers)


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ, CALLCENTER_DB=url)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _reader(stream: IO[str], sink: list[str]) -> threading.Thread:
    def pump() -> None:
        for line in stream:
            sink.append(line.rstrip("\n"))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


@dataclass
class DeskProcess:
    name: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        parsed = []
        for line in list(self.lines):
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if kind is None or event.get("event") == kind:
                parsed.append(event)
        return parsed

    def first_live_write_after(self, moment: float) -> float | None:
        return next((e["t"] for e in self.events("live_write") if e["t"] > moment), None)

    def summary(self) -> dict[str, Any]:
        found = self.events("summary")
        assert found, f"desk {self.name} gave no summary:\n" + "\n".join(self.errors[-30:])
        return found[-1]


class Traffic:
    def __init__(self, url: str, folder: Path, operators: list[tuple[int, str]], *, rate: float = 5.0,
                 seed: int = 1) -> None:
        self.url = url
        self.folder = folder
        self.operators = operators
        self.rate = rate
        self.seed = seed
        self.port = free_ports(1)[0]
        self.source = f"tcp://127.0.0.1:{self.port}?format=ncid"
        self.db = Database(url, pool_size=2)
        self.sent: list[str] = []
        self.ingest_log: list[str] = []
        self.desks: list[DeskProcess] = []
        self.probe_ok: list[float] = []
        self.probe_failed: list[float] = []
        self._stop_probe = threading.Event()
        self._processes: list[subprocess.Popen[str]] = []

    # -- starting ------------------------------------------------------------------------------------------
    def start(self) -> None:
        with self.db.write() as session:
            session.execute(text("CREATE TABLE IF NOT EXISTS ha_probe (id bigserial PRIMARY KEY, "
                                 "at timestamptz NOT NULL DEFAULT now())"))
        simulate = self._spawn([sys.executable, str(REPO / "main.py"), "simulate", "--to",
                                f"tcp://127.0.0.1:{self.port}", "--rate", str(self.rate), "--seed", str(self.seed)])
        assert simulate.stdout is not None
        _reader(simulate.stdout, self.sent)
        time.sleep(0.5)  # the NCID server listens before the line service connects
        ingest = self._spawn([sys.executable, str(REPO / "main.py"), "ingest", "--source", self.source,
                              "--spool", str(self.folder / "ingest-spool.jsonl")], stdout=False)
        assert ingest.stderr is not None
        _reader(ingest.stderr, self.ingest_log)
        for operator_id, username in self.operators:
            process = self._spawn([sys.executable, "-m", "tests.ha.desk", self.url, str(operator_id), username,
                                   str(self.folder / f"journal-{username}.jsonl")], stdin=True)
            desk = DeskProcess(username, process)
            assert process.stdout is not None and process.stderr is not None
            _reader(process.stdout, desk.lines)
            _reader(process.stderr, desk.errors)
            self.desks.append(desk)
        threading.Thread(target=self._probe, daemon=True).start()

    def _spawn(self, command: list[str], *, stdout: bool = True, stdin: bool = False) -> subprocess.Popen[str]:
        process = subprocess.Popen(command, cwd=REPO, env=_env(self.url), text=True,
                                   stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                   stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        self._processes.append(process)
        return process

    def _probe(self) -> None:
        while not self._stop_probe.is_set():
            try:
                with self.db.write() as session:
                    session.execute(text("INSERT INTO ha_probe DEFAULT VALUES"))
                self.probe_ok.append(time.time())
            except DatabaseUnavailable:
                self.probe_failed.append(time.time())
            self._stop_probe.wait(PROBE_EVERY_S)

    # -- watching ------------------------------------------------------------------------------------------
    def sent_calls(self) -> Counter[str]:
        """What the caller-ID stream delivered: one per incoming frame (number, or presentation if withheld)."""
        return Counter(line.split()[5] for line in self.sent if " incoming " in line)

    def stored_calls(self) -> Counter[str]:
        with self.db.read() as session:
            rows = session.execute(select(Call.number_raw, Call.presentation).join(Line, Line.id == Call.line_id)
                                   .where(Line.source_key.like(f"tcp://127.0.0.1:{self.port}%"))).all()
        return Counter(number if number else str(presentation) for number, presentation in rows)

    def call_ids(self) -> set[int]:
        with self.db.read() as session:
            return set(session.scalars(select(Call.id).join(Line, Line.id == Call.line_id)
                                       .where(Line.source_key.like(f"tcp://127.0.0.1:{self.port}%"))))

    def wait_until(self, what: str, condition: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except DatabaseUnavailable:
                pass
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}\ningest:\n" + "\n".join(self.ingest_log[-20:]) +
                             "".join(f"\ndesk {d.name}:\n" + "\n".join(d.errors[-15:]) for d in self.desks))

    def warm_up(self, calls: int = 20) -> None:
        self.wait_until(f"{calls} calls committed and both desks answering",
                        lambda: len(self.call_ids()) >= calls and all(d.events("live_write") for d in self.desks),
                        60)

    def longest_gap(self, moments: list[float], since: float) -> float:
        """The longest stretch without a successful write around the event: the outage as a client lived it."""
        times = sorted(t for t in moments if t >= since - 1.0)
        return max((b - a for a, b in itertools.pairwise(times)), default=0.0)

    def first_probe_after(self, moment: float) -> float | None:
        return next((t for t in self.probe_ok if t > moment), None)

    def first_ingest_commit_after(self, moment: float) -> float | None:
        """From the line service's own log: its first call line written after ``moment`` (lines are written
        only after the commit)."""
        import datetime as dt

        for line in list(self.ingest_log):
            if " ringing line " not in line:
                continue
            try:
                stamp = dt.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
            except ValueError:
                continue
            if stamp > moment:
                return stamp
        return None

    # -- stopping ------------------------------------------------------------------------------------------
    def finish(self) -> list[dict[str, Any]]:
        """Stop the stream, let the line service store everything, stop the desks; their summaries."""
        simulate = self._processes[0]
        simulate.send_signal(signal.SIGTERM)
        simulate.wait(30)
        time.sleep(0.3)
        expected = sum(self.sent_calls().values())
        self.wait_until(f"all {expected} sent calls stored",
                        lambda: sum(self.stored_calls().values()) >= expected, 60)
        summaries = []
        for desk in self.desks:
            assert desk.process.stdin is not None
            desk.process.stdin.write("stop\n")
            desk.process.stdin.flush()
        for desk in self.desks:
            desk.process.wait(90)
            time.sleep(0.2)
            summaries.append(desk.summary())
        self.close()
        return summaries

    def close(self) -> None:
        self._stop_probe.set()
        for process in reversed(self._processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
        self.db.dispose()

    # -- the proof -----------------------------------------------------------------------------------------
    def check(self, summaries: list[dict[str, Any]]) -> dict[str, Any]:
        """Zero lost, zero doubled, every desk saw every call, no claim or save applied twice."""
        sent, stored = self.sent_calls(), self.stored_calls()
        assert sum(sent.values()) > 0
        assert stored == sent, f"lost: {sent - stored}, doubled or unknown: {stored - sent}"
        ids = self.call_ids()
        for desk, summary in zip(self.desks, summaries, strict=True):
            missing = ids - set(summary["seen"])
            assert not missing, f"desk {desk.name} never saw calls {sorted(missing)}"
            assert summary["journal_left"] == 0, f"desk {desk.name} left journal entries"
        with self.db.read() as session:
            claims = Counter(session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "call.claim")))
            doubled = {call: n for call, n in claims.items() if n > 1}
            assert not doubled, f"calls claimed more than once: {doubled}"
            created = Counter(session.scalars(select(Incident.description)))
            for desk, summary in zip(self.desks, summaries, strict=True):
                for description, info in summary["incidents"].items():
                    replays = [r for r in summary["journal"] if r["action"] == "incident_create"
                               and r["params"]["draft"]["description"] == description]
                    # A conflict (the call turned out to be another desk's) is kept for the operator, not stored.
                    expected = 0 if any(r["outcome"] == "conflict" for r in replays) else 1
                    assert created[description] == expected, f"{desk.name}: incident {description!r} stored " \
                                                      f"{created[description]} times ({info}, {replays})"
                    if info["saved"]:
                        address = session.scalar(select(Incident.address)
                                                 .where(Incident.description == description))
                        assert address == f"Jl. {info['call_id']}", f"{description}: save lost"
            unanswered = session.scalar(select(func.count()).select_from(Call).join(Line, Line.id == Call.line_id)
                                        .where(Line.source_key.like(f"tcp://127.0.0.1:{self.port}%"),
                                               Call.claimed_by_id.isnot(None), Call.call_type.is_(None)))
            assert unanswered == 0, f"{unanswered} answered calls were never classified"
        journal = [r for s in summaries for r in s["journal"]]
        return {"calls": sum(sent.values()), "journal_entries": len(journal),
                "journal_outcomes": dict(Counter(r["outcome"] for r in journal)),
                "listener_reconnects": [s["listener_reconnects"] for s in summaries]}
