"""The ``geodist`` command.

``geodist A B`` prints the pair report: the two countries as resolved and their
distance by each method (nearest border, capitals, centroids, published centre
points), all geodesics on WGS84, with a realistic flight time. Subcommands:
``travel``, ``article``, ``matrix``, ``nearest``, ``countries`` and ``map``.

One output contract for every subcommand: text for people by default, ``--json``
(one document) or ``--csv`` (a header row, countries by id with their alpha-3
code and name beside it) for scripts, ``--unit`` for distances, ``-q`` for the
table alone (its header kept), ``-v`` for diagnostics on stderr. Results go to
stdout, diagnostics to stderr. Every user error is one line on stderr, hints in
command-line syntax (``--method border``): exit 2 for a bad query, value or
usage, 1 for a damaged installation. Heavy libraries (geopandas, matplotlib,
folium) are never imported on the pair-report path.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import re
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from geodist import __version__
from geodist.datasets import source
from geodist.distance import Distance, Method
from geodist.errors import ECHO_LIMIT, DataError, GeodistError, echo
from geodist.travel import MODE_NAMES
from geodist.units import Unit

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_DATA = 1

_EXAMPLES = """\
examples:
  geodist Iran Russia
  geodist "Ivory Coast" GH --unit mi
  geodist IRN RUS --method border --json
  geodist Iran Russia --speed 560mph
  geodist France Germany --mode car
  geodist travel IKA SVO
  geodist article Iran Russia
  geodist matrix Iran Iraq Turkey --csv
  geodist nearest Iran --top 5
  geodist countries korea
  geodist map Iran Russia -o iran-russia.png
  geodist help nearest
"""

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_MESSAGE_LIMIT = 400
"""The longest error line printed, characters; every echoed input is already shortened."""


class _UsageError(Exception):
    """A command line argparse (or geodist) refuses; main() prints it as one line and exits 2."""


_NEGATIVE_NUMBER_OR_POINT = re.compile(r"^-\d+$|^-\d*\.\d+$|^-\.?\d[\d.]*\s*,\s*[-+]?\.?\d[\d.]*$")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() decides the exit code.

    Unknown options get the closest real one as a suggestion (difflib).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A point such as "-33.9,18.4" is an argument, not an option: argparse reads
        # a leading "-" as an option unless the word looks like a negative number.
        self._negative_number_matcher = _NEGATIVE_NUMBER_OR_POINT

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message} (see: {self.prog} --help)")

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(self._unexpected(extras))
        return parsed

    def _unexpected(self, extras: list[str]) -> str:
        token = extras[0]
        if token.startswith("-") and len(token) > 1:
            known = [o for action in self._actions for o in action.option_strings]
            close = difflib.get_close_matches(token.split("=", 1)[0], known, n=1, cutoff=0.6)
            return f"unknown option {echo(token)}" + (f"; did you mean {close[0]}?" if close else "")
        more = f" (and {len(extras) - 1} more)" if len(extras) > 1 else ""
        return f"unexpected argument {echo(token)}{more}" + _EXTRA_HINTS.get(self.prog, "")


_EXTRA_HINTS = {
    "geodist": "; the report takes two countries (a name with spaces goes in quotes);"
    " for three or more, `geodist matrix A B C`",
}


def _new_parser(prog: str, description: str, epilog: str) -> _Parser:
    return _Parser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _output_options(parser: argparse.ArgumentParser, *, unit: bool = True, quiet: bool = True) -> None:
    """The output contract: --json, --csv, --unit, -q and -v (keys and columns in the README)."""
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON document on stdout (keys in the README)")
    fmt.add_argument(
        "--csv",
        action="store_true",
        help="CSV with a header row on stdout (read ids with keep_default_na=False)",
    )
    if unit:
        parser.add_argument(
            "--unit", default="km", choices=[u.value for u in Unit], help="unit of distances (default km)"
        )
    if quiet:
        parser.add_argument(
            "-q", "--quiet", action="store_true", help="only the table, with its header line (no notes)"
        )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="diagnostics on stderr: data folder, name matches, timings",
    )


def _part_options(parser: argparse.ArgumentParser) -> None:
    """``--part`` and its alias ``--mainland``: which part of each country to measure."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--part",
        metavar="PART",
        default="whole",
        help="which part of each country the border and centroid use: whole territory (default),"
        " mainland (the part holding the capital: continental France, Peninsular Malaysia, Zealand"
        " for Denmark; the largest part if there is no capital), largest (largest part by area), or a"
        " part's name (Jutland, Zealand, Peninsular Malaysia, ...)",
    )
    group.add_argument("--mainland", action="store_true", help="same as --part mainland")


def _boundaries_options(parser: argparse.ArgumentParser) -> None:
    """``--boundaries FILE --id COL [--layer L]``: your own territories instead of the bundled countries."""
    group = parser.add_argument_group("your own boundaries (geodist.read_boundaries)")
    group.add_argument(
        "--boundaries",
        metavar="FILE",
        help="measure between the territories of this file (GeoPackage, GeoJSON, Shapefile, ...),"
        " named by --id, instead of the bundled countries",
    )
    group.add_argument(
        "--id",
        default=None,
        metavar="COL",
        help="the column of --boundaries holding the ids (default name)",
    )
    group.add_argument("--layer", help="the layer of --boundaries to read (default the first)")


def _own_boundaries(args: argparse.Namespace, command: str) -> bool:
    """Whether the command measures your own boundaries; refuses their options without ``--boundaries``."""
    if args.boundaries is None:
        if args.id is not None or args.layer is not None:
            raise _UsageError(
                f"{command}: error: --id and --layer go with --boundaries FILE (see: {command} --help)"
            )
        return False
    if not args.boundaries.strip():
        raise _UsageError(f"{command}: error: --boundaries needs a file name (see: {command} --help)")
    if getattr(args, "all", False):
        raise _UsageError(
            f"{command}: error: --all is every bundled territory; with --boundaries give ids, or none for"
            f" all of the file's (see: {command} --help)"
        )
    return True


def _capital_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--capital",
        choices=["official", "seat"],
        default="official",
        help="a country stands for the official capital (default; Sucre for Bolivia) or the"
        " seat of government where it differs (La Paz) in the capital method and the flight",
    )


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        choices=("naturalearth", "osm"),
        default="naturalearth",
        help="boundary data set: Natural Earth 1:10m (default) or OpenStreetMap"
        " (pip install ./boundaries/osm; ODbL, © OpenStreetMap contributors)",
    )


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        "--lang",
        metavar="CODE",
        help="the language the country names are written in, where a name reads differently in"
        " several (CLDR code: vi, fr, sw, ...); e.g. 'Nga' is Russia with --language vi",
    )


def _part(args: argparse.Namespace) -> str:
    return "mainland" if args.mainland else str(args.part)


def _travel_options(parser: argparse.ArgumentParser, default_mode: str | None) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--speed", help="a plain speed, distance / speed: '560mph', '900 km/h', '480 kn', '250 m/s'"
    )
    group.add_argument(
        "--mode",
        default=default_mode,
        choices=MODE_NAMES,
        help="a documented travel model (road and rail use a detour factor; airliners add routing and"
        " taxi/climb/descent)" + (f"; default {default_mode}" if default_mode else ""),
    )


# --- Shared pieces of the output contract ------------------------------------


class _Verbose:
    """Diagnostics for -v, on stderr; silent otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if self.enabled:
            print(f"geodist: {message}", file=sys.stderr)

    def country(self, query: str, language: str | None = None) -> Any:
        """Resolve a country query (with a language hint); with -v, say how it was read."""
        from geodist.countries import lookup

        return self._said(query, lookup(query, language=language))

    def pair(self, first: str, second: str, language: str | None = None) -> tuple[Any, Any]:
        """Resolve two queries that must name different countries (the error repeats them as typed)."""
        from geodist.countries import lookup_pair

        a, b = lookup_pair(first, second, language=language)
        return self._said(first, a), self._said(second, b)

    def _said(self, query: str, match: Any) -> Any:
        self(f"{echo(query)} is {match.country.label}, matched as {match.how}")
        return match.country

    def elapsed(self, what: str) -> None:
        self(f"{what} in {1000 * (time.perf_counter() - self.start):,.1f} ms")


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


def _json(data: dict[str, Any]) -> str:
    return json.dumps({"geodist_version": __version__, **data}, ensure_ascii=False, indent=2)


def _number(value: float | None, digits: int = 3) -> str:
    """A CSV cell: fixed decimals, empty for a missing value."""
    return "" if value is None or value != value else f"{value:.{digits}f}"


def build_parser() -> argparse.ArgumentParser:
    """The pair-report parser (built on each call; nothing happens at import)."""
    parser = _new_parser(
        "geodist",
        "How far apart are two countries? Geodesic distances on the WGS84 ellipsoid, by four\n"
        "named methods. Subcommands: travel, article, matrix, nearest, countries, map\n"
        "(each has --help; or `geodist help COMMAND`).",
        _EXAMPLES,
    )
    parser.usage = "geodist [options] FIRST SECOND\n       geodist {travel,article,matrix,nearest,countries,map,help} ..."
    # Optional for argparse, so that main() can say what to do when one is missing (_pair_usage).
    parser.add_argument("first", nargs="?", help="a country: name (any language), official name or ISO code")
    parser.add_argument("second", nargs="?", help="another country")
    parser.add_argument("--method", choices=[m.value for m in Method], help="print only this method")
    _capital_option(parser)
    _part_options(parser)
    _language_option(parser)
    _data_option(parser)
    _output_options(parser)
    _travel_options(parser, default_mode=None)
    _boundaries_options(parser)
    parser.add_argument("--version", action="version", version=f"geodist {__version__}")
    return parser


def _cmd_pair(args: argparse.Namespace) -> str:
    from geodist.report import pair_data, render_csv, render_text

    if _own_boundaries(args, "geodist"):  # your own territories
        from geodist._boundary_commands import pair_command

        return pair_command(args)
    verbose = _Verbose(args.verbose)
    methods = [Method(args.method)] if args.method else list(Method)
    data = pair_data(
        args.first,
        args.second,
        methods,
        unit=args.unit,
        part=_part(args),
        speed=args.speed,
        mode=args.mode,
        capital=args.capital,
        language=args.language,
        data=args.data,
    )
    for side in ("first", "second"):
        verbose(
            f"{echo(getattr(args, side))} is {data[side]['name']} ({data[side]['id']}), matched as {data[side]['matched_as']}"
        )
    verbose.elapsed("measured")
    if args.json:
        return json.dumps(data, ensure_ascii=False, indent=2)
    if args.csv:
        return render_csv(data)
    text = render_text(data)
    if args.quiet:  # the header line (units, time) and the distance lines
        text = "\n".join(
            line
            for line in text.splitlines()[1:]
            if not line.startswith(("note:", "time:", "All ", "Boundaries:"))
        )
    return text


def build_travel_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist travel``."""
    parser = _new_parser(
        "geodist travel",
        "Travel time between two places: airports (IATA or ICAO code, any case), countries (their"
        " capital; for a flight, its main airport), cities ('Paris', 'Paris, Texas') or 'lat,lon' points."
        " Prefix airport:, country: or city: to choose a reading.",
        "examples:\n  geodist travel IKA SVO\n  geodist travel Iran Russia --mode wide-body\n"
        "  geodist travel France Germany --mode car\n  geodist travel 35.69,51.39 UUEE --speed 560mph\n"
        "  geodist travel -33.92,18.42 JNB\n  geodist travel Paris 'New York'\n"
        "  geodist travel 'Paris, Texas' DFW --mode car\n  geodist travel IKA SVO --csv --unit mi\n",
    )
    parser.add_argument("origin", help="an airport code, country, city or 'lat,lon'")
    parser.add_argument("destination", help="the same kinds")
    _capital_option(parser)
    _language_option(parser)
    _travel_options(parser, default_mode="airliner")
    _output_options(parser)
    return parser


TRAVEL_CSV_COLUMNS = (
    "from",
    "from_lat",
    "from_lon",
    "to",
    "to_lat",
    "to_lon",
    "distance_m",
    "distance",
    "unit",
    "route_m",
    "route",
    "total_s",
    "moving_s",
    "overhead_s",
    "mode",
    "speed_m_s",
    "text",
    "notes",
)


def _cmd_travel(args: argparse.Namespace) -> str:
    from geodist.errors import SameCountryError
    from geodist.places import place, plan_trip, same_place
    from geodist.travel import DURATION_LIMIT_S, format_duration, is_flight

    verbose = _Verbose(args.verbose)
    unit = Unit.parse(args.unit)
    flying = args.speed is None and is_flight(args.mode)
    origin, destination = (
        place(text, fly=flying, capital=args.capital, language=args.language)
        for text in (args.origin, args.destination)
    )
    if same_place(origin, destination):  # said with the queries as typed; plan_trip refuses it too
        raise SameCountryError(
            f"{echo(args.origin)} and {echo(args.destination)} are the same place,"
            f" {origin.country.label if origin.country else origin.label};"
            " give two different places (a country stands for its capital: name cities or airports)"
        )
    planned = plan_trip(origin, destination, mode=args.mode, speed=args.speed)
    start, end, d, trip = planned.origin, planned.destination, planned.leg, planned.trip
    verbose(f"from {start.label} ({start.location}), to {end.label} ({end.location})")
    verbose.elapsed("estimated")
    record: dict[str, Any] = {
        "from": {"label": start.label, "lat": start.location.lat, "lon": start.location.lon},
        "to": {"label": end.label, "lat": end.location.lat, "lon": end.location.lon},
        "distance_m": d.distance_m,
        "distance": unit.from_metres(d.distance_m),
        "unit": unit.value,
        "route_m": trip.route_m,
        "route": unit.from_metres(trip.route_m),
        "total_s": trip.total_s,
        "moving_s": trip.moving_s,
        "overhead_s": trip.overhead_s,
        "mode": trip.mode,
        "speed_m_s": trip.speed.metres_per_second,
        "text": str(trip),
        "assumptions": list(trip.assumptions),
        "notes": list(planned.notes),
    }
    if args.json:
        return _json(record)
    if args.csv:
        row = {k: v for k, v in record.items() if k in TRAVEL_CSV_COLUMNS}
        row.update(
            {
                "from": start.label,
                "from_lat": start.location.lat,
                "from_lon": start.location.lon,
                "to": end.label,
                "to_lat": end.location.lat,
                "to_lon": end.location.lon,
                "distance_m": _number(d.distance_m),
                "distance": _number(record["distance"], 6),
                "route_m": _number(trip.route_m),
                "route": _number(record["route"], 6),
                "total_s": _number(trip.total_s, 1),
                "moving_s": _number(trip.moving_s, 1),
                "overhead_s": _number(trip.overhead_s, 1),
                "notes": "; ".join(planned.notes),
            }
        )
        return _csv(TRAVEL_CSV_COLUMNS, [row])
    other = Unit.MI if unit is not Unit.MI else Unit.KM
    lines = [
        f"{start.label} → {end.label}",
        f"distance   {record['distance']:,.1f} {unit.value} ({other.from_metres(d.distance_m):,.1f} {other.value}),"
        " geodesic on WGS84",
        f"time       {trip}" + (f"  ({trip.hours:,.2f} h)" if trip.total_s <= DURATION_LIMIT_S else ""),
    ]
    if trip.mode != "plain":
        overhead = format_duration(trip.overhead_s) if trip.overhead_s else "0 min"
        lines.append(
            f"           = {format_duration(trip.moving_s)} moving over {record['route']:,.1f} {unit.value}"
            f" + {overhead} overhead"
        )
    if args.quiet:
        return "\n".join(lines[1:3])
    lines += [f"{'warning' if n in trip.warnings else 'note':11}{n}" for n in planned.notes]
    lines += [f"assumes    {a}" for a in trip.assumptions if a not in trip.warnings]
    return "\n".join(lines)


def build_article_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist article``."""
    parser = _new_parser(
        "geodist article",
        "The web article's distance and flight time for two countries, reproduced exactly with its method,"
        " beside the figures that answer a traveller's question.",
        "examples:\n  geodist article Iran Russia\n  geodist article Iran Russia --json --unit nmi\n",
    )
    parser.add_argument("first")
    parser.add_argument("second")
    _language_option(parser)
    _output_options(parser, quiet=False)
    return parser


ARTICLE_CSV_COLUMNS = ("claim", "reproduced", "corrected", "reason")
"""After the two countries' columns (``geodist.report.PAIR_COLUMNS``)."""


def _cmd_article(args: argparse.Namespace) -> str:
    from geodist.article import article
    from geodist.report import PAIR_COLUMNS, country_columns, country_data

    verbose = _Verbose(args.verbose)
    report = article(*verbose.pair(args.first, args.second, args.language))
    verbose.elapsed("reproduced")
    unit = Unit.parse(args.unit)
    corrections = [
        {"claim": c.claim, "reproduced": c.reproduced, "corrected": c.corrected, "reason": c.reason}
        for c in report.corrections
    ]
    if args.json:
        centre_m = None if report.centre_km is None else report.centre_km * 1000.0
        return _json(
            {
                "first": country_data(report.first),
                "second": country_data(report.second),
                "unit": unit.value,
                "centre_m": centre_m,
                "centre": None if centre_m is None else unit.from_metres(centre_m),
                "centre_km": report.centre_km,
                "centre_mi": report.centre_mi,
                "hours_at_560_mph": report.hours_at_560_mph,
                "corrections": corrections,
            }
        )
    if args.csv:
        ids = {**country_columns("first", report.first), **country_columns("second", report.second)}
        return _csv((*PAIR_COLUMNS, *ARTICLE_CSV_COLUMNS), [{**ids, **c} for c in corrections])
    return report.text()


def build_matrix_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist matrix``."""
    parser = _new_parser(
        "geodist matrix",
        "Distances between every pair of the given countries (or --all bundled territories).",
        "examples:\n  geodist matrix Iran Iraq Turkey\n  geodist matrix --all --csv > border-matrix.csv\n"
        "  geodist matrix UK France Spain --method capital --unit mi\n"
        "  geodist matrix --boundaries regions.gpkg --id name --csv\n",
    )
    parser.add_argument(
        "countries", nargs="*", help="two or more countries (ids with --boundaries: all when none)"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="every bundled territory (255; read from the precomputed tables, under a second)",
    )
    parser.add_argument("--method", default="border", choices=[m.value for m in Method])
    _part_options(parser)
    _capital_option(parser)
    _language_option(parser)
    _data_option(parser)
    _output_options(parser)
    _boundaries_options(parser)
    return parser


def _cmd_matrix(args: argparse.Namespace) -> str:
    from geodist.countries import all_countries
    from geodist.matrix import matrix
    from geodist.report import country_data

    if _own_boundaries(args, "geodist matrix"):  # your own territories
        from geodist._boundary_commands import matrix_command

        return matrix_command(args)
    verbose = _Verbose(args.verbose)
    if args.all == bool(args.countries):
        what = "two or more countries or --all, not both" if args.all else "two or more countries, or --all"
        raise _UsageError(f"geodist matrix: error: give {what} (see: geodist matrix --help)")
    chosen = [
        c.on(args.data)
        for c in (
            list(all_countries()) if args.all else [verbose.country(c, args.language) for c in args.countries]
        )
    ]
    if len(chosen) < 2:
        raise _UsageError(
            "geodist matrix: error: a matrix needs at least two countries; for one, try"
            f" `geodist nearest {_shell_word(args.countries[0])}`"
        )
    seen: dict[str, str] = {}
    for query, c in zip(args.countries, chosen, strict=False):
        if c.id in seen:
            raise _UsageError(
                f"geodist matrix: error: {echo(seen[c.id])} and {echo(query)} are the same country, {c.label};"
                " give each country once"
            )
        seen[c.id] = query
    table = matrix(
        chosen,
        args.method,
        unit=args.unit,
        part=_part(args),
        capital=args.capital,
        progress=_progress_bar(),
        data=args.data,
    )
    _progress_done()
    verbose.elapsed(f"measured {len(chosen) * (len(chosen) - 1) // 2:,} pairs")
    if args.json:
        return _json(
            {
                "method": args.method,
                "unit": args.unit,
                "part": _part(args),
                "capital": args.capital,
                "data": args.data,
                "boundaries": table.attrs["boundaries"],
                "ids": list(table.index),
                "countries": [country_data(c) for c in chosen],
                "values": [[None if v != v else v for v in row] for row in table.to_numpy().tolist()],
            }
        )
    if args.csv:
        ids = [c.id for c in chosen]
        rows = [
            {"from": c.id, "alpha3": c.alpha3 or "", "name": c.name}
            | {to: _number(v) for to, v in zip(ids, values, strict=True)}
            for c, values in zip(chosen, table.to_numpy().tolist(), strict=True)
        ]
        return _csv(["from", "alpha3", "name", *ids], rows)
    shown = table.round(1)
    shown.columns.name = f"to ({args.unit})"  # the unit stays in the table's corner under -q too
    text = shown.to_string()
    if args.quiet:
        return text
    part = "" if _part(args) == "whole" else f", {_part(args)} parts"
    if args.method == "capital" and args.capital == "seat":
        part += ", seats of government where they differ from the capital"
    boundaries = f"; boundaries: {table.attrs['boundaries']}" if args.method in ("border", "centroid") else ""
    return f"{args.method} distances in {args.unit} (WGS84 geodesics{part}{boundaries})\n" + text


def build_nearest_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist nearest``."""
    parser = _new_parser(
        "geodist nearest",
        "The countries closest to one country by nearest-border distance (0 for neighbours).",
        "examples:\n  geodist nearest Iran\n  geodist nearest Japan --top 3 --unit mi\n"
        "  geodist nearest Namibia --csv\n  geodist nearest Bavaria --boundaries regions.gpkg --id name\n",
    )
    parser.add_argument("country", help="a country (an id with --boundaries)")
    parser.add_argument("--top", type=int, default=10, help="how many (default 10)")
    _part_options(parser)
    _language_option(parser)
    _data_option(parser)
    _output_options(parser)
    _boundaries_options(parser)
    return parser


NEAREST_CSV_COLUMNS = (
    "id",
    "alpha3",
    "name",
    "distance",
    "unit",
    "shares_border",
    "distance_m",
    "start_lat",
    "start_lon",
    "end_lat",
    "end_lon",
)


def _nearest_fields(metres: float, touches: bool, leg: Distance, unit: Unit) -> dict[str, Any]:
    """The CSV fields of one ``nearest`` row after its id: distance, unit, whether they touch, the two points."""
    return {
        "distance": _number(unit.from_metres(metres)),
        "unit": unit.value,
        "shares_border": str(touches).lower(),
        "distance_m": _number(metres),
        "start_lat": leg.start.lat,
        "start_lon": leg.start.lon,
        "end_lat": leg.end.lat,
        "end_lon": leg.end.lon,
    }


def _cmd_nearest(args: argparse.Namespace) -> str:
    from geodist.distance import distance
    from geodist.matrix import nearest_countries
    from geodist.report import country_data

    if _own_boundaries(args, "geodist nearest"):  # your own territories
        from geodist._boundary_commands import nearest_command

        return nearest_command(args)
    verbose = _Verbose(args.verbose)
    if args.top < 1:
        raise _UsageError(
            f"geodist nearest: error: --top must be at least 1, got {args.top} (see: geodist nearest --help)"
        )
    origin = verbose.country(args.country, args.language).on(args.data)
    unit = Unit.parse(args.unit)
    ranked = nearest_countries(origin, top=args.top, part=_part(args))
    verbose.elapsed(f"ranked {len(ranked)}")
    if args.json or args.csv:  # the nearest points too: one exact border distance per row
        legs = [distance(origin, c, part=_part(args)) for c, _, _ in ranked]
        verbose.elapsed("measured the nearest points")
    if args.json:
        return _json(
            {
                "from": origin.id,
                "origin": country_data(origin),
                "unit": unit.value,
                "mainland": _part(args) == "mainland",
                "part": _part(args),
                "data": args.data,
                "boundaries": source(args.data),
                "nearest": [
                    {
                        "id": c.id,
                        "alpha3": c.alpha3,
                        "name": c.name,
                        "distance": unit.from_metres(m),
                        "distance_m": m,
                        "shares_border": t,
                        "start": {"lat": leg.start.lat, "lon": leg.start.lon},
                        "end": {"lat": leg.end.lat, "lon": leg.end.lon},
                    }
                    for (c, m, t), leg in zip(ranked, legs, strict=True)
                ],
            }
        )
    if args.csv:
        rows = [
            {"id": c.id, "alpha3": c.alpha3 or "", "name": c.name} | _nearest_fields(m, t, leg, unit)
            for (c, m, t), leg in zip(ranked, legs, strict=True)
        ]
        return _csv(NEAREST_CSV_COLUMNS, rows)
    lines = [
        f"Nearest to {origin.label} by border distance (WGS84 geodesics; boundaries: {source(args.data)}):"
    ]
    lines.append(f"{'':5}{'country':40}{unit.value:>10}")
    lines += [
        f"{k:>3}. {c.label:40}{unit.from_metres(m):>10,.1f}{'  shares a border' if t else ''}"
        for k, (c, m, t) in enumerate(ranked, 1)
    ]
    return "\n".join(lines[1:] if args.quiet else lines)


def build_countries_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist countries``."""
    parser = _new_parser(
        "geodist countries",
        "The bundled countries and territories: id, ISO codes, name, capital.",
        "examples:\n  geodist countries\n  geodist countries korea\n  geodist countries --un --csv\n",
    )
    parser.add_argument("filter", nargs="?", help="keep names or codes containing this text")
    parser.add_argument("--un", action="store_true", help="UN member states only")
    _output_options(parser, unit=False, quiet=False)
    _language_option(parser)
    return parser


COUNTRIES_CSV_COLUMNS = ("id", "alpha2", "alpha3", "numeric", "name", "capital", "un_member", "area_km2")


def _named_by(text: str, language: str | None) -> set[str]:
    """Ids of the countries a filter names in full, in any language (Россия) or as a code."""
    from geodist.countries import lookup
    from geodist.errors import AmbiguousCountryError

    try:
        return {lookup(text, language=language).country.id}
    except AmbiguousCountryError as error:
        return {c.rsplit("(", 1)[-1].rstrip(")") for c in error.candidates}
    except GeodistError:
        return set()


def _cmd_countries(args: argparse.Namespace) -> str:
    from geodist.countries import all_countries
    from geodist.names import normalise_name
    from geodist.report import country_data

    wanted = normalise_name(args.filter) if args.filter else ""
    named = _named_by(args.filter, args.language) if args.filter else set()
    rows = []
    for c in all_countries():
        if args.un and not c.un_member:
            continue
        haystack = " | ".join(
            normalise_name(x) for x in (c.id, c.name, c.official_name, c.alpha3 or "", c.numeric or "")
        )
        if wanted and wanted not in haystack and c.id not in named:
            continue
        rows.append(c)
    _Verbose(args.verbose)(f"{len(rows)} of the bundled territories match")
    if not rows:
        raise _UsageError(
            f"geodist countries: no country matches {echo(args.filter)}"
            + ("" if args.un else "; `geodist countries` lists them all")
        )
    if args.json:
        return _json(
            {
                "countries": [
                    country_data(c)
                    | {"official_name": c.official_name, "un_member": c.un_member, "area_km2": c.area_km2}
                    for c in rows
                ]
            }
        )
    if args.csv:
        return _csv(
            COUNTRIES_CSV_COLUMNS,
            (
                {
                    "id": c.id,
                    "alpha2": c.alpha2 or "",
                    "alpha3": c.alpha3 or "",
                    "numeric": c.numeric or "",
                    "name": c.name,
                    "capital": c.capital.name if c.capital else "",
                    "un_member": str(c.un_member).lower(),
                    "area_km2": _number(c.area_km2, 1),
                }
                for c in rows
            ),
        )
    lines = [f"{'id':24}{'a3':5}{'num':5}{'name':40}capital"]
    for c in rows:
        lines.append(
            f"{c.id:24}{c.alpha3 or '':5}{c.numeric or '':5}{c.name:40}{c.capital.name if c.capital else '-'}"
        )
    return "\n".join(lines)


def build_map_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist map``."""
    parser = _new_parser(
        "geodist map",
        "Draw a pair: both territories, the border they share (or else the nearest-border line), the capitals"
        " and the geodesic between them,"
        " and the centre points, in an azimuthal equidistant projection centred between them."
        " .geojson and .html need nothing more; .png/.svg need `pip install 'geodist[map]'`.",
        "examples:\n  geodist map Iran Russia -o iran-russia.png\n  geodist map USA Russia -o bering.svg\n"
        "  geodist map Iran Turkey -o iran-turkey.html --tiles none\n  geodist map Iran Russia -o iran-russia.geojson\n",
    )
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("-o", "--output", required=True, help="FILE.png, .svg, .html or .geojson")
    parser.add_argument(
        "--tiles",
        choices=("osm", "none"),
        default="osm",
        help=".html only: OpenStreetMap base tiles, loaded from the web (default), or none:"
        " the territories alone, a page that works offline",
    )
    _language_option(parser)
    _data_option(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="diagnostics on stderr")
    return parser


def _cmd_map(args: argparse.Namespace) -> str:
    from geodist.maps import write_map

    verbose = _Verbose(args.verbose)
    first, second = verbose.pair(args.first, args.second, args.language)
    path = write_map(first, second, args.output, tiles=args.tiles, data=args.data)
    verbose.elapsed("drawn")
    print(f"geodist: wrote {path}", file=sys.stderr)
    return ""


_COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], str]]] = {
    "travel": (build_travel_parser, _cmd_travel),
    "article": (build_article_parser, _cmd_article),
    "matrix": (build_matrix_parser, _cmd_matrix),
    "nearest": (build_nearest_parser, _cmd_nearest),
    "countries": (build_countries_parser, _cmd_countries),
    "map": (build_map_parser, _cmd_map),
}


def _progress_bar() -> Callable[[int, int], None] | None:
    """A progress callback drawing on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        filled = int(30 * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} rows")
        sys.stderr.flush()

    return show


def _progress_done() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 50 + "\r")


# --- Usage errors people actually make ----------------------------------------


def _shell_word(text: str) -> str:
    """``text`` as a user would type it in a shell example (quoted if needed, shortened if long)."""
    return shlex.quote(text) if len(text) <= 40 and text.isprintable() else "Iran"


def _command_typo(token: str) -> str | None:
    """The subcommand ``token`` is a typo of, unless ``token`` is a country ("ma" is Morocco, not map)."""
    close = difflib.get_close_matches(token.lower(), [*_COMMANDS, "help"], n=1, cutoff=0.75)
    if not close or len(token) > 40 or token.startswith("-"):
        return None
    from geodist.countries import country

    try:
        country(token)
    except GeodistError:
        return close[0]
    return None


def _pair_usage(first: str | None) -> str:
    """What to say when the pair report gets fewer than two countries."""
    if first is not None:
        typo = _command_typo(first)
        if typo:
            return f"geodist: unknown command {echo(first)}; did you mean `geodist {typo}`?"
    one = "Iran" if first is None else _shell_word(first)
    return (
        f"geodist: give two countries, e.g. `geodist {one} Russia`;"
        f" for the countries nearest one, `geodist nearest {one}` (see: geodist --help)"
    )


def _one_line(message: str, argv: Sequence[str]) -> str:
    """One line, every long argument shortened: argparse repeats what it was given verbatim."""
    for arg in sorted(set(argv), key=len, reverse=True):
        if len(arg) > ECHO_LIMIT:
            short = echo(arg)
            message = message.replace(repr(arg), short).replace(arg, short)
    for ch in _LINE_BREAKS:  # everything str.splitlines() breaks at
        message = message.replace(ch, repr(ch)[1:-1])
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 1] + "…"
    return message


def _write(text: str) -> None:
    """Print the result; a closed pipe (`geodist ... | head`) is not an error."""
    try:
        try:
            print(text)
        except UnicodeEncodeError:  # a terminal that cannot show some character
            encoding = sys.stdout.encoding or "utf-8"
            print(text.encode(encoding, "backslashreplace").decode(encoding))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left; point stdout at /dev/null so exit does not complain
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        0 on success (and for --help, --version), 2 for a usage error or a bad
        query or value, 1 when the bundled data is missing or damaged.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args_list)
    except _UsageError as exc:
        print(_one_line(str(exc), args_list), file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        print(_one_line(f"geodist: {exc}", args_list), file=sys.stderr)
        return EXIT_DATA
    except GeodistError as exc:
        print(_one_line(f"geodist: {exc.render('cli')}", args_list), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("geodist: interrupted", file=sys.stderr)
        return 130


def _run(args_list: list[str]) -> int:
    if args_list[:1] == ["help"]:  # `geodist help` and `geodist help nearest`
        topic = args_list[1] if len(args_list) > 1 else None
        if topic is not None and topic not in _COMMANDS:
            typo = difflib.get_close_matches(topic, list(_COMMANDS), n=1, cutoff=0.6)
            raise _UsageError(
                f"geodist: no command {echo(topic)}"
                + (
                    f"; did you mean `geodist help {typo[0]}`?"
                    if typo
                    else f"; commands: {', '.join(_COMMANDS)}"
                )
            )
        (_COMMANDS[topic][0] if topic else build_parser)().print_help()
        return 0
    name = args_list[0] if args_list and args_list[0] in _COMMANDS else None
    late = [a for a in args_list if a in _COMMANDS]
    if name is None and late and args_list[0].startswith("-"):  # `geodist -v nearest Iran`
        raise _UsageError(
            f"geodist: the subcommand comes first, its options after it: `geodist {late[0]} ... {args_list[0]}`"
            f" (see: geodist {late[0]} --help)"
        )
    build, run = _COMMANDS[name] if name else (build_parser, _cmd_pair)
    try:
        args = build().parse_args(args_list[1:] if name else args_list)
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    except _UsageError:
        near = _command_typo(args_list[0]) if name is None and args_list else None
        if near:  # `geodist matrx Iran Iraq Turkey`
            raise _UsageError(
                f"geodist: unknown command {echo(args_list[0])}; did you mean `geodist {near}`?"
            ) from None
        raise
    if name is None and args.second is None:
        raise _UsageError(_pair_usage(args.first))
    if getattr(args, "verbose", False):
        from geodist._data import data_dir

        print(f"geodist: {__version__}, data from {data_dir()}", file=sys.stderr)
    try:
        output = run(args)
    except GeodistError as exc:
        if name is None and isinstance(exc, LookupError) and getattr(exc, "query", None) == args.first:
            near = _command_typo(args.first)
            if near:
                raise _UsageError(
                    f"geodist: unknown command or country {echo(args.first)}; did you mean `geodist {near}`?"
                ) from None
        raise
    if output:
        _write(output)
    return 0
