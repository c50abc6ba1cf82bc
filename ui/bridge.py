"""The Qt bridge to the core: core callbacks (from any thread) become Qt signals received on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from callcenter.cid.events import CallerIdEvent, ParseWarning
from callcenter.services.intake import CallNotice


class CoreBridge(QObject):
    """Signals are emitted from core threads; Qt queues them to receivers living on the GUI thread."""

    calls_committed = Signal(list)   # list[CallNotice], after commit
    line_state = Signal(object)      # callcenter.cid.sources.LineState
    parse_warning = Signal(str, object)  # source key, ParseWarning
    feed_changes = Signal(list)      # list[callcenter.services.feed.Change]
    database_state = Signal(bool, str)  # reachable?, reason
    desk_state = Signal(str, int)  # callcenter.services.journal.DeskState, actions waiting in this desk's journal

    # Plain methods so core code can subscribe them without knowing Qt.
    def on_calls(self, notices: list[CallNotice]) -> None:
        self.calls_committed.emit(notices)

    def on_line_state(self, state: object) -> None:
        self.line_state.emit(state)

    def on_warning(self, source_key: str, warning: ParseWarning) -> None:
        self.parse_warning.emit(source_key, warning)

    def on_event(self, source_key: str, event: CallerIdEvent) -> None:
        """Unused by the bridge: events go to intake first and reach the console only once committed."""
