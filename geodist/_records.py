"""Plain records of results: JSON-ready values, GeoJSON geometries and flat table rows.

One place for the conventions the results' ``to_dict()``, ``__geo_interface__``
and :func:`geodist.to_frame` share, so that every record states them the same way:

- a point is ``{"lat": ..., "lon": ...}`` in degrees (never a bare pair);
- a value that is not a number (NaN, e.g. the azimuth between coincident
  points) is None, so that ``json.dumps(..., allow_nan=False)`` works;
- GeoJSON coordinates are ``[lon, lat]`` (RFC 7946), and a line that crosses
  ±180° is split there into a MultiLineString (RFC 7946, section 3.1.9);
- a table row is a record whose nested records are flattened into
  ``key_subkey`` columns (``start`` becomes ``start_lat`` and ``start_lon``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from geodist.engine.geodesic import WGS84, LatLon

__all__ = ["MODEL", "finite", "flat_rows", "line_geometry", "point", "wrap_lon"]

MODEL = "geodesics on the WGS84 ellipsoid (Karney 2013, GeographicLib via pyproj)"
"""How every geodist distance is computed, in words."""


_BISECTIONS = 48
"""Halvings of a segment to find where it crosses ±180°: 20 km / 2**48 is under 0.1 nm."""


def point(p: LatLon) -> dict[str, float]:
    """A point as ``{"lat": ..., "lon": ...}``, degrees."""
    return {"lat": p.lat, "lon": p.lon}


def finite(value: float) -> float | None:
    """``value``, or None when it is NaN or infinite (JSON has no NaN)."""
    return value if math.isfinite(value) else None


def wrap_lon(lon: float) -> float:
    """A longitude in [-180, 180] degrees; one already in that range is kept as it is."""
    return lon if -180.0 <= lon <= 180.0 else (lon + 180.0) % 360.0 - 180.0


def line_geometry(points: Sequence[LatLon]) -> dict[str, Any]:
    """A GeoJSON LineString through ``points``, or a MultiLineString split at ±180°.

    Consecutive points are joined the short way round (longitudes are unwrapped);
    where a segment crosses the antimeridian it is cut at ±180°, at the point
    where the WGS84 geodesic between its two ends crosses that meridian, and the
    line continues from the other side, as RFC 7946 (section 3.1.9) asks.
    Coordinates are ``[lon, lat]`` degrees within [-180, 180].
    """
    lons = np.unwrap(np.array([p.lon for p in points], dtype=float), period=360.0)
    lats = [p.lat for p in points]
    parts: list[list[list[float]]] = []
    shift = float(lons[0]) - wrap_lon(float(lons[0]))  # taken off the unwrapped longitudes of this part
    current = [[float(lons[0]) - shift, lats[0]]]
    for i in range(1, len(points)):
        a, b = float(lons[i - 1]) - shift, float(lons[i]) - shift
        if abs(b) > 180.0:
            side = math.copysign(180.0, b)
            crossing = _crossing_lat(a, lats[i - 1], b, lats[i], side)
            if current[-1] != [side, crossing]:
                current.append([side, crossing])
            parts.append(current)
            shift += 2.0 * side
            current = [[-side, crossing]]
        current.append([float(lons[i]) - shift, lats[i]])
    parts.append(current)
    lines = [part for part in parts if len(part) >= 2]
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": lines[0]}
    return {"type": "MultiLineString", "coordinates": lines}


def _crossing_lat(lon1: float, lat1: float, lon2: float, lat2: float, meridian: float) -> float:
    """Latitude where the geodesic from (lon1, lat1) to (lon2, lat2) crosses ``meridian``, degrees.

    ``lon1`` and ``lon2`` are continuous (``lon2`` may lie beyond ±180) and on
    either side of ``meridian``; bisection along the geodesic, to well under a
    micrometre for the short segments of a densified line.
    """
    azimuth, _, length = WGS84.inv(lon1, lat1, lon2, lat2)
    low, high, lat = 0.0, length, lat1
    for _ in range(_BISECTIONS):
        middle = 0.5 * (low + high)
        lon, lat, _ = WGS84.fwd(lon1, lat1, azimuth, middle)
        lon = lon1 + (lon - lon1 + 180.0) % 360.0 - 180.0  # continuous with lon1
        if (lon - meridian) * (lon1 - meridian) > 0.0:
            low = middle
        else:
            high = middle
    return float(lat)


NESTED_FIELDS = {
    "capital": ("name", "lat", "lon", "note"),
    "seat": ("name", "lat", "lon"),
    "centre": ("lat", "lon"),
    "start": ("lat", "lon"),
    "end": ("lat", "lon"),
}
"""The fields of the nested records of results, so that a table has them even where every row has None."""


def _schema(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Every key of ``records`` in first-seen order, mapped to the schema of its nested records (or None)."""
    nested: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        for key, value in record.items():
            if key not in nested:
                nested[key] = [dict.fromkeys(NESTED_FIELDS[key])] if key in NESTED_FIELDS else []
            if isinstance(value, dict):
                nested[key].append(value)
    return {key: (_schema(values) if values else None) for key, values in nested.items()}


def _flatten(record: dict[str, Any] | None, schema: dict[str, Any], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, sub in schema.items():
        value = record.get(key) if record is not None else None
        if sub is None:
            out[prefix + key] = value
        else:
            out.update(_flatten(value, sub, f"{prefix}{key}_"))
    return out


def flat_rows(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records as table rows with the same columns: nested records become ``key_subkey`` columns.

    A nested record that is None in one row (a country without a capital) gives
    None in each of its columns, so every row has every column.

    Examples
    --------
    >>> flat_rows([{"a": 1, "p": {"lat": 2.0, "lon": 3.0}}, {"a": 4, "p": None}])
    [{'a': 1, 'p_lat': 2.0, 'p_lon': 3.0}, {'a': 4, 'p_lat': None, 'p_lon': None}]
    """
    schema = _schema(records)
    return [_flatten(record, schema, "") for record in records]
