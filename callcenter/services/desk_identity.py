"""Which desk this console is: a name and a key of its own, stable across restarts, distinct per running instance.

A PC may run more than one console (two screens, a trainee beside a dispatcher, two operators on one Windows
login). Each running console holds one numbered *slot* in the profile's desk folder, with an OS file lock held
for as long as the process lives:

    <user config dir>/desks/console-1.json   {"name": "PC-OPS-1", "key": "3f0c..."}     + console-1.lock
    <user config dir>/desks/console-2.json   {"name": "PC-OPS-1#2", "key": "9a41..."}   + console-2.lock

The first console takes the lowest free slot, a second console running at the same time the next one. The slot
file is written at the slot's first use, so after a restart a console is the same desk again (the first console
of the day is always slot 1); an admin may rename a slot's desk (``set_desk_name``). A lock dies with its
process, so a crashed console leaves nothing behind to clean up.

The *key* tells two holders of one name apart where the locks cannot see each other (another Windows login on
the same PC, a copied profile): the heartbeat refuses a desk name that a live console with another key holds
(``DeskInUse``) instead of letting the two take turns at it. The line service has slots of its own kind
(``ingest-1.json``: ``PC-OPS-1#ingest``).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import platformdirs

from callcenter.db.database import APP_AUTHOR, APP_NAME
from callcenter.errors import UserFixableError, ValidationError

log = logging.getLogger(__name__)

MAX_DESK_NAME = 120
MAX_SLOTS = 16
KINDS = ("console", "ingest")


def default_profile_dir() -> Path:
    """This OS user's desk folder (per PC: the local, not the roaming, configuration folder on Windows)."""
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=False)) / "desks"


def host_name() -> str:
    return socket.gethostname() or "desk"


def default_desk_name(kind: str, slot: int, host: str | None = None) -> str:
    """``PC-OPS-1``, ``PC-OPS-1#2`` for a second console; ``PC-OPS-1#ingest`` for the line service."""
    base = host or host_name()
    if kind == "console":
        name = base if slot == 1 else f"{base}#{slot}"
    else:
        name = f"{base}#{kind}" if slot == 1 else f"{base}#{kind}{slot}"
    return name[:MAX_DESK_NAME]


def check_desk_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_DESK_NAME or any(ord(ch) < 32 for ch in cleaned):
        raise ValidationError({"desk": f"a desk name of 1 to {MAX_DESK_NAME} printable characters"})
    return cleaned


class _SlotLock:
    """An exclusive, non-blocking OS lock on one file, held until released or the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the life of the lock
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                self._handle.seek(0)
                msvcrt.locking(self._handle.fileno(), msvcrt.LK_UNLCK, 1)
        finally:
            self._handle.close()  # closing releases a flock on POSIX
            self._handle = None


@dataclass
class DeskIdentity:
    """One running console's desk: show ``name`` in the header, pass ``name`` and ``key`` to the heartbeat."""

    name: str
    key: str
    kind: str = "console"
    slot: int = 1
    path: Path | None = None
    """The slot file; None when the profile folder could not be written (then the identity lasts one run)."""
    _lock: _SlotLock | None = field(default=None, repr=False, compare=False)

    def release(self) -> None:
        """Give the slot back (the console exits). Also happens by itself when the process ends."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def rename(self, name: str) -> None:
        """Settings: this console's desk gets another name from now on (and after restarts)."""
        self.name = check_desk_name(name)
        if self.path is not None:
            _write_slot(self.path, {"name": self.name, "key": self.key})

    def __enter__(self) -> DeskIdentity:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def claim_desk_identity(profile_dir: Path | None = None, *, kind: str = "console", host: str | None = None,
                        max_slots: int = MAX_SLOTS) -> DeskIdentity:
    """Take the lowest free slot of ``kind`` in ``profile_dir`` (default: this user's desk folder) and return its
    desk. Each call is one more instance: a second call, in this process or another, gets another desk."""
    if kind not in KINDS:
        raise ValueError(f"desk kind {kind!r}: one of {', '.join(KINDS)}")
    folder = profile_dir if profile_dir is not None else default_profile_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for slot in range(1, max_slots + 1):
            lock = _SlotLock(folder / f"{kind}-{slot}.lock")
            if not lock.try_acquire():
                continue
            try:
                return _open_slot(folder / f"{kind}-{slot}.json", kind, slot, host, lock)
            except BaseException:
                lock.release()
                raise
    except OSError as exc:
        # A service user without a writable profile still runs; its desk is new at every start.
        log.warning("desk identity cannot be stored in %s (%s); using a one-run identity", folder, exc)
        return DeskIdentity(default_desk_name(kind, 1, host), uuid.uuid4().hex, kind, 1)
    raise UserFixableError(f"{max_slots} {kind}s already run under this user on this computer; close one",
                           kind=kind, slots=max_slots)


_held: dict[tuple[Path, str], DeskIdentity] = {}
_held_lock = threading.Lock()


def desk_identity(profile_dir: Path | None = None, *, kind: str = "console") -> DeskIdentity:
    """This process's desk of ``kind``: claimed at the first call, the same object at every later one (a logout and
    a new login keep the desk). Held until the process ends."""
    folder = profile_dir if profile_dir is not None else default_profile_dir()
    with _held_lock:
        identity = _held.get((folder, kind))
        if identity is None:
            identity = _held[(folder, kind)] = claim_desk_identity(folder, kind=kind)
        return identity


def set_desk_name(profile_dir: Path | None, slot: int, name: str, *, kind: str = "console") -> None:
    """Rename the desk of a slot that is not running (an admin's tool); a running console uses ``rename``."""
    folder = profile_dir if profile_dir is not None else default_profile_dir()
    path = folder / f"{kind}-{slot}.json"
    data = _read_slot(path) or {"key": uuid.uuid4().hex}
    folder.mkdir(parents=True, exist_ok=True)
    _write_slot(path, {"name": check_desk_name(name), "key": data["key"]})


def _open_slot(path: Path, kind: str, slot: int, host: str | None, lock: _SlotLock) -> DeskIdentity:
    data = _read_slot(path)
    if data is None:
        data = {"name": default_desk_name(kind, slot, host), "key": uuid.uuid4().hex}
        _write_slot(path, data)
    return DeskIdentity(data["name"], data["key"], kind, slot, path, lock)


def _read_slot(path: Path) -> dict[str, str] | None:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("desk identity file %s is unreadable (%s); starting it afresh", path, exc)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not 8 <= len(data["key"]) <= 64:
        log.warning("desk identity file %s is not one of ours; starting it afresh", path)
        return None
    try:
        name = check_desk_name(str(data.get("name", "")))
    except ValidationError:
        return None
    return {"name": name, "key": data["key"]}


def _write_slot(path: Path, data: dict[str, str]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
