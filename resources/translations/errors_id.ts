<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Errors</name>
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
        <source>The operator's desk is online again, so the call is not stale.</source>
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
        <source>This dispatch was already updated (perhaps by another desk). Refresh and look again.</source>
        <translation>Penerusan ini sudah diperbarui (mungkin dari meja lain). Muat ulang dan periksa lagi.</translation>
    </message>
    <message>
        <source>Record "acknowledged" before "cleared".</source>
        <translation>Catat "diterima" sebelum "selesai".</translation>
    </message>
    <message>
        <source>A dispatch cannot go back to an earlier status.</source>
        <translation>Status penerusan tidak dapat kembali ke status sebelumnya.</translation>
    </message>
    <message>
        <source>This message was already sent.</source>
        <translation>Pesan ini sudah terkirim.</translation>
    </message>
    <message>
        <source>{unit} is on an open dispatch; record its status on that dispatch instead.</source>
        <translation>{unit} sedang dalam penerusan yang masih terbuka; catat statusnya pada penerusan itu.</translation>
    </message>
    <message>
        <source>{name} has history (units or dispatches), so it cannot be deleted; untick "Active" instead.</source>
        <translation>{name} memiliki riwayat (unit atau penerusan), jadi tidak dapat dihapus; hilangkan centang "Aktif" saja.</translation>
    </message>
    <message>
        <source>The username {username} is already taken.</source>
        <translation>Nama pengguna {username} sudah dipakai.</translation>
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
        <source>Operators already exist; an admin creates further accounts.</source>
        <translation>Operator sudah ada; akun berikutnya dibuat oleh admin.</translation>
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
        <source>The database cannot be reached. Nothing you typed is lost; try again in a moment. ({detail})</source>
        <translation>Basis data tidak dapat dihubungi. Tidak ada isian yang hilang; coba lagi sebentar lagi. ({detail})</translation>
    </message>
    <message>
        <source>The database was written by a newer Konsol 112 (schema {database}; this program knows {program}). Install the newer Konsol 112 on this PC; nothing was changed.</source>
        <translation>Basis data ditulis oleh Konsol 112 yang lebih baru (skema {database}; program ini mengenal {program}). Pasang Konsol 112 yang lebih baru di PC ini; tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>The database is at an older schema ({database}) than this program ({program}). An admin runs 'db upgrade' first.</source>
        <translation>Skema basis data ({database}) lebih lama daripada program ini ({program}). Admin menjalankan 'db upgrade' terlebih dahulu.</translation>
    </message>
    <message>
        <source>The database has no Konsol 112 tables yet.</source>
        <translation>Basis data belum memiliki tabel Konsol 112.</translation>
    </message>
    <message>
        <source>The database holds tables that are not Konsol 112's; choose another database.</source>
        <translation>Basis data berisi tabel yang bukan milik Konsol 112; pilih basis data lain.</translation>
    </message>
    <message>
        <source>The reference data (areas, categories) is missing; an admin runs 'db upgrade'.</source>
        <translation>Data referensi (wilayah, kategori) belum ada; admin menjalankan 'db upgrade'.</translation>
    </message>
    <message>
        <source>The local spool file cannot be written: {detail}</source>
        <translation>Berkas spool lokal tidak dapat ditulis: {detail}</translation>
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
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>system</source>
        <translation>sistem</translation>
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
        <source>Another console already works as desk {desk}. Two consoles cannot share a desk: give this one another name under Settings, or close the other console.</source>
        <translation>Konsol lain sudah bekerja sebagai meja {desk}. Dua konsol tidak dapat memakai satu meja: beri konsol ini nama lain di Pengaturan, atau tutup konsol yang lain.</translation>
    </message>
</context>
</TS>
