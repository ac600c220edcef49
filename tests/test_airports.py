"""Each capital's main airport (boundaries/capital_airports.csv) and the one fly-or-drive rule."""

import csv
import json

import pyproj
import pytest

from geodist._data import data_dir, load_airports, load_capital_airports
from geodist.article import article
from geodist.cli import main
from geodist.countries import all_countries, country
from geodist.places import SHORTEST_FLIGHT_M, capital_airport, capital_trip, place, plan_trip
from geodist.report import pair_data
from geodist.travel import LONGEST_NONSTOP_M, MODES, NARROW_BODY_RANGE_M, travel_time
from tests.places import UN_MEMBERS

REACH_KM = 100.0  # boundaries/build_airports.py REACH_M, the documented reach of the rule
GEOD = pyproj.Geod(ellps="WGS84")

# The hand list that geodist/places.py carried before the rule (MAIN_AIRPORTS,
# 66 capitals, curated as "the largest passenger airport serving each capital"):
# the rule with its overrides chooses the same airport for every one of them.
FORMER_HAND_LIST = {
    "RU": "SVO",
    "IR": "IKA",
    "GB": "LHR",
    "FR": "CDG",
    "US": "IAD",
    "JP": "HND",
    "CN": "PEK",
    "KR": "ICN",
    "TH": "BKK",
    "ID": "CGK",
    "AR": "EZE",
    "IT": "FCO",
    "ES": "MAD",
    "DE": "BER",
    "CA": "YOW",
    "AU": "CBR",
    "BR": "BSB",
    "MX": "MEX",
    "UA": "KBP",
    "SE": "ARN",
    "NO": "OSL",
    "FI": "HEL",
    "DK": "CPH",
    "EG": "CAI",
    "IN": "DEL",
    "PK": "ISB",
    "SA": "RUH",
    "AE": "AUH",
    "PH": "MNL",
    "TW": "TPE",
    "MY": "KUL",
    "AZ": "GYD",
    "GE": "TBS",
    "AM": "EVN",
    "TR": "ESB",
    "NL": "AMS",
    "BE": "BRU",
    "AT": "VIE",
    "PL": "WAW",
    "CZ": "PRG",
    "HU": "BUD",
    "PT": "LIS",
    "GR": "ATH",
    "IE": "DUB",
    "CO": "BOG",
    "PE": "LIM",
    "CL": "SCL",
    "KE": "NBO",
    "ET": "ADD",
    "NG": "ABV",
    "ZA": "JNB",
    "KZ": "NQZ",
    "UZ": "TAS",
    "IQ": "BGW",
    "IL": "TLV",
    "JO": "AMM",
    "LB": "BEY",
    "SY": "DAM",
    "AF": "KBL",
    "BD": "DAC",
    "NP": "KTM",
    "LK": "CMB",
    "VN": "HAN",
    "SG": "SIN",
    "NZ": "WLG",
    "CU": "HAV",
    "VE": "CCS",
}

# Territories with no airport of their own with scheduled service (OurAirports):
# four UN members and the Vatican fly from a neighbour; Andorra by override (see
# boundaries/README.md); Palestine's capital as recorded, East Jerusalem, from
# Ben Gurion, the nearest large airport (Palestine's own have no service).
FLY_FROM_ABROAD = {"VA": "FCO", "MC": "NCE", "SM": "RMI", "LI": "ZRH", "AD": "BCN", "PS": "TLV"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("code", sorted(UN_MEMBERS))
def test_every_un_capital_flies_from_an_airport_within_reach_or_says_why(code):
    c = country(code)
    chosen = capital_airport(c)
    assert chosen is not None, c.label
    assert chosen.airport.iata in load_airports()["iata"]
    if chosen.distance_km > REACH_KM:
        assert chosen.basis.startswith(("override: ", "rule: none within 100 km")), chosen
    if chosen.abroad:
        assert chosen.basis.startswith(("override: ", "rule: none in the country; abroad")), chosen
        assert chosen.airport.country != code


def test_capital_airports_follow_the_capitals_in_countries_json():
    # The build reads countries.json; this fails when a capital moved and the
    # file was not rebuilt (python boundaries/build_airports.py).
    for (country_id, role), row in load_capital_airports().items():
        c = country(country_id)
        capital = c.capital if role == "capital" else c.seat
        assert capital is not None and capital.name == row["capital"]
        _, _, metres = GEOD.inv(capital.location.lon, capital.location.lat, row["lon"], row["lat"])
        assert metres / 1000 == pytest.approx(row["distance_km"], abs=0.051), row["country"]


def test_capital_airports_file_schema():
    with (data_dir() / "capital_airports.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [
        "country",
        "role",
        "capital",
        "iata",
        "icao",
        "name",
        "municipality",
        "airport_country",
        "lat",
        "lon",
        "type",
        "distance_km",
        "abroad",
        "basis",
    ]
    assert [r["country"] for r in rows] == sorted(r["country"] for r in rows)
    for r in rows:
        assert r["abroad"] in ("yes", "no")
        assert r["type"] in ("large_airport", "medium_airport", "small_airport")
        assert r["basis"].startswith(("rule: ", "override: ")) and len(r["basis"]) > 20


@pytest.mark.parametrize(
    ("name", "iata"),
    # The capitals that issue 9 found flying from the city centre; each airport is
    # the country's only large airport with scheduled service within 100 km of the
    # capital in OurAirports (Reykjavik's domestic airport, RKV, is medium).
    [("Qatar", "DOH"), ("Kuwait", "KWI"), ("Iceland", "KEF"), ("Morocco", "RBA"), ("Ghana", "ACC")],
)
def test_capitals_that_flew_from_the_city_centre_fly_from_their_airport(name, iata):
    chosen = capital_airport(country(name))
    assert chosen.airport.iata == iata and not chosen.abroad
    assert chosen.basis == "rule: in the country within 100 km"
    assert place(name, fly=True).airport.iata == iata


def test_the_rule_reproduces_the_former_hand_list():
    chosen = {code: capital_airport(country(code)).airport.iata for code in FORMER_HAND_LIST}
    assert chosen == FORMER_HAND_LIST


def test_overrides_state_their_reason():
    overridden = {
        k: r["iata"] for (k, _), r in load_capital_airports().items() if r["basis"].startswith("override")
    }
    assert overridden == {
        "AD": "BCN",
        "AR": "EZE",
        "CI": "ABJ",
        "DM": "DOM",
        "FR": "CDG",
        "GY": "GEO",
        "IR": "IKA",
        "KR": "ICN",
        "NC": "NOU",
        "TH": "BKK",
        "US": "IAD",
    }


def test_capitals_without_an_airport_fly_from_abroad_and_say_so():
    abroad = {
        c.id: capital_airport(c).airport.iata
        for c in all_countries()
        if capital_airport(c) and capital_airport(c).abroad
    }
    assert abroad == FLY_FROM_ABROAD
    vatican = place("Vatican", fly=True)
    assert vatican.label.endswith("for Vatican City, abroad") and "Rome, Italy" in vatican.label
    assert vatican.note.startswith("Vatican City flies from FCO (Rome, Italy), abroad, 20 km away")


def test_a_territory_without_an_airport_flies_from_its_capital_and_says_so():
    pitcairn = place("Pitcairn", fly=True)
    assert pitcairn.airport is None and "no airport serves Adamstown" in pitcairn.note


def test_vatican_to_italy_drives_in_travel_report_and_article(capsys):
    # Both capitals fly from FCO: no flight under SHORTEST_FLIGHT_M (100 km).
    trip = capital_trip(country("Vatican"), country("Italy"))
    assert not trip.flies and trip.trip.mode == "car" and trip.leg.km < SHORTEST_FLIGHT_M / 1000
    assert trip.notes == (
        "no flight: both fly from FCO, and geodist flies no leg under 100 km; by car instead",
    )
    for argv in (("travel", "Vatican", "Italy"), ("travel", "Vatican", "Italy", "--mode", "narrow-body")):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "Vatican City, Vatican (VA) → Rome, Italy (IT)" in out
        assert "note       no flight: both fly from FCO" in out and "car: 80 km/h" in out
    flight = pair_data("Vatican", "Italy")["flight"]
    assert flight["model"] == "car" and flight["notes"] == list(trip.notes)
    assert "no flight: both fly from FCO" in article("Vatican", "Italy").text()


def test_airports_closer_than_100_km_get_no_flight(capsys):
    code, out, _ = run(capsys, "travel", "FCO", "CIA")
    assert code == 0 and "no flight: FCO and CIA are 28.6 km apart" in out and "car" in out
    # A plain speed is the article's method: distance / speed, no rule applied.
    plain = plan_trip(place("FCO"), place("CIA"), speed="560 mph")
    assert plain.trip.mode == "plain" and plain.notes == ()


def test_narrow_body_beyond_its_range_warns(capsys):
    # JFK-SIN, 15,349 km (SQ23/SQ24, the longest scheduled nonstop) is far beyond
    # the A321XLR's 4,700 nmi (Airbus, launch at the Paris Air Show, 17 June 2019).
    assert NARROW_BODY_RANGE_M == 4_700 * 1852 == MODES["narrow-body"].range_m
    code, out, _ = run(capsys, "travel", "JFK", "SIN", "--mode", "narrow-body")
    assert code == 0
    assert "warning    no narrow-body airliner flies 15,349 km nonstop: the Airbus A321XLR" in out
    assert "4,700 nmi (8,704 km; Airbus" in out
    code, out, _ = run(capsys, "travel", "JFK", "SIN", "--mode", "narrow-body", "--json")
    assert any("A321XLR" in n for n in json.loads(out)["notes"])
    assert travel_time("8704 km", mode="narrow-body").warnings == ()
    assert "A321XLR" in travel_time("8705 km", mode="narrow-body").warnings[0]
    # The wide-body reaches the longest scheduled nonstop, and no further.
    assert travel_time(f"{LONGEST_NONSTOP_M} m", mode="wide-body").warnings == ()
    assert "no airliner flies 15,350 km" in travel_time("15350 km", mode="wide-body").warnings[0]
    # "airliner" changes to a wide-body at 6,000 km, long before the narrow-body's range.
    assert travel_time("8705 km", mode="airliner").warnings == ()


def test_report_and_article_carry_the_same_range_warning():
    report_notes = pair_data("USA", "Australia")["notes"]
    warning = "no airliner flies 15,903 km nonstop"
    assert any(warning in n for n in report_notes)
    assert warning in article("USA", "Australia").text()


@pytest.mark.parametrize(
    ("code", "capital", "seat"),
    [
        ("BO", "SRE", "LPB"),
        ("GQ", "BSG", "SSG"),
        ("NL", "AMS", "AMS"),
        ("CI", "ABJ", "ABJ"),
        ("PS", "TLV", "TLV"),
    ],
)
def test_seats_of_government_have_their_own_airport(code, capital, seat):
    # the same rule as for capitals (OurAirports, scheduled service), from the seat's GeoNames point
    assert capital_airport(country(code)).airport.iata == capital
    assert capital_airport(country(code), "seat").airport.iata == seat
    assert capital_airport(code, "seat").airport.iata == seat  # a query works as well as a Country


def test_the_flight_follows_the_capital_choice():
    # Bolivia's seat of government, La Paz, flies from El Alto (LPB); Sucre from SRE
    from geodist.places import capital_trip

    assert capital_trip(country("BO"), country("CL")).origin.airport.iata == "SRE"
    assert capital_trip(country("BO"), country("CL"), "seat").origin.airport.iata == "LPB"
    # Jerusalem and Ramallah both fly from TLV: the drive is between the seats, not the capitals
    drive = capital_trip(country("IL"), country("PS"), "seat")
    assert not drive.flies and drive.destination.label == "Ramallah, Palestinian Territory (PS)"
