"""Offline geography of Kabupaten Purwakarta: the regency, its 17 kecamatan and 192 desa/kelurahan as polygons
(package data in ``resources/geo``), point -> desa/kecamatan lookup (``regions``), parsing of the coordinates
people paste (``coordinates``), and the choropleth classes that the console's map and the printed reports share
(``choropleth``).

Plain Python and shapely: no Qt, no database, no network. Everything matches on Kemendagri codes, never on names.
Importing this package is cheap: shapely and the polygons load on the first ``load_geography()``.
"""
