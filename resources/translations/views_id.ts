<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
    <context>
        <name>CallbackDialog</name>
        <message>
            <location filename="../../ui/views/missed.py" line="40" />
            <source>Call back</source>
            <translation>Telepon balik</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="42" />
            <source>(no caller ID)</source>
            <translation>(tanpa caller ID)</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="43" />
            <source>Record the callback to %1 (missed at %2).</source>
            <translation>Catat telepon balik ke %1 (tak terjawab pukul %2).</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="49" />
            <source>Note (optional), e.g. 'no answer', 'caller is safe'</source>
            <translation>Catatan (opsional), mis. 'tidak diangkat', 'penelepon aman'</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="53" />
            <source>Record callback</source>
            <translation>Catat telepon balik</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="54" />
            <source>Record callback (Enter)</source>
            <translation>Catat telepon balik (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="55" />
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
    </context>
    <context>
        <name>CallerHistoryDialog</name>
        <message>
            <location filename="../../ui/views/caller_history.py" line="54" />
            <source>Caller history</source>
            <translation>Riwayat penelepon</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="67" />
            <source>Counts</source>
            <translation>Ringkasan</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="69" />
            <source>All calls</source>
            <translation>Semua panggilan</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="69" />
            <source>Last 30 days</source>
            <translation>30 hari terakhir</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="70" />
            <source>Prank</source>
            <translation>Prank</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="70" />
            <source>Ghost</source>
            <translation>Ghost</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="70" />
            <location filename="../../ui/views/caller_history.py" line="93" />
            <source>Incidents</source>
            <translation>Kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="71" />
            <source>First call</source>
            <translation>Panggilan pertama</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="71" />
            <source>Last call</source>
            <translation>Panggilan terakhir</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="83" />
            <source>Time (WIB)</source>
            <translation>Waktu (WIB)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="83" />
            <location filename="../../ui/views/caller_history.py" line="87" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="83" />
            <source>Type</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="83" />
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="83" />
            <source>Incident</source>
            <translation>Kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="86" />
            <source>Number</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="86" />
            <source>Opened (WIB)</source>
            <translation>Dibuka (WIB)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="86" />
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="86" />
            <source>Priority</source>
            <translation>Prioritas</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="92" />
            <source>Calls</source>
            <translation>Panggilan</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="98" />
            <source>Reason for the block (required), e.g. 'repeated prank calls'</source>
            <translation>Alasan pemblokiran (wajib), mis. 'prank berulang'</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="100" />
            <source>Block 1x24 hours</source>
            <translation>Blokir 1x24 jam</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="102" />
            <source>Flag this number for 24 hours (calls still ring)</source>
            <translation>Tandai nomor ini selama 24 jam (panggilannya tetap masuk)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="104" />
            <source>Unblock</source>
            <translation>Buka blokir</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="106" />
            <source>Remove the block (supervisors)</source>
            <translation>Cabut pemblokiran (supervisor)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="109" />
            <source>Done</source>
            <translation>Selesai</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="110" />
            <source>Close this window (Esc)</source>
            <translation>Tutup jendela ini (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="112" />
            <source>Block</source>
            <translation>Blokir</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="114" />
            <source>A block only flags the number on every desk; its calls to 112 still ring.</source>
            <translation>Blokir hanya menandai nomor di semua meja; panggilannya ke 112 tetap masuk.</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="164" />
            <source>not a valid number</source>
            <translation>nomor tidak valid</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="165" />
            <source>Caller history — %1</source>
            <translation>Riwayat penelepon — %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="181" />
            <source>Calls (%1)</source>
            <translation>Panggilan (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="182" />
            <source>Incidents (%1)</source>
            <translation>Kejadian (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="184" />
            <source>Blocked until %1. Reason: %2</source>
            <translation>Diblokir sampai %1. Alasan: %2</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="189" />
            <source>Not blocked.</source>
            <translation>Tidak diblokir.</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="206" />
            <source>Write the reason for the block first.</source>
            <translation>Tuliskan dulu alasan pemblokiran.</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="211" />
            <source>Number blocked for 24 hours.</source>
            <translation>Nomor diblokir selama 24 jam.</translation>
        </message>
        <message>
            <location filename="../../ui/views/caller_history.py" line="217" />
            <source>Block removed.</source>
            <translation>Blokir dicabut.</translation>
        </message>
    </context>
    <context>
        <name>HandoverDialog</name>
        <message>
            <location filename="../../ui/views/handover.py" line="56" />
            <source>Shift handover</source>
            <translation>Serah terima shift</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="68" />
            <location filename="../../ui/views/handover.py" line="73" />
            <source>Number</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="68" />
            <source>Age</source>
            <translation>Umur</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="68" />
            <source>Priority</source>
            <translation>Prioritas</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="68" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="68" />
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="73" />
            <source>Time</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="75" />
            <source>(no caller ID)</source>
            <translation>(tanpa caller ID)</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="92" />
            <source>What must the next shift know? Open incidents, callbacks still to make, equipment problems… Write 'nihil' if there is nothing to hand over.</source>
            <translation>Apa yang perlu diketahui shift berikutnya? Kejadian yang masih terbuka, telepon balik yang belum dilakukan, gangguan peralatan… Tulis 'nihil' bila tidak ada yang diserahterimakan.</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="95" />
            <source>Insert the open items</source>
            <translation>Sisipkan daftar yang masih terbuka</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="97" />
            <source>Copy the open incidents and missed calls into the note</source>
            <translation>Salin kejadian terbuka dan panggilan tak terjawab ke dalam catatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="100" />
            <source>Save and end shift</source>
            <translation>Simpan dan akhiri shift</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="103" />
            <source>Save the handover note and end your shift session</source>
            <translation>Simpan catatan serah terima dan akhiri sesi shift Anda</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="105" />
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="106" />
            <source>Back to the console (Esc)</source>
            <translation>Kembali ke konsol (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="108" />
            <source>Handover note</source>
            <translation>Catatan serah terima</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="144" />
            <source>Handover — shift %1</source>
            <translation>Serah terima — shift %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="146" />
            <source>%1, %2–%3 WIB · %4</source>
            <translation>%1, %2–%3 WIB · %4</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="158" />
            <source>My incidents still open (%1)</source>
            <translation>Kejadian saya yang masih terbuka (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="159" />
            <source>Missed calls not called back (%1)</source>
            <translation>Panggilan tak terjawab belum ditelepon balik (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="170" />
            <source>%1 missed calls not called back yet</source>
            <translation>%1 panggilan tak terjawab belum ditelepon balik</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="173" />
            <source>Nothing open.</source>
            <translation>Tidak ada yang terbuka.</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="184" />
            <source>Write the handover note first (write 'nihil' if nothing is open).</source>
            <translation>Tuliskan dulu catatan serah terima (tulis 'nihil' bila tidak ada yang terbuka).</translation>
        </message>
        <message>
            <location filename="../../ui/views/handover.py" line="188" />
            <source>The note is too long: at most %1 characters (now %2).</source>
            <translation>Catatan terlalu panjang: paling banyak %1 karakter (sekarang %2).</translation>
        </message>
    </context>
    <context>
        <name>IncidentDetailDialog</name>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="219" />
            <source>Forwarding</source>
            <translation>Penerusan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="91" />
            <source>Incident</source>
            <translation>Kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="117" />
            <source>This incident was changed by someone else after you opened it. Your changes were NOT saved. Reload to see the latest version, then make your change again.</source>
            <translation>Kejadian ini telah diubah oleh orang lain setelah Anda membukanya. Perubahan Anda BELUM tersimpan. Muat ulang untuk melihat versi terbaru, lalu ulangi perubahan Anda.</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="120" />
            <source>Reload</source>
            <translation>Muat ulang</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="122" />
            <source>Load the latest version</source>
            <translation>Muat versi terbaru</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="155" />
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="156" />
            <source>Priority</source>
            <translation>Prioritas</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="157" />
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="158" />
            <source>Desa/kelurahan</source>
            <translation>Desa/kelurahan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="159" />
            <source>Address</source>
            <translation>Alamat</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="160" />
            <source>Landmark</source>
            <translation>Patokan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="161" />
            <source>Reporter</source>
            <translation>Pelapor</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="162" />
            <source>Callback number</source>
            <translation>Nomor yang bisa dihubungi</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="163" />
            <source>Description</source>
            <translation>Uraian</translation>
        </message>
        <message>
            <source>Questions asked</source>
            <translation>Pertanyaan dan jawaban</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="164" />
            <source>Save changes</source>
            <translation>Simpan perubahan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="166" />
            <source>Save the changed fields</source>
            <translation>Simpan isian yang diubah</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="168" />
            <source>Incident data</source>
            <translation>Data kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="183" />
            <source>Write a note for the timeline…</source>
            <translation>Tulis catatan untuk kronologi…</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="185" />
            <source>Add note</source>
            <translation>Tambah catatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="187" />
            <source>Add the note to the timeline</source>
            <translation>Tambahkan catatan ke kronologi</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="191" />
            <source>Time</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="191" />
            <source>Number</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="191" />
            <source>Caller ID name</source>
            <translation>Nama caller ID</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="191" />
            <source>Type</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="191" />
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="196" />
            <source>Caller history…</source>
            <translation>Riwayat penelepon…</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="198" />
            <source>All calls and incidents of the selected number</source>
            <translation>Semua panggilan dan kejadian dari nomor yang dipilih</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="212" />
            <source>Timeline</source>
            <translation>Kronologi</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="213" />
            <source>Calls</source>
            <translation>Panggilan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="235" />
            <source>Handled, situation safe</source>
            <translation>Sudah ditangani, situasi aman</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="235" />
            <source>Handed over to the agency</source>
            <translation>Diserahkan ke instansi terkait</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="236" />
            <source>Not found at the location</source>
            <translation>Tidak ditemukan di lokasi</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="236" />
            <source>False report</source>
            <translation>Laporan palsu</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="237" />
            <source>Duplicate of another incident</source>
            <translation>Duplikat kejadian lain</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="243" />
            <source>How did it end? (required to close)</source>
            <translation>Bagaimana penyelesaiannya? (wajib untuk menutup)</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="244" />
            <source>Close incident</source>
            <translation>Tutup kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="246" />
            <source>Close the incident with this disposition</source>
            <translation>Tutup kejadian dengan keterangan penyelesaian ini</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="248" />
            <source>Reopen…</source>
            <translation>Buka kembali…</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="250" />
            <source>Reopen the closed incident (supervisors)</source>
            <translation>Buka kembali kejadian yang sudah ditutup (supervisor)</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="253" />
            <source>Done</source>
            <translation>Selesai</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="254" />
            <source>Close this window (Esc)</source>
            <translation>Tutup jendela ini (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="257" />
            <source>Disposition</source>
            <translation>Penyelesaian</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="289" />
            <source>(no caller ID)</source>
            <translation>(tanpa caller ID)</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="305" />
            <source>P1 — life at risk</source>
            <translation>P1 — nyawa terancam</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="305" />
            <source>P2 — urgent</source>
            <translation>P2 — mendesak</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="306" />
            <source>P3 — normal</source>
            <translation>P3 — biasa</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="306" />
            <source>P4 — no urgency</source>
            <translation>P4 — tidak mendesak</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="328" />
            <source>Calls (%1)</source>
            <translation>Panggilan (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="338" />
            <location filename="../../ui/views/incident_detail.py" line="390" />
            <source>(not known)</source>
            <translation>(tidak diketahui)</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="350" />
            <source>Incident %1</source>
            <translation>Kejadian %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="373" />
            <source>Loading…</source>
            <translation>Memuat…</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="375" />
            <source>Opened %1</source>
            <translation>Dibuka %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="377" />
            <source>by %1</source>
            <translation>oleh %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="379" />
            <source>open for %1</source>
            <translation>terbuka selama %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="381" />
            <source>closed %1</source>
            <translation>ditutup %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="383" />
            <source>disposition: %1</source>
            <translation>penyelesaian: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="402" />
            <source>Note</source>
            <translation>Catatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="402" />
            <source>Created</source>
            <translation>Dibuat</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="402" />
            <source>Changed</source>
            <translation>Diubah</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="403" />
            <source>Call</source>
            <translation>Panggilan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="403" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="403" />
            <source>Forwarded</source>
            <translation>Diteruskan</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="404" />
            <source>Closed</source>
            <translation>Ditutup</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="404" />
            <source>Reopened</source>
            <translation>Dibuka kembali</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="462" />
            <source>Nothing was changed.</source>
            <translation>Tidak ada yang diubah.</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="476" />
            <source>Saved.</source>
            <translation>Tersimpan.</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="506" />
            <source>Write or choose a disposition to close the incident.</source>
            <translation>Tulis atau pilih keterangan penyelesaian untuk menutup kejadian.</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="526" />
            <source>Reopen incident</source>
            <translation>Buka kembali kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/incident_detail.py" line="526" />
            <source>Why is it reopened?</source>
            <translation>Mengapa dibuka kembali?</translation>
        </message>
    </context>
    <context>
        <name>IncidentQueueModel</name>
        <message>
            <location filename="../../ui/views/models.py" line="244" />
            <source>Number</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="244" />
            <source>Age</source>
            <translation>Umur</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="244" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="244" />
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="244" />
            <source>Priority</source>
            <translation>Prioritas</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="245" />
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="295" />
            <source>Opened: %1</source>
            <translation>Dibuka: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="299" />
            <source>Reporter: %1</source>
            <translation>Pelapor: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="301" />
            <source>Handled by: %1</source>
            <translation>Ditangani oleh: %1</translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <location filename="../../ui/views/common.py" line="39" />
            <source>en</source>
            <translation>id</translation>
        </message>
    </context>
    <context>
        <name>MissedCallModel</name>
        <message>
            <location filename="../../ui/views/models.py" line="320" />
            <source>Time</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="320" />
            <source>Waiting</source>
            <translation>Menunggu</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="320" />
            <source>Number</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="320" />
            <source>Caller ID name</source>
            <translation>Nama caller ID</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="320" />
            <source>Line</source>
            <translation>Jalur</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="321" />
            <source>Calls</source>
            <translation>Panggilan</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="321" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="338" />
            <source>(no caller ID)</source>
            <translation>(tanpa caller ID)</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="347" />
            <source>Called back %1 by %2</source>
            <translation>Ditelepon balik %1 oleh %2</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="349" />
            <source>Blocked (flagged)</source>
            <translation>Diblokir (ditandai)</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="349" />
            <source>Waiting for callback</source>
            <translation>Menunggu telepon balik</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="359" />
            <source>Rang at %1</source>
            <translation>Berdering pukul %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/models.py" line="361" />
            <source>Callback note: %1</source>
            <translation>Catatan telepon balik: %1</translation>
        </message>
    </context>
    <context>
        <name>MissedCallsPanel</name>
        <message>
            <location filename="../../ui/views/missed.py" line="81" />
            <source>No missed calls waiting for a callback.</source>
            <translation>Tidak ada panggilan tak terjawab yang menunggu telepon balik.</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="93" />
            <source>Show calls already called back</source>
            <translation>Tampilkan yang sudah ditelepon balik</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="95" />
            <source>Call back…</source>
            <translation>Telepon balik…</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="97" />
            <source>Record a callback to the selected number</source>
            <translation>Catat telepon balik ke nomor yang dipilih</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="164" />
            <source>Callback recorded.</source>
            <translation>Telepon balik tercatat.</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="178" />
            <source>Missed calls (%1)</source>
            <translation>Panggilan tak terjawab (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/missed.py" line="180" />
            <source>Missed calls waiting for a callback (%1)</source>
            <translation>Panggilan tak terjawab menunggu telepon balik (%1)</translation>
        </message>
    </context>
    <context>
        <name>QueuePanel</name>
        <message>
            <location filename="../../ui/views/queue.py" line="111" />
            <source>Search: caller number, reporter name or incident number</source>
            <translation>Cari: nomor penelepon, nama pelapor, atau nomor kejadian</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="112" />
            <source>Search the open incidents (%1)</source>
            <translation>Cari kejadian terbuka (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="118" />
            <source>All priorities</source>
            <translation>Semua prioritas</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="121" />
            <source>Show one priority only</source>
            <translation>Tampilkan satu prioritas saja</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="124" />
            <source>All statuses</source>
            <translation>Semua status</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="127" />
            <source>Show one status only</source>
            <translation>Tampilkan satu status saja</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="153" />
            <location filename="../../ui/views/queue.py" line="285" />
            <source>No open incidents assigned to you.</source>
            <translation>Tidak ada kejadian terbuka yang ditugaskan kepada Anda.</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="154" />
            <location filename="../../ui/views/queue.py" line="286" />
            <source>No open incidents.</source>
            <translation>Tidak ada kejadian terbuka.</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="278" />
            <source>My incidents (%1)</source>
            <translation>Kejadian saya (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="279" />
            <source>All open incidents (%1)</source>
            <translation>Semua kejadian terbuka (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="282" />
            <source>Nothing matches “%1”.</source>
            <translation>Tidak ada yang cocok dengan “%1”.</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="283" />
            <source>Nothing matches the filter.</source>
            <translation>Tidak ada yang cocok dengan saringan.</translation>
        </message>
        <message>
            <location filename="../../ui/views/queue.py" line="288" />
            <source>Filter: “%1”</source>
            <translation>Saringan: “%1”</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/views/settings.py" line="78" />
            <source>Settings</source>
            <translation>Pengaturan</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="81" />
            <source>Language</source>
            <translation>Bahasa</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="84" />
            <source>Caller-ID sources</source>
            <translation>Sumber caller ID</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="85" />
            <source>Prank rule</source>
            <translation>Aturan prank</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="86" />
            <source>Done</source>
            <translation>Selesai</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="87" />
            <source>Close this window (Esc)</source>
            <translation>Tutup jendela ini (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="114" />
            <source>The language is remembered on this computer for every operator.</source>
            <translation>Bahasa disimpan di komputer ini untuk semua operator.</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="118" />
            <source>Language of the console</source>
            <translation>Bahasa konsol</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="136" />
            <location filename="../../ui/views/settings.py" line="240" />
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="136" />
            <location filename="../../ui/views/settings.py" line="242" />
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="136" />
            <location filename="../../ui/views/settings.py" line="244" />
            <source>Desk</source>
            <translation>Meja</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="136" />
            <source>Enabled</source>
            <translation>Aktif</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="149" />
            <source>New</source>
            <translation>Baru</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="150" />
            <source>Add a new source</source>
            <translation>Tambah sumber baru</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="152" />
            <source>Edit</source>
            <translation>Ubah</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="153" />
            <source>Edit the selected source</source>
            <translation>Ubah sumber yang dipilih</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="155" />
            <source>Enable/disable</source>
            <translation>Aktifkan/nonaktifkan</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="157" />
            <source>Switch the selected source on or off</source>
            <translation>Aktifkan atau nonaktifkan sumber yang dipilih</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="159" />
            <source>Remove</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="160" />
            <source>Remove the selected source</source>
            <translation>Hapus sumber yang dipilih</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="167" />
            <location filename="../../ui/views/settings.py" line="320" />
            <source>New source</source>
            <translation>Sumber baru</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="171" />
            <source>e.g. 112 line modem</source>
            <translation>mis. Modem jalur 112</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="185" />
            <location filename="../../ui/views/settings.py" line="257" />
            <source>(every desk)</source>
            <translation>(semua meja)</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="186" />
            <source>This computer</source>
            <translation>Komputer ini</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="187" />
            <source>Only this computer (%1) opens the source</source>
            <translation>Hanya komputer ini (%1) yang membuka sumber ini</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="205" />
            <source>Refresh</source>
            <translation>Segarkan</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="206" />
            <source>Look for serial ports again (after plugging in a USB adapter)</source>
            <translation>Cari ulang port serial (setelah memasang adaptor USB)</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="208" />
            <source>Use this port</source>
            <translation>Pakai port ini</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="210" />
            <source>Fill in the URL for the chosen serial port</source>
            <translation>Isi URL untuk port serial yang dipilih</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="214" />
            <source>Baud</source>
            <translation>Baud</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="216" />
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="221" />
            <source>Test</source>
            <translation>Uji</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="223" />
            <source>Open the source for a few seconds and report whether it works</source>
            <translation>Buka sumber selama beberapa detik dan laporkan apakah berfungsi</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="229" />
            <source>Save source</source>
            <translation>Simpan sumber</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="231" />
            <source>Save the source</source>
            <translation>Simpan sumber</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="241" />
            <source>Serial port</source>
            <translation>Port serial</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="258" />
            <source>yes</source>
            <translation>ya</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="258" />
            <source>no</source>
            <translation>tidak</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="286" />
            <source>(no serial port found)</source>
            <translation>(tidak ada port serial)</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="299" />
            <source>Modem %1</source>
            <translation>Modem %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="304" />
            <source>Give the source's URL, or pick a serial port above.</source>
            <translation>Isi URL sumber, atau pilih port serial di atas.</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="313" />
            <source>Valid: %1</source>
            <translation>Valid: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="333" />
            <source>Edit source: %1</source>
            <translation>Ubah sumber: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="354" />
            <source>Source saved. The desks reconnect their lines.</source>
            <translation>Sumber tersimpan. Meja-meja menyambung ulang jalurnya.</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="394" />
            <source>Testing for up to %1 seconds…</source>
            <translation>Menguji hingga %1 detik…</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="401" />
            <source>Works: the line is up.</source>
            <translation>Berfungsi: jalur tersambung.</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="404" />
            <source>Does not work: %1</source>
            <translation>Tidak berfungsi: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="421" />
            <location filename="../../ui/views/settings.py" line="424" />
            <source> hours</source>
            <translation> jam</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="427" />
            <source>Save rule</source>
            <translation>Simpan aturan</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="428" />
            <source>Save the repeat-prank rule for every desk</source>
            <translation>Simpan aturan prank berulang untuk semua meja</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="431" />
            <source>A number that makes this many prank or ghost calls within the window is flagged (blocked) automatically. Its calls still ring; every desk sees the flag.</source>
            <translation>Nomor yang melakukan panggilan prank atau ghost sebanyak ini dalam rentang waktu tersebut otomatis ditandai (diblokir). Panggilannya tetap masuk; semua meja melihat tandanya.</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="436" />
            <source>Prank/ghost calls</source>
            <translation>Panggilan prank/ghost</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="437" />
            <source>Within</source>
            <translation>Dalam</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="438" />
            <source>Block for</source>
            <translation>Blokir selama</translation>
        </message>
        <message>
            <location filename="../../ui/views/settings.py" line="466" />
            <source>Rule saved.</source>
            <translation>Aturan tersimpan.</translation>
        </message>
        <message>
        <source>Rename the desk</source>
        <translation>Ganti nama meja</translation>
    </message>
    <message>
        <source>This console's desk</source>
        <translation>Meja konsol ini</translation>
    </message>
    <message>
        <source>This console is now desk %1.</source>
        <translation>Konsol ini sekarang meja %1.</translation>
    </message>
</context>
    <context>
        <name>Views</name>
        <message>
            <location filename="../../ui/views/common.py" line="76" />
            <source>%1d %2:%3</source>
            <translation>%1 hari %2:%3</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="87" />
            <source>Open</source>
            <translation>Terbuka</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="88" />
            <source>Forwarded</source>
            <translation>Diteruskan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="89" />
            <source>In progress</source>
            <translation>Ditangani</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="90" />
            <source>Resolved</source>
            <translation>Selesai ditangani</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="91" />
            <source>Closed</source>
            <translation>Ditutup</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="98" />
            <source>Unclassified</source>
            <translation>Belum diklasifikasi</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="100" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="101" />
            <source>Information</source>
            <translation>Informasi</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="102" />
            <source>Prank</source>
            <translation>Prank</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="103" />
            <source>Ghost</source>
            <translation>Ghost</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="104" />
            <source>Wrong number</source>
            <translation>Salah sambung</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="105" />
            <source>Test</source>
            <translation>Uji</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="112" />
            <source>Ringing</source>
            <translation>Berdering</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="113" />
            <source>Answered</source>
            <translation>Dijawab</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="114" />
            <source>Missed</source>
            <translation>Tak terjawab</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="115" />
            <source>Ended</source>
            <translation>Selesai</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="122" />
            <source>operator</source>
            <translation>operator</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="123" />
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="124" />
            <source>admin</source>
            <translation>admin</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="125" />
            <source>system</source>
            <translation>sistem</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="137" />
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="138" />
            <source>Priority</source>
            <translation>Prioritas</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="139" />
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="140" />
            <source>Desa/kelurahan</source>
            <translation>Desa/kelurahan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="141" />
            <source>Address</source>
            <translation>Alamat</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="142" />
            <source>Landmark</source>
            <translation>Patokan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="143" />
            <source>Latitude</source>
            <translation>Lintang</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="144" />
            <source>Longitude</source>
            <translation>Bujur</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="145" />
            <source>Reporter</source>
            <translation>Pelapor</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="146" />
            <source>Callback number</source>
            <translation>Nomor yang bisa dihubungi</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="147" />
            <source>Description</source>
            <translation>Uraian</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="148" />
            <source>Disposition</source>
            <translation>Penyelesaian</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="149" />
            <source>Note</source>
            <translation>Catatan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="150" />
            <source>Reason</source>
            <translation>Alasan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="151" />
            <source>Number</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="152" />
            <source>Hours</source>
            <translation>Jam</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="153" />
            <source>Handover note</source>
            <translation>Catatan serah terima</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="154" />
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="155" />
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="156" />
            <source>Desk</source>
            <translation>Meja</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="157" />
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="253" />
            <source>Your role (%1) is not allowed to do this.</source>
            <translation>Peran Anda (%1) tidak berwenang melakukan ini.</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="256" />
            <source>Another desk (%1) took this call first.</source>
            <translation>Meja lain (%1) sudah lebih dulu mengambil panggilan ini.</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="259" />
            <source>This was changed by someone else in the meantime.</source>
            <translation>Data ini telah diubah oleh orang lain sementara itu.</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="262" />
            <source>It no longer exists; someone may have removed it.</source>
            <translation>Data ini sudah tidak ada; mungkin telah dihapus orang lain.</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="264" />
            <source>The database cannot be reached. Check the network or the server, then try again.</source>
            <translation>Basis data tidak dapat dihubungi. Periksa jaringan atau server, lalu coba lagi.</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="269" />
            <source>Something went wrong: %1</source>
            <translation>Terjadi kesalahan: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="315" />
            <source>Incident %1 created</source>
            <translation>Kejadian %1 dibuat</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="316" />
            <source>Closed: %1</source>
            <translation>Ditutup: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="317" />
            <source>Reopened: %1</source>
            <translation>Dibuka kembali: %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="318" />
            <source>Call without caller ID</source>
            <translation>Panggilan tanpa caller ID</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="319" />
            <source>Call from %1</source>
            <translation>Panggilan dari %1</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="320" />
            <source>Saved without changes</source>
            <translation>Disimpan tanpa perubahan</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="321" />
            <source>Handed to another operator</source>
            <translation>Dialihkan ke operator lain</translation>
        </message>
        <message>
            <location filename="../../ui/views/common.py" line="331" />
            <source>Changed: %1</source>
            <translation>Diubah: %1</translation>
        </message>
    </context>
    <context>
        <name>CoreMessages</name>
        <message>
            <source>choose a category</source>
            <translation>pilih kategori</translation>
        </message>
        <message>
            <source>P1, P2, P3 or P4</source>
            <translation>P1, P2, P3, atau P4</translation>
        </message>
        <message>
            <source>describe what happened</source>
            <translation>uraikan apa yang terjadi</translation>
        </message>
        <message>
            <source>give the kecamatan (or at least an address)</source>
            <translation>isi kecamatan (atau setidaknya alamat)</translation>
        </message>
        <message>
            <source>unknown kecamatan</source>
            <translation>kecamatan tidak dikenal</translation>
        </message>
        <message>
            <source>unknown desa/kelurahan</source>
            <translation>desa/kelurahan tidak dikenal</translation>
        </message>
        <message>
            <source>this desa/kelurahan is not in the chosen kecamatan</source>
            <translation>desa/kelurahan ini tidak berada di kecamatan yang dipilih</translation>
        </message>
        <message>
            <source>give both latitude and longitude, or neither</source>
            <translation>isi lintang dan bujur sekaligus, atau kosongkan keduanya</translation>
        </message>
        <message>
            <source>between -90 and 90</source>
            <translation>antara -90 dan 90</translation>
        </message>
        <message>
            <source>between -180 and 180</source>
            <translation>antara -180 dan 180</translation>
        </message>
        <message>
            <source>not a valid telephone number</source>
            <translation>bukan nomor telepon yang valid</translation>
        </message>
        <message>
            <source>the note is empty</source>
            <translation>catatan masih kosong</translation>
        </message>
        <message>
            <source>say how it ended</source>
            <translation>tuliskan bagaimana penyelesaiannya</translation>
        </message>
        <message>
            <source>a reason is required</source>
            <translation>alasan wajib diisi</translation>
        </message>
        <message>
            <source>between 0 and 720 hours</source>
            <translation>antara 0 dan 720 jam</translation>
        </message>
        <message>
            <source>cannot be edited</source>
            <translation>tidak dapat diubah</translation>
        </message>
        <message>
            <source>write the handover note (write 'nihil' if nothing is open)</source>
            <translation>tuliskan catatan serah terima (tulis 'nihil' bila tidak ada yang terbuka)</translation>
        </message>
        <message>
            <source>give the source a name (for example 'Line 112 modem')</source>
            <translation>beri nama sumber (mis. 'Modem jalur 112')</translation>
        </message>
        <message>
            <source>a closed incident cannot be edited; reopen it first</source>
            <translation>kejadian yang sudah ditutup tidak dapat diubah; buka kembali terlebih dahulu</translation>
        </message>
        <message>
            <source>only a missed call can be called back</source>
            <translation>hanya panggilan tak terjawab yang dapat ditelepon balik</translation>
        </message>
        <message>
            <source>another operator is handling this call</source>
            <translation>operator lain sedang menangani panggilan ini</translation>
        </message>
        <message>
            <source>this shift session belongs to another operator</source>
            <translation>sesi shift ini milik operator lain</translation>
        </message>
        <message>
            <source>this shift session has already ended</source>
            <translation>sesi shift ini sudah berakhir</translation>
        </message>
        <message>
            <source>a shift session belongs to a logged-in operator</source>
            <translation>sesi shift hanya untuk operator yang sedang masuk</translation>
        </message>
        <message>
            <source>the caller-ID source URL is empty</source>
            <translation>URL sumber caller ID masih kosong</translation>
        </message>
        <message>
            <source>Connection refused</source>
            <translation>Koneksi ditolak</translation>
        </message>
        <message>
            <source>connection closed</source>
            <translation>koneksi terputus</translation>
        </message>
        <message>
            <source>connection lost</source>
            <translation>koneksi hilang</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>dihentikan</translation>
        </message>
        <message>
            <source>at most %1 characters (now %2)</source>
            <translation>paling banyak %1 karakter (sekarang %2)</translation>
        </message>
        <message>
            <source>at most %1 characters</source>
            <translation>paling banyak %1 karakter</translation>
        </message>
        <message>
            <source>incident %1 is already closed</source>
            <translation>kejadian %1 sudah ditutup</translation>
        </message>
        <message>
            <source>incident %1 is not closed</source>
            <translation>kejadian %1 belum ditutup</translation>
        </message>
        <message>
            <source>this source is already configured (%1)</source>
            <translation>sumber ini sudah terdaftar (%1)</translation>
        </message>
        <message>
            <source>unknown caller-ID source scheme '%1' in '%2'; use serial, tcp, udp, ami, sim or a pyserial URL such as rfc2217://</source>
            <translation>skema sumber caller ID '%1' pada '%2' tidak dikenal; gunakan serial, tcp, udp, ami, sim, atau URL pyserial seperti rfc2217://</translation>
        </message>
        <message>
            <source>'%1' is not a caller-ID source URL (for example serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, ami://user:secret@host, sim://)</source>
            <translation>'%1' bukan URL sumber caller ID (contoh: serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, ami://user:rahasia@host, sim://)</translation>
        </message>
        <message>
            <source>no answer within %1 s</source>
            <translation>tidak ada jawaban dalam %1 detik</translation>
        </message>
        <message>
            <source>at least %1 characters</source>
            <translation>paling sedikit %1 karakter</translation>
        </message>
        <message>
            <source>at most %1 questions per category</source>
            <translation>paling banyak %1 pertanyaan per kategori</translation>
        </message>
        <message>
            <source>at most %1 characters per answer (now %2)</source>
            <translation>paling banyak %1 karakter per jawaban (sekarang %2)</translation>
        </message>
        <message>
            <source>the Indonesian question is required</source>
            <translation>pertanyaan dalam bahasa Indonesia wajib diisi</translation>
        </message>
        <message>
            <source>the same question is listed twice</source>
            <translation>pertanyaan yang sama tercantum dua kali</translation>
        </message>
        <message>
            <source>1-64 characters: letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
            <translation>1-64 karakter: huruf, angka, &apos;.&apos;, &apos;_&apos; atau &apos;-&apos;</translation>
        </message>
        <message>
            <source>operator, supervisor or admin</source>
            <translation>operator, supervisor atau admin</translation>
        </message>
    </context>
</TS>
