"""Loading the bundled data in ``boundaries/`` (lazily, once per process).

Installed from a wheel, the data lives in ``geodist/_boundaries``; in a source
checkout it is the repository's ``boundaries/`` folder. Nothing is read at
import time: each loader runs on first use and is cached.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geodist.errors import DataError

__all__ = [
    "data_dir",
    "load_airports",
    "load_capital_airports",
    "load_countries",
    "load_names",
    "load_territories",
    "load_territory",
    "load_translations",
]

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "_boundaries", _PACKAGE_DIR.parent / "boundaries")
_REQUIRED = (
    "countries.json",
    "names.json",
    "translations.json",
    "territories.npz",
    "airports.csv",
    "capital_airports.csv",
    "cities.csv",
)


@cache
def data_dir() -> Path:
    """Return the folder that holds the bundled data files.

    Raises
    ------
    DataError
        If neither the installed copy nor a source checkout's ``boundaries/`` holds them.
    """
    for candidate in _CANDIDATES:
        if all((candidate / name).is_file() for name in _REQUIRED):
            return candidate
    raise DataError(
        "geodist's bundled data is missing (looked in "
        + ", ".join(str(c) for c in _CANDIDATES)
        + "); reinstall geodist with `pip install .` from a full checkout"
    )


def _read_json(name: str) -> Any:
    path = data_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def load_countries() -> dict[str, Any]:
    """Return ``countries.json``: ``{"countries": [...], "part_of": [...]}``."""
    return _read_json("countries.json")


@cache
def load_names() -> dict[str, Any]:
    """Return ``names.json``: the primary tier of the name index, alias notes and language names.

    ``{"primary": {key: [[target, kind, [languages]], ...]}, "notes": {key: text},
    "languages": {code: English name}, "sources": {...}}``; kinds are ``c`` code,
    ``n`` English name, ``a`` alias, ``l`` CLDR name in another language, ``i``
    ISO 3166 translation (see ``boundaries/build_names.py``).
    """
    return _read_json("names.json")


@cache
def load_translations() -> dict[str, dict[str, list[list[Any]]]]:
    """Return ``translations.json``: ``{"translated": {key: readings}}``, names read only in other languages.

    Loaded only when a query is not in the primary tier of ``names.json``.
    """
    return _read_json("translations.json")


@cache
def _territory_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``territories.npz`` as read: coordinates and the ring, polygon and geometry offsets."""
    path = data_dir() / "territories.npz"
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return arrays["coords"], arrays["offsets0"], arrays["offsets1"], arrays["offsets2"]
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def load_territories() -> np.ndarray:
    """Return every territory as a shapely MultiPolygon, in ``territory_index`` order.

    Coordinates are longitude, latitude in degrees on WGS84, within [-180, 180].
    """
    coords, *offsets = _territory_arrays()
    return shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords, tuple(offsets))


@cache
def load_territory(index: int) -> shapely.MultiPolygon:
    """Return one territory (as :func:`load_territories` ``[index]``), building only its own geometry."""
    coords, rings, polygons, geometries = _territory_arrays()
    first_polygon, end_polygon = geometries[index], geometries[index + 1]
    first_ring, end_ring = polygons[first_polygon], polygons[end_polygon]
    first_coord, end_coord = rings[first_ring], rings[end_ring]
    offsets = (
        rings[first_ring : end_ring + 1] - first_coord,
        polygons[first_polygon : end_polygon + 1] - first_ring,
        np.array([0, end_polygon - first_polygon]),
    )
    geometry = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, coords[first_coord:end_coord], offsets
    )[0]
    assert isinstance(geometry, shapely.MultiPolygon)
    return geometry


def _read_csv(name: str, floats: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows of a bundled CSV file, with the ``floats`` columns as float."""
    import csv

    path = data_dir() / name
    try:
        with path.open(newline="", encoding="utf-8") as f:
            return [{**r, **{k: float(r[k]) for k in floats}} for r in csv.DictReader(f)]
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def load_airports() -> dict[str, dict[str, dict[str, Any]]]:
    """Return ``airports.csv`` indexed two ways: ``{"iata": {...}, "icao": {...}}``.

    Each row: iata, icao, name, city, country (ISO alpha-2), lat and lon (float degrees).
    """
    rows = _read_csv("airports.csv", ("lat", "lon"))
    return {"iata": {r["iata"]: r for r in rows}, "icao": {r["icao"]: r for r in rows if r["icao"]}}


@cache
def load_capital_airports() -> dict[str, dict[str, Any]]:
    """Return ``capital_airports.csv`` by country id: each capital's main airport and why.

    Each row: country (id), capital, iata, icao, name, municipality, airport_country
    (ISO alpha-2), lat, lon (float degrees, OurAirports), type (OurAirports), distance_km
    (float, geodesic from the capital), abroad ("yes"/"no") and basis (the rule, or
    "override: " and the reason); see ``boundaries/README.md``.
    """
    rows = _read_csv("capital_airports.csv", ("lat", "lon", "distance_km"))
    return {r["country"]: r for r in rows}
