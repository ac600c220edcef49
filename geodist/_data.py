"""Loading the bundled data in ``boundaries/`` (lazily, once per process).

Installed from a wheel, the data lives in ``geodist/_boundaries``; in a source
checkout it is the repository's ``boundaries/`` folder. Nothing is read at
import time: each loader runs on first use and is cached.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
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


@cache
def _translation_shard_count() -> int:
    """The number of shards, from the header line of ``translations.jsonl``."""
    try:
        return int(json.loads(_translation_lines()[0])["shards"])
    except (IndexError, KeyError, ValueError) as exc:
        raise DataError(f"translations.jsonl has no valid header: {exc}") from exc


def translated_readings(key: str) -> list[list[Any]] | None:
    """The readings of a normalised name that only other languages use, or None.

    Parses only the shard that holds ``key`` (``zlib.crc32`` of its UTF-8 bytes
    modulo the shard count in the file's header; see ``boundaries/build_names.py``).
    """
    import zlib

    return _translation_shard(zlib.crc32(key.encode("utf-8")) % _translation_shard_count()).get(key)


def load_translations() -> dict[str, dict[str, list[list[Any]]]]:
    """The whole translated tier, ``{"translated": {key: readings}}`` (every shard parsed: for tools and tests)."""
    merged: dict[str, list[list[Any]]] = {}
    for index in range(_translation_shard_count()):
        merged.update(_translation_shard(index))
    return {"translated": merged}


@cache
def _territory_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``territories.npz`` as read: coordinates and the ring, polygon and geometry offsets.

    The coordinates are stored uncompressed in the archive and mapped from the
    file (:func:`numpy.memmap`): a territory reads only its own pages.
    """
    path = data_dir() / "territories.npz"
    try:
        with np.load(path, allow_pickle=False) as arrays:
            offsets = arrays["offsets0"], arrays["offsets1"], arrays["offsets2"]
            coords = _mapped(path, "coords.npy")
            if coords is None:  # a compressed member: read it whole
                coords = arrays["coords"]
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    return (coords, *offsets)


def _mapped(path: Path, member: str) -> np.ndarray | None:
    """A memory map of an uncompressed ``.npy`` member of a zip archive, or None if it is compressed."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
        if info.compress_type != zipfile.ZIP_STORED:
            return None
    with path.open("rb") as f:
        f.seek(info.header_offset)
        local = f.read(30)  # the local file header (PKWARE APPNOTE 4.3.7): then name and extra field
        start = (
            info.header_offset
            + 30
            + int.from_bytes(local[26:28], "little")
            + int.from_bytes(local[28:30], "little")
        )
        f.seek(start)
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        offset = f.tell()
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape, order="F" if fortran else "C")


@cache
def load_territories() -> np.ndarray:
    """Return every territory as a shapely MultiPolygon, in ``territory_index`` order.

    Coordinates are longitude, latitude in degrees on WGS84, within [-180, 180].
    """
    coords, *offsets = _territory_arrays()
    return shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, np.asarray(coords), tuple(offsets))


@cache
def load_territory(index: int) -> shapely.MultiPolygon:
    """Return one territory (as :func:`load_territories` ``[index]``), building only its own geometry."""
    coords, *offsets = _territory_arrays()
    return multipolygon_at(coords, offsets[0], offsets[1], offsets[2], index)


def multipolygon_at(
    coords: np.ndarray, rings: np.ndarray, polygons: np.ndarray, geometries: np.ndarray, index: int
) -> shapely.MultiPolygon:
    """The ``index``-th MultiPolygon of shapely's ragged arrays, built alone (only its coordinates are read).

    The arrays are those of :func:`shapely.to_ragged_array`: coordinates (lon, lat
    degrees) and the ring, polygon and geometry offsets.
    """
    first_polygon, end_polygon = geometries[index], geometries[index + 1]
    first_ring, end_ring = polygons[first_polygon], polygons[end_polygon]
    first_coord, end_coord = rings[first_ring], rings[end_ring]
    offsets = (
        rings[first_ring : end_ring + 1] - first_coord,
        polygons[first_polygon : end_polygon + 1] - first_ring,
        np.array([0, end_polygon - first_polygon]),
    )
    geometry = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, np.array(coords[first_coord:end_coord]), offsets
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
def load_airports() -> dict[str, Mapping[str, dict[str, Any]]]:
    """Return ``airports.csv`` indexed two ways: ``{"iata": {...}, "icao": {...}}``.

    Each row: iata, icao, name, city, country (ISO alpha-2), lat and lon (float degrees).
    Looking one code up reads only its line (a cold ``geodist A B`` needs two
    airports of 7,884); iterating an index parses the whole file once.
    """
    return {"iata": _AirportIndex(0), "icao": _AirportIndex(1)}


@cache
def _airport_rows() -> list[dict[str, Any]]:
    return _read_csv("airports.csv", ("lat", "lon"))


@cache
def _airport_text() -> str:
    path = data_dir() / "airports.csv"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def _airport_index(column: int) -> dict[str, dict[str, Any]]:
    key = ("iata", "icao")[column]
    return {r[key]: r for r in _airport_rows() if r[key]}


_AIRPORT_SCANS = 16
"""Lookups answered by scanning the file's text before the whole file is indexed."""


class _AirportIndex(Mapping[str, dict[str, Any]]):
    """``airports.csv`` by one code column (0 IATA, 1 ICAO), as a read-only mapping.

    The same rows as a dict built from the whole file (the last row wins for a
    repeated code; rows without an ICAO code are not indexed by it).
    """

    def __init__(self, column: int) -> None:
        self._column = column
        self._lookups = 0

    def __getitem__(self, code: str) -> dict[str, Any]:
        import csv

        if not isinstance(code, str) or not code or any(c in code for c in ',"\r\n'):
            raise KeyError(code)
        self._lookups += 1
        if self._lookups > _AIRPORT_SCANS:  # many lookups: index the whole file once
            return self._full()[code]
        line = self._last_line(code)
        if line is None:
            raise KeyError(code)
        header = _airport_text().partition("\n")[0].split(",")
        row = dict(zip(header, next(csv.reader([line])), strict=True))
        try:
            return {**row, "lat": float(row["lat"]), "lon": float(row["lon"])}
        except ValueError as exc:
            raise DataError(f"cannot read {data_dir() / 'airports.csv'}: {exc}") from exc

    def _last_line(self, code: str) -> str | None:
        """The last line whose code column is ``code`` (searching backwards with ``str.rfind``)."""
        text = _airport_text()
        needle = ("\n" if self._column == 0 else ",") + code + ","
        end = len(text)
        while (at := text.rfind(needle, 0, end)) >= 0:
            start = text.rfind("\n", 0, at + 1) + 1  # the line holding the match
            if start > 0 and (
                self._column == 0 or text.find(",", start) == at
            ):  # this column, not the header
                stop = text.find("\n", at + 1)
                return text[start : stop if stop >= 0 else len(text)]
            end = at + len(needle) - 1
        return None

    def _full(self) -> dict[str, dict[str, Any]]:
        return _airport_index(self._column)

    def __iter__(self) -> Iterator[str]:
        return iter(self._full())

    def __len__(self) -> int:
        return len(self._full())


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
