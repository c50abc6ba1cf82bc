"""Telephone lines in words: a line's name ('saluran 1' unless an admin named it) and why a caller-ID line is
down, worded from the core's reason code (callcenter.cid.sources.base.REASONS) in the console's language."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from callcenter.cid.sources.base import LineState

CONTEXT = "Words"
_DEFAULT_NAME = re.compile(r"^Line (\S+)$")
"""The name intake gives a line it meets for the first time ('Line 1'): the console words it itself."""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def line_text(name: str | None, code: str | None = None) -> str:
    """'saluran 1' for a line nobody named (or only its code), the admin's name otherwise."""
    if name:
        default = _DEFAULT_NAME.match(name)
        if default is None:
            return name
        code = default.group(1)
    if not code:
        return ""
    return tr("line %1").replace("%1", code)


REASONS: Mapping[str, object] = {
    # One entry per code of callcenter.cid.sources.base.REASONS (a test holds them equal); {names} are values.
    "not_started": QT_TRANSLATE_NOOP("Words", "not started yet"),
    "stopped": QT_TRANSLATE_NOOP("Words", "stopped"),
    "closed": QT_TRANSLATE_NOOP("Words", "the connection was closed"),
    "lost": QT_TRANSLATE_NOOP("Words", "the connection was lost"),
    "system": QT_TRANSLATE_NOOP("Words", "system error: {detail}"),
    "internal": QT_TRANSLATE_NOOP("Words", "internal error ({detail}); the technician finds it in the log file"),
    "bad_url": QT_TRANSLATE_NOOP("Words", "the source's address cannot be used: {detail}"),
    "no_answer": QT_TRANSLATE_NOOP("Words", "no answer within {seconds} s"),
    "serial.missing": QT_TRANSLATE_NOOP("Words", "port {port} does not exist: is the USB cable plugged in?"),
    "serial.busy": QT_TRANSLATE_NOOP("Words", "port {port} is in use by another program or not allowed"),
    "serial.open": QT_TRANSLATE_NOOP("Words", "port {port} cannot be opened ({detail})"),
    "serial.gone": QT_TRANSLATE_NOOP("Words", "the device on {port} went away: cable pulled or port closed"),
    "serial.error": QT_TRANSLATE_NOOP("Words", "port {port} failed ({detail})"),
    "net.resolve": QT_TRANSLATE_NOOP("Words", "the server name {host} is not known ({detail})"),
    "net.refused": QT_TRANSLATE_NOOP("Words", "{host}:{port} refused the connection: is the service running?"),
    "net.timeout": QT_TRANSLATE_NOOP("Words", "{host}:{port} did not answer within {seconds} s"),
    "net.connect": QT_TRANSLATE_NOOP("Words", "cannot connect to {host}:{port} ({detail})"),
    "net.closed": QT_TRANSLATE_NOOP("Words", "the server closed the connection"),
    "udp.listen": QT_TRANSLATE_NOOP("Words", "cannot listen on UDP {host}:{port} ({detail})"),
    "ami.not_manager": QT_TRANSLATE_NOOP("Words", "{host}:{port} is not an Asterisk manager port"),
    "ami.login_failed": QT_TRANSLATE_NOOP("Words", "Asterisk refused the user name or password"),
    "ami.login_timeout": QT_TRANSLATE_NOOP("Words", "Asterisk did not answer the login"),
    "ami.closed": QT_TRANSLATE_NOOP("Words", "Asterisk closed the connection"),
    "ami.silent": QT_TRANSLATE_NOOP("Words", "Asterisk stopped answering"),
    "modem.no_answer": QT_TRANSLATE_NOOP("Words", "the modem did not answer {command}"),
    "modem.no_at": QT_TRANSLATE_NOOP("Words", "no modem answers on {port}"),
    "modem.refused": QT_TRANSLATE_NOOP("Words", "the modem refused {command}: it cannot receive SMS in PDU mode"),
}


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def reason_text(code: str | None, params: Mapping[str, str] | None = None, fallback: str | None = None) -> str:
    """Why a line is down, in the console's language; an unknown code shows the core's sentence."""
    template = REASONS.get(code or "")
    if template is None:
        return fallback or tr("no reason given")
    return string.Formatter().vformat(tr(str(template)), (), _Blank(params or {}))


def line_reason_text(state: LineState) -> str:
    return reason_text(state.reason_code, state.reason_params, state.reason)
