"""The OpenStreetMap boundary tier (``data="osm"``): the data set's quality, and choosing it per call and command.

Reference figures for the pairs come from the issue that asked for this tier
(issue 13: "an independent dense computation" on OSM via geo-maps 0.6.0) and
are checked here against geodist's own engine and the brute force of
``tests/bruteforce.py``.
"""

import json

import numpy as np
import pyproj
import pytest
import shapely

import geodist
from geodist import GeodistError, InputValueError, LatLon, MissingExtraError, distance
from geodist import datasets as ds
from geodist._data import load_countries
from geodist.cli import main
from geodist.maps import pair_features
from geodist.matrix import nearest_countries
from tests.bruteforce import brute_force_distance_m

GEOD = pyproj.Geod(ellps="WGS84")
OSM_SOURCE = "OpenStreetMap contributors, ODbL, via geo-maps 0.6.0"

ABSENT: dict[str, str] = {}
"""Default territories the OSM set lacks, with the reason: none (the 14 without an ISO code are carried over)."""

AREA_EXCEPTIONS = {
    # Territories over 10,000 km² whose OSM area differs from the default set's by more than 2 %, and why
    # (the largest pieces of OSM minus Natural Earth and back, measured on the two sets as built).
    "EH": "the line between Western Sahara and Morocco is OSM's, not Natural Earth's berm: -11 %",
    "UY": "OSM includes Uruguay's side of the Río de la Plata estuary (15,071 km²): +9 %",
    "GM": "OSM includes the Gambia river's estuary (715 km² at its mouth): +7 %",
    "AQ": "OSM includes the ice shelves (Ronne 455,000 km², Ross 290,000) and stops at 85.05°S: +6 %",
    "BS": "coastline generalisation of banks and cays (-2,201 km², +1,571): -5 %",
    "SB": "coastline generalisation of many small islands: +4 %",
    "BT": "OSM's northern border differs from Natural Earth's (1,292 km² near 28.2°N 90.4°E): -4 %",
    "QA": "OSM's line with Saudi Arabia at Khor al Udeid (383 km²) and the coast: +4 %",
    "FK": "coastline generalisation of many small islands: +4 %",
    "TM": "OSM includes the Garabogazköl lagoon (17,141 km²), which Natural Earth leaves as sea: +4 %",
    "GW": "coastline generalisation of the Bijagós islands and estuaries: +3 %",
    "HR": "generalisation of Croatia's islands, coast and lakes: +2.4 %",
    "BD": "OSM includes more of the Ganges delta's estuaries (2,172 km² in the Meghna mouth): +2.4 %",
    "KR": "OSM includes reclaimed tidal flats (Incheon, Sihwa) and the coast differs: +2.1 %",
    "CL": "OSM's coast, islands and Altiplano border; the Southern Patagonian Ice Field is Argentina's here: +2.1 %",
}


def osm(query):
    return geodist.country(query, data="osm")


# --- the data set -----------------------------------------------------------------------------------


def test_every_default_territory_is_in_the_osm_set_or_listed_absent():
    default_ids = {c["id"] for c in load_countries()["countries"]}
    osm_ids = set(ds._osm_index()[0])
    assert osm_ids == default_ids - set(ABSENT)


def test_the_territories_without_an_iso_code_are_carried_over():
    for uid in ("somaliland", "northern-cyprus", "baikonur", "siachen-glacier", "cyprus-un-buffer-zone"):
        c = osm(uid)
        assert c.data == "osm" and c.area_km2 > 100
        assert c.territory.is_valid


@pytest.mark.slow  # builds and checks all 255 territories, 3.5 million vertices (about 5 s)
def test_every_osm_territory_is_valid_and_within_range():
    for c in geodist.all_countries():
        t = c.on("osm").territory
        assert isinstance(t, shapely.MultiPolygon) and not t.is_empty, c.id
        assert t.is_valid, (c.id, shapely.is_valid_reason(t))
        west, south, east, north = t.bounds
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90, c.id


OVERLAP_TOLERANCE_KM2 = 1e-3
"""Land two OSM territories may share, per pair: 1,000 m². The build cuts every overlap on a grid of
1e-7° (about 1 cm), so what remains are slivers at most a centimetre or so wide along shared borders
(the largest, 708 m², between Northern Cyprus and the U.N. buffer zone); the default set itself has
0.53 km² (Italy and Vatican City) and 0.014 km² (China and Macau)."""


@pytest.mark.slow  # an STRtree over every polygon, then the intersections (about 20 s)
def test_no_land_is_counted_twice():
    countries = list(geodist.all_countries())
    geometries = [c.on("osm").territory for c in countries]
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    shared = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i < j:
            area = abs(GEOD.geometry_area_perimeter(geometries[i].intersection(geometries[j]))[0]) / 1e6
            if area > OVERLAP_TOLERANCE_KM2:
                shared.append((countries[i].id, countries[j].id, area))
    assert shared == []


def test_de_facto_policy_as_the_default_set():
    # Crimea in Russia's territory (as Natural Earth's de-facto layer draws it), not Ukraine's;
    # El Aaiún (Laayoune) in Morocco's; Vatican City cut out of Italy; Lesotho out of South Africa.
    simferopol = shapely.Point(34.10, 44.95)
    assert osm("RU").territory.covers(simferopol) and not osm("UA").territory.covers(simferopol)
    laayoune = shapely.Point(-13.20, 27.15)
    assert osm("MA").territory.covers(laayoune) and not osm("EH").territory.covers(laayoune)
    st_peters = shapely.Point(12.4534, 41.9022)
    assert osm("VA").territory.covers(st_peters) and not osm("IT").territory.covers(st_peters)
    maseru = shapely.Point(27.48, -29.31)
    assert osm("LS").territory.covers(maseru) and not osm("ZA").territory.covers(maseru)
    # French Guiana is France's, as in the default set (part_of), and New Caledonia its own.
    assert osm("FR").territory.covers(shapely.Point(-52.33, 4.93))  # Cayenne
    assert not osm("FR").territory.covers(shapely.Point(166.46, -22.27))  # Nouméa


def test_vatican_city_at_its_true_size():
    # 0.49 km² (issue 13, OSM via geo-maps 0.6.0; the Holy See gives 0.44 km²); Natural Earth draws 0.012.
    assert 0.4 <= osm("Vatican City").area_km2 <= 0.6


def test_namibia_and_zimbabwe_do_not_touch():
    # Issue 13: 0.160 km apart in OSM (the Kazungula river points); Natural Earth draws a quadripoint.
    d = distance("Namibia", "Zimbabwe", data="osm")
    assert d.shares_border is False
    assert 0.1 <= d.km <= 0.25
    assert distance("Namibia", "Zimbabwe").shares_border is True  # the default set's false touch


def test_vanua_levu_missing_from_the_package_is_carried_over():
    labasa = shapely.Point(179.39, -16.43)  # Fiji's second island, left out of geo-maps 0.6.0
    assert osm("FJ").territory.covers(labasa)


def test_area_within_two_percent_of_the_default_set():
    differing = {}
    for c in geodist.all_countries():
        if c.area_km2 > 10_000:
            ratio = c.on("osm").area_km2 / c.area_km2
            if abs(ratio - 1) > 0.02:
                differing[c.id] = round(100 * (ratio - 1), 1)
    assert set(differing) == set(AREA_EXCEPTIONS), differing


# Issue 13's independent dense computation on OSM (km); geodist must agree to the metre.
ISSUE_TABLE_KM = [
    ("IR", "RU", 164.872),
    ("CA", "GL", 21.747),
    ("DK", "SE", 3.869),
    ("NA", "ZW", 0.160),
    ("GB", "FR", 32.123),
    ("US", "RU", 3.771),
]


@pytest.mark.parametrize(("a", "b", "km"), ISSUE_TABLE_KM)
def test_issue_table_on_osm(a, b, km):
    d = distance(a, b, data="osm")
    assert d.km == pytest.approx(km, abs=0.002)
    assert d.source == OSM_SOURCE


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b"), [("IR", "RU"), ("GB", "FR"), ("DK", "SE"), ("NA", "ZW"), ("FJ", "TO")])
def test_border_distance_equals_brute_force_on_osm(a, b):
    result = distance(a, b, data="osm")
    expected = brute_force_distance_m(osm(a).territory, osm(b).territory)
    assert result.distance_m == pytest.approx(expected, abs=1.0)
    assert result.distance_m <= expected + 1e-6


# --- choosing it -------------------------------------------------------------------------------------


def test_country_on_osm_keeps_the_record_and_changes_the_geometry():
    ne, o = geodist.country("Iran"), osm("Iran")
    assert (o.id, o.name, o.capital, o.centre) == (ne.id, ne.name, ne.capital, ne.centre)
    assert ne.data == "naturalearth" and o.data == "osm"
    assert shapely.get_num_coordinates(o.territory) > 10 * shapely.get_num_coordinates(ne.territory)
    assert o.area_km2 != ne.area_km2
    assert o.on("naturalearth") == ne and ne.on("osm") == o
    assert geodist.country(o) is o  # a Country keeps its data set unless data= is given
    assert OSM_SOURCE in o._repr_html_() and OSM_SOURCE not in ne._repr_html_()


def test_default_stays_natural_earth():
    d = distance("Iran", "Russia")
    assert d.source == "Natural Earth 1:10m admin-0 4.1.0 (world-atlas 2.0.2)"
    assert round(d.km, 3) == 165.830


def test_osm_other_methods_and_points():
    capital = distance("Iran", "Russia", "capital", data="osm")
    assert capital.km == distance("Iran", "Russia", "capital").km  # the same capitals
    centroid = distance("Iran", "Russia", "centroid", data="osm")
    assert OSM_SOURCE in centroid.source
    to_point = distance(LatLon(38.0, 44.0), "Iran", data="osm")
    assert to_point.source == OSM_SOURCE and to_point.km > 0


def test_unknown_data_set_is_refused():
    with pytest.raises(InputValueError, match="unknown data set 'bogus'; use one of: naturalearth, osm"):
        geodist.country("Iran", data="bogus")
    with pytest.raises(ValueError):
        distance("Iran", "Russia", data="bogus")


def test_missing_osm_package_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(ds.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(ds, "_CHECKOUT_FILE", tmp_path / "absent.npz")
    ds._osm_file.cache_clear()
    ds._osm_index.cache_clear()
    try:
        with pytest.raises(MissingExtraError, match=r"pip install \./boundaries/osm") as raised:
            geodist.country("Iran", data="osm")
        assert isinstance(raised.value, (GeodistError, ImportError))
    finally:
        ds._osm_file.cache_clear()
        ds._osm_index.cache_clear()


def test_matrix_and_distances_to_on_osm():
    table = geodist.matrix(["NA", "ZW", "ZM"], data="osm", workers=1)
    assert table.attrs["boundaries"] == OSM_SOURCE
    assert 0.1 <= table.loc["NA", "ZW"] <= 0.25
    assert geodist.matrix(["NA", "ZW"]).loc["NA", "ZW"] == 0.0  # the tables: Natural Earth's touch
    metres = geodist.distances_to("Vatican City", [41.9022, 41.95], [12.4534, 12.45], data="osm")
    assert metres[0] == 0.0 and metres[1] > 4_000


@pytest.mark.slow  # every OSM territory is loaded and prepared (about 15 s)
def test_nearest_and_locate_on_osm():
    ranked = nearest_countries("Namibia", top=5, data="osm")
    assert all(c.data == "osm" for c, _, _ in ranked)
    assert [c.id for c, _, t in ranked if t] == ["AO", "BW", "ZA", "ZM"]
    found = geodist.locate([41.9022], [12.4534], data="osm")
    assert found.id[0] == "VA" and bool(found.inside[0]) and found.attrs["boundaries"] == OSM_SOURCE


def test_map_names_the_data_set():
    fc = pair_features("Namibia", "Zimbabwe", data="osm")
    assert fc["boundaries"] == OSM_SOURCE
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert "nearest_border" in kinds and "shared_border" not in kinds


# --- the command line --------------------------------------------------------------------------------


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_pair_report_on_osm(capsys):
    code, out, err = run(capsys, "Iran", "Russia", "--data", "osm", "--method", "border")
    assert code == 0 and err == ""
    assert "164.9" in out.splitlines()[2]
    assert f"Boundaries: {OSM_SOURCE}." in out.splitlines()
    code, out, _ = run(capsys, "Iran", "Russia", "--data", "osm", "--json")
    data = json.loads(out)
    assert data["data"] == "osm" and data["boundaries"] == OSM_SOURCE
    border = next(e for e in data["distances"] if e["method"] == "border")
    assert border["source"] == OSM_SOURCE and round(border["distance_m"] / 1000, 3) == 164.872


def test_cli_default_report_names_natural_earth(capsys):
    _, out, _ = run(capsys, "Iran", "Russia", "--method", "border")
    assert "Boundaries: Natural Earth 1:10m admin-0 4.1.0 (world-atlas 2.0.2)." in out.splitlines()


@pytest.mark.slow  # nearest measures every OSM territory (about 6 s)
def test_cli_matrix_and_nearest_on_osm(capsys):
    code, out, _ = run(capsys, "matrix", "Namibia", "Zimbabwe", "--data", "osm", "--json")
    data = json.loads(out)
    assert code == 0 and data["data"] == "osm" and data["boundaries"] == OSM_SOURCE
    assert 0.1 <= data["values"][0][1] <= 0.25
    code, out, _ = run(capsys, "nearest", "Namibia", "--top", "5", "--data", "osm")
    assert code == 0 and OSM_SOURCE in out.splitlines()[0]
    assert "Zimbabwe" in out and "shares a border" not in next(
        line for line in out.splitlines() if "Zimbabwe" in line
    )


def test_cli_map_on_osm(capsys, tmp_path):
    out_file = tmp_path / "na-zw.geojson"
    code, _, err = run(capsys, "map", "Namibia", "Zimbabwe", "--data", "osm", "-o", str(out_file))
    assert code == 0 and "wrote" in err
    collection = json.loads(out_file.read_text())
    assert collection["boundaries"] == OSM_SOURCE
    assert "nearest_border" in [f["properties"]["kind"] for f in collection["features"]]


def test_cli_unknown_data_set_is_a_usage_error(capsys):
    code, _, err = run(capsys, "Iran", "Russia", "--data", "bogus")
    assert code == 2 and "--data" in err and "Traceback" not in err


def test_decode_coords_round_trip():
    # The build's encoding (boundaries/build_write.py, encode_coords), inverted by geodist.datasets.decode_coords.
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "boundaries"))
    from build_osm import GRID, encode_coords

    rng = np.random.default_rng(13)
    coords = np.rint(rng.uniform([-180, -90], [180, 90], (50, 2)) / GRID) / 1e7  # on the grid, as GEOS snaps
    steps, residual = encode_coords(coords, GRID)
    assert np.array_equal(ds.decode_coords(steps, residual, GRID), coords)
