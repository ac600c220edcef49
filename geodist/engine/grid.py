"""Close pairs between two sets of 3D points with a uniform grid, in numpy only.

The border search of a single pair of territories needs two queries on the
ECEF centres of their edge chunks: the closest pair, and every pair within a
radius. A k-d tree (scipy ``cKDTree``) answers them, but importing scipy costs
far more than the queries at this size (a few thousand chunks), so one pair is
answered by hashing the points into cubes of the query radius: the points
within r of a point lie in its own cube or one of the 26 around it. Many-pair
paths (tables, ``nearest``) keep the k-d trees, built once per territory.

Both queries return pairs in lexicographic order of (index in a, index in b)
with distances computed by :func:`numpy.linalg.norm`, as the tree path of
:mod:`geodist.engine.border` does, so that the two give identical results.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["close_pairs", "nearest_pairs", "pair_gaps"]

_MIN_CELL_M = 1_000.0
"""Smallest grid cell, metres (keeps the cell keys within int64 for any radius)."""

_NEIGHBOURS = np.array(
    [(x, y, z) for x in (-1, 0, 1) for y in (-1, 0, 1) for z in (-1, 0, 1)], dtype=np.int64
)


def pair_gaps(
    a: NDArray[np.float64], b: NDArray[np.float64], i: NDArray[np.intp], j: NDArray[np.intp]
) -> NDArray[np.float64]:
    """3D distance between ``a[i]`` and ``b[j]``, row by row, metres."""
    return np.asarray(np.linalg.norm(a[i] - b[j], axis=1), dtype=np.float64)


def close_pairs(
    a: NDArray[np.float64], b: NDArray[np.float64], radius: float
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """Every pair (i, j) with ``|a[i] - b[j]| <= radius``, sorted by (i, j), and its distance.

    Parameters
    ----------
    a, b : ndarray, shape (m, 3) and (n, 3)
        Points, metres.
    radius : float
        Largest distance kept, metres.
    """
    empty = np.empty(0, dtype=np.intp)
    if len(a) == 0 or len(b) == 0 or not radius >= 0:
        return empty, empty, np.empty(0)
    cell = max(float(radius), _MIN_CELL_M)
    low = np.minimum(a.min(axis=0), b.min(axis=0))
    cube_a = np.floor((a - low) / cell).astype(np.int64) + 1
    cube_b = np.floor((b - low) / cell).astype(np.int64) + 1
    span = np.maximum(cube_a.max(axis=0), cube_b.max(axis=0)) + 2
    weights = np.array([span[1] * span[2], span[2], 1], dtype=np.int64)
    key_b = cube_b @ weights
    order = np.argsort(key_b, kind="stable")
    sorted_keys = key_b[order]
    wanted = (cube_a @ weights)[:, None] + (_NEIGHBOURS @ weights)[None, :]
    start = np.searchsorted(sorted_keys, wanted, side="left").ravel()
    count = np.searchsorted(sorted_keys, wanted, side="right").ravel() - start
    total = int(count.sum())
    i = np.repeat(np.arange(len(a) * len(_NEIGHBOURS)) // len(_NEIGHBOURS), count).astype(np.intp)
    k = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    j = order[np.repeat(start, count) + k].astype(np.intp)
    gap = pair_gaps(a, b, i, j)
    keep = gap <= radius
    i, j, gap = i[keep], j[keep], gap[keep]
    sort = np.lexsort((j, i))
    return i[sort], j[sort], gap[sort]


def nearest_pairs(
    a: NDArray[np.float64], b: NDArray[np.float64]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Every closest pair (i, j) of ``a`` and ``b`` (non-empty): all pairs at the least distance, in (i, j) order.

    A distance from one point of ``a`` to all of ``b`` bounds the answer; the
    grid is then searched with radii growing eightfold from far below that
    bound, and the first radius that finds a pair holds the closest ones.
    Returning every tie (coincident chunk centres of touching territories)
    keeps the answer independent of how it was searched.
    """
    # Widened a little so that the last search surely finds the pair that gave the bound.
    bound = float(np.linalg.norm(b - a[0], axis=1).min()) * (1 + 1e-9) + 1e-6
    radius = bound / 4096.0
    while True:
        i, j, gap = close_pairs(a, b, min(radius, bound))
        if len(i):
            least = gap == gap.min()
            return i[least], j[least]
        radius *= 8.0
