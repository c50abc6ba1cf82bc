<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name></name>
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
        <source>Operators and passwords</source>
        <translation>Operator dan kata sandi</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Terakhir masuk</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Akun baru</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Atur ulang kata sandi</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Buka kunci</translation>
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
        <source>active</source>
        <translation>aktif</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>nonaktif</translation>
    </message>
    <message>
        <source>locked until {time}</source>
        <translation>terkunci sampai {time}</translation>
    </message>
    <message>
        <source>must change the password at the next login</source>
        <translation>wajib mengganti kata sandi saat masuk berikutnya</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktifkan</translation>
    </message>
    <message>
        <source>{name} can log in again.</source>
        <translation>{name} dapat masuk lagi.</translation>
    </message>
    <message>
        <source>{name} is deactivated and cannot log in (Ctrl+D activates the account again).</source>
        <translation>{name} dinonaktifkan dan tidak dapat masuk (Ctrl+D mengaktifkan akun lagi).</translation>
    </message>
    <message>
        <source>{name} is unlocked and may log in now.</source>
        <translation>Kunci {name} sudah dibuka; {name} dapat masuk sekarang.</translation>
    </message>
    <message>
        <source>New password for {name}</source>
        <translation>Kata sandi baru untuk {name}</translation>
    </message>
    <message>
        <source>New password for {name}: {password}. Tell it to {name}: it must be changed at the next login.</source>
        <translation>Kata sandi baru untuk {name}: {password}. Sampaikan kepada {name}: kata sandi ini wajib diganti saat masuk berikutnya.</translation>
    </message>
    <message>
        <source>Account {name} created.</source>
        <translation>Akun {name} dibuat.</translation>
    </message>
    <message>
        <source>Its password: {password}; it must be changed at the first login.</source>
        <translation>Kata sandinya: {password}; wajib diganti saat pertama kali masuk.</translation>
    </message>
    <message>
        <source>The owner must replace this password at the next login. Change it here if you like (at least {count} characters).</source>
        <translation>Pemilik akun wajib mengganti kata sandi ini saat masuk berikutnya. Boleh diubah di sini (paling sedikit {count} karakter).</translation>
    </message>
    <message>
        <source>The password needs at least {count} characters.</source>
        <translation>Kata sandi minimal {count} karakter.</translation>
    </message>
    <message>
        <source>e.g. siti.r (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;)</source>
        <translation>mis. siti.r (huruf, angka, &apos;.&apos;, &apos;_&apos; atau &apos;-&apos;)</translation>
    </message>
    <message>
        <source>Must choose a new password at the first login</source>
        <translation>Wajib memilih kata sandi baru saat pertama kali masuk</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nama lengkap</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Buat akun</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Categories and questions</source>
        <translation>Kategori dan pertanyaan</translation>
    </message>
    <message>
        <source>The operator sees these questions beside the description when this category is chosen; the answers are printed on the dispatch slip. Empty a line to remove its question; Alt+Up and Alt+Down move a question.</source>
        <translation>Operator melihat pertanyaan ini di samping uraian saat kategori ini dipilih; jawabannya dicetak pada slip penugasan. Kosongkan baris untuk menghapus pertanyaannya; Alt+Atas dan Alt+Bawah memindahkan pertanyaan.</translation>
    </message>
    <message>
        <source>Question (Indonesian)</source>
        <translation>Pertanyaan (bahasa Indonesia)</translation>
    </message>
    <message>
        <source>In English (optional)</source>
        <translation>Dalam bahasa Inggris (opsional)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Simpan (Ctrl+S)</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>nonaktif</translation>
    </message>
    <message>
        <source>The questions of {name} are not saved. Save them now?</source>
        <translation>Pertanyaan untuk {name} belum disimpan. Simpan sekarang?</translation>
    </message>
    <message>
        <source>Saved: {name}. Every desk asks these questions from its next incident.</source>
        <translation>Tersimpan: {name}. Semua meja memakai pertanyaan ini mulai kejadian berikutnya.</translation>
    </message>
    <message>
        <source>Not saved: see the lines marked in red.</source>
        <translation>Belum tersimpan: lihat baris yang bertanda merah.</translation>
    </message>
    <message>
        <source>A real report: open an incident or link to one</source>
        <translation>Laporan sungguhan: buat kejadian atau gabungkan ke kejadian</translation>
    </message>
    <message>
        <source>Caller asked for information: close the call</source>
        <translation>Penelepon meminta informasi: tutup panggilan</translation>
    </message>
    <message>
        <source>Prank call: close the call and count it against the number</source>
        <translation>Panggilan prank: tutup panggilan dan catat pada nomor ini</translation>
    </message>
    <message>
        <source>Silent or ghost call: close the call and count it</source>
        <translation>Panggilan diam/ghost: tutup panggilan dan catat</translation>
    </message>
    <message>
        <source>Wrong number: close the call</source>
        <translation>Salah sambung: tutup panggilan</translation>
    </message>
    <message>
        <source>Test call: close the call</source>
        <translation>Panggilan tes: tutup panggilan</translation>
    </message>
    <message>
        <source>Call in progress</source>
        <translation>Panggilan berlangsung</translation>
    </message>
    <message>
        <source>Time since you answered the call</source>
        <translation>Waktu sejak Anda mengangkat panggilan</translation>
    </message>
    <message>
        <source>Caller history</source>
        <translation>Riwayat penelepon</translation>
    </message>
    <message>
        <source>All calls and incidents from this number</source>
        <translation>Semua panggilan dan kejadian dari nomor ini</translation>
    </message>
    <message>
        <source>The caller has hung up. Classify the call, or open the incident with what you know.</source>
        <translation>Penelepon sudah menutup telepon. Golongkan panggilan ini, atau buat kejadian dengan informasi yang ada.</translation>
    </message>
    <message>
        <source>What kind of call is this?</source>
        <translation>Panggilan jenis apa ini?</translation>
    </message>
    <message>
        <source>received {time} WIB</source>
        <translation>masuk {time} WIB</translation>
    </message>
    <message>
        <source>talking {time}</source>
        <translation>bicara {time}</translation>
    </message>
    <message>
        <source>Preparing the demo ...</source>
        <translation>Menyiapkan demo ...</translation>
    </message>
    <message>
        <source>Opening the database ...</source>
        <translation>Membuka basis data ...</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Terjadi kesalahan</translation>
    </message>
    <message>
        <source>Konsol 112 met an error it did not expect ({summary}). Calls are still being recorded. If something looks wrong, finish the call in hand and restart the console. The details are in the log file for the technician:
{path}</source>
        <translation>Konsol 112 mengalami kesalahan yang tidak terduga ({summary}). Panggilan tetap tercatat. Bila ada yang tampak salah, selesaikan panggilan yang sedang ditangani lalu mulai ulang konsol. Rinciannya ada di berkas log untuk teknisi:
{path}</translation>
    </message>
    <message>
        <source>Finish the call in hand first; then change the language.</source>
        <translation>Selesaikan dulu panggilan ini, lalu ganti bahasa.</translation>
    </message>
    <message>
        <source>Demo accounts: {operator} (operator), {supervisor} (supervisor) and {admin} (admin); the password of each is {password}.</source>
        <translation>Akun demo: {operator} (operator), {supervisor} (supervisor) dan {admin} (admin); kata sandi masing-masing {password}.</translation>
    </message>
    <message>
        <source>Creating the demo database ...</source>
        <translation>Membuat basis data demo ...</translation>
    </message>
    <message>
        <source>Adding three days of demo history ...</source>
        <translation>Menambahkan riwayat demo tiga hari ...</translation>
    </message>
    <message>
        <source>Konsol 112 is too old for this database</source>
        <translation>Konsol 112 ini terlalu lama untuk basis data ini</translation>
    </message>
    <message>
        <source>The database is empty</source>
        <translation>Basis data masih kosong</translation>
    </message>
    <message>
        <source>The database {db} has no Konsol 112 tables yet. Set it up now?</source>
        <translation>Basis data {db} belum berisi tabel Konsol 112. Siapkan sekarang?</translation>
    </message>
    <message>
        <source>The database is not ready</source>
        <translation>Basis data belum siap</translation>
    </message>
    <message>
        <source>The database {db} cannot be used as it is: {detail}.</source>
        <translation>Basis data {db} tidak dapat dipakai dalam keadaan ini: {detail}.</translation>
    </message>
    <message>
        <source>The database cannot be reached</source>
        <translation>Basis data tidak dapat dihubungi</translation>
    </message>
    <message>
        <source>Konsol 112 cannot open the database {db}: {detail}. Check the network cable or the server, then start Konsol 112 again.</source>
        <translation>Konsol 112 tidak dapat membuka basis data {db}: {detail}. Periksa kabel jaringan atau server, lalu jalankan Konsol 112 lagi.</translation>
    </message>
    <message>
        <source>Konsol 112 cannot use the database address {db}: {detail}</source>
        <translation>Konsol 112 tidak dapat memakai alamat basis data {db}: {detail}</translation>
    </message>
    <message>
        <source>There is no database yet</source>
        <translation>Belum ada database</translation>
    </message>
    <message>
        <source>There is no Konsol 112 database at {db}. Create a new, empty one there now?</source>
        <translation>Belum ada database Konsol 112 di {db}. Buat database baru yang kosong di sana sekarang?</translation>
    </message>
    <message>
        <source>Answer the oldest ringing call</source>
        <translation>Angkat panggilan tertua yang berdering</translation>
    </message>
    <message>
        <source>Answer, while the ringing banner has focus</source>
        <translation>Angkat, saat panel panggilan masuk terpilih</translation>
    </message>
    <message>
        <source>Classify the call: {type}</source>
        <translation>Golongkan panggilan: {type}</translation>
    </message>
    <message>
        <source>Save the incident</source>
        <translation>Simpan kejadian</translation>
    </message>
    <message>
        <source>Link the call to the selected open incident</source>
        <translation>Gabungkan panggilan ke kejadian terbuka yang dipilih</translation>
    </message>
    <message>
        <source>New report that did not come by telephone</source>
        <translation>Laporan baru yang tidak datang lewat telepon</translation>
    </message>
    <message>
        <source>Back: leave the incident form or the report</source>
        <translation>Kembali: tinggalkan formulir kejadian atau laporan</translation>
    </message>
    <message>
        <source>Show or hide this list of keys</source>
        <translation>Tampilkan atau sembunyikan daftar tombol ini</translation>
    </message>
    <message>
        <source>Log file (for the technician): {path}</source>
        <translation>Berkas log (untuk teknisi): {path}</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <source>Lock the console now (your password unlocks it)</source>
        <translation>Kunci konsol sekarang (kata sandi Anda membukanya)</translation>
    </message>
    <message>
        <source>Accounts and passwords (Ctrl+Shift+O) are for admins; ask an admin to create an account or reset a password.</source>
        <translation>Akun dan kata sandi (Ctrl+Shift+O) khusus untuk admin; minta admin membuat akun atau mengatur ulang kata sandi.</translation>
    </message>
    <message>
        <source>The categories&apos; questions (Ctrl+Shift+K) are for admins.</source>
        <translation>Pertanyaan kategori (Ctrl+Shift+K) khusus untuk admin.</translation>
    </message>
    <message>
        <source>Settings: language, caller-ID sources</source>
        <translation>Pengaturan: bahasa, sumber caller ID</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>E-mail server</source>
        <translation>Server e-mail</translation>
    </message>
    <message>
        <source>Settings; the arrow opens the admin menu: operators, categories and questions, agencies, units, e-mail server</source>
        <translation>Pengaturan; panah membuka menu admin: operator, kategori dan pertanyaan, instansi, unit, server e-mail</translation>
    </message>
    <message>
        <source>Admin: operators (create, deactivate, reset a password, unlock)</source>
        <translation>Admin: operator (buat, nonaktifkan, atur ulang kata sandi, buka kunci)</translation>
    </message>
    <message>
        <source>Admin: categories and the questions asked for each</source>
        <translation>Admin: kategori dan pertanyaan untuk masing-masing</translation>
    </message>
    <message>
        <source>The database is away: it is kept on this desk and sent when the database is back.</source>
        <translation>Basis data tidak terjangkau: data ini disimpan di meja ini dan dikirim saat basis data kembali.</translation>
    </message>
    <message>
        <source>Call from {number}: choose its type - F5 Normal (an incident), F6-F10 close the call; F3 the caller&apos;s history.</source>
        <translation>Panggilan dari {number}: pilih jenisnya - F5 Normal (buat kejadian), F6-F10 tutup panggilan; F3 riwayat penelepon.</translation>
    </message>
    <message>
        <source>Incident for {number}: category, kecamatan, description; Ctrl+S saves, Ctrl+G links, Esc goes back.</source>
        <translation>Kejadian untuk {number}: isi kategori, kecamatan, uraian; Ctrl+S simpan, Ctrl+G gabungkan, Esc kembali.</translation>
    </message>
    <message>
        <source>New report without a call: category, kecamatan, description; Ctrl+S saves, Esc cancels.</source>
        <translation>Laporan baru tanpa panggilan: isi kategori, kecamatan, uraian; Ctrl+S simpan, Esc batal.</translation>
    </message>
    <message>
        <source>Ready for calls: F2 answers the oldest ringing call; Ctrl+N enters a report that came another way.</source>
        <translation>Siap menerima panggilan: F2 mengangkat panggilan tertua yang berdering; Ctrl+N untuk laporan yang masuk lewat kanal lain.</translation>
    </message>
    <message>
        <source>Finish the call in hand first (F5-F10), then answer the next one.</source>
        <translation>Selesaikan dulu panggilan ini (F5-F10), lalu angkat yang berikutnya.</translation>
    </message>
    <message>
        <source>Save or cancel (Esc) the report first, then answer.</source>
        <translation>Simpan atau batalkan (Esc) laporan dulu, lalu angkat.</translation>
    </message>
    <message>
        <source>You answered {number} while the database is away: what you do is kept on this desk.</source>
        <translation>Anda mengangkat {number} saat basis data tidak terjangkau: semua yang Anda lakukan disimpan di meja ini.</translation>
    </message>
    <message>
        <source>No call is ringing.</source>
        <translation>Tidak ada panggilan yang berdering.</translation>
    </message>
    <message>
        <source>Call from {number} closed as {type}.</source>
        <translation>Panggilan dari {number} ditutup sebagai {type}.</translation>
    </message>
    <message>
        <source>Finish the call in hand first.</source>
        <translation>Selesaikan dulu panggilan ini.</translation>
    </message>
    <message>
        <source>Incident kept on this desk.</source>
        <translation>Kejadian disimpan di meja ini.</translation>
    </message>
    <message>
        <source>Incident {number} saved.</source>
        <translation>Kejadian {number} tersimpan.</translation>
    </message>
    <message>
        <source>F4: forward it to the agencies.</source>
        <translation>F4: teruskan ke instansi.</translation>
    </message>
    <message>
        <source>Call linked to incident {number}.</source>
        <translation>Panggilan digabungkan ke kejadian {number}.</translation>
    </message>
    <message>
        <source>Finish the call in hand first; the unfinished incident is kept.</source>
        <translation>Selesaikan dulu panggilan yang sedang ditangani; kejadian yang belum selesai tetap disimpan.</translation>
    </message>
    <message>
        <source>The unfinished incident is back in the form. Check it, then save (Ctrl+S).</source>
        <translation>Kejadian yang belum selesai kembali di formulir. Periksa, lalu simpan (Ctrl+S).</translation>
    </message>
    <message>
        <source>The draft could not be saved on this PC ({detail}); finish the form soon.</source>
        <translation>Draf tidak dapat disimpan di PC ini ({detail}); segera selesaikan formulir.</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(tanpa uraian)</translation>
    </message>
    <message>
        <source>Unfinished incident</source>
        <translation>Kejadian belum selesai</translation>
    </message>
    <message>
        <source>An incident form was not finished when the console last closed ({time} WIB):

{preview}

Restore it now?</source>
        <translation>Formulir kejadian belum selesai saat konsol terakhir ditutup ({time} WIB):

{preview}

Pulihkan sekarang?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Pulihkan</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Wrong password. Only {name} can unlock; someone else logs {name} out.</source>
        <translation>Kata sandi salah. Hanya {name} yang dapat membuka; operator lain dapat mengeluarkan {name}.</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Peta</translation>
    </message>
    <message>
        <source>Show the map of Purwakarta</source>
        <translation>Tampilkan peta Purwakarta</translation>
    </message>
    <message>
        <source>Desa {desa}, Kec. {kecamatan}.</source>
        <translation>Desa {desa}, Kec. {kecamatan}.</translation>
    </message>
    <message>
        <source>DATABASE SWITCHING to another server: a few seconds. What you do now is kept on this desk and sent when it is back.</source>
        <translation>BASIS DATA BERPINDAH ke server lain: beberapa detik. Yang Anda lakukan sekarang disimpan di meja ini dan dikirim saat basis data kembali.</translation>
    </message>
    <message>
        <source>DATABASE AWAY: the lists show what they last showed (read only). Keep answering: what you do is kept on this desk ({count} waiting) and sent when it is back.</source>
        <translation>BASIS DATA TIDAK TERJANGKAU: daftar menampilkan keadaan terakhir (hanya baca). Tetap angkat panggilan: yang Anda lakukan disimpan di meja ini ({count} menunggu) dan dikirim saat basis data kembali.</translation>
    </message>
    <message>
        <source>Sending what this desk kept while the database was away ({count} left).</source>
        <translation>Mengirim yang disimpan meja ini selama basis data tidak terjangkau (sisa {count}).</translation>
    </message>
    <message>
        <source>Some actions kept on this desk could not be applied: another desk changed the same call or incident first. Check those calls in the lists.</source>
        <translation>Beberapa tindakan yang disimpan di meja ini tidak dapat diterapkan: meja lain lebih dulu mengubah panggilan atau kejadian yang sama. Periksa panggilan itu di daftar.</translation>
    </message>
    <message>
        <source>the line service cannot write calls</source>
        <translation>layanan saluran tidak dapat menyimpan panggilan</translation>
    </message>
    <message>
        <source>ALARM: calls cannot be written anywhere - the database is away and the local spool failed ({error}). {held} call(s) are held in this console&apos;s memory only: do NOT close the console, and call the technician now.</source>
        <translation>ALARM: panggilan tidak dapat disimpan di mana pun - basis data tidak terjangkau dan spool lokal gagal ({error}). {held} panggilan hanya tersimpan di memori konsol ini: JANGAN tutup konsol, segera hubungi teknisi.</translation>
    </message>
    <message>
        <source>WARNING: the local spool cannot be written ({error}). Calls are safe while the database is up, but during an outage they would be kept only in memory. Call the technician.</source>
        <translation>PERINGATAN: spool lokal tidak dapat ditulis ({error}). Panggilan aman selama basis data berjalan, tetapi saat gangguan hanya tersimpan di memori. Hubungi teknisi.</translation>
    </message>
    <message>
        <source>DATABASE UNREACHABLE since {time} WIB. Incoming calls are kept in the local spool and appear when it is back; the queues show the last known state. It reconnects by itself. ({reason})</source>
        <translation>BASIS DATA TIDAK TERJANGKAU sejak {time} WIB. Panggilan masuk disimpan di spool lokal dan muncul saat basis data kembali; antrean menampilkan keadaan terakhir. Konsol menyambung ulang sendiri. ({reason})</translation>
    </message>
    <message>
        <source>DATABASE UNREACHABLE</source>
        <translation>BASIS DATA TIDAK TERJANGKAU</translation>
    </message>
    <message>
        <source>SPOOL FAILED</source>
        <translation>SPOOL GAGAL</translation>
    </message>
    <message>
        <source>SPOOL NOT WRITABLE</source>
        <translation>SPOOL TIDAK DAPAT DITULIS</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Kejadian terbuka</translation>
    </message>
    <message>
        <source>Show the open incidents</source>
        <translation>Tampilkan kejadian yang masih terbuka</translation>
    </message>
    <message>
        <source>Missed calls</source>
        <translation>Panggilan tak terjawab</translation>
    </message>
    <message>
        <source>Show the missed calls to call back</source>
        <translation>Tampilkan panggilan tak terjawab untuk ditelepon balik</translation>
    </message>
    <message>
        <source>Show the units and their status</source>
        <translation>Tampilkan unit dan statusnya</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <source>Show the messages sent to agencies</source>
        <translation>Tampilkan pesan yang dikirim ke instansi</translation>
    </message>
    <message>
        <source>Search the open incidents</source>
        <translation>Cari di kejadian terbuka</translation>
    </message>
    <message>
        <source>Open the selected incident (in the queue)</source>
        <translation>Buka kejadian yang dipilih (di antrean)</translation>
    </message>
    <message>
        <source>Record the callback of the selected missed call</source>
        <translation>Catat telepon balik untuk panggilan tak terjawab yang dipilih</translation>
    </message>
    <message>
        <source>Forward the last saved incident to agencies (teruskan)</source>
        <translation>Teruskan kejadian yang terakhir disimpan ke instansi</translation>
    </message>
    <message>
        <source>Caller history of the call in hand</source>
        <translation>Riwayat penelepon untuk panggilan ini</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Shift and period reports</source>
        <translation>Laporan shift dan periode</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Log out (with the shift handover)</source>
        <translation>Keluar (dengan serah terima shift)</translation>
    </message>
    <message>
        <source>Save an incident first; then F4 forwards it.</source>
        <translation>Simpan kejadian dulu; lalu F4 meneruskannya.</translation>
    </message>
    <message>
        <source>Forwarded to {count} agency/unit(s).</source>
        <translation>Diteruskan ke {count} instansi/unit.</translation>
    </message>
    <message>
        <source>Put the caller&apos;s phone location into the incident form</source>
        <translation>Masukkan lokasi HP penelepon ke formulir kejadian</translation>
    </message>
    <message>
        <source>There is no phone location for the call in hand.</source>
        <translation>Tidak ada lokasi HP untuk panggilan yang sedang ditangani.</translation>
    </message>
    <message>
        <source>The phone&apos;s location is in the form: check it with the caller.</source>
        <translation>Lokasi HP sudah masuk formulir: pastikan dengan penelepon.</translation>
    </message>
    <message>
        <source>another desk</source>
        <translation>meja lain</translation>
    </message>
    <message>
        <source>{number} hung up before anyone answered: see missed calls (Ctrl+2).</source>
        <translation>{number} menutup telepon sebelum diangkat: lihat panggilan tak terjawab (Ctrl+2).</translation>
    </message>
    <message>
        <source>The supervisor board (F12) is for supervisors and admins; ask your shift supervisor.</source>
        <translation>Papan supervisor (F12) khusus untuk supervisor dan admin; silakan hubungi supervisor shift Anda.</translation>
    </message>
    <message>
        <source>The audit log (Ctrl+Shift+A) is for supervisors and admins.</source>
        <translation>Log audit (Ctrl+Shift+A) khusus untuk supervisor dan admin.</translation>
    </message>
    <message>
        <source>Reports (Ctrl+P) are for supervisors and admins; your shift supervisor prints the shift report.</source>
        <translation>Laporan (Ctrl+P) khusus untuk supervisor dan admin; laporan shift dicetak oleh supervisor shift Anda.</translation>
    </message>
    <message>
        <source>Supervisor board - Konsol 112</source>
        <translation>Papan supervisor - Konsol 112</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Papan</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Supervisor board</source>
        <translation>Papan supervisor</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Log audit</translation>
    </message>
    <message>
        <source>Supervisor board: waiting calls, open incidents, desks, units and shift figures, live</source>
        <translation>Papan supervisor: panggilan menunggu, kejadian terbuka, meja, unit dan angka shift, langsung</translation>
    </message>
    <message>
        <source>Audit log: who did what, with filters and CSV export</source>
        <translation>Log audit: siapa melakukan apa, dengan filter dan ekspor CSV</translation>
    </message>
    <message>
        <source>Phone locations and SMS</source>
        <translation>Lokasi HP dan SMS</translation>
    </message>
    <message>
        <source>Map of the shift</source>
        <translation>Peta shift ini</translation>
    </message>
    <message>
        <source>type the kecamatan</source>
        <translation>ketik nama kecamatan</translation>
    </message>
    <message>
        <source>type the desa/kelurahan</source>
        <translation>ketik nama desa/kelurahan</translation>
    </message>
    <message>
        <source>latitude, e.g. -6.5569</source>
        <translation>lintang, mis. -6.5569</translation>
    </message>
    <message>
        <source>longitude, e.g. 107.4433</source>
        <translation>bujur, mis. 107.4433</translation>
    </message>
    <message>
        <source>latitude is not a number (use e.g. -6.5569)</source>
        <translation>lintang bukan angka (contoh: -6.5569)</translation>
    </message>
    <message>
        <source>longitude is not a number (use e.g. 107.4433)</source>
        <translation>bujur bukan angka (contoh: 107.4433)</translation>
    </message>
    <message>
        <source>Ask the caller:</source>
        <translation>Tanyakan kepada penelepon:</translation>
    </message>
    <message>
        <source>Same incident already open? Link this report to it (gabungkan):</source>
        <translation>Kejadian yang sama sudah dibuka? Gabungkan laporan ini ke kejadian tersebut:</translation>
    </message>
    <message>
        <source>No open incident in the same desa or of the same category in the last two hours.</source>
        <translation>Tidak ada kejadian terbuka di desa yang sama atau dengan kategori yang sama dalam dua jam terakhir.</translation>
    </message>
    <message>
        <source>Console locked</source>
        <translation>Konsol terkunci</translation>
    </message>
    <message>
        <source>Ringing calls stay visible above. Type your password to continue.</source>
        <translation>Panggilan yang berdering tetap terlihat di atas. Ketik kata sandi Anda untuk melanjutkan.</translation>
    </message>
    <message>
        <source>Password of {name}</source>
        <translation>Kata sandi {name}</translation>
    </message>
    <message>
        <source>Unlock the console with your password (Enter)</source>
        <translation>Buka kunci konsol dengan kata sandi Anda (Enter)</translation>
    </message>
    <message>
        <source>Another operator: log {name} out</source>
        <translation>Operator lain: keluarkan {name}</translation>
    </message>
    <message>
        <source>Log the locked operator out so that someone else can log in</source>
        <translation>Keluarkan operator yang terkunci agar orang lain dapat masuk</translation>
    </message>
    <message>
        <source>{name} has been away since {time}.</source>
        <translation>{name} tidak aktif sejak {time}.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Ketik kata sandi Anda.</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>Kejadian baru</translation>
    </message>
    <message>
        <source>type to search, e.g. kebakaran</source>
        <translation>ketik untuk mencari, mis. kebakaran</translation>
    </message>
    <message>
        <source>street, house number, RT/RW</source>
        <translation>jalan, nomor rumah, RT/RW</translation>
    </message>
    <message>
        <source>near the mosque, opposite the market ...</source>
        <translation>dekat masjid, seberang pasar ...</translation>
    </message>
    <message>
        <source>What happened? Who is hurt? What is needed?</source>
        <translation>Apa yang terjadi? Siapa yang terluka? Apa yang dibutuhkan?</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Category *</source>
        <translation>Kategori *</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Kecamatan *</source>
        <translation>Kecamatan *</translation>
    </message>
    <message>
        <source>Desa/Kelurahan</source>
        <translation>Desa/Kelurahan</translation>
    </message>
    <message>
        <source>Description *</source>
        <translation>Uraian *</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>Landmark (patokan)</source>
        <translation>Patokan</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Koordinat</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <source>Callback number</source>
        <translation>Nomor yang bisa dihubungi</translation>
    </message>
    <message>
        <source>Discard this report</source>
        <translation>Buang laporan ini</translation>
    </message>
    <message>
        <source>Link to selected</source>
        <translation>Gabungkan ke yang dipilih</translation>
    </message>
    <message>
        <source>Link this call to the selected open incident</source>
        <translation>Gabungkan panggilan ini ke kejadian terbuka yang dipilih</translation>
    </message>
    <message>
        <source>Save incident</source>
        <translation>Simpan kejadian</translation>
    </message>
    <message>
        <source>Incident for this call</source>
        <translation>Kejadian untuk panggilan ini</translation>
    </message>
    <message>
        <source>New report (not by telephone)</source>
        <translation>Laporan baru (bukan lewat telepon)</translation>
    </message>
    <message>
        <source>Too long: the description holds at most {limit} characters and {lines} lines; {cut} pasted characters were left out (they are still on the clipboard).</source>
        <translation>Terlalu panjang: uraian paling banyak {limit} karakter dan {lines} baris; {cut} karakter yang ditempel tidak dimasukkan (masih ada di clipboard).</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters here; the rest was left out.</source>
        <translation>Terlalu panjang: paling banyak {limit} karakter di sini; sisanya tidak dimasukkan.</translation>
    </message>
    <message>
        <source>no category matches &apos;{text}&apos;: pick one from the list</source>
        <translation>tidak ada kategori yang cocok dengan &apos;{text}&apos;: pilih dari daftar</translation>
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
        <source>Not saved yet: fix the fields marked in red.</source>
        <translation>Belum tersimpan: perbaiki isian yang bertanda merah.</translation>
    </message>
    <message>
        <source>Lines:</source>
        <translation>Saluran:</translation>
    </message>
    <message>
        <source>no caller-ID source configured</source>
        <translation>belum ada sumber caller ID</translation>
    </message>
    <message>
        <source>{line}: {reason} (since {time} WIB)</source>
        <translation>{line}: {reason} (sejak {time} WIB)</translation>
    </message>
    <message>
        <source>LINE DOWN - calls on this line cannot reach you. </source>
        <translation>SALURAN TERPUTUS - panggilan di saluran ini tidak sampai ke Anda. </translation>
    </message>
    <message>
        <source>{line}: DOWN</source>
        <translation>{line}: TERPUTUS</translation>
    </message>
    <message>
        <source>{line}: connecting</source>
        <translation>{line}: menyambung</translation>
    </message>
    <message>
        <source>{line}: ringing ({count})</source>
        <translation>{line}: berdering ({count})</translation>
    </message>
    <message>
        <source>{line}: up</source>
        <translation>{line}: aktif</translation>
    </message>
    <message>
        <source>Since {time} WIB</source>
        <translation>Sejak {time} WIB</translation>
    </message>
    <message>
        <source>Konsol 112 - log in</source>
        <translation>Konsol 112 - masuk</translation>
    </message>
    <message>
        <source>Call Center 112 Purwakarta</source>
        <translation>Call Center 112 Purwakarta</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>Basis data: {name}</translation>
    </message>
    <message>
        <source>This password was given to your account and must be changed before the console opens. Choose your own password (at least {count} characters).</source>
        <translation>Kata sandi ini diberikan untuk akun Anda dan harus diganti sebelum konsol dibuka. Pilih kata sandi Anda sendiri (minimal {count} karakter).</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Ulangi kata sandi</translation>
    </message>
    <message>
        <source>Caps Lock is on.</source>
        <translation>Caps Lock menyala.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Type your username and password.</source>
        <translation>Ketik nama pengguna dan kata sandi Anda.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Kedua kata sandi tidak sama.</translation>
    </message>
    <message>
        <source>Choose a password other than the one you were given.</source>
        <translation>Pilih kata sandi yang berbeda dari yang diberikan kepada Anda.</translation>
    </message>
    <message>
        <source>Change password and log in</source>
        <translation>Ganti kata sandi dan masuk</translation>
    </message>
    <message>
        <source>Konsol 112 - first start</source>
        <translation>Konsol 112 - pertama kali</translation>
    </message>
    <message>
        <source>Create the administrator account</source>
        <translation>Buat akun administrator</translation>
    </message>
    <message>
        <source>This database has no accounts yet. The administrator creates the operators&apos; accounts afterwards.</source>
        <translation>Basis data ini belum punya akun. Administrator membuat akun para operator sesudahnya.</translation>
    </message>
    <message>
        <source>Username: 1-64 characters, letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Nama pengguna: 1-64 karakter, huruf, angka, &apos;.&apos;, &apos;_&apos; atau &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Accounts already exist: log in instead.</source>
        <translation>Akun sudah ada: silakan masuk.</translation>
    </message>
    <message>
        <source>Konsol 112 - Call Center 112 Purwakarta</source>
        <translation>Konsol 112 - Call Center 112 Purwakarta</translation>
    </message>
    <message>
        <source>Konsol 112</source>
        <translation>Konsol 112</translation>
    </message>
    <message>
        <source>Call Center 112 Kabupaten Purwakarta</source>
        <translation>Call Center 112 Kabupaten Purwakarta</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>This console&apos;s desk: the supervisor sees the desk by this name</source>
        <translation>Meja konsol ini: supervisor melihat meja dengan nama ini</translation>
    </message>
    <message>
        <source>Switch the console&apos;s language</source>
        <translation>Ganti bahasa konsol</translation>
    </message>
    <message>
        <source>New report</source>
        <translation>Laporan baru</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Pintasan</translation>
    </message>
    <message>
        <source>Ready for calls</source>
        <translation>Siap menerima panggilan</translation>
    </message>
    <message>
        <source>When a call rings it appears at the top. Press F2 to answer the oldest call, then one key classifies it: F5 Normal (opens an incident), F6 Information, F7 Prank, F8 Ghost, F9 Wrong number, F10 Test.

A report that came by WhatsApp, SP4N LAPOR, Ogan Lopian or in person: Ctrl+N.
All keys: F1.</source>
        <translation>Panggilan yang berdering muncul di atas. Tekan F2 untuk mengangkat panggilan tertua, lalu satu tombol menggolongkannya: F5 Normal (membuka kejadian), F6 Informasi, F7 Prank, F8 Ghost, F9 Salah sambung, F10 Tes.

Laporan lewat WhatsApp, SP4N LAPOR, Ogan Lopian atau datang langsung: Ctrl+N.
Semua tombol: F1.</translation>
    </message>
    <message>
        <source>desk {name}</source>
        <translation>meja {name}</translation>
    </message>
    <message>
        <source>A call is in hand</source>
        <translation>Masih menangani panggilan</translation>
    </message>
    <message>
        <source>You are still handling a call. Close the console anyway?</source>
        <translation>Anda masih menangani panggilan. Tetap tutup konsol?</translation>
    </message>
    <message>
        <source>All lines and the database are working.</source>
        <translation>Semua saluran dan basis data berfungsi.</translation>
    </message>
    <message>
        <source>+{count} more</source>
        <translation>+{count} lagi</translation>
    </message>
    <message>
        <source>Private number</source>
        <translation>Nomor disembunyikan</translation>
    </message>
    <message>
        <source>No caller ID</source>
        <translation>Tanpa caller ID</translation>
    </message>
    <message>
        <source>emergency short number</source>
        <translation>nomor darurat pendek</translation>
    </message>
    <message>
        <source>no earlier call in 30 days</source>
        <translation>belum pernah menelepon dalam 30 hari</translation>
    </message>
    <message>
        <source>1 earlier call in 30 days</source>
        <translation>1 panggilan sebelumnya dalam 30 hari</translation>
    </message>
    <message>
        <source>{count} earlier calls in 30 days</source>
        <translation>{count} panggilan sebelumnya dalam 30 hari</translation>
    </message>
    <message>
        <source>last incident {number}</source>
        <translation>kejadian terakhir {number}</translation>
    </message>
    <message>
        <source>{prank} prank / {ghost} ghost calls</source>
        <translation>{prank} prank / {ghost} ghost</translation>
    </message>
    <message>
        <source>BLOCKED until {time}: {reason}</source>
        <translation>DIBLOKIR sampai {time}: {reason}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>tanpa keterangan</translation>
    </message>
    <message>
        <source>number unknown: ask the caller for it</source>
        <translation>nomor tidak diketahui: tanyakan kepada penelepon</translation>
    </message>
    <message>
        <source>first call from this number</source>
        <translation>panggilan pertama dari nomor ini</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>saluran {line}</translation>
    </message>
    <message>
        <source>answered at desk phone {extension}: log it with F2</source>
        <translation>diangkat di telepon meja {extension}: catat dengan F2</translation>
    </message>
    <message>
        <source>waiting {time}</source>
        <translation>menunggu {time}</translation>
    </message>
    <message>
        <source>No calls waiting. New calls appear here and ring.</source>
        <translation>Tidak ada panggilan menunggu. Panggilan baru muncul di sini dan berdering.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Angkat</translation>
    </message>
    <message>
        <source>INCOMING CALLS: {count}</source>
        <translation>PANGGILAN MASUK: {count}</translation>
    </message>
    <message>
        <source>INCOMING CALL</source>
        <translation>PANGGILAN MASUK</translation>
    </message>
    <message>
        <source>Incoming calls</source>
        <translation>Panggilan masuk</translation>
    </message>
    <message>
        <source>{number} was answered by {operator}</source>
        <translation>{number} diangkat oleh {operator}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <source>Press any key to close this list.</source>
        <translation>Tekan tombol apa saja untuk menutup daftar ini.</translation>
    </message>
    <message>
        <source>Too long: the description holds at most {limit:,} characters and {lines:,} lines; {cut:,} pasted characters were left out (they are still on the clipboard).</source>
        <translation type="vanished">Terlalu panjang: uraian paling banyak {limit:,} karakter dan {lines:,} baris; {cut:,} karakter yang ditempel tidak dimasukkan (masih ada di clipboard).</translation>
    </message>
    <message>
        <source>Too long: at most {limit:,} characters here; the rest was left out.</source>
        <translation type="vanished">Terlalu panjang: paling banyak {limit:,} karakter di sini; sisanya tidak dimasukkan.</translation>
    </message>
    <message>
        <source>Call from {number} in hand: choose its type (F5 Normal opens an incident, F6-F10 close the call); F3 shows the caller&apos;s history.</source>
        <translation type="vanished">Panggilan dari {number}: pilih jenisnya (F5 Normal membuat kejadian, F6-F10 menutup panggilan); F3 menampilkan riwayat penelepon.</translation>
    </message>
    <message>
        <source>Incident for the call from {number}: category, kecamatan and description, then Ctrl+S saves. Ctrl+G links it to an open incident; Esc goes back to the call type.</source>
        <translation type="vanished">Kejadian untuk panggilan dari {number}: isi kategori, kecamatan dan uraian, lalu Ctrl+S menyimpan. Ctrl+G menggabungkan ke kejadian terbuka; Esc kembali ke jenis panggilan.</translation>
    </message>
    <message>
        <source>New report without a call: category, kecamatan and description, then Ctrl+S saves; Esc cancels it.</source>
        <translation type="vanished">Laporan baru tanpa panggilan: isi kategori, kecamatan dan uraian, lalu Ctrl+S menyimpan; Esc membatalkannya.</translation>
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
        <translation type="vanished">Tes</translation>
    </message>
    <message>
        <source>You answered {number}. Choose the call type (F5-F10).</source>
        <translation type="vanished">Anda mengangkat {number}. Pilih jenis panggilan (F5-F10).</translation>
    </message>
    <message>
        <source>Telephone 112</source>
        <translation type="vanished">Telepon 112</translation>
    </message>
    <message>
        <source>WhatsApp Center</source>
        <translation type="vanished">WhatsApp Center</translation>
    </message>
    <message>
        <source>SP4N LAPOR</source>
        <translation type="vanished">SP4N LAPOR</translation>
    </message>
    <message>
        <source>Ogan Lopian</source>
        <translation type="vanished">Ogan Lopian</translation>
    </message>
    <message>
        <source>Walk-in (datang langsung)</source>
        <translation type="vanished">Datang langsung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">Lainnya</translation>
    </message>
    <message>
        <source>P1 - life at risk now</source>
        <translation type="vanished">P1 - nyawa terancam sekarang</translation>
    </message>
    <message>
        <source>P2 - urgent</source>
        <translation type="vanished">P2 - mendesak</translation>
    </message>
    <message>
        <source>P3 - needs action</source>
        <translation type="vanished">P3 - perlu tindakan</translation>
    </message>
    <message>
        <source>P4 - no urgency</source>
        <translation type="vanished">P4 - tidak mendesak</translation>
    </message>
    <message>
        <source>choose a category</source>
        <translation type="vanished">pilih kategori</translation>
    </message>
    <message>
        <source>P1, P2, P3 or P4</source>
        <translation type="vanished">P1, P2, P3 atau P4</translation>
    </message>
    <message>
        <source>describe what happened</source>
        <translation type="vanished">tuliskan apa yang terjadi</translation>
    </message>
    <message>
        <source>give the kecamatan (or at least an address)</source>
        <translation type="vanished">isi kecamatan (atau setidaknya alamat)</translation>
    </message>
    <message>
        <source>this desa/kelurahan is not in the chosen kecamatan</source>
        <translation type="vanished">desa/kelurahan ini tidak berada di kecamatan yang dipilih</translation>
    </message>
    <message>
        <source>give both latitude and longitude, or neither</source>
        <translation type="vanished">isi lintang dan bujur sekaligus, atau kosongkan keduanya</translation>
    </message>
    <message>
        <source>latitude must be between -90 and 90</source>
        <translation type="vanished">lintang harus antara -90 dan 90</translation>
    </message>
    <message>
        <source>longitude must be between -180 and 180</source>
        <translation type="vanished">bujur harus antara -180 dan 180</translation>
    </message>
    <message>
        <source>not a valid telephone number</source>
        <translation type="vanished">bukan nomor telepon yang sah</translation>
    </message>
    <message>
        <source>too long: at most {limit} characters (now {count})</source>
        <translation type="vanished">terlalu panjang: paling banyak {limit} karakter (sekarang {count})</translation>
    </message>
</context>
</TS>
