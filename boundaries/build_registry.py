"""Join the registry: codes, UN membership, capitals, centre points and areas of each territory.

The recipes (``build.py``, ``build_osm.py``) give geometries; this module gives
what geodist knows about each country besides them: GeoNames' capitals with the
documented overrides and notes, Google's centre points, and areas on WGS84.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyproj
import shapely

from geodist.names import normalise_name

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

# Capital choices where GeoNames' country table needs a decision. Each entry is
# (capital name to use, GeoNames city name to match).
CAPITAL_OVERRIDES = {
    "PW": ("Ngerulmud", "Ngerulmud"),
    "KZ": ("Astana", "Astana"),
    "LK": ("Sri Jayawardenepura Kotte", "Sri Jayewardenepura Kotte"),
}

# Where the seat of government is another city than the capital: (name, GeoNames city name).

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
