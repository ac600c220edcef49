"""The ``geodist`` command.

``geodist A B`` prints the pair report: the two countries as resolved and their
distance by each method (nearest border, capitals, centroids, published centre
points), all geodesics on WGS84, with a realistic flight time. Subcommands:
``travel``, ``article``, ``matrix``, ``nearest``, ``countries`` and ``map``.

Results go to stdout, diagnostics to stderr. Every user error is one line on
stderr: exit 2 for a bad query, value or usage, 1 for a damaged installation.
Heavy libraries (geopandas, matplotlib, folium) are never imported on the
pair-report path.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from geodist import __version__
from geodist.distance import Method
from geodist.errors import DataError, GeodistError
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
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() decides the exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message} (see: {self.prog} --help)")


class _UsageError(Exception):
    pass


def _new_parser(prog: str, description: str, epilog: str) -> _Parser:
    return _Parser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _output_options(parser: argparse.ArgumentParser) -> None:
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON document on stdout (keys in the README)")
    fmt.add_argument("--csv", action="store_true", help="CSV with a header row on stdout")
    parser.add_argument(
        "--unit", default="km", choices=[u.value for u in Unit], help="unit of distances (default km)"
    )


def _part_options(parser: argparse.ArgumentParser) -> None:
    """``--part`` and its alias ``--mainland``: which part of each country to measure."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--part",
        choices=["whole", "mainland", "largest"],
        default="whole",
        help="which part of each country the border and centroid use: whole territory (default),"
        " mainland (the part holding the capital: continental France, Peninsular Malaysia, Zealand"
        " for Denmark; the largest part if there is no capital) or largest (largest part by area)",
    )
    group.add_argument("--mainland", action="store_true", help="same as --part mainland")


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


def build_parser() -> argparse.ArgumentParser:
    """The pair-report parser (built on each call; nothing happens at import)."""
    parser = _new_parser(
        "geodist",
        "How far apart are two countries? Geodesic distances on the WGS84 ellipsoid, by four\n"
        "named methods. Subcommands: travel, article, matrix, nearest, countries, map\n"
        "(each has --help).",
        _EXAMPLES,
    )
    parser.add_argument("first", help="a country: name (any language), official name or ISO code")
    parser.add_argument("second", help="another country")
    parser.add_argument("--method", choices=[m.value for m in Method], help="print only this method")
    _part_options(parser)
    _output_options(parser)
    _travel_options(parser, default_mode=None)
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the distance lines")
    parser.add_argument("--version", action="version", version=f"geodist {__version__}")
    return parser


def _cmd_pair(args: argparse.Namespace) -> str:
    from geodist.report import pair_data, render_csv, render_text

    methods = [Method(args.method)] if args.method else list(Method)
    data = pair_data(
        args.first,
        args.second,
        methods,
        unit=args.unit,
        part=_part(args),
        speed=args.speed,
        mode=args.mode,
    )
    if args.json:
        return json.dumps(data, ensure_ascii=False, indent=2)
    if args.csv:
        return render_csv(data)
    text = render_text(data)
    if args.quiet:
        text = "\n".join(
            line for line in text.splitlines()[2:] if not line.startswith(("note:", "time:", "All "))
        )
    return text


def build_travel_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist travel``."""
    parser = _new_parser(
        "geodist travel",
        "Travel time between two places: airports (IATA or ICAO code), countries (their capital; for a"
        " flight, its main airport) or 'lat,lon' points.",
        "examples:\n  geodist travel IKA SVO\n  geodist travel Iran Russia --mode wide-body\n"
        "  geodist travel France Germany --mode car\n  geodist travel 35.69,51.39 UUEE --speed 560mph\n",
    )
    parser.add_argument("origin")
    parser.add_argument("destination")
    _travel_options(parser, default_mode="airliner")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    return parser


def _cmd_travel(args: argparse.Namespace) -> str:
    from geodist.places import plan_trip
    from geodist.travel import format_duration, is_flight

    flying = args.speed is None and is_flight(args.mode)
    planned = plan_trip(
        _place(args.origin, flying), _place(args.destination, flying), mode=args.mode, speed=args.speed
    )
    start, end, d, trip = planned.origin, planned.destination, planned.leg, planned.trip
    if args.json:
        return json.dumps(
            {
                "from": {"label": start.label, "lat": start.location.lat, "lon": start.location.lon},
                "to": {"label": end.label, "lat": end.location.lat, "lon": end.location.lon},
                "distance_m": d.distance_m,
                "route_m": trip.route_m,
                "total_s": trip.total_s,
                "moving_s": trip.moving_s,
                "overhead_s": trip.overhead_s,
                "mode": trip.mode,
                "speed_m_s": trip.speed.metres_per_second,
                "text": str(trip),
                "assumptions": list(trip.assumptions),
                "notes": list(planned.notes),
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [
        f"{start.label} → {end.label}",
        f"distance   {d.km:,.1f} km ({d.mi:,.1f} mi), geodesic on WGS84",
        f"time       {trip}  ({trip.hours:.2f} h)",
    ]
    if trip.mode != "plain":
        overhead = format_duration(trip.overhead_s) if trip.overhead_s else "0 min"
        lines.append(
            f"           = {format_duration(trip.moving_s)} moving over {trip.route_m / 1000:,.1f} km + {overhead} overhead"
        )
    lines += [f"{'warning' if n in trip.warnings else 'note':11}{n}" for n in planned.notes]
    lines += [f"assumes    {a}" for a in trip.assumptions if a not in trip.warnings]
    return "\n".join(lines)


def _place(text: str, fly: bool) -> Any:
    from geodist.geodesic import LatLon
    from geodist.places import place

    parts = text.split(",")
    if len(parts) == 2:
        try:
            lat, lon = (float(p) for p in parts)
        except ValueError:
            pass
        else:
            return place(LatLon(lat, lon), fly=fly)
    return place(text, fly=fly)


def build_article_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist article``."""
    parser = _new_parser(
        "geodist article",
        "The web article's distance and flight time for two countries, reproduced exactly with its method,"
        " beside the figures that answer a traveller's question.",
        "example:\n  geodist article Iran Russia\n",
    )
    parser.add_argument("first")
    parser.add_argument("second")
    return parser


def _cmd_article(args: argparse.Namespace) -> str:
    from geodist.article import article

    return article(args.first, args.second).text()


def build_matrix_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist matrix``."""
    parser = _new_parser(
        "geodist matrix",
        "Distances between every pair of the given countries (or --all bundled territories).",
        "examples:\n  geodist matrix Iran Iraq Turkey\n  geodist matrix --all --csv > border-matrix.csv\n"
        "  geodist matrix UK France Spain --method capital --unit mi\n",
    )
    parser.add_argument("countries", nargs="*", help="two or more countries")
    parser.add_argument(
        "--all", action="store_true", help="every bundled territory (255; about 20 s for borders)"
    )
    parser.add_argument("--method", default="border", choices=[m.value for m in Method])
    _part_options(parser)
    _output_options(parser)
    return parser


def _cmd_matrix(args: argparse.Namespace) -> str:
    from geodist.countries import all_countries, country
    from geodist.matrix import matrix

    if args.all == bool(args.countries):
        raise GeodistError("give two or more countries, or --all")
    chosen = list(all_countries()) if args.all else [country(c) for c in args.countries]
    if len(chosen) < 2:
        raise GeodistError("a matrix needs at least two countries")
    table = matrix(chosen, args.method, unit=args.unit, part=_part(args), progress=_progress_bar())
    _progress_done()
    if args.json:
        return json.dumps(
            {
                "method": args.method,
                "unit": args.unit,
                "ids": list(table.index),
                "values": [[None if v != v else v for v in row] for row in table.to_numpy().tolist()],
            },
            indent=2,
        )
    if args.csv:
        return table.to_csv(float_format="%.3f").rstrip("\n")
    return f"{args.method} distances in {args.unit} (WGS84 geodesics)\n" + table.round(1).to_string()


def build_nearest_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist nearest``."""
    parser = _new_parser(
        "geodist nearest",
        "The countries closest to one country by nearest-border distance (0 for neighbours).",
        "examples:\n  geodist nearest Iran\n  geodist nearest Japan --top 3 --unit mi\n",
    )
    parser.add_argument("country")
    parser.add_argument("--top", type=int, default=10, help="how many (default 10)")
    _part_options(parser)
    _output_options(parser)
    return parser


def _cmd_nearest(args: argparse.Namespace) -> str:
    from geodist.countries import country
    from geodist.matrix import nearest_countries

    if args.top < 1:
        raise GeodistError(f"--top must be at least 1, got {args.top}")
    origin = country(args.country)
    unit = Unit.parse(args.unit)
    ranked = nearest_countries(origin, top=args.top, part=_part(args))
    rows = [(c, unit.from_metres(m), touching) for c, m, touching in ranked]
    if args.json:
        return json.dumps(
            {
                "from": origin.id,
                "unit": unit.value,
                "nearest": [
                    {"id": c.id, "name": c.name, "distance": v, "shares_border": t} for c, v, t in rows
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    if args.csv:
        lines = ["id,name,distance,unit,shares_border"]
        lines += [f'{c.id},"{c.name}",{v:.3f},{unit.value},{str(t).lower()}' for c, v, t in rows]
        return "\n".join(lines)
    lines = [f"Nearest to {origin.label} by border distance ({unit.value}, WGS84 geodesics):"]
    lines += [
        f"{k:>3}. {c.label:40}{v:>10,.1f}{'  shares a border' if t else ''}"
        for k, (c, v, t) in enumerate(rows, 1)
    ]
    return "\n".join(lines)


def build_countries_parser() -> argparse.ArgumentParser:
    """Parser of ``geodist countries``."""
    parser = _new_parser(
        "geodist countries",
        "The bundled countries and territories: id, ISO codes, name, capital.",
        "examples:\n  geodist countries\n  geodist countries korea\n  geodist countries --un --csv\n",
    )
    parser.add_argument("filter", nargs="?", help="keep names or codes containing this text")
    parser.add_argument("--un", action="store_true", help="UN member states only")
    parser.add_argument("--csv", action="store_true", help="CSV with a header row")
    return parser


def _cmd_countries(args: argparse.Namespace) -> str:
    from geodist.countries import all_countries
    from geodist.names import normalise_name

    wanted = normalise_name(args.filter) if args.filter else ""
    rows = []
    for c in all_countries():
        if args.un and not c.un_member:
            continue
        haystack = " | ".join(
            normalise_name(x) for x in (c.id, c.name, c.official_name, c.alpha3 or "", c.numeric or "")
        )
        if wanted and wanted not in haystack:
            continue
        rows.append(c)
    if not rows:
        raise GeodistError(f"no country matches {args.filter!r}")
    if args.csv:
        lines = ["id,alpha2,alpha3,numeric,name,capital,un_member"]
        for c in rows:
            capital = c.capital.name if c.capital else ""
            lines.append(
                f'{c.id},{c.alpha2 or ""},{c.alpha3 or ""},{c.numeric or ""},"{c.name}","{capital}",'
                f"{str(c.un_member).lower()}"
            )
        return "\n".join(lines)
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
    return parser


def _cmd_map(args: argparse.Namespace) -> str:
    from geodist.maps import write_map

    path = write_map(args.first, args.second, args.output, tiles=args.tiles)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    name = args_list[0] if args_list and args_list[0] in _COMMANDS else None
    build, run = _COMMANDS[name] if name else (build_parser, _cmd_pair)
    try:
        args = build().parse_args(args_list[1:] if name else args_list)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    try:
        output = run(args)
    except DataError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_DATA
    except GeodistError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if output:
        try:
            print(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `geodist ... | head`: the reader left; not an error
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
