"""Repairing polygons drawn in lon/lat into valid MultiPolygons within [-180, 180].

The data build (``boundaries/build.py``) and bring-your-own boundaries use the
same rules: rings are unwrapped where they jump across ±180°, a ring that winds
around a pole is closed along the pole, ``shapely.make_valid`` repairs each
polygon in that continuous frame, and the result is cut at ±180° and shifted back.
Coordinates are (longitude, latitude) in degrees throughout.
"""

from __future__ import annotations

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.ops import unary_union

__all__ = ["as_multipolygon", "close_polar_ring", "repair", "unwrap"]


def unwrap(ring: np.ndarray, reference: float | None = None) -> np.ndarray:
    """Return ``ring`` with longitudes made continuous (no step over 180°).

    world-atlas stitches polygons back together across the antimeridian, so a
    ring may jump from +179.9 to -179.9. Adding multiples of 360° after each
    jump gives a ring that is continuous in an unwrapped frame, where planar
    repair is correct. ``reference`` shifts the ring by whole turns so that its
    first longitude lies within 180° of it (used for holes, relative to their shell).
    """
    lon = ring[:, 0].copy()
    steps = np.diff(lon)
    turns = np.concatenate([[0.0], np.cumsum(-360.0 * np.round(steps / 360.0))])
    lon = lon + turns
    if reference is not None:
        lon += 360.0 * np.round((reference - lon[0]) / 360.0)
    return np.column_stack([lon, ring[:, 1]])


def close_polar_ring(ring: np.ndarray) -> np.ndarray:
    """Close a ring that winds once around a pole by running along the pole.

    After unwrapping, such a ring ends 360° east or west of where it starts.
    In lon/lat the polygon it bounds is the area between the ring and the
    pole, so the ring is closed along latitude ±90 (the pole's edge in the
    plate carrée plane).
    """
    start, end = ring[0], ring[-1]
    pole = -90.0 if ring[:, 1].mean() < 0 else 90.0
    return np.vstack([ring, [[end[0], pole], [start[0], pole], start]])


def repair(rings_per_polygon: list[list[np.ndarray]]) -> MultiPolygon:
    """Build a valid MultiPolygon within [-180, 180] from stitched rings.

    Each polygon is unwrapped (holes relative to their shell), closed along the
    pole if it winds around one, repaired with ``shapely.make_valid`` in that
    continuous frame, then cut at every ±180° + k·360° meridian and shifted back
    into [-180, 180]. Repairing in the wrapped frame instead would join the two
    ends of Russia across the whole map.
    """
    pieces = []
    for rings in rings_per_polygon:
        shell = unwrap(rings[0])
        if abs(shell[-1, 0] - shell[0, 0]) > 180.0:
            shell = close_polar_ring(shell)
        holes = [unwrap(h, reference=float(shell[0, 0])) for h in rings[1:]]
        fixed = shapely.make_valid(Polygon(shell, holes), method="structure")
        pieces.append(fixed)
    whole = unary_union(pieces)
    out = []
    for k in range(-2, 3):
        window = box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        part = whole.intersection(window)
        if not part.is_empty:
            out.append(shapely.affinity.translate(part, xoff=-360.0 * k) if k else part)
    return as_multipolygon(unary_union(out))


def as_multipolygon(geometry: shapely.Geometry) -> MultiPolygon:
    """Keep the polygonal parts of a geometry as one normalised MultiPolygon."""
    parts = getattr(geometry, "geoms", [geometry])
    polygons = []
    for part in parts:
        if isinstance(part, Polygon) and not part.is_empty:
            polygons.append(part)
        elif isinstance(part, (MultiPolygon, shapely.GeometryCollection)):
            polygons += list(as_multipolygon(part).geoms)
    return shapely.normalize(MultiPolygon(polygons))
