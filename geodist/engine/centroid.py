"""Area centroids of territories on the WGS84 ellipsoid.

The centroid of a region R of the ellipsoid is taken on the authalic sphere:
every point is mapped to the sphere of equal total area by its authalic latitude
(an equal-area map, so area weights are preserved exactly), the 3D centre of
mass of the mapped region, ∫x dA / A, is computed exactly by Stokes' theorem
(for a spherical polygon, ∫x dA = ½ Σ θ_e n_e over its edges, with θ_e the
edge's angle and n_e the unit normal of its great circle; Brock 1975; the
formula is also used by spherical geometry libraries such as S2), and the
resulting direction is mapped back to geodetic latitude. Edges are treated as
great-circle arcs between their vertices, which for Natural Earth's short
edges differs negligibly from the lon/lat lines as drawn; edges longer than
:data:`FOLLOW_DEG` are first split along their lon/lat lines
(:func:`follow_lines`), so that a long edge along a parallel (a polar cap's,
a latitude band's, whose two ends can even be one point) is followed as drawn.

This is correct across ±180° and for regions around a pole, unlike the centroid
of lon/lat coordinates. It may fall outside the territory (a crescent, an
archipelago); :func:`territory_centroid` reports that. For a territory spread
evenly around the globe the centroid is undefined (the centre of mass is near
the Earth's centre); that is reported as well.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import shapely
from numpy.typing import NDArray

from geodist.engine.geodesic import WGS84_F, LatLon

__all__ = ["FOLLOW_DEG", "Centroid", "follow_lines", "territory_centroid"]

FOLLOW_DEG = 1.0
"""Longest edge, in degrees of lon/lat, that area and centroid computations take as a geodesic."""


def follow_lines(geometry: shapely.Geometry) -> shapely.Geometry:
    """``geometry`` with edges longer than :data:`FOLLOW_DEG` split along their lon/lat lines (shapely.segmentize).

    Area and centroid formulas read an edge as the geodesic (or great circle)
    between its ends; split this finely, a lon/lat line differs from those
    pieces by at most about a hundred metres (a 1° piece along the 60th
    parallel bulges 105 m; the area of the band from 60°N to 70°N comes out
    3.7e-5 small). Natural Earth's edges are shorter but for a few in Russia and Antarctica.
    """
    return shapely.segmentize(geometry, FOLLOW_DEG)


_E = np.sqrt(WGS84_F * (2 - WGS84_F))


def _q(sin_phi: NDArray[np.float64]) -> NDArray[np.float64]:
    """Snyder (1987), Map Projections: A Working Manual, eq. 3-12."""
    e2 = _E * _E
    es = _E * sin_phi
    return (1 - e2) * (sin_phi / (1 - es * es) - np.log((1 - es) / (1 + es)) / (2 * _E))


_QP = float(_q(np.array(1.0)))


def authalic_latitude(lat_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """Authalic latitude (degrees) of geodetic latitude (degrees); Snyder eq. 3-11."""
    return np.degrees(np.arcsin(np.clip(_q(np.sin(np.radians(lat_deg))) / _QP, -1.0, 1.0)))


def geodetic_from_authalic(beta_deg: float) -> float:
    """Invert :func:`authalic_latitude` by Newton's method (Snyder eq. 3-16), degrees."""
    target = np.sin(np.radians(beta_deg)) * _QP
    phi = np.radians(beta_deg)
    for _ in range(10):
        s = np.sin(phi)
        es2 = (_E * s) ** 2
        step = (
            (1 - es2) ** 2
            / (2 * np.cos(phi))
            * (target / (1 - _E**2) - s / (1 - es2) + np.log((1 - _E * s) / (1 + _E * s)) / (2 * _E))
            if abs(np.cos(phi)) > 1e-12
            else 0.0
        )
        phi += step
        if abs(step) < 1e-15:
            break
    return float(np.degrees(phi))


class Centroid(NamedTuple):
    """An area centroid.

    Attributes
    ----------
    location : LatLon
        The centroid on the ellipsoid's surface (geodetic latitude, longitude).
    inside : bool
        Whether it lies inside the territory.
    concentration : float
        |∫x dA| / A on the unit authalic sphere: 1 for a point-like region, 0 when
        the region is spread evenly over the globe and the centroid is undefined.
    """

    location: LatLon
    inside: bool
    concentration: float


def _ring_moment(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    """½ Σ θ_e n_e for a closed ring on the unit authalic sphere (orientation gives the sign)."""
    beta = np.radians(authalic_latitude(lat))
    lam = np.radians(lon)
    v = np.column_stack([np.cos(beta) * np.cos(lam), np.cos(beta) * np.sin(lam), np.sin(beta)])
    a, b = v[:-1], v[1:]
    cross = np.cross(a, b)
    norm = np.linalg.norm(cross, axis=1)
    theta = np.arctan2(norm, np.einsum("ij,ij->i", a, b))
    ok = norm > 0
    return 0.5 * (cross[ok] / norm[ok, None] * theta[ok, None]).sum(axis=0)


def territory_centroid(territory: shapely.MultiPolygon, area_m2: float) -> Centroid:
    """Area centroid of a territory (see the module notes for the definition).

    Parameters
    ----------
    territory : shapely.MultiPolygon
        Lon/lat degrees, split at ±180°.
    area_m2 : float
        Its area on WGS84, square metres (to normalise the moment).
    """
    oriented = shapely.orient_polygons(follow_lines(territory), exterior_cw=False)
    moment = np.zeros(3)
    for polygon in shapely.get_parts(oriented):
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            moment += _ring_moment(xy[:, 0], xy[:, 1])
    # Area on the unit authalic sphere equals the ellipsoidal area over R_q².
    r_q2 = (6378137.0**2) * _QP / 2
    concentration = float(np.linalg.norm(moment) / (area_m2 / r_q2)) if area_m2 > 0 else 0.0
    x, y, z = moment
    beta = np.degrees(np.arctan2(z, np.hypot(x, y)))
    lon = float(np.degrees(np.arctan2(y, x)))
    location = LatLon(geodetic_from_authalic(float(beta)), lon)
    inside = bool(territory.covers(shapely.Point(location.lon, location.lat)))
    return Centroid(location, inside, concentration)
