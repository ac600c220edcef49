"""Natural Earth, the default data set: its pinned packages, and decoding them into rings.

npm ``world-atlas`` 2.0.2 carries Natural Earth 1:10m admin-0 as TopoJSON;
Debian ``gmt-dcw`` 2.1.1-1 the Digital Chart of the World, for the one territory
that world-atlas's quantisation collapses (Vatican City). The tables below say
how Natural Earth's features map onto ISO 3166 (``build.py`` applies them).
"""

from __future__ import annotations

import json
import subprocess
import tarfile
from pathlib import Path

import numpy as np
import shapely
from build_fetch import fetch_deb, fetch_npm
from shapely.geometry import MultiPolygon, Polygon

from geodist.engine.repair import as_multipolygon

WORLD_ATLAS = ("world-atlas", "2.0.2", "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97")
GMT_DCW = ("gmt-dcw", "2.1.1-1", "d5e1fa73e5a601deaa840624f93d5cf0d5a968863825661e16857accb6995e77")

# Natural Earth features that world-atlas ships without an ISO numeric id. Each
# gets a stable id; the few with a widely used user-assigned code keep it.
UNCODED_FEATURES = {
    "Kosovo": {"id": "XK", "alpha2": "XK", "alpha3": "XKX", "name": "Kosovo"},
    "Somaliland": {"id": "somaliland", "name": "Somaliland"},
    "N. Cyprus": {"id": "northern-cyprus", "name": "Northern Cyprus"},
    "Cyprus U.N. Buffer Zone": {"id": "cyprus-un-buffer-zone", "name": "Cyprus U.N. Buffer Zone"},
    "Dhekelia": {"id": "dhekelia", "name": "Dhekelia"},
    "Akrotiri": {"id": "akrotiri", "name": "Akrotiri"},
    "USNB Guantanamo Bay": {"id": "guantanamo-bay", "name": "Guantanamo Bay Naval Base"},
    "Siachen Glacier": {"id": "siachen-glacier", "name": "Siachen Glacier"},
    "Baikonur": {"id": "baikonur", "name": "Baikonur"},
    "Coral Sea Is.": {"id": "coral-sea-islands", "name": "Coral Sea Islands"},
    "Spratly Is.": {"id": "spratly-islands", "name": "Spratly Islands"},
    "Clipperton I.": {"id": "clipperton-island", "name": "Clipperton Island"},
    "Bajo Nuevo Bank": {"id": "bajo-nuevo-bank", "name": "Bajo Nuevo Bank"},
    "Serranilla Bank": {"id": "serranilla-bank", "name": "Serranilla Bank"},
    "Scarborough Reef": {"id": "scarborough-reef", "name": "Scarborough Reef"},
    # "Indian Ocean Ter." is split into Christmas Island and the Cocos (Keeling)
    # Islands by SPLIT_FEATURES below.
}

# Natural Earth's "Indian Ocean Ter." holds two ISO 3166 entities far apart:
# each part goes to the ISO code whose bounding box (lon/lat degrees) holds it.

# Natural Earth's "Indian Ocean Ter." holds two ISO 3166 entities far apart:
# each part goes to the ISO code whose bounding box (lon/lat degrees) holds it.
SPLIT_FEATURES = {
    "Indian Ocean Ter.": {"CX": (105.0, -11.0, 106.5, -10.0), "CC": (96.0, -13.0, 97.5, -11.5)},
}

# Features that share an ISO numeric id with another are merged into it.
# world-atlas gives "Ashmore and Cartier Is." Australia's id 036; ISO 3166
# counts it as part of Australia.

# Features that share an ISO numeric id with another are merged into it.
# world-atlas gives "Ashmore and Cartier Is." Australia's id 036; ISO 3166
# counts it as part of Australia.
MERGE_INTO = {"Ashmore and Cartier Is.": "AU"}

# Territories that world-atlas's quantisation collapses entirely; their polygon
# comes from the Digital Chart of the World (1:1M, DCW-GMT) instead.

# Territories that world-atlas's quantisation collapses entirely; their polygon
# comes from the Digital Chart of the World (1:1M, DCW-GMT) instead.
COLLAPSED_FALLBACK = ("VA",)

# ISO 3166 entities that Natural Earth admin-0 draws as part of another country.

# ISO 3166 entities that Natural Earth admin-0 draws as part of another country.
PART_OF = {
    "BQ": "NL",
    "BV": "NO",
    "GF": "FR",
    "GP": "FR",
    "MQ": "FR",
    "RE": "FR",
    "YT": "FR",
    "SJ": "NO",
    "TK": "NZ",
}

# Capital choices where GeoNames' country table needs a decision. Each entry is
# (capital name to use, GeoNames city name to match).


def fetch(cache: Path) -> tuple[Path, Path]:
    """Download the pinned npm and Debian packages into ``cache`` (once) and verify them."""
    return fetch_npm(cache, WORLD_ATLAS), fetch_deb(cache, GMT_DCW)


def read_world_atlas(tgz: Path) -> dict:
    """Return the parsed ``countries-10m.json`` TopoJSON from the npm tarball."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/countries-10m.json")
        assert member is not None
        return json.load(member)


def read_dcw_polygons(deb: Path, workdir: Path, codes: tuple[str, ...]) -> dict[str, MultiPolygon]:
    """Return {ISO alpha-2: MultiPolygon} for ``codes`` from DCW-GMT's ``dcw-gmt.nc``.

    Each country is stored as ``XX_lon``/``XX_lat`` uint16 arrays scaled to the
    variable's ``min``..``max`` range (degrees, longitudes 0..360), with the pair
    (65535, 65535) separating polygons (DCW-GMT's own reader, ``gmt_dcw.c``).
    """
    import netCDF4  # only the build needs it

    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir)], check=True)
    out = {}
    with netCDF4.Dataset(workdir / "usr/share/gmt-dcw/dcw-gmt.nc") as nc:
        nc.set_auto_maskandscale(False)
        for code in codes:
            lon_var, lat_var = nc.variables[f"{code}_lon"], nc.variables[f"{code}_lat"]
            x, y = lon_var[:].astype(np.int64), lat_var[:].astype(np.int64)
            lon = lon_var.min + x * (lon_var.max - lon_var.min) / 65535.0
            lat = lat_var.min + y * (lat_var.max - lat_var.min) / 65535.0
            lon = np.where(lon > 180.0, lon - 360.0, lon)
            breaks = np.flatnonzero((x == 65535) & (y == 65535))
            starts, ends = np.r_[0, breaks + 1], np.r_[breaks, len(x)]
            polygons = [
                Polygon(np.column_stack([lon[s:e], lat[s:e]]))
                for s, e in zip(starts, ends, strict=False)
                if e - s >= 4
            ]
            out[code] = as_multipolygon(shapely.make_valid(MultiPolygon(polygons)))
    return out


def decode_topology(topology: dict) -> list[tuple[str | None, str, list[list[np.ndarray]], int]]:
    """Decode the TopoJSON countries into (id, name, polygons as rings, dropped rings).

    Arcs are delta-encoded integers; ``transform`` turns them into lon/lat degrees
    (TopoJSON specification, "Transforms" and "Arcs"). A ring made of fewer than
    three distinct positions (collapsed by quantisation) is dropped and counted.
    """
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))

    def ring(indices: list[int]) -> np.ndarray:
        parts = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            parts.append(arc if not parts else arc[1:])
        return np.vstack(parts)

    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        polys = (
            [geometry["arcs"]]
            if kind == "Polygon"
            else geometry.get("arcs", [])
            if kind == "MultiPolygon"
            else []
        )
        rings_out, dropped = [], 0
        for poly in polys:
            rings = [ring(r) for r in poly]
            kept = [r for r in rings if len(np.unique(r, axis=0)) >= 3]
            if kept and kept[0] is rings[0]:  # the shell survived
                rings_out.append(kept)
            dropped += len(rings) - (len(kept) if kept and kept[0] is rings[0] else 0)
        out.append((geometry.get("id"), geometry["properties"]["name"], rings_out, dropped))
    return out
