"""Places to travel between: airports (IATA or ICAO codes), capitals, cities, points.

Airports come from ``boundaries/airports.csv`` (about 7,900 airports with an
IATA code, from the airportsdata package, MIT licence), loaded on first use. A country stands for its capital;
for a flight, for its capital's main airport (:func:`capital_airport`), chosen at
build time from OurAirports data by the rule in ``boundaries/README.md``.

Whether a trip flies or goes by road, and what it warns about, is decided in one
place, :func:`plan_trip`, for ``geodist travel``, the pair report and the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from geodist._data import load_airports, load_capital_airports
from geodist.cities import City, city_suggestions, find_city
from geodist.countries import Country, country, country_by_code_or_name, lookup
from geodist.engine.geodesic import LatLon
from geodist.errors import (
    AmbiguousPlaceError,
    CoordinateError,
    GeodistError,
    InputTypeError,
    NoCapitalError,
    SameCountryError,
    UnknownAirportError,
    UnknownCountryError,
    UnknownPlaceError,
    echo,
)

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
    ground: Place | None = None
    """For a country's airport: the city a drive starts from instead (its capital or seat)."""


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


def capital_airport(c: Country | str, capital: str = "official") -> CapitalAirport | None:
    """The capital's main airport, or None where no airport serves it (e.g. Pitcairn).

    ``c`` is a Country or any query :func:`geodist.country` accepts; ``capital``
    is "official" (the capital) or "seat" (the seat of government, where it is
    another city: La Paz flies from LPB, Sucre from SRE).

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
    c = country(c)
    role = "seat" if capital == "seat" and c.seat is not None else "capital"
    row = load_capital_airports().get((c.id, role))
    if row is None:
        return None
    return CapitalAirport(airport(row["iata"]), row["distance_km"], row["abroad"] == "yes", row["basis"])


def main_airport(c: Country | str, capital: str = "official") -> Airport | None:
    """The capital's (or seat's) main airport (see :func:`capital_airport`), or None."""
    chosen = capital_airport(c, capital)
    return chosen.airport if chosen else None


_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+|nan|inf(?:inity)?)"
_LAT_LON = re.compile(rf"\s*({_NUMBER})\s*,\s*({_NUMBER})\s*", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]{3}|[A-Za-z]{4}")
_EXAMPLES = {"airport": "IKA", "country": "Iran", "city": "Paris"}


def place(
    text: str | LatLon | Country,
    *,
    fly: bool = False,
    capital: str = "official",
    language: str | None = None,
) -> Place:
    """Resolve a place to travel from or to, and say which place it is.

    Accepted, in this order:

    1. ``airport:CODE``, ``country:NAME`` or ``city:NAME``: that kind only.
    2. ``lat,lon`` in decimal degrees ("-33.9,18.4"), or a :class:`LatLon`.
    3. An IATA (3 letters) or ICAO (4 letters) airport code, in any case ("ika",
       "SVO"). A code that is also a country's ISO code or name is the airport
       when the airport lies in that country (HKG, MEX: the same place), and
       ambiguous otherwise (IRN is Iriona airport, Honduras, and Iran).
    4. A country by any name or code :func:`geodist.country` accepts, except a
       partial name (its capital; with ``fly=True``, its capital's main airport).
    5. A city (:func:`geodist.cities.find_city`): "Paris", "New York",
       "Paris, FR", "Paris, Texas". With ``fly=True`` a capital city flies from
       its main airport; another city from its centre, which the note says.
    6. A country by a partial name ("Herzegovina").

    ``capital="seat"`` makes a country stand for its seat of government where
    that is another city (La Paz for Bolivia), and ``language`` reads country
    names as :func:`geodist.lookup` does.

    Raises
    ------
    UnknownPlaceError
        Nothing of the above matches; the message suggests close names.
    AmbiguousPlaceError
        A code that names two different places, or a city name several cities share.
    CoordinateError
        A ``lat,lon`` out of range.

    Examples
    --------
    >>> place("ika").label
    'IKA (Imam Khomeini International Airport, Tehran)'
    >>> place("-33.9249,18.4241").location
    LatLon(lat=-33.9249, lon=18.4241)
    >>> place("Paris, Texas").label
    'Paris, Texas, US (GeoNames, pop. 24,782)'
    """
    if isinstance(text, LatLon):
        return Place(str(text), text)
    if isinstance(text, Country):
        return _country_place(text, fly, capital)
    if not isinstance(text, str):
        raise InputTypeError(f"a place is a string, a LatLon or a Country, not {echo(text)}")
    raw = text.strip()
    kind, colon, rest = raw.partition(":")
    if colon and kind.lower() in {"airport", "country", "city"} and not rest.strip():
        raise UnknownPlaceError(
            f"nothing after {kind.lower()}: in {echo(text)}; write e.g. {kind.lower()}:{_EXAMPLES[kind.lower()]}"
        )
    rest = rest.strip()
    if rest and kind.lower() == "airport":
        named = airport(rest)
        return Place(named.label, named.location, airport=named)
    if rest and kind.lower() == "country":
        return _country_place(country(rest, language=language), fly, capital)
    if rest and kind.lower() == "city":
        found = find_city(rest)
        if found is None:
            raise UnknownPlaceError(
                f"unknown city {echo(rest)}; cities of 15,000 inhabitants or more are known"
            )
        return _city_place(*found, fly)
    point = _LAT_LON.fullmatch(raw)
    if point:
        lat, lon = float(point.group(1)), float(point.group(2))
        if abs(lon) > 180.0:
            raise CoordinateError(f"longitude {lon:g} in {echo(raw)} is out of range [-180, 180] degrees")
        location = LatLon(lat, lon)
        return Place(str(location), location)
    if _CODE.fullmatch(raw) and (language is None or raw.isupper() or raw.islower()):
        # a mixed-case word with a language given ("Nga", --language vi) is a name, not a code
        by_code = _code_place(raw, fly)
        if by_code is not None:
            return by_code
    unknown: UnknownCountryError | None = None
    try:
        match = lookup(raw, language=language)
    except UnknownCountryError as exc:
        match, unknown = None, exc
    found = find_city(raw)
    if match is not None and found is not None and match.kind == "translation":
        city = found[0]
        raise AmbiguousPlaceError(
            f"{echo(raw)} is the {match.how.removesuffix(' (CLDR)')} of {match.country.label} and a city,"
            f" {city.label} (pop. {city.population:,}); write country:{raw} or city:{raw}"
        )
    if match is not None and match.kind != "partial":
        elsewhere = found is not None and found[0].country != match.country.alpha2
        country_place = _country_place(match.country, fly, capital)
        also = f"also a city: {found[0].label} (write city:{raw} for it)" if elsewhere and found else None
        # "Scotland" is measured as the United Kingdom: say so
        return replace(country_place, note=_join(match.note, country_place.note, also))
    if found is not None:
        return _city_place(*found, fly)
    if match is not None:
        return _country_place(match.country, fly, capital)
    raise UnknownPlaceError(
        f"unknown place {echo(raw)}: not an airport code, a country, a city of 15,000 inhabitants"
        " or more, nor 'lat,lon'" + _suggestion(raw, unknown)
    )


def _code_place(raw: str, fly: bool) -> Place | None:
    """An airport by a 3- or 4-letter code, unless the code means another place; None if no airport has it."""
    try:
        a = airport(raw)
    except LookupError:
        if len(raw) == 4 and raw.isupper():
            raise
        return None
    c = country_by_code_or_name(raw)
    if c is not None and c.alpha2 != a.country:
        raise AmbiguousPlaceError(
            f"{raw!r} is both an airport ({a.label}, {a.country}) and a country ({c.label});"
            f" write airport:{raw} or country:{raw}"
        )
    note = f"{raw.upper()} is also the ISO code of {c.label}, where the airport is" if c is not None else None
    return Place(a.label, a.location, airport=a, note=note)


def _city_place(city: City, note: str | None, fly: bool) -> Place:
    """A city as a place; a capital or seat of government flies from its main airport."""
    host = _country_or_none(city.country)
    where = f"{city.label} (GeoNames, pop. {city.population:,})"
    role = _capital_role(host, city)
    if fly and host is not None and role is not None:
        flying = _country_place(host, True, role)
        ground = Place(where, city.location, note=note)
        return Place(flying.label, flying.location, host, flying.airport, _join(note, flying.note), ground)
    if fly:
        note = _join(
            note, f"no main airport is on record for {city.name}: the flight starts at the city itself"
        )
    return Place(where, city.location, note=note)


def _capital_role(host: Country | None, city: City) -> str | None:
    """The city's role in its country: "official" (the capital), "seat" (seat of government) or None."""
    if host is None:
        return None
    if host.capital is not None and host.capital.geonameid == city.geonameid:
        return "official"
    if host.seat is not None and host.seat.geonameid == city.geonameid:
        return "seat"
    return None


def _country_or_none(alpha2: str) -> Country | None:
    try:
        return country(alpha2)
    except GeodistError:
        return None


def _join(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) or None


def _suggestion(raw: str, unknown: UnknownCountryError | None) -> str:
    """'; did you mean ...?' from the close country names the lookup found, and close city names."""
    close = list(unknown.suggestions[:2]) if unknown is not None else []
    close += city_suggestions(raw)
    return "; did you mean " + " or ".join(dict.fromkeys(close[:4])) + "?" if close else ""


def _country_place(c: Country, fly: bool, capital_choice: str = "official") -> Place:
    """A country as a place: its capital (or seat of government), or for a flight that city's main airport."""
    chosen = capital_airport(c, capital_choice) if fly else None
    city = c.seat if capital_choice == "seat" and c.seat is not None else c.capital
    capital = city.name if city else c.label
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
                f"{a.iata} ({a.name}, {a.city}, {abroad}) for {capital}, abroad",
                a.location,
                c,
                a,
                said,
                _country_place(c, False, capital_choice),
            )
        far = chosen.basis.startswith("rule: none within")
        far_note = f"{capital} has no airport with scheduled service nearer than {a.iata}, {chosen.distance_km:,.0f} km away"
        return Place(
            a.label, a.location, c, a, far_note if far else None, _country_place(c, False, capital_choice)
        )
    if c.capital is None:
        raise NoCapitalError(f"{c.label} has no capital in the bundled data; give an airport or a point")
    assert city is not None  # c.capital is set, and a seat only exists beside a capital
    note = f"no airport serves {capital}, {c.label}: the flight starts at the capital itself" if fly else None
    return Place(f"{capital}, {c.label}", city.location, country=c, note=note)


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


def same_place(origin: Place, destination: Place) -> bool:
    """Whether two resolved places are one: the same location under the same label (Scotland and Wales)."""
    return origin.location == destination.location and origin.label == destination.label


def _where(p: Place) -> str:
    return p.country.label if p.country else p.label


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

    The same place twice is refused (:class:`~geodist.errors.SameCountryError`),
    as Scotland and Wales both are the United Kingdom's territory.
    """
    from geodist.distance import distance
    from geodist.travel import is_flight, travel_time

    if same_place(origin, destination):
        raise SameCountryError(
            f"the origin and the destination are the same place, {_where(origin)}; give two different places"
            " (a country stands for its capital: name cities or airports)"
        )
    leg = distance(origin.location, destination.location)
    notes = [p.note for p in (origin, destination) if p.note]
    if speed is None and is_flight(mode) and leg.distance_m < SHORTEST_FLIGHT_M:
        start, end = _on_the_ground(origin), _on_the_ground(destination)
        road = distance(start.location, end.location)
        same_airport = origin.airport is not None and _short(origin) == _short(destination)
        apart = (
            f"both fly from {_short(origin)}"
            if same_airport
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
    """The place a drive starts from: a country's capital (or seat) rather than its airport."""
    return p.ground or p


def _short(p: Place) -> str:
    return p.airport.iata or p.airport.icao if p.airport else p.label


def capital_trip(a: Country, b: Country, capital: str = "official") -> Trip:
    """A realistic trip between two capitals: an airliner between their main airports, or a car.

    The airliner is a narrow-body up to 6,000 km and a wide-body beyond (mode
    "airliner"). Airports less than 100 km apart (Vatican City and Rome) get no
    flight; the trip goes by car between the capitals (:func:`plan_trip`).
    ``capital="seat"`` travels between the seats of government where they
    are other cities (La Paz, from LPB, for Bolivia).

    Raises
    ------
    NoCapitalError
        When a country has neither a main airport nor a capital.
    """
    return plan_trip(place(a, fly=True, capital=capital), place(b, fly=True, capital=capital))
