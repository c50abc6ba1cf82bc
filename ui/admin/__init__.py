"""Admins' dialogs that are not about forwarding: operators' accounts, and the categories' questions (agencies,
units and the e-mail server are in ui.dispatch)."""

from ui.admin.operators import OperatorsDialog
from ui.admin.questions import CategoryQuestionsDialog

__all__ = ["CategoryQuestionsDialog", "OperatorsDialog"]
