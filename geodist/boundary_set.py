"""Bring-your-own boundaries: a set of your own territories, keyed by id, standing in for the countries.

:func:`read_boundaries` reads any file GeoPandas reads (GeoPackage, GeoJSON,
Shapefile, through pyogrio; GeoParquet, through pyarrow) or takes a
GeoDataFrame, and returns a :class:`BoundarySet`: one territory per row, named
by an id column (admin-1 regions by their name, say). :func:`geodist.distance`,
:func:`geodist.matrix` and :func:`geodist.matrix.nearest_countries` measure
between its territories when given ``data=`` the set, with the engine the
bundled countries use (exact nearest points on WGS84, Karney 2013 via pyproj;
edges are straight lines in lon/lat, as GIS files draw them). Own boundaries
are always measured, never read from the precomputed tables.

What the input must be, and what is done to it:

- coordinates in EPSG:4326, or no CRS (read as longitude, latitude degrees; a
  frame without a CRS whose coordinates cannot be degrees is refused). Another
  CRS is converted with ``GeoDataFrame.to_crs(4326)`` (pyproj: each vertex
  exactly; the edges between vertices are then straight lines in lon/lat, which
  is what the engine measures). The set says so (:attr:`BoundarySet.converted_from`
  and a :class:`BoundaryWarning`);
- Polygons and MultiPolygons only; rows of any other kind, and rows without a
  geometry, are refused, naming their ids;
- ids unique and non-empty (converted to text): rows sharing an id are
  refused, naming them (dissolve them first: ``frame.dissolve(by="name")``);
- invalid polygons (a bow-tie), polygons drawn across ±180° (longitudes 179 to
  181, or a ring that jumps from 179 to -179) and rings beyond ±180° are repaired
  with :func:`geodist.engine.repair.repair`, the rules the data build applies to the
  bundled countries: rings unwrapped at ±180°, closed along a pole they wind
  around, ``shapely.make_valid`` in that continuous frame, cut at ±180°. Valid
  polygons within [-180, 180] are kept exactly as given. What was repaired is
  listed in :attr:`BoundarySet.repaired` and said in a :class:`BoundaryWarning`;
  a geometry the repair leaves empty (a polygon of no area) is refused.

Each territory is prepared (:func:`geodist.territory.from_geometry`) on first
use and cached in the set. Capitals and published centre points do not exist
for own boundaries: the border and centroid methods apply, the others raise
:class:`~geodist.errors.MethodError`.
"""

from __future__ import annotations

import difflib
import importlib.util
import math
import os
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from geodist.datasets import check_data
from geodist.distance import Distance, Measured, Method, border_distance, measure_pairs
from geodist.engine import border
from geodist.engine.geodesic import LatLon, inverse
from geodist.engine.repair import repair
from geodist.errors import (
    CoordinateError,
    GeometryError,
    Hint,
    InputFileError,
    InputTypeError,
    InputValueError,
    MethodError,
    MissingExtraError,
    SameCountryError,
    UnknownIdError,
    echo,
)
from geodist.matrix_rows import border_rows_m
from geodist.territory import Part, PreparedTerritory, from_geometry, parse_part, touching
from geodist.units import Unit

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BoundarySet", "BoundaryWarning", "boundaries_in", "read_boundaries"]

APPLICABLE_METHODS = (Method.BORDER, Method.CENTROID)
"""The methods own boundaries support: they have territories, but no capitals or centre points."""

_LISTED = 8
"""How many ids an error or warning names before it says "and N more"."""


class BoundaryWarning(UserWarning):
    """Own boundaries were changed on reading: converted from another CRS, or repaired."""


@dataclass(frozen=True, eq=False)
class BoundarySet:
    """Your own territories, keyed by id, to measure instead of the bundled countries.

    Made by :func:`read_boundaries`; pass it as ``data=`` to
    :func:`geodist.distance`, :func:`geodist.matrix` and
    :func:`geodist.matrix.nearest_countries`.

    Attributes
    ----------
    ids : tuple of str
        The territories' ids, in the order of the rows.
    geometries : tuple of shapely.MultiPolygon
        Each territory, valid, in (longitude, latitude) degrees within [-180, 180].
    source : str
        Where the set was read from: the file (and layer), or "a GeoDataFrame".
    id_column : str
        The column the ids come from.
    repaired : tuple of str
        The ids whose geometry was repaired (see the module notes).
    converted_from : str or None
        The CRS the input was converted from to EPSG:4326, or None.
    """

    ids: tuple[str, ...]
    geometries: tuple[shapely.MultiPolygon, ...]
    source: str
    id_column: str
    repaired: tuple[str, ...] = ()
    converted_from: str | None = None
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    _territories: dict[str, PreparedTerritory] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._position.update({key: k for k, key in enumerate(self.ids)})

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __contains__(self, key: object) -> bool:
        return key in self._position

    def __repr__(self) -> str:
        repaired = f", {len(self.repaired)} repaired" if self.repaired else ""
        return f"<BoundarySet of {len(self)} territories from {self.source}, ids from {self.id_column!r}{repaired}>"

    def __getstate__(self) -> dict[str, Any]:
        # Worker processes get the geometries, not the prepared territories (they prepare their own).
        return {k: v for k, v in self.__dict__.items() if k != "_territories"} | {"_territories": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def description(self) -> str:
        """What was measured, for reports: "regions.gpkg, id column 'name'"."""
        return f"{self.source}, id column {self.id_column!r}"

    @property
    def notes(self) -> list[str]:
        """What reading changed: the conversion from another CRS, the ids repaired."""
        out = []
        if self.converted_from is not None:
            out.append(
                f"converted from {self.converted_from} to EPSG:4326 (each vertex exactly, with pyproj;"
                " edges are measured as straight lines in lon/lat between them)"
            )
        if self.repaired:
            out.append(
                f"repaired {len(self.repaired)} {'geometry' if len(self.repaired) == 1 else 'geometries'}"
                " (invalid, or drawn across ±180°) with the rules"
                f" of the bundled data: {_names(self.repaired)}"
            )
        return out

    def resolve(self, key: object) -> str:
        """The id ``key`` names: itself, or the one id equal to it ignoring case.

        Raises
        ------
        UnknownIdError
            For a key that is no id of the set; the closest ids are suggested.
        InputTypeError
            For a key that is not a string or a whole number.
        """
        if isinstance(key, bool) or not isinstance(key, (str, int, np.integer)):
            raise InputTypeError(f"an id of {self.source} is a string, not {echo(key)}")
        text = unicodedata.normalize("NFC", str(key))
        if text in self._position:
            return text
        folded = [
            i for i in self.ids if unicodedata.normalize("NFC", i).casefold() == text.strip().casefold()
        ]
        if len(folded) == 1:
            return folded[0]
        close = difflib.get_close_matches(text, self.ids, n=3, cutoff=0.6)
        if not close:
            by_case = {i.casefold(): i for i in self.ids}
            close = [by_case[c] for c in difflib.get_close_matches(text.casefold(), list(by_case), n=3)]
        raise UnknownIdError(text, self.source, self.id_column, close)

    def territory(self, key: object) -> PreparedTerritory:
        """The prepared territory of an id (prepared on first use, then cached in the set)."""
        name = self.resolve(key)
        if name not in self._territories:
            self._territories[name] = from_geometry(self.geometries[self._position[name]], name)
        return self._territories[name]

    def _part(self, key: str, part: Part | str | LatLon) -> PreparedTerritory:
        return self.territory(key).part(part)

    def distance(
        self,
        a: str | int,
        b: str | int,
        method: str | Method = Method.BORDER,
        *,
        part: object = None,
        mainland: bool = False,
    ) -> Distance:
        """The distance between two territories of the set (what ``geodist.distance(a, b, data=set)`` returns).

        Parameters
        ----------
        a, b : str or int
            Ids of the set (an id differing only in case is accepted when it is the only one).
        method : {"border", "centroid"}
            Nearest points of the two territories (0 when they touch or
            overlap), or their area centroids on the ellipsoid.
        part : {"whole", "mainland", "largest"} or LatLon, optional
            Which part of each territory: as for :func:`geodist.distance`; own
            territories have no capital, so "mainland" is their largest part.
        mainland : bool
            Same as ``part="mainland"``.

        Returns
        -------
        Distance
            Metres on WGS84; ``source`` names the file and id column.

        Raises
        ------
        UnknownIdError
            For an id that is not in the set (the closest are suggested).
        SameCountryError
            For the same id twice.
        MethodError
            For "capital" or "centre": own boundaries have no such points.
        """
        how = _method(method, self)
        first, second = self.resolve(a), self.resolve(b)
        if first == second:
            raise SameCountryError(f"{echo(first)} is given twice; give two different ids of {self.source}")
        choice = parse_part(part, mainland)
        ta, tb = self._part(first, choice), self._part(second, choice)
        if how is Method.CENTROID:
            return self._centroid_distance(ta, tb)
        measured = self._measure([(self._position[first], ta, self._position[second], tb)])[0]
        result = border_distance(ta, tb, measured.points, measured.touching)
        return replace(result, source=self.description)

    def _centroid_distance(self, ta: PreparedTerritory, tb: PreparedTerritory) -> Distance:
        ca, cb = ta.centroid, tb.centroid
        solution = inverse(ca.location, cb.location)
        same = solution.distance_m == 0.0
        outside = [
            f"the centroid of {t.label} lies outside its territory ({c.location})"
            for t, c in ((ta, ca), (tb, cb))
            if not c.inside
        ]
        return Distance(
            distance_m=solution.distance_m,
            start=ca.location,
            end=cb.location,
            azimuth1_deg=math.nan if same else solution.azimuth1_deg,
            azimuth2_deg=math.nan if same else solution.azimuth2_deg,
            method=Method.CENTROID,
            from_label=f"centroid of {ta.label}",
            to_label=f"centroid of {tb.label}",
            source=self.description,
            note="; ".join(outside) or None,
        )

    def _measure(self, pairs: list[tuple[int, PreparedTerritory, int, PreparedTerritory]]) -> list[Measured]:
        """The engine's border answer for each pair (position, territory, position, territory).

        Each pair is measured from the territory earlier in the set and turned
        round, as the bundled countries are measured from the lower id, so that
        (a, b), (b, a), the matrix and ``nearest`` find the same points.
        """
        if not pairs:  # every other territory touches
            return []
        flip = [i > j for i, _, j, _ in pairs]
        ordered = [(tb, ta) if f else (ta, tb) for (_, ta, _, tb), f in zip(pairs, flip, strict=True)]
        out = []
        for m, f in zip(measure_pairs(ordered), flip, strict=True):
            if f:
                p = m.points
                m = m._replace(
                    points=border.NearestPoints(
                        p.distance_m, p.lon_b, p.lat_b, p.lon_a, p.lat_a, p.part_b, p.part_a
                    )
                )
            out.append(m)
        return out

    def matrix(
        self,
        ids: Iterable[str | int] | None = None,
        method: str | Method = Method.BORDER,
        *,
        unit: str | Unit = Unit.KM,
        part: object = None,
        mainland: bool = False,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> pd.DataFrame:
        """Distances between every pair of the given territories (all when None), as :func:`geodist.matrix`.

        Returns
        -------
        pandas.DataFrame
            Indexed and labelled by id in the order given, in ``unit``; the diagonal is 0.

        Raises
        ------
        UnknownIdError, SameCountryError, MethodError
            As for :meth:`distance`.
        InputTypeError, InputValueError
            For one string instead of a list of ids, or an empty list.
        """
        import pandas as pd

        if isinstance(ids, (str, bytes)):
            raise InputTypeError(f"ids must be a list of ids, not one string {echo(ids)}; e.g. ['a', 'b']")
        if ids is not None and not isinstance(ids, Iterable):
            raise InputTypeError(f"ids must be a list of ids of {self.source}, not {echo(ids)}")
        chosen = [self.resolve(i) for i in ids] if ids is not None else list(self.ids)
        if not chosen:
            raise InputValueError("a matrix needs at least one id; give a list of ids, or None for all")
        twice = sorted({i for i in chosen if chosen.count(i) > 1})
        if twice:
            raise SameCountryError(
                f"a matrix is labelled by id: {_names(twice)} given more than once; give each id once"
            )
        how = _method(method, self)
        scale = Unit.parse(unit).metres
        choice = parse_part(part, mainland)
        # Measured in the set's order (as distance() measures each pair), shown in the order given.
        order = sorted(range(len(chosen)), key=lambda k: self._position[chosen[k]])
        in_set_order = [chosen[k] for k in order]
        if how is Method.CENTROID:
            values = self._centroid_matrix_m(in_set_order, choice)
        else:
            values = self._border_matrix_m(in_set_order, choice, workers, progress)
        back = np.argsort(order)
        values = values[np.ix_(back, back)]
        return pd.DataFrame(
            values / scale, index=pd.Index(chosen, name="from"), columns=pd.Index(chosen, name="to")
        )

    def _centroid_matrix_m(self, chosen: list[str], choice: Part | str | LatLon) -> np.ndarray:
        points = [self._part(i, choice).centroid.location for i in chosen]
        n = len(points)
        out = np.zeros((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                out[i, j] = out[j, i] = inverse(points[i], points[j]).distance_m
        return out

    def _border_matrix_m(
        self,
        chosen: list[str],
        choice: Part | str | LatLon,
        workers: int | None,
        progress: Callable[[int, int], None] | None,
    ) -> np.ndarray:
        # The matrix passes its territories in the set's order, so each pair is measured as given.
        return border_rows_m(
            self._parts(chosen, choice),
            workers=workers,
            progress=progress,
            load=partial(self._parts, chosen, choice),
        )

    def _parts(self, chosen: list[str], choice: Part | str | LatLon) -> list[PreparedTerritory]:
        return [self._part(i, choice) for i in chosen]

    def nearest(
        self, origin: str | int, *, top: int | None = None, part: object = None, mainland: bool = False
    ) -> list[tuple[str, float, bool]]:
        """Every other territory of the set by border distance from ``origin``: (id, metres, touching).

        Touching or overlapping territories come first at 0 m (also across
        ±180°), then the rest by distance, ties by id; ``top`` keeps the first ones.
        """
        here = self.resolve(origin)
        if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
            raise InputValueError(f"top must be a whole number of at least 1, got {echo(top)}")
        choice = parse_part(part, mainland)
        mine = self._part(here, choice)
        others = [i for i in self.ids if i != here]
        theirs = [self._part(i, choice) for i in others]
        touches = [touching(mine, t) for t in theirs]
        apart = [k for k, t in enumerate(touches) if not t]
        at = self._position[here]
        measured = self._measure([(at, mine, self._position[others[k]], theirs[k]) for k in apart])
        metres = np.zeros(len(others))
        metres[apart] = [m.distance_m for m in measured]
        ranked = sorted(range(len(others)), key=lambda k: (metres[k], others[k]))
        found = [(others[k], float(metres[k]), touches[k]) for k in ranked]
        return found[:top] if top else found


def _method(method: str | Method, boundaries: BoundarySet) -> Method:
    how = Method.parse(method)
    if how not in APPLICABLE_METHODS:
        raise MethodError(
            f"the {how.value} method needs points that own boundaries do not have ({boundaries.source}"
            " has territories, no capitals or centre points)",
            hints=[Hint("method", "border"), Hint("method", "centroid")],
        )
    return how


def _names(ids: Sequence[str]) -> str:
    """Ids as a message lists them: the first few, and how many more."""
    shown = ", ".join(echo(i) for i in ids[:_LISTED])
    return shown + (f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else "")


def boundaries_in(data: object) -> BoundarySet | None:
    """The BoundarySet a ``data=`` argument gives, or None for the bundled data (None, or a data set's name).

    Raises
    ------
    InputValueError
        For a string that names no bundled data set (a path: read it with :func:`read_boundaries` first).
    InputTypeError
        For anything else (a GeoDataFrame: read it with :func:`read_boundaries` first).
    """
    if isinstance(data, BoundarySet):
        return data
    if data is None:
        return None
    if isinstance(data, str):
        check_data(data)  # a bundled data set's name, or InputValueError naming read_boundaries
        return None
    raise InputTypeError(
        f"data= takes a BoundarySet, not {type(data).__name__}; read your boundaries first:"
        " geodist.read_boundaries(path_or_frame, id='name')"
    )


# --- Reading -------------------------------------------------------------------


def read_boundaries(source: Any, id: str = "name", layer: str | int | None = None) -> BoundarySet:
    """Read your own territories from a file or a GeoDataFrame, one per row, named by a column.

    Parameters
    ----------
    source : str, os.PathLike or geopandas.GeoDataFrame
        A file GeoPandas reads (GeoPackage, GeoJSON, Shapefile, any format of
        pyogrio's; ``.parquet``/``.geoparquet`` as GeoParquet, which needs
        pyarrow), or a GeoDataFrame.
    id : str
        The column holding each territory's id (its values become text), or
        the name of the frame's index.
    layer : str or int, optional
        The layer of a file with several (a GeoPackage); the first when None.

    Returns
    -------
    BoundarySet

    Raises
    ------
    InputFileError
        For a missing file, one that cannot be read, or a missing layer (an OSError).
    InputValueError
        For a missing id column (the columns are listed), empty ids, or
        ids shared by several rows (dissolve them first).
    GeometryError
        For rows that are not Polygons or MultiPolygons, have no geometry, or
        cannot be repaired (the ids are named).
    CoordinateError
        For a frame without a CRS whose coordinates are not degrees, or
        latitudes beyond ±90°.
    MissingExtraError
        Without geopandas (``pip install 'geodist[geopandas]'``), or pyarrow for GeoParquet.

    Warns
    -----
    BoundaryWarning
        When geometries were repaired, or converted from another CRS.

    Examples
    --------
    >>> import geopandas, shapely
    >>> frame = geopandas.GeoDataFrame(
    ...     {"name": ["west", "east"]}, geometry=[shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)], crs=4326
    ... )
    >>> regions = read_boundaries(frame, id="name")
    >>> regions
    <BoundarySet of 2 territories from a GeoDataFrame, ids from 'name'>
    >>> round(regions.distance("west", "east").km, 3)
    111.303
    """
    from geodist.frame import _geopandas

    gpd = _geopandas("read_boundaries()")
    if isinstance(source, gpd.GeoDataFrame):
        frame, where = source, "a GeoDataFrame"
    elif isinstance(source, (str, os.PathLike)):
        frame, where = _read_file(gpd, Path(source), layer)
    else:
        raise InputTypeError(
            f"read_boundaries takes a file path or a GeoDataFrame, not {type(source).__name__}"
        )
    if not isinstance(id, str):
        raise InputTypeError(f"id must be a column name, not {echo(id)}")
    ids = _ids(frame, id, where)
    frame, converted = _in_degrees(frame, where)
    geometries, repaired = _polygons(frame, ids, where)
    result = BoundarySet(tuple(ids), tuple(geometries), where, id, tuple(repaired), converted)
    if result.notes:
        warnings.warn(f"{where}: " + "; ".join(result.notes), BoundaryWarning, stacklevel=2)
    return result


def _read_file(gpd: Any, path: Path, layer: str | int | None) -> tuple[Any, str]:
    where = str(path) + (f", layer {layer!r}" if layer is not None else "")
    try:
        found = path.exists()
    except OSError as exc:  # a name too long for the file system, say
        raise InputFileError(f"cannot open {echo(str(path))}: {exc.strerror or exc}") from None
    if not found:
        raise InputFileError(f"no such file: {echo(str(path))}")
    parquet = path.suffix.lower() in (".parquet", ".geoparquet")
    if parquet and importlib.util.find_spec("pyarrow") is None:
        raise MissingExtraError(
            f"reading GeoParquet ({path.name}) needs pyarrow, which is not installed; run: pip install pyarrow"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # GDAL's own remarks on the file, not ours to raise
            frame = gpd.read_parquet(path) if parquet else gpd.read_file(path, layer=layer, engine="pyogrio")
    except Exception as exc:  # pyogrio, GDAL and pyarrow raise many kinds; one line says which
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        layers = _layers(path) if layer is not None else ""
        raise InputFileError(f"cannot read {where}: {reason}{layers}") from None
    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputFileError(f"cannot read {where}: it holds no geometry column")
    return frame, where


def _layers(path: Path) -> str:
    try:
        import pyogrio

        names = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception:  # the file itself is unreadable: the reason above says so
        return ""
    return f" (its layers: {', '.join(names)})" if names else ""


def _ids(frame: Any, column: str, where: str) -> list[str]:
    if column in frame.columns and column != frame.geometry.name:
        values = list(frame[column])
    elif column == frame.index.name:
        values = list(frame.index)
    else:
        columns = [str(c) for c in frame.columns if c != frame.geometry.name]
        listed = ", ".join(repr(c) for c in columns) if columns else "none besides the geometry"
        raise InputValueError(f"{where} has no column {echo(column)} for the ids; its columns: {listed}")
    if not values:
        raise InputValueError(f"{where} holds no territories (no rows)")
    # Ids in Unicode's composed form (NFC), as typed queries are compared.
    ids = ["" if _missing(v) else unicodedata.normalize("NFC", str(v).strip()) for v in values]
    empty = [str(label) for label, i in zip(frame.index, ids, strict=True) if not i]
    if empty:
        raise InputValueError(
            f"{where}: rows {_names(empty)} (by index) have no id in {column!r}; every territory needs one"
        )
    counts: dict[str, int] = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    shared = [f"{echo(i)} ({n} rows)" for i, n in counts.items() if n > 1]
    if shared:
        shown = ", ".join(shared[:_LISTED]) + (
            f" and {len(shared) - _LISTED} more" if len(shared) > _LISTED else ""
        )
        raise InputValueError(
            f"{where}: ids in {column!r} must be unique, but {shown} share one; dissolve them into one"
            f" territory each first: frame.dissolve(by={column!r})"
        )
    return ids


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pandas' NA raises
    except TypeError:
        return True


def _is_wgs84(crs: Any) -> bool:
    return crs is not None and bool(crs.equals("EPSG:4326"))


def _in_degrees(frame: Any, where: str) -> tuple[Any, str | None]:
    """The frame in EPSG:4326, and the CRS it was converted from (None when it was not).

    A frame without a CRS is read as lon/lat degrees, unless its coordinates cannot be degrees.
    """
    crs = frame.crs
    if crs is None:
        west, south, east, north = _bounds(frame)
        if south < -90 or north > 90 or west < -540 or east > 540:
            raise CoordinateError(
                f"{where} has no CRS and its coordinates (x {west:,.6g} to {east:,.6g}, y {south:,.6g} to"
                f" {north:,.6g}) are not longitude and latitude degrees; set its CRS"
                " (frame.set_crs(...)) so that geodist can convert it"
            )
        return frame, None
    if _is_wgs84(crs):
        return frame, None
    try:
        converted = frame.to_crs(4326)
    except Exception as exc:  # pyproj cannot transform it
        raise CoordinateError(f"{where}: cannot convert from {crs.name!r} to EPSG:4326 ({exc})") from None
    code = crs.to_epsg()
    return converted, f"{crs.name}" + (f" (EPSG:{code})" if code else "")


def _bounds(frame: Any) -> tuple[float, float, float, float]:
    values = frame.geometry.total_bounds
    return float(values[0]), float(values[1]), float(values[2]), float(values[3])


def _polygons(frame: Any, ids: list[str], where: str) -> tuple[list[shapely.MultiPolygon], list[str]]:
    """Each row's geometry as a valid MultiPolygon within [-180, 180], and the ids repaired."""
    shapes = list(frame.geometry)
    missing = [i for i, g in zip(ids, shapes, strict=True) if g is None or g.is_empty]
    if missing:
        raise GeometryError(f"{where}: rows {_names(missing)} have no geometry (null or empty)")
    kinds = [
        f"{echo(i)} ({g.geom_type})"
        for i, g in zip(ids, shapes, strict=True)
        if not isinstance(g, (shapely.Polygon, shapely.MultiPolygon))
    ]
    if kinds:
        more = f" and {len(kinds) - _LISTED} more" if len(kinds) > _LISTED else ""
        raise GeometryError(
            f"{where}: only Polygons and MultiPolygons can be territories; rows {', '.join(kinds[:_LISTED])}{more}"
            " are not"
        )
    shapes = list(shapely.force_2d(np.asarray(shapes, dtype=object)))
    bad_lat = [i for i, g in zip(ids, shapes, strict=True) if g.bounds[1] < -90.0 or g.bounds[3] > 90.0]
    if bad_lat:
        raise CoordinateError(
            f"{where}: latitudes beyond ±90° in rows {_names(bad_lat)}; coordinates must be"
            " (longitude, latitude) degrees"
        )
    out, repaired, broken = [], [], []
    for key, geometry in zip(ids, shapes, strict=True):
        if not _needs_repair(geometry):
            out.append(
                geometry if isinstance(geometry, shapely.MultiPolygon) else shapely.MultiPolygon([geometry])
            )
            continue
        fixed = _repaired(geometry)
        if fixed is None:
            broken.append(key)
        else:
            out.append(fixed)
            repaired.append(key)
    if broken:
        raise GeometryError(
            f"{where}: rows {_names(broken)} cannot be repaired into polygons (no area, or"
            " coordinates that are not numbers); fix or drop them"
        )
    return out, repaired


def _needs_repair(geometry: shapely.Geometry) -> bool:
    """Invalid, beyond ±180°, or with a ring that jumps across ±180°.

    A jump is a step of more than 180° of longitude between two vertices that
    are not both on ±180° (an edge from 180°E to 180°W, along a pole or around a
    band of the whole globe, is drawn that way on purpose).
    """
    west, _, east, _ = geometry.bounds
    if not geometry.is_valid or west < -180.0 or east > 180.0:
        return True
    for ring in _rings(geometry):
        lon = ring[:, 0]
        on_edge = np.abs(lon) == 180.0
        if np.any((np.abs(np.diff(lon)) > 180.0) & ~(on_edge[:-1] & on_edge[1:])):
            return True
    return False


def _rings(geometry: shapely.Geometry) -> Iterator[np.ndarray]:
    for polygon in getattr(geometry, "geoms", [geometry]):
        yield np.asarray(polygon.exterior.coords)[:, :2]
        for hole in polygon.interiors:
            yield np.asarray(hole.coords)[:, :2]


def _repaired(geometry: shapely.Geometry) -> shapely.MultiPolygon | None:
    """The data build's repair (:func:`geodist.engine.repair.repair`), or None when nothing valid is left."""
    polygons = list(getattr(geometry, "geoms", [geometry]))
    rings = [
        [np.asarray(p.exterior.coords)[:, :2], *(np.asarray(h.coords)[:, :2] for h in p.interiors)]
        for p in polygons
    ]
    if any(not np.all(np.isfinite(r)) for group in rings for r in group):
        return None
    try:
        fixed = repair(rings)
    except (shapely.errors.GEOSException, ValueError):
        return None
    if fixed.is_empty or not fixed.is_valid:
        return None
    west, south, east, north = fixed.bounds
    if west < -180.0 or east > 180.0 or south < -90.0 or north > 90.0:
        return None
    return fixed
