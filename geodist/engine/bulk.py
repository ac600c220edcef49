"""Point-to-point geodesic distances in bulk: array in, array out.

A thin, checked layer over ``pyproj.Geod.inv`` (GeographicLib, Karney 2013) on
WGS84, with latitude-first names so that no call can swap the order silently.
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geodist.engine.geodesic import WGS84
from geodist.errors import CoordinateError, InputTypeError

__all__ = ["distances"]


@overload
def distances(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...
@overload
def distances(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> NDArray[np.float64]: ...
@overload
def distances(lat1: Any, lon1: Any) -> NDArray[np.float64]: ...


def distances(lat1: Any, lon1: Any, lat2: Any = None, lon2: Any = None) -> float | NDArray[np.float64]:
    """Geodesic distances on WGS84, in metres, between paired points.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float or array_like
        Latitudes and longitudes in degrees; broadcast together. Or, with two
        arguments, two GeoSeries (or shapely point arrays) of points in
        EPSG:4326, whose x is longitude and y latitude.

    Returns
    -------
    float or ndarray
        A float when every input is a scalar, else an ndarray of the broadcast shape.

    Raises
    ------
    CoordinateError
        A latitude outside [-90, 90] or an infinite value, anywhere; a NaN in scalar input;
        a GeoSeries in another CRS; text that is not a number.
    InputTypeError
        Three coordinates, or values that are not numbers at all (objects, complex numbers).

    Notes
    -----
    NaN in array input gives NaN for that pair (so that missing data passes
    through a table), never an error; so does a missing (None) or empty point
    in a GeoSeries. Longitudes may take any finite value
    (-180 and 180, or 10 and 370, are the same meridian).

    Examples
    --------
    >>> round(distances(90.0, 0.0, -90.0, 0.0), 2)
    20003931.46
    >>> distances([0, 0], [0, 0], [0, 1], [1, 0]).round(3)
    array([111319.491, 110574.389])
    """
    if (lat2 is None) != (lon2 is None):
        raise InputTypeError("give four coordinates (lat1, lon1, lat2, lon2) or two series of points")
    if lat2 is None and lon2 is None:
        (lat1, lon1), (lat2, lon2) = _points(lat1), _points(lon1)
    scalar = all(np.ndim(v) == 0 for v in (lat1, lon1, lat2, lon2))
    try:
        values = [np.asarray(v, dtype=np.float64) for v in (lat1, lon1, lat2, lon2)]
    except TypeError as exc:
        raise InputTypeError(f"coordinates must be numbers of degrees: {exc}") from None
    except ValueError as exc:
        raise CoordinateError(f"coordinates must be numbers of degrees: {exc}") from None
    try:
        arrays = np.broadcast_arrays(*values)
    except ValueError as exc:
        raise CoordinateError(f"coordinate arrays do not broadcast together: {exc}") from None
    la1, lo1, la2, lo2 = (np.ascontiguousarray(a) for a in arrays)
    _check(la1, lo1, la2, lo2, scalar)
    _, _, dist = WGS84.inv(lo1, la1, lo2, la2, return_back_azimuth=False)
    out = np.asarray(dist, dtype=np.float64)
    return float(out.reshape(-1)[0]) if scalar else out.reshape(la1.shape)


def _check(
    lat1: NDArray[np.float64],
    lon1: NDArray[np.float64],
    lat2: NDArray[np.float64],
    lon2: NDArray[np.float64],
    scalar: bool,
) -> None:
    for name, values in (("latitude", lat1), ("latitude", lat2)):
        bad = np.abs(values) > 90.0  # NaN compares False: passes through
        if bad.any():
            raise CoordinateError(f"{name} {float(values[bad].flat[0])!r} is out of range [-90, 90] degrees")
    for values in (lat1, lon1, lat2, lon2):
        if np.isinf(values).any():
            raise CoordinateError("coordinates must be finite degrees; got an infinity")
        if scalar and np.isnan(values).any():
            raise CoordinateError("a coordinate is NaN; give finite degrees")


def _points(series: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(lat, lon) arrays of a GeoSeries or array of shapely points in EPSG:4326."""
    crs = getattr(series, "crs", None)
    if crs is not None and not crs.equals("EPSG:4326"):
        raise CoordinateError(
            f"points must be in EPSG:4326 (lon/lat degrees), not {crs.name!r}; use .to_crs(4326)"
        )
    import shapely

    geoms = np.asarray(getattr(series, "values", series), dtype=object)
    if not all(g is None or isinstance(g, shapely.Point) for g in geoms.ravel()):
        raise CoordinateError("expected points (shapely Point or a GeoSeries of points)")
    # A missing (None) or empty point is missing data: NaN coordinates, so NaN for its pair.
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    lat, lon = np.full(geoms.shape, np.nan), np.full(geoms.shape, np.nan)
    lat[present], lon[present] = shapely.get_y(geoms[present]), shapely.get_x(geoms[present])
    return lat, lon
