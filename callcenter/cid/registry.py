"""Parser names (the ``format=`` of a source URL and ``cid decode --format``) and their factories."""

from __future__ import annotations

import importlib
from zoneinfo import ZoneInfo

from callcenter.cid.events import FrameParser
from callcenter.clock import WIB

# format name -> "module:ClassName"; modules are imported on first use so `lookup` stays fast.
PARSERS: dict[str, str] = {
    "modem": "callcenter.cid.modem:ModemParser",
    "mdmf": "callcenter.cid.mdmf:MdmfParser",
    "callerid-com": "callcenter.cid.callerid_com:CallerIdComParser",
    "tci": "callcenter.cid.tci:TciParser",
    "ncid": "callcenter.cid.ncid:NcidParser",
    "ami": "callcenter.cid.ami:AmiParser",
    "auto": "callcenter.cid.auto:AutoParser",
}

FORMATS = tuple(PARSERS)


def make_parser(fmt: str, *, tz: ZoneInfo = WIB, datefmt: str | None = None) -> FrameParser:
    """A fresh parser for ``fmt``; ``tz`` is the zone of the device clock (for year inference).

    ``datefmt`` (``mdy`` or ``dmy``) is the order of day and month in NCID dates; other formats ignore it.
    """
    try:
        target = PARSERS[fmt]
    except KeyError:
        raise ValueError(f"unknown caller-ID format {fmt!r}; known: {', '.join(FORMATS)}") from None
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    options = {"datefmt": datefmt} if datefmt is not None and fmt == "ncid" else {}
    parser: FrameParser = cls(tz=tz, **options)
    return parser
