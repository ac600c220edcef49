"""Precompute the country tables, ``tables.npz``, with geodist's own engine.

Usage: ``python boundaries/build_tables.py`` (``build.py`` runs it after writing
the territories). Every pair of the bundled territories is measured once, in
parallel, exactly as :func:`geodist.distance` measures it: the border distance,
its two points, their polygons and whether the two touch, for the whole
territories and for their mainlands (the part holding the capital); the
capital, centroid and centre-point distances; and each territory's polygon
areas and area centroids (whole and mainland). Pairs are the upper triangle
(i < j) of the territories in id order. All floats are float64, as computed.
The zip entries carry a fixed timestamp, so a rebuild is byte-identical. The
layout is described in ``boundaries/README.md`` and :mod:`geodist._tables`.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from geodist import _tables  # noqa: E402
from geodist._data import data_dir  # noqa: E402
from geodist.countries import Country, all_countries  # noqa: E402
from geodist.engine.geodesic import LatLon, inverse  # noqa: E402
from geodist.matrix import measure_row  # noqa: E402
from geodist.territory import Part, PreparedTerritory, polygon_areas_m2, prepared  # noqa: E402

PARTS = {"whole": Part.WHOLE, "mainland": Part.MAINLAND}
SOURCES = ("territories.npz", "countries.json")
"""The files the tables are computed from; their SHA-256 is stored (``source_sha256``)."""


def _territories(part: str) -> list[PreparedTerritory]:
    return [prepared(c, PARTS[part]) for c in all_countries()]


def _border_row(job: tuple[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row i of the border table of one part: pairs (i, j) for every j > i."""
    part, i = job
    territories = _territories(part)
    found = measure_row(territories, i, list(range(i + 1, len(territories))))
    metres = np.array([m.distance_m for m in found], dtype=np.float64).reshape(-1)
    points = np.array(
        [(m.points.lat_a, m.points.lon_a, m.points.lat_b, m.points.lon_b) for m in found], dtype=np.float64
    ).reshape(-1, 4)
    polygons = np.array([(m.points.part_a, m.points.part_b) for m in found], dtype=np.int32).reshape(-1, 2)
    touching = np.array([m.touching for m in found], dtype=bool).reshape(-1)
    return metres, points, polygons, touching


def _point_distances(points: list[LatLon | None]) -> np.ndarray:
    """Geodesic between every pair (i < j) of points, as :func:`geodist.distance` measures it; NaN without one."""
    out = []
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            out.append(np.nan if a is None or b is None else inverse(a, b).distance_m)
    return np.array(out, dtype=np.float64)


def compute(workers: int) -> dict[str, np.ndarray]:
    """Every array of ``tables.npz``, measured from scratch (the tables are disabled)."""
    _tables.disable()
    countries: list[Country] = list(all_countries())
    n = len(countries)
    arrays: dict[str, np.ndarray] = {"ids": np.array([c.id for c in countries])}
    areas = [polygon_areas_m2(c.territory) for c in countries]
    arrays["polygon_area_m2"] = np.array([a for row in areas for a in row], dtype=np.float64)
    arrays["polygon_offsets"] = np.cumsum([0, *(len(row) for row in areas)]).astype(np.int64)
    arrays["capital_m"] = _point_distances([c.capital.location if c.capital else None for c in countries])
    arrays["centre_m"] = _point_distances([c.centre for c in countries])
    jobs = [(part, i) for part in PARTS for i in range(n - 1)]
    context = get_context("fork" if "fork" in get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_tables.disable) as pool:
        rows = list(pool.map(_border_row, jobs, chunksize=1))
    for part, rule in PARTS.items():
        mine = [r for (p, _), r in zip(jobs, rows, strict=True) if p == part]
        arrays[f"border_m_{part}"] = np.concatenate([r[0] for r in mine])
        arrays[f"border_points_{part}"] = np.concatenate([r[1] for r in mine])
        arrays[f"border_polygons_{part}"] = np.concatenate([r[2] for r in mine])
        arrays[f"touching_{part}"] = np.concatenate([r[3] for r in mine])
        centroids = [prepared(c, rule).centroid for c in countries]
        arrays[f"centroid_{part}"] = np.array(
            [(k.location.lat, k.location.lon, k.concentration) for k in centroids], dtype=np.float64
        )
        arrays[f"centroid_inside_{part}"] = np.array([k.inside for k in centroids], dtype=bool)
        arrays[f"centroid_m_{part}"] = _point_distances([k.location for k in centroids])
    pairs = n * (n - 1) // 2
    for name, array in arrays.items():
        if name.startswith(("border_", "touching_")) or name.endswith("_m") or name.startswith("centroid_m_"):
            assert len(array) == pairs, (name, array.shape)
    return arrays


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as an .npz whose zip entries carry a fixed timestamp (byte-reproducible)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                buffer.getvalue(),
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=9,
            )


def source_digest(folder: Path) -> str:
    """SHA-256 of each source file, as "name:hex name:hex"."""
    return " ".join(f"{name}:{hashlib.sha256((folder / name).read_bytes()).hexdigest()}" for name in SOURCES)


def build_tables(out_dir: Path, workers: int | None = None) -> Path:
    """Measure everything and write ``out_dir/tables.npz``; return its path.

    ``out_dir`` must be the folder geodist loads its data from (the checkout's
    ``boundaries/``), since the tables are measured on that data.
    """
    if data_dir().resolve() != out_dir.resolve():
        raise SystemExit(f"build_tables: geodist reads its data from {data_dir()}, not {out_dir}")
    arrays = compute(workers or os.cpu_count() or 1)
    arrays["source_sha256"] = np.array([source_digest(out_dir)])
    path = out_dir / _tables.TABLES_FILE
    write_npz(path, arrays)
    return path


def main() -> None:
    """Command-line entry: ``python boundaries/build_tables.py [--workers N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    path = build_tables(HERE, parser.parse_args().workers)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
