"""Many points to one territory, vectorised: exact geodesic distances on WGS84 in bulk.

:func:`distances_to` measures arrays of points (or a GeoSeries of points) to one
target: a bundled country, or a caller's (Multi)Polygon or (Multi)LineString in
lon/lat degrees. The numbers are those of the scalar path,
``geodist.distance(LatLon(...), country)``, to the bit: the same boundary
pieces (:mod:`geodist.engine.edges`) and the same exact per-piece minimisation
(:func:`geodist.engine.border.point_to_edges`, WGS84 geodesics by GeographicLib via
``pyproj.Geod.inv``); only the choice of which pieces to measure is done in bulk.

For each block of points:

1. containment: one pass of ``shapely.intersects_xy`` on the prepared geometry
   (a point on a polygon's boundary counts as inside, as ``covers`` does in the
   scalar path; for a line, a point on it); those points are at 0 m;
2. an upper bound U per point: the exact distance to the few pieces whose ECEF
   centres are nearest (a k-d tree query);
3. candidates: the chunks, then the pieces, whose enclosing balls come within
   the longest chord a geodesic of length U can have (a chord is never longer
   than its geodesic, :func:`geodist.engine.border.chord_limit`), and, for points
   more than :data:`GEODESIC_TEST_M` away, whose representative point (for chunks) or midpoint (for pieces) is within U plus
   their geodesic radius (triangle inequality; the geodesic bounded from below
   by :func:`geodist.engine.lower_bound.geodesic_lower_bound_m`). No piece that
   could hold the minimum is dropped;
4. the exact minimum over the surviving pieces (the first ones are not measured twice).

Points far from the target keep more candidates (from far away, a long stretch
of boundary lies within a few kilometres of the nearest distance), so they cost
more than points near it.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, TypeAlias, overload

import numpy as np
import shapely
from numpy.typing import NDArray

from geodist._dask_input import is_dask
from geodist.countries import Country, country
from geodist.engine.border import _SPHERE_SLACK, point_to_edges
from geodist.engine.bulk import _check, _points
from geodist.engine.edges import EdgeSet, ecef, edges_from_lines
from geodist.engine.geodesic import WGS84_A_M
from geodist.engine.lower_bound import geodesic_lower_bound_m
from geodist.errors import CoordinateError, GeometryError, InputTypeError, InputValueError, PartError, echo
from geodist.territory import PartChoice, from_geometry, parse_part, prepared

__all__ = ["PreparedTarget", "Target", "TargetDistances", "distances_to", "prepare_target"]

PREPARED_LOCK = threading.Lock()
"""Held for every containment test on a prepared geometry: GEOS builds a prepared geometry's
index lazily and its queries are not safe from two threads at once (Dask's threaded
schedulers run partitions, which share one prepared target, side by side)."""

BLOCK = 8192
"""Points measured together; bounds the memory of the candidate tables (a few MB per block)."""

GEODESIC_TEST_M = 100_000.0
"""Points farther than this from the target (metres) have their candidates tested by a geodesic bound too."""

_FIRST_PIECES = 1
"""Pieces nearest by ECEF centre measured exactly first, for each point's upper bound (1 measured fewest geodesics)."""

Target: TypeAlias = "str | int | Country | shapely.Geometry | PreparedTarget"
"""What :func:`distances_to` measures to: a country (query or Country), a shapely (Multi)Polygon or (Multi)LineString."""


class TargetDistances(NamedTuple):
    """Distances from points to a target, with the nearest point of the target for each.

    Attributes
    ----------
    distance_m : ndarray, pandas.Series or float
        Geodesic distance on WGS84, metres (0 inside a polygonal target).
    nearest_lat, nearest_lon : ndarray, pandas.Series or float
        The target's point nearest to each point, degrees; for a point inside, the
        point itself (its longitude as given); NaN for a missing point.
    """

    distance_m: Any
    nearest_lat: Any
    nearest_lon: Any


@dataclass(frozen=True, eq=False)
class PreparedTarget:
    """A target ready for measuring: its boundary pieces, and its prepared geometry.

    Made by :func:`prepare_target`; pass it to :func:`distances_to` again and
    again to measure to one of your own geometries without preparing it anew
    (a bundled country is prepared once per process anyway). A point the
    geometry covers (inside a polygon, on a line) is at distance 0.

    Attributes
    ----------
    edges : EdgeSet
        The boundary pieces, with their k-d trees (built on first use).
    area : shapely.Geometry
        The geometry, prepared for ``intersects_xy``.
    """

    edges: EdgeSet
    area: shapely.Geometry


def prepare_target(
    target: object, label: str = "target", part: object = None, data: str | None = None
) -> PreparedTarget:
    """Prepare a target for :func:`distances_to`, in the spirit of ``shapely.prepare``.

    Parameters
    ----------
    target : str, int, Country, shapely (Multi)Polygon or (Multi)LineString
        As for :func:`distances_to` (a PreparedTarget is returned as it is).
    label : str
        What to call it in error messages.
    part : optional
        A part of a country, as ``part=`` of :func:`distances_to`; refused for a geometry.
    data : {"naturalearth", "osm"}, optional
        For a country, the boundary data set, as ``data=`` of :func:`distances_to`.

    Returns
    -------
    PreparedTarget

    Raises
    ------
    GeometryError, PartError, InputTypeError, GeodistError
        As :func:`distances_to` does for its target.

    Examples
    --------
    >>> import shapely
    >>> lake = prepare_target(shapely.box(30.0, -3.0, 34.0, 0.5))
    >>> distances_to(lake, [0.0, 2.0], [32.0, 32.0]).round(1)
    array([     0. , 165862.3])
    """
    if isinstance(target, PreparedTarget) and part is None:
        return target
    if isinstance(target, (str, int, Country)) and not isinstance(target, bool):
        territory = prepared(country(target, data=data), parse_part(part))
        return PreparedTarget(territory.edges, territory.prepared_geometry)
    if part is not None:
        raise PartError(f"{label}: part= chooses a part of a country, not of a {type(target).__name__}")
    if isinstance(target, (shapely.Polygon, shapely.MultiPolygon)):
        territory = from_geometry(target, label)
        return PreparedTarget(territory.edges, territory.prepared_geometry)
    if isinstance(target, (shapely.LineString, shapely.MultiLineString)):
        if target.is_empty:
            raise GeometryError(f"{label}: the line is empty")
        west, south, east, north = target.bounds
        if west < -180 or east > 180 or south < -90 or north > 90:
            raise GeometryError(
                f"{label}: coordinates must be (longitude, latitude) degrees within [-180, 180] x [-90, 90];"
                f" got bounds {target.bounds}"
            )
        line = shapely.MultiLineString(list(shapely.get_parts(target)))
        shapely.prepare(line)
        return PreparedTarget(edges_from_lines(target), line)
    raise InputTypeError(
        f"cannot measure to {echo(target)}: give a country name or code, a Country, or a shapely"
        " (Multi)Polygon or (Multi)LineString in lon/lat degrees"
    )


@overload
def distances_to(
    target: Target,
    lat: Any,
    lon: Any = None,
    *,
    nearest_points: Literal[False] = False,
    part: PartChoice | None = None,
    workers: int = 1,
    data: str | None = None,
) -> Any: ...
@overload
def distances_to(
    target: Target,
    lat: Any,
    lon: Any = None,
    *,
    nearest_points: Literal[True],
    part: PartChoice | None = None,
    workers: int = 1,
    data: str | None = None,
) -> TargetDistances: ...


def distances_to(
    target: Target,
    lat: Any,
    lon: Any = None,
    *,
    nearest_points: bool = False,
    part: PartChoice | None = None,
    workers: int = 1,
    data: str | None = None,
) -> Any:
    """Exact geodesic distances on WGS84 from many points to one territory or line, in metres.

    The vectorised form of ``geodist.distance(LatLon(lat, lon), target)``: the
    same numbers (see the module notes), for arrays of points at once.

    Parameters
    ----------
    target : str, int, Country, shapely (Multi)Polygon, (Multi)LineString or PreparedTarget
        A country query (name or code) or a Country (whole, or the ``part``
        chosen); a target prepared by :func:`prepare_target`; or a
        caller's geometry in (longitude, latitude) degrees within [-180, 180] x
        [-90, 90], whose edges are straight lines in lon/lat as drawn (the
        convention of the bundled boundaries). A polygon must be valid.
    lat, lon : float or array_like
        Latitudes and longitudes of the points, degrees; broadcast together. Or,
        with ``lon`` left out, ``lat`` is a GeoSeries (or array) of shapely
        points in EPSG:4326, x longitude and y latitude. A GeoSeries without a
        CRS is read as EPSG:4326 (as :func:`geodist.distances` does); another
        CRS is refused. A dask-geopandas GeoSeries (or two dask Series) gives a
        lazy dask result instead (:func:`geodist.on_dask.distances_to`).
    nearest_points : bool
        Also return the target's nearest point for each point.
    part : {"whole", "mainland", "largest"}, str or LatLon, optional
        For a country, which part to measure to, as ``part=`` of
        :func:`geodist.distance` (default: the whole territory).
    workers : int
        Threads measuring blocks of points in parallel (default 1; the work runs
        in pyproj, scipy and numpy without the GIL). The results do not depend on it.
    data : {"naturalearth", "osm"}, optional
        For a country, the boundary data set (:mod:`geodist.datasets`): Natural
        Earth (the default) or OpenStreetMap. A Country given keeps its own
        unless ``data`` is given.

    Returns
    -------
    float, ndarray, pandas.Series or TargetDistances
        Metres: a float for scalar input, an ndarray of the broadcast shape for
        arrays, a Series with the input's index for a GeoSeries. With
        ``nearest_points=True``, a :class:`TargetDistances` of three such values.

    Raises
    ------
    CoordinateError
        A latitude outside [-90, 90] or an infinite value; a NaN in scalar input;
        a GeoSeries in another CRS than EPSG:4326; points that are not points.
    GeometryError
        An empty, invalid or out-of-range target geometry.
    PartError
        An unknown part, or ``part`` with a geometry target.
    InputTypeError
        A target of another kind, coordinates that are not numbers, or ``workers``
        not a whole number.
    InputValueError
        ``workers`` below 1.
    GeodistError
        An unknown or ambiguous country query.

    Notes
    -----
    A polygonal target gives 0 for a point inside it or on its boundary, a
    line for a point on it (as drawn in lon/lat, to floating point). A NaN
    coordinate in array input, and a missing (None) or empty point in a
    GeoSeries, give NaN (missing data passes through). Longitudes may take any
    finite value; they are wrapped into [-180, 180) as in the scalar path.

    The name follows :func:`geodist.distances` (point pairs, element-wise): here
    every point is measured *to* one target, which the name puts first.

    Examples
    --------
    >>> distances_to("Iran", [35.69, 38.0], [51.39, 44.0]).round(1)
    array([    0. , 19736.7])
    >>> import shapely
    >>> equator = shapely.LineString([(0, 0), (10, 0)])
    >>> distances_to(equator, [1.0, 0.0], [5.0, 12.0]).round(3)
    array([110574.389, 222638.982])
    """
    if is_dask(lat, lon):
        from geodist import on_dask

        return on_dask.distances_to(
            target, lat, lon, nearest_points=nearest_points, part=part, workers=workers, data=data
        )
    index, lat_a, lon_a, scalar = coordinates(lat, lon)
    threads = check_workers(workers)
    shape = lat_a.shape
    where = prepare_target(target, part=part, data=data)
    dist, near_lat, near_lon = measure(where.edges, where.area, lat_a.ravel(), lon_a.ravel(), threads)
    values = [dist.reshape(shape), near_lat.reshape(shape), near_lon.reshape(shape)]
    out: list[Any]
    if scalar:
        out = [float(v) for v in values]
    elif index is not None:
        import pandas as pd

        names = ("distance_m", "nearest_lat", "nearest_lon")
        out = [pd.Series(v, index=index, name=n) for v, n in zip(values, names, strict=True)]
    else:
        out = values
    return TargetDistances(*out) if nearest_points else out[0]


def measure(
    edges: EdgeSet,
    area: shapely.Geometry,
    lat: NDArray[np.float64],
    lon: NDArray[np.float64],
    workers: int = 1,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Distance (m) and nearest point (lat, lon degrees) of a target for each point, flat arrays.

    ``area`` is the target's prepared geometry: points it covers (``intersects_xy``,
    exact in lon/lat like the edges) are at 0 m and their own nearest point.
    Coordinates must be checked already; NaN gives NaN. ``workers`` threads
    measure the points outside (see :func:`nearest_in_blocks`).
    """
    n = len(lat)
    dist = np.full(n, np.nan)
    near_lat, near_lon = np.full(n, np.nan), np.full(n, np.nan)
    wrapped = (lon + 180.0) % 360.0 - 180.0
    todo = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    if len(todo):
        with PREPARED_LOCK:
            inside = shapely.intersects_xy(area, wrapped[todo], lat[todo])
        hit = todo[inside]
        dist[hit], near_lat[hit], near_lon[hit] = 0.0, lat[hit], lon[hit]
        todo = todo[~inside]
    d, nlat, nlon, _ = nearest_in_blocks(edges, wrapped[todo], lat[todo], workers)
    dist[todo], near_lat[todo], near_lon[todo] = d, nlat, nlon
    return dist, near_lat, near_lon


def coordinates(lat: Any, lon: Any) -> tuple[Any, NDArray[np.float64], NDArray[np.float64], bool]:
    """Points as given to :func:`distances_to` and :func:`geodist.locate`, checked.

    Returns the GeoSeries index (or None), latitudes and longitudes as float64
    arrays broadcast together (degrees), and whether both were scalars.

    Raises
    ------
    InputTypeError, CoordinateError
        Values that are not numbers, shapes that do not broadcast, a latitude
        beyond ±90° or an infinity (NaN passes, as in :func:`geodist.distances`).
    """
    index = None
    if lon is None:
        index = series_index(lat)
        lat, lon = _points(lat)
    scalar = bool(np.ndim(lat) == 0 and np.ndim(lon) == 0)
    try:
        lat_a, lon_a = (np.asarray(v, dtype=np.float64) for v in (lat, lon))
    except TypeError as exc:
        raise InputTypeError(f"coordinates must be numbers of degrees: {exc}") from None
    except ValueError as exc:
        raise CoordinateError(f"coordinates must be numbers of degrees: {exc}") from None
    try:
        lat_a, lon_a = np.broadcast_arrays(lat_a, lon_a)
    except ValueError as exc:
        raise CoordinateError(f"latitudes and longitudes do not broadcast together: {exc}") from None
    _check(lat_a, lon_a, lat_a, lon_a, scalar)
    return index, lat_a, lon_a, scalar


def series_index(values: object) -> Any:
    """The index of a pandas Series (a GeoSeries among them), else None."""
    import pandas as pd

    return values.index if isinstance(values, pd.Series) else None


def check_workers(workers: object) -> int:
    """``workers`` as a positive whole number of threads.

    Raises
    ------
    InputTypeError
        For anything but a whole number.
    InputValueError
        For fewer than 1.
    """
    if isinstance(workers, bool) or not isinstance(workers, (int, np.integer)):
        raise InputTypeError(f"workers must be a whole number of threads, got {echo(workers)}")
    if workers < 1:
        raise InputValueError(f"workers must be at least 1, got {workers}")
    return int(workers)


_LAZY_TABLES = (
    "piece_tree",
    "chunk_tree",
    "chunk_start",
    "chunk_size",
    "chunk_rep",
    "chunk_radius",
    "chunk_geo_radius",
    "mid_lon",
    "mid_lat",
    "mid_units",
)
"""The cached properties of an EdgeSet that :func:`nearest_on_edges` reads."""


def nearest_in_blocks(
    edges: EdgeSet, lon: NDArray[np.float64], lat: NDArray[np.float64], workers: int = 1
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.intp]]:
    """:func:`nearest_on_edges` block by block (:data:`BLOCK` points), on ``workers`` threads.

    The work is in pyproj, scipy and numpy calls that release the GIL, so threads
    run in parallel. The edge set's lazily built indexes are built first, once.
    """
    blocks = [slice(start, start + BLOCK) for start in range(0, len(lon), BLOCK)]
    if workers > 1 and len(blocks) > 1:
        for name in _LAZY_TABLES:
            getattr(edges, name)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(lambda b: nearest_on_edges(edges, lon[b], lat[b]), blocks))
    else:
        parts = [nearest_on_edges(edges, lon[b], lat[b]) for b in blocks]
    if not parts:
        return nearest_on_edges(edges, lon, lat)
    d, nlat, nlon, piece = (np.concatenate(column) for column in zip(*parts, strict=True))
    return d, nlat, nlon, piece


def nearest_on_edges(
    edges: EdgeSet, lon: NDArray[np.float64], lat: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.intp]]:
    """Exact nearest point of a boundary to each point: distance (m), its lat, lon (degrees), and its piece.

    The bulk form of :func:`geodist.engine.border.nearest_to_point`, with the pruning
    of the module notes. ``lon`` must lie in [-180, 180]; no NaN.
    """
    n = len(lon)
    if n == 0:
        empty = np.empty(0)
        return empty, empty, empty, np.empty(0, dtype=np.intp)
    xyz = ecef(lon, lat)
    k = min(_FIRST_PIECES, len(edges))
    _, first = edges.piece_tree.query(xyz, k=k)
    first = np.asarray(first, dtype=np.intp).reshape(n, k)
    first_point, first_piece = np.repeat(np.arange(n), k), first.ravel()
    first_d, first_u = _to_pieces(edges, lon, lat, first_point, first_piece)
    upper = first_d.reshape(n, k).min(axis=1)
    reach = _chord_limit(upper)

    # Chunks whose balls come within reach, then their pieces, then the geodesic test.
    hits = edges.chunk_tree.query_ball_point(xyz, reach + edges.chunk_radius.max())
    counts = np.fromiter(map(len, hits), dtype=np.intp, count=n)
    chunk = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.intp, count=int(counts.sum()))
    point = np.repeat(np.arange(n), counts)
    gap = np.linalg.norm(edges.chunk_centre[chunk] - xyz[point], axis=1) - edges.chunk_radius[chunk]
    keep = gap <= reach[point]
    chunk, point = chunk[keep], point[keep]
    keep = _geodesic_test(
        lon, lat, point, edges.chunk_rep[chunk], edges.chunk_geo_radius[chunk], upper, edges
    )
    chunk, point = chunk[keep], point[keep]
    size = edges.chunk_size[chunk]
    point = np.repeat(point, size)
    piece = np.repeat(edges.chunk_start[chunk], size) + (
        np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
    )
    gap = np.linalg.norm(edges.centre[piece] - xyz[point], axis=1) - edges.radius[piece]
    keep = gap <= reach[point]
    piece, point = piece[keep], point[keep]
    keep = _geodesic_test(lon, lat, point, piece, edges.radius[piece], upper, edges)
    piece, point = piece[keep], point[keep]

    # The first pieces are measured already: measure the others, then take the best of all.
    again = np.zeros(len(piece), dtype=bool)
    for column in range(k):
        again |= piece == first[point, column]
    point, piece = point[~again], piece[~again]
    d, u = _to_pieces(edges, lon, lat, point, piece)
    point, piece = np.concatenate([point, first_point]), np.concatenate([piece, first_piece])
    d, u = np.concatenate([d, first_d]), np.concatenate([u, first_u])
    order = np.lexsort((d, point))
    best = order[np.r_[True, point[order][1:] != point[order][:-1]]]
    # Every point has its first pieces' rows, so every point has a row here.
    at = point[best]
    j, ub = piece[best], u[best]
    dist, near_lat, near_lon = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    found = np.full(n, -1, dtype=np.intp)
    dist[at], found[at] = d[best], j
    near_lon[at] = edges.lon0[j] + ub * (edges.lon1[j] - edges.lon0[j])
    near_lat[at] = edges.lat0[j] + ub * (edges.lat1[j] - edges.lat0[j])
    return dist, near_lat, near_lon, found


def _geodesic_test(
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    point: NDArray[np.intp],
    piece: NDArray[np.intp],
    reach: NDArray[np.float64],
    upper: NDArray[np.float64],
    edges: EdgeSet,
) -> NDArray[np.bool_]:
    """Which rows may hold the minimum: the geodesic to the piece's midpoint, less ``reach``, is within ``upper``.

    The geodesic is bounded from below by Lambert's formula less a margin
    (:mod:`geodist.engine.lower_bound`), five times cheaper than measuring it.
    Only rows of points farther than :data:`GEODESIC_TEST_M` are tested: nearer,
    the chord test before it is almost as tight (chord and geodesic differ by
    about s³/24R², 8 m at 100 km, against pieces up to 10 km long).
    """
    far = np.flatnonzero(upper[point] > GEODESIC_TEST_M)
    keep = np.ones(len(point), dtype=bool)
    if len(far):
        p, j = point[far], piece[far]
        to_mid = geodesic_lower_bound_m(
            lon[p], lat[p], edges.mid_lon[j], edges.mid_lat[j], units2=edges.mid_units[j]
        )
        keep[far] = to_mid - reach[far] <= upper[p]
    return keep


def _to_pieces(
    edges: EdgeSet,
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    point: NDArray[np.intp],
    piece: NDArray[np.intp],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact distance (m) and edge parameter of the nearest point, for (point, piece) rows."""
    return point_to_edges(
        lon[point], lat[point], edges.lon0[piece], edges.lat0[piece], edges.lon1[piece], edges.lat1[piece]
    )


def _chord_limit(geodesic_m: NDArray[np.float64]) -> NDArray[np.float64]:
    """:func:`geodist.engine.border.chord_limit`, element-wise: the longest chord of a geodesic this long, metres."""
    scaled = np.minimum(np.pi / 2, geodesic_m / (2 * WGS84_A_M * _SPHERE_SLACK))
    return np.asarray(np.minimum(geodesic_m, 2 * WGS84_A_M * np.sin(scaled)), dtype=np.float64)
