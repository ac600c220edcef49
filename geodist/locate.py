"""Where is each point? The bundled territory that holds it, or the nearest one, vectorised.

:func:`locate` answers for arrays of points at once:

- containment: a shapely ``STRtree`` over every polygon of every bundled
  territory, queried with all the points in one call for bounding boxes, then
  one ``intersects_xy`` per territory on its prepared geometry (a point on a
  boundary is inside);
- a point in no territory (at sea, in Antarctic waters, on a ship) is measured
  to the boundaries of all territories together, one set of boundary pieces for
  the world (:class:`geodist.engine.edges.EdgeSet`), with the bounded exact search of
  :func:`geodist.points.nearest_on_edges`. Its distance is the minimum over
  every territory of ``geodist.distance(LatLon(...), territory)``, exact on
  WGS84 for the boundaries as drawn.

The world's pieces and index are built on the first call (a few seconds) and
kept for the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from geodist._dask_input import is_dask
from geodist.countries import Country, all_countries
from geodist.datasets import NATURAL_EARTH, check_data, source
from geodist.engine.edges import EdgeSet, edges_from_lines
from geodist.points import BLOCK, PREPARED_LOCK, check_workers, coordinates, nearest_in_blocks, prepare_target

__all__ = ["COLUMNS", "locate"]

COLUMNS = ("id", "name", "inside", "distance_m", "nearest_lat", "nearest_lon")
"""The columns of :func:`locate`'s table, in order."""


@dataclass(frozen=True)
class Regions:
    """Many regions (polygons or lines), indexed for containment and for the nearest search.

    Attributes
    ----------
    polygon_owner : ndarray of int
        For each polygon in ``tree``, the region it belongs to.
    tree : shapely.STRtree or None
        The regions' polygons (None when no region is polygonal).
    prepared : tuple
        Each region's prepared geometry (None for a region that is only lines).
    edge_sets : tuple of (EdgeSet, ndarray)
        Boundary pieces of all polygons, and of all lines, each with the region
        owning each of its parts.
    """

    polygon_owner: NDArray[np.intp]
    tree: shapely.STRtree | None
    prepared: tuple[shapely.Geometry | None, ...]
    edge_sets: tuple[tuple[EdgeSet, NDArray[np.intp]], ...]


def regions_from(geometries: Sequence[shapely.Geometry], *, check: bool = True) -> Regions:
    """Index regions given as shapely (Multi)Polygons or (Multi)LineStrings in lon/lat degrees.

    ``check=False`` skips the validity checks (for the bundled territories, checked at build).

    Raises
    ------
    GeometryError
        For a region that is not a valid polygon or a line within [-180, 180] x [-90, 90].
    """
    polygons: list[shapely.Polygon] = []
    lines: list[shapely.LineString] = []
    polygon_owner: list[int] = []
    line_owner: list[int] = []
    prepared: list[shapely.Geometry | None] = []
    for k, geometry in enumerate(geometries):
        if check:
            prepare_target(geometry, f"region {k}")
        parts = list(shapely.get_parts(geometry))
        if isinstance(geometry, (shapely.Polygon, shapely.MultiPolygon)):
            polygons += parts
            polygon_owner += [k] * len(parts)
            area = shapely.MultiPolygon(parts)
            shapely.prepare(area)
            prepared.append(area)
        else:
            lines += parts
            line_owner += [k] * len(parts)
            prepared.append(None)
    edge_sets = []
    if polygons:
        edge_sets.append(
            (
                EdgeSet.from_multipolygon(shapely.MultiPolygon(polygons)),
                np.asarray(polygon_owner, dtype=np.intp),
            )
        )
    if lines:
        edge_sets.append(
            (edges_from_lines(shapely.MultiLineString(lines)), np.asarray(line_owner, dtype=np.intp))
        )
    return Regions(
        polygon_owner=np.asarray(polygon_owner, dtype=np.intp),
        tree=shapely.STRtree(polygons) if polygons else None,
        prepared=tuple(prepared),
        edge_sets=tuple(edge_sets),
    )


@cache
def _world(data: str = NATURAL_EARTH) -> tuple[tuple[Country, ...], Regions]:
    """Every bundled territory of a data set, in id order, and their regions index (built once per set)."""
    countries = tuple(c.on(data) for c in all_countries())
    return countries, regions_from([c.territory for c in countries], check=False)


def _containing(world: Regions, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.intp]:
    """Index of the first region (in their order) that covers each point, or -1.

    The tree gives the polygons whose bounding boxes hold a point; each territory
    with such a polygon then tests its points in one ``intersects_xy`` call on its
    prepared geometry (a tree query with a predicate would test unprepared polygons).
    """
    held = np.full(len(lon), -1, dtype=np.intp)
    if world.tree is None:
        return held
    point, polygon = world.tree.query(shapely.points(lon, lat))
    pairs = np.unique(np.column_stack([world.polygon_owner[polygon], point]), axis=0)
    if len(pairs) == 0:
        return held
    starts = np.flatnonzero(np.r_[True, pairs[1:, 0] != pairs[:-1, 0]])
    # Regions in descending order, so that the first is written last.
    for first, stop in reversed(list(zip(starts, [*starts[1:], len(pairs)], strict=True))):
        who, rows = pairs[first, 0], pairs[first:stop, 1]
        with PREPARED_LOCK:  # prepared geometries are shared between threads
            inside = shapely.intersects_xy(world.prepared[who], lon[rows], lat[rows])
        held[rows[inside]] = who
    return held


def find(
    regions: Regions, lat: NDArray[np.float64], lon: NDArray[np.float64], workers: int = 1
) -> tuple[
    NDArray[np.intp], NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]
]:
    """For each point, the region holding it or the nearest: region (-1 if missing), inside, distance, nearest point.

    Flat arrays of checked degrees (NaN allowed). A point inside a region is its
    own nearest point (longitude as given) at 0 m.
    """
    n = len(lat)
    owner = np.full(n, -1, dtype=np.intp)
    dist, near_lat, near_lon = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    wrapped = (lon + 180.0) % 360.0 - 180.0
    todo = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    for start in range(0, len(todo), BLOCK):
        block = todo[start : start + BLOCK]
        owner[block] = _containing(regions, wrapped[block], lat[block])
    inside = owner >= 0
    dist[inside], near_lat[inside], near_lon[inside] = 0.0, lat[inside], lon[inside]
    out = todo[~inside[todo]]
    for edges, part_owner in regions.edge_sets:
        d, nlat, nlon, piece = nearest_in_blocks(edges, wrapped[out], lat[out], workers)
        better = ~(d >= dist[out])  # NaN (no answer yet) counts as worse
        rows = out[better]
        owner[rows] = part_owner[edges.part[piece[better]]]
        dist[rows], near_lat[rows], near_lon[rows] = d[better], nlat[better], nlon[better]
    return owner, inside, dist, near_lat, near_lon


def locate(lat: Any, lon: Any = None, *, workers: int = 1, data: str | None = None) -> Any:
    """For each point, the bundled territory that contains it, or else the nearest one and how far it is.

    Parameters
    ----------
    lat, lon : float or array_like
        Latitudes and longitudes of the points, degrees; broadcast together and
        flattened (row-major). Or, with ``lon`` left out, ``lat`` is a GeoSeries
        (or array) of shapely points in EPSG:4326 (read as EPSG:4326 without a
        CRS; another CRS is refused). A dask-geopandas GeoSeries (or two dask
        Series) gives a lazy dask DataFrame (:func:`geodist.on_dask.locate`).
    workers : int
        Threads measuring the points at sea in parallel (default 1; see
        :func:`geodist.distances_to`). The results do not depend on it.
    data : {"naturalearth", "osm"}, optional
        The boundary data set (:mod:`geodist.datasets`): Natural Earth (the
        default) or OpenStreetMap; ``DataFrame.attrs["boundaries"]`` names it.

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
    if is_dask(lat, lon):
        from geodist import on_dask

        return on_dask.locate(lat, lon, workers=workers, data=data)
    index, lat_b, lon_b, _ = coordinates(lat, lon)
    lat_a, lon_a = (np.ascontiguousarray(a).ravel() for a in (lat_b, lon_b))
    threads = check_workers(workers)

    chosen = check_data(data)
    countries, world = _world(chosen)
    found = find(world, lat_a, lon_a, threads)
    frame = table([c.id for c in countries], [c.name for c in countries], found, index)
    frame.attrs["boundaries"] = source(chosen)
    return frame


def table(
    ids: Sequence[str],
    names: Sequence[str],
    found: tuple[
        NDArray[np.intp], NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]
    ],
    index: Any = None,
) -> Any:
    """:func:`locate`'s DataFrame from :func:`find`'s answer over regions with these ids and names.

    Indexed by ``index``, else 0, 1, ...
    """
    import pandas as pd

    owner, inside, dist, near_lat, near_lon = found
    n = len(owner)
    known = owner >= 0
    id_column = np.full(n, None, dtype=object)
    name_column = np.full(n, None, dtype=object)
    id_column[known] = [ids[k] for k in owner[known]]
    name_column[known] = [names[k] for k in owner[known]]
    return pd.DataFrame(
        {
            "id": id_column,
            "name": name_column,
            "inside": inside,
            "distance_m": dist,
            "nearest_lat": near_lat,
            "nearest_lon": near_lon,
        },
        index=index if index is not None else pd.RangeIndex(n),
    )
