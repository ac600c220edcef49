"""Element-wise exact geodesic distances between two series of geometries, on WGS84.

:func:`geometry_distances` pairs the k-th geometry of one GeoSeries with the
k-th of another, for any mix of points, (Multi)LineStrings and (Multi)Polygons
in lon/lat degrees, and measures the shortest geodesic between them: 0 where
they meet (or one holds the other), else the nearest points of their edges
found by the exact engine (:mod:`geodist.engine.border`; edges are straight lines in
lon/lat, as drawn). Points go through :func:`geodist.points.distances_to`'s
path, and two points through ``pyproj.Geod.inv``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from geodist._dask_input import is_dask
from geodist.engine import border
from geodist.engine.bulk import _check
from geodist.engine.geodesic import WGS84
from geodist.errors import CoordinateError, GeometryError, InputValueError
from geodist.points import measure, prepare_target, series_index
from geodist.territory import from_geometry, touching

__all__ = ["geometry_distances"]

_POLYGONAL = (shapely.Polygon, shapely.MultiPolygon)
_LINEAR = (shapely.LineString, shapely.MultiLineString)


def geometry_distances(left: Any, right: Any) -> Any:
    """Exact geodesic distance on WGS84 between paired geometries, element-wise, in metres.

    Parameters
    ----------
    left, right : GeoSeries or array_like of shapely geometries
        Of the same length, paired by position (not aligned by index). Points,
        (Multi)LineStrings and valid (Multi)Polygons in (longitude, latitude)
        degrees within [-180, 180] x [-90, 90], EPSG:4326 (a GeoSeries without a
        CRS is read as such; another CRS is refused). Edges are straight lines in
        lon/lat as drawn. Two dask-geopandas GeoSeries give a lazy dask Series
        (:func:`geodist.on_dask.geometry_distances`).

    Returns
    -------
    pandas.Series or ndarray
        Metres: a Series with ``left``'s index when ``left`` is a GeoSeries (or a
        Series), else an ndarray. 0 where the two meet or one lies inside the
        other; NaN where either is missing (None) or empty.

    Raises
    ------
    CoordinateError
        A GeoSeries in another CRS than EPSG:4326; a point with a latitude
        beyond ±90° or an infinite coordinate (a NaN coordinate gives NaN).
    InputValueError
        Series of different lengths.
    GeometryError
        A geometry of another type (MultiPoint, GeometryCollection), an invalid
        polygon, or coordinates out of range.

    Notes
    -----
    Two lines or a line and a polygon meet when shapely says they intersect in
    lon/lat (exact for straight lon/lat edges); pieces that touch only across
    ±180° are measured (a few micrometres apart at most), except polygons, which
    are joined there as for the bundled countries. Each row prepares its two
    geometries anew: a row costs about what ``geometry_distance`` costs.

    Examples
    --------
    >>> import shapely
    >>> left = [shapely.Point(0.5, 1.0), shapely.box(0, 0, 1, 1), shapely.LineString([(0, 0), (0, 1)])]
    >>> right = [shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1), shapely.LineString([(1, 0), (1, 1)])]
    >>> geometry_distances(left, right).round(3)
    array([     0.   , 111302.649, 111302.649])
    """
    if is_dask(left, right):
        from geodist import on_dask

        return on_dask.geometry_distances(left, right)
    a, index = _geometries(left, "left")
    b, _ = _geometries(right, "right")
    if len(a) != len(b):
        raise InputValueError(f"left and right differ in length ({len(a)} and {len(b)}); pair them first")
    out = np.full(len(a), np.nan)
    for k, (ga, gb) in enumerate(zip(a, b, strict=True)):
        if ga is None or gb is None or ga.is_empty or gb.is_empty:
            continue
        out[k] = _pair(ga, gb, k)
    if index is None:
        return out
    import pandas as pd

    return pd.Series(out, index=index)


def _geometries(values: Any, side: str) -> tuple[list[Any], Any]:
    crs = getattr(values, "crs", None)
    if crs is not None and not crs.equals("EPSG:4326"):
        raise CoordinateError(
            f"{side}: geometries must be in EPSG:4326 (lon/lat degrees), not {crs.name!r}; use .to_crs(4326)"
        )
    index = series_index(values)
    geoms = list(np.asarray(getattr(values, "values", values), dtype=object).ravel())
    for g in geoms:
        if g is not None and not isinstance(g, (shapely.Point, *_POLYGONAL, *_LINEAR)):
            raise GeometryError(
                f"{side}: expected points, (Multi)LineStrings or (Multi)Polygons, got {type(g).__name__}"
            )
    return geoms, index


def _pair(a: shapely.Geometry, b: shapely.Geometry, row: int) -> float:
    if isinstance(b, shapely.Point) and not isinstance(a, shapely.Point):
        a, b = b, a
    if isinstance(a, shapely.Point):
        lat, lon = np.array([a.y]), np.array([a.x])
        if isinstance(b, shapely.Point):
            lat, lon = np.array([a.y, b.y]), np.array([a.x, b.x])
        try:
            _check(lat, lon, lat, lon, False)
        except CoordinateError as exc:
            raise CoordinateError(f"row {row}: {exc}") from None
        if isinstance(b, shapely.Point):
            return float(WGS84.inv(a.x, a.y, b.x, b.y)[2])  # NaN in, NaN out
        target = prepare_target(b, f"row {row}")
        dist, _, _ = measure(target.edges, target.area, lat, lon)
        return float(dist[0])
    if isinstance(a, _POLYGONAL) and isinstance(b, _POLYGONAL):
        pa, pb = from_geometry(a, f"row {row}"), from_geometry(b, f"row {row}")
        if touching(pa, pb):
            return 0.0
        return border.nearest_between(pa.edges, pb.edges).distance_m
    ta, tb = prepare_target(a, f"row {row}"), prepare_target(b, f"row {row}")
    if shapely.intersects(ta.area, b):
        return 0.0
    return border.nearest_between(ta.edges, tb.edges).distance_m
