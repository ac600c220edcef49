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
from typing import Any

from geodist import _html, _records
from geodist.countries import Country, country_pair
from geodist.distance import Distance, Method, distance
from geodist.places import capital_trip
from geodist.speed import Speed
from geodist.travel import MODES, format_duration, travel_time

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
    centre_km, centre_mi : float or None
        The web calculator's distance, WGS84 geodesic between the centre points;
        None where Google's table has no centre point for a country.
    hours_at_560_mph : float or None
        centre distance / 560 mph, hours (None likewise).
    corrections : tuple of Correction
    """

    first: Country
    second: Country
    centre_km: float | None
    centre_mi: float | None
    hours_at_560_mph: float | None
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

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready values.

        Keys: ``first``, ``second`` (:meth:`Country.to_dict`), ``centre_km``,
        ``centre_mi``, ``hours_at_560_mph`` (None where not reproducible), and
        ``corrections``: one ``{claim, reproduced, corrected, reason}`` each.
        """
        return {
            "first": self.first.to_dict(),
            "second": self.second.to_dict(),
            "centre_km": self.centre_km,
            "centre_mi": self.centre_mi,
            "hours_at_560_mph": self.hours_at_560_mph,
            "corrections": [
                {"claim": c.claim, "reproduced": c.reproduced, "corrected": c.corrected, "reason": c.reason}
                for c in self.corrections
            ],
        }

    def _repr_html_(self) -> str:
        """The report as a small HTML table, one row per claim, for notebooks."""
        return _html.grid(
            f"The article's figures for {self.first.label} and {self.second.label}: reproduced, and corrected",
            ("claim", "reproduced", "corrected", "why"),
            [(c.claim, c.reproduced, c.corrected, c.reason) for c in self.corrections],
            "Reproduced with the article's method: the geodesic between Google's country centre points,"
            f" at 560 mph. All distances: {_records.MODEL}.",
        )

    def __repr__(self) -> str:
        figures = "not reproducible (no centre point)"
        if self.centre_km is not None and self.centre_mi is not None and self.hours_at_560_mph is not None:
            figures = (
                f"{self.centre_km:,.0f} km or {self.centre_mi:,.0f} miles, {self.hours_at_560_mph:.2f} hours"
            )
        return (
            f"<ArticleReport {self.first.label} → {self.second.label}: article {figures};"
            f" {len(self.corrections)} corrections (.text(), .to_dict())>"
        )


def article(first: str | Country, second: str | Country) -> ArticleReport:
    """Reproduce the article's figures for two countries, and correct them.

    Works for any pair: where the article's method cannot be applied (Google's
    table has no centre point for South Sudan) or a correction cannot be made
    (Antarctica has no capital), the report says so in that line.

    Raises
    ------
    GeodistError
        For an unknown or ambiguous country.

    Examples
    --------
    >>> r = article("Iran", "Russia")
    >>> f"{r.centre_km:,.0f} km or {r.centre_mi:,.0f} miles, {r.hours_at_560_mph:.2f} hours"
    '4,883 km or 3,034 miles, 5.42 hours'
    """
    a, b = country_pair(first, second)
    missing_centre = [c.label for c in (a, b) if c.centre is None]
    missing_capital = [c.label for c in (a, b) if c.capital is None]
    centre = None if missing_centre else distance(a, b, Method.CENTRE)
    hours = travel_time(centre, ARTICLE_SPEED).hours if centre else None
    not_reproducible = (
        f"cannot be reproduced: Google's table has no centre point for {' or '.join(missing_centre)}"
    )
    no_capital = f"no capital in the bundled data for {' or '.join(missing_capital)}"
    capitals = None if missing_capital else distance(a, b, Method.CAPITAL)
    corrections = [
        _shortest_distance(a, b, centre, not_reproducible),
        Correction(
            claim="distance between the capitals",
            reproduced="(not given)",
            corrected=(
                f"{capitals.km:,.0f} km ({capitals.mi:,.0f} mi), {_capitals(a, b)}"
                if capitals
                else no_capital
            ),
            reason="what most readers mean by 'how far is it': capital to capital (the official capitals;"
            " where the seat of government is another city, the pair report's --capital seat measures from it)",
        ),
        Correction(
            claim="average speed of 560 miles",
            reproduced="560",
            corrected=f"560 mph = {ARTICLE_SPEED.km_per_hour:,.1f} km/h",
            reason="a speed has a unit of distance per time; 560 mph is an airliner's cruise, not its average",
        ),
        _flight_time(a, b, hours, not_reproducible, no_capital if missing_capital else None),
        _thousands_of_miles(capitals, _capitals(a, b), no_capital),
    ]
    return ArticleReport(
        a,
        b,
        centre.km if centre else None,
        centre.mi if centre else None,
        hours,
        tuple(corrections),
    )


def _shortest_distance(a: Country, b: Country, centre: Distance | None, not_reproducible: str) -> Correction:
    """The article's "shortest (bird fly) distance" against the nearest territory."""
    border = distance(a, b, Method.BORDER)
    return Correction(
        claim="shortest (bird fly) distance",
        reproduced=f"{centre.km:,.0f} km or {centre.mi:,.0f} miles" if centre else not_reproducible,
        corrected=(
            "0 km: they share a border"
            if border.shares_border
            else f"{border.km:,.1f} km ({border.mi:,.1f} mi) between the nearest points of their territories"
        ),
        reason=(
            (
                f"the article measures between two table centre points ({centre.start} and {centre.end}), "
                if centre
                else ""
            )
            + "the shortest distance between two countries is between their nearest territory"
        ),
    )


def _flight_time(
    a: Country, b: Country, hours: float | None, not_reproducible: str, no_capital: str | None
) -> Correction:
    """The article's flight time against a realistic trip between the capitals."""
    reproduced = (
        f"{hours:.2f} hours (centre-point distance / 560 mph)" if hours is not None else not_reproducible
    )
    if no_capital is not None:
        return Correction(
            "flight time", reproduced, no_capital, "the estimate runs between the capitals' main airports"
        )
    trip = capital_trip(a, b)
    route = f"{trip.origin.label} to {trip.destination.label} ({trip.leg.km:,.0f} km)"
    if not trip.flies:
        return Correction(
            "flight time",
            reproduced,
            f"no flight: about {trip.trip} by car, {route}",
            "; ".join(trip.notes)
            + f"; the car model: straight-line distance x {MODES['car'].detour_factor} at {MODES['car'].speed}"
            " (geodist.travel)",
        )
    naive = travel_time(trip.leg, ARTICLE_SPEED)
    return Correction(
        "flight time",
        reproduced,
        f"about {trip.trip} by {trip.trip.mode}, {route};"
        f" the article's own method on that route gives {format_duration(naive.total_s)}",
        "a flight goes between airports, adds ICAO's routing extension, and spends time on taxi,"
        " climb and descent (geodist's airliner model in still air, fitted to published block times;"
        " see geodist.travel)" + "".join(f"; {n}" for n in trip.notes),
    )


def _capitals(a: Country, b: Country) -> str:
    """The capitals' names, as in "Tehran to Moscow"."""
    return f"{a.capital.name if a.capital else a.label} to {b.capital.name if b.capital else b.label}"


def _thousands_of_miles(capitals: Distance | None, between: str, no_capital: str) -> Correction:
    """Check the claim "the thousands of miles that separate their capitals"."""
    claim = "the thousands of miles that separate their capitals"
    if capitals is None:
        return Correction(
            claim, "(a claim, no figure)", f"cannot be checked: {no_capital}", "it needs both capitals"
        )
    miles = capitals.mi
    route = f"{between} is {miles:,.0f} mi"
    if miles >= 2000.0:
        verdict = f"holds: {route}, about {miles / 1000:.1f} thousand miles"
    elif miles >= 1000.0:
        verdict = f"does not hold: {route}, about {miles / 1000:.1f} thousand miles"
    else:
        verdict = f"does not hold: {route}, under a thousand miles"
    return Correction(
        claim, "(a claim, no figure)", verdict, "'thousands of miles' means at least two thousand"
    )
