"""Writes dispatch_id.ts (context "Dispatch") from the Indonesian below and the strings in ui/dispatch.

    PYTHONPATH=. python resources/translations/make_dispatch_ts.py

Strings are collected from tr("...") calls and the tables passed through tr(); a string without an
Indonesian text here stops the script, so nothing ships untranslated.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]

INDONESIAN = {
    "New (Ctrl+N)": "Baru (Ctrl+N)",
    "Save (Ctrl+S)": "Simpan (Ctrl+S)",
    "Save this entry (Ctrl+S)": "Simpan data ini (Ctrl+S)",
    "Agencies": "Instansi",
    "Active (offered when forwarding)": "Aktif (ditawarkan saat meneruskan)",
    "Units": "Unit",
    "Active (on the board and offered when forwarding)": "Aktif (tampil di papan dan ditawarkan saat meneruskan)",
    "The home base ranks units by distance when forwarding (desa centroid).":
        "Pos induk dipakai untuk mengurutkan unit menurut jarak saat meneruskan (titik tengah desa).",
    "&Code": "&Kode",
    "&Name": "&Nama",
    "S&hort name": "Nama &singkat",
    "&Kind": "&Jenis",
    "&Phone": "&Telepon",
    "&WhatsApp": "&WhatsApp",
    "&E-mail": "&E-mail",
    "Web&hook URL": "Alamat web&hook",
    "Default for\ncategories": "Bawaan untuk\nkategori",
    "&Call sign": "&Kode panggil",
    "&Type": "&Jenis",
    "&Agency": "&Instansi",
    "&Home base": "&Pos induk",
    "(not set)": "(belum diisi)",
    "Not saved: correct the fields marked in red.": "Belum tersimpan: perbaiki isian yang bertanda merah.",
    "Saved: %1": "Tersimpan: %1",
    "(inactive)": "(nonaktif)",
    "Your role may not do this.": "Peran Anda tidak diizinkan melakukan ini.",
    "It no longer exists; another desk may have removed it. Refresh and try again.":
        "Data ini sudah tidak ada; mungkin dihapus dari meja lain. Muat ulang lalu coba lagi.",
    "The database cannot be reached. Nothing was saved; try again in a moment.":
        "Basis data tidak dapat dihubungi. Tidak ada yang tersimpan; coba lagi sebentar lagi.",
    "notified": "diberitahu",
    "acknowledged": "diterima",
    "en route": "menuju lokasi",
    "on scene": "tiba di lokasi",
    "cleared": "selesai",
    "cancelled": "dibatalkan",
    "available": "siaga",
    "dispatched": "ditugaskan",
    "out of service": "tidak beroperasi",
    "Printed slip": "Slip cetak",
    "WhatsApp": "WhatsApp",
    "E-mail": "E-mail",
    "Webhook (EIDO)": "Webhook (EIDO)",
    "pending": "menunggu",
    "sent": "terkirim",
    "failed": "gagal",
    "retrying": "dicoba ulang",
    "failed, stopped retrying": "gagal, percobaan dihentikan",
    "A dispatch cannot go back to an earlier status.": "Status penugasan tidak bisa mundur ke status sebelumnya.",
    "Record \"acknowledged\" before \"cleared\".": "Catat \"diterima\" sebelum \"selesai\".",
    "This dispatch was already updated (perhaps by another desk). Refresh and look again.":
        "Penugasan ini sudah diperbarui (mungkin dari meja lain). Muat ulang dan periksa lagi.",
    "The incident is closed; a supervisor reopens it before it can be forwarded.":
        "Kejadian sudah ditutup; supervisor perlu membukanya kembali sebelum diteruskan.",
    "The unit is on an open dispatch; record the status on that dispatch instead.":
        "Unit sedang dalam penugasan; catat statusnya pada penugasan tersebut.",
    "Unexpected error: %1": "Kesalahan tak terduga: %1",
    "%1 d %2 h": "%1 hr %2 j",
    "Forward incident": "Teruskan kejadian",
    "Loading…": "Memuat…",
    "&Agencies": "&Instansi",
    "Space ticks or unticks. Ticked agencies with no unit ticked are notified as an agency.":
        "Spasi mencentang atau menghapus centang. Instansi yang dicentang tanpa unit diberitahu sebagai instansi.",
    "U&nits (nearest first)": "U&nit (terdekat lebih dulu)",
    "Deliver by": "Kirim melalui",
    "Note for the record (optional), e.g. \"confirmed by phone with the duty officer\"":
        "Catatan (opsional), mis. \"sudah dikonfirmasi lewat telepon dengan petugas piket\"",
    "N&ote:": "Cat&atan:",
    "Forward": "Teruskan",
    "Forward to the ticked agencies and units (Ctrl+Enter)":
        "Teruskan ke instansi dan unit yang dicentang (Ctrl+Enter)",
    "Close without forwarding (Esc)": "Tutup tanpa meneruskan (Esc)",
    "Cannot forward": "Tidak dapat meneruskan",
    "Forwarding…": "Meneruskan…",
    "Unit": "Unit",
    "Type": "Jenis",
    "Agency": "Instansi",
    "Status": "Status",
    "Distance": "Jarak",
    "On incident": "Sedang di kejadian",
    "Tick at least one agency or unit.": "Centang setidaknya satu instansi atau unit.",
    "Unit already busy": "Unit sedang bertugas",
    "Dispatch slip": "Slip penugasan",
    "Location: %1": "Lokasi: %1",
    "Nearest available unit of a default agency": "Unit siaga terdekat dari instansi bawaan",
    "Busy: you will be asked to confirm before it is assigned":
        "Sedang bertugas: Anda akan diminta konfirmasi sebelum unit ditugaskan",
    "Assign it to this incident anyway? It will leave its current status for this incident.":
        "Tetap tugaskan ke kejadian ini? Statusnya akan beralih ke kejadian ini.",
    "%1 km": "%1 km",
    "%1 has no e-mail address": "%1 belum punya alamat e-mail",
    "%1 has no webhook": "%1 belum punya webhook",
    "default": "bawaan",
    "Default agency for this category": "Instansi bawaan untuk kategori ini",
    "no WhatsApp number for %1: the text is copied, choose the chat yourself":
        "nomor WhatsApp %1 belum ada: teks disalin, pilih sendiri percakapannya",
    " on %1": " di %1",
    "Forward %1 — %2 (%3)": "Teruskan %1 — %2 (%3)",
    "%1 is %2": "%1 sedang %2",
    "Print the dispatch slip now, or save it as a PDF?": "Cetak slip penugasan sekarang, atau simpan sebagai PDF?",
    "&Print…": "&Cetak…",
    "&Save as PDF…": "&Simpan PDF…",
    "&Later": "&Nanti",
    "Save dispatch slip": "Simpan slip penugasan",
    "PDF files (*.pdf)": "Berkas PDF (*.pdf)",
    "Print slip (P)": "Cetak slip (P)",
    "Print or save the selected dispatch's slip (P)": "Cetak atau simpan slip penugasan yang dipilih (P)",
    "WhatsApp (W)": "WhatsApp (W)",
    "Copy the WhatsApp text and open the chat (W)": "Salin teks WhatsApp dan buka percakapan (W)",
    "Retry (R)": "Coba lagi (R)",
    "Send the selected failed message again now (R)": "Kirim ulang sekarang pesan gagal yang dipilih (R)",
    "Cancel dispatch": "Batalkan penugasan",
    "Dispatch / step": "Penugasan / langkah",
    "Time (WIB)": "Waktu (WIB)",
    "Operator / detail": "Operator / keterangan",
    "This dispatch has no delivery to print from; forward with \"Printed slip\".":
        "Penugasan ini tidak punya data untuk dicetak; teruskan dengan \"Slip cetak\".",
    "(%1 attempts)": "(%1 kali dicoba)",
    "next try %1": "dicoba lagi %1",
    "Why is the dispatch to %1 cancelled?": "Mengapa penugasan ke %1 dibatalkan?",
    "Retry": "Coba lagi",
    "Record \"%1\" for the selected dispatch (%2)": "Catat \"%1\" untuk penugasan yang dipilih (%2)",
    "Filter units (call sign, agency, status, incident)… Ctrl+F":
        "Saring unit (kode panggil, instansi, status, kejadian)… Ctrl+F",
    "Out of service": "Tidak beroperasi",
    "Take the selected unit out of service (Ctrl+O)": "Nyatakan unit yang dipilih tidak beroperasi (Ctrl+O)",
    "Back in service": "Siaga kembali",
    "Put the selected unit back in service (Ctrl+I)": "Nyatakan unit yang dipilih siaga kembali (Ctrl+I)",
    "Refresh": "Muat ulang",
    "Reload the board (F5)": "Muat ulang papan (F5)",
    "Since %1 WIB": "Sejak %1 WIB",
    "Unit status": "Status unit",
    "%1 of %2 units available": "%1 dari %2 unit siaga",
    "Code": "Kode",
    "Name": "Nama",
    "Short name": "Nama singkat",
    "Kind": "Jenis",
    "Phone": "Telepon",
    "Webhook URL": "Alamat webhook",
    "Categories": "Kategori",
    "Call sign": "Kode panggil",
    "Home base": "Pos induk",
    "Channels": "Saluran",
    "Note": "Catatan",
    "This is not an e-mail address (name@domain, e.g. damkar@purwakartakab.go.id).":
        "Ini bukan alamat e-mail (nama@domain, mis. damkar@purwakartakab.go.id).",
    "An e-mail address has at most 200 characters.": "Alamat e-mail paling banyak 200 karakter.",
    "The web address must start with http:// or https://.": "Alamat web harus diawali http:// atau https://.",
    "A web address cannot contain spaces.": "Alamat web tidak boleh mengandung spasi.",
    "The web address has no server name (e.g. https://server/112).":
        "Alamat web tidak memuat nama server (mis. https://server/112).",
    "The port in the web address must be a number from 1 to 65535.":
        "Port pada alamat web harus angka 1 sampai 65535.",
    "A web address has at most 500 characters.": "Alamat web paling banyak 500 karakter.",
    "WhatsApp numbers must be Indonesian (+62).": "Nomor WhatsApp harus nomor Indonesia (+62).",
    "This is not a valid telephone number (e.g. 0812-3456-7890).":
        "Ini bukan nomor telepon yang sah (mis. 0812-3456-7890).",
    "2-40 lower-case letters, digits or _ (e.g. damkar).": "2-40 huruf kecil, angka atau _ (mis. damkar).",
    "Enter the agency's full name (at most 200 characters).": "Isi nama lengkap instansi (paling banyak 200 karakter).",
    "Enter a short name for lists (at most 40 characters).":
        "Isi nama singkat untuk daftar (paling banyak 40 karakter).",
    "Already used by another entry.": "Sudah dipakai oleh data lain.",
    "A call sign of letters, digits, -, / or . (e.g. DAMKAR-04).":
        "Kode panggil berupa huruf, angka, -, / atau . (mis. DAMKAR-04).",
    "Choose the unit type.": "Pilih jenis unit.",
    "Choose the agency the unit belongs to.": "Pilih instansi pemilik unit.",
    "Unknown desa/kelurahan.": "Desa/kelurahan tidak dikenal.",
    "Choose at least one agency or unit.": "Pilih setidaknya satu instansi atau unit.",
    "An agency you chose has no e-mail address or webhook; an admin enters it under Agencies. Untick that channel "
    "or choose another agency.":
        "Instansi yang dipilih belum punya alamat e-mail atau webhook; admin mengisinya di menu Instansi. "
        "Hapus centang saluran itu atau pilih instansi lain.",
    "connection refused: the agency's server is not listening": "koneksi ditolak: server instansi tidak aktif",
    "no answer from the agency's server in time": "server instansi tidak menjawab tepat waktu",
    "cannot reach the agency's server": "server instansi tidak dapat dihubungi",
    "the agency's server answered with an error (HTTP %1)": "server instansi menjawab dengan galat (HTTP %1)",
    "the mail server refused the SMTP user name or password": "server e-mail menolak nama pengguna atau sandi SMTP",
    "e-mail is not set up: an admin enters the mail server under Settings":
        "e-mail belum diatur: admin mengisi server e-mail di Pengaturan",
    "no SMTP password is stored; an admin enters it under Settings":
        "sandi SMTP belum disimpan; admin mengisinya di Pengaturan",
    "the mail server refused the connection": "server e-mail menolak koneksi",
    "cannot reach the server": "server tidak dapat dihubungi",
    "Time in status": "Lama di status",
    "Incident": "Kejadian",
    "Acknowledged": "Diterima",
    "En route": "Menuju lokasi",
    "On scene": "Tiba di lokasi",
    "Cleared": "Selesai",
    "Cancel…": "Batalkan…",
    "Cancel": "Batal",
    "To": "Tujuan",
    "E-mail server (SMTP)": "Server e-mail (SMTP)",
    "none (not encrypted)": "tanpa enkripsi",
    "only for a mail server with a private certificate authority": "hanya untuk server e-mail dengan CA sendiri",
    "&Server": "&Server",
    "&Port": "&Port",
    "&Encryption": "&Enkripsi",
    "&User": "&Pengguna",
    "Pass&word": "Kata &sandi",
    "Sen&der address": "Alamat pen&girim",
    "&CA file (PEM)": "Berkas &CA (PEM)",
    "stored in the system password store": "tersimpan di penyimpanan sandi sistem",
    "Server": "Server",
    "Port": "Port",
    "Encryption": "Enkripsi",
    "Sender address": "Alamat pengirim",
    "Enter the mail server's name (e.g. smtp.purwakartakab.go.id).":
        "Isi nama server e-mail (mis. smtp.purwakartakab.go.id).",
    "A port from 1 to 65535 (587 for STARTTLS, 465 for SSL).":
        "Port 1 sampai 65535 (587 untuk STARTTLS, 465 untuk SSL).",
    "Choose STARTTLS, SSL or none.": "Pilih STARTTLS, SSL atau tanpa enkripsi.",
    "Enter the sender address (e.g. cc112@purwakartakab.go.id).":
        "Isi alamat pengirim (mis. cc112@purwakartakab.go.id).",
    "Delete…": "Hapus…",
    "Delete an entry made by mistake; one with history is made inactive instead (Ctrl+Del)":
        "Hapus data yang salah input; data yang sudah punya riwayat dinonaktifkan saja (Ctrl+Del)",
    "Delete %1?": "Hapus %1?",
    "Deleted.": "Terhapus.",
    "It has history (units or dispatches), so it cannot be deleted; untick \"Active\" instead.":
        "Data ini sudah punya riwayat (unit atau penugasan), jadi tidak bisa dihapus; hapus centang \"Aktif\".",
    "Deliveries": "Pengiriman",
    "Channel": "Saluran",
    "Address": "Alamat",
    "State": "Status kirim",
    "Attempts": "Percobaan",
    "Next try": "Coba lagi pukul",
    "Reason": "Alasan",
    "Only messages not yet sent": "Hanya pesan yang belum terkirim",
    "%1 failed": "%1 gagal",
    "Close": "Tutup",
    "Close (Esc)": "Tutup (Esc)",
    "Deliver the selected message again now: print the slip, open WhatsApp, or resend the e-mail or webhook (R)":
        "Kirim ulang pesan yang dipilih sekarang: cetak slip, buka WhatsApp, atau kirim ulang e-mail/webhook (R)",
    "Choose the message to deliver again (arrow keys), then R.":
        "Pilih pesan yang akan dikirim ulang (tombol panah), lalu R.",
    "printed": "dicetak",
    "WhatsApp to %1: the chat is open and the text is copied; press Send there.":
        "WhatsApp ke %1: obrolan sudah terbuka dan teks sudah disalin; tekan Kirim di sana.",
    "WhatsApp to %1: no web browser could open the link. The text is copied: paste it into WhatsApp yourself, "
    "then retry (R) in Deliveries.":
        "WhatsApp ke %1: tidak ada peramban web yang dapat membuka tautan. Teks sudah disalin: tempelkan sendiri ke "
        "WhatsApp, lalu kirim ulang (R) di Pengiriman.",
    "The slip %1 is waiting: print it later from Deliveries (Ctrl+4, then R).":
        "Slip %1 menunggu: cetak nanti dari Pengiriman (Ctrl+4, lalu R).",
    "Slip %1: %2.": "Slip %1: %2.",
    "saved in %1": "disimpan di %1",
}


def source_strings() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from ui import errors
    from ui.dispatch import common, timeline

    found: list[str] = []
    for path in sorted((ROOT / "ui" / "dispatch").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append(node.args[0].value)
    found += list(errors.DISPATCH_FIELDS.values()) + [text for _, text in errors.DISPATCH_PROBLEMS]
    found += [text for _, text in common.REASON_PATTERNS]
    found += list(timeline.STEP_LABELS.values())
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
          'sourcelanguage="en">\n<context>\n    <name>Dispatch</name>\n' + messages + "</context>\n</TS>\n")
    (ROOT / "resources" / "translations" / "dispatch_id.ts").write_text(ts, encoding="utf-8")
    print(f"{len(strings)} strings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
