"""Dispatch screens: the "Teruskan" dialog, the dispatch timeline with its deliveries, the unit status board,
and the admin dialogs for agencies and units. Self-contained widgets; the main window places them."""

from ui.dispatch.admin import AgencyAdminDialog, UnitAdminDialog
from ui.dispatch.dialog import DispatchDialog
from ui.dispatch.timeline import DispatchTimelineWidget
from ui.dispatch.unit_board import UnitBoardModel, UnitBoardPanel

__all__ = ["AgencyAdminDialog", "DispatchDialog", "DispatchTimelineWidget", "UnitAdminDialog", "UnitBoardModel",
           "UnitBoardPanel"]
