<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Dispatch</name>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>Baru (Ctrl+N)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <source>Delete an entry made by mistake; one with history is made inactive instead (Ctrl+Del)</source>
        <translation>Hapus data yang salah input; data yang sudah punya riwayat dinonaktifkan saja (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Simpan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save this entry (Ctrl+S)</source>
        <translation>Simpan data ini (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Tutup (Esc)</translation>
    </message>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Belum tersimpan: perbaiki isian yang bertanda merah.</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Tersimpan: %1</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(nonaktif)</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>Hapus %1?</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Terhapus.</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Active (offered when forwarding)</source>
        <translation>Aktif (ditawarkan saat meneruskan)</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Kode</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nama</translation>
    </message>
    <message>
        <source>S&amp;hort name</source>
        <translation>Nama &amp;singkat</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telepon</translation>
    </message>
    <message>
        <source>&amp;WhatsApp</source>
        <translation>&amp;WhatsApp</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Web&amp;hook URL</source>
        <translation>Alamat web&amp;hook</translation>
    </message>
    <message>
        <source>Default for
categories</source>
        <translation>Bawaan untuk
kategori</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Active (on the board and offered when forwarding)</source>
        <translation>Aktif (tampil di papan dan ditawarkan saat meneruskan)</translation>
    </message>
    <message>
        <source>&amp;Call sign</source>
        <translation>&amp;Kode panggil</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Agency</source>
        <translation>&amp;Instansi</translation>
    </message>
    <message>
        <source>&amp;Home base</source>
        <translation>&amp;Pos induk</translation>
    </message>
    <message>
        <source>The home base ranks units by distance when forwarding (desa centroid).</source>
        <translation>Pos induk dipakai untuk mengurutkan unit menurut jarak saat meneruskan (titik tengah desa).</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(belum diisi)</translation>
    </message>
    <message>
        <source>E-mail server (SMTP)</source>
        <translation>Server e-mail (SMTP)</translation>
    </message>
    <message>
        <source>none (not encrypted)</source>
        <translation>tanpa enkripsi</translation>
    </message>
    <message>
        <source>only for a mail server with a private certificate authority</source>
        <translation>hanya untuk server e-mail dengan CA sendiri</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <source>&amp;Encryption</source>
        <translation>&amp;Enkripsi</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Pengguna</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Kata &amp;sandi</translation>
    </message>
    <message>
        <source>Sen&amp;der address</source>
        <translation>Alamat pen&amp;girim</translation>
    </message>
    <message>
        <source>&amp;CA file (PEM)</source>
        <translation>Berkas &amp;CA (PEM)</translation>
    </message>
    <message>
        <source>stored in the system password store</source>
        <translation>tersimpan di penyimpanan sandi sistem</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Cara kirim</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status kirim</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Percobaan</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Dicoba lagi</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Only messages not yet sent</source>
        <translation>Hanya pesan yang belum terkirim</translation>
    </message>
    <message>
        <source>Retry (R)</source>
        <translation>Coba lagi (R)</translation>
    </message>
    <message>
        <source>Deliver the selected message again now: print the slip, open WhatsApp, or resend the e-mail or webhook (R)</source>
        <translation>Kirim ulang pesan yang dipilih sekarang: cetak slip, buka WhatsApp, atau kirim ulang e-mail/webhook (R)</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 gagal</translation>
    </message>
    <message>
        <source>Choose the message to deliver again (arrow keys), then R.</source>
        <translation>Pilih pesan yang akan dikirim ulang (tombol panah), lalu R.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Forward incident</source>
        <translation>Teruskan kejadian</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>&amp;Agencies</source>
        <translation>&amp;Instansi</translation>
    </message>
    <message>
        <source>Space ticks or unticks. Ticked agencies with no unit ticked are notified as an agency.</source>
        <translation>Spasi mencentang atau menghapus centang. Instansi yang dicentang tanpa unit diberitahu sebagai instansi.</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Jarak</translation>
    </message>
    <message>
        <source>On incident</source>
        <translation>Sedang di kejadian</translation>
    </message>
    <message>
        <source>U&amp;nits (nearest first)</source>
        <translation>U&amp;nit (terdekat lebih dulu)</translation>
    </message>
    <message>
        <source>Deliver by</source>
        <translation>Kirim melalui</translation>
    </message>
    <message>
        <source>Note for the record (optional), e.g. &quot;confirmed by phone with the duty officer&quot;</source>
        <translation>Catatan (opsional), mis. &quot;sudah dikonfirmasi lewat telepon dengan petugas piket&quot;</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>Cat&amp;atan:</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Teruskan</translation>
    </message>
    <message>
        <source>Forward to the ticked agencies and units (Ctrl+Enter)</source>
        <translation>Teruskan ke instansi dan unit yang dicentang (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close without forwarding (Esc)</source>
        <translation>Tutup tanpa meneruskan (Esc)</translation>
    </message>
    <message>
        <source>Forward %1 — %2 (%3)</source>
        <translation>Teruskan %1 — %2 (%3)</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Lokasi: %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>bawaan</translation>
    </message>
    <message>
        <source>Default agency for this category</source>
        <translation>Instansi bawaan untuk kategori ini</translation>
    </message>
    <message>
        <source>Nearest available unit of a default agency</source>
        <translation>Unit siaga terdekat dari instansi bawaan</translation>
    </message>
    <message>
        <source>Busy: you will be asked to confirm before it is assigned</source>
        <translation>Sedang bertugas: Anda akan diminta konfirmasi sebelum unit ditugaskan</translation>
    </message>
    <message>
        <source>Cannot forward</source>
        <translation>Tidak dapat meneruskan</translation>
    </message>
    <message>
        <source>%1 has no e-mail address</source>
        <translation>%1 belum punya alamat e-mail</translation>
    </message>
    <message>
        <source>%1 has no webhook</source>
        <translation>%1 belum punya webhook</translation>
    </message>
    <message>
        <source>no WhatsApp number for %1: the text is copied, choose the chat yourself</source>
        <translation>nomor WhatsApp %1 belum ada: teks disalin, pilih sendiri percakapannya</translation>
    </message>
    <message>
        <source>Tick at least one agency or unit.</source>
        <translation>Centang setidaknya satu instansi atau unit.</translation>
    </message>
    <message>
        <source>Forwarding…</source>
        <translation>Meneruskan…</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 sedang %2</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> di %1</translation>
    </message>
    <message>
        <source>Unit already busy</source>
        <translation>Unit sedang bertugas</translation>
    </message>
    <message>
        <source>Assign it to this incident anyway? It will leave its current status for this incident.</source>
        <translation>Tetap tugaskan ke kejadian ini? Statusnya akan beralih ke kejadian ini.</translation>
    </message>
    <message>
        <source>WhatsApp to %1: the chat is open and the text is copied; press Send there.</source>
        <translation>WhatsApp ke %1: obrolan sudah terbuka dan teks sudah disalin; tekan Kirim di sana.</translation>
    </message>
    <message>
        <source>WhatsApp to %1: no web browser could open the link. The text is copied: paste it into WhatsApp yourself, then retry (R) in Deliveries.</source>
        <translation>WhatsApp ke %1: tidak ada peramban web yang dapat membuka tautan. Teks sudah disalin: tempelkan sendiri ke WhatsApp, lalu kirim ulang (R) di Pengiriman.</translation>
    </message>
    <message>
        <source>The slip %1 is waiting: print it later from Deliveries (Ctrl+4, then R).</source>
        <translation>Slip %1 menunggu: cetak nanti dari Pengiriman (Ctrl+4, lalu R).</translation>
    </message>
    <message>
        <source>Slip %1: %2.</source>
        <translation>Slip %1: %2.</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>dicetak</translation>
    </message>
    <message>
        <source>saved in %1</source>
        <translation>disimpan di %1</translation>
    </message>
    <message>
        <source>Dispatch slip</source>
        <translation>Slip penugasan</translation>
    </message>
    <message>
        <source>Print the dispatch slip now, or save it as a PDF?</source>
        <translation>Cetak slip penugasan sekarang, atau simpan sebagai PDF?</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Simpan PDF…</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Nanti</translation>
    </message>
    <message>
        <source>Save dispatch slip</source>
        <translation>Simpan slip penugasan</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>(%1 attempts)</source>
        <translation>(%1 kali dicoba)</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>dicoba lagi %1</translation>
    </message>
    <message>
        <source>Dispatch / step</source>
        <translation>Penugasan / langkah</translation>
    </message>
    <message>
        <source>Time (WIB)</source>
        <translation>Waktu (WIB)</translation>
    </message>
    <message>
        <source>Operator / detail</source>
        <translation>Operator / keterangan</translation>
    </message>
    <message>
        <source>Record &quot;%1&quot; for the selected dispatch (%2)</source>
        <translation>Catat &quot;%1&quot; untuk penugasan yang dipilih (%2)</translation>
    </message>
    <message>
        <source>Print slip (P)</source>
        <translation>Cetak slip (P)</translation>
    </message>
    <message>
        <source>Print or save the selected dispatch&apos;s slip (P)</source>
        <translation>Cetak atau simpan slip penugasan yang dipilih (P)</translation>
    </message>
    <message>
        <source>WhatsApp (W)</source>
        <translation>WhatsApp (W)</translation>
    </message>
    <message>
        <source>Copy the WhatsApp text and open the chat (W)</source>
        <translation>Salin teks WhatsApp dan buka percakapan (W)</translation>
    </message>
    <message>
        <source>Cancel dispatch</source>
        <translation>Batalkan penugasan</translation>
    </message>
    <message>
        <source>Why is the dispatch to %1 cancelled?</source>
        <translation>Mengapa penugasan ke %1 dibatalkan?</translation>
    </message>
    <message>
        <source>This dispatch has no delivery to print from; forward with &quot;Printed slip&quot;.</source>
        <translation>Penugasan ini tidak punya data untuk dicetak; teruskan dengan &quot;Slip cetak&quot;.</translation>
    </message>
    <message>
        <source>Time in status</source>
        <translation>Lama di status</translation>
    </message>
    <message>
        <source>Home base</source>
        <translation>Pos induk</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Sejak %1</translation>
    </message>
    <message>
        <source>Filter units (call sign, agency, status, incident)… Ctrl+F</source>
        <translation>Saring unit (kode panggil, instansi, status, kejadian)… Ctrl+F</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Tidak beroperasi</translation>
    </message>
    <message>
        <source>Take the selected unit out of service (Ctrl+O)</source>
        <translation>Nyatakan unit yang dipilih tidak beroperasi (Ctrl+O)</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Siaga kembali</translation>
    </message>
    <message>
        <source>Put the selected unit back in service (Ctrl+I)</source>
        <translation>Nyatakan unit yang dipilih siaga kembali (Ctrl+I)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Reload the board (F5)</source>
        <translation>Muat ulang papan (F5)</translation>
    </message>
    <message>
        <source>%1 of %2 units available</source>
        <translation>%1 dari %2 unit siaga</translation>
    </message>
    <message>
        <source>Unit status</source>
        <translation>Status unit</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>Menuju lokasi</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>Tiba di lokasi</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Batalkan…</translation>
    </message>
    <message>
        <source>notified</source>
        <translation type="vanished">diberitahu</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="vanished">diterima</translation>
    </message>
    <message>
        <source>en route</source>
        <translation type="vanished">menuju lokasi</translation>
    </message>
    <message>
        <source>on scene</source>
        <translation type="vanished">tiba di lokasi</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation type="vanished">selesai</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="vanished">dibatalkan</translation>
    </message>
    <message>
        <source>available</source>
        <translation type="vanished">siaga</translation>
    </message>
    <message>
        <source>dispatched</source>
        <translation type="vanished">ditugaskan</translation>
    </message>
    <message>
        <source>out of service</source>
        <translation type="vanished">tidak beroperasi</translation>
    </message>
    <message>
        <source>Printed slip</source>
        <translation type="vanished">Slip cetak</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="vanished">WhatsApp</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="vanished">E-mail</translation>
    </message>
    <message>
        <source>Webhook (EIDO)</source>
        <translation type="vanished">Webhook (EIDO)</translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="vanished">menunggu</translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="vanished">terkirim</translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="vanished">gagal</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation type="vanished">dicoba ulang</translation>
    </message>
    <message>
        <source>failed, stopped retrying</source>
        <translation type="vanished">gagal, percobaan dihentikan</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="vanished">%1 hr %2 j</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="vanished">%1 km</translation>
    </message>
    <message>
        <source>Since %1 WIB</source>
        <translation type="vanished">Sejak %1 WIB</translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="vanished">Kode</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation type="vanished">Nama singkat</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="vanished">Jenis</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="vanished">Telepon</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation type="vanished">Alamat webhook</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="vanished">Kategori</translation>
    </message>
    <message>
        <source>Call sign</source>
        <translation type="vanished">Kode panggil</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="vanished">Cara kirim</translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="vanished">Port</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="vanished">Enkripsi</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="vanished">Alamat pengirim</translation>
    </message>
    <message>
        <source>This is not an e-mail address (name@domain, e.g. damkar@purwakartakab.go.id).</source>
        <translation type="vanished">Ini bukan alamat e-mail (nama@domain, mis. damkar@purwakartakab.go.id).</translation>
    </message>
    <message>
        <source>An e-mail address has at most 200 characters.</source>
        <translation type="vanished">Alamat e-mail paling banyak 200 karakter.</translation>
    </message>
    <message>
        <source>The web address must start with http:// or https://.</source>
        <translation type="vanished">Alamat web harus diawali http:// atau https://.</translation>
    </message>
    <message>
        <source>A web address cannot contain spaces.</source>
        <translation type="vanished">Alamat web tidak boleh mengandung spasi.</translation>
    </message>
    <message>
        <source>The web address has no server name (e.g. https://server/112).</source>
        <translation type="vanished">Alamat web tidak memuat nama server (mis. https://server/112).</translation>
    </message>
    <message>
        <source>The port in the web address must be a number from 1 to 65535.</source>
        <translation type="vanished">Port pada alamat web harus angka 1 sampai 65535.</translation>
    </message>
    <message>
        <source>A web address has at most 500 characters.</source>
        <translation type="vanished">Alamat web paling banyak 500 karakter.</translation>
    </message>
    <message>
        <source>WhatsApp numbers must be Indonesian (+62).</source>
        <translation type="vanished">Nomor WhatsApp harus nomor Indonesia (+62).</translation>
    </message>
    <message>
        <source>This is not a valid telephone number (e.g. 0812-3456-7890).</source>
        <translation type="vanished">Ini bukan nomor telepon yang sah (mis. 0812-3456-7890).</translation>
    </message>
    <message>
        <source>2-40 lower-case letters, digits or _ (e.g. damkar).</source>
        <translation type="vanished">2-40 huruf kecil, angka atau _ (mis. damkar).</translation>
    </message>
    <message>
        <source>Enter the agency&apos;s full name (at most 200 characters).</source>
        <translation type="vanished">Isi nama lengkap instansi (paling banyak 200 karakter).</translation>
    </message>
    <message>
        <source>Enter a short name for lists (at most 40 characters).</source>
        <translation type="vanished">Isi nama singkat untuk daftar (paling banyak 40 karakter).</translation>
    </message>
    <message>
        <source>Already used by another entry.</source>
        <translation type="vanished">Sudah dipakai oleh data lain.</translation>
    </message>
    <message>
        <source>A call sign of letters, digits, -, / or . (e.g. DAMKAR-04).</source>
        <translation type="vanished">Kode panggil berupa huruf, angka, -, / atau . (mis. DAMKAR-04).</translation>
    </message>
    <message>
        <source>Choose the unit type.</source>
        <translation type="vanished">Pilih jenis unit.</translation>
    </message>
    <message>
        <source>Choose the agency the unit belongs to.</source>
        <translation type="vanished">Pilih instansi pemilik unit.</translation>
    </message>
    <message>
        <source>Unknown desa/kelurahan.</source>
        <translation type="vanished">Desa/kelurahan tidak dikenal.</translation>
    </message>
    <message>
        <source>Choose at least one agency or unit.</source>
        <translation type="vanished">Pilih setidaknya satu instansi atau unit.</translation>
    </message>
    <message>
        <source>Enter the mail server&apos;s name (e.g. smtp.purwakartakab.go.id).</source>
        <translation type="vanished">Isi nama server e-mail (mis. smtp.purwakartakab.go.id).</translation>
    </message>
    <message>
        <source>A port from 1 to 65535 (587 for STARTTLS, 465 for SSL).</source>
        <translation type="vanished">Port 1 sampai 65535 (587 untuk STARTTLS, 465 untuk SSL).</translation>
    </message>
    <message>
        <source>Choose STARTTLS, SSL or none.</source>
        <translation type="vanished">Pilih STARTTLS, SSL atau tanpa enkripsi.</translation>
    </message>
    <message>
        <source>Enter the sender address (e.g. cc112@purwakartakab.go.id).</source>
        <translation type="vanished">Isi alamat pengirim (mis. cc112@purwakartakab.go.id).</translation>
    </message>
    <message>
        <source>An agency you chose has no e-mail address or webhook; an admin enters it under Agencies. Untick that channel or choose another agency.</source>
        <translation type="vanished">Instansi yang dipilih belum punya alamat e-mail atau webhook; admin mengisinya di menu Instansi. Hapus centang cara kirim itu atau pilih instansi lain.</translation>
    </message>
    <message>
        <source>connection refused: the agency&apos;s server is not listening</source>
        <translation type="vanished">koneksi ditolak: server instansi tidak aktif</translation>
    </message>
    <message>
        <source>no answer from the agency&apos;s server in time</source>
        <translation type="vanished">server instansi tidak menjawab tepat waktu</translation>
    </message>
    <message>
        <source>cannot reach the agency&apos;s server</source>
        <translation type="vanished">server instansi tidak dapat dihubungi</translation>
    </message>
    <message>
        <source>the agency&apos;s server answered with an error (HTTP %1)</source>
        <translation type="vanished">server instansi menjawab dengan galat (HTTP %1)</translation>
    </message>
    <message>
        <source>the mail server refused the SMTP user name or password</source>
        <translation type="vanished">server e-mail menolak nama pengguna atau sandi SMTP</translation>
    </message>
    <message>
        <source>e-mail is not set up: an admin enters the mail server under Settings</source>
        <translation type="vanished">e-mail belum diatur: admin mengisi server e-mail di Pengaturan</translation>
    </message>
    <message>
        <source>no SMTP password is stored; an admin enters it under Settings</source>
        <translation type="vanished">sandi SMTP belum disimpan; admin mengisinya di Pengaturan</translation>
    </message>
    <message>
        <source>the mail server refused the connection</source>
        <translation type="vanished">server e-mail menolak koneksi</translation>
    </message>
    <message>
        <source>cannot reach the server</source>
        <translation type="vanished">server tidak dapat dihubungi</translation>
    </message>
</context>
</TS>
