"""Write: the build's output files, deterministic (sorted keys, fixed zip timestamps)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import shapely
from build_registry import ellipsoidal_area_km2
from shapely.geometry import MultiPolygon

from geodist.datasets import decode_coords  # the reader, to check the round trip


def write_airports(path: Path) -> int:
    """Write the airports that have an IATA code (airportsdata) as a compact CSV; return the count.

    Columns: iata, icao, name, city, country (ISO alpha-2), lat, lon (degrees).
    """
    import airportsdata  # only the build needs it

    rows = sorted(
        (a for a in airportsdata.load("ICAO").values() if a["iata"]),
        key=lambda a: (a["iata"], a["icao"]),
    )
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["iata", "icao", "name", "city", "country", "lat", "lon"])
        for a in rows:
            writer.writerow([a["iata"], a["icao"], a["name"], a["city"], a["country"], a["lat"], a["lon"]])
    return len(rows)


def write_territories(path: Path, multipolygons: list[MultiPolygon]) -> None:
    """Write MultiPolygons as shapely ragged arrays (``shapely.to_ragged_array``).

    Keys: ``coords`` (N, 2) float64 lon/lat degrees, and ``offsets0..2`` the
    ring, polygon and geometry offsets, in the order ``to_ragged_array`` returns.
    """
    geom_type, coords, offsets = shapely.to_ragged_array(np.asarray(multipolygons, dtype=object))
    assert geom_type == shapely.GeometryType.MULTIPOLYGON
    arrays = {"coords": coords} | {f"offsets{i}": o for i, o in enumerate(offsets)}
    # Written by hand rather than with np.savez_compressed so that the zip
    # entries carry a fixed timestamp and the file is byte-reproducible. The
    # coordinates are stored uncompressed (deflate saves only a third of them),
    # so that geodist maps them and reads only the territories it needs.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            stored = name == "coords"
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                buffer.getvalue(),
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                compresslevel=None if stored else 9,
            )


def write_json(path: Path, data: object) -> None:
    """Write compact, key-sorted JSON with a trailing newline (stable diffs)."""
    path.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":")) + "\n"
    )


def encode_coords(coords: np.ndarray, grid: float) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (N, 2) on a grid of ``grid`` degrees as two compact streams: ``(steps, residual)``.

    OSM's coordinates have five decimals, so all but the few vertices that the
    repair creates lie on a grid 100 times coarser. Each coordinate in ``grid``
    units is ``100 * coarse + residual`` (residual 0..99, uint8, almost always 0);
    ``coarse`` is stored as differences from the previous vertex (the first from
    0; at most 3.6e7 in magnitude, so int32), zigzag-coded (0, -1, 1, -2, ... as
    0, 1, 2, 3, ...) into uint32 and split into its four byte planes, lon then
    lat: ``steps`` has shape (4, 2N), uint8. Both deflate well (the planes of
    high bytes are nearly all zero), and one cumulative sum decodes them.
    Inverse: :func:`geodist.datasets.decode_coords`.
    """
    units = np.rint(coords / grid).astype(np.int64)
    coarse, residual = np.divmod(units, 100)
    flat = np.diff(coarse.T, axis=1, prepend=0).ravel()
    assert np.abs(flat).max() < 2**30
    zigzag = ((flat << 1) ^ (flat >> 63)).astype("<u4")
    planes = zigzag.view(np.uint8).reshape(-1, 4).T
    return np.ascontiguousarray(planes), np.ascontiguousarray(residual.T.astype(np.uint8))


def write_osm(path: Path, territories: dict[str, MultiPolygon], meta: dict[str, object]) -> int:
    """Write a second data set's territories as a zip of deflated ``.npy`` arrays; return the vertex count.

    ``meta`` (``grid_degrees``, the grid the coordinates lie on; ``source``,
    ``package``, ``licence``) is stored as it is.

    Members: ``ids`` (str, the default registry's ids, in this order),
    ``area_km2`` (float64, on WGS84), ``offsets0..2`` (int64: ring, polygon and
    geometry offsets, as ``shapely.to_ragged_array``), ``steps`` and
    ``residual`` (the lon/lat coordinates in units of the grid, see
    :func:`encode_coords`), and ``meta`` (a JSON string: grid, source, package,
    licence). Entries carry fixed timestamps (byte-reproducible).
    """
    ids = list(territories)
    geoms = [territories[i] for i in ids]
    geom_type, coords, offsets = shapely.to_ragged_array(np.asarray(geoms, dtype=object))
    assert geom_type == shapely.GeometryType.MULTIPOLYGON
    grid = float(str(meta["grid_degrees"]))
    steps, residual = encode_coords(coords, grid)
    if not np.array_equal(decode_coords(steps, residual, grid), coords):
        raise SystemExit("the coordinate encoding does not round-trip")
    arrays = {
        "ids": np.asarray(ids),
        "area_km2": np.asarray([round(ellipsoidal_area_km2(g), 3) for g in geoms]),
        "steps": steps,
        "residual": residual,
        **{f"offsets{i}": o.astype(np.int64) for i, o in enumerate(offsets)},
        "meta": np.asarray(json.dumps(meta, sort_keys=True, ensure_ascii=False)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                buffer.getvalue(),
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=9,
            )
    return len(coords)
