"""The precomputed tables (boundaries/tables.npz) hold exactly what the engine computes."""

import hashlib
import random
import sys
from pathlib import Path

import numpy as np
import pytest

import geodist
from geodist._data import data_dir, load_countries
from geodist._tables import PARTS, tables
from geodist.distance import border_points
from geodist.engine import border
from geodist.engine.centroid import territory_centroid
from geodist.engine.geodesic import inverse
from geodist.territory import PreparedTerritory, polygon_areas_m2

DISTANCE_MODULE = sys.modules["geodist.distance"]  # geodist.distance is the function
MATRIX_MODULE = sys.modules["geodist.matrix"]
ALL = list(geodist.all_countries())
SAMPLE = 30
"""Pairs recomputed per part (seeded, so a failure reproduces)."""


def _fresh(c: geodist.Country, part: str) -> PreparedTerritory:
    """The country's territory prepared anew, without a country id: nothing comes from the tables."""
    capital = c.capital.location if c.capital else None
    whole = PreparedTerritory(c.label, c.territory, capital)
    return whole if part == "whole" else whole.mainland


def _pairs(seed: int, touching: np.ndarray | None = None) -> list[tuple[int, int]]:
    """A seeded sample of pairs (i < j); with ``touching`` (the table's flags), ten touching pairs too.

    Touching pairs matter most: many points tie at distance 0 there, and the
    order of the search decides which one is reported.
    """
    rng = random.Random(seed)
    pairs = {tuple(sorted(rng.sample(range(len(ALL)), 2))) for _ in range(SAMPLE)}
    if touching is not None:
        rows = np.flatnonzero(touching)
        upper = [(i, j) for i in range(len(ALL)) for j in range(i + 1, len(ALL))]
        pairs |= {upper[k] for k in rng.sample(rows.tolist(), 10)}
    return sorted(pairs)  # type: ignore[arg-type]


def test_the_tables_cover_every_bundled_territory_in_id_order():
    table = tables()
    assert table is not None
    assert table.ids == [c.id for c in ALL]
    assert sorted(table.ids) == sorted(rec["id"] for rec in load_countries()["countries"])
    n = len(ALL)
    for part in PARTS:
        assert table.array(f"border_m_{part}").shape == (n * (n - 1) // 2,)
        assert table.array(f"border_points_{part}").dtype == np.float64


def test_the_tables_were_built_from_the_bundled_boundaries():
    # A stale table (territories or countries rebuilt without build_tables.py) fails here.
    table = tables()
    assert table is not None
    stored = str(table.array("source_sha256")[0])
    for name in ("territories.npz", "countries.json"):
        assert f"{name}:{hashlib.sha256((data_dir() / name).read_bytes()).hexdigest()}" in stored


@pytest.mark.slow
@pytest.mark.parametrize("part", PARTS)
def test_a_random_sample_of_border_pairs_equals_the_engine_exactly(part):
    table = tables()
    assert table is not None
    for i, j in _pairs(12 if part == "whole" else 21, table.array(f"touching_{part}")):
        ta, tb = _fresh(ALL[i], part), _fresh(ALL[j], part)
        nearest, touch = border_points(ta, tb, border.nearest_between(ta.edges, tb.edges))
        a, b = geodist.LatLon(nearest.lat_a, nearest.lon_a), geodist.LatLon(nearest.lat_b, nearest.lon_b)
        metres, points, polygons, touching = table.border(ALL[i].id, ALL[j].id, part)
        pair = f"{ALL[i].id}-{ALL[j].id} ({part})"
        assert metres == inverse(a, b).distance_m, pair
        assert tuple(points) == (a.lat, a.lon, b.lat, b.lon), pair
        assert polygons == (nearest.part_a, nearest.part_b), pair
        assert touching is touch, pair


@pytest.mark.parametrize("part", PARTS)
def test_centroids_and_point_distances_equal_the_engine_exactly(part):
    table = tables()
    assert table is not None
    pick = random.Random(5).sample(range(len(ALL)), 8)
    for k in pick:
        fresh = _fresh(ALL[k], part)
        expected = territory_centroid(fresh.geometry, fresh.area_m2)
        lat, lon, inside, concentration = table.centroid(ALL[k].id, part)
        assert (lat, lon, inside, concentration) == (
            expected.location.lat,
            expected.location.lon,
            expected.inside,
            expected.concentration,
        ), ALL[k].id
    for i, j in _pairs(7)[:10]:
        a, b = ALL[i], ALL[j]
        row = table.pair_index(np.array(i), np.array(j))
        centroids = [
            territory_centroid(t.geometry, t.area_m2).location for t in (_fresh(a, part), _fresh(b, part))
        ]
        assert table.array(f"centroid_m_{part}")[row] == inverse(*centroids).distance_m
        if a.capital and b.capital:
            assert table.array("capital_m")[row] == inverse(a.capital.location, b.capital.location).distance_m
        else:
            assert np.isnan(table.array("capital_m")[row])
        if a.centre and b.centre:
            assert table.array("centre_m")[row] == inverse(a.centre, b.centre).distance_m


def test_polygon_areas_equal_the_engine_exactly():
    table = tables()
    assert table is not None
    for c in ALL[::17]:
        assert table.polygon_areas_m2(c.id).tolist() == polygon_areas_m2(c.territory), c.id


@pytest.mark.parametrize("method", ["border", "capital", "centroid", "centre"])
@pytest.mark.parametrize("part", ["whole", "mainland"])
def test_a_matrix_from_the_tables_equals_one_measured_again(method, part):
    chosen = ["Iran", "Russia", "Azerbaijan", "Malaysia", "Thailand", "Denmark"]
    cached = geodist.matrix(chosen, method, unit="m", part=part)
    measured = geodist.matrix(chosen, method, unit="m", part=part, cached=False, workers=1)
    np.testing.assert_array_equal(cached.to_numpy(), measured.to_numpy())


@pytest.mark.parametrize(
    ("a", "b", "part"),
    [
        ("Iran", "Russia", None),
        ("Russia", "Iran", None),
        ("Malaysia", "Thailand", "mainland"),
        ("France", "Spain", None),
        ("Spain", "France", None),
        ("Germany", "Poland", "mainland"),
    ],
)
def test_a_border_distance_from_the_tables_equals_the_engine(monkeypatch, a, b, part):
    stored = geodist.distance(a, b, part=part)
    monkeypatch.setattr(DISTANCE_MODULE, "tables", lambda: None)
    assert geodist.distance(a, b, part=part) == stored


def test_nearest_from_the_tables_equals_the_engine(monkeypatch):
    stored = MATRIX_MODULE.nearest_countries("Japan", top=5)
    monkeypatch.setattr(MATRIX_MODULE, "tables", lambda: None)
    assert MATRIX_MODULE.nearest_countries("Japan", top=5) == stored


def test_the_table_writer_is_byte_reproducible(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "boundaries"))
    try:
        from build_tables import write_npz
    finally:
        sys.path.pop(0)
    path = data_dir() / "tables.npz"
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    write_npz(tmp_path / "tables.npz", arrays)
    assert (tmp_path / "tables.npz").read_bytes() == path.read_bytes()


def test_the_wheel_ships_the_tables_with_the_other_data():
    import tomllib

    from geodist._data import _REQUIRED
    from geodist._tables import TABLES_FILE

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    shipped = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for name in (*_REQUIRED, TABLES_FILE):
        assert shipped[f"boundaries/{name}"] == f"geodist/_boundaries/{name}"
