"""The operator's desk: the controllers that drive the main window's parts (the ringing calls, the call in hand,
the outage banner, the idle lock, drafts, side panels, the supervisor's tools). Each is a QObject of its own,
built with exactly what it needs, and testable alone; ``ui.console.window`` assembles them."""
