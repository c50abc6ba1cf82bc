<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Call back</source>
        <translation>Telepon balik</translation>
    </message>
    <message>
        <source>(no caller ID)</source>
        <translation>(tanpa caller ID)</translation>
    </message>
    <message>
        <source>Record the callback to %1 (missed at %2).</source>
        <translation>Catat telepon balik ke %1 (tak terjawab %2).</translation>
    </message>
    <message>
        <source>Note (optional), e.g. &apos;no answer&apos;, &apos;caller is safe&apos;</source>
        <translation>Catatan (opsional), mis. &apos;tidak diangkat&apos;, &apos;penelepon aman&apos;</translation>
    </message>
    <message>
        <source>Record callback</source>
        <translation>Catat telepon balik</translation>
    </message>
    <message>
        <source>Record callback (Enter)</source>
        <translation>Catat telepon balik (Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>CallerHistoryDialog</name>
    <message>
        <source>Caller history</source>
        <translation>Riwayat penelepon</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Semua panggilan</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <source>Prank</source>
        <translation>Prank</translation>
    </message>
    <message>
        <source>Ghost</source>
        <translation>Ghost</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>First call</source>
        <translation>Panggilan pertama</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>Panggilan terakhir</translation>
    </message>
    <message>
        <source>Time (WIB)</source>
        <translation>Waktu (WIB)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Opened (WIB)</source>
        <translation>Dibuka (WIB)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Reason for the block (required), e.g. &apos;repeated prank calls&apos;</source>
        <translation>Alasan pemblokiran (wajib), mis. &apos;prank berulang&apos;</translation>
    </message>
    <message>
        <source>Block 1x24 hours</source>
        <translation>Blokir 1x24 jam</translation>
    </message>
    <message>
        <source>Flag this number for 24 hours (calls still ring)</source>
        <translation>Tandai nomor ini selama 24 jam (panggilannya tetap masuk)</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Buka blokir</translation>
    </message>
    <message>
        <source>Remove the block (supervisors)</source>
        <translation>Cabut pemblokiran (supervisor)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>Tutup jendela ini (Esc)</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blokir</translation>
    </message>
    <message>
        <source>A block only flags the number on every desk; its calls to 112 still ring.</source>
        <translation>Blokir hanya menandai nomor di semua meja; panggilannya ke 112 tetap masuk.</translation>
    </message>
    <message>
        <source>not a valid number</source>
        <translation>nomor tidak valid</translation>
    </message>
    <message>
        <source>Caller history — %1</source>
        <translation>Riwayat penelepon — %1</translation>
    </message>
    <message>
        <source>Calls (%1)</source>
        <translation>Panggilan (%1)</translation>
    </message>
    <message>
        <source>Incidents (%1)</source>
        <translation>Kejadian (%1)</translation>
    </message>
    <message>
        <source>Blocked until %1. Reason: %2</source>
        <translation>Diblokir sampai %1. Alasan: %2</translation>
    </message>
    <message>
        <source>Not blocked.</source>
        <translation>Tidak diblokir.</translation>
    </message>
    <message>
        <source>Write the reason for the block first.</source>
        <translation>Tuliskan dulu alasan pemblokiran.</translation>
    </message>
    <message>
        <source>Number blocked for 24 hours.</source>
        <translation>Nomor diblokir selama 24 jam.</translation>
    </message>
    <message>
        <source>Block removed.</source>
        <translation>Blokir dicabut.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>Serah terima shift</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>(no caller ID)</source>
        <translation>(tanpa caller ID)</translation>
    </message>
    <message>
        <source>What must the next shift know? Open incidents, callbacks still to make, equipment problems… Write &apos;nihil&apos; if there is nothing to hand over.</source>
        <translation>Apa yang perlu diketahui shift berikutnya? Kejadian yang masih terbuka, telepon balik yang belum dilakukan, gangguan peralatan… Tulis &apos;nihil&apos; bila tidak ada yang diserahterimakan.</translation>
    </message>
    <message>
        <source>Insert the open items</source>
        <translation>Sisipkan daftar yang masih terbuka</translation>
    </message>
    <message>
        <source>Copy the open incidents and missed calls into the note</source>
        <translation>Salin kejadian terbuka dan panggilan tak terjawab ke dalam catatan</translation>
    </message>
    <message>
        <source>Save and end shift</source>
        <translation>Simpan dan akhiri shift</translation>
    </message>
    <message>
        <source>Save the handover note and end your shift session</source>
        <translation>Simpan catatan serah terima dan akhiri sesi shift Anda</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Back to the console (Esc)</source>
        <translation>Kembali ke konsol (Esc)</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation>Catatan serah terima</translation>
    </message>
    <message>
        <source>Handover — shift %1</source>
        <translation>Serah terima — shift %1</translation>
    </message>
    <message>
        <source>%1, %2–%3 WIB · %4</source>
        <translation>%1, %2–%3 WIB · %4</translation>
    </message>
    <message>
        <source>My incidents still open (%1)</source>
        <translation>Kejadian saya yang masih terbuka (%1)</translation>
    </message>
    <message>
        <source>Missed calls not called back (%1)</source>
        <translation>Panggilan tak terjawab belum ditelepon balik (%1)</translation>
    </message>
    <message>
        <source>%1 missed calls not called back yet</source>
        <translation>%1 panggilan tak terjawab belum ditelepon balik</translation>
    </message>
    <message>
        <source>Nothing open.</source>
        <translation>Tidak ada yang terbuka.</translation>
    </message>
    <message>
        <source>Write the handover note first (write &apos;nihil&apos; if nothing is open).</source>
        <translation>Tuliskan dulu catatan serah terima (tulis &apos;nihil&apos; bila tidak ada yang terbuka).</translation>
    </message>
    <message>
        <source>The note is too long: at most %1 characters (now %2).</source>
        <translation>Catatan terlalu panjang: paling banyak %1 karakter (sekarang %2).</translation>
    </message>
</context>
<context>
    <name>IncidentDetailDialog</name>
    <message>
        <source>Incident</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>This incident was changed by someone else after you opened it. Your changes were NOT saved. Reload to see the latest version, then make your change again.</source>
        <translation>Kejadian ini telah diubah oleh orang lain setelah Anda membukanya. Perubahan Anda BELUM tersimpan. Muat ulang untuk melihat versi terbaru, lalu ulangi perubahan Anda.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Load the latest version</source>
        <translation>Muat versi terbaru</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Desa/kelurahan</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>Landmark</source>
        <translation>Patokan</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <source>Callback number</source>
        <translation>Nomor yang bisa dihubungi</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Uraian</translation>
    </message>
    <message>
        <source>Questions asked</source>
        <translation>Pertanyaan dan jawaban</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Simpan perubahan</translation>
    </message>
    <message>
        <source>Save the changed fields</source>
        <translation>Simpan isian yang diubah</translation>
    </message>
    <message>
        <source>Incident data</source>
        <translation>Data kejadian</translation>
    </message>
    <message>
        <source>Write a note for the timeline…</source>
        <translation>Tulis catatan untuk kronologi…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Tambah catatan</translation>
    </message>
    <message>
        <source>Add the note to the timeline</source>
        <translation>Tambahkan catatan ke kronologi</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Caller ID name</source>
        <translation>Nama caller ID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Caller history…</source>
        <translation>Riwayat penelepon…</translation>
    </message>
    <message>
        <source>All calls and incidents of the selected number</source>
        <translation>Semua panggilan dan kejadian dari nomor yang dipilih</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Kronologi</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Penugasan</translation>
    </message>
    <message>
        <source>Handled, situation safe</source>
        <translation>Sudah ditangani, situasi aman</translation>
    </message>
    <message>
        <source>Handed over to the agency</source>
        <translation>Diserahkan ke instansi terkait</translation>
    </message>
    <message>
        <source>Not found at the location</source>
        <translation>Tidak ditemukan di lokasi</translation>
    </message>
    <message>
        <source>False report</source>
        <translation>Laporan palsu</translation>
    </message>
    <message>
        <source>Duplicate of another incident</source>
        <translation>Duplikat kejadian lain</translation>
    </message>
    <message>
        <source>How did it end? (required to close)</source>
        <translation>Bagaimana penyelesaiannya? (wajib untuk menutup)</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>Tutup kejadian</translation>
    </message>
    <message>
        <source>Close the incident with this disposition</source>
        <translation>Tutup kejadian dengan keterangan penyelesaian ini</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Buka kembali…</translation>
    </message>
    <message>
        <source>Reopen the closed incident (supervisors)</source>
        <translation>Buka kembali kejadian yang sudah ditutup (supervisor)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>Tutup jendela ini (Esc)</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <source>(no caller ID)</source>
        <translation>(tanpa caller ID)</translation>
    </message>
    <message>
        <source>Calls (%1)</source>
        <translation>Panggilan (%1)</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>(tidak diketahui)</translation>
    </message>
    <message>
        <source>Incident %1</source>
        <translation>Kejadian %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Dibuka %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>oleh %1</translation>
    </message>
    <message>
        <source>open for %1</source>
        <translation>terbuka selama %1</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>ditutup %1</translation>
    </message>
    <message>
        <source>disposition: %1</source>
        <translation>penyelesaian: %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Diteruskan</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Dibuka kembali</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <source>Write or choose a disposition to close the incident.</source>
        <translation>Tulis atau pilih keterangan penyelesaian untuk menutup kejadian.</translation>
    </message>
    <message>
        <source>Reopen incident</source>
        <translation>Buka kembali kejadian</translation>
    </message>
    <message>
        <source>Why is it reopened?</source>
        <translation>Mengapa dibuka kembali?</translation>
    </message>
    <message>
        <source>P1 — life at risk</source>
        <translation type="vanished">P1 — nyawa terancam</translation>
    </message>
    <message>
        <source>P2 — urgent</source>
        <translation type="vanished">P2 — mendesak</translation>
    </message>
    <message>
        <source>P3 — normal</source>
        <translation type="vanished">P3 — biasa</translation>
    </message>
    <message>
        <source>P4 — no urgency</source>
        <translation type="vanished">P4 — tidak mendesak</translation>
    </message>
</context>
<context>
    <name>IncidentQueueModel</name>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Opened: %1</source>
        <translation>Dibuka: %1</translation>
    </message>
    <message>
        <source>Reporter: %1</source>
        <translation>Pelapor: %1</translation>
    </message>
    <message>
        <source>Handled by: %1</source>
        <translation>Ditangani oleh: %1</translation>
    </message>
</context>
<context>
    <name>MissedCallModel</name>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Caller ID name</source>
        <translation>Nama caller ID</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Saluran</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Blocked (flagged)</source>
        <translation>Diblokir (ditandai)</translation>
    </message>
    <message>
        <source>Waiting for callback</source>
        <translation>Menunggu telepon balik</translation>
    </message>
    <message>
        <source>Called back %1 by %2</source>
        <translation>Ditelepon balik %1 oleh %2</translation>
    </message>
    <message>
        <source>(no caller ID)</source>
        <translation>(tanpa caller ID)</translation>
    </message>
    <message>
        <source>Rang at %1</source>
        <translation>Berdering %1</translation>
    </message>
    <message>
        <source>Callback note: %1</source>
        <translation>Catatan telepon balik: %1</translation>
    </message>
</context>
<context>
    <name>MissedCallsPanel</name>
    <message>
        <source>No missed calls waiting for a callback.</source>
        <translation>Tidak ada panggilan tak terjawab yang menunggu telepon balik.</translation>
    </message>
    <message>
        <source>Show calls already called back</source>
        <translation>Tampilkan yang sudah ditelepon balik</translation>
    </message>
    <message>
        <source>Call back…</source>
        <translation>Telepon balik…</translation>
    </message>
    <message>
        <source>Record a callback to the selected number</source>
        <translation>Catat telepon balik ke nomor yang dipilih</translation>
    </message>
    <message>
        <source>Callback recorded.</source>
        <translation>Telepon balik tercatat.</translation>
    </message>
    <message>
        <source>Missed calls (%1)</source>
        <translation>Panggilan tak terjawab (%1)</translation>
    </message>
    <message>
        <source>Missed calls waiting for a callback (%1)</source>
        <translation>Panggilan tak terjawab menunggu telepon balik (%1)</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Search: caller number, reporter name or incident number</source>
        <translation>Cari: nomor penelepon, nama pelapor, atau nomor kejadian</translation>
    </message>
    <message>
        <source>Search the open incidents (%1)</source>
        <translation>Cari kejadian terbuka (%1)</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Semua prioritas</translation>
    </message>
    <message>
        <source>Show one priority only</source>
        <translation>Tampilkan satu prioritas saja</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Show one status only</source>
        <translation>Tampilkan satu status saja</translation>
    </message>
    <message>
        <source>No open incidents assigned to you.</source>
        <translation>Tidak ada kejadian terbuka yang ditugaskan kepada Anda.</translation>
    </message>
    <message>
        <source>No open incidents.</source>
        <translation>Tidak ada kejadian terbuka.</translation>
    </message>
    <message>
        <source>My incidents (%1)</source>
        <translation>Kejadian saya (%1)</translation>
    </message>
    <message>
        <source>All open incidents (%1)</source>
        <translation>Semua kejadian terbuka (%1)</translation>
    </message>
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>Tidak ada yang cocok dengan “%1”.</translation>
    </message>
    <message>
        <source>Nothing matches the filter.</source>
        <translation>Tidak ada yang cocok dengan saringan.</translation>
    </message>
    <message>
        <source>Filter: “%1”</source>
        <translation>Saringan: “%1”</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Caller-ID sources</source>
        <translation>Sumber caller ID</translation>
    </message>
    <message>
        <source>Prank rule</source>
        <translation>Aturan prank</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>Tutup jendela ini (Esc)</translation>
    </message>
    <message>
        <source>The language is remembered on this computer for every operator.</source>
        <translation>Bahasa disimpan di komputer ini untuk semua operator.</translation>
    </message>
    <message>
        <source>Language of the console</source>
        <translation>Bahasa konsol</translation>
    </message>
    <message>
        <source>Rename the desk</source>
        <translation>Ganti nama meja</translation>
    </message>
    <message>
        <source>This console&apos;s desk</source>
        <translation>Meja konsol ini</translation>
    </message>
    <message>
        <source>This console is now desk %1.</source>
        <translation>Konsol ini sekarang meja %1.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Meja</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Add a new source</source>
        <translation>Tambah sumber baru</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Ubah</translation>
    </message>
    <message>
        <source>Edit the selected source</source>
        <translation>Ubah sumber yang dipilih</translation>
    </message>
    <message>
        <source>Enable/disable</source>
        <translation>Aktifkan/nonaktifkan</translation>
    </message>
    <message>
        <source>Switch the selected source on or off</source>
        <translation>Aktifkan atau nonaktifkan sumber yang dipilih</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Remove the selected source</source>
        <translation>Hapus sumber yang dipilih</translation>
    </message>
    <message>
        <source>New source</source>
        <translation>Sumber baru</translation>
    </message>
    <message>
        <source>e.g. 112 line modem</source>
        <translation>mis. Modem saluran 112</translation>
    </message>
    <message>
        <source>(every desk)</source>
        <translation>(semua meja)</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Komputer ini</translation>
    </message>
    <message>
        <source>Only this computer (%1) opens the source</source>
        <translation>Hanya komputer ini (%1) yang membuka sumber ini</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Segarkan</translation>
    </message>
    <message>
        <source>Look for serial ports again (after plugging in a USB adapter)</source>
        <translation>Cari ulang port serial (setelah memasang adaptor USB)</translation>
    </message>
    <message>
        <source>Use this port</source>
        <translation>Pakai port ini</translation>
    </message>
    <message>
        <source>Fill in the URL for the chosen serial port</source>
        <translation>Isi URL untuk port serial yang dipilih</translation>
    </message>
    <message>
        <source>Baud</source>
        <translation>Baud</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Uji</translation>
    </message>
    <message>
        <source>Open the source for a few seconds and report whether it works</source>
        <translation>Buka sumber selama beberapa detik dan laporkan apakah berfungsi</translation>
    </message>
    <message>
        <source>Save source</source>
        <translation>Simpan sumber</translation>
    </message>
    <message>
        <source>Save the source</source>
        <translation>Simpan sumber</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>Port serial</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>(no serial port found)</source>
        <translation>(tidak ada port serial)</translation>
    </message>
    <message>
        <source>Modem %1</source>
        <translation>Modem %1</translation>
    </message>
    <message>
        <source>Give the source&apos;s URL, or pick a serial port above.</source>
        <translation>Isi URL sumber, atau pilih port serial di atas.</translation>
    </message>
    <message>
        <source>Valid: %1</source>
        <translation>Valid: %1</translation>
    </message>
    <message>
        <source>Edit source: %1</source>
        <translation>Ubah sumber: %1</translation>
    </message>
    <message>
        <source>Source saved. The desks reconnect their lines.</source>
        <translation>Sumber tersimpan. Meja-meja menyambung ulang salurannya.</translation>
    </message>
    <message>
        <source>Testing for up to %1 seconds…</source>
        <translation>Menguji hingga %1 detik…</translation>
    </message>
    <message>
        <source>Works: the line is up.</source>
        <translation>Berfungsi: saluran tersambung.</translation>
    </message>
    <message>
        <source>Does not work: %1</source>
        <translation>Tidak berfungsi: %1</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> jam</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>Simpan aturan</translation>
    </message>
    <message>
        <source>Save the repeat-prank rule for every desk</source>
        <translation>Simpan aturan prank berulang untuk semua meja</translation>
    </message>
    <message>
        <source>A number that makes this many prank or ghost calls within the window is flagged (blocked) automatically. Its calls still ring; every desk sees the flag.</source>
        <translation>Nomor yang melakukan panggilan prank atau ghost sebanyak ini dalam rentang waktu tersebut otomatis ditandai (diblokir). Panggilannya tetap masuk; semua meja melihat tandanya.</translation>
    </message>
    <message>
        <source>Prank/ghost calls</source>
        <translation>Panggilan prank/ghost</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>Dalam</translation>
    </message>
    <message>
        <source>Block for</source>
        <translation>Blokir selama</translation>
    </message>
    <message>
        <source>Rule saved.</source>
        <translation>Aturan tersimpan.</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Incident %1 created</source>
        <translation>Kejadian %1 dibuat</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Ditutup: %1</translation>
    </message>
    <message>
        <source>Reopened: %1</source>
        <translation>Dibuka kembali: %1</translation>
    </message>
    <message>
        <source>Call without caller ID</source>
        <translation>Panggilan tanpa caller ID</translation>
    </message>
    <message>
        <source>Call from %1</source>
        <translation>Panggilan dari %1</translation>
    </message>
    <message>
        <source>Saved without changes</source>
        <translation>Disimpan tanpa perubahan</translation>
    </message>
    <message>
        <source>Handed to another operator</source>
        <translation>Dialihkan ke operator lain</translation>
    </message>
    <message>
        <source>Changed: %1</source>
        <translation>Diubah: %1</translation>
    </message>
    <message>
        <source>%1d %2:%3</source>
        <translation type="vanished">%1 hari %2:%3</translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="vanished">Terbuka</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation type="vanished">Diteruskan</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="vanished">Ditangani</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="vanished">Selesai ditangani</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="vanished">Ditutup</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation type="vanished">Belum diklasifikasi</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="vanished">Normal</translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="vanished">Informasi</translation>
    </message>
    <message>
        <source>Prank</source>
        <translation type="vanished">Prank</translation>
    </message>
    <message>
        <source>Ghost</source>
        <translation type="vanished">Ghost</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation type="vanished">Salah sambung</translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="vanished">Uji</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation type="vanished">Berdering</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="vanished">Dijawab</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="vanished">Tak terjawab</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="vanished">Selesai</translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="vanished">operator</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="vanished">supervisor</translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="vanished">admin</translation>
    </message>
    <message>
        <source>system</source>
        <translation type="vanished">sistem</translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="vanished">Kategori</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="vanished">Prioritas</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation type="vanished">Kecamatan</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation type="vanished">Desa/kelurahan</translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="vanished">Alamat</translation>
    </message>
    <message>
        <source>Landmark</source>
        <translation type="vanished">Patokan</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="vanished">Lintang</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="vanished">Bujur</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="vanished">Pelapor</translation>
    </message>
    <message>
        <source>Callback number</source>
        <translation type="vanished">Nomor yang bisa dihubungi</translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="vanished">Uraian</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation type="vanished">Penyelesaian</translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="vanished">Catatan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="vanished">Alasan</translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="vanished">Nomor</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="vanished">Jam</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation type="vanished">Catatan serah terima</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="vanished">Nama</translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="vanished">URL</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation type="vanished">Meja</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="vanished">Operator</translation>
    </message>
    <message>
        <source>Your role (%1) is not allowed to do this.</source>
        <translation type="vanished">Peran Anda (%1) tidak berwenang melakukan ini.</translation>
    </message>
    <message>
        <source>Another desk (%1) took this call first.</source>
        <translation type="vanished">Meja lain (%1) sudah lebih dulu mengambil panggilan ini.</translation>
    </message>
    <message>
        <source>This was changed by someone else in the meantime.</source>
        <translation type="vanished">Data ini telah diubah oleh orang lain sementara itu.</translation>
    </message>
    <message>
        <source>It no longer exists; someone may have removed it.</source>
        <translation type="vanished">Data ini sudah tidak ada; mungkin telah dihapus orang lain.</translation>
    </message>
    <message>
        <source>The database cannot be reached. Check the network or the server, then try again.</source>
        <translation type="vanished">Basis data tidak dapat dihubungi. Periksa jaringan atau server, lalu coba lagi.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation type="vanished">Terjadi kesalahan: %1</translation>
    </message>
</context>
</TS>
