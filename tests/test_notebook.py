"""Notebook and GeoPandas friendly results: _repr_html_, __geo_interface__, to_dict(), frames."""

import dataclasses
import json
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import geopandas
import pytest
import shapely
import shapely.geometry
from hypothesis import given, settings
from hypothesis import strategies as st

import geodist
from geodist.distance import GEO_VERTEX_SPACING_M
from geodist.engine.geodesic import WGS84
from geodist.report import pair_data
from tests.places import (
    EQUATOR_EAST_OF_DATELINE,
    EQUATOR_WEST_OF_DATELINE,
    IRAN_CENTRE,
    RUSSIA_CENTRE,
    TEHRAN,
)
from tests.report_keys import (
    REPORT_COUNTRY_KEYS,
    REPORT_ENTRY_KEYS,
    REPORT_FLIGHT_KEYS,
    REPORT_KEYS,
    REPORT_TRAVEL_KEYS,
)

README = Path(__file__).resolve().parent.parent / "README.md"

# Iran–Russia nearest border points and distance, measured on the bundled data and
# checked against the independent brute force in test_distance.py (within 1 m).
IRAN_RUSSIA_M = 165_830.079
IRAN_SIDE = {"lat": 39.70745155427154, "lon": 47.9578795787958}
RUSSIA_SIDE = {"lat": 41.196776706308086, "lon": 47.81387813878143}


def dumps(record):
    """JSON as a strict consumer needs it: no NaN, no infinity."""
    return json.dumps(record, allow_nan=False)


class _Page(HTMLParser):
    """Collects the text of an HTML fragment and checks that its tags nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.text = []
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.open.append(tag)  # the tables use no void elements (<br>, <img>)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment):
    """The text a browser would show for an HTML fragment; asserts it is well formed and self-contained."""
    page = _Page()
    page.feed(fragment)
    page.close()
    assert page.open == [], f"unclosed tags {page.open}"
    assert page.tags <= {"table", "caption", "tbody", "tfoot", "tr", "th", "td", "b", "small", "ul", "li"}
    assert "http" not in fragment and "<script" not in fragment  # nothing loaded from elsewhere
    return " ".join(page.text)


# --- to_dict ---------------------------------------------------------------------


def test_distance_to_dict_has_the_real_values():
    record = geodist.distance("Iran", "Russia").to_dict()
    assert record["distance_m"] == pytest.approx(IRAN_RUSSIA_M, abs=1e-3)
    assert record["start"] == IRAN_SIDE and record["end"] == RUSSIA_SIDE
    assert record["method"] == "border" and record["shares_border"] is False
    assert record["start_label"] == "Iran (IR)" and record["end_label"] == "Russia (RU)"
    assert record["start_part"] == record["end_part"] == "mainland"
    assert json.loads(dumps(record)) == record


def test_distance_to_dict_turns_nan_azimuths_into_none():
    # Touching countries: the two ends coincide, so the geodesic has no azimuth (NaN).
    touching = geodist.distance("France", "Germany")
    assert math.isnan(touching.azimuth1_deg)
    record = touching.to_dict()
    assert record["distance_m"] == 0.0 and record["azimuth1_deg"] is None and record["azimuth2_deg"] is None
    dumps(record)


def test_centre_distance_to_dict_is_the_articles_figure():
    # "4,883 km": the WGS84 geodesic between Google's centre points (GeographicLib GeodSolve).
    record = geodist.distance("Iran", "Russia", "centre").to_dict()
    assert record["distance_m"] == pytest.approx(4_882_988.69, abs=0.01)
    assert record["start"] == {"lat": IRAN_CENTRE.lat, "lon": IRAN_CENTRE.lon}
    assert record["end"] == {"lat": RUSSIA_CENTRE.lat, "lon": RUSSIA_CENTRE.lon}
    assert record["source"] == "Google DSPL countries.csv centre points"


def test_country_to_dict_keeps_the_seat_of_government():
    # GeoNames: La Paz (-16.5, -68.15), Bolivia's seat of government
    assert geodist.country("Bolivia").to_dict()["seat"] == {"name": "La Paz", "lat": -16.5, "lon": -68.15}


def test_country_to_dict():
    record = geodist.country("Iran").to_dict()
    assert record == {
        "id": "IR",
        "name": "Iran",
        "official_name": "Islamic Republic of Iran",
        "alpha2": "IR",
        "alpha3": "IRN",
        "numeric": "364",
        "capital": {"name": "Tehran", "lat": TEHRAN.lat, "lon": TEHRAN.lon, "note": None},
        "seat": None,
        "centre": {"lat": IRAN_CENTRE.lat, "lon": IRAN_CENTRE.lon},
        "un_member": True,
        "area_km2": 1_622_497.3,
    }
    antarctica = geodist.country("Antarctica").to_dict()
    assert antarctica["capital"] is None and antarctica["numeric"] == "010"  # a string: leading zero kept
    dumps(antarctica)


def test_travel_to_dict():
    # The article's method: 3,034.15 mi at 560 mph is 5.42 h.
    trip = geodist.travel_time(geodist.distance("Iran", "Russia", "centre"), "560 mph")
    record = trip.to_dict()
    assert record["total_s"] / 3600 == pytest.approx(5.418, abs=5e-4)
    assert record["total_s"] == record["moving_s"] and record["overhead_s"] == 0.0
    assert record["speed_m_s"] == pytest.approx(560 * 1609.344 / 3600)
    assert record["mode"] == "plain" and record["text"] == "5 h 25 min"
    assert isinstance(record["assumptions"], list)
    dumps(record)
    flight = geodist.travel_time("2512 km", mode="airliner").to_dict()
    assert flight["route_m"] == 2_612_000.0  # + ICAO's 100 km routing extension
    assert flight["overhead_s"] == 50 * 60.0


def test_article_report_to_dict_even_where_not_reproducible():
    report = geodist.article("South Sudan", "Antarctica")  # no centre point, no capital
    record = report.to_dict()
    assert record["centre_km"] is None and record["hours_at_560_mph"] is None
    assert record["first"]["name"] == "South Sudan" and record["second"]["capital"] is None
    assert [set(c) for c in record["corrections"]] == [{"claim", "reproduced", "corrected", "reason"}] * 5
    dumps(record)
    iran = geodist.article("Iran", "Russia").to_dict()
    assert round(iran["centre_km"]) == 4883 and round(iran["hours_at_560_mph"], 2) == 5.42


# --- The --json report is built from the same records -----------------------------


def test_json_report_keys_are_stable_and_documented():
    data = pair_data("Iran", "Russia", speed="560 mph")
    assert list(data) == REPORT_KEYS
    assert list(data["first"]) == list(data["second"]) == REPORT_COUNTRY_KEYS
    for entry in data["distances"]:
        assert list(entry) == REPORT_ENTRY_KEYS
        assert list(entry["travel"]) == REPORT_TRAVEL_KEYS
    assert list(data["flight"]) == REPORT_FLIGHT_KEYS
    # Every key is named in the README's "pair report `--json`" item.
    readme = README.read_text(encoding="utf-8")
    documented = readme[readme.index("- pair report `--json`") :].split("CSV:")[0]
    keys = {*REPORT_KEYS, *REPORT_COUNTRY_KEYS, *REPORT_ENTRY_KEYS, *REPORT_FLIGHT_KEYS}
    assert {k for k in keys if f"`{k}`" not in documented} == set()


def test_json_report_entries_are_the_results_to_dict():
    data = pair_data("Iran", "Russia", unit="mi")
    country = geodist.country("Iran").to_dict()
    assert data["first"] == {
        **{k: country[k] for k in REPORT_COUNTRY_KEYS[:-3]},
        "capital": "Tehran",
        "seat": None,
        "matched_as": "English name",
    }
    for entry in data["distances"]:
        record = geodist.distance("Iran", "Russia", entry["method"]).to_dict()
        assert {k: entry[k] for k in record} == record
        assert entry["distance"] == pytest.approx(record["distance_m"] / 1609.344)


# --- _repr_html_ -------------------------------------------------------------------


def test_distance_html_states_units_method_and_points():
    text = parse(geodist.distance("Iran", "Russia")._repr_html_())
    for part in (
        "Iran (IR) → Russia (RU)",
        "km 165.830",
        "mi 103.042",
        "nmi 89.541",
        "border: nearest points of the two territories",
        "lat 39.707452°, lon 47.957880°",
        "lat 41.196777°, lon 47.813878°",
        "355.8223° at the start, 175.7288° at the end (clockwise from north)",  # pyproj's -4.1777°
        "shares border no",
        "mainland → mainland",
        "Natural Earth",
        "WGS84 geodesic",
        "165,830.079 m",
    ):
        assert part in text, part


def test_html_escapes_names_with_apostrophes_and_ampersands():
    ivory = geodist.country("Côte d'Ivoire")
    page = ivory._repr_html_()
    assert "Côte d&#x27;Ivoire" in page and "d'Ivoire" not in page
    assert "Republic of Côte d'Ivoire" in parse(page)
    bosnia = geodist.distance("Bosnia and Herzegovina", "Côte d'Ivoire", "capital")
    assert "Yamoussoukro" in parse(bosnia._repr_html_())
    # Labels of your own: Saint Kitts & Nevis, and markup that must stay text.
    labelled = dataclasses.replace(bosnia, from_label="Saint Kitts & Nevis", to_label='<b>x</b> "y"')
    page = labelled._repr_html_()
    assert "Saint Kitts &amp; Nevis" in page and "&lt;b&gt;x&lt;/b&gt; &quot;y&quot;" in page
    assert 'Saint Kitts & Nevis → <b>x</b> "y"' in parse(page)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1))
def test_any_label_shows_as_written(label):
    d = dataclasses.replace(geodist.distance(TEHRAN, IRAN_CENTRE), from_label=label, note=label)
    assert label in parse(d._repr_html_())


def test_country_html():
    text = parse(geodist.country("Antarctica")._repr_html_())
    assert "Country: Antarctica (AQ)" in text and "capital none" in text and "UN member no" in text
    text = parse(geodist.country("Iran")._repr_html_())
    assert "IR / IRN / 364" in text and "Tehran (lat 35.694390°, lon 51.421510°)" in text
    assert "1,622,497.3 km²" in text


def test_travel_html_and_repr():
    trip = geodist.travel_time("2512 km", mode="airliner")  # IKA-SVO
    text = parse(trip._repr_html_())
    assert "Travel (narrow-body airliner): 3 h 59 min" in text
    assert "2,612.0 km, with detour or routing" in text and "ICAO" in text
    assert repr(trip) == (
        "<Travel narrow-body airliner: 3 h 59 min (3.98 h) over 2,512.0 km,"
        " route 2,612.0 km at 830 km/h (516 mph)>"
    )


def test_article_report_html_and_a_short_repr():
    report = geodist.article("Iran", "Russia")
    text = parse(report._repr_html_())
    assert "4,883 km or 3,034 miles" in text and "5.42 hours" in text and "560 mph" in text
    assert repr(report) == (
        "<ArticleReport Iran (IR) → Russia (RU): article 4,883 km or 3,034 miles, 5.42 hours;"
        " 5 corrections (.text(), .to_dict())>"
    )
    assert len(repr(geodist.article("South Sudan", "Antarctica"))) < 300


# --- __geo_interface__ -------------------------------------------------------------


def line_length_m(geometry):
    """Geodesic length on WGS84 of a GeoJSON (Multi)LineString, metres."""
    parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    return sum(WGS84.line_length([x for x, _ in p], [y for _, y in p]) for p in parts)


def test_geo_interface_of_a_distant_pair_is_the_geodesic():
    d = geodist.distance("Iran", "Russia")
    feature = d.__geo_interface__
    geometry = feature["geometry"]
    assert feature["type"] == "Feature" and geometry["type"] == "LineString"
    coords = geometry["coordinates"]
    assert coords[0] == [IRAN_SIDE["lon"], IRAN_SIDE["lat"]]  # lon, lat order
    assert coords[-1] == [RUSSIA_SIDE["lon"], RUSSIA_SIDE["lat"]]
    # The vertices lie on the geodesic, so the line is exactly as long as the distance.
    assert line_length_m(geometry) == pytest.approx(IRAN_RUSSIA_M, abs=1e-3)
    assert feature["properties"]["distance_m"] == pytest.approx(IRAN_RUSSIA_M, abs=1e-3)
    assert feature["properties"]["start_lat"] == IRAN_SIDE["lat"]
    assert shapely.geometry.shape(d).equals(shapely.LineString(coords))
    dumps(feature)


def test_geo_interface_vertices_are_at_most_the_spacing_apart():
    d = geodist.distance("Iran", "Russia", "capital")  # 2,464 km
    coords = d.__geo_interface__["geometry"]["coordinates"]
    assert len(coords) == math.ceil(d.distance_m / GEO_VERTEX_SPACING_M) + 1
    lons, lats = zip(*coords, strict=True)
    steps = WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])[2]
    assert max(steps) <= GEO_VERTEX_SPACING_M and line_length_m(d.__geo_interface__["geometry"]) == (
        pytest.approx(d.distance_m, abs=1e-3)
    )


def test_geo_interface_of_touching_countries_is_the_touch_point():
    d = geodist.distance("France", "Germany")
    feature = d.__geo_interface__
    assert feature["geometry"] == {"type": "Point", "coordinates": [d.start.lon, d.start.lat]}
    assert feature["properties"]["shares_border"] is True and feature["properties"]["distance_m"] == 0.0
    assert shapely.geometry.shape(d).equals(shapely.Point(d.start.lon, d.start.lat))


def test_geo_interface_splits_a_geodesic_at_the_antimeridian():
    # The US and Russian centroids: the geodesic runs over the Arctic and crosses 180°.
    d = geodist.distance("United States", "Russia", "centroid")
    geometry = d.__geo_interface__["geometry"]
    assert geometry["type"] == "MultiLineString" and len(geometry["coordinates"]) == 2
    first, second = geometry["coordinates"]
    assert first[-1][0] == -180.0 and second[0][0] == 180.0 and first[-1][1] == second[0][1]
    assert all(-180 <= lon <= 180 for part in geometry["coordinates"] for lon, _ in part)
    # The cut point is where the geodesic crosses 180°, so the two parts are as long as the whole.
    assert line_length_m(geometry) == pytest.approx(d.distance_m, abs=1e-3)
    assert shapely.geometry.shape(d).is_valid


def test_geo_interface_across_the_antimeridian_on_the_equator():
    # 0.2° of longitude on the equator across ±180°: two 0.1° pieces, not one of 359.8°.
    d = geodist.distance(EQUATOR_WEST_OF_DATELINE, EQUATOR_EAST_OF_DATELINE)
    assert d.__geo_interface__["geometry"] == {
        "type": "MultiLineString",
        "coordinates": [[[179.9, 0.0], [180.0, 0.0]], [[-180.0, 0.0], [-179.9, 0.0]]],
    }


def test_geo_interface_wraps_a_longitude_given_beyond_180():
    d = geodist.distance(geodist.LatLon(0.0, 540.0), geodist.LatLon(1.0, 190.0))
    coords = d.__geo_interface__["geometry"]["coordinates"]
    assert coords[0] == [-180.0, 0.0] and coords[-1] == pytest.approx([-170.0, 1.0])
    assert d.to_dict()["start"] == {"lat": 0.0, "lon": 540.0}  # the record keeps the point as given


def test_country_geo_interface_round_trips_through_shapely_and_geopandas():
    usa, russia = geodist.country("USA"), geodist.country("Russia")  # both reach across ±180°
    for c in (usa, russia):
        feature = c.__geo_interface__
        assert feature["type"] == "Feature" and feature["id"] == c.id
        assert shapely.geometry.shape(c).equals(c.territory)
        dumps(feature)
    frame = geopandas.GeoDataFrame.from_features([usa, russia], crs="EPSG:4326")
    assert frame["alpha3"].tolist() == ["USA", "RUS"] and frame["capital_name"].tolist() == [
        "Washington",
        "Moscow",
    ]
    assert frame.geometry.is_valid.all() and frame.geometry.geom_type.tolist() == ["MultiPolygon"] * 2
    assert frame.total_bounds[0] == -180.0 and frame.total_bounds[2] == 180.0


def test_distances_go_through_geopandas_from_features():
    results = [
        geodist.distance("France", "Germany"),  # touching
        geodist.distance("Iran", "Russia"),  # distant
        geodist.distance("USA", "Russia"),  # 4.0 km across the Bering Strait, beside ±180°
        geodist.distance("United States", "Russia", "centroid"),  # across ±180°
    ]
    frame = geopandas.GeoDataFrame.from_features(results, crs="EPSG:4326")
    assert frame.geometry.geom_type.tolist() == ["Point", "LineString", "LineString", "MultiLineString"]
    assert frame["distance_m"].tolist() == [r.distance_m for r in results]
    assert frame.geometry.is_valid.all()


# --- to_frame and countries_frame ------------------------------------------------


def test_to_frame_of_distances():
    results = [geodist.distance("Iran", "Russia", m) for m in geodist.Method]
    table = geodist.to_frame(results)
    assert type(table).__name__ == "DataFrame" and len(table) == 4
    assert table["method"].tolist() == ["border", "capital", "centroid", "centre"]
    assert list(table.columns[:7]) == [
        "method",
        "description",
        "distance_m",
        "start_lat",
        "start_lon",
        "end_lat",
        "end_lon",
    ]
    assert table["distance_m"].iloc[0] == pytest.approx(IRAN_RUSSIA_M, abs=1e-3)
    assert table["distance_m"].iloc[3] == pytest.approx(4_882_988.69, abs=0.01)


def test_to_frame_with_geometry_is_a_geodataframe():
    results = [geodist.distance("France", "Germany"), geodist.distance("Iran", "Russia")]
    table = geodist.to_frame(results, geometry=True)
    assert isinstance(table, geopandas.GeoDataFrame) and table.crs.to_epsg() == 4326
    assert table.geometry.geom_type.tolist() == ["Point", "LineString"]


def test_to_frame_of_travel_and_countries():
    trips = [geodist.travel_time(f"{km} km", mode="car") for km in (100, 200)]
    table = geodist.to_frame(trips)
    assert table["route_m"].tolist() == [130_000.0, 260_000.0]  # detour factor 1.3
    countries = geodist.to_frame([geodist.country("Iran"), geodist.country("Antarctica")])
    assert countries["capital_name"].iloc[0] == "Tehran" and countries["capital_name"].isna().iloc[1]


def test_to_frame_refuses_what_it_cannot_tabulate():
    d = geodist.distance("Iran", "Russia")
    for bad in (d, "Iran", [d, "Iran"]):
        with pytest.raises(geodist.InputTypeError, match="to_frame takes"):
            geodist.to_frame(bad)
    with pytest.raises(TypeError, match="a Travel has no geometry"):
        geodist.to_frame([geodist.travel_time("1 km", "5 km/h")], geometry=True)
    assert geodist.to_frame([]).empty


def test_countries_frame():
    world = geodist.countries_frame()
    assert isinstance(world, geopandas.GeoDataFrame) and world.crs.to_epsg() == 4326
    assert len(world) == 255 and world["id"].is_unique
    assert world.geometry.is_valid.all() and (world.geometry.geom_type == "MultiPolygon").all()
    assert list(world.columns) == [
        "id",
        "name",
        "official_name",
        "alpha2",
        "alpha3",
        "numeric",
        "capital_name",
        "capital_lat",
        "capital_lon",
        "capital_note",
        "seat_name",
        "seat_lat",
        "seat_lon",
        "centre_lat",
        "centre_lon",
        "un_member",
        "area_km2",
        "geometry",
    ]
    by_id = world.set_index("id")
    assert by_id.loc["NA", "name"] == "Namibia"  # the id "NA" stays a string in memory
    assert by_id.loc["IR", "capital_lat"] == TEHRAN.lat and by_id.loc["IR", "area_km2"] == 1_622_497.3
    assert world["un_member"].sum() == 193
    minx, miny, maxx, maxy = world.total_bounds
    assert minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90


def test_frames_without_geopandas_name_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "geopandas", None)  # makes `import geopandas` fail
    with pytest.raises(
        geodist.MissingExtraError, match=re.escape("pip install 'geodist[geopandas]'")
    ) as caught:
        geodist.countries_frame()
    assert isinstance(caught.value, ImportError) and isinstance(caught.value, geodist.GeodistError)
    with pytest.raises(ImportError):
        geodist.to_frame([geodist.distance("Iran", "Russia")], geometry=True)
    assert len(geodist.to_frame([geodist.distance("Iran", "Russia")])) == 1  # pandas alone is enough


@pytest.mark.slow  # about 14 s: 338 border distances
def test_every_touching_pair_gives_its_touch_point():
    # All 338 pairs whose bundled territories intersect: a Point, never an empty or 2-point line.
    countries = list(geodist.all_countries())
    territories = [c.territory for c in countries]
    first, second = shapely.STRtree(territories).query(territories, predicate="intersects")
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a < b]
    assert len(pairs) == 338
    for a, b in pairs:
        d = geodist.distance(countries[a], countries[b])
        assert d.shares_border and d.__geo_interface__["geometry"]["type"] == "Point"
