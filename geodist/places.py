"""Places to travel between: airports (IATA or ICAO codes), capitals, points.

Airports come from ``boundaries/airports.csv`` (about 7,900 airports with an
IATA code, from the airportsdata package, MIT licence), loaded on first use. A country stands for its capital;
for a flight, for its capital's main airport (:func:`capital_airport`), chosen at
build time from OurAirports data by the rule in ``boundaries/README.md``.

Whether a trip flies or goes by road, and what it warns about, is decided in one
place, :func:`plan_trip`, for ``geodist travel``, the pair report and the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geodist._data import load_airports, load_capital_airports
from geodist.countries import Country, country, country_by_code_or_name
from geodist.errors import GeodistError, UnknownAirportError
from geodist.geodesic import LatLon

if TYPE_CHECKING:
    from geodist.distance import Distance
    from geodist.travel import Travel

__all__ = [
    "SHORTEST_FLIGHT_M",
    "Airport",
    "CapitalAirport",
    "CapitalTrip",
    "Place",
    "Trip",
    "airport",
    "capital_airport",
    "capital_trip",
    "main_airport",
    "place",
    "plan_trip",
]


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
        """As "SVO (Sheremetyevo International Airport, Moscow)" (no city where none is recorded)."""
        return f"{self.iata or self.icao} ({self.name}{', ' + self.city if self.city else ''})"


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place to travel from or to."""

    label: str
    location: LatLon
    country: Country | None = None
    airport: Airport | None = None
    note: str | None = None
    """What a reader should know about the choice (an airport abroad, or none at all)."""


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
    key = code.strip().upper()
    airports = load_airports()
    row = airports["iata"].get(key) if len(key) == 3 else airports["icao"].get(key) if len(key) == 4 else None
    if row is None:
        raise UnknownAirportError(code)
    return _record(row)


@dataclass(frozen=True, slots=True)
class CapitalAirport:
    """A capital's main airport, and why it is the one (``boundaries/capital_airports.csv``).

    Attributes
    ----------
    airport : Airport
        As :func:`airport` gives it (airportsdata's name and location).
    distance_km : float
        WGS84 geodesic from the capital, km (OurAirports' location of the airport).
    abroad : bool
        The airport is in another country (Vatican City flies from Rome).
    basis : str
        "rule: ..." (which step of the rule chose it) or "override: " and the reason.
    """

    airport: Airport
    distance_km: float
    abroad: bool
    basis: str


def capital_airport(c: Country) -> CapitalAirport | None:
    """The capital's main airport, or None where no airport serves it (e.g. Pitcairn).

    The rule, applied at build time to OurAirports data (airports with scheduled
    service and an IATA code): the largest airport type, then the nearest, in the
    country within 100 km of the capital; else the nearest in the country; else
    the largest, then nearest, abroad within 100 km; then curated overrides with
    reasons (``boundaries/README.md``).

    Examples
    --------
    >>> from geodist.countries import country
    >>> a = capital_airport(country("Vatican"))
    >>> a.airport.iata, a.abroad, round(a.distance_km)
    ('FCO', True, 20)
    """
    row = load_capital_airports().get(c.id)
    if row is None:
        return None
    return CapitalAirport(airport(row["iata"]), row["distance_km"], row["abroad"] == "yes", row["basis"])


def main_airport(c: Country) -> Airport | None:
    """The capital's main airport (see :func:`capital_airport`), or None."""
    chosen = capital_airport(c)
    return chosen.airport if chosen else None


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
            raise GeodistError(
                f"{raw!r} is both an airport ({a.label}) and a country ({c.label});"
                f" write airport:{raw} or country:{raw}"
            )
        if a:
            return Place(a.label, a.location, airport=a)
        if c is None and len(raw) == 4:
            raise UnknownAirportError(raw)
    return _country_place(country(raw), fly)


def _country_place(c: Country, fly: bool) -> Place:
    chosen = capital_airport(c) if fly else None
    capital = c.capital.name if c.capital else c.label
    if chosen is not None:
        a = chosen.airport
        if chosen.abroad:
            abroad = _country_name(a.country)
            why = (
                chosen.basis.removeprefix("override: ")
                if chosen.basis.startswith("override: ")
                else f"{c.name} has no airport with scheduled service"
            )
            said = f"{capital} flies from {a.iata} ({a.city}, {abroad}), abroad, {chosen.distance_km:,.0f} km away: {why}"
            return Place(
                f"{a.iata} ({a.name}, {a.city}, {abroad}) for {capital}, abroad", a.location, c, a, said
            )
        far = chosen.basis.startswith("rule: none within")
        far_note = f"{capital} has no airport with scheduled service nearer than {a.iata}, {chosen.distance_km:,.0f} km away"
        return Place(a.label, a.location, c, a, far_note if far else None)
    if c.capital is None:
        raise GeodistError(f"{c.label} has no capital in the bundled data; give an airport or a point")
    note = f"no airport serves {capital}, {c.label}: the flight starts at the capital itself" if fly else None
    return Place(f"{capital}, {c.label}", c.capital.location, country=c, note=note)


def _country_name(alpha2: str) -> str:
    try:
        return country(alpha2).name
    except GeodistError:
        return alpha2


SHORTEST_FLIGHT_M = 100_000.0
"""Airports closer than this (metres, geodesic) get no flight: :func:`plan_trip` goes by road."""


@dataclass(frozen=True, slots=True)
class Trip:
    """A trip between two places: a flight, a drive where a flight makes no sense, or any other mode.

    Attributes
    ----------
    origin, destination : Place
        Where the trip runs: the airports for a flight (the capitals' main
        airports for countries), the capitals for a drive that replaced a flight.
    leg : Distance
        WGS84 geodesic between them.
    trip : Travel
        The estimate (its ``warnings`` say when no aircraft flies that far nonstop).
    notes : tuple of str
        Why it goes by road instead of flying, which airport abroad serves a
        capital, and the range warnings: everything a reader must be told.
    """

    origin: Place
    destination: Place
    leg: Distance
    trip: Travel
    notes: tuple[str, ...] = ()

    @property
    def flies(self) -> bool:
        """Whether the trip is a flight."""
        return "airliner" in self.trip.mode


CapitalTrip = Trip
"""The former name of :class:`Trip` (what :func:`capital_trip` returns)."""


def plan_trip(origin: Place, destination: Place, *, mode: str = "airliner", speed: str | None = None) -> Trip:
    """Fly or drive, and with what caveats: the one rule for ``geodist travel``, the report and the article.

    A flight (an airliner ``mode`` and no plain ``speed``) between airports
    closer than :data:`SHORTEST_FLIGHT_M` (100 km) is not made: the trip goes by
    car between the places asked for (a country's capital rather than its
    airport), and a note says why. Otherwise the estimate is made as asked, and
    its range warnings (a narrow-body beyond its range, any airliner beyond the
    longest scheduled nonstop) join the notes.

    Parameters
    ----------
    origin, destination : Place
        As :func:`place` resolves them (with ``fly=True`` for a flight).
    mode : str
        A travel mode name (see :data:`geodist.travel.MODE_NAMES`).
    speed : str, optional
        A plain speed: distance / speed, no rule applied (the article's method).

    Examples
    --------
    >>> t = plan_trip(place("Vatican", fly=True), place("Italy", fly=True))
    >>> t.flies, t.trip.mode, t.destination.label
    (False, 'car', 'Rome, Italy (IT)')
    """
    from geodist.distance import distance
    from geodist.travel import is_flight, travel_time

    leg = distance(origin.location, destination.location)
    notes = [p.note for p in (origin, destination) if p.note]
    if speed is None and is_flight(mode) and leg.distance_m < SHORTEST_FLIGHT_M:
        start, end = _on_the_ground(origin), _on_the_ground(destination)
        road = distance(start.location, end.location)
        apart = (
            f"both fly from {_short(origin)}"
            if _short(origin) == _short(destination)
            else f"{_short(origin)} and {_short(destination)} are {leg.km:,.1f} km apart"
        )
        why = (
            f"no flight: {apart}, and geodist flies no leg under {SHORTEST_FLIGHT_M / 1000:,.0f} km;"
            " by car instead"
        )
        return Trip(start, end, road, travel_time(road, mode="car"), (why,))
    trip = travel_time(leg, speed, mode=None if speed is not None else mode)
    return Trip(origin, destination, leg, trip, (*notes, *trip.warnings))


def _on_the_ground(p: Place) -> Place:
    """The place a drive starts from: a country's capital rather than its airport."""
    if p.country is not None and p.airport is not None and p.country.capital is not None:
        return _country_place(p.country, fly=False)
    return p


def _short(p: Place) -> str:
    return p.airport.iata or p.airport.icao if p.airport else p.label


def capital_trip(a: Country, b: Country) -> Trip:
    """A realistic trip between two capitals: an airliner between their main airports, or a car.

    The airliner is a narrow-body up to 6,000 km and a wide-body beyond (mode
    "airliner"). Airports less than 100 km apart (Vatican City and Rome) get no
    flight; the trip goes by car between the capitals (:func:`plan_trip`).

    Raises
    ------
    GeodistError
        When a country has neither a main airport nor a capital.
    """
    return plan_trip(place(a, fly=True), place(b, fly=True))
