"""Measure the fidelity of the candidate carriers of Natural Earth 10m admin-0.

Used once to choose the source of ``territories.npz`` (see README.md, "Choice of
source"). Compares, for a few country pairs, the nearest-border distance each
carrier gives, and the vertex counts. Run after ``build.py`` has filled its cache
and ``apt-get download qgis-common`` has been run into the same folder::

    python boundaries/compare_sources.py --cache /tmp/geodist-build-cache

The distance here is a quick, carrier-neutral measure (nearest points in lon/lat,
then the planar distance in an azimuthal equidistant projection centred between
them, exact to metres at these ranges); geodist's own engine is not used, so that
the comparison does not depend on the data it chose. DCW 1:1M serves as a finer,
independent reference.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pycountry
import pyproj
import shapely
from shapely.geometry import Polygon, box
from shapely.ops import nearest_points

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # the decoding and repair that the bundled data went through

PAIRS = [
    ("IR", "RU"),
    ("GB", "FR"),
    ("CA", "GL"),
    ("NA", "ZW"),
    ("DK", "SE"),
    ("IT", "TN"),
    ("YE", "DJ"),
    ("MY", "SG"),
    ("JP", "KR"),
    ("EE", "FI"),
]


def world_atlas(tgz):
    """{alpha-2: territory} decoded and repaired exactly as build.py does."""
    num = {c.numeric: c.alpha_2 for c in pycountry.countries}
    out = {}
    for ne_id, _, rings, _ in build.decode_topology(build.read_world_atlas(tgz)):
        if ne_id in num and rings:
            out[num[ne_id]] = build.repair(rings)
    return out


def qgis_world_map(deb, tmp):
    import pyogrio

    subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
    t = pyogrio.read_dataframe(f"{tmp}/usr/share/qgis/resources/data/world_map.gpkg", layer="countries")
    return {r.iso_a2: r.geometry.buffer(0) for r in t.itertuples()}


def dcw(deb, tmp, codes):
    import netCDF4

    subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
    out = {}
    with netCDF4.Dataset(f"{tmp}/usr/share/gmt-dcw/dcw-gmt.nc") as nc:
        nc.set_auto_maskandscale(False)
        for code in codes:
            if f"{code}_lon" not in nc.variables:
                continue
            lo, la = nc.variables[f"{code}_lon"], nc.variables[f"{code}_lat"]
            x, y = lo[:].astype(np.int64), la[:].astype(np.int64)
            lon = lo.min + x * (lo.max - lo.min) / 65535.0
            lon = np.where(lon > 180, lon - 360, lon)
            lat = la.min + y * (la.max - la.min) / 65535.0
            brk = np.flatnonzero((x == 65535) & (y == 65535))
            ps = [
                Polygon(np.column_stack([lon[s:e], lat[s:e]]))
                for s, e in zip(np.r_[0, brk + 1], np.r_[brk, len(x)], strict=False)
                if e - s >= 4
            ]
            try:
                out[code] = shapely.unary_union([p.buffer(0) for p in ps])
            except shapely.errors.GEOSException:  # DCW's Canada does not repair in GEOS' memory
                continue
    return out


def distance_m(a, b):
    if a.intersects(b):
        return 0.0
    pa, pb = nearest_points(a, b)
    lon0, lat0 = (pa.x + pb.x) / 2, (pa.y + pb.y) / 2
    r = max(abs(pa.x - pb.x), abs(pa.y - pb.y)) + 1.5
    window = box(lon0 - 2 * r, lat0 - r, lon0 + 2 * r, lat0 + r)
    aeqd = pyproj.Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84", always_xy=True
    )

    def project(g):
        return shapely.transform(
            g.intersection(window),
            lambda xy: np.column_stack(aeqd.transform(xy[:, 0], xy[:, 1])),
        )

    return project(a).distance(project(b))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "geodist-build-cache")
    cache = parser.parse_args().cache
    codes = sorted({c for p in PAIRS for c in p})
    with tempfile.TemporaryDirectory() as t1, tempfile.TemporaryDirectory() as t2:
        sources = {
            "world-atlas 2.0.2": world_atlas(cache / "world-atlas-2.0.2.tgz"),
            "qgis-common world_map": qgis_world_map(next(cache.glob("qgis-common_*.deb")), t1),
            "DCW-GMT 2.1.1 (1:1M)": dcw(cache / "gmt-dcw_2.1.1-1_all.deb", t2, codes),
        }
    print("pair   " + "".join(f"{name:>24}" for name in sources))
    for a, b in PAIRS:
        cells = [
            f"{distance_m(s[a], s[b]) / 1000:21.3f} km" if a in s and b in s else f"{'n/a':>24}"
            for s in sources.values()
        ]
        print(f"{a}-{b}  " + "".join(cells))
    for name, s in list(sources.items())[:2]:
        print(
            f"{name}: {len(s)} coded features, {sum(shapely.get_num_coordinates(list(s.values())))} vertices"
        )


if __name__ == "__main__":
    main()
