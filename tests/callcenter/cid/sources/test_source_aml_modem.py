"""The AML GSM-modem source against a modem emulator on a real pty: set-up, stored messages at start, +CMTI,
+CMT, concatenated parts, ordinary SMS kept, a database that refuses (the SIM keeps the message), a pulled cable."""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from callcenter.aml.sms import ReceivedSms
from callcenter.cid.sources import LineStatus, make_source
from callcenter.cid.sources.aml_modem import AmlModemSource
from tests.callcenter.aml import pdus
from tests.callcenter.cid.sources.gsm_modem import GsmModem

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals exist on POSIX only")

AT = datetime(2026, 3, 2, 3, 0, 5)
CALLER = "+6281234567890"
FIX = ('A"ML=1;lt=-6.55612;lg=107.44321;rd=14;top=20260302030001;lc=68;pm=G;si=510100000000000;'
       'ei=358239059042542;mcc=510;mnc=10;ml=121')


class Inbox:
    """A handler that stores what it is given (or refuses while ``down``), thread-safe."""

    def __init__(self) -> None:
        self.messages: list[ReceivedSms] = []
        self.down = False
        self._lock = threading.Lock()

    def __call__(self, sms: ReceivedSms) -> None:
        if self.down:
            raise ConnectionError("database down")
        with self._lock:
            self.messages.append(sms)

    def wait(self, count: int, timeout: float = 5.0) -> list[ReceivedSms]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.02)
        assert len(self.messages) >= count, f"got {len(self.messages)} messages, wanted {count}"
        return list(self.messages)


def start(url: str, collector: Any, running: Any, inbox: Inbox, **options: Any) -> AmlModemSource:
    source = make_source(url)
    assert isinstance(source, AmlModemSource)
    source.sweep_s = options.get("sweep_s", 30.0)
    source.on_message(inbox)
    running(source, collector)
    return source


def test_set_up_then_stored_then_announced_messages(collector: Any, running: Any) -> None:
    modem = GsmModem()
    inbox = Inbox()
    try:
        waiting = modem.store(pdus.deliver(CALLER, "Pak, tolong ada kecelakaan di Sadang", at=AT))
        sent = modem.store(pdus.deliver(CALLER, "draft", at=AT), stat=2)  # an unsent draft: not ours to touch
        source = start(f"serial://{modem.path}?format=aml", collector, running, inbox)
        collector.wait_status(LineStatus.UP, 5.0)
        modem.release_slave()
        [first] = inbox.wait(1)
        assert modem.commands[:6] == ["AT", "ATE0", "AT+CMEE=1", "AT+CMGF=0", "AT+CNMI=2,1,0,0,0", "AT+CMGL=4"]
        assert first.text == "Pak, tolong ada kecelakaan di Sadang" and first.aml is None
        assert first.sender == CALLER and first.source_key == source.key == f"serial:{modem.path}"
        assert modem.wait_for(lambda: waiting in modem.deletions)
        assert sent in modem.storage and sent not in modem.deletions

        index = modem.receive(pdus.deliver(CALLER, FIX, at=AT))
        located = inbox.wait(2)[1]
        assert located.aml is not None and (located.aml.latitude, located.aml.longitude) == (-6.55612, 107.44321)
        assert modem.wait_for(lambda: index in modem.deletions)
        assert f"AT+CMGR={index}" in modem.commands

        android = modem.receive(pdus.data_sms(CALLER, pdus.ANDROID_DATA_PAYLOAD, at=AT))
        assert inbox.wait(3)[2].aml is not None
        assert modem.wait_for(lambda: android in modem.deletions)
        assert not collector.warnings
    finally:
        modem.pull_cable()


def test_concatenated_parts_stay_on_the_sim_until_the_last_one(collector: Any, running: Any) -> None:
    modem = GsmModem()
    inbox = Inbox()
    text = "Banjir di Desa Cibening, air setinggi pinggang, " * 5
    parts = pdus.concatenated(CALLER, text, at=AT, reference=77)
    try:
        start(f"serial://{modem.path}?format=aml", collector, running, inbox)
        collector.wait_status(LineStatus.UP, 5.0)
        modem.release_slave()
        first = modem.receive(parts[1])
        time.sleep(0.5)
        assert inbox.messages == [] and first in modem.storage  # waiting for the rest, still on the SIM
        modem.receive(parts[0])
        [joined] = inbox.wait(1)
        assert joined.text == text and joined.complete and len(joined.pdus) == 2
        assert modem.wait_for(lambda: not modem.storage)
    finally:
        modem.pull_cable()


def test_a_pushed_cmt_message_is_taken(collector: Any, running: Any) -> None:
    modem = GsmModem()
    inbox = Inbox()
    try:
        start(f"serial://{modem.path}?format=aml", collector, running, inbox)
        collector.wait_status(LineStatus.UP, 5.0)
        modem.release_slave()
        modem.push(pdus.deliver(CALLER, FIX, at=AT))
        [sms] = inbox.wait(1)
        assert sms.aml is not None and sms.aml.radius_m == 14.0
    finally:
        modem.pull_cable()


def test_a_database_that_refuses_leaves_the_message_on_the_sim(collector: Any, running: Any) -> None:
    modem = GsmModem()
    inbox = Inbox()
    inbox.down = True
    try:
        start(f"serial://{modem.path}?format=aml", collector, running, inbox, sweep_s=0.3)
        collector.wait_status(LineStatus.UP, 5.0)
        modem.release_slave()
        index = modem.receive(pdus.deliver(CALLER, FIX, at=AT))
        time.sleep(0.8)
        assert index in modem.storage and not modem.deletions  # the SIM is the spool while the database is down
        inbox.down = False
        [sms] = inbox.wait(1)  # the next listing hands it over
        assert sms.aml is not None
        assert modem.wait_for(lambda: index in modem.deletions)
        time.sleep(0.5)
        assert len(inbox.messages) == 1  # once, not again at every listing
    finally:
        modem.pull_cable()


def test_a_failed_delete_never_hands_the_message_on_twice(collector: Any, running: Any) -> None:
    modem = GsmModem()
    modem.fail_deletes = True
    inbox = Inbox()
    try:
        start(f"serial://{modem.path}?format=aml", collector, running, inbox, sweep_s=0.2)
        collector.wait_status(LineStatus.UP, 5.0)
        modem.release_slave()
        modem.receive(pdus.deliver(CALLER, "Halo 112", at=AT))
        inbox.wait(1)
        time.sleep(0.8)  # several listings with the message still on the SIM
        assert len(inbox.messages) == 1
        assert any("deleting SMS" in w.message for w in collector.warnings)
    finally:
        modem.pull_cable()


def test_an_undecodable_pdu_is_kept_for_a_person(collector: Any, running: Any) -> None:
    modem = GsmModem()
    inbox = Inbox()
    try:
        modem.store("0791261811000000FFFF")
        start(f"serial://{modem.path}?format=aml", collector, running, inbox)
        [sms] = inbox.wait(1)
        assert sms.text is None and sms.problem and "0791261811000000FFFF" in sms.pdus[0]
        assert any("cannot be decoded" in w.message for w in collector.warnings)
    finally:
        modem.pull_cable()


def test_a_modem_without_pdu_mode_is_down_with_the_reason(collector: Any, running: Any) -> None:
    modem = GsmModem(refuse=("AT+CMGF",))
    try:
        start(f"serial://{modem.path}?format=aml", collector, running, Inbox())
        down = collector.wait_status(LineStatus.DOWN, 5.0, after=1)
        assert "AT+CMGF=0" in (down.reason or "")
    finally:
        modem.pull_cable()


def test_cable_pulled_shows_down_and_comes_back(tmp_path: Path, collector: Any, running: Any) -> None:
    link = tmp_path / "ttyGSM"
    first = GsmModem()
    link.symlink_to(first.path)
    inbox = Inbox()
    start(f"serial://{link}?format=aml", collector, running, inbox)
    collector.wait_status(LineStatus.UP, 5.0)
    first.release_slave()
    first.receive(pdus.deliver(CALLER, FIX, at=AT))
    inbox.wait(1)

    mark = len(collector.states)
    pulled = time.monotonic()
    first.pull_cable()
    down = collector.wait_status(LineStatus.DOWN, 2.0, after=mark)
    assert time.monotonic() - pulled < 1.5 and down.reason

    second = GsmModem()
    try:
        waiting = second.store(pdus.deliver(CALLER, "masuk saat kabel lepas", at=AT))
        replacement = tmp_path / "ttyGSM.new"
        replacement.symlink_to(second.path)
        os.replace(replacement, link)
        mark = len(collector.states)
        collector.wait_status(LineStatus.UP, 6.0, after=mark)
        second.release_slave()
        assert inbox.wait(2)[1].text == "masuk saat kabel lepas"  # read from the SIM after the reconnect
        assert second.wait_for(lambda: waiting in second.deletions)
    finally:
        second.pull_cable()


def test_format_aml_is_serial_only_and_fast_by_default() -> None:
    source = make_source("serial://COM7?format=aml")
    assert isinstance(source, AmlModemSource) and source.spec.baud == 115200 and source.spec.init == ()
    with pytest.raises(ValueError, match="serial port"):
        make_source("tcp://127.0.0.1:3333?format=aml")
