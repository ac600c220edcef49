"""Benchmark geodist on Dask: distances_to and locate on a LocalCluster of 1, then 2 workers, against in memory.

    python benchmarks/bench_dask.py [--points 2000000] [--locate-points 1000000] [--partitions 32] [--workers 1,2]

Needs the dask extra (``pip install '.[dask]'``). In one run:

1. the points, made on the workers (``dask.dataframe.from_map``: each partition
   draws its own, from its own seed, so no point travels from this process) and
   persisted before timing: a dask-geopandas GeoSeries in EPSG:4326. For
   ``distances_to``, "near" points, uniform in area in Iran's bounding box
   widened by 10° (inside, border and sea points mix, as in bench_points.py);
   for ``locate``, points anywhere on Earth;
2. for each number of workers, a ``LocalCluster`` of that many worker processes
   of one thread each: ``geodist.distances_to("Iran", points).compute()`` and
   ``geodist.locate(points).compute()``, timed from the call to the pandas result
   in this process (the graph, the target or world shipped once per worker, the
   measuring, and the results gathered). Every worker first imports geodist and
   prepares Iran and the world's index (kept per process), so that start-up is
   not timed: the world is still sent from the worker that makes its task to the others;
3. the baseline: the same points gathered into this process and measured in
   memory, ``geodist.distances_to("Iran", geoseries)`` and ``geodist.locate(geoseries)``
   (one thread), warm; and a check that the numbers are identical.

Printed: seconds, µs per point, the speed-up of 2 workers over 1, and each
against in memory. (One timed run each: a second run of the same graph could
reuse results the scheduler still holds.)
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

SEED = 20261126
PAD_DEG = 10.0
"""How far the "near" box reaches beyond Iran's bounding box, degrees."""


def uniform_in_box(rng, n, south, north, west, east):
    """N points uniform in area within a lat/lon box (degrees)."""
    s, t = np.sin(np.radians(south)), np.sin(np.radians(north))
    return np.degrees(np.arcsin(rng.uniform(s, t, n))), rng.uniform(west, east, n)


def make_partition(k, size, box, offset):
    """Partition ``k``: ``size`` points uniform in ``box``, indexed from ``offset + k * size``."""
    import geopandas
    import pandas as pd
    import shapely

    lat, lon = uniform_in_box(np.random.default_rng([SEED, k]), size, *box)
    index = pd.RangeIndex(offset + k * size, offset + (k + 1) * size)
    return geopandas.GeoSeries(shapely.points(lon, lat), index=index, crs=4326)


def points_on_workers(n, partitions, box, offset=0):
    """A lazy dask-geopandas GeoSeries of ``n`` points (rounded to whole partitions), made by the workers."""
    import dask.dataframe as dd
    import dask_geopandas  # noqa: F401  (registers GeoSeries partitions: a dask-geopandas GeoSeries)

    size = max(1, n // partitions)
    meta = make_partition(0, 0, box, 0)
    divisions = [offset + k * size for k in range(partitions)] + [offset + partitions * size - 1]
    return dd.from_map(
        make_partition, range(partitions), size=size, box=box, offset=offset, meta=meta, divisions=divisions
    )


def warm() -> None:
    """On a worker: import geodist, load its data, and prepare Iran and the world's index (kept per process)."""
    from geodist.locate import _world
    from geodist.points import prepare_target

    prepare_target("Iran")
    _world()


def timed(what):
    """``what()`` and its time, seconds."""
    start = time.perf_counter()
    out = what()
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000, help="points for distances_to")
    parser.add_argument("--locate-points", type=int, default=1_000_000, help="points for locate (0 skips it)")
    parser.add_argument("--partitions", type=int, default=32, help="partitions of each set of points")
    parser.add_argument("--workers", default="1,2", help="numbers of worker processes, comma-separated")
    args = parser.parse_args()

    import distributed
    import pandas as pd

    import geodist

    counts = [int(w) for w in args.workers.split(",")]
    west, south, east, north = geodist.country("Iran").territory.bounds
    near = (max(-90.0, south - PAD_DEG), min(90.0, north + PAD_DEG), west - PAD_DEG, east + PAD_DEG)
    world = (-90.0, 90.0, -180.0, 180.0)
    jobs = {"distances_to Iran": (args.points, near, lambda p: geodist.distances_to("Iran", p))}
    if args.locate_points:
        jobs["locate"] = (args.locate_points, world, geodist.locate)
    print(f"machine: {os.cpu_count()} cores; {args.partitions} partitions; workers of one thread each")

    times: dict[str, dict[str, float]] = {name: {"in memory": 0.0} for name in jobs}
    results: dict[str, dict[str, object]] = {name: {} for name in jobs}
    sizes: dict[str, int] = {}
    for n_workers in counts:
        with (
            distributed.LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            for name, (n, box, run) in jobs.items():
                points = client.persist(points_on_workers(n, args.partitions, box))
                distributed.wait(points)
                sizes[name] = args.partitions * max(1, n // args.partitions)
                client.run(warm)
                run(points.partitions[0]).compute()  # and once through the whole path, on other keys
                result, seconds = timed(lambda: run(points).compute())  # noqa: B023
                times[name][f"{n_workers} worker(s)"] = seconds
                results[name][f"{n_workers} worker(s)"] = result
                if "in memory" not in results[name]:
                    in_memory = points.compute()
                    run(in_memory.iloc[:10])  # warm: data, edges, k-d trees, the world index
                    result, seconds = timed(lambda: run(in_memory))  # noqa: B023
                    times[name]["in memory"] = seconds
                    results[name]["in memory"] = result

    for name, row in times.items():
        n = sizes[name]
        base = row["in memory"]
        print(f"{name}: {n:,} points")
        for label, seconds in row.items():
            note = "" if label == "in memory" else f"; {base / seconds:.2f}x in memory"
            print(f"  {label:12} {seconds:8.2f} s  {seconds / n * 1e6:7.2f} µs/point{note}")
        if len(counts) > 1:
            first, last = f"{counts[0]} worker(s)", f"{counts[-1]} worker(s)"
            print(f"  speed-up, {counts[-1]} workers over {counts[0]}: {row[first] / row[last]:.2f}x")
        expected = results[name]["in memory"]
        same = all(_identical(got, expected, pd) for got in results[name].values())
        print(f"  numbers identical to in memory: {same}")


def _identical(got, expected, pd) -> bool:
    """The same values and index, NaN equal to NaN."""
    try:
        if isinstance(expected, pd.Series):
            pd.testing.assert_series_equal(got, expected, check_exact=True)
        else:
            pd.testing.assert_frame_equal(got, expected, check_exact=True)
    except AssertionError:
        return False
    return True


if __name__ == "__main__":
    main()
