"""Build the OpenStreetMap boundary tier, ``boundaries/osm/geodist_osm/territories.npz``.

Run from the repository root (``python boundaries/build.py --only osm``, or this
script alone). It reads npm ``@geo-maps/countries-coastline-10m`` 0.6.0 (OSM
admin-0 boundaries with their coastline, simplified to 10 m; data ODbL 1.0,
© OpenStreetMap contributors), checks its SHA-256, and makes it a data set of
the same territories as the default Natural Earth set (``countries.json``,
``territories.npz``, which it reads as built):

1. decode the GeoJSON; repair every polygon with :func:`geodist.engine.repair.repair`
   (the default set's rules: unwrapped at ±180°, ``make_valid``, cut at ±180°);
2. join each feature to the default registry by ISO alpha-3; the ISO entities the
   default set draws inside another territory (``part_of``: French Guiana in
   France) are merged into it;
3. give land that two territories both claim to the one the default set assigns
   it to (:func:`resolve_overlaps`);
4. carry over the default set's territories without an ISO code (Somaliland,
   Northern Cyprus, ...), cut out of the territory OSM draws them in
   (:func:`carry_uncoded`), and the large islands the package leaves out
   (:func:`carry_missing_islands`: Vanua Levu);
5. snap to a grid of 1e-7° (about 1 cm) and write (:func:`write_osm`).

Only geometries (and their areas) come from OSM: codes, names, capitals and
centre points stay the default registry's. The output is deterministic.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Polygon

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geodist.datasets import SOURCES, decode_coords  # noqa: E402  (the reader, to check the round trip)
from geodist.engine.repair import as_multipolygon, repair  # noqa: E402

GEO_MAPS = (
    "@geo-maps/countries-coastline-10m",
    "0.6.0",
    "e6c6958453386a44eff3d4a7ae1ee319804e06550721c92eb2d278d7db7f8110",
)
OUT = HERE / "osm" / "geodist_osm" / "territories.npz"
GRID = 1e-7
"""Coordinates are snapped to multiples of this many degrees (about 1.1 cm of latitude) and stored as int32."""
SOURCE = SOURCES["osm"]
GEOD = pyproj.Geod(ellps="WGS84")


def decode(tgz: Path) -> dict[str, list[list[np.ndarray]]]:
    """The features of ``map.geo.json`` as {ISO alpha-3: polygons as lists of rings (lon, lat arrays)}."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/map.geo.json")
        assert member is not None
        collection = json.load(member)
    out = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        out[feature["properties"]["A3"]] = [[np.asarray(r, dtype=np.float64) for r in p] for p in polygons]
    return out


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


def ellipsoidal_area_km2(geometry: shapely.Geometry) -> float:
    """Area on WGS84 in km² (pyproj ``Geod.geometry_area_perimeter``, Karney 2013)."""
    area, _ = GEOD.geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def encode_coords(coords: np.ndarray, ring_offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (N, 2) on the :data:`GRID` as two compact streams: ``(steps, residual)``.

    OSM's coordinates have five decimals, so all but the few vertices that the
    repair creates lie on a 1e-5° grid. Each coordinate in :data:`GRID` units
    is ``100 * coarse + residual`` (residual 0..99, uint8, almost always 0);
    ``coarse`` is stored per ring as the first vertex and then the differences,
    zigzag-coded (0, -1, 1, -2, ... as 0, 1, 2, 3, ...) into uint32 and split into
    its four byte planes, lon then lat: ``steps`` has shape (4, 2N), uint8. Both
    deflate well (the planes of high bytes are nearly all zero). Inverse:
    :func:`geodist._osm.decode_coords`.
    """
    units = np.rint(coords / GRID).astype(np.int64)
    coarse, residual = np.divmod(units, 100)
    steps = np.diff(coarse, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    starts = ring_offsets[:-1]
    steps[starts] = coarse[starts]
    flat = steps.T.ravel()
    assert np.abs(flat).max() < 2**30
    zigzag = ((flat << 1) ^ (flat >> 63)).astype("<u4")
    planes = zigzag.view(np.uint8).reshape(-1, 4).T
    return np.ascontiguousarray(planes), np.ascontiguousarray(residual.T.astype(np.uint8))


def write_osm(path: Path, territories: dict[str, MultiPolygon]) -> int:
    """Write the territories as a zip of deflated ``.npy`` arrays; return the vertex count.

    Members: ``ids`` (str, the default registry's ids, in this order),
    ``area_km2`` (float64, on WGS84), ``offsets0..2`` (int64: ring, polygon and
    geometry offsets, as ``shapely.to_ragged_array``), ``steps`` and
    ``residual`` (the lon/lat coordinates in units of :data:`GRID` degrees, see
    :func:`encode_coords`), and ``meta`` (a JSON string: grid, source, package,
    licence). Entries carry fixed timestamps (byte-reproducible).
    """
    ids = list(territories)
    geoms = [territories[i] for i in ids]
    geom_type, coords, offsets = shapely.to_ragged_array(np.asarray(geoms, dtype=object))
    assert geom_type == shapely.GeometryType.MULTIPOLYGON
    steps, residual = encode_coords(coords, offsets[0])
    if not np.array_equal(decode_coords(steps, residual, offsets[0], GRID), coords):
        raise SystemExit("the coordinate encoding does not round-trip")
    meta = {
        "grid_degrees": GRID,
        "source": SOURCE,
        "package": f"npm {GEO_MAPS[0]} {GEO_MAPS[1]} (sha256 {GEO_MAPS[2]})",
        "licence": "ODbL-1.0, © OpenStreetMap contributors",
    }
    arrays = {
        "ids": np.asarray(ids),
        "area_km2": np.asarray([round(ellipsoidal_area_km2(g), 3) for g in geoms]),
        "steps": steps,
        "residual": residual,
        **{f"offsets{i}": o.astype(np.int64) for i, o in enumerate(offsets)},
        "meta": np.asarray(json.dumps(meta, sort_keys=True, ensure_ascii=False)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                buffer.getvalue(),
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=9,
            )
    return len(coords)


def build(cache: Path, out: Path = OUT) -> None:
    """Build the OSM tier from the pinned package in ``cache`` and the default set in ``boundaries/``."""
    from build import fetch_npm  # the sibling build script (fetch and verify)

    from geodist._data import load_countries, load_territories

    started = time.perf_counter()
    tgz = fetch_npm(cache, GEO_MAPS)
    countries = load_countries()
    default_geoms = load_territories()
    default = {c["id"]: default_geoms[c["territory_index"]] for c in countries["countries"]}
    raw = decode(tgz)
    repaired = {a3: snap(repair(rings)) for a3, rings in raw.items()}
    territories, log = join_registry(repaired, countries)
    territories, overlap_log = resolve_overlaps(territories, default)
    uncoded = sorted(c["id"] for c in countries["countries"] if not c["alpha3"])
    territories, carry_log = carry_uncoded(territories, default, uncoded)
    territories, island_log = carry_missing_islands(territories, default)
    missing = sorted(set(default) - set(territories))
    if missing:
        raise SystemExit(f"default territories without an OSM geometry: {missing}")
    invalid = sorted(k for k, g in territories.items() if not g.is_valid or g.is_empty)
    if invalid:
        raise SystemExit(f"invalid or empty after the build: {invalid}")
    vertices = write_osm(out, territories)
    print("\n".join(log + overlap_log + carry_log + island_log))
    print(
        f"{len(territories)} territories, {vertices} vertices, {out.stat().st_size:,} bytes,"
        f" {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    """Command-line entry: ``python boundaries/build_osm.py [--cache DIR]``."""
    sys.path.insert(0, str(HERE))
    from build import cache_argument

    build(cache_argument(__doc__.splitlines()[0]))


if __name__ == "__main__":
    main()
