"""geodist: how far apart are two countries, measured as a geodesist would.

Distances are geodesics on the WGS84 ellipsoid (Karney 2013, via pyproj), in
metres unless a unit is asked for. Country territories come from Natural Earth
1:10m admin-0, capitals from GeoNames, centre points from Google's public
countries table; see ``boundaries/README.md``. Data is loaded on first use.
"""

from geodist.bulk import distances
from geodist.countries import Capital, Country, all_countries, country
from geodist.distance import Distance, Method, distance, geometry_distance
from geodist.errors import (
    AmbiguousCountryError,
    CoordinateError,
    DataError,
    GeodistError,
    GeometryError,
    MethodError,
    NoTerritoryError,
    UnitError,
    UnknownCountryError,
)
from geodist.geodesic import GeodesicInverse, LatLon, inverse
from geodist.matrix import matrix
from geodist.units import Unit

__version__ = "0.1.0"

__all__ = [
    "AmbiguousCountryError",
    "Capital",
    "CoordinateError",
    "Country",
    "DataError",
    "Distance",
    "GeodesicInverse",
    "GeodistError",
    "GeometryError",
    "LatLon",
    "Method",
    "MethodError",
    "NoTerritoryError",
    "Unit",
    "UnitError",
    "UnknownCountryError",
    "__version__",
    "all_countries",
    "country",
    "distance",
    "distances",
    "geometry_distance",
    "inverse",
    "matrix",
]
