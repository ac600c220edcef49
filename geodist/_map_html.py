"""The HTML map: one self-contained page, Leaflet inlined, the pair's GeoJSON embedded.

The page is written here rather than by folium: folium links Leaflet, jQuery,
Bootstrap and Font Awesome from CDNs, and making it load nothing from the web
means overriding its class-level resource lists and avoiding its icon markers.
A page of some 100 lines with ``L.geoJSON`` layers needs none of that, and no
dependency. Leaflet 1.9.4's ``leaflet.js`` and ``leaflet.css`` come from the npm
package, bundled in ``boundaries/vendor/`` (BSD-2-Clause; see
``boundaries/README.md``). Points are drawn as circle markers, so that no
marker image is needed. With ``tiles="none"`` the page loads nothing at all;
with ``tiles="osm"`` only the base map's tiles come from the web, and the page
says so.
"""

from __future__ import annotations

import html
import json
from typing import Any

import shapely

from geodist._data import data_dir
from geodist.engine.geodesic import LatLon
from geodist.errors import DataError

__all__ = ["html_page"]

_OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
_NO_TILES_BACKGROUND = "#ffffff"

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<!-- Leaflet 1.9.4 (npm leaflet@1.9.4, BSD-2-Clause, (c) 2010-2023 Volodymyr Agafonkin, (c) 2010-2011 CloudMade) -->
<style>
__LEAFLET_CSS__
</style>
<style>
html, body, #map { height: 100%; margin: 0; }
#map { background: __BACKGROUND__; }
.geodist-panel { background: rgba(255, 255, 255, 0.92); padding: 6px 10px; font: 12px/1.4 sans-serif;
  max-width: 340px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); border-radius: 4px; }
.geodist-panel b { font-size: 13px; }
</style>
<script>
__LEAFLET_JS__
</script>
</head>
<body>
<div id="map"></div>
<script>
"use strict";
const data = __DATA__;
const settings = __SETTINGS__;
const map = L.map("map", {zoomSnap: 0.25});
if (settings.tiles) {
  L.tileLayer(settings.tiles.url, {maxZoom: 19, attribution: settings.tiles.attribution}).addTo(map);
}
// Shift each part by whole turns so that it lies within 180 degrees of the centre: the pair then
// shows side by side across the antimeridian (Leaflet draws longitudes beyond +-180 as they are).
function near(lon) { return lon + 360 * Math.round((settings.centre[1] - lon) / 360); }
function shiftRing(ring) { const d = near(ring[0][0]) - ring[0][0]; return ring.map(p => [p[0] + d, p[1]]); }
function shift(g) {
  switch (g.type) {
    case "Point": return {type: g.type, coordinates: [near(g.coordinates[0]), g.coordinates[1]]};
    case "MultiPoint": return {type: g.type, coordinates: g.coordinates.map(p => [near(p[0]), p[1]])};
    case "LineString": return {type: g.type, coordinates: shiftRing(g.coordinates)};
    case "MultiLineString": return {type: g.type, coordinates: g.coordinates.map(shiftRing)};
    case "Polygon": {
      const d = near(g.coordinates[0][0][0]) - g.coordinates[0][0][0];
      return {type: g.type, coordinates: g.coordinates.map(r => r.map(p => [p[0] + d, p[1]]))};
    }
    case "MultiPolygon":
      return {type: g.type, coordinates: g.coordinates.map(c => shift({type: "Polygon", coordinates: c}).coordinates)};
    case "GeometryCollection": return {type: g.type, geometries: g.geometries.map(shift)};
  }
  return g;
}
function point(colour, radius) {
  return (feature, latlng) =>
    L.circleMarker(latlng, {radius: radius, color: colour, weight: 2, fillColor: colour, fillOpacity: 0.9});
}
const overlays = {};
const focus = [];
const territories = data.features.filter(f => f.properties.kind === "territory");
territories.sort((a, b) => b.properties.area - a.properties.area);  // the larger first: enclaves stay visible
for (const f of territories) {
  const fill = settings.fill[f.properties.role];
  const layer = L.geoJSON({type: "Feature", properties: f.properties, geometry: shift(f.geometry)}, {
    style: {color: "#555555", weight: 1, fillColor: fill, fillOpacity: settings.fillOpacity}
  }).bindTooltip(f.properties.name).addTo(map);
  overlays[f.properties.name] = layer;
}
const lineStyles = {
  shared_border: {color: "#d62728", weight: 4},
  nearest_border: {color: "#d62728", weight: 3},
  capitals: {color: "#222222", weight: 2, dashArray: "6 5"},
};
const names = {shared_border: "shared border", nearest_border: "nearest border", capitals: "capitals"};
for (const f of data.features) {
  const kind = f.properties.kind;
  if (kind === "territory") continue;
  const shifted = {type: "Feature", properties: f.properties, geometry: shift(f.geometry)};
  let layer, label;
  if (kind in lineStyles) {
    label = kind === "shared_border" && f.properties.contact === "point"
      ? "touch point" : names[kind] + ": " + (kind === "shared_border" ? f.properties.length_km : f.properties.distance_km)
        .toLocaleString("en", {maximumFractionDigits: 1}) + " km";
    layer = L.geoJSON(shifted, {style: lineStyles[kind], pointToLayer: point("#d62728", 7)}).bindTooltip(label);
  } else {
    label = "capitals and centre points";
    const colour = kind === "capital" ? "#111111" : "#7a3db8";
    layer = L.geoJSON(shifted, {pointToLayer: point(colour, kind === "capital" ? 6 : 4)}).bindTooltip(f.properties.name);
  }
  const group = overlays[label] || (overlays[label] = L.featureGroup().addTo(map));
  group.addLayer(layer);
  focus.push(layer);
}
const bounds = L.featureGroup(focus).getBounds();
if (bounds.isValid()) {
  map.fitBounds(bounds.pad(0.35), {maxZoom: 12});
} else {
  map.setView([settings.centre[0], settings.centre[1]], 4);
}
L.control.layers(null, overlays, {collapsed: false}).addTo(map);
L.control.scale().addTo(map);
const panel = L.control({position: "bottomleft"});
panel.onAdd = function () {
  const div = L.DomUtil.create("div", "geodist-panel");
  const boundaries = data.boundaries ? ["Boundaries: " + data.boundaries] : [];
  const lines = [settings.title].concat(data.notes || [], boundaries, [settings.tilesNote]);
  div.innerHTML = lines.map((t, i) => i === 0 ? "<b>" + escape(t) + "</b>" : escape(t)).join("<br>");
  return div;
};
function escape(text) {
  return String(text).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
}
panel.addTo(map);
</script>
</body>
</html>
"""


def _vendor(name: str) -> str:
    path = data_dir() / "vendor" / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}; reinstall geodist from a full checkout") from exc


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def html_page(collection: dict[str, Any], centre: LatLon, *, tiles: str) -> str:
    """The HTML map of a pair's features (see :func:`geodist.maps.pair_features`).

    Parameters
    ----------
    collection : dict
        The GeoJSON FeatureCollection, lon/lat degrees.
    centre : LatLon
        Where the view is centred when no feature bounds it; parts are shifted by
        whole turns of longitude to lie within 180° of it.
    tiles : {"osm", "none"}
        OpenStreetMap base tiles (loaded from the web) or none (the page loads nothing).
    """
    from geodist.maps import FILL

    names = [
        f["properties"]["name"] for f in collection["features"] if f["properties"]["kind"] == "territory"
    ]
    title = f"{names[0]} – {names[1]}"
    features = []
    for f in collection["features"]:
        if f["properties"]["kind"] == "territory":  # area in square degrees, only to draw the larger first
            area = shapely.area(shapely.geometry.shape(f["geometry"]))
            f = {**f, "properties": {**f["properties"], "area": float(area)}}
        features.append(f)
    settings = {
        "centre": [centre.lat, centre.lon],
        "title": f"{title}: WGS84 geodesics (geodist)",
        "fill": FILL,
        "fillOpacity": 0.5 if tiles == "osm" else 1.0,
        "tiles": {"url": _OSM_URL, "attribution": _OSM_ATTRIBUTION} if tiles == "osm" else None,
        "tilesNote": (
            "Base map tiles load from tile.openstreetmap.org (needs the internet);"
            " everything else is in this file. Use --tiles none for an offline map."
            if tiles == "osm"
            else "No base map (--tiles none): this file needs no network."
        ),
    }
    return (
        _TEMPLATE.replace("__TITLE__", html.escape(title))
        .replace("__BACKGROUND__", _NO_TILES_BACKGROUND if tiles == "none" else "#dddddd")
        .replace("__LEAFLET_CSS__", _vendor("leaflet.css"))
        .replace("__SETTINGS__", _script_json(settings))
        .replace("__DATA__", _script_json({**collection, "features": features}))
        .replace("__LEAFLET_JS__", _vendor("leaflet.js"))
    )
