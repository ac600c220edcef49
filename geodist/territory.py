"""Per-country geometry prepared for measuring: boundary edges, parts, mainland, centroid.

A territory's *parts* are its polygons, joined across ±180° where Natural Earth
cuts one landmass in two (Chukotka, Fiji's islands, Antarctica). Which part
stands for the country is chosen by a :class:`Part` rule:

- ``"whole"``: every part (the default everywhere);
- ``"mainland"``: the part that holds the capital (GeoNames coordinates): metropolitan
  France, Peninsular Malaysia, the contiguous United States, Zealand for Denmark.
  A capital outside every part as drawn (a coastal city a little offshore at
  1:10m) takes the part nearest to it, by geodesic distance; a territory without
  a capital in the data takes its largest part;
- ``"largest"``: the part of largest area on the WGS84 ellipsoid (what "mainland"
  meant in geodist 0.1.0: Malaysian Borneo, Jutland);
- a :class:`~geodist.engine.geodesic.LatLon`: the part that contains that point, or the
  part nearest to it;
- a part's name from the small curated table :data:`geodist.part_names.PART_NAMES`
  ("Zealand", "Peninsular Malaysia", "Alaska").

Everything here is computed on first use for a country and cached for the
process, so that repeated distances to the same country cost only the search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property

import numpy as np
import shapely
import shapely.affinity

from geodist._tables import Tables, tables
from geodist.countries import Country
from geodist.datasets import NATURAL_EARTH, source
from geodist.engine import border
from geodist.engine.centroid import Centroid, follow_lines, territory_centroid
from geodist.engine.edges import EdgeSet
from geodist.engine.geodesic import WGS84, LatLon
from geodist.errors import GeometryError, PartError
from geodist.part_names import PART_NAMES

__all__ = [
    "Part",
    "PartChoice",
    "PreparedTerritory",
    "from_geometry",
    "parse_part",
    "polygon_areas_m2",
    "prepared",
    "touching",
]


class Part(str, Enum):
    """Which part of a territory to measure (see the module notes)."""

    WHOLE = "whole"
    MAINLAND = "mainland"
    LARGEST = "largest"


PartChoice = Part | str | LatLon
"""A part rule, a part's curated name, or a point choosing the part that holds it (or is nearest)."""


def parse_part(part: object = None, mainland: bool = False) -> Part | str | LatLon:
    """Normalise a ``part=`` argument, with ``mainland=True`` as an alias of ``part="mainland"``.

    Returns a :class:`Part`, a :class:`LatLon`, or a stripped name to look up in
    :data:`~geodist.part_names.PART_NAMES` for each country.

    Raises
    ------
    PartError
        For something that is not a part rule, a name or a LatLon (a bare tuple
        among them), or ``mainland=True`` together with another part.
    """
    if part is None:
        chosen: Part | str | LatLon = Part.WHOLE
    elif isinstance(part, (Part, LatLon)):
        chosen = part
    elif isinstance(part, str):
        key = part.strip().lower()
        try:
            chosen = Part(key)
        except ValueError:
            if not key:
                raise PartError(
                    f"an empty part name; use one of: {_RULES}, a part's name or a LatLon"
                ) from None
            chosen = part.strip()
    elif isinstance(part, (tuple, list)):
        raise PartError(
            f"a bare pair {tuple(part)!r} cannot choose a part; give a point as geodist.LatLon(lat=..., lon=...)"
        )
    else:
        raise PartError(f"part must be one of {_RULES}, a part's name or a LatLon, got {part!r}")
    if mainland and chosen is not Part.MAINLAND:
        if chosen is not Part.WHOLE:
            raise PartError(f"mainland=True is part='mainland'; it cannot be combined with part={part!r}")
        chosen = Part.MAINLAND
    return chosen


_RULES = ", ".join(repr(p.value) for p in Part)


@dataclass(frozen=True, eq=False)
class PreparedTerritory:
    """A country's territory, or a part of it, with what the distance engine needs.

    Attributes
    ----------
    label : str
        What the territory is, as "Iran (IR)".
    geometry : shapely.MultiPolygon
        The territory, (lon, lat) degrees.
    capital : LatLon or None
        The capital, which decides the mainland; None for a caller's geometry or
        a territory without one (the mainland is then the largest part).
    part_names : tuple of (str, LatLon)
        Curated names of parts, each keyed by a point inside the part.
    whole : PreparedTerritory or None
        For a part: the whole territory it was taken from (its labels refer to that).
    polygons : tuple of int
        For a part: the index, in ``whole``, of each of its polygons.
    country_id : str or None
        The bundled country it is (for a whole territory of the default data
        set), whose part areas and centroids come from the precomputed tables
        (:mod:`geodist._tables`).
    source : str or None
        The data set the geometry comes from, as reports name it
        (:func:`geodist.datasets.source`); None for a caller's geometry.
    """

    label: str
    geometry: shapely.MultiPolygon
    capital: LatLon | None = None
    part_names: tuple[tuple[str, LatLon], ...] = ()
    whole: PreparedTerritory | None = field(default=None, repr=False)
    polygons: tuple[int, ...] = field(default=(), repr=False)
    country_id: str | None = field(default=None, repr=False)
    source: str | None = field(default=None, repr=False)
    _parts: dict[int, PreparedTerritory] = field(default_factory=dict, repr=False)

    @cached_property
    def edges(self) -> EdgeSet:
        """Boundary pieces of the whole territory."""
        return EdgeSet.from_multipolygon(self.geometry)

    @cached_property
    def part_groups(self) -> np.ndarray:
        """Group number of each polygon: polygons joined across ±180° share a group.

        Natural Earth cuts Chukotka (Russia), Fiji's islands and Antarctica at the
        antimeridian; the two halves of one landmass form one part.
        """
        polygons = list(self.geometry.geoms)
        group = np.arange(len(polygons))
        east = [i for i, p in enumerate(polygons) if p.bounds[2] >= 180.0]
        west = [i for i, p in enumerate(polygons) if p.bounds[0] <= -180.0]
        for i in east:
            for j in west:
                shifted = shapely.affinity.translate(polygons[j], xoff=360.0)
                if polygons[i].intersects(shifted):
                    group[group == group[j]] = group[i]
        return group

    @cached_property
    def part_areas_m2(self) -> np.ndarray:
        """Area on WGS84 of each part group, indexed by group number, m²."""
        stored = self._table_entry() if self.whole is None else None
        polygon_areas = (
            stored[0].polygon_areas_m2(stored[1]) if stored is not None else polygon_areas_m2(self.geometry)
        )
        areas = np.zeros(len(self.geometry.geoms))
        for i, area in enumerate(polygon_areas):
            areas[self.part_groups[i]] += area
        return areas

    def _table_entry(self) -> tuple[Tables, str] | None:
        """The precomputed tables and this territory's id in them, if they hold it."""
        owner = self.whole if self.whole is not None else self
        table = tables() if owner.country_id is not None else None
        if table is None or owner.country_id not in table.index:
            return None
        return table, owner.country_id

    @cached_property
    def largest_group(self) -> int:
        """Group number of the largest part by area."""
        return int(np.argmax(self.part_areas_m2))

    @cached_property
    def mainland_group(self) -> int:
        """Group number of the mainland: the part holding the capital, else the largest part."""
        if self.capital is None:
            return self.largest_group
        return self.group_at(self.capital)

    def group_at(self, point: LatLon) -> int:
        """Group number of the part that covers ``point``, or else of the part nearest to it.

        "Nearest" is by geodesic distance on WGS84 to the boundaries as drawn
        (:func:`geodist.engine.border.nearest_to_point`).
        """
        lon = (point.lon + 180.0) % 360.0 - 180.0
        here = shapely.Point(lon, point.lat)
        polygons = list(self.geometry.geoms)
        covering = np.flatnonzero(shapely.covers(polygons, here))
        if len(covering) == 0 and point.lon % 360.0 == 180.0:  # on ±180°: try the eastern edge too
            covering = np.flatnonzero(shapely.covers(polygons, shapely.Point(180.0, point.lat)))
        if len(covering):
            return int(self.part_groups[covering[0]])
        nearest = border.nearest_to_point(lon, point.lat, self.edges)
        return int(self.part_groups[nearest.part_b])

    @cached_property
    def group_names(self) -> dict[int, str]:
        """Curated name of each part group that has one."""
        return {self.group_at(point): name for name, point in self.part_names}

    def is_mainland(self, polygon_index: int) -> bool:
        """Whether a polygon of the territory belongs to its mainland (see :attr:`mainland_group`)."""
        if self.whole is not None:
            return self.whole.is_mainland(self.polygons[polygon_index])
        return bool(self.part_groups[polygon_index] == self.mainland_group)

    def restricted(self, group: int) -> PreparedTerritory:
        """The same country restricted to one part group (cached)."""
        if group not in self._parts:
            keep = [i for i in range(len(self.geometry.geoms)) if self.part_groups[i] == group]
            self._parts[group] = PreparedTerritory(
                self.label,
                shapely.MultiPolygon([self.geometry.geoms[i] for i in keep]),
                self.capital,
                self.part_names,
                whole=self,
                polygons=tuple(keep),
                source=self.source,
            )
        return self._parts[group]

    @property
    def mainland(self) -> PreparedTerritory:
        """The country restricted to its mainland, the part holding its capital (joined across ±180°)."""
        return self.restricted(self.mainland_group)

    @property
    def largest(self) -> PreparedTerritory:
        """The country restricted to its largest part (joined across ±180°)."""
        return self.restricted(self.largest_group)

    def has_part(self, name: str) -> bool:
        """Whether a curated part name (case-insensitive) belongs to this territory."""
        return any(known.casefold() == name.strip().casefold() for known, _ in self.part_names)

    def part(self, choice: Part | str | LatLon) -> PreparedTerritory:
        """The territory restricted as ``choice`` says (a value from :func:`parse_part`).

        Raises
        ------
        PartError
            For a name that is not a curated part of this territory.
        """
        if choice is Part.WHOLE:
            return self
        if choice is Part.MAINLAND:
            return self.mainland
        if choice is Part.LARGEST:
            return self.largest
        if isinstance(choice, LatLon):
            return self.restricted(self.group_at(choice))
        wanted = choice.strip().casefold()
        for name, point in self.part_names:
            if name.casefold() == wanted:
                return self.restricted(self.group_at(point))
        known = [name for name, _ in self.part_names]
        listed = f"its named parts are {', '.join(known)}" if known else "no parts are named for it"
        raise PartError(
            f"{self.label} has no part named {choice!r} ({listed}); use {_RULES} or a LatLon in the part"
        )

    def part_label(self, polygon: int) -> str:
        """How a polygon's part is described: "mainland", or its rank by area, area and name."""
        if self.whole is not None:
            return self.whole.part_label(self.polygons[polygon])
        group = int(self.part_groups[polygon])
        if group == self.mainland_group:
            return "mainland"
        return (
            f"part {self.rank(group)} of {len(np.unique(self.part_groups))} by area ({self.describe(group)})"
        )

    def rank(self, group: int) -> int:
        """Rank of a part group by area, 1 for the largest."""
        groups = np.unique(self.part_groups)
        areas = self.part_areas_m2[groups]
        return int(np.sum(areas > self.part_areas_m2[group])) + 1

    def describe(self, group: int) -> str:
        """A part group's curated name (if any) and area, as "Jutland, 29,775 km²"."""
        area = f"{self.part_areas_m2[group] / 1e6:,.0f} km²"
        name = self.group_names.get(group)
        return f"{name}, {area}" if name else area

    @cached_property
    def at_east(self) -> shapely.MultiPolygon | None:
        """The polygons that reach 180°E, or None."""
        east = [p for p in self.geometry.geoms if p.bounds[2] >= 180.0]
        return shapely.MultiPolygon(east) if east else None

    @cached_property
    def at_west(self) -> shapely.MultiPolygon | None:
        """The polygons that reach 180°W, shifted by +360° to meet those at 180°E, or None."""
        west = [
            shapely.affinity.translate(p, xoff=360.0) for p in self.geometry.geoms if p.bounds[0] <= -180.0
        ]
        return shapely.MultiPolygon(west) if west else None

    @cached_property
    def area_m2(self) -> float:
        """Area on WGS84, m²."""
        return float(self.part_areas_m2.sum())

    @cached_property
    def centroid(self) -> Centroid:
        """Area centroid on the ellipsoid (see :mod:`geodist.engine.centroid`); precomputed for bundled countries."""
        mainland = self.whole is not None and self.whole._parts.get(self.whole.mainland_group) is self
        stored = self._table_entry() if self.whole is None or mainland else None
        if stored is not None:
            table, country_id = stored
            lat, lon, inside, concentration = table.centroid(
                country_id, "whole" if self.whole is None else "mainland"
            )
            return Centroid(LatLon(lat, lon), inside, concentration)
        return territory_centroid(self.geometry, self.area_m2)

    @cached_property
    def prepared_geometry(self) -> shapely.MultiPolygon:
        """The geometry, prepared for fast repeated predicates."""
        geometry = shapely.MultiPolygon(self.geometry)
        shapely.prepare(geometry)
        return geometry


def polygon_areas_m2(geometry: shapely.MultiPolygon) -> list[float]:
    """Area on WGS84 of each polygon of a MultiPolygon, m² (Karney 2013 via pyproj).

    The sums of ``pyproj.Geod.geometry_area_perimeter`` (each ring's signed area,
    the holes' with their opposite orientation), from numpy arrays rather than
    the coordinate lists it builds, after splitting edges longer than 1° along
    their lon/lat lines (:func:`geodist.engine.centroid.follow_lines`: pyproj
    reads an edge as a geodesic, and a polar cap's edge from -180° to 180° as none).
    """
    rings, polygon_of_ring = shapely.get_rings(shapely.get_parts(follow_lines(geometry)), return_index=True)
    coords, ring_of_coord = shapely.get_coordinates(rings, return_index=True)
    bounds = np.searchsorted(ring_of_coord, np.arange(len(rings) + 1))
    totals = [0.0] * len(geometry.geoms)
    for ring, polygon in enumerate(polygon_of_ring):
        ring_coords = coords[bounds[ring] : bounds[ring + 1]]
        area, _ = WGS84.polygon_area_perimeter(ring_coords[:, 0], ring_coords[:, 1])
        totals[polygon] += area
    return [abs(total) for total in totals]


def touching(a: PreparedTerritory, b: PreparedTerritory) -> bool:
    """Whether two territories touch or overlap, also across ±180°.

    Natural Earth splits land at the antimeridian, and a caller's polygons may
    meet there: a polygon ending at 180°E touches one starting at 180°W where
    their latitude ranges meet, although shapely (in a plane) sees them 360° apart.
    """
    if shapely.intersects(a.prepared_geometry, b.geometry):
        return True
    for east, west in ((a.at_east, b.at_west), (b.at_east, a.at_west)):
        if east is not None and west is not None and shapely.intersects(east, west):
            return True
    return False


@cache
def prepared(country: Country, part: Part | str | LatLon | bool = Part.WHOLE) -> PreparedTerritory:
    """The cached :class:`PreparedTerritory` of a country, or of one of its parts.

    ``part`` is a value from :func:`parse_part`; True and False are accepted
    for "mainland" and "whole", as the ``mainland`` flag of earlier versions.
    """
    whole = _whole(country)
    if isinstance(part, bool):
        return whole.mainland if part else whole
    return whole.part(part)


@cache
def _whole(country: Country) -> PreparedTerritory:
    capital = country.capital.location if country.capital else None
    return PreparedTerritory(
        country.label,
        country.territory,
        capital,
        PART_NAMES.get(country.id, ()),
        country_id=country.id
        if country.data == NATURAL_EARTH
        else None,  # the tables hold Natural Earth only
        source=source(country.data),
    )


def from_geometry(geometry: shapely.Geometry, label: str) -> PreparedTerritory:
    """Prepare a caller's (Multi)Polygon in lon/lat degrees, checking it first.

    Raises
    ------
    GeometryError
        If it is empty, not polygonal, invalid, or outside [-180, 180] x [-90, 90].
    """
    if not isinstance(geometry, (shapely.Polygon, shapely.MultiPolygon)):
        raise GeometryError(
            f"{label}: expected a shapely Polygon or MultiPolygon, got {type(geometry).__name__}"
        )
    if geometry.is_empty:
        raise GeometryError(f"{label}: the geometry is empty")
    if not geometry.is_valid:
        raise GeometryError(
            f"{label}: invalid geometry ({shapely.is_valid_reason(geometry)}); repair it with shapely.make_valid"
        )
    west, south, east, north = geometry.bounds
    if west < -180 or east > 180 or south < -90 or north > 90:
        raise GeometryError(
            f"{label}: coordinates must be (longitude, latitude) degrees within [-180, 180] x [-90, 90];"
            f" got bounds {geometry.bounds}"
        )
    multi = geometry if isinstance(geometry, shapely.MultiPolygon) else shapely.MultiPolygon([geometry])
    return PreparedTerritory(label, multi)
