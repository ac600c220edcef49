"""densify_geodesic: a geometry's edges read as WGS84 geodesics, within a stated deviation."""

import itertools

import numpy as np
import pyproj
import pytest
import shapely

from geodist import GeometryError, InputValueError, densify_geodesic, distances_to, geometry_distances

GEOD = pyproj.Geod(ellps="WGS84")

# An edge drawn along the 60th parallel: as a geodesic it bulges 170 km towards the pole.
PARALLEL_EDGE = shapely.LineString([(0.0, 60.0), (40.0, 60.0)])
NORTH_OF_IT = (70.0, 20.0)  # lat, lon


def _distance_to_sampled_geodesic(lon0, lat0, lon1, lat1, lat, lon, samples=200_000):
    """Brute force: the nearest of many points along the geodesic (pyproj npts), metres."""
    points = np.asarray(GEOD.npts(lon0, lat0, lon1, lat1, samples))
    _, _, d = GEOD.inv(np.full(samples, lon), np.full(samples, lat), points[:, 0], points[:, 1])
    return float(np.min(d))


def test_distance_to_a_geodesic_edge_agrees_with_brute_force():
    arc = densify_geodesic(PARALLEL_EDGE, max_deviation_m=0.01)
    got = distances_to(arc, *NORTH_OF_IT)
    expected = _distance_to_sampled_geodesic(0.0, 60.0, 40.0, 60.0, *NORTH_OF_IT)
    # The brute force's samples are 11 m apart: it is high by at most (5.6 m)²/(2 * 945 km) = 17 µm.
    assert expected - 0.02 <= got <= expected + 1e-6
    # The lon/lat reading of the same edge is about 170 km farther.
    assert distances_to(PARALLEL_EDGE, *NORTH_OF_IT) - got == pytest.approx(169_497.1, abs=1.0)


def test_every_piece_is_within_the_deviation_of_the_geodesic():
    arc = densify_geodesic(PARALLEL_EDGE, max_deviation_m=1.0)
    xy = np.asarray(arc.coords)
    # Every vertex lies on the edge's geodesic: its azimuth from the start is the edge's.
    azimuth = GEOD.inv(0.0, 60.0, 40.0, 60.0)[0]
    along = GEOD.inv(np.zeros(len(xy) - 1), np.full(len(xy) - 1, 60.0), xy[1:, 0], xy[1:, 1])[0]
    np.testing.assert_allclose(along, azimuth, atol=1e-9)
    # Each piece's lon/lat midpoint is within 1 m of the geodesic's midpoint between its ends.
    middle = np.array([GEOD.npts(a[0], a[1], b[0], b[1], 1)[0] for a, b in itertools.pairwise(xy)])
    _, _, gap = GEOD.inv(
        (xy[:-1, 0] + xy[1:, 0]) / 2, (xy[:-1, 1] + xy[1:, 1]) / 2, middle[:, 0], middle[:, 1]
    )
    assert 0.25 < np.max(gap) <= 1.0  # not denser than needed by more than a halving (gap ~ 1/pieces²)
    assert (xy[0], xy[-1]) == (pytest.approx((0.0, 60.0)), pytest.approx((40.0, 60.0)))


def test_the_equator_and_meridians_are_already_geodesics():
    square = shapely.box(0.0, -1.0, 1.0, 0.0)  # meridians and the equator, plus one parallel at 1°S
    dense = densify_geodesic(square)
    assert dense.is_valid and len(dense.exterior.coords) > len(square.exterior.coords)
    point = ([0.5], [3.0])  # east of the square, on the equator side
    a, b = geometry_distances([square], [dense])[0], distances_to(dense, *point)[0]
    assert a == 0.0 and b == pytest.approx(distances_to(square, *point)[0], abs=1e-3)


def test_bad_input():
    with pytest.raises(GeometryError, match="180"):
        densify_geodesic(shapely.LineString([(-170.0, 0.0), (170.0, 0.0)]))
    with pytest.raises(InputValueError, match="positive"):
        densify_geodesic(PARALLEL_EDGE, max_deviation_m=0.0)
    with pytest.raises(GeometryError, match="Point"):
        densify_geodesic(shapely.Point(0.0, 0.0))
