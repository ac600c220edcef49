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
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import shapely

from geodist import _html, _records
from geodist._data import load_countries, load_names, load_territory, translated_readings
from geodist.datasets import check_data, osm_area_km2, osm_territory, source
from geodist.engine.geodesic import LatLon
from geodist.errors import (
    AmbiguousCountryError,
    Hint,
    InputTypeError,
    LanguageError,
    NoTerritoryError,
    SameCountryError,
    UnknownCountryError,
    echo,
)
from geodist.names import normalise_name

__all__ = ["Capital", "Country", "CountryMatch", "all_countries", "country", "lookup"]

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
        Why this city, with sources, where that needs saying: countries with
        several capitals, a capital moved or renamed, a capital that lies
        outside the territory the data draws.
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
    seat : Capital or None
        The seat of government where it is another city than the capital
        (La Paz for Bolivia, The Hague for the Netherlands); None where they
        are the same. ``distance(..., capital="seat")`` measures from it.
    centre : LatLon or None
        The country's centre point in Google's public countries table, the point
        web distance calculators measure from; None where the table has none.
    un_member : bool
        Whether this is a UN member state.
    area_km2 : float
        Area of the territory on the WGS84 ellipsoid, km² (as the data set draws it).
    data : str
        The data set the territory comes from: "naturalearth" (default) or "osm"
        (:mod:`geodist.datasets`); :meth:`on` switches.
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
    seat: Capital | None = None
    data: str = "naturalearth"

    @property
    def territory(self) -> shapely.MultiPolygon:
        """The territory as a shapely MultiPolygon in (longitude, latitude) degrees.

        From the data set :attr:`data` names: Natural Earth 1:10m admin-0
        (de-facto control; the default) or OpenStreetMap (``"osm"``), split at
        ±180°, valid. Loaded on first access.
        """
        if self.data == "osm":
            return osm_territory(self.id)
        return load_territory(self._territory_index)

    def on(self, data: str | None) -> Country:
        """The same country with its territory (and area) from another data set (see :mod:`geodist.datasets`).

        Raises
        ------
        InputValueError
            For an unknown data set.
        MissingExtraError
            For ``"osm"`` when the OpenStreetMap data set is not installed.
        """
        name = check_data(data)
        if name == self.data:
            return self
        if name == "osm":
            return replace(self, data=name, area_km2=round(osm_area_km2(self.id), 1))
        return _registry()[self.id]

    @property
    def label(self) -> str:
        """Name and code, as "Iran (IR)"."""
        return f"{self.name} ({self.alpha2 or self.id})"

    def __str__(self) -> str:
        """Return :attr:`label`."""
        return self.label

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready values.

        Keys: ``id``, ``name``, ``official_name``, ``alpha2``, ``alpha3``,
        ``numeric``, ``capital`` (``name``, ``lat``, ``lon`` in degrees, ``note``;
        or None), ``seat`` (the seat of government where it differs: ``name``,
        ``lat``, ``lon``; or None), ``centre`` (``lat``, ``lon``; or None), ``un_member``,
        ``area_km2``. The territory is left out: see :attr:`__geo_interface__`.
        """
        capital = self.capital
        return {
            "id": self.id,
            "name": self.name,
            "official_name": self.official_name,
            "alpha2": self.alpha2,
            "alpha3": self.alpha3,
            "numeric": self.numeric,
            "capital": {"name": capital.name, **_records.point(capital.location), "note": capital.note}
            if capital
            else None,
            "seat": {"name": self.seat.name, **_records.point(self.seat.location)} if self.seat else None,
            "centre": _records.point(self.centre) if self.centre else None,
            "un_member": self.un_member,
            "area_km2": self.area_km2,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The territory as a GeoJSON Feature: a MultiPolygon in [lon, lat] degrees, split at ±180°.

        Its properties are :meth:`to_dict` flattened (``capital_name``,
        ``capital_lat``, ``centre_lon``, ...), so ``shapely.geometry.shape(c)``
        and ``geopandas.GeoDataFrame.from_features([c, ...])`` both work.
        """
        (properties,) = _records.flat_rows([self.to_dict()])
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": shapely.geometry.mapping(self.territory),
            "properties": properties,
        }

    def _repr_html_(self) -> str:
        """A small HTML table of the record, for notebooks."""
        # Imported here: geodist.distance imports this module.
        from geodist.distance import SOURCE_CAPITALS, SOURCE_CENTRES

        capital = self.capital
        return _html.table(
            f"Country: {self.label}",
            [
                ("name", self.name),
                ("official name", self.official_name),
                ("id", self.id),
                (
                    "ISO 3166 alpha-2 / alpha-3 / numeric",
                    " / ".join(c or "—" for c in (self.alpha2, self.alpha3, self.numeric)),
                ),
                ("capital", f"{capital.name} ({_html.degrees(capital.location)})" if capital else "none"),
                ("capital chosen", capital.note if capital else None),
                ("centre point", _html.degrees(self.centre) if self.centre else "none in Google's table"),
                ("UN member", "yes" if self.un_member else "no"),
                ("area", f"{self.area_km2:,.1f} km² (territory as drawn, on the WGS84 ellipsoid)"),
            ],
            f"Territory: {source(self.data)}. Capital: {SOURCE_CAPITALS}. Centre: {SOURCE_CENTRES}.",
        )


def country(query: str | int | Country, *, language: str | None = None, data: str | None = None) -> Country:
    """Return the country a name or code refers to.

    Parameters
    ----------
    query : str, int or Country
        A country's stable id (:attr:`Country.id`), a name in English or any of
        the languages of Unicode CLDR, an official name, a common alternative
        ("UK", "Ivory Coast", "Burma", "DPRK"), or an ISO 3166 alpha-2,
        alpha-3 or numeric code. Case, accents, Arabic vowel marks and
        punctuation are ignored. A Country is returned as it is.
    language : str, optional
        A language code ("vi", "fr", "sw") that settles a name read
        differently in several languages: ``country("Nga", language="vi")`` is
        Russia. See :func:`lookup` for the rules.
    data : {"naturalearth", "osm"}, optional
        The data set of the territory (:mod:`geodist.datasets`): Natural Earth
        (the default) or OpenStreetMap (``pip install ./boundaries/osm``). A
        Country given keeps its own unless ``data`` is given.

    Returns
    -------
    Country

    Raises
    ------
    UnknownCountryError
        Nothing matches; the message lists the closest names.
    AmbiguousCountryError
        Several countries match equally well ("Korea"; "Nga", the code of
        Nigeria and Vietnamese for Russia); the message names each reading.
    NoTerritoryError
        The query names an ISO 3166 entity that the data draws as part of
        another country (French Guiana is part of France).
    LanguageError
        ``language`` is not a language code of the name index.

    Examples
    --------
    >>> country("IRN").name
    'Iran'
    >>> country("Russian Federation").alpha3
    'RUS'
    >>> country("côte d'ivoire").alpha2
    'CI'
    >>> country("Россия").alpha2
    'RU'
    """
    found = lookup(query, language=language).country
    return found if data is None else found.on(data)


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """A resolved country query: the country, and how the query was read.

    Attributes
    ----------
    country : Country
        The country.
    query : str
        The text as given.
    how : str
        How it matched, in words: "ISO 3166-1 alpha-3 code", "English name",
        "common name", "Vietnamese name (CLDR)", "partial name", "stable id", ...
    kind : str
        How it matched, as one of :data:`MATCH_KINDS`: "given", "id", "code",
        "english", "alias", "translation" (CLDR or ISO 3166, any other
        language), "partial".
    note : str or None
        What a reader should know, e.g. that "Scotland" is measured as the
        United Kingdom, whose territory the data holds.
    """

    country: Country
    query: str
    how: str
    kind: str
    note: str | None = None


MATCH_KINDS = ("given", "id", "code", "english", "alias", "translation", "partial")
"""The values of :attr:`CountryMatch.kind`."""
_KIND_OF_READING = {"c": "code", "n": "english", "a": "alias", "l": "translation", "i": "translation"}


def lookup(query: str | int | Country, *, language: str | None = None) -> CountryMatch:
    """Resolve a country query and say how it was read.

    The rules, in order:

    1. A country's stable id ("somaliland", "IR") is that country.
    2. The query is normalised (:func:`~geodist.names.normalise_name`) and
       looked up among every reading of that key: ISO codes, English names,
       curated aliases, CLDR names in every language, ISO 3166 translations.
    3. Written the way codes are written (two or three capital letters, or
       digits), a query that is a code means the code: "NGA" is Nigeria.
    4. With ``language``, the readings in that language decide: "Nga" with
       ``language="vi"`` is Russia.
    5. Otherwise every reading from codes (for a query of plain ASCII letters),
       English names, aliases and CLDR counts; ISO 3166 translations count
       only where none of those matches. One country: it. Several: the query is
       ambiguous and the error names each reading ("NGA is the code of
       Nigeria; Nga is the Vietnamese name of Russia").
    6. Failing all that, a query that is whole words of exactly one country's
       English names ("Bosnia").

    Raises
    ------
    UnknownCountryError, AmbiguousCountryError, NoTerritoryError, LanguageError
        As :func:`country`.

    Examples
    --------
    >>> m = lookup("Scotland")
    >>> m.country.alpha2, m.how
    ('GB', 'common name')
    >>> lookup("Nga", language="vi").how
    'Vietnamese name (CLDR)'
    """
    if isinstance(query, Country):
        return CountryMatch(query, query.label, "given", "given")
    if isinstance(query, bool) or not isinstance(query, (str, numbers.Integral)):
        raise InputTypeError(f"a country is a name or code (str or int) or a Country, not {echo(query)}")
    text = str(query)
    by_id = _registry().get(text.strip())
    if by_id is not None:  # a stable id, such as "somaliland"
        return CountryMatch(by_id, text, "stable id", "id")
    lang = _language(language)
    key = normalise_name(text)
    if not key:
        raise UnknownCountryError(text)
    code = _code_reading(text)
    rows = load_names()["primary"].get(key)
    if rows is None and code is None:
        rows = translated_readings(key)
    readings = [_Reading(t, k, tuple(ls)) for t, k, ls in rows or ()] + ([code] if code else [])
    if readings:
        return _choose(text, key, readings, lang)
    partial = _partial_matches(key)
    if len(partial) == 1 and set(key.split()) <= _GENERIC_WORDS:
        raise UnknownCountryError(text, [_label(partial[0])])
    if partial:
        return CountryMatch(_resolve(text, partial), text, "partial name", "partial")
    raise UnknownCountryError(text, _suggestions(key))


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way a query reads: a target id, a kind (c code, n, a, l, i as in names.json) and its languages."""

    target: str
    kind: str
    languages: tuple[str, ...]


_CODE_LIKE = re.compile(r"[A-Z]{2,3}|[0-9]{1,3}")
_CODE_SHAPE = re.compile(r"[A-Za-z]{2,3}|[0-9]{1,3}")


def _code_reading(text: str) -> _Reading | None:
    """The country whose ISO 3166-1 code the query is, in any case (never after word rewrites)."""
    stripped = text.strip()
    if not _CODE_SHAPE.fullmatch(stripped):
        return None
    target = load_names()["codes"].get(stripped.casefold())
    return _Reading(target, "c", ()) if target else None


def _choose(text: str, key: str, readings: list[_Reading], lang: str | None) -> CountryMatch:
    """Pick the country a query's readings agree on, or raise AmbiguousCountryError."""
    stripped = text.strip()
    codes = [r for r in readings if r.kind == "c"]
    if codes and _CODE_LIKE.fullmatch(stripped):
        return _match(text, key, codes, lang)
    if lang is not None:
        hinted = [r for r in readings if lang in r.languages]
        if hinted:
            return _match(text, key, hinted, lang)
    strong = [r for r in readings if r.kind in "cnal"]
    pool = strong or [r for r in readings if r.kind == "i"] or readings
    return _match(text, key, pool, lang)


def _match(text: str, key: str, pool: list[_Reading], lang: str | None) -> CountryMatch:
    targets = sorted({r.target for r in pool})
    if len(targets) > 1:
        reasons = [_explain(text, r, lang) for r in pool if r.kind != "i" or len(pool) == len(targets)]
        raise AmbiguousCountryError(
            text,
            _truncate([_label(t) for t in targets]),
            reasons=_truncate(list(dict.fromkeys(reasons))),
            advice=_advice(text, pool),
            hints=_hints(pool),
        )
    best = min((r for r in pool), key=lambda r: "cnali".index(r.kind))
    found = _resolve(text, targets)
    note = load_names()["notes"].get(key) if best.kind == "a" else None
    return CountryMatch(found, text, _how(text, best, lang), _KIND_OF_READING[best.kind], note)


def _advice(text: str, pool: list[_Reading]) -> str:
    """How to mean the code, where one reading is a code."""
    return (
        f"write the code in capitals ({_short(text).upper()}) for the code"
        if any(r.kind == "c" for r in pool)
        else ""
    )


def _hints(pool: list[_Reading]) -> list[Hint]:
    """A language that settles an ambiguity between readings in different languages."""
    languages = sorted({lang for r in pool if r.kind in "li" for lang in r.languages})
    return [Hint("language", languages[0])] if languages else []


def _how(text: str, r: _Reading, lang: str | None) -> str:
    if r.kind == "c":
        return _code_kind(text)
    if r.kind in "na":
        return "English name" if r.kind == "n" else "common name"
    langs = [lang] if lang in r.languages else list(r.languages)
    source = "CLDR" if r.kind == "l" else "ISO 3166 translation"
    names = load_names()["languages"]
    if len(langs) == 1:
        return f"{names.get(langs[0], langs[0])} name ({source})"
    shown = ", ".join(names.get(code, code) for code in langs[:3])
    return f"name in {len(langs)} languages ({source}: {shown}{', …' if len(langs) > 3 else ''})"


def _explain(text: str, r: _Reading, lang: str | None) -> str:
    shown = _short(text)
    if r.kind == "c":
        return f"{shown.upper()} is the {_code_kind(text)} of {_label(r.target)}"
    how = _how(text, r, lang).replace(" (CLDR)", "")
    return (
        f"{shown} is the {how} of {_label(r.target)}"
        if how[0].isupper()
        else f"{shown} is a {how} of {_label(r.target)}"
    )


def _code_kind(text: str) -> str:
    stripped = text.strip()
    if stripped.isdigit():
        return "ISO 3166-1 numeric code"
    return f"ISO 3166-1 alpha-{min(len(stripped), 3)} code"


def _language(language: str | None) -> str | None:
    """Check a language hint against the languages of the name index."""
    if language is None:
        return None
    if not isinstance(language, str):
        raise InputTypeError(f"a language is a code such as 'vi' or 'fr', not {echo(language)}")
    lang = language.strip().replace("-", "_").split("_")[0].lower()
    if lang not in load_names()["languages"]:
        raise LanguageError(
            f"unknown language {echo(language)}; give a CLDR language code such as 'en', 'fr', 'vi', 'sw'"
        )
    return lang


def _short(text: str, limit: int = 60) -> str:
    """The text, cut to ``limit`` characters for a message."""
    stripped = text.strip()
    return stripped if len(stripped) <= limit else stripped[: limit - 1] + "…"


def country_pair(
    first: str | int | Country, second: str | int | Country, *, language: str | None = None
) -> tuple[Country, Country]:
    """Resolve two queries with :func:`country` (and ``language``); they must name different countries.

    Raises
    ------
    SameCountryError
        Both name the same country ("Iran" and "Persia"): a pair report,
        the article and a map need two.
    """
    a, b = lookup_pair(first, second, language=language)
    return a.country, b.country


def lookup_pair(
    first: str | int | Country, second: str | int | Country, *, language: str | None = None
) -> tuple[CountryMatch, CountryMatch]:
    """:func:`lookup` both queries; they must name different countries (see :func:`country_pair`)."""
    a, b = lookup(first, language=language), lookup(second, language=language)
    if a.country.id == b.country.id:
        raise SameCountryError(
            f"{echo(str(first))} and {echo(str(second))} are the same country, {a.country.label};"
            " give two different countries"
        )
    return a, b


def country_by_code_or_name(text: str) -> Country | None:
    """The country whose ISO code, English or official name or common alias is exactly ``text``.

    Unlike :func:`country`, no translations or partial names: "SIN" is Singapore's
    airport code and a word for China in some language, but no country's code.
    Returns None when nothing matches exactly and when the match is ambiguous.
    """
    rows = load_names()["primary"].get(normalise_name(text), [])
    ids = {target for target, kind, _ in rows if kind in "na"}
    code = _code_reading(text)
    ids |= {code.target} if code else set()
    return _registry().get(ids.pop()) if len(ids) == 1 else None


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
    seat_rec = cap.get("seat") if cap else None
    seat = (
        Capital(
            seat_rec["name"], LatLon(seat_rec["lat"], seat_rec["lon"]), seat_rec["geonameid"], cap["note"]
        )
        if seat_rec
        else None
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
        seat=seat,
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
    for key, rows in load_names()["primary"].items():
        for target in {target for target, kind, _ in rows if kind == "n"}:
            out.setdefault(target, []).append(key)
    return out


_GENERIC_WORDS = frozenset(
    [
        "and",
        "of",
        "the",
        "city",
        "sea",
        "island",
        "islands",
        "republic",
        "democratic",
        "people",
        "s",
        "peoples",
        "kingdom",
        "united",
        "states",
        "state",
        "federal",
        "federation",
        "federated",
        "saint",
        "sainte",
        "new",
        "south",
        "north",
        "east",
        "west",
        "central",
        "equatorial",
        "arab",
        "islamic",
        "socialist",
        "territory",
        "territories",
        "lands",
        "land",
        "coast",
        "union",
        "plurinational",
        "commonwealth",
        "principality",
        "grand",
        "duchy",
        "sultanate",
        "emirates",
        "cooperative",
        "bolivarian",
    ]
)
"""Words that name a kind of place, not a place: a partial match cannot rest on them alone ("City", "Sea")."""


def _partial_matches(key: str) -> list[str]:
    """Ids having an English name (not an alias) that contains ``key`` as whole words.

    A query of generic words only (:data:`_GENERIC_WORDS`) never matches one
    country this way, so that "City" is not Vatican City nor "Sea" the Coral Sea
    Islands; it can still be reported as ambiguous ("Republic").
    """
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
        for target in sorted({target for target, _, _ in primary[k]}):
            label = _label(target)
            if label not in labels:
                labels.append(label)
    return labels[:5]


def _truncate(labels: list[str]) -> list[str]:
    """At most ``_MAX_LISTED`` labels, the last one saying how many were left out."""
    if len(labels) <= _MAX_LISTED:
        return labels
    return [*labels[: _MAX_LISTED - 1], f"{len(labels) - _MAX_LISTED + 1} more"]
