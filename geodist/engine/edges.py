"""Boundary edges of a territory, prepared for nearest-distance search.

Convention (see README, "Edge convention"): the source draws each boundary edge
as a straight line in longitude/latitude, so an edge from (lon0, lat0) to
(lon1, lat1) is the curve ``(lon0 + u*dlon, lat0 + u*dlat)``, u in [0, 1], on
the WGS84 surface. Long edges are split into pieces along that same curve (the
geometry does not change), so that every piece is short enough for tight bounds.

For search, each piece gets a ball in Earth-centred, Earth-fixed (ECEF)
coordinates that contains it: centred on the ECEF position of its lon/lat
midpoint, with a radius slightly above the larger half-chord. Because a straight
3D chord is never longer than the geodesic between the same points, distances
between balls give rigorous lower bounds for geodesic distances. Pieces are
sorted along a Morton (Z-order) curve and grouped into consecutive chunks with
their own enclosing ball. Chunk centres are searched with k-d trees (scipy
``cKDTree``) when many pairs share a territory, and with a numpy grid
(:mod:`geodist.engine.grid`) for one pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import NDArray

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

from geodist.engine.geodesic import WGS84_A_M, WGS84_F

__all__ = ["EdgeSet", "ecef"]

MAX_PIECE_M = 10_000.0
"""Longest chord of an edge piece, metres; longer edges are split along their lon/lat line."""

CHUNK = 8
"""Most consecutive pieces per chunk (the coarse level of the search)."""

CHUNK_JUMP_M = 20_000.0
"""A new chunk starts wherever consecutive pieces are farther apart than this, metres."""

_E2 = WGS84_F * (2 - WGS84_F)

# Arc length over chord of a 10 km piece of a lon/lat line is below 1 + 1e-4
# everywhere except within 0.1° of a pole; 1 % covers that with a wide margin.
_ARC_OVER_CHORD = 1.01
_RADIUS_PAD_M = 1.0


def ecef(lon_deg: NDArray[np.float64], lat_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """ECEF coordinates (metres, shape (n, 3)) of surface points on WGS84, from lon/lat degrees."""
    lon = np.radians(lon_deg)
    lat = np.radians(lat_deg)
    sin_lat = np.sin(lat)
    n = WGS84_A_M / np.sqrt(1 - _E2 * sin_lat**2)
    cos_lat = np.cos(lat)
    return np.column_stack([n * cos_lat * np.cos(lon), n * cos_lat * np.sin(lon), n * (1 - _E2) * sin_lat])


def _length_bound_m(start: NDArray[np.float64], end: NDArray[np.float64]) -> NDArray[np.float64]:
    """An upper bound of the length of each lon/lat-straight edge from ``start`` to ``end`` (lon, lat degrees), metres.

    Along the edge latitude and longitude change at constant rates, so its length
    is at most sqrt((M Δφ)² + (p Δλ)²) with M the largest meridional radius of
    curvature of WGS84 (a²/b, at the poles) and p the largest parallel radius
    over the edge's latitudes (at the latitude nearest the equator).
    """
    lat0, lat1 = np.radians(start[:, 1]), np.radians(end[:, 1])
    nearest_equator = np.where(lat0 * lat1 <= 0, 0.0, np.minimum(np.abs(lat0), np.abs(lat1)))
    parallel = WGS84_A_M * np.cos(nearest_equator) / np.sqrt(1 - _E2 * np.sin(nearest_equator) ** 2)
    meridional = WGS84_A_M / np.sqrt(1 - _E2)  # a²/b
    dlat, dlon = np.abs(lat1 - lat0), np.radians(np.abs(end[:, 0] - start[:, 0]))
    return np.asarray(np.hypot(meridional * dlat, parallel * dlon), dtype=np.float64)


def _morton_key(xyz: NDArray[np.float64]) -> NDArray[np.uint64]:
    """Z-order key of ECEF points: 21 bits per axis, interleaved."""
    scaled = ((xyz + WGS84_A_M) / (2 * WGS84_A_M) * (2**21 - 1)).clip(0, 2**21 - 1).astype(np.uint64)
    key = np.zeros(len(xyz), dtype=np.uint64)
    for bit in range(21):
        for axis in range(3):
            key |= ((scaled[:, axis] >> np.uint64(bit)) & np.uint64(1)) << np.uint64(3 * bit + axis)
    return key


@dataclass(frozen=True)
class EdgeSet:
    """The boundary pieces of one territory.

    Attributes
    ----------
    lon0, lat0, lon1, lat1 : ndarray
        Start and end of each piece, degrees.
    part : ndarray of int
        Index of the polygon (in the territory's MultiPolygon) each piece bounds.
    centre : ndarray, shape (n, 3)
        ECEF position of each piece's lon/lat midpoint, metres.
    sagitta : ndarray
        3D distance between the piece's midpoint and the midpoint of its chord,
        metres: a bound on how far the piece bends away from the geodesic
        between its ends (used to decide which solutions to polish).
    radius : ndarray
        Radius of a ball about ``centre`` that contains the piece, metres. It also
        bounds the geodesic distance from the piece's midpoint to any of its
        points (the arc of half a piece is shorter than this radius), which
        gives geodesic lower bounds by the triangle inequality.
    """

    lon0: NDArray[np.float64]
    lat0: NDArray[np.float64]
    lon1: NDArray[np.float64]
    lat1: NDArray[np.float64]
    part: NDArray[np.intp]
    centre: NDArray[np.float64]
    radius: NDArray[np.float64]
    sagitta: NDArray[np.float64]

    @classmethod
    def from_multipolygon(cls, territory: shapely.MultiPolygon) -> EdgeSet:
        """Split every ring of ``territory`` into pieces and compute their balls."""
        ring_geoms, part_of_ring = shapely.get_rings(list(territory.geoms), return_index=True)
        coords, ring_of_coord = shapely.get_coordinates(ring_geoms, return_index=True)
        return cls.from_segments(coords, ring_of_coord, part_of_ring)

    @classmethod
    def from_segments(
        cls, coords: NDArray[np.float64], line_of_coord: NDArray[np.intp], part_of_line: NDArray[np.intp]
    ) -> EdgeSet:
        """Split the segments of lines (or rings) into pieces and compute their balls.

        ``coords`` are (lon, lat) vertices, ``line_of_coord`` the line each
        belongs to (consecutive vertices of one line form its segments), and
        ``part_of_line`` the part number each line's pieces carry.
        """
        same_line = line_of_coord[:-1] == line_of_coord[1:]
        start, end = coords[:-1][same_line], coords[1:][same_line]
        part = part_of_line[line_of_coord[:-1][same_line]]
        keep = np.any(start != end, axis=1)
        start, end, part = start[keep], end[keep], part[keep]

        chord = np.linalg.norm(ecef(end[:, 0], end[:, 1]) - ecef(start[:, 0], start[:, 1]), axis=1)
        # An edge much longer than its chord (along a parallel over a large span of
        # longitude, up to the whole 360° of a polar cap's edge, whose chord is 0) is
        # split by its length, so that every piece stays short.
        length = _length_bound_m(start, end)
        pieces = np.maximum(
            1, np.ceil(np.where(length > _ARC_OVER_CHORD * chord, length, chord) / MAX_PIECE_M)
        )
        pieces = pieces.astype(np.intp)
        edge = np.repeat(np.arange(len(start)), pieces)
        first = np.repeat(np.cumsum(pieces) - pieces, pieces)
        k = np.arange(len(edge)) - first
        u0 = k / pieces[edge]
        u1 = (k + 1) / pieces[edge]
        delta = end[edge] - start[edge]
        p0 = start[edge] + delta * u0[:, None]
        p1 = start[edge] + delta * u1[:, None]
        # Snap the last piece of each edge to the exact end vertex.
        last = k == pieces[edge] - 1
        p1[last] = end[edge][last]

        mid = (p0 + p1) / 2
        centre = ecef(mid[:, 0], mid[:, 1])
        # Order pieces along a Morton (Z-order) curve of their centres, so that
        # consecutive pieces, and hence chunks, are close together in space.
        order = np.argsort(_morton_key(centre), kind="stable")
        p0, p1, centre, edge, part = p0[order], p1[order], centre[order], edge[order], part[edge][order]
        xyz0, xyz1 = ecef(p0[:, 0], p0[:, 1]), ecef(p1[:, 0], p1[:, 1])
        half = np.maximum(np.linalg.norm(xyz0 - centre, axis=1), np.linalg.norm(xyz1 - centre, axis=1))
        sagitta = np.linalg.norm(centre - (xyz0 + xyz1) / 2, axis=1)
        return cls(
            lon0=p0[:, 0].copy(),
            lat0=p0[:, 1].copy(),
            lon1=p1[:, 0].copy(),
            lat1=p1[:, 1].copy(),
            part=part,
            centre=centre,
            radius=half * _ARC_OVER_CHORD + _RADIUS_PAD_M,
            sagitta=sagitta,
        )

    def __len__(self) -> int:
        return len(self.lon0)

    @cached_property
    def chunk_centre(self) -> NDArray[np.float64]:
        """ECEF centre of each chunk of :data:`CHUNK` consecutive pieces (mean of their centres)."""
        return (
            np.add.reduceat(self.centre, self._chunk_starts, axis=0)
            / np.diff(np.r_[self._chunk_starts, len(self)])[:, None]
        )

    @cached_property
    def chunk_radius(self) -> NDArray[np.float64]:
        """Radius of a ball about :attr:`chunk_centre` containing every piece of the chunk."""
        owner = self.chunk_of_piece
        reach = np.linalg.norm(self.centre - self.chunk_centre[owner], axis=1) + self.radius
        return np.maximum.reduceat(reach, self._chunk_starts)

    @cached_property
    def mid_lon(self) -> NDArray[np.float64]:
        """Longitude of each piece's lon/lat midpoint (a point on the piece), degrees."""
        return (self.lon0 + self.lon1) / 2

    @cached_property
    def mid_lat(self) -> NDArray[np.float64]:
        """Latitude of each piece's lon/lat midpoint, degrees."""
        return (self.lat0 + self.lat1) / 2

    @cached_property
    def mid_units(self) -> NDArray[np.float64]:
        """Each piece midpoint's unit vector on the auxiliary sphere (:func:`geodist.engine.lower_bound.auxiliary_units`)."""
        from geodist.engine.lower_bound import auxiliary_units

        return auxiliary_units(self.mid_lon, self.mid_lat)

    @cached_property
    def chunk_rep(self) -> NDArray[np.intp]:
        """The piece of each chunk whose centre is nearest the chunk's; its midpoint represents the chunk.

        A representative in the middle of its chunk keeps :attr:`chunk_geo_radius`,
        and so the pruning of chunk pairs, about half as wide as one at an end.
        """
        owner = self.chunk_of_piece
        gap = np.linalg.norm(self.centre - self.chunk_centre[owner], axis=1)
        order = np.lexsort((gap, owner))
        return order[np.r_[True, owner[order][1:] != owner[order][:-1]]].astype(np.intp)

    @cached_property
    def chunk_geo_radius(self) -> NDArray[np.float64]:
        """Bound on the geodesic distance from a chunk's representative point to any of its points, metres.

        The 3D reach (chord to each piece centre plus the piece's radius) times
        :data:`_ARC_OVER_CHORD`, which bounds arc over chord for chords of a few
        hundred kilometres (the ratio is 1 + c²/24R² + ...: 1.0001 at 300 km).
        """
        owner = self.chunk_of_piece
        reach = np.linalg.norm(self.centre - self.centre[self.chunk_rep][owner], axis=1) * _ARC_OVER_CHORD
        return np.maximum.reduceat(reach + self.radius, self._chunk_starts)

    @cached_property
    def chunk_tree(self) -> cKDTree:
        """k-d tree of :attr:`chunk_centre`."""
        from scipy.spatial import cKDTree  # imported on first search, not with geodist

        return cKDTree(self.chunk_centre)

    @cached_property
    def piece_tree(self) -> cKDTree:
        """k-d tree of the piece centres (the bulk point search, :mod:`geodist.points`)."""
        from scipy.spatial import cKDTree

        return cKDTree(self.centre)

    @cached_property
    def _chunk_starts(self) -> NDArray[np.intp]:
        """First piece of each chunk: every CHUNK pieces, and wherever the Z-order curve jumps."""
        step = np.linalg.norm(np.diff(self.centre, axis=0), axis=1)
        jumps = np.flatnonzero(step > CHUNK_JUMP_M) + 1
        return np.union1d(np.arange(0, len(self), CHUNK), jumps).astype(np.intp)

    @cached_property
    def chunk_start(self) -> NDArray[np.intp]:
        """First piece of each chunk."""
        return self._chunk_starts

    @cached_property
    def chunk_size(self) -> NDArray[np.intp]:
        """Number of pieces in each chunk."""
        return np.diff(np.r_[self._chunk_starts, len(self)]).astype(np.intp)

    @cached_property
    def chunk_of_piece(self) -> NDArray[np.intp]:
        """Index of the chunk each piece belongs to."""
        return np.repeat(np.arange(len(self._chunk_starts)), np.diff(np.r_[self._chunk_starts, len(self)]))

    def chunk_pieces(self, chunk: int) -> slice:
        """The pieces of one chunk, as a slice."""
        starts = self._chunk_starts
        return slice(int(starts[chunk]), int(starts[chunk + 1]) if chunk + 1 < len(starts) else len(self))


def edges_from_lines(lines: shapely.Geometry) -> EdgeSet:
    """The pieces of a (Multi)LineString's segments, as an :class:`EdgeSet`.

    Each segment is an edge drawn as a straight line in lon/lat, like a ring's,
    and is split into pieces exactly as ring edges are (:meth:`EdgeSet.from_segments`);
    ``part`` is the index of the line in the MultiLineString.
    """
    parts = list(shapely.get_parts(lines))
    coords, line_of_coord = shapely.get_coordinates(parts, return_index=True)
    return EdgeSet.from_segments(coords, line_of_coord, np.arange(len(parts)))
