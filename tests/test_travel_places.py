"""Places for travel as people type them: codes in any case, points, same-place codes, cities."""

import pytest

import geodist
from geodist import AmbiguousPlaceError, CoordinateError, LatLon, UnknownPlaceError
from geodist.cities import FAR_LARGER, find_city
from geodist.places import place, plan_trip


@pytest.mark.parametrize(("text", "iata"), [("ika", "IKA"), ("svo", "SVO"), ("Svo", "SVO"), ("uuee", "SVO")])
def test_airport_codes_in_any_case(text, iata):
    assert place(text).airport.iata == iata


def test_a_point_with_a_negative_latitude():
    # Cape Town, as people paste it from a map
    p = place("-33.9249,18.4241")
    assert p.location == LatLon(-33.9249, 18.4241)
    assert place(" -33.9249 , 18.4241 ").location == LatLon(-33.9249, 18.4241)
    with pytest.raises(CoordinateError, match=r"latitude 91\.0 is out of range"):
        place("91,20")
    with pytest.raises(CoordinateError, match=r"longitude 540 in '0,540' is out of range"):
        place("0,540")  # typed, a longitude beyond ±180 is a slip, not a wrap
    with pytest.raises(CoordinateError, match="must be finite"):
        place("nan,0")
    assert str(place("0,180").location) == "0.0000°N, 180.0000°E"  # the antimeridian keeps its sign


@pytest.mark.parametrize(("code", "country"), [("HKG", "Hong Kong (HK)"), ("MEX", "Mexico (MX)")])
def test_an_airport_code_that_is_also_its_own_countrys_code_is_the_airport(code, country):
    p = place(code)
    assert p.airport.iata == code
    assert p.note == f"{code} is also the ISO code of {country}, where the airport is"


def test_an_airport_code_that_is_another_countrys_code_is_ambiguous():
    # IRN: Iriona airport, Honduras (airportsdata), and Iran's ISO alpha-3 code
    with pytest.raises(AmbiguousPlaceError, match=r"write airport:IRN or country:IRN") as info:
        place("IRN")
    assert isinstance(info.value, LookupError)
    assert place("airport:IRN").airport.country == "HN"
    assert place("country:IRN").country.alpha2 == "IR"


def test_a_city_by_name_says_which_city():
    # GeoNames cities15000: Paris, FR (pop. 2,138,551) and Paris, Texas (24,782)
    p = place("Paris")
    assert p.label == "Paris, FR (GeoNames, pop. 2,138,551)"
    assert p.location == LatLon(48.85341, 2.3488)
    assert p.note == 'also a city: Paris, Texas, US (write "Paris, US" for it)'


@pytest.mark.parametrize("text", ["Paris, Texas", "Paris, TX", "Paris, US", "Paris, United States"])
def test_a_qualifier_picks_the_city(text):
    assert place(text).location == LatLon(33.66094, -95.55551)  # GeoNames 4717560


def test_a_capital_city_flies_from_its_main_airport():
    assert place("Paris", fly=True).airport.iata == "CDG"
    assert place("Moskva", fly=True).airport.iata == "SVO"  # a GeoNames alternate name
    assert place("Москва").label.startswith("Moscow, RU")


def test_another_city_flies_from_its_centre_and_says_so():
    p = place("New York", fly=True)  # GeoNames "New York City"; its alternate name "New York"
    assert p.label == "New York City, New York, US (GeoNames, pop. 8,804,190)"
    assert "the flight starts at the city itself" in p.note


def test_a_city_name_shared_by_similar_cities_is_ambiguous():
    with pytest.raises(AmbiguousPlaceError) as info:
        place("Springfield")
    message = str(info.value)
    assert "Springfield, Missouri, US (pop. 170,188)" in message
    assert 'add a country or US state, as "Springfield, Missouri"' in message
    assert find_city("Springfield, Illinois")[0].region == "Illinois"
    assert FAR_LARGER == 10.0


def test_a_country_by_a_translated_name_and_a_city_is_ambiguous():
    # "Salvador" is El Salvador in French (CLDR fr) and Salvador, Bahia (pop. 2,711,840)
    with pytest.raises(AmbiguousPlaceError, match="write country:Salvador or city:Salvador"):
        place("Salvador")
    assert place("city:Salvador").location == LatLon(-12.97563, -38.49096)


def test_a_country_by_its_english_name_wins_and_names_the_city():
    p = place("Armenia")
    assert p.country.alpha2 == "AM"
    assert p.note == "also a city: Armenia, CO (write city:Armenia for it)"


def test_unknown_place_suggests_close_names():
    with pytest.raises(UnknownPlaceError, match=r"did you mean Paris, FR") as info:
        place("Pariss")
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownPlaceError, match="unknown city 'Qwertyville'"):
        place("city:Qwertyville")


def test_travel_between_cities_measures_between_the_places_used():
    trip = plan_trip(place("Paris", fly=True), place("New York", fly=True))
    expected = geodist.inverse(place("CDG").location, LatLon(40.71427, -74.00597)).distance_m
    assert trip.leg.distance_m == pytest.approx(expected, abs=1e-6)
    assert trip.flies


@pytest.mark.parametrize(("text", "iata"), [("Lisboa", "LIS"), ("Αθήνα", "ATH"), ("Den Haag", "AMS")])
def test_capitals_by_their_own_names(text, iata):
    # GeoNames alternate names are kept for every capital and seat of government
    assert place(text, fly=True).airport.iata == iata


def test_the_same_place_twice_is_refused_at_the_cli(capsys):
    from geodist.cli import main

    assert main(["travel", "Scotland", "Wales"]) == 2
    err = capsys.readouterr().err
    assert "the same place, United Kingdom (GB)" in err and len(err.splitlines()) == 1


def test_a_language_makes_a_mixed_case_word_a_name_not_a_code():
    # "Nga": NGA is Young airport (AU) and Nigeria's code; Vietnamese for Russia
    assert place("Nga", language="vi").country.alpha2 == "RU"


def test_plan_trip_refuses_the_same_place_twice() -> None:
    # Scotland and Wales are both the United Kingdom's territory in the bundled data.
    with pytest.raises(geodist.SameCountryError, match="same place, United Kingdom"):
        plan_trip(place("Scotland", fly=True), place("Wales", fly=True))
