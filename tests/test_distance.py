"""The distance engine: exactness against brute force, known values, properties, errors."""

import math

import numpy as np
import pyproj
import pytest
import shapely
import shapely.ops
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geodist
from geodist import CoordinateError, GeodistError, GeometryError, LatLon, MethodError, distance
from geodist.engine.border import chord_limit
from tests.bruteforce import brute_force_distance_m
from tests.places import (
    EQUATOR_EAST_OF_DATELINE,
    EQUATOR_WEST_OF_DATELINE,
    IRAN_CENTRE,
    MOSCOW,
    NORTH_POLE,
    RUSSIA_CENTRE,
    SOUTH_POLE,
    TEHRAN,
)

GEOD = pyproj.Geod(ellps="WGS84")

# Pairs that stress the search, with the distance expected to 0.1 km (measured on
# the bundled data; the brute force below is the real check).
STRESS_PAIRS = [
    ("IR", "RU", 165.8),  # the article's pair; across Azerbaijan
    ("US", "RU", 4.0),  # Little and Big Diomede, across ±180°
    ("FJ", "TO", 316.1),  # Fiji's Lau islands reach across ±180°
    ("GB", "FR", 32.8),  # Strait of Dover; naive planar nearest points give 34.3 km
    ("CL", "AQ", 812.9),  # near the pole, Drake Passage
    ("CA", "GL", 19.5),  # Nares Strait at 81°N; naive gives 29.1 km
    ("IR", "KW", 22.1),  # nearest point of Kuwait lies 8 km inside a long edge, not at a vertex
    ("DK", "SE", 4.2),  # Øresund; nearest point inside a Swedish edge
]


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b", "km"), STRESS_PAIRS)
def test_border_distance_equals_brute_force(a, b, km):
    result = distance(a, b)
    expected = brute_force_distance_m(geodist.country(a).territory, geodist.country(b).territory)
    assert result.distance_m == pytest.approx(expected, abs=1.0)
    assert result.distance_m <= expected + 1e-6  # the engine's minimum is never worse than a sample
    assert result.km == pytest.approx(km, abs=0.1)
    assert result.shares_border is False
    # The reported points are on the two territories and as far apart as stated.
    _, _, between = GEOD.inv(result.start.lon, result.start.lat, result.end.lon, result.end.lat)
    assert between == pytest.approx(result.distance_m, abs=1e-6)


def test_nearest_point_inside_a_long_edge_is_not_a_vertex():
    result = distance("Iran", "Kuwait")
    vertices = shapely.get_coordinates(geodist.country("KW").territory)
    _, _, gaps = GEOD.inv(
        vertices[:, 0],
        vertices[:, 1],
        np.full(len(vertices), result.end.lon),
        np.full(len(vertices), result.end.lat),
    )
    assert np.min(gaps) > 5_000  # metres from the nearest vertex


@pytest.mark.parametrize(
    ("a", "b", "naive_km", "exact_km"), [("GB", "FR", 34.3, 32.8), ("CA", "GL", 29.1, 19.5)]
)
def test_naive_planar_nearest_points_are_wrong(a, b, naive_km, exact_km):
    # The naive answer: shapely's nearest points in lon/lat degrees, then a geodesic.
    pa, pb = shapely.ops.nearest_points(geodist.country(a).territory, geodist.country(b).territory)
    _, _, naive = GEOD.inv(pa.x, pa.y, pb.x, pb.y)
    assert naive / 1000 == pytest.approx(naive_km, abs=0.1)
    assert distance(a, b).km == pytest.approx(exact_km, abs=0.1)


def test_enclave_shares_border():
    result = distance("South Africa", "Lesotho")
    assert result.distance_m == 0.0 and result.shares_border is True
    assert result.start == result.end


def test_overseas_parts_count_unless_mainland_is_asked():
    # In Natural Earth, France includes French Guiana, which borders Brazil.
    whole = distance("France", "Brazil")
    assert whole.distance_m == 0 and whole.shares_border
    assert whole.start_part.startswith("part ")  # French Guiana, not the mainland
    mainland = distance("France", "Brazil", mainland=True)
    assert mainland.km > 6000 and mainland.shares_border is False
    assert mainland.start_part == mainland.end_part == "mainland"


def test_mainland_of_russia_is_joined_across_the_antimeridian():
    # Chukotka is cut at 180°; the mainland keeps both halves (Cape Dezhnev is at 169.7°W).
    mainland = geodist.distance("US", "Russia", mainland=True)
    assert mainland.end.lon < -169.0 or mainland.end.lon > 179.0


def test_capital_distance_tehran_moscow():
    # Tehran–Moscow great-circle distance, 2,464 km (the article's correction; GeoNames coordinates).
    result = distance("Iran", "Russia", method="capital")
    assert result.km == pytest.approx(2464.2, abs=0.1)
    assert result.start == TEHRAN and result.end.lat == pytest.approx(MOSCOW.lat, abs=1e-3)
    assert result.shares_border is None


def test_centre_point_distance_reproduces_the_article():
    # "4,883 km or 3,034 miles": WGS84 geodesic between Google's centre points,
    # 4,882.99 km = 3,034.15 mi (GeographicLib GeodSolve on the two points).
    result = distance("Iran", "Russia", method="centre")
    assert (result.start, result.end) == (IRAN_CENTRE, RUSSIA_CENTRE)
    assert result.km == pytest.approx(4882.99, abs=0.005)
    assert result.mi == pytest.approx(3034.15, abs=0.005)
    assert f"{result.km:,.0f} km or {result.mi:,.0f} miles" == "4,883 km or 3,034 miles"


def test_pole_to_pole():
    # GeographicLib: the WGS84 meridian distance pole to pole is 20,003,931.4586 m.
    assert distance(NORTH_POLE, SOUTH_POLE).distance_m == pytest.approx(20_003_931.4586, abs=1e-3)


def test_centroids_are_on_the_ellipsoid_and_say_when_outside():
    # The US centroid including Alaska and Hawaii: the Census Bureau's geographic
    # centre of the 50 states is near Belle Fourche, SD (44.97°N, 103.77°W).
    us = geodist.distance("US", "Canada", method="centroid").start
    assert us.lat == pytest.approx(44.97, abs=0.3) and us.lon == pytest.approx(-103.77, abs=0.3)
    france = geodist.distance("France", "Spain", method="centroid")
    assert "outside" in france.note  # French Guiana and Réunion pull it into the Atlantic


def test_point_to_country():
    inside = distance(TEHRAN, "Iran")
    assert inside.distance_m == 0.0
    london = LatLon(51.5074, -0.1278)
    to_france = distance(london, "France")
    assert to_france.km == pytest.approx(distance(london, to_france.end).km, abs=1e-9)
    assert to_france.km == pytest.approx(distance("France", london).km, abs=1e-6)


def test_result_record():
    result = distance("Iran", "Russia")
    assert result.km == result.distance_m / 1000
    assert result.to("nmi") == pytest.approx(result.distance_m / 1852)
    assert result.method is geodist.Method.BORDER
    assert 0 <= result.azimuth1_deg % 360 < 360
    path = result.path(5)
    assert len(path) == 5 and path[0] == result.start and path[-1] == result.end
    assert "165.830 km" in repr(result) and "Iran (IR)" in repr(result)
    with pytest.raises(AttributeError):
        result.distance_m = 0  # frozen


def test_distances_array_in_array_out():
    lat1 = np.array([0.0, 0.0, np.nan])
    got = geodist.distances(lat1, 0.0, [0.0, 1.0, 1.0], [1.0, 0.0, 1.0])
    assert isinstance(got, np.ndarray) and got.shape == (3,)
    # One degree of longitude on the equator is a*pi/180 = 111,319.491 m;
    # one degree of latitude from the equator 110,574.389 m (GeographicLib).
    assert got[:2] == pytest.approx([111_319.4908, 110_574.3886], abs=1e-3)
    assert math.isnan(got[2])
    assert isinstance(geodist.distances(0.0, 0.0, 0.0, 1.0), float)


def test_distances_accepts_geoseries():
    gpd = pytest.importorskip("geopandas")
    a = gpd.GeoSeries.from_xy([TEHRAN.lon], [TEHRAN.lat], crs="EPSG:4326")
    b = gpd.GeoSeries.from_xy([MOSCOW.lon], [MOSCOW.lat], crs="EPSG:4326")
    assert geodist.distances(a, b)[0] / 1000 == pytest.approx(2464.2, abs=0.1)
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        geodist.distances(a.to_crs(3857), b.to_crs(3857))


def test_matrix_is_labelled_and_symmetric():
    table = geodist.matrix(["Iran", "Russia", "Azerbaijan", "Kuwait"], workers=1)
    assert list(table.index) == list(table.columns) == ["IR", "RU", "AZ", "KW"]
    assert table.loc["IR", "RU"] == pytest.approx(distance("IR", "RU").km)
    assert table.loc["IR", "AZ"] == 0.0
    assert (table.values == table.values.T).all()
    capitals = geodist.matrix(["IR", "RU"], method="capital", unit="mi")
    assert capitals.loc["IR", "RU"] == pytest.approx(distance("IR", "RU", "capital").mi)


def test_geometry_distance_of_own_polygons():
    # Two unit squares 1° apart along the equator: the nearest points are at 1°N
    # (a parallel is shorter there than the equator): 111,302.649 m per degree.
    result = geodist.geometry_distance(shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1))
    assert result.distance_m == pytest.approx(GEOD.inv(1, 1, 2, 1)[2], abs=1e-6)


# --- Properties -------------------------------------------------------------

SMALL = ["IR", "AZ", "KW", "GB", "FR", "IE", "FJ", "TO", "DK", "SE", "LS", "ZA", "CY", "SG", "MY"]
countries = st.sampled_from(SMALL)
latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False)
points = st.builds(LatLon, latitudes, longitudes)


@settings(max_examples=40, deadline=None)
@given(countries, countries)
def test_border_distance_is_symmetric_and_non_negative(a, b):
    ab, ba = distance(a, b), distance(b, a)
    assert ab.distance_m >= 0
    assert ab.distance_m == pytest.approx(ba.distance_m, abs=1e-6)
    assert (a != b) or ab.distance_m == 0


@settings(max_examples=30, deadline=None)
@given(countries, countries)
def test_border_is_at_most_capital_and_centroid(a, b):
    border = distance(a, b).distance_m
    ca, cb = geodist.country(a), geodist.country(b)
    inside = all(
        c.territory.covers(shapely.Point(c.capital.location.lon, c.capital.location.lat)) for c in (ca, cb)
    )
    if inside:
        assert border <= distance(a, b, "capital").distance_m + 1e-6
    centroid = distance(a, b, "centroid")
    if centroid.note is None:  # both centroids inside their territories
        assert border <= centroid.distance_m + 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(countries, st.floats(0, 1), st.floats(0, 1))
def test_point_inside_a_territory_is_at_distance_zero(code, fx, fy):
    territory = geodist.country(code).territory
    west, south, east, north = territory.bounds
    lon, lat = west + fx * (east - west), south + fy * (north - south)
    if territory.covers(shapely.Point(lon, lat)):
        assert distance(LatLon(lat, lon), code).distance_m == 0.0
    else:
        assert distance(LatLon(lat, lon), code).distance_m > 0.0


@settings(max_examples=50, deadline=None)
@given(points, points, st.integers(-2, 2))
def test_longitudes_shifted_by_360_give_the_same_answer(p, q, turns):
    shifted = LatLon(q.lat, q.lon + 360.0 * turns)
    assert distance(p, shifted).distance_m == pytest.approx(distance(p, q).distance_m, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(points, countries)
def test_point_to_country_is_the_same_with_shifted_longitude(p, code):
    shifted = LatLon(p.lat, p.lon + 360.0)
    assert distance(shifted, code).distance_m == pytest.approx(distance(p, code).distance_m, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(points, points, points)
def test_triangle_inequality_on_points(p, q, r):
    pq, qr, pr = (distance(x, y).distance_m for x, y in ((p, q), (q, r), (p, r)))
    assert pr <= pq + qr + 1e-6


def test_antimeridian_points():
    # 0.2° of longitude on the equator across ±180°, not 359.8°: a*0.2*pi/180.
    got = distance(EQUATOR_EAST_OF_DATELINE, EQUATOR_WEST_OF_DATELINE).distance_m
    assert got == pytest.approx(6378137.0 * math.radians(0.2), abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(points, points)
def test_chord_limit_never_cuts_a_real_geodesic(p, q):
    # The pruning bound: two points s apart on WGS84 are at most chord_limit(s) apart in 3D.
    transformer = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:4978", always_xy=True)
    a = np.array(transformer.transform(p.lon, p.lat, 0.0))
    b = np.array(transformer.transform(q.lon, q.lat, 0.0))
    s = distance(p, q).distance_m
    assert np.linalg.norm(a - b) <= chord_limit(s) + 1e-6


# --- Errors -----------------------------------------------------------------


def test_unknown_method():
    with pytest.raises(MethodError, match="border, capital, centroid, centre"):
        distance("Iran", "Russia", method="haversine")
    assert distance("Iran", "Russia", method="center").km == pytest.approx(4882.99, abs=0.01)


@pytest.mark.parametrize("bad", [(91.0, 0.0), (math.nan, 0.0), (0.0, math.inf)])
def test_bad_points(bad):
    with pytest.raises(CoordinateError):
        distance(LatLon(*bad), "Iran")


def test_bare_tuples_are_refused():
    with pytest.raises(GeodistError, match="LatLon"):
        distance((35.7, 51.4), "Iran")


def test_distances_bad_input():
    with pytest.raises(CoordinateError, match="out of range"):
        geodist.distances([0.0, 95.0], 0.0, 0.0, 0.0)
    with pytest.raises(CoordinateError, match="NaN"):
        geodist.distances(math.nan, 0.0, 0.0, 0.0)
    with pytest.raises(CoordinateError, match="broadcast"):
        geodist.distances([0.0, 1.0], [0.0, 1.0, 2.0], 0.0, 0.0)


@pytest.mark.parametrize(
    "geometry",
    [
        shapely.Polygon(),
        shapely.Point(0, 0),
        shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]),
        shapely.box(0, 0, 200, 1),
    ],
    ids=["empty", "not-polygonal", "invalid", "out-of-range"],
)
def test_bad_geometries(geometry):
    with pytest.raises(GeometryError):
        geodist.geometry_distance(geometry, shapely.box(0, 0, 1, 1))


def test_missing_capital_or_centre_says_what_to_do():
    with pytest.raises(GeodistError, match="no centre point"):
        distance("South Sudan", "Sudan", method="centre")


@pytest.mark.parametrize(
    ("p", "q"),
    [
        (NORTH_POLE, LatLon(0.0, 0.0)),
        (LatLon(0.0, 0.0), LatLon(0.0, 180.0)),
        (LatLon(0.0, 0.0), LatLon(0.5, 179.5)),
    ],
    ids=["pole-equator", "equatorial-antipodes", "near-antipodes"],
)
def test_chord_limit_at_its_tightest_cases(p, q):
    transformer = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:4978", always_xy=True)
    a = np.array(transformer.transform(p.lon, p.lat, 0.0))
    b = np.array(transformer.transform(q.lon, q.lat, 0.0))
    assert np.linalg.norm(a - b) <= chord_limit(distance(p, q).distance_m)
