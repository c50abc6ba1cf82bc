"""Delivery of forwarded incidents: the durable outbox, its worker and the channels (slip, WhatsApp, e-mail,
webhook). Plain Python; the console drives the manual channels (print, WhatsApp) from ui/dispatch."""
