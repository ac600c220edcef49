"""OpenStreetMap via geo-maps, the second data set's source: its pinned package, decoded into rings.

npm ``@geo-maps/countries-coastline-10m`` 0.6.0 (OSM admin-0 boundaries with
their coastline, simplified to 10 m; data ODbL 1.0, © OpenStreetMap
contributors): one GeoJSON FeatureCollection, ``package/map.geo.json``, whose
features carry only an ISO alpha-3 code (``A3``).
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import numpy as np

from geodist.datasets import SOURCES

GEO_MAPS = (
    "@geo-maps/countries-coastline-10m",
    "0.6.0",
    "e6c6958453386a44eff3d4a7ae1ee319804e06550721c92eb2d278d7db7f8110",
)
SOURCE = SOURCES["osm"]
"""How results name this data set."""


def decode(tgz: Path) -> dict[str, list[list[np.ndarray]]]:
    """The features of ``map.geo.json`` as {ISO alpha-3: polygons as lists of rings (lon, lat arrays)}."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/map.geo.json")
        assert member is not None
        collection = json.load(member)
    out = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        out[feature["properties"]["A3"]] = [[np.asarray(r, dtype=np.float64) for r in p] for p in polygons]
    return out
