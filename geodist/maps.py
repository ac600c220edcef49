"""Maps of a country pair: GeoJSON for GIS tools, PNG/SVG pictures, an HTML map.

Every map shows both territories, the nearest-border geodesic, the capitals and
the geodesic between them, and the published centre points. Geodesics are
drawn as curves (points along the true WGS84 geodesic), never as straight
lon/lat segments. Pictures use an azimuthal equidistant projection centred on
the midpoint of the capital-to-capital geodesic: distances from that centre are
true, and the pair shows without the distortion of a world map, across ±180°
too. matplotlib and folium are optional (``pip install 'geodist[map]'``).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geodist.countries import Country, country_pair
from geodist.distance import Distance, Method, distance
from geodist.errors import GeodistError, InputValueError, echo
from geodist.geodesic import WGS84, LatLon

__all__ = ["MissingExtraError", "pair_features", "write_map"]

_PATH_POINTS = 200
_VIEW_RADIUS_M = 9_000_000.0
"""Polygons wholly farther than this from the map centre are left out of pictures (near the antipode)."""


class MissingExtraError(GeodistError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""


def _require(module: str, purpose: str) -> Any:
    try:
        return __import__(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs {module}, which is not installed; run: pip install 'geodist[map]'"
        ) from None


def _line(d: Distance) -> list[tuple[float, float]]:
    """(lon, lat) points along a distance's geodesic, longitudes continuous (may pass ±180)."""
    pts = d.path(_PATH_POINTS)
    lon = np.unwrap(np.radians([p.lon for p in pts]))
    return list(zip(np.degrees(lon).tolist(), [p.lat for p in pts], strict=True))


def _split_at_antimeridian(coords: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split a continuous-longitude line into parts within [-180, 180] (RFC 7946, section 3.1.9)."""
    line = shapely.LineString(coords)
    parts = []
    for k in range(-2, 3):
        piece = line.intersection(shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        for geom in shapely.get_parts(piece):
            if isinstance(geom, shapely.LineString) and not geom.is_empty:
                parts.append([(x - 360 * k, y) for x, y in geom.coords])
    return parts


def pair_features(first: str | Country, second: str | Country) -> dict[str, Any]:
    """The map's content as a GeoJSON FeatureCollection (lon/lat, WGS84)."""
    a, b = country_pair(first, second)
    border = distance(a, b, Method.BORDER)
    features: list[dict[str, Any]] = []
    for c, role in ((a, "first"), (b, "second")):
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "territory", "role": role, "id": c.id, "name": c.name},
                "geometry": shapely.geometry.mapping(c.territory),
            }
        )
    lines = [("nearest_border", border)]
    with contextlib.suppress(GeodistError):
        lines.append(("capitals", distance(a, b, Method.CAPITAL)))
    for kind, d in lines:
        parts = _split_at_antimeridian(_line(d))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": kind,
                    "distance_m": d.distance_m,
                    "distance_km": round(d.km, 3),
                    "method": d.method.value,
                },
                "geometry": {"type": "MultiLineString", "coordinates": parts},
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
    return {"type": "FeatureCollection", "features": features}


def write_map(first: str | Country, second: str | Country, output: str | Path) -> Path:
    """Write a map of the pair to ``output`` (.geojson, .png, .svg or .html); return its path.

    Raises
    ------
    InputValueError
        For an unsupported extension.
    MissingExtraError
        When the picture or HTML format needs an optional package that is missing.
    """
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in {".geojson", ".json", ".png", ".svg", ".html"}:
        raise InputValueError(
            f"cannot write {echo(path.name)}: use a .png, .svg, .html or .geojson file name"
        )
    if suffix in {".png", ".svg"}:
        _require("matplotlib", "a .png or .svg map")
    if suffix == ".html":
        _require("folium", "an .html map")
    collection = pair_features(first, second)
    if suffix in {".geojson", ".json"}:
        path.write_text(json.dumps(collection))
    elif suffix == ".html":
        _write_html(collection, path)
    else:
        _write_picture(collection, path)
    return path


def _centre(collection: dict[str, Any]) -> LatLon:
    """Midpoint of the capitals' geodesic (or of the nearest-border line)."""
    lines = {
        f["properties"]["kind"]: f
        for f in collection["features"]
        if f["geometry"]["type"] == "MultiLineString"
    }
    feature = lines.get("capitals") or lines["nearest_border"]
    coords = [pt for part in feature["geometry"]["coordinates"] for pt in part]
    (lon1, lat1), (lon2, lat2) = coords[0], coords[-1]
    az, _, dist = WGS84.inv(lon1, lat1, lon2, lat2)
    lon, lat, _ = WGS84.fwd(lon1, lat1, az, dist / 2)
    return LatLon(lat, lon)


def _write_picture(collection: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pyproj

    centre = _centre(collection)
    aeqd = pyproj.Transformer.from_crs(
        "EPSG:4326",
        f"+proj=aeqd +lat_0={centre.lat} +lon_0={centre.lon} +datum=WGS84 +units=m",
        always_xy=True,
    )

    def project(geom: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geom, lambda xy: np.column_stack(aeqd.transform(xy[:, 0], xy[:, 1])))

    fig, ax = plt.subplots(figsize=(9, 9))
    colours = {"first": "#8fb8de", "second": "#f2c28b"}
    extent = []
    for f in collection["features"]:
        kind = f["properties"]["kind"]
        if kind == "territory":
            geom = shapely.geometry.shape(f["geometry"])
            near = [p for p in shapely.get_parts(geom) if _within_view(p, centre)]
            projected = project(shapely.MultiPolygon(near)) if near else None
            if projected is not None:
                for poly in shapely.get_parts(projected):
                    ax.fill(
                        *poly.exterior.xy,
                        color=colours[f["properties"]["role"]],
                        ec="#555555",
                        lw=0.3,
                        label=None,
                    )
        elif f["geometry"]["type"] == "MultiLineString":
            style = {"nearest_border": ("#d62728", "-"), "capitals": ("#2c2c2c", "--")}[kind]
            for part in f["geometry"]["coordinates"]:
                xs, ys = aeqd.transform([p[0] for p in part], [p[1] for p in part])
                ax.plot(xs, ys, color=style[0], ls=style[1], lw=2)
                extent += list(zip(xs, ys, strict=True))
            label = f"{'nearest border' if kind == 'nearest_border' else 'capitals'}: {f['properties']['distance_km']:,.1f} km"
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
        else:
            x, y = aeqd.transform(*f["geometry"]["coordinates"])
            marker = "*" if kind == "capital" else "x"
            ax.plot(x, y, marker=marker, color="#111111" if kind == "capital" else "#7a3db8", ms=11)
            ax.annotate(
                f["properties"]["name"], (x, y), xytext=(5, -12), textcoords="offset points", fontsize=8
            )
            extent.append((x, y))
    if extent:
        xs, ys = zip(*extent, strict=True)
        span = max(max(xs) - min(xs), max(ys) - min(ys), 200_000) * 0.75
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        ax.set_xlim(cx - span, cx + span)
        ax.set_ylim(cy - span, cy + span)
    _scale_bar(ax)
    names = [
        f["properties"]["name"] for f in collection["features"] if f["properties"]["kind"] == "territory"
    ]
    ax.set_title(
        f"{names[0]} – {names[1]}: WGS84 geodesics, azimuthal equidistant projection centred at {centre}",
        fontsize=9,
    )
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _within_view(polygon: shapely.Polygon, centre: LatLon) -> bool:
    lon, lat = np.asarray(polygon.exterior.coords).T
    _, _, dist = WGS84.inv(np.full(len(lon), centre.lon), np.full(len(lon), centre.lat), lon, lat)
    return bool(np.max(dist) < _VIEW_RADIUS_M)


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


def _write_html(collection: dict[str, Any], path: Path) -> None:
    folium = _require("folium", "an .html map")
    centre = _centre(collection)
    fmap = folium.Map(location=[centre.lat, centre.lon], zoom_start=4, world_copy_jump=True)
    styles = {"first": "#3f7fbf", "second": "#e08a2c"}
    for f in collection["features"]:
        kind = f["properties"]["kind"]
        if kind == "territory":
            colour = styles[f["properties"]["role"]]
            folium.GeoJson(
                f,
                name=f["properties"]["name"],
                style_function=lambda _f, c=colour: {"color": c, "weight": 1, "fillOpacity": 0.35},
            ).add_to(fmap)
        elif f["geometry"]["type"] == "MultiLineString":
            colour = "#d62728" if kind == "nearest_border" else "#222222"
            folium.GeoJson(
                f,
                name=kind,
                tooltip=f"{kind}: {f['properties']['distance_km']:,.1f} km",
                style_function=lambda _f, c=colour: {"color": c, "weight": 3},
            ).add_to(fmap)
        else:
            lon, lat = f["geometry"]["coordinates"]
            folium.Marker([lat, lon], tooltip=f["properties"]["name"]).add_to(fmap)
    folium.LayerControl().add_to(fmap)
    fmap.save(str(path))
