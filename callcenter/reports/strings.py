"""The reports' words in Indonesian (default) and English. Reports are built without Qt, so no tr() here."""

from __future__ import annotations

from datetime import date, datetime

from callcenter.clock import to_wib

LANGUAGES = ("id", "en")

_ID: dict[str, str] = {
    "shift_report": "LAPORAN SHIFT",
    "range_report": "LAPORAN PERIODE",
    "provisional": "SEMENTARA",
    "provisional_note": "Laporan sementara: shift masih berjalan saat dicetak ({at} WIB); angka dapat berubah.",
    "shift": "Shift",
    "date": "Tanggal",
    "period": "Periode",
    "until": "s.d.",
    "operators_on_duty": "Operator bertugas",
    "supervisor": "Supervisor",
    "none": "-",
    "generated_at": "Dicetak",
    "page_of": "Halaman {page} dari {pages}",
    "no_calls_shift": "Tidak ada panggilan pada shift ini.",
    "no_calls_range": "Tidak ada panggilan pada periode ini.",
    "no_answered": "Tidak ada panggilan yang dijawab.",
    "sec_identity": "Identitas",
    "sec_funnel": "1. Ringkasan Panggilan",
    "sec_types": "2. Jenis Panggilan",
    "sec_answer": "3. Waktu Jawab",
    "sec_incidents": "4. Kejadian",
    "sec_intervals": "5. Waktu Penanganan per Instansi",
    "sec_carried": "6. Kejadian Belum Selesai (Dialihkan ke Shift Berikutnya)",
    "sec_carried_range": "6. Kejadian Belum Selesai pada Akhir Periode",
    "sec_handover": "7. Catatan Serah Terima",
    "sec_numbers": "8. Nomor Prank/Ghost Berulang dan Nomor Diblokir",
    "sec_trend": "7. Tren Harian",
    "map_title": "Peta Kejadian per Kecamatan",
    "map_intro": "Jumlah kejadian yang tercatat pada periode ini menurut kecamatan lokasinya ({n} kejadian).",
    "map_legend": "Jumlah kejadian",
    "map_zero": "0 (tidak ada)",
    "map_unknown": "Tanpa kecamatan: {n}",
    "map_source": "Batas wilayah: cahyadsn/wilayah_boundaries (MIT), disederhanakan",
    "map_north": "U",
    "sec_numbers_range": "8. Nomor Prank/Ghost Berulang dan Nomor Diblokir",
    "incoming": "Panggilan masuk",
    "answered": "Dijawab",
    "missed": "Tidak terjawab / ditinggalkan",
    "ringing": "Masih berdering (belum dihitung)",
    "called_back": "Ditelepon balik (dari yang tidak terjawab)",
    "phone_locations": "Panggilan dengan lokasi HP (AML): {count} ({pct}); median akurasi {accuracy}.",
    "count": "Jumlah",
    "share": "Persentase",
    "item": "Uraian",
    "call_type": "Jenis panggilan",
    "unclassified": "Belum diklasifikasi",
    "total": "Total",
    "prank_ghost_share": "Porsi prank + ghost: {count} dari {total} panggilan terklasifikasi ({pct}).",
    "answer_within": "Dijawab dalam {s} detik",
    "counted_calls": "Panggilan dihitung",
    "figures_note": "Cara menghitung: waktu jawab dihitung sejak panggilan tiba di pusat panggilan (sinyal caller ID "
                    "diterima Konsol 112; NENA-STA-020.1 juga menghitung sejak panggilan tiba di PSAP) sampai operator "
                    "menjawab. Persentase diambil dari semua panggilan yang sudah berhenti berdering: yang dijawab "
                    "ditambah yang tidak terjawab atau ditinggalkan. Panggilan yang ditinggalkan (penelepon menutup "
                    "telepon sebelum dijawab) dihitung tidak terjawab dalam batas waktu mana pun, secepat apa pun ia "
                    "menutup. Median dan persentil ke-90 diambil dari waktu jawab panggilan yang dijawab.",
    "figures_note_ringing": "Panggilan yang masih berdering saat laporan dicetak ({n}) belum dihitung.",
    "answer_median": "Median waktu jawab",
    "answer_p90": "Persentil ke-90 waktu jawab",
    "answered_calls": "Panggilan dijawab",
    "standard": "Standar",
    "target": "Target",
    "achieved": "Capaian",
    "result": "Hasil",
    "met": "Tercapai",
    "not_met": "Belum tercapai",
    "nena": "NENA (90% dalam 15 detik)",
    "nena20": "NENA (95% dalam 20 detik)",
    "nfpa": "NFPA (90% dalam 10 detik)",
    "incidents_total": "Jumlah kejadian tercatat: {n}",
    "by_category": "Kejadian per kategori",
    "by_kecamatan": "Kejadian per kecamatan",
    "by_agency": "Penerusan ke instansi",
    "category": "Kategori",
    "kecamatan": "Kecamatan",
    "agency": "Instansi",
    "dispatches": "Penerusan",
    "unknown_kecamatan": "(tidak diketahui)",
    "no_incidents": "Tidak ada kejadian tercatat.",
    "no_dispatches": "Tidak ada penerusan ke instansi.",
    "n": "n",
    "ack": "Diberitahu → diterima",
    "scene": "Diterima → tiba di lokasi",
    "total_interval": "Total (diberitahu → tiba)",
    "median": "median",
    "p90": "p90",
    "clock_hint": "(menit:detik)",
    "number": "Nomor",
    "created": "Dibuat",
    "priority": "Prioritas",
    "status": "Status terakhir",
    "location": "Kecamatan / alamat",
    "no_carried": "Tidak ada kejadian yang belum selesai.",
    "carried_more": "… dan {n} kejadian lainnya.",
    "no_handover": "Tidak ada catatan serah terima.",
    "truncated": "… (dipotong; {n} karakter seluruhnya, lihat di aplikasi)",
    "phone_number": "Nomor telepon",
    "prank": "Prank",
    "ghost": "Ghost",
    "no_frequent": "Tidak ada nomor dengan dua panggilan prank/ghost atau lebih.",
    "blocked": "Nomor diblokir",
    "blocked_at": "Waktu",
    "blocked_by": "Oleh",
    "reason": "Alasan",
    "auto": "otomatis",
    "no_blocked": "Tidak ada nomor yang diblokir.",
    "no_numbers": "Tidak ada nomor dengan dua panggilan prank/ghost atau lebih, dan tidak ada nomor yang diblokir.",
    "sign_operator": "Operator,",
    "sign_supervisor": "Supervisor,",
    "sign_head": "Mengetahui,\nKepala Bidang IKP,",
    "sign_nip": "NIP. ....................................",
    "place_date": "Purwakarta, {date}",
    "day": "Tanggal",
    "days": "hari",
    "trend_calls": "Panggilan per hari",
    "trend_incidents": "Kejadian per hari",
    "prank_ghost": "Prank + ghost",
    "incidents": "Kejadian",
    "chart_types": "Komposisi jenis panggilan",
    "seconds": "detik",
    "csv_within": "dijawab_dalam_{s}_detik_persen",
    "csv_median": "median_waktu_jawab_detik",
    "csv_p90": "persentil90_waktu_jawab_detik",
    "csv_unanswered": "tidak_terjawab_persen",
    "status_open": "Terbuka",
    "status_dispatched": "Diteruskan",
    "status_in_progress": "Ditangani",
    "status_resolved": "Selesai ditangani",
    "status_closed": "Ditutup",
    "type_normal": "Darurat/normal",
    "type_informasi": "Informasi",
    "type_prank": "Prank",
    "type_ghost": "Ghost (diam)",
    "type_salah_sambung": "Salah sambung",
    "type_test": "Tes",
    "on_duty_time": "{start}–{end} WIB",
}

_EN: dict[str, str] = {
    "shift_report": "SHIFT REPORT",
    "range_report": "PERIOD REPORT",
    "provisional": "PROVISIONAL",
    "provisional_note": "Provisional report: the shift was still running when it was printed ({at} WIB); the "
                        "figures may change.",
    "shift": "Shift",
    "date": "Date",
    "period": "Period",
    "until": "to",
    "operators_on_duty": "Operators on duty",
    "supervisor": "Supervisor",
    "none": "-",
    "generated_at": "Generated",
    "page_of": "Page {page} of {pages}",
    "no_calls_shift": "There were no calls in this shift.",
    "no_calls_range": "There were no calls in this period.",
    "no_answered": "No calls were answered.",
    "sec_identity": "Identification",
    "sec_funnel": "1. Calls",
    "sec_types": "2. Call Types",
    "sec_answer": "3. Answer Times",
    "sec_incidents": "4. Incidents",
    "sec_intervals": "5. Handling Times per Agency",
    "sec_carried": "6. Open Incidents Carried Over to the Next Shift",
    "sec_carried_range": "6. Incidents Still Open at the End of the Period",
    "sec_handover": "7. Handover Notes",
    "sec_numbers": "8. Repeated Prank/Ghost Numbers and Blocked Numbers",
    "sec_trend": "7. Daily Trends",
    "map_title": "Map of Incidents by Kecamatan",
    "map_intro": "Incidents logged in this period by the kecamatan of their location ({n} incidents).",
    "map_legend": "Incidents",
    "map_zero": "0 (none)",
    "map_unknown": "Without a kecamatan: {n}",
    "map_source": "Boundaries: cahyadsn/wilayah_boundaries (MIT), simplified",
    "map_north": "N",
    "sec_numbers_range": "8. Repeated Prank/Ghost Numbers and Blocked Numbers",
    "incoming": "Incoming calls",
    "answered": "Answered",
    "missed": "Missed / abandoned",
    "ringing": "Still ringing (not counted yet)",
    "called_back": "Called back (of the missed calls)",
    "phone_locations": "Calls with a phone location (AML): {count} ({pct}); median accuracy {accuracy}.",
    "count": "Count",
    "share": "Share",
    "item": "Item",
    "call_type": "Call type",
    "unclassified": "Not classified",
    "total": "Total",
    "prank_ghost_share": "Prank + ghost share: {count} of {total} classified calls ({pct}).",
    "answer_within": "Answered within {s} s",
    "counted_calls": "Calls counted",
    "figures_note": "How the figures are counted: answer time runs from the call's arrival at the centre (the "
                    "caller-ID signal reaching Konsol 112; NENA-STA-020.1 also measures from arrival at the PSAP) "
                    "to the operator's answer. Shares are taken of every call that stopped ringing: answered plus "
                    "missed or abandoned. An abandoned call (the caller hung up before anyone answered) counts as "
                    "not answered within any time limit, however soon the caller hung up. Median and 90th "
                    "percentile are taken of the answered calls' answer times.",
    "figures_note_ringing": "Calls still ringing when the report was printed ({n}) are not counted yet.",
    "answer_median": "Median answer time",
    "answer_p90": "90th percentile answer time",
    "answered_calls": "Calls answered",
    "standard": "Standard",
    "target": "Target",
    "achieved": "Achieved",
    "result": "Result",
    "met": "Met",
    "not_met": "Not met",
    "nena": "NENA (90% within 15 s)",
    "nena20": "NENA (95% within 20 s)",
    "nfpa": "NFPA (90% within 10 s)",
    "incidents_total": "Incidents recorded: {n}",
    "by_category": "Incidents by category",
    "by_kecamatan": "Incidents by kecamatan",
    "by_agency": "Forwards to agencies",
    "category": "Category",
    "kecamatan": "Kecamatan",
    "agency": "Agency",
    "dispatches": "Forwards",
    "unknown_kecamatan": "(unknown)",
    "no_incidents": "No incidents recorded.",
    "no_dispatches": "No forwards to agencies.",
    "n": "n",
    "ack": "Notified → acknowledged",
    "scene": "Acknowledged → on scene",
    "total_interval": "Total (notified → on scene)",
    "median": "median",
    "p90": "p90",
    "clock_hint": "(min:sec)",
    "number": "Number",
    "created": "Created",
    "priority": "Priority",
    "status": "Last status",
    "location": "Kecamatan / address",
    "no_carried": "No open incidents.",
    "carried_more": "… and {n} more incidents.",
    "no_handover": "No handover notes.",
    "truncated": "… (shortened; {n} characters in full, see the application)",
    "phone_number": "Telephone number",
    "prank": "Prank",
    "ghost": "Ghost",
    "no_frequent": "No number made two or more prank/ghost calls.",
    "blocked": "Blocked numbers",
    "blocked_at": "Time",
    "blocked_by": "By",
    "reason": "Reason",
    "auto": "automatic",
    "no_blocked": "No numbers were blocked.",
    "no_numbers": "No number made two or more prank/ghost calls, and no number was blocked.",
    "sign_operator": "Operator,",
    "sign_supervisor": "Supervisor,",
    "sign_head": "Acknowledged by,\nHead of IKP Division,",
    "sign_nip": "NIP. ....................................",
    "place_date": "Purwakarta, {date}",
    "day": "Date",
    "days": "days",
    "trend_calls": "Calls per day",
    "trend_incidents": "Incidents per day",
    "prank_ghost": "Prank + ghost",
    "incidents": "Incidents",
    "chart_types": "Call type mix",
    "seconds": "s",
    "csv_within": "answered_within_{s}_s_pct",
    "csv_median": "median_answer_s",
    "csv_p90": "p90_answer_s",
    "csv_unanswered": "unanswered_pct",
    "status_open": "Open",
    "status_dispatched": "Dispatched",
    "status_in_progress": "In progress",
    "status_resolved": "Resolved",
    "status_closed": "Closed",
    "type_normal": "Emergency/normal",
    "type_informasi": "Information",
    "type_prank": "Prank",
    "type_ghost": "Ghost (silent)",
    "type_salah_sambung": "Wrong number",
    "type_test": "Test",
    "on_duty_time": "{start}–{end} WIB",
}

_TABLES = {"id": _ID, "en": _EN}
_DAYS = {"id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
         "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
_MONTHS = {"id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember"),
           "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")}


class Strings:
    """Words and number/date formats for one language (Indonesian: 1.234,5 and 20 November 2026)."""

    def __init__(self, lang: str = "id") -> None:
        self.lang = lang if lang in _TABLES else "id"
        self._table = _TABLES[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self._table.get(key) or _ID[key]
        return text.format(**values) if values else text

    def integer(self, value: int) -> str:
        text = f"{value:,}"
        return text.replace(",", ".") if self.lang == "id" else text

    def decimal(self, value: float, places: int = 1) -> str:
        text = f"{value:,.{places}f}"
        if self.lang == "id":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text

    def pct(self, value: float | None) -> str:
        return "-" if value is None else f"{self.decimal(value)}%"

    def seconds(self, value: float | None) -> str:
        """An answer time: always seconds with one decimal ('7,0 detik', '130,5 detik'), so every row reads alike."""
        return "-" if value is None else f"{self.decimal(value)} {self('seconds')}"

    def minutes(self, value: float | None) -> str:
        """A handling time as 'min:sec', however long ('4:30', '75:03'): the one form the table's header names."""
        if value is None:
            return "-"
        minutes, secs = divmod(round(value), 60)
        return f"{minutes}:{secs:02d}"

    def long_date(self, day: date) -> str:
        return f"{_DAYS[self.lang][day.weekday()]}, {day.day} {_MONTHS[self.lang][day.month - 1]} {day.year}"

    def plain_date(self, day: date) -> str:
        return f"{day.day} {_MONTHS[self.lang][day.month - 1]} {day.year}"

    def short_date(self, day: date) -> str:
        return day.strftime("%d-%m-%Y")

    def wib(self, moment: datetime, *, seconds: bool = False) -> str:
        local = to_wib(moment)
        return local.strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")

    def wib_time(self, moment: datetime) -> str:
        return to_wib(moment).strftime("%H:%M")
