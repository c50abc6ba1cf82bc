<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>ReportsDialog</name>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Jenis laporan</translation>
    </message>
    <message>
        <source>&amp;Shift report</source>
        <translation>Laporan &amp;shift</translation>
    </message>
    <message>
        <source>&amp;Date range report</source>
        <translation>Laporan pe&amp;riode</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Date the shift starts:</source>
        <translation>Tanggal mulai shift:</translation>
    </message>
    <message>
        <source>Shift:</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Dari:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Sampai:</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Bulan ini</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Bulan lalu</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Bahasa laporan</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Pratinjau</translation>
    </message>
    <message>
        <source>Build the report and show its pages</source>
        <translation>Buat laporan dan tampilkan halamannya</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation>Cetak laporan</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Simpan P&amp;DF…</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>Simpan laporan sebagai berkas PDF</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Ekspor CSV…</translation>
    </message>
    <message>
        <source>Export the calls or incidents of the date range as CSV</source>
        <translation>Ekspor panggilan atau kejadian pada periode ini sebagai CSV</translation>
    </message>
    <message>
        <source>Calls (one row per call)</source>
        <translation>Panggilan (satu baris per panggilan)</translation>
    </message>
    <message>
        <source>Incidents (one row per incident)</source>
        <translation>Kejadian (satu baris per kejadian)</translation>
    </message>
    <message>
        <source>Figures per day (of the previewed report)</source>
        <translation>Angka per hari (dari laporan yang ditampilkan)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Stop building the report or export</source>
        <translation>Hentikan pembuatan laporan atau ekspor</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Choose a shift or a date range, then press Preview (Ctrl+Enter).</source>
        <translation>Pilih shift atau periode, lalu tekan Pratinjau (Ctrl+Enter).</translation>
    </message>
    <message>
        <source>There are no shifts defined; an admin sets them up.</source>
        <translation>Belum ada shift yang ditetapkan; admin perlu mengaturnya.</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>Membuat laporan…</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>Tanggal akhir lebih awal dari tanggal mulai.</translation>
    </message>
    <message>
        <source>The report was built but cannot be shown ({0}).</source>
        <translation>Laporan sudah dibuat tetapi tidak dapat ditampilkan ({0}).</translation>
    </message>
    <message>
        <source>{0}: {1} pages.</source>
        <translation>{0}: {1} halaman.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was saved.</source>
        <translation>Dibatalkan. Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Not allowed for your role ({0}): range reports and exports are for admins, shift reports for supervisors and admins.</source>
        <translation>Tidak diizinkan untuk peran Anda ({0}): laporan periode dan ekspor hanya untuk admin, laporan shift untuk supervisor dan admin.</translation>
    </message>
    <message>
        <source>Please check the dates: {0}.</source>
        <translation>Periksa kembali tanggalnya: {0}.</translation>
    </message>
    <message>
        <source>This shift no longer exists; choose another one.</source>
        <translation>Shift ini sudah tidak ada; pilih shift lain.</translation>
    </message>
    <message>
        <source>The database cannot be reached right now; try again in a moment. ({0})</source>
        <translation>Basis data tidak dapat dihubungi saat ini; coba lagi sebentar lagi. ({0})</translation>
    </message>
    <message>
        <source>The file cannot be written: {0}</source>
        <translation>Berkas tidak dapat ditulis: {0}</translation>
    </message>
    <message>
        <source>The report could not be made: {0}</source>
        <translation>Laporan tidak dapat dibuat: {0}</translation>
    </message>
    <message>
        <source>The report could not be made because of an unexpected error: {0}</source>
        <translation>Laporan tidak dapat dibuat karena kesalahan tak terduga: {0}</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Simpan laporan</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {0}.</source>
        <translation>Disimpan ke {0}.</translation>
    </message>
    <message>
        <source>The printer cannot be used.</source>
        <translation>Printer tidak dapat digunakan.</translation>
    </message>
    <message>
        <source>Sent {0} pages to the printer.</source>
        <translation>{0} halaman dikirim ke printer.</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>panggilan</translation>
    </message>
    <message>
        <source>incidents</source>
        <translation>kejadian</translation>
    </message>
    <message>
        <source>per-day</source>
        <translation>angka per hari</translation>
    </message>
    <message>
        <source>Export {0} as CSV</source>
        <translation>Ekspor {0} sebagai CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>Mengekspor {0}…</translation>
    </message>
    <message>
        <source>Exported {0} rows to {1}.</source>
        <translation>{0} baris diekspor ke {1}.</translation>
    </message>
</context>
</TS>
