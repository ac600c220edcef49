"""The ``geodist`` command.

``geodist A B`` prints the two countries as resolved and the geodesic distance
between their capitals on WGS84. Every user error is one line on stderr and a
non-zero exit code: 2 for a bad query or usage, 1 for a data problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from geodist import __version__
from geodist.countries import country
from geodist.errors import DataError, GeodistError
from geodist.geodesic import inverse
from geodist.units import Unit

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_DATA = 1

_EXAMPLES = """\
examples:
  geodist Iran Russia
  geodist "Ivory Coast" GH
  geodist IRN RUS
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
    parser.add_argument("--version", action="version", version=f"geodist {__version__}")
    return parser


def pair_report(first: str, second: str) -> str:
    """Return the text report for a pair of country queries.

    Raises
    ------
    GeodistError
        If a query does not resolve to one country, or a capital is missing.
    """
    a, b = country(first), country(second)
    lines = [f"{a.label} – {b.label}"]
    if a.capital is None or b.capital is None:
        missing = a if a.capital is None else b
        raise GeodistError(f"{missing.label} has no capital in the bundled data")
    result = inverse(a.capital.location, b.capital.location)
    km = Unit.KM.from_metres(result.distance_m)
    mi = Unit.MI.from_metres(result.distance_m)
    lines.append(
        f"capital to capital  {km:>9,.1f} km  {mi:>9,.1f} mi"
        f"   {a.capital.name} ({a.capital.location}) → {b.capital.name} ({b.capital.location})"
    )
    lines.append("method: geodesic on the WGS84 ellipsoid (Karney 2013, GeographicLib via pyproj)")
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
        print(pair_report(args.first, args.second))
    except DataError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_DATA
    except GeodistError as exc:
        print(f"geodist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return 0
