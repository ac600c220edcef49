"""Distance tables: every pair of a list of countries, from the precomputed tables or measured in parallel.

Bundled countries answer from ``boundaries/tables.npz`` (:mod:`geodist._tables`),
which the data build fills with the engine's own numbers. Measuring (other
parts, ``cached=False``), the border method finds all touching or overlapping
pairs at once with a shapely STRtree, then measures the others row by row, each
row as one batch (:func:`geodist.engine.border.nearest_between_many`), spread over
worker processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from geodist._tables import tables
from geodist.boundary_set import BoundarySet, boundaries_in
from geodist.countries import Country, all_countries, country
from geodist.datasets import NATURAL_EARTH, source
from geodist.distance import CAPITAL_CHOICES, Method, distance
from geodist.engine.geodesic import LatLon
from geodist.errors import (
    InputTypeError,
    InputValueError,
    MethodError,
    MissingPointError,
    SameCountryError,
    echo,
)
from geodist.matrix_rows import Row, border_rows_m, measure_row
from geodist.territory import Part, PreparedTerritory, parse_part, prepared
from geodist.territory import touching as touches
from geodist.units import Unit

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["border_matrix_m", "matrix", "measure_row", "nearest_countries"]


def matrix(
    countries: Iterable[str | int | Country] | None = None,
    method: str | Method = Method.BORDER,
    *,
    unit: str | Unit = Unit.KM,
    mainland: bool = False,
    part: str | Part | LatLon | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cached: bool = True,
    data: BoundarySet | str | None = None,
    capital: str = "official",
    client: Any = None,
) -> pd.DataFrame:
    """A symmetric table of distances between every pair of countries.

    Parameters
    ----------
    countries : iterable of str, int or Country, optional
        The countries (any query :func:`geodist.country` accepts); every bundled
        territory when None.
    method : {"border", "capital", "centroid", "centre"}
        As for :func:`geodist.distance`.
    unit : {"m", "km", "mi", "nmi"}
        Unit of the values (kilometres by default).
    mainland : bool
        As for :func:`geodist.distance` (the same as ``part="mainland"``).
    part : {"whole", "mainland", "largest"}, str or LatLon, optional
        Which part of each country to measure, as for :func:`geodist.distance`.
    workers : int, optional
        Processes for the border method; all cores when None, 1 to stay in process.
    progress : callable, optional
        ``progress(done, total)`` after each row of the border method.
    cached : bool
        Answer from the tables precomputed at data-build time
        (``boundaries/tables.npz``: border distances of the whole territories
        and of their mainlands, capital, centroid and centre distances), which
        hold exactly the engine's numbers. False measures every pair again
        (the centroids themselves stay precomputed). Other parts always compute.
    capital : {"official", "seat"}
        For the capital method: the official capital (default, in the
        precomputed tables) or the seat of government where it differs (La Paz
        for Bolivia, The Hague for the Netherlands; measured), as for
        :func:`geodist.distance`.
    data : {"naturalearth", "osm"} or BoundarySet, optional
        The boundary data set (:mod:`geodist.datasets`; the tables hold Natural
        Earth only, so "osm" always computes; ``DataFrame.attrs["boundaries"]``
        names the data set measured), or your own territories (:func:`geodist.read_boundaries`) instead of the
        bundled countries: ``countries`` are then ids of the set (all when
        None), the border and centroid methods apply, and every pair is
        measured (:meth:`BoundarySet.matrix`).
    client : dask.distributed.Client, optional
        Measure the rows of the border method as tasks on this Dask cluster
        (instead of ``workers`` processes); the numbers are the same. Its workers
        need geodist installed (``pip install 'geodist[dask]'``).

    Returns
    -------
    pandas.DataFrame
        Indexed and labelled by country id (ISO alpha-2 where there is one), in
        the order given; the diagonal is 0. A pair whose countries lack the points
        the method needs (no capital, no centre point) is NaN.

    Raises
    ------
    InputTypeError
        For one string, or anything but a list, instead of a list of countries;
        a ``client`` that is not a ``dask.distributed.Client``.
    InputValueError
        For an empty list.
    GeodistError
        For an unknown or ambiguous country, method or unit (the subclasses of
        :func:`geodist.country`, :class:`~geodist.errors.MethodError`, :class:`~geodist.errors.UnitError`).

    Examples
    --------
    >>> table = matrix(["Iran", "Russia", "Turkey"], method="capital")
    >>> round(float(table.loc["IR", "RU"]))
    2464
    """
    import pandas as pd

    if isinstance(countries, (str, bytes)):
        raise InputTypeError(
            f"countries must be a list of countries, not one string {echo(countries)}; e.g. ['Iran', 'Russia']"
        )
    own = boundaries_in(data)
    if own is not None and client is not None:
        raise InputValueError(
            "client= runs the bundled countries' matrix on Dask; your own boundaries use workers= processes"
        )
    if own is not None:  # your own boundaries: always measured
        wanted = (
            countries if countries is None else [c.id if isinstance(c, Country) else c for c in countries]
        )
        return own.matrix(
            wanted, method, unit=unit, part=part, mainland=mainland, workers=workers, progress=progress
        )
    if countries is not None and not isinstance(countries, Iterable):
        raise InputTypeError(f"countries must be a list of countries, not {echo(countries)}")
    data_set = data if isinstance(data, str) else None  # a BoundarySet returned above
    chosen = (
        [country(c, data=data_set) for c in countries]
        if countries is not None
        else [c.on(data_set) for c in all_countries()]
    )
    if not chosen:
        raise InputValueError(
            "a matrix needs at least one country; give a list of countries, or None for all"
        )
    twice = sorted({c.label for c in chosen if sum(other.id == c.id for other in chosen) > 1})
    if twice:
        raise SameCountryError(
            f"a matrix is labelled by country: {', '.join(twice)} given more than once; give each country once"
        )
    if client is not None:
        from geodist import on_dask

        on_dask.check_client(client)
    how = Method.parse(method)
    if capital not in CAPITAL_CHOICES:
        raise MethodError(
            f"capital must be one of {', '.join(map(repr, CAPITAL_CHOICES))}, got {echo(capital)}"
        )
    scale = Unit.parse(unit).metres
    chosen_part = parse_part(part, mainland)
    ids = [c.id for c in chosen]
    on_default = all(c.data == NATURAL_EARTH for c in chosen)
    from_tables = cached and on_default and (how is not Method.CAPITAL or capital == "official")
    stored = _stored_matrix_m(ids, how, chosen_part) if from_tables else None
    if stored is not None:
        values = stored
    elif how is Method.BORDER:
        values = border_matrix_m(chosen, part=chosen_part, workers=workers, progress=progress, client=client)
    else:
        values = _point_matrix_m(chosen, how, chosen_part, capital)
    frame = pd.DataFrame(values / scale, index=pd.Index(ids, name="from"), columns=pd.Index(ids, name="to"))
    frame.attrs["boundaries"] = "; ".join(dict.fromkeys(source(c.data) for c in chosen))
    return frame


def _stored_matrix_m(ids: list[str], how: Method, part: Part | str | LatLon) -> np.ndarray | None:
    """The matrix from the precomputed tables, or None where they do not hold it."""
    table = tables()
    if table is None or not table.has(ids):
        return None
    if how in (Method.CAPITAL, Method.CENTRE):  # the part does not move a capital or a centre point
        return table.square(f"{how.value}_m", ids)
    if part not in (Part.WHOLE, Part.MAINLAND):
        return None
    assert isinstance(part, Part)
    return table.square(f"{how.value}_m_{part.value}", ids)


@overload
def nearest_countries(
    origin: str | int | Country,
    *,
    top: int | None = None,
    mainland: bool = False,
    part: str | Part | LatLon | None = None,
    data: str | None = None,
) -> list[tuple[Country, float, bool]]: ...


@overload
def nearest_countries(
    origin: str | int,
    *,
    top: int | None = None,
    mainland: bool = False,
    part: str | Part | LatLon | None = None,
    data: BoundarySet,
) -> list[tuple[str, float, bool]]: ...


def nearest_countries(
    origin: str | int | Country,
    *,
    top: int | None = None,
    mainland: bool = False,
    part: str | Part | LatLon | None = None,
    data: BoundarySet | str | None = None,
) -> list[tuple[Country, float, bool]] | list[tuple[str, float, bool]]:
    """Every other bundled territory by border distance from ``origin``: (country, metres, touching).

    Touching or overlapping territories come first at 0 m; the rest are measured
    exactly, in one batch. ``part`` (or ``mainland``) chooses the part of each
    country, as for :func:`geodist.distance`; ``data`` the boundary data set
    (:mod:`geodist.datasets`; "osm" always computes). With ``data=`` a
    :class:`~geodist.boundary_set.BoundarySet`, the other territories of that
    set from the id ``origin``, as (id, metres, touching)
    (:meth:`BoundarySet.nearest`).
    """
    own = boundaries_in(data)
    if own is not None:  # your own boundaries: always measured
        assert not isinstance(origin, Country)
        return own.nearest(origin, top=top, part=part, mainland=mainland)
    here = country(origin, data=data if isinstance(data, str) else None)
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise InputValueError(f"top must be a whole number of at least 1, got {echo(top)}")
    chosen_part = parse_part(part, mainland)
    others = [c.on(here.data) for c in all_countries() if c.id != here.id]
    table = tables() if here.data == NATURAL_EARTH else None  # the tables hold Natural Earth only
    if table is not None and chosen_part in (Part.WHOLE, Part.MAINLAND) and table.has([here.id]):
        assert isinstance(chosen_part, Part)
        found = [table.border(here.id, c.id, chosen_part.value) for c in others]
        metres = np.array([f[0] for f in found])
        touching = [f[3] for f in found]
    else:
        mine = prepared(here, chosen_part)
        theirs = [_part_of(c, chosen_part) for c in others]
        touching = [touches(mine, t) for t in theirs]
        apart = [k for k, t in enumerate(touching) if not t]
        measured = measure_row([mine, *(theirs[k] for k in apart)], 0, list(range(1, len(apart) + 1)))
        metres = np.zeros(len(others))
        metres[apart] = [m.distance_m for m in measured]
    order = sorted(range(len(others)), key=lambda k: (metres[k], others[k].id))
    ranked = [(others[k], float(metres[k]), touching[k]) for k in order]
    return ranked[:top] if top else ranked


def _part_of(c: Country, part: Part | str | LatLon) -> PreparedTerritory:
    """A country's part; a part's name that is not one of its own leaves it whole."""
    if isinstance(part, str) and not isinstance(part, Part) and not prepared(c).has_part(part):
        return prepared(c)
    return prepared(c, part)


def _point_matrix_m(
    chosen: Sequence[Country], how: Method, part: Part | str | LatLon, capital: str = "official"
) -> np.ndarray:
    out = np.zeros((len(chosen), len(chosen)))
    for i, a in enumerate(chosen):
        for j in range(i + 1, len(chosen)):
            try:
                out[i, j] = out[j, i] = distance(a, chosen[j], how, part=part, capital=capital).distance_m
            except MissingPointError:  # no capital or no centre point for one of them: NaN, as documented
                out[i, j] = out[j, i] = np.nan
    return out


def border_matrix_m(
    chosen: Sequence[Country],
    *,
    mainland: bool = False,
    part: Part | str | LatLon | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
) -> np.ndarray:
    """Border distances in metres between every pair of ``chosen`` (symmetric, zero diagonal).

    ``progress(done, total)`` is called after each row of pairs, if given. With a
    ``dask.distributed`` ``client``, the rows are its tasks (:func:`geodist.on_dask.matrix_rows`).
    """
    chosen_part = parse_part(part, mainland)
    ids = [c.id for c in chosen]
    data = [c.data for c in chosen]
    elsewhere = None
    if client is not None:
        from geodist import on_dask

        def elsewhere(rows: list[Row]) -> Iterable[tuple[int, list[int], np.ndarray]]:
            return on_dask.matrix_rows(client, ids, chosen_part, rows, data)

    return border_rows_m(
        [_part_of(c, chosen_part) for c in chosen],
        workers=workers,
        progress=progress,
        load=partial(_territories, ids, chosen_part, data),
        elsewhere=elsewhere,
    )


def _territories(ids: list[str], part: Part | str | LatLon, data: list[str]) -> list[PreparedTerritory]:
    """The territories of a matrix (each from its data set), built again in a worker process."""
    return [_part_of(country(i, data=d), part) for i, d in zip(ids, data, strict=True)]
