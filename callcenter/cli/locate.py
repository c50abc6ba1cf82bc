"""``python main.py locate LAT LON``: which kecamatan and desa/kelurahan of Purwakarta a point lies in (JSON).

    locate -6.5569 107.4433
    locate "6°33'24.8\\"S 107°26'35.9\\"E"
    locate "https://www.google.com/maps?q=-6.5569,107.4433"

Prints ``inside``, ``kecamatan_code``, ``kecamatan``, ``desa_code``, ``desa`` (nulls when outside the regency),
plus ``latitude``, ``longitude``, ``approximate`` (the nearest desa, for a point in a sliver between simplified
borders or just beyond the border), ``warning`` (``outside``, ``near_border`` or null), ``distance_m`` and
``swapped`` (the input gave longitude first). Input that is not a coordinate: one sentence on stderr, exit 2.
Needs no database and no network.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from callcenter.cli.common import EXIT_OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "locate", help="the kecamatan and desa/kelurahan at a coordinate (JSON)",
        description="Which kecamatan and desa/kelurahan of Kabupaten Purwakarta a point lies in. Give LAT LON, or "
                    "one pasted coordinate: degrees-minutes-seconds, a Google Maps link or a geo: URI.")
    parser.add_argument("latitude", metavar="LAT",
                        help="latitude in decimal degrees (-6.5569), or one whole pasted coordinate in quotes")
    parser.add_argument("longitude", nargs="*", metavar="LON", help="longitude in decimal degrees (107.4433)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: every other command (ingest above all, restarted often) starts without the map's modules.
    from callcenter.geo.coordinates import parse_coordinates
    from callcenter.geo.regions import load_geography

    # CoordinateError is a ValidationError: one sentence on stderr, exit 2.
    point = parse_coordinates(" ".join([args.latitude, *args.longitude]))
    found = load_geography().locate(point.latitude, point.longitude)
    result = found.to_json() | {"swapped": point.swapped}
    if point.accuracy_m is not None:
        result["accuracy_m"] = point.accuracy_m
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK
