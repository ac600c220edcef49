"""Reading a geometry's edges as geodesics instead of lon/lat lines, by densifying them.

GIS files draw an edge between two vertices as a straight line in longitude and
latitude, and geodist measures edges that way. S2, BigQuery and PostGIS's
``geography`` read the same edge as the geodesic (on a sphere, for them) between
its vertices. :func:`densify_geodesic` turns the second reading into the first:
it adds vertices along each edge's WGS84 geodesic, so that the lon/lat lines
between them stay within a stated distance of it, and every geodist function
then measures the geodesic reading.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray

from geodist.engine.geodesic import WGS84
from geodist.errors import GeometryError, InputValueError

__all__ = ["MAX_PIECES_PER_EDGE", "densify_geodesic"]

MAX_PIECES_PER_EDGE = 2**20
"""The most pieces one edge is cut into (1 m pieces on the longest geodesic are 2**24; a smaller bound is asked then)."""


def densify_geodesic(geometry: shapely.Geometry, max_deviation_m: float = 0.01) -> shapely.Geometry:
    """The same geometry with its edges following WGS84 geodesics, as lon/lat lines close to them.

    Parameters
    ----------
    geometry : shapely (Multi)Polygon or (Multi)LineString
        In (longitude, latitude) degrees within [-180, 180] x [-90, 90]. Each
        edge is read as the shortest geodesic between its two vertices.
    max_deviation_m : float
        How far, in metres, the lon/lat pieces may stray from the geodesic,
        measured at each piece's midpoint (for pieces this short the two curves
        are farthest apart there, to second order in the piece's length).

    Returns
    -------
    shapely.Geometry
        Of the same type, with vertices added along the geodesics (the original
        vertices are kept).

    Raises
    ------
    GeometryError
        An edge spanning 180° of longitude or more (its geodesic would cross
        ±180°: split it there first), or a geometry of another type.
    InputValueError
        A deviation that is not a positive number of metres.

    Examples
    --------
    >>> import shapely
    >>> edge = shapely.LineString([(0, 60), (40, 60)])   # along the 60th parallel, as drawn
    >>> arc = densify_geodesic(edge, max_deviation_m=1.0)  # the geodesic bulges towards the pole
    >>> round(max(y for _, y in arc.coords), 2)
    61.52
    """
    if not (
        isinstance(max_deviation_m, (int, float)) and max_deviation_m > 0 and np.isfinite(max_deviation_m)
    ):
        raise InputValueError(f"max_deviation_m must be a positive number of metres, got {max_deviation_m!r}")
    if isinstance(geometry, shapely.Polygon):
        return _polygon(geometry, max_deviation_m)
    if isinstance(geometry, shapely.MultiPolygon):
        return shapely.MultiPolygon([_polygon(p, max_deviation_m) for p in geometry.geoms])
    if isinstance(geometry, shapely.LineString):
        return shapely.LineString(_path(np.asarray(geometry.coords), max_deviation_m))
    if isinstance(geometry, shapely.MultiLineString):
        return shapely.MultiLineString([_path(np.asarray(g.coords), max_deviation_m) for g in geometry.geoms])
    raise GeometryError(f"expected a (Multi)Polygon or (Multi)LineString, got {type(geometry).__name__}")


def _polygon(polygon: shapely.Polygon, tolerance: float) -> shapely.Polygon:
    if polygon.is_empty:
        return polygon
    return shapely.Polygon(
        _path(np.asarray(polygon.exterior.coords), tolerance),
        [_path(np.asarray(ring.coords), tolerance) for ring in polygon.interiors],
    )


def _path(coords: NDArray[np.float64], tolerance: float) -> NDArray[np.float64]:
    """Vertices along the geodesics between consecutive ``coords`` (lon, lat rows)."""
    if len(coords) < 2:
        return coords
    lon0, lat0, lon1, lat1 = coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1]
    if np.any(np.abs(lon1 - lon0) >= 180.0):
        raise GeometryError(
            "an edge spans 180° of longitude or more: its geodesic would cross ±180°; split it there first"
        )
    azimuth, _, length = WGS84.inv(lon0, lat0, lon1, lat1)
    azimuth, length = np.asarray(azimuth), np.asarray(length)
    pieces = np.ones(len(lon0), dtype=np.int64)
    todo = np.flatnonzero(length > 0)
    while len(todo):
        worst = _worst_deviation(lon0, lat0, azimuth, length, pieces, todo)
        todo = todo[worst > tolerance]
        if np.any(pieces[todo] >= MAX_PIECES_PER_EDGE):
            raise InputValueError(
                f"max_deviation_m={tolerance} needs more than {MAX_PIECES_PER_EDGE:,} pieces on an edge; ask for less"
            )
        pieces[todo] *= 2
    _, lon, lat = _points_along(lon0, lat0, azimuth, length, pieces, np.arange(len(lon0)))
    out = np.column_stack([lon, lat])
    # Keep the original vertices exactly (the geodesic's end is them to rounding).
    starts = np.r_[0, np.cumsum(pieces)[:-1]]
    out[starts] = coords[:-1]
    return np.vstack([out, coords[-1:]])


def _points_along(
    lon0: NDArray[np.float64],
    lat0: NDArray[np.float64],
    azimuth: NDArray[np.float64],
    length: NDArray[np.float64],
    pieces: NDArray[np.int64],
    edges: NDArray[np.intp],
    offset: float = 0.0,
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.float64]]:
    """For each edge, the points at (k + offset) / pieces of its geodesic, k = 0 .. pieces - 1."""
    count = pieces[edges]
    edge = np.repeat(edges, count)
    k = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    fraction = (k + offset) / pieces[edge]
    lon, lat, _ = WGS84.fwd(lon0[edge], lat0[edge], azimuth[edge], fraction * length[edge])
    lon = np.asarray(lon)
    # fwd wraps longitudes into [-180, 180]; the edge does not cross ±180°, so
    # bring each point back next to the edge's start.
    lon = lon0[edge] + (lon - lon0[edge] + 180.0) % 360.0 - 180.0
    return edge, lon, np.asarray(lat)


def _worst_deviation(
    lon0: NDArray[np.float64],
    lat0: NDArray[np.float64],
    azimuth: NDArray[np.float64],
    length: NDArray[np.float64],
    pieces: NDArray[np.int64],
    edges: NDArray[np.intp],
) -> NDArray[np.float64]:
    """Per edge, the largest gap (m) between a piece's lon/lat midpoint and its geodesic midpoint."""
    edge, lon_a, lat_a = _points_along(lon0, lat0, azimuth, length, pieces, edges)
    _, lon_b, lat_b = _points_along(lon0, lat0, azimuth, length, pieces, edges, offset=1.0)
    _, lon_m, lat_m = _points_along(lon0, lat0, azimuth, length, pieces, edges, offset=0.5)
    _, _, gap = WGS84.inv((lon_a + lon_b) / 2, (lat_a + lat_b) / 2, lon_m, lat_m)
    worst = np.zeros(len(lon0))
    np.maximum.at(worst, edge, np.asarray(gap))
    return worst[edges]
