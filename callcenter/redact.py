"""Secrets never reach logs, exports or the audit trail: URL passwords and token-like query values are masked."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
SECRET_WORDS = ("pass", "secret", "token", "key", "sig", "auth", "credential", "pwd")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]+", re.IGNORECASE)


def _is_secret_name(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in SECRET_WORDS)


def redact_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if parts.password:
        netloc = netloc.replace(f":{parts.password}@", f":{MASK}@", 1)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_is_secret_name(name) for name, _ in pairs):
            query = urlencode([(name, MASK if _is_secret_name(name) else value) for name, value in pairs],
                              safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_text(text: str) -> str:
    return _URL.sub(lambda match: redact_url(match.group(0)), text)


def redact(value: Any) -> Any:
    """Mask secrets in a JSON-like snapshot: values under secret-looking keys, and inside any URL in a string."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: (MASK if isinstance(key, str) and _is_secret_name(key) and item else redact(item))
                for key, item in value.items()}
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value
