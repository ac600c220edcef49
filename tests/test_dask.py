"""geodist on Dask: dask-geopandas in, lazy dask results out, the in-memory numbers to the bit.

Skipped without the extra (``pip install '.[dask]'``; the test extra includes it).
"""

import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import shapely

dask_geopandas = pytest.importorskip(
    "dask_geopandas", reason="the Dask adapter needs the dask extra: pip install '.[dask]'"
)
distributed = pytest.importorskip(
    "distributed", reason="the Dask adapter needs the dask extra: pip install '.[dask]'"
)

import dask  # noqa: E402  (after the skips: absent without the extra)
import dask.array as da  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import geopandas  # noqa: E402
from dask.callbacks import Callback  # noqa: E402

import geodist  # noqa: E402
from geodist import (  # noqa: E402
    CoordinateError,
    GeometryError,
    InputTypeError,
    InputValueError,
    distances_to,
    geometry_distances,
    locate,
    nearest_join,
)
from geodist.locate import COLUMNS  # noqa: E402
from geodist.on_dask import Shipped  # noqa: E402
from geodist.points import prepare_target  # noqa: E402

PARTITIONS = 5

# Six small territories (two of them touch: Belgium and Luxembourg), so that measuring
# every pair afresh (cached=False) takes about a second.
SMALL_COUNTRIES = ["Belgium", "Luxembourg", "Malta", "Cyprus", "Lesotho", "Iceland"]


def _points():
    """3,000 points around Iran, Lesotho and Fiji (across ±180°), with missing, empty and NaN points.

    Indexed 1000, 1003, 1006, ... (sorted, as dask-geopandas keeps it, but not 0, 1, 2).
    """
    rng = np.random.default_rng(11)
    lat = np.concatenate(
        [rng.uniform(20, 45, 1800), rng.uniform(-31, -28.5, 600), rng.uniform(-25, -10, 600)]
    )
    lon = np.concatenate([rng.uniform(38, 68, 1800), rng.uniform(27, 29.6, 600), rng.uniform(172, 188, 600)])
    geoms = list(shapely.points(lon, lat))
    geoms[7] = None
    geoms[1500] = shapely.Point()
    geoms[2500] = shapely.Point(np.nan, np.nan)
    return geopandas.GeoSeries(geoms, index=pd.RangeIndex(1000, 1000 + 3 * len(geoms), 3), crs=4326)


@pytest.fixture(scope="module")
def points():
    return _points()


@pytest.fixture(scope="module")
def dask_points(points):
    return dask_geopandas.from_geopandas(points, npartitions=PARTITIONS)


@pytest.fixture(scope="module")
def zones():
    return geopandas.GeoDataFrame(
        {"zone": ["tehran box", "caspian line", "lesotho box"]},
        geometry=[
            shapely.box(50.0, 34.0, 53.0, 37.0),
            shapely.LineString([(47.0, 42.0), (54.0, 37.0)]),
            shapely.box(27.5, -30.5, 29.0, -29.0),
        ],
        index=pd.Index([10, 20, 30]),
        crs=4326,
    )


def _keys(collection, prefix):
    """Graph keys (names) of ``collection`` whose name starts with ``prefix``."""
    names = [key[0] if isinstance(key, tuple) else key for key in dict(collection.__dask_graph__())]
    return [name for name in names if name.startswith(prefix)]


class _Count(Callback):
    """Counts the tasks the local schedulers run."""

    def __init__(self):
        super().__init__()
        self.tasks = 0

    def _pretask(self, key, dsk, state):
        self.tasks += 1


# The in-memory numbers, to the bit.


def test_distances_to_on_dask_equals_in_memory(points, dask_points):
    lazy = distances_to("Iran", dask_points)
    assert isinstance(lazy, dd.Series)
    assert lazy.npartitions == PARTITIONS
    expected = distances_to("Iran", points)
    result = lazy.compute()
    pd.testing.assert_series_equal(result, expected, check_exact=True)
    assert result.index.equals(points.index)
    assert result.isna().sum() == 3  # the missing, the empty and the NaN point
    assert (result == 0).sum() > 100  # many points lie in Iran


def test_distances_to_own_geometry_with_nearest_points(points, dask_points, zones):
    caspian = zones.geometry.iloc[1]
    lazy = distances_to(caspian, dask_points, nearest_points=True)
    assert isinstance(lazy, geodist.TargetDistances)
    expected = distances_to(caspian, points, nearest_points=True)
    for got, want in zip(dask.compute(*lazy), expected, strict=True):  # one computation for the three
        pd.testing.assert_series_equal(got, want, check_exact=True)


def test_distances_to_part_of_a_country(points, dask_points):
    lazy = distances_to("Iran", dask_points, part="mainland")
    pd.testing.assert_series_equal(
        lazy.compute(), distances_to("Iran", points, part="mainland"), check_exact=True
    )


def test_distances_to_lat_lon_series_keeps_their_index(points):
    frame = pd.DataFrame({"lat": points.y.to_numpy(), "lon": points.x.to_numpy()}, index=points.index)
    lazy_frame = dd.from_pandas(frame, npartitions=PARTITIONS)
    result = distances_to("Iran", lazy_frame.lat, lazy_frame.lon).compute()
    expected = distances_to("Iran", frame.lat.to_numpy(), frame.lon.to_numpy())
    np.testing.assert_array_equal(result.to_numpy(), expected)
    assert result.index.equals(frame.index)
    assert result.name == "distance_m"


def test_locate_on_dask_equals_in_memory(points, dask_points):
    lazy = locate(dask_points)
    assert list(lazy.columns) == list(COLUMNS)
    result = lazy.compute()
    expected = locate(points)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    assert result.loc[1000 + 3 * 7].isna()[["id", "name", "distance_m"]].all()  # the missing point
    assert set(result.id.dropna()) >= {"IR", "LS", "ZA", "FJ"}


def test_locate_meta_matches_the_partitions(dask_points):
    lazy = locate(dask_points)
    computed = lazy.partitions[0].compute()
    assert dict(lazy.dtypes) == dict(computed.dtypes)


def test_locate_partition_of_missing_points_only_keeps_the_dtypes():
    missing = geopandas.GeoSeries([None, shapely.Point(), None, shapely.Point(51.4, 35.7)], crs=4326)
    result = locate(dask_geopandas.from_geopandas(missing, npartitions=2)).compute()
    expected = locate(missing)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)


def test_locate_lat_lon_series(points):
    frame = pd.DataFrame({"lat": points.y.to_numpy(), "lon": points.x.to_numpy()}, index=points.index)
    lazy_frame = dd.from_pandas(frame, npartitions=PARTITIONS)
    result = locate(lazy_frame.lat, lazy_frame.lon).compute()
    expected = locate(frame.lat.to_numpy(), frame.lon.to_numpy()).set_axis(frame.index)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)


def test_geometry_distances_on_dask_equals_in_memory(points, zones):
    left = points.iloc[::15]  # 200 rows: every row prepares its two shapes, as in memory
    shapes = [zones.geometry.iloc[k % 3] for k in range(len(left))]
    shapes[3] = None
    right = geopandas.GeoSeries(shapes, index=left.index, crs=4326)
    lazy = geometry_distances(
        dask_geopandas.from_geopandas(left, npartitions=4),
        dask_geopandas.from_geopandas(right, npartitions=4),
    )
    assert isinstance(lazy, dd.Series)
    pd.testing.assert_series_equal(lazy.compute(), geometry_distances(left, right), check_exact=True)


@pytest.mark.parametrize("how", ["inner", "left"])
def test_nearest_join_on_dask_equals_in_memory(points, zones, how):
    left = geopandas.GeoDataFrame(
        {"n": np.arange(len(points))}, geometry=points, index=points.index, crs=4326
    )
    lazy = nearest_join(
        dask_geopandas.from_geopandas(left, npartitions=PARTITIONS), zones, max_distance=500_000.0, how=how
    )
    assert isinstance(lazy, dask_geopandas.GeoDataFrame)
    result = lazy.compute()
    expected = nearest_join(left, zones, max_distance=500_000.0, how=how)
    assert isinstance(result, geopandas.GeoDataFrame)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    assert set(result.index_right.dropna()) == {10, 20, 30}


def test_nearest_join_of_a_geoseries(dask_points, points, zones):
    result = nearest_join(dask_points, zones.geometry, distance_col="metres").compute()
    pd.testing.assert_frame_equal(result, nearest_join(points, zones.geometry, distance_col="metres"))


# Lazy, and the prepared object once in the graph.


def test_nothing_is_measured_before_compute(dask_points, zones):
    counter = _Count()
    with counter:
        lazy = [
            distances_to("Iran", dask_points),
            locate(dask_points),
            nearest_join(dask_points, zones),
            geometry_distances(dask_points, dask_points),
        ]
    assert counter.tasks == 0
    with counter:
        lazy[0].compute(scheduler="sync")
    assert counter.tasks > PARTITIONS


def test_bad_points_raise_when_computed_not_before():
    frame = dd.from_pandas(pd.DataFrame({"lat": [10.0, 95.0], "lon": [0.0, 0.0]}), npartitions=1)
    lazy = distances_to("Iran", frame.lat, frame.lon)  # no error yet: nothing is read
    with pytest.raises(CoordinateError, match=r"\[-90, 90\]"):
        lazy.compute()


def test_the_target_is_one_task_of_the_graph(dask_points, zones):
    lazy = distances_to(zones.geometry.iloc[0], dask_points)
    assert len(_keys(lazy, "geodist-target")) == 1
    assert len(_keys(lazy, "_measure_partition")) == PARTITIONS
    assert len(_keys(locate(dask_points), "_world")) == 1
    assert len(_keys(nearest_join(dask_points, zones), "geodist-regions")) == 1


def test_shipped_target_is_prepared_again_when_unpickled():
    # Pickling drops shapely's preparation; a worker receiving the target prepares it once.
    shipped = Shipped(prepare_target(shapely.box(50.0, 34.0, 53.0, 37.0)))
    copy = pickle.loads(pickle.dumps(shipped))
    assert shapely.is_prepared(copy.value.area)
    assert copy.value.edges.__dict__.keys() >= {"piece_tree", "chunk_tree"}  # the k-d trees travel built
    lat, lon = np.array([35.0, 20.0]), np.array([51.0, 51.0])
    assert distances_to(copy.value, lat, lon).tolist() == distances_to(shipped.value, lat, lon).tolist()


# Errors, as in memory.


def test_non_4326_crs_is_refused_at_once(dask_points, zones):
    projected = dask_points.to_crs(3857)
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        distances_to("Iran", projected)
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        locate(projected)
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        nearest_join(projected, zones)
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        nearest_join(dask_points, zones.to_crs(3857))
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        geometry_distances(projected, projected)


def test_bad_target_and_regions_are_refused_at_once(dask_points):
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    with pytest.raises(GeometryError):
        distances_to(bowtie, dask_points)
    with pytest.raises(GeometryError):
        nearest_join(dask_points, geopandas.GeoSeries([bowtie], crs=4326))
    with pytest.raises(InputValueError, match="how"):
        nearest_join(dask_points, geopandas.GeoSeries([shapely.box(0, 0, 1, 1)], crs=4326), how="outer")


def test_dask_inputs_of_the_wrong_kind(dask_points, zones):
    frame = dd.from_pandas(pd.DataFrame({"lat": [1.0, 2.0], "lon": [3.0, 4.0]}), npartitions=1)
    with pytest.raises(InputTypeError, match="GeoSeries"):
        distances_to("Iran", dask_points.to_frame())
    with pytest.raises(InputTypeError, match="both be dask Series"):
        distances_to("Iran", frame.lat, np.array([3.0, 4.0]))
    with pytest.raises(InputTypeError, match="GeoSeries"):
        locate(da.from_array(np.array([1.0, 2.0])))
    with pytest.raises(InputTypeError, match="compute"):
        nearest_join(dask_points, dask_geopandas.from_geopandas(zones, npartitions=1))
    with pytest.raises(InputTypeError, match="dask-geopandas GeoSeries"):
        geometry_distances(dask_points, zones.geometry)


def test_partitions_must_pair(dask_points, points):
    other = dask_geopandas.from_geopandas(points, npartitions=PARTITIONS + 1)
    with pytest.raises(InputValueError, match="partitions"):
        geometry_distances(dask_points, other)
    frame = dd.from_pandas(pd.DataFrame({"lat": np.zeros(10), "lon": np.zeros(10)}), npartitions=2)
    with pytest.raises(InputValueError, match="partitions"):
        distances_to("Iran", frame.lat, frame.lon.repartition(npartitions=1))


def test_matrix_client_must_be_a_client():
    with pytest.raises(InputTypeError, match="Client"):
        geodist.matrix(SMALL_COUNTRIES, client="tcp://127.0.0.1:8786")


# Cold start: Dask stays out of the way when it is not used.


def test_cli_and_in_memory_paths_do_not_import_dask():
    code = (
        "import sys, numpy, geopandas, shapely\n"
        "from geodist.cli import main\n"
        "import geodist\n"
        "main(['Iran', 'Russia'])\n"
        "geodist.distances_to('Iran', [35.7], [51.4])\n"
        "geodist.distances_to('Iran', geopandas.GeoSeries([shapely.Point(51.4, 35.7)], crs=4326))\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'dask_geopandas'))\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# On a distributed cluster.


@pytest.fixture(scope="module")
def client():
    # Threads in this process (processes=False) start in a tenth of a second; the
    # slow test below starts worker processes, which pickle what they receive.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_distances_to_on_a_local_cluster(client, points, dask_points):
    result = client.compute(distances_to("Iran", dask_points)).result()
    pd.testing.assert_series_equal(result, distances_to("Iran", points), check_exact=True)


def test_matrix_on_a_local_cluster(client):
    done = []
    result = geodist.matrix(
        SMALL_COUNTRIES, cached=False, client=client, progress=lambda d, t: done.append((d, t))
    )
    expected = geodist.matrix(SMALL_COUNTRIES, cached=False, workers=1)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    assert result.loc["BE", "LU"] == 0.0
    assert done[-1] == (len(done), len(done))  # a row per task, the progress told


@pytest.mark.slow
def test_worker_processes_give_the_same_numbers(points, dask_points, zones):
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        target = zones.geometry.iloc[0]
        got_distances, got_located = dask.compute(distances_to(target, dask_points), locate(dask_points))
        got_matrix = geodist.matrix(SMALL_COUNTRIES, cached=False, client=client)
    pd.testing.assert_series_equal(got_distances, distances_to(target, points), check_exact=True)
    pd.testing.assert_frame_equal(got_located, locate(points), check_exact=True)
    pd.testing.assert_frame_equal(got_matrix, geodist.matrix(SMALL_COUNTRIES, cached=False, workers=1))


_THREADED_LOCATE = """
import numpy as np, geopandas, shapely, dask, dask_geopandas, geodist
rng = np.random.default_rng(3)
lon, lat = rng.uniform(-180, 180, 3000), rng.uniform(-60, 70, 3000)
points = geopandas.GeoSeries(shapely.points(lon, lat), crs=4326)
lazy = dask_geopandas.from_geopandas(points, npartitions=6)
with dask.config.set(scheduler="threads", num_workers=4):
    for _ in range(3):
        geodist.locate(lazy).compute()
        geodist.distances_to("Iran", lazy).compute()
print("ok")
"""


@pytest.mark.slow
def test_threads_share_prepared_geometries_safely():
    # Partitions on threads share one prepared target (and locate's world): GEOS prepared
    # geometries are not safe to query from two threads at once, so containment holds a lock.
    # Before the lock this crashed the interpreter (segfault or malloc abort) in 5 of 6 runs.
    done = subprocess.run(
        [sys.executable, "-c", _THREADED_LOCATE], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
