"""The country-pair report: one structured record, rendered as text, JSON or CSV.

:func:`pair_data` computes everything once into plain data with stable keys
(documented in the README, "Output for scripts"); the renderers only format it.
Numbers are kept in metres and degrees, plus the requested unit.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import shapely

from geodist import __version__
from geodist._records import MODEL
from geodist._tables import tables
from geodist.countries import Country, country, lookup_pair
from geodist.datasets import NATURAL_EARTH, check_data, source
from geodist.dependencies import dependencies_of, sovereign_of
from geodist.distance import Distance, Method, distance, measure_pairs
from geodist.engine.geodesic import LatLon
from geodist.errors import GeodistError, PartError
from geodist.places import Trip, capital_trip
from geodist.speed import Speed
from geodist.territory import Part, parse_part, prepared
from geodist.travel import travel_time
from geodist.units import Unit

__all__ = ["CSV_COLUMNS", "pair_data", "render_csv", "render_text"]

LABELS = {
    Method.BORDER: "nearest border",
    Method.CAPITAL: "capital to capital",
    Method.CENTROID: "centroid to centroid",
    Method.CENTRE: "centre points",
}

PAIR_COLUMNS = ("first", "first_alpha3", "first_name", "second", "second_alpha3", "second_name")
"""The two countries in a CSV row: ids, and beside them alpha-3 codes and names (see :func:`country_columns`)."""

ENTRY_KEYS = (
    "description",
    "distance_m",
    "distance",
    "start",
    "end",
    "start_label",
    "end_label",
    "azimuth1_deg",
    "azimuth2_deg",
    "shares_border",
    "start_part",
    "end_part",
    "source",
    "note",
)
"""The keys of a method's entry in the pair report besides method, label, error and travel."""

CSV_COLUMNS = (
    *PAIR_COLUMNS,
    "method",
    "distance_m",
    "distance",
    "unit",
    "start_lat",
    "start_lon",
    "end_lat",
    "end_lon",
    "azimuth1_deg",
    "azimuth2_deg",
    "shares_border",
    "travel_s",
    "note",
    "error",
)


def country_columns(prefix: str, c: Country) -> dict[str, str]:
    """A country in CSV: its id and, beside it, its alpha-3 code and name (ids such as NA read as NaN)."""
    return {prefix: c.id, f"{prefix}_alpha3": c.alpha3 or "", f"{prefix}_name": c.name}


def country_data(c: Country) -> dict[str, Any]:
    """The ``first``/``second`` entry: a subset of :meth:`Country.to_dict`, the capital by name."""
    record = c.to_dict()
    codes = {key: record[key] for key in ("id", "name", "alpha2", "alpha3", "numeric")}
    return {
        **codes,
        "capital": record["capital"]["name"] if record["capital"] else None,
        "seat": record["seat"]["name"] if record["seat"] else None,
    }


def _distance_data(d: Distance, unit: Unit) -> dict[str, Any]:
    """A method's entry: :meth:`Distance.to_dict`, with ``distance`` in ``unit`` after ``distance_m``."""
    out: dict[str, Any] = {}
    for key, value in d.to_dict().items():
        out[key] = value
        if key == "distance_m":
            out["distance"] = unit.from_metres(value)
    return out


def pair_data(
    first: str | Country,
    second: str | Country,
    methods: tuple[Method, ...] | list[Method] = tuple(Method),
    *,
    unit: str | Unit = Unit.KM,
    mainland: bool = False,
    part: str | Part | LatLon | None = None,
    speed: str | None = None,
    mode: str | None = None,
    flight: bool = True,
    capital: str = "official",
    language: str | None = None,
    data: str | None = None,
) -> dict[str, Any]:
    """Everything the pair report says, as plain data with stable keys.

    ``part`` and ``mainland`` choose the part of each country measured, and
    ``capital`` the city the capital method measures from, as for
    :func:`geodist.distance`; ``language`` reads the two queries as
    :func:`geodist.lookup` does; ``data`` chooses the boundary data set
    ("naturalearth", the default, or "osm": :mod:`geodist.datasets`), which the
    keys ``data`` and ``boundaries`` name.

    Raises
    ------
    GeodistError
        For an unknown country, a bad unit, part, speed or mode. A method that cannot
        be measured for this pair (no capital, no centre point) is reported in
        its entry's ``error`` instead.
    """
    data_set = check_data(data)
    match_a, match_b = lookup_pair(first, second, language=language)
    a, b = match_a.country.on(data_set), match_b.country.on(data_set)
    u = Unit.parse(unit)
    chosen = parse_part(part, mainland)
    if speed is not None:
        Speed.parse(speed)  # fail before any work
    travelling = speed is not None or mode is not None
    entries = []
    for how in methods:
        entry: dict[str, Any] = {"method": how.value, "label": LABELS[how]}
        try:
            d = distance(a, b, how, part=chosen, capital=capital)
        except PartError:
            raise  # a part neither country has: the question is wrong, not one method
        except GeodistError as exc:
            # every key of a measured entry, None, so that a script can read any entry alike
            entry.update(
                dict.fromkeys(ENTRY_KEYS), error=exc.render("cli")
            )  # this record feeds the command line
            entries.append(entry)
            continue
        entry.update(_distance_data(d, u), error=None)
        if travelling:
            trip = travel_time(d, speed, mode=mode).to_dict()
            entry["travel"] = {key: trip[key] for key in ("total_s", "text", "mode", "assumptions")}
        entries.append(entry)
    report: dict[str, Any] = {
        "geodist_version": __version__,
        "model": MODEL,
        "first": {**country_data(a), "matched_as": match_a.how},
        "second": {**country_data(b), "matched_as": match_b.how},
        "unit": u.value,
        "mainland": chosen is Part.MAINLAND,
        "part": chosen.value if isinstance(chosen, Part) else str(chosen),
        "capital": capital,
        "data": data_set,
        "boundaries": source(data_set),
        "distances": entries,
    }
    capitals = _capital_trip(a, b, capital) if flight else None
    report["flight"] = _trip_data(capitals) if capitals else None
    report["notes"] = (
        [m.note for m in (match_a, match_b) if m.note]
        + _notes(a, b, entries, capitals, chosen, u)
        + _capital_notes(a, b, entries, capital)
    )
    return report


def _capital_notes(a: Country, b: Country, entries: list[dict[str, Any]], capital: str) -> list[str]:
    """Why each capital is the one measured from, where its record says (several capitals, moves)."""
    if not any(e["method"] == "capital" and e.get("distance_m") is not None for e in entries):
        return []
    notes = []
    for c in (a, b):
        if c.capital is None or c.capital.note is None:
            continue
        note = f"{c.label}: {c.capital.note}"
        if c.seat is not None:
            used, other, other_name = (
                (c.seat.name, "official", c.capital.name)
                if capital == "seat"
                else (c.capital.name, "seat", c.seat.name)
            )
            note += f" (measured from {used}; --capital {other} measures from {other_name})"
        notes.append(note)
    return notes


def _capital_trip(a: Country, b: Country, capital: str = "official") -> Trip | None:
    """A realistic trip between the capitals or seats (airliner or car), or None when a capital is missing."""
    try:
        return capital_trip(a, b, capital)
    except GeodistError:
        return None


def _trip_data(trip: Trip) -> dict[str, Any]:
    """The ``flight`` entry of the report data."""
    return {
        "from": trip.origin.label,
        "to": trip.destination.label,
        "distance_m": trip.leg.distance_m,
        "total_s": trip.trip.total_s,
        "text": str(trip.trip),
        "model": trip.trip.mode,
        "notes": list(trip.notes),
    }


def _notes(
    a: Country,
    b: Country,
    entries: list[dict[str, Any]],
    trip: Trip | None,
    part: Part | str | LatLon = Part.WHOLE,
    unit: Unit = Unit.KM,
) -> list[str]:
    notes = []
    by_method = {e["method"]: e for e in entries if e.get("distance_m") is not None}
    border = by_method.get("border")
    if border is not None:
        notes.append("they share a border" if border["shares_border"] else "they do not share a border")
        for c, where in ((a, border["start_part"]), (b, border["end_part"])):
            if where and where != "mainland":
                notes.append(
                    f"the nearest point of {c.label} is on {where}, not its mainland"
                    " (the part holding its capital; see --part)"
                )
    if part in (Part.MAINLAND, Part.LARGEST):
        notes += [n for c in (a, b) if (n := mainland_note(c))]
    notes += dependency_notes(a, b, border["distance_m"] if border else None, unit)
    notes += dependency_notes(b, a, border["distance_m"] if border else None, unit)
    for e in entries:  # a note common to several methods (no capital...) is said once
        for n in (e.get("note") or "").split("; "):
            if n and n not in notes:
                notes.append(n)
    centre = by_method.get("centre")
    if centre is not None:
        comparisons = []
        for key, words in (("border", "the nearest-border distance"), ("capital", "the capital distance")):
            other = by_method.get(key)
            if other is not None and other["distance_m"] > 0:
                comparisons.append(f"{centre['distance_m'] / other['distance_m']:.1f}x {words}")
        if comparisons:
            notes.append("the popular web-calculator figure (centre points) is " + " and ".join(comparisons))
    if trip is not None:
        how = "flight" if trip.flies else "no flight, the airports are too close"
        notes.append(
            f"{how}: about {trip.trip} by {trip.trip.mode}, {trip.origin.label} → {trip.destination.label}"
        )
        notes += trip.notes
    return notes


def mainland_note(c: Country) -> str | None:
    """Say which part is a country's mainland when it is not its largest part, or when its capital is offshore.

    Parts are described by their curated names where geodist has them
    (:mod:`geodist.part_names`) and by their area on WGS84.
    """
    whole = prepared(c)
    if len(set(whole.part_groups.tolist())) < 2 or c.capital is None:
        return None
    mainland, largest = whole.mainland_group, whole.largest_group
    capital = c.capital.location
    offshore = not bool(whole.prepared_geometry.covers(shapely.Point(capital.lon, capital.lat)))
    where = (
        f" ({c.capital.name}'s point lies just off the coast as drawn at 1:10m: the nearest part is taken)"
        if offshore
        else ""
    )
    if mainland == largest:
        return f"the mainland of {c.label} is the part holding {c.capital.name}{where}" if offshore else None
    return (
        f"the mainland of {c.label} here is the part holding {c.capital.name} ({whole.describe(mainland)}),"
        f" not its largest part ({whole.describe(largest)}; --part largest){where}"
    )


_LISTED_DEPENDENCIES = 6
"""How many separately drawn dependencies a note names before "and N more"."""


def dependency_notes(c: Country, other: Country, border_m: float | None, unit: Unit) -> list[str]:
    """Notes on a country's separately drawn dependencies, or on its sovereign state.

    When a dependency of ``c`` lies nearer to ``other`` than ``c`` itself (by
    nearest border, measured exactly), the note gives that distance
    (Denmark–Canada: Greenland is 19.5 km from Canada).
    """
    notes = []
    sovereign = sovereign_of(c.id)
    if sovereign is not None:
        notes.append(
            f"{c.label} is {sovereign.status}, drawn as a territory of its own in this data"
            f" (not part of {country(sovereign.sovereign).label})"
        )
    ids = dependencies_of(c.id)
    if not ids:
        return notes
    deps = [country(i).on(c.data) for i in ids]
    nearer: list[tuple[float, Country]] = []
    if border_m is not None and border_m > 0:
        mine = [d for d in deps if d.id != other.id]
        nearer = sorted((_border_m(d, other), d) for d in mine)
        nearer = [(m, d) for m, d in nearer if m < border_m]
    for m, d in nearer[:1]:
        dep = sovereign_of(d.id)
        assert dep is not None
        notes.append(
            f"{d.label}, {dep.status}, is a separate territory in this data and lies nearer to {other.label}:"
            f" {unit.from_metres(m):,.1f} {unit.value} (try: geodist {_cli_name(d)} {_cli_name(other)})"
        )
    rest = [d for d in deps if all(d is not n for _, n in nearer[:1])]
    if rest:
        listed = ", ".join(d.label for d in rest[:_LISTED_DEPENDENCIES])
        more = f" and {len(rest) - _LISTED_DEPENDENCIES} more" if len(rest) > _LISTED_DEPENDENCIES else ""
        others = "other " if nearer else ""
        notes.append(
            f"{c.name}'s {others}dependencies are separate territories in this data, not measured here:"
            f" {listed}{more}"
        )
    return notes


def _border_m(a: Country, b: Country) -> float:
    """Border distance of two whole countries, metres: from the precomputed tables, else measured."""
    table = tables() if a.data == b.data == NATURAL_EARTH else None  # the tables hold Natural Earth only
    if table is not None and table.has([a.id, b.id]):
        return table.border(a.id, b.id, "whole")[0]
    return measure_pairs([(prepared(a), prepared(b))])[0].distance_m


def _cli_name(c: Country) -> str:
    """A country as typed on a command line: its code, or its quoted id."""
    return c.alpha2 or c.id


def render_text(data: dict[str, Any]) -> str:
    """The aligned text report."""
    unit = data["unit"]
    travelling = any("travel" in e for e in data["distances"])
    first = f"{data['first']['name']} ({data['first']['alpha2'] or data['first']['id']})"
    second = f"{data['second']['name']} ({data['second']['alpha2'] or data['second']['id']})"
    other = "mi" if unit != "mi" else "km"
    # The time column is as wide as its longest cell ("over 100 years" at most), so it never runs into the next.
    width = 2 + max([4, *(len(e["travel"]["text"]) for e in data["distances"] if "travel" in e)])
    lines = [f"{first} → {second}"]
    lines.append(
        f"{'':22}{unit:>10}{other:>10}" + (f"{'time':>{width}}" if travelling else "") + "   from → to"
    )
    assumptions: list[str] = []
    for e in data["distances"]:
        if e.get("distance_m") is None:
            lines.append(
                f"{e['label']:22}{'n/a':>10}{'':>10}{'':>{width if travelling else 0}}   {e['error']}"
            )
            continue
        second_value = Unit.parse(other).from_metres(e["distance_m"])
        time_cell = ""
        if "travel" in e:
            time_cell = f"{e['travel']['text']:>{width}}"
            assumptions = e["travel"]["assumptions"]
        start, end = LatLon(**e["start"]), LatLon(**e["end"])
        ends = f"{start} → {end}"
        if e["method"] == "capital":
            ends = f"{_capital_name(data['first'], data)} ({start}) → {_capital_name(data['second'], data)} ({end})"
        lines.append(f"{e['label']:22}{e['distance']:>10,.1f}{second_value:>10,.1f}{time_cell}   {ends}")
    lines += [f"note: {n}" for n in data["notes"]]
    lines += [f"time: {a}" for a in assumptions]
    if "boundaries" in data:
        lines.append(f"Boundaries: {data['boundaries']}.")
    lines.append(f"All figures: {MODEL}.")
    return "\n".join(lines)


def _capital_name(country_data: dict[str, Any], data: dict[str, Any]) -> str:
    """The capital measured from, as the text report shows it."""
    if not country_data.get("seat"):
        return str(country_data["capital"])
    if data.get("capital") == "seat":
        return f"{country_data['seat']} (seat of government)"
    return f"{country_data['capital']} (capital)"


def render_csv(data: dict[str, Any]) -> str:
    """One CSV row per method, with a header (:data:`CSV_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in data["distances"]:
        ok = e.get("distance_m") is not None
        writer.writerow(
            {
                **{
                    f"{side}{suffix}": data[side][key] or ""
                    for side in ("first", "second")
                    for suffix, key in (("", "id"), ("_alpha3", "alpha3"), ("_name", "name"))
                },
                "method": e["method"],
                "distance_m": f"{e['distance_m']:.3f}" if ok else "",
                "distance": f"{e['distance']:.6f}" if ok else "",
                "unit": data["unit"],
                "start_lat": e["start"]["lat"] if ok else "",
                "start_lon": e["start"]["lon"] if ok else "",
                "end_lat": e["end"]["lat"] if ok else "",
                "end_lon": e["end"]["lon"] if ok else "",
                "azimuth1_deg": e.get("azimuth1_deg") if ok and e.get("azimuth1_deg") is not None else "",
                "azimuth2_deg": e.get("azimuth2_deg") if ok and e.get("azimuth2_deg") is not None else "",
                "shares_border": ""
                if not ok or e["shares_border"] is None
                else str(e["shares_border"]).lower(),
                "travel_s": f"{e['travel']['total_s']:.0f}" if ok and "travel" in e else "",
                "note": (e.get("note") or "") if ok else "",
                "error": e.get("error") or "",
            }
        )
    return out.getvalue().rstrip("\n")
