"""Exact nearest points between territories, and from a point to a territory, on WGS84.

The distance between two territories that do not touch is the minimum, over
every pair of boundary edges, of the geodesic distance between points of the two
edges, with each edge taken as drawn: a straight line in longitude/latitude
(see :mod:`geodist.engine.edges`). It is computed in three steps:

1. an upper bound U, the geodesic between two actual boundary points found
   from close edge-chunk centres in ECEF coordinates (every closest pair on a
   numpy grid for one small pair, :mod:`geodist.engine.grid`; a local closest
   pair by k-d trees otherwise: any actual pair bounds the answer, and the
   answer is the same);
2. pruning: an edge pair can hold the minimum only if the 3D distance between
   the balls that contain the two edges is at most U (a chord is never longer
   than the geodesic, so this never discards the answer), and only if a lower
   bound of the geodesic between their midpoints, less their radii, is at most
   U (:mod:`geodist.engine.lower_bound`; U is tightened on the way);
3. exact minimisation on the surviving pairs: for every end point of one edge,
   the distance to the other edge is minimised along its lon/lat line with a
   safeguarded root search on the derivative, which is known in closed form from
   the geodesic's azimuth at the moving end (Karney 2013, eq. 3 and the
   reduced-length relations; pyproj ``Geod.inv`` gives the azimuth); then the
   pairs whose end-point solution is within twice the edges' bend (sagitta) of
   the best are polished by alternating minimisation, which finds minima inside
   both edges (nearly parallel coasts).

Every distance is a WGS84 geodesic computed by GeographicLib (Karney 2013) via
pyproj; nothing is measured on a sphere or in a plane. Tests compare the result
with an exhaustive brute force on finely densified edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
import shapely.ops
from numpy.typing import NDArray

from geodist.engine.edges import EdgeSet, ecef
from geodist.engine.geodesic import WGS84, WGS84_A_M, WGS84_F
from geodist.engine.grid import close_pairs, nearest_pairs, pair_gaps
from geodist.engine.lower_bound import geodesic_lower_bound_m

__all__ = ["NearestPoints", "nearest_between", "nearest_between_many", "nearest_to_point", "shared_point"]

_E2 = WGS84_F * (2 - WGS84_F)
_DEG = np.pi / 180.0
_U_TOL = 1e-9
"""Bracket width in edge parameter at which the 1D search stops (below 0.01 mm on a 10 km piece)."""
_MAX_ITER = 60
_POLISH_PAD_M = 0.01
"""Added to the bend margin that decides which end-point solutions are polished, metres."""
_POLISH_ROUNDS = 6
_SPHERE_SLACK = 0.998
_EMPTY = np.empty(0, dtype=np.intp)
_TREE_PAIRS = 2
"""From this many pairs in one call, the search uses k-d trees (scipy, built once per territory);
a single pair of small territories uses a numpy grid, which spares the cold start the import of
scipy (same answers)."""
_GRID_MAX_PAIRS = 250_000
"""Chunk pairs (chunks of one territory times chunks of the other) above which even a single pair
uses the k-d trees: the grid's radius query is all-pairs when the territories are far apart
(United States–Australia: 6.4 s on the grid, 72 ms with trees)."""
_TOUCH_M = 1e-3
"""Boundaries closer than this (metres) meet: a shared point, not two points."""
_PROBE = 32
"""Piece pairs measured first to tighten the upper bound before the rest are pruned."""
_DESCENT = 4
"""Rounds of alternating nearest chunks that refine the first upper bound."""
_TIGHTEN = 8
"""Candidate pairs of least lower bound measured exactly to tighten the upper bound, at each level."""
_POLISH_TOL_M = 1e-5
"""Polishing stops when no row improves by more than this, metres."""


@dataclass(frozen=True, slots=True)
class NearestPoints:
    """The nearest points of two boundaries (or a point and a boundary).

    Attributes
    ----------
    distance_m : float
        Geodesic distance between them on WGS84, metres.
    lon_a, lat_a, lon_b, lat_b : float
        The two points, degrees.
    part_a, part_b : int
        Index of the polygon of each territory the point lies on (-1 for a bare point).
    """

    distance_m: float
    lon_a: float
    lat_a: float
    lon_b: float
    lat_b: float
    part_a: int
    part_b: int


def _geodesic(
    lon1: NDArray[np.float64], lat1: NDArray[np.float64], lon2: NDArray[np.float64], lat2: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Distance (m) and forward azimuth at the second point (degrees), vectorised."""
    _, azi2, dist = WGS84.inv(lon1, lat1, lon2, lat2, return_back_azimuth=False)
    return np.asarray(dist, dtype=np.float64), np.asarray(azi2, dtype=np.float64)


def _slope(
    azi2: NDArray[np.float64], lat: NDArray[np.float64], dlon: NDArray[np.float64], dlat: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Derivative of the distance as the far end moves along its edge, metres per unit of u.

    Moving the end point by (dnorth, deast) metres changes the geodesic length by
    cos(azi2)*dnorth + sin(azi2)*deast. One degree of latitude is M*pi/180 metres
    (meridional radius M), one degree of longitude N*cos(lat)*pi/180 (prime-vertical
    radius N).
    """
    phi = lat * _DEG
    w2 = 1 - _E2 * np.sin(phi) ** 2
    n = WGS84_A_M / np.sqrt(w2)
    m = WGS84_A_M * (1 - _E2) / w2**1.5
    a = azi2 * _DEG
    return (np.cos(a) * m * dlat + np.sin(a) * n * np.cos(phi) * dlon) * _DEG


def point_to_edges(
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    lon0: NDArray[np.float64],
    lat0: NDArray[np.float64],
    lon1: NDArray[np.float64],
    lat1: NDArray[np.float64],
    ends: _Ends | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Minimum geodesic distance from each point to each matching edge (lon/lat line).

    All arrays have one entry per (point, edge) row. Returns the distance in
    metres and the edge parameter u in [0, 1] of the nearest point on the edge.
    The distance along a short lon/lat line is unimodal in u, so the minimum is at
    an end (when the derivative there points outward) or at the root of the
    derivative, found by a bracketed Illinois (modified regula falsi) search.
    ``ends``, if given, holds the geodesics from each point to the edge's two
    ends, already measured (:func:`_corner_ends`).
    """
    dlon, dlat = lon1 - lon0, lat1 - lat0
    if ends is None:
        d0, az0 = _geodesic(lon, lat, lon0, lat0)
        d1, az1 = _geodesic(lon, lat, lon1, lat1)
    else:
        d0, az0, d1, az1 = ends
    g0 = np.where(d0 > 0, _slope(az0, lat0, dlon, dlat), 0.0)
    g1 = np.where(d1 > 0, _slope(az1, lat1, dlon, dlat), 0.0)
    best = np.where(d1 < d0, d1, d0)
    u_best = np.where(d1 < d0, 1.0, 0.0)

    active = np.flatnonzero((g0 < 0) & (g1 > 0))
    lo = np.zeros(len(active))
    hi = np.ones(len(active))
    glo, ghi = g0[active], g1[active]
    side = np.zeros(len(active), dtype=np.int8)
    for _ in range(_MAX_ITER):
        if len(active) == 0:
            break
        u = (lo * ghi - hi * glo) / (ghi - glo)
        u = np.where((u <= lo) | (u >= hi) | ~np.isfinite(u), (lo + hi) / 2, u)
        lon_u = lon0[active] + u * dlon[active]
        lat_u = lat0[active] + u * dlat[active]
        d, az = _geodesic(lon[active], lat[active], lon_u, lat_u)
        g = np.where(d > 0, _slope(az, lat_u, dlon[active], dlat[active]), 0.0)
        better = d < best[active]
        best[active[better]] = d[better]
        u_best[active[better]] = u[better]
        right = g > 0  # minimum lies left of u: move hi
        # Illinois: halve the stale end's value when the same end is kept twice.
        glo = np.where(right & (side == 1), glo / 2, glo)
        ghi = np.where(~right & (side == -1), ghi / 2, ghi)
        hi = np.where(right, u, hi)
        ghi = np.where(right, g, ghi)
        lo = np.where(right, lo, u)
        glo = np.where(right, glo, g)
        side = np.where(right, 1, -1).astype(np.int8)
        done = ((hi - lo) < _U_TOL) | (g == 0)
        keep = ~done
        active, lo, hi, glo, ghi, side = active[keep], lo[keep], hi[keep], glo[keep], ghi[keep], side[keep]
    return best, u_best


_Ends = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]
"""Distance (m) and arrival azimuth (degrees) from a point to an edge's start, then to its end."""


def _corner_ends(a: NDArray[np.float64], b: NDArray[np.float64]) -> _Ends:
    """The end geodesics of the four end-point problems of each piece pair, from four inverse problems.

    ``a`` and ``b`` are rows of (lon0, lat0, lon1, lat1). The problems are, in
    order: a's start to piece b, a's end to piece b, b's start to piece a, b's
    end to piece a. Each corner geodesic a_e–b_f serves two of them: its length
    and its azimuth at b_f for "a_e to piece b", its azimuth at a_e turned by
    180° (the direction of arrival from b_f) for "b_f to piece a".
    """
    n = len(a)
    start = (
        np.concatenate([a[:, 0], a[:, 0], a[:, 2], a[:, 2]]),
        np.concatenate([a[:, 1], a[:, 1], a[:, 3], a[:, 3]]),
    )
    end = (
        np.concatenate([b[:, 0], b[:, 2], b[:, 0], b[:, 2]]),
        np.concatenate([b[:, 1], b[:, 3], b[:, 1], b[:, 3]]),
    )
    azi1, azi2, dist = WGS84.inv(start[0], start[1], end[0], end[1])
    dist, azi1, azi2 = (np.asarray(x, dtype=np.float64).reshape(4, n) for x in (dist, azi1, azi2))
    back = azi1 + 180.0  # corner e*2+f: arrival at a_e from b_f
    # rows: 0 = a0-b0, 1 = a0-b1, 2 = a1-b0, 3 = a1-b1
    d0 = np.concatenate([dist[0], dist[2], dist[0], dist[1]])
    az0 = np.concatenate([azi2[0], azi2[2], back[0], back[1]])
    d1 = np.concatenate([dist[1], dist[3], dist[2], dist[3]])
    az1 = np.concatenate([azi2[1], azi2[3], back[2], back[3]])
    return d0, az0, d1, az1


def _close_chunks(a: EdgeSet, b: EdgeSet) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """A pair of chunks, one of each edge set, whose centres are locally closest (k-d trees).

    A few chunks of ``a`` spread along it are probed for their nearest chunk of
    ``b``; from the closest, nearest neighbours are taken in turn until they
    settle (at most :data:`_DESCENT` rounds).
    """
    probed = np.arange(0, len(a.chunk_centre), max(1, len(a.chunk_centre) // _PROBE))
    gaps, nearest = b.chunk_tree.query(a.chunk_centre[probed])
    k = int(np.argmin(gaps))
    i, j = int(probed[k]), int(nearest[k])
    for _ in range(_DESCENT):
        i_next = int(a.chunk_tree.query(b.chunk_centre[j])[1])
        j_next = int(b.chunk_tree.query(a.chunk_centre[i_next])[1])
        if (i_next, j_next) == (i, j):
            break
        i, j = i_next, j_next
    return np.array([i], dtype=np.intp), np.array([j], dtype=np.intp)


def _candidate_pairs(a: EdgeSet, b: EdgeSet, trees: bool) -> tuple[NDArray[np.intp], NDArray[np.intp], float]:
    """Piece pairs that may hold the minimum, and the upper bound used to prune them.

    Two lower bounds prune: the 3D distance between enclosing balls (cheap, in
    k-d trees), then a lower bound of the geodesic between representative
    points (Lambert's formula less a margin) minus the geodesic radii (triangle
    inequality; tight at any distance).
    """
    # Upper bound: the representative points of two chunks whose centres are close:
    # with trees, a local closest pair (a few chunks probed, then alternating nearest
    # neighbours); on the grid, every closest pair. Any actual pair of boundary
    # points bounds the answer; a closer one prunes more.
    if trees:
        ca, cb = _close_chunks(a, b)
    else:
        ca, cb = nearest_pairs(a.chunk_centre, b.chunk_centre)
    ra, rb = a.chunk_rep[ca], b.chunk_rep[cb]
    upper = float(_geodesic(a.mid_lon[ra], a.mid_lat[ra], b.mid_lon[rb], b.mid_lat[rb])[0].min())

    # Chunk pairs whose balls are within the bound, then whose geodesic bound is.
    # Both indexes give the pairs in (chunk_a, chunk_b) order with numpy's gaps.
    reach = chord_limit(upper) + a.chunk_radius.max() + b.chunk_radius.max()
    if trees:
        near = a.chunk_tree.sparse_distance_matrix(b.chunk_tree, reach, output_type="ndarray")
        chunk_a, chunk_b = near["i"].astype(np.intp), near["j"].astype(np.intp)
        gap = pair_gaps(a.chunk_centre, b.chunk_centre, chunk_a, chunk_b)
        order = np.lexsort((chunk_b, chunk_a))
        order = order[gap[order] <= reach]
        chunk_a, chunk_b, gap = chunk_a[order], chunk_b[order], gap[order]
    else:
        chunk_a, chunk_b, gap = close_pairs(a.chunk_centre, b.chunk_centre, reach)
    ok = gap - a.chunk_radius[chunk_a] - b.chunk_radius[chunk_b] <= chord_limit(upper)
    chunk_a, chunk_b = chunk_a[ok], chunk_b[ok]
    ra, rb = a.chunk_rep[chunk_a], b.chunk_rep[chunk_b]
    geo, upper = _bound_and_tighten(a, b, ra, rb, upper)
    ok = geo - a.chunk_geo_radius[chunk_a] - b.chunk_geo_radius[chunk_b] <= upper
    chunk_a, chunk_b = chunk_a[ok], chunk_b[ok]

    # Every piece pair of the surviving chunk pairs, pruned the same two ways.
    ia, ib = _expand(a, b, chunk_a, chunk_b)
    lower = np.linalg.norm(a.centre[ia] - b.centre[ib], axis=1) - a.radius[ia] - b.radius[ib]
    keep = lower <= chord_limit(upper)
    ia, ib, lower = ia[keep], ib[keep], lower[keep]
    # Tighten the bound on the few most promising piece pairs before measuring the rest.
    first = np.argpartition(lower, _PROBE)[:_PROBE] if len(lower) > _PROBE else np.arange(len(lower))
    probe, _ = _geodesic(
        a.mid_lon[ia[first]], a.mid_lat[ia[first]], b.mid_lon[ib[first]], b.mid_lat[ib[first]]
    )
    upper = min(upper, float(probe.min(initial=np.inf)))
    keep = lower <= chord_limit(upper)
    ia, ib = ia[keep], ib[keep]
    geo, upper = _bound_and_tighten(a, b, ia, ib, upper)
    keep = geo - a.radius[ia] - b.radius[ib] <= upper
    return ia[keep], ib[keep], upper


def _bound_and_tighten(
    a: EdgeSet, b: EdgeSet, ia: NDArray[np.intp], ib: NDArray[np.intp], upper: float
) -> tuple[NDArray[np.float64], float]:
    """Lower bounds of the geodesics between the midpoints of pieces ``a[ia]`` and ``b[ib]``, and a tighter upper bound.

    The bounds are Lambert's distance less a margin (:mod:`geodist.engine.lower_bound`);
    the upper bound is tightened with exact geodesics between the :data:`_TIGHTEN`
    pairs of least bound, which are actual boundary points.
    """
    lon_a, lat_a, lon_b, lat_b = a.mid_lon[ia], a.mid_lat[ia], b.mid_lon[ib], b.mid_lat[ib]
    bound = geodesic_lower_bound_m(lon_a, lat_a, lon_b, lat_b, a.mid_units[ia], b.mid_units[ib])
    if len(bound):
        best = np.argpartition(bound, _TIGHTEN)[:_TIGHTEN] if len(bound) > _TIGHTEN else np.arange(len(bound))
        exact, _ = _geodesic(lon_a[best], lat_a[best], lon_b[best], lat_b[best])
        upper = min(upper, float(exact.min()))
    return bound, upper


def _expand(
    a: EdgeSet, b: EdgeSet, chunk_a: NDArray[np.intp], chunk_b: NDArray[np.intp]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """All (piece of chunk_a[k], piece of chunk_b[k]) index pairs, for every k, vectorised."""
    start_a, size_a = a.chunk_start[chunk_a], a.chunk_size[chunk_a]
    start_b, size_b = b.chunk_start[chunk_b], b.chunk_size[chunk_b]
    count = size_a * size_b
    owner = np.repeat(np.arange(len(count)), count)
    k = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return start_a[owner] + k // size_b[owner], start_b[owner] + k % size_b[owner]


def chord_limit(geodesic_m: float) -> float:
    """The longest 3D chord two surface points a geodesic ``geodesic_m`` apart can have, metres.

    A chord is never longer than the geodesic. For long distances the bound is
    tightened with the arc-chord relation of a sphere of radius a, s = 2a asin(c/2a),
    scaled by :data:`_SPHERE_SLACK`: on WGS84 every geodesic is at least that long
    (the ratio's minimum, about 1 - f/2 = 0.99832, is reached between a pole and
    the equator and between equatorial antipodes; a test samples the relation). So an edge pair whose balls are
    farther apart than this cannot hold a geodesic shorter than ``geodesic_m``.
    """
    scaled = min(np.pi / 2, geodesic_m / (2 * WGS84_A_M * _SPHERE_SLACK))
    return float(min(geodesic_m, 2 * WGS84_A_M * np.sin(scaled)))


def nearest_between(a: EdgeSet, b: EdgeSet) -> NearestPoints:
    """Nearest points of two disjoint boundaries, exact on WGS84 for lon/lat-straight edges.

    The caller handles territories that touch or overlap (distance 0).
    """
    return nearest_between_many([(a, b)])[0]


@dataclass
class _Rows:
    """Candidate piece pairs of many territory pairs, one row each, with their coordinates."""

    pair: NDArray[np.intp]
    a: NDArray[np.float64]  # (n, 4): lon0, lat0, lon1, lat1 of the piece of the first territory
    b: NDArray[np.float64]  # (n, 4): the same for the second
    part_a: NDArray[np.intp]
    part_b: NDArray[np.intp]
    bend: NDArray[np.float64]  # sagitta of the two pieces together, metres

    def take(self, index: NDArray[np.intp]) -> _Rows:
        return _Rows(
            self.pair[index],
            self.a[index],
            self.b[index],
            self.part_a[index],
            self.part_b[index],
            self.bend[index],
        )


def _piece_coords(edges: EdgeSet, index: NDArray[np.intp]) -> NDArray[np.float64]:
    return np.column_stack([edges.lon0[index], edges.lat0[index], edges.lon1[index], edges.lat1[index]])


def _at(
    piece: NDArray[np.float64], u: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Lon/lat of the point at parameter u on each piece (rows of lon0, lat0, lon1, lat1)."""
    return piece[:, 0] + u * (piece[:, 2] - piece[:, 0]), piece[:, 1] + u * (piece[:, 3] - piece[:, 1])


def _to_piece(
    lon: NDArray[np.float64], lat: NDArray[np.float64], piece: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    return point_to_edges(lon, lat, piece[:, 0], piece[:, 1], piece[:, 2], piece[:, 3])


def nearest_between_many(
    pairs: list[tuple[EdgeSet, EdgeSet]], *, trees: bool | None = None
) -> list[NearestPoints]:
    """:func:`nearest_between` for many pairs at once (one vectorised pass for all of them).

    ``trees`` chooses how edge chunks are searched: k-d trees (scipy) or a numpy
    grid (:mod:`geodist.engine.grid`); the answers are the same. By default trees serve
    calls of :data:`_TREE_PAIRS` pairs or more, and pairs of large territories
    (more than :data:`_GRID_MAX_PAIRS` chunk pairs).
    """
    chunks = []
    for k, (a, b) in enumerate(pairs):
        use_trees = trees if trees is not None else (len(pairs) >= _TREE_PAIRS or _grid_too_slow(a, b))
        ia, ib, _ = _candidate_pairs(a, b, use_trees)
        chunks.append(
            _Rows(
                np.full(len(ia), k),
                _piece_coords(a, ia),
                _piece_coords(b, ib),
                a.part[ia],
                b.part[ib],
                a.sagitta[ia] + b.sagitta[ib],
            )
        )
    rows = _Rows(*(np.concatenate([getattr(c, f) for c in chunks]) for f in _Rows.__dataclass_fields__))
    # Four problems per piece pair: each end of the first piece against the
    # second piece, and each end of the second against the first.
    n = len(rows.pair)
    rows = rows.take(np.tile(np.arange(n), 4))
    from_a = np.repeat([True, True, False, False], n)
    end_param = np.repeat([0.0, 1.0, 0.0, 1.0], n)
    lon_a, lat_a = _at(rows.a, end_param)
    lon_b, lat_b = _at(rows.b, end_param)
    piece = np.where(from_a[:, None], rows.b, rows.a)
    dist, t = point_to_edges(
        np.where(from_a, lon_a, lon_b),
        np.where(from_a, lat_a, lat_b),
        piece[:, 0],
        piece[:, 1],
        piece[:, 2],
        piece[:, 3],
        _corner_ends(rows.a[:n], rows.b[:n]),
    )
    u = np.where(from_a, end_param, t)
    v = np.where(from_a, t, end_param)

    best_per_pair = np.full(len(pairs), np.inf)
    np.minimum.at(best_per_pair, rows.pair, dist)
    # A minimum inside both pieces beats the best end-point solution by at most
    # twice how far the pieces bend from geodesics; polish every row that close.
    polish = np.flatnonzero(dist <= best_per_pair[rows.pair] + 2 * rows.bend + _POLISH_PAD_M)
    rows = rows.take(polish)
    dist, u, v = _polish(rows, dist[polish], u[polish], v[polish])

    order = np.lexsort((dist, rows.pair))
    first = order[np.r_[True, rows.pair[order][1:] != rows.pair[order][:-1]]]
    out = []
    for k in first:
        lon_a, lat_a = _at(rows.a[k : k + 1], u[k : k + 1])
        lon_b, lat_b = _at(rows.b[k : k + 1], v[k : k + 1])
        out.append(
            NearestPoints(
                float(dist[k]),
                float(lon_a[0]),
                float(lat_a[0]),
                float(lon_b[0]),
                float(lat_b[0]),
                int(rows.part_a[k]),
                int(rows.part_b[k]),
            )
        )
    return out


def _grid_too_slow(a: EdgeSet, b: EdgeSet) -> bool:
    return len(a.chunk_centre) * len(b.chunk_centre) > _GRID_MAX_PAIRS


def _polish(
    rows: _Rows, dist: NDArray[np.float64], u: NDArray[np.float64], v: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Alternating minimisation over (u, v) from the end-point solutions; never makes one worse.

    Each territory pair stops on its own, when none of its rows improves by
    :data:`_POLISH_TOL_M`, so a pair gets the same answer alone or in a batch.
    """
    dist, u, v = dist.copy(), u.copy(), v.copy()
    live = np.arange(len(dist))
    for _ in range(_POLISH_ROUNDS):
        if len(live) == 0:
            break
        part = rows.take(live)
        before = dist[live]
        d, v_new = _to_piece(*_at(part.a, u[live]), part.b)
        better = d < before
        now = np.where(better, d, before)
        v[live] = np.where(better, v_new, v[live])
        d, u_new = _to_piece(*_at(part.b, v[live]), part.a)
        better = d < now
        now = np.where(better, d, now)
        u[live] = np.where(better, u_new, u[live])
        dist[live] = now
        moved = np.zeros(int(rows.pair.max()) + 1, dtype=bool)
        moved[part.pair[before - now >= _POLISH_TOL_M]] = True
        live = live[moved[part.pair]]
    return dist, u, v


def nearest_to_point(lon: float, lat: float, b: EdgeSet) -> NearestPoints:
    """Nearest point of a boundary to a point, exact on WGS84 for lon/lat-straight edges."""
    p = ecef(np.array([lon]), np.array([lat]))[0]
    # One point against every piece centre: a pass in numpy, cheaper than building a tree.
    gap = np.linalg.norm(b.centre - p, axis=1)
    first = int(np.argmin(gap))
    upper, _ = _geodesic(
        np.array([lon]),
        np.array([lat]),
        np.array([(b.lon0[first] + b.lon1[first]) / 2]),
        np.array([(b.lat0[first] + b.lat1[first]) / 2]),
    )
    hits = np.flatnonzero(gap - b.radius <= upper[0])
    n = len(hits)
    dist, u = point_to_edges(
        np.full(n, lon), np.full(n, lat), b.lon0[hits], b.lat0[hits], b.lon1[hits], b.lat1[hits]
    )
    k = int(np.argmin(dist))
    j = hits[k]
    return NearestPoints(
        distance_m=float(dist[k]),
        lon_a=lon,
        lat_a=lat,
        lon_b=float(b.lon0[j] + u[k] * (b.lon1[j] - b.lon0[j])),
        lat_b=float(b.lat0[j] + u[k] * (b.lat1[j] - b.lat0[j])),
        part_a=-1,
        part_b=int(b.part[j]),
    )


def shared_point(
    a: shapely.MultiPolygon, b: shapely.MultiPolygon, boundaries: NearestPoints
) -> NearestPoints:
    """A point that two intersecting territories share, as a zero-length NearestPoints.

    Where their boundaries meet, the boundaries' nearest points (``boundaries``,
    from :func:`nearest_between`) are that point. Otherwise one territory lies
    inside the other: a point on the surface of the inner part is shared.
    """
    if boundaries.distance_m < _TOUCH_M:
        lon, lat = boundaries.lon_a, boundaries.lat_a
        return NearestPoints(0.0, lon, lat, lon, lat, boundaries.part_a, boundaries.part_b)
    for inner, outer, inner_is_a in ((a, b, True), (b, a, False)):
        for k, part in enumerate(inner.geoms):
            point = part.point_on_surface()
            if outer.covers(point):
                other = int(np.argmin(shapely.distance(list(outer.geoms), point)))
                part_a, part_b = (k, other) if inner_is_a else (other, k)
                return NearestPoints(0.0, point.x, point.y, point.x, point.y, part_a, part_b)
    pa, _ = shapely.ops.nearest_points(a, b)  # overlapping without either rule applying: slow but sure
    on_a = int(np.argmin(shapely.distance(list(a.geoms), pa)))
    on_b = int(np.argmin(shapely.distance(list(b.geoms), pa)))
    return NearestPoints(0.0, pa.x, pa.y, pa.x, pa.y, on_a, on_b)
