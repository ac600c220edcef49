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
    "load_translations",
    "translated_readings",
]

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "_boundaries", _PACKAGE_DIR.parent / "boundaries")
_REQUIRED = (
    "countries.json",
    "names.json",
    "translations.jsonl",
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
def _translation_lines() -> list[bytes]:
    """``translations.jsonl`` split into lines: a header, then one JSON shard per line (not yet parsed)."""
    path = data_dir() / "translations.jsonl"
    try:
        return path.read_bytes().split(b"\n")
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def _translation_shard(index: int) -> dict[str, list[list[Any]]]:
    lines = _translation_lines()
    try:
        return json.loads(lines[1 + index])
    except (IndexError, ValueError) as exc:
        raise DataError(f"cannot read shard {index} of translations.jsonl: {exc}") from exc


def translated_readings(key: str) -> list[list[Any]] | None:
    """The readings of a normalised name that only other languages use, or None.

    Parses only the shard that holds ``key`` (``zlib.crc32`` of its UTF-8 bytes
    modulo the shard count in the file's header; see ``boundaries/build_names.py``).
    """
    import zlib

    try:
        shards = int(json.loads(_translation_lines()[0])["shards"])
    except (IndexError, KeyError, ValueError) as exc:
        raise DataError(f"translations.jsonl has no valid header: {exc}") from exc
    return _translation_shard(zlib.crc32(key.encode("utf-8")) % shards).get(key)


def load_translations() -> dict[str, dict[str, list[list[Any]]]]:
    """The whole translated tier, ``{"translated": {key: readings}}`` (every shard parsed: for tools and tests)."""
    shards = int(json.loads(_translation_lines()[0])["shards"])
    merged: dict[str, list[list[Any]]] = {}
    for index in range(shards):
        merged.update(_translation_shard(index))
    return {"translated": merged}


@cache
def load_territories() -> np.ndarray:
    """Return every territory as a shapely MultiPolygon, in ``territory_index`` order.

    Coordinates are longitude, latitude in degrees on WGS84, within [-180, 180].
    """
    path = data_dir() / "territories.npz"
    try:
        with np.load(path, allow_pickle=False) as arrays:
            coords = arrays["coords"]
            offsets = (arrays["offsets0"], arrays["offsets1"], arrays["offsets2"])
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    return shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords, offsets)


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
def load_capital_airports() -> dict[tuple[str, str], dict[str, Any]]:
    """Return ``capital_airports.csv`` by (country id, role): each capital's and seat's main airport, and why.

    Role is "capital" (the official capital) or "seat" (the seat of government,
    where it is another city). Each row: country (id), role, capital (the city),
    iata, icao, name, municipality, airport_country (ISO alpha-2), lat, lon (float
    degrees, OurAirports), type (OurAirports), distance_km (float, geodesic from
    the city), abroad ("yes"/"no") and basis (the rule, or "override: " and the
    reason); see ``boundaries/README.md``.
    """
    rows = _read_csv("capital_airports.csv", ("lat", "lon", "distance_km"))
    return {(r["country"], r["role"]): r for r in rows}
