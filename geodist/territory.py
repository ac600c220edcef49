"""Per-country geometry prepared for measuring: boundary edges, mainland, centroid.

Everything here is computed on first use for a country and cached for the
process, so that repeated distances to the same country cost only the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import shapely
import shapely.affinity

from geodist._edges import EdgeSet
from geodist.centroid import Centroid, territory_centroid
from geodist.countries import Country
from geodist.errors import GeometryError
from geodist.geodesic import WGS84

__all__ = ["PreparedTerritory", "from_geometry", "prepared"]


@dataclass(frozen=True, eq=False)
class PreparedTerritory:
    """A country's territory with what the distance engine needs.

    Attributes
    ----------
    label : str
        What the territory is, as "Iran (IR)".
    geometry : shapely.MultiPolygon
        The territory, (lon, lat) degrees.
    """

    label: str
    geometry: shapely.MultiPolygon

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
        areas = np.zeros(len(self.geometry.geoms))
        for i, polygon in enumerate(self.geometry.geoms):
            areas[self.part_groups[i]] += abs(WGS84.geometry_area_perimeter(polygon)[0])
        return areas

    @cached_property
    def mainland_group(self) -> int:
        """Group number of the largest part (the mainland)."""
        return int(np.argmax(self.part_areas_m2))

    def is_mainland(self, polygon_index: int) -> bool:
        """Whether a polygon of the territory belongs to its largest part."""
        return bool(self.part_groups[polygon_index] == self.mainland_group)

    @cached_property
    def mainland(self) -> PreparedTerritory:
        """The same country restricted to its largest part (joined across ±180°)."""
        keep = [p for i, p in enumerate(self.geometry.geoms) if self.is_mainland(i)]
        return PreparedTerritory(self.label, shapely.MultiPolygon(keep))

    @cached_property
    def area_m2(self) -> float:
        """Area on WGS84, m²."""
        return float(self.part_areas_m2.sum())

    @cached_property
    def centroid(self) -> Centroid:
        """Area centroid on the ellipsoid (see :mod:`geodist.centroid`)."""
        return territory_centroid(self.geometry, self.area_m2)

    @cached_property
    def prepared_geometry(self) -> shapely.MultiPolygon:
        """The geometry, prepared for fast repeated predicates."""
        geometry = shapely.MultiPolygon(self.geometry)
        shapely.prepare(geometry)
        return geometry


@cache
def prepared(country: Country, mainland: bool = False) -> PreparedTerritory:
    """The cached :class:`PreparedTerritory` of a country, or of its mainland (largest part)."""
    whole = _whole(country)
    return whole.mainland if mainland else whole


@cache
def _whole(country: Country) -> PreparedTerritory:
    return PreparedTerritory(country.label, country.territory)


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
