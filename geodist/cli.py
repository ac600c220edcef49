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

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_DATA = 1

_EXAMPLES = """\
examples:
  geodist Iran Russia
  geodist "Ivory Coast" GH
  geodist IRN RUS --method border
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (built on each call; nothing happens at import)."""
    parser = argparse.ArgumentParser(
        prog="geodist",
        description="How far apart are two countries? Geodesic distances on the WGS84 ellipsoid.",
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
    parser.add_argument("--version", action="version", version=f"geodist {__version__}")
    return parser


_LABELS = {
    Method.BORDER: "nearest border",
    Method.CAPITAL: "capital to capital",
    Method.CENTROID: "centroid to centroid",
    Method.CENTRE: "centre points",
}


def pair_report(
    first: str, second: str, methods: Sequence[Method] = tuple(Method), *, mainland: bool = False
) -> str:
    """Return the text report for a pair of country queries.

    One line per method: the distance in km and mi (to 0.1) and the two end points.

    Raises
    ------
    GeodistError
        If a query does not resolve to one country.
    """
    a, b = country(first), country(second)
    lines = [f"{a.label} → {b.label}", f"{'':22}{'km':>10}{'mi':>10}   from → to"]
    notes = []
    for how in methods:
        try:
            d = distance(a, b, how, mainland=mainland)
        except GeodistError as exc:  # a missing capital or centre point: say so on its line
            lines.append(f"{_LABELS[how]:22}{'n/a':>10}{'':>10}   {exc}")
            continue
        ends = f"{d.start} → {d.end}"
        if how is Method.CAPITAL and a.capital and b.capital:
            ends = f"{a.capital.name} ({d.start}) → {b.capital.name} ({d.end})"
        lines.append(f"{_LABELS[how]:22}{d.km:>10,.1f}{d.mi:>10,.1f}   {ends}")
        if how is Method.BORDER:
            notes.append("they share a border" if d.shares_border else "they do not share a border")
            for c, part in ((a, d.start_part), (b, d.end_part)):
                if part and part != "mainland":
                    notes.append(f"the nearest point of {c.label} is on {part}, not its mainland (see --mainland)")
        if d.note:
            notes.append(d.note)
    lines += [f"note: {n}" for n in notes]
    lines.append("All figures: geodesics on the WGS84 ellipsoid (Karney 2013, GeographicLib via pyproj).")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its own message
        return int(exc.code or 0)
    try:
        methods = [Method(args.method)] if args.method else list(Method)
        print(pair_report(args.first, args.second, methods, mainland=args.mainland))
    except DataError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_DATA
    except GeodistError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return 0
