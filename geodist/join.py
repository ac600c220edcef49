"""A geodesic nearest join: each point to the nearest of your regions, in metres on WGS84.

:func:`nearest_join` is in the spirit of ``geopandas.sjoin_nearest(left, right,
max_distance=..., distance_col=...)``, but measures exact geodesics on WGS84
(geopandas measures planar distances in the CRS's units, degrees for
EPSG:4326). The regions are indexed once (:func:`geodist.locate.regions_from`)
and every point is placed as :func:`geodist.locate` places it among the bundled
countries: in the region that contains it, else at the nearest one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from geodist._dask_input import is_dask
from geodist.engine.bulk import _points
from geodist.errors import CoordinateError, InputTypeError, InputValueError
from geodist.frame import _geopandas
from geodist.locate import find, regions_from
from geodist.points import check_workers

__all__ = ["nearest_join"]

_HOW = ("inner", "left")


def nearest_join(
    left: Any,
    right: Any,
    *,
    max_distance: float | None = None,
    distance_col: str = "distance_m",
    how: str = "inner",
    workers: int = 1,
) -> Any:
    """Join each point of ``left`` to the nearest region of ``right``, by exact geodesic distance.

    Parameters
    ----------
    left : GeoDataFrame or GeoSeries
        Points in EPSG:4326 (read as such without a CRS; another CRS is refused).
        A dask-geopandas one gives a lazy result (:func:`geodist.on_dask.nearest_join`).
    right : GeoDataFrame or GeoSeries
        Regions: valid (Multi)Polygons or (Multi)LineStrings in EPSG:4326,
        lon/lat degrees within [-180, 180] x [-90, 90], edges straight in lon/lat.
    max_distance : float, optional
        Metres; a point farther than this from every region has no match.
    distance_col : str
        Name of the column that receives the distance, metres (0 inside a region).
    how : {"inner", "left"}
        "inner" drops the points without a match (a missing point, or beyond
        ``max_distance``); "left" keeps them with missing values.
    workers : int
        Threads for the nearest search (see :func:`geodist.distances_to`).

    Returns
    -------
    GeoDataFrame
        ``left``'s rows and columns, then ``index_right`` (the matched row's label
        in ``right``), ``right``'s other columns (a name already in ``left`` gets
        the suffix ``_right``), and ``distance_col``. One match per point: a point
        inside several regions, or equally near to several, takes the first in
        ``right``'s order.

    Raises
    ------
    CoordinateError
        Inputs in another CRS than EPSG:4326, or a latitude beyond ±90°.
    GeometryError
        A region that is not a valid polygon or a line, or is out of range.
    InputValueError
        A negative ``max_distance``, or ``how`` not "inner" or "left".
    InputTypeError
        ``left`` or ``right`` that is not a GeoSeries or GeoDataFrame.
    MissingExtraError
        Without geopandas (``pip install 'geodist[geopandas]'``).

    Examples
    --------
    >>> import geopandas, shapely
    >>> ports = geopandas.GeoDataFrame(
    ...     {"port": ["a", "b"]}, geometry=[shapely.Point(0.5, 0.5), shapely.Point(2.5, 0.5)], crs=4326
    ... )
    >>> zones = geopandas.GeoDataFrame(
    ...     {"zone": ["west", "east"]}, geometry=[shapely.box(0, 0, 1, 1), shapely.box(2, 1, 3, 2)], crs=4326
    ... )
    >>> nearest_join(ports, zones)[["port", "zone", "distance_m"]].round(1)
      port  zone  distance_m
    0    a  west         0.0
    1    b  east     55287.2
    """
    if is_dask(left, right):
        from geodist import on_dask

        return on_dask.nearest_join(
            left, right, max_distance=max_distance, distance_col=distance_col, how=how, workers=workers
        )
    geopandas = _geopandas("nearest_join")
    check_options(max_distance, how)
    for side, frame in (("left", left), ("right", right)):
        if not isinstance(frame, (geopandas.GeoSeries, geopandas.GeoDataFrame)):
            raise InputTypeError(f"{side} must be a GeoSeries or GeoDataFrame, got {type(frame).__name__}")
    threads = check_workers(workers)
    left_frame = left.to_frame() if isinstance(left, geopandas.GeoSeries) else left
    right_frame = right.to_frame() if isinstance(right, geopandas.GeoSeries) else right
    check_crs(right_frame.crs)
    lat, lon = left_points(left_frame)
    regions = regions_from(list(right_frame.geometry.values))
    owner, _, dist, _, _ = find(regions, lat, lon, threads)
    right_columns = right_frame.drop(columns=right_frame.geometry.name)
    return joined(left_frame, right_columns, owner, dist, max_distance, distance_col, how)


def check_options(max_distance: float | None, how: str) -> None:
    """Refuse a ``how`` other than "inner" or "left", and a negative or NaN ``max_distance`` (InputValueError)."""
    if how not in _HOW:
        raise InputValueError(f"how must be one of {', '.join(map(repr, _HOW))}, got {how!r}")
    if max_distance is not None and not max_distance >= 0:
        raise InputValueError(f"max_distance must be a distance in metres, 0 or more, got {max_distance!r}")


def check_crs(crs: Any) -> None:
    """Refuse regions in another CRS than EPSG:4326 (CoordinateError); None is read as EPSG:4326."""
    if crs is not None and not crs.equals("EPSG:4326"):
        raise CoordinateError(
            f"right must be in EPSG:4326 (lon/lat degrees), not {crs.name!r}; use .to_crs(4326)"
        )


def left_points(left_frame: Any) -> tuple[Any, Any]:
    """Latitudes and longitudes (degrees, float64) of the points of ``left_frame``'s geometry, checked.

    Raises
    ------
    CoordinateError
        Points in another CRS than EPSG:4326, not points, a latitude beyond ±90° or an infinity.
    """
    lat, lon = _points(left_frame.geometry)
    lat, lon = np.ascontiguousarray(lat, dtype=np.float64), np.ascontiguousarray(lon, dtype=np.float64)
    if (np.abs(lat) > 90).any() or np.isinf(lat).any() or np.isinf(lon).any():
        raise CoordinateError("left: latitudes must lie in [-90, 90] degrees and coordinates be finite")
    return lat, lon


def joined(
    left_frame: Any,
    right_columns: Any,
    owner: Any,
    dist: Any,
    max_distance: float | None,
    distance_col: str,
    how: str,
) -> Any:
    """``left_frame`` joined to the rows ``owner`` of ``right_columns`` (-1: none), at ``dist`` metres."""
    matched = owner >= 0
    if max_distance is not None:
        matched &= dist <= max_distance
    right_columns = right_columns.rename(
        columns={c: f"{c}_right" for c in right_columns.columns if c in left_frame.columns}
    )
    rows = np.flatnonzero(matched)
    picked = right_columns.iloc[owner[rows]].reset_index(names="index_right")
    picked[distance_col] = dist[rows]
    if how == "inner":
        out = left_frame.iloc[rows].copy()
    else:  # by position, so that a repeated label in left's index does no harm
        picked = picked.set_axis(rows).reindex(np.arange(len(left_frame)))
        out = left_frame.copy()
    for column in picked.columns:  # by position, keeping each column's dtype (str stays str when all missing)
        out[column] = picked[column].set_axis(out.index)
    return out
