"""Dispatch screens: the "Teruskan" dialog, the dispatch timeline with its deliveries, the unit status board,
the deliveries board, and the admin dialogs for agencies and units. Self-contained widgets; the main window
places them."""

from ui.dispatch.admin import AgencyAdminDialog, SmtpSettingsDialog, UnitAdminDialog
from ui.dispatch.deliveries import DeliveriesModel, DeliveriesPanel
from ui.dispatch.dialog import DispatchDialog
from ui.dispatch.timeline import DispatchTimelineWidget
from ui.dispatch.unit_board import UnitBoardModel, UnitBoardPanel

__all__ = [
    "AgencyAdminDialog",
    "DeliveriesModel",
    "DeliveriesPanel",
    "DispatchDialog",
    "DispatchTimelineWidget",
    "SmtpSettingsDialog",
    "UnitAdminDialog",
    "UnitBoardModel",
    "UnitBoardPanel",
]
