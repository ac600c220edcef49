"""Units and the WGS84 geodesic kernel."""

import math

import pytest

from geodist import CoordinateError, LatLon, Unit, UnitError, inverse
from tests.places import IRAN_CENTRE, NORTH_POLE, RUSSIA_CENTRE, SOUTH_POLE


def test_every_unit_has_an_exact_factor():
    # 1 mi = 1609.344 m (international yard and pound agreement, 1959);
    # 1 nmi = 1852 m (International Hydrographic Conference, 1929).
    assert {u: u.metres for u in Unit} == {Unit.M: 1.0, Unit.KM: 1000.0, Unit.MI: 1609.344, Unit.NMI: 1852.0}


@pytest.mark.parametrize(
    ("text", "unit"), [("km", Unit.KM), ("KM", Unit.KM), ("miles", Unit.MI), ("nm", Unit.NMI)]
)
def test_unit_parsing(text, unit):
    assert Unit.parse(text) is unit


def test_unknown_unit_lists_the_valid_ones():
    with pytest.raises(UnitError, match="m, km, mi, nmi"):
        Unit.parse("furlong")


def test_pole_to_pole_on_wgs84():
    # Twice the WGS84 meridian quadrant, 10,001,965.729 m (Karney 2013, and
    # GeographicLib's GeodSolve: 20003931.4586 m).
    assert inverse(NORTH_POLE, SOUTH_POLE).distance_m == pytest.approx(20_003_931.4586, abs=1e-3)


def test_iran_russia_centre_points():
    # The article's figure: 4,883 km, reproduced with GeographicLib's GeodSolve
    # on the two Google centre points: 4882.99 km.
    assert inverse(IRAN_CENTRE, RUSSIA_CENTRE).distance_m / 1000 == pytest.approx(4882.99, abs=0.005)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(91.0, 0.0), (-90.5, 0.0), (math.nan, 0.0), (0.0, math.inf), ("45", 0.0), (True, 0.0)],
)
def test_bad_coordinates_raise(lat, lon):
    with pytest.raises(CoordinateError):
        LatLon(lat, lon)


def test_latlon_formats_hemispheres():
    assert str(LatLon(-33.9, 200.0)) == "33.9000°S, 160.0000°W"
