"""Writes map_id.ts (context "Map") from the Indonesian below and the strings in ui/map.

    PYTHONPATH=. python resources/translations/make_map_ts.py

Strings are collected from the tr("...") and style.tr("...") calls in ui/map; a string without an Indonesian text
here stops the script, so nothing ships untranslated.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]

INDONESIAN = {
    "Map of Kabupaten Purwakarta": "Peta Kabupaten Purwakarta",
    "exact coordinates": "koordinat tepat",
    "desa centroid (no coordinates)": "titik tengah desa (tanpa koordinat)",
    "Agency post": "Pos instansi",
    "home desa centroid (no position set)": "titik tengah desa pos induk (posisi belum diatur)",
    "Double-click to open": "Klik ganda untuk membuka",
    "All categories": "Semua kategori",
    "per desa": "per desa",
    "per kecamatan": "per kecamatan",
    "Show counts": "Tampilkan jumlah",
    "Markers": "Penanda",
    "Back to the incident markers": "Kembali ke penanda kejadian",
    "&From": "&Dari",
    "&until": "&sampai",
    "Find a desa or kelurahan…": "Cari desa atau kelurahan…",
    "Find a desa on the map": "Cari desa di peta",
    "Whole regency (0)": "Seluruh kabupaten (0)",
    "Incidents per desa": "Kejadian per desa",
    "Incidents per kecamatan": "Kejadian per kecamatan",
    "outside Kabupaten Purwakarta": "di luar Kabupaten Purwakarta",
    "&Incidents": "&Kejadian",
    "&Posts": "&Pos",
    "&Units": "&Unit",
    "Click the map where it is (or move with the arrow keys and press Enter). Ctrl+F finds a desa.":
        "Klik peta di lokasinya (atau geser dengan tombol panah lalu tekan Enter). Ctrl+F mencari desa.",
    "No point chosen yet.": "Belum ada titik yang dipilih.",
    "Not a coordinate. Write it as -6.5569, 107.4433, as 6°33'24.8\"S 107°26'35.9\"E, or paste a map link.":
        "Bukan koordinat. Tulis sebagai -6.5569, 107.4433, sebagai 6°33'24,8\" LS 107°26'35,9\" BT, atau tempel "
        "tautan peta.",
    "On or near a border: the nearest desa was chosen. Check it with the caller.":
        "Di atau dekat batas wilayah: dipilih desa terdekat. Pastikan dengan pelapor.",
    "P1 (life at risk)": "P1 (nyawa terancam)",
    "P2 (emergency)": "P2 (darurat)",
    "P3 (not urgent)": "P3 (tidak mendesak)",
    "P4 (information)": "P4 (informasi)",
    "open, not yet forwarded": "terbuka, belum diteruskan",
    "forwarded, waiting for the agency": "diteruskan, menunggu instansi",
    "being handled": "sedang ditangani",
    "handled, waiting to be closed": "selesai ditangani, menunggu ditutup",
    "closed": "ditutup",
    "available": "siaga",
    "dispatched": "ditugaskan",
    "en route": "menuju lokasi",
    "on scene": "tiba di lokasi",
    "out of service": "tidak beroperasi",
    "Type or paste a coordinate.": "Ketik atau tempel koordinat.",
    "That is far too long for a coordinate.": "Terlalu panjang untuk sebuah koordinat.",
    "A shortened link cannot be opened without the internet: open it on the phone and copy the coordinates or "
    "the full link.": "Tautan pendek tidak bisa dibuka tanpa internet: buka di ponsel lalu salin koordinat atau "
                      "tautan lengkapnya.",
    "This link has no coordinates in it (a named place or a route). Share the location as coordinates.":
        "Tautan ini tidak memuat koordinat (nama tempat atau rute). Bagikan lokasinya sebagai koordinat.",
    "Latitude must be between -90 and 90 and longitude between -180 and 180.":
        "Lintang harus antara -90 dan 90, bujur antara -180 dan 180.",
    "The hemisphere letters contradict the numbers.": "Huruf arah (LS/LU/BT/BB) bertentangan dengan angkanya.",
    "Minutes and seconds must be below 60.": "Menit dan detik harus di bawah 60.",
    "Outside Kabupaten Purwakarta (%1 km from its border). The point is kept.":
        "Di luar Kabupaten Purwakarta (%1 km dari batasnya). Titik tetap disimpan.",
    "Incidents": "Kejadian",
    "not yet forwarded": "belum diteruskan",
    "at desa centroid (no coordinates)": "di titik tengah desa (tanpa koordinat)",
}


def source_strings() -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "ui" / "map").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else None
            if name == "tr":
                found.append(node.args[0].value)
    return list(dict.fromkeys(found))


def main() -> int:
    strings = source_strings()
    missing = [text for text in strings if text not in INDONESIAN]
    if missing:
        print("no Indonesian for:", *map(repr, missing), sep="\n  ", file=sys.stderr)
        return 1
    messages = "".join(
        f"    <message>\n        <source>{escape(text)}</source>\n"
        f"        <translation>{escape(INDONESIAN[text])}</translation>\n    </message>\n" for text in strings)
    ts = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="id_ID" '
          'sourcelanguage="en">\n<context>\n    <name>Map</name>\n' + messages + "</context>\n</TS>\n")
    (ROOT / "resources" / "translations" / "map_id.ts").write_text(ts, encoding="utf-8")
    print(f"{len(strings)} strings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
