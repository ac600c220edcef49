"""geodist: how far apart are two countries, measured as a geodesist would.

Distances are geodesics on the WGS84 ellipsoid (Karney 2013, via pyproj), in
metres unless a unit is asked for. Country territories come from Natural Earth
1:10m admin-0, capitals from GeoNames, centre points from Google's public
countries table; see ``boundaries/README.md``. Data is loaded on first use.
"""

from geodist.article import ArticleReport, article
from geodist.boundary_set import BoundarySet, read_boundaries
from geodist.countries import Capital, Country, CountryMatch, all_countries, country, lookup
from geodist.distance import Distance, Method, distance, geometry_distance
from geodist.engine.bulk import distances
from geodist.engine.geodesic import GeodesicInverse, LatLon, inverse
from geodist.engine.geodesic_edges import densify_geodesic
from geodist.errors import (
    AmbiguousCountryError,
    AmbiguousPlaceError,
    CoordinateError,
    DataError,
    GeodistError,
    GeometryError,
    InputFileError,
    InputTypeError,
    InputValueError,
    LanguageError,
    MethodError,
    MissingExtraError,
    MissingPointError,
    ModeError,
    NoCapitalError,
    NoCentrePointError,
    NoTerritoryError,
    OutputFormatError,
    OutputPathError,
    PartError,
    SameCountryError,
    SpeedError,
    UnitError,
    UnknownAirportError,
    UnknownCountryError,
    UnknownIdError,
    UnknownPlaceError,
)
from geodist.frame import countries_frame, to_frame
from geodist.join import nearest_join
from geodist.locate import locate
from geodist.matrix import matrix
from geodist.pairs import geometry_distances
from geodist.places import Airport, airport
from geodist.points import PreparedTarget, TargetDistances, distances_to, prepare_target
from geodist.speed import Speed
from geodist.territory import Part
from geodist.travel import MODES, Travel, TravelMode, travel_time
from geodist.units import Unit

__version__ = "0.1.0"

__all__ = [
    "MODES",
    "Airport",
    "AmbiguousCountryError",
    "AmbiguousPlaceError",
    "ArticleReport",
    "BoundarySet",
    "Capital",
    "CoordinateError",
    "Country",
    "CountryMatch",
    "DataError",
    "Distance",
    "GeodesicInverse",
    "GeodistError",
    "GeometryError",
    "InputFileError",
    "InputTypeError",
    "InputValueError",
    "LanguageError",
    "LatLon",
    "Method",
    "MethodError",
    "MissingExtraError",
    "MissingPointError",
    "ModeError",
    "NoCapitalError",
    "NoCentrePointError",
    "NoTerritoryError",
    "OutputFormatError",
    "OutputPathError",
    "Part",
    "PartError",
    "PreparedTarget",
    "SameCountryError",
    "Speed",
    "SpeedError",
    "TargetDistances",
    "Travel",
    "TravelMode",
    "Unit",
    "UnitError",
    "UnknownAirportError",
    "UnknownCountryError",
    "UnknownIdError",
    "UnknownPlaceError",
    "__version__",
    "airport",
    "all_countries",
    "article",
    "countries_frame",
    "country",
    "densify_geodesic",
    "distance",
    "distances",
    "distances_to",
    "geometry_distance",
    "geometry_distances",
    "inverse",
    "locate",
    "lookup",
    "matrix",
    "nearest_join",
    "prepare_target",
    "read_boundaries",
    "to_frame",
    "travel_time",
]
