"""The ``geodist`` command.

``geodist A B`` prints the two countries as resolved and their distance by each
method (nearest border, capitals, centroids, published centre points), all
geodesics on WGS84. Every user error is one line on stderr and a
non-zero exit code: 2 for a bad query or usage, 1 for a data problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from geodist import __version__
from geodist.countries import country
from geodist.distance import Method, distance
from geodist.errors import DataError, GeodistError
from geodist.geodesic import LatLon
from geodist.speed import Speed
from geodist.travel import MODES, format_duration, travel_time

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_DATA = 1

_EXAMPLES = """\
examples:
  geodist Iran Russia
  geodist "Ivory Coast" GH
  geodist IRN RUS --method border
  geodist Iran Russia --speed 560mph
  geodist France Germany --mode car
  geodist travel IKA SVO
  geodist article Iran Russia
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the pair-report parser (built on each call; nothing happens at import)."""
    parser = argparse.ArgumentParser(
        prog="geodist",
        description="How far apart are two countries? Geodesic distances on the WGS84 ellipsoid."
        " Subcommands: 'geodist travel A B', 'geodist article A B' (see their --help).",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("first", help="a country: name, official name or ISO code")
    parser.add_argument("second", help="another country")
    parser.add_argument(
        "--method",
        choices=[m.value for m in Method],
        help="print only this method (default: all four)",
    )
    parser.add_argument(
        "--mainland",
        action="store_true",
        help="measure border and centroid distances from each country's largest part only",
    )
    _travel_options(parser, default_mode=None)
    parser.add_argument("--version", action="version", version=f"geodist {__version__}")
    return parser


def _travel_options(parser: argparse.ArgumentParser, default_mode: str | None) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--speed", help="a plain speed, distance / speed: '560mph', '900 km/h', '480 kn', '250 m/s'")
    group.add_argument(
        "--mode",
        default=default_mode,
        choices=sorted(MODES),
        help="a documented travel model (road and rail use a detour factor; airliners add routing and"
        " taxi/climb/descent)" + (f"; default {default_mode}" if default_mode else ""),
    )


def build_travel_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist travel``."""
    parser = argparse.ArgumentParser(
        prog="geodist travel",
        description="Travel time between two places: airports (IATA or ICAO code), countries (their"
        " capital; for a flight, its main airport) or 'lat,lon' points.",
        epilog="examples:\n  geodist travel IKA SVO\n  geodist travel Iran Russia --mode wide-body\n"
        "  geodist travel France Germany --mode car\n  geodist travel 35.69,51.39 UUEE --speed 560mph\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("origin")
    parser.add_argument("destination")
    _travel_options(parser, default_mode="airliner")
    return parser


def build_article_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist article``."""
    parser = argparse.ArgumentParser(
        prog="geodist article",
        description="The web article's distance and flight time for two countries, reproduced exactly with"
        " its method, beside the figures that answer a traveller's question.",
        epilog="example:\n  geodist article Iran Russia\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("first")
    parser.add_argument("second")
    return parser


_LABELS = {
    Method.BORDER: "nearest border",
    Method.CAPITAL: "capital to capital",
    Method.CENTROID: "centroid to centroid",
    Method.CENTRE: "centre points",
}


def pair_report(
    first: str,
    second: str,
    methods: Sequence[Method] = tuple(Method),
    *,
    mainland: bool = False,
    speed: str | None = None,
    mode: str | None = None,
) -> str:
    """Return the text report for a pair of country queries.

    One line per method: the distance in km and mi (to 0.1) and the two end
    points; with ``speed`` or ``mode``, the travel time over each distance.

    Raises
    ------
    GeodistError
        If a query does not resolve to one country, or the speed or mode is bad.
    """
    a, b = country(first), country(second)
    travelling = speed is not None or mode is not None
    if speed is not None:
        Speed.parse(speed)  # fail early, before any output
    lines = [f"{a.label} → {b.label}", f"{'':22}{'km':>10}{'mi':>10}" + ("   time" if travelling else "") + "   from → to"]
    notes = []
    assumptions: tuple[str, ...] = ()
    for how in methods:
        try:
            d = distance(a, b, how, mainland=mainland)
        except GeodistError as exc:  # a missing capital or centre point: say so on its line
            lines.append(f"{_LABELS[how]:22}{'n/a':>10}{'':>10}   {exc}")
            continue
        ends = f"{d.start} → {d.end}"
        if how is Method.CAPITAL and a.capital and b.capital:
            ends = f"{a.capital.name} ({d.start}) → {b.capital.name} ({d.end})"
        time_cell = ""
        if travelling:
            trip = travel_time(d, speed, mode=mode)
            assumptions = trip.assumptions
            time_cell = f"   {str(trip):>13}"
        lines.append(f"{_LABELS[how]:22}{d.km:>10,.1f}{d.mi:>10,.1f}{time_cell}   {ends}")
        if how is Method.BORDER:
            notes.append("they share a border" if d.shares_border else "they do not share a border")
            for c, part in ((a, d.start_part), (b, d.end_part)):
                if part and part != "mainland":
                    notes.append(f"the nearest point of {c.label} is on {part}, not its mainland (see --mainland)")
        if d.note:
            notes.append(d.note)
    lines += [f"note: {n}" for n in notes]
    lines += [f"time: {a}" for a in assumptions]
    lines.append("All figures: geodesics on the WGS84 ellipsoid (Karney 2013, GeographicLib via pyproj).")
    return "\n".join(lines)


def travel_report(origin: str, destination: str, *, speed: str | None, mode: str | None) -> str:
    """The text of ``geodist travel``."""
    flying = speed is None and mode in {"airliner", "plane", "narrow-body", "wide-body"}
    start, end = _place(origin, flying), _place(destination, flying)
    d = distance(start.location, end.location)
    trip = travel_time(d, speed, mode=None if speed else mode)
    lines = [
        f"{start.label} → {end.label}",
        f"distance   {d.km:,.1f} km ({d.mi:,.1f} mi), geodesic on WGS84",
        f"time       {trip}  ({trip.hours:.2f} h)",
    ]
    if trip.mode != "plain":
        lines.append(
            f"           = {format_duration(trip.moving_s)} moving over {trip.route_m / 1000:,.1f} km"
            f" + {format_duration(trip.overhead_s) if trip.overhead_s else '0 min'} overhead"
        )
    lines += [f"assumes    {a}" for a in trip.assumptions]
    return "\n".join(lines)


def _place(text: str, fly: bool):  # noqa: ANN202 - a geodist.places.Place
    from geodist.places import place

    point = _parse_point(text)
    return place(point if point is not None else text, fly=fly)


def _parse_point(text: str) -> LatLon | None:
    """A "lat,lon" argument as a LatLon, or None when it is not one."""
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        return None
    return LatLon(lat, lon)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list[0] if args_list and args_list[0] in ("travel", "article") else None
    parser = {"travel": build_travel_parser, "article": build_article_parser}.get(command or "", build_parser)()
    try:
        args = parser.parse_args(args_list[1:] if command else args_list)
    except SystemExit as exc:  # argparse has printed its own message
        return int(exc.code or 0)
    try:
        if command == "travel":
            print(travel_report(args.origin, args.destination, speed=args.speed, mode=args.mode))
        elif command == "article":
            from geodist.article import article

            print(article(args.first, args.second).text())
        else:
            methods = [Method(args.method)] if args.method else list(Method)
            print(pair_report(args.first, args.second, methods, mainland=args.mainland, speed=args.speed,
                              mode=args.mode))
    except DataError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_DATA
    except GeodistError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return 0
