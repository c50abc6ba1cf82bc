"""The console's views: queues, missed calls, incident detail, caller history, handover, settings.

Every widget takes its dependencies through the constructor and does its database work on the one
``ui.worker.DbWorker``. Wiring them into the main window::

    queue = QueuePanel(worker, incidents, queues, actor)
    missed = MissedCallsPanel(worker, calls, queues, actor)
    bridge.feed_changes.connect(queue.on_changes)      # list[callcenter.services.feed.Change]
    bridge.feed_changes.connect(missed.on_changes)
    queue.incident_activated.connect(lambda incident_id: IncidentDetailDialog(
        worker, incidents, actor, incident_id, window).open())
    CallerHistoryDialog(worker, callers, actor, number, window).open()
    if HandoverDialog(worker, shifts, incidents, actor, window).exec() == QDialog.DialogCode.Accepted:
        ...  # log out: the shift session has ended with its handover note
    settings = SettingsDialog(worker, sources, settings_service, actor, language, window)
    settings.language_changed.connect(...)   # "id" | "en", already saved for this PC (QSettings)
    settings.sources_changed.connect(...)    # reopen this desk's caller-ID sources

``ui.preferences.saved_language()`` is the language chosen on this PC (read it before building the window);
``ShiftService.start_session(actor, desk)`` at login gives the handover its session (without one, the handover
still keeps the note on a session of its own). Shortcuts: Ctrl+F search, Enter open, Ctrl+K call back,
Ctrl+S save, Ctrl+Enter add note, Ctrl+Shift+T close incident, Ctrl+Shift+O reopen, Ctrl+B block, Ctrl+U unblock,
F5 reload after a conflict, Ctrl+L insert the open items into the handover note.
"""
