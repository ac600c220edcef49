"""The boundary data sets a country's territory can come from: Natural Earth (default) or OpenStreetMap.

- ``"naturalearth"``: Natural Earth 1:10m admin-0 (world-atlas), bundled with
  geodist; the precomputed tables are measured on it.
- ``"osm"``: OpenStreetMap admin-0 boundaries (npm ``@geo-maps/countries-coastline-10m``
  0.6.0, simplified to 10 m), repaired and joined to the same registry by
  ``boundaries/build_osm.py``. Its data are ODbL 1.0 (© OpenStreetMap
  contributors), so it ships as its own distribution, ``geodist-osm``:
  ``pip install ./boundaries/osm`` from the repository. A source checkout finds
  it in ``boundaries/osm/`` without installing.

Only the geometry (and its area) changes with the data set: codes, names,
capitals and centre points are the registry's. Coordinates are (longitude,
latitude) degrees on WGS84 in both.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geodist._data import multipolygon_at
from geodist.errors import DataError, InputValueError, MissingExtraError, echo

__all__ = [
    "DATA_SETS",
    "NATURAL_EARTH",
    "OSM",
    "SOURCES",
    "check_data",
    "decode_coords",
    "osm_area_km2",
    "osm_territory",
    "source",
]

NATURAL_EARTH = "naturalearth"
OSM = "osm"
DATA_SETS = (NATURAL_EARTH, OSM)
"""The names ``data=`` and ``--data`` accept."""

SOURCES = {  # as every result and report names them
    NATURAL_EARTH: "Natural Earth 1:10m admin-0 4.1.0 (world-atlas 2.0.2)",
    OSM: "OpenStreetMap contributors, ODbL, via geo-maps 0.6.0",
}
_CHECKOUT_FILE = (
    Path(__file__).resolve().parent.parent / "boundaries" / "osm" / "geodist_osm" / "territories.npz"
)


def check_data(data: object) -> str:
    """Return the data set's name, checked: ``"naturalearth"`` or ``"osm"`` (None is the default).

    Raises
    ------
    InputValueError
        For any other value.
    """
    if data is None:
        return NATURAL_EARTH
    if isinstance(data, str) and data.strip().lower() in DATA_SETS:
        return data.strip().lower()
    raise InputValueError(
        f"unknown data set {echo(data)}; use one of: {', '.join(DATA_SETS)}"
        " (or your own boundaries: geodist.read_boundaries(path, id='name'))"
    )


def source(data: str) -> str:
    """What a data set's territories are, for reports: "OpenStreetMap contributors, ODbL, via geo-maps 0.6.0"."""
    return SOURCES[check_data(data)]


@cache
def _osm_file() -> Path:
    """The OSM data file: from the installed ``geodist_osm``, else from a source checkout's ``boundaries/osm``."""
    spec = importlib.util.find_spec("geodist_osm")
    if spec is not None and spec.origin is not None:
        installed = Path(spec.origin).resolve().parent / "territories.npz"
        if installed.is_file():
            return installed
    if _CHECKOUT_FILE.is_file():
        return _CHECKOUT_FILE
    raise MissingExtraError(
        "the OpenStreetMap data set (data='osm') is not installed; from the geodist repository,"
        " run `pip install ./boundaries/osm` (data ODbL 1.0, © OpenStreetMap contributors)"
    )


def decode_coords(steps: np.ndarray, residual: np.ndarray, grid: float) -> np.ndarray:
    """Coordinates (N, 2) lon/lat degrees from the stored streams (inverse of ``build_write.encode_coords``).

    ``steps`` (4, 2N) uint8 are the byte planes of zigzag-coded int32
    differences between successive vertices (lon then lat), in units of
    ``100 * grid``; ``residual`` (2, N) uint8 adds the last two decimal digits, in
    units of ``grid`` degrees. Exact: the result is each stored integer divided by
    ``1 / grid``, as GEOS snaps to the grid.
    """
    zigzag = np.ascontiguousarray(steps.T).view("<u4").ravel().astype(np.int64)
    values = (zigzag >> 1) ^ -(zigzag & 1)
    n = len(values) // 2
    out = np.empty((n, 2))
    for axis in (0, 1):
        units = np.cumsum(values[axis * n : (axis + 1) * n])
        units *= 100
        units += residual[axis]
        np.divide(units, 1.0 / grid, out=out[:, axis])
    return out


def _read(*members: str) -> list[np.ndarray]:
    """Members of the OSM data file (each read, and inflated, on its own)."""
    path = _osm_file()
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return [arrays[m] for m in members]
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def _osm_index() -> tuple[dict[str, int], dict[str, float], dict[str, Any]]:
    """The OSM file's table of contents: id -> index, id -> area (km²), and its meta data."""
    ids, areas, meta = _read("ids", "area_km2", "meta")
    names = [str(i) for i in ids.tolist()]
    return (
        {k: i for i, k in enumerate(names)},
        {k: float(a) for k, a in zip(names, areas.tolist(), strict=True)},
        json.loads(meta.item()),
    )


@cache
def _osm_geometry() -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The OSM file's coordinates (decoded once, lon/lat degrees) and ring, polygon and geometry offsets."""
    steps, residual, *offsets = _read("steps", "residual", "offsets0", "offsets1", "offsets2")
    grid = float(_osm_index()[2]["grid_degrees"])
    return decode_coords(steps, residual, grid), (offsets[0], offsets[1], offsets[2])


def _osm_entry(table: int, country_id: str) -> float | int:
    """A territory's entry in one of the OSM index's tables (0: its position, 1: its area, km²)."""
    try:
        return _osm_index()[table][country_id]
    except KeyError:
        raise DataError(f"the OpenStreetMap data set has no territory for {country_id!r}") from None


def osm_area_km2(country_id: str) -> float:
    """Area of a territory as OSM draws it, km² on the WGS84 ellipsoid.

    Raises
    ------
    MissingExtraError
        When the OSM data set is not installed.
    DataError
        When it holds no territory for this id.
    """
    return float(_osm_entry(1, country_id))


@cache
def osm_territory(country_id: str) -> shapely.MultiPolygon:
    """A territory as OSM draws it: a valid MultiPolygon in (lon, lat) degrees, split at ±180°.

    Raises
    ------
    MissingExtraError
        When the OSM data set is not installed.
    DataError
        When it holds no territory for this id.
    """
    index = int(_osm_entry(0, country_id))
    coords, (rings, polygons, geometries) = _osm_geometry()
    return multipolygon_at(coords, rings, polygons, geometries, index)
