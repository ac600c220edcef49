"""geodist on Dask: the bulk functions on dask-geopandas and dask.dataframe inputs, lazily.

:func:`geodist.distances_to`, :func:`geodist.locate`,
:func:`geodist.geometry_distances` and :func:`geodist.nearest_join` hand their
Dask inputs to the functions of the same name here (the test for a Dask input,
:func:`geodist._dask_input.is_dask`, imports nothing). Each returns a lazy Dask
collection built with ``map_partitions``: every partition is measured by the
in-memory code, so the numbers are the same to the bit, the index is kept, and
nothing is measured before ``.compute()`` (or ``.persist()``, or a write).

The prepared target, the indexed regions of a join, and the world of
:func:`locate` enter the graph once, as one task (``dask.delayed``), that every
partition's task depends on. A distributed scheduler therefore sends the
prepared object to each worker once, not once per partition; on arrival it
prepares its shapely geometries again (pickling drops shapely's preparation),
and its k-d trees travel built.

``geodist.matrix(..., client=client)`` runs the rows of the border matrix as
tasks on a ``dask.distributed`` client (:func:`matrix_rows`).

Dask is imported on first use (this module imports without it), and geodist
reaches this module only for a Dask input or a client. Install with
``pip install 'geodist[dask]'``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geodist import join, pairs
from geodist import points as bulk
from geodist.countries import country
from geodist.datasets import NATURAL_EARTH, check_data
from geodist.engine.edges import EdgeSet
from geodist.errors import InputTypeError, InputValueError, MissingExtraError
from geodist.frame import _geopandas
from geodist.locate import Regions, find, regions_from, table
from geodist.locate import _world as world_regions
from geodist.points import PreparedTarget, TargetDistances
from geodist.territory import Part, PartChoice

__all__ = ["distances_to", "geometry_distances", "locate", "matrix_rows", "nearest_join"]

_STR = pd.Series(["a"]).dtype
"""The dtype pandas gives a column of strings (``str`` in pandas 3, object before): locate's ``id`` and ``name``."""


@dataclass(frozen=True)
class Located:
    """Regions indexed for :func:`geodist.locate.find`, and what to call each: the world, or a join's right side.

    Attributes
    ----------
    regions : geodist.locate.Regions
        The regions' index.
    ids, names : tuple of str
        For the world: each territory's id and name (else empty).
    right_columns : pandas.DataFrame or None
        For a join: the right side's columns, without its geometry.
    """

    regions: Regions
    ids: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    right_columns: Any = None


class Shipped:
    """A prepared target or set of regions, as it travels in a Dask graph.

    Made on the client: the lazily built k-d trees of its boundary pieces are
    built first, so that they travel built. Unpickled on a worker: its shapely
    geometries are prepared again (pickling keeps a geometry but not its
    preparation), once, before any task uses it.

    Attributes
    ----------
    value : PreparedTarget or Located
    """

    def __init__(self, value: PreparedTarget | Located) -> None:
        self.value = value
        for edges in _edge_sets(value):
            for name in bulk._LAZY_TABLES:
                getattr(edges, name)

    def __getstate__(self) -> PreparedTarget | Located:
        return self.value

    def __setstate__(self, value: PreparedTarget | Located) -> None:
        self.value = value
        shapely.prepare(np.asarray(_areas(value), dtype=object))


def _edge_sets(value: PreparedTarget | Located) -> list[EdgeSet]:
    if isinstance(value, PreparedTarget):
        return [value.edges]
    return [edges for edges, _ in value.regions.edge_sets]


def _areas(value: PreparedTarget | Located) -> list[shapely.Geometry]:
    if isinstance(value, PreparedTarget):
        return [value.area]
    return [area for area in value.regions.prepared if area is not None]


def _dask() -> Any:
    """The ``dask`` module, with ``dask.dataframe`` loaded; or MissingExtraError naming the extra."""
    try:
        import dask
        import dask.dataframe
    except ImportError:
        raise MissingExtraError(
            "geodist on Dask needs dask, distributed and dask-geopandas; run: pip install 'geodist[dask]'"
        ) from None
    return dask


def _ship(value: PreparedTarget | Located, what: str) -> Any:
    """``value`` as one task of its own in a graph (a Delayed), wrapped to travel prepared."""
    return _dask().delayed(Shipped(value), name=f"geodist-{what}-{uuid.uuid4().hex}", traverse=False)


# Points: a GeoSeries, or latitude and longitude Series.


def _point_args(lat: Any, lon: Any) -> tuple[Any, ...]:
    """The dask collections holding the points, checked: (GeoSeries,) or (lat, lon).

    Raises
    ------
    InputTypeError
        Anything but a dask(-geopandas) GeoSeries of points, or two dask Series
        of latitudes and longitudes.
    InputValueError
        Latitude and longitude Series in different numbers of partitions.
    """
    dd = _dask().dataframe
    if lon is None:
        if not isinstance(lat, dd.Series) or not hasattr(lat, "crs"):
            raise InputTypeError(
                f"on Dask, give a dask-geopandas GeoSeries of points, or dask Series of latitudes and"
                f" longitudes; got {type(lat).__name__} (a GeoDataFrame: pass its .geometry)"
            )
        return (lat,)
    if not (isinstance(lat, dd.Series) and isinstance(lon, dd.Series)):
        raise InputTypeError(
            "on Dask, latitudes and longitudes must both be dask Series (from one dask DataFrame, say);"
            f" got {type(lat).__name__} and {type(lon).__name__}"
        )
    if lat.npartitions != lon.npartitions:
        raise InputValueError(
            f"latitudes and longitudes are in {lat.npartitions} and {lon.npartitions} partitions;"
            " take both from one dask DataFrame"
        )
    return lat, lon


def _meta(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """The empty pandas objects standing for each dask collection of ``args``."""
    return tuple(a._meta for a in args)


def _coordinates(parts: tuple[Any, ...]) -> tuple[Any, np.ndarray, np.ndarray]:
    """A partition's index and flat latitude and longitude arrays (degrees), checked as in memory."""
    if len(parts) == 1:
        index, lat, lon, _ = bulk.coordinates(parts[0], None)
    else:
        index = parts[0].index
        _, lat, lon, _ = bulk.coordinates(parts[0], parts[1])
    return index, np.ascontiguousarray(lat).ravel(), np.ascontiguousarray(lon).ravel()


def _measure_partition(*args: Any) -> Any:
    """One partition of :func:`distances_to`: a Series of metres, or a DataFrame with the nearest points."""
    *parts, shipped, nearest_points, threads = args
    index, lat, lon = _coordinates(tuple(parts))
    target = shipped.value
    dist, near_lat, near_lon = bulk.measure(target.edges, target.area, lat, lon, threads)
    if not nearest_points:
        return pd.Series(dist, index=index, name="distance_m")
    return pd.DataFrame({"distance_m": dist, "nearest_lat": near_lat, "nearest_lon": near_lon}, index=index)


def distances_to(
    target: Any,
    lat: Any,
    lon: Any = None,
    *,
    nearest_points: bool = False,
    part: PartChoice | None = None,
    workers: int = 1,
    data: str | None = None,
) -> Any:
    """:func:`geodist.distances_to` on Dask: a lazy dask Series of metres.

    Parameters
    ----------
    target
        As for :func:`geodist.distances_to`; prepared here, once, and shipped to
        each worker once.
    lat, lon : dask Series
        A dask-geopandas GeoSeries of points in EPSG:4326 (``lon`` left out), or
        dask Series of latitudes and longitudes, degrees, in the same partitions.
    nearest_points : bool
        Also the target's nearest points: a TargetDistances of three dask
        Series, from one computation (compute them together, with
        ``dask.compute(*result)``, to measure once).
    part, workers, data
        As for :func:`geodist.distances_to` (``workers``: threads within each
        partition's task).

    Returns
    -------
    dask.dataframe.Series or TargetDistances
        Named ``distance_m``, indexed like the points (like ``lat`` for two Series).

    Raises
    ------
    CoordinateError
        At once, a GeoSeries in another CRS than EPSG:4326; when computed, a
        latitude beyond ±90°, an infinity, or geometries that are not points.
    InputTypeError, InputValueError, GeometryError, PartError, GeodistError
        At once, as :func:`geodist.distances_to` does for its target and ``workers``,
        and for points that are not a GeoSeries or two Series of the same partitions.
    """
    threads = bulk.check_workers(workers)
    args = _point_args(lat, lon)
    where = bulk.prepare_target(target, part=part, data=data)
    meta = _measure_partition(*_meta(args), Shipped(where), nearest_points, threads)
    out = _dask().dataframe.map_partitions(
        _measure_partition,
        *args,
        _ship(where, "target"),
        nearest_points,
        threads,
        meta=meta,
        align_dataframes=False,
    )
    if not nearest_points:
        return out
    return TargetDistances(out["distance_m"], out["nearest_lat"], out["nearest_lon"])


def _world(data: str) -> Shipped:
    """Every bundled territory's regions index, ids and names in a data set, to ship (built once per process)."""
    countries, regions = world_regions(data)
    return Shipped(Located(regions, tuple(c.id for c in countries), tuple(c.name for c in countries)))


def _locate_partition(*args: Any) -> Any:
    """One partition of :func:`locate`: the DataFrame of :func:`geodist.locate`."""
    *parts, shipped, threads = args
    index, lat, lon = _coordinates(tuple(parts))
    world = shipped.value
    found = find(world.regions, lat, lon, threads)
    return _strings(table(world.ids, world.names, found, index))


def _strings(table: pd.DataFrame) -> pd.DataFrame:
    """``id`` and ``name`` as pandas' string dtype, also in a partition whose points are all missing."""
    for column in ("id", "name"):
        if table[column].dtype != _STR:
            table[column] = table[column].astype(_STR)
    return table


def locate(lat: Any, lon: Any = None, *, workers: int = 1, data: str | None = None) -> Any:
    """:func:`geodist.locate` on Dask: a lazy dask DataFrame, one row per point.

    Parameters
    ----------
    lat, lon : dask Series
        As for :func:`distances_to`.
    workers : int
        Threads within each partition's task.
    data : {"naturalearth", "osm"}, optional
        The boundary data set, as for :func:`geodist.locate`.

    Returns
    -------
    dask.dataframe.DataFrame
        The columns of :data:`geodist.locate.COLUMNS`, indexed like the points.
        The world's index is built by one task (on one worker, for a distributed
        scheduler) and sent to the others once.

    Raises
    ------
    CoordinateError, InputTypeError, InputValueError
        As :func:`distances_to`.
    """
    threads = bulk.check_workers(workers)
    args = _point_args(lat, lon)
    empty = np.empty(0)
    found = (np.empty(0, dtype=np.intp), np.empty(0, dtype=bool), empty, empty, empty)
    index, _, _ = _coordinates(_meta(args))
    meta = _strings(table((), (), found, index))
    dask = _dask()
    world = dask.delayed(_world, pure=True)(check_data(data))
    return dask.dataframe.map_partitions(
        _locate_partition, *args, world, threads, meta=meta, align_dataframes=False
    )


def _pairs_partition(left: Any, right: Any) -> Any:
    return pairs.geometry_distances(left, right)


def geometry_distances(left: Any, right: Any) -> Any:
    """:func:`geodist.geometry_distances` on Dask: a lazy dask Series of metres.

    Parameters
    ----------
    left, right : dask-geopandas GeoSeries
        In the same number of partitions, paired partition by partition and
        then by position (as when both are columns of one dask GeoDataFrame).

    Returns
    -------
    dask.dataframe.Series
        Indexed like ``left``.

    Raises
    ------
    InputTypeError
        One side not a dask GeoSeries.
    InputValueError
        At once, different numbers of partitions; when computed, partitions of
        different lengths.
    CoordinateError, GeometryError
        At once, another CRS than EPSG:4326; when computed, as in memory.
    """
    dd = _dask().dataframe
    for side, values in (("left", left), ("right", right)):
        if not isinstance(values, dd.Series) or not hasattr(values, "crs"):
            raise InputTypeError(
                f"on Dask, {side} must be a dask-geopandas GeoSeries too, not {type(values).__name__}"
            )
    if left.npartitions != right.npartitions:
        raise InputValueError(
            f"left and right are in {left.npartitions} and {right.npartitions} partitions;"
            " give both in the same partitions (two columns of one dask GeoDataFrame, say)"
        )
    meta = _pairs_partition(left._meta, right._meta)
    return dd.map_partitions(_pairs_partition, left, right, meta=meta, align_dataframes=False)


def _join_partition(
    left: Any, shipped: Shipped, max_distance: float | None, distance_col: str, how: str, threads: int
) -> Any:
    """One partition of :func:`nearest_join`."""
    lat, lon = join.left_points(left)
    located = shipped.value
    assert isinstance(located, Located)
    owner, _, dist, _, _ = find(located.regions, lat, lon, threads)
    return join.joined(left, located.right_columns, owner, dist, max_distance, distance_col, how)


def nearest_join(
    left: Any,
    right: Any,
    *,
    max_distance: float | None = None,
    distance_col: str = "distance_m",
    how: str = "inner",
    workers: int = 1,
) -> Any:
    """:func:`geodist.nearest_join` on Dask: a lazy dask-geopandas GeoDataFrame.

    Parameters
    ----------
    left : dask-geopandas GeoDataFrame or GeoSeries
        Points in EPSG:4326.
    right : GeoDataFrame or GeoSeries
        The regions, in memory: indexed here, once, and shipped to each worker once.
    max_distance, distance_col, how, workers
        As for :func:`geodist.nearest_join`.

    Returns
    -------
    dask_geopandas.GeoDataFrame
        ``left``'s partitions joined, with its index (and divisions).

    Raises
    ------
    InputTypeError
        ``left`` not a dask-geopandas collection, or ``right`` not in memory.
    CoordinateError, GeometryError, InputValueError
        At once, as :func:`geodist.nearest_join` does for the regions, the CRS
        and the options; when computed, for the points.
    """
    join.check_options(max_distance, how)
    threads = bulk.check_workers(workers)
    geopandas = _geopandas("nearest_join")
    dd = _dask().dataframe
    if not (isinstance(left, (dd.Series, dd.DataFrame)) and hasattr(left, "crs")):
        raise InputTypeError(
            f"on Dask, left must be a dask-geopandas GeoDataFrame or GeoSeries, not {type(left).__name__}"
        )
    if not isinstance(right, (geopandas.GeoSeries, geopandas.GeoDataFrame)):
        raise InputTypeError(
            f"right must be a GeoSeries or GeoDataFrame in memory, not {type(right).__name__}"
            + ("; call .compute() on it first" if hasattr(right, "compute") else "")
        )
    left_frame = left.to_frame() if isinstance(left, dd.Series) else left
    right_frame = right.to_frame() if isinstance(right, geopandas.GeoSeries) else right
    join.check_crs(right_frame.crs)
    regions = regions_from(list(right_frame.geometry.values))
    located = Located(regions, right_columns=right_frame.drop(columns=right_frame.geometry.name))
    meta = _join_partition(left_frame._meta, Shipped(located), max_distance, distance_col, how, threads)
    return left_frame.map_partitions(
        _join_partition,
        _ship(located, "regions"),
        max_distance,
        distance_col,
        how,
        threads,
        meta=meta,
        align_dataframes=False,
    )


# The border matrix on a dask.distributed client.


def check_client(client: object) -> None:
    """Refuse anything but a ``dask.distributed.Client`` (InputTypeError)."""
    try:
        import distributed
    except ImportError:
        raise MissingExtraError(
            "matrix(client=...) needs distributed; run: pip install 'geodist[dask]'"
        ) from None
    if not isinstance(client, distributed.Client):
        raise InputTypeError(f"client must be a dask.distributed Client, not {type(client).__name__}")


def _row_task(
    ids: Sequence[str], part: Part | str | Any, data: Sequence[str], i: int, js: list[int]
) -> np.ndarray:
    """Row ``i`` of the border matrix, columns ``js``: :func:`geodist.matrix_rows.measure_row_m`, on a worker.

    Only the territories of the row are prepared (once per worker process, as
    every bundled territory is).
    """
    from geodist.matrix import _part_of
    from geodist.matrix_rows import measure_row_m

    mine = [_part_of(country(ids[k], data=data[k]), part) for k in (i, *js)]
    return measure_row_m(mine, 0, list(range(1, len(js) + 1)))


def matrix_rows(
    client: Any,
    ids: Sequence[str],
    part: Part | str | Any,
    rows: Sequence[tuple[int, list[int]]],
    data: Sequence[str] | None = None,
) -> Iterator[tuple[int, list[int], np.ndarray]]:
    """Measure rows of the border matrix as tasks on ``client``: (i, js, metres), in the order they finish.

    Each row is the batch :func:`geodist.matrix_rows.measure_row` measures in
    process, so the numbers are the same. The workers load the bundled
    countries themselves (geodist must be installed on them), each from its
    data set (``data``, one name per id; Natural Earth when None).
    """
    import distributed

    sets = tuple(data) if data is not None else (NATURAL_EARTH,) * len(ids)
    task = partial(_row_task, tuple(ids), part, sets)
    futures = client.map(task, [i for i, _ in rows], [js for _, js in rows], pure=False)
    which = {future.key: row for future, row in zip(futures, rows, strict=True)}
    for future, values in distributed.as_completed(futures, with_results=True):
        i, js = which[future.key]
        yield i, js, values
