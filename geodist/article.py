"""The web article's figures for any pair of countries, reproduced exactly and corrected.

The article: "The air travel (bird fly) shortest distance between Iran and Russia
is 4,883 km or 3,034 miles. If you travel with an airplane (which has average
speed of 560 miles) from Iran to Russia, it takes 5.42 hours to arrive." It also
speaks of "the thousands of miles that separate their capitals".

Its method, reproduced: the WGS84 geodesic between the two country centre points
of Google's public countries table, printed in km and miles to the unit, divided
by 560 mph (its "560 miles" is a speed in miles per hour), hours to two decimals.
Beside each figure, the figure that answers a traveller's question, and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodist.countries import Country, country
from geodist.distance import Method, distance
from geodist.places import capital_flight
from geodist.speed import Speed
from geodist.travel import format_duration, travel_time

__all__ = ["ARTICLE_SPEED", "ArticleReport", "Correction", "article"]

ARTICLE_SPEED = Speed.of(560.0, "mph")
"""The article's "average speed of 560 miles", read as 560 mph (901.2 km/h)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One of the article's figures, reproduced, beside the figure that answers the question."""

    claim: str
    reproduced: str
    corrected: str
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """The article's figures for a pair, reproduced by its method, with corrections.

    Attributes
    ----------
    first, second : Country
    centre_km, centre_mi : float
        The web calculator's distance, WGS84 geodesic between the centre points.
    hours_at_560_mph : float
        centre distance / 560 mph, hours.
    corrections : tuple of Correction
    """

    first: Country
    second: Country
    centre_km: float
    centre_mi: float
    hours_at_560_mph: float
    corrections: tuple[Correction, ...]

    def text(self) -> str:
        """The report as aligned text."""
        head = (
            f"The article's figures for {self.first.label} and {self.second.label}, reproduced with its method"
            " (WGS84 geodesic between Google's country centre points; 560 mph):"
        )
        lines = [head, ""]
        for c in self.corrections:
            lines += [
                f"  {c.claim}",
                f"    reproduced: {c.reproduced}",
                f"    corrected:  {c.corrected}",
                f"    why:        {c.reason}",
                "",
            ]
        lines.append(
            "All distances: geodesics on the WGS84 ellipsoid (Karney 2013, GeographicLib via pyproj)."
        )
        return "\n".join(lines)


def article(first: str | Country, second: str | Country) -> ArticleReport:
    """Reproduce the article's figures for two countries, and correct them.

    Raises
    ------
    GeodistError
        For an unknown country, or one without a centre point in Google's table
        (the article's method needs it) or without a capital.

    Examples
    --------
    >>> r = article("Iran", "Russia")
    >>> f"{r.centre_km:,.0f} km or {r.centre_mi:,.0f} miles, {r.hours_at_560_mph:.2f} hours"
    '4,883 km or 3,034 miles, 5.42 hours'
    """
    a, b = country(first), country(second)
    centre = distance(a, b, Method.CENTRE)
    hours = travel_time(centre, ARTICLE_SPEED).hours
    border = distance(a, b, Method.BORDER)
    capitals = distance(a, b, Method.CAPITAL)
    flight = capital_flight(a, b)
    naive_flight = travel_time(flight.leg, ARTICLE_SPEED)
    assert a.capital is not None and b.capital is not None  # distance(CAPITAL) raised otherwise

    border_text = (
        "0 km: they share a border"
        if border.shares_border
        else f"{border.km:,.1f} km ({border.mi:,.1f} mi) between the nearest points of their territories"
    )
    corrections = [
        Correction(
            claim="shortest (bird fly) distance",
            reproduced=f"{centre.km:,.0f} km or {centre.mi:,.0f} miles",
            corrected=border_text,
            reason=(
                f"the article measures between two table centre points ({centre.start} and {centre.end}),"
                " not between the countries; the shortest distance between two countries is between their"
                " nearest territory"
            ),
        ),
        Correction(
            claim="distance between the capitals",
            reproduced="(not given)",
            corrected=(
                f"{capitals.km:,.0f} km ({capitals.mi:,.0f} mi), {a.capital.name} to {b.capital.name}"
            ),
            reason="what most readers mean by 'how far is it': seat of government to seat of government",
        ),
        Correction(
            claim="average speed of 560 miles",
            reproduced="560",
            corrected=f"560 mph = {ARTICLE_SPEED.km_per_hour:,.1f} km/h",
            reason="a speed has a unit of distance per time; 560 mph is an airliner's cruise, not its average",
        ),
        Correction(
            claim="flight time",
            reproduced=f"{hours:.2f} hours (centre-point distance / 560 mph)",
            corrected=(
                f"about {flight.trip} by airliner, {flight.origin.label} to {flight.destination.label}"
                f" ({flight.leg.km:,.0f} km);"
                f" the article's own method on that route gives {format_duration(naive_flight.total_s)}"
            ),
            reason=(
                "a flight goes between airports, adds ICAO's routing extension, and spends time on taxi,"
                " climb and descent (geodist's narrow-body model in still air, fitted to published block"
                " times; see geodist.travel)"
            ),
        ),
        _thousands_of_miles(capitals.mi, a, b),
    ]
    return ArticleReport(a, b, centre.km, centre.mi, hours, tuple(corrections))


def _thousands_of_miles(miles: float, a: Country, b: Country) -> Correction:
    """Check the claim "the thousands of miles that separate their capitals"."""
    holds = miles >= 2000.0
    verdict = "holds" if holds else "does not hold"
    words = f"{miles / 1000:.1f} thousand miles"
    return Correction(
        claim="the thousands of miles that separate their capitals",
        reproduced="(a claim, no figure)",
        corrected=f"{verdict}: {a.capital.name if a.capital else a.label} to"
        f" {b.capital.name if b.capital else b.label} is {miles:,.0f} mi, about {words}",
        reason="'thousands of miles' means at least two thousand",
    )
