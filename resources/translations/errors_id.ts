<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
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
        <source>write the handover note (write &apos;nihil&apos; if nothing is open)</source>
        <translation>tuliskan catatan serah terima (tulis &apos;nihil&apos; bila tidak ada yang terbuka)</translation>
    </message>
    <message>
        <source>give the source a name (for example &apos;Line 112 modem&apos;)</source>
        <translation>beri nama sumber (mis. &apos;Modem saluran 112&apos;)</translation>
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
        <source>unknown caller-ID source scheme &apos;%1&apos; in &apos;%2&apos;; use serial, tcp, udp, ami, sim or a pyserial URL such as rfc2217://</source>
        <translation>skema sumber caller ID &apos;%1&apos; pada &apos;%2&apos; tidak dikenal; gunakan serial, tcp, udp, ami, sim, atau URL pyserial seperti rfc2217://</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a caller-ID source URL (for example serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, ami://user:secret@host, sim://)</source>
        <translation>&apos;%1&apos; bukan URL sumber caller ID (contoh: serial://COM3, tcp://host:3333, udp://0.0.0.0:3520, ami://user:rahasia@host, sim://)</translation>
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
        <source>unknown status %1</source>
        <translation>status %1 tidak dikenal</translation>
    </message>
    <message>
        <source>a desk name of 1 to %1 characters</source>
        <translation>nama meja 1 sampai %1 karakter</translation>
    </message>
    <message>
        <source>a desk name of 1 to %1 printable characters</source>
        <translation>nama meja 1 sampai %1 karakter yang dapat dicetak</translation>
    </message>
    <message>
        <source>dates run from %1 to %2</source>
        <translation>tanggal berlaku dari %1 sampai %2</translation>
    </message>
    <message>
        <source>a report covers at most %1 days</source>
        <translation>satu laporan mencakup paling banyak %1 hari</translation>
    </message>
    <message>
        <source>the %1 shift of %2 has not started yet (it starts %3 WIB)</source>
        <translation>shift %1 tanggal %2 belum dimulai (mulai %3 WIB)</translation>
    </message>
    <message>
        <source>%1 is out of range</source>
        <translation>%1 di luar rentang</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>salah satu dari %1</translation>
    </message>
    <message>
        <source>set only available or out of service by hand; dispatch statuses come from the dispatch timeline</source>
        <translation>hanya status tersedia atau tidak beroperasi yang diatur manual; status penugasan berasal dari linimasa pengiriman</translation>
    </message>
    <message>
        <source>choose a password other than the one you were given</source>
        <translation>pilih kata sandi yang berbeda dari yang diberikan kepada Anda</translation>
    </message>
    <message>
        <source>must be after the start</source>
        <translation>harus sesudah waktu mulai</translation>
    </message>
    <message>
        <source>the end date is before the start date</source>
        <translation>tanggal akhir sebelum tanggal mulai</translation>
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
<context>
    <name>Errors</name>
    <message>
        <source>choose a category</source>
        <translation>pilih kategori</translation>
    </message>
    <message>
        <source>P1, P2, P3 or P4</source>
        <translation>P1, P2, P3 atau P4</translation>
    </message>
    <message>
        <source>describe what happened</source>
        <translation>tuliskan apa yang terjadi</translation>
    </message>
    <message>
        <source>give the kecamatan (or at least an address)</source>
        <translation>isi kecamatan (atau setidaknya alamat)</translation>
    </message>
    <message>
        <source>unknown kecamatan: pick one from the list</source>
        <translation>kecamatan tidak dikenal: pilih dari daftar</translation>
    </message>
    <message>
        <source>unknown desa/kelurahan: pick one from the list</source>
        <translation>desa/kelurahan tidak dikenal: pilih dari daftar</translation>
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
        <source>latitude must be between -90 and 90</source>
        <translation>lintang harus antara -90 dan 90</translation>
    </message>
    <message>
        <source>longitude must be between -180 and 180</source>
        <translation>bujur harus antara -180 dan 180</translation>
    </message>
    <message>
        <source>not a valid telephone number</source>
        <translation>bukan nomor telepon yang sah</translation>
    </message>
    <message>
        <source>too long: at most {limit} characters (now {count})</source>
        <translation>terlalu panjang: paling banyak {limit} karakter (sekarang {count})</translation>
    </message>
    <message>
        <source>{operator} already answered this call.</source>
        <translation>{operator} sudah mengangkat panggilan ini.</translation>
    </message>
    <message>
        <source>This call is no longer ringing.</source>
        <translation>Panggilan ini sudah tidak berdering.</translation>
    </message>
    <message>
        <source>Another operator is handling this call.</source>
        <translation>Operator lain sedang menangani panggilan ini.</translation>
    </message>
    <message>
        <source>Only a missed call can be called back.</source>
        <translation>Hanya panggilan tak terjawab yang dapat ditelepon balik.</translation>
    </message>
    <message>
        <source>Nobody holds this call any more; the board has been refreshed.</source>
        <translation>Panggilan ini sudah tidak dipegang siapa pun; papan sudah dimuat ulang.</translation>
    </message>
    <message>
        <source>The operator&apos;s desk is online again, so the call is not stale.</source>
        <translation>Meja operator sudah aktif lagi, jadi panggilan ini tidak macet.</translation>
    </message>
    <message>
        <source>Incident {number} is closed; a supervisor reopens it before it can be forwarded.</source>
        <translation>Kejadian {number} sudah ditutup; supervisor membukanya kembali sebelum dapat diteruskan.</translation>
    </message>
    <message>
        <source>Incident {number} is closed and cannot be edited; a supervisor reopens it first.</source>
        <translation>Kejadian {number} sudah ditutup dan tidak dapat diubah; supervisor membukanya kembali terlebih dahulu.</translation>
    </message>
    <message>
        <source>Incident {number} was changed on another desk after you opened it. Look at the new version, then save again.</source>
        <translation>Kejadian {number} diubah di meja lain setelah Anda membukanya. Periksa versi terbaru, lalu simpan lagi.</translation>
    </message>
    <message>
        <source>Incident {number} is already closed.</source>
        <translation>Kejadian {number} sudah ditutup.</translation>
    </message>
    <message>
        <source>Incident {number} is not closed.</source>
        <translation>Kejadian {number} belum ditutup.</translation>
    </message>
    <message>
        <source>This dispatch was already updated (perhaps by another desk). Refresh and look again.</source>
        <translation>Penugasan ini sudah diperbarui (mungkin dari meja lain). Muat ulang dan periksa lagi.</translation>
    </message>
    <message>
        <source>Record &quot;acknowledged&quot; before &quot;cleared&quot;.</source>
        <translation>Catat &quot;diterima&quot; sebelum &quot;selesai&quot;.</translation>
    </message>
    <message>
        <source>A dispatch cannot go back to an earlier status.</source>
        <translation>Status penugasan tidak dapat kembali ke status sebelumnya.</translation>
    </message>
    <message>
        <source>This message was already sent.</source>
        <translation>Pesan ini sudah terkirim.</translation>
    </message>
    <message>
        <source>{unit} is on an open dispatch; record its status on that dispatch instead.</source>
        <translation>{unit} sedang dalam penugasan yang masih terbuka; catat statusnya pada penugasan itu.</translation>
    </message>
    <message>
        <source>{name} has history (units or dispatches), so it cannot be deleted; untick &quot;Active&quot; instead.</source>
        <translation>{name} memiliki riwayat (unit atau penugasan), jadi tidak dapat dihapus; hilangkan centang &quot;Aktif&quot; saja.</translation>
    </message>
    <message>
        <source>The username {username} is already taken.</source>
        <translation>Nama pengguna {username} sudah dipakai.</translation>
    </message>
    <message>
        <source>Operators already exist; an admin creates further accounts.</source>
        <translation>Operator sudah ada; akun berikutnya dibuat oleh admin.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>Anda tidak dapat menonaktifkan akun Anda sendiri.</translation>
    </message>
    <message>
        <source>This is the last active admin: make another account admin before deactivating this one.</source>
        <translation>Ini admin aktif terakhir: jadikan akun lain admin sebelum menonaktifkan akun ini.</translation>
    </message>
    <message>
        <source>Another console already works as desk {desk}. Two consoles cannot share a desk: give this one another name under Settings, or close the other console.</source>
        <translation>Konsol lain sudah bekerja sebagai meja {desk}. Dua konsol tidak dapat memakai satu meja: beri konsol ini nama lain di Pengaturan, atau tutup konsol yang lain.</translation>
    </message>
    <message>
        <source>This shift session belongs to another operator.</source>
        <translation>Sesi shift ini milik operator lain.</translation>
    </message>
    <message>
        <source>This shift session has already ended.</source>
        <translation>Sesi shift ini sudah berakhir.</translation>
    </message>
    <message>
        <source>The database cannot be reached. Nothing you typed is lost; try again in a moment. ({detail})</source>
        <translation>Basis data tidak dapat dihubungi. Tidak ada isian yang hilang; coba lagi sebentar lagi. ({detail})</translation>
    </message>
    <message>
        <source>The database is switching to its standby server. Nothing you did is lost: it is kept on this desk and saved when the database is back, in a few seconds.</source>
        <translation>Basis data sedang berpindah ke server cadangannya. Tidak ada pekerjaan yang hilang: disimpan di meja ini dan dikirim begitu basis data kembali, dalam beberapa detik.</translation>
    </message>
    <message>
        <source>The database address cannot be used: {detail}</source>
        <translation>Alamat basis data tidak dapat dipakai: {detail}</translation>
    </message>
    <message>
        <source>This desk cannot write its journal, so work done while the database is away is at risk: {detail}</source>
        <translation>Meja ini tidak dapat menulis jurnalnya, sehingga pekerjaan selama basis data tidak tersedia terancam hilang: {detail}</translation>
    </message>
    <message>
        <source>The database was written by a newer Konsol 112 (schema {database}; this program knows {program}). Install the newer Konsol 112 on this PC; nothing was changed.</source>
        <translation>Basis data ditulis oleh Konsol 112 yang lebih baru (skema {database}; program ini mengenal {program}). Pasang Konsol 112 yang lebih baru di PC ini; tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>The database is at an older schema ({database}) than this program ({program}). An admin runs &apos;db upgrade&apos; first.</source>
        <translation>Skema basis data ({database}) lebih lama daripada program ini ({program}). Admin menjalankan &apos;db upgrade&apos; terlebih dahulu.</translation>
    </message>
    <message>
        <source>The database has no Konsol 112 tables yet.</source>
        <translation>Basis data belum memiliki tabel Konsol 112.</translation>
    </message>
    <message>
        <source>The database is not ready for Konsol 112: {detail}</source>
        <translation>Basis data belum siap untuk Konsol 112: {detail}</translation>
    </message>
    <message>
        <source>The demo history of seed {seed} is already in this database.</source>
        <translation>Riwayat demo dengan seed {seed} sudah ada di basis data ini.</translation>
    </message>
    <message>
        <source>The database holds tables that are not Konsol 112&apos;s; choose another database.</source>
        <translation>Basis data berisi tabel yang bukan milik Konsol 112; pilih basis data lain.</translation>
    </message>
    <message>
        <source>The reference data (areas, categories) is missing; an admin runs &apos;db upgrade&apos;.</source>
        <translation>Data referensi (wilayah, kategori) belum ada; admin menjalankan &apos;db upgrade&apos;.</translation>
    </message>
    <message>
        <source>The local spool file cannot be written: {detail}</source>
        <translation>Berkas spool lokal tidak dapat ditulis: {detail}</translation>
    </message>
    <message>
        <source>There is no database at {path}. An admin creates it with &apos;db upgrade&apos;.</source>
        <translation>Tidak ada basis data di {path}. Admin membuatnya dengan &apos;db upgrade&apos;.</translation>
    </message>
    <message>
        <source>Konsol 112 works with SQLite and PostgreSQL databases, not {backend}.</source>
        <translation>Konsol 112 bekerja dengan basis data SQLite dan PostgreSQL, bukan {backend}.</translation>
    </message>
    <message>
        <source>The database driver {driver} is not installed; use postgresql+psycopg:// (installed with Konsol 112).</source>
        <translation>Driver basis data {driver} tidak terpasang; gunakan postgresql+psycopg:// (terpasang bersama Konsol 112).</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} adalah folder, bukan berkas basis data.</translation>
    </message>
    <message>
        <source>{path} is not a SQLite database file.</source>
        <translation>{path} bukan berkas basis data SQLite.</translation>
    </message>
    <message>
        <source>The password of {username} was given to the account and must be changed at this login.</source>
        <translation>Kata sandi {username} diberikan untuk akun ini dan harus diganti saat masuk kali ini.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Kata sandi saat ini salah.</translation>
    </message>
    <message>
        <source>This account has been deactivated. Ask an admin.</source>
        <translation>Akun ini sudah dinonaktifkan. Hubungi admin.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until {time} WIB (about {minutes} min). Wait, or ask an admin to reset the password.</source>
        <translation>Terlalu banyak kata sandi salah: akun ini dikunci sampai pukul {time} WIB (sekitar {minutes} menit). Tunggu, atau minta admin mengatur ulang kata sandi.</translation>
    </message>
    <message>
        <source>Not a phone location message (AML): {reason}</source>
        <translation>Bukan pesan lokasi HP (AML): {reason}</translation>
    </message>
    <message>
        <source>The SMS from the GSM modem cannot be read: {reason}</source>
        <translation>SMS dari modem GSM tidak dapat dibaca: {reason}</translation>
    </message>
    <message>
        <source>Not a phone location sent by HTTPS: {reason}</source>
        <translation>Bukan lokasi HP yang dikirim lewat HTTPS: {reason}</translation>
    </message>
    <message>
        <source>This phone location is already attached to call {call_id}.</source>
        <translation>Lokasi HP ini sudah terpasang pada panggilan {call_id}.</translation>
    </message>
    <message>
        <source>The phone sent no position (no fix): there is nothing to put into the incident.</source>
        <translation>HP tidak mengirim posisi (tanpa fix): tidak ada yang bisa dimasukkan ke kejadian.</translation>
    </message>
    <message>
        <source>Your role ({role}) is not allowed to do this.</source>
        <translation>Peran Anda ({role}) tidak diizinkan melakukan ini.</translation>
    </message>
    <message>
        <source>It no longer exists; someone may have removed it. Refresh and try again.</source>
        <translation>Data ini sudah tidak ada; mungkin dihapus orang lain. Muat ulang lalu coba lagi.</translation>
    </message>
    <message>
        <source>Someone else changed this first: {detail}</source>
        <translation>Orang lain sudah mengubahnya lebih dulu: {detail}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>Not a coordinate: {detail}</source>
        <translation>Bukan koordinat: {detail}</translation>
    </message>
    <message>
        <source>Something went wrong ({detail}). Try again; if it happens again, tell the technician (the log file is named in the key list, F1).</source>
        <translation>Terjadi kesalahan ({detail}). Coba lagi; bila terulang, beri tahu teknisi (nama berkas log ada di daftar tombol, F1).</translation>
    </message>
    <message>
        <source>The file cannot be written: {detail}</source>
        <translation>Berkas tidak dapat ditulis: {detail}</translation>
    </message>
    <message>
        <source>another desk</source>
        <translation>meja lain</translation>
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
        <source>Latitude</source>
        <translation>Lintang</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Bujur</translation>
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
        <source>Disposition</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Jam</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation>Catatan serah terima</translation>
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
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Nama singkat</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Alamat webhook</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Call sign</source>
        <translation>Kode panggil</translation>
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
        <source>Home base</source>
        <translation>Pos induk</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Cara kirim</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Enkripsi</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Alamat pengirim</translation>
    </message>
    <message>
        <source>This is not an e-mail address (name@domain, e.g. damkar@purwakartakab.go.id).</source>
        <translation>Ini bukan alamat e-mail (nama@domain, mis. damkar@purwakartakab.go.id).</translation>
    </message>
    <message>
        <source>An e-mail address has at most 200 characters.</source>
        <translation>Alamat e-mail paling banyak 200 karakter.</translation>
    </message>
    <message>
        <source>The web address must start with http:// or https://.</source>
        <translation>Alamat web harus diawali http:// atau https://.</translation>
    </message>
    <message>
        <source>A web address cannot contain spaces.</source>
        <translation>Alamat web tidak boleh mengandung spasi.</translation>
    </message>
    <message>
        <source>The web address has no server name (e.g. https://server/112).</source>
        <translation>Alamat web tidak memuat nama server (mis. https://server/112).</translation>
    </message>
    <message>
        <source>The port in the web address must be a number from 1 to 65535.</source>
        <translation>Port pada alamat web harus angka 1 sampai 65535.</translation>
    </message>
    <message>
        <source>A web address has at most 500 characters.</source>
        <translation>Alamat web paling banyak 500 karakter.</translation>
    </message>
    <message>
        <source>WhatsApp numbers must be Indonesian (+62).</source>
        <translation>Nomor WhatsApp harus nomor Indonesia (+62).</translation>
    </message>
    <message>
        <source>This is not a valid telephone number (e.g. 0812-3456-7890).</source>
        <translation>Ini bukan nomor telepon yang sah (mis. 0812-3456-7890).</translation>
    </message>
    <message>
        <source>2-40 lower-case letters, digits or _ (e.g. damkar).</source>
        <translation>2-40 huruf kecil, angka atau _ (mis. damkar).</translation>
    </message>
    <message>
        <source>Enter the agency&apos;s full name (at most 200 characters).</source>
        <translation>Isi nama lengkap instansi (paling banyak 200 karakter).</translation>
    </message>
    <message>
        <source>Enter a short name for lists (at most 40 characters).</source>
        <translation>Isi nama singkat untuk daftar (paling banyak 40 karakter).</translation>
    </message>
    <message>
        <source>Already used by another entry.</source>
        <translation>Sudah dipakai oleh data lain.</translation>
    </message>
    <message>
        <source>A call sign of letters, digits, -, / or . (e.g. DAMKAR-04).</source>
        <translation>Kode panggil berupa huruf, angka, -, / atau . (mis. DAMKAR-04).</translation>
    </message>
    <message>
        <source>Choose the unit type.</source>
        <translation>Pilih jenis unit.</translation>
    </message>
    <message>
        <source>Choose the agency the unit belongs to.</source>
        <translation>Pilih instansi pemilik unit.</translation>
    </message>
    <message>
        <source>Unknown desa/kelurahan.</source>
        <translation>Desa/kelurahan tidak dikenal.</translation>
    </message>
    <message>
        <source>Choose at least one agency or unit.</source>
        <translation>Pilih setidaknya satu instansi atau unit.</translation>
    </message>
    <message>
        <source>Enter the mail server&apos;s name (e.g. smtp.purwakartakab.go.id).</source>
        <translation>Isi nama server e-mail (mis. smtp.purwakartakab.go.id).</translation>
    </message>
    <message>
        <source>A port from 1 to 65535 (587 for STARTTLS, 465 for SSL).</source>
        <translation>Port 1 sampai 65535 (587 untuk STARTTLS, 465 untuk SSL).</translation>
    </message>
    <message>
        <source>Choose STARTTLS, SSL or none.</source>
        <translation>Pilih STARTTLS, SSL atau tanpa enkripsi.</translation>
    </message>
    <message>
        <source>Enter the sender address (e.g. cc112@purwakartakab.go.id).</source>
        <translation>Isi alamat pengirim (mis. cc112@purwakartakab.go.id).</translation>
    </message>
    <message>
        <source>An agency you chose has no e-mail address or webhook; an admin enters it under Agencies. Untick that channel or choose another agency.</source>
        <translation>Instansi yang dipilih belum punya alamat e-mail atau webhook; admin mengisinya di menu Instansi. Hapus centang cara kirim itu atau pilih instansi lain.</translation>
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
</context>
</TS>
