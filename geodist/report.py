"""The country-pair report: one structured record, rendered as text, JSON or CSV.

:func:`pair_data` computes everything once into plain data with stable keys
(documented in the README, "Output for scripts"); the renderers only format it.
Numbers are kept in metres and degrees, plus the requested unit.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from geodist import __version__
from geodist.countries import Country, country_pair
from geodist.distance import Method, distance
from geodist.errors import GeodistError
from geodist.geodesic import LatLon
from geodist.places import CapitalTrip, capital_trip
from geodist.speed import Speed
from geodist.travel import travel_time
from geodist.units import Unit

__all__ = ["CSV_COLUMNS", "pair_data", "render_csv", "render_text"]

MODEL = "geodesics on the WGS84 ellipsoid (Karney 2013, GeographicLib via pyproj)"

LABELS = {
    Method.BORDER: "nearest border",
    Method.CAPITAL: "capital to capital",
    Method.CENTROID: "centroid to centroid",
    Method.CENTRE: "centre points",
}

CSV_COLUMNS = (
    "first",
    "first_alpha3",
    "first_name",
    "second",
    "second_alpha3",
    "second_name",
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


def _country_data(c: Country) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "alpha2": c.alpha2,
        "alpha3": c.alpha3,
        "numeric": c.numeric,
        "capital": c.capital.name if c.capital else None,
    }


def _point(p: LatLon) -> dict[str, float]:
    return {"lat": p.lat, "lon": p.lon}


def pair_data(
    first: str | Country,
    second: str | Country,
    methods: tuple[Method, ...] | list[Method] = tuple(Method),
    *,
    unit: str | Unit = Unit.KM,
    mainland: bool = False,
    speed: str | None = None,
    mode: str | None = None,
    flight: bool = True,
) -> dict[str, Any]:
    """Everything the pair report says, as plain data with stable keys.

    Raises
    ------
    GeodistError
        For an unknown country, a bad unit, speed or mode. A method that cannot
        be measured for this pair (no capital, no centre point) is reported in
        its entry's ``error`` instead.
    """
    a, b = country_pair(first, second)
    u = Unit.parse(unit)
    if speed is not None:
        Speed.parse(speed)  # fail before any work
    travelling = speed is not None or mode is not None
    entries = []
    for how in methods:
        entry: dict[str, Any] = {"method": how.value, "label": LABELS[how]}
        try:
            d = distance(a, b, how, mainland=mainland)
        except GeodistError as exc:
            entry.update(error=exc.render("cli"), distance_m=None)  # this record feeds the command line
            entries.append(entry)
            continue
        entry.update(
            description=d.description,
            distance_m=d.distance_m,
            distance=u.from_metres(d.distance_m),
            start=_point(d.start),
            end=_point(d.end),
            start_label=d.from_label,
            end_label=d.to_label,
            azimuth1_deg=None if d.azimuth1_deg != d.azimuth1_deg else d.azimuth1_deg,
            azimuth2_deg=None if d.azimuth2_deg != d.azimuth2_deg else d.azimuth2_deg,
            shares_border=d.shares_border,
            start_part=d.start_part,
            end_part=d.end_part,
            source=d.source,
            note=d.note,
            error=None,
        )
        if travelling:
            trip = travel_time(d, speed, mode=mode)
            entry["travel"] = {
                "total_s": trip.total_s,
                "text": str(trip),
                "mode": trip.mode,
                "assumptions": list(trip.assumptions),
            }
        entries.append(entry)
    data: dict[str, Any] = {
        "geodist_version": __version__,
        "model": MODEL,
        "first": _country_data(a),
        "second": _country_data(b),
        "unit": u.value,
        "mainland": mainland,
        "distances": entries,
    }
    capitals = _capital_trip(a, b) if flight else None
    data["flight"] = _trip_data(capitals) if capitals else None
    data["notes"] = _notes(a, b, entries, capitals)
    return data


def _capital_trip(a: Country, b: Country) -> CapitalTrip | None:
    """A realistic trip between the capitals (airliner or car), or None when a capital is missing."""
    try:
        return capital_trip(a, b)
    except GeodistError:
        return None


def _trip_data(trip: CapitalTrip) -> dict[str, Any]:
    """The ``flight`` entry of the report data."""
    return {
        "from": trip.origin.label,
        "to": trip.destination.label,
        "distance_m": trip.leg.distance_m,
        "total_s": trip.trip.total_s,
        "text": str(trip.trip),
        "model": trip.trip.mode,
    }


def _notes(a: Country, b: Country, entries: list[dict[str, Any]], trip: CapitalTrip | None) -> list[str]:
    notes = []
    by_method = {e["method"]: e for e in entries if e.get("distance_m") is not None}
    border = by_method.get("border")
    if border is not None:
        notes.append("they share a border" if border["shares_border"] else "they do not share a border")
        for c, part in ((a, border["start_part"]), (b, border["end_part"])):
            if part and part != "mainland":
                notes.append(
                    f"the nearest point of {c.label} is on {part}, not its mainland (see --mainland)"
                )
    notes += [e["note"] for e in entries if e.get("note")]
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
    return notes


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
            ends = f"{data['first']['capital']} ({start}) → {data['second']['capital']} ({end})"
        lines.append(f"{e['label']:22}{e['distance']:>10,.1f}{second_value:>10,.1f}{time_cell}   {ends}")
    lines += [f"note: {n}" for n in data["notes"]]
    lines += [f"time: {a}" for a in assumptions]
    lines.append(f"All figures: {MODEL}.")
    return "\n".join(lines)


def render_csv(data: dict[str, Any]) -> str:
    """One CSV row per method, with a header (:data:`CSV_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in data["distances"]:
        ok = e.get("distance_m") is not None
        writer.writerow(
            {
                "first": data["first"]["id"],
                "first_alpha3": data["first"]["alpha3"] or "",
                "first_name": data["first"]["name"],
                "second": data["second"]["id"],
                "second_alpha3": data["second"]["alpha3"] or "",
                "second_name": data["second"]["name"],
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
