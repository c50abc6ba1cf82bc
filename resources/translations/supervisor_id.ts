<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>Log audit</translation>
    </message>
    <message>
        <source>any</source>
        <translation>semua</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Sampai</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>Terapkan filter</translation>
    </message>
    <message>
        <source>Apply filter (Enter)</source>
        <translation>Terapkan filter (Enter)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <source>Export the filtered log to a CSV file (Ctrl+E)</source>
        <translation>Ekspor log yang difilter ke berkas CSV (Ctrl+E)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entitas</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Select a row to see what changed (before / after).</source>
        <translation>Pilih satu baris untuk melihat perubahannya (sebelum / sesudah).</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(semua)</translation>
    </message>
    <message>
        <source>'Until' must be after 'From'.</source>
        <translation>'Sampai' harus sesudah 'Dari'.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>%1 entries shown</source>
        <translation>%1 entri ditampilkan</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 entri</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown (scroll for more)</source>
        <translation>%1 dari %2 entri ditampilkan (gulir untuk lainnya)</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>Sebelum:</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>Sesudah:</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Ekspor log audit</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <source>%1 entries exported to %2</source>
        <translation>%1 entri diekspor ke %2</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time (WIB)</source>
        <translation>Waktu (WIB)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entitas</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Rincian</translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <source>Incident</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>Langkah akhir</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>open</source>
        <translation>terbuka</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>diteruskan</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>ditangani</translation>
    </message>
    <message>
        <source>resolved, to review</source>
        <translation>selesai, perlu diperiksa</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>ditutup</translation>
    </message>
    <message>
        <source>not forwarded</source>
        <translation>belum diteruskan</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>tepat waktu</translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation>belum diterima</translation>
    </message>
    <message>
        <source>waiting for agency</source>
        <translation>menunggu instansi</translation>
    </message>
    <message>
        <source>Forwarded %1 time(s); callback number %2</source>
        <translation>Diteruskan %1 kali; nomor yang dapat dihubungi %2</translation>
    </message>
</context>
<context>
    <name>MissedCallsModel</name>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Diblokir</translation>
    </message>
    <message>
        <source>Calls from this number in the last 24 hours</source>
        <translation>Panggilan dari nomor ini dalam 24 jam terakhir</translation>
    </message>
    <message>
        <source>Time since the call was missed</source>
        <translation>Waktu sejak panggilan tak terjawab</translation>
    </message>
    <message>
        <source>(no caller ID)</source>
        <translation>(tanpa caller ID)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
</context>
<context>
    <name>OperatorsModel</name>
    <message>
        <source>Desk</source>
        <translation>Meja</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Shift calls</source>
        <translation>Shift ini</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Detak</translation>
    </message>
    <message>
        <source>Calls answered and not yet finished</source>
        <translation>Panggilan yang dijawab dan belum selesai</translation>
    </message>
    <message>
        <source>Open incidents assigned</source>
        <translation>Kejadian terbuka yang ditangani</translation>
    </message>
    <message>
        <source>Calls answered this shift</source>
        <translation>Panggilan yang dijawab shift ini</translation>
    </message>
    <message>
        <source>Last heartbeat (WIB)</source>
        <translation>Detak terakhir (WIB)</translation>
    </message>
    <message>
        <source>(no desk)</source>
        <translation>(tanpa meja)</translation>
    </message>
    <message>
        <source>line service</source>
        <translation>layanan saluran</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source> · line host</source>
        <translation> · host saluran</translation>
    </message>
</context>
<context>
    <name>SupervisorBoard</name>
    <message>
        <source>Your role may not do this.</source>
        <translation>Peran Anda tidak diizinkan melakukan ini.</translation>
    </message>
    <message>
        <source>Someone else changed this meanwhile; the board has been refreshed. (%1)</source>
        <translation>Data ini baru saja diubah orang lain; papan sudah diperbarui. (%1)</translation>
    </message>
    <message>
        <source>It no longer exists; the board has been refreshed.</source>
        <translation>Data ini sudah tidak ada; papan sudah diperbarui.</translation>
    </message>
    <message>
        <source>The database cannot be reached. The board shows the last known state.</source>
        <translation>Database tidak dapat dihubungi. Papan menampilkan keadaan terakhir yang diketahui.</translation>
    </message>
    <message>
        <source>The file cannot be written: %1</source>
        <translation>Berkas tidak dapat ditulis: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Kesalahan tak terduga: %1</translation>
    </message>
    <message>
        <source>answered ≤ 10 s</source>
        <translation>dijawab ≤ 10 dtk</translation>
    </message>
    <message>
        <source>Share of finished calls this shift answered within 10 seconds</source>
        <translation>Bagian panggilan selesai shift ini yang dijawab dalam 10 detik</translation>
    </message>
    <message>
        <source>answered ≤ 15 s</source>
        <translation>dijawab ≤ 15 dtk</translation>
    </message>
    <message>
        <source>answered ≤ 20 s</source>
        <translation>dijawab ≤ 20 dtk</translation>
    </message>
    <message>
        <source>median answer time</source>
        <translation>median waktu jawab</translation>
    </message>
    <message>
        <source>abandoned (missed)</source>
        <translation>tak terjawab</translation>
    </message>
    <message>
        <source>Missed calls as a share of finished calls</source>
        <translation>Panggilan tak terjawab dibanding semua panggilan selesai</translation>
    </message>
    <message>
        <source>calls this shift</source>
        <translation>panggilan shift ini</translation>
    </message>
    <message>
        <source>ringing now</source>
        <translation>berdering sekarang</translation>
    </message>
    <message>
        <source>open incidents</source>
        <translation>kejadian terbuka</translation>
    </message>
    <message>
        <source>Calls per hour today, by type</source>
        <translation>Panggilan per jam hari ini, menurut jenis</translation>
    </message>
    <message>
        <source>Answer time this shift (marks at 10, 15 and 20 s)</source>
        <translation>Waktu jawab shift ini (batas 10, 15 dan 20 dtk)</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Kejadian terbuka</translation>
    </message>
    <message>
        <source>Ringing and stale calls</source>
        <translation>Panggilan berdering dan macet</translation>
    </message>
    <message>
        <source>Missed calls not called back (24 h)</source>
        <translation>Panggilan tak terjawab belum ditelepon balik (24 jam)</translation>
    </message>
    <message>
        <source>Desks and operators</source>
        <translation>Meja dan operator</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Reassign incident…</source>
        <translation>Alihkan kejadian…</translation>
    </message>
    <message>
        <source>Review and close incident…</source>
        <translation>Periksa dan tutup kejadian…</translation>
    </message>
    <message>
        <source>Reopen a closed incident…</source>
        <translation>Buka kembali kejadian yang ditutup…</translation>
    </message>
    <message>
        <source>Unblock number</source>
        <translation>Buka blokir nomor</translation>
    </message>
    <message>
        <source>Release stale call to the queue…</source>
        <translation>Kembalikan panggilan macet ke antrean…</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Perbarui sekarang</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>Shift %1 · %2–%3 WIB · updated %4</source>
        <translation>Shift %1 · %2–%3 WIB · diperbarui %4</translation>
    </message>
    <message>
        <source>By type: %1</source>
        <translation>Menurut jenis: %1</translation>
    </message>
    <message>
        <source>emergency/normal</source>
        <translation>darurat/normal</translation>
    </message>
    <message>
        <source>information</source>
        <translation>informasi</translation>
    </message>
    <message>
        <source>prank</source>
        <translation>iseng</translation>
    </message>
    <message>
        <source>ghost</source>
        <translation>ghost</translation>
    </message>
    <message>
        <source>wrong number</source>
        <translation>salah sambung</translation>
    </message>
    <message>
        <source>test</source>
        <translation>uji</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>tak terjawab</translation>
    </message>
    <message>
        <source>not classified</source>
        <translation>belum diklasifikasi</translation>
    </message>
    <message>
        <source>≤ 10 s</source>
        <translation>≤ 10 dtk</translation>
    </message>
    <message>
        <source>10–20 s</source>
        <translation>10–20 dtk</translation>
    </message>
    <message>
        <source>&gt; 20 s</source>
        <translation>&gt; 20 dtk</translation>
    </message>
    <message>
        <source>seconds until answered</source>
        <translation>detik sampai dijawab</translation>
    </message>
    <message>
        <source>Incident reassigned.</source>
        <translation>Kejadian sudah dialihkan.</translation>
    </message>
    <message>
        <source>Incident closed.</source>
        <translation>Kejadian sudah ditutup.</translation>
    </message>
    <message>
        <source>Incident reopened.</source>
        <translation>Kejadian dibuka kembali.</translation>
    </message>
    <message>
        <source>Number unblocked.</source>
        <translation>Blokir nomor sudah dibuka.</translation>
    </message>
    <message>
        <source>Call released to the queue; any desk can answer it now.</source>
        <translation>Panggilan dikembalikan ke antrean; meja mana pun dapat menjawabnya sekarang.</translation>
    </message>
    <message>
        <source>Select an incident first.</source>
        <translation>Pilih kejadian terlebih dahulu.</translation>
    </message>
    <message>
        <source>Reassign incident %1</source>
        <translation>Alihkan kejadian %1</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Close incident %1</source>
        <translation>Tutup kejadian %1</translation>
    </message>
    <message>
        <source>How did it end? (disposition, required)</source>
        <translation>Bagaimana akhirnya? (hasil penanganan, wajib)</translation>
    </message>
    <message>
        <source>No incident was closed in the last 7 days.</source>
        <translation>Tidak ada kejadian yang ditutup dalam 7 hari terakhir.</translation>
    </message>
    <message>
        <source>Reopen a closed incident</source>
        <translation>Buka kembali kejadian yang ditutup</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Alasan (wajib)</translation>
    </message>
    <message>
        <source>Select a blocked number first.</source>
        <translation>Pilih nomor yang diblokir terlebih dahulu.</translation>
    </message>
    <message>
        <source>Select a stale call (red, 'held by … offline') first.</source>
        <translation>Pilih panggilan macet (merah, 'dipegang … offline') terlebih dahulu.</translation>
    </message>
    <message>
        <source>Release call from %1</source>
        <translation>Kembalikan panggilan dari %1</translation>
    </message>
    <message>
        <source>Why? (recorded in the audit log)</source>
        <translation>Alasannya? (dicatat di log audit)</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <source>Unit status</source>
        <translation>Status unit</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>available</source>
        <translation>siaga</translation>
    </message>
    <message>
        <source>dispatched</source>
        <translation>ditugaskan</translation>
    </message>
    <message>
        <source>en route</source>
        <translation>menuju lokasi</translation>
    </message>
    <message>
        <source>on scene</source>
        <translation>di lokasi</translation>
    </message>
    <message>
        <source>out of service</source>
        <translation>tidak beroperasi</translation>
    </message>
</context>
<context>
    <name>WaitingCallsModel</name>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>CID name</source>
        <translation>Nama CID</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Saluran</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>(no caller ID)</source>
        <translation>(tanpa caller ID)</translation>
    </message>
    <message>
        <source>Stale: held by %1, desk %2 offline</source>
        <translation>Macet: dipegang %1, meja %2 offline</translation>
    </message>
    <message>
        <source>Blocked number</source>
        <translation>Nomor diblokir</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Berdering</translation>
    </message>
    <message>
        <source>The operator's desk stopped reporting. Release the call (Ctrl+L) so another desk can take it, or call the operator.</source>
        <translation>Meja operator berhenti melapor. Kembalikan panggilan ke antrean (Ctrl+L) agar meja lain dapat mengambilnya, atau hubungi operatornya.</translation>
    </message>
</context>
<context>
    <name>PhoneMessages</name>
    <message>
        <source>Received (WIB)</source>
        <translation>Diterima (WIB)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Dibaca oleh</translation>
    </message>
    <message>
        <source>Mark as read (Ctrl+R)</source>
        <translation>Tandai sudah dibaca (Ctrl+R)</translation>
    </message>
    <message>
        <source>Phone locations waiting for their call</source>
        <translation>Lokasi HP yang menunggu panggilannya</translation>
    </message>
    <message>
        <source>Other SMS received by the line's modem</source>
        <translation>SMS lain yang diterima modem saluran</translation>
    </message>
    <message>
        <source>%1 waiting, %2 unread SMS</source>
        <translation>%1 menunggu, %2 SMS belum dibaca</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(tanpa nomor)</translation>
    </message>
    <message>
        <source>Choose the SMS first (arrow keys), then Ctrl+R.</source>
        <translation>Pilih SMS dulu (tombol panah), lalu Ctrl+R.</translation>
    </message>
</context>
</TS>
