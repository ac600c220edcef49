"""Points to Iran: geodist.distances_to beside PostGIS's ST_Distance(geography, geography), in one run.

    python benchmarks/bench_postgis_points.py [--points 200000] [--spread near]

The same N random points as ``bench_points.py`` (its generator and seed; "near":
uniform in area over Iran's bounding box widened by 10° on every side, so
inside, border and sea points mix; "world": anywhere on Earth), measured to Iran:

- geodist: ``geodist.distances_to("Iran", lat, lon)`` on one thread, warmed
  first (data load and edge preparation not timed). The exact minimum WGS84
  geodesic distance to Iran's edges as drawn (straight lines in lon/lat); 0 inside.
- PostGIS (Debian's PostgreSQL and PostGIS, a throwaway local cluster started
  and removed by this script): one query in one backend,
  ``ST_Distance(ST_MakePoint(lon, lat)::geography, iran.geog)`` over a table of
  the points (``use_spheroid`` true, the default). PostGIS picks the nearest
  edge on a sphere, reading edges as great-circle arcs, then measures from the
  point to the picked point on the spheroid; 0 inside.

Prints µs per point for both (wall, and CPU: this process's for geodist, the
backend's for PostGIS), their ratio, and the largest |difference| in metres with
its point. The two read Iran's edges differently (lon/lat lines against
great-circle arcs), so the script also measures the points, untimed, to Iran
with geodesic edges (``geodist.densify_geodesic(iran, max_deviation_m=0.01)``),
PostGIS's reading of the edges on the ellipsoid: what then remains is PostGIS's
edge-picking on the sphere.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_points import PAD_DEG, SEED, uniform_in_box

TARGET = "IR"
"""The target territory (Iran), as in bench_points.py."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200_000, help="random points")
    parser.add_argument("--spread", choices=["near", "world"], default="near", help="where the points fall")
    args = parser.parse_args()

    import _postgis

    import geodist

    iran = geodist.country(TARGET).territory
    west, south, east, north = iran.bounds
    box = {
        "near": (max(-90.0, south - PAD_DEG), min(90.0, north + PAD_DEG), west - PAD_DEG, east + PAD_DEG),
        "world": (-90.0, 90.0, -180.0, 180.0),
    }[args.spread]
    lat, lon = uniform_in_box(np.random.default_rng(SEED), args.points, *box)
    n = args.points
    print(f"machine: {os.cpu_count()} cores; {n:,} points, spread {args.spread!r} (seed {SEED}), to Iran")

    bindir, why = _postgis.find_postgis()
    if bindir is None:
        raise SystemExit(f"PostGIS not available: {why}")

    geodist.distances_to(TARGET, [0.0], [0.0])  # warm: data, edges, k-d trees
    wall, cpu = time.perf_counter(), time.process_time()
    ours = geodist.distances_to(TARGET, lat, lon)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    geodesic_edges = geodist.distances_to(geodist.densify_geodesic(iran, max_deviation_m=0.01), lat, lon)

    with tempfile.TemporaryDirectory(prefix="geodist-points-") as tmp, _postgis.local_cluster() as pg:
        version = pg.psql("SELECT postgis_lib_version(), current_setting('server_version');", tuples=True)
        print(f"PostGIS {version.strip().replace('|', ' on PostgreSQL ')}, local cluster in {pg.root}")
        pg.load_geographies("terr", [TARGET], [iran])
        pg.load_points("pts", lat, lon)
        out = Path(tmp) / "postgis.csv"
        run = pg.timed_copy(
            "SELECT p.k, ST_Distance(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, t.geog)"
            f" FROM pts p, terr t WHERE t.id = '{TARGET}'",
            out,
        )
        table = np.loadtxt(out, delimiter=",", ndmin=2)
    theirs = np.full(n, np.nan)
    theirs[table[:, 0].astype(int)] = table[:, 1]

    print(
        "geodist: exact minimum WGS84 geodesic to Iran's edges as drawn (lon/lat lines), 0 inside.\n"
        "PostGIS: ST_Distance(geography, geography): nearest edge picked on a sphere (edges read as great"
        " circles), then the spheroid distance to the picked point, 0 inside."
    )
    for name, w, c in (("geodist.distances_to", wall, cpu), ("PostGIS, one backend", run.wall_s, run.cpu_s)):
        print(f"  {name:22} {w:7.2f} s wall, {w / n * 1e6:7.2f} µs/point; CPU {c / n * 1e6:7.2f} µs/point")
    print(f"  ratio PostGIS ÷ geodist: wall {run.wall_s / wall:.2f}×, CPU {run.cpu_s / cpu:.2f}×")
    for label, reference in (
        ("edges as drawn", ours),
        ("geodesic edges (PostGIS's reading)", geodesic_edges),
    ):
        delta = theirs - reference
        k = int(np.nanargmax(np.abs(delta)))
        print(
            f"  PostGIS − geodist, {label}: largest |difference| {abs(delta[k]):.3f} m at"
            f" lat {lat[k]:.5f}, lon {lon[k]:.5f} (geodist {reference[k]:.1f} m, PostGIS {theirs[k]:.1f} m);"
            f" more than 1 m: {int(np.sum(np.abs(delta) > 1))}; inside in one only: "
            f"{int(np.sum((theirs == 0) != (reference == 0)))}"
        )
    print(f"  inside Iran (geodist): {np.mean(ours == 0):.0%}")


if __name__ == "__main__":
    main()
