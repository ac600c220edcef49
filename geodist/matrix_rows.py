"""A border matrix measured row by row, in this process or in worker processes.

Touching or overlapping territories are set to 0 first (one STRtree query);
each row's remaining pairs are then measured in one batch of the engine
(:func:`geodist.distance.measure_pairs`), which finds for each pair what
:func:`geodist.distance` finds. The bundled countries (:mod:`geodist.matrix`) and
your own boundaries (:mod:`geodist.boundary_set`) share this.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

import numpy as np
import shapely

from geodist.distance import Measured, measure_pairs
from geodist.territory import PreparedTerritory

__all__ = ["Row", "border_rows_m", "measure_row", "measure_row_m"]

Row = tuple[int, list[int]]
"""A row of the matrix: the index of its territory and those of the territories to measure it to."""

RowResult = tuple[int, list[int], np.ndarray]


def measure_row(territories: Sequence[PreparedTerritory], i: int, js: list[int]) -> list[Measured]:
    """The border measurement from ``territories[i]`` to each of ``territories[js]``, in one batch.

    Exactly what :func:`geodist.distance` finds for each pair
    (:func:`geodist.distance.measure_pairs`).
    """
    return measure_pairs([(territories[i], territories[j]) for j in js])


def measure_row_m(territories: Sequence[PreparedTerritory], i: int, js: list[int]) -> np.ndarray:
    """Border distances in metres from ``territories[i]`` to each of ``territories[js]``, in one batch."""
    return np.array([m.distance_m for m in measure_row(territories, i, js)])


def border_rows_m(
    territories: Sequence[PreparedTerritory],
    *,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    load: Callable[[], Sequence[PreparedTerritory]],
    elsewhere: Callable[[list[Row]], Iterable[RowResult]] | None = None,
) -> np.ndarray:
    """Border distances in metres between every pair of ``territories`` (symmetric, zero diagonal).

    Parameters
    ----------
    territories : sequence of PreparedTerritory
        The territories, in the matrix's order.
    workers : int, optional
        Processes; all cores when None, 1 to stay in this process.
    progress : callable, optional
        ``progress(done, total)`` after each row.
    load : callable
        Builds the same territories in a worker process (picklable: a module-level
        function or a ``functools.partial`` of one).
    elsewhere : callable, optional
        Measures the rows somewhere else (a Dask cluster), yielding ``(i, js, metres)``.
    """
    n = len(territories)
    out = np.full((n, n), np.nan)
    np.fill_diagonal(out, 0.0)
    geometries = [t.geometry for t in territories]
    touching_i, touching_j = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    out[touching_i, touching_j] = 0.0
    rows = [(i, [j for j in range(i + 1, n) if np.isnan(out[i, j])]) for i in range(n)]
    rows = [(i, js) for i, js in rows if js]
    workers = workers or os.cpu_count() or 1
    results: Iterable[RowResult]
    if elsewhere is not None and rows:
        results = elsewhere(rows)
    elif workers > 1 and len(rows) > 1:
        results = _in_workers(rows, workers, load)
    else:
        results = ((i, js, measure_row_m(territories, i, js)) for i, js in rows)
    for done, (i, js, values) in enumerate(results, start=1):
        out[i, js] = out[js, i] = values
        if progress:
            progress(done, len(rows))
    return out


def _in_workers(
    rows: list[Row], workers: int, load: Callable[[], Sequence[PreparedTerritory]]
) -> Iterator[RowResult]:
    # Fork (where available) shares the loaded data with the workers.
    context = get_context("fork" if "fork" in get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(load,)) as pool:
        for (i, js), values in zip(rows, pool.map(_row_worker, rows, chunksize=1), strict=True):
            yield i, js, values


_WORKER: dict[str, Sequence[PreparedTerritory]] = {}


def _init_worker(load: Callable[[], Sequence[PreparedTerritory]]) -> None:
    _WORKER["territories"] = load()


def _row_worker(row: Row) -> np.ndarray:
    i, js = row
    return measure_row_m(_WORKER["territories"], i, js)
