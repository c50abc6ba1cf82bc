<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Map</name>
    <message>
        <source>exact coordinates</source>
        <translation>koordinat tepat</translation>
    </message>
    <message>
        <source>desa centroid (no coordinates)</source>
        <translation>titik tengah desa (tanpa koordinat)</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>Klik ganda untuk membuka</translation>
    </message>
    <message>
        <source>home desa centroid (no position set)</source>
        <translation>titik tengah desa pos induk (posisi belum diatur)</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>not yet forwarded</source>
        <translation>belum diteruskan</translation>
    </message>
    <message>
        <source>being handled</source>
        <translation>sedang ditangani</translation>
    </message>
    <message>
        <source>at desa centroid (no coordinates)</source>
        <translation>di titik tengah desa (tanpa koordinat)</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Semua kategori</translation>
    </message>
    <message>
        <source>per desa</source>
        <translation>per desa</translation>
    </message>
    <message>
        <source>per kecamatan</source>
        <translation>per kecamatan</translation>
    </message>
    <message>
        <source>Show counts</source>
        <translation>Tampilkan jumlah</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>Penanda</translation>
    </message>
    <message>
        <source>Back to the incident markers</source>
        <translation>Kembali ke penanda kejadian</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dari</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;sampai</translation>
    </message>
    <message>
        <source>Find a desa or kelurahan…</source>
        <translation>Cari desa atau kelurahan…</translation>
    </message>
    <message>
        <source>Find a desa on the map</source>
        <translation>Cari desa di peta</translation>
    </message>
    <message>
        <source>Whole regency (0)</source>
        <translation>Seluruh kabupaten (0)</translation>
    </message>
    <message>
        <source>&amp;Incidents</source>
        <translation>&amp;Kejadian</translation>
    </message>
    <message>
        <source>&amp;Posts</source>
        <translation>&amp;Pos</translation>
    </message>
    <message>
        <source>&amp;Units</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <source>Incidents per desa</source>
        <translation>Kejadian per desa</translation>
    </message>
    <message>
        <source>Incidents per kecamatan</source>
        <translation>Kejadian per kecamatan</translation>
    </message>
    <message>
        <source>outside Kabupaten Purwakarta</source>
        <translation>di luar Kabupaten Purwakarta</translation>
    </message>
    <message>
        <source>Click the map where it is (or move with the arrow keys and press Enter). Ctrl+F finds a desa.</source>
        <translation>Klik peta di lokasinya (atau geser dengan tombol panah lalu tekan Enter). Ctrl+F mencari desa.</translation>
    </message>
    <message>
        <source>No point chosen yet.</source>
        <translation>Belum ada titik yang dipilih.</translation>
    </message>
    <message>
        <source>Type or paste a coordinate.</source>
        <translation>Ketik atau tempel koordinat.</translation>
    </message>
    <message>
        <source>That is far too long for a coordinate.</source>
        <translation>Terlalu panjang untuk sebuah koordinat.</translation>
    </message>
    <message>
        <source>A shortened link cannot be opened without the internet: open it on the phone and copy the coordinates or the full link.</source>
        <translation>Tautan pendek tidak bisa dibuka tanpa internet: buka di ponsel lalu salin koordinat atau tautan lengkapnya.</translation>
    </message>
    <message>
        <source>This link has no coordinates in it (a named place or a route). Share the location as coordinates.</source>
        <translation>Tautan ini tidak memuat koordinat (nama tempat atau rute). Bagikan lokasinya sebagai koordinat.</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90 and longitude between -180 and 180.</source>
        <translation>Lintang harus antara -90 dan 90, bujur antara -180 dan 180.</translation>
    </message>
    <message>
        <source>The hemisphere letters contradict the numbers.</source>
        <translation>Huruf arah (LS/LU/BT/BB) bertentangan dengan angkanya.</translation>
    </message>
    <message>
        <source>Minutes and seconds must be below 60.</source>
        <translation>Menit dan detik harus di bawah 60.</translation>
    </message>
    <message>
        <source>Not a coordinate. Write it as -6.5569, 107.4433, as 6°33&apos;24.8&quot;S 107°26&apos;35.9&quot;E, or paste a map link.</source>
        <translation>Bukan koordinat. Tulis sebagai -6.5569, 107.4433, sebagai 6°33&apos;24,8&quot; LS 107°26&apos;35,9&quot; BT, atau tempel tautan peta.</translation>
    </message>
    <message>
        <source>Outside Kabupaten Purwakarta (%1 km from its border). The point is kept.</source>
        <translation>Di luar Kabupaten Purwakarta (%1 km dari batasnya). Titik tetap disimpan.</translation>
    </message>
    <message>
        <source>On or near a border: the nearest desa was chosen. Check it with the caller.</source>
        <translation>Di atau dekat batas wilayah: dipilih desa terdekat. Pastikan dengan pelapor.</translation>
    </message>
    <message>
        <source>Map of Kabupaten Purwakarta</source>
        <translation>Peta Kabupaten Purwakarta</translation>
    </message>
    <message>
        <source>Agency post</source>
        <translation type="vanished">Pos instansi</translation>
    </message>
    <message>
        <source>P1 (life at risk)</source>
        <translation type="vanished">P1 (nyawa terancam)</translation>
    </message>
    <message>
        <source>P2 (emergency)</source>
        <translation type="vanished">P2 (darurat)</translation>
    </message>
    <message>
        <source>P3 (not urgent)</source>
        <translation type="vanished">P3 (tidak mendesak)</translation>
    </message>
    <message>
        <source>P4 (information)</source>
        <translation type="vanished">P4 (informasi)</translation>
    </message>
    <message>
        <source>open, not yet forwarded</source>
        <translation type="vanished">terbuka, belum diteruskan</translation>
    </message>
    <message>
        <source>forwarded, waiting for the agency</source>
        <translation type="vanished">diteruskan, menunggu instansi</translation>
    </message>
    <message>
        <source>handled, waiting to be closed</source>
        <translation type="vanished">selesai ditangani, menunggu ditutup</translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="vanished">ditutup</translation>
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
        <source>en route</source>
        <translation type="vanished">menuju lokasi</translation>
    </message>
    <message>
        <source>on scene</source>
        <translation type="vanished">tiba di lokasi</translation>
    </message>
    <message>
        <source>out of service</source>
        <translation type="vanished">tidak beroperasi</translation>
    </message>
</context>
</TS>
