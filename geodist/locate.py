"""Where is each point? The bundled territory that holds it, or the nearest one, vectorised.

:func:`locate` answers for arrays of points at once:

- containment: a shapely ``STRtree`` over every polygon of every bundled
  territory, queried with all the points in one call for bounding boxes, then
  one ``intersects_xy`` per territory on its prepared geometry (a point on a
  boundary is inside);
- a point in no territory (at sea, in Antarctic waters, on a ship) is measured
  to the boundaries of all territories together, one set of boundary pieces for
  the world (:class:`geodist._edges.EdgeSet`), with the bounded exact search of
  :func:`geodist.points.nearest_on_edges`. Its distance is the minimum over
  every territory of ``geodist.distance(LatLon(...), territory)``, exact on
  WGS84 for the boundaries as drawn.

The world's pieces and index are built on the first call (a few seconds) and
kept for the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from geodist._edges import EdgeSet
from geodist.bulk import _check, _points
from geodist.countries import Country, all_countries
from geodist.errors import CoordinateError, InputTypeError
from geodist.points import BLOCK, check_workers, nearest_in_blocks, series_index
from geodist.territory import prepared

__all__ = ["COLUMNS", "locate"]

COLUMNS = ("id", "name", "inside", "distance_m", "nearest_lat", "nearest_lon")
"""The columns of :func:`locate`'s table, in order."""


@dataclass(frozen=True)
class _World:
    """Every bundled territory's polygons, their index, and their boundary pieces as one set."""

    countries: tuple[Country, ...]
    polygon_country: NDArray[np.intp]
    tree: shapely.STRtree
    edges: EdgeSet
    prepared: tuple[shapely.MultiPolygon, ...]


@cache
def _world() -> _World:
    countries = tuple(all_countries())
    polygons: list[shapely.Polygon] = []
    owner: list[int] = []
    for k, c in enumerate(countries):
        parts = list(c.territory.geoms)
        polygons += parts
        owner += [k] * len(parts)
    return _World(
        countries=countries,
        polygon_country=np.asarray(owner, dtype=np.intp),
        tree=shapely.STRtree(polygons),
        edges=EdgeSet.from_multipolygon(shapely.MultiPolygon(polygons)),
        prepared=tuple(prepared(c).prepared_geometry for c in countries),
    )


def _containing(world: _World, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.intp]:
    """Index of the first territory (by id) that covers each point, or -1.

    The tree gives the polygons whose bounding boxes hold a point; each territory
    with such a polygon then tests its points in one ``intersects_xy`` call on its
    prepared geometry (a tree query with a predicate would test unprepared polygons).
    """
    point, polygon = world.tree.query(shapely.points(lon, lat))
    pairs = np.unique(np.column_stack([world.polygon_country[polygon], point]), axis=0)
    held = np.full(len(lon), -1, dtype=np.intp)
    if len(pairs) == 0:
        return held
    starts = np.flatnonzero(np.r_[True, pairs[1:, 0] != pairs[:-1, 0]])
    # Territories in descending id order, so that the first by id is written last.
    for first, stop in reversed(list(zip(starts, [*starts[1:], len(pairs)], strict=True))):
        who, rows = pairs[first, 0], pairs[first:stop, 1]
        inside = shapely.intersects_xy(world.prepared[who], lon[rows], lat[rows])
        held[rows[inside]] = who
    return held


def locate(lat: Any, lon: Any = None, *, workers: int = 1) -> Any:
    """For each point, the bundled territory that contains it, or else the nearest one and how far it is.

    Parameters
    ----------
    lat, lon : float or array_like
        Latitudes and longitudes of the points, degrees; broadcast together and
        flattened (row-major). Or, with ``lon`` left out, ``lat`` is a GeoSeries
        (or array) of shapely points in EPSG:4326 (read as EPSG:4326 without a
        CRS; another CRS is refused).
    workers : int
        Threads measuring the points at sea in parallel (default 1; see
        :func:`geodist.distances_to`). The results do not depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per point, indexed like the GeoSeries (else 0, 1, ...), with the
        columns of :data:`COLUMNS`:

        - ``id`` (str): the territory's stable id (:attr:`Country.id`);
        - ``name`` (str): its common English name;
        - ``inside`` (bool): whether the point lies in it (or on its boundary);
        - ``distance_m`` (float): geodesic distance on WGS84 to it, metres (0 inside);
        - ``nearest_lat``, ``nearest_lon`` (float): the territory's point nearest
          to the point, degrees (the point itself, as given, when inside).

        A missing point (NaN coordinate, None or empty geometry) gets a missing
        id and name (``pandas.isna`` is true), ``inside`` False and NaN numbers.

    Raises
    ------
    CoordinateError
        A latitude outside [-90, 90] or an infinite value; a NaN in scalar input;
        a GeoSeries in another CRS than EPSG:4326; points that are not points.
    InputTypeError
        Coordinates that are not numbers, or ``workers`` not a whole number.
    InputValueError
        ``workers`` below 1.

    Notes
    -----
    A point on a border between two territories, or where two overlap, is
    given to the first of them by id. A point at sea equally far from two
    territories (to the millimetre) is given to either.

    Examples
    --------
    >>> table = locate([35.69, 0.0], [51.39, 0.0])
    >>> table[["id", "name", "inside"]]
       id   name  inside
    0  IR   Iran    True
    1  GH  Ghana   False
    >>> round(float(table.distance_m[1]) / 1000, 3)
    569.819
    """
    import pandas as pd

    index = None
    if lon is None:
        index = series_index(lat)
        lat, lon = _points(lat)
    scalar = np.ndim(lat) == 0 and np.ndim(lon) == 0
    try:
        lat_a, lon_a = (np.asarray(v, dtype=np.float64) for v in (lat, lon))
    except TypeError as exc:
        raise InputTypeError(f"coordinates must be numbers of degrees: {exc}") from None
    except ValueError as exc:
        raise CoordinateError(f"coordinates must be numbers of degrees: {exc}") from None
    try:
        lat_a, lon_a = (np.ascontiguousarray(a).ravel() for a in np.broadcast_arrays(lat_a, lon_a))
    except ValueError as exc:
        raise CoordinateError(f"latitudes and longitudes do not broadcast together: {exc}") from None
    _check(lat_a, lon_a, lat_a, lon_a, scalar)
    threads = check_workers(workers)

    world = _world()
    n = len(lat_a)
    owner = np.full(n, -1, dtype=np.intp)
    inside = np.zeros(n, dtype=bool)
    dist, near_lat, near_lon = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    wrapped = (lon_a + 180.0) % 360.0 - 180.0
    todo = np.flatnonzero(np.isfinite(lat_a) & np.isfinite(lon_a))
    held = np.full(n, -1, dtype=np.intp)
    for start in range(0, len(todo), BLOCK):
        block = todo[start : start + BLOCK]
        held[block] = _containing(world, wrapped[block], lat_a[block])
    rows = todo[held[todo] >= 0]
    owner[rows], inside[rows], dist[rows] = held[rows], True, 0.0
    near_lat[rows], near_lon[rows] = lat_a[rows], lon_a[rows]
    sea = todo[held[todo] < 0]
    d, nlat, nlon, piece = nearest_in_blocks(world.edges, wrapped[sea], lat_a[sea], threads)
    owner[sea] = world.polygon_country[world.edges.part[piece]]
    dist[sea], near_lat[sea], near_lon[sea] = d, nlat, nlon

    known = owner >= 0
    ids = np.full(n, None, dtype=object)
    names = np.full(n, None, dtype=object)
    ids[known] = [world.countries[k].id for k in owner[known]]
    names[known] = [world.countries[k].name for k in owner[known]]
    return pd.DataFrame(
        {
            "id": ids,
            "name": names,
            "inside": inside,
            "distance_m": dist,
            "nearest_lat": near_lat,
            "nearest_lon": near_lon,
        },
        index=index if index is not None else pd.RangeIndex(n),
    )
