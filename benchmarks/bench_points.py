"""Benchmark many points at once: distances_to (points to Iran) and locate, against the scalar loop.

    python benchmarks/bench_points.py [--points 200000] [--sample 500] [--locate-points 200000] [--workers 1]

1. ``geodist.distances_to("Iran", lat, lon)`` on N random points, beside the
   scalar loop ``geodist.distance(LatLon(lat, lon), "Iran")`` on the first
   ``--sample`` of the same points, in this process: time per point of each and
   their ratio. Two spreads of points, each uniform in area: "near" (Iran's
   bounding box widened by 10° on every side, so inside, border and sea points
   mix) and "world" (anywhere on Earth). Both paths are warmed first (data load
   and edge preparation are not timed), and the sample's results are checked
   equal within 1 mm.
2. ``geodist.locate`` on N random points anywhere on Earth (the world index is
   built before timing; its build time is printed apart).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200_000, help="points for distances_to")
    parser.add_argument("--sample", type=int, default=500, help="points for the scalar loop")
    parser.add_argument("--locate-points", type=int, default=200_000, help="points for locate (0 skips it)")
    parser.add_argument("--workers", type=int, default=1, help="threads for distances_to and locate")
    args = parser.parse_args()

    import geodist
    from geodist import LatLon

    print(f"machine: {os.cpu_count()} cores; per point (µs) in one process; {args.workers} worker thread(s)")
    rng = np.random.default_rng(SEED)
    west, south, east, north = geodist.country("Iran").territory.bounds
    spreads = {
        "near": (max(-90.0, south - PAD_DEG), min(90.0, north + PAD_DEG), west - PAD_DEG, east + PAD_DEG),
        "world": (-90.0, 90.0, -180.0, 180.0),
    }
    geodist.distances_to("Iran", [0.0], [0.0])  # warm: data, edges, k-d trees
    geodist.distance(LatLon(0.0, 0.0), "Iran")
    for name, box in spreads.items():
        lat, lon = uniform_in_box(rng, args.points, *box)
        start = time.perf_counter()
        got = geodist.distances_to("Iran", lat, lon, workers=args.workers)
        vector_s = time.perf_counter() - start
        k = min(args.sample, args.points)
        start = time.perf_counter()
        scalar = [
            geodist.distance(LatLon(a, b), "Iran").distance_m for a, b in zip(lat[:k], lon[:k], strict=True)
        ]
        scalar_s = time.perf_counter() - start
        worst = float(np.max(np.abs(np.asarray(scalar) - got[:k])))
        per_vector, per_scalar = vector_s / args.points * 1e6, scalar_s / k * 1e6
        print(
            f"distances_to Iran, {name:5}: {args.points:,} points {vector_s:.2f} s, {per_vector:.1f} µs/point;"
            f" scalar loop on {k:,}: {per_scalar:.1f} µs/point; ratio {per_scalar / per_vector:.1f}x;"
            f" inside {np.mean(got == 0):.0%}; largest difference {worst * 1e3:.3g} mm"
        )

    if args.locate_points:
        start = time.perf_counter()
        geodist.locate([0.0], [0.0])  # builds the world's index, pieces and k-d trees
        build_s = time.perf_counter() - start
        lat, lon = uniform_in_box(rng, args.locate_points, *spreads["world"])
        start = time.perf_counter()
        table = geodist.locate(lat, lon, workers=args.workers)
        locate_s = time.perf_counter() - start
        print(
            f"locate, world: {args.locate_points:,} points {locate_s:.2f} s,"
            f" {locate_s / args.locate_points * 1e6:.1f} µs/point (world index built once in {build_s:.2f} s);"
            f" on land {table.inside.mean():.0%}"
        )


if __name__ == "__main__":
    main()
