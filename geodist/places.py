"""Places to travel between: airports (IATA or ICAO codes), capitals, points.

Airports come from ``boundaries/airports.csv`` (about 7,900 airports with an
IATA code, from the airportsdata package, MIT licence), loaded on first use. A country stands for its capital;
for a flight, for its capital's main airport where one is listed in
:data:`MAIN_AIRPORTS` (the largest passenger airport serving that capital).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geodist._data import load_airports
from geodist.countries import Country, country, country_by_code_or_name
from geodist.errors import AmbiguousPlaceError, InputTypeError, NoCapitalError, UnknownAirportError, echo
from geodist.geodesic import LatLon

if TYPE_CHECKING:
    from geodist.distance import Distance
    from geodist.travel import Travel

__all__ = [
    "MAIN_AIRPORTS",
    "SHORTEST_FLIGHT_M",
    "Airport",
    "CapitalTrip",
    "Place",
    "airport",
    "capital_trip",
    "place",
]

# The largest passenger airport serving each capital, where the nearest one is not it
# or where a flight estimate should start from it (curated; codes are IATA).
MAIN_AIRPORTS = {
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


@dataclass(frozen=True, slots=True)
class Airport:
    """An airport: codes, name and location (airportsdata)."""

    iata: str
    icao: str
    name: str
    city: str
    country: str
    location: LatLon

    @property
    def label(self) -> str:
        """As "SVO (Sheremetyevo International Airport, Moscow)"."""
        return f"{self.iata or self.icao} ({self.name}, {self.city})"


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place to travel from or to."""

    label: str
    location: LatLon
    country: Country | None = None
    airport: Airport | None = None


def _record(row: dict[str, Any]) -> Airport:
    return Airport(
        row["iata"], row["icao"], row["name"], row["city"], row["country"], LatLon(row["lat"], row["lon"])
    )


def airport(code: str) -> Airport:
    """An airport by IATA (3 letters) or ICAO (4 letters) code.

    Raises
    ------
    UnknownAirportError
        (a LookupError) when no airport has that code.

    Examples
    --------
    >>> airport("IKA").name
    'Imam Khomeini International Airport'
    """
    if not isinstance(code, str):
        raise InputTypeError(f"an airport code is a string such as 'IKA' or 'OIIE', not {echo(code)}")
    key = code.strip().upper()
    airports = load_airports()
    row = airports["iata"].get(key) if len(key) == 3 else airports["icao"].get(key) if len(key) == 4 else None
    if row is None:
        raise UnknownAirportError(code)
    return _record(row)


def main_airport(c: Country) -> Airport | None:
    """The capital's main airport, where :data:`MAIN_AIRPORTS` lists one."""
    code = MAIN_AIRPORTS.get(c.alpha2 or "")
    return airport(code) if code else None


def place(text: str | LatLon | Country, *, fly: bool = False) -> Place:
    """Resolve a place: "airport:SVO", "SVO", "UUEE", a country (its capital), or a LatLon.

    A bare three-letter code that is both an airport's IATA code and a
    country's ISO alpha-3 code is ambiguous and raises; prefix it with
    "airport:" or "country:". With ``fly=True`` a country stands for its
    capital's main airport where one is listed.
    """
    if isinstance(text, LatLon):
        return Place(str(text), text)
    if isinstance(text, Country):
        return _country_place(text, fly)
    if not isinstance(text, str):
        raise InputTypeError(f"a place is a string, a LatLon or a Country, not {echo(text)}")
    raw = text.strip()
    kind, _, rest = raw.partition(":")
    if rest and kind.lower() == "airport":
        named = airport(rest)
        return Place(named.label, named.location, airport=named)
    if rest and kind.lower() == "country":
        return _country_place(country(rest), fly)
    if re.fullmatch(r"[A-Z]{3}|[A-Z]{4}", raw):
        a: Airport | None
        try:
            a = airport(raw)
        except LookupError:
            a = None
        c = country_by_code_or_name(raw) if len(raw) == 3 else None
        if a and c:
            raise AmbiguousPlaceError(
                f"{raw!r} is both an airport ({a.label}) and a country ({c.label});"
                f" write airport:{raw} or country:{raw}"
            )
        if a:
            return Place(a.label, a.location, airport=a)
        if c is None and len(raw) == 4:
            raise UnknownAirportError(raw)
    return _country_place(country(raw), fly)


def _country_place(c: Country, fly: bool) -> Place:
    if fly:
        a = main_airport(c)
        if a is not None:
            return Place(a.label, a.location, country=c, airport=a)
    if c.capital is None:
        raise NoCapitalError(f"{c.label} has no capital in the bundled data; give an airport or a point")
    return Place(f"{c.capital.name}, {c.label}", c.capital.location, country=c)


SHORTEST_FLIGHT_M = 100_000.0
"""Main airports closer than this (metres) get no flight: :func:`capital_trip` goes by road."""


@dataclass(frozen=True, slots=True)
class CapitalTrip:
    """Travel between two countries' capitals: a flight between their main airports, or by road.

    Attributes
    ----------
    origin, destination : Place
        The main airports (or the capitals, where none is listed; always the
        capitals for a trip by road).
    leg : Distance
        WGS84 geodesic between them.
    trip : Travel
        The airliner estimate, or the car estimate when the airports are closer
        than :data:`SHORTEST_FLIGHT_M`.
    """

    origin: Place
    destination: Place
    leg: Distance
    trip: Travel

    @property
    def flies(self) -> bool:
        """Whether the trip is a flight (False: by road)."""
        return "airliner" in self.trip.mode


def capital_trip(a: Country, b: Country) -> CapitalTrip:
    """A realistic trip between two capitals: an airliner between their main airports, or a car.

    The airliner is a narrow-body up to 6,000 km and a wide-body beyond (mode
    "airliner"). Airports less than 100 km apart (Vatican City and Rome) get no
    flight; the trip goes by car between the capitals.

    Raises
    ------
    NoCapitalError
        When a country has neither a listed main airport nor a capital.
    """
    from geodist.distance import distance
    from geodist.travel import travel_time

    origin, destination = place(a, fly=True), place(b, fly=True)
    leg = distance(origin.location, destination.location)
    if leg.distance_m >= SHORTEST_FLIGHT_M:
        return CapitalTrip(origin, destination, leg, travel_time(leg, mode="airliner"))
    origin, destination = place(a), place(b)
    leg = distance(origin.location, destination.location)
    return CapitalTrip(origin, destination, leg, travel_time(leg, mode="car"))
