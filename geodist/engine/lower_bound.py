"""A cheap lower bound of the WGS84 geodesic distance, for pruning candidate pairs.

The border search (:mod:`geodist.engine.border`) discards edge pairs whose
distance cannot beat the best found so far. Measuring every candidate with
GeographicLib costs about 1.2 µs a pair; Lambert's formula for long lines
(Lambert 1942, "The distance between two widely separated points on the
surface of the earth", J. Washington Academy of Sciences 32(5), 125–130), in
numpy, about 0.23 µs. Against GeographicLib (Karney 2013) on 4 million random
pairs, Lambert's distance exceeds the geodesic by at most 2.0e-6 of its length
below 2 radians of arc on the auxiliary sphere (12,700 km) and 5.1e-6 below
2.5 radians (15,900 km); it degrades towards antipodes (1e-3 past 3.1 radians).
The bound subtracts 5e-5 of the length and a metre (ten times the worst error
seen), and past 2.5 radians the exact geodesic is used instead.
``tests/test_lower_bound.py`` checks the bound on random pairs on every run.

Nothing is measured with this bound: it only decides what need not be measured.
Every distance geodist reports is an exact geodesic.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from geodist.engine.geodesic import WGS84, WGS84_A_M, WGS84_F

__all__ = ["LAMBERT_MARGIN", "auxiliary_units", "geodesic_lower_bound_m", "lambert_m"]

LAMBERT_MARGIN = (5e-5, 1.0)
"""The bound is Lambert's distance times (1 - 5e-5), less 1 metre."""

_EXACT_BEYOND_RAD = 2.5
"""Arc on the auxiliary sphere from which the exact geodesic is used, radians."""


def auxiliary_units(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    """Unit vectors (n, 3) of points on the auxiliary sphere: reduced latitude, same longitude (degrees in).

    The reduced latitude is tan β = (1 - f) tan φ. Prepared once per boundary
    piece, they make the bound a few multiplications per pair.
    """
    beta = np.arctan((1 - WGS84_F) * np.tan(np.radians(lat)))
    lam = np.radians(lon)
    cos_beta = np.cos(beta)
    return np.column_stack([cos_beta * np.cos(lam), cos_beta * np.sin(lam), np.sin(beta)])


def _arc_and_lambert(
    first: NDArray[np.float64], second: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Arc σ on the auxiliary sphere (radians) and Lambert's distance (m) between unit vectors, row by row.

    sin²(σ/2) is a quarter of the squared chord; with P and Q the half sum and
    half difference of the reduced latitudes, sin P cos Q and cos P sin Q are
    the half sum and half difference of their sines (the vectors' z).
    """
    step = first - second
    h = np.clip(np.einsum("ij,ij->i", step, step) / 4.0, 0.0, 1.0)  # sin²(σ/2)
    sigma = 2.0 * np.arcsin(np.sqrt(h))
    sin_sigma = 2.0 * np.sqrt(h * (1.0 - h))
    sum_z, diff_z = (first[:, 2] + second[:, 2]) / 2.0, (second[:, 2] - first[:, 2]) / 2.0
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (sigma - sin_sigma) * sum_z**2 / (1.0 - h)
        y = (sigma + sin_sigma) * diff_z**2 / h
    correction = np.where(h > 0, x + y, 0.0)
    return sigma, WGS84_A_M * (sigma - WGS84_F / 2 * correction)


def lambert_m(
    lon1: NDArray[np.float64], lat1: NDArray[np.float64], lon2: NDArray[np.float64], lat2: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Lambert's long-line distance on WGS84, metres (an approximation; degrees in, lon/lat order)."""
    return _arc_and_lambert(auxiliary_units(lon1, lat1), auxiliary_units(lon2, lat2))[1]


def geodesic_lower_bound_m(
    lon1: NDArray[np.float64],
    lat1: NDArray[np.float64],
    lon2: NDArray[np.float64],
    lat2: NDArray[np.float64],
    units1: NDArray[np.float64] | None = None,
    units2: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """A lower bound of the WGS84 geodesic distance between each pair of points, metres.

    Longitudes and latitudes in degrees (arrays of one length); ``units1`` and
    ``units2``, if given, are their :func:`auxiliary_units`, prepared. Lambert's
    distance less :data:`LAMBERT_MARGIN`; the exact geodesic where the arc is
    long (near-antipodal pairs). Never negative.
    """
    first = auxiliary_units(lon1, lat1) if units1 is None else units1
    second = auxiliary_units(lon2, lat2) if units2 is None else units2
    sigma, distance = _arc_and_lambert(first, second)
    scale, metres = LAMBERT_MARGIN
    bound = np.maximum(distance * (1 - scale) - metres, 0.0)
    far = np.flatnonzero(~(sigma < _EXACT_BEYOND_RAD))
    if len(far):
        bound[far] = WGS84.inv(lon1[far], lat1[far], lon2[far], lat2[far])[2]
    return bound
