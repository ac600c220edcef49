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

This is the recipe; the steps are modules of their own: ``build_fetch`` (fetch
and verify), ``build_geo_maps`` (the source, decoded), ``geodist.engine.repair``,
``build_overlaps`` (steps 2 to 4) and ``build_write``.

Only geometries (and their areas) come from OSM: codes, names, capitals and
centre points stay the default registry's. The output is deterministic.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # the sibling build modules
# The steps, one module each (GRID and encode_coords stay importable here).
from build_fetch import cache_argument, fetch_npm  # noqa: E402
from build_geo_maps import GEO_MAPS, SOURCE, decode  # noqa: E402
from build_overlaps import (  # noqa: E402
    GRID,
    carry_missing_islands,
    carry_uncoded,
    join_registry,
    resolve_overlaps,
    snap,
)
from build_write import encode_coords, write_osm  # noqa: E402, F401

from geodist.engine.repair import repair  # noqa: E402

OUT = HERE / "osm" / "geodist_osm" / "territories.npz"


def build(cache: Path, out: Path = OUT) -> None:
    """Build the OSM tier from the pinned package in ``cache`` and the default set in ``boundaries/``."""
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
    meta = {
        "grid_degrees": GRID,
        "source": SOURCE,
        "package": f"npm {GEO_MAPS[0]} {GEO_MAPS[1]} (sha256 {GEO_MAPS[2]})",
        "licence": "ODbL-1.0, © OpenStreetMap contributors",
    }
    vertices = write_osm(out, territories, meta)
    print("\n".join(log + overlap_log + carry_log + island_log))
    print(
        f"{len(territories)} territories, {vertices} vertices, {out.stat().st_size:,} bytes,"
        f" {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    """Command-line entry: ``python boundaries/build_osm.py [--cache DIR]``."""
    build(cache_argument(__doc__.splitlines()[0]))


if __name__ == "__main__":
    main()
