"""Caller-ID: streaming parsers (one module per format) and sources (serial, tcp, udp, ami, sim)."""
