"""Benchmark the distance engine; prints figures and ratios against baselines run here.

    python benchmarks/bench_distance.py [--pairs 1000000] [--skip-matrix]

1. Iran–Russia nearest-border distance: the first call in this process (data
   load and edge preparation included) and warm calls (median of 200), beside
   the naive baseline (shapely nearest points in lon/lat degrees, then one
   geodesic: fast but wrong by up to ~10 km, see the tests).
2. The full border matrix of every bundled territory (about 32,000 pairs) on
   all cores, beside the same matrix on one core.
3. Bulk point-to-point distances: geodist.distances against raw pyproj
   Geod.inv on the same arrays (best of 5 each).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000, help="point pairs for the bulk test")
    parser.add_argument("--skip-matrix", action="store_true", help="skip the full matrix (takes ~1 min)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    import geodist

    import_s = time.perf_counter() - t0
    print(f"machine: {os.cpu_count()} cores; import geodist {import_s * 1e3:.0f} ms")

    # 1. Iran–Russia
    first = timed(lambda: geodist.distance("Iran", "Russia"))[0]
    warm = statistics.median(timed(lambda: geodist.distance("Iran", "Russia"), 200))
    import pyproj
    import shapely.ops

    geod = pyproj.Geod(ellps="WGS84")
    iran, russia = geodist.country("IR").territory, geodist.country("RU").territory

    def naive() -> float:
        a, b = shapely.ops.nearest_points(iran, russia)
        return geod.inv(a.x, a.y, b.x, b.y)[2]

    naive()
    naive_s = statistics.median(timed(naive, 20))
    km = geodist.distance("Iran", "Russia").km
    print("\n1. Iran–Russia nearest border")
    print(f"   geodist first call      {first * 1e3:8.1f} ms  (loads data, prepares edges)")
    print(f"   geodist warm            {warm * 1e3:8.2f} ms  -> {km:.3f} km      target < 5 ms")
    print(
        f"   naive shapely baseline  {naive_s * 1e3:8.2f} ms  -> {naive() / 1000:.3f} km (planar, not exact)"
    )
    print(f"   ratio geodist/naive     {warm / naive_s:8.2f}")

    # 2. Full matrix
    if not args.skip_matrix:
        from geodist.matrix import border_matrix_m
        from geodist.territory import prepared

        everything = list(geodist.all_countries())
        prep = timed(lambda: [prepared(c).edges.chunk_tree for c in everything])[0]
        pairs = len(everything) * (len(everything) - 1) // 2
        workers = os.cpu_count() or 1
        parallel = timed(lambda: border_matrix_m(everything, workers=workers))[0]
        single = timed(lambda: border_matrix_m(everything, workers=1))[0]
        print(
            f"\n2. Border matrix, {len(everything)} territories, {pairs:,} pairs (edge preparation {prep:.1f} s)"
        )
        print(
            f"   {workers} workers               {parallel:8.1f} s  ({parallel / pairs * 1e3:.2f} ms/pair)   target < 20 s"
        )
        print(f"   1 worker                {single:8.1f} s")
        print(f"   speed-up                {single / parallel:8.2f}x")

    # 3. Bulk points
    rng = np.random.default_rng(42)
    n = args.pairs
    lat1, lat2 = rng.uniform(-90, 90, n), rng.uniform(-90, 90, n)
    lon1, lon2 = rng.uniform(-180, 180, n), rng.uniform(-180, 180, n)
    ours = min(timed(lambda: geodist.distances(lat1, lon1, lat2, lon2), 5))
    raw = min(timed(lambda: geod.inv(lon1, lat1, lon2, lat2), 5))
    same = np.array_equal(geodist.distances(lat1, lon1, lat2, lon2), geod.inv(lon1, lat1, lon2, lat2)[2])
    print(f"\n3. Bulk point distances, {n:,} pairs")
    print(f"   geodist.distances       {ours / n * 1e6:8.3f} µs/pair")
    print(f"   raw pyproj Geod.inv     {raw / n * 1e6:8.3f} µs/pair")
    print(f"   ratio geodist/pyproj    {ours / raw:8.2f}   target <= 1.2; identical results: {same}")


if __name__ == "__main__":
    main()
