"""Make a second source's territories the default set's: snapped, joined, no land counted twice.

Each step takes ``{id: MultiPolygon}`` (lon/lat degrees) and returns it changed,
with log lines: :func:`join_registry` (alpha-3 -> the default registry's ids),
:func:`resolve_overlaps` (one rule for all overlaps), :func:`carry_uncoded`
(the default set's territories without an ISO code), :func:`carry_missing_islands`.
Every overlay runs on the fixed grid :data:`GRID`, so that results are valid on it.
"""

from __future__ import annotations

import shapely
from build_registry import ellipsoidal_area_km2
from shapely.geometry import MultiPolygon, Polygon

from geodist.engine.repair import as_multipolygon

GRID = 1e-7
"""Coordinates are snapped to multiples of this many degrees (about 1.1 cm of latitude) and stored as int32."""


def snap(geometry: shapely.Geometry) -> MultiPolygon:
    """The polygonal part of ``geometry`` on the :data:`GRID`, valid (``shapely.set_precision``)."""
    return as_multipolygon(shapely.set_precision(geometry, GRID))


def join_registry(
    features: dict[str, MultiPolygon], countries: dict
) -> tuple[dict[str, MultiPolygon], list[str]]:
    """Map OSM features to default-set ids by ISO alpha-3; merge ``part_of`` entities into their parent.

    Returns ({id: territory}, log lines). Raises SystemExit on an alpha-3 the
    registry does not know.
    """
    by_alpha3 = {c["alpha3"]: c["id"] for c in countries["countries"] if c["alpha3"]}
    parent = {p["alpha3"]: p["part_of"] for p in countries["part_of"]}
    pieces: dict[str, list[MultiPolygon]] = {}
    log = []
    for alpha3, geometry in sorted(features.items()):
        if alpha3 in by_alpha3:
            pieces.setdefault(by_alpha3[alpha3], []).append(geometry)
        elif alpha3 in parent:
            pieces.setdefault(parent[alpha3], []).append(geometry)
            log.append(f"{alpha3}: merged into {parent[alpha3]} (drawn as part of it in the default set)")
        else:
            raise SystemExit(
                f"OSM feature {alpha3} has no territory in countries.json: map it in build_osm.py"
            )
    return {k: snap(shapely.union_all(v, grid_size=GRID)) for k, v in sorted(pieces.items())}, log


def _planar_area(geometry: shapely.Geometry) -> float:
    return float(shapely.area(geometry))


def resolve_overlaps(
    territories: dict[str, MultiPolygon], default: dict[str, MultiPolygon]
) -> tuple[dict[str, MultiPolygon], list[str]]:
    """Give land that two territories overlap on to the one the default set assigns it to.

    OSM draws dependencies inside their parents (New Caledonia in France),
    enclaves without holes (the Vatican in Italy), Crimea in both Ukraine and
    Russia, and its neighbours' shared borders do not always agree. One rule
    for all: every connected piece of the overlap of two territories A and B
    goes whole to the one whose default (Natural Earth) territory covers more of
    it; where neither covers any of it, or both cover more than half (the default
    set has no hole there, as for the Vatican in Italy), to the smaller territory
    (the enclave or dependency). The pairs are taken in id order, and each
    territory loses what it gives away before the next pair.
    """
    ids = sorted(territories)
    current = dict(territories)
    tree = shapely.STRtree([current[i] for i in ids])
    left, right = tree.query([current[i] for i in ids], predicate="intersects")
    log = []
    total_area = {i: _planar_area(current[i]) for i in ids}
    for a_index, b_index in sorted(zip(left.tolist(), right.tolist(), strict=True)):
        if a_index >= b_index:
            continue
        a, b = ids[a_index], ids[b_index]
        overlap = as_multipolygon(shapely.intersection(current[a], current[b], grid_size=GRID))
        if overlap.is_empty:
            continue
        give: dict[str, list[Polygon]] = {a: [], b: []}
        for piece in overlap.geoms:
            size = _planar_area(piece)
            in_a = _planar_area(shapely.intersection(piece, default[a])) / size if a in default else 0.0
            in_b = _planar_area(shapely.intersection(piece, default[b])) / size if b in default else 0.0
            if (in_a == 0.0 and in_b == 0.0) or (in_a > 0.5 and in_b > 0.5):
                winner = a if total_area[a] < total_area[b] else b
            else:
                winner = a if in_a > in_b else b
            give[b if winner == a else a].append(piece)
        for loser, lost in give.items():
            if lost:
                current[loser] = snap(shapely.difference(current[loser], MultiPolygon(lost), grid_size=GRID))
        km2 = {k: sum(ellipsoidal_area_km2(p) for p in v) for k, v in give.items()}
        if max(km2.values()) >= 1.0:
            log.append(
                f"{a}/{b} overlap: {km2[b]:.1f} km² kept by {a}, {km2[a]:.1f} km² kept by {b}"
                f" ({len(overlap.geoms)} piece(s))"
            )
    return current, log


def carry_uncoded(
    territories: dict[str, MultiPolygon], default: dict[str, MultiPolygon], uncoded: list[str]
) -> tuple[dict[str, MultiPolygon], list[str]]:
    """Add the default set's territories without an ISO code, cut out of the OSM territory they lie in.

    Each such unit U (Somaliland, Northern Cyprus, Baikonur, ...) becomes the
    part of its host H that the default set draws as U: U ∩ H, where H is the
    OSM territory holding most of U; H loses it. So U's outer boundary (coast,
    borders with third countries) is OSM's and only the line between U and H is
    Natural Earth's. Where OSM draws less than half of U at all (reefs and
    islets OSM does not map), U is the default geometry minus any OSM land.
    """
    current = dict(territories)
    log = []
    for uid in uncoded:
        unit = default[uid]
        size = _planar_area(unit)
        hosts = sorted(
            (
                (_planar_area(shapely.intersection(unit, g)), k)
                for k, g in current.items()
                if g.intersects(unit)
            ),
            reverse=True,
        )
        if hosts and hosts[0][0] > 0.5 * size:
            host = hosts[0][1]
            part = snap(shapely.intersection(unit, current[host], grid_size=GRID))
            current[host] = snap(shapely.difference(current[host], part, grid_size=GRID))
            current[uid] = part
            log.append(
                f"{uid}: cut out of {host} along the default set's line ({ellipsoidal_area_km2(part):.1f} km²)"
            )
        else:
            land = shapely.union_all([current[k] for _, k in hosts], grid_size=GRID)
            current[uid] = snap(shapely.difference(unit, land, grid_size=GRID))
            log.append(
                f"{uid}: OSM draws less than half of it: the default geometry minus OSM's land"
                f" ({ellipsoidal_area_km2(current[uid]):.2f} km²)"
            )
    return dict(sorted(current.items())), log


MISSING_ISLAND_KM2 = 1000.0
"""A default-set polygon at least this large that OSM leaves (almost) bare is missing from the package."""


def carry_missing_islands(
    territories: dict[str, MultiPolygon], default: dict[str, MultiPolygon]
) -> tuple[dict[str, MultiPolygon], list[str]]:
    """Carry over the default set's large islands that the OSM package leaves out.

    A polygon of the default set of at least :data:`MISSING_ISLAND_KM2` of which
    OSM draws less than a tenth is missing from the package, not a coastline
    that differs (the largest such difference elsewhere, Greenland's ice shelves,
    is a tenth covered at 537 km²): it is added, minus any land OSM does draw,
    to the territory that owns it in the default set. In geo-maps 0.6.0 this is
    Vanua Levu, Fiji's second island (5,735 km²).
    """
    current = dict(territories)
    ids = sorted(current)
    tree = shapely.STRtree([current[i] for i in ids])
    log = []
    for owner in sorted(default):
        for polygon in default[owner].geoms:
            size = ellipsoidal_area_km2(polygon)
            if size < MISSING_ISLAND_KM2:
                continue
            # The OSM land near it, clipped to its box (territories no longer overlap: the areas add up).
            near = [shapely.clip_by_rect(current[ids[k]], *polygon.bounds) for k in tree.query(polygon)]
            land = [g for g in near if not g.is_empty]
            drawn = sum(_planar_area(shapely.intersection(polygon, g)) for g in land) / _planar_area(polygon)
            if drawn < 0.1:
                missing = shapely.difference(polygon, shapely.union_all(land, grid_size=GRID), grid_size=GRID)
                current[owner] = snap(shapely.union(current[owner], missing, grid_size=GRID))
                log.append(
                    f"{owner}: a {size:,.0f} km² polygon ({polygon.representative_point().wkt}) missing from OSM,"
                    " carried over from the default set"
                )
    return current, log
