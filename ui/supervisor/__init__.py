"""The supervisor's live board and the audit log viewer (roles supervisor and admin)."""

from ui.supervisor.audit_dialog import AuditLogDialog
from ui.supervisor.board import SupervisorBoard

__all__ = ["AuditLogDialog", "SupervisorBoard"]
