"""Maps: layers for every touching pair, pairs without a capital, ±180°, the output checks, each format, a browser."""

import functools
import json
import os
import shutil
import subprocess

import pytest
import shapely

import geodist
from geodist import maps
from geodist.cli import main
from geodist.countries import all_countries
from geodist.errors import GeodistError, OutputFormatError, OutputPathError

TERRITORY_FILLS = [(143, 184, 222), (242, 194, 139)]  # maps.FILL, first and second, as RGB


def _kinds(collection):
    return sorted(f["properties"]["kind"] for f in collection["features"])


def _feature(collection, kind):
    return next(f for f in collection["features"] if f["properties"]["kind"] == kind)


@functools.cache
def _touching_pairs():
    """Every pair whose territories intersect: the pairs distance() reports at 0 km with shares_border."""
    countries = list(all_countries())
    territories = [c.territory for c in countries]
    first, second = shapely.STRtree(territories).query(territories, predicate="intersects")
    return sorted({(countries[i].id, countries[j].id) for i, j in zip(first, second, strict=True) if i < j})


@functools.cache
def _prepared(country_id):
    territory = geodist.country(country_id).territory
    shapely.prepare(territory)
    return territory


def test_touching_pairs_are_the_338_of_the_issue():
    pairs = _touching_pairs()
    assert len(pairs) == 338  # issue 10 counts 338 touching pairs (border distance 0)
    # Spot checks that the cheap predicate agrees with distance() both ways.
    for a, b in [pairs[0], pairs[len(pairs) // 2], ("IR", "TR")]:
        d = geodist.distance(a, b)
        assert d.distance_m == 0.0 and d.shares_border
    assert ("IR", "RU") not in pairs and geodist.distance("IR", "RU").shares_border is False


def test_every_touching_pair_has_its_shared_border_layer():
    """Regression: `geodist map Iran Turkey` crashed (empty nearest-border line) for 56 of 60 touching pairs."""
    contacts = {}
    for a, b in _touching_pairs():
        collection = maps.pair_features(a, b)
        kinds = _kinds(collection)
        assert kinds.count("territory") == 2 and "nearest_border" not in kinds, (a, b)
        shared = _feature(collection, "shared_border")
        geometry = shapely.geometry.shape(shared["geometry"])
        assert not geometry.is_empty, (a, b)
        assert shared["properties"]["distance_m"] == 0.0
        assert (shared["properties"]["length_km"] > 0) == (shared["properties"]["contact"] != "point")
        vertices = shapely.points(shapely.get_coordinates(geometry))
        for c in (a, b):  # every vertex lies on both territories (their outlines, or inside for an overlap)
            outline = _prepared(c)
            assert shapely.dwithin(outline, vertices, 1e-6).all(), (a, b, c)
        maps._centre(collection)  # every pair has a centre for the picture
        json.dumps(
            [f for f in collection["features"] if f["properties"]["kind"] != "territory"], allow_nan=False
        )
        contacts[(a, b)] = shared["properties"]
    # Botswana and Zambia (the Kazungula quadripoint) and Namibia and Zimbabwe meet at a point in the data.
    assert contacts[("BW", "ZM")]["contact"] == "point"
    assert contacts[("NA", "ZW")]["contact"] == "point"
    assert contacts[("IR", "TR")]["contact"] == "line"
    assert contacts[("IR", "TR")]["overlap_km2"] == 0.0


def test_an_enclave_inside_the_outline_of_its_neighbour():
    """Italy's outline holds the Vatican (from DCW-GMT): they overlap; the Vatican's outline is the shared border."""
    collection = maps.pair_features("Italy", "Vatican")
    shared = _feature(collection, "shared_border")
    # The Vatican covers 0.49 km² (44 ha; Holy See, vaticanstate.va): the overlap is about that.
    assert 0.4 < shared["properties"]["overlap_km2"] < 0.6
    # Its outline is some 3.2 km long (Leonine walls; Holy See); the drawn outline is that order.
    assert 2.5 < shared["properties"]["length_km"] < 4.5
    vatican = geodist.country("Vatican").territory
    assert shapely.geometry.shape(shared["geometry"]).hausdorff_distance(vatican.boundary) < 1e-3


@pytest.mark.parametrize(
    ("a", "b", "missing"),
    [("Somaliland", "Somalia", "Somaliland"), ("Antarctica", "Chile", "Antarctica")],
    ids=["touching", "distant"],
)
def test_pairs_without_a_capital_skip_that_layer_and_say_so(a, b, missing):
    """Regression: pairs without a capital crashed in maps._centre."""
    collection = maps.pair_features(a, b)
    kinds = _kinds(collection)
    assert "capitals" not in kinds and kinds.count("capital") == 1
    assert collection["notes"] == [f"{missing} has no capital in the data: no capital-to-capital line"]
    territory = next(
        f
        for f in collection["features"]
        if f["properties"]["kind"] == "territory" and f["properties"]["name"] == missing
    )
    assert territory["properties"]["capital"] is None


def test_centre_without_capitals():
    # Somaliland–Somalia: the middle of their shared border, which runs at about 47-49°E, 8-11°N.
    centre = maps._centre(maps.pair_features("Somaliland", "Somalia"))
    assert 7.9 < centre.lat < 11.6 and 46.0 < centre.lon < 49.1
    # Antarctica–Chile: the middle of the nearest-border geodesic across the Drake Passage.
    collection = maps.pair_features("Antarctica", "Chile")
    line = [p for part in _feature(collection, "nearest_border")["geometry"]["coordinates"] for p in part]
    centre = maps._centre(collection)
    middle = geodist.inverse(
        geodist.LatLon(lat=line[0][1], lon=line[0][0]), geodist.LatLon(lat=centre.lat, lon=centre.lon)
    )
    other = geodist.inverse(
        geodist.LatLon(lat=line[-1][1], lon=line[-1][0]), geodist.LatLon(lat=centre.lat, lon=centre.lon)
    )
    assert middle.distance_m == pytest.approx(other.distance_m, abs=1.0)


@pytest.mark.parametrize(
    ("a", "b"), [("USA", "Russia"), ("Fiji", "Tonga"), ("Antarctica", "New Zealand")], ids=str
)
def test_lines_across_the_antimeridian_are_split(a, b):
    collection = maps.pair_features(a, b)
    for f in collection["features"]:
        if f["geometry"]["type"] == "MultiLineString":
            for part in f["geometry"]["coordinates"]:
                assert all(-180 <= lon <= 180 for lon, _ in part)
    centre = maps._centre(collection)
    assert -90 <= centre.lat <= 90 and -180 <= centre.lon <= 180


def test_geojson_holds_the_expected_features(tmp_path):
    out = tmp_path / "pair.geojson"
    assert main(["map", "Iran", "Russia", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert _kinds(data) == [
        "capital",
        "capital",
        "capitals",
        "centre",
        "centre",
        "nearest_border",
        "territory",
        "territory",
    ]
    border = _feature(data, "nearest_border")
    # The README's Iran–Russia figure.
    assert border["properties"]["distance_km"] == pytest.approx(165.83, abs=0.01)
    assert len(border["geometry"]["coordinates"][0]) == 200  # a curve, not a straight segment
    assert data["notes"] == []


# --- the output path, checked before any work -------------------------------------------------------


def _no_work(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the map was built before the output path was checked")

    monkeypatch.setattr(maps, "pair_features", fail)


@pytest.mark.parametrize(
    ("name", "error", "builtin", "words"),
    [
        ("missing/dir/x.png", OutputPathError, OSError, "does not exist"),
        (".", OutputPathError, OSError, "is a folder"),
        ("x.bmp", OutputFormatError, ValueError, "use a .png, .svg, .html or .geojson"),
        ("x", OutputFormatError, ValueError, "no extension"),
    ],
    ids=["no-folder", "a-folder", "bad-extension", "no-extension"],
)
def test_output_path_errors(tmp_path, monkeypatch, capsys, name, error, builtin, words):
    """Regression: these gave a raw FileNotFoundError/IsADirectoryError traceback, exit 1."""
    _no_work(monkeypatch)
    target = tmp_path / name
    with pytest.raises(error, match=words) as caught:
        maps.write_map("Iran", "Turkey", target)
    assert isinstance(caught.value, GeodistError) and isinstance(caught.value, builtin)
    assert main(["map", "Iran", "Turkey", "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and words in captured.err
    assert "Traceback" not in captured.err


def test_output_path_without_permission(tmp_path, monkeypatch, capsys):
    # Tests may run as root, who may write anywhere: pretend the folder is read-only.
    _no_work(monkeypatch)
    monkeypatch.setattr(maps.os, "access", lambda path, mode: False)
    with pytest.raises(OutputPathError, match="permission denied"):
        maps.write_map("Iran", "Turkey", tmp_path / "x.png")
    assert main(["map", "Iran", "Turkey", "-o", str(tmp_path / "x.svg")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_failing_write_is_an_output_path_error(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(maps.Path, "write_text", refuse)
    with pytest.raises(OutputPathError, match="Permission denied"):
        maps.write_map("Iran", "Turkey", tmp_path / "x.geojson")


def test_unknown_tiles(tmp_path, capsys):
    with pytest.raises(OutputFormatError, match="unknown tiles"):
        maps.write_map("Iran", "Turkey", tmp_path / "x.html", tiles="google")
    assert main(["map", "Iran", "Turkey", "-o", str(tmp_path / "x.html"), "--tiles", "google"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_extra(tmp_path, capsys, monkeypatch):
    import builtins
    import sys

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)
    assert main(["map", "Iran", "Russia", "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'geodist[map]'" in err and len(err.strip().splitlines()) == 1


# --- the HTML page ---------------------------------------------------------------------------------


def test_html_map_is_self_contained(tmp_path):
    out = tmp_path / "pair.html"
    assert main(["map", "Iran", "Turkey", "-o", str(out), "--tiles", "none"]) == 0
    page = out.read_text()
    vendor = geodist._data.data_dir() / "vendor"
    leaflet_js, leaflet_css = (vendor / "leaflet.js").read_text(), (vendor / "leaflet.css").read_text()
    assert leaflet_js in page and leaflet_css in page  # inlined unchanged
    ours = page.replace(leaflet_js, "").replace(leaflet_css, "")
    assert "http" not in ours and "<link" not in ours and "src=" not in ours  # nothing to fetch
    assert "this file needs no network" in page
    with_tiles = tmp_path / "tiles.html"
    assert main(["map", "Iran", "Turkey", "-o", str(with_tiles)]) == 0
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in with_tiles.read_text()
    assert "needs the internet" in with_tiles.read_text()


def test_html_escapes_the_embedded_data(tmp_path):
    from geodist._map_html import html_page

    collection = maps.pair_features("Iran", "Turkey")
    collection["notes"] = ["</script><script>alert(1)</script>"]
    page = html_page(collection, maps._centre(collection), tiles="none")
    assert "</script><script>alert(1)" not in page


# --- rendering, slow ---------------------------------------------------------------------------------

SAMPLE = [
    ("Iran", "Turkey"),  # touching
    ("Iran", "Russia"),  # distant
    ("Somaliland", "Somalia"),  # no capital, touching
    ("Antarctica", "New Zealand"),  # no capital, across ±180°
    ("Fiji", "Tonga"),  # across ±180°
]


def _colours(path):
    import matplotlib.image

    image = matplotlib.image.imread(path)
    flat = (image[:, :, :3] * 255).round().astype(int).reshape(-1, 3)
    return {tuple(c) for c in flat}


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".png", ".svg", ".html", ".geojson"])
@pytest.mark.parametrize(("a", "b"), SAMPLE, ids=["-".join(p) for p in SAMPLE])
def test_render_sample(tmp_path, capsys, a, b, suffix):
    if suffix in {".png", ".svg"}:
        pytest.importorskip("matplotlib")
    out = tmp_path / f"pair{suffix}"
    assert main(["map", a, b, "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    text = None if suffix == ".png" else out.read_text()
    if suffix == ".png":
        colours = _colours(out)
        assert all(fill in colours for fill in TERRITORY_FILLS)
    elif suffix == ".svg":
        assert text.lstrip().startswith("<?xml") and "#8fb8de" in text and "#f2c28b" in text
    elif suffix == ".html":
        assert "L.geoJSON" in text
    else:
        assert _kinds(json.loads(text)).count("territory") == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b"), [("Iran", "Russia"), ("USA", "Russia")], ids=["iran-russia", "across-180"]
)
def test_png_map_is_non_trivial(tmp_path, a, b):
    pytest.importorskip("matplotlib")
    out = tmp_path / "pair.png"
    assert main(["map", a, b, "-o", str(out)]) == 0
    assert out.stat().st_size > 30_000
    colours = _colours(out)
    assert len(colours) > 10 and all(fill in colours for fill in TERRITORY_FILLS)


# --- a real browser, offline -------------------------------------------------------------------------

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


@functools.cache
def _browser():
    """The first browser found that runs: Ubuntu's ``chromium`` can be a wrapper for a snap that is not there."""
    for name in _BROWSERS:
        path = shutil.which(name)
        if path is None:
            continue
        try:
            done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and "chrom" in done.stdout.lower():
            return path
    return None


@pytest.mark.slow
@pytest.mark.skipif(
    _browser() is None, reason=f"no working headless browser found (looked for {', '.join(_BROWSERS)})"
)
@pytest.mark.parametrize(("a", "b"), [("Iran", "Turkey"), ("USA", "Russia")], ids=["touching", "across-180"])
def test_html_map_shows_the_territories_in_a_browser_offline(tmp_path, a, b):
    pytest.importorskip("matplotlib")  # reads the screenshot
    page = tmp_path / "pair.html"
    shot = tmp_path / "shot.png"
    assert main(["map", a, b, "-o", str(page), "--tiles", "none"]) == 0
    subprocess.run(
        [
            _browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can load from the web
            "--window-size=800,600",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    import matplotlib.image

    image = (matplotlib.image.imread(shot)[:, :, :3] * 255).round().astype(int)
    assert image.shape[:2] == (600, 800)
    for fill in TERRITORY_FILLS:  # opaque fills without tiles: the exact colours, over many pixels
        share = ((abs(image - fill) <= 2).all(axis=2)).mean()
        assert share > 0.005, (fill, share)
