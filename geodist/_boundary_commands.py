"""The command line on your own boundaries: ``--boundaries FILE --id COL`` for the pair report, matrix and nearest.

Each command reads the file once (:func:`geodist.read_boundaries`), measures
with the engine the bundled countries use, and follows the output contract of
:mod:`geodist.cli` (text, ``--json``, ``--csv``, ``--unit``, ``-q``, ``-v``).
What reading changed (a conversion from another CRS, repaired geometries) is
said as notes: ``note:`` lines in the text, ``"notes"`` in JSON, and on stderr
with ``--csv``. Capitals and centre points do not apply: a file holds territories only.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any

from geodist._records import MODEL
from geodist.boundary_set import APPLICABLE_METHODS, BoundarySet, BoundaryWarning, read_boundaries
from geodist.cli import (
    _csv,
    _json,
    _nearest_fields,
    _number,
    _part,
    _progress_bar,
    _progress_done,
    _UsageError,
    _Verbose,
)
from geodist.distance import Distance, Method
from geodist.engine.geodesic import LatLon
from geodist.report import LABELS
from geodist.units import Unit

__all__ = ["matrix_command", "nearest_command", "pair_command"]

NO_POINTS = "capitals and centre points do not apply to your own boundaries (the file holds territories only)"


def _read(args: argparse.Namespace, verbose: _Verbose) -> tuple[BoundarySet, list[str]]:
    """The set the options name, and the notes of what reading changed (warnings become notes)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BoundaryWarning)
        boundaries = read_boundaries(args.boundaries, id=args.id or "name", layer=_layer(args.layer))
    for w in caught:
        if not issubclass(w.category, BoundaryWarning):  # not ours: pass it on
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    verbose(f"read {len(boundaries)} territories from {boundaries.description}")
    notes = boundaries.notes
    if args.csv or args.quiet:  # the CSV stays a table, -q keeps the numbers: the notes go to stderr
        for note in notes:
            print(f"geodist: note: {note}", file=sys.stderr)
    return boundaries, notes


def _layer(value: str | None) -> str | int | None:
    """A layer by name, or by number when the option is a whole number."""
    return int(value) if value is not None and value.isdigit() else value


def _source(boundaries: BoundarySet) -> dict[str, Any]:
    return {
        "boundaries": boundaries.source,
        "id_column": boundaries.id_column,
        "converted_from": boundaries.converted_from,
        "repaired": list(boundaries.repaired),
    }


def pair_command(args: argparse.Namespace) -> str:
    """``geodist A B --boundaries FILE --id COL``: border and centroid distances between two territories."""
    if args.speed or args.mode:
        raise _UsageError(
            "geodist: error: --speed and --mode give travel times between countries, not between"
            " territories of --boundaries (see: geodist --help)"
        )
    verbose = _Verbose(args.verbose)
    boundaries, notes = _read(args, verbose)
    methods = [Method(args.method)] if args.method else list(APPLICABLE_METHODS)
    unit = Unit.parse(args.unit)
    part = _part(args)
    found = [boundaries.distance(args.first, args.second, how, part=part) for how in methods]
    first, second = boundaries.resolve(args.first), boundaries.resolve(args.second)
    verbose.elapsed("measured")
    border = next((d for d in found if d.method is Method.BORDER), None)
    if border is not None:
        notes = [f"they {'share' if border.shares_border else 'do not share'} a border", *notes]
    notes += [d.note for d in found if d.note]
    if not args.method:
        notes.append(NO_POINTS)
    if args.json:
        return _json(
            {
                **_source(boundaries),
                "first": first,
                "second": second,
                "unit": unit.value,
                "part": part,
                "distances": [d.to_dict() | {"distance": unit.from_metres(d.distance_m)} for d in found],
                "notes": notes,
            }
        )
    if args.csv:
        columns = ["first", "second", "method", "distance_m", "distance", "unit"]
        columns += ["start_lat", "start_lon", "end_lat", "end_lon", "shares_border", "note"]
        rows = [
            {
                "first": first,
                "second": second,
                "method": d.method.value,
                "distance_m": _number(d.distance_m),
                "distance": _number(unit.from_metres(d.distance_m), 6),
                "unit": unit.value,
                "start_lat": d.start.lat,
                "start_lon": d.start.lon,
                "end_lat": d.end.lat,
                "end_lon": d.end.lon,
                "shares_border": "" if d.shares_border is None else str(d.shares_border).lower(),
                "note": d.note or "",
            }
            for d in found
        ]
        return _csv(columns, rows)
    other = Unit.MI if unit is not Unit.MI else Unit.KM
    lines = [f"{first} → {second}   ({boundaries.description})"]
    lines.append(f"{'':22}{unit.value:>10}{other.value:>10}   from → to")
    lines += [
        f"{LABELS[d.method]:22}{unit.from_metres(d.distance_m):>10,.1f}"
        f"{other.from_metres(d.distance_m):>10,.1f}   {d.start} → {d.end}"
        for d in found
    ]
    if args.quiet:
        return "\n".join(lines[1:])
    lines += [f"note: {n}" for n in notes]
    lines.append(f"All figures: {MODEL}.")
    return "\n".join(lines)


def matrix_command(args: argparse.Namespace) -> str:
    """``geodist matrix --boundaries FILE --id COL [ID ...]``: every pair, all territories when no id is given."""
    verbose = _Verbose(args.verbose)
    boundaries, notes = _read(args, verbose)
    ids = [boundaries.resolve(i) for i in args.countries] or list(boundaries.ids)
    if len(ids) < 2:
        one = f" for one, try `geodist nearest {ids[0]} --boundaries ...`" if ids else ""
        raise _UsageError(f"geodist matrix: error: a matrix needs at least two territories;{one}")
    table = boundaries.matrix(ids, args.method, unit=args.unit, part=_part(args), progress=_progress_bar())
    _progress_done()
    verbose.elapsed(f"measured {len(ids) * (len(ids) - 1) // 2:,} pairs")
    if args.json:
        return _json(
            {
                **_source(boundaries),
                "method": args.method,
                "unit": args.unit,
                "part": _part(args),
                "ids": ids,
                "values": table.to_numpy().tolist(),
                "notes": notes,
            }
        )
    if args.csv:
        rows = [
            {"from": i} | {to: _number(v) for to, v in zip(ids, values, strict=True)}
            for i, values in zip(ids, table.to_numpy().tolist(), strict=True)
        ]
        return _csv(["from", *ids], rows)
    shown = table.round(1)
    shown.columns.name = f"to ({args.unit})"
    text = shown.to_string()
    if args.quiet:
        return text
    part = "" if _part(args) == "whole" else f", {_part(args)} parts"
    head = f"{args.method} distances in {args.unit} between territories of {boundaries.description} (WGS84 geodesics{part})"
    return "\n".join([head, text, *(f"note: {n}" for n in notes)])


NEAREST_COLUMNS = (
    "id",
    "distance",
    "unit",
    "shares_border",
    "distance_m",
    "start_lat",
    "start_lon",
    "end_lat",
    "end_lon",
)


def nearest_command(args: argparse.Namespace) -> str:
    """``geodist nearest ID --boundaries FILE --id COL``: the other territories by border distance."""
    verbose = _Verbose(args.verbose)
    if args.top < 1:
        raise _UsageError(
            f"geodist nearest: error: --top must be at least 1, got {args.top} (see: geodist nearest --help)"
        )
    boundaries, notes = _read(args, verbose)
    origin = boundaries.resolve(args.country)
    unit = Unit.parse(args.unit)
    ranked = boundaries.nearest(origin, top=args.top, part=_part(args))
    verbose.elapsed(f"ranked {len(ranked)}")
    legs: list[Distance] = []
    if args.json or args.csv:  # the nearest points too: one border distance per row
        legs = [boundaries.distance(origin, i, part=_part(args)) for i, _, _ in ranked]

    def ends(leg: Distance) -> dict[str, Any]:
        return {"start": _point(leg.start), "end": _point(leg.end)}

    if args.json:
        return _json(
            {
                **_source(boundaries),
                "from": origin,
                "unit": unit.value,
                "part": _part(args),
                "nearest": [
                    {
                        "id": i,
                        "distance": unit.from_metres(m),
                        "distance_m": m,
                        "shares_border": t,
                        **ends(leg),
                    }
                    for (i, m, t), leg in zip(ranked, legs, strict=True)
                ],
                "notes": notes,
            }
        )
    if args.csv:
        rows = [
            {"id": i} | _nearest_fields(m, t, leg, unit) for (i, m, t), leg in zip(ranked, legs, strict=True)
        ]
        return _csv(NEAREST_COLUMNS, rows)
    width = max([9, *(len(i) + 2 for i, _, _ in ranked)])
    lines = [f"Nearest to {origin} by border distance ({boundaries.description}; WGS84 geodesics):"]
    lines.append(f"{'':5}{'territory':{width}}{unit.value:>10}")
    lines += [
        f"{k:>3}. {i:{width}}{unit.from_metres(m):>10,.1f}{'  shares a border' if t else ''}"
        for k, (i, m, t) in enumerate(ranked, 1)
    ]
    if args.quiet:
        return "\n".join(lines[1:])
    return "\n".join(lines + [f"note: {n}" for n in notes])


def _point(p: LatLon) -> dict[str, float]:
    return {"lat": p.lat, "lon": p.lon}
