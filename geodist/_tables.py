"""Precomputed tables of the bundled territories (``boundaries/tables.npz``), loaded on demand.

The bundled boundaries never change between releases, so the data build
(``boundaries/build_tables.py``) measures every pair once with the engine and
stores what it found: for the whole territories and for their mainlands (the
part holding the capital), the border distance, the two nearest points, the
polygons they lie on and whether the two touch; the capital, centroid and
centre-point distances; and, per territory, the area of each polygon and the
area centroid. Every value is the engine's own float64, bit for bit: a test
recomputes a random sample of pairs and requires equality.

Pairs are stored as the upper triangle of the territories in ``ids`` order
(``i < j``); the pair (j, i) is the same measurement with its ends swapped, as
the engine itself measures two bundled countries from the lower id
(:func:`geodist.distance.measure_pairs`). The stored distance is the geodesic
from the first point to the second; :func:`geodist.distance` recomputes it in the
order asked (the two can differ in the last bit). Each array is read on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from geodist._data import data_dir
from geodist.errors import DataError

__all__ = ["PARTS", "TABLES_FILE", "Tables", "disable", "tables"]

TABLES_FILE = "tables.npz"
PARTS = ("whole", "mainland")
"""The parts the tables hold (the values of :class:`geodist.territory.Part` they cover)."""

_ENABLED = {"on": True}


def disable() -> None:
    """Stop using the tables in this process (the data build does, to measure from scratch)."""
    _ENABLED["on"] = False
    tables.cache_clear()


@dataclass(frozen=True, eq=False)
class Tables:
    """The arrays of ``tables.npz`` (see the module notes and ``boundaries/README.md``), each read on first use."""

    path: Path
    _arrays: dict[str, NDArray[Any]] = field(default_factory=dict, repr=False)

    def array(self, name: str) -> NDArray[Any]:
        """One array of the file, read on first use.

        Raises
        ------
        DataError
            If the file cannot be read or lacks the array.
        """
        if name not in self._arrays:
            try:
                with np.load(self.path, allow_pickle=False) as archive:
                    self._arrays[name] = archive[name]
            except (OSError, KeyError, ValueError) as exc:
                raise DataError(f"cannot read {name} from {self.path}: {exc}") from exc
        return self._arrays[name]

    @cached_property
    def ids(self) -> list[str]:
        """Territory ids, in table order (the order of :func:`geodist.all_countries`)."""
        return [str(i) for i in self.array("ids")]

    @cached_property
    def index(self) -> dict[str, int]:
        """Position of each id in :attr:`ids`."""
        return {c: k for k, c in enumerate(self.ids)}

    def pair_index(self, i: NDArray[np.intp], j: NDArray[np.intp]) -> NDArray[np.intp]:
        """Row of the pairs (i, j), i < j, in the upper-triangle arrays."""
        n = len(self.ids)
        return np.asarray(i * (2 * n - i - 1) // 2 + (j - i - 1), dtype=np.intp)

    def square(self, name: str, ids: list[str]) -> NDArray[np.float64]:
        """A symmetric matrix (zero diagonal) of the pair values ``name`` for ``ids``."""
        where = np.array([self.index[c] for c in ids], dtype=np.intp)
        i, j = np.meshgrid(where, where, indexing="ij")
        low, high = np.minimum(i, j), np.maximum(i, j)
        off = low != high
        out = np.zeros(i.shape)
        values = self.array(name)
        out[off] = values[self.pair_index(low[off], high[off])]
        return out

    def border(self, a: str, b: str, part: str) -> tuple[float, NDArray[np.float64], tuple[int, int], bool]:
        """The border measurement from ``a`` to ``b``: distance (m), points, polygons, touching.

        ``points`` is (lat_a, lon_a, lat_b, lon_b) in degrees, and the polygons are
        indexes into each measured territory (whole or mainland), as
        :class:`geodist.engine.border.NearestPoints` gives them; for a pair stored the
        other way round the ends are swapped.
        """
        i, j = self.index[a], self.index[b]
        row = int(self.pair_index(np.array(min(i, j)), np.array(max(i, j))))
        metres = float(self.array(f"border_m_{part}")[row])
        points = self.array(f"border_points_{part}")[row]
        polygons = self.array(f"border_polygons_{part}")[row]
        touching = bool(self.array(f"touching_{part}")[row])
        if i < j:
            return metres, points, (int(polygons[0]), int(polygons[1])), touching
        return metres, points[[2, 3, 0, 1]], (int(polygons[1]), int(polygons[0])), touching

    def has(self, ids: list[str]) -> bool:
        """Whether the tables hold every one of ``ids``."""
        return all(c in self.index for c in ids)

    def polygon_areas_m2(self, c: str) -> NDArray[np.float64]:
        """Area on WGS84 of each polygon of a territory, m² (in the territory's polygon order)."""
        k = self.index[c]
        start, stop = self.array("polygon_offsets")[k : k + 2]
        return self.array("polygon_area_m2")[start:stop]

    def centroid(self, c: str, part: str) -> tuple[float, float, bool, float]:
        """The area centroid of a territory or its mainland: lat, lon (degrees), inside, concentration."""
        k = self.index[c]
        lat, lon, concentration = self.array(f"centroid_{part}")[k]
        return float(lat), float(lon), bool(self.array(f"centroid_inside_{part}")[k]), float(concentration)


@cache
def tables() -> Tables | None:
    """The bundled tables, or None when they are disabled or not shipped (then everything is computed).

    A file that exists but cannot be read raises :class:`~geodist.errors.DataError` when used.
    """
    if not _ENABLED["on"]:
        return None
    path = data_dir() / TABLES_FILE
    if not path.is_file():
        return None
    return Tables(path)
