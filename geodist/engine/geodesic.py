"""Geodesics on the WGS84 ellipsoid, and the validated point type.

Model: WGS84, semi-major axis a = 6378137 m, flattening f = 1/298.257223563
(NIMA TR8350.2). Algorithm: C. F. F. Karney, "Algorithms for geodesics",
J. Geodesy 87, 43-55 (2013), https://doi.org/10.1007/s00190-012-0578-z, as
implemented by GeographicLib inside PROJ and exposed by ``pyproj.Geod``.
Accuracy: about 15 nanometres for any pair of points; a spherical formula
(haversine) would be off by up to about 0.5 %.

Units: metres for lengths, degrees for angles. Points are given latitude first
in :class:`LatLon`; pyproj's own (lon, lat) order stays inside this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import pyproj

from geodist.errors import CoordinateError, echo

__all__ = ["WGS84", "WGS84_A_M", "WGS84_F", "GeodesicInverse", "LatLon", "inverse"]

WGS84_A_M = 6378137.0
"""WGS84 semi-major axis in metres (NIMA TR8350.2, table 3.1)."""

WGS84_F = 1 / 298.257223563
"""WGS84 flattening (NIMA TR8350.2, table 3.1)."""

WGS84 = pyproj.Geod(a=WGS84_A_M, f=WGS84_F)
"""The one ``pyproj.Geod`` every geodist computation uses (cheap to build)."""


@dataclass(frozen=True, slots=True)
class LatLon:
    """A point on WGS84: latitude and longitude in degrees.

    Latitude must lie in [-90, 90]; longitude may be any finite number and is
    kept as given (180 and -180 name the same meridian). Both must be finite.

    Raises
    ------
    CoordinateError
        If a value is not a finite number or the latitude is out of range.

    Examples
    --------
    >>> LatLon(35.6892, 51.389)
    LatLon(lat=35.6892, lon=51.389)
    """

    lat: float
    lon: float

    def __post_init__(self) -> None:
        for name, value in (("latitude", self.lat), ("longitude", self.lon)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise CoordinateError(f"{name} must be a number of degrees, got {echo(value)}")
            if not math.isfinite(value):
                raise CoordinateError(f"{name} must be finite, got {float(value)!r}")
        if not -90.0 <= self.lat <= 90.0:
            raise CoordinateError(f"latitude {float(self.lat)!r} is out of range [-90, 90] degrees")
        object.__setattr__(self, "lat", float(self.lat))
        object.__setattr__(self, "lon", float(self.lon))

    def __str__(self) -> str:
        """Format as "35.6892°N, 51.3890°E" (four decimals, about 11 m)."""
        ns = "N" if self.lat >= 0 else "S"
        lon = (self.lon + 180.0) % 360.0 - 180.0
        if lon == -180.0 and self.lon > 0:  # the antimeridian, given as +180: keep its sign
            lon = 180.0
        ew = "E" if lon >= 0 else "W"
        return f"{abs(self.lat):.4f}°{ns}, {abs(lon):.4f}°{ew}"


class GeodesicInverse(NamedTuple):
    """The solution of the inverse geodesic problem between two points.

    Attributes
    ----------
    distance_m : float
        Length of the shortest geodesic, metres.
    azimuth1_deg : float
        Azimuth at the first point, degrees clockwise from north.
    azimuth2_deg : float
        Azimuth at the second point (forward direction), degrees clockwise from north.
    """

    distance_m: float
    azimuth1_deg: float
    azimuth2_deg: float


def inverse(start: LatLon, end: LatLon) -> GeodesicInverse:
    """Solve the inverse geodesic problem on WGS84 between two points.

    Parameters
    ----------
    start, end : LatLon
        The two points (latitude, longitude in degrees).

    Returns
    -------
    GeodesicInverse
        Distance in metres and the azimuths at both ends in degrees.

    Examples
    --------
    >>> round(inverse(LatLon(90, 0), LatLon(-90, 0)).distance_m, 2)
    20003931.46
    """
    az1, az2, dist = WGS84.inv(start.lon, start.lat, end.lon, end.lat)
    return GeodesicInverse(dist, az1, az2)
