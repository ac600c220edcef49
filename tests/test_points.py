"""Many points at once: distances_to (points to one target) and locate (where is each point).

The vectorised path must give the scalar path's numbers (``distance(LatLon, country)``)
within 1 mm, and agree with an independent brute force on densified edges.
"""

import math

import geopandas
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

import geodist
from geodist import (
    CoordinateError,
    GeodistError,
    GeometryError,
    InputTypeError,
    InputValueError,
    LatLon,
    UnknownCountryError,
    distance,
    distances_to,
    locate,
)
from tests.bruteforce import _densify, _stretches, boundary_edges
from tests.places import KUCHING, MOSCOW, NORTH_POLE, SOUTH_POLE, TEHRAN

GEOD = pyproj.Geod(ellps="WGS84")

# WGS84 equatorial arc per degree, a*pi/180 with a = 6378137 m (NIMA TR8350.2),
# and the meridian arc from 0° to 1°N, 110,574.3886 m (GeographicLib's inverse
# problem, `GeodSolve -i` with 0 0 1 0; also geodist.distances' doctest to the mm).
EQUATOR_DEGREE_M = 6378137.0 * math.pi / 180.0
MERIDIAN_FIRST_DEGREE_M = 110574.3886

# Sampling boxes (south, north, west, east in degrees) for the random points, each
# around a case the search must get right.
BOXES = {
    "IR": (20.0, 45.0, 38.0, 68.0),  # Iran and its neighbours, inside and out
    "RU": (55.0, 75.0, 165.0, 195.0),  # Chukotka, across ±180° (longitudes past 180 wrap)
    "FJ": (-25.0, -10.0, 172.0, 188.0),  # Fiji's islands on both sides of ±180°
    "ZA": (-31.0, -28.5, 27.0, 29.6),  # Lesotho: a hole in South Africa
    "AQ": (-90.0, -75.0, -180.0, 180.0),  # the South Pole and Antarctic coast
    "GL": (78.0, 90.0, -80.0, 20.0),  # up to the North Pole, to Greenland
}


def _random_points(box, n, seed):
    south, north, west, east = box
    rng = np.random.default_rng(seed)
    # Uniform on the sphere's area within the box, so polar boxes are not crowded at the pole.
    lat = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(south)), np.sin(np.radians(north)), n)))
    return lat, rng.uniform(west, east, n)


def _scalar(code, lat, lon):
    return np.array([distance(LatLon(a, b), code).distance_m for a, b in zip(lat, lon, strict=True)])


def _brute_force_point_m(lon, lat, edges):
    """Minimum geodesic distance from a point to (n, 4) lon/lat edges, by densifying and zooming.

    At spacing s the sampled minimum is at most D + s/2; the edge stretches within s of
    every sample that could be that close are densified again, down to 0.05 m.
    """
    best = np.inf
    for spacing in (2_000.0, 100.0, 5.0, 0.25, 0.05):
        slon, slat, owner, u, length = _densify(edges, spacing)
        _, _, d = GEOD.inv(np.full(len(slon), lon), np.full(len(slon), lat), slon, slat)
        d = np.asarray(d)
        best = min(best, float(d.min()))
        keep = np.flatnonzero(d <= best + spacing)
        edges = _stretches(edges, owner[keep], u[keep], length, spacing)
    return best


# --- exactness ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", list(BOXES))
def test_vectorised_equals_the_scalar_path(code):
    lat, lon = _random_points(BOXES[code], 250, seed=len(code) + ord(code[0]))
    got = distances_to(code, lat, lon, nearest_points=True)
    np.testing.assert_allclose(got.distance_m, _scalar(code, lat, lon), rtol=0, atol=1e-3)
    # Each nearest point is that far from its point (and is the point itself inside).
    _, _, d = GEOD.inv(lon, lat, got.nearest_lon, got.nearest_lat)
    np.testing.assert_allclose(d, got.distance_m, rtol=0, atol=1e-6)


def test_the_nearest_points_are_those_of_the_scalar_path():
    lat, lon = _random_points(BOXES["IR"], 40, seed=5)
    got = distances_to("Iran", lat, lon, nearest_points=True)
    for k in range(len(lat)):
        scalar = distance(LatLon(lat[k], lon[k]), "Iran")
        assert (got.nearest_lat[k], got.nearest_lon[k]) == pytest.approx(
            (scalar.end.lat, scalar.end.lon), abs=1e-9
        )


def test_points_in_lesotho_are_measured_to_the_hole_in_south_africa():
    lesotho = geodist.country("Lesotho").territory
    lat, lon = _random_points(BOXES["ZA"], 400, seed=11)
    inside = shapely.contains_xy(lesotho, lon, lat)
    assert inside.sum() > 50
    got = distances_to("South Africa", lat[inside], lon[inside])
    assert np.all(got > 0)
    np.testing.assert_allclose(got, _scalar("ZA", lat[inside], lon[inside]), rtol=0, atol=1e-3)
    assert np.all(distances_to("Lesotho", lat[inside], lon[inside]) == 0.0)


def test_longitudes_past_180_are_the_same_meridians():
    lat, lon = _random_points(BOXES["FJ"], 100, seed=3)
    # Equal to rounding: wrapping lon and lon - 360 into [-180, 180) may differ in the last bit.
    np.testing.assert_allclose(
        distances_to("Fiji", lat, lon), distances_to("Fiji", lat, lon - 360.0), rtol=0, atol=1e-6
    )


def test_the_poles():
    got = distances_to("Antarctica", [SOUTH_POLE.lat, NORTH_POLE.lat], [SOUTH_POLE.lon, NORTH_POLE.lon])
    assert got[0] == 0.0
    assert got[1] == pytest.approx(distance(NORTH_POLE, "Antarctica").distance_m, abs=1e-3)
    assert distances_to("Greenland", NORTH_POLE.lat, NORTH_POLE.lon) == pytest.approx(
        distance(NORTH_POLE, "Greenland").distance_m, abs=1e-3
    )


@pytest.mark.parametrize("code", ["IR", "FJ", "RU"])
def test_agrees_with_brute_force_on_densified_edges(code):
    lat, lon = _random_points(BOXES[code], 4, seed=7)
    got = distances_to(code, lat, lon)
    edges = boundary_edges(geodist.country(code).territory)
    for k in np.flatnonzero(got > 0):
        wrapped = (lon[k] + 180.0) % 360.0 - 180.0
        expected = _brute_force_point_m(wrapped, lat[k], edges)
        # The brute force is an upper bound within its last spacing (0.05 m).
        assert expected - 0.05 <= got[k] <= expected + 1e-6


@pytest.mark.slow
@pytest.mark.parametrize("code", ["RU", "FJ", "ZA", "AQ", "ID"])
def test_vectorised_equals_the_scalar_path_everywhere(code):
    # Points anywhere on Earth (uniform on the sphere), not only near the target; the
    # scalar path is slow from far away (tens of ms a point to Russia), hence few points.
    lat, lon = _random_points((-90.0, 90.0, -180.0, 180.0), 100, seed=ord(code[1]))
    np.testing.assert_allclose(distances_to(code, lat, lon), _scalar(code, lat, lon), rtol=0, atol=1e-3)


def test_a_part_of_a_country():
    # From Kuching (on Borneo) to Malaysia's mainland, the part holding Kuala Lumpur.
    got = distances_to("Malaysia", KUCHING.lat, KUCHING.lon, part="mainland")
    assert got == pytest.approx(distance(KUCHING, "Malaysia", part="mainland").distance_m, abs=1e-3)
    assert got > 500_000.0 and distances_to("Malaysia", KUCHING.lat, KUCHING.lon) == 0.0
    with pytest.raises(geodist.PartError):
        distances_to(shapely.box(0, 0, 1, 1), 0.0, 0.0, part="mainland")
    with pytest.raises(geodist.PartError):
        distances_to("Malaysia", 0.0, 0.0, part="Atlantis")


# --- own shapes -----------------------------------------------------------------------------------


def test_a_line_along_the_equator():
    equator = shapely.LineString([(0.0, 0.0), (10.0, 0.0)])
    got = distances_to(equator, [1.0, 0.0, 0.0], [5.0, 12.0, 3.0], nearest_points=True)
    # 1°N above the line: the meridian arc; 2° beyond its end: the equatorial arc; on it: 0.
    np.testing.assert_allclose(
        got.distance_m, [MERIDIAN_FIRST_DEGREE_M, 2 * EQUATOR_DEGREE_M, 0.0], rtol=0, atol=1e-4
    )
    np.testing.assert_allclose(got.nearest_lon, [5.0, 10.0, 3.0], atol=1e-9)


def test_a_prepared_target_is_reused_and_gives_the_same_numbers():
    island = shapely.Polygon([(178.0, -20.0), (179.9, -19.0), (178.5, -17.0)])
    ready = geodist.prepare_target(island)
    assert geodist.prepare_target(ready) is ready
    lat, lon = _random_points((-22.0, -15.0, 176.0, 182.0), 50, seed=12)
    np.testing.assert_array_equal(distances_to(ready, lat, lon), distances_to(island, lat, lon))
    assert distances_to(ready, lat, lon).tolist() == distances_to(ready, lat, lon).tolist()
    with pytest.raises(geodist.PartError):
        geodist.prepare_target(island, part="mainland")


def test_lines_have_no_inside():
    square = shapely.box(0.0, 0.0, 2.0, 2.0)
    centre = ([1.0], [1.0])
    assert distances_to(square, *centre)[0] == 0.0
    ring = distances_to(square.exterior, *centre)[0]
    assert ring == pytest.approx(_brute_force_point_m(1.0, 1.0, boundary_edges(square)), abs=0.05)


def test_own_polygons_and_multilines_agree_with_brute_force():
    island = shapely.Polygon([(178.0, -20.0), (179.9, -19.0), (178.5, -17.0)])  # up to ±180°
    lines = shapely.MultiLineString([[(-1.0, 60.0), (2.0, 61.0)], [(0.0, 57.0), (0.0, 58.0), (2.0, 58.5)]])
    for target, edges, box in (
        (island, boundary_edges(island), (-22.0, -15.0, 176.0, 182.0)),
        (lines, _line_edges(lines), (56.0, 62.0, -3.0, 4.0)),
    ):
        lat, lon = _random_points(box, 4, seed=2)
        got = distances_to(target, lat, lon)
        for k in np.flatnonzero(got > 0):
            wrapped = (lon[k] + 180.0) % 360.0 - 180.0
            assert got[k] == pytest.approx(_brute_force_point_m(wrapped, lat[k], edges), abs=0.05)


def _line_edges(lines):
    rows = [np.column_stack([np.asarray(g.coords)[:-1], np.asarray(g.coords)[1:]]) for g in lines.geoms]
    return np.vstack(rows)


def test_threads_give_the_same_numbers():
    lat, lon = _random_points(BOXES["RU"], geodist.points.BLOCK + 500, seed=8)
    one = distances_to("Russia", lat, lon, nearest_points=True)
    two = distances_to("Russia", lat, lon, nearest_points=True, workers=2)
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)
    sea_lat, sea_lon = lat[one.distance_m > 0][:300], lon[one.distance_m > 0][:300]
    pd.testing.assert_frame_equal(locate(sea_lat, sea_lon), locate(sea_lat, sea_lon, workers=2))


@pytest.mark.parametrize(
    ("workers", "error"), [(0, InputValueError), (1.5, InputTypeError), (True, InputTypeError)]
)
def test_bad_workers(workers, error):
    with pytest.raises(error, match="workers"):
        distances_to("Iran", [0.0], [0.0], workers=workers)
    with pytest.raises(error, match="workers"):
        locate([0.0], [0.0], workers=workers)


# --- input forms ----------------------------------------------------------------------------------


def test_scalar_in_float_out_and_shapes_kept():
    assert isinstance(distances_to("Iran", TEHRAN.lat, TEHRAN.lon), float)
    grid = distances_to("Iran", np.full((2, 3), MOSCOW.lat), MOSCOW.lon)
    assert grid.shape == (2, 3)
    assert grid[1, 2] == pytest.approx(distance(MOSCOW, "Iran").distance_m, abs=1e-3)
    both = distances_to(geodist.country("Iran"), TEHRAN.lat, TEHRAN.lon, nearest_points=True)
    assert both == (0.0, TEHRAN.lat, TEHRAN.lon)


def test_nan_in_nan_out():
    got = distances_to(
        "Iran", [TEHRAN.lat, math.nan, MOSCOW.lat], [TEHRAN.lon, 0.0, math.nan], nearest_points=True
    )
    assert got.distance_m[0] == 0.0
    assert np.isnan(got.distance_m[1:]).all() and np.isnan(got.nearest_lat[1:]).all()
    assert distances_to("Iran", [], []).shape == (0,)


def test_geoseries_in_series_out_with_its_index():
    points = geopandas.GeoSeries(
        [shapely.Point(TEHRAN.lon, TEHRAN.lat), None, shapely.Point(), shapely.Point(MOSCOW.lon, MOSCOW.lat)],
        index=["tehran", "missing", "empty", "moscow"],
        crs="EPSG:4326",
    )
    got = distances_to("Iran", points)
    assert isinstance(got, pd.Series) and list(got.index) == list(points.index)
    assert got["tehran"] == 0.0 and np.isnan(got["missing"]) and np.isnan(got["empty"])
    assert got["moscow"] == pytest.approx(distance(MOSCOW, "Iran").distance_m, abs=1e-3)
    near = distances_to("Iran", points, nearest_points=True)
    assert list(near.nearest_lat.index) == list(points.index)
    # Without a CRS the points are read as lon/lat degrees.
    assert distances_to("Iran", points.set_crs(None, allow_override=True)).equals(got)


def test_a_list_of_shapely_points_gives_an_array():
    got = distances_to("Iran", [shapely.Point(TEHRAN.lon, TEHRAN.lat), None])
    assert isinstance(got, np.ndarray) and got[0] == 0.0 and np.isnan(got[1])


def test_geoseries_in_another_crs_is_refused():
    points = geopandas.GeoSeries([shapely.Point(TEHRAN.lon, TEHRAN.lat)], crs="EPSG:4326").to_crs(3857)
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        distances_to("Iran", points)


@pytest.mark.parametrize(
    ("lat", "lon", "error"),
    [
        ([0.0, 91.0], [0.0, 0.0], CoordinateError),
        ([0.0], [math.inf], CoordinateError),
        (math.nan, 0.0, CoordinateError),  # NaN as a scalar is an error, as in geodist.distances
        ([0.0, 0.0, 0.0], [0.0, 0.0], CoordinateError),  # does not broadcast
        (["north"], [0.0], CoordinateError),
        ([object()], [0.0], InputTypeError),
    ],
)
def test_bad_coordinates(lat, lon, error):
    with pytest.raises(error):
        distances_to("Iran", lat, lon)


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ((51.4, 35.7), InputTypeError),
        (shapely.Point(0, 0), InputTypeError),
        (shapely.LineString(), GeometryError),
        (shapely.LineString([(0, 0), (200, 0)]), GeometryError),
        (shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]), GeometryError),  # a bow tie
        ("Atlantis", UnknownCountryError),
    ],
)
def test_bad_targets(target, error):
    with pytest.raises(error) as raised:
        distances_to(target, [0.0], [0.0])
    assert isinstance(raised.value, GeodistError)


# --- locate ---------------------------------------------------------------------------------------


def test_locate_inside_and_at_sea():
    table = locate([TEHRAN.lat, MOSCOW.lat, 0.0], [TEHRAN.lon, MOSCOW.lon, 0.0])
    assert list(table.columns) == list(geodist.locate.__globals__["COLUMNS"])
    assert list(table.id[:2]) == ["IR", "RU"] and table.inside[:2].all()
    assert (table.distance_m[:2] == 0.0).all()
    assert not table.inside[2]


def _nearest_by_scalar_path(point, countries):
    every = np.array([distance(point, c).distance_m for c in countries])
    return every.min(), every


def test_locate_at_sea_is_the_nearest_territory():
    lat, lon = _random_points((-60.0, 70.0, -180.0, 180.0), 40, seed=9)
    table = locate(lat, lon)
    sea = np.flatnonzero(~table.inside.to_numpy())[:4]
    assert len(sea) == 4
    countries = list(geodist.all_countries())
    for k in sea:
        # The scalar path on the 12 territories nearest in plain degrees (cheap; the
        # slow test below takes every territory): none is nearer than the answer.
        here = shapely.Point((lon[k] + 180.0) % 360.0 - 180.0, lat[k])
        near = np.argsort(shapely.distance([c.territory for c in countries], here))[:12]
        best, _ = _nearest_by_scalar_path(LatLon(lat[k], lon[k]), [countries[j] for j in near])
        assert table.distance_m[k] == pytest.approx(best, abs=1e-3)
    # And each row is what distances_to gives for its territory.
    for k in range(len(lat)):
        assert table.distance_m[k] == pytest.approx(distances_to(table.id[k], lat[k], lon[k]), abs=1e-6)


@pytest.mark.slow
def test_locate_at_sea_against_every_territory():
    lat, lon = _random_points((-60.0, 70.0, -180.0, 180.0), 12, seed=4)
    table = locate(lat, lon)
    countries = [c.id for c in geodist.all_countries()]
    for k in np.flatnonzero(~table.inside.to_numpy())[:2]:
        best, every = _nearest_by_scalar_path(LatLon(lat[k], lon[k]), countries)
        assert table.distance_m[k] == pytest.approx(best, abs=1e-3)
        assert every[countries.index(table.id[k])] == pytest.approx(best, abs=1e-3)


def test_locate_gives_a_point_on_a_border_to_the_first_territory_by_id():
    iran, iraq = (geodist.country(code).territory for code in ("IR", "IQ"))
    shared = shapely.get_coordinates(shapely.intersection(iran.boundary, iraq.boundary))
    lon, lat = shared[:20, 0], shared[:20, 1]
    table = locate(lat, lon)
    assert (table.id == "IQ").all() and table.inside.all()  # "IQ" sorts before "IR"
    assert (distances_to("Iran", lat, lon) == 0.0).all()


def test_locate_geoseries_keeps_its_index_and_missing_points():
    points = geopandas.GeoSeries([shapely.Point(MOSCOW.lon, MOSCOW.lat), None], index=[10, 20], crs=4326)
    table = locate(points)
    assert list(table.index) == [10, 20]
    assert table.id[10] == "RU" and pd.isna(table.id[20]) and pd.isna(table.name[20])
    assert not table.inside[20] and np.isnan(table.distance_m[20])


def test_locate_bad_input():
    with pytest.raises(CoordinateError):
        locate([95.0], [0.0])


# --- polygons with an edge along a whole parallel (polar caps, latitude bands) --------------------

BAND = shapely.box(-180.0, 60.0, 180.0, 70.0)  # the GIS way: one edge from -180° to 180° along 60°N


def test_an_edge_around_the_whole_parallel_is_measured_along_it():
    # Found by a newcomer's try: the edge from (-180, 60) to (180, 60) has a zero chord and was one
    # piece, so points were measured to the wrong place (off by up to 5,581 km).
    rng = np.random.default_rng(11)
    lat, lon = rng.uniform(-80.0, 89.0, 40), rng.uniform(-180.0, 180.0, 40)
    got = distances_to(BAND, lat, lon)
    ring = np.asarray(shapely.segmentize(BAND, 0.01).exterior.coords)  # brute force on vertices 0.01° apart
    geod = pyproj.Geod(ellps="WGS84")  # GeographicLib (Karney 2013)
    for la, lo, d in zip(lat, lon, got, strict=True):
        inside = 60.0 <= la <= 70.0
        brute = (
            0.0
            if inside
            else geod.inv(np.full(len(ring), lo), np.full(len(ring), la), ring[:, 0], ring[:, 1])[2].min()
        )
        # The brute force measures to vertices 556 m apart along 60°N: up to 0.2 m long.
        assert brute - 0.5 <= d <= brute + 1e-6


def test_a_polar_cap_to_a_box_is_the_meridian_arc():
    cap = shapely.box(-180.0, -90.0, 180.0, -85.0)
    # Nearest points: (0°, 85°S) on the cap and (0°, 0°) on the box, along the prime meridian.
    expected = pyproj.Geod(ellps="WGS84").inv(0.0, -85.0, 0.0, 0.0)[2]
    assert geodist.geometry_distance(cap, shapely.box(0.0, 0.0, 1.0, 1.0)).distance_m == pytest.approx(
        expected, abs=1e-3
    )


def test_a_latitude_band_has_its_area_and_its_centroid_at_the_pole():
    from geodist.engine.centroid import territory_centroid
    from geodist.territory import polygon_areas_m2

    band = shapely.MultiPolygon([BAND])
    # The zone's area on WGS84: pyproj's geodesic polygon area on edges 0.01° long (Karney 2013).
    reference = abs(pyproj.Geod(ellps="WGS84").geometry_area_perimeter(shapely.segmentize(BAND, 0.01))[0])
    area = polygon_areas_m2(band)[0]
    assert area == pytest.approx(reference, rel=1e-4)  # 1° pieces: 3.7e-5 less (their bulge)
    centroid = territory_centroid(band, area)
    assert centroid.location.lat == pytest.approx(90.0, abs=1e-6) and centroid.inside is False
