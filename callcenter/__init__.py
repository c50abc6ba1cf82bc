"""Konsol 112 core: domain, database, caller-ID and services. Never imports Qt."""

__version__ = "0.1.0"
