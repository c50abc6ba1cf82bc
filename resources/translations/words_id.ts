<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Language</name>
    <message>
        <source>en</source>
        <translation>id</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Belum diklasifikasi</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informasi</translation>
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
        <source>Wrong number</source>
        <translation>Salah sambung</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tes</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Berdering</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Dijawab</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Tak terjawab</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Terbuka</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Diteruskan</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Ditangani</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Selesai ditangani</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Telephone 112</source>
        <translation>Telepon 112</translation>
    </message>
    <message>
        <source>WhatsApp Center</source>
        <translation>WhatsApp Center</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Datang langsung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>diberitahu</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>diterima</translation>
    </message>
    <message>
        <source>en route</source>
        <translation>menuju lokasi</translation>
    </message>
    <message>
        <source>on scene</source>
        <translation>tiba di lokasi</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>selesai</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>dibatalkan</translation>
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
        <source>out of service</source>
        <translation>tidak beroperasi</translation>
    </message>
    <message>
        <source>Printed slip</source>
        <translation>Slip cetak</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Webhook (EIDO)</source>
        <translation>Webhook (EIDO)</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>terkirim</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>dicoba ulang</translation>
    </message>
    <message>
        <source>failed, stopped retrying</source>
        <translation>gagal, percobaan dihentikan</translation>
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
        <source>%1 (every action)</source>
        <translation>%1 (semua tindakan)</translation>
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
        <source>%1 tried to %2</source>
        <translation>%1 mencoba %2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>saluran %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>tanpa keterangan</translation>
    </message>
    <message>
        <source>connection refused: the agency&apos;s server is not listening</source>
        <translation>koneksi ditolak: server instansi tidak aktif</translation>
    </message>
    <message>
        <source>no answer from the agency&apos;s server in time</source>
        <translation>server instansi tidak menjawab tepat waktu</translation>
    </message>
    <message>
        <source>cannot reach the agency&apos;s server</source>
        <translation>server instansi tidak dapat dihubungi</translation>
    </message>
    <message>
        <source>the agency&apos;s server answered with an error (HTTP %1)</source>
        <translation>server instansi menjawab dengan kesalahan (HTTP %1)</translation>
    </message>
    <message>
        <source>the mail server refused the SMTP user name or password</source>
        <translation>server e-mail menolak nama pengguna atau sandi SMTP</translation>
    </message>
    <message>
        <source>e-mail is not set up: an admin enters the mail server under Settings</source>
        <translation>e-mail belum diatur: admin mengisi server e-mail di Pengaturan</translation>
    </message>
    <message>
        <source>no SMTP password is stored; an admin enters it under Settings</source>
        <translation>sandi SMTP belum disimpan; admin mengisinya di Pengaturan</translation>
    </message>
    <message>
        <source>no web browser could open the WhatsApp link; the text was copied: paste it into WhatsApp yourself</source>
        <translation>tidak ada peramban web yang dapat membuka tautan WhatsApp; teks sudah disalin: tempel sendiri di WhatsApp</translation>
    </message>
    <message>
        <source>the mail server refused the connection</source>
        <translation>server e-mail menolak koneksi</translation>
    </message>
    <message>
        <source>cannot reach the server</source>
        <translation>server tidak dapat dihubungi</translation>
    </message>
    <message>
        <source>fire and rescue</source>
        <translation>pemadam kebakaran dan penyelamatan</translation>
    </message>
    <message>
        <source>disaster management</source>
        <translation>penanggulangan bencana</translation>
    </message>
    <message>
        <source>health</source>
        <translation>kesehatan</translation>
    </message>
    <message>
        <source>hospital</source>
        <translation>rumah sakit</translation>
    </message>
    <message>
        <source>police</source>
        <translation>kepolisian</translation>
    </message>
    <message>
        <source>armed forces (TNI)</source>
        <translation>TNI</translation>
    </message>
    <message>
        <source>public order (Satpol PP)</source>
        <translation>ketertiban umum (Satpol PP)</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>perhubungan</translation>
    </message>
    <message>
        <source>water utility</source>
        <translation>air minum (PDAM)</translation>
    </message>
    <message>
        <source>electricity</source>
        <translation>listrik (PLN)</translation>
    </message>
    <message>
        <source>search and rescue (SAR)</source>
        <translation>pencarian dan pertolongan (SAR)</translation>
    </message>
    <message>
        <source>other</source>
        <translation>lainnya</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>Gagal masuk</translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation>Masuk ditolak</translation>
    </message>
    <message>
        <source>Login held for a new password</source>
        <translation>Masuk ditahan sampai kata sandi diganti</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Akun dibuat</translation>
    </message>
    <message>
        <source>Account locked after wrong passwords</source>
        <translation>Akun dikunci karena kata sandi salah berulang</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Kata sandi diganti</translation>
    </message>
    <message>
        <source>Password reset by an admin</source>
        <translation>Kata sandi diatur ulang oleh admin</translation>
    </message>
    <message>
        <source>Account switched on or off</source>
        <translation>Akun diaktifkan atau dinonaktifkan</translation>
    </message>
    <message>
        <source>Account unlocked by an admin</source>
        <translation>Kunci akun dibuka oleh admin</translation>
    </message>
    <message>
        <source>Category questions changed</source>
        <translation>Pertanyaan kategori diubah</translation>
    </message>
    <message>
        <source>Desk online</source>
        <translation>Meja aktif</translation>
    </message>
    <message>
        <source>Another operator at the desk</source>
        <translation>Operator lain di meja ini</translation>
    </message>
    <message>
        <source>Desk offline</source>
        <translation>Meja tidak aktif</translation>
    </message>
    <message>
        <source>Shift started</source>
        <translation>Shift dimulai</translation>
    </message>
    <message>
        <source>Shift ended (handover)</source>
        <translation>Shift diakhiri (serah terima)</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>Panggilan diangkat</translation>
    </message>
    <message>
        <source>Call type chosen</source>
        <translation>Jenis panggilan dipilih</translation>
    </message>
    <message>
        <source>Call finished</source>
        <translation>Panggilan selesai</translation>
    </message>
    <message>
        <source>Missed call called back</source>
        <translation>Panggilan tak terjawab ditelepon balik</translation>
    </message>
    <message>
        <source>Call linked to an incident</source>
        <translation>Panggilan digabungkan ke kejadian</translation>
    </message>
    <message>
        <source>Stale call released to the queue</source>
        <translation>Panggilan macet dikembalikan ke antrean</translation>
    </message>
    <message>
        <source>Number blocked</source>
        <translation>Nomor diblokir</translation>
    </message>
    <message>
        <source>Number unblocked</source>
        <translation>Blokir nomor dicabut</translation>
    </message>
    <message>
        <source>Number blocked automatically</source>
        <translation>Nomor diblokir otomatis</translation>
    </message>
    <message>
        <source>Incident created</source>
        <translation>Kejadian dibuat</translation>
    </message>
    <message>
        <source>Incident changed</source>
        <translation>Kejadian diubah</translation>
    </message>
    <message>
        <source>Note added to an incident</source>
        <translation>Catatan ditambahkan ke kejadian</translation>
    </message>
    <message>
        <source>Incident status changed</source>
        <translation>Status kejadian berubah</translation>
    </message>
    <message>
        <source>Incident handed to another operator</source>
        <translation>Kejadian dialihkan ke operator lain</translation>
    </message>
    <message>
        <source>Incident closed</source>
        <translation>Kejadian ditutup</translation>
    </message>
    <message>
        <source>Incident reopened</source>
        <translation>Kejadian dibuka kembali</translation>
    </message>
    <message>
        <source>Forwarded to an agency or unit</source>
        <translation>Diteruskan ke instansi atau unit</translation>
    </message>
    <message>
        <source>Dispatch status recorded</source>
        <translation>Status penugasan dicatat</translation>
    </message>
    <message>
        <source>Unit assigned</source>
        <translation>Unit ditugaskan</translation>
    </message>
    <message>
        <source>Unit status changed</source>
        <translation>Status unit berubah</translation>
    </message>
    <message>
        <source>Unit added</source>
        <translation>Unit ditambahkan</translation>
    </message>
    <message>
        <source>Unit changed</source>
        <translation>Unit diubah</translation>
    </message>
    <message>
        <source>Unit deleted</source>
        <translation>Unit dihapus</translation>
    </message>
    <message>
        <source>Unit&apos;s position set</source>
        <translation>Posisi unit diatur</translation>
    </message>
    <message>
        <source>Agency added</source>
        <translation>Instansi ditambahkan</translation>
    </message>
    <message>
        <source>Agency changed</source>
        <translation>Instansi diubah</translation>
    </message>
    <message>
        <source>Agency deleted</source>
        <translation>Instansi dihapus</translation>
    </message>
    <message>
        <source>Agency&apos;s position set</source>
        <translation>Posisi pos instansi diatur</translation>
    </message>
    <message>
        <source>Message sent (e-mail or webhook)</source>
        <translation>Pesan terkirim (e-mail atau webhook)</translation>
    </message>
    <message>
        <source>Delivered at the desk (slip or WhatsApp)</source>
        <translation>Dikirim dari meja (slip atau WhatsApp)</translation>
    </message>
    <message>
        <source>Delivery failed</source>
        <translation>Pengiriman gagal</translation>
    </message>
    <message>
        <source>Delivery tried again</source>
        <translation>Pengiriman dicoba lagi</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Pengaturan diubah</translation>
    </message>
    <message>
        <source>Caller-ID source added</source>
        <translation>Sumber caller ID ditambahkan</translation>
    </message>
    <message>
        <source>Caller-ID source changed</source>
        <translation>Sumber caller ID diubah</translation>
    </message>
    <message>
        <source>Caller-ID source switched on</source>
        <translation>Sumber caller ID diaktifkan</translation>
    </message>
    <message>
        <source>Caller-ID source switched off</source>
        <translation>Sumber caller ID dinonaktifkan</translation>
    </message>
    <message>
        <source>Caller-ID source removed</source>
        <translation>Sumber caller ID dihapus</translation>
    </message>
    <message>
        <source>Phone location attached to a call</source>
        <translation>Lokasi HP dipasang ke panggilan</translation>
    </message>
    <message>
        <source>Phone location put into an incident</source>
        <translation>Lokasi HP dimasukkan ke kejadian</translation>
    </message>
    <message>
        <source>SMS read</source>
        <translation>SMS dibaca</translation>
    </message>
    <message>
        <source>Audit log exported</source>
        <translation>Log audit diekspor</translation>
    </message>
    <message>
        <source>Calls exported (CSV)</source>
        <translation>Panggilan diekspor (CSV)</translation>
    </message>
    <message>
        <source>Incidents exported (CSV)</source>
        <translation>Kejadian diekspor (CSV)</translation>
    </message>
    <message>
        <source>Demo history added</source>
        <translation>Riwayat demo ditambahkan</translation>
    </message>
    <message>
        <source>Refused: not allowed for the role</source>
        <translation>Ditolak: tidak diizinkan untuk perannya</translation>
    </message>
    <message>
        <source>account</source>
        <translation>akun</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>meja</translation>
    </message>
    <message>
        <source>shift session</source>
        <translation>sesi shift</translation>
    </message>
    <message>
        <source>call</source>
        <translation>panggilan</translation>
    </message>
    <message>
        <source>caller&apos;s number</source>
        <translation>nomor penelepon</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>kejadian</translation>
    </message>
    <message>
        <source>dispatch</source>
        <translation>penugasan</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>instansi</translation>
    </message>
    <message>
        <source>message to an agency</source>
        <translation>pesan ke instansi</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>pengaturan</translation>
    </message>
    <message>
        <source>caller-ID source</source>
        <translation>sumber caller ID</translation>
    </message>
    <message>
        <source>phone location</source>
        <translation>lokasi HP</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>audit log</source>
        <translation>log audit</translation>
    </message>
    <message>
        <source>database</source>
        <translation>basis data</translation>
    </message>
    <message>
        <source>permission</source>
        <translation>izin</translation>
    </message>
    <message>
        <source>export</source>
        <translation>ekspor</translation>
    </message>
    <message>
        <source>login attempt</source>
        <translation>upaya masuk</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>shift</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>data demo</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>state</source>
        <translation>keadaan</translation>
    </message>
    <message>
        <source>call type</source>
        <translation>jenis panggilan</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>prioritas</translation>
    </message>
    <message>
        <source>category</source>
        <translation>kategori</translation>
    </message>
    <message>
        <source>kecamatan</source>
        <translation>kecamatan</translation>
    </message>
    <message>
        <source>desa/kelurahan</source>
        <translation>desa/kelurahan</translation>
    </message>
    <message>
        <source>address</source>
        <translation>alamat</translation>
    </message>
    <message>
        <source>landmark</source>
        <translation>patokan</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>lintang</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>bujur</translation>
    </message>
    <message>
        <source>description</source>
        <translation>uraian</translation>
    </message>
    <message>
        <source>reporter</source>
        <translation>pelapor</translation>
    </message>
    <message>
        <source>callback number</source>
        <translation>nomor yang bisa dihubungi</translation>
    </message>
    <message>
        <source>report channel</source>
        <translation>kanal laporan</translation>
    </message>
    <message>
        <source>delivered by</source>
        <translation>cara kirim</translation>
    </message>
    <message>
        <source>disposition</source>
        <translation>penyelesaian</translation>
    </message>
    <message>
        <source>number</source>
        <translation>nomor</translation>
    </message>
    <message>
        <source>unit type</source>
        <translation>jenis unit</translation>
    </message>
    <message>
        <source>call sign</source>
        <translation>kode panggil</translation>
    </message>
    <message>
        <source>handled by</source>
        <translation>ditangani oleh</translation>
    </message>
    <message>
        <source>held by</source>
        <translation>dipegang oleh</translation>
    </message>
    <message>
        <source>username</source>
        <translation>nama pengguna</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>nama lengkap</translation>
    </message>
    <message>
        <source>role</source>
        <translation>peran</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktif</translation>
    </message>
    <message>
        <source>switched on</source>
        <translation>diaktifkan</translation>
    </message>
    <message>
        <source>locked until</source>
        <translation>dikunci sampai</translation>
    </message>
    <message>
        <source>blocked until</source>
        <translation>diblokir sampai</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>berakhir</translation>
    </message>
    <message>
        <source>read</source>
        <translation>dibaca</translation>
    </message>
    <message>
        <source>date</source>
        <translation>tanggal</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>value</source>
        <translation>nilai</translation>
    </message>
    <message>
        <source>code</source>
        <translation>kode</translation>
    </message>
    <message>
        <source>short name</source>
        <translation>nama singkat</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>jenis</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telepon</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>webhook</source>
        <translation>webhook</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>kategori</translation>
    </message>
    <message>
        <source>home base</source>
        <translation>pos induk</translation>
    </message>
    <message>
        <source>wrong password %1 of %2</source>
        <translation>kata sandi salah ke-%1 dari %2</translation>
    </message>
    <message>
        <source>unknown username</source>
        <translation>nama pengguna tidak dikenal</translation>
    </message>
    <message>
        <source>the account is locked</source>
        <translation>akun sedang dikunci</translation>
    </message>
    <message>
        <source>the account is switched off</source>
        <translation>akun dinonaktifkan</translation>
    </message>
    <message>
        <source>the password was given by an admin and must be changed first</source>
        <translation>kata sandi diberikan oleh admin dan harus diganti terlebih dahulu</translation>
    </message>
    <message>
        <source>logged out</source>
        <translation>keluar</translation>
    </message>
    <message>
        <source>the desk stopped reporting</source>
        <translation>meja berhenti melapor</translation>
    </message>
    <message>
        <source>confirmed although it was busy</source>
        <translation>dikonfirmasi walau unit sedang bertugas</translation>
    </message>
    <message>
        <source>answered while the database was away (kept in the desk&apos;s journal)</source>
        <translation>diangkat saat basis data tidak terjangkau (disimpan di jurnal meja)</translation>
    </message>
    <message>
        <source>%1 prank/ghost calls within %2 hours</source>
        <translation>%1 panggilan prank/ghost dalam %2 jam</translation>
    </message>
    <message>
        <source>%1 calls over %2 days (seed %3)</source>
        <translation>%1 panggilan selama %2 hari (seed %3)</translation>
    </message>
    <message>
        <source>%1 rows, no filter</source>
        <translation>%1 baris, tanpa filter</translation>
    </message>
    <message>
        <source>%1 rows; filter: %2</source>
        <translation>%1 baris; filter: %2</translation>
    </message>
    <message>
        <source>%1 calls from %2 to %3</source>
        <translation>%1 panggilan dari %2 sampai %3</translation>
    </message>
    <message>
        <source>%1 incidents from %2 to %3</source>
        <translation>%1 kejadian dari %2 sampai %3</translation>
    </message>
    <message>
        <source>%1 to %2 (attempt %3)</source>
        <translation>%1 ke %2 (percobaan ke-%3)</translation>
    </message>
    <message>
        <source>%1 to %2, attempt %3: %4</source>
        <translation>%1 ke %2, percobaan ke-%3: %4</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>dicetak</translation>
    </message>
    <message>
        <source>saved as PDF</source>
        <translation>disimpan sebagai PDF</translation>
    </message>
    <message>
        <source>WhatsApp opened, the text copied</source>
        <translation>WhatsApp dibuka, teks disalin</translation>
    </message>
    <message>
        <source>switch accounts on or off</source>
        <translation>mengaktifkan atau menonaktifkan akun</translation>
    </message>
    <message>
        <source>add notes</source>
        <translation>menambah catatan</translation>
    </message>
    <message>
        <source>answer calls</source>
        <translation>mengangkat panggilan</translation>
    </message>
    <message>
        <source>attach a phone location to a call</source>
        <translation>memasang lokasi HP ke panggilan</translation>
    </message>
    <message>
        <source>block numbers</source>
        <translation>memblokir nomor</translation>
    </message>
    <message>
        <source>edit the category questions</source>
        <translation>mengubah pertanyaan kategori</translation>
    </message>
    <message>
        <source>unlock accounts</source>
        <translation>membuka kunci akun</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>mengubah pengaturan</translation>
    </message>
    <message>
        <source>change a unit&apos;s status</source>
        <translation>mengubah status unit</translation>
    </message>
    <message>
        <source>choose call types</source>
        <translation>memilih jenis panggilan</translation>
    </message>
    <message>
        <source>close incidents</source>
        <translation>menutup kejadian</translation>
    </message>
    <message>
        <source>set up caller-ID sources</source>
        <translation>mengatur sumber caller ID</translation>
    </message>
    <message>
        <source>count incidents per area</source>
        <translation>menghitung kejadian per wilayah</translation>
    </message>
    <message>
        <source>create incidents</source>
        <translation>membuat kejadian</translation>
    </message>
    <message>
        <source>create accounts</source>
        <translation>membuat akun</translation>
    </message>
    <message>
        <source>change incidents</source>
        <translation>mengubah kejadian</translation>
    </message>
    <message>
        <source>end a shift session</source>
        <translation>mengakhiri sesi shift</translation>
    </message>
    <message>
        <source>finish calls</source>
        <translation>menyelesaikan panggilan</translation>
    </message>
    <message>
        <source>export calls</source>
        <translation>mengekspor panggilan</translation>
    </message>
    <message>
        <source>export incidents</source>
        <translation>mengekspor kejadian</translation>
    </message>
    <message>
        <source>export the audit log</source>
        <translation>mengekspor log audit</translation>
    </message>
    <message>
        <source>forward incidents</source>
        <translation>meneruskan kejadian</translation>
    </message>
    <message>
        <source>link calls to incidents</source>
        <translation>menggabungkan panggilan ke kejadian</translation>
    </message>
    <message>
        <source>make a period report</source>
        <translation>membuat laporan periode</translation>
    </message>
    <message>
        <source>make a shift report</source>
        <translation>membuat laporan shift</translation>
    </message>
    <message>
        <source>manage agencies</source>
        <translation>mengelola instansi</translation>
    </message>
    <message>
        <source>manage units</source>
        <translation>mengelola unit</translation>
    </message>
    <message>
        <source>mark an SMS as read</source>
        <translation>menandai SMS sudah dibaca</translation>
    </message>
    <message>
        <source>read the SMS inbox</source>
        <translation>membaca kotak masuk SMS</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>membaca log audit</translation>
    </message>
    <message>
        <source>hand incidents to another operator</source>
        <translation>mengalihkan kejadian ke operator lain</translation>
    </message>
    <message>
        <source>record callbacks</source>
        <translation>mencatat telepon balik</translation>
    </message>
    <message>
        <source>record deliveries</source>
        <translation>mencatat pengiriman</translation>
    </message>
    <message>
        <source>release another operator&apos;s call</source>
        <translation>mengembalikan panggilan operator lain</translation>
    </message>
    <message>
        <source>reopen incidents</source>
        <translation>membuka kembali kejadian</translation>
    </message>
    <message>
        <source>report a desk online</source>
        <translation>melaporkan meja aktif</translation>
    </message>
    <message>
        <source>reset passwords</source>
        <translation>mengatur ulang kata sandi</translation>
    </message>
    <message>
        <source>retry deliveries</source>
        <translation>mencoba ulang pengiriman</translation>
    </message>
    <message>
        <source>see phone locations waiting for a call</source>
        <translation>melihat lokasi HP yang menunggu panggilannya</translation>
    </message>
    <message>
        <source>see a period&apos;s incidents on the map</source>
        <translation>melihat kejadian satu periode di peta</translation>
    </message>
    <message>
        <source>see the supervisor board</source>
        <translation>melihat papan supervisor</translation>
    </message>
    <message>
        <source>start a shift session</source>
        <translation>memulai sesi shift</translation>
    </message>
    <message>
        <source>unblock numbers</source>
        <translation>membuka blokir nomor</translation>
    </message>
    <message>
        <source>record dispatch steps</source>
        <translation>mencatat langkah penugasan</translation>
    </message>
    <message>
        <source>use a phone location</source>
        <translation>memakai lokasi HP</translation>
    </message>
    <message>
        <source>set an agency&apos;s position</source>
        <translation>mengatur posisi instansi</translation>
    </message>
    <message>
        <source>set a unit&apos;s position</source>
        <translation>mengatur posisi unit</translation>
    </message>
    <message>
        <source>not started yet</source>
        <translation>belum dijalankan</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>dihentikan</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>koneksi ditutup</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>koneksi terputus</translation>
    </message>
    <message>
        <source>system error: {detail}</source>
        <translation>kesalahan sistem: {detail}</translation>
    </message>
    <message>
        <source>internal error ({detail}); the technician finds it in the log file</source>
        <translation>kesalahan internal ({detail}); teknisi dapat melihatnya di berkas log</translation>
    </message>
    <message>
        <source>the source&apos;s address cannot be used: {detail}</source>
        <translation>alamat sumber tidak dapat dipakai: {detail}</translation>
    </message>
    <message>
        <source>no answer within {seconds} s</source>
        <translation>tidak ada jawaban dalam {seconds} detik</translation>
    </message>
    <message>
        <source>port {port} does not exist: is the USB cable plugged in?</source>
        <translation>port {port} tidak ada: apakah kabel USB sudah terpasang?</translation>
    </message>
    <message>
        <source>port {port} is in use by another program or not allowed</source>
        <translation>port {port} sedang dipakai program lain atau tidak diizinkan</translation>
    </message>
    <message>
        <source>port {port} cannot be opened ({detail})</source>
        <translation>port {port} tidak dapat dibuka ({detail})</translation>
    </message>
    <message>
        <source>the device on {port} went away: cable pulled or port closed</source>
        <translation>perangkat di {port} terlepas: kabel tercabut atau port ditutup</translation>
    </message>
    <message>
        <source>port {port} failed ({detail})</source>
        <translation>port {port} bermasalah ({detail})</translation>
    </message>
    <message>
        <source>the server name {host} is not known ({detail})</source>
        <translation>nama server {host} tidak dikenal ({detail})</translation>
    </message>
    <message>
        <source>{host}:{port} refused the connection: is the service running?</source>
        <translation>{host}:{port} menolak koneksi: apakah layanannya sudah berjalan?</translation>
    </message>
    <message>
        <source>{host}:{port} did not answer within {seconds} s</source>
        <translation>{host}:{port} tidak menjawab dalam {seconds} detik</translation>
    </message>
    <message>
        <source>cannot connect to {host}:{port} ({detail})</source>
        <translation>tidak dapat tersambung ke {host}:{port} ({detail})</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>server menutup koneksi</translation>
    </message>
    <message>
        <source>cannot listen on UDP {host}:{port} ({detail})</source>
        <translation>tidak dapat menerima UDP di {host}:{port} ({detail})</translation>
    </message>
    <message>
        <source>{host}:{port} is not an Asterisk manager port</source>
        <translation>{host}:{port} bukan port Asterisk Manager</translation>
    </message>
    <message>
        <source>Asterisk refused the user name or password</source>
        <translation>Asterisk menolak nama pengguna atau kata sandi</translation>
    </message>
    <message>
        <source>Asterisk did not answer the login</source>
        <translation>Asterisk tidak menjawab saat masuk</translation>
    </message>
    <message>
        <source>Asterisk closed the connection</source>
        <translation>Asterisk menutup koneksi</translation>
    </message>
    <message>
        <source>Asterisk stopped answering</source>
        <translation>Asterisk berhenti menjawab</translation>
    </message>
    <message>
        <source>the modem did not answer {command}</source>
        <translation>modem tidak menjawab {command}</translation>
    </message>
    <message>
        <source>no modem answers on {port}</source>
        <translation>tidak ada modem yang menjawab di {port}</translation>
    </message>
    <message>
        <source>the modem refused {command}: it cannot receive SMS in PDU mode</source>
        <translation>modem menolak {command}: modem ini tidak dapat menerima SMS dalam mode PDU</translation>
    </message>
</context>
</TS>
