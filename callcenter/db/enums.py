"""Enumerations stored as their (lower-case, Indonesian where it is the domain's word) values."""

from __future__ import annotations

from enum import StrEnum

from callcenter.cid.events import Presentation

__all__ = ["Presentation"]  # shared with the caller-ID events; one definition


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SYSTEM = "system"  # the line service (ingest) and migrations; never a login


class CallState(StrEnum):
    RINGING = "ringing"
    ANSWERED = "answered"
    MISSED = "missed"
    ENDED = "ended"


class CallType(StrEnum):
    NORMAL = "normal"
    INFORMASI = "informasi"
    PRANK = "prank"
    GHOST = "ghost"
    SALAH_SAMBUNG = "salah_sambung"
    TEST = "test"


# Call types that close a call in one step, with no incident.
ONE_STEP_CALL_TYPES = frozenset({CallType.PRANK, CallType.GHOST, CallType.SALAH_SAMBUNG, CallType.TEST,
                                 CallType.INFORMASI})


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class Channel(StrEnum):
    TELEPON_112 = "telepon_112"
    WHATSAPP = "whatsapp"
    SP4N_LAPOR = "sp4n_lapor"
    OGAN_LOPIAN = "ogan_lopian"
    DATANG_LANGSUNG = "datang_langsung"
    LAINNYA = "lainnya"


class Priority(StrEnum):
    P1 = "P1"  # life at risk now
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"  # no urgency (information, complaint)


class IncidentStatus(StrEnum):
    OPEN = "open"               # logged, not yet forwarded
    DISPATCHED = "dispatched"   # forwarded, waiting for the agency
    IN_PROGRESS = "in_progress" # an agency acknowledged / is en route / on scene
    RESOLVED = "resolved"       # every dispatch cleared, waiting for review/close
    CLOSED = "closed"


class CategoryKind(StrEnum):
    EMERGENCY = "emergency"
    NON_EMERGENCY = "non_emergency"
    COMPLAINT = "complaint"
    INFO = "info"


class AreaLevel(StrEnum):
    KABUPATEN = "kabupaten"
    KECAMATAN = "kecamatan"
    DESA_KELURAHAN = "desa_kelurahan"


class DispatchStatus(StrEnum):
    NOTIFIED = "notified"         # diberitahu
    ACKNOWLEDGED = "acknowledged" # diterima
    EN_ROUTE = "en_route"         # menuju lokasi
    ON_SCENE = "on_scene"         # tiba di lokasi
    CLEARED = "cleared"           # selesai
    CANCELLED = "cancelled"       # dibatalkan


class UnitStatus(StrEnum):
    AVAILABLE = "available"
    DISPATCHED = "dispatched"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    OUT_OF_SERVICE = "out_of_service"


class OutboxState(StrEnum):
    PENDING = "pending"     # menunggu
    SENT = "sent"           # terkirim
    FAILED = "failed"       # gagal (will be retried until attempts run out)
    RETRYING = "retrying"   # dicoba ulang
    GAVE_UP = "gave_up"


class DeliveryChannel(StrEnum):
    PRINT = "print"
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    WEBHOOK = "webhook"


class NoteKind(StrEnum):
    NOTE = "note"
    CREATED = "created"
    UPDATED = "updated"
    CALL_LINKED = "call_linked"
    STATUS = "status"
    DISPATCH = "dispatch"
    CLOSED = "closed"
    REOPENED = "reopened"


ANSWERED_ON_LINE = "line"
"""``calls.answered_via`` of a call answered at a desk phone (a PBX reported it), before any console logged it."""
