"""The full border matrix beside the peers, in one run: geodist from scratch, spherely (S2), GEOS planar, PostGIS.

    python benchmarks/bench_peers.py [--sample 40] [--workers 1,2] [--postgis]

On the same territories (the 255 bundled ones, or ``--sample N`` of them chosen
reproducibly: a seeded draw, so ``--sample 40`` is always the same 40), every
pair (i < j) measured by:

- geodist from scratch: ``geodist.matrix(chosen, cached=False, workers=W)``,
  once per ``--workers`` value, each in a fresh Python process (so edge
  preparation is included and nothing is warm; the territories' geometries are
  loaded, and pandas and scipy imported, before timing, as for every engine).
  Exact minimum geodesic distance on
  WGS84, edges as drawn (lon/lat lines). CPU is the process's and its workers'.
- spherely 0.1.1 (S2): ``spherely.distance`` on all pairs at once, from
  geographies built from the same WKB (the build is timed apart, as "prep").
  Sphere of radius 6,371,010 m, edges as great-circle arcs; no nearest points.
- GEOS planar: ``shapely.distance`` on all pairs at once, in degrees of lon/lat
  (not a distance on the Earth at all: the usual "fast but wrong" baseline).
- PostGIS (``--postgis``; Debian's PostgreSQL and PostGIS, a throwaway local
  cluster started and removed by this script): ``ST_Distance(a.geog, b.geog)``
  (``use_spheroid`` true by default) for all pairs in one query in one backend,
  the territories loaded as ``geography`` from the same WKB (load timed apart).
  PostGIS picks the nearest edges on a sphere, then measures between the picked
  points on the spheroid, so it can exceed the true minimum; edges are great
  circles.

Prints wall and CPU seconds of each, the ratios against GEOS planar and against
spherely, the largest differences from geodist (spherely in km and %, PostGIS in
m, each with its pair), and one pair, Iran–Russia, warm (median of repeats) per
engine. Run it on a quiet machine: the figures are only comparable in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SEED = 20261126
"""Seed of the ``--sample`` draw (the same as bench_points.py's)."""

WARM_PAIR = ("IR", "RU")
"""The one pair timed warm: Iran–Russia, the README's example."""

RELATIVE_FLOOR_M = 10_000.0
"""Relative differences are taken over pairs at least this far apart (geodist), metres."""


def sample_ids(n: int) -> list[str]:
    """The ids of ``n`` bundled territories drawn with :data:`SEED` (all of them for 0), in registry order."""
    import geodist

    everything = [c.id for c in geodist.all_countries()]
    if not n or n >= len(everything):
        return everything
    keep = np.sort(np.random.default_rng(SEED).choice(len(everything), n, replace=False))
    return [everything[k] for k in keep]


def cpu_now() -> float:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def geodist_child(ids: list[str], workers: int, out: Path) -> None:
    """In a fresh process: the from-scratch matrix in metres to ``out`` (.npy); timings as JSON on stdout."""
    import pandas  # noqa: F401 -- libraries imported before timing, as the other engines' are
    import scipy.spatial  # noqa: F401

    import geodist

    chosen = [geodist.country(i) for i in ids]
    for c in chosen:
        c.territory  # noqa: B018 -- load the geometries (not timed: every engine starts from them)
    wall, cpu = time.perf_counter(), cpu_now()
    table = geodist.matrix(chosen, cached=False, workers=workers, unit="m")
    wall, cpu = time.perf_counter() - wall, cpu_now() - cpu
    np.save(out, table.to_numpy())
    print(json.dumps({"wall_s": wall, "cpu_s": cpu}))


def run_geodist(ids: list[str], workers: int, scratch: Path) -> tuple[dict[str, float], np.ndarray]:
    out = scratch / f"geodist_{workers}.npy"
    ids_file = scratch / "ids.json"
    ids_file.write_text(json.dumps(ids))
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(workers), str(ids_file), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), np.load(out)


def s2_geographies(geometries: np.ndarray, ids: list[str]) -> tuple[np.ndarray, list[str]]:
    """The spherely geographies of the geometries; those S2 rejects are buffered by 1e-7° first (and named)."""
    import shapely
    import spherely

    out, fixed = [], []
    for g, i in zip(geometries, ids, strict=True):
        try:
            out.append(spherely.from_wkb(shapely.to_wkb(g)))
        except RuntimeError:
            # S2 rejects a ring with a vertex exactly on another edge (Cayman Islands, as
            # quantised): a 1e-7° buffer (under 0.1 m, mitred) separates them.
            out.append(
                spherely.from_wkb(shapely.to_wkb(shapely.buffer(g, 1e-7, quad_segs=1, join_style="mitre")))
            )
            fixed.append(i)
    return np.array(out, dtype=object), fixed


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def median_s(fn, repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pair_name(ids: list[str], i: int, j: int) -> str:
    return f"{ids[i]}–{ids[j]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="territories drawn reproducibly (0: all 255)")
    parser.add_argument(
        "--workers", default="1,2", help="geodist worker processes, comma-separated (default 1,2)"
    )
    parser.add_argument("--postgis", action="store_true", help="include PostGIS (local throwaway cluster)")
    parser.add_argument(
        "--child", nargs=3, metavar=("WORKERS", "IDS_JSON", "OUT_NPY"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        workers, ids_file, out = args.child
        geodist_child(json.loads(Path(ids_file).read_text()), int(workers), Path(out))
        return

    import shapely

    try:
        import spherely
    except ImportError:
        raise SystemExit(
            "bench_peers.py needs spherely: pip install 'spherely==0.1.1' (or .[bench])"
        ) from None

    import geodist
    from geodist.distance import measure_pairs
    from geodist.territory import prepared

    ids = sample_ids(args.sample)
    n = len(ids)
    geometries = np.array([geodist.country(i).territory for i in ids], dtype=object)
    i, j = np.triu_indices(n, 1)
    print(
        f"machine: {os.cpu_count()} cores; {n} territories"
        f"{f' (--sample {args.sample}, seed {SEED})' if args.sample else ''}, {len(i):,} pairs;"
        f" spherely {spherely.__version__}, shapely {shapely.__version__} (GEOS {shapely.geos_version_string})"
    )
    rows: dict[str, dict[str, float]] = {}
    found: dict[str, np.ndarray] = {}

    with tempfile.TemporaryDirectory(prefix="geodist-peers-") as tmp:
        scratch = Path(tmp)
        for w in (int(x) for x in args.workers.split(",")):
            timing, values = run_geodist(ids, w, scratch)
            rows[f"geodist, {w} worker{'s' if w > 1 else ''}"] = {"prep_s": np.nan, **timing}
            found.setdefault("geodist", values)
            if not np.array_equal(values, found["geodist"]):
                print(f"  warning: geodist with {w} workers differs from the first run")

        (s2, fixed), prep_wall, _ = timed(lambda: s2_geographies(geometries, ids))
        values, wall, cpu = timed(lambda: spherely.distance(s2[i], s2[j]))
        rows["spherely (S2, sphere)"] = {"prep_s": prep_wall, "wall_s": wall, "cpu_s": cpu}
        found["spherely"] = values
        if fixed:
            print(f"  spherely: S2 rejects {', '.join(fixed)} as stored; buffered by 1e-7° (< 0.1 m) for it")

        values, wall, cpu = timed(lambda: shapely.distance(geometries[i], geometries[j]))
        rows["GEOS planar (degrees)"] = {"prep_s": np.nan, "wall_s": wall, "cpu_s": cpu}

        pg_warm = None
        if args.postgis:
            pg_warm = run_postgis(ids, geometries, rows, found, scratch)

    exact = found["geodist"][i, j]
    print(
        "\nFull border matrix (prep: building the engine's input from the shapely geometries, timed apart;"
        " geodist prepares its edges inside the matrix call, so its wall and CPU include them)"
    )
    geos, s2row = rows["GEOS planar (degrees)"], rows["spherely (S2, sphere)"]
    print(
        f"  {'engine':32} {'prep s':>7} {'wall s':>8} {'CPU s':>8}  {'CPU÷GEOS':>8} {'wall÷GEOS':>9}  {'CPU÷S2':>7}"
    )
    for name, r in rows.items():
        prep = "—" if np.isnan(r["prep_s"]) else f"{r['prep_s']:.2f}"
        print(
            f"  {name:32} {prep:>7} {r['wall_s']:8.2f} {r['cpu_s']:8.2f}  {r['cpu_s'] / geos['cpu_s']:8.2f}"
            f" {r['wall_s'] / geos['wall_s']:9.2f}  {r['cpu_s'] / s2row['cpu_s']:7.2f}"
        )

    print("\nLargest differences from geodist (exact, WGS84)")
    delta = found["spherely"] - exact
    k = int(np.argmax(np.abs(delta)))
    far = exact >= RELATIVE_FLOOR_M
    rel = np.where(far, np.abs(delta) / np.where(far, exact, 1.0), 0.0)
    r = int(np.argmax(rel))
    print(
        f"  spherely: {delta[k] / 1e3:+.3f} km ({pair_name(ids, i[k], j[k])}, geodist {exact[k] / 1e3:.3f} km);"
        f" relative {delta[r] / exact[r]:+.3%} ({pair_name(ids, i[r], j[r])}, of pairs ≥ {RELATIVE_FLOOR_M / 1e3:.0f} km);"
        f" zero in one and not the other: {int(np.sum((found['spherely'] == 0) != (exact == 0)))}"
    )
    if "postgis" in found:
        delta = found["postgis"] - exact
        hi, lo = int(np.argmax(delta)), int(np.argmin(delta))
        print(
            f"  PostGIS geography: longest by {delta[hi]:+.2f} m ({pair_name(ids, i[hi], j[hi])},"
            f" geodist {exact[hi] / 1e3:.3f} km); shortest by {delta[lo]:+.2f} m ({pair_name(ids, i[lo], j[lo])});"
            f" pairs more than 1 m longer: {int(np.sum(delta > 1))}, more than 100 m: {int(np.sum(delta > 100))}"
        )

    print(f"\nOne pair warm, {WARM_PAIR[0]}–{WARM_PAIR[1]} (median of repeats; the first call not counted)")
    ta, tb = (prepared(geodist.country(c)) for c in WARM_PAIR)
    ga, gb = ta.geometry, tb.geometry
    (sa, sb), _ = s2_geographies(np.array([ga, gb], dtype=object), list(WARM_PAIR))
    km = measure_pairs([(ta, tb)])[0].distance_m / 1e3
    warm = {
        f"geodist engine ({km:.3f} km)": median_s(lambda: measure_pairs([(ta, tb)]), 50),
        f"spherely ({spherely.distance(sa, sb) / 1e3:.3f} km)": median_s(
            lambda: spherely.distance(sa, sb), 200
        ),
        f"GEOS planar ({shapely.distance(ga, gb):.4f}°)": median_s(lambda: shapely.distance(ga, gb), 50),
    }
    if pg_warm:
        warm[f"PostGIS geography ({pg_warm[1] / 1e3:.3f} km)"] = pg_warm[0]
    for name, seconds in warm.items():
        print(f"  {name:34} {seconds * 1e3:8.3f} ms")
    first = timed(lambda: geodist.geometry_distance(ga, gb))[1]
    print(f"  geodist.geometry_distance, own shapes, first call (prepares both): {first * 1e3:.1f} ms")


def run_postgis(ids, geometries, rows, found, scratch) -> tuple[float, float] | None:
    """Time the matrix and the warm pair in a throwaway PostGIS; None (and a note) without PostGIS."""
    import _postgis

    import geodist

    bindir, why = _postgis.find_postgis()
    if bindir is None:
        print(f"  PostGIS skipped: {why}")
        return None
    with _postgis.local_cluster() as pg:
        version = pg.psql("SELECT postgis_lib_version(), current_setting('server_version');", tuples=True)
        print(f"  PostGIS {version.strip().replace('|', ' on PostgreSQL ')}, local cluster in {pg.root}")
        start = time.perf_counter()
        pg.load_geographies("terr", ids, geometries)
        load_s = time.perf_counter() - start
        out = scratch / "postgis.csv"
        run = pg.timed_copy(
            "SELECT a.k, b.k, ST_Distance(a.geog, b.geog) FROM terr a JOIN terr b ON a.k < b.k",
            out,
        )
        rows["PostGIS geography, 1 backend"] = {"prep_s": load_s, "wall_s": run.wall_s, "cpu_s": run.cpu_s}
        table = np.loadtxt(out, delimiter=",", ndmin=2)
        values = np.full((len(ids), len(ids)), np.nan)
        values[table[:, 0].astype(int), table[:, 1].astype(int)] = table[:, 2]
        i, j = np.triu_indices(len(ids), 1)
        found["postgis"] = values[i, j]
        pair = [geodist.country(c).territory for c in WARM_PAIR]
        pg.load_geographies("pair", list(WARM_PAIR), pair)
        query = (
            "SELECT ST_Distance(a.geog, b.geog) FROM pair a, pair b"
            f" WHERE a.id = '{WARM_PAIR[0]}' AND b.id = '{WARM_PAIR[1]}'"
        )
        times = pg.timed_repeats(query, 21)
        metres = float(pg.psql(f"{query};", tuples=True))
        return statistics.median(times[1:]), metres


if __name__ == "__main__":
    main()
