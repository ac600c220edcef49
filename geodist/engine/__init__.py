"""The geometry engine: exact geodesic distances between points, lines and polygons on WGS84.

This layer knows nothing of countries, names or the bundled data: it takes
shapely geometries in (longitude, latitude) degrees and returns metres on the
WGS84 ellipsoid (Karney 2013, GeographicLib via ``pyproj.Geod``). The country
registry, the command line and the Dask adapter all sit on it.

Modules
-------
geodesic
    :class:`LatLon`, the inverse geodesic problem, the shared ``pyproj.Geod``.
edges
    :class:`EdgeSet`: a geometry's boundary as pieces (edges split where they
    cross ±180° or turn), with the k-d tree inputs of their chunks.
grid
    A small k-d tree over chunk centres, in numpy, for the single-pair path.
border
    The exact nearest points between two edge sets, and from a point to an
    edge set: candidate pruning by chord bounds, then per-piece minimisation
    of the geodesic distance.
bulk
    Point-to-point geodesic distances for arrays.
centroid
    The centroid of a polygon on the ellipsoid.
geodesic_edges
    Densifying edges along geodesics, for data whose edges are geodesics.
repair
    Repairing polygons drawn in lon/lat (invalid rings, ±180° crossings, rings
    around a pole) into valid MultiPolygons within [-180, 180]: the rules the
    data build and bring-your-own boundaries share.
"""
