"""The country registry: records, and lookup by the names people use.

A :class:`Country` is one territory of the bundled Natural Earth admin-0 data,
with its ISO 3166 codes, capital and published centre point. :func:`country`
resolves a query in this order, stopping at the first tier that matches:

1. an exact name or code (ISO alpha-2, alpha-3, numeric; English short and
   official names; Natural Earth and GeoNames names; curated aliases such as
   "UK", "Burma", "Persia"), after :func:`~geodist.names.normalise_name`;
2. an exact name in another language (ISO 3166 translations shipped by pycountry);
3. a partial name: the query as whole words of exactly one country's English
   names ("Bosnia" -> Bosnia and Herzegovina).

Several matches in a tier raise :class:`~geodist.errors.AmbiguousCountryError`;
no match raises :class:`~geodist.errors.UnknownCountryError` with the closest
names. Spelling mistakes are never corrected silently.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import shapely

from geodist._data import load_countries, load_names, load_territories
from geodist.errors import (
    AmbiguousCountryError,
    InputTypeError,
    NoTerritoryError,
    SameCountryError,
    UnknownCountryError,
    echo,
)
from geodist.geodesic import LatLon
from geodist.names import normalise_name

__all__ = ["Capital", "Country", "all_countries", "country"]

_MAX_LISTED = 12
"""How many candidates or suggestions an error message lists at most."""


@dataclass(frozen=True, slots=True)
class Capital:
    """A capital city: its name, location and, where a country has several, why this one.

    Attributes
    ----------
    name : str
        The capital's English name (GeoNames).
    location : LatLon
        Latitude, longitude in degrees (GeoNames city coordinates).
    geonameid : int
        The GeoNames id of the city, for cross-reference.
    note : str or None
        Which capital was chosen and why, for countries with several.
    """

    name: str
    location: LatLon
    geonameid: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Country:
    """One country or territory of the bundled data.

    Attributes
    ----------
    id : str
        Stable identifier: the ISO 3166 alpha-2 code, or a slug such as
        ``"somaliland"`` for a Natural Earth territory without an ISO code.
    name : str
        Common English name ("Iran").
    official_name : str
        Official English name ("Islamic Republic of Iran").
    alpha2, alpha3, numeric : str or None
        ISO 3166-1 codes (numeric as three digits), where they exist.
    capital : Capital or None
        The capital, for every UN member state and most territories.
    centre : LatLon or None
        The country's centre point in Google's public countries table, the point
        web distance calculators measure from; None where the table has none.
    un_member : bool
        Whether this is a UN member state.
    area_km2 : float
        Area of the bundled territory on the WGS84 ellipsoid, km².
    """

    id: str
    name: str
    official_name: str
    alpha2: str | None
    alpha3: str | None
    numeric: str | None
    capital: Capital | None
    centre: LatLon | None
    un_member: bool
    area_km2: float
    _territory_index: int = field(repr=False, compare=False)

    @property
    def territory(self) -> shapely.MultiPolygon:
        """The territory as a shapely MultiPolygon in (longitude, latitude) degrees.

        Natural Earth 1:10m admin-0 (de-facto control), split at ±180°, valid.
        Loaded from the bundled data on first access.
        """
        return load_territories()[self._territory_index]

    @property
    def label(self) -> str:
        """Name and code, as "Iran (IR)"."""
        return f"{self.name} ({self.alpha2 or self.id})"

    def __str__(self) -> str:
        """Return :attr:`label`."""
        return self.label


def country(query: str | int | Country) -> Country:
    """Return the country a name or code refers to.

    Parameters
    ----------
    query : str, int or Country
        A country's stable id (:attr:`Country.id`), a name in English or another
        language, an official name, a common
        alternative ("UK", "Ivory Coast", "Burma"), or an ISO 3166 alpha-2,
        alpha-3 or numeric code. Case, accents and punctuation are ignored.
        A Country is returned as it is.

    Returns
    -------
    Country

    Raises
    ------
    UnknownCountryError
        Nothing matches; the message lists the closest names.
    AmbiguousCountryError
        Several countries match equally well ("Korea"); the message names each.
    NoTerritoryError
        The query names an ISO 3166 entity that the data draws as part of
        another country (French Guiana is part of France).

    Examples
    --------
    >>> country("IRN").name
    'Iran'
    >>> country("Russian Federation").alpha3
    'RUS'
    >>> country("côte d'ivoire").alpha2
    'CI'
    """
    if isinstance(query, Country):
        return query
    if isinstance(query, bool) or not isinstance(query, (str, numbers.Integral)):
        raise InputTypeError(f"a country is a name or code (str or int) or a Country, not {echo(query)}")
    text = str(query)
    by_id = _registry().get(text.strip())
    if by_id is not None:  # a stable id, such as "somaliland"
        return by_id
    key = normalise_name(text)
    if not key:
        raise UnknownCountryError(text)
    names = load_names()
    for tier in ("primary", "translated"):
        ids = names[tier].get(key)
        if ids:
            return _resolve(text, ids)
    partial = _partial_matches(key)
    if partial:
        return _resolve(text, partial)
    raise UnknownCountryError(text, _suggestions(key))


def country_pair(first: str | int | Country, second: str | int | Country) -> tuple[Country, Country]:
    """Resolve two queries with :func:`country`; they must name different countries.

    Raises
    ------
    SameCountryError
        Both name the same country ("Iran" and "Persia"): a pair report,
        the article and a map need two.
    """
    a, b = country(first), country(second)
    if a.id == b.id:
        raise SameCountryError(
            f"{echo(str(first))} and {echo(str(second))} are the same country, {a.label}; give two different countries"
        )
    return a, b


def country_by_code_or_name(text: str) -> Country | None:
    """The country whose ISO code, English or official name or common alias is exactly ``text``.

    Unlike :func:`country`, no translations or partial names: "SIN" is Singapore's
    airport code and a word for China in some language, but no country's code.
    Returns None when nothing matches exactly and when the match is ambiguous.
    """
    ids = load_names()["primary"].get(normalise_name(text))
    return _registry().get(ids[0]) if ids and len(ids) == 1 else None


def all_countries() -> Iterator[Country]:
    """Iterate over every bundled country and territory, ordered by id."""
    return iter(_registry().values())


@cache
def _registry() -> dict[str, Country]:
    return {rec["id"]: _country_from_record(rec) for rec in load_countries()["countries"]}


@cache
def _part_of() -> dict[str, dict[str, Any]]:
    return {rec["alpha2"]: rec for rec in load_countries()["part_of"]}


def _country_from_record(rec: dict[str, Any]) -> Country:
    cap = rec["capital"]
    capital = (
        Capital(cap["name"], LatLon(cap["lat"], cap["lon"]), cap["geonameid"], cap["note"]) if cap else None
    )
    centre = LatLon(rec["centre"]["lat"], rec["centre"]["lon"]) if rec["centre"] else None
    return Country(
        id=rec["id"],
        name=rec["name"],
        official_name=rec["official_name"],
        alpha2=rec["alpha2"],
        alpha3=rec["alpha3"],
        numeric=rec["numeric"],
        capital=capital,
        centre=centre,
        un_member=rec["un_member"],
        area_km2=rec["area_km2"],
        _territory_index=rec["territory_index"],
    )


def _resolve(query: str, ids: list[str]) -> Country:
    """Turn the ids one tier matched into a Country, or the right error."""
    registry = _registry()
    if len(ids) > 1:
        labels = [_label(i) for i in ids]
        raise AmbiguousCountryError(query, _truncate(labels))
    (only,) = ids
    if only.startswith("part_of:"):
        rec = _part_of()[only.removeprefix("part_of:")]
        raise NoTerritoryError(query, f"{rec['name']} ({rec['alpha2']})", registry[rec["part_of"]].label)
    return registry[only]


def _label(target: str) -> str:
    if target.startswith("part_of:"):
        rec = _part_of()[target.removeprefix("part_of:")]
        return f"{rec['name']} ({rec['alpha2']})"
    return _registry()[target].label


@cache
def _primary_keys_by_target() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, ids in load_names()["primary"].items():
        for target in ids:
            out.setdefault(target, []).append(key)
    return out


def _partial_matches(key: str) -> list[str]:
    """Ids having an English name that contains ``key`` as whole words."""
    needle = f" {key} "
    if len(key) < 3:
        return []
    return sorted(
        target for target, keys in _primary_keys_by_target().items() if any(needle in f" {k} " for k in keys)
    )


def _suggestions(key: str) -> list[str]:
    """Display labels of the names closest to ``key`` (difflib ratio ≥ 0.6)."""
    primary = load_names()["primary"]
    close = difflib.get_close_matches(key, [k for k in primary if len(k) > 3], n=20, cutoff=0.6)
    labels: list[str] = []
    for k in close:
        for target in primary[k]:
            label = _label(target)
            if label not in labels:
                labels.append(label)
    return labels[:5]


def _truncate(labels: list[str]) -> list[str]:
    """At most ``_MAX_LISTED`` labels, the last one saying how many were left out."""
    if len(labels) <= _MAX_LISTED:
        return labels
    return [*labels[: _MAX_LISTED - 1], f"{len(labels) - _MAX_LISTED + 1} more"]
