"""Tables of results for pandas and GeoPandas: many results in one call, and every territory.

:func:`to_frame` turns Distance, Travel, Country or ArticleReport results into
one pandas DataFrame, a row per result, from their ``to_dict()`` records
(nested records flattened: ``start`` becomes ``start_lat`` and ``start_lon``);
with ``geometry=True`` a GeoDataFrame in EPSG:4326 whose geometries are the
results' ``__geo_interface__``. :func:`countries_frame` is that GeoDataFrame for
every bundled territory. geopandas is optional: ``pip install 'geodist[geopandas]'``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import shapely.geometry

from geodist._records import flat_rows
from geodist.article import ArticleReport
from geodist.countries import Country, all_countries
from geodist.distance import Distance
from geodist.errors import InputTypeError, MissingExtraError, echo
from geodist.travel import Travel

if TYPE_CHECKING:
    import pandas

__all__ = ["countries_frame", "to_frame"]

Result = Distance | Travel | Country | ArticleReport
_RESULT_TYPES = (Distance, Travel, Country, ArticleReport)
_CRS = "EPSG:4326"
"""WGS84 longitude and latitude in degrees: the coordinates of every geodist geometry."""


def _geopandas(purpose: str) -> Any:
    """Import geopandas, or raise :class:`MissingExtraError` naming the extra."""
    try:
        return importlib.import_module("geopandas")
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs geopandas, which is not installed; run: pip install 'geodist[geopandas]'"
        ) from None


def to_frame(results: Iterable[Result], *, geometry: bool = False) -> pandas.DataFrame:
    """A table of results, one row each: a pandas DataFrame, or a GeoDataFrame with ``geometry=True``.

    Parameters
    ----------
    results : iterable of Distance, Travel, Country or ArticleReport
        Any mix; the columns are the union of their ``to_dict()`` keys, in
        first-seen order, with units in the names (``distance_m``, ``total_s``,
        ``area_km2``) and nested records flattened (``start_lat``, ``capital_name``).
    geometry : bool
        Return a ``geopandas.GeoDataFrame`` in EPSG:4326 (lon/lat degrees) whose
        geometry is each result's ``__geo_interface__``: the geodesic (or touch
        point) of a Distance, the territory of a Country. Needs geopandas.

    Returns
    -------
    pandas.DataFrame or geopandas.GeoDataFrame

    Raises
    ------
    InputTypeError
        For something other than an iterable of those results (a single result
        or a string included), or, with ``geometry=True``, a result without a
        geometry (a Travel or an ArticleReport).
    MissingExtraError
        ``geometry=True`` without geopandas installed (an ImportError too).

    Examples
    --------
    >>> from geodist import distance
    >>> table = to_frame([distance("Iran", "Russia"), distance("Iran", "Russia", "capital")])
    >>> table[["method", "start_label", "end_label"]]
        method                start_label              end_label
    0   border                  Iran (IR)            Russia (RU)
    1  capital  Tehran, Iran (IR)  Moscow, Russia (RU)
    >>> (table["distance_m"] / 1000).round(1).tolist()
    [165.8, 2464.2]
    """
    if isinstance(results, (str, bytes, *_RESULT_TYPES)):
        raise InputTypeError(
            f"to_frame takes an iterable of results, not a single {type(results).__name__};"
            " wrap it in a list: to_frame([result])"
        )
    try:
        items = list(results)
    except TypeError:
        raise InputTypeError(f"to_frame takes an iterable of results, not {echo(results)}") from None
    for item in items:
        if not isinstance(item, _RESULT_TYPES):
            raise InputTypeError(
                f"to_frame takes Distance, Travel, Country or ArticleReport results, not {type(item).__name__}"
            )
    gpd = _geopandas("to_frame(..., geometry=True)") if geometry else None
    import pandas  # a core dependency, imported here because it is slow to import and only tables need it

    table = pandas.DataFrame(flat_rows([item.to_dict() for item in items]))
    if gpd is None:
        return table
    shapes = []
    for item in items:
        if not isinstance(item, (Distance, Country)):
            raise InputTypeError(f"a {type(item).__name__} has no geometry; use geometry=False")
        shapes.append(shapely.geometry.shape(item.__geo_interface__["geometry"]))
    return gpd.GeoDataFrame(table, geometry=shapes, crs=_CRS)


def countries_frame() -> pandas.DataFrame:
    """Every bundled country and territory as a GeoDataFrame in EPSG:4326, ordered by id.

    Columns: ``id``, ``name``, ``official_name``, ``alpha2``, ``alpha3``,
    ``numeric``, ``capital_name``, ``capital_lat``, ``capital_lon``,
    ``capital_note``, ``seat_name``, ``seat_lat``, ``seat_lon`` (seat of government, where it
    differs), ``centre_lat``, ``centre_lon`` (degrees; Google's table),
    ``un_member``, ``area_km2`` (on the WGS84 ellipsoid) and ``geometry``
    (the territory: a MultiPolygon in lon/lat degrees, split at ±180°).
    Missing values (a territory without a capital) are pandas' missing
    values. Namibia's id is the string "NA", kept as such in memory (pandas
    reads it back as missing from a CSV unless told otherwise).

    Raises
    ------
    MissingExtraError
        Without geopandas installed (an ImportError too).

    Examples
    --------
    >>> world = countries_frame()
    >>> len(world), world.crs.to_epsg()
    (255, 4326)
    >>> iran = world.set_index("alpha3").loc["IRN"]
    >>> iran["name"], iran["capital_name"], float(iran["area_km2"])
    ('Iran', 'Tehran', 1622497.3)
    """
    _geopandas("countries_frame()")
    return to_frame(all_countries(), geometry=True)
