"""Maps of a country pair: GeoJSON for GIS tools, PNG/SVG pictures, an HTML map.

Every map shows both territories; where they touch, the border they share (or
the point where they meet) and otherwise the nearest-border geodesic; the
capitals and the geodesic between them (left out, and said so, when a country
has no capital in the data); and the published centre points. Geodesics are
drawn as curves (points along the true WGS84 geodesic), never as straight
lon/lat segments. Pictures use an azimuthal equidistant projection centred on
the midpoint of the capital-to-capital geodesic (else of the nearest-border
geodesic, else on the middle of the shared border): distances from that centre
are true, and the pair shows without the distortion of a world map, across
±180° too. The HTML map is a self-contained Leaflet page (see
:mod:`geodist._map_html`). matplotlib is optional (``pip install 'geodist[map]'``),
only for pictures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geodist._records import line_geometry
from geodist.countries import Country, country_pair
from geodist.datasets import source
from geodist.distance import Distance, Method, distance
from geodist.engine.geodesic import WGS84, LatLon
from geodist.errors import MissingExtraError, OutputFormatError, OutputPathError

__all__ = [
    "FORMATS",
    "TILES",
    "MissingExtraError",
    "check_output",
    "pair_features",
    "shared_border",
    "write_map",
]

FORMATS = (".png", ".svg", ".html", ".geojson")
"""File name extensions :func:`write_map` writes (``.json`` is taken as ``.geojson``)."""
TILES = ("osm", "none")
"""Base maps of the HTML map: OpenStreetMap tiles (loaded from the web), or none (works offline)."""

_PATH_POINTS = 200
_ROUND_DEG = 9
"""Boundary coordinates are rounded to 1e-9° (0.1 mm) before the shared border is cut out: the
data's two copies of a border can differ in the last bits, which would break the line into pieces."""
_STRAY_POINT_DEG = 1e-6
"""A point of contact this close (degrees, ~0.1 m) to a shared line is part of that line."""
_OVERLAP_M2 = 1.0
"""Territories that overlap by more than this area (m²) have their overlap's outline drawn as shared."""
_ANTIPODE_MARGIN_M = 2_000_000.0
"""Polygons that come this close to the antipode of the picture's centre are left out of pictures
(the azimuthal equidistant projection tears there; they are never in view)."""
_SEGMENT_DEG = 0.5
"""Longest edge, in degrees, before projecting: longer edges are split so that they bend as drawn."""
FILL = {"first": "#8fb8de", "second": "#f2c28b"}
"""Territory fill colours (first and second country) in pictures and in the HTML map without tiles."""
_SHARED = "#d62728"


def _require(module: str, purpose: str) -> Any:
    try:
        return __import__(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs {module}, which is not installed; run: pip install 'geodist[map]'"
        ) from None


def check_output(output: str | Path) -> Path:
    """Check that a map can be written to ``output``; return it as a Path.

    Raises
    ------
    OutputFormatError
        The extension is not one of :data:`FORMATS` (a ``ValueError``).
    OutputPathError
        The path is a folder, its folder does not exist, or it cannot be written
        there (an ``OSError``).
    """
    path = Path(output)
    try:
        return _checked(path)
    except OutputPathError:
        raise
    except OSError as exc:  # a name the file system refuses (too long, ...), met while checking
        raise OutputPathError(f"cannot write {_short(str(path))}: {exc.strerror or exc}") from None


def _checked(path: Path) -> Path:
    if path.is_dir():
        raise OutputPathError(
            f"{_short(str(path))} is a folder; give a file name such as {_short(str(path / 'map.png'))}"
        )
    suffix = path.suffix.lower()
    if suffix not in (*FORMATS, ".json"):
        shown = f"{suffix!r}" if suffix else "no extension"
        raise OutputFormatError(
            f"cannot write {_short(path.name)!r} ({shown}): use a .png, .svg, .html or .geojson file name"
        )
    folder = path.parent
    if not folder.exists():
        raise OutputPathError(
            f"cannot write {_short(str(path))}: folder {_short(str(folder))} does not exist"
        )
    if not folder.is_dir():
        raise OutputPathError(f"cannot write {_short(str(path))}: {_short(str(folder))} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputPathError(f"cannot write {_short(str(path))}: permission denied")
    return path


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _path_lines(d: Distance) -> list[list[list[float]]]:
    """A distance's geodesic as the parts of a GeoJSON MultiLineString, cut at ±180° (RFC 7946, 3.1.9).

    The cut is where the geodesic crosses the antimeridian (:func:`geodist._records.line_geometry`).
    """
    geometry = line_geometry(d.path(_PATH_POINTS))
    coordinates: list[list[list[float]]] = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "LineString" else coordinates  # type: ignore[list-item]


def shared_border(a: shapely.MultiPolygon, b: shapely.MultiPolygon) -> tuple[shapely.Geometry, float]:
    """Where two territories meet: the common part of their boundaries, and their overlap's area.

    Parameters
    ----------
    a, b : shapely.MultiPolygon
        Territories in (longitude, latitude) degrees.

    Returns
    -------
    geometry : shapely.Geometry
        Lines (merged) where the boundaries coincide, plus the points where they
        only touch; where the territories overlap by more than 1 m² (a country
        inside another's outline, as the Vatican in Italy's), the outline of the
        overlap too. Empty when they do not meet.
    overlap_m2 : float
        Area of the overlap on the WGS84 ellipsoid, square metres (0 when they only touch).
    """
    common = shapely.intersection(_rounded_boundary(a), _rounded_boundary(b))
    overlap = shapely.intersection(a, b)
    polygons = [p for p in shapely.get_parts(overlap) if isinstance(p, shapely.Polygon) and not p.is_empty]
    overlap_m2 = abs(WGS84.geometry_area_perimeter(shapely.MultiPolygon(polygons))[0]) if polygons else 0.0
    if overlap_m2 > _OVERLAP_M2:
        common = shapely.union(common, shapely.MultiPolygon(polygons).boundary)
    else:
        overlap_m2 = 0.0
    parts = shapely.get_parts(common)
    lines = [g for g in parts if isinstance(g, shapely.LineString) and not g.is_empty]
    merged = shapely.line_merge(shapely.MultiLineString(lines)) if lines else None
    points = [
        g
        for g in parts
        if isinstance(g, shapely.Point) and (merged is None or merged.distance(g) > _STRAY_POINT_DEG)
    ]
    pieces = [*([] if merged is None else shapely.get_parts(merged)), *points]
    return shapely.GeometryCollection(pieces), overlap_m2


def _rounded_boundary(territory: shapely.MultiPolygon) -> shapely.Geometry:
    return shapely.transform(territory.boundary, lambda xy: np.round(xy, _ROUND_DEG))


def _shared_feature(a: Country, b: Country) -> dict[str, Any]:
    """The GeoJSON feature of the border two touching territories share."""
    contact, overlap_m2 = shared_border(a.territory, b.territory)
    lines = [
        [list(p) for p in g.coords] for g in shapely.get_parts(contact) if isinstance(g, shapely.LineString)
    ]
    points = [[g.x, g.y] for g in shapely.get_parts(contact) if isinstance(g, shapely.Point)]
    if not lines and not points:  # they meet, but not on a boundary we can cut out: the touch point
        touch = distance(a, b, Method.BORDER).start
        points = [[touch.lon, touch.lat]]
    geometries = []
    if lines:
        geometries.append({"type": "MultiLineString", "coordinates": lines})
    if points:
        geometries.append({"type": "MultiPoint", "coordinates": points})
    geometry = (
        geometries[0] if len(geometries) == 1 else {"type": "GeometryCollection", "geometries": geometries}
    )
    length_m = sum(WGS84.line_length([p[0] for p in line], [p[1] for p in line]) for line in lines)
    contact_kind = "line" if lines and not points else "point" if points and not lines else "line and point"
    properties: dict[str, Any] = {
        "kind": "shared_border",
        "contact": contact_kind,
        "distance_m": 0.0,
        "distance_km": 0.0,
        "method": Method.BORDER.value,
        "length_km": round(length_m / 1000, 3),
        "length_method": "sum of WGS84 geodesics between consecutive boundary vertices (approximate:"
        " the data draws edges straight in longitude/latitude)",
        "overlap_km2": round(overlap_m2 / 1e6, 6),
    }
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def pair_features(first: str | Country, second: str | Country, *, data: str | None = None) -> dict[str, Any]:
    """The map's content as a GeoJSON FeatureCollection (lon/lat, WGS84).

    Features, by their ``kind`` property:

    - ``territory`` (two): ``role`` first/second, ``id``, ``name``, ``capital`` (None when
      the data has none);
    - ``shared_border`` when the territories touch: the common border as a MultiLineString,
      the points where they only touch as a MultiPoint (a GeometryCollection when both),
      with ``contact`` ("line", "point" or "line and point"), ``length_km`` and
      ``overlap_km2``; otherwise ``nearest_border``, the geodesic between the nearest points;
    - ``capitals``, the geodesic between the capitals, when both have one;
    - ``capital`` and ``centre`` points.

    Lines are split at ±180° (RFC 7946). The collection's ``notes`` (a foreign member)
    say what is left out, e.g. a country without a capital; ``boundaries`` (another)
    names the data set the territories come from, which ``data`` chooses
    ("naturalearth", the default, or "osm": :mod:`geodist.datasets`).

    Examples
    --------
    >>> fc = pair_features("Somaliland", "Somalia")
    >>> sorted(f["properties"]["kind"] for f in fc["features"])
    ['capital', 'centre', 'shared_border', 'territory', 'territory']
    >>> fc["notes"]
    ['Somaliland has no capital in the data: no capital-to-capital line']
    """
    a, b = country_pair(first, second)
    if data is not None:
        a, b = a.on(data), b.on(data)
    # Touching territories are 0 apart (geodist's rule, as in distance()); the nearest-points search,
    # the slow part of distance(), is needed only for territories that do not touch.
    touching = bool(shapely.intersects(a.territory, b.territory))
    border = None if touching else distance(a, b, Method.BORDER)
    features: list[dict[str, Any]] = []
    notes: list[str] = []
    for c, role in ((a, "first"), (b, "second")):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "territory",
                    "role": role,
                    "id": c.id,
                    "name": c.name,
                    "capital": c.capital.name if c.capital else None,
                },
                "geometry": shapely.geometry.mapping(c.territory),
            }
        )
    lines = []
    if border is None or border.shares_border:
        features.append(_shared_feature(a, b))
    else:
        lines.append(("nearest_border", border))
    missing = [c.name for c in (a, b) if c.capital is None]
    if missing:
        notes.append(
            f"{' and '.join(missing)} {'has' if len(missing) == 1 else 'have'} no capital in the data:"
            " no capital-to-capital line"
        )
    else:
        lines.append(("capitals", distance(a, b, Method.CAPITAL)))
    for kind, d in lines:
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": kind,
                    "distance_m": d.distance_m,
                    "distance_km": round(d.km, 3),
                    "method": d.method.value,
                },
                "geometry": {"type": "MultiLineString", "coordinates": _path_lines(d)},
            }
        )
    for c in (a, b):
        for kind, point, label in (
            ("capital", c.capital.location if c.capital else None, c.capital.name if c.capital else None),
            ("centre", c.centre, f"centre point of {c.name}"),
        ):
            if point is not None:
                features.append(
                    {
                        "type": "Feature",
                        "properties": {"kind": kind, "id": c.id, "name": label},
                        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
                    }
                )
    boundaries = "; ".join(dict.fromkeys(source(c.data) for c in (a, b)))
    return {"type": "FeatureCollection", "features": features, "notes": notes, "boundaries": boundaries}


def write_map(
    first: str | Country,
    second: str | Country,
    output: str | Path,
    *,
    tiles: str = "osm",
    data: str | None = None,
) -> Path:
    """Write a map of the pair to ``output`` (.geojson, .png, .svg or .html); return its path.

    Parameters
    ----------
    first, second : str or Country
        The two countries.
    output : str or Path
        The file to write; its extension chooses the format. It is checked before
        any work starts.
    tiles : {"osm", "none"}
        The HTML map's base map: OpenStreetMap tiles, loaded from the web when the
        page is opened, or "none" for the territories alone (the page then needs no
        network at all). Ignored by the other formats.
    data : {"naturalearth", "osm"}, optional
        The boundary data set, as for :func:`pair_features`; the map names it.

    Raises
    ------
    OutputFormatError
        For an unsupported extension or ``tiles`` value (a ``ValueError``).
    OutputPathError
        When the file cannot be written there (an ``OSError``).
    MissingExtraError
        When a .png or .svg map is asked for and matplotlib is missing.
    """
    path = check_output(output)
    if tiles not in TILES:
        raise OutputFormatError(f"unknown tiles {_short(str(tiles))!r}: use one of {', '.join(TILES)}")
    suffix = path.suffix.lower()
    if suffix in {".png", ".svg"}:
        _require("matplotlib", "a .png or .svg map")
    collection = pair_features(first, second, data=data)
    try:
        if suffix in {".geojson", ".json"}:
            path.write_text(json.dumps(collection), encoding="utf-8")
        elif suffix == ".html":
            from geodist._map_html import html_page

            path.write_text(html_page(collection, _centre(collection), tiles=tiles), encoding="utf-8")
        else:
            _write_picture(collection, path)
    except OSError as exc:
        raise OutputPathError(f"cannot write {_short(str(path))}: {exc.strerror or exc}") from exc
    return path


def _centre(collection: dict[str, Any]) -> LatLon:
    """Midpoint of the capitals' geodesic, else of the nearest-border one, else the shared border's middle."""
    by_kind = {f["properties"]["kind"]: f for f in collection["features"]}
    feature = by_kind.get("capitals") or by_kind.get("nearest_border")
    if feature is not None:
        coords = [pt for part in feature["geometry"]["coordinates"] for pt in part]
        (lon1, lat1), (lon2, lat2) = coords[0], coords[-1]
        az, _, dist = WGS84.inv(lon1, lat1, lon2, lat2)
        lon, lat, _ = WGS84.fwd(lon1, lat1, az, dist / 2)
        return LatLon(lat, lon)
    shared = shapely.geometry.shape(by_kind["shared_border"]["geometry"])
    lines = [
        g for g in shapely.get_parts(shared) if isinstance(g, shapely.MultiLineString | shapely.LineString)
    ]
    if lines:
        longest = max(shapely.get_parts(shapely.union_all(lines)), key=lambda g: g.length)
        middle = longest.interpolate(0.5, normalized=True)
    else:
        middle = shapely.get_parts(shapely.get_parts(shared)[0])[0]
    return LatLon(middle.y, middle.x)


def _write_picture(collection: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pyproj
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path as MplPath

    centre = _centre(collection)
    aeqd = pyproj.Transformer.from_crs(
        "EPSG:4326",
        f"+proj=aeqd +lat_0={centre.lat} +lon_0={centre.lon} +datum=WGS84 +units=m",
        always_xy=True,
    )

    def xy(coords: Any) -> tuple[np.ndarray, np.ndarray]:
        arr = np.asarray(coords, dtype=float).reshape(-1, 2)
        x, y = aeqd.transform(arr[:, 0], arr[:, 1])
        return np.asarray(x), np.asarray(y)

    fig, ax = plt.subplots(figsize=(9, 9))
    extent: list[tuple[float, float]] = []
    features = collection["features"]
    territories = sorted(
        (f for f in features if f["properties"]["kind"] == "territory"),
        key=lambda f: -shapely.area(shapely.geometry.shape(f["geometry"])),
    )
    for f in territories:  # the larger first, so that an enclave stays visible
        geom = shapely.segmentize(
            shapely.orient_polygons(shapely.geometry.shape(f["geometry"])), _SEGMENT_DEG
        )
        for poly in shapely.get_parts(geom):
            if not _in_view(poly, centre):
                continue
            vertices, codes = [], []
            for ring in (poly.exterior, *poly.interiors):
                x, y = xy(ring.coords)
                vertices.append(np.column_stack([x, y]))
                codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(x) - 2) + [MplPath.CLOSEPOLY])
            patch = PathPatch(
                MplPath(np.concatenate(vertices), np.concatenate(codes)),
                facecolor=FILL[f["properties"]["role"]],
                edgecolor="#555555",
                lw=0.3,
            )
            ax.add_patch(patch)
    legend = []
    for f in features:
        kind = f["properties"]["kind"]
        if kind == "shared_border":
            shape = shapely.geometry.shape(f["geometry"])
            for g in shapely.get_parts(shapely.get_parts(shape)):
                x, y = xy(g.coords)
                if isinstance(g, shapely.LineString):
                    ax.plot(x, y, color=_SHARED, lw=2.5, solid_capstyle="round")
                else:
                    ax.plot(x, y, "o", color=_SHARED, ms=9, mfc="none", mew=2.5)
                extent += list(zip(x.tolist(), y.tolist(), strict=True))
            if f["properties"]["contact"] == "point":
                legend.append((_SHARED, "none", "they touch at a point"))
            else:
                legend.append((_SHARED, "-", f"shared border: {f['properties']['length_km']:,.1f} km"))
        elif f["geometry"]["type"] == "MultiLineString":
            style = {"nearest_border": ("#d62728", "-"), "capitals": ("#2c2c2c", "--")}[kind]
            for part in f["geometry"]["coordinates"]:
                xs, ys = aeqd.transform([p[0] for p in part], [p[1] for p in part])
                ax.plot(xs, ys, color=style[0], ls=style[1], lw=2)
                extent += list(zip(xs, ys, strict=True))
            label = f"{'nearest border' if kind == 'nearest_border' else 'capitals'}: {f['properties']['distance_km']:,.1f} km"
            legend.append((style[0], style[1], label))
            mid = f["geometry"]["coordinates"][0][len(f["geometry"]["coordinates"][0]) // 2]
            x, y = aeqd.transform(mid[0], mid[1])
            ax.annotate(
                label,
                (x, y),
                xytext=(6, 6),
                textcoords="offset points",
                color=style[0],
                fontsize=10,
                weight="bold",
            )
        elif kind in {"capital", "centre"}:
            x, y = aeqd.transform(*f["geometry"]["coordinates"])
            marker = "*" if kind == "capital" else "x"
            ax.plot(x, y, marker=marker, color="#111111" if kind == "capital" else "#7a3db8", ms=11)
            ax.annotate(
                f["properties"]["name"], (x, y), xytext=(5, -12), textcoords="offset points", fontsize=8
            )
            extent.append((x, y))
    if extent:
        xs, ys = zip(*extent, strict=True)
        span = max(max(xs) - min(xs), max(ys) - min(ys), 5_000) * 0.75
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        ax.set_xlim(cx - span, cx + span)
        ax.set_ylim(cy - span, cy + span)
    _scale_bar(ax)
    names = {t["properties"]["role"]: t["properties"]["name"] for t in territories}
    handles: list[Any] = [
        Rectangle((0, 0), 1, 1, facecolor=FILL[role], edgecolor="#555555", label=names[role])
        for role in ("first", "second")
    ]
    handles += [
        Line2D([], [], color=c, ls=ls, lw=2, marker="o" if ls == "none" else None, mfc="none", label=text)
        for c, ls, text in legend
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.9)
    ax.set_title(
        f"{names['first']} – {names['second']}: WGS84 geodesics, azimuthal equidistant projection centred at {centre}",
        fontsize=9,
    )
    if collection.get("notes") or collection.get("boundaries"):
        ax.text(
            0.5,
            -0.02,
            "; ".join([*collection.get("notes", []), f"boundaries: {collection.get('boundaries')}"]),
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=9,
        )
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _in_view(polygon: shapely.Polygon, centre: LatLon) -> bool:
    """False for a polygon near or around the antipode of ``centre``, where the projection tears."""
    lon, lat = np.asarray(polygon.exterior.coords).T
    _, _, dist = WGS84.inv(np.full(len(lon), centre.lon), np.full(len(lon), centre.lat), lon, lat)
    half_circumference = 20_003_931.46  # pole to pole on WGS84 (GeographicLib), metres
    if np.max(dist) > half_circumference - _ANTIPODE_MARGIN_M:
        return False
    antipode_lon = (centre.lon + 360.0) % 360.0 - 180.0
    return not polygon.covers(shapely.Point(antipode_lon, -centre.lat))


def _scale_bar(ax: Any) -> None:
    """A scale bar in km (true along lines through the projection centre)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    raw = (x1 - x0) / 5
    nice = 10 ** np.floor(np.log10(raw))
    length = max(n * nice for n in (1, 2, 5) if n * nice <= raw)
    x, y = x0 + (x1 - x0) * 0.05, y0 + (y1 - y0) * 0.05
    ax.plot([x, x + length], [y, y], color="black", lw=3)
    ax.annotate(f"{length / 1000:,.0f} km", (x, y), xytext=(0, 6), textcoords="offset points", fontsize=9)
