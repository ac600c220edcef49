"""geodist: how far apart are two countries, measured as a geodesist would.

Distances are geodesics on the WGS84 ellipsoid (Karney 2013, via pyproj), in
metres unless a unit is asked for. Country territories come from Natural Earth
1:10m admin-0, capitals from GeoNames, centre points from Google's public
countries table; see ``boundaries/README.md``. Data is loaded on first use.
"""

from geodist.countries import Capital, Country, all_countries, country
from geodist.errors import (
    AmbiguousCountryError,
    CoordinateError,
    DataError,
    GeodistError,
    NoTerritoryError,
    UnitError,
    UnknownCountryError,
)
from geodist.geodesic import GeodesicInverse, LatLon, inverse
from geodist.units import Unit

__version__ = "0.1.0"

__all__ = [
    "AmbiguousCountryError",
    "Capital",
    "CoordinateError",
    "Country",
    "DataError",
    "GeodesicInverse",
    "GeodistError",
    "LatLon",
    "NoTerritoryError",
    "Unit",
    "UnitError",
    "UnknownCountryError",
    "__version__",
    "all_countries",
    "country",
    "inverse",
]
