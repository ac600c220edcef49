"""geometry_distances: element-wise exact distances between two series of any geometries."""

import math

import geopandas
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

import geodist
from geodist import CoordinateError, GeometryError, InputValueError, distances_to, geometry_distance
from geodist.pairs import geometry_distances
from tests.places import MOSCOW, TEHRAN

GEOD = pyproj.Geod(ellps="WGS84")

SQUARE = shapely.box(0.0, 0.0, 1.0, 1.0)
FAR_SQUARE = shapely.box(2.0, 0.0, 3.0, 1.0)
WEST_MERIDIAN = shapely.LineString([(0.0, 0.0), (0.0, 1.0)])
EAST_MERIDIAN = shapely.LineString([(1.0, 0.0), (1.0, 1.0)])


def _point(place):
    return shapely.Point(place.lon, place.lat)


def test_every_mix_agrees_with_the_single_paths():
    iran = geodist.country("Iran").territory
    left = geopandas.GeoSeries(
        [_point(TEHRAN), _point(MOSCOW), SQUARE, WEST_MERIDIAN, SQUARE, iran, WEST_MERIDIAN],
        index=list("abcdefg"),
        crs=4326,
    )
    right = geopandas.GeoSeries(
        [_point(MOSCOW), iran, FAR_SQUARE, EAST_MERIDIAN, WEST_MERIDIAN, _point(MOSCOW), FAR_SQUARE],
        crs=4326,
    )
    got = geometry_distances(left, right)
    assert isinstance(got, pd.Series) and list(got.index) == list("abcdefg")
    assert got["a"] == pytest.approx(
        geodist.distances(TEHRAN.lat, TEHRAN.lon, MOSCOW.lat, MOSCOW.lon), abs=1e-9
    )
    assert got["b"] == pytest.approx(distances_to("Iran", MOSCOW.lat, MOSCOW.lon), abs=1e-9)
    assert got["f"] == got["b"]  # the point may be on either side
    assert got["c"] == pytest.approx(geometry_distance(SQUARE, FAR_SQUARE).distance_m, abs=1e-9)
    # Two meridian segments 1° apart: nearest at their northern ends, where meridians are closest
    # (GeographicLib's inverse between 1°N 0°E and 1°N 1°E).
    assert got["d"] == pytest.approx(GEOD.inv(0.0, 1.0, 1.0, 1.0)[2], abs=1e-6)
    assert got["e"] == 0.0  # the line runs along the square's edge
    assert got["g"] == pytest.approx(GEOD.inv(0.0, 1.0, 2.0, 1.0)[2], abs=1e-6)


def test_missing_and_empty_give_nan_and_lists_give_arrays():
    got = geometry_distances([None, shapely.Point(), shapely.Point(math.nan, 0.0)], [SQUARE, SQUARE, SQUARE])
    assert isinstance(got, np.ndarray) and np.isnan(got).all()


def test_bad_input():
    with pytest.raises(InputValueError, match="length"):
        geometry_distances([SQUARE], [SQUARE, SQUARE])
    with pytest.raises(CoordinateError, match="EPSG:4326"):
        geometry_distances(geopandas.GeoSeries([SQUARE], crs=4326).to_crs(3857), [SQUARE])
    with pytest.raises(GeometryError, match="MultiPoint"):
        geometry_distances([shapely.MultiPoint([(0, 0), (1, 1)])], [SQUARE])
    with pytest.raises(CoordinateError, match="row 0"):
        geometry_distances([shapely.Point(0.0, 95.0)], [SQUARE])
    with pytest.raises(GeometryError, match="row 0"):
        geometry_distances([shapely.LineString([(0, 0), (190, 0)])], [SQUARE])


def test_capital_matrix_from_the_seat_of_government() -> None:
    # Bolivia: Sucre is the official capital, La Paz the seat of government (GeoNames; boundaries/README.md).
    official = geodist.matrix(["Bolivia", "Peru"], method="capital")
    seat = geodist.matrix(["Bolivia", "Peru"], method="capital", capital="seat")
    assert seat.loc["BO", "PE"] == pytest.approx(
        geodist.distance("Bolivia", "Peru", "capital", capital="seat").km
    )
    assert official.loc["BO", "PE"] == pytest.approx(geodist.distance("Bolivia", "Peru", "capital").km)
    assert seat.loc["BO", "PE"] < official.loc["BO", "PE"]  # La Paz is nearer Lima than Sucre
    with pytest.raises(geodist.MethodError, match="capital must be one of"):
        geodist.matrix(["Bolivia", "Peru"], method="capital", capital="palace")
