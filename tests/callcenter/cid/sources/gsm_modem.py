"""A GSM modem on the master side of a real pseudo-terminal, answering AT commands as the TS 27.005 manuals show
(PDU mode): ``+CMTI: "SM",<index>`` for a new message, ``+CMGR: <stat>,,<length>`` and ``+CMGL: <index>,<stat>,,
<length>`` followed by the PDU, ``+CMS ERROR: 321`` for an empty slot."""

from __future__ import annotations

import os
import select
import threading
import time
import tty


class GsmModem:
    def __init__(self, *, refuse: tuple[str, ...] = ()) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        self._slave: int | None = slave
        self.refuse = refuse
        self.echo = True
        self.storage: dict[int, tuple[int, str]] = {}
        """SIM slot -> (stat, PDU); stat 0 REC UNREAD, 1 REC READ, 2 STO UNSENT."""
        self.commands: list[str] = []
        self.deletions: list[int] = []
        self.fail_deletes = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="fake gsm modem")
        self._thread.start()

    # -- test controls ---------------------------------------------------------------------------------
    def store(self, pdu: str, stat: int = 0) -> int:
        """Put a message on the SIM without announcing it (it came while no program listened)."""
        with self._lock:
            index = next(i for i in range(1, 1000) if i not in self.storage)
            self.storage[index] = (stat, pdu)
            return index

    def receive(self, pdu: str) -> int:
        """A message arrives: stored and announced with +CMTI, as AT+CNMI=2,1 asks."""
        index = self.store(pdu)
        self._write(f'\r\n+CMTI: "SM",{index}\r\n')
        return index

    def push(self, pdu: str) -> None:
        """A message routed straight to the terminal (AT+CNMI mt=2): +CMT with the PDU, nothing stored."""
        self._write(f"\r\n+CMT: ,{len(pdu) // 2 - 1 - int(pdu[:2], 16)}\r\n{pdu}\r\n")

    def release_slave(self) -> None:
        if self._slave is not None:
            os.close(self._slave)
            self._slave = None

    def pull_cable(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.release_slave()
        os.close(self.master)

    def wait_for(self, condition: object, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if callable(condition) and condition():
                return True
            time.sleep(0.02)
        return False

    # -- the modem -------------------------------------------------------------------------------------
    def _write(self, text: str) -> None:
        try:
            os.write(self.master, text.encode("ascii"))
        except OSError:
            pass  # the other side is gone

    def _run(self) -> None:
        pending = b""
        while not self._stop.is_set():
            try:
                ready = select.select([self.master], [], [], 0.05)[0]
                if not ready:
                    continue
                data = os.read(self.master, 1024)
            except OSError:
                return
            pending += data
            while b"\r" in pending:
                line, pending = pending.split(b"\r", 1)
                command = line.decode("ascii", "replace").strip()
                if command:
                    self._answer(command)

    def _answer(self, command: str) -> None:
        self.commands.append(command)
        if self.echo:
            self._write(command + "\r")
        upper = command.upper()
        if any(upper.startswith(prefix) for prefix in self.refuse):
            self._write("\r\nERROR\r\n")
            return
        if upper == "ATE0":
            self.echo = False
            self._write("\r\nOK\r\n")
        elif upper in ("AT", "AT+CMEE=1", "AT+CMGF=0") or upper.startswith(("AT+CNMI=", "AT+CPMS")):
            self._write("\r\nOK\r\n")
        elif upper == "AT+CMGL=4":
            with self._lock:
                listing = "".join(f"+CMGL: {index},{stat},,{_tpdu_length(pdu)}\r\n{pdu}\r\n"
                                  for index, (stat, pdu) in sorted(self.storage.items()))
            self._write(f"\r\n{listing}\r\nOK\r\n")
        elif upper.startswith("AT+CMGR="):
            with self._lock:
                slot = self.storage.get(int(upper.split("=")[1]))
                if slot is not None and slot[0] == 0:
                    self.storage[int(upper.split("=")[1])] = (1, slot[1])  # reading marks it read
            if slot is None:
                self._write("\r\n+CMS ERROR: 321\r\n")
            else:
                self._write(f"\r\n+CMGR: {slot[0]},,{_tpdu_length(slot[1])}\r\n{slot[1]}\r\n\r\nOK\r\n")
        elif upper.startswith("AT+CMGD="):
            index = int(upper.split("=")[1].split(",")[0])
            if self.fail_deletes:
                self._write("\r\n+CMS ERROR: 500\r\n")
                return
            with self._lock:
                self.storage.pop(index, None)
                self.deletions.append(index)
            self._write("\r\nOK\r\n")
        else:
            self._write("\r\nERROR\r\n")


def _tpdu_length(pdu: str) -> int:
    """<length> in PDU mode counts the TPDU octets, without the service centre address."""
    return len(pdu) // 2 - 1 - int(pdu[:2], 16)
