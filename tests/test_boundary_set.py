"""Bring-your-own boundaries: geodist.read_boundaries, data=BoundarySet, and the CLI's --boundaries.

Known values are geodesics on WGS84 computed directly with pyproj.Geod (PROJ's
implementation of Karney 2013, "Algorithms for geodesics", J. Geodesy 87:43-55,
doi:10.1007/s00190-012-0578-z; GeographicLib), between the nearest points the
geometry of each fixture fixes: for two boxes side by side in the northern
hemisphere, the corners nearest the pole (meridians converge polewards, and the
geodesic from a corner perpendicular to the other box's edge lands beyond that
edge's end).
"""

import importlib.util
import json
import math
import sys
import warnings

import geopandas
import numpy as np
import pyproj
import pytest
import shapely

import geodist
from geodist.boundary_set import BoundarySet, BoundaryWarning, read_boundaries
from geodist.cli import main
from geodist.matrix import nearest_countries

GEOD = pyproj.Geod(ellps="WGS84")

# Two 1° boxes in Bavaria's latitudes, 1° of longitude apart: nearest points (51°N, 11°E) and (51°N, 12°E).
WEST = shapely.box(10.0, 50.0, 11.0, 51.0)
EAST = shapely.box(12.0, 50.0, 13.0, 51.0)
WEST_EAST_M = GEOD.inv(11.0, 51.0, 12.0, 51.0)[2]

# Fiji's latitudes across ±180°: a box from 179°E to 181°E (179°W), drawn the GIS way, and one east of it.
DATELINE = shapely.box(179.0, -17.0, 181.0, -16.0)
DATELINE_SPLIT = shapely.MultiPolygon(
    [shapely.box(179.0, -17.0, 180.0, -16.0), shapely.box(-180.0, -17.0, -179.0, -16.0)]
)
DATELINE_STITCHED = shapely.Polygon([(179.0, -17.0), (-179.0, -17.0), (-179.0, -16.0), (179.0, -16.0)])
BEYOND = shapely.box(-178.0, -17.0, -177.0, -16.0)
# Nearest points: (17°S, 179°W) and (17°S, 178°W), the corners nearest the pole.
DATELINE_BEYOND_M = GEOD.inv(-179.0, -17.0, -178.0, -17.0)[2]

# A bow-tie: one ring crossing itself at (10.5°E, 0.5°N); the repair keeps its two triangles.
BOW_TIE = shapely.Polygon([(20.0, 0.0), (21.0, 1.0), (21.0, 0.0), (20.0, 1.0)])
RIGHT_OF_BOW = shapely.box(22.0, 0.0, 23.0, 1.0)
BOW_RIGHT_M = GEOD.inv(21.0, 1.0, 22.0, 1.0)[2]


def frame(names, geometries, crs=4326, column="name"):
    return geopandas.GeoDataFrame({column: names}, geometry=list(geometries), crs=crs)


def quietly(source, **kwargs):
    """read_boundaries where no warning is expected (pytest turns warnings into errors anyway)."""
    return read_boundaries(source, **kwargs)


@pytest.fixture
def boxes():
    return quietly(frame(["west", "east"], [WEST, EAST]))


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "regions.gpkg"
    frame(["west", "east", "far"], [WEST, EAST, shapely.box(30.0, 50.0, 31.0, 51.0)]).to_file(
        path, layer="regions", engine="pyogrio"
    )
    return path


# --- Known distances ---------------------------------------------------------------


def test_two_boxes_from_a_geodataframe_match_pyproj_on_the_nearest_corners(boxes):
    d = geodist.distance("west", "east", data=boxes)
    assert d.distance_m == pytest.approx(WEST_EAST_M, abs=1e-6)
    assert (d.start.lat, d.start.lon, d.end.lat, d.end.lon) == pytest.approx(
        (51.0, 11.0, 51.0, 12.0), abs=1e-9
    )
    assert d.shares_border is False and d.from_label == "west" and d.to_label == "east"
    assert "a GeoDataFrame" in d.source and "'name'" in d.source


def test_the_pair_turned_round_finds_the_same_points(boxes):
    there, back = geodist.distance("west", "east", data=boxes), geodist.distance("east", "west", data=boxes)
    assert back.distance_m == there.distance_m
    assert (back.start, back.end) == (there.end, there.start)


@pytest.mark.parametrize("suffix", ["gpkg", "geojson", "shp"])
def test_files_written_by_geopandas_read_back(tmp_path, suffix):
    path = tmp_path / f"boxes.{suffix}"
    frame(["west", "east"], [WEST, EAST]).to_file(path, engine="pyogrio")
    boxes = quietly(path, id="name")
    assert boxes.ids == ("west", "east") and boxes.source == str(path)
    assert geodist.distance("west", "east", data=boxes).distance_m == pytest.approx(WEST_EAST_M, abs=1e-6)


def test_a_layer_of_a_geopackage(gpkg):
    regions = quietly(gpkg, layer="regions")
    assert len(regions) == 3 and "far" in regions


@pytest.mark.parametrize(
    "drawn",
    [DATELINE, DATELINE_SPLIT, DATELINE_STITCHED],
    ids=["179-to-181", "split-at-180", "ring-jumping-179-to-minus-179"],
)
def test_a_polygon_across_the_antimeridian_is_measured_across_it(drawn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        regions = read_boundaries(frame(["fiji", "beyond"], [drawn, BEYOND]))
    # Drawn past 180° or jumping across it: repaired (and said); split at 180°: already valid, kept.
    repaired = drawn is not DATELINE_SPLIT
    assert regions.repaired == (("fiji",) if repaired else ())
    assert [issubclass(w.category, BoundaryWarning) for w in caught] == ([True] if repaired else [])
    west, _, east, _ = regions.geometries[0].bounds
    assert (west, east) == (-180.0, 180.0)
    d = geodist.distance("fiji", "beyond", data=regions)
    assert d.distance_m == pytest.approx(DATELINE_BEYOND_M, abs=1e-6)
    assert (d.start.lat, d.start.lon) == pytest.approx((-17.0, -179.0), abs=1e-9)


def test_polygons_meeting_at_the_antimeridian_touch():
    regions = quietly(
        frame(["east", "west"], [shapely.box(179.0, 0, 180.0, 1), shapely.box(-180.0, 0, -179.0, 1)])
    )
    d = geodist.distance("east", "west", data=regions)
    assert d.distance_m == 0.0 and d.shares_border is True
    assert nearest_countries("east", data=regions) == [("west", 0.0, True)]
    assert geodist.matrix(data=regions, workers=1).loc["east", "west"] == 0.0


def test_an_invalid_bow_tie_is_repaired_and_reported():
    with pytest.warns(BoundaryWarning, match=r"repaired 1 geometry .*'bow'"):
        regions = read_boundaries(frame(["bow", "right"], [BOW_TIE, RIGHT_OF_BOW]))
    assert regions.repaired == ("bow",)
    assert any("'bow'" in note for note in regions.notes)
    triangles = regions.geometries[0]
    assert triangles.is_valid and len(triangles.geoms) == 2
    assert triangles.area == pytest.approx(0.5)  # two triangles of 0.25 square degrees
    d = geodist.distance("bow", "right", data=regions)
    assert d.distance_m == pytest.approx(BOW_RIGHT_M, abs=1e-6)


def test_valid_polygons_are_kept_exactly(boxes):
    assert boxes.repaired == () and boxes.converted_from is None
    assert boxes.geometries[0].equals_exact(shapely.MultiPolygon([WEST]), 0.0)


def test_a_band_around_the_globe_is_not_read_as_crossing_the_antimeridian():
    # Its edges run from 180°W to 180°E on purpose: a valid polygon, kept as drawn.
    band = shapely.box(-180.0, 10.0, 180.0, 20.0)
    regions = quietly(frame(["band", "north"], [band, shapely.box(0.0, 30.0, 1.0, 31.0)]))
    assert regions.repaired == ()
    d = geodist.distance("north", "band", data=regions)
    assert d.distance_m == pytest.approx(GEOD.inv(0.5, 30.0, 0.5, 20.0)[2], abs=1e-3)


def test_another_crs_is_converted_and_said():
    projected = frame(["west", "east"], [WEST, EAST]).to_crs(3857)
    with pytest.warns(BoundaryWarning, match="converted from WGS 84 / Pseudo-Mercator"):
        regions = read_boundaries(projected)
    assert "EPSG:3857" in regions.converted_from
    assert geodist.distance("west", "east", data=regions).distance_m == pytest.approx(WEST_EAST_M, abs=1e-3)


def test_a_pacific_crs_converted_across_the_antimeridian_is_repaired():
    # PDC Mercator (EPSG:3832) is continuous across 180°; back in lon/lat the ring jumps from 180°E to 180°W.
    to_pacific = pyproj.Transformer.from_crs(4326, 3832, always_xy=True)

    def pacific(shape):
        return shapely.transform(shape, lambda xy: np.column_stack(to_pacific.transform(xy[:, 0], xy[:, 1])))

    projected = frame(["fiji", "beyond"], [pacific(DATELINE.segmentize(0.25)), pacific(BEYOND)], crs=3832)
    with pytest.warns(BoundaryWarning, match="converted from WGS 84 / PDC Mercator") as caught:
        regions = read_boundaries(projected)
    assert "repaired 1 geometry" in str(caught[0].message) and regions.repaired == ("fiji",)
    d = geodist.distance("fiji", "beyond", data=regions)
    assert d.distance_m == pytest.approx(DATELINE_BEYOND_M, abs=1e-3)


def test_no_crs_in_degrees_is_read_as_lon_lat():
    regions = quietly(frame(["west", "east"], [WEST, EAST], crs=None))
    assert regions.converted_from is None
    assert geodist.distance("west", "east", data=regions).distance_m == pytest.approx(WEST_EAST_M, abs=1e-6)


# --- Refused input ---------------------------------------------------------------------


def test_duplicate_ids_are_refused_naming_them():
    with pytest.raises(geodist.InputValueError, match=r"'a' \(2 rows\).*dissolve\(by='name'\)") as info:
        read_boundaries(frame(["a", "b", "a"], [WEST, EAST, shapely.box(0, 0, 1, 1)]))
    assert isinstance(info.value, ValueError)


def test_a_missing_id_column_lists_the_columns():
    with pytest.raises(geodist.InputValueError, match=r"no column 'nom' .*its columns: 'name'"):
        read_boundaries(frame(["a", "b"], [WEST, EAST]), id="nom")


def test_the_index_can_hold_the_ids():
    named = frame(["west", "east"], [WEST, EAST]).set_index("name")
    assert quietly(named, id="name").ids == ("west", "east")


@pytest.mark.parametrize("empty", [None, "", "  ", math.nan])
def test_empty_ids_are_refused(empty):
    with pytest.raises(geodist.InputValueError, match="have no id"):
        read_boundaries(frame(["a", empty], [WEST, EAST]))


def test_ids_become_text():
    regions = quietly(frame([7, 8], [WEST, EAST], column="code"), id="code")
    assert regions.ids == ("7", "8")
    assert geodist.distance(7, "8", data=regions).distance_m == pytest.approx(WEST_EAST_M, abs=1e-6)


def test_lines_and_points_are_refused_naming_the_rows():
    shapes = [WEST, shapely.LineString([(0, 0), (1, 1)]), shapely.Point(3, 3)]
    with pytest.raises(geodist.GeometryError, match=r"'road' \(LineString\), 'town' \(Point\)") as info:
        read_boundaries(frame(["ok", "road", "town"], shapes))
    assert isinstance(info.value, ValueError) and "'ok'" not in str(info.value)


def test_rows_without_geometry_are_refused():
    with pytest.raises(geodist.GeometryError, match=r"'b' have no geometry"):
        read_boundaries(frame(["a", "b"], [WEST, None]))


def test_a_polygon_of_no_area_cannot_be_repaired():
    flat = shapely.Polygon([(0, 0), (1, 1), (2, 2)])
    with pytest.raises(geodist.GeometryError, match=r"'flat' cannot be repaired"):
        read_boundaries(frame(["ok", "flat"], [WEST, flat]))


def test_no_crs_and_coordinates_that_are_not_degrees():
    metres = frame(["a", "b"], [WEST, EAST]).to_crs(3857).set_crs(None, allow_override=True)
    with pytest.raises(geodist.CoordinateError, match=r"has no CRS .*not longitude and latitude degrees"):
        read_boundaries(metres)


def test_latitudes_beyond_90_are_refused():
    with pytest.raises(geodist.CoordinateError, match=r"beyond ±90° in rows 'a'"):
        read_boundaries(frame(["a", "b"], [shapely.box(0, 89, 1, 91), EAST]))


def test_a_missing_file(tmp_path):
    with pytest.raises(geodist.InputFileError, match="no such file") as info:
        read_boundaries(tmp_path / "nope.gpkg")
    assert isinstance(info.value, OSError)


def test_an_unreadable_file(tmp_path):
    path = tmp_path / "broken.gpkg"
    path.write_text("not a GeoPackage")
    with pytest.raises(geodist.InputFileError, match="cannot read"):
        read_boundaries(path)


def test_a_missing_layer_lists_the_layers(gpkg):
    with pytest.raises(geodist.InputFileError, match=r"layer 'roads'.*its layers: regions"):
        read_boundaries(gpkg, layer="roads")


def test_geoparquet_without_pyarrow_names_it(tmp_path):
    path = tmp_path / "regions.parquet"
    path.write_bytes(b"PAR1")
    if importlib.util.find_spec("pyarrow") is not None:
        pytest.skip("pyarrow is installed: GeoParquet is read")
    with pytest.raises(geodist.MissingExtraError, match="needs pyarrow"):
        read_boundaries(path)


def test_not_a_path_or_a_frame():
    with pytest.raises(geodist.InputTypeError):
        read_boundaries([WEST, EAST])


def test_geopandas_missing_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "geopandas", None)
    with pytest.raises(geodist.MissingExtraError, match=r"geodist\[geopandas\]"):
        read_boundaries("regions.gpkg")


# --- The API on a set -----------------------------------------------------------------


def test_an_unknown_id_suggests_the_closest(boxes):
    with pytest.raises(geodist.UnknownIdError, match=r"'wset'.*did you mean 'west'\?") as info:
        geodist.distance("wset", "east", data=boxes)
    assert isinstance(info.value, LookupError) and info.value.suggestions == ("west",)


def test_an_id_differing_in_case_is_found(boxes):
    assert boxes.resolve("WEST") == "west"


def test_the_same_id_twice(boxes):
    with pytest.raises(geodist.SameCountryError):
        geodist.distance("west", "west", data=boxes)


@pytest.mark.parametrize("method", ["capital", "centre"])
def test_capital_and_centre_do_not_apply(boxes, method):
    with pytest.raises(geodist.MethodError, match=r"no capitals or centre points.*method='border'"):
        geodist.distance("west", "east", method, data=boxes)
    with pytest.raises(geodist.MethodError):
        geodist.matrix(data=boxes, method=method)


def test_centroids_of_mirror_image_boxes(boxes):
    d = geodist.distance("west", "east", "centroid", data=boxes)
    # Each box is symmetric about its middle meridian, so its centroid lies on it, and both at one latitude.
    assert (d.start.lon, d.end.lon) == pytest.approx((10.5, 12.5), abs=1e-9)
    assert d.start.lat == pytest.approx(d.end.lat, abs=1e-9) and 50.0 < d.start.lat < 51.0
    assert d.distance_m == pytest.approx(GEOD.inv(10.5, d.start.lat, 12.5, d.end.lat)[2], abs=1e-6)


def test_data_takes_only_a_boundary_set():
    with pytest.raises(geodist.InputTypeError, match="read_boundaries"):
        geodist.distance("a", "b", data=frame(["a", "b"], [WEST, EAST]))


def test_the_matrix_holds_the_pair_distances_in_the_order_given(gpkg):
    regions = quietly(gpkg)
    table = geodist.matrix(["far", "west", "east"], data=regions, unit="m", workers=1)
    assert list(table.index) == ["far", "west", "east"] == list(table.columns)
    assert np.array_equal(table.to_numpy(), table.to_numpy().T) and (np.diag(table) == 0).all()
    for a, b in [("west", "east"), ("far", "west"), ("east", "far")]:
        assert table.loc[a, b] == geodist.distance(a, b, data=regions).distance_m
    everything = geodist.matrix(data=regions, workers=1)
    assert list(everything.index) == ["west", "east", "far"]
    assert everything.loc["west", "east"] == pytest.approx(WEST_EAST_M / 1000, abs=1e-9)


def test_the_matrix_on_worker_processes_gives_the_same_numbers(gpkg):
    regions = quietly(gpkg)
    alone = geodist.matrix(data=regions, workers=1)
    assert geodist.matrix(data=regions, workers=2).equals(alone)


def test_nearest_ranks_the_other_territories(gpkg):
    regions = quietly(gpkg)
    ranked = nearest_countries("west", data=regions)
    assert [i for i, _, _ in ranked] == ["east", "far"]
    assert ranked[0][1] == pytest.approx(WEST_EAST_M, abs=1e-6)
    assert nearest_countries("west", data=regions, top=1) == ranked[:1]


def test_own_boundaries_never_answer_from_the_bundled_tables():
    # Ids that are bundled country ids are still these boxes.
    regions = quietly(frame(["IR", "RU"], [WEST, EAST]))
    assert geodist.distance("IR", "RU", data=regions).distance_m == pytest.approx(WEST_EAST_M, abs=1e-6)
    assert geodist.matrix(["IR", "RU"], data=regions, unit="m").loc["IR", "RU"] == pytest.approx(WEST_EAST_M)


# Iran–Russia; Fiji–Tonga and Russia–USA across ±180°; France–Brazil touch (French Guiana).
BUNDLED_PAIRS = [("IR", "RU"), ("FJ", "TO"), ("RU", "US"), ("FR", "BR")]


@pytest.fixture(scope="module")
def world_gpkg(tmp_path_factory):
    path = tmp_path_factory.mktemp("world") / "countries.gpkg"
    geodist.countries_frame()[["id", "name", "geometry"]].to_file(path, engine="pyogrio")
    return path


def test_bundled_countries_written_out_and_read_back_measure_the_same(world_gpkg):
    world = quietly(world_gpkg, id="id")
    assert len(world) == 255 and world.repaired == () and world.converted_from is None
    for a, b in BUNDLED_PAIRS:
        bundled, read = geodist.distance(a, b), geodist.distance(a, b, data=world)
        assert read.distance_m == pytest.approx(bundled.distance_m, abs=1e-3)  # within 1 mm (equal here)
        assert read.shares_border == bundled.shares_border
    ids = ["IR", "TR", "FJ", "TO", "NZ"]
    mine = geodist.matrix(ids, data=world, unit="m", workers=1)
    assert np.allclose(mine.to_numpy(), geodist.matrix(ids, unit="m").to_numpy(), rtol=0, atol=1e-3)


@pytest.mark.slow
def test_bundled_countries_read_back_rank_the_same_nearest_and_measure_antarctica(world_gpkg):
    world = quietly(world_gpkg, id="id")
    # Antarctica's ring runs along the pole from 180°E to 180°W: kept as drawn, not read as a crossing.
    assert geodist.distance("AQ", "CL", data=world).distance_m == pytest.approx(
        geodist.distance("AQ", "CL").distance_m, abs=1e-3
    )
    assert [(i, round(m, 3)) for i, m, _ in nearest_countries("FJ", data=world, top=3)] == [
        (c.id, round(m, 3)) for c, m, _ in nearest_countries("FJ", top=3)
    ]


def test_a_boundary_set_is_exported():
    assert geodist.BoundarySet is BoundarySet and geodist.read_boundaries is read_boundaries


# --- The command line -----------------------------------------------------------------


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_pair_report(capsys, gpkg):
    code, out, err = run(capsys, "west", "east", "--boundaries", str(gpkg))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"west → east   ({gpkg}, id column 'name')"
    assert any(line.startswith("nearest border") and f"{WEST_EAST_M / 1000:.1f}" in line for line in lines)
    assert any(line.startswith("centroid to centroid") for line in lines)
    assert "capitals and centre points do not apply" in out and "capital to capital" not in out


def test_cli_pair_json(capsys, gpkg):
    code, out, _ = run(capsys, "west", "east", "--boundaries", str(gpkg), "--json", "--unit", "m")
    data = json.loads(out)
    assert code == 0 and data["boundaries"] == str(gpkg) and data["id_column"] == "name"
    border = data["distances"][0]
    assert border["method"] == "border" and border["distance"] == pytest.approx(WEST_EAST_M, abs=1e-6)


def test_cli_matrix_and_nearest_as_json(capsys, gpkg):
    code, out, _ = run(capsys, "matrix", "--boundaries", str(gpkg), "far", "west", "--json", "--unit", "m")
    data = json.loads(out)
    assert code == 0 and data["ids"] == ["far", "west"] and data["method"] == "border"
    assert data["values"][0][1] == data["values"][1][0] > 0 and data["repaired"] == []
    code, out, _ = run(capsys, "nearest", "west", "--boundaries", str(gpkg), "--json", "--unit", "m")
    nearest = json.loads(out)["nearest"]
    assert [n["id"] for n in nearest] == ["east", "far"]
    assert nearest[0]["distance_m"] == pytest.approx(WEST_EAST_M, abs=1e-6)
    assert nearest[0]["start"] == {"lat": pytest.approx(51.0), "lon": pytest.approx(11.0)}


def test_cli_matrix_of_every_territory_as_csv(capsys, gpkg):
    code, out, _ = run(capsys, "matrix", "--boundaries", str(gpkg), "--id", "name", "--csv", "--unit", "m")
    assert code == 0
    header, first, *_ = out.splitlines()
    assert header == "from,west,east,far"
    assert first.split(",")[:3] == ["west", "0.000", f"{WEST_EAST_M:.3f}"]


def test_cli_nearest(capsys, gpkg):
    code, out, _ = run(capsys, "nearest", "west", "--boundaries", str(gpkg), "--top", "1")
    assert code == 0
    assert "Nearest to west" in out and "  1. east" in out and "far" not in out


def test_cli_notes_what_was_repaired(capsys, tmp_path):
    path = tmp_path / "bow.geojson"
    frame(["bow", "right"], [BOW_TIE, RIGHT_OF_BOW]).to_file(path, engine="pyogrio")
    code, out, err = run(capsys, "bow", "right", "--boundaries", str(path))
    assert code == 0 and "note: repaired 1 geometry" in out and "'bow'" in out
    code, out, err = run(capsys, "matrix", "--boundaries", str(path), "--csv")
    assert code == 0 and "note" not in out and "geodist: note: repaired" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["west", "wset"], "no territory has the id 'wset'"),
        (["west", "east", "--id", "nom"], "no column 'nom' for the ids; its columns: 'name'"),
        (["west", "east", "--layer", "roads"], "its layers: regions"),
        (["west", "east", "--method", "capital"], "try --method border or --method centroid"),
        (["west", "east", "--speed", "500kmh"], "--speed and --mode"),
        (["matrix", "west", "--boundaries-placeholder"], "a matrix needs at least two territories"),
        (["nearest", "wes"], "did you mean 'west'?"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(capsys, gpkg, argv, message):
    argv = [a if a != "--boundaries-placeholder" else "--boundaries" for a in argv]
    if "--boundaries" not in argv:
        argv += ["--boundaries", str(gpkg)]
    else:
        argv.insert(argv.index("--boundaries") + 1, str(gpkg))
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "nope.gpkg", "no such file"),
        (lambda tmp: (tmp / "broken.gpkg").write_text("nonsense") and tmp / "broken.gpkg", "cannot read"),
    ],
    ids=["missing", "unreadable"],
)
def test_cli_file_errors(capsys, tmp_path, make, message):
    code, out, err = run(capsys, "matrix", "--boundaries", str(make(tmp_path)))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and message in err


def test_cli_without_geopandas(capsys, gpkg, monkeypatch):
    monkeypatch.setitem(sys.modules, "geopandas", None)
    code, out, err = run(capsys, "nearest", "west", "--boundaries", str(gpkg))
    assert code == 2 and out == "" and "pip install 'geodist[geopandas]'" in err
    assert len(err.strip().splitlines()) == 1


def test_boundary_set_is_a_frozen_record(boxes):
    assert isinstance(boxes, BoundarySet) and repr(boxes).startswith("<BoundarySet of 2 territories")
    assert list(boxes) == ["west", "east"]


def test_a_file_name_too_long_for_the_file_system_is_one_line(capsys):
    # Found by the command-line property test: pathlib raised OSError (ENAMETOOLONG) from exists().
    code = main(["matrix", "--boundaries", "x" * 5000 + ".gpkg", "--id", "name"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("geodist: cannot open") and "\n" not in err


def test_a_file_path_given_as_data_is_refused_with_the_way_to_read_it(gpkg):
    # Found by a newcomer's try: a string other than a bundled data set's name was ignored.
    with pytest.raises(geodist.InputValueError, match="read_boundaries"):
        geodist.matrix(data=str(gpkg))
    with pytest.raises(geodist.InputValueError, match="read_boundaries"):
        geodist.distance("west", "east", data=str(gpkg))


def test_one_string_is_not_a_list_of_ids(boxes):
    with pytest.raises(geodist.InputTypeError, match="not one string"):
        geodist.matrix("west", data=boxes)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.gpkg"
    frame([], []).to_file(path)
    with pytest.raises(geodist.InputValueError, match="holds no territories"):
        read_boundaries(path)


def test_ids_match_whatever_the_unicode_composition():
    import unicodedata

    zurich = unicodedata.normalize("NFC", "Zürich")
    regions = quietly(frame([zurich, "Bern"], [shapely.box(8, 47, 9, 48), shapely.box(7, 46, 7.5, 46.5)]))
    assert regions.resolve(unicodedata.normalize("NFD", zurich)) == zurich


@pytest.mark.parametrize(
    "argv",
    [
        ["matrix", "--id", "name", "Iran", "Iraq"],
        ["nearest", "Iran", "--layer", "x"],
        ["Iran", "Iraq", "--id", "code"],
        ["matrix", "--all", "--boundaries", "x.gpkg"],
        ["matrix", "--boundaries", " "],
    ],
)
def test_boundary_options_out_of_place_are_refused(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and ("--boundaries" in err)


def test_quiet_output_still_says_what_was_repaired(tmp_path, capsys):
    # Found by a newcomer's try: -q dropped the repair notes; they go to stderr, as with --csv.
    path = tmp_path / "anti.gpkg"
    across = shapely.Polygon([(179, 0), (181, 0), (181, 1), (179, 1)])
    frame(["a", "b"], [across, shapely.box(0, 0, 1, 1)]).to_file(path)
    assert main(["matrix", "--boundaries", str(path), "--id", "name", "-q"]) == 0
    captured = capsys.readouterr()
    assert "repaired 1 geometry" in captured.err and "note" not in captured.out
