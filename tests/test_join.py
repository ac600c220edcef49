"""nearest_join: each point to the nearest of the caller's regions, by exact geodesic distance."""

import geopandas
import numpy as np
import pyproj
import pytest
import shapely

import geodist
from geodist import CoordinateError, GeometryError, InputTypeError, InputValueError, distances_to, locate
from geodist.join import nearest_join

GEOD = pyproj.Geod(ellps="WGS84")

WEST = shapely.box(0.0, 0.0, 1.0, 1.0)
EAST = shapely.box(2.0, 1.0, 3.0, 2.0)
RIVER = shapely.LineString([(5.0, 0.0), (6.0, 1.0), (6.0, 3.0)])
IN_WEST, SOUTH_OF_EAST, NEAR_RIVER = shapely.Point(0.5, 0.5), shapely.Point(2.5, 0.5), shapely.Point(7.0, 2.0)


def _frames(points, regions, names):
    left = geopandas.GeoDataFrame({"n": range(len(points))}, geometry=points, crs=4326)
    right = geopandas.GeoDataFrame(
        {"name": names}, geometry=regions, index=[f"r{k}" for k in range(len(names))]
    )
    return left, right.set_crs(4326)


def test_points_join_the_region_holding_them_or_the_nearest():
    left, right = _frames(
        [IN_WEST, SOUTH_OF_EAST, NEAR_RIVER], [WEST, EAST, RIVER], ["west", "east", "river"]
    )
    got = nearest_join(left, right, distance_col="metres")
    assert list(got["name"]) == ["west", "east", "river"]
    assert list(got["index_right"]) == ["r0", "r1", "r2"]
    # Straight north to the box's southern edge: the meridian arc from 0.5°N to 1°N (GeographicLib inverse).
    expected = GEOD.inv(2.5, 0.5, 2.5, 1.0)[2]
    assert got["metres"].iloc[0] == 0.0
    assert got["metres"].iloc[1] == pytest.approx(expected, abs=1e-6)
    assert got["metres"].iloc[2] == pytest.approx(distances_to(RIVER, 2.0, 7.0), abs=1e-9)


def test_max_distance_and_how():
    left, right = _frames([IN_WEST, SOUTH_OF_EAST, None], [WEST, EAST], ["west", "east"])
    inner = nearest_join(left, right, max_distance=1_000.0)
    assert list(inner["n"]) == [0] and list(inner["index_right"]) == ["r0"]
    kept = nearest_join(left, right, max_distance=1_000.0, how="left")
    assert list(kept["n"]) == [0, 1, 2]
    assert kept["name"].isna().tolist() == [False, True, True] and np.isnan(kept["distance_m"].iloc[1])


@pytest.mark.slow  # checks the validity of all 255 territories (about 4 s)
def test_the_bundled_countries_as_regions_give_locate():
    world = geodist.countries_frame()
    rng = np.random.default_rng(6)
    lat, lon = rng.uniform(-60.0, 70.0, 30), rng.uniform(-180.0, 180.0, 30)
    points = geopandas.GeoDataFrame(geometry=geopandas.points_from_xy(lon, lat), crs=4326)
    got = nearest_join(points, world)
    where = locate(lat, lon)
    assert list(got["id"]) == list(where["id"])
    np.testing.assert_allclose(got["distance_m"], where["distance_m"], rtol=0, atol=1e-9)


def test_bad_input():
    left, right = _frames([IN_WEST], [WEST], ["west"])
    with pytest.raises(InputValueError, match="how"):
        nearest_join(left, right, how="right")
    with pytest.raises(InputValueError, match="max_distance"):
        nearest_join(left, right, max_distance=-1.0)
    with pytest.raises(InputTypeError, match="right"):
        nearest_join(left, [WEST])
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        nearest_join(left, right.to_crs(3857))
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        nearest_join(left.to_crs(3857), right)
    bow_tie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    with pytest.raises(GeometryError, match="region 0"):
        nearest_join(left, geopandas.GeoDataFrame(geometry=[bow_tie], crs=4326))
